"""Admins: /ingest (then a document) adds to the knowledge base; /roster (or any CSV, XLSX or JSON file)
imports creators; /stats shows what Relais holds."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.i18n import t
from bot.chat.rendering import escape, render_import_report, render_ingest_report
from bot.telegram.access import requires_access
from bot.telegram.errors import typing_while_slow
from bot.telegram.feedback import FeedbackLog
from bot.telegram.handlers.common import (
    access_of,
    assistant_of,
    off_loop,
    reply_html,
    user_lang,
)
from bot.telegram.limits import costly
from knowledge.loaders import SUPPORTED_SUFFIXES
from scoring.readers import ROSTER_SUFFIXES

log = logging.getLogger(__name__)

AWAITING_KEY = "awaiting_document_until"
ROSTER_AWAITING_KEY = "awaiting_roster_until"
AWAIT_SECONDS = 600  # /ingest waits this long for the document
UPLOADS_DIR = "uploads"
# An upload's name on disk: short enough for any file system, even with ".part" appended.
MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 200


@requires_access
@costly("ingest")
async def ingest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ingest alone waits for a document; /ingest as a document's caption ingests it at once."""
    await _upload_command(update, context, ingest_document, AWAITING_KEY, "ingest_send")


@requires_access
@costly("roster")
async def roster_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/roster alone waits for a creator file; /roster as a file's caption imports it at once."""
    await _upload_command(update, context, import_roster_document, ROSTER_AWAITING_KEY, "roster_send")


async def _upload_command(update: Update, context: ContextTypes.DEFAULT_TYPE, receive, awaiting_key: str,
                          prompt: str) -> None:
    """Admins only: a command sent as a file's caption handles the file now; alone, it waits for one."""
    lang = user_lang(update, context)
    if not access_of(context).is_admin(update.effective_user):
        await reply_html(update, context, t("admins_only", lang))
        return
    if update.effective_message.document is not None:
        await receive(update, context)
        return
    context.user_data[awaiting_key] = time.time() + AWAIT_SECONDS
    mb = context.bot_data["settings"].max_upload_mb
    await reply_html(update, context, t(prompt, lang, mb=f"{mb:g}"))


@requires_access
@costly("ingest")
async def document_received(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = user_lang(update, context)
    is_roster = _suffix(update.effective_message.document) in ROSTER_SUFFIXES
    if not access_of(context).is_admin(update.effective_user):
        await reply_html(update, context, t("roster_not_admin" if is_roster else "ingest_not_admin", lang))
        return
    awaiting_roster = context.user_data.get(ROSTER_AWAITING_KEY, 0) > time.time()
    if is_roster or awaiting_roster:  # a creator file cannot be a knowledge document: no command needed
        await import_roster_document(update, context)
        return
    caption = (update.effective_message.caption or "").strip().lower()
    waiting = context.user_data.get(AWAITING_KEY, 0) > time.time()
    if not (waiting or caption.startswith("/ingest")):
        await reply_html(update, context, t("ingest_first", lang))
        return
    await ingest_document(update, context)


async def ingest_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Check size and type before downloading anything, then ingest and report."""
    lang = user_lang(update, context)
    document = update.effective_message.document
    suffix = _suffix(document)
    if suffix not in SUPPORTED_SUFFIXES:
        await reply_html(update, context, t("ingest_bad_type", lang, ext=escape(suffix or _name(document)),
                                             types=", ".join((*SUPPORTED_SUFFIXES, *ROSTER_SUFFIXES))))
        return
    context.user_data.pop(AWAITING_KEY, None)
    async with typing_while_slow(context, update.effective_chat.id):
        path = await _save_upload(update, context)
        if path is None:
            return
        report = await off_loop(assistant_of(context).ingest, [path])
    log.info("admin %s ingested a document: %d added, %d updated, %d failed", update.effective_user.id,
             len(report.added), len(report.updated), len(report.failed))
    await reply_html(update, context, render_ingest_report(report, document.file_name or path.name, lang))


async def import_roster_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Import a creator file in one transaction and send the report `relais creators import` prints."""
    lang = user_lang(update, context)
    document = update.effective_message.document
    if _suffix(document) not in ROSTER_SUFFIXES:
        await reply_html(update, context, t("ingest_bad_type", lang, ext=escape(_suffix(document) or _name(document)),
                                             types=", ".join(ROSTER_SUFFIXES)))
        return
    context.user_data.pop(ROSTER_AWAITING_KEY, None)
    async with typing_while_slow(context, update.effective_chat.id):
        path = await _save_upload(update, context)
        if path is None:
            return
        try:
            report = await off_loop(assistant_of(context).import_roster, path, language=lang)
        except ValueError as exc:  # RosterFileError: the file as a whole is unusable; nothing was stored
            await reply_html(update, context, t("roster_refused", lang, reason=escape(str(exc).replace(str(path), path.name))))
            return
    log.info("admin %s imported a roster: %d created, %d updated, %d rejected", update.effective_user.id,
             report.created, report.updated, len(report.rejected))
    await reply_html(update, context, render_import_report(report, document.file_name or path.name, lang))


def _name(document) -> str:
    return safe_file_name(document.file_name or "document")


def _suffix(document) -> str:
    return Path(_name(document)).suffix.lower()


async def _save_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Path | None:
    """Download the message's document into the uploads folder, refusing what is over the size limit
    (declared or actual); None when refused, the user told why."""
    lang = user_lang(update, context)
    settings = context.bot_data["settings"]
    document = update.effective_message.document
    limit = settings.max_upload_mb * 1024 * 1024
    if document.file_size is not None and document.file_size > limit:
        await reply_html(update, context, t("ingest_too_big", lang, size=f"{document.file_size / 2**20:.1f}",
                                             mb=f"{settings.max_upload_mb:g}"))
        return None
    folder = settings.data_dir / UPLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _name(document)
    telegram_file = await document.get_file()
    data = bytes(await telegram_file.download_as_bytearray())
    if len(data) > limit:  # the declared size was missing or wrong
        await reply_html(update, context, t("ingest_too_big", lang, size=f"{len(data) / 2**20:.1f}",
                                             mb=f"{settings.max_upload_mb:g}"))
        return None
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)  # never leave a half-written file where the knowledge base or the roster reads
    return path


def safe_file_name(name: str) -> str:
    """A file name that stays inside the uploads folder, whatever the sender called it."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.\- ]+", "_", name, flags=re.UNICODE).strip(" .")
    if len(name) <= MAX_NAME_CHARS and len(name.encode()) <= MAX_NAME_BYTES:
        return name or "document"
    # Shorten the stem, never the suffix: the suffix says which loader reads the file.
    suffix = Path(name).suffix
    if len(suffix) > 16:  # not a real extension, just a long name with a dot in it
        suffix = ""
    stem = name[: len(name) - len(suffix)]
    while stem and (len(stem) + len(suffix) > MAX_NAME_CHARS or len((stem + suffix).encode()) > MAX_NAME_BYTES):
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return (stem or "document") + suffix


@requires_access
@costly("stats")
async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = user_lang(update, context)
    if not access_of(context).is_admin(update.effective_user):
        await reply_html(update, context, t("admins_only", lang))
        return
    stats = await off_loop(assistant_of(context).stats)
    feedback: FeedbackLog = context.bot_data["feedback"]
    votes = await off_loop(feedback.counts)
    languages = ", ".join(f"{code}: {count}" for code, count in sorted(stats.knowledge.languages.items())) or "-"
    await reply_html(
        update,
        context,
        t("stats", lang, documents=stats.knowledge.documents, chunks=stats.knowledge.chunks, languages=languages,
          creators=stats.creators, llm=escape(stats.llm), up=votes["up"], down=votes["down"],
          location=escape(stats.knowledge.location)),
    )
