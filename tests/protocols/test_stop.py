"""What counts as a request to stop: the keyword alone, however it is typed."""

from __future__ import annotations

import pytest

from havre.protocols.automatic import is_stop_request


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "Stop.",
        "  stop!! ",
        "ARRET",
        "Arrêt",
        "arrêt !",
        "ARRÊT",
        "STOPALL",
        "stop all",
        "Unsubscribe",
        "CANCEL",
        "end",
        "Quit",
        "Fin.",
        "STOP 🛑",
        "\uff33\uff34\uff2f\uff30",  # STOP in full-width letters
    ],
)
def test_a_stop_keyword_alone_is_a_stop_request(text):
    assert is_stop_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "stop hitting me",
        "He won't stop",
        "Please make it stop",
        "arrête de me suivre",
        "la fin du mois",
        "stopped",
        "",
        "?",
        "STOP STOP STOP",
        "I want to end this",
    ],
)
def test_the_word_inside_a_sentence_is_not(text):
    assert not is_stop_request(text)
