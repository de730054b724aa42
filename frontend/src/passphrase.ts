// A new passphrase, typed twice beside a strength meter: on the sign-up and
// reset page, and in the console's account area. The meter's code
// (strength.ts) is a bundle of its own, loaded here when the field appears.

import { el } from "./console/dom";
import type { Strength } from "./strength";

type Translate = (key: string) => string;

interface StrengthApi {
  measure(passphrase: string, language: string, personal: string[]): Strength;
}

declare global {
  interface Window {
    HavreStrength?: StrengthApi;
  }
}

let loading: Promise<StrengthApi> | null = null;

/** The strength bundle, loaded once per page from the same origin (the CSP allows nothing else). */
export function loadStrength(url: string): Promise<StrengthApi> {
  if (window.HavreStrength !== undefined) return Promise.resolve(window.HavreStrength);
  loading ??= new Promise<StrengthApi>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.addEventListener("load", () =>
      window.HavreStrength !== undefined ? resolve(window.HavreStrength) : reject(new Error("strength")),
    );
    script.addEventListener("error", () => {
      loading = null;
      reject(new Error("strength"));
    });
    document.head.append(script);
  });
  return loading;
}

export interface PassphraseField {
  element: HTMLElement;
  /** The new passphrase, or null after showing why it cannot be used. */
  take(): string | null;
  focus(): void;
  clear(): void;
}

/**
 * Two password inputs, a meter and the texts that go with them.
 * `personal` are words the passphrase must not lean on (address, name, program).
 */
export function passphraseField(
  prefix: string,
  t: Translate,
  language: () => string,
  strengthUrl: string,
  personal: string[],
): PassphraseField {
  const first = el("input", {
    type: "password",
    id: `${prefix}-passphrase`,
    autocomplete: "new-password",
    required: "",
    spellcheck: "false",
    "aria-describedby": `${prefix}-meter-text ${prefix}-private`,
  });
  const again = el("input", {
    type: "password",
    id: `${prefix}-passphrase-again`,
    autocomplete: "new-password",
    required: "",
    spellcheck: "false",
  });
  const meter = el("meter", {
    id: `${prefix}-meter`,
    min: "0",
    max: "4",
    low: "2",
    high: "3.5",
    optimum: "4",
    value: "0",
    "aria-labelledby": `${prefix}-meter-label`,
  });
  const meterText = el("span", { id: `${prefix}-meter-text`, class: "meter-text", "aria-live": "polite" });
  const problem = el("p", { class: "form-error error", role: "alert", id: `${prefix}-passphrase-problem` });
  let api: StrengthApi | null = null;
  let latest: Strength | null = null;

  const update = (): void => {
    if (api === null) {
      meterText.textContent = t("strength.loading");
      return;
    }
    latest = api.measure(first.value, language(), personal);
    meter.value = first.value === "" ? 0 : latest.score;
    const parts = first.value === "" ? [] : [t(`strength.score_${latest.score}`)];
    if (first.value !== "" && !latest.acceptable) parts.push(t("strength.below_floor"));
    if (latest.warning) parts.push(latest.warning);
    meterText.textContent = parts.join(" ");
  };
  first.addEventListener("input", update);
  void loadStrength(strengthUrl).then(
    (loaded) => {
      api = loaded;
      update();
    },
    () => {
      meterText.textContent = t("strength.unavailable");
    },
  );

  const element = el(
    "div",
    { class: "passphrase-field" },
    el("p", {}, el("strong", {}, t("strength.rule")), " ", t("strength.why")),
    el("p", { id: `${prefix}-private`, class: "hint" }, t("strength.private")),
    el("p", { class: "field" }, el("label", { for: first.id }, t("strength.passphrase")), el("br"), first),
    el(
      "p",
      { class: "meter-row" },
      el("span", { id: `${prefix}-meter-label` }, t("strength.meter")),
      " ",
      meter,
      " ",
      meterText,
    ),
    el("p", { class: "field" }, el("label", { for: again.id }, t("strength.again")), el("br"), again),
    problem,
  );

  return {
    element,
    take(): string | null {
      problem.textContent = "";
      if (api === null) {
        problem.textContent = t("strength.unavailable");
        return null;
      }
      update();
      if (latest === null || !latest.acceptable) {
        problem.textContent = t("strength.too_weak");
        first.focus();
        return null;
      }
      if (first.value !== again.value) {
        problem.textContent = t("strength.mismatch");
        again.focus();
        return null;
      }
      const value = first.value;
      first.value = again.value = "";
      meter.value = 0;
      meterText.textContent = "";
      return value;
    },
    focus(): void {
      first.focus();
    },
    clear(): void {
      first.value = again.value = "";
      problem.textContent = "";
    },
  };
}
