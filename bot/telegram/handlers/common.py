"""What every handler needs: the user's language, the Assistant, replies, server-side button state."""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.assistant import Assistant
from bot.chat.i18n import Lang, language_from_code, t
from bot.telegram.access import AccessPolicy
from bot.telegram.formatting import split_html

T = TypeVar("T")

LANG_KEY = "lang"
JURISDICTION_KEY = "jurisdiction"


def user_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Lang:
    """The language the user chose with /lang, else the one their Telegram app uses."""
    chosen = context.user_data.get(LANG_KEY) if context.user_data is not None else None
    if chosen:
        return chosen
    user = update.effective_user
    return language_from_code(user.language_code if user else None)


def assistant_of(context: ContextTypes.DEFAULT_TYPE) -> Assistant:
    return context.bot_data["assistant"]


def access_of(context: ContextTypes.DEFAULT_TYPE) -> AccessPolicy:
    return context.bot_data["access"]


async def off_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run the Assistant's synchronous, CPU-bound work in a worker thread."""
    return await asyncio.to_thread(function, *args, **kwargs)


def command_argument(text: str | None) -> str:
    """What follows the command (``/shortlist@bot a, b`` -> ``a, b``), punctuation kept."""
    text = (text or "").strip()
    if not text.startswith("/"):
        return text
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def clean_text(text: str | None, bot_username: str | None) -> str:
    """Drop the @mention that addressed the bot in a group, and control characters."""
    text = text or ""
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    text = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
    return text.strip()


async def reply_html(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send ``text`` (Telegram HTML) in as many messages as it takes; buttons go on the last one."""
    parts = split_html(text)
    chat_id = update.effective_chat.id
    sent = None
    for i, part in enumerate(parts):
        sent = await context.bot.send_message(
            chat_id,
            part,
            reply_markup=reply_markup if i == len(parts) - 1 else None,
        )
    return sent


# Buttons carry at most 64 bytes, so what they act on is kept here, under a short id.


def remember(store: dict, kind: str, value: Any, keep: int = 20) -> str:
    """Keep ``value`` under a new short id in ``store[kind]`` (the ``keep`` newest are kept)."""
    items: dict[str, Any] = store.setdefault(kind, {})
    key = secrets.token_hex(3)
    items[key] = value
    while len(items) > keep:
        del items[next(iter(items))]
    return key


def recall(store: dict | None, kind: str, key: str) -> Any | None:
    return (store or {}).get(kind, {}).get(key)


async def answer_expired(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> None:
    """A button whose state is gone (restart, or too old): say so instead of failing."""
    text = t("expired", user_lang(update, context), command=command)
    await update.callback_query.answer(text, show_alert=True)
