"""Any text is a question: the answer with citations, a Sources button, and 👍/👎 feedback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.i18n import t
from bot.chat.rendering import render_answer, render_sources
from bot.telegram.access import requires_access
from bot.telegram.errors import typing_while_slow
from bot.telegram.feedback import FeedbackEntry, FeedbackLog
from bot.telegram.handlers.common import (
    assistant_of,
    off_loop,
    recall,
    remember,
    reply_html,
    user_lang,
)
from bot.telegram.keyboards import answer_keyboard
from knowledge.models import Source

log = logging.getLogger(__name__)

QUESTION_LIMIT = 2000  # characters; longer texts are documents, not questions
ANSWERS_KEPT = 30


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Answer ``text`` from the knowledge base, with its citations and the sources/vote buttons."""
    lang = user_lang(update, context)
    settings = context.bot_data["settings"]
    log.info("question from user %s (%d characters)%s", update.effective_user.id, len(text),
             f": {text}" if settings.log_message_text else "")
    async with typing_while_slow(context, update.effective_chat.id):
        answer = await off_loop(assistant_of(context).ask, text)
    answer_id = remember(
        context.chat_data,
        "answers",
        {"question": text, "found": answer.found, "mode": answer.mode,
         "sources": [source.model_dump() for source in answer.sources], "voted": None},
        keep=ANSWERS_KEPT,
    )
    keyboard = answer_keyboard(answer_id, lang, with_sources=bool(answer.sources))
    await reply_html(update, context, render_answer(answer), reply_markup=keyboard)


@requires_access
async def answer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``ans:<id>:src`` shows the sources; ``ans:<id>:up|down`` records a vote."""
    query = update.callback_query
    _, answer_id, action = query.data.split(":", 2)
    saved = recall(context.chat_data, "answers", answer_id)
    if saved is None:
        await query.answer(t("expired_answer", user_lang(update, context)), show_alert=True)
        return
    lang = user_lang(update, context)
    if action == "src":
        await query.answer()
        sources = [Source.model_validate(source) for source in saved["sources"]]
        await reply_html(update, context, render_sources(sources, lang))
        return
    if action in ("up", "down"):
        if saved["voted"] is None:
            saved["voted"] = action
            log_: FeedbackLog = context.bot_data["feedback"]
            entry = FeedbackEntry(
                user_id=update.effective_user.id,
                vote=action,
                question=saved["question"],
                found=saved["found"],
                mode=saved["mode"],
                sources=[source["title"] for source in saved["sources"]],
            )
            await off_loop(log_.record, entry)
        await query.answer(t("feedback_thanks", lang))
        keyboard = answer_keyboard(answer_id, lang, with_sources=bool(saved["sources"]), with_feedback=False)
        await query.edit_message_reply_markup(keyboard if keyboard.inline_keyboard else None)
        return
    await query.answer()
