"""`relais backup` / `relais restore`: consistent archives of a live store, and a restore that checks before it touches."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import hmac
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import pytest

from bot.backup import (
    MANIFEST,
    MANIFEST_HMAC,
    BackupError,
    DamagedArchiveError,
    Manifest,
    UntrustedArchiveError,
    create_backup,
    restore_backup,
    verify_chroma_copy,
)
from bot.settings import Settings
from bot.telegram.state import open_persistence
from knowledge.store import KNOWLEDGE_COLLECTION
from tests.conftest import ROOT

QUESTION = "Pourquoi les marques travaillent-elles avec des micro-influenceurs ?"
NICHE = "cosmétiques naturels"


# This installation's backup key for the whole module, outside every data dir (set by `backup_key_file`).
KEY_FILE: Path = Path("/nonexistent/backup.key")


@pytest.fixture(scope="module", autouse=True)
def backup_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    global KEY_FILE
    KEY_FILE = tmp_path_factory.mktemp("config") / "relais" / "backup.key"
    return KEY_FILE


def settings_for(data_dir: Path, **overrides: object) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, **{"backup_key_file": KEY_FILE, **overrides})


def relais(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**clean, "RELAIS_BACKUP_KEY_FILE": str(KEY_FILE), **(env or {}), "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )


def ask(data_dir: Path) -> dict:
    from bot.wiring import open_knowledge

    with open_knowledge(settings_for(data_dir)) as knowledge:
        stats = knowledge.stats()
        answer = knowledge.ask(QUESTION)
    return {"documents": stats.documents, "chunks": stats.chunks, "answer": answer.model_dump()}


def shortlist(data_dir: Path) -> dict:
    from bot.wiring import open_roster
    from scoring.models import ShortlistRequest
    from scoring.shortlist import shortlist_creators

    with open_roster(settings_for(data_dir)) as roster:
        return {"creators": roster.count(), "shortlist": shortlist_creators(roster, ShortlistRequest(niche=NICHE)).model_dump()}


def tree_digest(directory: Path) -> dict[str, str]:
    """Every data file under ``directory`` with its SHA-256: what "untouched" means.

    The lock file is not data: whoever takes the lock writes its pid there.
    """
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.name != "chroma.lock"
    }


@pytest.fixture(scope="module")
def live_data(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, dict]:
    """A data dir with two seed articles indexed, a small roster, a bot state file and a stray file;
    plus what `ask` and a shortlist give."""
    from bot.wiring import open_knowledge, open_roster
    from scoring.sample import generate_sample

    data_dir = tmp_path_factory.mktemp("live") / "data"
    seeds = sorted(seeds_dir.glob("*.txt"))[:2]
    with open_knowledge(settings_for(data_dir)) as knowledge:
        report = knowledge.ingest(seeds)
    assert report.ok and len(report.added) == 2
    sample = generate_sample(data_dir.parent / "roster.csv", count=120, seed=11)
    with open_roster(settings_for(data_dir)) as roster:
        assert roster.import_file(sample).created == 120
    asyncio.run(_write_bot_state(data_dir / "bot-state.sqlite3", {42: {"lang": "fr"}}))
    (data_dir / "notes.txt").write_text("kept by backups too\n")
    return data_dir, {**ask(data_dir), **shortlist(data_dir)}


async def _write_bot_state(path: Path, users: dict) -> None:
    persistence = open_persistence(path)
    for user_id, data in users.items():
        await persistence.update_user_data(user_id, data)
    await persistence.flush()


async def _read_bot_state(path: Path) -> dict:
    persistence = open_persistence(path)
    try:
        return await persistence.get_user_data()
    finally:
        await persistence.flush()


@pytest.fixture(scope="module")
def archive(live_data, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir, _ = live_data
    out = tmp_path_factory.mktemp("backups") / "relais.tar.gz"
    result = relais("backup", str(out), "--data-dir", str(data_dir), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["archive"] == str(out) and report["collections"][KNOWLEDGE_COLLECTION] > 0
    return out


def test_backup_then_restore_into_a_fresh_data_dir_gives_the_same_answer(live_data, archive, tmp_path: Path) -> None:
    _, before = live_data
    fresh = tmp_path / "restored"
    result = relais("restore", str(archive), "--data-dir", str(fresh))
    assert result.returncode == 0, result.stderr
    assert f"Restored {fresh}" in result.stdout
    assert not (fresh / "chroma.lock").exists()
    assert {**ask(fresh), **shortlist(fresh)} == before
    assert before["creators"] == 120 and before["shortlist"]["creators"]
    assert before["answer"]["found"] and before["answer"]["sources"]
    assert asyncio.run(_read_bot_state(fresh / "bot-state.sqlite3")) == {42: {"lang": "fr"}}
    assert (fresh / "notes.txt").read_text() == "kept by backups too\n"
    assert [path.name for path in tmp_path.iterdir()] == ["restored"]  # no temporary folder left behind


def test_archive_holds_a_manifest_with_checksums_and_versions(archive: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = Manifest.model_validate_json(tar.extractfile(MANIFEST).read())
        for name, entry in manifest.files.items():
            assert hashlib.sha256(tar.extractfile(name).read()).hexdigest() == entry.sha256
    assert names[:2] == [MANIFEST, MANIFEST_HMAC] and sorted(names[2:]) == sorted(manifest.files)
    assert {"chroma/chroma.sqlite3", "bot-state.sqlite3", "roster.sqlite3"} <= set(manifest.files)
    assert manifest.sqlite["bot-state.sqlite3"]["data"] == 1
    assert manifest.sqlite["roster.sqlite3"]["creators"] == 120
    assert not any(name.endswith(("-wal", "-shm", ".lock")) for name in manifest.files)
    assert manifest.store == "embedded" and manifest.chromadb_version.startswith("1.")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


def test_restore_over_existing_data_keeps_the_previous_copy(live_data, archive, tmp_path: Path) -> None:
    _, before = live_data
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "bot-state.sqlite3").write_bytes(b"newer state")
    (data_dir / "uploads").mkdir()
    (data_dir / "uploads" / "brief.docx").write_bytes(b"added after the backup")
    report = restore_backup(settings_for(data_dir), archive)
    assert report.previous and Path(report.previous).parent == tmp_path
    assert (Path(report.previous) / "bot-state.sqlite3").read_bytes() == b"newer state"
    assert (data_dir / "uploads" / "brief.docx").read_bytes() == b"added after the backup"  # not in the archive: kept
    assert (data_dir / "bot-state.sqlite3").read_bytes() != b"newer state"
    assert {**ask(data_dir), **shortlist(data_dir)} == before


def _rewrite(archive: Path, out: Path, edit) -> Path:
    """Copy ``archive`` member by member through ``edit(name, data) -> [(TarInfo, data)]``."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as target:
        for member in source:
            for info, data in edit(member.name, source.extractfile(member).read()):
                target.addfile(info, io.BytesIO(data) if data is not None else None)
    return out


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _link(name: str, target: str) -> tuple[tarfile.TarInfo, None]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.SYMTYPE, target
    return info, None


def damaged_archives(archive: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    raw = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(raw[: len(raw) // 2])
    flipped = tmp_path / "flipped.tar.gz"
    middle = len(raw) // 2
    flipped.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :])
    not_gzip = tmp_path / "notes.tar.gz"
    not_gzip.write_text("not an archive")
    plain_tar = tmp_path / "plain.tar.gz"
    with tarfile.open(plain_tar, "w:gz") as tar:
        info, data = _file("something.txt", b"hello")
        tar.addfile(info, io.BytesIO(data))

    def tamper(name, data):
        return [_file(name, data.replace(b"kept by", b"KEPT BY") if name == "notes.txt" else data)]

    def traversal(name, data):
        return [_file(name, data)] + ([_file("../outside.txt", b"escaped")] if name == MANIFEST else [])

    def symlink(name, data):
        return [_link("notes.txt", "/etc/passwd") if name == "notes.txt" else _file(name, data)]

    def missing(name, data):
        return [] if name == "bot-state.sqlite3" else [_file(name, data)]

    def extra(name, data):
        return [_file(name, data)] + ([_file("unexpected.bin", b"\0" * 10)] if name == MANIFEST else [])

    return {
        "truncated": (truncated, "damaged or truncated"),
        "flipped byte": (flipped, "damaged"),
        "not a gzip": (not_gzip, "damaged or truncated"),
        "no manifest": (plain_tar, "not a Relais backup"),
        "edited member": (_rewrite(archive, tmp_path / "tampered.tar.gz", tamper), "notes.txt fails its checksum"),
        "path traversal": (_rewrite(archive, tmp_path / "traversal.tar.gz", traversal), "unsafe path '../outside.txt'"),
        "symlink": (_rewrite(archive, tmp_path / "symlink.tar.gz", symlink), "is a link or a device"),
        "missing member": (_rewrite(archive, tmp_path / "missing.tar.gz", missing), "bot-state.sqlite3 is missing"),
        "extra member": (_rewrite(archive, tmp_path / "extra.tar.gz", extra), "unexpected.bin is not in the manifest"),
    }


def test_damaged_archives_are_refused_and_the_data_is_untouched(live_data, archive, tmp_path: Path) -> None:
    data_dir = tmp_path / "current"
    shutil.copytree(live_data[0], data_dir)
    before = tree_digest(data_dir)
    (tmp_path / "broken").mkdir()
    for case, (broken, message) in damaged_archives(archive, tmp_path / "broken").items():
        with pytest.raises(DamagedArchiveError) as refused:
            restore_backup(settings_for(data_dir), broken)
        assert message in str(refused.value), case
        assert tree_digest(data_dir) == before, case
        assert sorted(path.name for path in tmp_path.iterdir()) == ["broken", "current"], case
    assert not (tmp_path / "outside.txt").exists()


def test_cli_refuses_a_truncated_archive_with_one_clear_line(live_data, archive, tmp_path: Path) -> None:
    data_dir = tmp_path / "current"
    shutil.copytree(live_data[0], data_dir)
    before = tree_digest(data_dir)
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:4096])
    result = relais("restore", str(truncated), "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert "damaged or truncated" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(data_dir) == before


def test_restore_is_refused_while_the_bot_holds_the_store(live_data, archive, tmp_path: Path, store_holder) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(live_data[0], data_dir)
    holder = store_holder(data_dir)
    before = tree_digest(data_dir / "chroma")
    with pytest.raises(BackupError, match=f"in use by pid {holder.pid} .*stop it first"):
        restore_backup(settings_for(data_dir), archive)
    holder.stop()
    assert tree_digest(data_dir / "chroma") == before
    restore_backup(settings_for(data_dir), archive)  # once the bot is stopped, it goes through


def test_backup_while_another_process_writes_restores_to_a_working_index(
    live_data, tmp_path: Path, store_holder
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(live_data[0], data_dir)
    knowledge_chunks = live_data[1]["chunks"]
    # 3,000 vectors in batches of 50: Chroma rewrites its HNSW files every 1,000, between backups.
    holder = store_holder(data_dir, batches=60)
    reports, errors, writing = [], [], threading.Event()
    writing.set()

    def back_up_until_the_writes_end() -> None:
        while writing.is_set() and len(reports) < 40:
            try:
                reports.append(create_backup(settings_for(data_dir), tmp_path / f"live-{len(reports)}.tar.gz"))
            except BackupError as exc:
                errors.append(exc)
            time.sleep(0.2)

    thread = threading.Thread(target=back_up_until_the_writes_end)
    thread.start()
    final = holder.wait_written()
    writing.clear()
    thread.join()
    assert not errors and final == 3000
    counts = [report.collections.get("relais_load_test", 0) for report in reports]
    assert counts == sorted(counts), "snapshots of a growing collection"
    assert any(1000 <= count < final for count in counts), f"no backup after an HNSW rewrite: {counts}"
    assert all(report.collections[KNOWLEDGE_COLLECTION] == knowledge_chunks for report in reports)
    for number in sorted({0, len(reports) // 2, len(reports) - 1}):
        report = reports[number]
        restored = tmp_path / f"restored-{number}"
        result = restore_backup(settings_for(restored), Path(report.archive))
        assert result.collections == report.collections
        # Every vector reads back, and the counts are the snapshot's.
        assert verify_chroma_copy(restored / "chroma") == report.collections
    assert ask(tmp_path / f"restored-{len(reports) - 1}")["answer"] == live_data[1]["answer"]
    assert shortlist(tmp_path / f"restored-{len(reports) - 1}")["shortlist"] == live_data[1]["shortlist"]


def test_server_mode_backs_up_local_files_and_says_where_the_vectors_are(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "notes.txt").write_text("server mode\n")
    settings = settings_for(data_dir, chroma_url="http://chroma.internal:8000")
    report = create_backup(settings, tmp_path / "server.tar.gz")
    assert report.collections == {} and report.files == 1
    assert any("http://chroma.internal:8000" in note and "volume" in note for note in report.notes)
    with tarfile.open(tmp_path / "server.tar.gz", "r:gz") as tar:
        manifest = Manifest.model_validate_json(tar.extractfile(MANIFEST).read())
    assert manifest.store == "server" and not any(name.startswith("chroma/") for name in manifest.files)
    restored = restore_backup(settings_for(tmp_path / "elsewhere"), tmp_path / "server.tar.gz")
    assert any("RELAIS_CHROMA_URL" in note for note in restored.notes)


def test_clear_errors_for_impossible_requests(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        create_backup(settings_for(tmp_path / "missing"), tmp_path / "x.tar.gz")
    (tmp_path / "data").mkdir()
    with pytest.raises(BackupError, match="the folder .* does not exist"):
        create_backup(settings_for(tmp_path / "data"), tmp_path / "no" / "x.tar.gz")
    with pytest.raises(BackupError, match="no such file"):
        restore_backup(settings_for(tmp_path / "data"), tmp_path / "nothing.tar.gz")
    archive = tmp_path / "a.tar.gz"
    with gzip.open(archive, "wb") as file:
        file.write(b"x")
    with pytest.raises(BackupError, match="mount point"):
        restore_backup(settings_for(Path("/proc")), archive)


def _forged(archive: Path, out: Path, change_files, extra: list[tuple[str, bytes]] = (), notes: bytes | None = None) -> Path:
    """A copy of ``archive`` whose manifest lists ``change_files(files)``, with members added
    and notes.txt replaced; the manifest's checksums are recomputed, its HMAC left as it was."""
    def edit(name, data):
        if name == MANIFEST:
            manifest = json.loads(data)
            if notes is not None:
                manifest["files"]["notes.txt"] = {"sha256": hashlib.sha256(notes).hexdigest(), "size": len(notes)}
            for member, content in extra:
                manifest["files"][member] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            manifest["files"] = change_files(manifest["files"])
            return [_file(name, json.dumps(manifest).encode())]
        if name == "notes.txt" and notes is not None:
            return [_file(name, notes)]
        if name == MANIFEST_HMAC:
            return [_file(name, data)] + [_file(member, content) for member, content in extra]
        return [_file(name, data)]

    return _rewrite(archive, out, edit)


class _RunsACommand:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_hostile_archives_are_refused_before_anything_is_extracted(live_data, archive, tmp_path: Path) -> None:
    data_dir = tmp_path / "current"
    shutil.copytree(live_data[0], data_dir)
    before = tree_digest(data_dir)
    marker = tmp_path / "pwned"
    (tmp_path / "hostile").mkdir()
    keep = lambda files: files
    cases = {
        # checksums recomputed, but the HMAC was made for the original manifest
        "forged manifest": (_forged(archive, tmp_path / "hostile" / "forged.tar.gz", keep, notes=b"edited\n"),
                            False, "does not match this installation's backup key"),
        "pickle payload": (_forged(archive, tmp_path / "hostile" / "pickle.tar.gz", keep,
                                   extra=[("bot-state.pickle", pickle.dumps(_RunsACommand(marker)))]),
                           True, "bot-state.pickle, a pickle file"),
        # only Chroma's own segment pickle (read by its Rust core, no code runs) may travel
        "pickle in the index": (_forged(archive, tmp_path / "hostile" / "chroma-pickle.tar.gz", keep,
                                        extra=[("chroma/state.pickle", pickle.dumps(_RunsACommand(marker)))]),
                                True, "chroma/state.pickle, a pickle file"),
        "streams more than declared": (_forged(archive, tmp_path / "hostile" / "more.tar.gz",
                                               lambda files: {**files, "notes.txt": {**files["notes.txt"], "size": 5}}),
                                       True, "notes.txt holds more than the 5 bytes its manifest declares"),
        "declared huge": (_forged(archive, tmp_path / "hostile" / "huge.tar.gz",
                                  lambda files: {**files, "notes.txt": {**files["notes.txt"], "size": 2**40}}),
                          True, "more than the 64.0 GiB a file may be"),
    }
    for case, (hostile, trust, message) in cases.items():
        with pytest.raises(DamagedArchiveError) as refused:
            restore_backup(settings_for(data_dir), hostile, trust=trust)
        assert message in str(refused.value), (case, str(refused.value))
        assert tree_digest(data_dir) == before, case
        assert sorted(path.name for path in tmp_path.iterdir()) == ["current", "hostile"], case
    assert not marker.exists()
    result = relais("restore", str(cases["forged manifest"][0]), "--data-dir", str(data_dir))
    assert result.returncode == 2 and "--trust" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(data_dir) == before


def test_a_foreign_archive_needs_trust_and_our_own_does_not(live_data, archive, tmp_path: Path) -> None:
    other_key = tmp_path / "elsewhere" / "backup.key"
    foreign = tmp_path / "foreign.tar.gz"
    create_backup(Settings(_env_file=None, data_dir=live_data[0], backup_key_file=other_key), foreign)
    assert oct(other_key.stat().st_mode & 0o777) == "0o600" and KEY_FILE.read_text() != other_key.read_text()
    data_dir = tmp_path / "data"
    with pytest.raises(UntrustedArchiveError, match="another installation"):
        restore_backup(settings_for(data_dir), foreign)
    assert not data_dir.exists()
    result = relais("restore", str(foreign), "--trust", "--data-dir", str(data_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verified"] is False
    assert asyncio.run(_read_bot_state(data_dir / "bot-state.sqlite3")) == {42: {"lang": "fr"}}
    mine = restore_backup(settings_for(tmp_path / "mine"), archive)  # made with this installation's key
    assert mine.verified and not any("--trust" in note for note in mine.notes)


def test_backups_leave_pickle_files_out_and_the_key_outside_the_data_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "bot-state.pickle").write_bytes(pickle.dumps({"user_data": {}}))
    (data_dir / "notes.txt").write_text("kept\n")
    report = create_backup(settings_for(data_dir), tmp_path / "a.tar.gz")
    assert report.files == 1 and any("bot-state.pickle" in note for note in report.notes)
    with tarfile.open(tmp_path / "a.tar.gz", "r:gz") as tar:
        assert not any(".pickle" in name for name in tar.getnames())
        body = tar.extractfile(MANIFEST).read()
        signature = tar.extractfile(MANIFEST_HMAC).read().decode()
    assert hmac.compare_digest(signature, hmac.new(bytes.fromhex(KEY_FILE.read_text()), body, "sha256").hexdigest())
    with pytest.raises(BackupError, match="inside the data dir"):
        create_backup(settings_for(data_dir, backup_key_file=data_dir / "backup.key"), tmp_path / "b.tar.gz")
