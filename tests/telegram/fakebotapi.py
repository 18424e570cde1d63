"""A fake Telegram Bot API server on 127.0.0.1, for tests and the benchmark.

It speaks the Bot API's HTTP+JSON the way PTB uses it (form-encoded or multipart requests,
``{"ok": ..., "result": ...}`` answers), holds the updates that simulated users produce
for ``getUpdates`` (long polling), records every call the bot makes, and is as strict as
Telegram where mistakes hide: HTML that does not parse, text over 4,096 characters,
callback data over 64 bytes, editing a message into what it already says.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import socket
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.httputil import parse_body_arguments

TOKEN = "123456789:AAFakeTokenForRelaisTestsOnly_0123456789"
BOT_USER = {"id": 777000111, "is_bot": True, "first_name": "Relais", "username": "relais_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                "span", "tg-spoiler", "tg-emoji"}
# Parameters PTB JSON-encodes; every other form field is a plain string.
JSON_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "reply_markup", "commands", "allowed_updates",
               "reply_parameters", "link_preview_options", "show_alert", "drop_pending_updates", "scope",
               "max_connections", "disable_notification", "cache_time", "protect_content", "entities"}


@dataclass
class User:
    id: int
    first_name: str = "Camille"
    username: str | None = None
    language_code: str | None = "fr"

    def as_json(self) -> dict:
        data = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the server answered

    @property
    def chat_id(self) -> int | None:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def plain(self) -> str:
        """The text as the user sees it: tags gone, entities decoded."""
        return html.unescape(re.sub(r"<[^>]*>", "", self.text))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        markup = self.params.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]

    def button(self, label_part: str) -> str:
        """The callback data of the first button whose label contains ``label_part``."""
        for text, data in self.buttons:
            if label_part in text:
                return data
        raise AssertionError(f"no button with {label_part!r} in {self.buttons}")


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


class MalformedReply(Exception):
    """Answer 200 with a body that is not JSON (a proxy's error page, a cut connection...)."""


@dataclass(frozen=True)
class Failure:
    """How a method fails, for ``FakeBotAPI.failures``: an HTTP error, late, or not JSON."""

    code: int = 500
    description: str = "Internal Server Error"
    delay: float = 0.0  # seconds before answering; beyond the client's read timeout (PTB: 5 s) it times out
    malformed: bool = False
    retry_after: int | None = None

    @classmethod
    def http(cls, code: int, description: str) -> Failure:
        return cls(code, description)

    @classmethod
    def flood(cls, retry_after: int = 5) -> Failure:
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)

    @classmethod
    def timeout(cls, delay: float = 6.0) -> Failure:
        return cls(504, "Gateway Timeout", delay=delay)

    @classmethod
    def malformed_json(cls) -> Failure:
        return cls(200, "", malformed=True)

    async def happen(self) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.malformed:
            raise MalformedReply
        raise ApiError(self.code, self.description, self.retry_after)


class _StrictHtml(HTMLParser):
    """Telegram's HTML rules: known tags only, properly nested, no stray '<' or '&'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: unexpected end tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data):
        if "<" in data or "&" in data:
            raise ApiError(400, "Bad Request: can't parse entities: unescaped character")
        self.text.append(data)

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported entity &{name};")
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.text.append(html.unescape(f"&#{name};"))


def parse_telegram_html(markup: str) -> str:
    parser = _StrictHtml()
    parser.feed(markup)
    parser.close()
    if parser.stack:
        raise ApiError(400, f"Bad Request: can't parse entities: unclosed tag \"{parser.stack[-1]}\"")
    if parser.rawdata:
        raise ApiError(400, "Bad Request: can't parse entities: unfinished markup")
    return "".join(parser.text)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeBotAPI:
    """Start with ``await api.start()`` in the event loop the bot runs in; ``await api.stop()``."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.port = free_port()
        self.calls: list[Call] = []
        # method -> (HTTP code, description) or a Failure, until removed
        self.failures: dict[str, tuple[int, str] | Failure] = {}
        self.slow_chats: dict[int, float] = {}  # chat id -> seconds each call to it takes
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._files: dict[str, tuple[str, bytes, int]] = {}  # file_id -> (file_path, content, declared size)
        self._query_ids = itertools.count(1)
        self._confirmed = 0  # highest update_id the bot has confirmed (by asking for the next offset)
        self._new_update = asyncio.Event()
        self._server: HTTPServer | None = None

    # Server -----------------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_username(self) -> str:
        return BOT_USER["username"]

    async def start(self) -> None:
        app = tornado.web.Application([
            (r"/bot([^/]+)/(\w+)", _MethodHandler, {"api": self}),
            (r"/file/bot([^/]+)/(.+)", _FileHandler, {"api": self}),
        ])
        self._server = HTTPServer(app, max_body_size=64 << 20)
        self._server.listen(self.port, address="127.0.0.1")

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._new_update.set()  # wake long polls so connections close
            await self._server.close_all_connections()

    # What users do --------------------------------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _push(self, update: dict) -> dict:
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._new_update.set()
        return update

    def _message(self, user: User, chat: dict | None, **content: Any) -> dict:
        chat = chat or {"id": user.id, "type": "private", "first_name": user.first_name}
        message = {"message_id": self._next_message_id(chat["id"]), "date": int(time.time()), "chat": chat,
                   "from": user.as_json(), **content}
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def send(self, user: User, text: str, chat: dict | None = None, reply_to: dict | None = None) -> dict:
        """``user`` types ``text`` (a command when it starts with "/"); returns the message."""
        content: dict[str, Any] = {"text": text, "entities": _entities(text)}
        if reply_to is not None:
            content["reply_to_message"] = reply_to
        message = self._message(user, chat, **content)
        self._push({"message": message})
        return message

    def send_document(self, user: User, file_name: str, content: bytes, caption: str | None = None,
                      declared_size: int | None = None, chat: dict | None = None) -> dict:
        file_id = f"doc{len(self._files) + 1}"
        size = declared_size if declared_size is not None else len(content)
        suffix = re.sub(r"[^\w.]", "", file_name[file_name.rfind("."):]) if "." in file_name else ""
        self._files[file_id] = (f"documents/file_{len(self._files)}{suffix}", content, size)
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                    "mime_type": "application/octet-stream", "file_size": size}
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra.update(caption=caption, caption_entities=_entities(caption))
        message = self._message(user, chat, **extra)
        self._push({"message": message})
        return message

    def send_photo(self, user: User, chat: dict | None = None) -> dict:
        photo = [{"file_id": "photo1", "file_unique_id": "uphoto1", "width": 90, "height": 90, "file_size": 100}]
        message = self._message(user, chat, photo=photo)
        self._push({"message": message})
        return message

    def press(self, user: User, message_call: Call | dict, data: str) -> str:
        """``user`` taps a button with ``data`` under a message the bot sent."""
        if isinstance(message_call, Call):
            message = self._messages[(message_call.result["chat"]["id"], message_call.result["message_id"])]
        else:
            message = message_call
        query_id = str(next(self._query_ids))
        self._push({"callback_query": {"id": query_id, "from": user.as_json(), "message": message,
                                       "chat_instance": f"ci{message['chat']['id']}", "data": data}})
        return query_id

    def post_update(self, update: dict) -> dict:
        """An update with its id, for webhook tests that deliver it themselves."""
        update["update_id"] = next(self._update_ids)
        return update

    # What tests wait for ----------------------------------------------------------------------------------

    def mark(self) -> int:
        return len(self.calls)

    def calls_since(self, mark: int, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls[mark:] if (method is None or c.method == method)
                and (chat_id is None or c.chat_id == chat_id)]

    async def wait_for(self, method: str, since: int = 0, chat_id: int | None = None, where=None,
                       timeout: float = 20.0) -> Call:
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls_since(since, method, chat_id):
                if where is None or where(call):
                    return call
            if time.monotonic() > deadline:
                seen = [(c.method, c.chat_id, c.plain[:80]) for c in self.calls[since:]]
                raise AssertionError(f"no {method} to {chat_id} within {timeout} s; calls since: {seen}")
            await asyncio.sleep(0.01)

    async def settle(self, quiet: float = 0.6, timeout: float = 20.0) -> None:
        """Wait until the bot has fetched every update and made no call for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last = (len(self.calls), time.monotonic())
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if len(self.calls) != last[0]:
                last = (len(self.calls), time.monotonic())
            pending = any(u["update_id"] > self._confirmed for u in self._updates)
            if not pending and time.monotonic() - last[1] >= quiet:
                return
        raise AssertionError("the bot did not settle")

    # Bot API methods --------------------------------------------------------------------------------------

    async def handle(self, method: str, params: dict[str, Any], files: dict) -> Any:
        call = Call(method, params, files)
        self.calls.append(call)
        if call.chat_id in self.slow_chats:
            await asyncio.sleep(self.slow_chats[call.chat_id])
        failure = self.failures.get(method)
        if failure is not None:
            await (failure if isinstance(failure, Failure) else Failure.http(*failure)).happen()
        implementation = getattr(self, f"_api_{method}", None)
        if implementation is None:
            raise ApiError(404, "Not Found: method not found")
        result = implementation(params, files) if method != "getUpdates" else await self._api_getUpdates(params)
        call.result = result
        return result

    def _api_getMe(self, params, files):
        return BOT_USER

    async def _api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        if offset:
            self._confirmed = max(self._confirmed, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout=min(timeout, 2.0))
            except TimeoutError:
                pass
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]

    def _api_deleteWebhook(self, params, files):
        return True

    def _api_setWebhook(self, params, files):
        return True

    def _api_setMyCommands(self, params, files):
        return True

    def _api_sendChatAction(self, params, files):
        return True

    def _api_leaveChat(self, params, files):
        return True

    def _api_answerCallbackQuery(self, params, files):
        text = params.get("text") or ""
        if utf16_len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _check_text(self, params, key: str, limit: int) -> str:
        text = str(params.get(key) or "")
        visible = parse_telegram_html(text) if params.get("parse_mode") == "HTML" else text
        if key == "text" and not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > limit:
            raise ApiError(400, f"Bad Request: message is too long ({utf16_len(visible)} > {limit})")
        _check_markup(params.get("reply_markup"))
        return visible

    def _bot_message(self, chat_id: int, **content: Any) -> dict:
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        message = {"message_id": self._next_message_id(chat_id), "date": int(time.time()), "chat": chat,
                   "from": BOT_USER, **content}
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _api_sendMessage(self, params, files):
        visible = self._check_text(params, "text", 4096)
        content = {"text": visible}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._bot_message(int(params["chat_id"]), **content)

    def _stored(self, params) -> dict:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        return self._messages[key]

    def _api_editMessageText(self, params, files):
        message = self._stored(params)
        visible = self._check_text(params, "text", 4096)
        markup = params.get("reply_markup")
        if message.get("text") == visible and message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message["text"] = visible
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _api_editMessageReplyMarkup(self, params, files):
        message = self._stored(params)
        markup = params.get("reply_markup")
        _check_markup(markup)
        if message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _upload(self, params, files, kind: str) -> dict:
        if kind not in files and not params.get(kind):
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        self._check_text(params, "caption", 1024)
        name, content = files.get(kind, ("", b""))
        file_id = f"sent{len(self._files) + 1}"
        self._files[file_id] = (f"{kind}s/{name}", content, len(content))
        if kind == "photo":
            media = [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 800, "height": 600}]
        else:
            media = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name, "file_size": len(content)}
        return self._bot_message(int(params["chat_id"]), **{kind: media})

    def _api_sendDocument(self, params, files):
        return self._upload(params, files, "document")

    def _api_sendPhoto(self, params, files):
        return self._upload(params, files, "photo")

    def _api_getFile(self, params, files):
        file_id = params.get("file_id")
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, _, size = self._files[file_id]
        if size > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size, "file_path": path}

    def file_content(self, path: str) -> bytes | None:
        for stored_path, content, _ in self._files.values():
            if stored_path == path:
                return content
        return None


def _check_markup(markup: Any) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _entities(text: str) -> list[dict]:
    """bot_command at the start and @mentions, with offsets in UTF-16 units as Telegram gives them."""
    entities = []
    for match in re.finditer(r"(?<![\w@])(/[A-Za-z0-9_]+(?:@\w+)?|@\w{5,})", text):
        kind = "bot_command" if match.group(1).startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        offset = utf16_len(text[: match.start()])
        entities.append({"type": kind, "offset": offset, "length": utf16_len(match.group(1))})
    return entities


def _decode(arguments: dict[str, list[bytes]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, values in arguments.items():
        value = values[-1].decode()
        if key in JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                pass
        params[key] = value
    return params


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotAPI) -> None:
        self.api = api

    async def post(self, token: str, method: str) -> None:
        if token != self.api.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            params = json.loads(self.request.body or b"{}")
            files = {}
        else:
            arguments: dict[str, list[bytes]] = {}
            uploads: dict[str, list] = {}
            parse_body_arguments(content_type, self.request.body, arguments, uploads, self.request.headers)
            params = _decode(arguments)
            files = {name: (parts[0].filename, parts[0].body) for name, parts in uploads.items()}
        try:
            result = await self.api.handle(method, params, files)
        except MalformedReply:
            self.set_status(200)
            self.set_header("Content-Type", "application/json")
            self.finish(b'{"ok": true, "result": {"message_id"')  # cut short: not JSON
            return
        except ApiError as exc:
            body = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            self._reply(exc.code, body)
            return
        self._reply(200, {"ok": True, "result": result})

    get = post

    def _reply(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def log_exception(self, *args) -> None:
        pass


class _FileHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotAPI) -> None:
        self.api = api

    def get(self, token: str, path: str) -> None:
        content = self.api.file_content(path) if token == self.api.token else None
        if content is None:
            self.set_status(404)
            self.finish(b"not found")
            return
        self.finish(content)
