"""Caption round 19 (issue 14): a prescribed treatment left idle in the cupboard or no longer needed
in spoken French, prescribed skin and scalp treatments, hair grown back over an alopecia patch, and
a cosmetic told by how many days it lasts.

Found on held_out_25: a French salon scalp ritual said to do the job of a prescribed ketoconazole
shampoo, which "sleeps at the bottom of the cupboard" and "j'en ai plus besoin" (the drug in no
list, the idle shampoo named only as prescribed, the "ne" dropped as French is spoken), passed; a
US hair-growth drink after which an alopecia patch "filled back in" passed (alopecia in no list,
the regrowth told by "it" in the next sentence); and a German self-tanning mousse that "lasts about
five days" was read by meaning as a disposable vape.

Fail before the round (16): a treatment no longer needed in spoken French (« j'en ai plus
besoin », « on en a pu besoin »), 2 cases; antifungals and the acne retinoid among treatments (FR,
EN), 3; a prescribed treatment, named or not, left idle in a cupboard or a drawer (FR, EN, DE), 5;
hair grown back over an alopecia patch (EN, FR, DE), 4; a tan or a nail colour told by how long it
lasts, which the reading by meaning took for a vape (DE), 2.
Guards, which pass before and after (10): « j'en prends plus » (more of it), medicines kept in a
cupboard, a prescribed cream "sitting in the cabinet" with no since (3); a tumour grown back, later
or right after its name, and thinning hair grown back with no illness named (3); English and French
cosmetics told by how long they last, already read right (2); a vape told the same way, still read
by meaning (2). The real checker and rules; every caption is written for these tests, none is a
held_out_25 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import BANNED, CLAIM, WARNED, promotion

# A treatment no longer needed, as French is spoken --------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Publicité · Mes somnifères ? Depuis la tisane @Lunamia le soir, j'en ai plus besoin 😴", "FR", BANNED),
    ("#publicité L'inhalateur du petit, depuis le purificateur @Airbel dans sa chambre, on en a pu besoin.", "BE", CLAIM),
])
def test_a_treatment_no_longer_needed_without_ne_is_given_up(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


# Prescribed skin and scalp treatments --------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Publicité · Adieu l'antifongique pour mes pellicules, le soin détox @Capilla fait le travail.", "FR", BANNED),
    ("Ad | Two months of the @Scalpsmith tonic and I've ditched my ketoconazole shampoo.", "UK", CLAIM),
    ("#ad the @Clearmere blue-light mask works better than isotretinoin ever did for me", "US", CLAIM),
])
def test_antifungals_and_the_acne_retinoid_are_treatments(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


# A prescribed treatment, named or not, left idle where medicines are kept ------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Publicité · La crème que ma généraliste m'avait prescrite traîne dans le tiroir, le baume @Peaudouce la remplace.", "FR", BANNED),
    ("#publicité Le spray prescrit par le pneumologue prend la poussière au fond de l'armoire depuis le stage de respiration @Souffla.", "BE", CLAIM),
    ("Ad | The gel my dermatologist prescribed has sat at the back of the drawer since March, thanks to the @Calmskin balm.", "UK", CLAIM),
    ("#ad The lotion the walk-in clinic prescribed has gathered dust in the bathroom cabinet since I found the @Dermaleaf oil.", "US", CLAIM),
    ("Werbung | Die Salbe, die mir der Hautarzt verschrieben hat, liegt seit Juni im Badschrank, dank dem Öl von @Hautruh.", "DE", CLAIM),
])
def test_a_prescribed_treatment_left_idle_in_the_cupboard_is_given_up(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mon inhalateur, j'en prends plus quand il fait froid, et l'écharpe @Laineo protège la gorge.", "FR"),
    ("Publicité · Les médicaments prescrits sont rangés dans l'armoire fermée à clé, la boîte @Rangetout aide.", "FR"),
    ("#ad the cream my doctor prescribed is sitting in the cabinet next to the @Mistwell humidifier.", "US"),
])
def test_more_of_a_treatment_or_medicines_kept_are_no_claim(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# Hair grown back over an alopecia patch ----------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad My alopecia areata left a bald spot on my crown last winter. Ten weeks of the @Follique gummies and it's grown back.", "US", WARNED),
    ("Ad | alopecia patch by my parting for a year, then the @Rootglow scalp serum: the patch has filled in completely", "UK", CLAIM),
    ("Publicité · Ma pelade m'avait laissé une plaque derrière l'oreille, trois mois de cure @Capilys et les cheveux ont repoussé.", "FR", CLAIM),
    ("Werbung | Meine Alopezie hatte eine kahle Stelle am Hinterkopf. Nach zwei Monaten @Haarfein Kapseln ist die Stelle nachgewachsen.", "DE", CLAIM),
])
def test_hair_grown_back_over_an_alopecia_patch_is_the_illness_treated(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad my aunt's cancer came back last year and it has grown back twice, so we walk for @Hopefund on Sunday", "US"),
    ("Ad | my uncle's cancer has grown back, so the whole family is running for @Cureline in May", "UK"),
    ("#ad my thinning edges after the baby, then eight weeks of the @Curlroot oil and they've grown back in", "US"),
])
def test_a_tumour_grown_back_or_thinning_hair_is_no_alopecia_cured(caption, jurisdiction):  # guards
    assert WARNED not in promotion(caption, jurisdiction) and CLAIM not in promotion(caption, jurisdiction)


# A cosmetic told by how long it lasts is no vape (read by meaning) --------------------------------------


def _read_by_meaning(meaning, caption: str, jurisdiction: str) -> list[str]:
    """What the reading by meaning added to the findings (its nearest examples, marked "≈")."""
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return [word for finding in result.findings for word in finding.words if word.startswith("≈")]


@pytest.mark.parametrize("caption", [
    "Werbung | Der Nagellack von @Lackwerk duftet nach nichts und hält eine ganze Woche",
    "Werbung | Das Bräunungsspray von @Goldhaut riecht nach Mango und hält bei mir fast eine Woche",
])
def test_a_cosmetic_told_by_how_long_it_lasts_shows_no_signal(meaning, caption):
    assert not _read_by_meaning(meaning, caption, "DE")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad the @Bronzely tan mousse smells of coconut and lasts for days on me", "US"),
    ("Publicité · le vernis @Onglea parfum cerise tient des jours", "FR"),
])
def test_english_and_french_cosmetics_already_read_right(meaning, caption, jurisdiction):  # guards
    assert not _read_by_meaning(meaning, caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "Werbung | Mein Einweg-Vape von @Dampfwolke mit Melonengeschmack hält die ganze Woche",
    "#ad my disposable vape in mango ice from @Cloudry lasts me the whole week",
])
def test_a_vape_told_by_how_long_it_lasts_is_still_read_by_meaning(meaning, caption):  # guards
    found = meaning.detect(caption)
    assert found is not None and found.signal.name == "nicotine"
