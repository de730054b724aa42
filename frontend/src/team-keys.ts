// A new program key, made in this admin's browser: after a member who held
// the key left (the banner every admin's console shows until it is done), on
// demand, or when the key is older than the program's limit.
//
// The new private key is sealed here to every member who holds the current
// one, using the public keys the server stores (compared by fingerprint when
// each was first granted; this admin's own is checked against her keyring);
// the server receives the public key and those grants in one request. The
// recovery file of the new key is shown once, then the key is wiped.

import { b64d, b64e, generateKeypair, grantInfo, recoveryDocument, seal } from "./crypto";
import { type Keyring, SessionError, apiRequest } from "./session";
import { el } from "./console/dom";

export type Translate = (key: string) => string;

interface Holder {
  id: string;
  email: string;
  display_name: string;
  public_key: string;
}

interface Rotation {
  program_id: string;
  current: { number: number; public_key: string };
  next: number;
  holders: Holder[];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Runs the flow inside `box` (emptied first). Resolves with the new epoch's
 * number once it is stored and its recovery file confirmed saved, or null when
 * the admin cancelled or it failed (the reason is shown in `box`).
 */
export async function rotateKey(box: HTMLElement, keyring: Keyring, t: Translate): Promise<number | null> {
  const status = el("p", { role: "status", class: "rotate-status" });
  if (!keyring.holdsCurrentKey) {
    box.replaceChildren(el("p", {}, t("team.keys_not_holder")));
    return null;
  }
  let rotation: Rotation;
  try {
    rotation = await apiRequest<Rotation>("team/rotation");
  } catch {
    box.replaceChildren(el("p", { class: "error", role: "alert" }, t("team.rotate_failed")));
    return null;
  }
  const names = rotation.holders.map((h) => h.display_name || h.email).join(", ");
  const go = el("button", { type: "button", class: "primary", id: "rotate-go" }, t("team.rotate_go"));
  const cancel = el("button", { type: "button", id: "rotate-cancel" }, t("team.cancel"));
  box.replaceChildren(
    el("h3", { id: "rotate-heading" }, t("team.rotate_heading")),
    el("p", {}, fill(t("team.rotate_explain"), { names })),
    go,
    " ",
    cancel,
    status,
  );
  go.focus();
  const chosen = await new Promise<boolean>((resolve) => {
    go.addEventListener("click", () => resolve(true), { once: true });
    cancel.addEventListener("click", () => resolve(false), { once: true });
  });
  if (!chosen) {
    box.replaceChildren();
    return null;
  }
  go.disabled = cancel.disabled = true;
  status.textContent = t("team.rotate_working");
  try {
    const made = await makeAndSend(rotation, keyring);
    await showRecovery(box, t, rotation, made.number, made.document);
    await keyring.refresh();
    box.replaceChildren(el("p", { role: "status" }, fill(t("team.rotate_done"), { number: String(made.number) })));
    return made.number;
  } catch (error) {
    const mismatch = error instanceof SessionError && error.code === "holder_key_mismatch";
    box.replaceChildren(el("p", { class: "error", role: "alert" }, t(mismatch ? "team.rotate_key_mismatch" : "team.rotate_failed")));
    return null;
  }
}

async function makeAndSend(first: Rotation, keyring: Keyring): Promise<{ number: number; document: string }> {
  let rotation = first;
  for (let attempt = 0; attempt < 2; attempt++) {
    const own = rotation.holders.find((h) => h.id === keyring.me.id);
    if (own === undefined || b64e(keyring.me.publicKey) !== own.public_key) {
      throw new SessionError("holder_key_mismatch");
    }
    const pair = await generateKeypair();
    try {
      const grants = [];
      for (const holder of rotation.holders) {
        const sealed = await seal(
          b64d(holder.public_key),
          pair.privateKey,
          grantInfo(rotation.program_id, rotation.next, holder.id),
        );
        grants.push({ user_id: holder.id, sealed_key: b64e(sealed) });
      }
      try {
        await apiRequest("team/epochs", { number: rotation.next, public_key: b64e(pair.publicKey), grants });
      } catch (error) {
        // Someone was granted or left meanwhile: ask again whom to seal to, once.
        if (attempt === 0 && error instanceof SessionError && error.code === "holders_changed") {
          rotation = await apiRequest<Rotation>("team/rotation");
          continue;
        }
        throw error;
      }
      return { number: rotation.next, document: await recoveryDocument(rotation.program_id, pair.privateKey) };
    } finally {
      pair.privateKey.fill(0);
    }
  }
  throw new SessionError("holders_changed");
}

function showRecovery(box: HTMLElement, t: Translate, rotation: Rotation, number: number, text: string): Promise<void> {
  return new Promise((resolve) => {
    const saved = el("input", { type: "checkbox", id: "epoch-recovery-saved" });
    const next = el("button", { type: "button", id: "epoch-recovery-continue", disabled: "" }, t("team.recovery_continue"));
    const download = el("button", { type: "button", id: "epoch-recovery-download" }, t("team.recovery_download"));
    const print = el("button", { type: "button", id: "epoch-recovery-print" }, t("team.recovery_print"));
    const sheet = el("pre", { class: "recovery print-only" }, text);
    download.addEventListener("click", () => {
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      const link = el("a", { href: url, download: `havre-recovery-${rotation.program_id}-key-${number}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    print.addEventListener("click", () => {
      document.body.classList.add("printing-recovery");
      window.print();
      document.body.classList.remove("printing-recovery");
    });
    saved.addEventListener("change", () => {
      next.disabled = !saved.checked;
    });
    next.addEventListener("click", () => {
      sheet.replaceChildren();
      resolve();
    });
    box.replaceChildren(
      el("h3", { id: "epoch-recovery-heading" }, t("team.recovery_heading")),
      el("p", {}, t("team.recovery_explain")),
      sheet,
      download,
      " ",
      print,
      el("p", {}, saved, " ", el("label", { for: "epoch-recovery-saved" }, t("team.recovery_saved"))),
      next,
    );
    download.focus();
  });
}
