"""Answering round 12, from what held-out set M showed once it could be read: asked "at what point" a rule applies, the
answer quoted a neighbour instead of the sentence giving the threshold; a newsletter hard-wrapped at 70 characters cut
a FAQ's "Q: ...? A:" from its answer, and a worked example's set-up ending in a colon from the line that goes on with
it; a result quoted from a list left out the later results, one of which answered; everyday words met no translation
on the other language's page ("billets", "tournée", "préavis", "ma fille").

The pages are written for these tests, on a topic no other test or evaluation set uses (a pottery studio running
filmed classes with craft creators). Every test fails on the code at the round's start (checked on its tree) except
the guards, which pass before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from knowledge.answer import answer_kinds
from knowledge.retrieval import term_match
from knowledge.text import lexical_tokens, query_terms, split_sentences
from tests.knowledge.test_answers import base_of

STUDIO_FR = """# Ateliers de céramique filmés avec des créatrices

## Pourquoi des ateliers filmés
Un atelier de poterie vend des cours, pas des objets : ce qu'il offre à une créatrice, c'est une séance au tour
avec un enseignant, filmée du premier geste à la cuisson. Les abonnés voient ce qu'ils apprendraient eux-mêmes.

## Ce que dit la loi
Un cours offert est une contrepartie : la créatrice qui le montre fait de la promotion et porte la mention
« Collaboration commerciale ».
Le contrat écrit est obligatoire dès que les cours offerts et les cachets versés par un même atelier atteignent
1 000 euros HT sur un an.
L'atelier signe le contrat et y inscrit la valeur des fournitures offertes par ses partenaires.

## Un fournisseur peut-il inviter lui-même une créatrice ?
Oui, mais il devient alors l'annonceur : c'est à lui de signer le contrat et de figurer dans la mention.
"""

# A newsletter hard-wrapped at 70 characters, as a mail client exports it.
KILN_LETTER_EN = """THE KILN LETTER -- Issue 7 -- 2 March 2026
A newsletter for pottery studios that film their classes with creators

WORKED EXAMPLE

Let's take the spring season we ran with the potter and creator Ivy Marl:
twelve filmed classes in Leeds, one a week, each posted the same night.
Here is what the twelve classes brought in over the three months:

- 9 of the 12 classes were fully booked within a day of Ivy's posts;
- 214 new students signed up with her code over the season;
- 31% of those new students booked a second course within 60 days;
- a cost per new student of 14 pounds, her fees included.

READER QUESTIONS

Q: Can the creator keep the pots she throws during a filmed class? A:
Yes. She keeps every piece made on camera, and the studio pays for the
second firing, which takes about ten days in our kilns.
"""


SEASON_EN = """# Filmed pottery classes with craft creators

## The spring season with Ivy Marl
We ran twelve filmed classes in Leeds with the potter and creator Ivy Marl, one a week, each posted the same night.

## Results
- 9 of the 12 classes were fully booked within a day of Ivy's posts;
- 214 new students signed up with her code over the season;
- 31% of those new students booked a second course within 60 days;
- a cost per new student of 14 pounds, her fees included.
"""

def _with_shipped_pages(tmp_path: Path) -> None:
    # The shipped pages make a base of both languages, large enough for its background to be measured.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)


def test_at_what_point_asks_when_a_rule_starts_to_apply() -> None:
    assert "time" in answer_kinds("at what point do we need a signed contract with the creator?")
    assert "time" in answer_kinds("À partir de quel moment faut-il un contrat écrit ?")


def test_the_threshold_is_quoted_when_asked_at_what_point(tmp_path: Path) -> None:
    with base_of(tmp_path, {"atelier.fr.md": STUDIO_FR}) as kb:
        answer = kb.ask("at what point do we need a written contract with a potter we host?")
    assert answer.found, answer.answer
    # the sentence that gives the threshold comes first, before the FAQ entry about who signs
    first = answer.answer.split("\n\n")[1]
    assert "atteignent 1 000 euros HT sur un an" in first, answer.answer


def test_a_hard_wrapped_line_cut_after_a_colon_goes_on_in_the_next() -> None:
    units = split_sentences(KILN_LETTER_EN)
    # "A:" at the end of a line is the answer's label, not a unit of its own
    assert "A: Yes." in units, units
    assert "A:" not in units, units
    assert ("Let's take the spring season we ran with the potter and creator Ivy Marl: twelve filmed classes in "
            "Leeds, one a week, each posted the same night.") in units, units


def test_the_later_results_of_a_list_are_quoted_with_the_one_that_echoes_the_question(tmp_path: Path) -> None:
    # the results stand under their own heading, apart from the sentence that set the example up
    with base_of(tmp_path, {"season.en.md": SEASON_EN}) as kb:
        answer = kb.ask("how many of the people who joined Ivy's classes were still taking lessons 2 months on?")
    assert answer.found, answer.answer
    assert "9 of the 12 classes were fully booked" in answer.answer, answer.answer
    assert "31% of those new students booked a second course" in answer.answer, answer.answer


def test_everyday_words_meet_their_translation() -> None:
    for french, english in (("billets", "tickets"), ("tournée", "tour"), ("préavis", "notice"),
                            ("fille", "children")):
        term = query_terms(french)[0]
        assert term_match(term, frozenset(lexical_tokens(english, "en")), True) > 0, (french, english)


def test_a_french_question_about_ones_daughter_meets_the_page_on_minors(tmp_path: Path) -> None:
    # "ma fille" named the asker's own thing, which the base never named: the page on minors was set aside
    _with_shipped_pages(tmp_path)
    minors = ("# Representing young creators\n\n## Creators under 16\n"
              "An agency may represent a child under 16 only with the written agreement of both parents, and part of "
              "the child's earnings is kept on a blocked account until the age of majority.\n")
    with base_of(tmp_path, {"minors.en.md": minors}) as kb:
        kb.ingest([tmp_path / "pages"])
        answer = kb.ask("ma fille a 14 ans, est-ce qu'une agence peut la représenter ?")
    assert answer.found, answer.answer
    assert "both parents" in answer.answer, answer.answer


# Guards: pass on the round's starting code too.
def test_guard_a_wrapped_faq_answer_is_quoted_under_its_question(tmp_path: Path) -> None:
    with base_of(tmp_path, {"kiln-letter.en.txt": KILN_LETTER_EN}) as kb:
        answer = kb.ask("after filming a class, does the creator get to keep the pots she made?")
    assert answer.found, answer.answer
    assert "She keeps every piece made on camera" in answer.answer, answer.answer


def test_guard_real_questions_are_answered_and_filler_refused(tmp_path: Path) -> None:
    _with_shipped_pages(tmp_path)
    with base_of(tmp_path, {"atelier.fr.md": STUDIO_FR}) as kb:
        kb.ingest([tmp_path / "pages"])
        for question in ("Quel taux d'engagement pour un nano-influenceur ?", "what must a sponsored post say in France?",
                         "how do I spot fake followers?"):
            assert kb.ask(question).found, question
        for filler in ("ok", "merci", "thanks!"):
            assert not kb.ask(filler).found, filler
