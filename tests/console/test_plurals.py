"""Counts in the console follow gettext's plural forms in every language it offers.

French puts 0 and 1 in the singular ("0 conversation ouverte"), English only 1
("0 open conversations"): the browser picks the form by the rule the catalogue
carries, so these tests check that rule and every count's forms against
gettext's own choice.
"""

from __future__ import annotations

import gettext
import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from havre.console.catalog import STRINGS, catalog
from havre.plurals import PACKAGE, PLURAL_RULE_KEY, Count, plural_rule, texts

NUMBERS = (0, 1, 2, 3, 5, 21, 100, 1_000_000)


def browser_form(language: str, n: int) -> int:
    """The form the console picks for n: the catalogue's rule, as gettext reads it."""
    rule = re.search(r"plural\s*=\s*(.+?);", catalog(language)[PLURAL_RULE_KEY])
    assert rule is not None
    pick = gettext.c2py(rule.group(1))
    return int(pick(n))


def counts_in(strings: dict[str, object]) -> dict[str, Count]:
    return {key: text for key, text in strings.items() if isinstance(text, Count)}


def test_each_language_states_one_plural_rule_in_all_of_havres_catalogues():
    assert plural_rule("fr") == "nplurals=2; plural=(n > 1);"
    assert plural_rule("en") == "nplurals=2; plural=(n != 1);"
    for language, _name in settings.LANGUAGES:
        assert catalog(language)[PLURAL_RULE_KEY] == plural_rule(language)
    assert len(list(PACKAGE.glob("**/locale/fr/LC_MESSAGES/django.mo"))) >= 9


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_count_reads_as_gettext_says_for_each_number(language):
    shown = catalog(language)
    sources = counts_in(STRINGS)
    assert {"team_work.waiting", "inbox.count", "inbox.unread"} <= sources.keys()
    with translation.override(language):
        for key, count in sources.items():
            for n in NUMBERS:
                expected = ngettext(count.singular, count.plural, n)
                assert shown[f"{key}.{browser_form(language, n)}"] == expected, (key, n)


def test_the_features_counts_are_forms_too():
    for language in ("en", "fr"):
        shown = catalog(language)
        for key in (
            "reports.health.waiting",
            "safety.checkin.every_hours",
            "inbox.more",
            "lexicon.count",
            "account.codes_left",
            "team.handed_on",
        ):
            assert {f"{key}.0", f"{key}.1"} <= shown.keys(), (language, key)
    # The old pairs chosen by the browser's own plural rules are gone.
    shown = catalog("en")
    old = [k for k in shown if k.endswith(".one") and k.removesuffix(".one") + ".other" in shown]
    assert old == []


def test_french_says_zero_and_one_in_the_singular_and_english_only_one():
    fr, en = catalog("fr"), catalog("en")

    def read(shown, language, key, n, **values):
        text = shown[f"{key}.{browser_form(language, n)}"]
        return text.format(n=n, **values)

    assert read(fr, "fr", "inbox.count_filtered", 1, total=3) == (
        "1 conversation affichée sur 3 ouvertes"
    )
    assert read(fr, "fr", "inbox.count", 0) == "0 conversation ouverte"
    assert read(fr, "fr", "inbox.count", 1) == "1 conversation ouverte"
    assert read(fr, "fr", "inbox.count", 2) == "2 conversations ouvertes"
    assert read(en, "en", "inbox.count", 0) == "0 open conversations"
    assert read(en, "en", "inbox.count", 1) == "1 open conversation"
    assert read(fr, "fr", "records.audit.shown", 0) == fr["records.audit.shown.0"].format(n=0)
    assert read(en, "en", "records.audit.shown", 0) == "0 entries shown."
    assert read(fr, "fr", "account.codes_left", 1) == "Il reste 1 code de secours inutilisé."
    assert read(fr, "fr", "account.codes_left", 9) == "Il reste 9 codes de secours inutilisés."


def test_a_count_expands_to_the_active_languages_forms():
    with translation.override("fr"):
        out = texts({"k": Count("{n} open conversation", "{n} open conversations"), "x": "y"})
    assert out == {"k.0": "{n} conversation ouverte", "k.1": "{n} conversations ouvertes", "x": "y"}
