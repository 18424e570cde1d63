"""Fixtures for the deploy tests: a small fake of the outside services, and a second Relais process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
