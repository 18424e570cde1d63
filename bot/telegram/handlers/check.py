"""/check CAPTION, or /check in reply to a message: verdict, issues, suggested caption."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.briefs.models import DEFAULT_JURISDICTION, JURISDICTIONS, CaptionCheckRequest
from bot.chat.commands import CAPTION_LIMIT, CheckUsageError, parse_check
from bot.chat.i18n import t
from bot.chat.rendering import render_check
from bot.telegram.access import requires_access
from bot.telegram.handlers.common import (
    JURISDICTION_KEY,
    answer_expired,
    assistant_of,
    command_argument,
    off_loop,
    recall,
    remember,
    reply_html,
    user_lang,
)
from bot.telegram.keyboards import recheck_keyboard
from bot.telegram.limits import costly

CHECKS_KEPT = 20


@requires_access
@costly("check")
async def check_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = user_lang(update, context)
    message = update.effective_message
    argument = command_argument(message.text)
    replied = message.reply_to_message
    if replied is not None and (replied.text or replied.caption):
        # "/check" or "/check UK tiktok" in reply: the replied message is the caption.
        argument = f"{argument} {replied.text or replied.caption}".strip()
    default = context.user_data.get(JURISDICTION_KEY, DEFAULT_JURISDICTION)
    try:
        request, named = parse_check(argument, default)
    except CheckUsageError:
        await reply_html(update, context, t("check_usage", lang, jurisdictions=", ".join(JURISDICTIONS)))
        return
    if len(request.caption) > CAPTION_LIMIT:
        await reply_html(update, context, t("too_long", lang, length=len(request.caption), limit=CAPTION_LIMIT))
        return
    note = ""
    if named and request.jurisdiction != default:
        context.user_data[JURISDICTION_KEY] = request.jurisdiction
        note = "\n\n" + t("check_default_set", lang, jurisdiction=request.jurisdiction)
    await send_check(update, context, request, note)


async def send_check(update: Update, context: ContextTypes.DEFAULT_TYPE, request: CaptionCheckRequest,
                     note: str = "") -> None:
    result = await off_loop(assistant_of(context).check_caption, request)
    check_id = remember(context.chat_data, "checks", request.model_dump(mode="json"), keep=CHECKS_KEPT)
    text = render_check(result, request, user_lang(update, context)) + note
    await reply_html(update, context, text, reply_markup=recheck_keyboard(check_id, request.jurisdiction))


@requires_access
@costly("re-check")
async def recheck_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``ck:<id>:<JURISDICTION>``: the same caption checked for another jurisdiction."""
    query = update.callback_query
    _, check_id, jurisdiction = query.data.split(":")
    saved = recall(context.chat_data, "checks", check_id)
    if saved is None or jurisdiction not in JURISDICTIONS:
        await answer_expired(update, context, "/check")
        return
    await query.answer()
    request = CaptionCheckRequest.model_validate({**saved, "jurisdiction": jurisdiction})
    await send_check(update, context, request)
