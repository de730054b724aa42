"""The Reports section's texts in the console (`reports.*`), merged into its catalogue.

The charts' own texts are drawn on the server (charts.py), in the member's language.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from havre.plurals import Count, texts


def console_strings() -> dict[str, str]:
    strings: dict[str, str | Count] = {
        "nav": _("Reports"),
        "title": _("Reports"),
        "intro": _(
            "Figures about contacts, never about a person: they are counted from times, "
            "channels and codes, and no message is opened to make them."
        ),
        "period": _("Period"),
        "from": _("First day"),
        "to": _("Last day"),
        "show": _("Show"),
        "last_7": _("Last 7 days"),
        "last_30": _("Last 30 days"),
        "export": _("Download as CSV"),
        "loading": _("Loading the report…"),
        "shown": _("Report from {from} to {to}."),
        "error": _("The report could not be loaded. Try again in a moment."),
        "bad_period": _(
            "Choose a first day on or before the last day, and a period of at most 366 days."
        ),
        "health.title": _("Queue right now"),
        "health.calm": _("Calm: nobody has waited {calm} minutes."),
        "health.busy": _("Busy: someone has waited over {calm} minutes."),
        "health.strained": _("Strained: someone has waited over {strained} minutes."),
        "health.strained_crisis": _("Strained: a crisis-flagged conversation is waiting."),
        "health.waiting": Count("{n} waiting", "{n} waiting"),
        "health.crisis": Count("{n} crisis-flagged waiting", "{n} crisis-flagged waiting"),
        "health.longest": _("longest wait {n} min"),
        "health.unanswered": Count(
            "{n} with no reply for a while", "{n} with no reply for a while"
        ),
        "health.updated": _("updated {when}"),
        "threshold.label": _("Withhold counts under"),
        "threshold.hint": _(
            "A count this small could point at one person, so it is shown as “fewer than”. "
            "From 1 (withhold nothing) to 50; 5 is the usual choice."
        ),
        "threshold.save": _("Save"),
        "threshold.saved": _("Saved: counts under {n} are withheld."),
        "threshold.error": _("Not saved: choose a whole number from 1 to 50."),
        "threshold.current": _("Counts under {n} are withheld."),
        "wrapup.intro": _(
            "For the reports, if you wish: tick what applies. Only these choices are kept, "
            "never any text."
        ),
        "wrapup.not_saved": _("The conversation is closed, but its wrap-up was not saved."),
    }
    return texts({f"reports.{key}": value for key, value in strings.items()})
