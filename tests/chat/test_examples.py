"""The classifier's labelled examples: every labelled set teaches it, the shipped vectors cover them,
and an evaluation can leave a set out."""

from __future__ import annotations

import numpy as np

from bot.chat.examples import LABELLED_SETS, VECTORS, labelled_examples, read_labelled_set
from bot.chat.router import Router
from knowledge.encoder import shared_encoder
from knowledge.vector_cache import QUERY_PREFIX, load_vectors, text_key


def test_every_labelled_set_and_the_hand_written_examples_teach_the_classifier() -> None:
    sources = {e.source for e in labelled_examples()}
    assert sources == {"intents.toml", *LABELLED_SETS}
    assert all(e.intent != "clarify" for e in labelled_examples())  # "ask the user" is no intent


def test_the_shipped_vectors_cover_the_examples_and_equal_fresh_ones() -> None:
    encoder = shared_encoder()
    table = load_vectors(VECTORS, encoder.model_id)
    missing = [e.text for e in labelled_examples() if text_key(QUERY_PREFIX + e.text) not in table]
    assert not missing, f"examples without shipped vectors (run `make vectors`): {missing[:3]}"
    text = labelled_examples()[-1].text
    fresh = encoder.encode_queries([text])[0]
    assert np.allclose(table[text_key(QUERY_PREFIX + text)], fresh / np.linalg.norm(fresh), atol=2e-3)


def test_a_set_left_out_no_longer_votes_for_its_own_messages() -> None:
    router = Router(shared_encoder())
    row = read_labelled_set(LABELLED_SETS["heldout_12"])[0]
    with_it = router.intent_scores(row["text"])[row["intent"]]
    without = router.leaving_out("heldout_12").intent_scores(row["text"])[row["intent"]]
    assert without < with_it  # with the set, the message itself is among its nearest examples
