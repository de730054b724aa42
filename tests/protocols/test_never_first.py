"""Havre never writes first: a notice answers a text just received or an advocate's click.

Two checks. Reading the code: every call that queues a notice, puts a text on
its way to a provider or hands one to a gateway sits in a function named
below, and each of those is reached only from the arrival pipeline or a
console view. Running it: every periodic job, run with open conversations
that would get automatic replies if a text came in, sends nothing.
"""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from havre import tasks_backend
from havre.conversations.models import Message
from havre.protocols import actions
from tests.protocols.conftest import Texter, office_hours

PACKAGE = Path(__file__).resolve().parents[2] / "havre"

# Where each way of reaching a texter may be called from, and why that is an answer.
ALLOWED_CALLERS = {
    # Queues one of the program's notices.
    "queue_notice": {
        "protocols/actions.py:send_notice",  # an advocate's click
        "protocols/actions.py:close_with_notice",  # an advocate closing
    },
    # Queues several, or the one above.
    "queue_notices": {
        "intake/pipeline.py:store",  # answering the text just received
        "intake/sealed.py:_store",  # answering a web chat text just received
        "conversations/actions/outbound.py:queue_notice",
    },
    "send_notice": {"protocols/api.py:send_notice"},
    "close_with_notice": {"protocols/api.py:close"},
    # Sends queued messages: only those the two paths above just queued.
    "send_in_order": {"intake/pipeline.py:store", "intake/sealed.py:_store"},
    # The relay holds a text on its way out: replies typed by an advocate, notices.
    "relay.put": {"conversations/actions/outbound.py:queue_reply"},
    "relay.put_all": {"conversations/actions/outbound.py:queue_notices"},
    "put_all": {"conversations/relay.py:put"},
    # Hands queued texts to the sender: those just queued, one an advocate
    # tries again, and those whose first announcement was lost (never a new one).
    "announce_queued_on_commit": {
        "conversations/actions/outbound.py:queue_reply",
        "conversations/actions/outbound.py:queue_notice",
        "conversations/actions/outbound.py:send_in_order",
        "conversations/actions/outbound.py:retry_send",
        "conversations/actions/outbound.py:sweep_held_texts",
    },
    "retry_send": {"console/api.py:retry"},
    # A gateway sends what was queued, and nothing else.
    "gateway.send": {"gateways/sender.py:deliver"},
}


def called(call: ast.Call) -> str | None:
    """The name this check knows the call by, if any."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value
    if func.attr in {"put", "put_all"} and isinstance(owner, ast.Name) and owner.id == "relay":
        return f"relay.{func.attr}"
    if func.attr == "send" and isinstance(owner, ast.Call):
        maker = owner.func
        if isinstance(maker, ast.Name) and maker.id == "gateway_for":
            return "gateway.send"
    return func.attr


def calls_by_function() -> dict[str, set[str]]:
    """For each name called anywhere in the package, the functions calling it."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = called(node)
                if name in ALLOWED_CALLERS:
                    found.setdefault(name, set()).add(f"{where}:{function.name}")
    return found


def test_only_answers_and_clicks_reach_a_texter():
    found = calls_by_function()
    # A function nested in an allowed one (a lambda aside) would show under its own name.
    unexpected = {
        name: callers - ALLOWED_CALLERS[name]
        for name, callers in found.items()
        if callers - ALLOWED_CALLERS[name]
    }
    assert unexpected == {}
    assert found["queue_notice"] == ALLOWED_CALLERS["queue_notice"]
    assert found["queue_notices"] == ALLOWED_CALLERS["queue_notices"]


def test_no_periodic_job_writes_to_a_texter(texter: Texter, sam, set_clock, channel_a):
    # A conversation that would be owed a welcome, out of hours and in emergency mode.
    actions.switch_emergency_on(sam, "test")
    texter.text("hello")
    actions.switch_emergency_off(sam)
    office_hours(sam)
    set_clock(datetime(2025, 1, 11, 3, 0, tzinfo=ZoneInfo("Europe/Paris")))
    actions.switch_emergency_on(sam, "again")
    before = (Message.objects.count(), len(texter.twilio.calls))

    huey = tasks_backend.get_huey()
    tasks_backend._huey_task()
    periodic = {task.name for task in huey._registry.periodic_tasks}
    assert periodic == {"havre.sweep"}
    with texter.capture(execute=True):
        for path in settings.HAVRE_SWEEPS:
            import_string(path)()
        tasks_backend._sweep()

    assert (Message.objects.count(), len(texter.twilio.calls)) == before


@pytest.mark.parametrize("name", sorted(ALLOWED_CALLERS))
def test_each_checked_name_is_still_called_somewhere(name):
    # Renaming a function must not leave this check looking at nothing.
    assert calls_by_function().get(name)
