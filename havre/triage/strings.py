"""The console's texts for crisis triage: markers, alerts and the lexicon editor.

Merged into the console's catalogue (havre/console/catalog.py) under `triage.*`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from havre.triage.actions import MAX_TERMS
from havre.triage.matcher import PREFIX_MIN, TERM_MAX_CHARS


def _markers() -> dict[str, str]:
    return {
        "nav": _("Crisis words"),
        "marker.suicide": _("Crisis: suicide risk"),
        "marker.danger": _("Crisis: immediate danger"),
        "marker.since": _("flagged {when}"),
        "category.suicide": _("Suicide risk"),
        "category.danger": _("Immediate danger"),
        "alerts.title": _("Crisis alerts"),
        "alert.suicide": _("Crisis: suicide risk in the conversation with {texter}."),
        "alert.danger": _("Crisis: immediate danger in the conversation with {texter}."),
        "alert.raised": _(
            "Crisis raised from suicide risk to immediate danger in the conversation with {texter}."
        ),
        "alert.announce": _("Crisis alert. {text}"),
        "alert.since": _("(raised {when})"),
        "alert.open": _("Open the conversation"),
        "alert.acknowledge": _("Acknowledge"),
        "alert.error": _(
            "The alert could not be acknowledged. Check the connection, then try again."
        ),
        "clear.open": _("This flag is wrong…"),
        "clear.question": _("Why is this flag wrong?"),
        "clear.reason.joke": _("A joke or a figure of speech"),
        "clear.reason.someone_else": _("About someone else, not the texter"),
        "clear.reason.past": _("Danger long past and resolved"),
        "clear.reason.everyday": _("An everyday use of the words (medicine for a headache…)"),
        "clear.reason.test": _("A test message"),
        "clear.reason.other": _("Another reason"),
        "clear.hint": _(
            "The conversation goes back to its place in the queue by wait time, and its alert "
            "ends. Only the reason is recorded, with your name. A later text that matches "
            "flags it again."
        ),
        "clear.choose": _("Choose a reason first."),
        "clear.submit": _("Clear the flag"),
        "clear.cancel": _("Keep the flag"),
        "clear.done": _("Flag cleared. The conversation is back in its place by wait time."),
    }


def _editor() -> dict[str, str]:
    return {
        "title": _("Crisis triage words"),
        "intro": _(
            "Every text that arrives is checked against these lists before it is encrypted. "
            "A match puts the conversation at the front of the queue, marks it, and alerts "
            "the supervisors on duty. Only the category is kept, never the words."
        ),
        "rules.title": _("How the words are matched"),
        "rules.words": _(
            "One term per line: a word or a phrase. Case, accents, punctuation and letters "
            "held down (“mouriiir”) do not matter, and common SMS spellings are understood "
            "(“jveux”, “tmrw”, “cant”)."
        ),
        "rules.signs": _(
            "“#” stands for any number: “# mg” matches “800mg” and “200 mg”; “##” for a count "
            "of ten or more, never a dose: “took ## pills”. A word ending in “*” matches any "
            "word it begins: “overdos*” matches “overdose” and “overdosed”."
        ),
        "rules.patterns": _(
            "“|” offers a choice of words: “choke*|strangl* me”, and brackets a choice of "
            "phrases: “(go on|keep going)”. “...” leaves room for up to four words: “he ... "
            "kill me” matches “he said he would kill me”. A name in braces "
            "stands for a built-in group of words: “all my {medicine}”, “{partner} ... hit me”, "
            "“{weapon}”, “{child}”."
        ),
        "rules.sentences": _(
            "“~” leaves room for up to twelve words of the same sentence, to read who does "
            "what to whom rather than a fixed phrase: “he ~ squeez*|grabb* ~ my neck|throat” "
            "matches “he grabbed me last night by my throat”."
        ),
        "rules.negation": _(
            "A term that is denied does not count: “I'm not suicidal”, “je ne veux pas mourir”."
        ),
        "rules.reported": _(
            "Suicide-risk terms in someone else's words do not count: my friend said “I "
            "want to die”. Danger terms count even when quoted: he told me “I'll kill you” "
            "is the danger."
        ),
        "rules.context": _(
            "A match does not count when the text makes it a joke (“lol”, “mdr”, 😂 in the "
            "same sentence), words from a film or a song, something said of someone else (“she "
            "wants to die”), an everyday phrase (“hit me up”, “I cut myself shaving”), or danger "
            "past and resolved (“years ago”, “he's in prison”) with nothing saying it is "
            "happening again."
        ),
        "rules.both": _(
            "The English and French lists apply to every text, whatever its language. When "
            "a text matches both categories, immediate danger comes first."
        ),
        "category": _("Category"),
        "language": _("Language"),
        "language.en": _("English"),
        "language.fr": _("French"),
        "terms": _("Terms, one per line"),
        "state.builtin": _("This is Havre's built-in list."),
        "state.edited": _("Edited by {name}, {when}."),
        "state.edited_anonymous": _("Edited {when}."),
        "state.unsaved": _("Unsaved changes."),
        "save": _("Save this list"),
        "saved": _("Saved. New texts are checked against it from now on."),
        "reset": _("Go back to the built-in list"),
        "reset_done": _("Back to the built-in list."),
        "reset.confirm": _(
            "Replace this list with Havre's built-in one? Your changes to it will be lost."
        ),
        "reset.yes": _("Yes, go back to the built-in list"),
        "reset.no": _("Keep this list"),
        "list.name": _("{category}, {language}"),
        "loading": _("Loading…"),
        "try.title": _("Try it"),
        "try.label": _("Sample text, one message per line"),
        "try.hint": _(
            "Checked against the lists as they stand on this page, saved or not. Nothing is stored."
        ),
        "try.submit": _("Try"),
        "try.empty": _("Type a sample message first."),
        "try.none": _("Line {line}: no crisis."),
        "try.crisis": _("Line {line}: {marker}."),
        "try.matched": _("Counted: {terms}."),
        "try.ignored": _("Not counted: {terms}."),
        "try.term": _("{term} ({list})"),
        "reason.negated": _("{term}, denied"),
        "reason.reported": _("{term}, in someone else's words"),
        "reason.other_person": _("{term}, about someone else"),
        "reason.joke": _("{term}, a joke (laughter in the sentence)"),
        "reason.story": _("{term}, words from a film, a song or a book"),
        "reason.everyday": _("{term}, an everyday phrase"),
        "reason.past": _("{term}, past and resolved"),
        "error.line": _("{list}, line {line}: {problem}"),
        "error.term_too_long": _("this term is longer than {max} characters.").replace(
            "{max}", str(TERM_MAX_CHARS)
        ),
        "error.term_empty": _("this term has no word, number or emoji that could match."),
        "error.term_only_numbers": _("a term needs a word besides “#”."),
        "error.term_prefix_too_short": _("put at least {n} letters before “*”.").replace(
            "{n}", str(PREFIX_MIN)
        ),
        "error.too_many_terms": _("A list holds {max} terms at most.").replace(
            "{max}", str(MAX_TERMS)
        ),
        "error.forbidden": _("Only supervisors and administrators can change these lists."),
        "error.term_gap_at_edge": _("“...” goes between words, not at the start or the end."),
        "error.term_unknown_group": _(
            "this group does not exist: use {medicine}, {child}, {weapon} or {partner}."
        ),
        "error.term_too_many_forms": _(
            "this term offers too many choices at once: split it in two."
        ),
        "error.generic": _("That did not work. Check the connection, then try again."),
    }


def console_strings() -> dict[str, str]:
    """Everything the console needs from this app, to merge into its catalogue."""
    return {"triage." + key: value for key, value in {**_markers(), **_editor()}.items()}
