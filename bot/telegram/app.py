"""The Telegram bot: build the PTB Application, register every handler, run it.

Services live in ``bot_data``: opened in ``post_init`` (the Assistant, unless one is handed
in), closed in ``post_shutdown``. :func:`serve` runs the bot by long polling, or behind our
webhook server when ``RELAIS_WEBHOOK_URL`` is set, until its ``stop`` event is set.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.assistant import Assistant
from bot.chat.i18n import COMMANDS
from bot.settings import Settings, SettingsError
from bot.telegram.access import (
    REFUSALS_KEY,
    REFUSED_KEY,
    AccessPolicy,
    check_access_settings,
    gatekeeper,
    is_guarded,
)
from bot.telegram.errors import cosmetic, on_error
from bot.telegram.feedback import FeedbackLog
from bot.telegram.handlers import admin, ask, brief, chat, check, shortlist, start
from bot.telegram.limits import (
    BUCKETS_KEY,
    CostlyBuckets,
    RepliesFirstRateLimiter,
    StrangerRefusals,
    costly_action,
)
from bot.telegram.state import CONTEXT_TYPES, open_persistence
from bot.telegram.updates import PerChatOrderedUpdates
from bot.telegram.webhook import WebhookServer
from bot.wiring import make_chat_router, warm_up

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def api_urls(settings: Settings) -> tuple[str, str] | None:
    """(base_url, base_file_url) for another Bot API server; PTB appends the token to each."""
    if not settings.telegram_api_url:
        return None
    base = settings.telegram_api_url
    if settings.telegram_file_url:
        return base, settings.telegram_file_url.rstrip("/")
    head, _, last = base.rpartition("/")  # http://host:8081/bot -> http://host:8081/file/bot
    return base, f"{head}/file/{last}"


def build_application(settings: Settings, assistant: Assistant | None = None) -> Application:
    if settings.telegram_token is None:
        raise SettingsError("RELAIS_TELEGRAM_TOKEN is required to run the Telegram bot")
    check_access_settings(settings)

    async def post_init(application: Application) -> None:
        await open_services(application, settings, assistant)

    builder = (
        Application.builder()
        .token(settings.telegram_token.get_secret_value())
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(RepliesFirstRateLimiter())
        .concurrent_updates(PerChatOrderedUpdates())
        .persistence(open_persistence(settings.state_path))
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_shutdown(close_services)
    )
    urls = api_urls(settings)
    if urls:
        builder = builder.base_url(urls[0]).base_file_url(urls[1])
    application = builder.build()
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    """Every handler, in one place. Slow ones don't block (``block=False``): other users go on."""
    application.add_handler(TypeHandler(Update, gatekeeper), group=-1)
    application.add_handler(brief.conversation(plain_words=chat.message))
    application.add_handlers([
        CommandHandler("start", start.start),
        CommandHandler("help", start.help_command),
        CommandHandler("lang", start.lang_command),
        CommandHandler("shortlist", shortlist.shortlist_command, block=False),
        CommandHandler("check", check.check_command, block=False),
        CommandHandler("ingest", admin.ingest_command, block=False),
        CommandHandler("roster", admin.roster_command, block=False),
        CommandHandler("stats", admin.stats_command, block=False),
        CommandHandler(["cancel", "back"], start.nothing_to_cancel),
        CallbackQueryHandler(start.lang_button, pattern=r"^lang:"),
        CallbackQueryHandler(ask.answer_button, pattern=r"^ans:"),
        CallbackQueryHandler(shortlist.shortlist_button, pattern=r"^sl:", block=False),
        CallbackQueryHandler(check.recheck_button, pattern=r"^ck:", block=False),
        CallbackQueryHandler(chat.clarified_button, pattern=r"^rt:"),
        CallbackQueryHandler(brief.expired_brief_button, pattern=r"^bf:"),
        CallbackQueryHandler(start.unknown_button),
        MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, admin.document_received, block=False),
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, start.unknown_command),
        MessageHandler(filters.UpdateType.MESSAGE, start.unsupported_message),
    ])
    application.add_error_handler(on_error)
    refuse_unguarded_handlers(application)
    refuse_unlimited_slow_handlers(application)


def refuse_unguarded_handlers(application: Application) -> None:
    """Every handler behind the gatekeeper must also wear ``requires_access``: none is forgotten."""
    missing = [getattr(h.callback, "__name__", repr(h.callback))
               for group, handlers in application.handlers.items() if group >= 0
               for h in _leaf_handlers(handlers) if not is_guarded(h.callback)]
    if missing:
        raise RuntimeError(f"handlers without @requires_access: {', '.join(missing)}")


def refuse_unlimited_slow_handlers(application: Application) -> None:
    """A handler that does not block is slow by design here, so it must wear ``costly``: none escapes the buckets."""
    missing = [getattr(h.callback, "__name__", repr(h.callback))
               for group, handlers in application.handlers.items() if group >= 0
               for h in _leaf_handlers(handlers) if h.block is False and costly_action(h.callback) is None]
    if missing:
        raise RuntimeError(f"non-blocking handlers without @costly: {', '.join(missing)}")


def _leaf_handlers(handlers: list[BaseHandler]) -> list[BaseHandler]:
    leaves: list[BaseHandler] = []
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            inner = [*handler.entry_points, *handler.fallbacks, *(h for hs in handler.states.values() for h in hs)]
            leaves.extend(_leaf_handlers(inner))
        else:
            leaves.append(handler)
    return leaves


# Services ------------------------------------------------------------------------------------------------


async def open_services(application: Application, settings: Settings, assistant: Assistant | None) -> None:
    data = application.bot_data
    access = AccessPolicy.from_settings(settings)
    if access.is_empty:
        log.warning("RELAIS_ALLOWED_USERS and RELAIS_ADMINS are both empty: the bot will refuse everyone")
    if assistant is None:
        assistant = await asyncio.to_thread(Assistant.open, settings)
        data["owns_assistant"] = True
    data.update(
        settings=settings,
        assistant=assistant,
        access=access,
        feedback=FeedbackLog(settings.data_dir / "feedback.jsonl"),
    )
    data[BUCKETS_KEY] = CostlyBuckets.from_settings(settings)
    data[chat.ROUTER_KEY] = make_chat_router(settings)
    await asyncio.to_thread(warm_up)
    data[REFUSALS_KEY] = StrangerRefusals.kept_in(data, REFUSED_KEY)  # over the persisted record of who was told
    await cosmetic(set_commands(application), "setMyCommands")


async def set_commands(application: Application) -> None:
    for lang, commands in COMMANDS.items():
        menu = [BotCommand(name, description) for name, description in commands]
        await application.bot.set_my_commands(menu, language_code=None if lang == "en" else lang)


async def close_services(application: Application) -> None:
    if application.bot_data.pop("owns_assistant", False):
        assistant: Assistant = application.bot_data.pop("assistant")
        await asyncio.to_thread(assistant.close)


# Running -------------------------------------------------------------------------------------------------


async def serve(settings: Settings, assistant: Assistant | None = None, stop: asyncio.Event | None = None,
                ready: asyncio.Event | None = None) -> None:
    """Run the bot until ``stop`` is set (or forever): polling, or webhook when a URL is set."""
    stop = stop or asyncio.Event()
    application = build_application(settings, assistant)
    server: WebhookServer | None = None
    await application.initialize()
    try:
        await application.post_init(application)
        await application.start()
        if settings.webhook_url:
            secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
            server = WebhookServer(application, settings.webhook_listen, settings.webhook_port,
                                   settings.webhook_path, secret)
            server.start()
            await application.bot.set_webhook(settings.webhook_url, secret_token=secret,
                                              allowed_updates=ALLOWED_UPDATES)
            log.info("Relais bot @%s running with a webhook", application.bot.username)
        else:
            await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("Relais bot @%s running (long polling)", application.bot.username)
        if ready is not None:
            ready.set()
        await stop.wait()
    finally:
        if application.updater.running:
            await application.updater.stop()
        if server is not None:
            await server.stop()
        if application.running:
            await application.stop()
        await application.shutdown()  # writes the state one last time
        await application.post_shutdown(application)


def run_bot(settings: Settings, assistant: Assistant | None = None) -> None:
    """Blocking entry point for `relais run`: stops cleanly on SIGINT or SIGTERM."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(settings, assistant, stop)

    asyncio.run(main())
