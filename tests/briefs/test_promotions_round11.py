"""Caption round 11 (issue 14): where a label sits (a heading, one story frame of several, a
voice-over) and what a caption says is supplied or claimed (a gambling ad told by its own
prevention message or by the odds it boosts, gambling sold as income, a whisky by its kind, a drink
standing between nerves and a feat).

Found on held_out_17: a Belgian « [Annonce] » heading, the word of the accepted « #annonce »,
read as no label at all; an "Ad" typed on the first of three story frames only, while every
jurisdiction's rules ask for it on every frame; « collaboration commerciale » said only in a
Reel's voice-over near its end, reported as a late label rather than as none in the caption; a
French bookmaker's odds boost told by its two odds, with the statutory prevention message
(« Jouer comporte des risques ») read only as a hint, so no gambling was found, and a win that
"pays for" a trip; a single malt not read as whisky, and a drink taken between shaking hands and a
speech that "owned" the room (CAP 18.4). Also a false alarm by meaning: a bike lamp that "lasts
four hours" read as an injection's quick effect (ordinary phrases on lamps and batteries now stand
between them).

Two conventions came with them. Parts 4 and 5 call a factual UK whisky post that says "Please
drink responsibly" compliant, which the blanket UK.alcohol reminder contradicted once "single malt"
and "dram" were read: the reminder now gives way to a line addressing adults who drink
responsibly. A label buried in a pile of hashtags is still ``disclosure_not_prominent`` where the
parts list ``ambiguous_disclosure`` or ``missing_disclosure`` (README).

Guards, which pass before and after the round: an announcement, an "Annonce :" or an "annonce"
inside a sentence is no label; every story frame labelled, a single numbered story, a label
before the frames; a voice-over under a label upfront; a price, a school average and a car's value
moving between two figures; nerves, a feat, then a drink to celebrate; a factual whisky post
with a responsibility line; a lamp's battery life by meaning, and a real injection still read by
meaning. The real checker and rules; every caption is written for these tests, none is a
held_out_17 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import BANNED, CLAIM, WARNED, categories, issues, promotion

AMBIGUOUS = ("ambiguous_disclosure", "error")


def _rules(caption: str, jurisdiction: str) -> set[str]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction))
    return {issue.rule for issue in result.issues}


def _read_by_meaning(caption: str, jurisdiction: str, meaning: MeaningDetector) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return {(issue.code, issue.severity) for issue in result.issues}


# A hashtag label's word set apart as a heading ------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("[Annonce] Trois semaines avec le moulin à café @Moulinette, un espresso en trente secondes chaque matin", "BE"),
    ("Annonce | Le sac à dos @Sentier avale tout mon matériel photo et reste léger sur le dos", "BE"),
    ("[Publiciteit] Mijn nieuwe regenjas van @Druppel houdt me helemaal droog op de fiets naar het werk", "BE"),
    ("(Pub) Ma nouvelle théière en fonte @Tetsu garde le thé chaud pendant une heure", "QC"),
])
def test_a_hashtag_labels_word_as_a_heading_is_that_label(caption, jurisdiction):
    assert not issues(caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "Annonce : on déménage à Namur ! Les cartons viennent de chez @Cartonnier",
    "Une grande annonce pour la rentrée : ma ligne de carnets avec @Papetier arrive en septembre",
    "Petite annonce du jour | je cherche une colocataire à Liège, et mon bureau vient de chez @Planche",
])
def test_an_announcement_is_no_label(caption):  # guards
    assert ("missing_disclosure", "error") in issues(caption, "BE")


# Story frames: the label on every frame -------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("[story 1/2 · text: Ad] The @Brewpot kettle on my new worktop\n[story 2/2 · swipe-up link] 15% off with KETTLE15", "UK"),
    ("Story 1/3: #ad my @Trailmix granola on the summit\nStory 2/3: the view from the top\nStory 3/3: code HIKE20 for 20% off", "US"),
    ("[story 1/2] Ma gourde isotherme @Glacier garde l'eau fraîche toute la journée\n[story 2/2 · sticker « Publicité »] -15 % avec LOU15", "FR"),
    ("[Story 1] Werbung: der Rucksack von @Talweg auf dem Gipfel\n[Story 2] mit dem Code TAL15 gibt es 15 %", "DE"),
])
def test_a_label_on_some_story_frames_only_leaves_the_others_unlabelled(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert AMBIGUOUS in found
    assert ("disclosure_not_prominent", "error") not in found


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("[story 1/2 · text: Ad] The @Brewpot kettle on my new worktop\n[story 2/2 · text: Ad] 15% off with KETTLE15", "UK"),
    ("Publicité · Story 1/3 : la gourde @Glacier au sommet du Ventoux", "FR"),
    ("Ad\n[story 1/2] the @Brewpot kettle on my new worktop\n[story 2/2] 15% off with KETTLE15", "UK"),
])
def test_every_frame_labelled_a_single_story_or_a_label_before_the_frames_is_compliant(caption, jurisdiction):  # guards
    assert not issues(caption, jurisdiction)


# A label said only in a voice-over ------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ma nouvelle trottinette @Rouli, 25 km d'autonomie et elle se plie en deux 🛴\n[voix off à la fin : « cette vidéo est une collaboration commerciale avec Rouli »]", "FR"),
    ("New running vest from @Pacer, it fits two bottles and my phone 🏃\n[Voice-over at 0:40 of 0:45: \"this video is an ad for Pacer\"]", "UK"),
    ("Unser neuer Grill von @Glutwerk im Garten 🔥\nOff-Stimme: „Werbung, in Zusammenarbeit mit Glutwerk“", "DE"),
])
def test_a_label_said_only_in_the_voice_over_is_none_in_the_caption(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert AMBIGUOUS in found
    assert ("disclosure_not_prominent", "error") not in found


def test_a_voice_over_under_a_label_upfront_is_compliant():  # guard
    caption = "Publicité · Ma trottinette @Rouli 🛴\n[voix off : « 25 km d'autonomie, et elle se plie en deux »]"
    assert not issues(caption, "FR")


# Gambling by its own prevention message, by a boost of the odds, sold as income -------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Soirée derby avec @Tribune9, inscris-toi avant le coup d'envoi ⚽ Jouer comporte des risques : isolement, endettement. Appelez le 09 74 75 13 13.",
    "Publicité · Dimanche, le grand prix se suit sur l'appli @Galopia 🏇 Jouer comporte des risques : dépendance, isolement. Pour être aidé, appelez le 09 74 75 13 13.",
])
def test_the_statutory_prevention_message_shows_a_gambling_ad(caption):
    assert WARNED in promotion(caption, "FR")
    assert "gambling" in categories(caption, "FR")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Chez @Tribune9 ce samedi, la victoire des Bleus boostée de 2,10 à 4,00 pour ton premier match ⚽", "FR"),
    ("Ad | @Kickline odds boosted from 3.00 to 6.50 on the derby winner this weekend", "UK"),
])
def test_odds_boosted_between_two_decimal_odds_are_gambling(caption, jurisdiction):
    assert "gambling" in categories(caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "Publicité · Grâce aux cours de @ProfMaths ma moyenne a été boostée de 11,50 à 14,25 ce trimestre",
    "Publicité · Le kilo de cerises @Verger passe de 4,50 € à 3,90 € cette semaine",
    "Publicité · La cote de ma Clio est passée de 9 000 à 8 200 € selon @Argus",
])
def test_an_average_a_price_or_a_cars_value_moving_is_no_odds_boost(caption):  # guards
    assert "gambling" not in categories(caption, "FR")


def test_gambling_sold_as_a_way_to_make_ends_meet_is_a_warning_of_its_own():
    caption = "Publicité · Parie sur le derby avec @Tribune9 : de quoi arrondir tes fins de mois ⚽ Jouer comporte des risques : endettement, dépendance."
    assert "FR.gambling.income" in _rules(caption, "FR")
    assert CLAIM not in promotion(caption, "FR") and BANNED not in promotion(caption, "FR")


# Whisky by its kind; a drink between nerves and a feat (CAP 18.4) --------------------------------


@pytest.mark.parametrize("caption", [
    "Ad | A peated @Stagrock single malt by the fire tonight",
    "Ad | A wee dram of @Corriemoor before bed, honey and heather on the nose",
])
def test_whisky_by_its_kind_or_its_measure_is_alcohol(caption):
    assert "alcohol" in categories(caption, "UK")


@pytest.mark.parametrize("caption", [
    "Ad | Job interview jitters all morning, one @Kilnhouse gin at lunch and I aced it 🍸",
    "Ad | Terrified of my first stand-up set, a quick shot of @Emberstill rum backstage and I brought the house down",
    "Ad | Knees knocking before the retirement toast, a @Hollin cider at the bar and I had the whole room in stitches",
])
def test_a_drink_between_nerves_and_a_feat_gives_confidence(caption):
    assert CLAIM in promotion(caption, "UK")
    assert "UK.alcohol.success" in _rules(caption, "UK")


def test_une_boisson_entre_le_trac_et_un_exploit_est_une_association_interdite():
    caption = ("Publicité · Morte de peur avant mon discours de témoin, une coupe de crémant @Clos et j'ai tout déchiré. "
               "L'abus d'alcool est dangereux pour la santé.")
    assert "FR.alcohol.associations" in _rules(caption, "FR")


def test_a_drink_to_celebrate_after_the_feat_is_no_confidence_claim():  # guard
    caption = ("Ad | So nervous before my sister's wedding toast but I nailed it 🥂 celebrated afterwards with a glass of "
               "@Ferncliff single malt. Please drink responsibly")
    assert "UK.alcohol.success" not in _rules(caption, "UK")


def test_a_factual_whisky_post_for_adults_who_drink_responsibly_is_compliant():  # guard
    assert not issues("Ad | Tasting the @Larchmoor single malt: peat smoke and pear, 46% ABV. 18+ · Please drink responsibly", "UK")


def test_a_responsibility_line_answers_the_uk_alcohol_reminder():
    assert not issues("Ad | The @Larchmoor gin: juniper and pink pepper, 41% ABV. Please drink responsibly", "UK")
    assert WARNED in promotion("Ad | The @Larchmoor gin: juniper and pink pepper, 41% ABV", "UK")


# A lamp's battery life, read by meaning -------------------------------------------------------------
# held_out_17's false alarm came from one clause (a bike lamp lasting hours, near an injection's
# quick effect), which new captions do not reproduce on the old code either: these are guards around
# the ordinary phrases added to examples/meaning.toml.


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Retour du boulot à vélo en novembre 🚲 dès 18 h c'est la nuit noire, mais la lampe avant @Clarté illumine la piste et tient cinq heures en mode turbo", "FR"),
    ("Ad | Dark by half four on the canal path 🚲 but the @Beamline front light floods the towpath and runs for five hours on high", "UK"),
])
def test_a_lamps_battery_life_is_no_injection_by_meaning(caption, jurisdiction, meaning):  # guards
    assert not _read_by_meaning(caption, jurisdiction, meaning)


def test_a_needle_under_the_eyes_is_still_read_by_meaning(meaning):  # guard
    caption = "Publicité · une retouche à l'aiguille chez @DrMira, un peu de produit sous les yeux et le regard est reposé en vingt minutes"
    assert BANNED in _read_by_meaning(caption, "FR", meaning)
