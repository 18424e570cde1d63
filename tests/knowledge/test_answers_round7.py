"""Answering round 7: a question that shares a noun with the knowledge base but is mostly about things it never
mentions is refused. The first test fails on the code at the round's start (checked on its tree); the guards pass
before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from tests.knowledge.test_answers import base_of

# A short English guide to sponsoring podcasts, written for these tests.
PODCAST_EN = """# Sponsoring independent podcasts

## How a host-read spot works
The host reads the brand's message in their own words, usually once before the episode starts and once in the
middle. Listeners trust a host-read spot far more than a produced advert dropped into the feed.

## Prices
Independent shows with fewer than 5,000 downloads per episode charge between 15 and 25 euros per thousand
downloads for a mid-episode spot. A pre-episode spot costs about a third less.

## Measuring results
Give each show its own discount code and a short web address the host can say out loud, because listeners
cannot click a link while they drive or cook.
"""


def test_a_question_mostly_about_what_the_base_never_mentions_is_refused(tmp_path: Path) -> None:
    # The shipped English pages: a base large enough (over MIN_VOCABULARY stems) that a word it never uses says
    # something. The question shares "Instagram" with them and asks about something else.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.en.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)
    with base_of(tmp_path, {"podcasts.en.md": PODCAST_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        answer = kb.ask("how do I reset my Instagram password on an android phone?")
        in_scope = kb.ask("roughly what do small independent podcasts charge per thousand downloads?")
    assert not answer.found, answer.answer
    assert in_scope.found and "15 and 25 euros per thousand" in in_scope.answer, in_scope.answer


def test_guard_on_one_short_page_a_colloquial_question_with_words_it_never_uses_is_answered(tmp_path: Path) -> None:
    with base_of(tmp_path, {"podcasts.en.md": PODCAST_EN}) as kb:
        answer = kb.ask("tbh how do folks track sales from a podcast if nobody can click anything?")
    assert answer.found, answer.answer
    assert "discount code" in answer.answer, answer.answer


def test_guard_an_english_question_about_a_french_page_is_not_judged_by_the_words_it_lacks(tmp_path: Path) -> None:
    page = ("# Codes de réduction\n\nUn code de réduction nominatif permet d'attribuer chaque vente au créateur qui l'a "
            "partagé. Désactivez-le dès qu'il apparaît sur un site d'agrégation de bons plans.\n")
    with base_of(tmp_path, {"codes.fr.md": page}) as kb:
        answer = kb.ask("what should we do when a creator's discount code shows up on a deals aggregator website?")
    assert answer.found, answer.answer
