"""Logs: plain or JSON lines, and no secret ever written, whichever format and however it got there."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bot.logs import REDACTED, setup_logging

TOKEN = "7012345678:AAHk3v9Zq-fAKEtoken_ForTests1234567890"
API_KEY = "local-llm-key-4f2a9c"  # not shaped like any known key: only the settings know it
UNKNOWN_SK_KEY = "sk-proj-Abcdefghijklmnop1234567890"  # not configured: caught by its shape


@pytest.fixture
def capture_logs() -> Iterator:
    """Configure logging as the app does, into a buffer; undo it afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    buffers = []

    def configure(settings) -> io.StringIO:
        buffer = io.StringIO()
        setup_logging(settings, stream=buffer)
        buffers.append(buffer)
        return buffer

    yield configure
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


class _Unauthorized(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _log_secrets(base_url: str) -> None:
    log = logging.getLogger("relais.test")
    url = f"{base_url}/bot{TOKEN}/getMe"
    # A real httpx failure: its message carries the full URL, token included.
    try:
        httpx.get(url, timeout=5).raise_for_status()
    except httpx.HTTPStatusError:
        log.exception("getMe failed")
    log.warning("calling %s", url)  # the token arrives through the record's args
    try:
        raise RuntimeError(f"Incorrect API key provided: {API_KEY}; also tried {UNKNOWN_SK_KEY}")
    except RuntimeError:
        log.error("LLM call failed", exc_info=True)


@pytest.mark.parametrize("log_format", ["plain", "json"])
def test_tokens_and_keys_are_redacted_in_messages_args_and_tracebacks(
    make_settings, capture_logs, refusing_server, log_format
) -> None:
    settings = make_settings(telegram_token=TOKEN, llm_api_key=API_KEY, log_format=log_format)
    buffer = capture_logs(settings)

    _log_secrets(refusing_server)

    output = buffer.getvalue()
    assert "getMe failed" in output and "LLM call failed" in output and "calling" in output
    for secret in (TOKEN, API_KEY, UNKNOWN_SK_KEY, TOKEN.split(":")[1]):
        assert secret not in output
    assert output.count(REDACTED) >= 4
    assert "Traceback" in output  # the traceback is kept, only scrubbed
    if log_format == "json":
        entries = [json.loads(line) for line in output.splitlines()]
        assert [e["level"] for e in entries] == ["ERROR", "WARNING", "ERROR"]
        assert "401 Unauthorized" in entries[0]["exception"]
        assert REDACTED in entries[0]["exception"] and REDACTED in entries[2]["exception"]
        assert all({"time", "level", "logger", "message"} <= entry.keys() for entry in entries)
    else:
        lines = [line for line in output.splitlines() if " relais.test: " in line]
        assert len(lines) == 3 and lines[1].endswith(f"calling {refusing_server}/bot{REDACTED}/getMe")


def test_plain_format_writes_one_line_per_record_with_level_and_logger(make_settings, capture_logs) -> None:
    buffer = capture_logs(make_settings(log_format="plain", log_level="INFO"))
    logging.getLogger("relais.test").info("ready with %d documents", 3)
    logging.getLogger("relais.test").debug("hidden at INFO")
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(" INFO relais.test: ready with 3 documents")


def test_request_lines_of_http_libraries_stay_out_at_info(make_settings, capture_logs, refusing_server) -> None:
    # httpx logs every request URL at INFO, and Telegram URLs carry the token.
    buffer = capture_logs(make_settings(log_level="DEBUG", telegram_token=TOKEN))
    httpx.get(f"{refusing_server}/bot{TOKEN}/getUpdates", timeout=5)
    assert "HTTP Request" not in buffer.getvalue()
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


def test_setting_up_twice_keeps_one_handler(make_settings, capture_logs) -> None:
    capture_logs(make_settings())
    second = capture_logs(make_settings(log_format="json"))
    logging.getLogger("relais.test").warning("once")
    assert json.loads(second.getvalue())["message"] == "once"
    assert sum(getattr(h, "_relais", False) for h in logging.getLogger().handlers) == 1
