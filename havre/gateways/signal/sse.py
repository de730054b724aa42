"""Reading a server-sent event stream, line by line, into events (WHATWG's format)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator


@dataclasses.dataclass(frozen=True)
class Event:
    id: str
    event: str
    data: str


def events(lines: Iterable[str]) -> Iterator[Event]:
    event_id, name = "", ""
    data: list[str] = []
    for line in lines:
        if line == "":
            if data:
                yield Event(event_id, name or "message", "\n".join(data))
            name, data = "", []
            continue
        if line.startswith(":"):
            continue  # a comment: signal-cli's keep-alive
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "id" and "\x00" not in value:
            event_id = value
        elif field == "event":
            name = value
        elif field == "data":
            data.append(value)
