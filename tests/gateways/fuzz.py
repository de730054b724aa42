"""Seeded mutations of providers' sample payloads, to post signed at Havre's webhooks.

Each mutation changes one thing in a real payload: a key removed, a value
replaced by one of another type (or a huge, empty, nested or odd one), a list
emptied or doubled. Signed as the provider signs, every one of them must get
an answer that is not a server error, and must never raise.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    float("inf"),
    "",
    " ",
    "x" * 5000,
    "🙏" * 300,
    "\u0000",
    "\ud800",  # a lone surrogate, which JSON can carry
    "+",
    "+33",
    "../../etc/passwd",
    "<script>",
    [],
    [None],
    {},
    {"": None},
    [[[[[]]]]],
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def mutate(payload: dict[str, Any], rng: random.Random) -> Any:
    mutated = copy.deepcopy(payload)
    paths = [p for p in _paths(mutated) if p]
    path = rng.choice(paths)
    parent = _get(mutated, path[:-1])
    step = path[-1]
    action = rng.randrange(5)
    if isinstance(parent[step], str) and action == 4:
        # Strings are where texts and addresses live: give them the odd ones.
        parent[step] = rng.choice([v for v in ODD_VALUES if isinstance(v, str)])
    elif action == 0:
        del parent[step]
    elif action == 1:
        parent[step] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif action == 2 and isinstance(parent[step], list):
        parent[step] = parent[step] * 2 if rng.random() < 0.5 else []
    else:
        parent[step] = [parent[step]] if rng.random() < 0.5 else {"value": parent[step]}
    return mutated


def mutations(payload: dict[str, Any], count: int, seed: int) -> Iterator[Any]:
    rng = random.Random(seed)  # noqa: S311 (seeded on purpose: a failure must replay)
    for _ in range(count):
        yield mutate(payload, rng)


def noise(count: int, seed: int) -> Iterator[bytes]:
    """Bytes that are not JSON, or barely: truncations, binary, deep nesting."""
    rng = random.Random(seed)  # noqa: S311 (seeded on purpose: a failure must replay)
    for index in range(count):
        shape = index % 4
        if shape == 0:
            yield rng.randbytes(rng.randrange(1, 200))
        elif shape == 1:
            yield b'{"object": ' + rng.randbytes(8)
        elif shape == 2:
            depth = rng.randrange(500, 3000)
            yield b'{"a":' * depth + b"1" + b"}" * depth
        else:
            yield b'{"entry": [' + b"{}," * rng.randrange(1, 2000) + b"{}]}"
