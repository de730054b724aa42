"""The `havre` command: Django's management commands with Havre's settings.

`havre demo` switches to demo mode before Django starts; every other command
runs in the mode the environment says (production unless HAVRE_MODE is set),
and refuses to run with unsafe settings, naming the setting to fix.
"""

from __future__ import annotations

import itertools
import os
import sys

# Commands that work without server settings: key generation is meant to run
# on an offline computer, and help must always answer.
NEEDS_NO_SERVER_SETTINGS = frozenset({"keys", "help", "--help", "-h", "version", "--version"})


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    if command == "demo":
        _prepare_demo(argv[2:])

    from django.conf import settings

    needs_server = _needs_server_settings(command, argv[2:])
    if settings.HAVRE_CONFIG_PROBLEMS and needs_server:
        sys.stderr.write("Havre will not start:\n")
        for problem in settings.HAVRE_CONFIG_PROBLEMS:
            sys.stderr.write(f"  - {problem}\n")
        sys.exit(2)

    if needs_server:
        from havre.config import ensure_data_dir

        ensure_data_dir()

    from django.core.management import execute_from_command_line

    argv[0] = "havre"
    execute_from_command_line(argv)


def _needs_server_settings(command: str, args: list[str]) -> bool:
    if command in NEEDS_NO_SERVER_SETTINGS:
        return False
    # Evaluating the built-in triage lexicons reads no database and no secret.
    return not (command == "triage" and "--defaults" in args)


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
    os.environ.setdefault("HAVRE_PUBLIC_URL", public_url)
    os.environ.setdefault("HAVRE_TWILIO_API_BASE", f"{public_url}/simulator/twilio")


if __name__ == "__main__":
    main()
