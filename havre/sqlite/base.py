"""Django's SQLite backend, each write let in through the process's write gate.

`ENGINE: "havre.sqlite"` in embedded mode. A transaction takes the gate
before `BEGIN IMMEDIATE` and leaves it once committed, rolled back or its
connection closed. A write outside any transaction (a queryset's update, a
single save) takes it for its one statement: one that met the lock instead
would sleep in SQLite's busy handler, and a transaction that found the lock
held by it would sleep there too, holding the gate, with every other writer
queued behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

from havre.sqlite.gate import WriteGate, gate_for, idle_connections_for

# Seconds a writer waits its turn before giving up, as SQLite's busy_timeout does.
WRITE_WAIT_SECONDS = 10.0
# Open connections kept for the next request, per process and database file.
IDLE_CONNECTIONS = 8
# How a statement that writes begins.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The gate of the file this connection writes to, once it waits for one.
        self._havre_gate: WriteGate | None = None
        options = self.settings_dict.get("OPTIONS", {})
        self._havre_write_wait = float(options.get("write_wait", WRITE_WAIT_SECONDS))
        self.execute_wrappers.append(_gated_write)

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params.pop("write_wait", None)
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        if not self.is_in_memory_db():
            kept = self._idle_connections().take()
            if kept is not None:
                return kept
        return super().get_new_connection(conn_params)

    def _idle_connections(self) -> Any:
        # Only connections opened alike are handed on: same file, same pragmas.
        opened_as = f"{self.settings_dict['NAME']}|{';'.join(getattr(self, 'init_commands', []))}"
        return idle_connections_for(opened_as, IDLE_CONNECTIONS)

    def _start_transaction_under_autocommit(self) -> None:
        self._enter_gate()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._leave_gate()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            if not self._in_sqlite_transaction():
                self._leave_gate()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._leave_gate()

    def _close(self) -> None:
        try:
            if not self._keep_for_next():
                super()._close()  # type: ignore[misc]
        finally:
            self._leave_gate()

    def _keep_for_next(self) -> bool:
        """Give the open connection back for the next request, if it is sound.

        Only outside any transaction, in autocommit as Django leaves it, and
        never after a database error: that one is closed.
        """
        raw = self.connection
        if raw is None or self.is_in_memory_db() or raw.in_transaction:
            return False
        if self.in_atomic_block or not self.autocommit or self.errors_occurred:
            return False
        return bool(self._idle_connections().give_back(raw))

    def _in_sqlite_transaction(self) -> bool:
        return self.connection is not None and bool(self.connection.in_transaction)

    def _enter_gate(self) -> None:
        if self._havre_gate is None:
            # By the name in use now: tests swap in their own database.
            gate = gate_for(str(self.settings_dict["NAME"]))
            if not gate.acquire(self._havre_write_wait):
                raise OperationalError("database is locked (waited for the write gate)")
            self._havre_gate = gate

    def _leave_gate(self) -> None:
        gate, self._havre_gate = self._havre_gate, None
        if gate is not None:
            gate.release()


def _gated_write(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """A write outside any transaction, let in through the gate for its one statement."""
    wrapper: DatabaseWrapper = context["connection"]
    if (
        wrapper._havre_gate is not None
        or wrapper.in_atomic_block
        or wrapper._in_sqlite_transaction()
        or not sql.lstrip()[:6].upper().startswith(WRITES)
    ):
        return execute(sql, params, many, context)
    wrapper._enter_gate()
    try:
        return execute(sql, params, many, context)
    finally:
        wrapper._leave_gate()
