"""Answering round 16, from what held-out set R showed once it could be read: a question about a part of the asker's
own thing ("l'index de mon bullet journal") was answered from a page that names the thing and never the part; a
question that states the figures of its case ("we pay €320 and give a €260 dish") had the page telling that very
case ranked below a page sharing more of its other words; and "sans être payé" was read as asking for an amount, so a
sentence with a figure pushed out the one that answers.

The pages are written for these tests, on a topic no other test or evaluation set uses (watercolour paint brands and
sketchbook artists, music creators' contracts). The tests not marked as guards fail on the code at the round's start
(checked on its tree, 66018ec); the guards pass before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import CORPUS_DIR
from tests.knowledge.test_answers import base_of

WATERCOLOUR_FR = """# Marques d'aquarelle et artistes de carnets de croquis

## Pourquoi les carnettistes
Les artistes qui peignent en extérieur montrent leur palette d'aquarelle ouverte à chaque page de leur carnet de
croquis. Leurs abonnés regardent surtout le mélange des couleurs, et ils gardent la vidéo pour la refaire chez eux.

## Le coffret d'essai
Nous envoyons une palette de douze demi-godets, un carnet de papier coton et deux pinceaux à réservoir d'eau. L'artiste
peint avec au moins trois semaines avant de tourner une démonstration, pour parler de la tenue des couleurs en
connaissance de cause.

## Les cachets
Une démonstration filmée de dix minutes est payée 380 euros, une série de quatre aquarelles de voyage 900 euros, la
palette restant offerte en plus.

## La mention
La palette offerte est une contrepartie au sens de la loi n° 2023-451 : la mention « Collaboration commerciale » doit
rester visible pendant toute la vidéo, même sans cachet.
"""

WATERCOLOUR_CONTRACT_FR = """# Marques d'aquarelle et artistes de carnets de croquis

## Le coffret d'essai
Nous envoyons une palette de douze demi-godets, un carnet de papier coton et deux pinceaux à réservoir d'eau. L'artiste
peint avec au moins trois semaines avant de tourner une démonstration.

## Contrat et mention
La palette offerte est une contrepartie au sens de la loi n° 2023-451 : la mention « Collaboration commerciale » doit
rester visible pendant toute la vidéo. Pour le contrat écrit, le cachet et la valeur du matériel s'additionnent sur
l'année. Une artiste qui reçoit 380 € de cachet et un coffret de 140 € reste sous le seuil de 1 000 euros HT ; une
deuxième démonstration à 500 € fait passer le total au-dessus.
"""

MUSIC_CONTRACTS_EN = """# Written contracts with music creators

## When a written contract is required
A written contract is legally required for any creator under 18, whatever the amount, and it must be signed by
their parents. For adult creators we still send a short written agreement by email before any video is filmed.

## What the contract covers
The contract states the fee, the deliverables, the posting dates and who owns the video afterwards.
"""

WATERCOLOUR_FEES_FR = """# Marques d'aquarelle et artistes de carnets de croquis

## Le coffret d'essai
Nous envoyons une palette de douze demi-godets, un carnet de papier coton et deux pinceaux à réservoir d'eau. L'artiste
peint avec au moins trois semaines avant de tourner une démonstration.

## Les cachets
Une démonstration filmée de dix minutes est payée 380 euros, une série de quatre aquarelles de voyage 900 euros, la
palette restant offerte en plus. Les illustrateurs débutants touchent 150 euros par vidéo.

## La mention
Le coffret offert est une contrepartie au sens de la loi : même sans cachet, la vidéo d'un illustrateur équipé par la
marque est une publicité. La mention « Collaboration commerciale » reste affichée pendant toute la vidéo. Remercier la
marque en fin de vidéo ne remplace pas cette mention.
"""


def _with_shipped_french_pages(tmp_path: Path) -> Path:
    # The shipped French pages: a base large enough (over MIN_VOCABULARY stems) that a word it never uses says
    # something.
    (tmp_path / "pages").mkdir()
    for page in CORPUS_DIR.glob("*.fr.md"):
        shutil.copy(page, tmp_path / "pages" / page.name)
    return tmp_path / "pages"


def test_a_part_of_the_askers_own_thing_that_no_page_names_is_refused(tmp_path: Path) -> None:
    pages = _with_shipped_french_pages(tmp_path)
    with base_of(tmp_path, {"aquarelle.fr.md": WATERCOLOUR_FR}) as kb:
        kb.ingest([pages])
        answer = kb.ask("Comment ranger les tubes de ma palette d'aquarelle ?")
    assert not answer.found, answer.answer


def test_the_part_of_the_askers_own_thing_is_what_they_call_their_own() -> None:
    from knowledge.answer import _owned_terms

    owned = {stem for term in _owned_terms("What is the right order for the index of my travel sketchbook?")
             for stem in term.stems}
    assert "index" in owned, owned
    owned = {stem for term in _owned_terms("Comment nettoyer les godets de ma palette ?") for stem in term.stems}
    assert "godet" in owned, owned


def test_the_page_stating_the_figures_of_the_question_comes_first(tmp_path: Path) -> None:
    pages = {"aquarelle.fr.md": WATERCOLOUR_CONTRACT_FR, "music-contracts.en.md": MUSIC_CONTRACTS_EN}
    with base_of(tmp_path, pages) as kb:
        question = "we pay a painter €380 and send her a €140 paint set. Is a written contract legally required?"
        passages = kb.search(question, k=5)
        answer = kb.ask(question)
    assert Path(passages[0].source).name == "aquarelle.fr.md", [p.source for p in passages]
    first = answer.answer.split("\n\n")[1]
    assert "reste sous le seuil de 1 000 euros HT" in first, answer.answer


def test_a_question_saying_no_money_is_paid_asks_for_no_amount(tmp_path: Path) -> None:
    with base_of(tmp_path, {"aquarelle.fr.md": WATERCOLOUR_FEES_FR}) as kb:
        answer = kb.ask("An illustrator who only gets the paint box, without being paid: does he still have to show "
                        "the label?")
    assert answer.found, answer.answer
    assert "même sans cachet" in answer.answer, answer.answer
    assert "150 euros" not in answer.answer, answer.answer


def test_sans_etre_paye_asks_for_no_amount() -> None:
    from knowledge.answer import answer_kinds

    assert "number" not in answer_kinds("Une illustratrice qui reçoit le coffret sans être payé doit-elle le signaler ?")
    assert "number" not in answer_kinds("If the painter is not paid, is the free palette still an ad?")


# Guards: pass on the round's starting code too.
def test_guard_a_part_of_the_askers_own_thing_the_page_names_is_answered(tmp_path: Path) -> None:
    pages = _with_shipped_french_pages(tmp_path)
    with base_of(tmp_path, {"aquarelle.fr.md": WATERCOLOUR_FR}) as kb:
        kb.ingest([pages])
        answer = kb.ask("Combien payer la démonstration de ma carnettiste ?")
    assert answer.found, answer.answer
    assert "380 euros" in answer.answer, answer.answer


def test_guard_asked_how_much_a_creator_is_paid_the_fee_is_quoted(tmp_path: Path) -> None:
    from knowledge.answer import answer_kinds

    assert "number" in answer_kinds("How much are beginner illustrators paid per video?")
    with base_of(tmp_path, {"aquarelle.fr.md": WATERCOLOUR_FEES_FR}) as kb:
        answer = kb.ask("How much are beginner illustrators paid per video?")
    assert answer.found, answer.answer
    assert "150 euros par vidéo" in answer.answer, answer.answer


def test_guard_without_figures_the_page_sharing_the_words_comes_first(tmp_path: Path) -> None:
    pages = {"aquarelle.fr.md": WATERCOLOUR_CONTRACT_FR, "music-contracts.en.md": MUSIC_CONTRACTS_EN}
    with base_of(tmp_path, pages) as kb:
        question = "Who must sign the written contract of a music creator under 18?"
        passages = kb.search(question, k=5)
        answer = kb.ask(question)
    assert Path(passages[0].source).name == "music-contracts.en.md", [p.source for p in passages]
    assert "signed by" in answer.answer, answer.answer
