"""The creator roster: SQLite under the data dir, the source of truth for every creator.

Creators are identified by (platform, handle). An import commits all the accepted rows of a file
in one transaction, so a failure half-way leaves the previous roster as it was. Re-importing a
creator updates it: the non-empty cells of the new file replace the stored values, empty cells
keep them (an export without prices does not erase the rates you typed earlier). A contact (a creator
with no follower count, from a file without that column) is stored and listed like the others but
left out of the in-memory copy, so it is never shortlisted; a file that gives its count completes it.

Each row also stores its relevance index, derived at import: the ids of its stemmed words with
where they occur (topic, bio, caption), and the ids of its topic tags. Loading a million creators
into memory is then a matter of joining byte strings (see :mod:`scoring.frame`). The tags' vectors
are cached in Chroma after each import (see :mod:`scoring.topics`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from scoring.config import ScoringConfig
from scoring.frame import RosterFrame, load_frame
from scoring.importing import read_import
from scoring.index import FIELD_BIO, FIELD_CAPTION, FIELD_TOPIC
from scoring.models import Creator, ImportReport
from scoring.rows import (
    FORMULA_PER_FOLLOWER,
    FORMULA_PER_VIEW,
    derive_engagement,
)
from scoring.terms import index_terms, text_language
from scoring.topics import TopicVectors
from scoring.wording import Wording

log = logging.getLogger(__name__)

# 2: followers may be NULL (a contact, see Creator). A schema-1 roster is rebuilt in place when it opens; an
# older Relais refuses a schema-2 one by name rather than shortlisting contacts as creators of no size.
SCHEMA_VERSION = "2"
JSON_FIELDS = ("topics", "recent_captions", "audience_countries", "brand_safety_flags")
CREATOR_FIELDS = tuple(Creator.model_fields)
INDEX_COLUMNS = ("term_ids", "term_fields", "topic_ids")
# Columns added to the creators table after schema 1, added to older databases when they open. They are
# nullable and every query names its columns, so an older Relais still reads the file: no schema change.
ADDED_COLUMNS = (("person", "TEXT"),)


def _creators_table(name: str) -> str:
    return f"""
CREATE TABLE IF NOT EXISTS {name} (
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT,
    followers INTEGER,
    following INTEGER,
    posts_count INTEGER,
    avg_likes REAL,
    avg_comments REAL,
    avg_views REAL,
    engagement_rate REAL,
    engagement_formula TEXT,
    country TEXT,
    language TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    bio TEXT,
    recent_captions TEXT NOT NULL DEFAULT '[]',
    sponsored_ratio REAL,
    follower_growth_30d REAL,
    audience_countries TEXT NOT NULL DEFAULT '{{}}',
    price_per_post REAL,
    currency TEXT,
    contact_email TEXT,
    last_post_at TEXT,
    brand_safety_flags TEXT NOT NULL DEFAULT '[]',
    synthetic INTEGER NOT NULL DEFAULT 0,
    person TEXT,
    term_ids BLOB,
    term_fields BLOB,
    topic_ids BLOB,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (platform, handle)
)"""


_SCHEMA = f"""{_creators_table("creators")};
CREATE INDEX IF NOT EXISTS creators_handle ON creators (handle);
CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS topics (id INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}'), ('version', '0');
"""


class RosterError(RuntimeError):
    """The roster database cannot be used; the message says why."""


class Roster:
    """The roster database plus an in-memory columnar copy for shortlists."""

    def __init__(self, path: Path, db: sqlite3.Connection, config: ScoringConfig, topics: TopicVectors) -> None:
        self.path = path
        self.config = config
        self.topics = topics
        self._db = db
        # One connection shared by the bot's worker threads; SQLite calls are serialised here.
        self._lock = threading.RLock()
        self._frame: RosterFrame | None = None
        self._frame_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, config: ScoringConfig, topics: TopicVectors) -> Roster:
        """Open (creating it if needed) the roster database at ``path``; raises RosterError."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            schema = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
            if schema == "1":
                _allow_contacts(db)
                schema = SCHEMA_VERSION
            if schema == SCHEMA_VERSION:
                _add_missing_columns(db)
        except sqlite3.DatabaseError as exc:
            raise RosterError(f"the roster database {path} cannot be opened: {exc}") from None
        if schema != SCHEMA_VERSION:
            db.close()
            raise RosterError(f"the roster database {path} has schema {schema}; this Relais expects {SCHEMA_VERSION}")
        return cls(path, db, config, topics)

    def close(self) -> None:
        with self._lock:
            self._db.close()
        self._frame = None

    def __enter__(self) -> Roster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading -----------------------------------------------------------------------------------

    def version(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0])

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM creators").fetchone()[0])

    def known_followers(self, platform: str, handle: str) -> int | None:
        """The stored follower count of a creator, None when the roster does not have it."""
        handle = handle.strip().lstrip("@").lower()
        with self._lock:
            row = self._db.execute(
                "SELECT followers FROM creators WHERE platform=? AND handle=?", (platform, handle)
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def contact_count(self) -> int:
        """Creators stored without a follower count (contacts: listed, never shortlisted)."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM creators WHERE followers IS NULL").fetchone()[0])

    def get(self, platform: str, handle: str) -> Creator | None:
        handle = handle.strip().lstrip("@").lower()
        with self._lock:
            row = self._db.execute(
                f"SELECT {', '.join(CREATOR_FIELDS)} FROM creators WHERE platform=? AND handle=?", (platform, handle)
            ).fetchone()
        return _creator_from_row(row) if row else None

    def find(self, handle: str) -> list[Creator]:
        """Every creator with this handle, on any platform ("@lea.grimpe" or "lea.grimpe")."""
        handle = handle.strip().lstrip("@").lower()
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(CREATOR_FIELDS)} FROM creators WHERE handle=? ORDER BY platform", (handle,)
            ).fetchall()
        return [_creator_from_row(row) for row in rows]

    def list(
        self,
        platform: str | None = None,
        country: str | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Creator]:
        """Creators by platform then handle; ``search`` looks in handles, names and topics."""
        clauses, params = [], []
        if platform:
            clauses.append("platform = ?")
            params.append(platform)
        if country:
            clauses.append("country = ?")
            params.append(country.upper())
        if search:
            clauses.append("(handle LIKE ? OR display_name LIKE ? OR topics LIKE ?)")
            params.extend([f"%{search.lower().lstrip('@')}%", f"%{search}%", f"%{search.lower()}%"])
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(CREATOR_FIELDS)} FROM creators {where} ORDER BY platform, handle LIMIT ? OFFSET ?",
                (*params, limit, offset),
            ).fetchall()
        return [_creator_from_row(row) for row in rows]

    def get_many(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Creator]:
        found = {}
        with self._lock:
            for platform, handle in keys:
                row = self._db.execute(
                    f"SELECT {', '.join(CREATOR_FIELDS)} FROM creators WHERE platform=? AND handle=?",
                    (platform, handle),
                ).fetchone()
                if row:
                    found[(platform, handle)] = _creator_from_row(row)
        return found

    # Writing -----------------------------------------------------------------------------------

    def remove(self, platform: str, handle: str) -> bool:
        handle = handle.strip().lstrip("@").lower()
        with self._transaction() as db:
            removed = db.execute("DELETE FROM creators WHERE platform=? AND handle=?", (platform, handle)).rowcount
            if removed:
                _bump_version(db)
        return bool(removed)

    def import_file(self, path: Path | str, progress: Callable[[int, int], None] | None = None,
                    overrides: dict[str, str] | None = None, platform: str | None = None,
                    language: str = "en") -> ImportReport:
        """Import a CSV, JSON or XLSX roster in one transaction; raises RosterFileError when the file is
        unusable. ``overrides``, ``platform`` and ``language`` (of the report's notes and rejections) are those
        of :func:`scoring.importing.read_import`; a post export's accounts keep the follower count stored here."""
        plan = read_import(path, overrides, platform, known_followers=self.known_followers, language=language)
        report = ImportReport(path=str(plan.path), ignored_columns=list(plan.columns.ignored), unit=plan.unit,
                              rejected=plan.rejected, notes=plan.notes)
        self._store(plan.creators, report, progress)
        report.notes.extend(self.index_topics(Wording(language)))
        return report

    def add(self, creators: list[Creator]) -> ImportReport:
        """Store creators built in code (same rules as an import)."""
        report = ImportReport(path="(api)")
        self._store([(i + 1, derive_engagement(c.model_copy())) for i, c in enumerate(creators)], report, None)
        report.notes.extend(self.index_topics())
        return report

    def _store(self, items: list[tuple[int, Creator]], report: ImportReport,
               progress: Callable[[int, int], None] | None) -> None:
        if not items:
            return
        with self._transaction() as db:
            vocabulary = _Vocabulary(db)
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            columns = (*CREATOR_FIELDS, *INDEX_COLUMNS, "updated_at")
            updates = ", ".join(f"{c}=excluded.{c}" for c in columns if c not in ("platform", "handle"))
            sql = (
                f"INSERT INTO creators ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                f"ON CONFLICT(platform, handle) DO UPDATE SET {updates}"
            )
            for done, (_line, creator) in enumerate(items, start=1):
                existing = db.execute(
                    f"SELECT {', '.join(CREATOR_FIELDS)} FROM creators WHERE platform=? AND handle=?",
                    (creator.platform, creator.handle),
                ).fetchone()
                if existing:
                    creator = _merge(_creator_from_row(existing), creator)
                    report.updated += 1
                else:
                    report.created += 1
                report.contacts += creator.followers is None
                db.execute(sql, (*_creator_to_row(creator), *vocabulary.index(creator), stamp))
                if progress and (done % 5000 == 0 or done == len(items)):
                    progress(done, len(items))
            _bump_version(db)

    def index_topics(self, say: Wording | None = None) -> list[str]:
        """Make sure every topic tag's vector is in the Chroma cache; returns notes for the report, in ``say``'s
        language."""
        say = say or Wording("en")
        with self._lock:
            tags = [tag for (tag,) in self._db.execute("SELECT tag FROM topics ORDER BY id")]
        if not tags:
            return []
        try:
            self.topics.vectors(tags)
        except Exception as exc:  # the roster is stored; relevance will embed the tags when needed
            log.warning("could not index topic tags: %s: %s", type(exc).__name__, exc)
            return [say.say("topics_not_indexed", error=type(exc).__name__)]
        return []

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # The in-memory copy --------------------------------------------------------------------------

    def frame(self) -> RosterFrame:
        """The roster as columns, rebuilt only when the roster changed (here or in another process)."""
        version = self.version()
        with self._frame_lock:
            if self._frame is None or self._frame.version != version:
                self._frame = None  # let the old copy go before building the new one
                with self._lock:
                    self._frame = load_frame(
                        self._db, version, self.config, self.topics.vectors
                    )
            return self._frame


class _Vocabulary:
    """Term and tag ids for the relevance index, added in the import's own transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.terms: dict[str, int] = dict(db.execute("SELECT term, id FROM terms"))
        self.tags: dict[str, int] = dict(db.execute("SELECT tag, id FROM topics"))

    def _id(self, table: str, column: str, known: dict[str, int], value: str) -> int:
        found = known.get(value)
        if found is None:
            found = self._db.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (value,)).lastrowid
            known[value] = found
        return found

    def index(self, creator: Creator) -> tuple[bytes, bytes, bytes]:
        language = text_language(" ".join([creator.bio or "", *creator.recent_captions]), creator.language)
        strongest: dict[int, int] = {}
        for field, texts in ((FIELD_TOPIC, creator.topics), (FIELD_BIO, [creator.bio or ""]),
                             (FIELD_CAPTION, creator.recent_captions)):
            for text in texts:
                for term in index_terms(text, language):
                    term_id = self._id("terms", "term", self.terms, term)
                    if strongest.get(term_id, 0) < field:
                        strongest[term_id] = field
        tag_ids = sorted({self._id("topics", "tag", self.tags, tag) for tag in creator.topics})
        return (
            np.array(list(strongest), dtype=np.int32).tobytes(),
            np.array(list(strongest.values()), dtype=np.uint8).tobytes(),
            np.array(tag_ids, dtype=np.int32).tobytes(),
        )


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Add the ADDED_COLUMNS a database made by an older Relais lacks (under the write lock: two processes
    may open it at once, and the second must find the column the first added)."""
    def missing() -> list[tuple[str, str]]:
        present = {row[1] for row in db.execute("PRAGMA table_info(creators)")}
        return [(name, kind) for name, kind in ADDED_COLUMNS if name not in present]

    if not missing():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for name, kind in missing():
            db.execute(f"ALTER TABLE creators ADD COLUMN {name} {kind}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _allow_contacts(db: sqlite3.Connection) -> None:
    """Schema 1 -> 2: followers becomes nullable. SQLite cannot drop a NOT NULL constraint, so the table is
    rebuilt with its rows in one transaction (a failure leaves schema 1 as it was), under the write lock: a
    second process opening the roster at the same time finds the work done."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == "1":
            db.execute(_creators_table("creators_v2"))
            wanted = [row[1] for row in db.execute("PRAGMA table_info(creators_v2)")]
            present = {row[1] for row in db.execute("PRAGMA table_info(creators)")}
            columns = ", ".join(c for c in wanted if c in present)  # "person" may be missing: it stays NULL
            db.execute(f"INSERT INTO creators_v2 ({columns}) SELECT {columns} FROM creators")
            db.execute("DROP TABLE creators")
            db.execute("ALTER TABLE creators_v2 RENAME TO creators")
            db.execute("CREATE INDEX IF NOT EXISTS creators_handle ON creators (handle)")
            db.execute("UPDATE meta SET value=? WHERE key='schema'", (SCHEMA_VERSION,))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _bump_version(db: sqlite3.Connection) -> None:
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='version'")


def _merge(old: Creator, new: Creator) -> Creator:
    """The stored creator updated with the new row's non-empty cells.

    A rate Relais computed is computed again from the merged likes, comments, views and
    followers; a rate a file gave is kept until another file gives a new one.
    """
    update = {name: getattr(new, name) for name in new.model_fields_set if name not in ("platform", "handle")}
    if new.followers is None:  # a contact list's row: the follower count the roster knows stays
        update.pop("followers", None)
    if update.get("engagement_formula", old.engagement_formula) in (FORMULA_PER_FOLLOWER, FORMULA_PER_VIEW):
        update["engagement_rate"] = None
        update["engagement_formula"] = None
    return derive_engagement(old.model_copy(update=update))


def _creator_to_row(creator: Creator) -> tuple:
    values = []
    for name in CREATOR_FIELDS:
        value = getattr(creator, name)
        if name in JSON_FIELDS:
            value = json.dumps(value, ensure_ascii=False)
        elif name == "last_post_at" and value is not None:
            value = value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        elif name == "synthetic":
            value = int(value)
        values.append(value)
    return tuple(values)


def _creator_from_row(row: tuple) -> Creator:
    data = dict(zip(CREATOR_FIELDS, row))
    for name in JSON_FIELDS:
        data[name] = json.loads(data[name]) if data[name] else ([] if name != "audience_countries" else {})
    if data["last_post_at"]:
        data["last_post_at"] = datetime.fromisoformat(data["last_post_at"]).replace(tzinfo=UTC)
    data["synthetic"] = bool(data["synthetic"])
    return Creator.model_construct(**data)
