"""Ingestion keeps Chroma in step with the files: idempotent, replaces, prunes, never loses data."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api.models.Collection import Collection

import knowledge.base
from bot.settings import Settings
from bot.wiring import open_knowledge
from knowledge.base import KnowledgeBase
from knowledge.store import KNOWLEDGE_COLLECTION

TIPS_V1 = "# Caption tips\n\n## Length\nKeep sponsored captions under three lines so the disclosure stays visible.\n"
TIPS_V2 = "# Caption tips\n\n## Hashtags\nPut the advertising label before any other hashtag, never hidden among them.\n"
GIVEAWAY = "# Giveaways\n\n## Rules\nA giveaway needs written rules with the closing date and the prizes.\n"


@pytest.fixture
def kb(settings: Settings):
    with open_knowledge(settings) as knowledge:
        yield knowledge


def sources_in(kb: KnowledgeBase) -> dict[str, int]:
    collection = kb._conn.client.get_collection(KNOWLEDGE_COLLECTION)
    counts: dict[str, int] = {}
    for meta in collection.get(include=["metadatas"])["metadatas"]:
        counts[meta["source"]] = counts.get(meta["source"], 0) + 1
    return counts


def test_reingesting_unchanged_files_adds_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "tips.md").write_text(TIPS_V1)
    (docs / "giveaway.md").write_text(GIVEAWAY)
    first = kb.ingest([docs])
    assert sorted(Path(p).name for p in first.added) == ["giveaway.md", "tips.md"]
    before = kb.stats()
    second = kb.ingest([docs, docs / "tips.md"])  # the same file twice is read once
    assert second.added == [] and second.chunks_written == 0
    assert sorted(Path(p).name for p in second.unchanged) == ["giveaway.md", "tips.md"]
    assert kb.stats() == before
    # Sources are stored as absolute paths, whatever form they were given in.
    assert all(Path(source).is_absolute() for source in sources_in(kb))


def test_a_changed_file_replaces_its_old_passages(kb: KnowledgeBase, tmp_path: Path) -> None:
    tips = tmp_path / "tips.md"
    tips.write_text(TIPS_V1)
    kb.ingest([tips])
    tips.write_text(TIPS_V2)
    report = kb.ingest([tips])
    assert report.updated == [str(tips.resolve())]
    texts = " ".join(p.text for p in kb.search("caption tips hashtags length lines", k=10))
    assert "advertising label before any other hashtag" in texts
    assert "three lines" not in texts
    assert sources_in(kb) == {str(tips.resolve()): 1}


def test_prune_drops_deleted_files_and_remove_drops_by_name(kb: KnowledgeBase, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "tips.md").write_text(TIPS_V1)
    (docs / "giveaway.md").write_text(GIVEAWAY)
    kb.ingest([docs])
    (docs / "giveaway.md").unlink()
    without_prune = kb.ingest([docs])
    assert without_prune.removed == [] and len(sources_in(kb)) == 2
    pruned = kb.ingest([docs], prune=True)
    assert pruned.removed == [str((docs / "giveaway.md").resolve())]
    assert list(sources_in(kb)) == [str((docs / "tips.md").resolve())]

    assert kb.remove("no-such-file.md") == 0
    assert kb.remove("tips.md") == 1  # a unique file name is enough
    assert kb.stats().chunks == 0


def test_remove_a_folder_removes_every_document_under_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "tips.md").write_text(TIPS_V1)
    (tmp_path / "giveaway.md").write_text(GIVEAWAY)
    kb.ingest([tmp_path / "a", tmp_path / "giveaway.md"])
    assert kb.remove(str(tmp_path / "a")) == 1
    assert list(sources_in(kb)) == [str((tmp_path / "giveaway.md").resolve())]


def test_bad_files_are_reported_by_name_and_nothing_indexed_is_lost(
    kb: KnowledgeBase, tmp_path: Path, make_settings
) -> None:
    good = tmp_path / "tips.md"
    good.write_text(TIPS_V1)
    kb.ingest([good])
    before = kb.stats()

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<< truncated")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "photo.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "giveaway.md").write_text(GIVEAWAY)
    (bad / "huge.md").write_text("# Huge\n\n" + "x" * 200_000)
    (bad / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (bad / "rules.md").write_text("----\n\n***\n")
    (bad / ".hidden.md").write_text(GIVEAWAY)
    # The file that used to be good is now corrupt: its indexed version must survive.
    good.write_bytes(b"\x00\x01\x02 binary now")

    kb.max_file_bytes = int(0.1 * 2**20)  # as RELAIS_MAX_FILE_MB=0.1 would
    report = kb.ingest([bad, good, tmp_path / "missing.md"])

    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert "not a readable PDF" in reasons["broken.pdf"]
    assert reasons["empty.txt"] == "empty file"
    assert "binary content" in reasons["photo.txt"]
    assert "RELAIS_MAX_FILE_MB" in reasons["huge.md"]
    assert "binary content" in reasons["tips.md"]
    assert reasons["missing.md"] == "no such file or folder"
    assert reasons["rules.md"] == "no words in this file"
    assert [Path(s.path).name for s in report.skipped] == ["sheet.xlsx"]  # inside a folder: skipped, not failed
    assert [Path(p).name for p in report.added] == ["giveaway.md"]
    assert not report.ok

    assert sources_in(kb)[str(good.resolve())] == before.chunks  # the old version is still there
    passages = kb.search("sponsored captions three lines disclosure", k=3)
    assert any("three lines" in p.text for p in passages)


def test_an_unsupported_file_named_directly_fails(kb: KnowledgeBase, tmp_path: Path) -> None:
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    report = kb.ingest([sheet])
    assert [(Path(f.path).name, f.reason.split(" (")[0]) for f in report.failed] == [("budget.xlsx", "unsupported file type")]


def test_a_failed_write_is_rolled_back_and_the_old_version_kept(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tips = tmp_path / "tips.md"
    tips.write_text(TIPS_V1)
    kb.ingest([tips])
    old_ids = set(kb._collection.get(include=[])["ids"])

    # The new version has several passages, written one per batch; Chroma fails on the second.
    tips.write_text("# Caption tips\n\n" + "\n\n".join(
        f"## Rule {i}\nRule number {i} says the label must be readable on a phone screen at a glance." for i in range(8)
    ))
    monkeypatch.setattr(knowledge.base, "WRITE_BATCH", 1)
    real_upsert = Collection.upsert
    calls = {"n": 0}

    def failing_upsert(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_upsert(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "upsert", failing_upsert)
    report = kb.ingest([tips])
    assert calls["n"] == 2
    assert [Path(f.path).name for f in report.failed] == ["tips.md"]
    assert "previous version is kept" in report.failed[0].reason and "disk full" in report.failed[0].reason
    assert set(kb._collection.get(include=[])["ids"]) == old_ids  # no partial new version left behind

    monkeypatch.setattr(Collection, "upsert", real_upsert)
    retry = kb.ingest([tips])
    assert retry.updated == [str(tips.resolve())]
    assert sources_in(kb)[str(tips.resolve())] == retry.chunks_written > 1


def test_progress_callback_sees_every_file(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "tips.md").write_text(TIPS_V1)
    (tmp_path / "giveaway.md").write_text(GIVEAWAY)
    seen = []
    kb.ingest([tmp_path], progress=lambda done, total, path: seen.append((done, total, Path(path).name)))
    assert seen == [(1, 2, "giveaway.md"), (2, 2, "tips.md")]
