"""Limits: per-user token buckets for the costly actions, and Telegram's flood limits on what the bot sends."""

from __future__ import annotations

import functools
import logging
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import AIORateLimiter, ContextTypes

from bot.chat.i18n import t
from bot.settings import Settings
from bot.telegram.handlers.common import access_of, user_lang

log = logging.getLogger(__name__)

COSTLY_MARK = "__relais_costly__"  # set on handlers wrapped by costly: the action they charge for
BUCKETS_KEY = "costly_buckets"
# Admins get a bucket this many times deeper (same refill): they ingest documents in batches and
# are few. Not unlimited: an admin's account or script can misbehave too, and ingest is the
# heaviest thing the bot does.
ADMIN_DEPTH = 3

R = TypeVar("R")


class TokenBucket:
    """One bucket per key: ``capacity`` tokens, one more every ``refill_seconds``; each action takes one.

    A key never seen has a full bucket, so a full bucket is forgotten first when more than
    ``max_keys`` are held; past that the least recently used go (they are let in early, never
    later). ``refill_seconds == 0`` turns the limit off. The state is a plain dict
    ``{key: (tokens, at)}``, which may be handed in to keep it elsewhere (persisted with a
    wall clock, for instance).
    """

    def __init__(self, capacity: float, refill_seconds: float, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic, state: dict | None = None) -> None:
        if capacity < 1:
            raise ValueError(f"a bucket holds at least one token (got capacity {capacity})")
        self.capacity = capacity
        self.refill_seconds = refill_seconds
        self.max_keys = max_keys
        self._clock = clock
        self.state: dict[Any, tuple[float, float]] = {} if state is None else state

    def take(self, key: Any) -> float:
        """0 when a token was taken; else the seconds until one is there (nothing is taken)."""
        if self.refill_seconds <= 0:
            return 0.0
        now = self._clock()
        tokens = self._tokens(key, now)
        if tokens < 1:
            return (1 - tokens) * self.refill_seconds
        self.state.pop(key, None)  # re-inserted last: the dict's order is least recently used first
        self.state[key] = (tokens - 1, now)
        if len(self.state) > self.max_keys:
            self._forget(now)
        return 0.0

    def give_back(self, key: Any) -> None:
        """Undo a ``take`` whose action never happened (e.g. the message could not be sent)."""
        if key in self.state:
            tokens, at = self.state[key]
            if tokens + 1 >= self.capacity:
                del self.state[key]  # full: the same as never seen
            else:
                self.state[key] = (tokens + 1, at)

    def _tokens(self, key: Any, now: float) -> float:
        held = self.state.get(key)
        if held is None:
            return self.capacity
        tokens, at = held
        return min(self.capacity, tokens + max(0.0, now - at) / self.refill_seconds)

    def _forget(self, now: float) -> None:
        # Down to 90% at once, so a flood of new keys does not pay a full scan on every one.
        target = self.max_keys * 9 // 10
        for key in [k for k in self.state if self._tokens(k, now) >= self.capacity]:
            del self.state[key]
        for key in list(self.state)[: max(0, len(self.state) - target)]:
            del self.state[key]


class StrangerRefusals:
    """Whom to refuse now: each stranger at most once per ``interval``, all of them a few per second.

    ``told`` is the per-stranger state, kept in the persisted ``bot_data`` with wall-clock
    times so a restart does not tell everyone again; at most ``remembered`` strangers are kept.
    The shared bucket (a burst of ``burst``, one more every ``every`` seconds) keeps refusals to
    a small share of Telegram's 30 messages a second; a stranger it leaves out is not counted
    as told, and is told on a later message.
    """

    def __init__(self, told: dict, interval: float = 3600.0, remembered: int = 10_000, burst: int = 5,
                 every: float = 0.5, clock: Callable[[], float] = time.time) -> None:
        self.each = TokenBucket(1, interval, max_keys=remembered, clock=clock, state=told)
        self.all = TokenBucket(burst, every, clock=clock)

    @classmethod
    def kept_in(cls, bot_data: dict, key: str, **options: Any) -> StrangerRefusals:
        told = bot_data.get(key)
        if isinstance(told, set):  # state written before the interval: those ids were told just now
            now = options.get("clock", time.time)()
            told = {user_id: (0.0, now) for user_id in told}
        elif isinstance(told, dict):  # back from JSON, the ids are strings and the pairs lists
            told = {int(user_id): (float(tokens), float(at)) for user_id, (tokens, at) in told.items()}
        else:
            told = {}
        bot_data[key] = told
        return cls(told, **options)

    def take(self, key: int) -> bool:
        """True when the stranger ``key`` is due a refusal, which is now counted as told."""
        if self.each.take(key):
            return False
        if self.all.take("all"):
            self.each.give_back(key)
            return False
        return True

    def give_back(self, key: int) -> None:
        """The refusal was not delivered: the stranger is told next time."""
        self.each.give_back(key)


class CostlyBuckets:
    """The users' buckets and the admins' deeper ones, from the settings."""

    def __init__(self, capacity: float, refill_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.users = TokenBucket(capacity, refill_seconds, clock=clock)
        self.admins = TokenBucket(capacity * ADMIN_DEPTH, refill_seconds, clock=clock)

    @classmethod
    def from_settings(cls, settings: Settings) -> CostlyBuckets:
        return cls(costly_capacity(settings), settings.heavy_command_cooldown)


def costly_capacity(settings: Settings) -> int:
    """How many costly actions a user may run in a row: the burst's worth of refills, at least one."""
    if settings.heavy_command_cooldown <= 0:
        return 1
    return max(1, math.floor(settings.heavy_command_burst / settings.heavy_command_cooldown))


def costly(action: str, when: Callable[[Update], bool] | None = None):
    """Every handler that runs a costly action wears this, inside ``@requires_access``.

    It takes a token from the user's bucket before the handler runs; with none left the user
    is told in how many seconds to try again, and the handler does not run. ``when`` narrows
    the charge to some updates (the refine and export buttons of a shortlist, not its menus).
    ``register_handlers`` refuses a non-blocking (slow) handler without it.
    """

    def decorate(handler: Callable[..., Coroutine[Any, Any, R]]) -> Callable[..., Coroutine[Any, Any, R | None]]:
        @functools.wraps(handler)
        async def limited(update: Update, context: ContextTypes.DEFAULT_TYPE, *args: Any, **kwargs: Any) -> R | None:
            if when is None or when(update):
                wait = take_token(update, context)
                if wait:
                    log.info("%s refused to user %s: over their bucket for %d s", action,
                             update.effective_user.id, wait, extra={"user_id": update.effective_user.id})
                    await tell_to_wait(update, context, wait)
                    return None
            return await handler(update, context, *args, **kwargs)

        setattr(limited, COSTLY_MARK, action)
        return limited

    return decorate


def take_token(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """0 when the user may go on, else the whole seconds to wait. Without buckets, nobody goes."""
    buckets: CostlyBuckets | None = context.bot_data.get(BUCKETS_KEY)
    user = update.effective_user
    if buckets is None or user is None:
        return 60  # fail closed, like requires_access: a missing limit is not no limit
    bucket = buckets.admins if access_of(context).is_admin(user) else buckets.users
    wait = bucket.take(user.id)
    return max(1, math.ceil(wait)) if wait else 0


async def tell_to_wait(update: Update, context: ContextTypes.DEFAULT_TYPE, seconds: int) -> None:
    text = t("cooldown", user_lang(update, context), seconds=seconds)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await update.effective_message.reply_text(text)


def costly_action(callback: object) -> str | None:
    return getattr(callback, COSTLY_MARK, None)


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
