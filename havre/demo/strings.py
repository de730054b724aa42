"""Texts the simulator's script shows, translated here and handed over as JSON."""

from __future__ import annotations

from django.utils.translation import gettext as _


def simulator_strings() -> dict[str, str]:
    return {
        "phone_title": _("Phone {phone}"),
        "thread_label": _("Texts between {phone} and the helpline"),
        "message_label": _("Text to send from {phone}"),
        "you": _("You"),
        "helpline": _("Helpline"),
        "photo": _("Photo attached"),
        "sending": _("Sending…"),
        "received": _("Received by the helpline"),
        "refused": _("The helpline refused this text (HTTP {status})."),
        "failed": _("Could not send. Is the demo server still running?"),
        "invalid_phone": _(
            "Enter a number in international form, such as +33 6 00 00 00 01 or +1 514 555 0100."
        ),
        "duplicate_phone": _("This phone is already on the page."),
        "empty_text": _("Write a text or attach a photo."),
        "reply_arrived": _("New text from the helpline to {phone}: {text}"),
        "no_channel": _("No demo channel is ready: start the demo with “havre demo”."),
    }
