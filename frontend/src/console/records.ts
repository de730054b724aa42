// The Records section, for admins: the retention policy (the same durations
// `havre retention set` takes), the purge reports (counts and durations) and
// the audit log (paged, filtered by kind, member and dates). Nothing here is
// decrypted, and nothing names anyone but staff.

import { SessionError, apiRequest } from "../session";
import { el } from "./dom";
import { formatWhen, t, tn } from "./i18n";

const BASE = "/console/api/records/";
const FIELDS = ["delete_after", "close_idle_after", "audit_keep"] as const;
type Field = (typeof FIELDS)[number];
const KINDS = [
  "sign_in",
  "opened",
  "close",
  "conversation",
  "relationship",
  "block",
  "transfer",
  "join",
  "deactivate",
  "grant",
  "epoch",
  "route_key_rotated",
  "retention_set",
  "triage",
  "emergency",
];

interface Policy {
  delete_after: string;
  close_idle_after: string;
  audit_keep: string;
  limits: Record<Field, [string, string]>;
  defaults: Record<Field, string>;
  updated_at: string;
}

interface PurgeRow {
  started_at: string;
  duration_ms: number;
  trigger: string;
  counts: Record<string, number>;
}

interface AuditRow {
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  target: string;
}

interface AuditPage {
  entries: AuditRow[];
  more: boolean;
  /** Where the next page starts, while there is one. */
  next: string | null;
  members: { id: string; name: string }[];
}

export interface RecordsHost {
  signedOut(): void;
}

/** The start of a local day (`2026-12-01`) as an ISO time, or null. */
function dayStart(day: string, plusDays = 0): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (parts === null) return null;
  return new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + plusDays).toISOString();
}

export class RecordsSection {
  #policy = el("section", { class: "records-policy", "aria-labelledby": "records-policy-title" });
  #purges = el("section", { class: "records-purges", "aria-labelledby": "records-purges-title" });
  #audit = el("section", { class: "records-audit", "aria-labelledby": "records-audit-title" });
  #auditRows = el("tbody");
  #auditStatus = el("p", { class: "records-status", role: "status" });
  #older = el("button", { type: "button", class: "quiet", id: "audit-older", hidden: "" });
  #kind = el("select", { id: "audit-kind", name: "kind" });
  #member = el("select", { id: "audit-member", name: "member" });
  #from = el("input", { type: "date", id: "audit-from", name: "from" });
  #to = el("input", { type: "date", id: "audit-to", name: "to" });
  #cursor: string | null = null;
  #shown = 0;
  #ticket = 0;
  #auditTicket = 0;
  #visible = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: RecordsHost,
  ) {}

  show(): void {
    this.#visible = true;
    this.#build();
    void this.#loadPolicy("");
    void this.#loadPurges();
    void this.#loadAudit(false);
  }

  hide(): void {
    this.#visible = false;
  }

  /** The console locked: forget everything shown. */
  clear(): void {
    this.#visible = false;
    this.#ticket += 1;
    this.#auditTicket += 1;
    this.container.replaceChildren();
  }

  languageChanged(): void {
    if (this.#visible) this.show();
  }

  #build(): void {
    this.#ticket += 1;
    const form = el("form", { class: "audit-filter", id: "audit-filter" });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#loadAudit(false);
    });
    this.#kind.replaceChildren(
      el("option", { value: "" }, t("records.audit.kind_any")),
      ...KINDS.map((kind) => el("option", { value: kind }, t(`records.kind.${kind}`))),
    );
    this.#member.replaceChildren(el("option", { value: "" }, t("records.audit.member_any")));
    form.append(
      el(
        "fieldset",
        {},
        el("legend", {}, t("records.audit.filter")),
        el("label", { for: "audit-kind" }, t("records.audit.kind")),
        this.#kind,
        el("label", { for: "audit-member" }, t("records.audit.member")),
        this.#member,
        el("label", { for: "audit-from" }, t("records.audit.from")),
        this.#from,
        el("label", { for: "audit-to" }, t("records.audit.to")),
        this.#to,
        el("button", { type: "submit", class: "primary" }, t("records.audit.show")),
      ),
    );
    this.#older.textContent = t("records.audit.older");
    this.#older.onclick = () => void this.#loadAudit(true);
    this.#auditRows.replaceChildren();
    this.#audit.replaceChildren(
      el("h2", { id: "records-audit-title" }, t("records.audit.title")),
      el("p", {}, t("records.audit.intro")),
      form,
      this.#auditStatus,
      this.#table("audit-table", "records.audit.title", ["when", "who", "action", "target"].map((key) => `records.audit.${key}`), this.#auditRows),
      el("p", {}, this.#older),
    );
    this.#policy.replaceChildren(el("h2", { id: "records-policy-title" }, t("records.policy.title")), el("p", {}, t("records.loading")));
    this.#purges.replaceChildren(el("h2", { id: "records-purges-title" }, t("records.purges.title")), el("p", {}, t("records.loading")));
    this.container.replaceChildren(el("p", { class: "records-intro" }, t("records.intro")), this.#policy, this.#purges, this.#audit);
  }

  /** A table in a box of its own that scrolls on a phone, reachable from the keyboard. */
  #table(id: string, title: string, heads: string[], body: HTMLTableSectionElement): HTMLElement {
    const head = el("tr", {}, ...heads.map((key) => el("th", { scope: "col" }, t(key))));
    return el(
      "div",
      { class: "records-scroll", tabindex: "0" },
      el("table", { class: "records-table", id }, el("caption", { class: "visually-hidden" }, t(title)), el("thead", {}, head), body),
    );
  }

  #failed(error: unknown, where: HTMLElement, key: string): void {
    if (error instanceof SessionError && error.status === 401) {
      this.host.signedOut();
      return;
    }
    const text = error instanceof SessionError && error.status === 403 ? t("records.forbidden") : t(key);
    where.replaceChildren(where.firstElementChild ?? "", el("p", { class: "form-error", role: "alert" }, text));
  }

  // -- the policy ----------------------------------------------------------------

  async #loadPolicy(said: string): Promise<void> {
    const ticket = this.#ticket;
    let policy: Policy;
    try {
      policy = await apiRequest<Policy>(`${BASE}policy`);
    } catch (error) {
      if (ticket === this.#ticket) this.#failed(error, this.#policy, "records.policy.error");
      return;
    }
    if (ticket === this.#ticket) this.#drawPolicy(policy, said);
  }

  #drawPolicy(policy: Policy, said: string): void {
    const status = el("p", { class: "records-status", role: "status", id: "policy-status" }, said);
    const inputs = new Map<Field, HTMLInputElement>();
    const errors = new Map<Field, HTMLElement>();
    const fields = FIELDS.map((name) => {
      const id = `policy-${name.replaceAll("_", "-")}`;
      const [low, high] = policy.limits[name];
      const input = el("input", {
        type: "text",
        id,
        name,
        value: policy[name],
        required: "",
        spellcheck: "false",
        autocomplete: "off",
        autocapitalize: "off",
        inputmode: "text",
        "aria-describedby": `${id}-hint ${id}-error`,
      });
      const error = el("p", { class: "form-error", id: `${id}-error` });
      inputs.set(name, input);
      errors.set(name, error);
      return el(
        "div",
        { class: "field" },
        el("label", { for: id }, t(`records.policy.${name}`)),
        input,
        el("p", { class: "hint", id: `${id}-hint` }, t(`records.policy.${name}_hint`, { default: policy.defaults[name], low, high })),
        error,
      );
    });
    const form = el(
      "form",
      { class: "stack policy-form", id: "policy-form", novalidate: "" },
      el("p", {}, t("records.policy.intro")),
      ...fields,
      el("button", { type: "submit", class: "primary" }, t("records.policy.save")),
      status,
      el("p", { class: "hint" }, t("records.policy.updated", { when: formatWhen(policy.updated_at) })),
    );
    const mark = (name: Field | null, text: string): void => {
      for (const [field, input] of inputs) {
        const wrong = field === name;
        errors.get(field)!.textContent = wrong ? text : "";
        if (wrong) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values: Record<string, string> = {};
      for (const [name, input] of inputs) {
        const written = input.value.trim();
        if (written !== policy[name]) values[name] = written;
      }
      if (Object.keys(values).length === 0) {
        mark(null, "");
        status.textContent = t("records.policy.saved");
        return;
      }
      void (async () => {
        try {
          const saved = await apiRequest<Policy>(`${BASE}policy`, values);
          this.#drawPolicy(saved, t("records.policy.saved"));
          document.getElementById("policy-form")?.querySelector("button")?.focus();
          void this.#loadAudit(false);
        } catch (error) {
          if (error instanceof SessionError && error.status === 401) {
            this.host.signedOut();
            return;
          }
          const code = error instanceof SessionError ? error.code : "";
          const field = FIELDS.find((name) => code === `bad_${name}` || code === `out_of_bounds_${name}`) ?? null;
          if (field === null) {
            mark(null, "");
            status.textContent = error instanceof SessionError && error.status === 403 ? t("records.forbidden") : t("records.policy.error");
            return;
          }
          const [low, high] = policy.limits[field];
          mark(field, code.startsWith("bad_") ? t("records.policy.bad") : t("records.policy.out_of_bounds", { low, high }));
          status.textContent = t("records.policy.fix");
          inputs.get(field)?.focus();
        }
      })();
    });
    this.#policy.replaceChildren(el("h2", { id: "records-policy-title" }, t("records.policy.title")), form);
  }

  // -- purge reports -------------------------------------------------------------

  async #loadPurges(): Promise<void> {
    const ticket = this.#ticket;
    let reports: PurgeRow[];
    try {
      reports = (await apiRequest<{ reports: PurgeRow[] }>(`${BASE}purges`)).reports;
    } catch (error) {
      if (ticket === this.#ticket) this.#failed(error, this.#purges, "records.audit.error");
      return;
    }
    if (ticket !== this.#ticket) return;
    const title = el("h2", { id: "records-purges-title" }, t("records.purges.title"));
    const intro = el("p", {}, t("records.purges.intro"));
    if (reports.length === 0) {
      this.#purges.replaceChildren(title, intro, el("p", { class: "empty" }, t("records.purges.none")));
      return;
    }
    const rows = reports.map((report) => {
      const done = Object.entries(report.counts).filter(([, n]) => n > 0);
      const what =
        done.length === 0
          ? t("records.purges.nothing")
          : done.map(([name, n]) => t("records.purges.count", { what: t(`records.count.${name}`), n })).join(" · ");
      const trigger = `records.trigger.${report.trigger}`;
      return el(
        "tr",
        {},
        el("td", {}, formatWhen(report.started_at)),
        el("td", {}, t(trigger) === trigger ? report.trigger : t(trigger)),
        el("td", {}, t("records.purges.ms", { n: report.duration_ms })),
        el("td", {}, what),
      );
    });
    this.#purges.replaceChildren(
      title,
      intro,
      this.#table("purge-table", "records.purges.title", ["when", "trigger", "duration", "what"].map((key) => `records.purges.${key}`), el("tbody", {}, ...rows)),
    );
  }

  // -- the audit log -------------------------------------------------------------

  async #loadAudit(older: boolean): Promise<void> {
    const ticket = ++this.#auditTicket;
    const query = new URLSearchParams();
    if (this.#kind.value !== "") query.set("action", this.#kind.value);
    if (this.#member.value !== "") query.set("actor", this.#member.value);
    const from = this.#from.value === "" ? null : dayStart(this.#from.value);
    const to = this.#to.value === "" ? null : dayStart(this.#to.value, 1);
    if ((this.#from.value !== "" && from === null) || (this.#to.value !== "" && to === null) || (from !== null && to !== null && from >= to)) {
      this.#auditStatus.textContent = t("records.audit.bad_dates");
      return;
    }
    if (from !== null) query.set("after", from);
    if (to !== null) query.set("before", to);
    if (older && this.#cursor !== null) query.set("cursor", this.#cursor);
    this.#auditStatus.textContent = t("records.loading");
    let page: AuditPage;
    try {
      page = await apiRequest<AuditPage>(`${BASE}audit?${query.toString()}`);
    } catch (error) {
      if (ticket !== this.#auditTicket) return;
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      else this.#auditStatus.textContent = error instanceof SessionError && error.status === 403 ? t("records.forbidden") : t("records.audit.error");
      return;
    }
    if (ticket !== this.#auditTicket) return;
    this.#fillMembers(page.members);
    const rows = page.entries.map((entry) =>
      el(
        "tr",
        {},
        el("td", {}, el("time", { datetime: entry.at }, formatWhen(entry.at))),
        el("td", {}, entry.actor?.name ?? t("records.audit.system")),
        el("td", {}, el("code", {}, entry.action)),
        el("td", {}, el("code", { class: "audit-target" }, entry.target)),
      ),
    );
    if (older) this.#auditRows.append(...rows);
    else this.#auditRows.replaceChildren(...rows);
    this.#shown = (older ? this.#shown : 0) + rows.length;
    this.#cursor = page.next;
    this.#older.hidden = !page.more;
    this.#auditStatus.textContent = this.#shown === 0 ? t("records.audit.none") : tn("records.audit.shown", this.#shown);
  }

  #fillMembers(members: { id: string; name: string }[]): void {
    const chosen = this.#member.value;
    if (this.#member.options.length === members.length + 1) return;
    this.#member.replaceChildren(
      el("option", { value: "" }, t("records.audit.member_any")),
      ...members.map((member) => el("option", { value: member.id }, member.name)),
    );
    this.#member.value = chosen;
  }
}
