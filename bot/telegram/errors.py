"""The global error handler, and helpers for calls whose failure must never cost the reply."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import Forbidden
from telegram.ext import ContextTypes

from bot.chat.errors import new_reference
from bot.chat.i18n import t
from bot.telegram.handlers.common import user_lang
from knowledge.store import StoreError

log = logging.getLogger(__name__)

TYPING_DELAY = 0.4  # below this, a reply arrives before a typing indicator would be noticed
TYPING_REPEAT = 4.5  # Telegram shows "typing" for about 5 s


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    ref = new_reference()
    error = context.error
    user_id = update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    log.error("error %s while handling an update (%s)", ref, type(error).__name__, exc_info=error,
              extra={"ref": ref, "user_id": user_id})
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return  # the user blocked the bot: nobody to tell
    key = "error_store" if isinstance(error, StoreError) else "error"
    with contextlib.suppress(Exception):
        if update.callback_query is not None:
            await update.callback_query.answer()
    try:
        await context.bot.send_message(update.effective_chat.id, t(key, user_lang(update, context), ref=ref))
    except Exception:  # noqa: BLE001 - the error is already logged with its reference
        log.warning("could not tell the user about error %s", ref, extra={"ref": ref})


async def cosmetic(call: Awaitable[object], what: str) -> None:
    """Await a call whose failure is logged and forgotten (typing action, menu, chart...)."""
    try:
        await call
    except Exception as exc:  # noqa: BLE001 - cosmetic by definition
        log.warning("%s failed (%s); carrying on", what, type(exc).__name__)


@contextlib.asynccontextmanager
async def typing_while_slow(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" only if the work inside takes a noticeable time, and keep it up until done.

    Fast replies send no chat action at all, which also saves rate-limited API calls.
    """

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_DELAY)
        while True:
            await cosmetic(context.bot.send_chat_action(chat_id, ChatAction.TYPING), "typing action")
            await asyncio.sleep(TYPING_REPEAT)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
