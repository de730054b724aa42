"""The browser's triage (frontend/src/triage/) reads every text as the server's does.

The web chat's page triages the visitor's texts with a TypeScript port of
havre/triage. Both read the same tables (havre/triage/tables.py writes
them as JSON for the port) and the same lexicons; this test runs the port
under Node on every text of the evaluation sets and of examples.tsv, and on
texts that exercise the normaliser's edges, and asks for the same category
and the same hits (each term found, counted or set aside for the same
reason) as the Python matcher gives.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from havre.triage import tables
from havre.triage.lexicons import LIST_KEYS, builtin_lists, compile_lists
from tests.node import FRONTEND, run_script

HERE = Path(__file__).parent
CORPUS = [HERE / "examples.tsv", *sorted((HERE / "eval").glob("*.tsv"))]

# Texts written for the normaliser's and the patterns' edges.
EDGES = [
    "Je veux MOURIIIR !!",
    "wont b here tmrw 💊💊",
    "il ma frappée hier soir, il va me tuer",
    "jsuis pu capab, jveux plu vivre",
    "took 800mg of tylenol… and 30 pills",
    "took 1,000 mg and 12 advil",
    "he said \u201cI'll kill you\u201d and I believe him",
    "« je vais te tuer » qu'il m'a dit",
    "il m'a dit 't' es morte' et 'qu' il crève'",
    "Il M\u2019a Dit \u2018T\u2019 es morte\u2019",
    "'I want to die,' she said",
    "my friend said 'I want to die'",
    "I'm not suicidal lol",
    "Œuvre là, ÇA VA MIEUX maintenant",
    "he used to choke me years ago",
    "he's back. he choked me again last night",
    "killll meeee",
    "I just... want to die",
    "- i want to die - no, he said",
    "\u017ftraße STRASSE \u01c5emal",
    "\u0130stanbul \u00e9\u0301l\u00e8ve",
    "i want to die " * 30,
    "",
    "   ",
    "🙂🙃 ☠️ 🔪",
    "il m a étranglée, j ai peur qu il revienne",
    "i m angry, don t call",
    "ma fille se scarifie",
    "he wants to kill himself",
    "J'ai les cachets. Ce soir je prends tout.",
    "j'ai les cachets. « ce soir » tout",
    "I'm empty. I don't feel anything anymore. I just want it to stop",
]

# A program's own lists, with every sign a term may use, and terms that
# cannot match (left out the same way on both sides).
EDITED = {
    ("suicide", "en"): ["overdos*", "took ## {medicine}", "(go on|keep going) ... no more", "ki"],
    ("suicide", "fr"): [
        "toutes mes {medicine}",
        "# cachets",
        "...",
        "je ~ ai ~ cachets ~~ ce soir ~ tout",
    ],
    ("danger", "en"): ["he ... kill me", "a|b|c gun", "{nothing}", "he ~ grabb* ~ my neck|throat"],
    ("danger", "fr"): ["il|elle ... tuer", "me ... étrangl*", "##"],
}

SCRIPT = """
import { readFileSync } from "node:fs";
import { compileLists } from %(matcher)s;

const input = JSON.parse(readFileSync(0, "utf-8"));
const matcher = compileLists(input.lists);
const results = input.texts.map((text) => matcher.assess(text));
console.log(JSON.stringify(results));
"""


def corpus() -> list[str]:
    texts: list[str] = []
    for path in CORPUS:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend(row["text"] for row in rows)
    return texts + EDGES


def as_payload(lists: Mapping[tuple[str, str], Sequence[str]]) -> list[dict[str, Any]]:
    return [
        {"category": category, "language": language, "terms": list(lists[(category, language)])}
        for category, language in LIST_KEYS
    ]


def python_results(
    lists: Mapping[tuple[str, str], Sequence[str]], texts: Sequence[str]
) -> list[dict[str, Any]]:
    matcher = compile_lists({key: lists[key] for key in LIST_KEYS})
    results = []
    for text in texts:
        assessment = matcher.assess(text)
        results.append(
            {
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
        )
    return results


def node_results(
    tmp_path: Path, lists: Mapping[tuple[str, str], Sequence[str]], texts: Sequence[str]
) -> list[dict[str, Any]]:
    script = tmp_path / "triage.mjs"
    matcher = FRONTEND / "src" / "triage" / "matcher.ts"
    script.write_text(SCRIPT % {"matcher": json.dumps(str(matcher))}, encoding="utf-8")
    payload = json.dumps({"lists": as_payload(lists), "texts": list(texts)})
    result: list[dict[str, Any]] = json.loads(run_script(script, stdin=payload, timeout=300))
    return result


def differences(
    texts: Sequence[str], ours: Sequence[dict[str, Any]], theirs: Sequence[dict[str, Any]]
) -> list[str]:
    return [
        f"{text!r}\n  python: {mine}\n  node:   {other}"
        for text, mine, other in zip(texts, ours, theirs, strict=True)
        if mine != other
    ]


def test_the_tables_the_browser_reads_are_those_of_the_python_matcher():
    assert not tables.stale(), "run scripts/triage-tables, rebuild the bundle and commit"


def test_the_browser_and_the_server_read_the_corpus_the_same_way(tmp_path: Path):
    texts = corpus()
    lists = builtin_lists()
    ours = python_results(lists, texts)
    theirs = node_results(tmp_path, lists, texts)
    found = differences(texts, ours, theirs)
    assert not found, f"{len(found)} of {len(texts)} texts differ:\n" + "\n".join(found[:20])
    assert sum(1 for result in ours if result["category"] is not None) > 400


def test_a_programs_own_lists_read_the_same_way_in_both(tmp_path: Path):
    lists = {**builtin_lists(), **EDITED}
    texts = [
        *corpus(),
        "I took 12 xanax and 20 mg of prozac",
        "go on ... no more",
        "keep going and going no more",
        "he really wants to kill me",
        "elle veut me tuer, il m'a étranglée",
        "j'ai pris toutes mes cachets et 3 cachets",
        "c gun",
        "he grabbed me from behind in the kitchen and squeezed my throat",
    ]
    ours = python_results(lists, texts)
    theirs = node_results(tmp_path, lists, texts)
    found = differences(texts, ours, theirs)
    assert not found, f"{len(found)} of {len(texts)} texts differ:\n" + "\n".join(found[:20])
    assert any(hit["term"] == "took ## {medicine}" for result in ours for hit in result["hits"])
