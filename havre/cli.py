"""The `havre` command: Django's management commands with Havre's settings.

`havre demo` switches to demo mode before Django starts; every other command
runs in the mode the environment says (production unless HAVRE_MODE is set),
and refuses to run with unsafe settings, naming the setting to fix.
"""

from __future__ import annotations

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
        os.environ["HAVRE_MODE"] = "demo"
        os.environ.setdefault("HAVRE_DATA_DIR", os.path.abspath(".havre-demo"))

    from django.conf import settings

    if settings.HAVRE_CONFIG_PROBLEMS and command not in NEEDS_NO_SERVER_SETTINGS:
        sys.stderr.write("Havre will not start:\n")
        for problem in settings.HAVRE_CONFIG_PROBLEMS:
            sys.stderr.write(f"  - {problem}\n")
        sys.exit(2)

    from django.core.management import execute_from_command_line

    argv[0] = "havre"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
