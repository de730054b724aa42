"""Text to comparable tokens, the same way for a texter's message and a lexicon term.

Case, accents and punctuation do not matter, nor a letter held down ("Je
veux MOURIIIR !!" reads as "je veux mourir"); English contractions and French
elisions are spelt out ("can't" and "cant" both read "can not", "j'ai" and
"g" both "je ai"); common SMS spellings are expanded (sms.py); a number stuck
to a unit is split ("800mg" reads "800 mg"); an emoji is a word of its own.

Besides the words, each token knows its sentence and clause (punctuation ends
them) and which pair of quotation marks, if any, it stands in: speech.py reads
negation and reported speech from them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from havre.triage.letters import fold, held, squeeze
from havre.triage.sms import ELISIONS, N_T_STEMS, SMS, SMS_HELD, SUFFIXES

Kind = Literal["word", "number", "emoji", "any_number", "many_number", "prefix"]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    kind: Kind
    sentence: int
    clause: int
    quote: int  # 0 outside quotation marks, else the number of the quote
    # Typed with a letter held down ("killll"): `text` is then squeezed, and
    # compared with the squeezed form of a term's word.
    held: bool = False


# French typed without the apostrophe after a subject: "il ma dit", "il ta frappée".
AUXILIARY_TYPED = {"ma": ("me", "a"), "ta": ("te", "a"), "mavait": ("me", "avait")}
SUBJECTS_BEFORE_ME = frozenset({"il", "elle", "y", "on", "qui", "ils", "elles"})
# French typed with a space where the apostrophe goes: "il m a étranglée",
# "j ai pris", "qu il". One of these letters standing alone before a word
# that begins with a vowel or "h" (where French elides) is spelt out like
# an elision (sms.ELISIONS). Not "t" after a word ending in "n" ("don t"),
# nor "m" after "i" ("i m angry").
SPACED_ELISIONS = frozenset({"j", "m", "t", "s", "n", "l", "d", "qu"})
ELIDES_BEFORE = frozenset("aeiouyh")
J_CONTRACTED = re.compile(r"j[bcdfghklmnpqrstvwxz][a-z]+")
SENTENCE_ENDS = frozenset(".!?;\n\r")
CLAUSE_ENDS = frozenset(",:\u2013\u2014\u2026")  # also en and em dashes, ellipsis
# Opening quotation mark -> its closing mark: straight, curly, French guillemets.
OPENERS = {
    '"': '"',
    "\u201c": "\u201d",
    "\u00ab": "\u00bb",
    "\u201e": "\u201c",
    "\u2018": "\u2019",
    "'": "'",
    "\u2039": "\u203a",
}
SINGLE_QUOTES = frozenset("'\u2018\u2019")
# Straight and curly apostrophes, the modifier letter, grave and acute accents.
APOSTROPHES = frozenset("'\u2019\u02bc`\u00b4")


def quote_spans(text: str) -> dict[int, int]:
    """Opening index -> closing index of each matched pair of quotation marks.

    A quote sign between two letters or digits is an apostrophe, and so is
    one just after a French elided word standing alone ("t' es morte",
    "'t' es morte'"): it closes no quote. A single quote opens only before
    a word and closes only after one. A mark left unmatched quotes nothing,
    so that a stray sign cannot hide a message.
    """
    spans: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in APOSTROPHES and before.isalnum() and after.isalnum():
            continue
        if ch in APOSTROPHES and _after_elided(text, i):
            continue
        single = ch in SINGLE_QUOTES
        if stack and OPENERS[stack[-1][0]] == ch and not (single and before.isspace()):
            spans[stack.pop()[1]] = i
        elif ch in OPENERS and not (single and not after.isalnum()):
            stack.append((ch, i))
    return spans


def _after_elided(text: str, i: int) -> bool:
    """Whether text[i] follows a French elided word that stands alone ("t'", "qu'")."""
    for length in (1, 2):
        start = i - length
        if start < 0:
            return False
        if start > 0 and text[start - 1].isalnum():
            continue
        if text[start:i].lower() in SPACED_ELISIONS:
            return True
    return False


class _Builder:
    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentence = 0
        self.clause = 0
        self.quotes: list[int] = [0]

    def emit(self, text: str, kind: Kind, *, is_held: bool = False) -> None:
        previous = self.tokens[-1] if self.tokens else None
        if (
            previous is not None
            and previous.kind == "word"
            and previous.text in SPACED_ELISIONS
            and previous.clause == self.clause
            and kind == "word"
            and text[:1] in ELIDES_BEFORE
            and not self._english_contraction(previous.text)
        ):
            # "il m a" is "il m'a": the lone letter was an elided word
            self.tokens.pop()
            for part in ELISIONS[previous.text]:
                self.tokens.append(
                    Token(part, "word", previous.sentence, previous.clause, previous.quote)
                )
            previous = self.tokens[-1]
        if (
            text in AUXILIARY_TYPED
            and previous is not None
            and previous.text in SUBJECTS_BEFORE_ME
            and previous.clause == self.clause
        ):
            # "il ma frappée" is "il m'a frappée": "ma" after a subject is not "my"
            for part in AUXILIARY_TYPED[text]:
                self.tokens.append(Token(part, kind, self.sentence, self.clause, self.quotes[-1]))
            return
        self.tokens.append(Token(text, kind, self.sentence, self.clause, self.quotes[-1], is_held))

    def _english_contraction(self, letter: str) -> bool:
        before = self.tokens[-2].text if len(self.tokens) > 1 else ""
        return (letter == "t" and before.endswith("n")) or (letter == "m" and before == "i")

    def emit_word(self, word: str, kind: Kind = "word") -> None:
        if held(word):
            self.emit(squeeze(word), kind, is_held=True)
        else:
            self.emit(word, kind)

    def emit_words(self, parts: tuple[str, ...]) -> None:
        for part in parts:
            self.emit(part, "word")

    def run(self, raw: str) -> None:
        """A run of letters and digits as it stood between separators."""
        if raw in SMS:
            self.emit_words(SMS[raw])
            return
        if held(raw) and squeeze(raw) in SMS_HELD:
            self.emit_words(SMS_HELD[squeeze(raw)])
            return
        if J_CONTRACTED.fullmatch(raw):
            # French SMS drops the "e" of "je" before a consonant: "jsuis", "jvoudrais"
            self.emit("je", "word")
            self.run(raw[1:])
            return
        # "800mg" -> "800" "mg"
        for part in re.findall(r"\d+|\D+", raw):
            if part.isdigit():
                self.emit(part, "number")
            else:
                self.emit_word(part)

    def apostrophe_run(self, parts: list[str]) -> None:
        """A word with apostrophes inside: "j'ai", "don't", "aujourd'hui"."""
        current = parts[0]
        for right in parts[1:]:
            if current in ELISIONS:
                self.emit_words(ELISIONS[current])
                current = right
            elif right in SUFFIXES:
                self.run(current)
                self.emit_words(SUFFIXES[right])
                current = ""
            elif right == "t" and current.endswith("n") and len(current) > 1:
                self.emit_word(N_T_STEMS.get(current, current[:-1]))
                self.emit("not", "word")
                current = ""
            else:
                current += right
        if current:
            self.run(current)


def tokenize(text: str, *, pattern: bool = False) -> list[Token]:
    """The tokens of `text`. With `pattern` (a lexicon term), "#" stands for any
    number, "##" for a number of 10 or more, and a word ending in "*" for any
    word it begins."""
    text = fold(text)
    spans = quote_spans(text)
    closings: set[int] = set(spans.values())
    build = _Builder()
    quote_count = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if i in spans:
            quote_count += 1
            build.quotes.append(quote_count)
            i += 1
        elif i in closings:
            build.quotes.pop()
            i += 1
        elif ch.isalnum():
            i = _read_run(text, i, build, spans, pattern)
        else:
            if pattern and ch == "#":
                if text.startswith("##", i):
                    build.emit("##", "many_number")
                    i += 1
                else:
                    build.emit("#", "any_number")
            elif ch == "." and text.startswith("..", i):
                # An ellipsis is a pause ("I just... want to die"), not a full stop.
                build.clause += 1
                while i + 1 < n and text[i + 1] == ".":
                    i += 1
            elif ch in SENTENCE_ENDS:
                build.sentence += 1
                build.clause += 1
            elif ch in CLAUSE_ENDS or (ch == "-" and (i == 0 or text[i - 1].isspace())):
                build.clause += 1
            elif unicodedata.category(ch) == "So":
                build.emit(ch, "emoji")
            i += 1
    return build.tokens


def _read_run(text: str, i: int, build: _Builder, spans: dict[int, int], pattern: bool) -> int:
    """Reads the word starting at `i`; returns where the next one may start."""
    n = len(text)
    parts = [""]
    j = i
    while j < n:
        c = text[j]
        nxt = text[j + 1] if j + 1 < n else " "
        if c.isalnum():
            parts[-1] += c
        elif c in APOSTROPHES and nxt.isalnum() and j not in spans:
            parts.append("")
        elif c in ".," and parts[-1].isdigit() and nxt.isdigit():
            pass  # 1,000 or 1.5 is one number
        else:
            break
        j += 1
    if pattern and j < n and text[j] == "*" and len(parts) == 1 and parts[0].isalpha():
        build.emit_word(parts[0], "prefix")
        return j + 1
    if len(parts) > 1:
        build.apostrophe_run(parts)
    else:
        build.run(parts[0])
    return j


def texts(phrase: str) -> tuple[str, ...]:
    """The token texts of a fixed phrase, for the word lists written in code."""
    return tuple(token.text for token in tokenize(phrase))
