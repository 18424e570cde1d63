"""The one Chroma connection a Relais process uses, embedded or client/server.

The embedded ``PersistentClient`` is not safe for two processes at once (chroma#961,
#3769: stale reads, and concurrent writers have corrupted indexes). So an embedded store
is opened behind an exclusive lock file: the first process (the bot, or a CLI command)
gets it, a second one is told plainly who holds it and what to do instead. A Chroma
server (``RELAIS_CHROMA_URL``) has no such limit, but the bot and the console still hold
the same lock (:func:`hold_data_dir_lock`) in both modes: their chat state lives in the
data dir, and `relais restore` must not replace it under them.

The lock is counted per process: flock belongs to an open file, so a second open in the
process that already holds it would lock itself out.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

KNOWLEDGE_COLLECTION = "relais_knowledge"
LOCK_FILE = "chroma.lock"  # beside the Chroma directory; holds the pid of the process that owns it
TOPICS_COLLECTION = "relais_topics"


class StoreConfig(BaseModel):
    """Where the store is: an embedded directory, or a Chroma server (``url``) when one is set.

    The embedded directory's parent is the data dir: its lock file lives there.
    """

    model_config = ConfigDict(frozen=True)

    path: Path
    url: str | None = None

    @property
    def data_dir(self) -> Path:
        return self.path.parent


class StoreError(RuntimeError):
    """The vector store cannot be used right now; the message says why and what to do."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store; ``holder`` is its pid as written in the lock file."""

    def __init__(self, message: str, holder: str = "unknown") -> None:
        super().__init__(message)
        self.holder = holder


class StoreUnavailableError(StoreError):
    """The Chroma server does not answer."""


@dataclass
class ChromaConnection:
    """A Chroma client plus, for the embedded store, the lock that makes this process its only user."""

    client: ClientAPI
    location: str
    _lock_fd: int | None = None
    _lock_path: Path | None = None
    _users: int = 0

    @property
    def is_server(self) -> bool:
        return self._lock_fd is None

    def collection(self, name: str):
        """A collection with cosine distance; embeddings are always computed by Relais, never by Chroma."""
        try:
            return self.client.get_or_create_collection(
                name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        except Exception as exc:  # chromadb raises plain exceptions for network faults
            raise as_store_error(exc, self.location) from exc

    def heartbeat(self) -> None:
        try:
            self.client.heartbeat()
        except Exception as exc:
            raise as_store_error(exc, self.location) from exc


_connections: dict[str, ChromaConnection] = {}
_registry_lock = threading.Lock()


def connect(config: StoreConfig) -> ChromaConnection:
    """Open (or share, within this process) the Chroma store that ``config`` names."""
    key = config.url or str(config.path.resolve())
    with _registry_lock:
        conn = _connections.get(key)
        if conn is None:
            conn = _open_server(config.url) if config.url else _open_embedded(config.path)
            _connections[key] = conn
        conn._users += 1
        return conn


def release(conn: ChromaConnection) -> None:
    """Give back a connection from :func:`connect`; the last user releases the lock file."""
    with _registry_lock:
        conn._users -= 1
        if conn._users > 0:
            return
        for key, value in list(_connections.items()):
            if value is conn:
                del _connections[key]
        # Stops Chroma's system for this path (its SQLite connections, its HNSW writers),
        # so a later open in this process reads the files afresh.
        conn.client.close()
    if conn._lock_path is not None:
        _give_back(conn._lock_path)
        conn._lock_fd = conn._lock_path = None


def lock_path(config: StoreConfig) -> Path:
    return config.data_dir / LOCK_FILE


def acquire_lock(path: Path) -> int:
    """Take the embedded store's lock for this process and write our pid in it.

    Returns the file descriptor: closing it releases the lock. Raises StoreBusyError naming
    the holder when another process has it.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreBusyError(
            f"The knowledge store in {path.parent} is in use by another Relais process "
            f"(pid {holder}). Stop that process first, or run a Chroma server and set "
            "RELAIS_CHROMA_URL so several processes can share it.",
            holder=holder,
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def lock_holder(config: StoreConfig) -> int | None:
    """The pid of the process holding the embedded store (the bot, an ingest), or None; -1 if unreadable."""
    try:
        fd = os.open(lock_path(config), os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 64, 0).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# path -> [fd, users]: the locks this process holds, each taken once however many hold it.
_held: dict[Path, list[int]] = {}
_held_lock = threading.Lock()  # not _registry_lock: connect() holds that one while it opens


def _take(path: Path) -> int:
    with _held_lock:
        entry = _held.get(path)
        if entry is None:
            entry = _held[path] = [acquire_lock(path), 0]
        entry[1] += 1
        return entry[0]


def _give_back(path: Path) -> None:
    with _held_lock:
        entry = _held.get(path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _held[path]
            os.close(entry[0])  # closing releases the flock


def hold_data_dir_lock(config: StoreConfig) -> None:
    """Hold the data dir for this process (the bot, the console chat), whatever the store mode.

    Raises StoreBusyError naming the pid when another process holds it.
    """
    config.data_dir.mkdir(parents=True, exist_ok=True)
    _take(lock_path(config).absolute())


def release_data_dir_lock(config: StoreConfig) -> None:
    """Undo one :func:`hold_data_dir_lock`; the last holder in the process frees the lock."""
    _give_back(lock_path(config).absolute())


def _open_embedded(path: Path) -> ChromaConnection:
    path.mkdir(parents=True, exist_ok=True)
    lock = (path.parent / LOCK_FILE).absolute()
    fd = _take(lock)
    import chromadb  # here, not at the top: the lock helpers serve `relais doctor --quick` without it

    try:
        client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except BaseException:
        _give_back(lock)  # a store that did not open must not stay locked
        raise
    return ChromaConnection(client=client, location=str(path), _lock_fd=fd, _lock_path=lock)


def _open_server(url: str) -> ChromaConnection:
    parsed = urlparse(url)
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    import chromadb

    try:
        client = chromadb.HttpClient(
            host=parsed.hostname or "localhost", port=port, ssl=ssl, settings=_chroma_settings()
        )
    except Exception as exc:
        raise as_store_error(exc, url) from exc
    return ChromaConnection(client=client, location=url)


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def as_store_error(exc: Exception, location: str) -> StoreError:
    """Translate a chromadb/httpx exception into a :class:`StoreError` with a useful message."""
    if isinstance(exc, StoreError):
        return exc
    text = f"{type(exc).__name__}: {exc}"
    if any(word in text for word in ("Connect", "connect", "refused", "timed out", "Timeout")):
        return StoreUnavailableError(
            f"The Chroma server at {location} does not answer ({type(exc).__name__}). "
            "Check that it is running (`chroma run --path DIR --port PORT`) and reachable; nothing was changed."
        )
    return StoreError(f"Chroma at {location} failed: {text}")
