"""The lexicon editor's JSON API, for supervisors and admins of one program.

GET  lexicons                          every list in force, with the built-in terms
POST lexicons/<category>/<language>    {"terms": [...]}: save one list
POST lexicons/<category>/<language>/reset                go back to the built-in list
POST try                               {"text": "...", "lists": [...]}: assess sample
                                        text, one message per line, against lists not
                                        saved yet; nothing is stored or logged

Lists belong to the member's own program: there is no program in the URL,
so no one reaches another program's lists. The sample text of `try` is
staff-typed, but it is treated like a texter's: read in memory, answered,
forgotten.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import error, json_body, staff_api
from havre.accounts.models import User
from havre.triage import actions
from havre.triage.lexicons import LIST_KEYS, ListKey, builtin_lists, compile_lists, lists_for
from havre.triage.matcher import Assessment
from havre.triage.models import Lexicon

TRY_MAX_CHARS = 10_000
TRY_MAX_LINES = 100


def _supervisor(member: User) -> HttpResponse | None:
    return None if member.is_supervisor else error("forbidden", 403)


def _list_payload(key: ListKey, row: Lexicon | None) -> dict[str, Any]:
    category, language = key
    builtin = builtin_lists()[key]
    return {
        "category": category,
        "language": language,
        "terms": row.term_list if row is not None else builtin,
        "builtin": builtin,
        "edited": row is not None,
        "updated_at": row.updated_at.isoformat() if row is not None else None,
        "updated_by": str(row.updated_by) if row is not None and row.updated_by else None,
    }


def _refusal(exc: actions.LexiconError) -> JsonResponse:
    if exc.code == "forbidden":
        return error("forbidden", 403)
    response = error(exc.code, 400)
    if exc.line is not None:
        response = JsonResponse({"error": exc.code, "line": exc.line}, status=400)
    return response


def _terms_in(data: dict[str, Any]) -> list[str] | None:
    terms = data.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        return None
    return terms


@staff_api("GET")
def lexicons(request: HttpRequest, member: User) -> HttpResponse:
    if (refused := _supervisor(member)) is not None:
        return refused
    rows = {
        (row.category, row.language): row
        for row in Lexicon.objects.filter(program_id=member.program_id).select_related("updated_by")
    }
    return JsonResponse({"lists": [_list_payload(key, rows.get(key)) for key in LIST_KEYS]})


@staff_api("POST")
def save(request: HttpRequest, member: User, category: str, language: str) -> HttpResponse:
    if (refused := _supervisor(member)) is not None:
        return refused
    data = json_body(request)
    terms = _terms_in(data) if data is not None else None
    if terms is None:
        return error("invalid_terms", 400)
    try:
        row = actions.save_lexicon(
            member.program, by=member, category=category, language=language, terms=terms
        )
    except actions.LexiconError as exc:
        return _refusal(exc)
    return JsonResponse(_list_payload((category, language), row))


@staff_api("POST")
def reset(request: HttpRequest, member: User, category: str, language: str) -> HttpResponse:
    if (refused := _supervisor(member)) is not None:
        return refused
    try:
        actions.reset_lexicon(member.program, by=member, category=category, language=language)
    except actions.LexiconError as exc:
        return _refusal(exc)
    return JsonResponse(_list_payload((category, language), None))


def _assessment_payload(assessment: Assessment) -> dict[str, Any]:
    return {
        "crisis": assessment.crisis,
        "category": assessment.category,
        "hits": [
            {
                "term": hit.term,
                "category": hit.category,
                "language": hit.language,
                "counted": hit.counted,
                "reason": hit.reason,
            }
            for hit in assessment.hits
        ],
    }


@staff_api("POST")
def try_text(request: HttpRequest, member: User) -> HttpResponse:
    if (refused := _supervisor(member)) is not None:
        return refused
    data = json_body(request)
    text = data.get("text") if data is not None else None
    drafts = data.get("lists", []) if data is not None else None
    if not isinstance(text, str) or len(text) > TRY_MAX_CHARS or not isinstance(drafts, list):
        return error("invalid_sample", 400)
    lines = text.splitlines()
    if len(lines) > TRY_MAX_LINES:
        return error("invalid_sample", 400)
    lists = lists_for(member.program_id)
    for draft in drafts:
        if not isinstance(draft, dict):
            return error("invalid_lists", 400)
        key = (str(draft.get("category")), str(draft.get("language")))
        terms = _terms_in(draft)
        if key not in LIST_KEYS or terms is None:
            return error("invalid_lists", 400)
        try:
            lists[key] = actions.clean_terms(terms, key[1])
        except actions.LexiconError as exc:
            return JsonResponse(
                {"error": exc.code, "line": exc.line, "category": key[0], "language": key[1]},
                status=400,
            )
    matcher = compile_lists(lists)
    return JsonResponse({"results": [_assessment_payload(matcher.assess(line)) for line in lines]})
