"""docker-compose.yml and docs/deploy.md, held in step with the settings Havre reads.

Docker cannot run here, so this reads the files: the services a scale-out
deployment needs and their health checks; every setting the compose file
gives Havre is one Havre reads (havre.config.SETTINGS, itself checked against
the code); no secret value written in it; the proxy is the address Havre
believes and writes the forwarded headers itself; every setting documented.
"""

from __future__ import annotations

import ipaddress
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from havre.config import DB_POOL_DEFAULT, DB_POOL_MAX, SETTINGS

ROOT = Path(__file__).resolve().parents[1]
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
DEPLOY_MD = (ROOT / "docs" / "deploy.md").read_text()
CADDYFILE = (ROOT / "deploy" / "Caddyfile").read_text()
KNOWN = {s.name: s for s in SETTINGS}
# How the code reads a setting: havre.config's helpers, and settings.py's _secret.
READ = re.compile(r"\b(?:env|envbool|envint|networks|_secret)\(\s*\"([A-Z][A-Z0-9_]+)\"")


def _command(service: dict[str, Any]) -> list[str]:
    command = service.get("command") or []
    return command.split() if isinstance(command, str) else list(command)


def _havre_services() -> dict[str, dict[str, Any]]:
    return {name: s for name, s in SERVICES.items() if _command(s)[:1] == ["havre"]}


def _by_role(role: str) -> list[str]:
    return [name for name, s in _havre_services().items() if _command(s)[1:2] == [role]]


def _setting_name(variable: str) -> str:
    return variable.removesuffix("_FILE") if variable not in KNOWN else variable


def test_every_setting_the_code_reads_is_declared() -> None:
    read = set()
    for path in (ROOT / "havre").rglob("*.py"):
        read.update(READ.findall(path.read_text(encoding="utf-8")))
    assert read, "the pattern no longer finds how settings are read"
    assert read - KNOWN.keys() == set(), "add these to havre.config.SETTINGS"
    assert KNOWN.keys() - read == set(), "havre.config.SETTINGS names settings nothing reads"


def test_the_services_of_a_scale_out_deployment() -> None:
    images = {name: str(s.get("image", "")) for name, s in SERVICES.items()}
    assert any(i.startswith("postgres:") for i in images.values())
    assert any(i.startswith("redis:") for i in images.values())
    assert len(_by_role("serve")) == 2
    assert len(_by_role("worker")) == 1
    assert _by_role("migrate") == ["migrate"]
    for name in _by_role("serve"):
        command = _command(SERVICES[name])
        # Scale-out: the servers run no task threads, the worker does.
        assert "--no-workers" in command
        assert command[command.index("--host") + 1] == "0.0.0.0"  # noqa: S104 (inside its container)
    proxy = SERVICES["proxy"]
    assert str(proxy["image"]).startswith("caddy:")
    assert "443:443" in proxy["ports"]


def test_every_long_running_service_has_a_healthcheck_and_waits_for_its_dependencies() -> None:
    for name, service in SERVICES.items():
        if name == "migrate":
            assert service["restart"] == "no"
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in [*_by_role("serve"), *_by_role("worker")]:
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        assert depends["postgres"] == {"condition": "service_healthy"}
        assert depends["redis"] == {"condition": "service_healthy"}


def test_havre_is_given_only_settings_it_reads_and_every_required_one() -> None:
    environments = {name: s.get("environment", {}) for name, s in _havre_services().items()}
    assert len({tuple(sorted(e.items())) for e in environments.values()}) == 1, (
        "every Havre process must run with the same settings"
    )
    environment = next(iter(environments.values()))
    given = {_setting_name(variable) for variable in environment}
    assert given - KNOWN.keys() == set(), "the compose file sets what Havre does not read"
    required = {s.name for s in SETTINGS if s.required}
    assert required <= given
    assert {"DATABASE_URL", "REDIS_URL", "HAVRE_DB_POOL_SIZE", "HAVRE_TRUSTED_PROXIES"} <= given
    assert str(environment["HAVRE_PUBLIC_URL"]).startswith("https://")
    assert 1 <= int(environment["HAVRE_DB_POOL_SIZE"]) <= DB_POOL_MAX
    assert (ROOT / "Dockerfile").exists()
    for variable in re.findall(
        r"\b(HAVRE_[A-Z_]+|DATABASE_URL|REDIS_URL)=", (ROOT / "Dockerfile").read_text()
    ):
        assert _setting_name(variable) in KNOWN


def test_no_secret_value_is_written_in_the_compose_file() -> None:
    declared = COMPOSE["secrets"]
    for name, service in SERVICES.items():
        environment = service.get("environment", {})
        for variable, value in environment.items():
            setting = KNOWN.get(_setting_name(variable))
            if setting is not None and setting.secret and setting.name != "REDIS_URL":
                assert variable.endswith("_FILE"), f"{name}: {variable} must be given as a file"
            if re.search(r"PASSWORD|SECRET|TOKEN|_KEY$", variable):
                assert variable.endswith("_FILE"), f"{name}: {variable} must be given as a file"
            if variable.endswith("_FILE"):
                secret = str(value).removeprefix("/run/secrets/")
                assert str(value).startswith("/run/secrets/")
                assert secret in service["secrets"]
                assert secret in declared
        assert not re.search(r"://[^/@\s]+:[^/@\s]+@", str(environment)), (
            f"{name}: a password in a URL"
        )
    for secret in declared.values():
        path = Path(secret["file"])
        assert path.parts[:2] == (".", "secrets") or path.parts[0] == "secrets"
        assert not (ROOT / path).exists() or _ignored(ROOT / path)
    assert _ignored(ROOT / "secrets" / "havre_secret_key")


def _ignored(path: Path) -> bool:
    try:
        found = subprocess.run(
            ["git", "check-ignore", "--quiet", str(path)],
            cwd=ROOT,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("git is not installed")
    return found.returncode == 0


def test_the_proxy_is_the_one_address_havre_believes_and_writes_the_headers_itself() -> None:
    proxy_address = ipaddress.ip_address(SERVICES["proxy"]["networks"]["havre"]["ipv4_address"])
    subnet = ipaddress.ip_network(COMPOSE["networks"]["havre"]["ipam"]["config"][0]["subnet"])
    assert proxy_address in subnet
    environment = next(iter(_havre_services().values()))["environment"]
    trusted = [
        ipaddress.ip_network(p.strip())
        for p in str(environment["HAVRE_TRUSTED_PROXIES"]).split(",")
    ]
    assert any(proxy_address in network for network in trusted)
    # Nothing else on the network is believed: the proxy's address alone.
    assert all(network.num_addresses == 1 for network in trusted)
    for name in _by_role("serve"):
        assert f"{name}:8000" in CADDYFILE
    assert re.search(r"header_up\s+X-Forwarded-For\s+\{remote_host\}", CADDYFILE)
    assert re.search(r"header_up\s+X-Forwarded-Proto\s+\{scheme\}", CADDYFILE)
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in SERVICES["proxy"]["volumes"]


def test_deploy_md_documents_every_setting_and_the_pool_bound() -> None:
    for setting in SETTINGS:
        assert f"`{setting.name}`" in DEPLOY_MD, f"docs/deploy.md does not document {setting.name}"
    table = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `([A-Z_]+)` \| ([^|]*) \|", DEPLOY_MD, flags=re.MULTILINE)
    }
    for setting in SETTINGS:
        if setting.required:
            assert table.get(setting.name, "").startswith("yes"), f"{setting.name} is required"
    assert f"**{DB_POOL_DEFAULT} by default, between 1 and\n{DB_POOL_MAX}**" in DEPLOY_MD
    for service in SERVICES:
        assert f"`{service}`" in DEPLOY_MD, f"docs/deploy.md does not name the {service} service"
