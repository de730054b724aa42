"""On PostgreSQL, autovacuum visits the tables the sweep deletes from after 1% of rows change.

A deleted row's bytes stay in its page until vacuum frees them; the default
(20% of the table) could leave a day's erased ciphertexts there for weeks.
SQLite needs nothing: it runs with secure_delete on.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLES = ("conversations_message", "conversations_note", "conversations_conversation")


def tune(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} SET (autovacuum_vacuum_scale_factor = 0.01, "  # noqa: S608 (fixed names)
            "autovacuum_vacuum_threshold = 50)"
        )


def untune(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} RESET (autovacuum_vacuum_scale_factor, "  # noqa: S608 (fixed names)
            "autovacuum_vacuum_threshold)"
        )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial"), ("conversations", "0010_ongoing_relationship")]

    operations = [migrations.RunPython(tune, untune)]
