"""Texts the browser modules show, translated here and handed over as JSON.

The TypeScript never holds English of its own: each page embeds one of these
catalogues with ``json_script`` and the modules look their texts up by key.
Placeholders are written ``{name}`` and filled in by the browser.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def _common() -> dict[str, str]:
    return {
        "error_generic": _("Something went wrong. Please try again."),
        "too_many_attempts": _("Too many tries. Wait a few minutes, then try again."),
        "no_webcrypto": _(
            "Encryption is not available on this page. Open Havre at its https:// address."
        ),
    }


def session_strings() -> dict[str, str]:
    """For the console's sign-in and unlock forms (`session.ts` error codes)."""
    prefix = "session."
    texts = {
        "invalid_credentials": _("Wrong email address or passphrase."),
        "invalid_code": _(
            "That code did not match. Check the time on your phone and use the newest code."
        ),
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
    texts = {
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
        **_common(),
    }
    return {"team." + key: value for key, value in texts.items()}


def console_strings() -> dict[str, str]:
    """Everything the console needs from this app, to merge into its catalogue."""
    return {**session_strings(), **team_strings()}


def signup_strings() -> dict[str, str]:
    return {
        "passphrase_label": _("Passphrase"),
        "passphrase_again_label": _("The same passphrase again"),
        "passphrase_rule": _("Use at least 4 words or 16 characters."),
        "passphrase_why": _(
            "Anyone who gets a copy of the database can try guesses offline, as fast as "
            "their computers allow, so the length of your passphrase is what protects the "
            "messages. A few unrelated words you can remember work well."
        ),
        "passphrase_no_reset": _(
            "Nobody can reset it for you: if you forget it, an administrator must invite you again."
        ),
        "passphrase_too_short": _("Too short: use at least 4 words or 16 characters."),
        "passphrase_mismatch": _("The two passphrases differ."),
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
        "fingerprint_label": _("Your fingerprint"),
        "open_console": _("Open the console"),
        "link_not_valid": _("This link is no longer valid. Ask your administrator for a new one."),
        **_common(),
    }
