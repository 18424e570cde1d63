"""The import report in the reader's language: notes and rejections through scoring.wording (issue 13)."""

from __future__ import annotations

import string
from pathlib import Path

from bot.wiring import open_roster
from scoring.config import read_data
from scoring.importing import read_import

FILES = Path(__file__).parent / "files"
MESSY = ("Compte;Réseau;Abonnés;Taux d'engagement;Pays;Tarif\n"
         "@Lea.Grimpe;Insta;12,5K;3,4 %;Narnia;250 - 500\n"
         "sam.cuisine;tiktok;9000;beaucoup;Belgique;90\n"
         "no.followers;instagram;;;France;\n"
         "sam.cuisine;tiktok;9100;2 %;Belgique;90\n")


def test_notes_and_rejections_in_french(tmp_path):
    path = tmp_path / "agence.csv"
    path.write_text(MESSY, encoding="utf-8")
    english, french = read_import(path), read_import(path, language="fr")
    assert [r.reason for r in french.rejected] == [
        "nombre d'abonnés manquant", "doublon de la ligne 3 (tiktok @sam.cuisine) ; la première a été gardée"]
    assert [r.reason for r in english.rejected] == [
        "missing followers", "duplicate of line 3 (tiktok @sam.cuisine); the first one was kept"]
    assert "ligne 2 : country ('Pays') laissé de côté : pays inconnu 'Narnia' (utilisez un code ISO comme FR, " \
           "ou un nom de pays)" in french.notes
    assert "ligne 2 : price_per_post ('Tarif') : la fourchette '250 - 500' est notée sur son milieu, 375" in french.notes
    assert "ligne 3 : engagement_rate (\"Taux d'engagement\") laissé de côté : pas un nombre : 'beaucoup'" in french.notes
    assert len(french.notes) == len(english.notes) == 3


def test_reshaping_notes_and_contacts_in_french(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(FILES / "member_upload_no_followers.csv", language="fr")
    assert report.notes[0].startswith("Le fichier n'a pas de colonne d'abonnés : ses 3 créateurs sont gardés comme contacts")
    assert report.notes[1].startswith("une ligne par personne et une colonne par plateforme (instagram ('Instagram'), "
                                      "tiktok ('TikTok')) : chaque plateforme renseignée est un créateur (2 lignes, "
                                      "3 créateurs lus)")
    plan = read_import(FILES / "hypeauditor_top_instagram.csv", language="fr")
    assert any(note.startswith("engagement_rate ('Engagement avg') donne des interactions par publication")
               for note in plan.notes)
    assert any(note.startswith("pays lu dans 'Audience country(mostly)'") for note in plan.notes)


def test_every_text_has_both_languages_with_the_same_placeholders():
    templates = read_data("reasons")
    english, french = templates["en"], templates["fr"]
    assert set(english) == set(french)
    fields = string.Formatter()
    for key, text in english.items():
        if isinstance(text, str):
            assert {f for _, f, _, _ in fields.parse(text) if f} == {f for _, f, _, _ in fields.parse(french[key]) if f}, key


def test_a_post_export_says_its_formula_in_french(settings):
    with open_roster(settings) as roster:
        roster.import_file(FILES / "titled_export.csv")  # @lea.grimpe: 12.5K followers
        report = roster.import_file(FILES / "meta_business_suite_posts.csv", language="fr")
    assert report.notes[0] == "une ligne par publication : 7 lignes regroupées en 3 comptes"
    assert report.notes[1].startswith("@lea.grimpe (instagram) : 4 publications du 2025-03-03 au 2025-04-28 regroupées : "
                                      "j'aime moyens = total des j'aime / publications = 1 280 / 4 = 320 ; ")
    assert report.notes[1].endswith("0,38 publications par semaine (non enregistrée : le roster n'a pas de champ "
                                    "pour elle) ; abonnés 12 500 gardés du roster (ce fichier n'en a pas)")
    assert "ligne 6 : likes ('Likes') de cette publication laissé de côté : pas un nombre : 'n/a'" in report.notes
    assert [r.reason.split(" :")[0] for r in report.rejected] == ["nombre d'abonnés manquant"] * 2
