"""A real Assistant on a small corpus and roster, the fake Bot API server, and the real bot against it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.settings import Settings
from bot.telegram.app import serve
from tests.telegram.fakebotapi import TOKEN, FakeBotAPI, User
from tests.telegram.small_data import close_shared_assistant, shared_assistant

ALICE = User(111, "Alice", "alice", "fr")  # allowed by id
BOB = User(112, "Bob", "bob_brand", "en")  # allowed by username
ADMIN = User(222, "Sam", "sam_admin", "en")
STRANGER = User(333, "Eve", "eve", "en")
GROUP = {"id": -1001234, "type": "supergroup", "title": "Brand team"}


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """One Assistant for the whole session (the console tests share it), for every bot the tests start."""
    yield shared_assistant(tmp_path_factory)
    close_shared_assistant()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def bot_settings(tmp_path: Path, api: FakeBotAPI) -> Settings:
    return bot_settings_for(tmp_path / "bot", api)


def bot_settings_for(data_dir: Path, api: FakeBotAPI, **overrides: object) -> Settings:
    values = dict(
        data_dir=data_dir,
        telegram_token=TOKEN,
        telegram_api_url=api.api_url,
        allowed_users=[str(ALICE.id), "@bob_brand"],
        admins=[str(ADMIN.id)],
        allowed_chats=[GROUP["id"]],
        heavy_command_cooldown=0,
        llm_provider="none",
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


class RunningBot:
    """The real bot (``bot.telegram.app.serve``) running as a task in the test's event loop."""

    def __init__(self, settings: Settings, assistant: Assistant) -> None:
        self.settings = settings
        self.assistant = assistant
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> RunningBot:
        self._stop = asyncio.Event()
        ready = asyncio.Event()
        self._task = asyncio.create_task(serve(self.settings, self.assistant, self._stop, ready))
        waiter = asyncio.create_task(ready.wait())
        done, _ = await asyncio.wait({waiter, self._task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            waiter.cancel()
            self._task.result()  # raises what went wrong
        assert waiter in done, "the bot did not start within 30 s"
        return self

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, timeout=30)
            self._task = None


@pytest.fixture
async def bot(bot_settings: Settings, assistant: Assistant) -> AsyncIterator[RunningBot]:
    running = await RunningBot(bot_settings, assistant).start()
    yield running
    await running.stop()
