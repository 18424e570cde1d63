"""/start, /help and /lang, and the replies to what Relais does not understand."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.briefs.models import DEFAULT_JURISDICTION, JURISDICTIONS
from bot.chat.i18n import parse_lang, t
from bot.chat.rendering import escape
from bot.telegram.access import requires_access
from bot.telegram.handlers.common import (
    JURISDICTION_KEY,
    LANG_KEY,
    access_of,
    reply_html,
    user_lang,
)
from bot.telegram.keyboards import language_keyboard


def help_text(lang: str, jurisdiction: str, admin_mb: float | None) -> str:
    """The /help text; ``admin_mb`` adds the admin commands (with the upload limit)."""
    admin = t("help_admin", lang, mb=f"{admin_mb:g}") if admin_mb is not None else ""
    return t("help", lang, jurisdictions=", ".join(JURISDICTIONS), jurisdiction=jurisdiction, admin=admin)


@requires_access
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = escape(update.effective_user.first_name or "")
    await reply_html(update, context, t("start", user_lang(update, context), name=name))


@requires_access
async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    is_admin = access_of(context).is_admin(update.effective_user)
    settings = context.bot_data["settings"]
    text = help_text(
        user_lang(update, context),
        context.user_data.get(JURISDICTION_KEY, DEFAULT_JURISDICTION),
        settings.max_upload_mb if is_admin else None,
    )
    await reply_html(update, context, text)


@requires_access
async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/lang en`` switches at once; ``/lang`` alone offers buttons."""
    if context.args:
        lang = parse_lang(context.args[0])
        if lang is None:
            await reply_html(update, context, t("lang_unknown", user_lang(update, context)))
            return
        context.user_data[LANG_KEY] = lang
        await reply_html(update, context, t("lang_set", lang))
        return
    await update.effective_message.reply_text(
        t("lang_choose", user_lang(update, context)), reply_markup=language_keyboard()
    )


@requires_access
async def lang_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    lang = parse_lang(query.data.split(":", 1)[1])
    if lang is None:
        await query.answer()
        return
    context.user_data[LANG_KEY] = lang
    await query.answer()
    await query.edit_message_text(t("lang_set", lang))


# What no other handler takes ----------------------------------------------------------------------


@requires_access
async def nothing_to_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, context, t("nothing_to_cancel", user_lang(update, context)))


@requires_access
async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    command = (update.effective_message.text or "").split()[0][:40]
    await reply_html(update, context, t("unknown_command", user_lang(update, context), command=escape(command)))


@requires_access
async def unsupported_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, context, t("unsupported_message", user_lang(update, context)))


@requires_access
async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer(t("expired", user_lang(update, context), command="/help"), show_alert=True)
