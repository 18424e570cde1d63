"""Caption round 14 (issue 14): a drink told by its alcoholic strength or by how it is brewed, a
caption that says in its own words how it came by what it shows with nothing from a brand, and two
everyday neighbours of a signal read by meaning.

Found on held_out_20: a French beer never called a beer, only by its hops, its "% vol." and its
bottle-conditioning, posted without the loi Évin's health message; and a Canadian review of an
appliance nobody sent, bought "at full price" with no code, link or gift, checked as paid content
and told to add "#ad". Reading the second showed that part 19's "Not #sponsored" passed only
because a negated hashtag still counted as the label. Beside the misses, the reading by meaning
took a UK pet post's quiet moment "before tea" for a tea cure (an error, hidden by the post's real
fault) and a vacuum's review for a vape.

Guards, which pass before and after the round: a low-alcohol or alcohol-free strength, a hand gel's
alcohol, a hop tea with no bottle or glass, a hair mousse's "volume"; a bare "not sponsored" (a
hidden ad says it too), a denial beside a code, a gift sent or an affiliate link, a gift the user
names, and a claim in an unsponsored post is still read. The real checker
and rules; every caption is written for these tests, none is a held_out_20 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption, find_labels
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import CLAIM, HEALTH, categories, issues, promotion

MISSING = ("missing_disclosure", "error")


# A drink told by its alcoholic strength (the legal mention on every bottle) ------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · La cuvée Les Grès de @DomaineCalvel, 13,5 % vol., élevée douze mois en fût de chêne, 18 € au caveau.", "FR"),
    ("Publicité · Nouvelle cuvée chez @CaveLambert : la Rousse du Plateau, 6,2 % vol, non filtrée, 4 € les 33 cl.", "FR"),
    ("Ad | The new 4.2% ABV amber from @Fellhouse is in the shops this week, £3.50 a can.", "UK"),
    ("#ad Meet the @Copperlane small-batch reserve: 46% alc./vol., aged six years in charred oak.", "US"),
    ("Werbung | Unser Märzen von @Brauhaus Seeberg hat 5,6 Vol.-% und ist ab heute im Getränkemarkt.", "DE"),
])
def test_a_drink_told_by_its_strength_is_alcohol(caption, jurisdiction):
    assert "alcohol" in categories(caption, jurisdiction)


def test_a_french_drink_told_by_its_strength_needs_the_health_message():
    caption = "Publicité · La cuvée Les Grès de @DomaineCalvel, 13,5 % vol., élevée douze mois en fût de chêne, 18 € au caveau."
    assert CLAIM in promotion(caption, "FR")
    assert not promotion(f"{caption}\n{HEALTH}", "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Notre saison houblonnée au Mosaic chez @AtelierDuPort, disponible en bouteille de 75 cl.",
    "Publicité · Refermentée en bouteille comme autrefois, la blanche de @LesTroisMoulins, à servir bien fraîche en verre tulipe 🍺",
    "Ad | Double dry-hopped with Citra and Galaxy, the @Northgate pale is back, one can per glass of course 🍻",
])
def test_a_beer_told_by_how_it_is_brewed_beside_a_bottle_or_a_glass_is_alcohol(caption):
    jurisdiction = "UK" if caption.startswith("Ad") else "FR"
    assert "alcohol" in categories(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · La blonde sans alcool de @BrasserieDuPort, 0,4 % vol, pour les soirs de semaine.", "FR"),
    ("Publicité · Mon gel hydroalcoolique @Mainsnettes à 70 % vol. toujours dans le sac à langer.", "FR"),
    ("Publicité · Une tisane au houblon et à la camomille de @Herboriste Lune pour mieux dormir.", "FR"),
    ("Ad | The @Loftlocks mousse gives my fine hair 30% volume that lasts until the evening.", "UK"),
    ("Ad | 25% off everything at @Hearthly this weekend, from mugs to throws.", "UK"),
])
def test_a_low_strength_a_hand_gel_a_hop_tea_or_hair_volume_is_no_drink(caption, jurisdiction):  # guards
    assert "alcohol" not in categories(caption, jurisdiction)


# A caption that says it has no tie to a brand (FTC 255.5, Ad Standards, CMA/ASA, loi 2023-451) --


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Not sponsored, I bought the @Quillmere desk lamp with my own money and it has been on every night since.", "US"),
    ("Not an ad and nobody sent me this: I paid full price for the @Harlowe rain jacket and it kept me dry all week in Skye.", "UK"),
    ("#notsponsored a year with the @Tellwood cast-iron pan, bought it myself, and it still looks brand new.", "CA"),
    ("Pas sponsorisé, acheté avec mes sous : la cocotte @Fontebrune après un an, toujours impeccable.", "FR"),
    ("Ce n'est pas un partenariat, personne ne m'a rien envoyé : j'ai payé la poussette @Rouleboule plein pot et je la recommande.", "BE"),
    ("Nicht gesponsert, selbst gekauft: mein Fazit zur Kaffeemühle von @Mahlwerk nach sechs Monaten.", "DE"),
    ("No brand has ever sent me a thing, so here is my honest take on the @Tellwood kettle after a winter.", "US"),
])
def test_a_caption_saying_it_has_no_tie_owes_no_label(caption, jurisdiction):
    assert issues(caption, jurisdiction) == set()


def test_a_negated_hashtag_is_no_label():
    caption = "Not #sponsored, just the @Quillmere lamp I bought myself."
    assert not [hit for hit in find_labels(caption, "US") if hit.kind == "accepted"]


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Not sponsored, but use my code LAMP10 for 10% off the @Quillmere desk lamp!", "US"),
    ("Not an ad, @Harlowe just sent me the rain jacket to try and I love it.", "UK"),
    ("Not sponsored, I bought it myself, but the @Tellwood pan is in my affiliate links below.", "CA"),
    ("Pas sponsorisé, mais merci à @Fontebrune pour la cocotte, et -15 % avec mon code FONTE15.", "FR"),
])
def test_a_denial_beside_a_code_a_gift_or_an_affiliate_link_still_needs_a_label(caption, jurisdiction):  # guards
    assert MISSING in issues(caption, jurisdiction) or ("ambiguous_disclosure", "error") in issues(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Not sponsored, just obsessed with the @Quillmere desk lamp on my new setup.", "US"),
    ("Pas sponsorisé, juste fan de la cocotte @Fontebrune.", "FR"),
])
def test_a_bare_denial_says_nothing_of_how_the_product_came(caption, jurisdiction):  # guards
    assert MISSING in issues(caption, jurisdiction)


def test_a_gift_the_user_names_is_not_undone_by_the_caption():  # guard
    caption = "Not sponsored, nobody sent me anything: my honest review of the @Quillmere desk lamp."
    request = CaptionCheckRequest(caption=caption, jurisdiction="US", compensation="gifted")
    assert "missing_disclosure" in {issue.code for issue in check_caption(request).issues}


def test_a_claim_in_a_caption_with_no_tie_is_still_checked():  # guard
    caption = "Not sponsored, I paid full price for the @Dermaleaf balm myself and it cured my eczema in a week."
    assert CLAIM in promotion(caption, "UK")
    assert MISSING not in issues(caption, "UK")


# Everyday neighbours of a signal, read by meaning: British "tea" the evening meal and a quiet moment
# before it (not a tea taken as a cure), a cordless vacuum reviewed with its battery (not a vape) --


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | peanut butter lick mat from @Pawder = twenty minutes of quiet, the only rest I get before tea", "UK"),
    ("Ad | keeps her busy for 15 mins, honestly the only break I get before tea time 🐾 @Pawder", "UK"),
    ("#ad My 3-month honest review of the @Sweeply cordless stick vac", "CA"),
    ("#ad my honest review of the @Sweeply cordless stick vac after a year", "US"),
])
def test_an_everyday_neighbour_of_a_signal_raises_nothing(meaning, caption, jurisdiction):
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    assert not result.issues and not result.findings, [(issue.rule, issue.message) for issue in result.issues]
