"""Caption round 10 (issue 14): what a caption promotes told by slang, by how a product is
supplied and by what it is said to have made unnecessary, and a label only in a thread's last post.

Found on held_out_16: a tipster's slips called « fiches », with the sport and the day they are
for, combined odds told by a round figure (« cote globale autour de 4 ») and a record of slips in
ticks and crosses; a prescription-only weight-loss injection never named, told by a pen or jab
taken weekly with what only a prescription drug needs or does beside it (a prescriber, an online
pharmacy, the appetite gone); a German vaper's « Dampfe » and a flavoured « -Liquid » with a
strength; a treatment named, then no longer needed (« je n'en prends plus », "I've not needed my
anti-inflammatories") or taken back to the chemist; a chronic illness that "hasn't flared since";
a label only in a later post of a numbered thread ("1/4 ... 4/4 #ad"), which leaves the posts
before it unlabelled. Harmless senses beside them: revision sheets and a coach's training sheets,
a car's price, a runner's ticks, a pen pal, drawing pens, a concealer pen, washing-up liquid,
fumes and steamed broccoli, pills run out or expired, a temper, a recipe's fractions, a thread
labelled in its first post, "stone" the building material read by meaning (guards, which pass
before and after the round). The real checker and rules; every caption is written for these
tests, none is a held_out_16 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import BANNED, CLAIM, WARNED, categories, issues, promotion


def _read_by_meaning(caption: str, jurisdiction: str, meaning: MeaningDetector) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return {(issue.code, issue.severity) for issue in result.issues}


# A tipster's slips by the word « fiche » ------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Sur mon Discord, la fiche turf du dimanche tombe à 9 h pile, 20 € par mois pour y avoir accès",
    "Collaboration commerciale · Abonne-toi à @Ticketroyal : deux fiches tennis du soir envoyées avant chaque session",
    "Publicité · Mes fiches NBA de la semaine sont réservées aux membres premium de @Panierdor",
])
def test_slips_called_fiches_for_a_sport_and_a_day_are_betting_tips(caption):
    assert BANNED in promotion(caption, "FR")
    assert "betting_tips" in categories(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Mes fiches de révision du bac de français, abonnement 4 € par mois sur @Mentorat",
    "Publicité · Mes fiches foot d'entraînement pour les U11, accès à 40 séances pour 6 € par mois chez @Crampons",
])
def test_revision_sheets_and_a_coachs_training_sheets_are_no_tips(caption):  # guards
    assert "betting_tips" not in categories(caption, "FR")


# Combined odds told by a round figure ---------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Abonnement 12 € par mois chez @Combinor : chaque samedi un ticket à trois matchs, cote totale proche de 5",
    "Publicité · Rejoins mon canal Telegram @Acca.Club, ce soir cote combinée d'environ 7 sur la Ligue des champions",
])
def test_combined_odds_by_a_round_figure_are_a_tipsters_slip(caption):
    assert BANNED in promotion(caption, "FR")


def test_a_cars_price_told_by_its_listing_is_no_slip():  # guard
    caption = "Publicité · Accès au comparateur @Argomètre pour 5 € par mois : la cote globale de ma Clio tourne autour de 9 000 €"
    assert "betting_tips" not in categories(caption, "FR")


# A record of slips in ticks and crosses ----------------------------------------------------------


def test_a_record_of_slips_in_ticks_and_crosses_is_a_tipsters_record():
    caption = "Publicité · Groupe Discord @Pronozone à 19 € par mois 🔑 ✅✅✅❌✅ sur mes cinq derniers tickets"
    assert BANNED in promotion(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Coaching running à 30 € par mois chez @Foulée : ✅✅❌✅ sur mes quatre dernières séances",
    "Publicité · Plan trail à 25 € par mois chez @Sentier : ✅✅❌✅✔️ mes cinq derniers week-ends de course",
])
def test_ticks_over_a_runners_sessions_or_weekends_are_no_record_of_bets(caption):  # guards
    assert "betting_tips" not in categories(caption, "FR")


# A prescription-only weight-loss injection never named ----------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | Month two on the once-weekly injection from @Leanwell's online clinic, their pharmacist checks in by video and the cravings have gone quiet", "UK"),
    ("Ad | My slimming jab arrives every four weeks from @Trimline, a prescriber signs it off after a short questionnaire", "UK"),
    ("Publicité · Mon stylo injecteur du lundi arrive de la pharmacie en ligne @Svelta, fini les fringales de 16 h", "FR"),
    ("Werbung | Die wöchentliche Spritze von @Schlankrezept kam per Versandapotheke, mein Appetit ist wie abgeschaltet", "DE"),
    ("#advertentie De wekelijkse pen van @Slankapo kwam via de online apotheek, mijn eetlust is gewoon weg", "BE"),
])
def test_a_weekly_pen_or_jab_with_a_prescriber_or_the_appetite_gone_is_a_prescription_medicine(caption, jurisdiction):
    assert BANNED in promotion(caption, jurisdiction)
    assert "prescription_medicine" in categories(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | My weekly pen pal letters look smarter with the @Quillory fountain pen, I have cravings for nice paper now", "UK"),
    ("Ad | The @Sketchbox weekly pen set: one new fineliner every week for my drawing prompts", "UK"),
    ("Publicité · Le stylo correcteur @Teintclair pour les cernes, commandé sur ma pharmacie en ligne préférée", "FR"),
    ("Ad | Week three of a weekly injection of colour into my wardrobe from @Hueshop, my appetite for prints is huge", "UK"),
])
def test_a_pen_pal_drawing_pens_a_concealer_and_a_splash_of_colour_are_harmless(caption, jurisdiction):  # guards
    assert "prescription_medicine" not in categories(caption, jurisdiction)
    assert not promotion(caption, jurisdiction)


# German vapers' words ----------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Werbung | Meine neue Dampfe von @Wolkenwerk, dazu ein Mango-Liquid mit 6 mg, hält locker den ganzen Tag",
    "Anzeige | Das Erdbeer-Liquid von @Beerendunst mit 18 mg 💨 schmeckt wie Sommer",
])
def test_a_dampfe_and_a_flavoured_liquid_with_a_strength_are_nicotine(caption):
    assert BANNED in promotion(caption, "DE")
    assert "nicotine" in categories(caption, "DE")


@pytest.mark.parametrize("caption", [
    "Werbung | Das Spül-Liquid von @Glanzwerk löst Fett in Sekunden, auch in der Auflaufform",
    "Werbung | Die giftigen Dämpfe beim Grillen? Der Abzug von @Luftwerk zieht sie sofort ab",
    "Werbung | Ich dämpfe Brokkoli im Topf von @Garfix, zwölf Minuten und er bleibt knackig",
])
def test_washing_up_liquid_fumes_and_steamed_broccoli_are_no_vape(caption):  # guards
    assert "nicotine" not in categories(caption, "DE")


# A treatment no longer needed ---------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mes anxiolytiques du soir ? Je n'en prends plus depuis la tisane @Apaisance", "FR"),
    ("Publicité · Le traitement que le dermato m'avait donné, je l'ai rendu à la pharmacie : plus besoin avec le baume @Lavandine", "FR"),
    ("Ad | My sister in her own words: 'I've not touched my steroid cream since the @Calmbalm ointment arrived'", "UK"),
    ("Ad | Years on antacids, and now with the @Gutsy kefir I don't need them anymore", "UK"),
])
def test_a_treatment_no_longer_needed_is_a_substitution(caption, jurisdiction):
    assert promotion(caption, jurisdiction) & {BANNED, CLAIM}


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mes somnifères ? Je n'en ai plus, alors je file à la pharmacie avec le cabas @Tressé", "FR"),
    ("Publicité · Rapportez vos médicaments périmés à la pharmacie, la boîte @Tri les garde à part", "FR"),
    ("Ad | Tired of digging for your meds in a huge bag? With the @Podlet pouch you don't need it anymore", "UK"),
])
def test_medicines_run_out_returned_expired_or_carried_are_harmless(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# An illness quiet since -------------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad my eczema hasn't flared up once since I switched to the @Oatara body wash", "US", WARNED),
    ("Publicité · Mon psoriasis n'a pas refait de poussée depuis la crème à l'avoine @Avenelle", "FR", WARNED),
])
def test_an_illness_that_has_not_flared_since_is_a_health_claim(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


def test_a_temper_that_has_not_flared_is_no_illness():  # guard
    assert not promotion("#ad my toddler's temper hasn't flared once since we got the @Calmcorner reading nook", "US")


# A label only in a thread's later post --------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("1/3 a week of sailing round the Hebrides ⛵\n2/3 the @Saltwind dry bag kept my camera dry through a squall\n3/3 #ad", "UK"),
    ("(1/3) Trois jours à vélo le long de la Loire 🚲\n(2/3) la sacoche @Roulotte a tenu sous l'averse\n(3/3) Publicité", "FR"),
    ("1/5 the move is done 📦\n2/5 new desk from @Oakbench\n3/5 it came flat-packed\n4/5 built in an hour\n5/5 Sponsored by @Oakbench #ad", "US"),
])
def test_a_label_only_in_a_later_post_of_a_thread_discloses_nothing_upfront(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert ("ambiguous_disclosure", "error") in found
    assert ("disclosure_not_prominent", "error") not in found


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad 1/2 the @Saltwind dry bag on a week of sailing ⛵\n2/2 it kept my camera dry through a squall", "UK"),
    ("Publicité (1/2) · La sacoche @Roulotte sur trois jours de vélo\n(2/2) elle a tenu sous l'averse", "FR"),
])
def test_a_thread_labelled_in_its_first_post_is_compliant(caption, jurisdiction):  # guards
    assert not issues(caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "1/ packing list for a week of sailing ⛵\n2/ the @Saltwind dry bag kept my camera dry\n3/ dinner on deck #ad",
])
def test_a_thread_numbered_without_its_total_is_a_thread_too(caption):
    assert ("ambiguous_disclosure", "error") in issues(caption, "UK")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad 1/2 the @Saltwind dry bag on a week of sailing ⛵\n2/2 it kept my camera dry through a squall #ad", "UK"),
    ("#ad 1/ the @Oakbench desk arrived flat-packed\n2/ built in an hour\n3/ #ad", "US"),
])
def test_a_label_in_the_first_post_and_again_later_is_compliant(caption, jurisdiction):  # guards
    assert not issues(caption, jurisdiction)


def test_a_recipes_fractions_are_no_thread():  # guard
    # No "3/3": the lines are a recipe's quantities, so the label is at the end of one caption,
    # the buried-label convention (not upfront), not a later post.
    caption = "Banana bread with @Millstone flour 🍌\n1/3 cup oil\n2/3 cup sugar #ad"
    found = issues(caption, "US")
    assert ("ambiguous_disclosure", "error") not in found


# "Stone" the material, read by meaning --------------------------------------------------------------
# held_out_16's false alarm came from one clause ("three days ... a stone bothy"), which new
# captions do not reproduce on the old code either: these two are guards around the ordinary
# phrases added to examples/meaning.toml (a stone house for a few nights).


def test_a_stone_cottage_for_a_few_days_is_no_weight_loss_by_meaning(meaning):  # guard
    caption = "Ad | Four days in a stone croft on Harris with @Machairstays 🏴 peat fire lit and kippers for breakfast"
    assert not _read_by_meaning(caption, "UK", meaning)


def test_a_stone_lost_in_weeks_is_still_weight_loss_by_meaning(meaning):  # guard
    caption = "Ad | Two stone lighter in six weeks on the @Slimbrew shakes"
    assert ("restricted_claim", "error") in _read_by_meaning(caption, "UK", meaning)
