"""When the old version cannot be deleted after the new one is written, the report says both are searchable."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api.models.Collection import Collection

from bot.settings import Settings
from bot.wiring import open_knowledge

V1 = "# Caption tips\n\n## Length\nKeep sponsored captions under three lines so the disclosure stays visible.\n"
V2 = "# Caption tips\n\n## Hashtags\nPut the advertising label before any other hashtag, never hidden among them.\n"


def test_a_failed_delete_of_the_old_version_is_reported_truthfully(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tips = tmp_path / "tips.md"
    tips.write_text(V1)
    with open_knowledge(settings) as kb:
        kb.ingest([tips])
        tips.write_text(V2)
        real_delete = Collection.delete

        def failing_delete(self, ids=None, where=None, **kwargs):
            if where is not None:  # the removal of the old version, after the new one is stored
                raise RuntimeError("disk full")
            return real_delete(self, ids=ids, where=where, **kwargs)

        monkeypatch.setattr(Collection, "delete", failing_delete)
        report = kb.ingest([tips])
        assert [Path(f.path).name for f in report.failed] == ["tips.md"]
        reason = report.failed[0].reason
        assert "both versions are searchable" in reason and "disk full" in reason
        assert "previous version is kept" not in reason
        texts = kb._collection.get(include=["documents"])["documents"]
        assert any("three lines" in t for t in texts) and any("advertising label" in t for t in texts)

        monkeypatch.setattr(Collection, "delete", real_delete)
        retry = kb.ingest([tips])
        assert retry.updated == [str(tips.resolve())]
        texts = kb._collection.get(include=["documents"])["documents"]
        assert not any("three lines" in t for t in texts)
