"""Plain words: every text message that is not a command goes through the router (bot.chat.router).

"Trouve-moi des micro-influenceuses beauté à Lyon, budget 2000 €" runs a shortlist, "et sur
TikTok ?" refines the chat's last one, "Est-ce conforme : …" checks a caption, "Write a brief
for Maison Grain…" starts the brief form with what the sentence said, "merci" gets a one-line
help. What the router is unsure of is asked back with buttons, never guessed. The turning of
slots into requests lives in bot.chat.dialogue, shared with the console.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.chat import dialogue
from bot.chat.commands import CAPTION_LIMIT
from bot.chat.i18n import t
from bot.chat.rendering import escape, render_comparison, render_explanation
from bot.chat.router import Routed, slots_for
from bot.telegram.access import requires_access
from bot.telegram.handlers import brief
from bot.telegram.handlers.ask import QUESTION_LIMIT, answer_question
from bot.telegram.handlers.check import send_check
from bot.telegram.handlers.common import (
    clean_text,
    off_loop,
    recall,
    remember,
    reply_html,
    user_lang,
)
from bot.telegram.handlers.shortlist import LAST_REQUEST_KEY, send_shortlist
from bot.telegram.keyboards import button, rows
from bot.telegram.limits import take_token, tell_to_wait
from scoring.models import Shortlist, ShortlistRequest

log = logging.getLogger(__name__)

ROUTER_KEY = "router"
UNSURE_KEPT = 10
MESSAGE_LIMIT = max(QUESTION_LIMIT, CAPTION_LIMIT)  # a plain message may be either
# What runs the CPU or a model: charged to the user's bucket like the slash commands.
COSTLY_INTENTS = {"ask", "shortlist", "refine", "check", "brief"}


@requires_access
async def message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Entry point of the brief conversation as well, so that a brief asked in one sentence starts it."""
    lang = user_lang(update, context)
    text = clean_text(update.effective_message.text, context.bot.username)
    if not text:
        await reply_html(update, context, t("empty_question", lang))
        return ConversationHandler.END
    if len(text) > MESSAGE_LIMIT:
        await reply_html(update, context, t("too_long", lang, length=len(text), limit=MESSAGE_LIMIT))
        return ConversationHandler.END
    routed = await off_loop(context.bot_data[ROUTER_KEY].route, text, LAST_REQUEST_KEY in context.chat_data)
    log.info("message from user %s routed to %s (%.2f%s)", update.effective_user.id, routed.intent,
             routed.confidence, ", by rule" if routed.by_rule else "")
    return await run_intent(update, context, routed, text)


@requires_access
async def clarified_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``rt:<id>:<intent>``: the user said what an unclear message was for."""
    query = update.callback_query
    _, message_id, intent = query.data.split(":", 2)
    saved = recall(context.chat_data, "unsure", message_id)
    if saved is None or intent not in dialogue.CLARIFY_INTENTS:
        await query.answer(t("expired_answer", user_lang(update, context)), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    text = saved["text"]
    await run_intent(update, context, Routed(intent=intent, confidence=1.0, slots=slots_for(intent, text)), text)


async def run_intent(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> int:
    routed = routed.model_copy(update={"intent": dialogue.intent_to_run(routed, text)})
    if routed.intent in COSTLY_INTENTS:
        wait = take_token(update, context)
        if wait:
            await tell_to_wait(update, context, wait)
            return ConversationHandler.END
    step = INTENTS.get(routed.intent, reply_help)
    state = await step(update, context, routed, text)
    return state if isinstance(state, int) else ConversationHandler.END


# One small function per intent ----------------------------------------------------------------------------


async def ask_knowledge(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    await answer_question(update, context, text)


async def shortlist_creators(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    try:
        request = dialogue.shortlist_request_from(routed.slots, text)
    except ValueError:  # no niche could be read: say how to ask
        await reply_html(update, context, t("shortlist_usage", user_lang(update, context)))
        return
    await send_shortlist(update, context, request)


async def refine_shortlist(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    last = context.chat_data.get(LAST_REQUEST_KEY)
    if last is None:  # the router only refines with a last shortlist; it may have expired since
        await shortlist_creators(update, context, routed, text)
        return
    request, changes = dialogue.refine_request(ShortlistRequest.model_validate(last), routed.slots)
    lang = user_lang(update, context)
    if not changes:
        await reply_html(update, context, escape(dialogue.nothing_changed(routed.slots, lang)))
        return
    await send_shortlist(update, context, request, note=dialogue.describe_changes(changes, lang))


async def check_caption(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    lang = user_lang(update, context)
    uncovered = dialogue.uncovered_market(routed.slots, lang)
    if uncovered:
        await reply_html(update, context, escape(uncovered))
        return
    request = dialogue.check_request_from(routed.slots, lang)
    if request is None:
        await reply_html(update, context, t("chat_check_what", lang))
        return
    await send_check(update, context, request)


async def draft_brief(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> int:
    uncovered = dialogue.uncovered_brief_markets(routed.slots, user_lang(update, context))
    if uncovered:
        await reply_html(update, context, escape(uncovered))
    return await brief.start_with_answers(update, context, dialogue.brief_answers_from(routed.slots))


async def explain_creator(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    lang = user_lang(update, context)
    handles = [routed.slots["handle"]] if routed.slots.get("handle") else []
    found = _in_last_shortlist(context, handles)
    if not found:
        await reply_html(update, context, t("chat_not_in_shortlist", lang, handles=escape(", ".join(handles) or "?")))
        return
    rank, creator = found[0]
    await reply_html(update, context, render_explanation(creator, rank, lang))


async def compare_creators(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    lang = user_lang(update, context)
    handles = list(routed.slots.get("handles") or [])
    found = _in_last_shortlist(context, handles)
    if len(found) < 2:
        await reply_html(update, context, t("chat_not_in_shortlist", lang, handles=escape(", ".join(handles) or "?")))
        return
    await reply_html(update, context, render_comparison(found, lang))


async def ask_what_was_meant(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    lang = user_lang(update, context)
    message_id = remember(context.chat_data, "unsure", {"text": text}, keep=UNSURE_KEPT)
    buttons = [button(label, "rt", message_id, intent) for intent, label in dialogue.clarify_options(routed, lang)]
    await reply_html(update, context, t("chat_unsure", lang), reply_markup=InlineKeyboardMarkup(rows(buttons, 1)))


async def reply_help(update: Update, context: ContextTypes.DEFAULT_TYPE, routed: Routed, text: str) -> None:
    await reply_html(update, context, escape(dialogue.help_reply(user_lang(update, context))))


INTENTS = {
    "ask": ask_knowledge,
    "shortlist": shortlist_creators,
    "refine": refine_shortlist,
    "check": check_caption,
    "brief": draft_brief,
    "explain": explain_creator,
    "compare": compare_creators,
    "unsure": ask_what_was_meant,
    "help": reply_help,
    "other": reply_help,
}


def _in_last_shortlist(context: ContextTypes.DEFAULT_TYPE, handles: list[str]) -> list[tuple[int, object]]:
    """The newest shortlist of this chat is what "pourquoi @x ?" is about."""
    shortlists = list((context.chat_data.get("shortlists") or {}).values())
    newest = Shortlist.model_validate(shortlists[-1]["shortlist"]) if shortlists else None
    return dialogue.creators_named(newest, handles)
