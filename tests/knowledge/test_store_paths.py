"""The two ways to reach Chroma: the embedded store behind its lock, and a real `chroma run` server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.wiring import open_knowledge
from knowledge.base import KnowledgeBase
from knowledge.store import StoreError
from tests.knowledge.conftest import GIFTING_EN

RATES = "# Creator rates\n\n## Nano creators\nNano creators often accept a product and a small fee per post instead of a day rate.\n"


def relais(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The `relais` command in another process, with this test's (clean) environment."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True, text=True, timeout=180, env={**os.environ, **(env or {})},
    )


def test_a_second_process_is_told_the_embedded_store_is_busy(shared_kb: KnowledgeBase, tmp_path: Path) -> None:
    document = tmp_path / "rates.md"
    document.write_text(RATES)
    result = relais("ingest", str(document), "--data-dir", str(shared_kb.store.data_dir))
    assert result.returncode == 2
    assert "in use by another Relais process" in result.stderr
    assert f"pid {os.getpid()}" in result.stderr
    assert "RELAIS_CHROMA_URL" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_client_server_path_shares_one_store_between_processes(chroma_server, make_settings, tmp_path: Path) -> None:
    settings = make_settings(chroma_url=chroma_server.url)
    server_env = {"RELAIS_CHROMA_URL": chroma_server.url, "RELAIS_DATA_DIR": str(settings.data_dir)}
    (tmp_path / "gifting.en.md").write_text(GIFTING_EN)
    with open_knowledge(settings) as kb:
        report = kb.ingest([tmp_path / "gifting.en.md"])
        assert report.ok and kb.stats().location == chroma_server.url
        assert kb.ask("How many days before posting should the parcel be shipped?").found

        # Another process writes to the same server while this one has it open: no lock,
        # and this process's BM25 index notices the new passages.
        (tmp_path / "rates.md").write_text(RATES)
        result = relais("ingest", str(tmp_path / "rates.md"), env=server_env)
        assert result.returncode == 0, result.stderr
        assert kb.stats().documents == 2
        answer = kb.ask("Do nano creators accept a product and a small fee per post?")
        assert answer.found and Path(answer.sources[0].source).name == "rates.md"

        assert kb.remove("rates.md") > 0 and kb.stats().documents == 1

        chroma_server.stop()
        with pytest.raises(StoreError, match="does not answer"):
            kb.ask("How many days before posting should the parcel be shipped?")
    down = relais("ask", "parcel timing?", env=server_env)
    assert down.returncode == 2 and "does not answer" in down.stderr and "Traceback" not in down.stderr
