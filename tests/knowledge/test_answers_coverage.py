"""Answering across languages by the question's words, headings quoted with what they head, the page
title repeated at the foot never quoted, and the kinds of answer a question asks for."""

from __future__ import annotations

from pathlib import Path

from knowledge.answer import answer_kinds
from knowledge.text import is_boilerplate, query_terms
from tests.knowledge.test_answers import base_of

# A French page on paying creators: an English question meets it through the glossary's general
# words (threshold/seuil, annual/annuel, service/prestation), far less through e5's cosine.
PAIEMENT_FR = """# Payer un créateur : factures, TVA et délais

## La franchise en base de TVA
Un micro-entrepreneur ne facture pas la TVA tant que son chiffre d'affaires annuel reste sous le seuil de
la franchise. Pour les prestations de services, ce seuil était de 37 500 € par an en 2025.
Au-delà du seuil, la facture porte une TVA de 20 %.

## Les délais de paiement
Sans clause particulière, le créateur est payé dans les 30 jours qui suivent la réception de la prestation.
Par contrat, vous pouvez aller jusqu'à 60 jours après l'émission de la facture.

## Les mentions de la facture
Outre le numéro et la date, la facture indique l'indemnité forfaitaire de 40 € pour frais de recouvrement.
L'obligation d'émettre des factures électroniques ne concernera les micro-entrepreneurs qu'à partir du
1er septembre 2027.

*Payer un créateur — Relais Ressources, rubrique Administratif.*
"""

# An English page whose answer sits under a heading, in a list announced by a sentence ending in ":".
PINS_EN = """# Pinterest for small creators: a field guide

## What a good creator pin looks like
Ask creators to follow these specifications:
- a vertical image in a 2:3 ratio, ideally 1000 x 1500 pixels;
- a title that reads like a search query;
- a link to the exact product page.

## When to publish seasonal pins
Publish seasonal pins 30 to 45 days before the event, so that they rank when people plan.

*Pinterest for small creators — Relais Playbooks, Social platforms.*
"""


def test_an_english_question_over_a_french_page_is_answered_by_its_words(tmp_path: Path) -> None:
    with base_of(tmp_path, {"paiement.fr.md": PAIEMENT_FR, "pins.en.md": PINS_EN}) as kb:
        # e5 puts this question no closer to the French sentence than off-topic probes come; its words
        # (issue/émettre, invoices/factures, freelancers/micro-entrepreneurs) show the page covers it
        e_invoices = kb.ask("from when do freelancers have to issue e-invoices")
        threshold = kb.ask("What was the annual turnover threshold for the VAT franchise on services?")
        off_topic = kb.ask("What VAT rate applies to a used car bought from a garage?")
    assert e_invoices.found and "1er septembre 2027" in e_invoices.answer, e_invoices.answer
    assert threshold.found and "37 500 €" in threshold.answer, threshold.answer
    assert not off_topic.found, off_topic.answer


def test_a_heading_is_quoted_with_the_list_under_it(tmp_path: Path) -> None:
    with base_of(tmp_path, {"paiement.fr.md": PAIEMENT_FR, "pins.en.md": PINS_EN}) as kb:
        answer = kb.ask("What does a good creator pin look like?")  # the heading's very words
    assert answer.found and "2:3 ratio" in answer.answer, answer.answer


def test_the_title_repeated_at_the_foot_is_never_quoted(tmp_path: Path) -> None:
    with base_of(tmp_path, {"paiement.fr.md": PAIEMENT_FR, "pins.en.md": PINS_EN}) as kb:
        answers = [kb.ask(question).answer for question in (
            "Pinterest for small creators: when should seasonal pins go live?",
            "Payer un créateur : quel délai de paiement ?",
        )]
    assert not any("Relais Playbooks" in answer or "Relais Ressources" in answer for answer in answers), answers


def test_a_line_that_repeats_the_title_with_a_site_name_is_boilerplate() -> None:
    title = "When a creator post backfires: a crisis-communication playbook"
    assert is_boilerplate("*When a creator post backfires — Acme Knowledge Base, Campaign operations.*", title)
    assert is_boilerplate("When a creator post backfires", title)
    # a sentence that opens with the same words says something
    assert not is_boilerplate("When a creator post backfires, wait for the facts before answering in public.", title)
    # a short title begins too many sentences to count
    assert not is_boilerplate("Relais — the assistant answers in two languages.", "Relais")


def test_answer_kinds_of_casual_questions() -> None:
    assert "number" in answer_kinds("longest payment term I'm allowed to put in a contract")
    assert "number" in answer_kinds("whats the max fine if an influencer hides an ad")
    assert "time" in answer_kinds("from when do freelancers have to issue e-invoices")
    assert "time" in answer_kinds("c'est prévu quand le bilan du voyage ?")
    assert "time" in answer_kinds("how quickly do we have to pull the videos")
    assert "definition" not in answer_kinds("Qu'est-ce qu'on fait dans la première heure d'une crise ?")
    assert "definition" in answer_kinds("Qu'est-ce qu'un CPE ?")


def test_general_words_meet_their_translations() -> None:
    def translated(question: str) -> set[str]:
        return {stem for term in query_terms(question) for stem in term.translations}

    assert {"seuil", "annuel", "prestat"} <= translated("annual threshold for services")
    assert {"surcout", "affichag", "magasin"} <= translated("surcharge for in-store displays")
    assert "equip" in translated("who is in the crisis team")
    assert "team" in translated("qui fait partie de l'équipe de crise")
    # a word of the question that asks how (how quickly) names no topic
    assert not any("quick" in term.stems for term in query_terms("how quickly do we reply"))


CPE_FR = """# Mesurer une campagne : le CPE

## Le coût par engagement
Le CPE est l'indicateur que suivent les marques qui visent l'interaction plutôt que la portée.
On l'obtient en divisant le budget de la campagne par la somme des likes, commentaires et partages.
En micro-influence, un CPE compris entre 0,10 et 0,30 € est courant.
"""


def test_a_question_on_how_to_calculate_gets_the_formula(tmp_path: Path) -> None:
    with base_of(tmp_path, {"cpe.fr.md": CPE_FR, "pins.en.md": PINS_EN}) as kb:
        answers = [kb.ask(question) for question in ("How do I calculate the CPE of a campaign?",
                                                     "Comment calcule-t-on le CPE ?")]
    for answer in answers:
        assert answer.found and "en divisant le budget" in answer.answer, answer.answer
        quoted = [line for line in answer.answer.splitlines()[1:] if line.strip()]
        assert len(quoted) == len(set(quoted)), answer.answer  # no sentence quoted twice


CRISIS_EN = """# When a creator post backfires

## Payment during a crisis
Pay for content that was delivered as briefed and approved. Withholding payment for a problem the brand
itself approved looks bad if it becomes public, and creators talk to each other.
"""


def test_the_page_in_the_other_language_answers_when_it_holds_the_fact(tmp_path: Path) -> None:
    pages = {"paiement.fr.md": PAIEMENT_FR, "crisis.en.md": CRISIS_EN}
    with base_of(tmp_path, pages) as kb:
        answer = kb.ask("Is there a fixed fee for debt collection costs that has to appear on the invoice?")
    # the English page speaks of payment too, but only the French one states the fee
    assert answer.found and "40 €" in answer.answer, answer.answer
