"""Logging set-up: plain or JSON lines, and secrets scrubbed from every record.

httpx logs each request URL at INFO, and Telegram URLs carry the bot token
(``/bot<token>/getUpdates``); API keys can appear in exception texts. Every record passes
through :class:`RedactSecrets` before it is written, whatever logger produced it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

from bot.settings import Settings

# Telegram bot tokens look like 123456789:AA...; OpenAI-style keys like sk-...
_TOKEN_PATTERNS = [
    re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}"),
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),
]
REDACTED = "[redacted]"


class RedactSecrets(logging.Filter):
    """Replaces known secret values and token-shaped strings in the final message."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in _TOKEN_PATTERNS:
            text = pattern.sub(REDACTED, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.scrub(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("ref", "user_id", "command"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def secret_values(settings: Settings) -> list[str]:
    values = [settings.telegram_token, settings.llm_api_key, settings.webhook_secret]
    return [value.get_secret_value() for value in values if value is not None]


def setup_logging(settings: Settings, stream=None) -> None:
    """Configure the root logger once for the process (idempotent)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactSecrets(secret_values(settings)))
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_relais", False):
            root.removeHandler(old)
    handler._relais = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Request lines are noise at INFO, and Chroma's own telemetry logger is off anyway.
    for name in ("httpx", "httpcore", "chromadb", "apscheduler"):
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
