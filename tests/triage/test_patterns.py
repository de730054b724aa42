"""The signs a lexicon term may use: choices, groups, gaps and counts."""

from __future__ import annotations

import pytest

from havre.triage.lexicons import compile_lists
from havre.triage.matcher import DANGER, SUICIDE, Matcher, Term, TermError, parse_term
from havre.triage.normalize import tokenize
from havre.triage.pattern import Choice, Gap


def matcher(suicide: list[str] = (), danger: list[str] = (), language: str = "en") -> Matcher:  # type: ignore[assignment]
    return compile_lists({(SUICIDE, language): list(suicide), (DANGER, language): list(danger)})


def category(text: str, m: Matcher) -> str | None:
    return m.assess(text).category


def test_a_bar_separates_choices_for_one_word():
    m = matcher(danger=["chok*|strangl* me"])
    for text in ("he choked me", "he strangled me", "he is choking me"):
        assert category(text, m) == DANGER, text
    assert category("he choked on a grape", m) is None


def test_a_group_stands_for_its_words_in_the_terms_language():
    m = matcher(["all my {medicine}"])
    for text in ("took all my pills", "all my tylenol", "ALL MY MEDS"):
        assert category(text, m) == SUICIDE, text
    assert category("all my friends", m) is None
    english = Matcher([Term.of("hit ... {child}", DANGER, "en")])
    french = Matcher([Term.of("frapper ... {child}", DANGER, "fr")])
    assert english.assess("he hit my son").crisis
    # The French "son" is "his": an English group word is not a French one.
    assert not french.assess("se fait frapper par son copain").crisis
    assert french.assess("il veut frapper mon fils").crisis


def test_a_choice_may_name_a_group():
    m = matcher(danger=["he|{partner} ... hit me"])
    assert category("my husband hit me", m) == DANGER
    assert category("he just hit me", m) == DANGER


def test_three_dots_stand_for_a_few_words_of_any_kind():
    m = matcher(danger=["he ... kill me"])
    assert category("he said he will kill me", m) == DANGER
    assert category("i think he is really going to kill me", m) == DANGER
    assert category("he told my sister and my mother that they would kill me", m) is None


def test_a_tilde_reads_a_whole_sentence_who_does_what_to_whom():
    m = matcher(danger=["he|{partner} ~ squeez*|press*|grabb* ~ my neck|throat"])
    for text in (
        "he squeezed my neck",
        "my husband grabbed me last night on the stairs by my throat",
        "he pressed his whole forearm down across my neck",
    ):
        assert category(text, m) == DANGER, text
    # Twelve words at most in each gap, in one sentence, not denied.
    assert category("he grabbed my arm. i have a sore throat and neck", m) is None
    assert (
        category(
            "he grabbed the bag and then one two three four five six seven eight nine my neck", m
        )
        is None
    )
    assert category("he never squeezed my neck", m) is None


def test_texts_built_to_be_slow_cost_little_with_wide_gaps():
    m = matcher(danger=["he ~ grab* ~ my ~ neck"])
    text = " ".join(["he grabbed my"] * 2000)
    assert category(text, m) is None
    assert category(text + " neck", m) == DANGER


def test_a_gap_runs_neither_across_sentences_nor_into_quotes():
    m = matcher(danger=["he ... kill me"])
    assert category("he left. kill me now", m) is None
    assert category('he said "kill me"', m) is None


def test_a_double_tilde_reads_across_the_short_sentences_a_plan_is_told_in():
    m = matcher(["i ~ have|got ~ pills|rope ~~ (tonight|it is time)"])
    for text in (
        "I have the pills. Tonight.",
        "i got the rope yesterday. it's time",
        "i have the pills",
    ):
        expected = None if text == "i have the pills" else SUICIDE
        assert category(text, m) == expected, text
    # Twelve words at most, never out of a quotation.
    far = (
        "i have the pills. one two three four five six seven eight nine ten eleven twelve thirteen"
    )
    assert category(far + ". tonight", m) is None
    assert category('i have the pills. she said "tonight"', m) is None
    # The words after the gap stay in the sentence it lands in.
    after = matcher(["pills ~~ tonight ~ ready"])
    assert category("the pills. tonight i am ready", after) == SUICIDE
    assert category("the pills. tonight. ready", after) is None


def test_a_denial_denies_across_sentences_only_in_a_sentence_the_match_holds():
    m = matcher(["(empty|numb) ~~ (i want it to stop)"])
    # The sentence passed over says nothing of the match...
    assert category("I'm empty. I don't feel anything anymore. I want it to stop", m) == SUICIDE
    # ...while a negation in the match's own sentence denies it.
    assert category("I'm not empty. I want it to stop", m) is None
    assert category("I'm empty. I don't know if I want it to stop", m) is None


def test_a_denial_in_a_gap_denies_the_match():
    m = matcher(danger=["he ... kill me"])
    hits = m.assess("he would never kill me").hits
    assert [(h.counted, h.reason) for h in hits] == [(False, "negated")]


def test_two_number_signs_stand_for_a_count_of_ten_or_more_not_a_dose():
    m = matcher(["took ## pills", "took ## ... {medicine}"])
    assert category("took 30 pills", m) == SUICIDE
    assert category("i took 20 advil", m) == SUICIDE
    assert category("took 2 pills", m) is None
    assert category("took 20 mg of prozac", m) is None
    assert category("took 1,000 pills", m) == SUICIDE


def test_a_term_is_spelt_out_into_forms_that_are_plain_data():
    forms = parse_term("he|she ... hit|hits me")
    assert len(forms) == 1
    first, gap, verb, me = forms[0]
    assert isinstance(first, Choice)
    assert first.words == {"he", "she"}
    assert gap == Gap(4)
    assert isinstance(verb, Choice)
    assert verb.words == {"hit", "hits"}
    assert isinstance(me, Choice)
    assert me.words == {"me"}
    # A tilde is a wider gap; gaps side by side are the widest of them.
    assert parse_term("he ~ my neck")[0][1] == Gap(12)
    assert parse_term("he ... ~ my neck")[0][1] == Gap(12)
    # A choice of several words is its own form: "he's" reads "he is".
    assert len(parse_term("he's|she ... here")) == 2


def test_a_term_standing_for_too_many_forms_is_refused():
    with pytest.raises(TermError) as refused:
        parse_term(" ".join(["he's|she's|they're"] * 6))
    assert refused.value.code == "term_too_many_forms"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("il ma frappée", ["il", "me", "a", "frappee"]),
        ("elle ta dit", ["elle", "te", "a", "dit"]),
        ("ma mère", ["ma", "mere"]),
        ("jvoudrais mourir", ["je", "voudrais", "mourir"]),
        ("jsuis sur le pont", ["je", "suis", "sur", "le", "pont"]),
        ("jpp", ["je", "en", "peux", "plus"]),
        ("imma kms", ["i", "am", "going", "to", "kill", "myself"]),
    ],
)
def test_french_and_english_sms_spellings_are_read_as_they_are_meant(text, words):
    assert [t.text for t in tokenize(text)] == words


def test_brackets_offer_choices_of_several_words():
    m = matcher(["not see how i can (go on|keep going)"])
    assert category("i dont see how i can keep going", m) == SUICIDE
    assert category("i don't see how i can go on", m) == SUICIDE
    assert category("i don't see how i can keep", m) is None
    # A bracket left open is only a sign.
    assert category("kill myself :(", matcher(["kill myself :("])) == SUICIDE
