"""Counts in the browser's catalogues through gettext's plural forms.

A count is written once, as gettext's singular and plural (`Count`); `texts`
turns it into one key per plural form of the active language (`key.0`,
`key.1`, ...), each gettext's text for that form, and the catalogue carries
the language's Plural-Forms rule under `PLURAL_RULE_KEY` for the browser to
pick the form by (`frontend/src/console/plural-forms.ts`). So French says
"1 conversation" and "0 conversation", English "0 conversations", and a
language with three forms would need no change here.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import ngettext

PACKAGE = Path(__file__).resolve().parent
PLURAL_RULE_KEY = "plural_forms"
# The messages' own language: English's rule, as gettext applies it without a catalogue.
SOURCE_RULE = "nplurals=2; plural=(n != 1);"
# The numbers tried, smallest first, to find one that takes each form.
_SAMPLES = [*range(1000), *(10**k for k in range(3, 10))]


class Count:
    """A text with a number `{n}` in it, in gettext's singular and plural."""

    __slots__ = ("plural", "singular")

    def __init__(self, singular: str, plural: str) -> None:
        self.singular = singular
        self.plural = plural


@cache
def plural_rule(language: str) -> str:
    """The Plural-Forms header of Havre's catalogues for `language` (English's without any).

    The browser applies one rule per language to every count, so every
    catalogue of the language must state the same one.
    """
    rules = set()
    for locale in sorted(PACKAGE.glob("**/locale")):
        found = gettext.translation("django", locale, [language], fallback=True)
        rule = found.info().get("plural-forms")
        if rule is not None:
            rules.add(" ".join(rule.split()).rstrip(";") + ";")
    if len(rules) > 1:
        raise ValueError(
            f"Havre's {language} catalogues state different Plural-Forms: {sorted(rules)}"
        )
    return rules.pop() if rules else SOURCE_RULE


@cache
def _forms(language: str) -> tuple[int, ...]:
    """For each plural form of `language`, the smallest number that takes it."""
    rule = plural_rule(language)
    count = re.search(r"nplurals\s*=\s*(\d+)", rule)
    expression = re.search(r"plural\s*=\s*(.+?);", rule)
    if count is None or expression is None:
        raise ValueError(f"the {language} catalogue's Plural-Forms cannot be read: {rule!r}")
    pick: Callable[[int], int] = gettext.c2py(expression.group(1))
    samples: dict[int, int] = {}
    for n in _SAMPLES:
        samples.setdefault(pick(n), n)
    return tuple(samples[form] for form in range(int(count.group(1))))


def texts(strings: Mapping[str, Promise | str | Count]) -> dict[str, str]:
    """`strings` in the active language, each `Count` as one key per plural form."""
    language = translation.get_language() or "en"
    out: dict[str, str] = {}
    for key, text in strings.items():
        if isinstance(text, Count):
            for form, n in enumerate(_forms(language)):
                out[f"{key}.{form}"] = ngettext(text.singular, text.plural, n)
        else:
            out[key] = str(text)
    return out
