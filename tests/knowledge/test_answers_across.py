"""Answers across languages and over plain text: which sentence of the right page is quoted when
the question is in the other language, and sentences that a hard-wrapped file cuts into lines."""

from __future__ import annotations

from pathlib import Path

from knowledge.text import query_terms, split_sentences
from tests.knowledge.test_answers import base_of

WRAPPED = (
    "1.4 Inscription et sanctions\n\n"
    "Les créateurs qui publient de la publicité de manière régulière doivent s'inscrire à la\n"
    "Banque-Carrefour des Entreprises avant leur première campagne rémunérée.\n"
    "En cas de manquement, les amendes peuvent atteindre 80 000 €.\n\n"
    "Les mentions admises sont les suivantes :\n"
    "  - en français : #publicité, #réclame ;\n"
    "  - en néerlandais : #reclame, #advertentie.\n"
)


def test_hard_wrapped_lines_are_read_as_whole_sentences() -> None:
    sentences = split_sentences(WRAPPED)
    assert ("Les créateurs qui publient de la publicité de manière régulière doivent s'inscrire à la "
            "Banque-Carrefour des Entreprises avant leur première campagne rémunérée.") in sentences
    # a short heading, a sentence that ends its line and list items stay apart
    assert "1.4 Inscription et sanctions" in sentences
    assert "En cas de manquement, les amendes peuvent atteindre 80 000 €." in sentences
    assert "en néerlandais : #reclame, #advertentie." in sentences


def test_a_wrapped_sentence_is_quoted_whole(tmp_path: Path) -> None:
    with base_of(tmp_path, {"belgique.fr.txt": WRAPPED}) as kb:
        answer = kb.ask("Où les créateurs qui font de la publicité doivent-ils s'inscrire ?")
    assert answer.found and "Banque-Carrefour des Entreprises" in answer.answer, answer.answer


def test_general_words_of_questions_are_translated() -> None:
    def translated(question: str) -> set[str]:
        return {stem for term in query_terms(question) for stem in term.translations}

    assert {"résili", "annul"} & translated("How many ambassadors cancel?")
    assert "propos" in translated("What commission should we offer?")
    assert "cach" in translated("What if an influencer hides an ad?")
    assert {"offer", "provid"} & translated("Quelle commission proposer ?")


def test_across_languages_the_translated_words_outweigh_a_closer_cosine() -> None:
    import numpy as np

    from knowledge.answer import _choose_sentences
    from knowledge.retrieval import Passage

    decoy = "La marque garde la main sur le calendrier des publications de chaque saison."
    answer_sentence = "Chaque ambassadeur touche une commission de 12 % sur les ventes."
    units = [decoy, answer_sentence]
    # e5's cross-language cosine puts the decoy well ahead (z 4.0 against 1.5); the answer holds
    # the question's words through the glossary ("ambassador", "commission", "sale").
    page = Passage(id="p", text=" ".join(units), metadata={"language": "fr"}, score=1.0, coverage=1.0,
                   units=units, unit_relevance=np.array([4.0, 1.5]))
    best = _choose_sentences("What commission does an ambassador earn on sales?", [page], {})[0]
    assert best.text == answer_sentence, best.text
