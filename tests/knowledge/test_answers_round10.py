"""Answering round 10, from what held-out set K showed once it could be read: an off-topic question naming a thing
the knowledge base never names ("a sales dashboard in Power BI", "visiting Lisbon in the shoulder season") was
answered from a page that shared its other nouns; so was a question about something of the asker's own ("can I bring
my own food into a festival?") whose word the base uses somewhere, just not on the page that shared the question's
other words. In scope, a question typed in a hurry ("whats", "shud") counted those spellings as words the base lacks,
and everyday words ("valeur", "gagnée", "mettre", "real") met no translation on the other language's page; a sentence
framing a question ("CMOs keep one question: is this money working harder?") stood for a FAQ entry and pointed to the
sentence after it instead of the list that answers.

The pages are written for these tests, on a topic no other test or evaluation set uses (a bicycle maker sponsoring
charity rides and the cyclists who film them). Every test fails on the code at the round's start (checked on its
tree) except the guard, which passes before and after."""

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

BOARD_EN = """# The one-page report for a ride sponsorship

## Why one page
A board reads a sponsorship report in a minute and keeps one question: which figures show that the ride sold
bikes? Photos and follower counts rarely settle it, however many pages they fill.

## The figures on the page
After a few seasons with marketing directors, we put these on the page:
- test-ride bookings in the month after the ride;
- bikes sold with the ride's code, and their revenue;
- the cost per booking, all fees included.

## Quick answers
How often is the report sent?
Once a month during the season.

Who reads it first?
The marketing director, before the board meeting.

Do we include follower counts?
Only in an appendix.

Can the creators see it?
Yes, the page about their own clips.

Which tool do we use?
A shared spreadsheet with one chart.
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


def test_a_sentence_framing_a_question_does_not_stand_for_a_pages_own_question(tmp_path: Path) -> None:
    # "A board ... keeps one question: which figures show that the ride sold bikes?" ends in a question mark, yet it is
    # no FAQ entry with its answer under it: it restates any question about the report, and pointed to the sentence
    # after it instead of the list that answers.
    with base_of(tmp_path, {"board.en.md": BOARD_EN}) as kb:
        answer = kb.ask("Which figures should go on the sponsorship report for the board?")
    assert answer.found, answer.answer
    assert "- test-ride bookings in the month after the ride;" in answer.answer, answer.answer
