"""`relais backup` and `relais restore`: one archive of the data dir, taken while the bot runs.

What makes a copy of a running store consistent:

- SQLite files (the creator roster, Chroma's own ``chroma.sqlite3``) are copied with SQLite's
  online backup API, which reads one committed state even while another process writes.
- Chroma 1.5's embedded store keeps records, metadata and a write-ahead log of recent vectors
  in ``chroma.sqlite3``, and every vector in HNSW segment files it rewrites every
  ``hnsw:sync_threshold`` writes (1,000 by default), recording in SQLite how far each
  segment got; at open it replays the log past that point. A copy is therefore consistent
  when the segment files did not change between the start of their copy and the end of the
  SQLite snapshot: the copy is then exactly what Chroma would find after a crash at that
  moment, which it is built to recover from. The copy is checked by opening it with Chroma
  and reading every vector back (a mismatched segment fails that read); a copy that changed
  or fails is taken again.
- Other files (uploads, notes) are copied whole, again if they changed while being read.
  Pickle files (an earlier release's bot state) are left out: unpickling runs code.

The archive holds these files, ``manifest.json`` (versions, SHA-256 of every file, collection
and table counts) and ``manifest.hmac``: an HMAC-SHA256 of the manifest under a key kept
outside the data dir (``RELAIS_BACKUP_KEY_FILE``, created on the first backup), so an archive
someone altered, or one from another installation, is refused unless ``--trust`` is given.
``restore`` verifies the manifest before it extracts anything, caps every member at the size
the manifest declares while streaming it (and the manifest at fixed caps and the free space),
checks all of it in a temporary directory beside the data dir, and only then renames it into
place; the previous data dir is kept beside it.

With a Chroma server (``RELAIS_CHROMA_URL``) the vectors live in the server's own volume:
the archive then holds the local files only, and the server's volume is backed up on its side.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import hmac
import io
import os
import re
import secrets
import shutil
import sqlite3
import stat
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from bot.settings import Settings
from knowledge.store import LOCK_FILE, StoreBusyError, acquire_lock, lock_path

MANIFEST = "manifest.json"
MANIFEST_HMAC = "manifest.hmac"
FORMAT = 1
KEY_BYTES = 32
# Caps on what a restore extracts, whatever an archive's headers or manifest claim: far above
# a real data dir (a million-chunk index is a few GB in a few dozen files), far below a disk.
MAX_MEMBERS = 100_000
MAX_MEMBER_BYTES = 64 * 2**30
MAX_TOTAL_BYTES = 256 * 2**30
MAX_MANIFEST_BYTES = 64 * 2**20
# Left on the disk after a restore, so the bot can still write its state and logs.
FREE_SPACE_MARGIN = 256 * 2**20
# Our temporary files and directories start with this; they are never backed up.
TEMP_PREFIX = ".relais-"
# Files being written by someone (the bot's state is written to a .tmp file, then renamed).
TEMP_SUFFIXES = (".tmp", ".partial")
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
# Tries at a consistent copy before giving up (an ingest rewriting the index the whole time).
ATTEMPTS = 5
# Vectors read per request when checking a Chroma copy.
_PAGE = 2000

SERVER_NOTE = (
    "The knowledge vectors are in the Chroma server ({url}), not in this archive: back up the "
    "server's volume on its side (stop it, or snapshot its --path directory)."
)


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; ``str()`` says why and what to do."""


class DamagedArchiveError(BackupError):
    """The archive is not one this Relais wrote, or not intact: nothing was changed."""


class UntrustedArchiveError(DamagedArchiveError):
    """The manifest's HMAC does not verify with this installation's key: nothing was changed."""


class FileEntry(BaseModel):
    sha256: str
    size: int


class Manifest(BaseModel):
    format: int = FORMAT
    created_at: datetime
    relais_version: str
    chromadb_version: str
    store: Literal["embedded", "server"]
    chroma_server: str | None = None
    files: dict[str, FileEntry]
    collections: dict[str, int] = Field(default_factory=dict)  # Chroma collection -> records
    sqlite: dict[str, dict[str, int]] = Field(default_factory=dict)  # database file -> table -> rows
    notes: list[str] = Field(default_factory=list)


class BackupReport(BaseModel):
    archive: str
    bytes: int
    files: int
    collections: dict[str, int]
    sqlite: dict[str, dict[str, int]]
    attempts: int
    seconds: float
    notes: list[str]


class RestoreReport(BaseModel):
    archive: str
    data_dir: str
    previous: str | None  # where the data dir that was replaced now is
    verified: bool  # the manifest's HMAC matched this installation's key (False only with --trust)
    created_at: datetime
    collections: dict[str, int]
    sqlite: dict[str, dict[str, int]]
    seconds: float
    notes: list[str]


# The store lock -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _hold_store_lock(settings: Settings) -> Iterator[None]:
    """Keep the bot (or an ingest) from opening the store while a restore replaces it."""
    if not settings.data_dir.exists():
        yield
        return
    try:
        fd = acquire_lock(lock_path(settings.store))
    except StoreBusyError as busy:
        raise BackupError(
            f"{settings.data_dir} is in use by pid {busy.holder} (the bot?): stop it first "
            "(`systemctl stop relais`, `docker compose stop relais`), then restore; nothing was changed"
        ) from None
    try:
        yield
    finally:
        os.close(fd)


# The backup key -----------------------------------------------------------------------------------


def _key_path(settings: Settings) -> Path:
    return settings.backup_key_file.expanduser().absolute()


def backup_key(settings: Settings, create: bool) -> bytes | None:
    """This installation's backup key, made on first use when ``create``; ``None`` if there is none."""
    path = _key_path(settings)
    if path.resolve().is_relative_to(settings.data_dir.expanduser().resolve()):
        raise BackupError(
            f"RELAIS_BACKUP_KEY_FILE ({path}) is inside the data dir, so every archive would carry the key "
            f"that vouches for it: point it outside, e.g. at {settings.data_dir.parent / 'backup.key'}"
        )
    if create and not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another backup made it meanwhile: use that one
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as file:
                file.write(secrets.token_hex(KEY_BYTES) + "\n")
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BackupError(f"cannot read the backup key {path} ({exc.strerror})") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise BackupError(f"{path} is not a Relais backup key ({KEY_BYTES * 2} hex digits): "
                          "restore the right file, or move it away to start a new key")
    return key


def _sign(key: bytes, manifest_body: bytes) -> str:
    return hmac.new(key, manifest_body, hashlib.sha256).hexdigest()


# Backup -------------------------------------------------------------------------------------------


def create_backup(settings: Settings, out: Path, attempts: int = ATTEMPTS) -> BackupReport:
    """Write the data dir to ``out`` (a .tar.gz), consistently even while the bot writes to it."""
    started = time.monotonic()
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise BackupError(f"nothing to back up: {data_dir} does not exist (check RELAIS_DATA_DIR or --data-dir)")
    out = out.expanduser().absolute()
    if not out.parent.is_dir():
        raise BackupError(f"cannot write {out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise BackupError(f"{out} is a folder: give the archive's file name, e.g. {out / 'relais.tar.gz'}")
    key = backup_key(settings, create=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}backup-", dir=out.parent))
    try:
        notes: list[str] = []
        collections: dict[str, int] = {}
        tries = 1
        if settings.chroma_url:
            notes.append(SERVER_NOTE.format(url=settings.chroma_url))
        elif (settings.chroma_dir / "chroma.sqlite3").exists():
            collections, tries = _snapshot_chroma(settings.chroma_dir, staging / settings.chroma_dir.name, attempts)
        for entry in sorted(data_dir.iterdir()):
            if _skipped(entry, settings, out):
                continue
            _stage(entry, staging / entry.name, attempts)
        left_out = [name for name, _ in _staged_files(staging) if _is_pickle_name(name)]
        for name in left_out:
            (staging / name).unlink()
        if left_out:
            notes.append(f"Left out {', '.join(left_out)}: backups carry no pickle files (loading one can run "
                         "code). An earlier release's bot state moves into bot-state.sqlite3 when the bot starts.")
        files = {name: _file_entry(path) for name, path in _staged_files(staging)}
        if not files:
            raise BackupError(f"nothing to back up: {data_dir} holds no Relais data yet")
        # Chroma's own database is checked by opening the store; the others by their tables.
        local = [name for name in files if not name.startswith(f"{settings.chroma_dir.name}/")]
        databases = {name: _table_counts(staging / name) for name in local if _is_sqlite(staging / name)}
        manifest = Manifest(
            created_at=datetime.now(UTC),
            relais_version=_version("relais"),
            chromadb_version=_version("chromadb"),
            store="server" if settings.chroma_url else "embedded",
            chroma_server=settings.chroma_url,
            files=files,
            collections=collections,
            sqlite=databases,
            notes=notes,
        )
        _write_archive(out, staging, manifest, key)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BackupReport(
        archive=str(out),
        bytes=out.stat().st_size,
        files=len(files),
        collections=collections,
        sqlite=databases,
        attempts=tries,
        seconds=round(time.monotonic() - started, 2),
        notes=notes,
    )


# Chroma keeps one pickle per vector segment (chroma/<segment id>/index_metadata.pickle). In
# Chroma 1.x embedded mode only its Rust core reads it, with serde-pickle, which builds plain
# data and runs no code; without it a restored index cannot find its ids. It is the one
# pickle an archive may carry.
_CHROMA_PICKLE = re.compile(r"chroma/[0-9a-f-]{36}/index_metadata\.pickle")


def _is_pickle_name(name: str) -> bool:
    """A pickle that Python would load (the bot state of an earlier release): never archived."""
    lowered = PurePosixPath(name).name.lower()
    is_pickle = ".pickle" in lowered or ".pkl" in lowered
    return is_pickle and not _CHROMA_PICKLE.fullmatch(name)


def _skipped(entry: Path, settings: Settings, out: Path) -> bool:
    if entry.name == LOCK_FILE or entry.absolute() == out:
        return True
    if entry.name == settings.chroma_dir.name:
        return True  # snapshotted on its own (embedded), or unused (server mode)
    return _transient(entry)


def _transient(entry: Path) -> bool:
    """Temporary files, a live database's side files (the online backup covers them), links, sockets."""
    name = entry.name
    if name.startswith(TEMP_PREFIX) or name.endswith(TEMP_SUFFIXES) or name.endswith(SQLITE_SIDE_FILES):
        return True
    return entry.is_symlink() or not (entry.is_file() or entry.is_dir())


def _stage(source: Path, target: Path, attempts: int) -> None:
    if source.is_dir():
        target.mkdir()
        for child in sorted(source.iterdir()):
            if not _transient(child):
                _stage(child, target / child.name, attempts)
    elif _is_sqlite(source):
        _sqlite_snapshot(source, target)
    else:
        _stable_copy(source, target, attempts)


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _sqlite_snapshot(source: Path, target: Path) -> None:
    """One committed state of a database another process may be writing to."""
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # all pages in one step, under one read transaction
        # One self-contained file in the archive: a WAL-mode copy would grow -wal/-shm files when read.
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {source} ({exc}): is it a damaged database?") from exc
    finally:
        dst.close()
        src.close()


def _stable_copy(source: Path, target: Path, attempts: int) -> None:
    """Copy a file that a writer may rewrite meanwhile (an upload being saved, notes being edited)."""
    for attempt in range(attempts):
        before = _signature(source)
        shutil.copyfile(source, target)
        if _signature(source) == before and target.stat().st_size == before[2]:
            return
        time.sleep(0.1 * (attempt + 1))
    raise BackupError(f"{source} kept changing while it was copied: try again in a moment")


def _signature(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size


def _snapshot_chroma(source: Path, target: Path, attempts: int) -> tuple[dict[str, int], int]:
    """Copy a Chroma directory that may be open and written to; returns (counts, attempts used)."""
    problem = ""
    for attempt in range(1, attempts + 1):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        segments = _segment_files(source)
        _sqlite_snapshot(source / "chroma.sqlite3", target / "chroma.sqlite3")
        for relative in segments:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(source / relative, target / relative)
            except FileNotFoundError:
                break  # Chroma replaced the segment meanwhile: the comparison below retries
        if _segment_files(source) == segments:
            try:
                return verify_chroma_copy(target), attempt
            except BackupError as exc:
                problem = f" (last check: {exc})"
        time.sleep(0.2 * attempt)
    raise BackupError(
        f"the knowledge index in {source} kept changing during {attempts} tries{problem}: "
        "an ingest is probably running; back up again once it has finished"
    )


def _segment_files(chroma_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the store except the SQLite database, with what tells if it changed."""
    found = {}
    for path in chroma_dir.rglob("*"):
        if path.is_file() and not path.name.startswith("chroma.sqlite3"):
            with contextlib.suppress(FileNotFoundError):
                found[path.relative_to(chroma_dir).as_posix()] = _signature(path)
    return found


def verify_chroma_copy(path: Path) -> dict[str, int]:
    """Open a copy of a Chroma store and read every vector back; returns records per collection.

    Chroma writes to a store it opens (it replays its log into the segment files), so the check
    runs on a scratch copy beside ``path``: what gets archived or swapped in is exactly what was
    copied, never a state half-rewritten by the check.
    """
    scratch = Path(tempfile.mkdtemp(prefix=f".{path.name}.check-", dir=path.parent))
    try:
        shutil.copytree(path, scratch, dirs_exist_ok=True)
        return _read_every_vector(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _read_every_vector(path: Path) -> dict[str, int]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    counts: dict[str, int] = {}
    try:
        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        )
        try:
            for collection in client.list_collections():
                total = collection.count()
                read = 0
                for offset in range(0, total, _PAGE):
                    page = collection.get(limit=_PAGE, offset=offset, include=["embeddings"])
                    read += sum(vector is not None for vector in page["embeddings"])
                if read != total:
                    raise BackupError(f"{collection.name}: {read} of {total} vectors readable")
                counts[collection.name] = total
        finally:
            client.close()
    except BackupError:
        raise
    except Exception as exc:  # chromadb raises its own InternalError for a segment that lost vectors
        raise BackupError(f"Chroma cannot read the copy ({type(exc).__name__}: {str(exc)[:160]})") from exc
    return counts


def _staged_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path


def _file_entry(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(sha256=digest.hexdigest(), size=path.stat().st_size)


def _table_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path.name} fails SQLite's integrity check ({check})")
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not a readable SQLite database ({exc})") from exc
    finally:
        db.close()


def _write_archive(out: Path, staging: Path, manifest: Manifest, key: bytes) -> None:
    """Write the archive beside ``out`` and rename it into place: never a half-written archive."""
    partial = out.with_name(out.name + ".partial")
    now = time.time()
    try:
        with open(partial, "wb") as raw:
            os.fchmod(raw.fileno(), 0o600)  # brand data: readable by the owner only
            # Vectors barely compress; a low level keeps a large backup fast.
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=3, mtime=int(now)) as zipped:
                with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    body = manifest.model_dump_json(indent=2).encode()
                    tar.addfile(_member(MANIFEST, len(body), now), io.BytesIO(body))
                    signature = _sign(key, body).encode()
                    tar.addfile(_member(MANIFEST_HMAC, len(signature), now), io.BytesIO(signature))
                    for name, entry in manifest.files.items():
                        with open(staging / name, "rb") as file:
                            tar.addfile(_member(name, entry.size, now), file)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _member(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode, info.type = size, int(mtime), 0o600, tarfile.REGTYPE
    return info


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


# Restore ------------------------------------------------------------------------------------------


def read_archive(archive: Path, into: Path, key: bytes | None, trust: bool = False,
                 key_file: Path | None = None) -> tuple[Manifest, bool]:
    """Extract ``archive`` into the empty folder ``into``, checking every member against the manifest.

    The manifest comes first, and its HMAC (under ``key``) is checked before any file is
    extracted; ``trust`` accepts one that does not verify. Refuses links, devices, absolute
    paths, ``..``, pickle files, duplicates, members the manifest does not list (or lists but
    are missing), more members or bytes than the caps, a member streaming more bytes than its
    manifest entry, and any checksum that differs. Returns the manifest and whether it verified.
    """
    seen: dict[str, FileEntry] = {}
    manifest: Manifest | None = None
    body = b""
    verified: bool | None = None  # None until the HMAC was read, or a file came without one
    members = extracted = 0
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                members += 1
                if members > MAX_MEMBERS + 2:
                    raise DamagedArchiveError(f"{archive} holds more than {MAX_MEMBERS:,} files: refused")
                name = _safe_member_name(member)
                if manifest is None:
                    if name != MANIFEST or not member.isreg():
                        raise DamagedArchiveError(f"{archive} does not start with {MANIFEST}: not a Relais backup")
                    body = _read_small(tar, member, MAX_MANIFEST_BYTES)
                    manifest = _parse_manifest(archive, body, into)
                    continue
                if member.isdir():
                    continue
                if name == MANIFEST_HMAC and verified is None:
                    signature = _read_small(tar, member, 256).decode("ascii", "replace").strip()
                    verified = key is not None and hmac.compare_digest(signature, _sign(key, body))
                    _check_trust(archive, verified, trust, key, key_file, signed=True)
                    continue
                if _is_pickle_name(name):
                    raise DamagedArchiveError(
                        f"{archive} holds {name}, a pickle file: loading one can run code, so the archive is "
                        "refused (this Relais keeps the bot state in bot-state.sqlite3); nothing was changed"
                    )
                target = into / name
                if name in seen or name in (MANIFEST, MANIFEST_HMAC) or target.exists():
                    raise DamagedArchiveError(f"{archive} holds {name} twice: not an archive Relais wrote")
                expected = manifest.files.get(name)
                if expected is None:
                    raise DamagedArchiveError(f"{archive} is damaged: {name} is not in the manifest")
                if member.size > MAX_MEMBER_BYTES:
                    raise DamagedArchiveError(f"{archive}: {name} declares {_size(member.size)}, more than the "
                                              f"{_size(MAX_MEMBER_BYTES)} a file may be: refused")
                if verified is None:  # a file before any HMAC: an earlier Relais wrote it, or someone removed it
                    verified = False
                    _check_trust(archive, verified, trust, key, key_file, signed=False)
                target.parent.mkdir(parents=True, exist_ok=True)
                seen[name] = _extract(tar, member, target, limit=expected.size, archive=archive)
                extracted += seen[name].size
                if extracted > MAX_TOTAL_BYTES:
                    raise DamagedArchiveError(f"{archive} holds more than {_size(MAX_TOTAL_BYTES)}: refused")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DamagedArchiveError(f"{archive} is damaged or truncated ({type(exc).__name__}: {exc})") from None
    if manifest is None:
        raise DamagedArchiveError(f"{archive} has no {MANIFEST}: not a Relais backup")
    if verified is None:
        verified = False
        _check_trust(archive, verified, trust, key, key_file, signed=False)
    missing = sorted(set(manifest.files) - set(seen))
    changed = sorted(name for name in manifest.files.keys() & seen.keys() if manifest.files[name] != seen[name])
    for problem, names in (("is missing", missing), ("fails its checksum", changed)):
        if names:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            raise DamagedArchiveError(f"{archive} is damaged: {shown} {problem}")
    return manifest, verified


def _size(count: int) -> str:
    return f"{count / 2**30:,.1f} GiB" if count >= 2**30 else f"{count:,} bytes"


def _read_small(tar: tarfile.TarFile, member: tarfile.TarInfo, limit: int) -> bytes:
    if member.size > limit:
        raise DamagedArchiveError(f"{member.name} declares {_size(member.size)}, more than the {_size(limit)} "
                                  "it may be: refused")
    source = tar.extractfile(member)
    assert source is not None  # a regular file always has content
    with source:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise DamagedArchiveError(f"{member.name} holds more than {_size(limit)}: refused")
    return data


def _parse_manifest(archive: Path, body: bytes, into: Path) -> Manifest:
    """The manifest, checked against the caps and the free space before anything is extracted."""
    try:
        manifest = Manifest.model_validate_json(body)
    except ValidationError as exc:
        raise DamagedArchiveError(f"{archive}: its {MANIFEST} is unreadable ({exc.error_count()} problems)") from None
    if manifest.format != FORMAT:
        raise DamagedArchiveError(f"{archive} is backup format {manifest.format}; this Relais reads format {FORMAT}")
    if len(manifest.files) > MAX_MEMBERS:
        raise DamagedArchiveError(f"{archive} lists {len(manifest.files):,} files, more than {MAX_MEMBERS:,}: refused")
    for name, entry in manifest.files.items():
        if entry.size < 0 or entry.size > MAX_MEMBER_BYTES:
            raise DamagedArchiveError(f"{archive}: its manifest gives {name} {_size(entry.size)}, more than the "
                                      f"{_size(MAX_MEMBER_BYTES)} a file may be: refused")
    total = sum(entry.size for entry in manifest.files.values())
    if total > MAX_TOTAL_BYTES:
        raise DamagedArchiveError(f"{archive}: its manifest adds up to {_size(total)}, more than the "
                                  f"{_size(MAX_TOTAL_BYTES)} a restore may write: refused")
    free = shutil.disk_usage(into).free
    if total + FREE_SPACE_MARGIN > free:
        raise BackupError(f"{archive} needs {_size(total)} and {into.parent} has {_size(free)} free: "
                          "make room, then restore; nothing was changed")
    return manifest


def _check_trust(archive: Path, verified: bool, trust: bool, key: bytes | None, key_file: Path | None,
                 signed: bool) -> None:
    if verified or trust:
        return
    hint = "if you know where it comes from, restore it with `relais restore --trust`; nothing was changed"
    if key is None:
        raise UntrustedArchiveError(
            f"{archive} cannot be checked: this installation has no backup key yet ({key_file}). Copy the "
            f"backup.key of the installation that made it there, or {hint}"
        )
    if not signed:
        raise UntrustedArchiveError(f"{archive} has no {MANIFEST_HMAC} (an older Relais made it, or it was "
                                    f"altered): {hint}")
    raise UntrustedArchiveError(
        f"{archive}: its manifest does not match this installation's backup key ({key_file}): it was altered, "
        f"or another installation made it; {hint}"
    )


def _safe_member_name(member: tarfile.TarInfo) -> str:
    if not (member.isreg() or member.isdir()):
        raise DamagedArchiveError(f"the archive holds {member.name!r}, which is a link or a device: refused")
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in member.name or "\x00" in member.name:
        raise DamagedArchiveError(f"the archive holds the unsafe path {member.name!r}: refused")
    return path.as_posix()


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, limit: int, archive: Path) -> FileEntry:
    """Copy a member out, counting: more bytes than ``limit`` (its manifest entry) stops the restore."""
    digest = hashlib.sha256()
    size = 0
    source = tar.extractfile(member)
    assert source is not None  # a regular file always has content
    with source, open(target, "xb") as file:
        for block in iter(lambda: source.read(1 << 20), b""):
            size += len(block)
            if size > limit:
                raise DamagedArchiveError(f"{archive}: {member.name} holds more than the {_size(limit)} its "
                                          "manifest declares: refused")
            digest.update(block)
            file.write(block)
    return FileEntry(sha256=digest.hexdigest(), size=size)


def restore_backup(settings: Settings, archive: Path, trust: bool = False) -> RestoreReport:
    """Replace the data dir with the archive's content, after checking all of it; the old one is kept beside.

    An archive whose manifest does not verify with this installation's backup key is refused
    unless ``trust``.
    """
    started = time.monotonic()
    archive = archive.expanduser().absolute()
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    data_dir = settings.data_dir.absolute()
    if os.path.ismount(data_dir):
        raise BackupError(
            f"{data_dir} is a mount point, so it cannot be swapped in one rename: point RELAIS_DATA_DIR "
            f"at a folder inside the volume (e.g. {data_dir / 'data'}) and move the data there"
        )
    key = backup_key(settings, create=False)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with _hold_store_lock(settings):
        staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.restore-", dir=data_dir.parent))
        try:
            manifest, verified = read_archive(archive, staging, key, trust=trust, key_file=_key_path(settings))
            (staging / MANIFEST).unlink(missing_ok=True)
            _check_restored(staging, manifest, settings)
            _carry_over(data_dir, staging, manifest)
            _match_owner_and_mode(data_dir, staging)
            previous = _swap_in(staging, data_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    notes = list(manifest.notes)
    if not verified:
        notes.append("Restored with --trust: this archive's manifest is not signed by this installation's backup key.")
    if manifest.store == "server" and not settings.chroma_url:
        notes.append("This backup was taken with a Chroma server: it holds no knowledge vectors. "
                     "Set RELAIS_CHROMA_URL to that server, or run `relais ingest` to rebuild the index.")
    return RestoreReport(
        archive=str(archive),
        data_dir=str(data_dir),
        previous=str(previous) if previous else None,
        verified=verified,
        created_at=manifest.created_at,
        collections=manifest.collections,
        sqlite=manifest.sqlite,
        seconds=round(time.monotonic() - started, 2),
        notes=notes,
    )


def _check_restored(staging: Path, manifest: Manifest, settings: Settings) -> None:
    """The restored files open and hold what the manifest says, before anything is replaced."""
    chroma_name = settings.chroma_dir.name
    if (staging / chroma_name / "chroma.sqlite3").exists():
        try:
            counts = verify_chroma_copy(staging / chroma_name)
        except BackupError as exc:
            raise DamagedArchiveError(f"the knowledge index in the archive does not open: {exc}") from None
        if counts != manifest.collections:
            raise DamagedArchiveError(
                f"the knowledge index in the archive holds {counts}, its manifest says {manifest.collections}"
            )
    for name, expected in manifest.sqlite.items():
        try:
            counts = _table_counts(staging / name)
        except BackupError as exc:
            raise DamagedArchiveError(f"{name} in the archive: {exc}") from None
        if counts != expected:
            raise DamagedArchiveError(f"{name} in the archive holds {counts}, its manifest says {expected}")


def _carry_over(data_dir: Path, staging: Path, manifest: Manifest) -> None:
    """Keep what the archive does not replace (files added since, a server-mode leftover index)."""
    if not data_dir.is_dir():
        return
    replaced = {name.split("/", 1)[0] for name in manifest.files}
    for entry in data_dir.iterdir():
        if entry.name in replaced or entry.name == LOCK_FILE or _transient(entry):
            continue
        if entry.is_dir():
            shutil.copytree(entry, staging / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, staging / entry.name)


def _match_owner_and_mode(data_dir: Path, staging: Path) -> None:
    """A restore run by root must leave files the service user can write."""
    reference = data_dir if data_dir.exists() else data_dir.parent
    info = reference.stat()
    os.chmod(staging, stat.S_IMODE(info.st_mode) if data_dir.exists() else 0o700)
    if os.geteuid() == 0 and (info.st_uid, info.st_gid) != (0, 0):
        for path in [staging, *staging.rglob("*")]:
            os.chown(path, info.st_uid, info.st_gid, follow_symlinks=False)


def _swap_in(staging: Path, data_dir: Path) -> Path | None:
    """Two renames on one file system: the data dir is either the old one or the new one, whole."""
    previous = None
    if data_dir.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        previous = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}")
        number = 1
        while previous.exists():
            number += 1
            previous = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}-{number}")
        os.rename(data_dir, previous)
    try:
        os.rename(staging, data_dir)
    except OSError:
        if previous is not None:
            os.rename(previous, data_dir)
        raise
    return previous


def describe_counts(collections: dict[str, int], databases: dict[str, dict[str, int]]) -> str:
    """``relais_knowledge 512 records; roster.sqlite3: creators 2000`` for people."""
    parts = [f"{name} {count:,} records" for name, count in collections.items()]
    for name, tables in databases.items():
        shown = ", ".join(f"{table} {rows:,}" for table, rows in tables.items() if rows)
        parts.append(f"{name}: {shown or 'empty'}")
    return "; ".join(parts) or "no data"


__all__ = [
    "BackupError", "BackupReport", "DamagedArchiveError", "Manifest", "RestoreReport", "UntrustedArchiveError",
    "backup_key", "create_backup", "read_archive", "restore_backup", "verify_chroma_copy",
]
