"""The wrap-up options a program starts with: the kind of abuse, and referrals given."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CATEGORIES: dict[str, Promise] = {
    "abuse": _("Kind of abuse"),
    "referral": _("Referrals given"),
}

OPTIONS: list[tuple[str, str, Promise]] = [
    ("abuse", "physical", _("Physical")),
    ("abuse", "emotional", _("Emotional or psychological")),
    ("abuse", "sexual", _("Sexual")),
    ("abuse", "financial", _("Financial")),
    ("abuse", "digital", _("Digital (spyware, tracking, accounts)")),
    ("abuse", "stalking", _("Stalking")),
    ("referral", "shelter", _("Shelter")),
    ("referral", "legal", _("Legal help")),
    ("referral", "police", _("Police")),
    ("referral", "health", _("Health care")),
    ("referral", "counselling", _("Counselling")),
    ("referral", "other", _("Another service")),
]
