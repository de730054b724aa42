"""Letters compared loosely: no case, no accents, no letters held down."""

from __future__ import annotations

import re
import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower case, without accents, ligatures spelt out: "Œuvre Là" -> "oeuvre la"."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) not in {"Mn", "Me"})


HELD = re.compile(r"([^\W\d_])\1\1")


def held(word: str) -> bool:
    """The word was typed with a letter held down: "pleeease", "killll"."""
    return HELD.search(word) is not None


def squeeze(word: str) -> str:
    """One letter for any run of the same letter: "killll" reads "kil", as "kill" does.

    Used only to compare a word typed with a letter held down, so that "odd"
    is not read "od", nor "pass" the French "pas". Digits are kept as they are.
    """
    out: list[str] = []
    for ch in word:
        if not (out and out[-1] == ch and ch.isalpha()):
            out.append(ch)
    return "".join(out)


def words(phrase: str) -> tuple[str, ...]:
    """A phrase of plain words (no apostrophes) as comparable words."""
    return tuple(fold(word) for word in phrase.split())
