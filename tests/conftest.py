"""Fixtures shared by every test package: isolated settings, the seed corpus, real servers, a small fake of
the outside services (Bot API, LLM endpoints, /healthz) and a second Relais process holding the store."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# Third-party articles that live beside the repository in the team's layout, never in it: tests over
# them run where they exist (the team's machines, CI) and are skipped on a user's clone.
SEEDS_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's RELAIS_* variables or .env file."""
    for key in list(os.environ):
        if key.startswith("RELAIS_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings rooted in a fresh data dir; keyword arguments override fields."""

    def factory(**overrides: object) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "data")
        return Settings(_env_file=None, **overrides)

    return factory


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"needs the seed articles at {SEEDS_DIR}, which this checkout does not have")
    return SEEDS_DIR


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    """A real `chroma run` process on 127.0.0.1 that a test can stop and start again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> None:
        chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
        assert chroma, "the chroma executable (from the chromadb package) is not installed"
        log = open(self.path.parent / f"chroma-{self.port}.log", "ab")
        self._process = subprocess.Popen(
            [chroma, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"chroma run did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A fresh Chroma server for one test; stopped at the end whatever happens."""
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    try:
        yield server
    finally:
        server.stop()


# The outside services and a second process (doctor, backup and Chroma server tests) ----------------------

GOOD_TOKEN = "7012345678:AAHk3v9Zq-doctorTestToken_abcdefghijk"


@dataclass
class FakeServices:
    """One HTTP server on 127.0.0.1 answering as the Bot API (getMe), an OpenAI-compatible
    API and Ollama (model lists), and the bot's /healthz; it records the paths it was asked."""

    url: str
    token: str = GOOD_TOKEN
    models: list[str] = field(default_factory=lambda: ["relais-test-model"])
    health_status: int = 200
    requests: list[str] = field(default_factory=list)


def _handler(services: FakeServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            services.requests.append(self.path)
            if self.path.endswith("/getMe"):
                if self.path == f"/bot{services.token}/getMe":
                    self._json(200, {"ok": True, "result": {"id": 7012345678, "is_bot": True,
                                                            "first_name": "Relais", "username": "relais_test_bot"}})
                else:
                    self._json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            elif self.path == "/v1/models":
                if self.headers.get("Authorization") != "Bearer test-key":
                    self._json(401, {"error": {"message": "invalid api key"}})
                else:
                    self._json(200, {"object": "list", "data": [{"id": name, "object": "model"} for name in services.models]})
            elif self.path == "/api/tags":
                self._json(200, {"models": [{"name": f"{name}:latest"} for name in services.models]})
            elif self.path == "/healthz":
                self._json(services.health_status, {"status": "ok" if services.health_status == 200 else "starting"})
            else:
                self._json(404, {"ok": False, "description": "Not Found"})

        do_POST = do_GET

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def fake_services() -> Iterator[FakeServices]:
    services = FakeServices(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(services))
    services.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield services
    server.shutdown()
    server.server_close()


_HOLDER = textwrap.dedent("""
    import sys, time
    import numpy as np
    from bot.settings import Settings
    from knowledge.store import connect

    settings = Settings(_env_file=None, data_dir=sys.argv[1])
    conn = connect(settings.store)  # takes the embedded store's lock, as the bot does
    batches = int(sys.argv[2])
    collection = conn.collection("relais_load_test") if batches else None
    print("ready", flush=True)
    rng = np.random.default_rng(0)
    for batch in range(batches):  # writes the way an ingest does: batches of vectors with text
        vectors = rng.standard_normal((50, 384)).astype("float32")
        ids = [f"load-{batch}-{i}" for i in range(50)]
        collection.add(ids=ids, embeddings=vectors, documents=[f"passage {i}" for i in ids])
    print("written", collection.count() if collection else 0, flush=True)
    sys.stdin.read()  # hold the store until the test closes our stdin
""")


class StoreHolder:
    """Another process that holds the embedded store (as the running bot does) and may write to it."""

    def __init__(self, data_dir: Path, batches: int = 0) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
        env["PYTHONPATH"] = str(ROOT)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(data_dir), str(batches)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )
        line = self.process.stdout.readline()
        assert line.strip() == "ready", self.process.stderr.read()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_written(self) -> int:
        """Blocks until the writes are done; returns the load collection's final count."""
        line = self.process.stdout.readline()
        assert line.startswith("written"), self.process.stderr.read()
        return int(line.split()[1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def store_holder() -> Iterator[type[StoreHolder]]:
    """``store_holder(data_dir, batches=0)`` starts a holder; every holder is stopped at the end."""
    started: list[StoreHolder] = []

    def start(data_dir: Path, batches: int = 0) -> StoreHolder:
        holder = StoreHolder(data_dir, batches)
        started.append(holder)
        return holder

    yield start
    for holder in started:
        holder.stop()
