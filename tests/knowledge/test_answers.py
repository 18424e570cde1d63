"""Hybrid retrieval and extractive answers over the small corpus plus the seed articles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.wiring import open_knowledge
from knowledge import CORPUS_DIR
from knowledge.base import KnowledgeBase
from knowledge.eval import (
    QUESTIONS_PATH,
    EvalQuestion,
    QuestionSetError,
    contains_fact,
    evaluate,
    load_questions,
)

OUT_OF_SCOPE = [
    "What is the capital of Peru?",
    "Recette de la tarte tatin ?",
    "How do I fix my car's brakes?",
    "Quelle est la hauteur du mont Blanc ?",
]


def names(passages) -> list[str]:
    return [Path(p.source).name for p in passages]


def test_every_format_is_searchable(shared_kb: KnowledgeBase) -> None:
    cases = {
        "When do podcast hosts read their sponsors' advertisements?": "podcast.html",
        "What was the average story completion in the quarterly report?": "report.pdf",
        "How long may the brand reuse the creator's video in paid ads?": "contract.docx",
        "How many days before posting should the gift parcel be shipped?": "gifting.en.md",
    }
    for question, expected in cases.items():
        assert names(shared_kb.search(question, k=3))[0] == expected, question


def test_english_question_finds_the_french_passage(shared_kb: KnowledgeBase) -> None:
    passages = shared_kb.search("When is the winner of an Instagram contest drawn after it closes?", k=3)
    assert names(passages)[0] == "concours.fr.md"
    assert passages[0].language == "fr"


def test_french_question_finds_the_english_passage(shared_kb: KnowledgeBase) -> None:
    passages = shared_kb.search("Combien de jours avant la publication faut-il envoyer le colis au créateur ?", k=3)
    assert names(passages)[0] == "gifting.en.md"


def test_english_question_finds_a_french_seed_article(shared_kb: KnowledgeBase) -> None:
    passages = shared_kb.search("How much did Facebook pay to buy Instagram?", k=5)
    assert "000_5f68a6d51b2c8c08.txt" in names(passages)


def test_fused_results_keep_both_scores(shared_kb: KnowledgeBase) -> None:
    passages = shared_kb.search("gift parcel handwritten card", k=5)
    assert passages == sorted(passages, key=lambda p: p.score, reverse=True)
    assert all(p.dense is not None and 0 < p.dense <= 1 for p in passages)
    assert passages[0].lexical > 0 and passages[0].coverage > 0.5


def test_language_and_source_filters_are_strict(shared_kb: KnowledgeBase) -> None:
    french = shared_kb.search("gift parcel creator", k=5, language="fr")
    assert french and {p.language for p in french} == {"fr"}
    only_podcast = shared_kb.search("gift parcel creator", k=5, source="podcast.html")
    assert only_podcast and set(names(only_podcast)) == {"podcast.html"}
    assert shared_kb.search("gift parcel", source="not-indexed.md") == []


def test_answer_quotes_passages_verbatim_with_numbered_citations(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("How many days before the posting window should we ship the parcel to the creator?")
    assert answer.found and answer.language == "en" and answer.mode == "extractive"
    assert answer.answer.startswith("Here is what the knowledge base says")
    assert "twelve days" in answer.answer
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert cited == {source.n for source in answer.sources} and min(cited) == 1
    assert Path(answer.sources[0].source).name == "gifting.en.md"
    assert Path(answer.sources[0].source).is_absolute()
    # Every quoted sentence is a sentence of a cited passage.
    passages = " ".join(" ".join(p.text.split()) for p in shared_kb.search(answer.answer, k=10)) + " ".join(
        s.excerpt for s in answer.sources
    )
    for sentence in re.split(r" \[\d+\]\s*", answer.answer.split("\n\n", 1)[1]):
        if sentence.strip():
            assert " ".join(sentence.split()) in passages


def test_answer_is_in_the_question_language_or_the_one_asked_for(shared_kb: KnowledgeBase) -> None:
    french = shared_kb.ask("Quand a lieu le tirage au sort d'un concours Instagram ?")
    assert french.found and french.language == "fr"
    assert french.answer.startswith("Voici ce que dit la base de connaissances")
    assert "sept jours" in french.answer
    english = shared_kb.ask("Quand a lieu le tirage au sort d'un concours Instagram ?", language="en")
    assert english.language == "en" and "passages quoted are in French" in english.answer


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_questions_are_refused(shared_kb: KnowledgeBase, question: str) -> None:
    answer = shared_kb.ask(question)
    assert not answer.found and answer.sources == []
    expected = "ne couvre pas" if answer.language == "fr" else "does not cover"
    assert expected in answer.answer


def test_a_question_without_words_is_not_answered(shared_kb: KnowledgeBase) -> None:
    assert not shared_kb.ask(" ?! ").found


def test_a_prompt_injection_document_changes_nothing(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("What should go in the box of a gifted product?")
    assert answer.found
    assert "HACKED" not in answer.answer and "developer mode" not in answer.answer
    assert names(answer.sources)[0] == "gifting.en.md"
    # Asked about, the document is quoted as data, like any other.
    quoted = shared_kb.ask("On which days do parcels leave the warehouse?")
    assert quoted.found and "Tuesdays and Thursdays" in quoted.answer


def test_evaluate_scores_hits_facts_and_refusals(shared_kb: KnowledgeBase) -> None:
    questions = [
        EvalQuestion(id="g", question="How early should the gift parcel be shipped?", language="en", corpus="shipped",
                     expected_source="gifting.en.md", expected_facts=["twelve days"], in_scope=True),
        EvalQuestion(id="c", question="Combien de temps après la clôture a lieu le tirage au sort ?", language="fr",
                     corpus="shipped", expected_source="concours.fr.md", expected_facts=["sept jours"], in_scope=True),
        EvalQuestion(id="s", question="Combien Facebook a-t-il payé pour Instagram ?", language="fr", corpus="seeds",
                     expected_source="000_5f68a6d51b2c8c08.txt", expected_facts=["1 MILLIARD"], in_scope=True),
        EvalQuestion(id="o", question="What is the capital of Peru?", language="en", corpus="shipped",
                     expected_source=None, expected_facts=[], in_scope=False),
    ]
    report = evaluate(shared_kb, questions, corpora={"shipped", "seeds"})
    assert (report.in_scope, report.out_of_scope, report.skipped) == (3, 1, 0)
    assert report.hit_at_5 == 1.0 and report.hit_at_1 == 1.0
    assert report.fact_share == 1.0
    assert report.refused_out_of_scope == 1 and report.wrongly_refused == 0
    assert 0 < report.latency_p50_ms <= report.latency_p95_ms
    without_seeds = evaluate(shared_kb, questions, corpora={"shipped"})
    assert without_seeds.skipped == 1 and without_seeds.in_scope == 2


def test_fact_matching_ignores_case_accents_and_spacing() -> None:
    assert contains_fact("Le seuil est de 10\u202f000 abonnés", ["10 000 ABONNES"])
    assert not contains_fact("Le seuil est de 5 000 abonnés", ["10 000"])


def test_the_shipped_question_set_is_valid_and_names_real_files(seeds_dir: Path) -> None:
    if not QUESTIONS_PATH.exists():
        pytest.skip("the question set has not been written yet")
    questions = load_questions()
    assert {q.language for q in questions} == {"fr", "en"}
    assert any(not q.in_scope for q in questions)
    for question in questions:
        if question.in_scope:
            folder = CORPUS_DIR if question.corpus == "shipped" else seeds_dir
            assert (folder / question.expected_source).is_file(), question.id
            assert question.expected_facts, question.id


def test_a_broken_question_set_is_named(tmp_path: Path) -> None:
    path = tmp_path / "questions.json"
    path.write_text('[{"id": "x", "question": "?", "language": "de"}]')
    with pytest.raises(QuestionSetError, match=r"questions.json: question 0\.language"):
        load_questions(path)


@contextmanager
def base_of(tmp_path: Path, pages: dict[str, str]) -> Iterator[KnowledgeBase]:
    """A knowledge base holding only ``pages`` (file name -> text), written for one test."""
    from tests.knowledge.conftest import session_settings

    (tmp_path / "docs").mkdir()
    for name, text in pages.items():
        (tmp_path / "docs" / name).write_text(text)
    with open_knowledge(session_settings(tmp_path / "data")) as kb:
        kb.ingest([tmp_path / "docs"])
        yield kb


def test_a_heading_that_states_the_answer_is_quoted(tmp_path: Path) -> None:
    pages = {"payment.md": (
        "# Paying creators\n\n"
        "## Invoices are paid 30 days after the content goes live\n"
        "The creator sends the invoice once the post is published. Finance checks it against the brief. "
        "Late posts move the date accordingly.\n\n"
        "## Gifts\nGifted products are shipped two weeks before the posting window opens.\n"
    )}
    with base_of(tmp_path, pages) as kb:
        answer = kb.ask("When are creator invoices paid?")
    assert answer.found
    assert "Invoices are paid 30 days after the content goes live [1]" in answer.answer


def test_a_name_the_question_gives_picks_the_page_that_names_it(tmp_path: Path) -> None:
    """The French page shares more of the question's words; only the other names the FTC, as the question does."""
    pages = {
        "labels-france.en.md": (
            "# Labelling sponsored posts in France\n\n"
            "Under the rules in France, short tags like #sp are not enough on a sponsored post. "
            "The law asks for the words Publicité or Collaboration commerciale.\n"),
        "labels-usa.en.md": (
            "# Labelling sponsored posts in the United States\n\n"
            "The FTC asks for a clear label such as #ad or Paid partnership on every sponsored post. "
            "Abbreviations such as #spon leave many readers unsure that the post is paid.\n"),
    }
    with base_of(tmp_path, pages) as kb:
        passages = kb.search("Are short tags like #sp enough under FTC rules?", k=2)
        answer = kb.ask("Are short tags like #sp enough under FTC rules?")
    assert names(passages)[0] == "labels-usa.en.md"
    assert answer.found and "The FTC asks" in answer.answer, answer.answer


def test_a_list_ends_at_the_next_question_heading(tmp_path: Path) -> None:
    pages = {"recruiting.en.md": (
        "# Recruiting micro creators\n\n"
        "The push method means finding and contacting creators one at a time. It has several drawbacks:\n\n"
        "- hours go into searching profiles\n\n"
        "- reporting is done by hand\n\n"
        "## Is the pull method better?\n\n"
        "With the pull method, creators apply to a campaign that the brand posts on a platform.\n")}
    with base_of(tmp_path, pages) as kb:
        answer = kb.ask("What are the drawbacks of the push method?")
    assert answer.found and "reporting is done by hand" in answer.answer, answer.answer
    assert "Is the pull method better?" not in answer.answer and "With the pull method" not in answer.answer
