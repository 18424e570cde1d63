"""The one Chroma connection a Relais process uses, embedded or client/server.

The embedded ``PersistentClient`` is not safe for two processes at once (chroma#961,
#3769: stale reads, and concurrent writers have corrupted indexes). So an embedded store
is opened behind an exclusive lock file: the first process (the bot, or a CLI command)
gets it, a second one is told plainly who holds it and what to do instead. A Chroma
server (``RELAIS_CHROMA_URL``) has no such limit, and no lock is taken.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from bot.settings import Settings

KNOWLEDGE_COLLECTION = "relais_knowledge"
TOPICS_COLLECTION = "relais_topics"


class StoreError(RuntimeError):
    """The vector store cannot be used right now; the message says why and what to do."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store."""


class StoreUnavailableError(StoreError):
    """The Chroma server does not answer."""


@dataclass
class ChromaConnection:
    """A Chroma client plus, for the embedded store, the lock that makes this process its only user."""

    client: ClientAPI
    location: str
    _lock_fd: int | None = None
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


def connect(settings: Settings) -> ChromaConnection:
    """Open (or share, within this process) the Chroma store that ``settings`` names."""
    key = settings.chroma_url or str(settings.chroma_dir.resolve())
    with _registry_lock:
        conn = _connections.get(key)
        if conn is None:
            conn = _open_server(settings.chroma_url) if settings.chroma_url else _open_embedded(settings.chroma_dir)
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
        if conn._lock_fd is not None:
            os.close(conn._lock_fd)  # closing releases the flock
            conn._lock_fd = None


def _open_embedded(path: Path) -> ChromaConnection:
    path.mkdir(parents=True, exist_ok=True)
    lock_path = path.parent / "chroma.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreBusyError(
            f"The knowledge store in {path} is in use by another Relais process (pid {holder}). "
            "Stop that process first, or run a Chroma server and set RELAIS_CHROMA_URL so several "
            "processes can share it."
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    return ChromaConnection(client=client, location=str(path), _lock_fd=fd)


def _open_server(url: str) -> ChromaConnection:
    parsed = urlparse(url)
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    try:
        client = chromadb.HttpClient(
            host=parsed.hostname or "localhost", port=port, ssl=ssl, settings=_chroma_settings()
        )
    except Exception as exc:
        raise as_store_error(exc, url) from exc
    return ChromaConnection(client=client, location=url)


def _chroma_settings() -> ChromaSettings:
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
