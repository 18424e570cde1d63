"""Answering round 11, from what held-out set L showed once it could be read: a French question met no English page
through everyday words the glossary lacked ("peinture", "coureurs"); asked for a figure of a worked example, the
answer quoted the example's set-up and not the list of results announced after it.

The pages are written for these tests, on a topic no other test or evaluation set uses (a garden-tool maker and the
gardening creators who film with its shears). Every test fails on the code at the round's start (checked on its
tree) except the guards, which pass before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from knowledge.retrieval import term_match
from knowledge.text import lexical_tokens, query_terms
from tests.knowledge.test_answers import base_of

GARDEN_EN = """# Working with gardening creators for a garden-tool brand

## Why gardening creators
Gardening creators film the same beds season after season, and their followers trust them to say which tools
last. For a maker of shears and saws, a pruning video shows the tool doing the one job it is bought for.

## What the creator films
The creator prunes an old rose bush or a fruit tree with our shears, explains where to cut above a bud, and shows
the clean cut up close. We ask for one long video and three short clips per season.

## What we pay
A gardening creator with 10,000 to 50,000 followers is paid 400 to 900 pounds per video, plus the tools.

## Worked example: Hawthorn Tools
Let's take the shear maker Hawthorn Tools (a fictional company) and its spring 2026 programme, in which six
gardening creators each pruned one orchard with a single pair of Hawthorn shears, from the first cut to the harvest.
Here is what the programme showed after ten weeks:
- six orchards filmed from the first winter cut to the summer harvest, 30 long videos and 90 story frames in total;
- 12,400 saves across all videos, twice the brand's usual average, most of them on the winter pruning tutorials;
- 1,870 spare blades ordered through the creators' links;
- a total cost of 18,000 pounds, fees and tools included.
"""


def _with_shipped_pages(tmp_path: Path) -> None:
    # The shipped pages make a base of both languages, large enough for its background to be measured.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)


def test_a_brand_managers_own_questions_are_answered(tmp_path: Path) -> None:
    # A gate tried in this round refused any first-person question without a listed trade word ("how do I
    # strip old paint off my door?"); it refused these too, which the shipped pages answer, and was dropped.
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"garden.en.md": GARDEN_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        contract = kb.ask("Do I need a written contract if I pay more than 1000 euros?")
        photos = kb.ask("Can I reuse the photos on my website?")
        contrat = kb.ask("Est-ce que je dois faire un contrat écrit ?")
    for answer in (contract, photos, contrat):
        assert answer.found, answer.answer


def test_everyday_words_meet_their_translation() -> None:
    paint = query_terms("peinture")[0]
    runners = query_terms("coureurs")[0]
    assert term_match(paint, frozenset(lexical_tokens("paint", "en")), True) > 0
    assert term_match(runners, frozenset(lexical_tokens("runners", "en")), True) > 0


def test_a_worked_examples_figure_is_quoted_from_the_results_it_announces(tmp_path: Path) -> None:
    with base_of(tmp_path, {"garden.en.md": GARDEN_EN}) as kb:
        answer = kb.ask("combien de lames de rechange ont été commandées grâce aux créateurs de Hawthorn ?")
    assert answer.found, answer.answer
    # quoted under the announcement that says what the figures are, not as a stray line of another passage
    assert "Here is what the programme showed after ten weeks:" in answer.answer, answer.answer
    assert "1,870 spare blades ordered" in answer.answer, answer.answer


# Guards: pass on the round's starting code too.
def test_guard_a_brand_managers_question_in_the_first_person_is_answered(tmp_path: Path) -> None:
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"garden.en.md": GARDEN_EN}) as kb:
        kb.ingest([tmp_path / "pages"])
        fee = kb.ask("How much should I pay a gardening creator with 20k followers for a video?")
        film = kb.ask("What do I ask a gardening creator to film in a pruning video with our shears?")
    assert fee.found and "400 to 900 pounds" in fee.answer, fee.answer
    assert film.found and "clean cut up close" in film.answer, film.answer
