"""Caption round 9 (issue 14): what a caption promotes and where its label sits, read from how
things are done and where words are placed.

Found on held_out_15, captions shaped like 2026 posts: a hair transplant told by follicles taken
and put back or by a count of grafts; threads slipped under the skin of the face; heated tobacco
told by a stick heated without combustion; a treatment left in the drawer ("ne sort plus du
tiroir", a German pack "unberührt in der Schublade"); a measured condition told by two readings
("my A1C went from 6.4 to 5.7"); an illness, then "they're gone" in the same sentence; an income
"replaced", guaranteed; anise spirits by their bar slang (a round of "jaunes"); a stake refunded
if it loses; Quebec children spoken to halfway through a parent's post; a label only inside an
image description, which discloses nothing upfront; an employee's plain words upfront ("I work at
@Brand"), which the FTC accepts. Harmless senses beside them: grafted fruit trees, a rosemary serum
for follicles, a son with a splinter under the skin, a reed diffuser or a wax stick, an inhaler
that never leaves the bag, medicines locked away, a jam's sugar content, a syrup's temperature,
stains gone after a full stop, egg yolks, disability insurance, a train ticket refunded, the
youngest colleagues (guards, which pass before and after the round).
The real checker and rules; every caption is written for these tests, none is a held_out_15 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import BANNED, CLAIM, WARNED, categories, issues, promotion


# A hair transplant by what is done ------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Collaboration commerciale · Chez @Crinière ils ont prélevé les follicules sur ma nuque pour les implanter le long du front",
    "Publicité · 2 600 greffons plus tard, ma raie ne se voit plus : merci l'équipe de @Densité",
])
def test_follicles_moved_or_grafts_counted_are_a_hair_transplant(caption):
    assert BANNED in promotion(caption, "FR")


def test_follicles_harvested_are_a_hair_transplant_in_english_too():
    caption = "Ad | the follicles they harvested from the back of my head now grow along my temples, thanks @Rootline"
    assert "cosmetic_surgery" in categories(caption, "UK")


@pytest.mark.parametrize("caption", [
    "Publicité · 200 greffons de pommier greffés en fente sur porte-greffe, le verger @Reinette est prêt",
    "Publicité · Le sérum @Romarine aux extraits de romarin nourrit les follicules, mes cheveux poussent plus vite",
])
def test_grafted_fruit_trees_and_a_serum_for_follicles_are_harmless(caption):  # guards
    assert not promotion(caption, "FR")


# Threads under the skin -----------------------------------------------------------------------------


def test_threads_slipped_under_the_skin_are_an_aesthetic_procedure():
    caption = "Publicité · Des filaments crantés passés sous la peau de la mâchoire chez @Galbe, l'ovale est net"
    assert BANNED in promotion(caption, "FR")


def test_threads_under_the_skin_in_english_are_a_procedure_too():
    caption = "Ad | dissolvable threads placed under the skin along my jawline at @Contour, no scalpel needed"
    assert "cosmetic_surgery" in categories(caption, "UK")


def test_a_son_with_a_splinter_under_the_skin_is_harmless():  # guard
    caption = "Publicité · Mon fils avait une écharde sous la peau du pouce, la pince @Précise l'a sortie d'un coup"
    assert not promotion(caption, "FR")


# Heated tobacco by how it works ---------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Sur l'appareil @Braise on insère un stick, il le chauffe à 350 degrés sans combustion", "FR"),
    ("Ad | pop a stick into the @Ember device and it heats it without burning, no ash on my jacket", "UK"),
])
def test_a_stick_heated_without_combustion_is_tobacco(caption, jurisdiction):
    assert BANNED in promotion(caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "Publicité · Les bâtonnets du diffuseur @Roseau parfument le salon sans combustion ni flamme",
    "Publicité · Le stick de cire @Douceur se chauffe 30 secondes avant l'épilation, sans brûler la peau",
])
def test_a_reed_diffuser_and_a_wax_stick_are_harmless(caption):  # guards
    assert not promotion(caption, "FR")


# A treatment left in the drawer ---------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mes somnifères prennent la poussière dans l'armoire depuis que je bois la tisane @Lunaire", "FR"),
    ("Ad | my antihistamines haven't come out of the cupboard since I started the @Pollenix nasal rinse", "UK"),
])
def test_a_treatment_left_where_medicines_are_kept_is_a_substitution(caption, jurisdiction):
    assert promotion(caption, jurisdiction) & {BANNED, CLAIM}


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mon inhalateur ne quitte plus mon sac depuis que j'ai la pochette @Zippée", "FR"),
    ("Ad | the @Lockit cabinet keeps the kids' medicines out of reach on the top shelf", "UK"),
])
def test_an_inhaler_always_carried_and_medicines_locked_away_are_harmless(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# A measured condition told by two readings ----------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad my LDL went from 160 to 118 since the @Oatcore breakfast bowls", "US", WARNED),
    ("Publicité · Ma tension est passée de 15/9 à 12/8 avec la tisane d'aubépine @Cœurvaillant", "FR", CLAIM),
    ("Werbung | Mein Blutzucker ist von 140 auf 105 gefallen, seit ich die @Zimtgold Kapseln nehme", "DE", CLAIM),
])
def test_a_marker_told_by_two_readings_is_a_health_claim(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Dans la confiture @Mûrette le taux de sucre passe de 60 à 35 %, même goût", "FR"),
    ("Publicité · Caramel maison : chauffez le sirop de glucose de 110 à 120 °C avec le thermomètre @Cuisto", "FR"),
    ("#ad my daily steps went from 4000 to 9000 with the @Stridely walking pad", "US"),
])
def test_a_sugar_content_a_syrup_and_steps_are_no_health_claims(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


def test_an_illness_then_they_are_gone_in_the_same_sentence_is_a_cure_claim():
    caption = "Ad | my cold sores came back every single month, then a dab of the @Lysara balm and they're gone for good"
    assert CLAIM in promotion(caption, "UK")


def test_they_are_gone_after_a_full_stop_is_about_something_else():  # guard
    caption = "Ad | my eczema was awful last winter. The coffee stains on the sofa? They're gone thanks to @Spotless"
    assert not promotion(caption, "UK")


def test_a_prescribed_pack_left_unopened_is_a_substitution_in_german():
    caption = "Werbung | Die Schlaftabletten vom Arzt? Die Schachtel liegt seit März unberührt in der Schublade, dank dem Tee von @Nachtruh"
    assert CLAIM in promotion(caption, "DE")


def test_medicines_locked_away_are_harmless_in_german():  # guard
    assert not promotion("Werbung | Die Medikamente liegen sicher im abschließbaren Schrank von @Sicherbox", "DE")


# An income replaced, guaranteed ---------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad Join my @Glowgrid team and you'll replace your full-time income within 90 days, guaranteed", "US"),
    ("Publicité · Avec la formation @Liberté tu remplaces ton salaire en six mois, zéro risque", "FR"),
])
def test_an_income_replaced_and_guaranteed_is_an_earnings_promise(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


def test_insurance_that_replaces_an_income_promises_nothing():  # guard
    assert not promotion("#ad the @Shieldwell disability plan replaces your income if you can't work, see the terms", "US")


# Anise spirits by their slang -----------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Trois petits jaunes bien tassés au comptoir avec les copains, servis par @Cigalou",
    "Collaboration commerciale · Une tournée de jaunes pour toute la table, merci @Calanquette",
])
def test_a_round_of_jaunes_is_alcohol_without_its_health_message(caption):
    assert CLAIM in promotion(caption, "FR")
    assert "alcohol" in categories(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Trois jaunes bien frais et du sucre pour la crème anglaise à la vanille @Gousse",
    "Publicité · Le pull @Tricotine en jaune moutarde, un jaune qui réchauffe l'hiver",
])
def test_egg_yolks_and_a_colour_are_harmless(caption):  # guards
    assert "alcohol" not in categories(caption, "FR")


# A stake refunded if it loses ----------------------------------------------------------------------


def test_a_stake_refunded_if_it_loses_is_gambling():
    caption = "Publicité · Avec @Maillotbet, ton premier coupon est remboursé jusqu'à 50 € s'il est perdant, de quoi suivre la finale"
    assert WARNED in promotion(caption, "FR")


def test_a_train_ticket_refunded_is_no_bet():  # guard
    assert not promotion("Publicité · Ton billet @Railo est remboursé si le train a plus de 30 minutes de retard", "FR")


# Quebec children spoken to halfway through a parent's post ------------------------------------------


@pytest.mark.parametrize("caption", [
    "#pub Les lunchs de la semaine sont prêts ! Pis un mot aux plus jeunes : chaque sac de bretzels @Tortillo cache un tatouage, collectionnez les huit !",
    "#ad Lunchboxes done for the week. This part's for the kids watching with mom: every box of @Crunchio hides a sticker, collect all 10!",
])
def test_children_spoken_to_in_a_parents_post_and_pushed_to_collect(caption):
    assert BANNED in promotion(caption, "QC")


def test_the_youngest_colleagues_are_no_children():  # guard
    assert BANNED not in promotion("#pub Les plus jeunes de l'équipe ont adoré le café @Torréfié au bureau", "QC")


# Where the label sits: an image description ---------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Cosy corner with the @Nookery armchair and a pot of tea 🫖\n[ID: a grey armchair by a rainy window, #ad]", "UK"),
    ("Mon nouveau plaid @Lainette pour les soirées d'hiver\nTexte alternatif : un plaid rouge plié sur un canapé #publicité", "FR"),
])
def test_a_label_only_inside_an_image_description_is_no_disclosure(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert ("ambiguous_disclosure", "error") in found
    assert ("disclosure_not_prominent", "error") not in found


def test_an_image_description_under_a_label_upfront_is_compliant():  # guard
    caption = "Ad | The @Nookery armchair in grey 🪑\n[Image description: a grey armchair by a window, #cosy]"
    assert not issues(caption, "UK")


# Where the label sits: an employee's plain words ----------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("I work for @Tidepool, so yes I'm biased: the new carbon paddle weighs almost nothing", "US"),
    ("Proud to be an employee of @Northpine: our new parka kept me warm at -30", "CA"),
])
def test_an_employee_saying_so_upfront_discloses(caption, jurisdiction):
    assert not issues(caption, jurisdiction)


def test_an_employees_plain_words_are_not_the_uk_label():
    # The UK guide asks for "Ad" whatever the relationship: the words are seen, and not enough.
    found = issues("I work for @Tidepool and the new carbon paddle weighs almost nothing", "UK")
    assert ("ambiguous_disclosure", "error") in found


def test_working_somewhere_else_than_the_brand_discloses_nothing():  # guard
    found = issues("I work at the farmers market on Saturdays and the @Honeyloft jars sold out by noon", "US")
    assert ("missing_disclosure", "error") in found
