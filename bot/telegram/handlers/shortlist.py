"""/shortlist NICHE [filters]: the ranked shortlist, refinement buttons, and the CSV + chart export."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from pydantic import ValidationError
from telegram import InputFile, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.chat.i18n import t
from bot.chat.rendering import escape, render_shortlist
from bot.telegram.access import requires_access
from bot.telegram.errors import cosmetic, typing_while_slow
from bot.telegram.formatting import split_html
from bot.telegram.handlers.common import (
    answer_expired,
    assistant_of,
    command_argument,
    off_loop,
    recall,
    remember,
    reply_html,
    user_lang,
)
from bot.telegram.keyboards import (
    ANY,
    SHORTLIST_BUDGETS,
    SHORTLIST_COUNTRIES,
    refine_keyboard,
    shortlist_keyboard,
)
from bot.telegram.limits import costly
from scoring.models import PLATFORMS, TIERS, Shortlist, ShortlistRequest

log = logging.getLogger(__name__)

LAST_REQUEST_KEY = "last_shortlist_request"  # in chat_data (persisted): what plain-words follow-ups refine

SHORTLISTS_KEPT = 10
QUERY_LIMIT = 500
REFINE_OPTIONS: dict[str, tuple[object, ...]] = {
    "platform": PLATFORMS,
    "country": SHORTLIST_COUNTRIES,
    "tier": TIERS,
    "budget": SHORTLIST_BUDGETS,
}


@requires_access
@costly("shortlist")
async def shortlist_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = user_lang(update, context)
    query_text = command_argument(update.effective_message.text)
    if not query_text:
        await reply_html(update, context, t("shortlist_usage", lang))
        return
    if len(query_text) > QUERY_LIMIT:
        await reply_html(update, context, t("too_long", lang, length=len(query_text), limit=QUERY_LIMIT))
        return
    assistant = assistant_of(context)
    try:
        request = await off_loop(assistant.shortlist_request, query_text)
    except ValueError as exc:  # pydantic's ValidationError included: the text named no usable niche
        await reply_html(update, context, t("shortlist_usage", lang) + f"\n\n<i>{_problem(exc)}</i>")
        return
    await send_shortlist(update, context, request)


async def send_shortlist(update: Update, context: ContextTypes.DEFAULT_TYPE, request: ShortlistRequest,
                         note: str = "") -> None:
    """Run ``request``, send the shortlist with its buttons, and keep it as the chat's last one
    (plain-words follow-ups such as "et sur TikTok ?" refine it)."""
    lang = user_lang(update, context)
    async with typing_while_slow(context, update.effective_chat.id):
        shortlist = await off_loop(assistant_of(context).shortlist, request)
    shortlist_id = remember(context.chat_data, "shortlists", _state(request, shortlist), keep=SHORTLISTS_KEPT)
    context.chat_data[LAST_REQUEST_KEY] = request.model_dump(mode="json")
    keyboard = shortlist_keyboard(shortlist_id, lang, request.model_dump())
    text = (f"<i>{escape(note)}</i>\n\n" if note else "") + render_shortlist(shortlist, lang)
    await reply_html(update, context, text, reply_markup=keyboard)


def _state(request: ShortlistRequest, shortlist: Shortlist) -> dict:
    # Plain dicts pickle whatever becomes of the model classes between releases.
    return {"request": request.model_dump(mode="json"), "shortlist": shortlist.model_dump(mode="json")}


def _problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return escape("; ".join(error["msg"] for error in exc.errors()))
    return escape(str(exc))


@requires_access
@costly("shortlist refine or export",
        when=lambda update: update.callback_query.data.split(":")[2] in ("set", "export"))
async def shortlist_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``sl:<id>:menu:<field>``, ``sl:<id>:set:<field>:<value>``, ``sl:<id>:export``."""
    query = update.callback_query
    parts = query.data.split(":")
    shortlist_id, action = parts[1], parts[2]
    state = recall(context.chat_data, "shortlists", shortlist_id)
    if state is None:
        await answer_expired(update, context, "/shortlist")
        return
    lang = user_lang(update, context)
    if action == "menu":
        await query.answer()
        field = parts[3]
        if field in REFINE_OPTIONS:
            keyboard = refine_keyboard(shortlist_id, lang, field, REFINE_OPTIONS[field])
        else:
            keyboard = shortlist_keyboard(shortlist_id, lang, state["request"])
        await _quietly(query.edit_message_reply_markup(keyboard))
    elif action == "set":
        await refine(update, context, shortlist_id, state, parts[3], parts[4])
    elif action == "export":
        await export(update, context, state)
    else:
        await query.answer()


async def refine(update: Update, context: ContextTypes.DEFAULT_TYPE, shortlist_id: str, state: dict,
                 field: str, value: str) -> None:
    query = update.callback_query
    lang = user_lang(update, context)
    if field not in REFINE_OPTIONS:
        await query.answer()
        return
    new_value: object = None if value == ANY else (float(value) if field == "budget" else value)
    request = ShortlistRequest.model_validate({**state["request"], field: new_value})
    await query.answer()
    async with typing_while_slow(context, update.effective_chat.id):
        shortlist = await off_loop(assistant_of(context).shortlist, request)
    state.update(_state(request, shortlist))
    context.chat_data[LAST_REQUEST_KEY] = request.model_dump(mode="json")
    keyboard = shortlist_keyboard(shortlist_id, lang, request.model_dump())
    parts = split_html(render_shortlist(shortlist, lang))
    if len(parts) == 1:
        await _quietly(query.edit_message_text(parts[0], reply_markup=keyboard))
    else:
        await reply_html(update, context, "\n".join(parts), reply_markup=keyboard)


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict) -> None:
    """The shortlist as a CSV document, then its score factors as a chart (which may fail alone)."""
    query = update.callback_query
    await query.answer()
    lang = user_lang(update, context)
    shortlist = Shortlist.model_validate(state["shortlist"])
    assistant = assistant_of(context)
    chat_id = update.effective_chat.id
    with tempfile.TemporaryDirectory(prefix="relais-export-") as folder:
        path = await off_loop(assistant.write_shortlist_csv, shortlist, Path(folder))
        await context.bot.send_document(chat_id, InputFile(path.read_bytes(), filename=path.name))
    try:
        chart = await off_loop(assistant.shortlist_chart, shortlist)
    except Exception as exc:
        log.warning("shortlist chart failed (%s)", type(exc).__name__, exc_info=exc)
        await reply_html(update, context, t("export_no_chart", lang))
        return
    await cosmetic(
        context.bot.send_photo(chat_id, InputFile(chart, filename=path.with_suffix(".png").name), caption=t("export_caption", lang)),
        "shortlist chart",
    )


async def _quietly(edit) -> None:
    """Editing a message into what it already says is a Bot API error; it changes nothing."""
    try:
        await edit
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
