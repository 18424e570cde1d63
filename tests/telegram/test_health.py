"""GET /healthz: constant-time liveness for anyone, counts only for who holds the webhook secret."""

from __future__ import annotations

import httpx

from tests.conftest import free_port
from tests.telegram.conftest import RunningBot, bot_settings_for
from tests.telegram.fakebotapi import FakeBotAPI
from tests.telegram.small_data import ROSTER_SIZE

SECRET = "h3alth-Secret_7"


class CountingAssistant:
    """The real Assistant, counting the (store-scanning) stats calls."""

    def __init__(self, assistant) -> None:
        self._assistant = assistant
        self.stats_calls = 0

    def stats(self):
        self.stats_calls += 1
        return self._assistant.stats()

    def __getattr__(self, name):
        return getattr(self._assistant, name)


async def test_health_is_liveness_only_unless_the_secret_is_sent(api: FakeBotAPI, assistant, tmp_path) -> None:
    port = free_port()
    counting = CountingAssistant(assistant)
    settings = bot_settings_for(tmp_path / "bot", api, webhook_url="https://relais.example.test/hook",
                                webhook_port=port, webhook_path="hook", webhook_secret=SECRET)
    running = await RunningBot(settings, counting).start()
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                for _ in range(20):
                    health = await client.get(url, headers=headers)
                    assert (health.status_code, health.json()) == (200, {"status": "ok"})
            assert counting.stats_calls == 0  # nothing scanned, nothing counted

            detailed = await client.get(url, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            assert detailed.status_code == 200 and detailed.json()["creators"] == ROSTER_SIZE
            assert counting.stats_calls == 1
    finally:
        await running.stop()
