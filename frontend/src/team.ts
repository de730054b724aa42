// The admins' team panel: members, invitations, giving the program key, and
// what changes over time: the program key, the sign-in settings, parting
// with a member and the resets.
//
// Giving the key happens here, in the admin's browser: the program private
// key is sealed to the member's public key, after the admin has compared the
// member's fingerprint with what the member reads from their own screen. The
// comparison is what stops a server from slipping in a key of its own.

import { b64d, b64e, fingerprint, grantInfo, seal } from "./crypto";
import { type Keyring, type Role, SessionError, apiRequest } from "./session";
import { el } from "./console/dom";
import { rotateKey } from "./team-keys";

export { ownFingerprint } from "./session";

export type Translate = (key: string) => string;
/** A count's text by gettext's plural forms, `{n}` filled in (the console's `tn`). */
export type TranslateCount = (key: string, n: number) => string;

interface Member {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  is_active: boolean;
  on_duty: boolean;
  public_key: string | null;
  signed_up: boolean;
  has_grant: boolean;
  epochs_held: number[];
}

interface KeyState {
  epoch: { number: number; created_at: string; age_days: number } | null;
  new_key_needed_since: string | null;
  rotation_due: boolean;
  key_max_age_days?: number;
}

interface Team {
  epoch: number | null;
  keys: KeyState;
  program: { idle_lock_minutes: number; key_max_age_days: number };
  members: Member[];
}

const ROLES: Role[] = ["advocate", "supervisor", "admin"];
const DEACTIVATE_URL = "/console/api/team/people/";

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function errorText(t: Translate, error: unknown): string {
  if (error instanceof SessionError && error.code === "too_many_attempts") return t("team.too_many_attempts");
  return t("team.error_generic");
}

function nameOf(member: Member): string {
  return member.display_name || member.email;
}

export interface TeamPanel {
  /** Redraws in the background: what the admin has open stays. */
  refresh(): Promise<void>;
  /** The admin came to the Team area: a fresh look, closing what was left open. */
  show(): Promise<void>;
  destroy(): void;
}

/** Mounts the panel into `container` (emptied first) for an admin's unlocked keyring. */
export function mountTeamPanel(
  container: HTMLElement,
  keyring: Keyring,
  t: Translate,
  tn: TranslateCount,
  onKeysChanged: () => void = () => undefined,
): TeamPanel {
  const status = el("p", { role: "status", class: "team-status" });
  const keys = el("section", { class: "team-keys", "aria-labelledby": "team-keys-heading" });
  const list = el("div", { class: "team-members" }, t("team.loading"));
  const settings = el("section", { class: "team-settings", "aria-labelledby": "team-settings-heading" });
  const root = el(
    "section",
    { class: "team-panel" },
    el("h2", {}, t("team.heading")),
    status,
    keys,
    list,
    inviteForm(),
    settings,
  );
  container.replaceChildren(root);

  const say = (text: string): void => {
    status.textContent = text;
  };

  // A confirmation the admin has open (comparing a fingerprint, parting with a
  // member, a reset and its one-time link) survives the refreshes that live
  // events start in the background: only closing it, finishing it, or coming
  // back to the Team area redraws the list.
  // So does a rotation under way, whose recovery key is shown only once.
  let confirming: HTMLElement | null = null;
  let rotating = false;
  let asked = 0;

  async function refresh(): Promise<void> {
    const ask = ++asked;
    let team: Team;
    try {
      team = await apiRequest<Team>("team");
    } catch (error) {
      if (ask === asked && confirming === null) {
        list.replaceChildren(el("p", { class: "error", role: "alert" }, errorText(t, error)));
      }
      return;
    }
    if (ask !== asked) return; // a newer answer is on its way
    if (!rotating) renderKeys(team);
    if (confirming?.isConnected !== true) {
      confirming = null;
      list.replaceChildren(table(team));
    }
    if (!settings.contains(document.activeElement)) renderSettings(team);
  }

  function hold(cell: HTMLElement, box: HTMLElement): void {
    cell.replaceChildren(box);
    confirming = box;
  }

  function release(): Promise<void> {
    confirming = null;
    return refresh();
  }

  // -- the program key -----------------------------------------------------------

  function renderKeys(team: Team): void {
    const state = team.keys;
    const parts: Node[] = [el("h3", { id: "team-keys-heading" }, t("team.keys_heading"))];
    if (state.epoch !== null) {
      const when = new Date(state.epoch.created_at).toLocaleDateString(document.documentElement.lang || "en");
      parts.push(el("p", {}, fill(t("team.keys_state"), { number: String(state.epoch.number), when })));
    }
    if (state.new_key_needed_since !== null) {
      parts.push(el("p", { class: "notice notice-error" }, t("team.banner_needed")));
    } else if (state.rotation_due) {
      parts.push(el("p", { class: "notice", id: "key-age-reminder" }, fill(t("team.keys_due"), { days: String(team.program.key_max_age_days) })));
    }
    const box = el("div", { class: "team-rotate" });
    if (keyring.holdsCurrentKey) {
      const button = el("button", { type: "button", id: "rotate-button" }, t("team.keys_rotate"));
      button.addEventListener("click", () => void rotateHere(box));
      parts.push(button);
    } else {
      parts.push(el("p", {}, t("team.keys_not_holder")));
    }
    parts.push(box);
    keys.replaceChildren(...parts);
  }

  async function rotateHere(box: HTMLElement): Promise<void> {
    rotating = true;
    let made: number | null;
    try {
      made = await rotateKey(box, keyring, t);
    } finally {
      rotating = false;
    }
    if (made !== null) {
      onKeysChanged();
      await refresh();
      say(fill(t("team.rotate_done"), { number: String(made) }));
    }
  }

  // -- members ------------------------------------------------------------------------

  function table(team: Team): HTMLTableElement {
    const body = el("tbody");
    for (const member of team.members) body.append(row(team, member));
    return el(
      "table",
      {},
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", {}, t("team.col_member")),
          el("th", {}, t("team.col_role")),
          el("th", {}, t("team.col_status")),
        ),
      ),
      body,
    );
  }

  function row(team: Team, member: Member): HTMLTableRowElement {
    const name = member.display_name ? `${member.display_name} <${member.email}>` : member.email;
    const who = el("td", {}, name);
    const isMe = member.id === keyring.me.id;
    if (isMe) who.append(" ", t("team.you"));
    const state = el("td", {}, statusText(member));
    const canGrant =
      member.is_active && member.signed_up && member.public_key !== null && !member.has_grant && team.epoch !== null;
    if (canGrant) {
      const button = el("button", { type: "button", class: "team-grant" }, t("team.grant_button"));
      button.addEventListener("click", () => {
        void compare(state, member, team.epoch as number);
      });
      state.append(" ", button);
    }
    if (member.is_active && !isMe) state.append(actions(team, member, state));
    return el("tr", { "data-member": member.id }, who, el("td", {}, t(`team.role.${member.role}`)), state);
  }

  function statusText(member: Member): string {
    if (!member.is_active) return t("team.status_inactive");
    if (!member.signed_up) return t("team.status_invited");
    return member.has_grant ? t("team.status_has_key") : t("team.status_waiting");
  }

  function actions(team: Team, member: Member, cell: HTMLElement): HTMLElement {
    const box = el("div", { class: "team-member-actions", role: "group", "aria-label": fill(t("team.member_actions"), { name: nameOf(member) }) });
    const deactivate = el("button", { type: "button", class: "team-deactivate" }, t("team.deactivate_button"));
    deactivate.addEventListener("click", () => confirmDeactivate(team, member, cell));
    box.append(deactivate);
    if (member.signed_up) {
      const passphrase = el("button", { type: "button", class: "team-reset-passphrase" }, t("team.reset_passphrase_button"));
      passphrase.addEventListener("click", () =>
        confirmReset(member, cell, "reset-passphrase", "team.reset_passphrase_explain", "team.reset_passphrase_go"),
      );
      const factor = el("button", { type: "button", class: "team-reset-second-factor" }, t("team.reset_second_factor_button"));
      factor.addEventListener("click", () =>
        confirmReset(member, cell, "reset-second-factor", "team.reset_second_factor_explain", "team.reset_second_factor_go"),
      );
      box.append(" ", passphrase, " ", factor);
    }
    return box;
  }

  function confirmDeactivate(team: Team, member: Member, cell: HTMLElement): void {
    const name = nameOf(member);
    const select = el("select", { id: `deactivate-to-${member.id}` });
    select.append(el("option", { value: "" }, t("team.deactivate_queue")));
    for (const other of team.members) {
      if (other.id !== member.id && other.is_active && other.on_duty) {
        select.append(el("option", { value: other.id }, nameOf(other)));
      }
    }
    const go = el("button", { type: "button", class: "danger team-deactivate-confirm" }, fill(t("team.deactivate_go"), { name }));
    const cancel = el("button", { type: "button" }, t("team.cancel"));
    const problem = el("p", { class: "error", role: "alert" });
    const box = el(
      "div",
      { class: "team-confirm", role: "group" },
      el("p", {}, el("label", { for: select.id }, fill(t("team.deactivate_explain"), { name })), " ", select),
      go,
      " ",
      cancel,
      problem,
    );
    hold(cell, box);
    select.focus();
    cancel.addEventListener("click", () => void release());
    go.addEventListener("click", () => {
      go.disabled = true;
      void (async () => {
        let answer: { handed_on: number } & KeyState;
        try {
          answer = await apiRequest(`${DEACTIVATE_URL}${member.id}/deactivate`, select.value ? { to: select.value } : {});
        } catch (error) {
          go.disabled = false;
          const code = error instanceof SessionError ? error.code : "";
          const reason = t(`team.refused.${code}`);
          problem.textContent = reason.startsWith("team.") ? errorText(t, error) : fill(t("team.deactivate_refused"), { name, reason });
          return;
        }
        say(`${fill(t("team.deactivate_done"), { name })} ${tn("team.handed_on", answer.handed_on)}`);
        await release();
        // Parting with a key holder starts a new epoch in the same flow: the
        // console's banner takes over, as it does in every admin's console.
        if (answer.new_key_needed_since !== null) onKeysChanged();
      })();
    });
  }

  function confirmReset(member: Member, cell: HTMLElement, path: string, explain: string, goText: string): void {
    const name = nameOf(member);
    const go = el("button", { type: "button", class: "danger team-reset-confirm" }, t(goText));
    const cancel = el("button", { type: "button" }, t("team.cancel"));
    const result = el("div", { "aria-live": "polite" });
    hold(cell, el("div", { class: "team-confirm" }, el("p", {}, fill(t(explain), { name })), go, " ", cancel, result));
    go.focus();
    cancel.addEventListener("click", () => void release());
    go.addEventListener("click", () => {
      go.disabled = true;
      void apiRequest<{ link: string }>(`team/${member.id}/${path}`, {}).then(
        (made) => {
          const link = el("input", { type: "text", readonly: "", class: "team-reset-link", value: made.link, "aria-label": fill(t("team.reset_link"), { name }) });
          result.replaceChildren(el("p", {}, fill(t("team.reset_link"), { name })), link);
          cancel.textContent = t("team.recovery_continue");
          link.select();
        },
        (error: unknown) => {
          go.disabled = false;
          result.replaceChildren(el("p", { class: "error", role: "alert" }, errorText(t, error)));
        },
      );
    });
  }

  // -- giving the key -----------------------------------------------------------------

  async function compare(cell: HTMLElement, member: Member, epoch: number): Promise<void> {
    if (keyring.programKey(epoch) === undefined) {
      say(t("team.no_program_key"));
      return;
    }
    const publicKey = b64d(member.public_key as string);
    const print = await fingerprint(publicKey);
    const label = nameOf(member);
    const yes = el("button", { type: "button", class: "team-grant-confirm" }, t("team.grant_matches"));
    const no = el("button", { type: "button" }, t("team.grant_cancel"));
    const box = el(
      "div",
      { class: "team-compare" },
      el("p", {}, fill(t("team.grant_compare"), { name: label })),
      el("p", { class: "fingerprint" }, print),
      yes,
      " ",
      no,
    );
    hold(cell, box);
    no.addEventListener("click", () => void release());
    yes.addEventListener("click", () => {
      yes.disabled = true;
      void give(member, publicKey, epoch).then(release);
    });
  }

  /** The current key first, then the older ones this admin holds: history stays readable. */
  async function give(member: Member, publicKey: Uint8Array, current: number): Promise<void> {
    const epochs = [current, ...keyring.heldEpochs.filter((n) => n !== current && !member.epochs_held.includes(n))];
    try {
      for (const epoch of epochs) {
        const programKey = keyring.programKey(epoch);
        if (programKey === undefined) continue;
        const sealed = await seal(publicKey, programKey, grantInfo(keyring.me.program.id, epoch, member.id));
        await apiRequest("grants", { user_id: member.id, epoch, sealed_key: b64e(sealed) });
      }
      say(fill(t("team.grant_done"), { name: nameOf(member) }));
    } catch {
      say(t("team.grant_failed"));
    }
  }

  // -- invitations ------------------------------------------------------------------------

  function inviteForm(): HTMLElement {
    const email = el("input", { type: "email", name: "email", required: "", autocomplete: "off", spellcheck: "false" });
    const name = el("input", { type: "text", name: "display_name", maxlength: "120", autocomplete: "off", spellcheck: "false" });
    const role = el("select", { name: "role" });
    for (const value of ROLES) role.append(el("option", { value }, t(`team.role.${value}`)));
    const result = el("div", { class: "team-invite-result", "aria-live": "polite" });
    const form = el(
      "form",
      { class: "team-invite", method: "post" },
      el("h3", {}, t("team.invite_heading")),
      el("label", {}, t("team.invite_email"), " ", email),
      el("label", {}, t("team.invite_name"), " ", name),
      el("label", {}, t("team.invite_role"), " ", role),
      el("button", { type: "submit" }, t("team.invite_submit")),
      result,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void invite(email.value, name.value, role.value, result).then(() => form.reset());
    });
    return form;
  }

  async function invite(email: string, name: string, role: string, result: HTMLElement): Promise<void> {
    try {
      const made = await apiRequest<{ signup_url: string }>("invite", { email, display_name: name, role });
      const link = el("input", { type: "text", readonly: "", class: "team-invite-link", value: made.signup_url, "aria-label": fill(t("team.invite_link"), { email }) });
      result.replaceChildren(el("p", {}, fill(t("team.invite_link"), { email })), link);
      link.select();
      await refresh();
    } catch (error) {
      const refused = error instanceof SessionError && error.status === 409;
      result.replaceChildren(el("p", { class: "error", role: "alert" }, refused ? t("team.invite_refused") : errorText(t, error)));
    }
  }

  // -- sign-in and key settings ----------------------------------------------------------------

  function renderSettings(team: Team): void {
    const idle = el("input", { type: "number", id: "setting-idle", min: "1", max: "1440", required: "", value: String(team.program.idle_lock_minutes), "aria-describedby": "setting-idle-help" });
    const age = el("input", { type: "number", id: "setting-key-age", min: "30", max: "1825", required: "", value: String(team.program.key_max_age_days) });
    const result = el("p", { role: "status" });
    const form = el(
      "form",
      { class: "team-settings-form", method: "post" },
      el("p", {}, el("label", { for: idle.id }, t("team.settings_idle")), " ", idle),
      el("p", { class: "hint", id: "setting-idle-help" }, t("team.settings_idle_help")),
      el("p", {}, el("label", { for: age.id }, t("team.settings_age")), " ", age),
      el("button", { type: "submit" }, t("team.settings_save")),
      result,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void apiRequest("program", { idle_lock_minutes: Number(idle.value), key_max_age_days: Number(age.value) }).then(
        () => {
          result.textContent = t("team.settings_saved");
        },
        () => {
          result.textContent = t("team.settings_refused");
        },
      );
    });
    settings.replaceChildren(el("h3", { id: "team-settings-heading" }, t("team.settings_heading")), form);
  }

  void refresh();
  return {
    refresh,
    show: release,
    destroy(): void {
      container.replaceChildren();
    },
  };
}
