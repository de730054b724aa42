"""The `havre` command: Havre's own management commands, with Havre's settings.

`havre demo` switches to demo mode before Django starts; every other command
runs in the mode the environment says (production unless HAVRE_MODE is set),
and refuses to run with unsafe settings, naming the setting to fix.

What a newcomer meets here is Havre's commands only: `havre --help` lists
them, each with one line; Django's own commands that make no sense for a
helpline, or could harm one, are refused with a sentence saying why (a
developer still reaches them through `python -m django --settings=havre.settings`).
Every command that needs the database prepares it first, and no traceback
ever reaches the person at the keyboard: an unexpected failure is written to
the log and summed up in one line.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from havre.config import ConfigError, ensure_data_dir

# Commands that work without server settings: key generation is meant to run
# on an offline computer, and help must always answer. (`havre keys
# rotate-route` is the exception: it runs on the server; see _works_offline.)
NEEDS_NO_SERVER_SETTINGS = frozenset({"keys", "help", "--help", "-h", "version", "--version"})
HELP_FLAGS = frozenset({"--help", "-h"})
# Commands that do not touch the database, or prepare it themselves.
NEEDS_NO_DATABASE = frozenset({"keys", "check", "migrate", "demo", "serve"})
# Of those, the ones that migrate it themselves: an unreachable database is
# still said in one sentence before they start.
MIGRATES_ITSELF = frozenset({"migrate", "demo", "serve"})

# Django's commands that stay, because running a helpline needs them.
DJANGO_COMMANDS = {
    "migrate": "Prepare or upgrade the database (the other commands do it when needed).",
    "check": "Check the settings and the installation, and say what to fix.",
}
# Django's commands refused by name, with the reason given to whoever types them.
_DELETES = "it deletes every row of the database, with no audit and no undo"
_OUTSIDE = (
    "it reaches the database or the server's secrets outside Havre's actions and "
    "audit log; developers use `python -m django {name} --settings=havre.settings`"
)
_STAFF = (
    "staff are invited with `havre init` and from the console's Team area, and their "
    "passphrases never reach the server"
)
REFUSED = {
    "flush": _DELETES,
    "sqlflush": _DELETES,
    "dbshell": _OUTSIDE,
    "shell": _OUTSIDE,
    "dumpdata": _OUTSIDE,
    "loaddata": _OUTSIDE,
    "diffsettings": "it prints the server's secrets",
    "runserver": "it is a development server without Havre's checks; use `havre serve`",
    "testserver": "it is a development server without Havre's checks; use `havre serve`",
    "startproject": "Havre is already a project",
    "startapp": "Havre is already a project",
    "createsuperuser": _STAFF,
    "changepassword": _STAFF,
}
# Django's options on every command: they still work, but the help leaves
# them out, since none is of use to whoever runs a helpline (and `--version`
# would print Django's version, not Havre's).
DJANGO_OPTIONS = frozenset(
    {
        "--version",
        "--verbosity",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }
)
# Options whose value is a key or an id that may begin with "-" (one
# base64url key in 64 does): the value that follows is always theirs.
VALUE_OPTIONS = frozenset({"--program-public-key", "--program-id"})


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    try:
        _refuse_undecodable(command, argv[1:])
        _run(command, argv)
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write(
            f"\nhavre {command}: stopped by Ctrl-C; what was done before it stays done.\n"
        )
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`havre purge --dry-run | head`): nothing failed.
        # Python would complain again when flushing standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    except ConfigError as exc:
        _will_not_start([str(exc)])
    except Exception as exc:
        _report_crash(command, exc)


def _run(command: str, argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    if command == "demo" and not HELP_FLAGS.intersection(argv[2:]):
        _prepare_demo(argv[2:])

    import django
    from django.conf import settings

    django.setup()
    if command in {"help", "--help", "-h"}:
        if len(argv) > 2 and argv[2] not in HELP_FLAGS:
            _run(argv[2], [argv[0], argv[2], "--help"])
            return
        sys.stdout.write(overview())
        return
    if command in {"version", "--version"}:
        sys.stdout.write(f"havre {_version()}\n")
        return
    _refuse_unless_offered(command)
    if "--version" in argv[2:] and not _asks_help(argv[2:]):
        # Django's own option would print Django's version.
        sys.stdout.write(f"havre {_version()}\n")
        return

    asks_help = _asks_help(argv[2:])
    needs_server = not asks_help and _needs_server_settings(command, argv[2:])
    if settings.HAVRE_CONFIG_PROBLEMS and needs_server:
        _will_not_start(settings.HAVRE_CONFIG_PROBLEMS)
    if needs_server:
        _ensure_data_dir()
        if (
            command not in NEEDS_NO_DATABASE or _on_the_server(command, argv[2:])
        ) and not _works_offline(command, argv[2:]):
            _prepare_database()
        elif command in MIGRATES_ITSELF or _checks_the_database(command, argv[2:]):
            _prepare_database(migrate=False)

    _execute(command, glue_values(argv[2:]))


def _execute(name: str, args: list[str]) -> None:
    """Run one command as Django would, but with Havre's help and Havre's one-line refusals.

    A command refuses with a CommandError; the person at the keyboard reads
    "havre <command>: <why>", not the name of a Python class.
    """
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import CommandError, SystemCheckError, handle_default_options
    from django.db import connections

    command = load_command_class(get_commands()[name], name)
    if name in DJANGO_COMMANDS:
        command.help = DJANGO_COMMANDS[name]
    # Argparse errors then exit with the usage, as from a terminal.
    command._called_from_command_line = True  # type: ignore[attr-defined]
    parser = command.create_parser("havre", name)
    for action in parser._actions:
        if DJANGO_OPTIONS.intersection(action.option_strings):
            action.help = argparse.SUPPRESS
    options = parser.parse_args(args)
    handle_default_options(options)
    values = vars(options)
    positional = values.pop("args", ())
    try:
        command.execute(*positional, **values)
    except SystemCheckError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(exc.returncode)
    except CommandError as exc:
        if options.traceback:
            raise
        sys.stderr.write(f"havre {name}: {exc}\n")
        sys.exit(exc.returncode)
    finally:
        connections.close_all()


def _refuse_undecodable(command: str, args: list[str]) -> None:
    """An argument that is not UTF-8 (a terminal set to another encoding) is named, not crashed on."""
    for position, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            who = f"havre {command}" if position > 1 else "havre"
            sys.stderr.write(
                f"{who}: argument {position} ({shown!r}) is not UTF-8 text. "
                "Set the terminal to UTF-8 and type it again.\n"
            )
            sys.exit(2)


def _ensure_data_dir() -> None:
    """The data folder, or one sentence saying why it cannot be made or written."""
    from django.conf import settings

    try:
        ensure_data_dir()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(
            f"Havre cannot use its data folder {settings.DATA_DIR}: {reason}"
            f"{f' ({exc.filename})' if exc.filename else ''}.\n"
            "Set HAVRE_DATA_DIR to a folder the server's user may create and write, "
            "then run the command again.\n"
        )
        sys.exit(2)


def _version() -> str:
    from importlib.metadata import version

    return version("havre")


def _asks_help(args: list[str]) -> bool:
    return bool(HELP_FLAGS.intersection(args))


def _needs_server_settings(command: str, args: list[str]) -> bool:
    if command in NEEDS_NO_SERVER_SETTINGS and not _on_the_server(command, args):
        return False
    return not _works_offline(command, args)


def _on_the_server(command: str, args: list[str]) -> bool:
    """`havre keys rotate-route` changes the server's route keys and reads its database."""
    return command == "keys" and "rotate-route" in args


def _checks_the_database(command: str, args: list[str]) -> bool:
    """`havre check --database default`, the worker's health check, reaches the database."""
    return command == "check" and any(arg.startswith("--database") for arg in args)


def _works_offline(command: str, args: list[str]) -> bool:
    # Evaluating the built-in triage lexicons reads no database and no secret.
    return command == "triage" and "--defaults" in args


def glue_values(args: Iterable[str]) -> list[str]:
    """`--program-public-key -AbC` becomes `--program-public-key=-AbC`.

    Otherwise argparse reads a value that begins with "-" as an option of its
    own and refuses the command, although Havre printed that very key.
    """
    out: list[str] = []
    pending: str | None = None
    for arg in args:
        if pending is not None:
            out.append(f"{pending}={arg}")
            pending = None
        elif arg in VALUE_OPTIONS:
            pending = arg
        else:
            out.append(arg)
    if pending is not None:
        out.append(pending)
    return out


def havre_commands() -> dict[str, str]:
    """Havre's own commands and Django's kept ones, each with its first line of help."""
    from django.core.management import get_commands, load_command_class

    found = dict(DJANGO_COMMANDS)
    for name, app in get_commands().items():
        if app.startswith("havre."):
            help_text = " ".join(str(load_command_class(app, name).help or "").split())
            found[name] = help_text.split(". ", 1)[0].rstrip(".") + "."
    return dict(sorted(found.items()))


def overview() -> str:
    lines = [
        "Havre: a self-hosted text helpline.",
        "",
        "Usage: havre <command> [options]    (havre <command> --help for its options)",
        "",
        "Commands:",
    ]
    commands = havre_commands()
    width = max(len(name) for name in commands)
    lines += [f"  {name:<{width}}  {text}" for name, text in commands.items()]
    lines += [
        "",
        "Settings come from the environment (see the README); `havre check` says what to fix.",
        "",
    ]
    return "\n".join(lines)


def _refuse_unless_offered(command: str) -> None:
    """Unless `command` is one `havre` runs, say why not in one sentence and stop."""
    if command in havre_commands():
        return
    reason = REFUSED.get(command)
    if reason is not None:
        sys.stderr.write(
            f"havre {command}: not offered, because {reason.format(name=command)}.\n"
            "See `havre --help` for Havre's commands.\n"
        )
    else:
        sys.stderr.write(f"havre: there is no command {command!r}. See `havre --help`.\n")
    sys.exit(2)


def _prepare_database(*, migrate: bool = True) -> None:
    """Apply any migration not applied yet, or say in one sentence why the database is out of reach."""
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        _reach_database(connection)
        if not migrate:
            return
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            call_command("migrate", interactive=False, verbosity=0)
            sys.stderr.write(f"Prepared the database ({len(plan)} steps).\n")
    except DatabaseError as exc:
        first_line = str(exc).strip().split("\n", 1)[0]
        sys.stderr.write(
            f"Havre cannot use its database: {first_line}\n"
            "Check DATABASE_URL (PostgreSQL) or HAVRE_DATA_DIR (SQLite), then run the command again.\n"
        )
        sys.exit(2)


def _reach_database(connection: Any) -> None:
    """Connect once, so that a database out of reach is said at once, in one sentence.

    PostgreSQL is reached outside the pool, which would retry for its whole
    wait, logging each attempt, before giving a reason that names neither
    the host nor the cause. SQLite reads its file's header on connecting.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master")
        return
    import psycopg
    from django.db import DatabaseError

    try:
        psycopg.connect(**connection.get_connection_params(), connect_timeout=5).close()
    except psycopg.Error as exc:
        raise DatabaseError(str(exc)) from None


def _will_not_start(problems: Iterable[str]) -> None:
    sys.stderr.write("Havre will not start:\n")
    for problem in problems:
        sys.stderr.write(f"  - {problem}\n")
    sys.exit(2)


def _report_crash(command: str, exc: Exception) -> None:
    """One line for the person at the keyboard; the traceback goes to the log file."""
    where = _crash_log()
    written = False
    if where is not None:
        try:
            where.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with where.open("a", encoding="utf-8") as log:
                log.write(f"{datetime.now(UTC).isoformat()} havre {command} failed:\n")
                log.write("".join(traceback.format_exception(exc)))
            written = True
        except OSError:
            written = False
    detail = f" The details are in {where}." if written else ""
    sys.stderr.write(
        f"havre {command}: failed unexpectedly ({type(exc).__name__}).{detail}\n"
        "Nothing more was done. If it happens again, report it with that log.\n"
    )
    sys.exit(1)


def _crash_log() -> Path | None:
    try:
        from django.conf import settings

        return Path(settings.HAVRE_LOG_FILE or settings.LOG_DIR / "havre.log")
    except Exception:
        return None


def _prepare_demo(args: list[str]) -> None:
    """The demo's settings, fixed before Django reads them."""
    host, port = "127.0.0.1", "8000"
    for flag, value in itertools.pairwise(args):
        if flag == "--host":
            host = value
        elif flag == "--port":
            port = value
    wildcard = {"0.0.0.0", "::"}  # noqa: S104 (recognising it, not binding to it)
    public_url = f"http://{'127.0.0.1' if host in wildcard else host}:{port}"
    os.environ["HAVRE_MODE"] = "demo"
    os.environ.setdefault("HAVRE_DATA_DIR", os.path.abspath(".havre-demo"))
    # Everything the demo writes (its database, generated secrets, recovery
    # key, task queue and logs) is for the server's user alone, whatever the
    # shell's umask: folders 0700, files 0600.
    os.umask(0o077)
    os.environ.setdefault("HAVRE_PUBLIC_URL", public_url)
    os.environ.setdefault("HAVRE_TWILIO_API_BASE", f"{public_url}/simulator/twilio")


if __name__ == "__main__":
    main()
