"""Caption round 6 (issue 14): mechanisms found on held_out_12, read by roles rather than words.

Tobacco as a head noun with what it is smoked in, packed in or weighed by; a part of the body
reshaped in everyday participles, beside a sign of surgery; a betting pick as "the X to play" with
a bet's terms; a treatment offered or prescribed, then turned down; a rate of weight loss told by
the amount gone; an illness kept away (a health claim); alcohol tied to a bodily function; Quebec
children told to act so that the parents see or buy, and a toy marked in a catalogue. And harmless
uses of the same words. The real checker and rules; every caption is written for these tests.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import HEALTH, promotion


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Le soir je remplis ma vieille pipe avec le tabac miel-amande de @FumeeDouce, 40 g la boîte", "FR"),
    ("Werbung | Kopf frisch gestopft mit dem Tabak von @DampfGarten, Apfel-Zimt, 250 g", "DE"),
    ("Ad | packed the bowl with @OldHarbour cherry tobacco, the 100 g tin lasts me weeks", "UK"),
])
def test_tobacco_is_read_by_what_it_is_smoked_in_or_sold_by(caption, jurisdiction):
    assert ("prohibited_promotion", "error") in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Ma nouvelle bougie @Cirelle aux notes de tabac blond et de cuir, 200 g de cire", "FR"),
    ("Publicité · On s'est arrêtés au bureau de tabac pour acheter le journal, puis balade au port", "FR"),
])
def test_tobacco_as_a_note_or_a_shop_is_harmless(caption, jurisdiction):
    assert ("prohibited_promotion", "error") not in promotion(caption, jurisdiction)


def test_a_body_part_reshaped_beside_a_sign_of_surgery_is_surgery():
    caption = "Publicité · Nez affiné chez @CliniqueAzur, deux heures au bloc et le chirurgien est adorable"
    assert ("prohibited_promotion", "error") in promotion(caption, "FR")


def test_a_body_part_reshaped_by_make_up_is_harmless():
    caption = "Publicité · Nez affiné en deux coups de pinceau avec le contouring @Poudrette"
    assert not promotion(caption, "FR")


def test_a_pick_to_play_with_a_bets_terms_is_sold_tips():
    caption = "Publicité · Sur mon canal Telegram payant, chaque soir la joueuse à prendre en vainqueur chez ton bookmaker, 6 € le tournoi"
    assert ("prohibited_promotion", "error") in promotion(caption, "FR")


def test_a_card_to_play_is_not_a_pick():
    caption = "Publicité · Le jeu @Cartouche : chaque tour, la carte à jouer en premier change tout, parfait en famille"
    assert ("prohibited_promotion", "error") not in promotion(caption, "FR")


def test_a_treatment_offered_then_refused_is_a_treatment_dropped():
    caption = "Ad | the doctor prescribed steroids for my eczema again and I said no thanks, the @Balmora oat cream did it"
    assert ("restricted_claim", "error") in promotion(caption, "UK")


def test_a_treatment_offered_and_taken_is_harmless():
    caption = "Ad | the doctor prescribed antibiotics and I took them all, and the @Cosyknit blanket kept me warm"
    assert ("restricted_claim", "error") not in promotion(caption, "UK")


def test_a_rate_of_weight_loss_told_by_the_amount_gone():
    caption = "Ad | two pounds a week off with the @Leanly meal boxes, my belt needs a new hole"
    assert ("restricted_claim", "error") in promotion(caption, "UK")


def test_a_weight_per_week_with_nothing_lost_is_harmless():
    caption = "Ad | two pounds a week of veg in the @Rootbox delivery, off to make soup"
    assert not promotion(caption, "UK")


def test_an_illness_kept_away_is_a_health_claim():
    caption = "#ad cold season? not in our house 🙅 the @Honeyroot gummies every morning and nobody has been sick"
    assert ("restricted_claim", "warning") in promotion(caption, "US")
    caption = "#ad the kids haven't caught a single cold since we started @Honeyroot gummies"
    assert ("restricted_claim", "warning") in promotion(caption, "US")


def test_nothing_caught_but_fish_is_harmless():
    caption = "#ad haven't caught a single fish since noon but the @Trailbrew cold brew keeps me going"
    assert not promotion(caption, "US")


def test_alcohol_tied_to_a_bodily_function():
    caption = f"Publicité · Après le gros repas, un verre de cognac @MaisonDurand pour aider à digérer. {HEALTH}"
    assert ("restricted_claim", "error") in promotion(caption, "FR")


def test_a_supplement_that_helps_digestion_is_not_an_alcohol_claim():
    caption = "Publicité · Une tisane @Verveine&Co après le repas pour aider à digérer"
    assert ("restricted_claim", "error") not in promotion(caption, "FR")


def test_quebec_children_told_to_act_so_the_parents_see_it():
    caption = "#pub Salut champions ! Mets la photo du robot @Bricobot sur le frigo pour que maman et papa la voient 😉"
    assert ("prohibited_promotion", "error") in promotion(caption, "QC")
    caption = "#ad the @Starbloom doll house is here! circle it in the holiday catalog 🎄"
    assert ("prohibited_promotion", "error") in promotion(caption, "QC")


def test_a_parent_buying_for_a_child_is_harmless():
    caption = "#commandité J'ai acheté le casse-tête @Boisdor pour que mon fils ait de quoi faire à la maison"
    assert ("prohibited_promotion", "error") not in promotion(caption, "QC")
