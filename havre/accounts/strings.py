"""Texts the browser modules show, translated here and handed over as JSON.

The TypeScript never holds English of its own: each page embeds one of these
catalogues with ``json_script`` and the modules look their texts up by key.
Placeholders are written ``{name}`` and filled in by the browser.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from havre.plurals import Count
from havre.plurals import texts as plural_texts


def _common() -> dict[str, str]:
    return {
        "error_generic": _("Something went wrong. Please try again."),
        "too_many_attempts": _("Too many tries. Wait a few minutes, then try again."),
        "no_webcrypto": _(
            "Encryption is not available on this page. Open Havre at its https:// address."
        ),
    }


def strength_strings() -> dict[str, str]:
    """The passphrase meter (`passphrase.ts`), wherever a new passphrase is typed."""
    texts = {
        "rule": _("Use at least 4 words or 16 characters, hard to guess."),
        "why": _(
            "Anyone who gets a copy of the database can try guesses offline, as fast as "
            "their computers allow, so the length of your passphrase is what protects the "
            "messages. A few unrelated words you can remember work well."
        ),
        "private": _(
            "Your passphrase is measured here, in this browser. The server never sees it: "
            "it receives only keys made from it."
        ),
        "passphrase": _("New passphrase"),
        "again": _("The same passphrase again"),
        "meter": _("Strength:"),
        "score_0": _("Very weak."),
        "score_1": _("Weak."),
        "score_2": _("Fair."),
        "score_3": _("Good, but not enough here."),
        "score_4": _("Strong."),
        "below_floor": _("Add words until it is strong."),
        "too_weak": _(
            "This passphrase is too easy to guess. Add unrelated words until the meter says strong."
        ),
        "mismatch": _("The two passphrases differ."),
        "loading": _("Preparing the strength meter…"),
        "unavailable": _("The strength meter could not be loaded. Reload the page and try again."),
    }
    return {"strength." + key: value for key, value in texts.items()}


def codes_strings() -> dict[str, str]:
    """One-time recovery codes (`recovery-codes.ts`)."""
    texts = {
        "heading": _("Your recovery codes"),
        "explain": _(
            "If you lose your phone or security key, each of these codes lets you sign in "
            "once instead. Keep them somewhere safe, away from this computer: printed, or in "
            "a password manager. They are shown only now."
        ),
        "download": _("Download the codes"),
        "saved": _("I have kept these codes somewhere safe."),
        "continue": _("Continue"),
    }
    return {"codes." + key: value for key, value in texts.items()}


def session_strings() -> dict[str, str]:
    """For the console's sign-in and unlock forms (`session.ts` error codes)."""
    prefix = "session."
    texts = {
        "invalid_credentials": _("Wrong email address or passphrase."),
        "invalid_code": _(
            "That code did not match. Check the time on your phone and use the newest code."
        ),
        "second_factor_locked": _(
            "Too many wrong codes in a row: codes from your app are no longer accepted. "
            "Use a recovery code or your security key, or ask an administrator to reset "
            "your second factor."
        ),
        "invalid_recovery_code": _("That recovery code is wrong or was already used."),
        "passkey_not_verified": _("The security key did not confirm. Try again, or use a code."),
        "passkey_unavailable": _("This browser cannot use security keys here."),
        "busy": _("The server is busy. Wait a few seconds, then try again."),
        "no_sign_in_pending": _("The sign-in took too long. Please start again."),
        "signup_unfinished": _(
            "Your sign-up was not finished. Ask your administrator for a new link."
        ),
        "wrong_passphrase": _("Wrong passphrase."),
        "weak_kdf": _(
            "This account's key settings are weaker than Havre allows. "
            "Contact your administrator before signing in."
        ),
        "not_signed_in": _("You are signed out. Please sign in again."),
        "no_keys": _("This account has no keys yet. Finish signing up with your link first."),
        "waiting_for_grant": _(
            "An administrator must still give you the program key before you can read "
            "conversations. When they ask, read them this fingerprint:"
        ),
        **_common(),
    }
    return {prefix + key: value for key, value in texts.items()}


def team_strings() -> dict[str, str]:
    """For the admins' team panel (`team.ts`)."""
    texts: dict[str, str | Count] = {
        "heading": _("Team"),
        "loading": _("Loading…"),
        "col_member": _("Member"),
        "col_role": _("Role"),
        "col_status": _("Status"),
        "role.advocate": _("Advocate"),
        "role.supervisor": _("Supervisor"),
        "role.admin": _("Administrator"),
        "you": _("(you)"),
        "status_invited": _("Invited, not signed up yet"),
        "status_waiting": _("Waiting for the program key"),
        "status_has_key": _("Holds the program key"),
        "status_inactive": _("Deactivated"),
        "grant_button": _("Give the program key…"),
        "grant_compare": _(
            "Ask {name} to read you the fingerprint their console shows, in person or by "
            "phone. Give the key only if every character matches:"
        ),
        "grant_matches": _("It matches: give the key"),
        "grant_cancel": _("Cancel"),
        "grant_done": _("{name} now holds the program key."),
        "grant_failed": _("The key could not be given. Reload the team and try again."),
        "no_program_key": _(
            "Your browser does not hold the current program key, so you cannot give it."
        ),
        "invite_heading": _("Invite a member"),
        "invite_email": _("Email address"),
        "invite_name": _("Name (optional)"),
        "invite_role": _("Role"),
        "invite_submit": _("Make a sign-up link"),
        "invite_link": _(
            "Send this link to {email} yourself, by a channel you trust. It works once, "
            "for 7 days, and will not be shown again:"
        ),
        "invite_refused": _("This address cannot be invited."),
        # the program key over time
        "keys_heading": _("Program key"),
        "keys_state": _("The program key in use is number {number}, made {when}."),
        "keys_due": _(
            "It is older than this program's limit of {days} days: make a new one. Texts "
            "already stored stay readable to everyone who reads them now."
        ),
        "keys_rotate": _("Make a new program key…"),
        "keys_not_holder": _(
            "You do not hold the current program key, so you cannot make the next one. Ask "
            "an administrator who holds it."
        ),
        "rotate_heading": _("A new program key"),
        "rotate_explain": _(
            "Your browser makes a new program key and gives it to everyone who holds the "
            "current one: {names}. From then on, new texts are sealed to the new key. Older "
            "texts stay readable to those who read them now."
        ),
        "rotate_go": _("Make the new key"),
        "rotate_working": _("Making the new key…"),
        "rotate_done": _("The new program key (number {number}) is in use."),
        "rotate_failed": _("The new key could not be made. Reload the team and try again."),
        "rotate_key_mismatch": _(
            "The server listed a key for you that is not yours: nothing was sent. Tell the "
            "person who runs the server."
        ),
        "recovery_heading": _("Save the recovery file of the new key"),
        "recovery_explain": _(
            "This file is the new program key itself: whoever holds it can read every new "
            "message. Keep it offline, printed or on a USB stick in a locked place, with the "
            "earlier ones. It is shown only now."
        ),
        "recovery_download": _("Download the recovery file"),
        "recovery_print": _("Print it"),
        "recovery_saved": _(
            "I have saved the recovery file somewhere safe, away from this computer."
        ),
        "recovery_continue": _("Continue"),
        "banner_needed": _(
            "A member who held the program key has left. Until a new program key is made, "
            "new texts are still sealed to the key that member held."
        ),
        "banner_finish": _("Make the new program key now"),
        "banner_other_admin": _(
            "An administrator who holds the current program key must make the new one."
        ),
        # the program's security settings
        "settings_heading": _("Sign-in and keys"),
        "settings_idle": _("Lock the console after this many minutes without use"),
        "settings_idle_help": _(
            "The server also ends a session unused for that long, so a forgotten computer "
            "is signed out."
        ),
        "settings_age": _("Ask for a new program key after this many days"),
        "settings_save": _("Save"),
        "settings_saved": _("Saved."),
        "settings_refused": _("Between 1 and 1440 minutes, and between 30 and 1825 days."),
        # actions on a member
        "member_actions": _("Actions for {name}"),
        "deactivate_button": _("Deactivate…"),
        "deactivate_explain": _(
            "{name} is signed out everywhere at once and can no longer sign in. Every grant "
            "of the program key to {name} is deleted and, if {name} held the current key, a "
            "new program key is made right after, here. The conversations {name} holds go to:"
        ),
        "deactivate_queue": _("the queue"),
        "deactivate_go": _("Deactivate {name}"),
        "deactivate_done": _("{name} is deactivated."),
        "handed_on": Count("{n} conversation handed on.", "{n} conversations handed on."),
        "deactivate_refused": _("{name} cannot be deactivated: {reason}"),
        "refused.last_admin": _("this is the last administrator."),
        "refused.not_yourself": _("you cannot deactivate yourself."),
        "refused.already_deactivated": _("already deactivated."),
        "refused.not_on_duty": _("the colleague chosen is not on duty."),
        "refused.at_capacity": _("the colleague chosen has no room."),
        "refused.bad_colleague": _("the colleague chosen cannot take them."),
        "reset_passphrase_button": _("Forgotten passphrase…"),
        "reset_passphrase_explain": _(
            "For a passphrase {name} has forgotten. The link lets {name} choose a new one. "
            "What it costs: the member's own key changes, so the program key is lost to "
            "{name} until you give it again after comparing the new fingerprint; until then "
            "{name} reads no conversation. The second factor and the conversations held stay "
            "as they are."
        ),
        "reset_passphrase_go": _("Make the link"),
        "reset_second_factor_button": _("Lost second factor…"),
        "reset_second_factor_explain": _(
            "For a phone or security key {name} has lost. The codes, security keys and "
            "recovery codes of {name} stop working now, and {name} is signed out. With the "
            "link, {name} proves the passphrase and sets up a new second factor. The keys "
            "stay as they are."
        ),
        "reset_second_factor_go": _("Reset and make the link"),
        "reset_link": _(
            "Give this link to {name} yourself, by a channel you trust. It works once, for 7 "
            "days, and will not be shown again:"
        ),
        "cancel": _("Cancel"),
        **_common(),
    }
    return plural_texts({"team." + key: value for key, value in texts.items()})


def account_strings() -> dict[str, str]:
    """The member's own account area (`console/account.ts`)."""
    texts: dict[str, str | Count] = {
        "nav": _("My account"),
        "heading": _("My account"),
        "passphrase_heading": _("Change my passphrase"),
        "passphrase_current": _("Current passphrase"),
        "passphrase_explain": _(
            "Your keys stay the same: your browser locks them again under the new "
            "passphrase. Your other sessions end."
        ),
        "passphrase_submit": _("Change my passphrase"),
        "passphrase_working": _("Changing your passphrase. This takes a few seconds…"),
        "passphrase_done": _("Your passphrase is changed. Use the new one from now on."),
        "wrong_passphrase": _("The current passphrase is wrong."),
        "factors_heading": _("Second factors"),
        "factors_explain": _(
            "You need at least one: an authenticator app, or a security key or passkey. "
            "You may have several."
        ),
        "totp_on": _("Authenticator app: set up."),
        "totp_off": _("Authenticator app: not set up."),
        "totp_locked": _(
            "Too many wrong codes in a row: codes from the app are refused until you sign in "
            "another way."
        ),
        "totp_add": _("Set up an authenticator app"),
        "totp_remove": _("Remove the authenticator app"),
        "totp_code": _("6-digit code from the app"),
        "totp_confirm": _("Confirm"),
        "totp_secret": _("Key to type by hand"),
        "totp_qr": _("QR code for your authenticator app"),
        "passkeys_none": _("No security key or passkey yet."),
        "passkey_item": _("{name}, added {when}"),
        "passkey_unnamed": _("Security key"),
        "passkey_remove": _("Remove {name}"),
        "passkey_name": _("Name of the new key (for example “office key”)"),
        "passkey_add": _("Add a security key or passkey"),
        "passkey_added": _("The security key is added."),
        "last_factor": _("This is your last second factor: add another before removing it."),
        "codes_heading": _("Recovery codes"),
        "codes_left": Count("{n} unused recovery code left.", "{n} unused recovery codes left."),
        "codes_make": _("Make new recovery codes"),
        "codes_replace": _("New codes replace the old ones, which stop working."),
        "error": _("That did not work. Try again."),
    }
    return plural_texts({"account." + key: value for key, value in texts.items()})


def console_strings() -> dict[str, str]:
    """Everything the console needs from this app, to merge into its catalogue."""
    return {
        **session_strings(),
        **team_strings(),
        **strength_strings(),
        **codes_strings(),
        **account_strings(),
    }


def signup_strings() -> dict[str, str]:
    return {
        **strength_strings(),
        **codes_strings(),
        "passphrase_label": _("Passphrase"),
        "passphrase_no_reset": _(
            "Nobody can recover it for you. If you forget it, an administrator can give you a "
            "link to choose a new one, but you then wait for the program key again."
        ),
        "reset_heading": _("Choose a new passphrase"),
        "reset_costs": _(
            "Your old passphrase opened your own key, and your own key opened the program's "
            "key. A new passphrase comes with a new key of your own, so the program key you "
            "held is lost to you: an administrator gives it to you again after you both "
            "compare your new fingerprint. Until then you can sign in but read no "
            "conversation. Your second factor stays as it is."
        ),
        "second_factor_reset_heading": _("Set up your second factor again"),
        "second_factor_reset_intro": _(
            "An administrator reset your second factor. Enter your passphrase, then set up an "
            "authenticator app. Your keys and your access to conversations stay as they were."
        ),
        "working_check": _("Checking your passphrase. This takes a few seconds…"),
        "wrong_passphrase": _("Wrong passphrase."),
        "continue": _("Continue"),
        "working": _("Making your keys. This takes a few seconds…"),
        "key_heading": _("The program key"),
        "key_intro": _(
            "You are the program's first administrator. Every message will be encrypted to "
            "the program key. You will hold it first, then give it to your colleagues from "
            "the console."
        ),
        "key_make": _("Make the program key here"),
        "key_import": _("Import a recovery file made offline"),
        "key_import_only": _(
            "This program's key was made offline with “havre keys generate”. Choose its "
            "recovery file."
        ),
        "recovery_heading": _("Save the recovery file"),
        "recovery_explain": _(
            "This file is the program key itself: whoever holds it can read every message. "
            "Keep it offline, printed or on a USB stick in a locked place, never in email or "
            "cloud storage. If every key holder forgets their passphrase, it is the only way "
            "back to the messages."
        ),
        "recovery_download": _("Download the recovery file"),
        "recovery_print": _("Print it"),
        "recovery_saved": _(
            "I have saved the recovery file somewhere safe, away from this computer."
        ),
        "import_label": _("Recovery file"),
        "import_not_recovery": _("This is not a Havre recovery file."),
        "import_wrong_key": _(
            "This recovery file holds a different key from the one this program was set up with."
        ),
        "totp_heading": _("Second factor"),
        "totp_explain": _(
            "Scan this code with an authenticator app (for example Aegis, FreeOTP or Google "
            "Authenticator), or type the key by hand. Each time you sign in, you will be "
            "asked for a code from it."
        ),
        "totp_qr_alt": _("QR code for your authenticator app"),
        "totp_secret_label": _("Key to type by hand"),
        "totp_code_label": _("6-digit code from the app"),
        "totp_confirm": _("Confirm"),
        "invalid_code": _(
            "That code did not match. Check the time on your phone and use the newest code."
        ),
        "demo_no_totp": _("Demo: no second factor is set up."),
        "done_heading": _("You are signed up"),
        "done_text": _(
            "Sign in to the console with your email address, your passphrase and a code from "
            "your app."
        ),
        "done_text_demo": _("Sign in to the console with your email address and passphrase."),
        "done_wait_grant": _(
            "Before you can read conversations, an administrator must give you the program "
            "key. They will ask you to read them your fingerprint, which the console also "
            "shows you:"
        ),
        "done_wait_regrant": _(
            "Your new keys are made. An administrator must now give you the program key "
            "again: read them this new fingerprint, which the console also shows you:"
        ),
        "fingerprint_label": _("Your fingerprint"),
        "open_console": _("Open the console"),
        "link_not_valid": _("This link is no longer valid. Ask your administrator for a new one."),
        **_common(),
    }
