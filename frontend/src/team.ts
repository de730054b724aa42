// The admins' team panel: members, invitations, and giving the program key.
//
// Giving the key happens here, in the admin's browser: the program private
// key is sealed to the member's public key, after the admin has compared the
// member's fingerprint with what the member reads from their own screen. The
// comparison is what stops a server from slipping in a key of its own.

import { b64d, b64e, fingerprint, grantInfo, seal } from "./crypto";
import { type Keyring, type Role, SessionError, apiRequest } from "./session";
import { el } from "./console/dom";

export { ownFingerprint } from "./session";

export type Translate = (key: string) => string;

interface Member {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  is_active: boolean;
  public_key: string | null;
  signed_up: boolean;
  has_grant: boolean;
}

interface Team {
  epoch: number | null;
  members: Member[];
}

const ROLES: Role[] = ["advocate", "supervisor", "admin"];


function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function errorText(t: Translate, error: unknown): string {
  if (error instanceof SessionError && error.code === "too_many_attempts") return t("team.too_many_attempts");
  return t("team.error_generic");
}

export interface TeamPanel {
  refresh(): Promise<void>;
  destroy(): void;
}

/** Mounts the panel into `container` (emptied first) for an admin's unlocked keyring. */
export function mountTeamPanel(container: HTMLElement, keyring: Keyring, t: Translate): TeamPanel {
  const status = el("p", { role: "status", class: "team-status" });
  const list = el("div", { class: "team-members" }, t("team.loading"));
  const root = el("section", { class: "team-panel" }, el("h2", {}, t("team.heading")), status, list, inviteForm());
  container.replaceChildren(root);

  const say = (text: string): void => {
    status.textContent = text;
  };

  async function refresh(): Promise<void> {
    let team: Team;
    try {
      team = await apiRequest<Team>("team");
    } catch (error) {
      list.replaceChildren(el("p", { class: "error", role: "alert" }, errorText(t, error)));
      return;
    }
    list.replaceChildren(table(team));
  }

  function table(team: Team): HTMLTableElement {
    const body = el("tbody");
    for (const member of team.members) body.append(row(team, member));
    return el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", {}, t("team.col_member")), el("th", {}, t("team.col_role")), el("th", {}, t("team.col_status")))),
      body,
    );
  }

  function row(team: Team, member: Member): HTMLTableRowElement {
    const name = member.display_name ? `${member.display_name} <${member.email}>` : member.email;
    const who = el("td", {}, name);
    if (member.id === keyring.me.id) who.append(" ", t("team.you"));
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
    return el("tr", { "data-member": member.id }, who, el("td", {}, t(`team.role.${member.role}`)), state);
  }

  function statusText(member: Member): string {
    if (!member.is_active) return t("team.status_inactive");
    if (!member.signed_up) return t("team.status_invited");
    return member.has_grant ? t("team.status_has_key") : t("team.status_waiting");
  }

  async function compare(cell: HTMLElement, member: Member, epoch: number): Promise<void> {
    if (keyring.programKey(epoch) === undefined) {
      say(t("team.no_program_key"));
      return;
    }
    const publicKey = b64d(member.public_key as string);
    const print = await fingerprint(publicKey);
    const label = member.display_name || member.email;
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
    cell.replaceChildren(box);
    no.addEventListener("click", () => void refresh());
    yes.addEventListener("click", () => {
      yes.disabled = true;
      void give(member, publicKey, epoch).then(refresh);
    });
  }

  async function give(member: Member, publicKey: Uint8Array, epoch: number): Promise<void> {
    const programKey = keyring.programKey(epoch);
    if (programKey === undefined) {
      say(t("team.no_program_key"));
      return;
    }
    try {
      const sealed = await seal(publicKey, programKey, grantInfo(keyring.me.program.id, epoch, member.id));
      await apiRequest("grants", { user_id: member.id, epoch, sealed_key: b64e(sealed) });
      say(fill(t("team.grant_done"), { name: member.display_name || member.email }));
    } catch {
      say(t("team.grant_failed"));
    }
  }

  function inviteForm(): HTMLElement {
    const email = el("input", { type: "email", name: "email", required: "", autocomplete: "off" });
    const name = el("input", { type: "text", name: "display_name", maxlength: "120", autocomplete: "off" });
    const role = el("select", { name: "role" });
    for (const value of ROLES) role.append(el("option", { value }, t(`team.role.${value}`)));
    const result = el("div", { class: "team-invite-result", "aria-live": "polite" });
    const form = el(
      "form",
      { class: "team-invite" },
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
      const link = el("input", { type: "text", readonly: "", class: "team-invite-link", value: made.signup_url });
      result.replaceChildren(el("p", {}, fill(t("team.invite_link"), { email })), link);
      link.select();
      await refresh();
    } catch (error) {
      const refused = error instanceof SessionError && error.status === 409;
      result.replaceChildren(el("p", { class: "error", role: "alert" }, refused ? t("team.invite_refused") : errorText(t, error)));
    }
  }

  void refresh();
  return {
    refresh,
    destroy(): void {
      container.replaceChildren();
    },
  };
}
