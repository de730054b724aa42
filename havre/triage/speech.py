"""Who says it, and whether it is denied: the two readings triage makes around a match.

Negation. A match is denied when a negation word ("not", "never", "no",
"pas", "jamais", "aucun"...) stands at most `NEGATION_REACH` words before it
in the same clause. The look-back stops at punctuation, at a quotation
mark, at a linking word ("but", "and", "mais", "et"...) and at a subject
pronoun ("I", "je", "he"...), which starts a new statement: in "I'm not ok I
want to die" the "not" does not deny "want to die". "can't" and "couldn't"
are not denials here: "I can't stop thinking about ending it" is a risk.
"No"/"non" followed by a pronoun is an answer ("no I want to die"), not a
denial; nor is a negation inside a condition ("if he can't have me, no one
can"), nor "never"/"jamais" in a clause that says how much ("j'ai jamais eu
autant envie de mourir"). French puts its negation after the verb: "pas" or
"jamais" just after a match denies it too ("je me scarifie pas").

Reported speech. Words belong to someone else when they stand after a
reporting verb, unless the verb is part of a condition ("if anyone asks,
tell them it wasn't their fault"), ("said", "told", "says", "texted", "dit", "écrit",
"crié"...) whose subject is not the texter ("he", "my friend", "il", "elle"),
up to the end of the clause (or of the next one when the verb ends its own:
"he said: ..."), or up to "but"/"mais" or a linking word followed by "I"/"je".
Words inside quotation marks belong to someone else when such a verb stands
just before or just after the quote ("my friend said 'I want to die'",
"'I want to die,' she said"). A verb with the texter as subject ("I told him
'I want to die'", "j'ai dit que...") or with no subject at all keeps the
words the texter's own, and so do quotes nobody is said to have spoken.
"""

from __future__ import annotations

from collections.abc import Sequence

from havre.triage.letters import squeeze
from havre.triage.normalize import Token, texts


def _set(*phrases: str) -> frozenset[str]:
    """The words as typed, and squeezed as they read when typed with a letter held down."""
    found = [word for phrase in phrases for word in texts(phrase)]
    return frozenset(found + [squeeze(word) for word in found])


NEGATION_REACH = 5
NEGATIONS = _set("not no never nor neither nobody none pas jamais aucun aucune non nullement")
# "no"/"non" before a pronoun answers a question rather than denies what follows.
ANSWERS = _set("no non")
# Negation words that are not denials when the word before them is one of these.
NOT_DENIED_AFTER = {
    texts("not")[0]: _set("can could"),
    # "il arrête pas de me menacer": he keeps threatening me
    texts("pas")[0]: _set("arrete arretes arretait arretent cesse cessait"),
}
# Negation words that are not denials when followed by one of these.
NOT_DENIED_BEFORE = {
    texts("no")[0]: _set("matter doubt longer"),
    texts("not")[0]: _set("only just stop stopping"),
    texts("non")[0]: _set("seulement"),
    texts("pas")[0]: _set("seulement"),
    texts("never")[0]: _set("mind"),
    texts("jamais")[0]: _set("autant"),
}
# A negation next to a verb of seeing or finding is what a threat says, not
# a denial of it: "you'll never see the kids again", "nobody would ever
# find my body", "on me retrouverait jamais", "je reverrai plus jamais ma
# fille". Words matched as typed, or by their beginning (French verbs).
SEEING = _set(
    "see sees saw seen seeing find finds found finding hear hears heard "
    "voir vois voit voyais verrai verras verra verrais verrait vu vue"
)
SEEING_STEMS = ("revoi", "rever", "retrouv", "trouv", "entend")
# Between the negation and the verb ("nobody would ever find", "jamais me revoir").
SEEING_BETWEEN = _set("would will ever again could can me te nous vous plus le la les")
SEEING_REACH = 3
# French puts the negation after the verb, and often drops the "ne": "je me
# scarifie pas", "il me frappe jamais". One of these just after a match, in
# its clause, denies it as a negation before it does, unless it goes on to
# say what there is instead or how much ("je vais me tuer pas le choix",
# "pas que", "je pense à mourir pas mal souvent"), or where it does not
# happen ("il me frappait jamais au visage": elsewhere, then).
AFTER_NEGATIONS = _set("pas jamais")
AFTER_NEGATION_UNLESS = _set("le la les de du des que seulement mal au aux a sur devant")
# A threat or an intent told in the future ("il va me tuer", "he will kill
# me", "he's gonna"): one of these at most `FUTURE_REACH` words before a
# match, in its clause and up to a linking word, or inside it.
FUTURE = _set("will shall going va vais vas vont allons")
FUTURE_REACH = 4
# A film, a report or a book "about" something: what the sentence tells
# after it is its subject ("j'ai vu un reportage sur des femmes séquestrées").
ABOUT = _set("about on sur")


def texter_subject(tokens: Sequence[Token], i: int) -> bool:
    """Whether the nearest subject before tokens[i], in its clause and up to a
    linking word, is the texter ("je pense encore à lui", "I still miss him")."""
    clause = tokens[i].clause
    for j in range(i - 1, max(-1, i - 1 - SUBJECT_REACH), -1):
        token = tokens[j]
        if token.clause != clause or token.text in LINKS:
            return False
        if token.text in PRONOUNS:
            return token.text in FIRST_PERSON
    return False


# A negation this close after one of these is part of a condition.
CONDITIONS = _set("if unless si")
CONDITION_REACH = 5
# "Never" and "jamais" measure rather than deny when their clause says how much.
MEASURED = _set("never jamais")
INTENSIFIERS = _set("autant tellement tant much badly so")
LINKS = _set(
    "but and so then because or if however though "
    "mais et donc alors puis parce car ou si pourtant cependant sauf"
)
# A denial goes on over "or": "he has never hit me or threatened me".
NEGATION_STOPS = LINKS - _set("or nor ou ni")
# A pronoun after these goes on with the denied thought: "I don't feel like I
# want to die", "je ne crois pas qu'il me ferait du mal".
CARRY_OVER = _set("like that think feel believe que pense crois")
CONTRASTS = _set("but however mais pourtant cependant")
# After a verb of asking, these go on with the question: "she asked if I want to die".
QUESTION_LINKS = _set("if whether si")
FIRST_PERSON = _set("i je")
PRONOUNS = FIRST_PERSON | _set("you he she we they tu il elle on nous vous ils elles")
REPORTING = _set(
    "said says say saying told tells tell telling texted texts wrote writes "
    "yelled yells screamed screams shouted shouts asked asks goes whispered messaged "
    "dit dis disait dire disant ecrit ecrivait crie criait hurle hurlait repete repetait "
    "raconte racontait texte envoye demande demandait"
)
# Verbs that put someone else's words between quotation marks without
# reporting speech otherwise ("she posted 'goodbye forever'").
# A line of a song or a play, or what was read, is someone else's words too
# ("the song with the line '...'", "on a lu Camus, '...'").
QUOTING = REPORTING | _set(
    "posted posts put puts captioned mis met poste publie marque "
    "read reads quoted quotes line lyrics lu lit lisait cite cité paroles réplique "
    "sings sang singing chante chantait chantonne"
)
# Between a reporting verb and its subject: auxiliaries, modals, objects, adverbs.
BETWEEN_SUBJECT_AND_VERB = _set(
    "have has had did does do will would always just kept keeps keep to me him her them us "
    "was is am were then also even again literally want wants wanted going need needs "
    "try tried got like love "
    "ai as a avait avais me te lui leur nous vous veux veut vais va voulais voulait "
    "toujours encore meme aussi deja sans cesse arrete pas ne de juste voulu "
    # "je suis en train de me dire que...": the texter tells herself
    "suis es est etais etait en train"
)
THIRD_PERSON = _set("he she they il elle ils elles")
# "il" with these is impersonal: "il y a", "il faut".
IMPERSONAL = _set("y faut fallait faudrait vaut semble reste")
# The words by which a term speaks of the texter: such a term is about the
# texter whoever else the sentence names ("they'd be better off without me").
# Words that give what a match describes to someone else: "she took all her pills".
THIRD_POSSESSIVES = _set("her his their ses son sa leur leurs")
# Reflexives of a third person, just before a match or inside it: "ma fille se
# scarifie", "he wants to kill himself". The texter says "me", "myself".
THIRD_REFLEXIVES = _set("se himself herself themselves")
# Inside a match, "se" belongs to the term ("que tout s'arrête").
THIRD_REFLEXIVES_INSIDE = THIRD_REFLEXIVES - _set("se")
TEXTER_WORDS = _set("i me my myself mine je moi mes ma mon")
ACTOR_REACH = 4
QUOTE_REACH = 5
# Reported words run at most this far after their verb, which also keeps a
# text of nothing but "said said said..." from costing more than a long one.
REPORT_REACH = 40
SUBJECT_REACH = 5


def negated(tokens: Sequence[Token], start: int) -> bool:
    """Whether the match beginning at `tokens[start]` is denied by the words before it."""
    first = tokens[start]
    for i in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
        token = tokens[i]
        if token.clause != first.clause or token.quote != first.quote:
            return False
        word = token.text
        if word in NEGATION_STOPS:
            return False
        if word in PRONOUNS and (i == 0 or tokens[i - 1].text not in CARRY_OVER):
            return False
        if word in NEGATIONS and _denies(tokens, i):
            return True
    return False


def denied(
    tokens: Sequence[Token], start: int, skipped: Sequence[int] = (), end: int | None = None
) -> bool:
    """Whether a match is denied, by the words before it, by a negation in one
    of its gaps, or (given its `end`) by a French negation just after it.

    "he ... kill me" matched in "he would never kill me" is denied by the
    "never" that its gap passed over; "me scarifie" in "je me scarifie pas"
    by the "pas" after it. A gap that runs across sentences ("~~") passes
    over whole sentences whose negations say nothing of the match ("I'm
    empty. I don't feel anything. I want it to stop"): a negation in a gap
    denies only in a sentence that holds a word of the match.
    """
    if negated(tokens, start):
        return True
    held = _held_sentences(tokens, start, skipped, end)
    if any(
        tokens[i].text in NEGATIONS and tokens[i].sentence in held and _denies(tokens, i)
        for i in skipped
    ):
        return True
    return end is not None and negated_after(tokens, start, end)


def _held_sentences(
    tokens: Sequence[Token], start: int, skipped: Sequence[int], end: int | None
) -> frozenset[int]:
    """The sentences of the words a match holds, those of its gaps left out."""
    if end is None:
        return frozenset(tokens[i].sentence for i in (start, *skipped))
    passed = frozenset(skipped)
    return frozenset(tokens[i].sentence for i in range(start, end) if i not in passed)


def negated_after(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the match at tokens[start:end] is followed, in its clause and
    quotation, by a French negation that denies it ("je me coupe pas")."""
    if end >= len(tokens) or end <= start:
        return False
    last, after = tokens[end - 1], tokens[end]
    if after.clause != last.clause or after.quote != last.quote:
        return False
    if after.text not in AFTER_NEGATIONS:
        return False
    following = tokens[end + 1].text if end + 1 < len(tokens) else ""
    if following in AFTER_NEGATION_UNLESS:
        return False
    return _denies(tokens, end)


def _denies(tokens: Sequence[Token], i: int) -> bool:
    word = tokens[i].text
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if word in ANSWERS and after in PRONOUNS:
        return False
    if before in NOT_DENIED_AFTER.get(word, ()):
        return False
    if after in NOT_DENIED_BEFORE.get(word, ()):
        return False
    if _in_condition(tokens, i) or _next_to_seeing(tokens, i):
        return False
    # "never ... so much", "jamais eu autant envie de mourir": a measure, not a denial.
    if word in MEASURED:
        clause = tokens[i].clause
        ahead = (t.text for t in tokens[i + 1 :] if t.clause == clause)
        return not any(text in INTENSIFIERS for text in ahead)
    return True


def _seeing(word: str) -> bool:
    return word in SEEING or word.startswith(SEEING_STEMS)


def _next_to_seeing(tokens: Sequence[Token], i: int) -> bool:
    """Whether the negation at `i` goes with a verb of seeing or finding, just
    after it ("never see") or, in French, just before it ("retrouverait jamais")."""
    clause = tokens[i].clause
    for j in range(i + 1, min(len(tokens), i + 1 + SEEING_REACH)):
        if tokens[j].clause != clause:
            break
        if _seeing(tokens[j].text):
            return True
        if tokens[j].text not in SEEING_BETWEEN:
            break
    for j in range(i - 1, max(-1, i - 1 - SEEING_REACH), -1):
        if tokens[j].clause != clause:
            break
        if _seeing(tokens[j].text):
            return True
        if tokens[j].text not in SEEING_BETWEEN:
            break
    return False


def _in_condition(tokens: Sequence[Token], i: int) -> bool:
    """Whether the negation at `i` is part of a condition ("if he can't have me,
    no one can", "si il m'a pas personne m'aura"): it denies nothing after it."""
    clause = tokens[i].clause
    for j in range(i - 1, max(-1, i - 1 - CONDITION_REACH), -1):
        if tokens[j].clause != clause:
            return False
        if tokens[j].text in CONDITIONS:
            return True
    return False


def future(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the match at tokens[start:end] is told in the future ("il va me tuer")."""
    if any(token.text in FUTURE for token in tokens[start:end]):
        return True
    first = tokens[start]
    for i in range(start - 1, max(-1, start - 1 - FUTURE_REACH), -1):
        token = tokens[i]
        if token.clause != first.clause or token.quote != first.quote or token.text in LINKS:
            return False
        if token.text in FUTURE:
            return True
    return False


def others(tokens: Sequence[Token]) -> list[bool]:
    """For each token, whether it is someone else's words rather than the texter's."""
    result = [False] * len(tokens)
    for i, token in enumerate(tokens):
        if (
            token.quote == 0
            and token.text in REPORTING
            and not _texter_speaks(tokens, i)
            and not _in_condition(tokens, i)
        ):
            _mark_reported(tokens, i, result)
    for first, last in _quotes(tokens):
        if _quote_reported(tokens, first, last):
            for i in range(first, last + 1):
                result[i] = True
        else:
            for i in range(first, last + 1):
                result[i] = False
    return result


def someone_else_acts(
    tokens: Sequence[Token], start: int, end: int, *, possessives: bool = True
) -> bool:
    """Whether the match at tokens[start:end] tells what a third person does.

    "she wants to die", "elle veut mourir": the nearest pronoun before the
    match in its clause decides; "my friend took all her pills": a third
    person's possessive inside the match does too, and so does a third
    person's reflexive inside it or just before it ("ma fille se scarifie").
    With `possessives` False (the term holds one itself: "not their fault"),
    a possessive inside the match says nothing.
    """
    first = tokens[start]
    inside = (THIRD_POSSESSIVES if possessives else frozenset()) | THIRD_REFLEXIVES_INSIDE
    if any(token.text in inside for token in tokens[start:end]):
        return True
    if (
        start > 0
        and tokens[start - 1].text in THIRD_REFLEXIVES
        and tokens[start - 1].clause == first.clause
    ):
        return True
    for i in range(start - 1, max(-1, start - 1 - ACTOR_REACH), -1):
        token = tokens[i]
        if token.clause != first.clause or token.quote != first.quote or token.text in LINKS:
            return False
        if token.text in THIRD_PERSON:
            after = tokens[i + 1].text if i + 1 < len(tokens) else ""
            return not (token.text == "il" and after in IMPERSONAL)
        if token.text in PRONOUNS:
            return False
    return False


def _texter_speaks(tokens: Sequence[Token], verb: int) -> bool:
    """The subject of the reporting verb at `verb` is the texter, or is left out.

    The nearest pronoun before the verb in its clause decides ("I told him",
    "il m'a dit"); without one, a word there is taken for a named subject
    ("my friend said"); with nothing at all, the texter speaks ("told him...").
    """
    clause = tokens[verb].clause
    named = False
    for i in range(verb - 1, max(-1, verb - 1 - SUBJECT_REACH), -1):
        token = tokens[i]
        if token.clause != clause or token.quote != 0 or token.text in LINKS:
            break
        if token.text in BETWEEN_SUBJECT_AND_VERB:
            continue
        if token.text in PRONOUNS:
            return token.text in FIRST_PERSON
        named = True
    return not named


def _mark_reported(tokens: Sequence[Token], verb: int, result: list[bool]) -> None:
    clause = tokens[verb].clause
    if verb + 1 < len(tokens) and tokens[verb + 1].clause != clause:
        clause = tokens[verb + 1].clause  # "he said: ...", "elle m'a dit, ..."
    for i in range(verb + 1, min(len(tokens), verb + 1 + REPORT_REACH)):
        token = tokens[i]
        if token.clause != clause or token.text in CONTRASTS:
            return
        following = {t.text for t in tokens[i + 1 : i + 3]}
        if token.text in LINKS and token.text not in QUESTION_LINKS and following & FIRST_PERSON:
            return  # "... and I want to die": the texter speaks again
        result[i] = True


def _quotes(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for i, token in enumerate(tokens):
        if token.quote:
            first, _last = spans.get(token.quote, (i, i))
            spans[token.quote] = (first, i)
    return list(spans.values())


def _quote_reported(tokens: Sequence[Token], first: int, last: int) -> bool:
    sentence = tokens[first].sentence
    for i in range(first - 1, max(-1, first - 1 - QUOTE_REACH), -1):
        token = tokens[i]
        if token.sentence != sentence:
            break
        if token.quote == 0 and token.text in QUOTING:
            return not _texter_speaks(tokens, i)
    for i in range(last + 1, min(len(tokens), last + 1 + QUOTE_REACH)):
        token = tokens[i]
        if token.sentence != sentence or token.quote != 0:
            break
        if token.text in QUOTING:
            # "'...' she said" or "'...' said my friend"
            subject = tokens[i - 1] if i - 1 > last else None
            if subject is None and i + 1 < len(tokens):
                subject = tokens[i + 1]
            return subject is not None and subject.text not in FIRST_PERSON
    return False
