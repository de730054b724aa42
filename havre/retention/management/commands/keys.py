"""`havre keys generate|rotate-route`: a program key made offline; a new route key.

`generate` is meant for a computer that never runs the server: it needs no
settings and touches no database. The public key it prints goes to `havre
init --program-public-key`; the file is what the first admin imports at
sign-up, then keeps offline.

`rotate-route` runs on the server: new conversations are filed under a new
route key, open ones stay reachable under the previous one (see
docs/retention.md).
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.retention import routes
from havre.vault.formats import b64e, fingerprint, generate_keypair, recovery_document
from havre.vault.routekeys import KeyringError


def write_new_file(path: Path, text: str) -> None:
    """Create `path` readable by its owner only; never replace an existing file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(f"{path} already exists: choose another --out path") from None
    except OSError as exc:
        raise CommandError(f"cannot create {path}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


class Command(BaseCommand):
    help = "Make a program key offline and write it as a recovery file, or rotate the route key."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="make a new program key")
        generate.add_argument("--out", type=Path, help="file to write (default: in this folder)")
        generate.add_argument("--json", action="store_true", help="print the result as JSON")
        generate.add_argument(
            "--program-id",
            type=uuid.UUID,
            help="the program this key is for (default: a new id, to pass to havre init)",
        )
        rotate = sub.add_parser(
            "rotate-route",
            help="file new conversations under a new route key; open ones stay reachable",
        )
        rotate.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rotate-route":
            self._rotate_route(options)
            return
        program_id = str(options["program_id"] or uuid.uuid4())
        path: Path = options["out"] or Path(f"havre-recovery-{program_id}.json")
        private_key, public_key = generate_keypair()
        write_new_file(path, recovery_document(program_id, private_key))
        result = {
            "public_key": b64e(public_key),
            "fingerprint": fingerprint(public_key),
            "program_id": program_id,
            "path": str(path.resolve()),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"Recovery file: {result['path']} (readable by you only)")
        self.stdout.write(f"Program public key: {result['public_key']}")
        self.stdout.write(f"Fingerprint: {result['fingerprint']}")
        self.stdout.write(
            "\nNext, on the server:\n"
            f"  havre init --program NAME --admin EMAIL --program-id={program_id} "
            f"--program-public-key={result['public_key']}\n"
            "Keep the recovery file offline. The first admin imports it once at sign-up."
        )

    def _rotate_route(self, options: dict[str, Any]) -> None:
        try:
            new, previous = routes.rotate()
        except KeyringError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps({"generation": new.generation, "previous": previous}))
            return
        self.stdout.write(
            f"Route key {new.generation} is in use for new conversations. Open conversations "
            f"stay reachable under key {previous}, which is forgotten once none remains."
        )
