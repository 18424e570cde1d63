"""Caption round 8 (issue 14): what a caption promotes, read from how the product and the claim work.

Found on held_out_14, where banned products and claims never named their category: an implant
slipped into the face (surgery whatever the route); nicotine salts told by their strength and a
cartridge; leverage told by its multiple (a leveraged contract, whatever the asset); a return told as
a rate with a word in between ("pays a fixed 9%") or promised per day or week ("at least 2% a day"),
and trading told by its two moves ("when to buy and when to sell"); a treatment named, then no pill
of it since, or its box left in the cupboard; a measured condition brought down ("lowered my cholesterol"); betting picks
sold per text message with the matches "to combine" and the odds "to aim for"; drinking as a dare, a
race or a game (loi Évin); Quebec children called by a title from their world, sent to hunt in the
shop's aisle, told to complete a counted set or asked who will find it first. Harmless senses:
"défi" is a challenge, not DeFi, and a book about bitcoin is a publication (both failed before);
a dental or hearing implant, bath salts, a discount per week, a share of screen time per day, a
bike's lever, a box of cereal in the cupboard and the cheese aisle (guards, which pass before and
after the round).
The real checker and rules; every caption is written for these tests, none is a held_out_14 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import HEALTH, BANNED, CLAIM, WARNED, promotion, categories


# Surgery by what is put in -------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Deux implants posés dans les pommettes à la clinique @Galbe, le visage est plus structuré",
    "Collaboration commerciale : mes implants de mollets chez @Sculpta, enfin des jambes galbées",
])
def test_an_implant_in_the_face_or_body_is_cosmetic_surgery(caption):
    assert BANNED in promotion(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Mon implant dentaire est posé, merci au cabinet @Sourire pour la patience",
    "Publicité · Un implant dentaire vissé dans la mâchoire en une heure au cabinet @Racine",
    "Publicité · Mon implant cochléaire derrière les oreilles et le casque @Ondine pour la musique",
])
def test_a_dental_or_hearing_implant_is_harmless(caption):  # guards
    assert not promotion(caption, "FR")


# Nicotine by its strength --------------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · La nouvelle saveur mangue-glace @Brumia, sels à 20 mg, tient toute la soirée", "FR"),
    ("Collaboration commerciale : je change la cartouche menthe de mon @Volute, 12 mg, et c'est reparti", "FR"),
])
def test_salts_or_a_cartridge_told_by_milligrams_are_nicotine(caption, jurisdiction):
    assert BANNED in promotion(caption, jurisdiction)


def test_bath_and_magnesium_salts_in_milligrams_are_harmless():  # guard
    assert not promotion("Publicité · Mes sels de bain @Lagune à la lavande et une gélule de magnésium 300 mg le soir", "FR")


# Money: leverage, returns, trading ----------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Je réplique mes trades sur le pétrole avec un levier x50 sur l'appli @BarilPro",
    "Collaboration commerciale : 1:200 leverage sur le Nasdaq avec @IndexFlash, même avec 100 €",
])
def test_leverage_told_by_its_multiple_is_a_leveraged_contract(caption):
    assert BANNED in promotion(caption, "FR")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | the @Harbourstake vault pays a flat 12% on your USDC, guaranteed, zero risk to your deposit", "UK"),
    ("#ad the @Pipwise bot promises 2% a day, guaranteed, I've stopped checking the charts", "US"),
    ("#ad @SignalNest tells me when to buy and when to sell and the gains are guaranteed every month", "US"),
])
def test_a_guaranteed_rate_or_trading_calls_are_a_financial_promise(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | 20% off every week at @Loafhouse bakery, guaranteed fresh bread", "UK"),
    ("#ad 3% a day of your screen time goes to @Focus, the app that blocks notifications, guaranteed calm", "US"),
    ("Publicité · Le levier x2 de mon vélo cargo @Porteur, idéal pour les côtes", "FR"),
])
def test_a_discount_a_share_of_screen_time_and_a_bike_lever_are_no_finance(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


def test_a_book_about_bitcoin_is_a_publication():
    caption = "Publicité · Lu en trois soirées : « Le Grand Livre du bitcoin », aux éditions @Marge, passionnant"
    assert not promotion(caption, "FR")


def test_a_french_challenge_is_not_defi():
    assert "crypto" not in categories("Publicité · Le défi du mois avec @Foulée : 10 km chaque dimanche", "FR")


# Medicines done without ---------------------------------------------------------------------------


def test_a_named_treatment_then_no_pill_since_is_a_substitution():
    caption = "Ad | Ten years on sertraline and I haven't needed a single tablet since the summer, @Calmroot drops instead"
    assert promotion(caption, "UK") & {BANNED, CLAIM}


def test_the_medicine_box_left_in_the_cupboard_is_a_substitution():
    caption = ("Publicité · Des années de comprimés pour dormir. Depuis janvier la plaquette dort dans le tiroir :"
               " une tisane @Nuitée le soir et je dors comme un bébé")
    assert BANNED in promotion(caption, "FR")


def test_a_cereal_box_in_the_cupboard_is_harmless():  # guard
    assert not promotion("Publicité · La boîte de céréales @Grain reste dans le placard du haut, loin des petites mains", "FR")


@pytest.mark.parametrize("caption", [
    "#ad two scoops of @Beetwise powder a day and it lowered my cholesterol by the next checkup",
    "#ad since the @Hibis tea my blood pressure is back to normal, my doctor was surprised",
])
def test_a_measured_condition_brought_down_is_a_health_claim(caption):
    assert WARNED in promotion(caption, "US")


# Betting picks sold per message -------------------------------------------------------------------


def test_matches_to_combine_sold_per_text_are_betting_tips():
    caption = "Publicité · @TicketFuté te textote le samedi les quatre équipes à combiner, 3 € le texto, cote à viser 8"
    assert BANNED in promotion(caption, "FR")


# Alcohol as a game ---------------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    f"Publicité · Le pack de bières blanches @Houblonne : dix canettes en vingt minutes entre cousins, qui dit mieux ? {HEALTH}",
    f"Publicité · Cidre brut @Verger, 5 % vol. : la première qui finit sa bouteille choisit la musique. {HEALTH}",
])
def test_drinking_as_a_race_or_a_game_breaks_the_loi_evin(caption):
    assert CLAIM in promotion(caption, "FR")


# Quebec children -----------------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "#pub Salut les pirates ! Dans chaque sac de croustilles @Boussole y'a une carte au trésor, trouve les dix cartes !",
    "#ad Hey gamers! Every cereal box from @Crunchio hides a skin code, there are 12 to unlock, who's going to grab the gold one first?",
])
def test_children_called_by_a_title_and_sent_to_complete_a_set(caption):
    assert BANNED in promotion(caption, "QC")


def test_adults_told_about_the_cheese_aisle_are_harmless():  # guard
    assert BANNED not in promotion("#pub Les fromages @Laiterie sont dans l'allée réfrigérée, parfait pour le souper", "QC")
