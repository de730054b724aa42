// One-time recovery codes, shown once: on the page that enrolled a second
// factor, and in the console's account area when new ones are made. The
// server keeps only their hashes; once this sheet is gone, nobody can show
// them again.

import { el } from "./console/dom";

type Translate = (key: string) => string;

/** The sheet; `done` runs once the member confirms she kept the codes. */
export function recoveryCodesSheet(codes: string[], t: Translate, fileName: string, done: () => void): HTMLElement {
  const text = codes.join("\n") + "\n";
  const saved = el("input", { type: "checkbox", id: "recovery-codes-saved" });
  const next = el("button", { type: "button", id: "recovery-codes-continue", disabled: "" }, t("codes.continue"));
  const download = el("button", { type: "button", id: "recovery-codes-download" }, t("codes.download"));
  const list = el("ol", { class: "recovery-codes", id: "recovery-codes" }, ...codes.map((code) => el("li", {}, el("code", {}, code))));
  const sheet = el(
    "section",
    { class: "recovery-codes-sheet", "aria-labelledby": "recovery-codes-title" },
    el("h2", { id: "recovery-codes-title" }, t("codes.heading")),
    el("p", {}, t("codes.explain")),
    list,
    el("p", {}, download),
    el("p", {}, saved, " ", el("label", { for: "recovery-codes-saved" }, t("codes.saved"))),
    next,
  );
  download.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = el("a", { href: url, download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  saved.addEventListener("change", () => {
    next.disabled = !saved.checked;
  });
  next.addEventListener("click", () => {
    list.replaceChildren();
    done();
  });
  return sheet;
}
