"""Answers that depend on reading a page's structure and the question's own words: tables, and
acronyms that the sentence vectors do not relate to their meaning."""

from __future__ import annotations

from pathlib import Path

from knowledge.chunking import (
    SENTENCE_COUNT_KEY,
    SENTENCE_VECTORS_KEY,
    SENTENCE_VERSION,
    SENTENCE_VERSION_KEY,
    encode_vectors,
)
from knowledge.retrieval import LexicalIndex
from knowledge.text import query_terms, split_sentences
from tests.knowledge.test_answers import base_of

import numpy as np

TIERS = (
    "# Ambassador programme\n\n"
    "## How should reward tiers work?\n\n"
    "Tiers give ambassadors a reason to keep going. Most programmes use three levels, based on monthly sales:\n\n"
    "| Tier | Monthly sales | Commission |\n"
    "|---|---|---|\n"
    "| Starter | 0-4 | 10% |\n"
    "| Insider | 5-19 | 15% |\n"
    "| Partner | 20 or more | 20% |\n\n"
    "Review tiers every quarter, not every month.\n"
)


def test_table_rows_are_read_with_their_column_names() -> None:
    sentences = split_sentences(TIERS)
    assert "Tier: Insider; Monthly sales: 5-19; Commission: 15%" in sentences
    assert not any("---" in s or s.startswith("Tier: Tier") for s in sentences)
    # HTML gives rows without outer pipes, with blank lines between them; a row with a figure is not a header
    html_rows = "Window | Fee\n\n30 days | 20-30%\n\n60 days | 35-50%\n"
    assert split_sentences(html_rows) == ["Window: 30 days; Fee: 20-30%", "Window: 60 days; Fee: 35-50%"]
    cut_table = "30 days | 20-30%\n60 days | 35-50%\n"  # a passage that starts inside a table has no header
    assert split_sentences(cut_table) == ["30 days; 20-30%", "60 days; 35-50%"]
    # a lone line of pipes is a sharing bar, left as it is (and dropped as boilerplate later)
    assert split_sentences("Share | Print | Save for later") == ["Share | Print | Save for later"]


def test_a_table_row_answers_a_question(tmp_path: Path) -> None:
    with base_of(tmp_path, {"ambassadors.en.md": TIERS}) as kb:
        answer = kb.ask("What commission does the Insider tier get?")
    assert answer.found and "Commission: 15%" in answer.answer, answer.answer


def test_how_a_question_asks_is_not_one_of_its_words() -> None:
    stems = {stem for term in query_terms("How long can a brand reuse a creator's video?") for stem in term.stems}
    assert "long" not in stems and {"brand", "video"} <= stems
    stems = {stem for term in query_terms("Combien de temps dure une autorisation ?") for stem in term.stems}
    assert "temp" not in stems


def test_sentence_vectors_of_an_older_version_are_redone() -> None:
    text = "Gifted products must be labelled. The label goes first."
    vectors = encode_vectors(np.ones((2, 4), dtype=np.float32))
    current = {"source": "a.md", "chunk_index": 0, SENTENCE_VECTORS_KEY: vectors, SENTENCE_COUNT_KEY: 2}
    stale = {**current, "source": "b.md"}
    index = LexicalIndex(["a", "b"], [text, text], [{**current, SENTENCE_VERSION_KEY: SENTENCE_VERSION},
                                                     {**stale, SENTENCE_VERSION_KEY: SENTENCE_VERSION - 1}])
    assert index.missing_vectors == [1]


def test_a_sentence_holding_the_question_words_needs_less_cosine() -> None:
    from knowledge.answer import is_relevant
    from knowledge.retrieval import Passage

    def passage(z: float) -> Passage:
        row = "Indicateur: Engagements; Résultat: 36 000; Coût unitaire: CPE : 0,25 €"
        return Passage(id="p", text=row, metadata={"language": "fr"}, coverage=1.0, units=[row],
                       unit_relevance=np.array([z]))

    assert not is_relevant([passage(0.9)])  # by its cosine alone, under RELEVANCE_MIN
    assert is_relevant([passage(0.9)], "C'est quoi le CPE ?")  # it holds the question's one word
    assert not is_relevant([passage(-0.9)], "C'est quoi le CPE ?")  # but a sentence far in meaning does not
    assert not is_relevant([passage(0.9)], "Comment faire une pâte à crêpes ?")  # nor one without its words


def test_a_word_with_a_common_other_sense_has_no_translation() -> None:
    from knowledge.text import translations

    # "été" is summer, and "been" in nearly every French page ("a été signé"): no English word leads to it.
    assert not any("ete" in stems for stems in translations().values())
    assert "ete" not in translations()
