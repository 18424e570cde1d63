"""Limits: a per-user cooldown for heavy commands, and Telegram's flood limits on what the bot sends."""

from __future__ import annotations

import math
import time

from telegram.ext import AIORateLimiter


class Cooldown:
    """At most one heavy command per ``seconds`` for each user; state is in memory only.

    A restart forgets it, which only ever lets a user in earlier: acceptable for a limit
    that protects the machine, not a quota.
    """

    def __init__(self, seconds: float, clock=time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._last: dict[int, float] = {}

    def wait_time(self, user_id: int) -> int:
        """0 when the user may go now (and the clock starts), else whole seconds left."""
        now = self._clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return max(1, math.ceil(self.seconds - (now - last)))
        self._last[user_id] = now
        if len(self._last) > 10_000:  # forget old entries; they are expired anyway
            self._last = {k: v for k, v in self._last.items() if now - v < self.seconds}
        return 0


class RepliesFirstRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (Telegram's flood limits), except for the "typing…" chat action.

    The indicator is cosmetic and pointless once it waits in line behind replies; under load it
    would take the place of real answers in the 30-per-second budget. Should Telegram refuse
    one, the caller shrugs it off (see :func:`bot.telegram.errors.cosmetic`).
    """

    UNLIMITED_ENDPOINTS = frozenset({"sendChatAction"})

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint in self.UNLIMITED_ENDPOINTS:
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
