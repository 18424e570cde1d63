"""The bot's persisted state: user settings, conversations, recent answers, shortlists and briefs.

The state lives in one SQLite file, one row per top-level key of a user's or chat's data and
one row per remembered answer, shortlist, check or brief (``history``), values as JSON. PTB
hands over a copy of what an update touched every ``UPDATE_INTERVAL``; the event loop only
works out which rows changed (by identity first, then equality) and queues them. A writer
thread that owns the connection encodes and writes them, one transaction per batch, so a
message costs the loop a few dictionary look-ups and no disk wait.

History expires: the handlers already keep only the newest entries of each kind, and here
entries older than ``HISTORY_MAX_AGE`` are dropped, from the file and from the live data.

A state file that does not open is set aside with a warning and the bot starts afresh. The
pickle file of earlier releases is read once with an unpickler that builds only plain
containers and scalars (anything else is refused, so a crafted file runs nothing), then
renamed aside.
"""

from __future__ import annotations

import asyncio
import builtins
import concurrent.futures
import contextlib
import copy
import io
import json
import logging
import os
import pickle
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, ContextTypes, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

log = logging.getLogger(__name__)

UPDATE_INTERVAL = 1.0  # seconds between writes; at most this much is lost on a hard crash
# Keys of user_data/chat_data whose value is {short id: entry} (handlers' ``remember``).
HISTORY_KINDS = frozenset({"answers", "briefs", "checks", "shortlists"})
# A button on a message older than this answers "expired" (the handlers say so politely);
# two weeks covers a campaign's back-and-forth, and keeps a chat's shortlists (up to ~1 MB
# each for 200 creators) from living on disk forever.
HISTORY_MAX_AGE = 14 * 24 * 3600.0
# Backstop for the handlers' own limits (10 shortlists, 30 answers, 20 checks, 5 briefs):
# history written by an older release, or a kind a handler forgot to cap, stays bounded.
HISTORY_MAX_ENTRIES = 30
# Expired rows of chats that stay silent are deleted this often by the writer.
EXPIRE_EVERY = 3600.0
SCHEMA_VERSION = 1
LEGACY_PICKLE_NAME = "bot-state.pickle"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS data (
    scope TEXT NOT NULL,       -- 'user' or 'chat'
    owner INTEGER NOT NULL,    -- the user or chat id
    key TEXT NOT NULL,         -- a top-level key of its user_data / chat_data
    value TEXT NOT NULL,       -- JSON
    PRIMARY KEY (scope, owner, key)
);
CREATE TABLE IF NOT EXISTS history (
    scope TEXT NOT NULL,
    owner INTEGER NOT NULL,
    kind TEXT NOT NULL,        -- one of HISTORY_KINDS
    entry TEXT NOT NULL,       -- the short id its buttons carry
    value TEXT NOT NULL,
    created_at REAL NOT NULL,  -- when it was first written; rowid keeps the order
    UNIQUE (scope, owner, kind, entry)
);
CREATE INDEX IF NOT EXISTS history_age ON history (created_at);
CREATE TABLE IF NOT EXISTS conversations (
    name TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (name, key)
);
CREATE TABLE IF NOT EXISTS bot_data (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS callback_data (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL);
"""

_MISSING = object()


class StateError(RuntimeError):
    """The state file cannot be used and cannot be set aside; ``str()`` says what to do."""


# Data kept for the handlers ------------------------------------------------------------------------


class BotData(dict):
    """``bot_data``: the services (never persisted) and the few entries that are.

    PTB deep-copies ``bot_data`` before handing it to the persistence; copying only the
    persisted keys keeps the Assistant, settings and locks out of the copy and the file.
    """

    PERSISTED = ("refused_users",)

    def __deepcopy__(self, memo: dict) -> BotData:
        return BotData({key: copy.deepcopy(value, memo) for key, value in self.items() if key in self.PERSISTED})


class StateDict(dict):
    """``user_data`` / ``chat_data``. PTB deep-copies it for every write; a chat's ten shortlists
    take ~20 ms to copy, so entries one level down that equal their last copy reuse it.

    The copies are never changed afterwards (PTB only reads them), so sharing them is safe.
    """

    def __deepcopy__(self, memo: dict) -> dict:
        previous: dict = self.__dict__.get("_copies", {})
        copies: dict = {}
        result: dict = {}
        for key, value in self.items():
            if type(value) is dict:
                inner = {}
                for sub_key, sub_value in value.items():
                    old = previous.get((key, sub_key), _MISSING)
                    if old is _MISSING or type(old) is not type(sub_value) or old != sub_value:
                        old = copy.deepcopy(sub_value, memo)
                    copies[(key, sub_key)] = inner[sub_key] = old
                result[key] = inner
            else:
                result[key] = copy.deepcopy(value, memo)
        self._copies = copies
        return result


CONTEXT_TYPES = ContextTypes(bot_data=BotData, chat_data=StateDict, user_data=StateDict)


# JSON at the boundary: sets (bot_data's refused users) are tagged, everything else is plain JSON.


def _encode_extra(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted(value, key=repr)}
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _untag(obj: dict) -> object:
    if len(obj) == 1 and "$set" in obj and isinstance(obj["$set"], list):
        return set(obj["$set"])
    return obj


def dumps(value: object) -> str:
    return json.dumps(value, default=_encode_extra, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_untag)


# The legacy pickle: plain data only ------------------------------------------------------------


class _PlainDataUnpickler(pickle.Unpickler):
    """Builds dicts, lists, sets, tuples and scalars; any other class or function is refused."""

    _ALLOWED = frozenset({"dict", "list", "set", "frozenset", "tuple", "str", "bytes", "int", "float", "bool"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in self._ALLOWED:
            return getattr(builtins, name)
        if (module, name) == ("bot.telegram.state", "BotData"):
            return dict  # earlier releases pickled bot_data as this plain dict subclass
        raise pickle.UnpicklingError(f"it holds {module}.{name}, which is not plain data")

    def persistent_load(self, pid: object) -> None:
        return None  # PTB's placeholder for a Bot object; none is kept


def read_legacy_pickle(path: Path) -> dict:
    """The content of an earlier release's state file, or ``pickle.UnpicklingError``."""
    try:
        data = _PlainDataUnpickler(io.BytesIO(path.read_bytes())).load()
    except pickle.UnpicklingError:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated or not a pickle: the same answer for the caller
        raise pickle.UnpicklingError(f"it does not read as a pickle ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise pickle.UnpicklingError(f"it holds a {type(data).__name__}, not the state's dict")
    return data


# What the loop remembers of the file ---------------------------------------------------------------


@dataclass
class _Known:
    """What the file holds for one user or chat: values by key, history entries and their age."""

    values: dict[str, object] = field(default_factory=dict)
    history: dict[tuple[str, str], object] = field(default_factory=dict)
    born: dict[tuple[str, str], float] = field(default_factory=dict)


@dataclass
class _Loaded:
    owners: dict[tuple[str, int], tuple[dict, dict, _Known]]  # (live data, its copies, known)
    conversations: dict[str, dict[ConversationKey, object]]
    bot_data: dict[str, object]
    callback_data: object | None


# The writer thread: owns the connection, runs loads, writes and flushes in order.


class _Writer:
    def __init__(self, path: Path, clock: Callable[[], float]) -> None:
        self.path = path
        self.clock = clock
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._last_expiry = 0.0

    # Called from the loop.
    def write(self, ops: list[tuple]) -> None:
        if ops:
            self._put(("write", ops))

    def call(self, function: Callable[[sqlite3.Connection], Any]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._put(("call", function, future))
        return future

    def close(self) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._put(("close", None, future))
        return future

    def _put(self, job: tuple) -> None:
        with self._lock:
            self._jobs.put(job)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="relais-state-writer", daemon=True)
                self._thread.start()

    # The thread.
    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            writes: list[tuple] = []
            while job is not None and job[0] == "write":
                writes.extend(job[1])
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    job = None
            if writes:
                self._apply(writes)
            if job is None:
                continue
            kind, function, future = job
            if kind == "close":
                if self._db is not None:
                    self._db.close()
                    self._db = None
                future.set_result(None)
                with self._lock:
                    if self._jobs.empty():
                        self._thread = None
                        return
                continue
            try:
                future.set_result(function(self.connection()))
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                future.set_exception(exc)

    def load(self, now: float) -> _Loaded:
        """Everything the file holds (in the thread); a file that fails to read is set aside."""
        try:
            return _load(self.connection(), self.path, now)
        except (sqlite3.DatabaseError, StateError) as exc:
            if self._db is not None:
                self._db.close()
                self._db = None
            if not self.path.exists():
                raise
            aside = set_aside(self.path, "unreadable")
            log.warning("the bot state file could not be read (%s); set it aside as %s and started afresh",
                        exc, aside.name)
            return _load(self.connection(), self.path, now)

    def connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = open_state_database(self.path)
        return self._db

    def _apply(self, ops: list[tuple]) -> None:
        try:
            db = self.connection()
            with transaction(db):
                for op in ops:
                    try:
                        _apply_op(db, op)
                    except (TypeError, ValueError) as exc:
                        log.error("bot state: %s %s not saved (%s)", op[0], _describe(op), exc)
                now = self.clock()
                if now - self._last_expiry > EXPIRE_EVERY:
                    self._last_expiry = now
                    expire_history(db, now)
        except (sqlite3.Error, StateError) as exc:
            log.error("bot state: %d changes not saved to %s (%s)", len(ops), self.path.name, exc)


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One transaction (the connection is in autocommit mode, so nothing is left open between batches)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _describe(op: tuple) -> str:
    return ":".join(str(part) for part in op[1:4] if isinstance(part, (str, int)))


def _apply_op(db: sqlite3.Connection, op: tuple) -> None:
    kind = op[0]
    if kind == "put":
        _, scope, owner, key, value = op
        db.execute("INSERT INTO data VALUES (?, ?, ?, ?) ON CONFLICT (scope, owner, key) DO UPDATE "
                   "SET value = excluded.value", (scope, owner, key, dumps(value)))
    elif kind == "drop":
        _, scope, owner, key = op
        db.execute("DELETE FROM data WHERE scope = ? AND owner = ? AND key = ?", (scope, owner, key))
    elif kind == "put_entry":
        _, scope, owner, entry_kind, entry, value, created_at = op
        db.execute("INSERT INTO history (scope, owner, kind, entry, value, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (scope, owner, kind, entry) DO UPDATE SET value = excluded.value",
                   (scope, owner, entry_kind, entry, dumps(value), created_at))
    elif kind == "drop_entry":
        _, scope, owner, entry_kind, entry = op
        db.execute("DELETE FROM history WHERE scope = ? AND owner = ? AND kind = ? AND entry = ?",
                   (scope, owner, entry_kind, entry))
    elif kind == "drop_owner":
        _, scope, owner = op
        db.execute("DELETE FROM data WHERE scope = ? AND owner = ?", (scope, owner))
        db.execute("DELETE FROM history WHERE scope = ? AND owner = ?", (scope, owner))
    elif kind == "bot":
        _, key, value = op
        if value is _MISSING:
            db.execute("DELETE FROM bot_data WHERE key = ?", (key,))
        else:
            db.execute("INSERT OR REPLACE INTO bot_data VALUES (?, ?)", (key, dumps(value)))
    elif kind == "conversation":
        _, name, key, state = op
        if state is None:
            db.execute("DELETE FROM conversations WHERE name = ? AND key = ?", (name, dumps(list(key))))
        else:
            db.execute("INSERT OR REPLACE INTO conversations VALUES (?, ?, ?)", (name, dumps(list(key)), dumps(state)))
    elif kind == "callback":
        db.execute("INSERT OR REPLACE INTO callback_data VALUES (1, ?)", (dumps(op[1]),))
    else:
        raise ValueError(f"unknown state change {kind!r}")


# Opening the file --------------------------------------------------------------------------------


def open_state_database(path: Path) -> sqlite3.Connection:
    """The state database at ``path``; a file that does not open as one is set aside first."""
    try:
        return _connect_checked(path)
    except (sqlite3.DatabaseError, StateError) as exc:
        if not path.exists():
            raise StateError(f"cannot create the bot state file {path} ({exc})") from None
        aside = set_aside(path, "unreadable")
        log.warning("the bot state file could not be read (%s); set it aside as %s and started afresh",
                    exc, aside.name)
        return _connect_checked(path)


def _connect_checked(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    try:
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StateError("it fails SQLite's consistency check")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise StateError(f"it is another program's database (tables {', '.join(sorted(tables)[:5])})")
        if tables:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != str(SCHEMA_VERSION):
                raise StateError(f"it is state format {row[0] if row else 'unknown'}; "
                                 f"this Relais reads format {SCHEMA_VERSION}")
        # WAL: a write appends and never blocks a reader (a backup's snapshot); NORMAL sync
        # loses at most the last transactions on power loss, never the file.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    except BaseException:
        db.close()
        raise
    return db


def set_aside(path: Path, why: str) -> Path:
    """Rename ``path`` (and a database's side files) to ``<name>.<why>-<time>``; returns the new path."""
    aside = path.with_name(f"{path.name}.{why}-{int(time.time())}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.{why}-{int(time.time())}-{number}")
    try:
        os.replace(path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise StateError(f"cannot set {path} aside ({exc}): move it away by hand, then start again") from None
    return aside


def expire_history(db: sqlite3.Connection, now: float) -> int:
    """Drop history older than HISTORY_MAX_AGE and beyond the newest HISTORY_MAX_ENTRIES per kind."""
    old = db.execute("DELETE FROM history WHERE created_at < ?", (now - HISTORY_MAX_AGE,)).rowcount
    surplus = db.execute(
        "DELETE FROM history WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER "
        "(PARTITION BY scope, owner, kind ORDER BY rowid DESC) AS newer FROM history) WHERE newer > ?)",
        (HISTORY_MAX_ENTRIES,),
    ).rowcount
    return old + surplus


# Loading (in the writer thread) ----------------------------------------------------------------


def _load(db: sqlite3.Connection, path: Path, now: float) -> _Loaded:
    legacy = path.with_name(LEGACY_PICKLE_NAME)
    if legacy.exists() and legacy != path:
        _migrate_legacy_pickle(db, legacy, path, now)
    with transaction(db):
        expire_history(db, now)
    owners: dict[tuple[str, int], tuple[dict, dict, _Known]] = {}

    def owner(scope: str, owner_id: int) -> tuple[dict, dict, _Known]:
        if (scope, owner_id) not in owners:
            owners[(scope, owner_id)] = ({}, {}, _Known())
        return owners[(scope, owner_id)]

    try:
        for scope, owner_id, key, value in db.execute("SELECT scope, owner, key, value FROM data"):
            live, _, known = owner(scope, owner_id)
            live[key] = loads(value)
            known.values[key] = loads(value)  # a second, private copy: handlers change the first
        for scope, owner_id, kind, entry, value, created_at in db.execute(
            "SELECT scope, owner, kind, entry, value, created_at FROM history ORDER BY rowid"
        ):
            live, copies, known = owner(scope, owner_id)
            live.setdefault(kind, {})[entry] = loads(value)
            copies[(kind, entry)] = known.history[(kind, entry)] = loads(value)
            known.born[(kind, entry)] = created_at
        conversations: dict[str, dict[ConversationKey, object]] = {}
        for name, key, state in db.execute("SELECT name, key, state FROM conversations"):
            conversations.setdefault(name, {})[tuple(loads(key))] = loads(state)
        bot_data = {key: loads(value) for key, value in db.execute("SELECT key, value FROM bot_data")}
        row = db.execute("SELECT value FROM callback_data WHERE id = 1").fetchone()
        callback_data = loads(row[0]) if row else None
    except (ValueError, TypeError) as exc:  # a hand-edited row
        raise StateError(f"a row is not JSON ({exc})") from None
    return _Loaded(owners, conversations, bot_data, callback_data)


def _migrate_legacy_pickle(db: sqlite3.Connection, legacy: Path, path: Path, now: float) -> None:
    fresh = not any(db.execute("SELECT 1 FROM data UNION ALL SELECT 1 FROM history LIMIT 1"))
    if not fresh:
        aside = set_aside(legacy, "unused")
        log.warning("found %s beside the bot state database, which already holds state: "
                    "set it aside unread as %s", legacy.name, aside.name)
        return
    try:
        data = read_legacy_pickle(legacy)
        ops = _ops_from_legacy(data, now)
        with transaction(db):
            for op in ops:
                _apply_op(db, op)
    except (pickle.UnpicklingError, TypeError, ValueError, AttributeError) as exc:
        aside = set_aside(legacy, "refused")
        log.warning("the bot state of an earlier release (%s) was not read: %s; set it aside as %s "
                    "and started afresh", legacy.name, exc, aside.name)
        return
    aside = set_aside(legacy, "migrated")
    log.info("moved the bot state of %s into %s; the old file is kept as %s", legacy.name, path.name, aside.name)


def _ops_from_legacy(data: dict, now: float) -> list[tuple]:
    ops: list[tuple] = []
    for scope, name in (("user", "user_data"), ("chat", "chat_data")):
        for owner_id, values in (data.get(name) or {}).items():
            for key, value in values.items():
                if key in HISTORY_KINDS and isinstance(value, dict):
                    ops.extend(("put_entry", scope, int(owner_id), key, str(entry), item, now)
                               for entry, item in value.items())
                else:
                    ops.append(("put", scope, int(owner_id), str(key), value))
    for key in BotData.PERSISTED:
        if key in (data.get("bot_data") or {}):
            ops.append(("bot", key, data["bot_data"][key]))
    for name, states in (data.get("conversations") or {}).items():
        ops.extend(("conversation", name, tuple(key), state) for key, state in states.items())
    if data.get("callback_data"):
        ops.append(("callback", data["callback_data"]))
    return ops


# The persistence ---------------------------------------------------------------------------------


class SQLitePersistence(BasePersistence[StateDict, StateDict, BotData]):
    """PTB persistence on the SQLite state file; see the module's docstring."""

    def __init__(self, path: Path, update_interval: float = UPDATE_INTERVAL,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(store_data=PersistenceInput(), update_interval=update_interval)
        self.path = path
        self._clock = clock
        self._writer = _Writer(path, clock)
        self._loaded: _Loaded | None = None
        self._load_lock = asyncio.Lock()
        self._known: dict[tuple[str, int], _Known] = {}
        self._bot_known: dict[str, object] = {}
        self._conversations: dict[str, dict[ConversationKey, object]] = {}
        self._callback_known: object = _MISSING

    async def _ensure_loaded(self) -> _Loaded:
        async with self._load_lock:
            if self._loaded is None:
                now = self._clock()
                self._loaded = await asyncio.wrap_future(self._writer.call(lambda _: self._writer.load(now)))
                for key, (_, _, known) in self._loaded.owners.items():
                    self._known[key] = known
                self._bot_known = copy.deepcopy(self._loaded.bot_data)
                self._conversations = copy.deepcopy(self._loaded.conversations)
                self._callback_known = copy.deepcopy(self._loaded.callback_data)
            return self._loaded

    async def _owners(self, scope: str) -> dict[int, StateDict]:
        loaded = await self._ensure_loaded()
        found = {}
        for (owner_scope, owner_id), (live, copies, _) in loaded.owners.items():
            if owner_scope == scope:
                data = StateDict(live)
                data._copies = copies  # the loaded entries are already copied once: reuse them
                found[owner_id] = data
        return found

    async def get_user_data(self) -> dict[int, StateDict]:
        return await self._owners("user")

    async def get_chat_data(self) -> dict[int, StateDict]:
        return await self._owners("chat")

    async def get_bot_data(self) -> BotData:
        return BotData((await self._ensure_loaded()).bot_data)

    async def get_callback_data(self) -> CDCData | None:
        stored = (await self._ensure_loaded()).callback_data
        if not stored:
            return None
        entries, mapping = stored
        return [tuple(entry) for entry in entries], dict(mapping)

    async def get_conversations(self, name: str) -> ConversationDict:
        return dict((await self._ensure_loaded()).conversations.get(name, {}))

    # Writes: work out what changed here (cheap), encode and write in the writer thread.

    async def update_user_data(self, user_id: int, data: dict) -> None:
        self._writer.write(self._changes("user", user_id, data))

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        self._writer.write(self._changes("chat", chat_id, data))

    async def drop_user_data(self, user_id: int) -> None:
        self._known.pop(("user", user_id), None)
        self._writer.write([("drop_owner", "user", user_id)])

    async def drop_chat_data(self, chat_id: int) -> None:
        self._known.pop(("chat", chat_id), None)
        self._writer.write([("drop_owner", "chat", chat_id)])

    def _changes(self, scope: str, owner: int, data: dict) -> list[tuple]:
        ops: list[tuple] = []
        known = self._known.get((scope, owner))
        if known is None:  # never loaded nor written here: replace whatever the file holds
            known = self._known[(scope, owner)] = _Known()
            ops.append(("drop_owner", scope, owner))
        now = self._clock()
        seen_keys, seen_entries = set(), set()
        for key, value in data.items():
            if key in HISTORY_KINDS and type(value) is dict:
                for entry, item in value.items():
                    entry_key = (key, entry)
                    seen_entries.add(entry_key)
                    old = known.history.get(entry_key, _MISSING)
                    if old is item or (old is not _MISSING and type(old) is type(item) and old == item):
                        continue
                    born = known.born.setdefault(entry_key, now)
                    known.history[entry_key] = item
                    ops.append(("put_entry", scope, owner, key, str(entry), item, born))
                continue
            seen_keys.add(key)
            old = known.values.get(key, _MISSING)
            if old is value or (old is not _MISSING and type(old) is type(value) and old == value):
                continue
            known.values[key] = value
            ops.append(("put", scope, owner, str(key), value))
        for key in [key for key in known.values if key not in seen_keys]:
            del known.values[key]
            ops.append(("drop", scope, owner, str(key)))
        for entry_key in [entry_key for entry_key in known.history if entry_key not in seen_entries]:
            del known.history[entry_key]
            known.born.pop(entry_key, None)
            ops.append(("drop_entry", scope, owner, entry_key[0], str(entry_key[1])))
        return ops

    async def update_bot_data(self, data: BotData) -> None:
        ops = []
        for key in BotData.PERSISTED:
            value = data.get(key, _MISSING)
            if value is _MISSING and key not in self._bot_known:
                continue
            old = self._bot_known.get(key, _MISSING)
            if old is not _MISSING and old == value:
                continue
            if value is _MISSING:
                del self._bot_known[key]
            else:
                self._bot_known[key] = value
            ops.append(("bot", key, value))
        self._writer.write(ops)

    async def update_callback_data(self, data: CDCData) -> None:
        if self._callback_known is _MISSING or self._callback_known != data:
            self._callback_known = data
            self._writer.write([("callback", data)])

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        states = self._conversations.setdefault(name, {})
        if states.get(key, None) == new_state and (new_state is not None or key not in states):
            return
        if new_state is None:
            states.pop(key, None)
        else:
            states[key] = new_state
        self._writer.write([("conversation", name, key, new_state)])

    # Expiry of the live data, before a handler sees it.

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        self._drop_expired("user", user_id, user_data)

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        self._drop_expired("chat", chat_id, chat_data)

    async def refresh_bot_data(self, bot_data: BotData) -> None:
        pass  # only this process writes bot_data

    def _drop_expired(self, scope: str, owner: int, data: dict) -> None:
        known = self._known.get((scope, owner))
        if known is None or not known.born:
            return
        cutoff = self._clock() - HISTORY_MAX_AGE
        for kind, entry in [key for key, born in known.born.items() if born < cutoff]:
            entries = data.get(kind)
            if type(entries) is dict:
                entries.pop(entry, None)
        for kind in HISTORY_KINDS:
            entries = data.get(kind)
            if type(entries) is dict:
                while len(entries) > HISTORY_MAX_ENTRIES:
                    del entries[next(iter(entries))]

    async def flush(self) -> None:
        """Wait until every queued change is on disk, then close the file (PTB calls this at shutdown)."""
        await asyncio.wrap_future(self._writer.close())


def open_persistence(path: Path, clock: Callable[[], float] = time.time) -> SQLitePersistence:
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLitePersistence(path, update_interval=UPDATE_INTERVAL, clock=clock)
