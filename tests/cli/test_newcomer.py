"""The `havre` command as a newcomer meets it: a fresh folder, the README's commands.

Each case runs the installed command in a subprocess, in production mode
unless said otherwise, and checks what the person at the keyboard reads: a
line per command in the help, a sentence when something is refused, and
never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from havre.vault import formats

STRONG = "k2P9xQ7mW4tR8vB1nZ6yL3cF5hJ0dS-_aE"
STRONG_ROUTE = "r7T1uY4iO9pA2sD5fG8hJ3kL6zX0cV-_bN"
SECRETS = {"HAVRE_SECRET_KEY": STRONG, "HAVRE_ROUTE_KEY": STRONG_ROUTE}
ROOT = Path(__file__).resolve().parents[2]


def havre(cwd: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd)}
    env.update({"HAVRE_DATA_DIR": str(cwd / "data"), **settings})
    done = subprocess.run(
        [sys.executable, "-m", "havre", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def test_help_lists_havres_commands_with_a_line_each(tmp_path: Path) -> None:
    done = havre(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    listed = {
        line.split()[0]: line
        for line in done.stdout.splitlines()
        if line.startswith("  ") and line.strip()
    }
    for command in ("init", "serve", "worker", "keys", "staff", "channel", "migrate", "check"):
        assert command in listed, done.stdout
        assert len(listed[command].split()) > 3, listed[command]
    for hidden in ("flush", "dbshell", "runserver", "createsuperuser", "shell", "sqlflush"):
        assert hidden not in listed
    assert havre(tmp_path).stdout == done.stdout


def test_every_command_answers_help_with_no_secrets_set(tmp_path: Path) -> None:
    listed = [
        line.split()[0]
        for line in havre(tmp_path, "--help").stdout.splitlines()
        if line.startswith("  ") and line.strip()
    ]
    for command in listed:
        done = havre(tmp_path, command, "--help")
        assert done.returncode == 0, (command, done.stderr)
        assert f"usage: havre {command}" in done.stdout
    assert havre(tmp_path, "help", "staff").stdout == havre(tmp_path, "staff", "--help").stdout
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("command", "why"),
    [
        ("flush", "deletes every row"),
        ("sqlflush", "deletes every row"),
        ("dbshell", "outside Havre's actions"),
        ("shell", "outside Havre's actions"),
        ("runserver", "use `havre serve`"),
        ("startproject", "already a project"),
        ("startapp", "already a project"),
        ("createsuperuser", "Team area"),
        ("changepassword", "never reach the server"),
        ("diffsettings", "secrets"),
    ],
)
def test_djangos_dangerous_commands_are_refused_with_a_reason(
    tmp_path: Path, command: str, why: str
) -> None:
    done = havre(tmp_path, command, **SECRETS)
    assert done.returncode == 2
    assert f"havre {command}: not offered" in done.stderr
    assert why in done.stderr


def test_an_unknown_command_says_so(tmp_path: Path) -> None:
    done = havre(tmp_path, "purgeall")
    assert done.returncode == 2
    assert "there is no command 'purgeall'" in done.stderr


def test_the_readme_commands_on_a_fresh_folder(tmp_path: Path) -> None:
    """keys generate, then init with the key it printed, then staff list: in this order."""
    made = havre(tmp_path, "keys", "generate", "--out", "recovery.json", "--json")
    assert made.returncode == 0, made.stderr
    key = json.loads(made.stdout)
    # What Havre prints for the operator to paste uses the "=" form.
    printed = havre(tmp_path, "keys", "generate", "--out", "second.json").stdout
    assert "--program-public-key=" in printed
    assert "--program-id=" in printed

    done = havre(
        tmp_path,
        "init",
        "--program",
        "Refuge",
        "--admin",
        "admin@example.org",
        "--program-public-key",
        key["public_key"],
        "--program-id",
        key["program_id"],
        **SECRETS,
    )
    assert done.returncode == 0, done.stderr
    assert "Sign-up link for admin@example.org" in done.stdout
    assert formats.fingerprint(formats.b64d(key["public_key"])) in done.stdout

    listed = havre(tmp_path, "staff", "list", "--json", **SECRETS)
    assert listed.returncode == 0, listed.stderr
    (member,) = json.loads(listed.stdout)["members"]
    assert (member["email"], member["role"], member["state"]) == (
        "admin@example.org",
        "admin",
        "invited",
    )


@pytest.mark.parametrize("form", ["separate", "equals"])
def test_a_key_that_begins_with_a_dash_pastes_into_init(tmp_path: Path, form: str) -> None:
    while True:
        _private_key, public_key = formats.generate_keypair()
        if formats.b64e(public_key).startswith("-"):
            break
    text = formats.b64e(public_key)
    args = (
        ["--program-public-key", text] if form == "separate" else [f"--program-public-key={text}"]
    )
    done = havre(
        tmp_path, "init", "--program", "Refuge", "--admin", "a@example.org", *args, **SECRETS
    )
    assert done.returncode == 0, done.stderr
    assert formats.fingerprint(public_key) in done.stdout


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"HAVRE_MODE": "prod"}, "HAVRE_MODE must be production, demo or test, not 'prod'"),
        ({"HAVRE_MODE": "demo", "HAVRE_DEBUG": "maybe"}, "HAVRE_DEBUG must be true or false"),
        ({"HAVRE_IDLE_LOCK_MINUTES": "soon"}, "HAVRE_IDLE_LOCK_MINUTES must be a whole number"),
        ({"HAVRE_TRUSTED_PROXIES": "my-proxy"}, "HAVRE_TRUSTED_PROXIES must list IP addresses"),
        ({"HAVRE_BLOCK_KEY": "short"}, "HAVRE_BLOCK_KEY is shorter than 32 characters"),
        ({"HAVRE_BLOCK_KEY": STRONG}, "HAVRE_BLOCK_KEY must differ"),
        ({"HAVRE_SECRET_KEY_FILE": "/nonexistent/secret"}, "HAVRE_SECRET_KEY_FILE: cannot read"),
    ],
)
def test_bad_values_give_the_clean_will_not_start_message(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    done = havre(tmp_path, "serve", **{**SECRETS, **settings})
    assert done.returncode == 2
    assert done.stderr.startswith("Havre will not start:")
    assert named in done.stderr


def test_an_unreachable_database_is_one_sentence(tmp_path: Path) -> None:
    done = havre(
        tmp_path,
        "staff",
        "list",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/none",
        **SECRETS,
    )
    assert done.returncode == 2
    # One sentence and what to do, at once: not the pool's retries, logged one by one.
    first, second = done.stderr.strip().splitlines()
    assert first.startswith("Havre cannot use its database: ")
    assert "127.0.0.1" in first
    assert second.startswith("Check DATABASE_URL")


@pytest.mark.parametrize("kind", ["a file", "out of reach"])
def test_an_unusable_data_folder_is_named_with_the_setting_to_fix(
    tmp_path: Path, kind: str
) -> None:
    if kind == "a file":
        (tmp_path / "data").write_text("not a folder")
        folder = tmp_path / "data"
    else:
        folder = Path("/proc/havre-data")
    done = havre(tmp_path, "staff", "list", HAVRE_DATA_DIR=str(folder), **SECRETS)
    assert done.returncode == 2
    first, second = done.stderr.strip().splitlines()
    assert first.startswith(f"Havre cannot use its data folder {folder}: ")
    assert "Set HAVRE_DATA_DIR" in second


def test_no_command_help_shows_djangos_own_options(tmp_path: Path) -> None:
    """The options every Django command has are no use here; `--version` would even print Django's."""
    for args in (("init",), ("serve",), ("migrate",), ("check",), ("staff",), ("keys",)):
        shown = havre(tmp_path, *args, "--help").stdout
        for option in ("--settings", "--pythonpath", "--traceback", "--verbosity", "--version"):
            assert option not in shown, (args, shown)
        assert "--skip-checks" not in shown
    assert "Check the settings and the installation" in havre(tmp_path, "check", "--help").stdout


def test_every_option_of_havres_commands_says_what_it_is(tmp_path: Path) -> None:
    for command in ("init", "serve", "demo", "report"):
        shown = havre(tmp_path, command, "--help").stdout
        options = shown[shown.index("options:") :].splitlines()[1:]
        for line, following in zip(options, [*options[1:], ""], strict=True):
            words = line.split()
            if line.startswith("  -") and len(words) <= 2 and words[-1].isupper():
                # "--port PORT" alone on its line: its help is on the next.
                assert following.startswith("    "), (command, line)


def test_a_refusal_names_the_command_not_a_python_class(tmp_path: Path) -> None:
    done = havre(tmp_path, "init", "--program", "Refuge", "--admin", "not-an-address", **SECRETS)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "havre init: --admin must be an email address"
    done = havre(tmp_path, "report", "--from", "2026-13-01", "--to", "2026-12-01", **SECRETS)
    assert done.returncode == 1
    assert done.stderr.startswith("havre report: --from must be a date")
    assert "CommandError" not in done.stderr


def test_an_argument_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    bad = os.fsdecode(b"Refuge\xff")
    done = havre(tmp_path, "init", "--program", bad, "--admin", "a@example.org", **SECRETS)
    assert done.returncode == 2
    assert done.stderr.startswith("havre init: argument 3 (")
    assert "is not UTF-8 text" in done.stderr
    assert not (tmp_path / "data").exists()


def test_names_in_any_script_are_kept_as_typed(tmp_path: Path) -> None:
    done = havre(
        tmp_path, "init", "--program", "Refuge 🏠 Émeraude", "--admin", "zoé@example.org", **SECRETS
    )
    assert done.returncode == 0, done.stderr
    listed = json.loads(havre(tmp_path, "staff", "list", "--json", **SECRETS).stdout)
    (member,) = listed["members"]
    assert (member["email"], member["program"]["name"]) == ("zoé@example.org", "Refuge 🏠 Émeraude")


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("garbage", "DATABASE_URL is not a PostgreSQL address"),
        ("postgres://", "DATABASE_URL names no database"),
        ("mysql://havre:s3cretpw@db.example/havre", "DATABASE_URL must be a PostgreSQL address"),
    ],
)
def test_a_malformed_database_url_is_named_without_repeating_it(
    tmp_path: Path, url: str, named: str
) -> None:
    done = havre(tmp_path, "staff", "list", DATABASE_URL=url, **SECRETS)
    assert done.returncode == 2
    assert done.stderr.startswith("Havre will not start:")
    assert named in done.stderr
    assert "s3cretpw" not in done.stderr


@pytest.mark.parametrize(
    "command", [("serve",), ("migrate",), ("check", "--database", "default")], ids=" ".join
)
def test_commands_that_migrate_themselves_say_an_unreachable_database_at_once(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    # `havre check --database default` is the worker's health check (docs/deploy.md).
    done = havre(tmp_path, *command, DATABASE_URL="postgres://nobody@127.0.0.1:9/none", **SECRETS)
    assert done.returncode == 2
    assert done.stderr.startswith("Havre cannot use its database: ")
    assert len(done.stderr.strip().splitlines()) == 2, done.stderr


def test_a_reader_that_stops_early_is_no_failure(tmp_path: Path) -> None:
    """`havre ... | head` closes the pipe before Havre is done writing: no crash, no log."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    env.update({"HAVRE_DATA_DIR": str(tmp_path / "data"), **SECRETS})
    reader, writer = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "havre", "retention", "show"],
        cwd=tmp_path,
        env=env,
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(writer)
    os.close(reader)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 141
    assert "failed unexpectedly" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "--program must name the program"),
        ("   ", "--program must name the program"),
        ("R" * 201, "--program is a name of at most 200 characters"),
    ],
)
def test_init_refuses_a_program_without_a_usable_name(tmp_path: Path, name: str, said: str) -> None:
    done = havre(tmp_path, "init", "--program", name, "--admin", "a@example.org", **SECRETS)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].startswith(f"havre init: {said}")
    listed = json.loads(havre(tmp_path, "staff", "list", "--json", **SECRETS).stdout)
    assert listed == {"members": []}


def test_the_deployment_check_does_not_contradict_havres_own_advice(tmp_path: Path) -> None:
    done = havre(
        tmp_path, "check", "--deploy", HAVRE_PUBLIC_URL="https://help.example.org", **SECRETS
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    # A 34-character secret is strong enough for Havre; the proxy does the redirect.
    assert "SECRET_KEY" not in said
    assert "SECURE_SSL_REDIRECT" not in said


def test_every_command_finds_a_program_the_same_way(tmp_path: Path) -> None:
    """By id or exact name, and each refusal says what to type, whichever command asks."""
    commands = [
        ("chat", "show"),
        ("report", "--from", "2026-11-01", "--to", "2026-11-02"),
        ("retention", "set", "--delete-after", "1d"),
    ]
    for command in commands:
        done = havre(tmp_path, *command, **SECRETS)
        assert done.returncode == 1, (command, done.stderr)
        assert "there is no program yet: `havre init` makes one" in done.stderr, command
    for name in ("Refuge", "Abri"):
        made = havre(
            tmp_path, "init", "--program", name, "--admin", f"{name}@example.org", **SECRETS
        )
        assert made.returncode == 0, made.stderr
    for command in commands:
        done = havre(tmp_path, *command, **SECRETS)
        assert "several programs: name one with --program" in done.stderr, command
        done = havre(tmp_path, *command, "--program", "Nowhere", **SECRETS)
        assert done.stderr.splitlines()[-1].endswith("no program has the id or name 'Nowhere'")
        assert havre(tmp_path, *command, "--program", "Abri", **SECRETS).returncode == 0, command


def test_version_is_havres_whichever_way_it_is_asked(tmp_path: Path) -> None:
    from importlib.metadata import version

    expected = f"havre {version('havre')}\n"
    for args in (("--version",), ("version",), ("init", "--version"), ("serve", "--version")):
        done = havre(tmp_path, *args)
        assert (done.returncode, done.stdout) == (0, expected), (args, done.stderr)


def test_ctrl_c_mid_command_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    env["HAVRE_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "havre", "triage", "--defaults"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("hello\n")
    process.stdin.flush()
    # Once it has answered a line, it is inside the command, waiting for the next.
    assert json.loads(process.stdout.readline()) == {"crisis": False, "category": None}
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip() == "havre triage: stopped by Ctrl-C; what was done before it stays done."


@pytest.mark.parametrize("command", [("staff", "list"), ("serve",), ("migrate",)], ids=" ".join)
def test_a_damaged_sqlite_file_is_one_sentence(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "havre.sqlite3").write_text("not a database, but a note\n" * 200)
    done = havre(tmp_path, *command, **SECRETS)
    assert done.returncode == 2
    first, second = done.stderr.strip().splitlines()
    assert first == "Havre cannot use its database: file is not a database"
    assert second.startswith("Check DATABASE_URL (PostgreSQL) or HAVRE_DATA_DIR (SQLite)")
