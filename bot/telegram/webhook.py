"""Webhook mode: our own small tornado server, so that it can also answer a health check.

PTB's ``run_webhook`` serves only the update path. This server does the same job on that
path (secret token checked with a constant-time compare, 403 otherwise; updates put on the
application's queue) and adds ``GET /healthz``: a constant-time liveness answer (200 once
the bot runs, 503 before), reading nothing. Only a caller that sends the webhook secret in
the same header gets the index and roster counts (503 when the knowledge store fails):
counting scans the store, which an anonymous caller must not be able to make us do.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20  # an update is a few kB; refuse anything huge before parsing it


class _JsonHandler(tornado.web.RequestHandler):
    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")

    def reply(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.finish(json.dumps(body))

    def log_exception(self, *args) -> None:  # tornado would log request details; we log our own way
        pass


class UpdateHandler(_JsonHandler):
    def initialize(self, bot_app: Application, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def post(self) -> None:
        sent = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.secret.encode()):
            log.warning("webhook call with a missing or wrong secret token from %s", self.request.remote_ip)
            self.reply(HTTPStatus.FORBIDDEN, {"ok": False, "error": "wrong secret token"})
            return
        if len(self.request.body) > MAX_BODY_BYTES:
            self.reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"ok": False, "error": "body too large"})
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot_app.bot)
        except (ValueError, TypeError, KeyError) as exc:
            self.reply(HTTPStatus.BAD_REQUEST, {"ok": False, "error": f"not an update ({type(exc).__name__})"})
            return
        await self.bot_app.update_queue.put(update)
        self.reply(HTTPStatus.OK, {"ok": True})


class HealthHandler(_JsonHandler):
    def initialize(self, bot_app: Application, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def get(self) -> None:
        if not self.is_live():
            self.reply(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "starting"})
            return
        if not self.has_secret():
            self.reply(HTTPStatus.OK, {"status": "ok"})
            return
        await self.reply_with_counts()

    def is_live(self) -> bool:
        return self.bot_app.running and "assistant" in self.bot_app.bot_data

    def has_secret(self) -> bool:
        sent = self.request.headers.get(SECRET_HEADER)
        return sent is not None and hmac.compare_digest(sent.encode(), self.secret.encode())

    async def reply_with_counts(self) -> None:
        try:
            stats = await asyncio.to_thread(self.bot_app.bot_data["assistant"].stats)
        except Exception as exc:  # noqa: BLE001 - a health check reports, it does not raise
            self.reply(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "error", "error": type(exc).__name__})
            return
        self.reply(HTTPStatus.OK, {
            "status": "ok",
            "documents": stats.knowledge.documents,
            "chunks": stats.knowledge.chunks,
            "creators": stats.creators,
            "llm": stats.llm,
        })


class WebhookServer:
    def __init__(self, application: Application, listen: str, port: int, path: str, secret: str) -> None:
        path = "/" + path.strip("/")
        app = tornado.web.Application([
            (rf"{path}/?", UpdateHandler, {"bot_app": application, "secret": secret}),
            (r"/healthz", HealthHandler, {"bot_app": application, "secret": secret}),
        ])
        self._server = HTTPServer(app, max_body_size=MAX_BODY_BYTES * 2)
        self.listen, self.port, self.path = listen, port, path

    def start(self) -> None:
        self._server.listen(self.port, address=self.listen)
        log.info("webhook server listening on %s:%d%s (health: /healthz)", self.listen, self.port, self.path)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
