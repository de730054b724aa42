"""What the rest of a text says about a match: denial, someone else, a joke, a
story, an everyday phrase, or danger that is past and resolved."""

from __future__ import annotations

import pytest

from havre.triage.context import marker_lists
from havre.triage.lexicons import builtin_matcher


def reasons(text: str) -> set[str | None]:
    return {hit.reason for hit in builtin_matcher().assess(text).hits}


def category(text: str) -> str | None:
    return builtin_matcher().assess(text).category


@pytest.mark.parametrize(
    "text",
    [
        "this traffic makes me want to shoot myself lmao",
        "i want to die, i just sent that email to my boss 🤦‍♀️",
        "ma mère a dit qu'elle me tuerait si je rentre en retard ptdr",
        "lol he'd kill me if he knew i bought more shoes",
    ],
)
def test_laughter_in_the_same_sentence_makes_a_joke(text):
    assert category(text) is None
    assert "joke" in reasons(text)


def test_laughter_in_another_sentence_does_not():
    assert category("lol. no really, i want to die") == "suicide"


def test_someone_elses_words_in_a_story_are_not_a_threat():
    text = 'my daughter watched a movie where the villain says "i will kill you"'
    assert category(text) is None
    assert "story" in reasons(text)
    # A threat told by someone real still counts.
    assert category('he texted "i will kill you"') == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "she wants to die, how do i help her",
        "elle a envie de mourir, je fais quoi",
        "my friend took all her pills last night",
        "ma fille se scarifie et je suis inquiète",
    ],
)
def test_suicide_risk_told_of_someone_else_is_not_the_texters(text):
    assert category(text) is None
    assert reasons(text) & {"other_person", "reported"}


def test_someone_elses_words_about_the_texter_are_hers_when_she_says_he_is_right():
    assert category("my bf says im a waste of oxygen and honestly hes right") == "suicide"
    assert category("my bf says im a waste of oxygen") is None
    # Telling herself is her own thought.
    assert category("je suis en train de me dire que la vie sans moi ce serait pas plus mal") == (
        "suicide"
    )


def test_a_reporting_verb_in_a_condition_reports_nothing():
    # "if anyone asks" is no one speaking; "their" belongs to the term.
    assert category("If anyone asks, tell them it wasn't their fault. I'm done. Bye") == "suicide"
    assert category("my friend said 'i want to die'") is None


def test_words_that_name_the_texter_stay_the_texters_whoever_else_is_named():
    assert category("they'd all be better off without me") == "suicide"
    assert category("ils seraient soulagés si je partais pour toujours") == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "he used to choke me but that was ten years ago and he lives in another country",
        "my ex threatened to kill me in 2018, he's in prison now",
        "I tried to kill myself when I was 17 but I'm in a much better place now",
        "il m'étranglait il y a dix ans, on a divorcé",
        "j'ai fait une tentative de suicide ado, ça va beaucoup mieux maintenant",
    ],
)
def test_danger_past_and_resolved_is_set_aside(text):
    assert category(text) is None
    assert "past" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "he used to just yell but now he hits me and it's getting worse",
        "years ago he choked me and last night he did it again",
        "il est sorti de prison et il m'a encore menacée de mort",
        "I used to be happy, now I want to die",
    ],
)
def test_what_is_happening_again_or_said_apart_from_the_past_counts(text):
    assert category(text) is not None


def test_a_denied_resolution_resolves_nothing():
    assert category("he threatened to kill me, he's not in prison anymore") == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "he's coming over tonight for dinner with my parents",
        "he hit me up yesterday",
        "je suis angoissée quand il est là",
        "j'ai mal à la gorge",
        "i cut myself shaving",
        "je me suis coupée en faisant la cuisine",
        "je veux en finir avec cette relation",
        "how do i help a friend who is suicidal",
        "what are the warning signs of an overdose",
        "comment aider une amie qui pense au suicide",
        "he put the necklace around my neck for our anniversary",
        "i took the whole course of pills like the doctor said",
        "he put his arm around my neck in the photo",
        "my husband sharpened the knives for thanksgiving",
        "he kicked the door shut because of the draft",
    ],
)
def test_everyday_phrases_and_mishaps_are_set_aside(text):
    assert category(text) is None


def test_a_mishap_sets_aside_only_suicide_risk():
    # What he does to her while she cooks is no mishap of hers.
    assert category("he pulled a knife on me in the kitchen") == "danger"
    assert category("il m'a étranglée pendant que je faisais la cuisine") == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "he has never hit me or threatened me",
        "i don't feel like i want to die, i'm angry",
        "je crois pas qu'il me ferait vraiment du mal",
        "nobody has a gun here",
    ],
)
def test_a_denial_carries_over_or_and_a_thought(text):
    assert category(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "il arrête pas de me menacer de mort",
        "he won't stop threatening to kill me",
        "i don't think i can keep going",
    ],
)
def test_what_only_looks_denied_counts(text):
    assert category(text) is not None


def test_the_markers_are_data_in_both_languages():
    markers = marker_lists()
    assert set(markers) == {
        "laughter",
        "story",
        "everyday",
        "mishap",
        "resolved",
        "earlier",
        "ongoing",
        "feeling",
        "agreement",
    }
    assert "lol" in markers["laughter"]
    assert "mdr" in markers["laughter"]
    assert "in prison" in markers["resolved"]
    assert "en prison" in markers["resolved"]


@pytest.mark.parametrize(
    "text",
    [
        "je me scarifie pas, je te rassure",
        "je me coupe pas",
        "je ne me scarifie pas",
        "j'ai pas pris tous les cachets",
        "il m'a pas frappée",
        "il me frappe jamais",
    ],
)
def test_a_french_denial_after_the_verb_denies_its_clause(text):
    assert category(text) is None
    assert "negated" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "je vais me tuer pas le choix",
        "si il me frappe pas ce soir il me tuera",
        "je me scarifie pas seulement les bras",
        "j'pense à mourir pas mal souvent ces temps-ci",
        "il me frappait jamais au visage, hier il s'en foutait",
    ],
)
def test_a_negation_after_the_verb_that_denies_nothing_keeps_the_match(text):
    assert category(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "il va me tuer et il ira en prison s'il faut",
        "he says he'll kill me even if he goes back to jail",
        "he's gonna kill me even if he ends up in jail",
        "il est en prison mais il dit qu'il va me tuer quand il sort",
    ],
)
def test_a_threat_in_the_future_is_not_resolved_by_a_marker_elsewhere(text):
    assert category(text) == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "he said he would kill me but he's in prison now",
        "il m'a dit qu'il allait me tuer, il est en prison maintenant",
        "years ago he was going to kill me, we divorced",
    ],
)
def test_a_threat_told_in_the_past_is_still_resolved(text):
    assert category(text) is None
    assert "past" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "j'ai vu un reportage sur des femmes séquestrées",
        "j'ai vu un reportage sur des femmes séquestrées par leur mari, c'était terrible",
        "we watched a documentary about women who were strangled",
    ],
)
def test_what_a_report_or_a_film_is_about_is_its_subject(text):
    assert category(text) is None
    assert "story" in reasons(text) or not reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        # The texter's own words after the report are hers.
        "j'ai vu un reportage sur les femmes battues, il me frappe aussi",
        "i saw a show about abuse and he strangled me last night",
    ],
)
def test_the_texters_own_danger_beside_a_report_still_counts(text):
    assert category(text) == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "il me frappait. on est divorcés depuis 2016, je pense encore à lui",
        "My ex used to threaten me with his gun. We've been divorced 10 years. "
        "I still have nightmares sometimes",
    ],
)
def test_the_texters_own_present_elsewhere_does_not_undo_the_resolution(text):
    assert category(text) is None
    assert "past" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "il me frappait. on est divorcés depuis 2016. il m'a encore menacée hier",
        "he used to choke me. we divorced. it is happening again",
        "on est divorcés mais il me frappe encore",
    ],
)
def test_an_ongoing_danger_elsewhere_still_undoes_the_resolution(text):
    assert category(text) == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "il me frappait quand on était mariés, on est divorcés depuis 2016, ça m'affecte encore",
        "he used to choke me, he's in prison now, and it still haunts me",
    ],
)
def test_how_the_past_still_weighs_on_her_does_not_undo_the_resolution(text):
    assert category(text) is None
    assert "past" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "il me frappait, on est divorcés, et il me frappe encore quand il voit les enfants",
        "we divorced but he still chokes me and i have nightmares",
    ],
)
def test_a_danger_that_goes_on_beside_a_feeling_still_counts(text):
    assert category(text) == "danger"
