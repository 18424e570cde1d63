"""The relevance gate and word matching: one word shared with a page is no evidence of its topic,
and a verb and its noun ("proposer"/"proposition", "deliver"/"delivery") are one word."""

from __future__ import annotations

from pathlib import Path

from knowledge.eval import QUESTIONS_PATH
from knowledge.retrieval import term_match
from knowledge.text import lexical_tokens, query_terms
from tests.knowledge.test_answers import base_of

HELD_OUT_D = QUESTIONS_PATH.parent / "heldout-d" / "corpus"


def test_one_generic_word_shared_with_a_page_does_not_answer(tmp_path: Path) -> None:
    # "lift" is a page's topic word (brand lift) and a crane's: sharing it alone is no evidence
    pages = {name: (HELD_OUT_D / name).read_text(encoding="utf-8")
             for name in ("brand-lift-surveys.en.txt", "posting-cadence-algorithms.en.md")}
    with base_of(tmp_path, pages) as kb:
        crane = kb.ask("what is the lift capacity of a tower crane on a building site?")
        survey = kb.ask("how many respondents per group does a brand lift study need?")
        cadence = kb.ask("how often should a brand post on TikTok?")
    assert not crane.found, crane.answer
    assert survey.found and cadence.found


def test_a_verb_and_its_noun_are_one_word() -> None:
    def match(question: str, sentence: str, language: str) -> float:
        return term_match(query_terms(question)[0], frozenset(lexical_tokens(sentence, language)))

    assert match("proposer", "La proposition arrive sous 48 heures.", "fr") == 1.0
    assert match("deliver", "The delivery date is fixed in the brief.", "en") == 1.0
    assert match("publier", "La publication a lieu le mardi.", "fr") == 1.0
    # a short stem is not a prefix of every longer word
    assert match("post", "Postal parcels take a week.", "en") < 1.0
