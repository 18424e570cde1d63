"""The Chroma connection: one embedded writer per data dir, shared within a process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import Settings
from knowledge.store import StoreBusyError, StoreUnavailableError, connect, release

HOLD_STORE = """
import sys, time
from bot.settings import Settings
from knowledge.store import connect
conn = connect(Settings(_env_file=None, data_dir=sys.argv[1]).store)
conn.collection("relais_probe").add(ids=["a"], embeddings=[[1.0, 0.0]], documents=["x"])
print("ready", flush=True)
time.sleep(60)
"""


def test_within_one_process_the_connection_is_shared(settings: Settings) -> None:
    first = connect(settings.store)
    second = connect(settings.store)
    try:
        assert first is second
        first.collection("relais_probe").add(ids=["1"], embeddings=[[0.1, 0.2]], documents=["d"])
        assert second.collection("relais_probe").count() == 1
    finally:
        release(second)
        release(first)


def test_a_second_process_is_told_who_holds_the_embedded_store(settings: Settings) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(settings.data_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusyError) as caught:
            connect(settings.store)
        message = str(caught.value)
        assert f"pid {holder.pid}" in message
        assert "RELAIS_CHROMA_URL" in message
    finally:
        holder.kill()
        holder.wait()
    # Once the holder is gone, the store opens and what it wrote is there.
    conn = connect(settings.store)
    try:
        assert conn.collection("relais_probe").count() == 1
    finally:
        release(conn)


def test_released_store_reopens_with_its_data(settings: Settings) -> None:
    conn = connect(settings.store)
    conn.collection("relais_probe").add(ids=["k"], embeddings=[[0.3, 0.4]], documents=["kept"])
    release(conn)
    conn = connect(settings.store)
    try:
        assert conn.collection("relais_probe").get(ids=["k"])["documents"] == ["kept"]
    finally:
        release(conn)


def test_server_mode_talks_to_a_real_chroma_server(make_settings, chroma_server) -> None:
    settings = make_settings(chroma_url=chroma_server.url)
    conn = connect(settings.store)
    try:
        assert conn.is_server
        conn.collection("relais_probe").add(ids=["s"], embeddings=[[0.5, 0.5]], documents=["on the server"])
        assert conn.collection("relais_probe").count() == 1
        assert not (settings.data_dir / "chroma.lock").exists()
    finally:
        release(conn)


def test_an_unreachable_server_gives_a_clear_error(make_settings) -> None:
    from tests.conftest import free_port

    settings = make_settings(chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailableError) as caught:
        conn = connect(settings.store)
        try:
            conn.collection("relais_probe")
        finally:
            release(conn)
    assert "does not answer" in str(caught.value)
