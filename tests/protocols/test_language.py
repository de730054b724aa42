"""The texter's language, read from her first text (French or English, else unknown)."""

from __future__ import annotations

import pytest

from havre.protocols.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour",
        "bjr jai besoin daide",
        "J'ai peur de rentrer à la maison",
        "Il m'a frappé hier soir, je sais pas quoi faire",
        "slt tu es là ?",
        "Est-ce que je peux parler à quelqu'un",
        "Mon conjoint me surveille",
    ],
)
def test_french_first_texts(text: str) -> None:
    assert detect_language(text) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Hello",
        "hi can I talk to someone",
        "I'm scared to go home",
        "He hit me last night and I don't know what to do",
        "r u there? pls",
        "Is it safe to text here",
        "my boyfriend checks my phone",
    ],
)
def test_english_first_texts(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["ok", "STOP", "???", "Marie", "", "06 12 34 56 78"])
def test_a_text_that_does_not_say_is_unknown(text: str) -> None:
    assert detect_language(text) == ""
