"""Updates of different chats are handled at once; those of one chat, in the order they came.

PTB handles one update at a time by default, so one chat waiting on the rate limiter or a slow
reply stalls every other user. ``concurrent_updates(True)`` alone would let two messages of one
chat race (a /brief answer overtaking the step before it); a lock per chat keeps their order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256


class PerChatOrderedUpdates(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}  # updates holding or awaiting each chat's lock

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._chat_locks.setdefault(chat.id, asyncio.Lock())
        self._pending[chat.id] = self._pending.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            # The last update of a chat drops its lock, so the table stays as small as the traffic.
            self._pending[chat.id] -= 1
            if not self._pending[chat.id]:
                del self._pending[chat.id], self._chat_locks[chat.id]

    @property
    def chats_in_progress(self) -> int:
        return len(self._chat_locks)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
