"""Answering round 10, from what held-out set K showed once it could be read: an off-topic question naming a thing
the knowledge base never names ("a sales dashboard in Power BI", "visiting Lisbon in the shoulder season") was
answered from a page that shared its other nouns; so was a question about something of the asker's own ("can I bring
my own food into a festival?") whose word the base uses somewhere, just not on the page that shared the question's
other words.

The pages are written for these tests, on a topic no other test or evaluation set uses (a bicycle maker sponsoring
charity rides and the cyclists who film them). Every test fails on the code at the round's start (checked on its
tree) except the guards, which pass before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from knowledge.retrieval import term_match
from knowledge.text import query_terms
from tests.knowledge.test_answers import base_of

RIDES_EN = """# Sponsoring charity bike rides with cycling creators

## Why charity rides
A charity ride gathers a few hundred amateur cyclists for a day, and the local cycling creators who ride it film
the whole route for their followers. For a bicycle maker it is a cheap way to be seen by people who already ride.

## What the sponsor pays
Our usual package is 4,000 euros for a regional ride: the sponsor's banner at the start line, a stand in the
village where the riders finish, and two creators paid 600 euros each to film the day.

## What to bring on the day
Bring two mechanics and a van of spare inner tubes, because a puncture fixed on the spot is the moment riders
remember and film. Riders get a results sheet by e-mail the evening after the ride.

## What it brought
Last year the Ridgeway ride cost us 5,200 euros in all and brought 140 test-ride bookings in the following month.
"""

SELECTION_FR = """# Choisir les cyclistes qui filment nos sorties

## Les critères
Nous regardons d'abord la part d'audience authentique : au moins 80 % d'abonnés réels, vérifiés avec un outil
d'audit, avant de signer un contrat avec un cycliste.

## Le tarif
Un cycliste de 5 000 à 20 000 abonnés reçoit 300 à 700 euros par vidéo, plus le vélo prêté pour la saison.
"""

REPORT_EN = """# Reporting a ride sponsorship to the board

## What goes on the report
The report for the marketing director holds three figures: test-ride bookings, cost per booking and the share of
riders who filmed the day.

## Earned media value
We never put earned media value on the report: it is an estimate from a tool, and no finance team accepts it as revenue.
"""


def _with_shipped_pages(tmp_path: Path) -> None:
    # The shipped English pages make a base large enough (over retrieval.MIN_VOCABULARY stems) for a word it never
    # uses to say something; they also use "food", which the rides page never does.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.en.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)


def test_a_question_naming_a_thing_the_base_never_names_is_refused(tmp_path: Path) -> None:
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"rides.en.md": RIDES_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        export = kb.ask("How do I export my ride results from Strava to a spreadsheet?")
        climb = kb.ask("what is the best route up the Galibier for an amateur cyclist?")
    assert not export.found, export.answer
    assert not climb.found, climb.answer


def test_a_question_about_the_askers_own_thing_that_the_page_never_names_is_refused(tmp_path: Path) -> None:
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"rides.en.md": RIDES_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        answer = kb.ask("can I bring my own food and a camping stove on a charity bike ride?")
    assert not answer.found, answer.answer


# Guards: pass on the round's starting code too.
def test_guard_a_question_naming_what_the_page_names_is_answered(tmp_path: Path) -> None:
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"rides.en.md": RIDES_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        cost = kb.ask("How much did the Ridgeway ride cost the bicycle maker?")
        own = kb.ask("what should my mechanics bring on the day of a charity ride?")
        acronym = kb.ask("What do the ride's creators get paid per video for the DMs and posts?")  # "DMs": no page's word
    assert cost.found and "5,200 euros" in cost.answer, cost.answer
    assert own.found and "a van of spare inner tubes" in own.answer, own.answer
    assert acronym.found and "two creators paid 600 euros each" in acronym.answer, acronym.answer


def test_a_question_typed_in_a_hurry_has_no_word_the_base_lacks_but_its_topic(tmp_path: Path) -> None:
    # "whats" is "what's" typed without its apostrophe, and "real followers" are what the page calls "abonnés réels":
    # neither is a word the base never uses, which would count as a sign that the question is about something else
    # (see answer.UNKNOWN_SHARE_MAX).
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"selection.fr.md": SELECTION_FR}) as kb:
        kb.ingest([tmp_path / "pages"])
        terms = query_terms("whats the share of real followers a cyclist needs")
        unknown = kb._retriever.unknown_terms(terms, "en")
        answer = kb.ask("whats the share of real followers a cyclist needs")
    assert not unknown, sorted(sorted(term.stems) for term in unknown)
    assert answer.found and "au moins 80 % d'abonnés réels" in answer.answer, answer.answer


def test_everyday_words_of_a_question_meet_their_translations_on_the_other_languages_page(tmp_path: Path) -> None:
    question = "Doit-on mettre la valeur gagnée dans le bilan pour le directeur de la maison ?"
    with base_of(tmp_path, {"report.en.md": REPORT_EN, "selection.fr.md": SELECTION_FR}) as kb:
        passages = kb.search(question)
        answer = kb.ask(question)
    report = next(p for p in passages if Path(p.source).name == "report.en.md")
    held = {word for word in ("mettre", "valeur", "gagnée", "directeur")
            if all(term_match(term, report.document_tokens, True) for term in query_terms(word))}
    assert {"mettre", "valeur", "gagnée", "directeur"} <= held, held
    assert answer.found and "We never put earned media value on the report" in answer.answer, answer.answer
