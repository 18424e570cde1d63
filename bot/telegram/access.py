"""Who may use the bot, and what a group chat must do to get an answer.

``RELAIS_ALLOWED_USERS`` and ``RELAIS_ADMINS`` hold numeric ids or usernames (with or
without the @). Admins are allowed too. Everyone else gets one polite refusal, once: the
ids already told are kept in ``bot_data`` (persisted) so a stranger is not answered again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Chat, MessageEntity, Update, User
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.settings import Settings
from bot.telegram.i18n import language_from_code, t

log = logging.getLogger(__name__)

REFUSED_KEY = "refused_users"


@dataclass(frozen=True)
class AccessPolicy:
    allowed_ids: frozenset[int]
    allowed_names: frozenset[str]
    admin_ids: frozenset[int]
    admin_names: frozenset[str]

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        admin_ids, admin_names = _split(settings.admins)
        allowed_ids, allowed_names = _split(settings.allowed_users)
        return cls(allowed_ids | admin_ids, allowed_names | admin_names, admin_ids, admin_names)

    @property
    def is_empty(self) -> bool:
        return not (self.allowed_ids or self.allowed_names)

    def is_allowed(self, user: User | None) -> bool:
        return user is not None and _matches(user, self.allowed_ids, self.allowed_names)

    def is_admin(self, user: User | None) -> bool:
        return user is not None and _matches(user, self.admin_ids, self.admin_names)


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
    # Usernames can change hands; ids cannot. Both are accepted because admins know usernames.
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
    """Runs before every handler (group -1): strangers and unaddressed group chatter stop here."""
    policy: AccessPolicy = context.bot_data["access"]
    user = update.effective_user
    chat = update.effective_chat
    in_group = chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    if in_group and update.callback_query is None and not addressed_to_bot(update, context.bot.username):
        raise ApplicationHandlerStop
    if policy.is_allowed(user):
        return
    await refuse_once(update, context)
    raise ApplicationHandlerStop


async def refuse_once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if update.callback_query is not None:
        await update.callback_query.answer()
    if user is None or update.effective_chat is None:
        return
    refused: set[int] = context.bot_data.setdefault(REFUSED_KEY, set())
    if user.id in refused:
        return
    refused.add(user.id)
    log.info("refused a user who is not allowed", extra={"user_id": user.id})
    lang = language_from_code(user.language_code)
    await context.bot.send_message(update.effective_chat.id, t("refused", lang, user_id=user.id))
