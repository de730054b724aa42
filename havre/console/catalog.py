"""Every text the console page shows, in one catalog for the template and the browser.

The template renders a key with `{% t "key" %}`; the browser receives the
catalogs of all languages (with `json_script`) so that switching language
re-renders the page in place, without a reload that would lock the keys.
Placeholders are written `{name}` and filled in by the browser. The accounts
app contributes the texts of sign-in errors (`session.*`) and of the team
panel (`team.*`).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from havre.accounts.strings import console_strings
from havre.console.desk_strings import DESK_STRINGS
from havre.console.inbox_strings import INBOX_STRINGS
from havre.console.records_strings import RECORDS_STRINGS
from havre.conversations.strings import TEAM_WORK_STRINGS
from havre.plurals import PLURAL_RULE_KEY, Count, plural_rule, texts
from havre.protocols.strings import console_strings as protocol_strings
from havre.reports.strings import console_strings as report_strings
from havre.safety.strings import safety_strings
from havre.triage.strings import console_strings as triage_strings

STRINGS: dict[str, Promise | Count] = {
    # page
    "page.title": _("Helpline console"),
    "page.skip": _("Skip to main content"),
    "page.noscript": _("The console needs JavaScript: messages are decrypted in this page only."),
    "page.loading": _("Loading the console…"),
    "page.error": _("Something went wrong. Check the connection, then try again."),
    "page.retry": _("Try again"),
    "page.unsupported": _(
        "This browser cannot decrypt messages here: open the console over https, or on this computer at 127.0.0.1."
    ),
    # header
    "header.label": _("Havre"),
    "header.signed_in_as": _("Signed in as {name}"),
    "header.language": _("Language"),
    "header.lock": _("Lock"),
    "header.sign_out": _("Sign out"),
    "header.sections": _("Console sections"),
    "header.conversations": _("Conversations"),
    "header.team": _("Team"),
    "live.connected": _("Live updates on"),
    "live.connecting": _("Connecting…"),
    "live.offline": _("Offline: reconnecting in {seconds} s"),
    # sign-in
    "signin.title": _("Sign in to the console"),
    "signin.intro": _(
        "Sign in with your email and passphrase. Your passphrase never leaves this computer."
    ),
    "signin.email": _("Email"),
    "signin.passphrase": _("Passphrase"),
    "signin.continue": _("Continue"),
    "signin.working": _("Checking your passphrase. This takes a few seconds…"),
    "signin.code_title": _("Second step"),
    "signin.code_intro": _("Enter the 6-digit code shown by your authenticator app."),
    "signin.code": _("Code"),
    "signin.submit": _("Sign in"),
    "signin.back": _("Start again"),
    "signin.use_passkey": _("Use my security key"),
    "signin.use_recovery": _("Use a recovery code instead"),
    "signin.use_code": _("Use a code from the app instead"),
    "signin.recovery_code": _("Recovery code"),
    "signin.recovery_intro": _(
        "Enter one of the recovery codes you kept when you set up your second factor. Each works once."
    ),
    "signin.passkey_working": _("Waiting for your security key…"),
    # unlock
    "unlock.title": _("The console is locked"),
    "unlock.intro": _("Signed in as {name}. Enter your passphrase to unlock the messages."),
    "unlock.idle": _("Locked after {minutes} minutes without activity."),
    "unlock.passphrase": _("Passphrase"),
    "unlock.submit": _("Unlock"),
    "unlock.working": _("Unlocking. This takes a few seconds…"),
    "unlock.sign_out": _("Sign out instead"),
    # waiting for a grant
    "waiting.title": _("Waiting for access"),
    "waiting.intro": _(
        "You are signed in, but no administrator has given you access to the helpline's messages yet."
    ),
    "waiting.read": _(
        "Read this fingerprint to an administrator, who checks it matches before giving access:"
    ),
    "waiting.fingerprint": _("Your fingerprint"),
    "waiting.after": _(
        "This page checks every minute and opens the conversations as soon as you have access."
    ),
    "waiting.check": _("Check now"),
    "waiting.still": _("No access yet."),
    # inbox
    "inbox.title": _("Open conversations"),
    "inbox.count": Count("{n} open conversation", "{n} open conversations"),
    "inbox.empty": _("No open conversations. New texts appear here as they arrive."),
    "inbox.texter": _("Texter ending {digits}"),
    "inbox.texter_unknown": _("Texter (number locked)"),
    "inbox.via": _("{channel} · {address}"),
    "inbox.new": _("New message"),
    "inbox.awaiting": _("Waiting for a reply"),
    "inbox.last_activity": _("Last activity {when}"),
    # conversation
    "conversation.none": _("Choose a conversation from the list."),
    "conversation.title": _("Conversation with {texter}"),
    "conversation.started": _("Started {when}"),
    "conversation.via": _("By {channel}, to {address}"),
    # What each channel lets others see (the channel's kind of address names it).
    "channel.kind.phone": _("SMS"),
    "channel.kind.whatsapp": _("WhatsApp"),
    "channel.kind.messenger": _("Messenger"),
    "channel.kind.signal": _("Signal"),
    "channel.kind.webchat": _("Web chat"),
    "channel.privacy.phone": _(
        "SMS: not encrypted. The phone companies and the provider can see this text and her number."
    ),
    "channel.privacy.whatsapp": _(
        "WhatsApp: encrypted from her phone to Meta, which handles the text in clear for the "
        "helpline and can see it, as this server does."
    ),
    "channel.privacy.messenger": _(
        "Messenger: not end-to-end encrypted with a Page. Meta can see this text; this server "
        "handles it in clear."
    ),
    "channel.privacy.webchat": _(
        "Web chat: end-to-end encrypted. Her browser and this console seal every text; the "
        "server relays and stores only ciphertext."
    ),
    "chat.event.chat.left": _(
        "The visitor left the chat. Her page was wiped: she cannot read anything more here."
    ),
    "reply.error.visitor_left": _("The visitor has left the chat: a reply cannot reach her."),
    "chat.settings.title": _("Web chat"),
    "chat.settings.intro": _(
        "A chat on the program's website that needs no app: texts are encrypted in the "
        "visitor's browser. Choose an address and a title that say nothing about violence: "
        "they show in the browser's history."
    ),
    "chat.settings.slug": _("Address (/chat/…/)"),
    "chat.settings.address": _("The chat's page: {url}"),
    "chat.settings.exit_url": _("Page the quick exit opens (https://)"),
    "chat.settings.neutral_title": _("Neutral title for the tab (empty: the program's name)"),
    "chat.settings.enabled": _("The chat is open to visitors"),
    "chat.settings.saved": _("Saved."),
    "chat.settings.error.bad_slug": _(
        "The address is 1 to 40 lowercase letters, digits and hyphens."
    ),
    "chat.settings.error.slug_taken": _("Another program's chat already has this address."),
    "chat.settings.error.slug_required": _("Choose an address first."),
    "chat.settings.error.bad_exit_url": _("The quick exit's page is an https:// address."),
    "chat.settings.error.bad_title": _("The title is at most 60 characters on one line."),
    "chat.settings.error.forbidden": _("Only administrators change the web chat."),
    "channel.privacy.signal": _(
        "Signal: end-to-end encrypted to this helpline's Signal number, then handled by the "
        "server in clear."
    ),
    "reply.window.open": _(
        "{channel} lets the helpline reply until {when}, 24 hours after her last message."
    ),
    "reply.window.closed": _(
        "{channel} lets the helpline reply only within 24 hours of her last message, and that "
        "time ended {when}. A reply can go again once she writes."
    ),
    "reply.channel_removed": _(
        "This conversation's channel was removed: no reply can leave through it. Close it once "
        "she has been told another way."
    ),
    "conversation.messages": _("Messages"),
    "conversation.closed": _(
        "This conversation is closed. A new text from this person starts a new conversation."
    ),
    "conversation.close": _("Close conversation"),
    "conversation.close_confirm": _(
        "Close this conversation? The texter's next message will start a new one."
    ),
    "conversation.close_yes": _("Yes, close it"),
    "conversation.close_no": _("Keep it open"),
    "conversation.closed_now": _("Conversation closed."),
    "conversation.loading": _("Loading messages…"),
    "conversation.empty": _("No messages yet."),
    "conversation.back": _("Back to the list"),
    # messages
    "message.from_texter": _("Texter"),
    "message.from_you": _("You"),
    "message.from_unknown": _("Staff"),
    "message.media": _("Photo or file received (not stored)"),
    "message.media_many": _("{n} photos or files received (not stored)"),
    "message.locked": _("Cannot be decrypted with your keys."),
    "message.cut": _(
        "This text was longer than a message may be here: only its beginning was kept. "
        "Ask the texter to send the rest in shorter texts."
    ),
    "message.new_from_texter": _("New message from the texter: {text}"),
    "message.new_elsewhere": _("New message in the conversation with {texter}"),
    "message.new_conversation": _("New conversation from {texter}"),
    "status.label": _("Status: {status}"),
    "status.received": _("Received"),
    "status.pending": _("Sending to the server…"),
    "status.queued": _("Queued"),
    "status.sending": _("Sending"),
    "status.sent": _("Sent"),
    "status.delivered": _("Delivered"),
    "status.undelivered": _("Not delivered"),
    "status.failed": _("Failed"),
    "status.failed_help": _("The texter did not receive this reply. Error code: {code}."),
    "status.failed_help_plain": _("The texter did not receive this reply."),
    "status.failed.window-closed": _(
        "The texter did not receive this reply: it came more than 24 hours after her last "
        "message, and the channel allows no later reply."
    ),
    "status.failed.untrusted-identity": _(
        "Signal did not send this reply: her safety number changed, so someone else may now "
        "hold her account. Check with her another way before an administrator trusts the new "
        "safety number."
    ),
    "status.failed.channel-removed": _(
        "The texter did not receive this reply: its channel was removed."
    ),
    "status.failed.texter-stopped": _(
        "Not sent: the texter asked to stop (STOP) before it went out, so nothing more is "
        "sent to her in this conversation."
    ),
    "status.edit_again": _("Put the text back in the reply box"),
    "status.try_again": _("Try again"),
    "status.tried_again": _("The text is queued again."),
    # reply
    "reply.label": _("Reply"),
    "reply.hint": _("Ctrl+Enter sends. {count} of {max} characters."),
    "reply.send": _("Send reply"),
    "reply.sending": _("Sending…"),
    "reply.too_long": _("This reply is too long: shorten it to {max} characters."),
    "reply.error.conversation_closed": _("This conversation is closed: the reply was not sent."),
    "reply.error.text_gone": _(
        "This text is no longer kept for another try: put it back in the reply box and send it "
        "again, or send the notice again."
    ),
    "reply.error.not_failed": _("This text is already on its way."),
    "reply.error.route_mismatch": _(
        "The number did not match this conversation: the reply was not sent."
    ),
    "reply.error.stale_epoch": _(
        "The helpline's key has changed: lock and unlock the console, then send again."
    ),
    "reply.error.no_program_key": _("The helpline has no key yet: the reply was not sent."),
    "reply.error.key_required": _(
        "You do not hold the helpline's current key: ask an administrator to give it to you. "
        "Nothing was sent."
    ),
    "reply.error.not_allowed": _(
        "Only the person who holds this conversation, someone who joined it, or a supervisor "
        "can close it."
    ),
    "reply.error.epoch_key_mismatch": _(
        "The key the server gave for sealing is not the helpline's key: nothing was sent. "
        "Tell an administrator."
    ),
    "reply.error.window_closed": _(
        "The reply was not sent: the 24 hours in which this channel lets the helpline answer "
        "are over. They start again when she writes."
    ),
    "reply.error.channel_removed": _(
        "The reply was not sent: this conversation's channel was removed."
    ),
    "reply.error.generic": _("The reply was not sent ({code})."),
    "reply.error.network": _("No connection to the server: the reply was not sent."),
    # errors shared by actions
    "error.signed_out": _("You have been signed out."),
    "error.not_found": _("This conversation no longer exists."),
    **TEAM_WORK_STRINGS,
    **DESK_STRINGS,
    **INBOX_STRINGS,
    **RECORDS_STRINGS,
}


@cache
def catalog(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            **console_strings(),
            **safety_strings(),
            **triage_strings(),
            **protocol_strings(),
            **report_strings(),
            **texts(STRINGS),
            PLURAL_RULE_KEY: plural_rule(language),
        }


def catalogs() -> dict[str, dict[str, str]]:
    """The catalog of every language the console offers, keyed by language code."""
    return {code: catalog(code) for code, _name in settings.LANGUAGES}


def text(key: str) -> str:
    """One string in the active language, from this catalog or a contributed one."""
    found = STRINGS.get(key)
    if found is not None and not isinstance(found, Count):
        return str(found)
    return catalog(translation.get_language() or settings.LANGUAGE_CODE)[key]
