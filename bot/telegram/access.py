"""Who may use the bot, and what a group chat must do to get an answer.

``RELAIS_ALLOWED_USERS`` holds numeric ids or usernames (with or without the @);
``RELAIS_ADMINS`` numeric ids only (a username can be re-registered by someone else).
Admins are allowed too. Everyone else gets a polite refusal, at most once an hour: when each
stranger was told is kept in ``bot_data`` (persisted, bounded), and all strangers together get
a few refusals a second at most (see :class:`bot.telegram.limits.StrangerRefusals`), so a flood
of them costs the bot almost nothing and never the flood-limit budget the team's replies need.
Groups must be in ``RELAIS_ALLOWED_CHATS``: the bot leaves any other without a word.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Chat, MessageEntity, Update, User
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.chat.i18n import language_from_code, t
from bot.settings import Settings, SettingsError

if TYPE_CHECKING:  # limits imports the handlers' helpers, which import this module
    from bot.telegram.limits import StrangerRefusals

log = logging.getLogger(__name__)

REFUSED_KEY = "refused_users"  # persisted: when each stranger was told (see StrangerRefusals)
REFUSALS_KEY = "refusals"  # the StrangerRefusals over it, opened with the other services
GUARD_MARK = "__relais_requires_access__"  # set on handlers wrapped by requires_access

R = TypeVar("R")


@dataclass(frozen=True)
class AccessPolicy:
    allowed_ids: frozenset[int]
    allowed_names: frozenset[str]
    admin_ids: frozenset[int]
    allowed_chats: frozenset[int] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        # Admins by id only: a username can be given up and re-registered by someone else.
        admin_ids, _ = _split(settings.admins)
        allowed_ids, allowed_names = _split(settings.allowed_users)
        return cls(allowed_ids | admin_ids, allowed_names, admin_ids, frozenset(settings.allowed_chats))

    @property
    def is_empty(self) -> bool:
        return not (self.allowed_ids or self.allowed_names)

    def is_allowed(self, user: User | None) -> bool:
        return user is not None and _matches(user, self.allowed_ids, self.allowed_names)

    def is_admin(self, user: User | None) -> bool:
        return user is not None and user.id in self.admin_ids

    def is_allowed_chat(self, chat: Chat) -> bool:
        return chat.id in self.allowed_chats

    def may_use(self, update: Update) -> bool:
        """An allowed user, in a private chat or an allowed group."""
        chat = update.effective_chat
        in_group = chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)
        return self.is_allowed(update.effective_user) and not (in_group and not self.is_allowed_chat(chat))


def check_access_settings(settings: Settings) -> None:
    """At start-up: refuse admin usernames, warn about allowed usernames."""
    _, admin_names = _split(settings.admins)
    if admin_names:
        shown = ", ".join(sorted(f"@{name}" for name in admin_names))
        raise SettingsError(f"RELAIS_ADMINS: numeric Telegram user ids only, usernames can be re-registered by "
                            f"someone else (got {shown}); ask each admin to send /start and read their id "
                            "in the refusal, or ask @userinfobot")
    _, allowed_names = _split(settings.allowed_users)
    if allowed_names:
        log.warning("RELAIS_ALLOWED_USERS holds %d username(s): a username can be given up and re-registered by "
                    "someone else; prefer numeric ids", len(allowed_names))


def _split(entries: list[str]) -> tuple[frozenset[int], frozenset[str]]:
    ids, names = set(), set()
    for entry in entries:
        entry = entry.strip()
        if entry.lstrip("-").isdigit():
            ids.add(int(entry))
        elif entry:
            names.add(entry.lstrip("@").lower())
    return frozenset(ids), frozenset(names)


def _matches(user: User, ids: frozenset[int], names: frozenset[str]) -> bool:
    # Allowed users may still be named by username (warned at start-up); ids cannot change hands.
    return user.id in ids or bool(user.username and user.username.lower() in names)


def addressed_to_bot(update: Update, bot_username: str) -> bool:
    """In a group: a command, a message that @mentions the bot, or a reply to one of its messages."""
    message = update.effective_message
    if message is None:
        return False
    text = message.text or message.caption or ""
    if text.startswith("/"):
        return True
    mention = f"@{bot_username}".lower()
    for entity_text in message.parse_entities([MessageEntity.MENTION]).values():
        if entity_text.lower() == mention:
            return True
    for entity_text in message.parse_caption_entities([MessageEntity.MENTION]).values():
        if entity_text.lower() == mention:
            return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.username == bot_username)


async def gatekeeper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler (group -1): strangers and unaddressed group chatter stop here.

    It fails closed: whatever goes wrong while deciding or refusing, the update goes no
    further (PTB would run the group-0 handlers after an exception in this group).
    """
    try:
        admitted = await admit(update, context)
    except Exception:
        log.exception("the gatekeeper failed; the update is stopped")
        admitted = False
    if not admitted:
        raise ApplicationHandlerStop


async def admit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the update may reach the handlers; refuses strangers (in the background)."""
    policy: AccessPolicy | None = context.bot_data.get("access")
    chat = update.effective_chat
    in_group = chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    if in_group and policy is not None and not policy.is_allowed_chat(chat):
        leave_chat(context, chat)
        return False
    if in_group and update.callback_query is None and not addressed_to_bot(update, context.bot.username):
        return False
    if policy is not None and policy.is_allowed(update.effective_user):
        return True
    refuse_once(update, context)
    return False


def leave_chat(context: ContextTypes.DEFAULT_TYPE, chat: Chat) -> None:
    """A group that is not in RELAIS_ALLOWED_CHATS: leave it, say nothing there."""
    log.warning("leaving group %s: not in RELAIS_ALLOWED_CHATS", chat.id, extra={"chat_id": chat.id})
    in_background(context, context.bot.leave_chat(chat.id), "leaving a group that is not allowed")


def refuse_once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the stranger (and answer their button), at most once per interval, without waiting for Telegram.

    Between two refusals a stranger's updates cost nothing but this check: no call to Telegram
    at all, so a flood never takes the place of the team's replies in the flood limits.
    """
    user, chat = update.effective_user, update.effective_chat
    refusals: StrangerRefusals | None = context.bot_data.get(REFUSALS_KEY)
    if user is None or chat is None or refusals is None or not refusals.take(user.id):
        return
    if update.callback_query is not None:
        in_background(context, update.callback_query.answer(), "answering a stranger's button")
    log.info("refused a user who is not allowed", extra={"user_id": user.id})
    lang = language_from_code(user.language_code)
    send = context.bot.send_message(chat.id, t("refused", lang, user_id=user.id))
    in_background(context, send, "the refusal", on_failure=lambda: refusals.give_back(user.id))


def in_background(context: ContextTypes.DEFAULT_TYPE, call: Awaitable[Any], what: str,
                  on_failure: Callable[[], object] | None = None) -> None:
    """Run a Bot API call as a task of the application: its failure is logged, never raised."""
    context.application.create_task(_logged(call, what, on_failure), name=f"relais: {what}")


async def _logged(call: Awaitable[Any], what: str, on_failure: Callable[[], object] | None) -> None:
    try:
        await call
    except Exception as exc:  # noqa: BLE001 - the update is already stopped; nothing else to do
        log.warning("%s failed (%s)", what, type(exc).__name__)
        if on_failure is not None:
            on_failure()  # e.g. forget the refusal so the stranger is told next time


def requires_access(handler: Callable[..., Coroutine[Any, Any, R]]) -> Callable[..., Coroutine[Any, Any, R | None]]:
    """Every handler that returns data wears this: a second check behind the gatekeeper.

    It reads the policy kept in ``bot_data``; when the user is not allowed (or the policy is
    missing) the handler does not run and nothing is sent. ``register_handlers`` refuses to
    register a handler without it.
    """

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE, *args: Any, **kwargs: Any) -> R | None:
        policy: AccessPolicy | None = context.bot_data.get("access")
        if policy is None or not policy.may_use(update):
            log.warning("%s reached by a user who is not allowed; not run", handler.__name__)
            return None
        return await handler(update, context, *args, **kwargs)

    setattr(guarded, GUARD_MARK, True)
    return guarded


def is_guarded(callback: object) -> bool:
    return bool(getattr(callback, GUARD_MARK, False))
