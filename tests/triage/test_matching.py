"""How a text is read against the lexicons: normalised, whole words, denials, reported speech."""

from __future__ import annotations

import pytest

from havre.triage import defaults
from havre.triage.lexicons import LIST_KEYS, builtin_matcher, compile_lists
from havre.triage.matcher import (
    DANGER,
    SUICIDE,
    TERM_MAX_CHARS,
    Matcher,
    Term,
    TermError,
    parse_term,
)
from havre.triage.normalize import tokenize


def matcher(suicide: list[str] = (), danger: list[str] = ()) -> Matcher:  # type: ignore[assignment]
    return compile_lists({(SUICIDE, "en"): list(suicide), (DANGER, "en"): list(danger)})


def category(text: str, m: Matcher | None = None) -> str | None:
    return (m or builtin_matcher()).assess(text).category


# -- normalising ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I want to die",
        "i WANT to DIE!!!",
        "I waaaant to diiiie",
        "i wanna die",
        "I want... to die",
    ],
)
def test_case_punctuation_repeated_letters_and_sms_spellings_do_not_matter(text):
    assert category(text, matcher(["want to die"])) == SUICIDE


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("je veux mourir", "JE VEUX MOURRIR"),
        ("je veux mourir", "jveux mourir"),
        ("je ne veux plus vivre", "je n'veux plu vivre"),
        ("j'ai pris des cachets", "g pris des cachets"),
        ("won't be here tomorrow", "wont b here tmrw"),
        ("he's here", "he is here"),
        ("he is here", "Hes here"),
        ("can't go on", "i cannot go on"),
        ("là", "la"),
        ("fenêtre", "FENETRE"),
        # Misspellings of the words that matter most read as meant.
        ("envie de mourir", "g envi de mourir"),
        ("je suis un fardeau", "jsuis un fardo"),
        ("pris toutes mes pilules", "jai pri toutes mes pilules"),
        ("he threatened me", "he threatend me"),
        ("i feel suicidal", "i feel sucidal"),
        ("he choked me", "he chocked me"),
    ],
)
def test_terms_and_texts_are_normalised_alike(term, text):
    assert category(text, matcher([term])) == SUICIDE


@pytest.mark.parametrize("text", ["800mg", "800 mg", "took 800 MG", "1,000mg", "2x 200mg"])
def test_a_number_and_its_unit_match_stuck_together_or_apart(text):
    assert category(text, matcher(["# mg"])) == SUICIDE


def test_a_literal_dose_matches_only_that_dose():
    m = matcher(["800 mg"])
    assert category("took 800mg", m) == SUICIDE
    assert category("took 200mg", m) is None


def test_whole_words_only():
    m = matcher(["kill myself", "rope", "od"])
    assert category("skill myself up", m) is None
    assert category("trip to europe", m) is None
    assert category("that's odd", m) is None
    assert category("gonna OD", m) == SUICIDE


def test_a_star_matches_any_ending_of_a_word():
    m = matcher(["overdos*"])
    for text in ("overdose", "I overdosed", "overdosing now"):
        assert category(text, m) == SUICIDE
    assert category("dose", m) is None


def test_an_emoji_is_a_word():
    m = matcher(["💊"], ["🔪"])
    assert category("💊💊💊", m) == SUICIDE
    assert category("he has a 🔪", m) == DANGER
    assert category("ok 👍", m) is None


def test_a_phrase_does_not_run_across_sentences_or_out_of_quotes():
    m = matcher(["want to die"])
    assert category("I want to. Die Hard is on tv", m) is None


def test_contractions_and_elisions_are_spelt_out():
    assert [t.text for t in tokenize("j'ai l'arme qu'il a")] == [
        "je", "ai", "le", "arme", "que", "il", "a",
    ]  # fmt: skip
    assert [t.text for t in tokenize("I can't, he'll, she's, didn't")] == [
        "i", "can", "not", "he", "will", "she", "is", "did", "not",
    ]  # fmt: skip


def test_an_elision_typed_with_a_space_reads_as_one():
    assert [t.text for t in tokenize("il m a etranglee, j ai peur qu il revienne")] == [
        "il", "me", "a", "etranglee", "je", "ai", "peur", "que", "il", "revienne",
    ]  # fmt: skip
    # Only before a vowel or "h", where French elides; not English's "i m", "don t".
    assert [t.text for t in tokenize("m dupont, i m angry, don t ever")] == [
        "m", "dupont", "i", "m", "angry", "don", "t", "ever",
    ]  # fmt: skip
    assert category("il m a etrangle ce matin") == DANGER


# -- denial ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal",
        "I don't want to die",
        "I'm not going to kill myself",
        "I would never hurt myself",
        "no suicidal thoughts here",
        "je ne suis pas suicidaire",
        "je n'ai pas envie de mourir",
        "je ne vais pas me suicider",
        "je n'ai jamais pensé au suicide",
    ],
)
def test_a_denied_term_does_not_count(text):
    assessment = builtin_matcher().assess(text)
    assert assessment.category is None
    assert assessment.hits
    assert all(h.reason == "negated" for h in assessment.hits)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not ok, I want to die",
        "I'm not ok I want to die",
        "no I want to die",
        "I can't stop thinking about killing myself",
        "je vais pas bien je veux mourir",
        "non, je veux mourir",
        "I don't know what to do, I want to end it all",
    ],
)
def test_a_denial_before_a_new_clause_or_subject_does_not_reach_the_term(text):
    assert category(text) == SUICIDE


@pytest.mark.parametrize(
    "text",
    [
        "he said nobody would ever find my body",
        "il a dit que je reverrai plus jamais ma fille",
        "he said he'd take the kids somewhere i'll never find them and hurt them",
    ],
)
def test_a_negation_next_to_seeing_or_finding_is_what_a_threat_says(text):
    assert category(text) == DANGER


def test_a_denial_inside_a_term_is_part_of_the_term():
    assert category("I don't want to live anymore") == SUICIDE
    assert category("j'ai plus envie de vivre") == SUICIDE


# -- reported speech ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my friend said 'I want to die'",
        'my friend said "I want to die"',
        "my friend said “I want to die”",
        '"I want to die," she said',
        "my sister told me she took a whole bottle of pills",
        "mon amie m'a dit « je veux mourir »",
        "ma sœur dit qu'elle a pris tous ses cachets",
    ],
)
def test_suicide_words_said_by_someone_else_do_not_count(text):
    assessment = builtin_matcher().assess(text)
    assert assessment.category is None
    assert any(h.reason == "reported" for h in assessment.hits)


@pytest.mark.parametrize(
    "text",
    [
        'he told me "I\'ll kill you"',
        "he texted 'I will kill you'",
        "il m'a dit « je vais te tuer »",
        "he said he will kill me if I leave",
        'my neighbour said "he has a gun"',
    ],
)
def test_danger_words_count_even_in_someone_elses_mouth(text):
    assert category(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        'I told him "I want to die"',
        "j'ai dit à ma mère « je veux mourir »",
        '"I want to die"',
        "I just wanted to say goodbye",
        "He said I'm worthless and I want to die",
        "they say it gets better but I want to die",
    ],
)
def test_the_texters_own_words_count_even_when_quoted_or_after_someone_elses(text):
    assert category(text) == SUICIDE


def test_an_unmatched_quotation_mark_hides_nothing():
    assert category('my friend said "hi. " I want to die') == SUICIDE
    assert category('" I want to die') == SUICIDE


@pytest.mark.parametrize(
    "text",
    [
        "il m'a dit 't' es morte'",
        "il m'a dit \u2018t\u2019 es morte\u2019",
        "il m'a dit 't es morte'",
        "il m'a dit \"t'es morte\"",
    ],
)
def test_a_quote_opened_by_an_elided_word_is_closed_by_its_own_mark(text):
    # The apostrophe of "t'" standing alone is the elision's, not the quote's end.
    quoted = [t.text for t in tokenize(text) if t.quote]
    assert quoted == ["te", "es", "morte"]
    assert category(text) == DANGER


def test_the_words_after_a_quoted_elision_stay_in_the_quote():
    text = "elle m'a dit 't' es nulle, tu devrais te tuer'"
    assert all(t.quote for t in tokenize(text)[4:])
    # "qu'" standing alone is an elision too, and a quote may still end on a word.
    assert [t.quote for t in tokenize("il a dit 'qu' il crève' et 'bye'")] == [
        0,
        0,
        0,
        1,
        1,
        1,
        0,
        2,
    ]


# -- categories --------------------------------------------------------------------


def test_danger_comes_first_when_both_match():
    assert category("he has a knife and I want to die") == DANGER


def test_every_hit_is_explained():
    hits = builtin_matcher().assess("I'm not suicidal but he's at the door").hits
    assert {(h.term, h.category, h.counted, h.reason) for h in hits} >= {
        ("suicidal", SUICIDE, False, "negated"),
        ("at the door", DANGER, True, None),
    }


# -- terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "code"),
    [
        ("", "term_empty"),
        ("?!", "term_empty"),
        ("#", "term_only_numbers"),
        ("ab*", "term_prefix_too_short"),
        ("x" * (TERM_MAX_CHARS + 1), "term_too_long"),
        ("... alone", "term_gap_at_edge"),
        ("alone ...", "term_gap_at_edge"),
        ("all my {sweets}", "term_unknown_group"),
        ("# ##", "term_only_numbers"),
    ],
)
def test_terms_that_cannot_match_are_refused(term, code):
    with pytest.raises(TermError) as refused:
        parse_term(term)
    assert refused.value.code == code


@pytest.mark.parametrize("key", LIST_KEYS)
def test_every_built_in_term_is_valid_and_matches_itself(key):
    terms = defaults.terms(*key)
    assert len(terms) >= 60
    m = Matcher([Term.of(t, *key) for t in terms])
    for term in terms:
        if any(sign in term for sign in ("#", "*", "|", "...", "{")):
            continue
        assert any(h.term == term for h in m.assess(term).hits), term


def test_the_built_in_lists_know_the_published_signals():
    """Means and their doses, and farewells, as crisis lines have found them."""
    for text in (
        "took 30 ibuprofen",
        "just swallowed a whole bottle of Excedrin",
        "j'ai pris toutes mes pilules",
        "antifreeze",
        "💊",
        "say goodbye",
    ):
        assert category(text) == SUICIDE, text


def test_common_medicine_taken_for_an_ordinary_reason_is_not_a_crisis():
    for text in (
        "ibuprofen",
        "took 2 advil for my headache",
        "took 800mg of ibuprofen for cramps",
        "my doctor put me on sertraline 50mg",
        "j'ai pris un doliprane pour la migraine",
        "j'ai oublié ma pilule ce matin",
    ):
        assert category(text) is None, text


def test_texts_built_to_be_slow_are_still_read_right():
    """Their cost is measured by `make bench` (bench/triage.py), not here."""
    m = builtin_matcher()
    assert m.assess("he said " * 2000 + "I want to die").category is None
    assert m.assess("not " * 4000 + "pills").category is None
    assert m.assess('"' * 4000).category is None
