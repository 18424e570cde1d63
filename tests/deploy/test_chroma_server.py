"""Client/server mode for real: Relais against a `chroma run` server that goes away and comes back.

With RELAIS_CHROMA_URL every Chroma use goes to the server: the knowledge index and the
creators' topic vectors. Nothing is written to the local Chroma directory, two processes use
the store at once (the long-running Assistant, as in the bot, and `relais` commands), a server
that stops gives a clear error (no traceback; names the server and what to do) and, once it is
back, everything is as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from bot.settings import Settings
from knowledge.store import KNOWLEDGE_COLLECTION, TOPICS_COLLECTION, StoreError
from tests.conftest import ROOT

QUESTION = "Pourquoi les marques travaillent-elles avec des micro-influenceurs ?"
NICHE = "cosmétiques naturels"


def relais(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], env={**clean, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def assert_clear_store_error(result: subprocess.CompletedProcess, url: str) -> None:
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert url in result.stderr and "chroma run" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def server_counts(url: str) -> dict[str, int]:
    """What the server itself holds, asked directly."""
    host, port = url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False))
    return {collection.name: collection.count() for collection in client.list_collections()}


@pytest.mark.slow
def test_bot_and_cli_share_a_server_that_goes_away_and_comes_back(
    tmp_path: Path, chroma_server, seeds_dir: Path
) -> None:
    from bot.assistant import Assistant
    from scoring.models import ShortlistRequest
    from scoring.sample import generate_sample

    data_dir = tmp_path / "data"
    env = {"RELAIS_CHROMA_URL": chroma_server.url, "RELAIS_DATA_DIR": str(data_dir)}
    settings = Settings(_env_file=None, data_dir=data_dir, chroma_url=chroma_server.url)
    seeds = sorted(seeds_dir.glob("*.txt"))
    request = ShortlistRequest(niche=NICHE)

    with Assistant.open(settings) as assistant:  # the long-running process, as in the bot
        assert assistant.ingest(seeds[:2]).ok
        imported = assistant.roster.import_file(generate_sample(tmp_path / "roster.csv", count=60, seed=3))
        assert imported.created == 60
        shortlist = assistant.shortlist(request)
        assert shortlist.creators

        # A second process writes and reads the same store meanwhile: no lock in client/server mode.
        ok(relais(env, "ingest", str(seeds[2])))
        before = assistant.knowledge.stats()
        assert before.documents == 3
        answer = assistant.ask(QUESTION)
        assert answer.found and answer.sources
        assert json.loads(ok(relais(env, "ask", QUESTION, "--json")).stdout) == json.loads(answer.model_dump_json())

        stored = server_counts(chroma_server.url)
        assert stored[KNOWLEDGE_COLLECTION] == before.chunks and stored[TOPICS_COLLECTION] > 0
        assert not (data_dir / "chroma" / "chroma.sqlite3").exists(), "nothing goes to the embedded store"

        chroma_server.stop()
        with pytest.raises(StoreError, match=chroma_server.url):
            assistant.ask(QUESTION)
        assert_clear_store_error(relais(env, "ask", QUESTION, "--json"), chroma_server.url)
        assert_clear_store_error(relais(env, "ingest", str(seeds[3])), chroma_server.url)
        # The topic vectors in Chroma are only a cache: shortlists go on, the same.
        assert assistant.shortlist(request) == shortlist

        chroma_server.start()  # same path, same port
        assert assistant.knowledge.stats() == before  # the same client recovers, nothing lost
        assert assistant.ask(QUESTION) == answer

    assert server_counts(chroma_server.url) == stored
    cli_shortlist = json.loads(ok(relais(env, "shortlist", NICHE, "--json")).stdout)
    ranked = [(c.handle, c.platform, round(c.score, 1)) for c in shortlist.creators]
    assert [(c["handle"], c["platform"], round(c["score"], 1)) for c in cli_shortlist["creators"]] == ranked


def test_restore_is_refused_while_the_console_runs_in_server_mode(tmp_path: Path, chroma_server) -> None:
    """With RELAIS_CHROMA_URL no embedded store is opened, yet the running chat still holds the data dir."""
    import time

    from bot.backup import create_backup
    from knowledge.store import lock_holder

    source = tmp_path / "source"
    source.mkdir()
    (source / "notes.txt").write_text("from another day\n")
    archive = tmp_path / "relais.tar.gz"
    key_file = tmp_path / "config" / "backup.key"  # never the developer's own key
    create_backup(Settings(_env_file=None, data_dir=source, chroma_url=chroma_server.url, backup_key_file=key_file),
                  archive)

    data_dir = tmp_path / "data"
    env = {"RELAIS_CHROMA_URL": chroma_server.url, "RELAIS_DATA_DIR": str(data_dir),
           "RELAIS_BACKUP_KEY_FILE": str(key_file)}
    clean = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat", "--lang", "en"], env={**clean, **env, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    settings = Settings(_env_file=None, data_dir=data_dir, chroma_url=chroma_server.url)
    try:
        deadline = time.monotonic() + 60
        while lock_holder(settings.store) != chat.pid and time.monotonic() < deadline:
            assert chat.poll() is None, "relais chat ended before it held the data dir"
            time.sleep(0.1)
        assert lock_holder(settings.store) == chat.pid
        refused = relais(env, "restore", str(archive))
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert f"pid {chat.pid}" in refused.stderr and "stop it first" in refused.stderr
        assert not (data_dir / "notes.txt").exists()
    finally:
        chat.kill()
        chat.wait()
    ok(relais(env, "restore", str(archive)))  # once the chat has stopped, it goes through
    assert (data_dir / "notes.txt").read_text() == "from another day\n"
