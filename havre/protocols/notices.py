"""The program's notices: texts it edits in French and English, sent by key."""

from __future__ import annotations

from havre.accounts.models import Program


def render(program: Program, notice: str) -> str:
    """The text of `notice` for this program, in the language it sends in."""
    raise LookupError(f"unknown notice {notice!r}")
