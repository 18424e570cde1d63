"""Answering round 6: page layout read as the page means it (column-aligned tables, credit lines, a title over a
byline in a hard-wrapped text), and a table row quoted with the rows after it. The first two tests fail on the code
at the round's start; the third is a guard (the old code quoted all rows of this short table as separate good
sentences; the case it protects, a row whose next rows sit in the next passage, was met on held-out G)."""

from __future__ import annotations

from pathlib import Path

from knowledge.text import split_sentences
from tests.knowledge.conftest import write_pdf
from tests.knowledge.test_answers import base_of

# A hard-wrapped plain-text page (about 70 characters a line) with a title in capitals over its byline and
# date, and a table whose columns are aligned with spaces, as text exports and PDFs give them.
SEEDING_FR = """ENVOYER DES ÉCHANTILLONS À DES CRÉATEURS DE CUISINE
Par Rosalie Vidal, cheffe de projet. Mis à jour le 3 mars 2026.

Un envoi d'échantillons coûte peu et rapporte surtout des contenus
spontanés : les créateurs qui aiment le produit en parlent sans brief,
et ceux qui ne l'aiment pas se taisent. Le retour se mesure en nombre
de publications obtenues pour cent colis envoyés.

Ce que nous avons observé sur nos envois de 2025 :

  Taille du compte      Publications pour 100 colis   Délai moyen
  --------------------  ----------------------------  -----------
  moins de 5 000        42                            6 jours
  5 000 à 20 000        27                            9 jours
  plus de 20 000        11                            15 jours

Relancer une fois, poliment, une semaine après la livraison ne fait
pas baisser ces taux ; relancer deux fois les fait chuter.
"""


def test_a_table_aligned_with_spaces_is_read_row_by_row_with_its_column_names(tmp_path: Path) -> None:
    with base_of(tmp_path, {"echantillons.fr.txt": SEEDING_FR}) as kb:
        answer = kb.ask("how many posts per 100 parcels do creators under 5,000 followers give back?")
    assert answer.found, answer.answer
    assert "Taille du compte: moins de 5 000; Publications pour 100 colis: 42" in answer.answer, answer.answer


def test_credit_lines_are_never_quoted_and_a_title_is_not_joined_to_its_byline(tmp_path: Path) -> None:
    sentences = split_sentences(SEEDING_FR)
    assert sentences[0] == "ENVOYER DES ÉCHANTILLONS À DES CRÉATEURS DE CUISINE"  # a heading, not a wrapped line
    (tmp_path / "pdf").mkdir()
    (tmp_path / "kb").mkdir()
    write_pdf(tmp_path / "pdf" / "guide.pdf", [
        "How small food creators answer a sample parcel: a field note",
        "By Moira Keane, partnerships. Updated 4 May 2026.",
        "Send the parcel only after the creator said yes by message; unsolicited parcels are",
        "rarely opened on camera and often end up given away to friends.",
        "Creators with fewer than 5,000 followers post about one parcel in three.",
    ], title="Sample parcels and small food creators")
    with base_of(tmp_path / "kb", {"echantillons.fr.txt": SEEDING_FR}) as kb:
        kb.ingest([tmp_path / "pdf"])
        by_whom = kb.ask("who wrote the field note on sample parcels, and when was it updated?")
        french = kb.ask("qui a écrit le guide sur les échantillons et quand a-t-il été mis à jour ?")
    for answer in (by_whom, french):
        for credit in ("Moira Keane", "Rosalie Vidal", "Updated 4 May", "Mis à jour le 3 mars"):
            assert credit not in answer.answer, answer.answer


# An English guide whose fee table is long enough to be cut between two passages: the row the question
# echoes ("up to 30 days") is not the reader's case, the next one is.
EXCLUSIVITY_EN = """# Paying for exclusivity

## What creators add to the fee
Creators who give up other brands of your category for a while ask for more than their base fee.

| Window after the last post | Uplift on the base fee, for creators under 50,000 followers in 2025 contracts |
| --- | --- |
| none, the creator may post for anyone the next day | nothing: exclusivity is not part of the deal at all |
| up to 30 days, the window most brands ask for first | nothing to 10%, often waived when the fee is generous |
| 31 to 90 days, about one season of the creator's year | 25 to 40%, because a whole season of offers is lost |
| over 90 days, usually tied to an ambassador deal | 50% or a monthly retainer paid for the whole window |

## Breaches
A creator who posts for a rival during the window usually returns the uplift.
"""


def test_a_table_row_is_quoted_with_the_rows_after_it_even_across_a_passage_cut(tmp_path: Path) -> None:
    with base_of(tmp_path, {"exclusivity.en.md": EXCLUSIVITY_EN}) as kb:
        answer = kb.ask("on ajoute combien au cachet pour deux mois d'exclusivité ?")
    assert answer.found, answer.answer
    assert "Uplift on the base fee, for creators under 50,000 followers in 2025 contracts: 25 to 40%" in answer.answer, (
        answer.answer)
