"""Passages ranked by meaning in memory, against the store that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.wiring import open_knowledge
from knowledge.base import KnowledgeBase
from tests.knowledge.conftest import session_settings


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Iterator[KnowledgeBase]:
    kb = open_knowledge(session_settings(tmp_path_factory.mktemp("retrieval-kb")))
    assert kb.ingest([small_corpus]).ok
    try:
        yield kb
    finally:
        kb.close()


def test_passages_ranked_in_memory_are_the_stores_own_cosine_ranking(small_kb: KnowledgeBase) -> None:
    index = small_kb._retriever.index()
    assert index.passage_matrix.shape == (len(index), 384)
    for question in ("When should the parcel reach the creator?", "Quand a lieu le tirage au sort ?"):
        vector = small_kb._retriever._embeddings.query_vector(question)
        similarities = index.passage_similarities(vector)
        found = small_kb._collection.query(query_embeddings=[vector.tolist()], n_results=5, include=["distances"])
        in_memory = [index.ids[i] for i in np.argsort(-similarities)[:5]]
        assert in_memory == found["ids"][0], question
        chroma = 1.0 - np.asarray(found["distances"][0])
        assert np.allclose(np.sort(similarities)[::-1][:5], chroma, atol=1e-4), question


def test_a_search_names_the_cosine_of_every_passage_it_returns(small_kb: KnowledgeBase) -> None:
    question = "Quand a lieu le tirage au sort ?"
    vector = small_kb._retriever._embeddings.query_vector(question)
    index = small_kb._retriever.index()
    for passage in small_kb._retriever.search(question, k=8, query_vector=vector):
        expected = float(index.passage_matrix[index.position[passage.id]] @ vector)
        assert passage.dense is not None and abs(passage.dense - expected) < 1e-5, passage.id
