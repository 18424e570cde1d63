"""Answering round 8: a question about something of the asker's own that the knowledge base never names is refused
(an English possessive keeps its noun: "my physio's invoice" is about a physio), small talk asked back ("comment
vas-tu ?") is not looked up, a question asking where to find something gets the places listed after the sentence
that echoes it, a page in the other language that holds the answer is quoted after one in the reader's language that
only frames it, and a page's "Non." under its own question is quoted with the answer after it.

Every test fails on the code at the round's start (checked on its tree) except the guard, which passes before and
after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from tests.knowledge.test_answers import base_of

# Pages written for these tests, on a topic no other test or evaluation set uses.
RUNNING_EN = """# Sponsoring amateur running clubs

## How a club partnership works
A brand pays a running club a yearly fee and, in exchange, its logo goes on the club's race vests and on the
weekly training newsletter. Most clubs also agree to post two photos a month from their Sunday long runs.

## What clubs charge
A club of 80 to 200 members usually asks between 600 and 1,500 euros a season for vest placement. Clubs that
organise their own 10K race ask more, because the race bib carries the sponsor's name too.

## Measuring what it brings
Give each club its own landing page and a coupon code printed on the back of the race bib, since runners
rarely click anything while they train.

## Questions
**Can the club's captain post about a rival brand?** Only outside the season covered by the agreement.
"""

CLUBS_FR = """# Recruter des clubs de course à pied partenaires

## Où les trouver ?
Les annuaires des fédérations sont souvent incomplets, parce que beaucoup de clubs ne mettent jamais leur fiche à jour. Nous passons plutôt par ces canaux :
- les calendriers des courses locales, qui citent les clubs organisateurs ;
- les magasins de sport du quartier, où les coachs déposent leurs flyers ;
- les applications de suivi sportif, où chaque club a son groupe public.

## Le premier contact
Écrivez au président du club plutôt qu'au compte du club, et proposez un essai sur une seule course.
"""


VESTS_FAQ_FR = """# Maillots de club : les questions des marques

## Un club peut-il ajouter le logo d'un second sponsor sur le maillot ?
Non. L'accord réserve la poitrine au logo de la marque, et un second logo ne peut aller que dans le dos.

## Qui paie les maillots ?
La marque paie la première commande de maillots ; le club paie les réimpressions.
"""

# Two pages that are no translation of each other: the English one frames the question, the French one answers it.
TRIAL_EN = """# Starting a partnership with a running club

## The first season
Brands usually begin with a short trial on a single race, and the club's committee votes on anything longer.
"""

SEASON_FR = """# Durée des partenariats avec les clubs

## Combien de temps ?
Après l'essai, un partenariat avec un club de course dure en général dix mois, de septembre à juin, et se renouvelle par tacite reconduction.
"""


def test_a_question_about_something_of_the_askers_own_that_the_base_never_names_is_refused(tmp_path: Path) -> None:
    # The shipped English pages make a base large enough (over retrieval.MIN_VOCABULARY stems) that a word it never
    # uses says something. The questions share "club", "tax", "sponsorship" with the pages and ask about the asker's
    # gym membership and physio, which no page names.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.en.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)
    with base_of(tmp_path, {"running.en.md": RUNNING_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        gym = kb.ask("is my gym membership tax deductible if I run a club?")
        physio = kb.ask("can the club pay my physio's invoice out of the sponsorship fee?")
        in_scope = kb.ask("what does a running club charge a season for logo placement on vests?")
        own_brand = kb.ask("can the club print my Acme logo on its race vests?")  # a name qualifies the logo
    assert not gym.found, gym.answer
    assert not physio.found, physio.answer
    assert in_scope.found and "between 600 and 1,500 euros" in in_scope.answer, in_scope.answer
    assert own_brand.found and "its logo goes on the club's race vests" in own_brand.answer, own_brand.answer


def test_small_talk_asked_back_is_not_looked_up(tmp_path: Path) -> None:
    with base_of(tmp_path, {"running.en.md": RUNNING_EN, "clubs.fr.md": CLUBS_FR}) as kb:
        for message in ("coucou, comment vas-tu ?", "How's your day going?"):
            answer = kb.ask(message)
            assert not answer.found, (message, answer.answer)


def test_a_where_question_gets_the_places_listed_after_the_sentence_that_echoes_it(tmp_path: Path) -> None:
    with base_of(tmp_path, {"clubs.fr.md": CLUBS_FR}) as kb:
        answer = kb.ask("où trouver des clubs de course à pied ? les annuaires des fédérations sont incomplets")
    assert answer.found, answer.answer
    assert "les calendriers des courses locales" in answer.answer, answer.answer


# Guard: passes on the round's starting code too (its possessive's noun is on the page either way).
def test_guard_a_question_naming_a_possessive_the_page_uses_is_answered(tmp_path: Path) -> None:
    with base_of(tmp_path, {"running.en.md": RUNNING_EN}) as kb:
        answer = kb.ask("what do clubs charge for a sponsor's name on the race bib?")
    assert answer.found, answer.answer
    assert "race bib carries the sponsor's name" in answer.answer, answer.answer


def test_the_other_languages_page_that_holds_the_answer_is_quoted_after_the_readers_that_frames_it(tmp_path: Path) -> None:
    with base_of(tmp_path, {"trial.en.md": TRIAL_EN, "season.fr.md": SEASON_FR}) as kb:
        answer = kb.ask("how long is a running club partnership after the trial?")
    assert answer.found, answer.answer
    assert "dix mois, de septembre à juin" in answer.answer, answer.answer


def test_a_short_reply_under_a_pages_question_is_quoted_with_the_answer_after_it(tmp_path: Path) -> None:
    with base_of(tmp_path, {"maillots.fr.md": VESTS_FAQ_FR}) as kb:
        answer = kb.ask("le club a-t-il le droit de mettre le logo d'un autre sponsor sur les maillots ?")
    assert answer.found, answer.answer
    assert "Non. L'accord réserve la poitrine au logo de la marque" in answer.answer, answer.answer
