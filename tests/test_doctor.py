"""`relais doctor`: real checks against servers started here (a fake Bot API and LLM, a real Chroma server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.doctor import Check, diagnose, exit_code, format_check
from tests.conftest import GOOD_TOKEN, ROOT, free_port

WRONG_TOKEN = "7012345678:AAHk3v9Zq-wrongTestToken_zyxwvutsrqpo"


def checks_by_name(data_dir: Path, quick: bool = False, **kwargs) -> dict[str, Check]:
    return {check.name: check for check in diagnose(data_dir, quick=quick, **kwargs)}


def run_doctor(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "doctor", *args], env={**clean, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


def test_fresh_install_passes_quick_and_full_says_what_to_do(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    quick = list(diagnose(data_dir, quick=True))
    assert [check.name for check in quick] == ["settings", "data dir", "store"]
    assert exit_code(quick) == 0
    assert not data_dir.exists(), "doctor creates nothing"

    full = checks_by_name(data_dir)
    assert full["knowledge"].status == "fail" and "relais start" in full["knowledge"].detail
    assert full["roster"].status == "fail" and "relais creators import" in full["roster"].detail
    assert full["telegram"].status == "info" and "RELAIS_TELEGRAM_TOKEN" in full["telegram"].detail
    assert full["llm"].status == "ok" and full["embeddings"].status == "ok"
    assert "384-d" in full["embeddings"].detail
    assert not data_dir.exists()


def test_token_accepted_by_the_bot_api(tmp_path: Path, monkeypatch, fake_services) -> None:
    monkeypatch.setenv("RELAIS_TELEGRAM_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("RELAIS_TELEGRAM_API_URL", f"{fake_services.url}/bot")
    telegram = checks_by_name(tmp_path / "data")["telegram"]
    assert telegram.status == "ok"
    assert "@relais_test_bot" in telegram.detail and GOOD_TOKEN not in telegram.detail
    assert fake_services.requests == [f"/bot{GOOD_TOKEN}/getMe"]


def test_rejected_token_fails_and_is_never_printed(tmp_path: Path, fake_services) -> None:
    result = run_doctor({
        "RELAIS_DATA_DIR": str(tmp_path / "data"),
        "RELAIS_TELEGRAM_TOKEN": WRONG_TOKEN,
        "RELAIS_TELEGRAM_API_URL": f"{fake_services.url}/bot",
    })
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if line.split()[1:2] == ["telegram"]]
    assert line.startswith("fail") and "rejected the token (401)" in line and "RELAIS_TELEGRAM_TOKEN" in line
    for secret in (WRONG_TOKEN, WRONG_TOKEN.split(":")[1]):
        assert secret not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_bot_api_names_the_host_not_the_token(tmp_path: Path, monkeypatch) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("RELAIS_TELEGRAM_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("RELAIS_TELEGRAM_API_URL", f"http://127.0.0.1:{port}/bot")
    telegram = checks_by_name(tmp_path / "data")["telegram"]
    assert telegram.status == "fail"
    assert f"127.0.0.1:{port}" in telegram.detail and "ConnectError" in telegram.detail
    assert GOOD_TOKEN.split(":")[1] not in telegram.detail


def test_unreachable_llm_fails_fast_with_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RELAIS_LLM_PROVIDER", "openai")
    monkeypatch.setenv("RELAIS_LLM_MODEL", "relais-test-model")
    monkeypatch.setenv("RELAIS_LLM_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    started = time.monotonic()
    llm = checks_by_name(tmp_path / "data")["llm"]
    assert time.monotonic() - started < 30
    assert llm.status == "fail"
    assert "does not answer (ConnectError)" in llm.detail and "RELAIS_LLM_BASE_URL" in llm.detail


def test_llm_endpoint_key_and_model(tmp_path: Path, monkeypatch, fake_services) -> None:
    monkeypatch.setenv("RELAIS_LLM_PROVIDER", "openai")
    monkeypatch.setenv("RELAIS_LLM_BASE_URL", f"{fake_services.url}/v1")
    monkeypatch.setenv("RELAIS_LLM_API_KEY", "test-key")
    monkeypatch.setenv("RELAIS_LLM_MODEL", "relais-test-model")
    assert checks_by_name(tmp_path / "data")["llm"].status == "ok"

    monkeypatch.setenv("RELAIS_LLM_MODEL", "gpt-unknown")
    llm = checks_by_name(tmp_path / "data")["llm"]
    assert llm.status == "fail" and "does not list model gpt-unknown" in llm.detail

    monkeypatch.setenv("RELAIS_LLM_API_KEY", "wrong-key-123")
    llm = checks_by_name(tmp_path / "data")["llm"]
    assert llm.status == "fail" and "refused the key (401)" in llm.detail and "wrong-key-123" not in llm.detail


def test_ollama_model_must_be_pulled(tmp_path: Path, monkeypatch, fake_services) -> None:
    monkeypatch.setenv("RELAIS_LLM_PROVIDER", "ollama")
    monkeypatch.setenv("RELAIS_LLM_BASE_URL", fake_services.url)
    monkeypatch.setenv("RELAIS_LLM_MODEL", "relais-test-model")
    assert checks_by_name(tmp_path / "data")["llm"].status == "ok"  # listed as relais-test-model:latest
    monkeypatch.setenv("RELAIS_LLM_MODEL", "llama3.1:8b")
    llm = checks_by_name(tmp_path / "data")["llm"]
    assert llm.status == "fail" and "ollama pull llama3.1:8b" in llm.detail


@pytest.mark.slow
def test_chroma_server_answers_then_goes_away(tmp_path: Path, monkeypatch, chroma_server) -> None:
    from importlib import metadata

    monkeypatch.setenv("RELAIS_CHROMA_URL", chroma_server.url)
    quick = checks_by_name(tmp_path / "data", quick=True)
    assert quick["store"].status == "ok" and "answers" in quick["store"].detail
    assert metadata.version("chromadb") in quick["store"].detail

    chroma_server.stop()
    quick = checks_by_name(tmp_path / "data", quick=True)
    assert quick["store"].status == "fail"
    assert chroma_server.url in quick["store"].detail and "chroma run" in quick["store"].detail


def test_store_held_by_the_bot_is_information_not_failure(tmp_path: Path, store_holder) -> None:
    data_dir = tmp_path / "data"
    holder = store_holder(data_dir)
    quick = checks_by_name(data_dir, quick=True)
    assert quick["store"].status == "ok" and f"in use by pid {holder.pid}" in quick["store"].detail
    full = checks_by_name(data_dir)
    assert full["knowledge"].status == "info"
    assert f"in use by pid {holder.pid} (the bot?)" in full["knowledge"].detail


def test_index_and_roster_counts(tmp_path: Path, make_settings) -> None:
    from bot.wiring import open_knowledge, open_roster
    from scoring.sample import generate_sample

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gifting.md").write_text(
        "# Gifting\n\nSending a product to a nano creator without payment is gifting. "
        "The creator decides freely whether to post about it.\n"
    )
    (docs / "contrats.md").write_text(
        "# Contrats\n\nUn contrat avec un micro-influenceur précise les livrables, le calendrier "
        "et la rémunération, ainsi que la mention de la collaboration commerciale.\n"
    )
    settings = make_settings(data_dir=tmp_path / "data")
    with open_knowledge(settings) as knowledge:
        assert knowledge.ingest([docs]).ok
    with open_roster(settings) as roster:
        roster.import_file(generate_sample(tmp_path / "roster.csv", count=40, seed=2))
    checks = checks_by_name(settings.data_dir)
    assert checks["knowledge"].status == "ok"
    assert checks["knowledge"].detail.startswith("2 documents, ") and "fr " in checks["knowledge"].detail
    assert checks["roster"].status == "ok" and checks["roster"].detail == "40 creators"


def test_data_dir_that_cannot_be_written(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    check = checks_by_name(a_file, quick=True)["data dir"]
    assert check.status == "fail" and "is a file" in check.detail

    check = checks_by_name(a_file / "data", quick=True)["data dir"]
    assert check.status == "fail" and "cannot write" in check.detail

    check = checks_by_name(Path("/proc/relais-data"), quick=True)["data dir"]  # read-only even for root
    assert check.status == "fail" and "RELAIS_DATA_DIR" in check.detail


def test_data_dir_without_enough_free_space(tmp_path: Path) -> None:
    checks = list(diagnose(tmp_path, quick=True, min_free_mb=10**12))
    [check] = [check for check in checks if check.name == "data dir"]
    assert check.status == "fail" and "MB free" in check.detail and "free some space" in check.detail
    assert exit_code(checks) == 1


def test_invalid_settings_give_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run_doctor({"RELAIS_DATA_DIR": str(tmp_path), "RELAIS_LOG_FORMAT": "xml", "RELAIS_LLM_TIMEOUT": "-1"})
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("fail  settings") and "RELAIS_LOG_FORMAT" in line and "RELAIS_LLM_TIMEOUT" in line


def test_quick_makes_no_outside_call_and_json_output(tmp_path: Path, fake_services) -> None:
    result = run_doctor({
        "RELAIS_DATA_DIR": str(tmp_path / "data"),
        "RELAIS_TELEGRAM_TOKEN": GOOD_TOKEN,
        "RELAIS_TELEGRAM_API_URL": f"{fake_services.url}/bot",
        "RELAIS_LLM_PROVIDER": "ollama", "RELAIS_LLM_MODEL": "x", "RELAIS_LLM_BASE_URL": fake_services.url,
    }, "--quick", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and [c["name"] for c in report["checks"]] == ["settings", "data dir", "store"]
    assert fake_services.requests == []


def test_webhook_health_in_quick_mode(tmp_path: Path, monkeypatch, fake_services) -> None:
    port = int(fake_services.url.rsplit(":", 1)[1])
    monkeypatch.setenv("RELAIS_TELEGRAM_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("RELAIS_WEBHOOK_URL", "https://relais.example.com/telegram")
    monkeypatch.setenv("RELAIS_WEBHOOK_PORT", str(port))
    webhook = checks_by_name(tmp_path / "data", quick=True)["webhook"]
    assert webhook.status == "ok" and f"127.0.0.1:{port}/healthz answers" in webhook.detail

    fake_services.health_status = 503
    assert checks_by_name(tmp_path / "data", quick=True)["webhook"].status == "fail"

    monkeypatch.setenv("RELAIS_WEBHOOK_PORT", str(free_port()))  # the bot is not running
    assert checks_by_name(tmp_path / "data", quick=True)["webhook"].status == "fail"


def test_webhook_settings_that_cannot_work(tmp_path: Path, monkeypatch, fake_services) -> None:
    monkeypatch.setenv("RELAIS_TELEGRAM_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("RELAIS_TELEGRAM_API_URL", f"{fake_services.url}/bot")
    monkeypatch.setenv("RELAIS_WEBHOOK_PORT", str(free_port()))
    cases = [
        ("http://relais.example.com/telegram", "must be https://"),
        ("https://relais.example.com/hook", "differs from RELAIS_WEBHOOK_PATH"),
    ]
    for url, problem in cases:
        monkeypatch.setenv("RELAIS_WEBHOOK_URL", url)
        checks = checks_by_name(tmp_path / "data")
        assert checks["telegram"].status == "fail" and problem in checks["telegram"].detail, url
        assert checks["webhook"].status == "info"  # not running: fine for a full check before the start
    monkeypatch.setenv("RELAIS_WEBHOOK_URL", "https://relais.example.com/telegram")
    assert checks_by_name(tmp_path / "data")["telegram"].status == "ok"


def test_one_line_per_check() -> None:
    line = format_check(Check(name="store", status="ok", detail="embedded in /data/chroma"))
    assert line == "ok    store      embedded in /data/chroma"
