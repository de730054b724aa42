"""Havre's built-in notices and quick replies, in every language it speaks.

A program that has not written its own wording sends these. Notices may use
placeholders, filled in when they are sent: {program} (the program's name),
{next_opening} (when an advocate will answer) and {emergency_numbers} (the
numbers the program gives for emergencies).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WELCOME = ("welcome_safety", "welcome_privacy", "welcome_confidentiality", "welcome_stop")
CLOSING = "closing"
OUT_OF_HOURS = "out_of_hours"
EMERGENCY = "emergency"
MEDIA = "media"

NOTICES: dict[str, Promise] = {
    "welcome_safety": _(
        "You have reached {program}. Thank you for writing. First, is it safe for you to "
        "text right now? If not, stop here and write again when it is."
    ),
    "welcome_privacy": _(
        "About privacy: text messages are not end-to-end encrypted, so phone companies can "
        "see them on the way. Delete this thread after we talk. We keep messages encrypted "
        "and delete them regularly."
    ),
    "welcome_confidentiality": _(
        "What you tell us stays confidential, with limits: if a child or someone else is in "
        "serious danger, the law may require us to report it. We will tell you first."
    ),
    "welcome_stop": _(
        "You can stop at any time: reply STOP and we will not send you anything more."
    ),
    CLOSING: _(
        "This conversation is now closed. For your safety, delete this thread, and remember "
        "that cloud backups (iCloud, Google) may keep a copy. You can write to this number "
        "again whenever you need."
    ),
    OUT_OF_HOURS: _(
        "We are closed right now. An advocate will answer you {next_opening}. In an "
        "emergency, call {emergency_numbers}."
    ),
    EMERGENCY: _(
        "We cannot answer messages at the moment, and we are sorry. If you are in danger, "
        "call {emergency_numbers}. Please write to us again later."
    ),
    MEDIA: _(
        "Thank you for sending this. We cannot open or keep photos or files here, so we "
        "cannot hold them as evidence. If it is safe, keep your own copy somewhere only you "
        "can reach, and tell us in words what you need."
    ),
}

PLACEHOLDERS = ("program", "next_opening", "emergency_numbers")

CATEGORIES = ("safety", "understanding", "rights", "hours")


@dataclass(frozen=True)
class QuickReplyDefault:
    category: str
    text: Promise


QUICK_REPLIES: tuple[QuickReplyDefault, ...] = (
    QuickReplyDefault(
        "safety",
        _(
            "To protect your privacy, please delete this conversation from your phone when "
            "we finish."
        ),
    ),
    QuickReplyDefault(
        "safety",
        _(
            "Cloud backups (iCloud, Google) can keep copies of your messages even after you "
            "delete them. You can turn off message backups in your phone's settings."
        ),
    ),
    QuickReplyDefault(
        "safety",
        _(
            "If your phone behaves strangely (the battery drains fast, apps you do not know, "
            "settings that change), someone may be watching it with spyware. If you think so, "
            "contact us from a phone or computer they cannot reach."
        ),
    ),
    QuickReplyDefault(
        "safety",
        _(
            "If texting is not safe, you can reach us from another phone or a computer the "
            "other person cannot use, for example at a friend's or a library."
        ),
    ),
    QuickReplyDefault("understanding", _("Did I understand you correctly that…?")),
    QuickReplyDefault("understanding", _("Let me check that I understood: … Is that right?")),
    QuickReplyDefault("understanding", _("Take your time. What would help you most right now?")),
    QuickReplyDefault(
        "rights",
        _(
            "You decide what happens next. We will not do anything without your agreement, "
            "except where the law requires it."
        ),
    ),
    QuickReplyDefault(
        "rights",
        _(
            "I need to tell you that if a child is in danger, we have to report it. Would you "
            "like to talk about what that would mean?"
        ),
    ),
    QuickReplyDefault(
        "hours",
        _(
            "Our advocates answer during our opening hours. Outside them, you get an "
            "automatic reply saying when we are back."
        ),
    ),
    QuickReplyDefault(
        "hours",
        _("If you are in danger right now, please call the emergency services."),
    ),
)


# Numbers a program can start from, in the settings, then edit.
EMERGENCY_PRESETS: dict[str, tuple[tuple[str, Promise], ...]] = {
    "fr": (
        ("112", _("emergency services")),
        ("17", _("police")),
        ("114", _("by text, if you cannot speak")),
    ),
    "us": (
        ("911", _("emergency services")),
        ("988", _("suicide and crisis line")),
    ),
}
