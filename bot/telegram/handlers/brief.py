"""/brief: a guided conversation that ends with the brief as a message and a .docx document.

One state per question (the constants below), one small function per answer. The answers
live in ``user_data`` and the state in the persisted ConversationHandler, so a restart of
the bot mid-way loses nothing. /back returns to the previous question, /cancel stops.
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from pathlib import Path

from pydantic import ValidationError
from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.briefs.models import Brief, BriefRefused
from bot.chat import dialogue
from bot.chat.brief_form import (
    STEP_NAMES,
    FormError,
    build_request,
    describe_validation_error,
    parse_text_answer,
    step_named,
)
from bot.chat.i18n import t
from bot.chat.rendering import escape, render_brief
from bot.telegram.access import requires_access
from bot.telegram.errors import typing_while_slow
from bot.telegram.handlers.common import (
    answer_expired,
    assistant_of,
    clean_text,
    off_loop,
    recall,
    remember,
    reply_html,
    user_lang,
)
from bot.telegram.keyboards import button, choice_keyboard, toggle_keyboard
from bot.telegram.limits import costly

log = logging.getLogger(__name__)

BRAND, PRODUCT, CATEGORY, NICHE, PLATFORMS, JURISDICTIONS, COMPENSATION, DELIVERABLES, DATES, BUDGET = range(10)
STATE_OF = dict(zip(STEP_NAMES, range(10), strict=True))
FORM_KEY = "brief_form"
BRIEFS_KEPT = 5
SKIP, KEEP, DONE = "-", "=", "."


def _form(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data.setdefault(FORM_KEY, {"answers": {}, "history": []})


# Asking -----------------------------------------------------------------------------------------------


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    """Send the question for step ``name`` and return its state."""
    step = step_named(name)
    lang = user_lang(update, context)
    current = _form(context)["answers"].get(name)
    if step.kind == "choice":
        markup = choice_keyboard(name, step.labels(lang), width=3 if len(step.options) > 6 else 2)
    elif step.kind == "multi":
        markup = toggle_keyboard(name, step.labels(lang), current or [], lang)
    else:
        extra = []
        if current:
            extra.append(button(t("brief_keep", lang, value=_shown(current)[:40]), "bf", name, KEEP))
        if step.optional:
            extra.append(button(t("brief_skip", lang), "bf", name, SKIP))
        markup = InlineKeyboardMarkup([extra]) if extra else None
    await context.bot.send_message(update.effective_chat.id, t(step.prompt, lang), reply_markup=markup)
    return STATE_OF[name]


def _shown(value: object) -> str:
    """A text answer as it was given: text, dates (start → end) or a budget."""
    if isinstance(value, list):
        return " → ".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


async def advance(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    """Step ``name`` is answered: ask the next question, or draft the brief after the last."""
    form = _form(context)
    form["history"].append(name)
    following = [step for step in STEP_NAMES[STEP_NAMES.index(name) + 1:] if step not in form.get("given", ())]
    if not following:
        return await finish(update, context)
    return await ask(update, context, following[0])


async def take_text(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    lang = user_lang(update, context)
    try:
        value = parse_text_answer(step_named(name), clean_text(update.effective_message.text, context.bot.username))
    except FormError as problem:
        await reply_html(update, context, t(problem.key, lang, **problem.values))
        return STATE_OF[name]
    _form(context)["answers"][name] = value
    return await advance(update, context, name)


async def take_text_button(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    """Skip (``-``) an optional free-text step, or keep (``=``) the value it already has."""
    query = update.callback_query
    await query.answer()
    choice = query.data.rsplit(":", 1)[1]
    if choice == SKIP:
        _form(context)["answers"].pop(name, None)
    await query.edit_message_reply_markup(None)
    return await advance(update, context, name)


async def take_choice(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    query = update.callback_query
    value = query.data.rsplit(":", 1)[1]
    step = step_named(name)
    if value not in step.options:
        await query.answer()
        return STATE_OF[name]
    await query.answer()
    _form(context)["answers"][name] = value
    label = dict(step.labels(user_lang(update, context)))[value]
    await query.edit_message_text(f"{t(step.prompt, user_lang(update, context))}\n→ <b>{escape(label)}</b>")
    return await advance(update, context, name)


async def take_toggle(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> int:
    query = update.callback_query
    value = query.data.rsplit(":", 1)[1]
    step = step_named(name)
    lang = user_lang(update, context)
    answers = _form(context)["answers"]
    chosen: list[str] = list(answers.get(name) or [])
    if value == DONE:
        if not chosen:
            await query.answer(t("brief_pick_one", lang), show_alert=True)
            return STATE_OF[name]
        await query.answer()
        labels = dict(step.labels(lang))
        picked = ", ".join(labels[v] for v in chosen)
        await query.edit_message_text(f"{t(step.prompt, lang)}\n→ <b>{escape(picked)}</b>")
        return await advance(update, context, name)
    await query.answer()
    if value in step.options:
        chosen = [v for v in chosen if v != value] if value in chosen else chosen + [value]
        answers[name] = chosen
        await query.edit_message_reply_markup(toggle_keyboard(name, step.labels(lang), chosen, lang))
    return STATE_OF[name]


@requires_access
async def use_buttons(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text typed where a button is expected: say so, stay on the same question."""
    await reply_html(update, context, t("brief_use_buttons", user_lang(update, context)))


# One function per answer ---------------------------------------------------------------------------------


@requires_access
async def brand_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text(update, context, "brand")


@requires_access
async def product_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text(update, context, "product")


@requires_access
async def category_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_choice(update, context, "product_category")


@requires_access
async def niche_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text(update, context, "niche")


@requires_access
async def niche_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text_button(update, context, "niche")


@requires_access
async def platforms_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_toggle(update, context, "platforms")


@requires_access
async def jurisdictions_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_toggle(update, context, "jurisdictions")


@requires_access
async def compensation_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_choice(update, context, "compensation")


@requires_access
async def deliverables_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_toggle(update, context, "deliverables")


@requires_access
async def dates_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text(update, context, "dates")


@requires_access
async def dates_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text_button(update, context, "dates")


@requires_access
@costly("brief draft")
async def budget_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text(update, context, "budget")


@requires_access
@costly("brief draft")
async def budget_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await take_text_button(update, context, "budget")


# Start, back, cancel, finish -------------------------------------------------------------------------------


@requires_access
async def start_brief(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data[FORM_KEY] = {"answers": {}, "history": []}
    return await ask(update, context, "brand")


@requires_access
async def brief_from_shortlist(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The shortlist's "Brief with them" button: niche, creators (and platform) filled in."""
    query = update.callback_query
    state = recall(context.chat_data, "shortlists", query.data.split(":")[1])
    if state is None:
        await answer_expired(update, context, "/shortlist")
        return ConversationHandler.END
    await query.answer()
    shortlist, request = state["shortlist"], state["request"]
    answers = {"niche": shortlist["niche"], "creators": [f"@{c['handle']}" for c in shortlist["creators"]]}
    if request.get("platform"):
        answers["platforms"] = [request["platform"]]
    context.user_data[FORM_KEY] = {"answers": answers, "history": []}
    lang = user_lang(update, context)
    await reply_html(update, context, t("brief_from_shortlist", lang, niche=escape(shortlist["niche"]),
                                         count=len(answers["creators"])))
    return await ask(update, context, "brand")


async def start_with_answers(update: Update, context: ContextTypes.DEFAULT_TYPE, answers: dict) -> int:
    """A brief asked for in one sentence: what it said is taken, and only the other steps are asked
    (``given`` steps are skipped on the way; /back still reaches them)."""
    context.user_data[FORM_KEY] = {"answers": dict(answers), "history": [], "given": sorted(answers)}
    lang = user_lang(update, context)
    if answers:
        taken = escape(dialogue.brief_answers_in_words(answers, lang))
        await reply_html(update, context, t("brief_from_sentence", lang, taken=taken))
    missing = dialogue.missing_brief_steps(answers)
    if not missing:
        return await finish(update, context)
    return await ask(update, context, missing[0])


@requires_access
async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    history = _form(context)["history"]
    if not history:
        await reply_html(update, context, t("brief_back_first", user_lang(update, context)))
        return await ask(update, context, STEP_NAMES[0])
    return await ask(update, context, history.pop())


@requires_access
async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data.pop(FORM_KEY, None)
    await reply_html(update, context, t("brief_cancelled", user_lang(update, context)))
    return ConversationHandler.END


async def finish(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Draft the brief; a forbidden promotion gets the refusal with its reason and reference."""
    lang = user_lang(update, context)
    answers = context.user_data.pop(FORM_KEY, {"answers": {}})["answers"]
    try:
        request = build_request(answers, lang)
    except ValidationError as exc:
        await reply_html(update, context, t("brief_invalid", lang, problem=escape(describe_validation_error(exc))))
        return ConversationHandler.END
    await reply_html(update, context, t("brief_drafting", lang))
    try:
        async with typing_while_slow(context, update.effective_chat.id):
            brief = await off_loop(assistant_of(context).draft_brief, request)
    except BriefRefused as refusal:
        await reply_html(update, context, t("brief_refused", lang, reason=escape(refusal.reason),
                                             reference=escape(refusal.reference)))
        return ConversationHandler.END
    remember(context.user_data, "briefs", brief.model_dump(mode="json"), keep=BRIEFS_KEPT)
    await reply_html(update, context, render_brief(brief))
    await send_docx(update, context, brief, lang)
    return ConversationHandler.END


async def send_docx(update: Update, context: ContextTypes.DEFAULT_TYPE, brief: Brief, lang: str) -> None:
    with tempfile.TemporaryDirectory(prefix="relais-brief-") as folder:
        try:
            path = await off_loop(assistant_of(context).write_brief_docx, brief, Path(folder))
        except Exception as exc:
            log.warning("brief document failed (%s)", type(exc).__name__, exc_info=exc)
            await reply_html(update, context, t("brief_no_document", lang))
            return
        await context.bot.send_document(update.effective_chat.id, InputFile(path.read_bytes(), filename=path.name),
                                        caption=t("brief_document", lang))


@requires_access
async def expired_brief_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /brief button from a finished, cancelled or earlier step (or before a state loss)."""
    await answer_expired(update, context, "/brief")


def _text(callback) -> MessageHandler:
    return MessageHandler(filters.TEXT & ~filters.COMMAND, callback)


def _buttons(name: str, callback, block: bool = True) -> CallbackQueryHandler:
    return CallbackQueryHandler(callback, pattern=rf"^bf:{name}:", block=block)


def conversation(plain_words) -> ConversationHandler:
    # Drafting (after the budget) may call an LLM: those two handlers don't block other users.
    with warnings.catch_warnings():
        # The buttons belong to the conversation, not to one message: PTB's per_message warning is expected.
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return _conversation(plain_words)


def _conversation(plain_words) -> ConversationHandler:
    return ConversationHandler(
        entry_points=[
            CommandHandler("brief", start_brief),
            CallbackQueryHandler(brief_from_shortlist, pattern=r"^sl:\w+:brief$"),
            # Plain words: ``plain_words`` (chat.message) routes them and starts the brief when one is asked for.
            MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, plain_words),
        ],
        states={
            BRAND: [_text(brand_text)],
            PRODUCT: [_text(product_text)],
            CATEGORY: [_buttons("product_category", category_button), _text(use_buttons)],
            NICHE: [_text(niche_text), _buttons("niche", niche_button)],
            PLATFORMS: [_buttons("platforms", platforms_button), _text(use_buttons)],
            JURISDICTIONS: [_buttons("jurisdictions", jurisdictions_button), _text(use_buttons)],
            COMPENSATION: [_buttons("compensation", compensation_button), _text(use_buttons)],
            DELIVERABLES: [_buttons("deliverables", deliverables_button), _text(use_buttons)],
            DATES: [_text(dates_text), _buttons("dates", dates_button)],
            BUDGET: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, budget_text, block=False),
                _buttons("budget", budget_button, block=False),
            ],
        },
        # /brief and "Brief with them" start over from any step. They sit here, not in a re-entry,
        # because re-entry would let the plain-words entry point take every answer typed in the form.
        fallbacks=[
            CommandHandler("cancel", cancel),
            CommandHandler("back", back),
            CommandHandler("brief", start_brief),
            CallbackQueryHandler(brief_from_shortlist, pattern=r"^sl:\w+:brief$"),
        ],
        allow_reentry=False,
        name="brief",
        persistent=True,
    )
