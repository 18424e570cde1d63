"""Caption round 7 (issue 14): what a caption promotes, read from what the product is and does.

Found on held_out_13, where products were described rather than named: tobacco by how it is taken
(snuffed, chewed, dipped); wrinkles treated by pricks at their place on the face; skin cut away and
muscles sewn back, which only surgery does; illnesses a supplement or a device would end (chronic
complaints, dental disease, a cold in French, a cold that is "gone"), with words of degree ("is
practically gone") and numbers ("cured two ...") in between; a treatment prescribed then left
unused, or matched ("le même effet que"); weight loss told as pounds lighter, two readings of the
scales, a move from one weight or size to a lower one; interest and yields as money words in German,
Dutch and Spanish; wines by how they are made (pet-nat) and alcohol sold against stage fright; Quebec
children sent to their parents, priced in pocket money, called by a title ("hey little chefs") or
spoken to about school; the post's language's word for advertising in the US; "link in bio" is no
label. And harmless uses of the same words (guards, which pass before and after the round). The real
checker and rules; every caption is written for these tests, none is a held_out_13 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import HEALTH, BANNED, CLAIM, WARNED, issues, promotion, categories


# Tobacco by how it is taken -----------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mon tabac à mâcher @Mâchefer goût réglisse, une pincée après le déjeuner", "FR"),
    ("Ad | the wintergreen dipping tobacco from @Riverdip lasts me a whole shift", "UK"),
])
def test_tobacco_named_by_how_it_is_taken_is_tobacco(caption, jurisdiction):
    assert BANNED in promotion(caption, jurisdiction)


def test_grated_cheese_and_the_corner_tobacconist_are_harmless():  # guard
    assert not promotion("Publicité · Gruyère râpé @Alpage sur les pâtes, et le tabac du coin est aussi point relais", "FR")


# Aesthetic procedures by what is done --------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Publicité · Quelques mini-piqûres autour des pattes d'oie chez @DrSoleil, regard frais pour l'été",
    "Publicité · Mes rides du front ? Envolées après trois micro-injections chez @MédecinDesCimes",
])
def test_wrinkles_treated_by_pricks_are_an_aesthetic_procedure(caption):
    assert BANNED in promotion(caption, "FR")


@pytest.mark.parametrize("caption", [
    "Publicité · Le sérum @Ridora, une injection d'hydratation pour les rides du front, matin et soir",
    "Publicité · Patchs micro-aiguilles @Patchou pour le contour des yeux, à garder toute la nuit",
])
def test_a_serum_or_eye_patches_for_wrinkles_are_harmless(caption):  # guards
    assert not promotion(caption, "FR")


def test_skin_removed_and_muscles_sewn_back_are_surgery():
    caption = "Publicité · Après les jumeaux, l'excédent de peau du ventre enlevé et les abdos recousus par l'équipe de @CliniqueDesSaules"
    assert BANNED in promotion(caption, "FR")


def test_skin_cut_away_is_surgery_in_english_too():
    caption = "Ad | six weeks since they removed the loose skin and stitched my abs back together at @HarbourClinic"
    assert "cosmetic_surgery" in categories(caption, "UK")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Ce gommage @Grainé enlève les peaux mortes, la peau est toute douce", "FR"),
    ("Ad | the @Loofa mitt removes dead skin cells in one shower", "UK"),
])
def test_dead_skin_scrubbed_off_is_harmless(caption, jurisdiction):  # guards
    assert "cosmetic_surgery" not in categories(caption, jurisdiction)


# Illnesses ended ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    # A word of degree between the illness and its end.
    ("#ad my psoriasis is practically gone after a month of the @Oatwell bath soak", "US", WARNED),
    # Chronic complaints and dental disease.
    ("Ad | two @Leafcalm capsules a night and my plantar fasciitis has cleared up", "UK", CLAIM),
    ("#ad oil pulling with @PureSwish healed my gum disease", "US", WARNED),
    # A cold: always an illness in French, in English once it is someone's.
    ("Publicité · Trois jours de sirop @Bourgeon et mon rhume a disparu", "FR", CLAIM),
    ("#ad two days of @Zestra lozenges and my cold was totally gone", "US", WARNED),
    # Spanish tenses, and a number for the determiner.
    ("Publicidad: las gotas @Claro me curaron la sinusitis", "US", WARNED),
    ("Publicidad: el té @Hojaverde me curó dos migrañas esta semana", "US", WARNED),
])
def test_an_illness_ended_is_a_health_claim(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad my eczema is not gone, but @Oatwell soothes the itch", "US"),
    ("Publicité · Le goût de la tarte aux pommes @Verger a disparu en dix minutes", "FR"),
    ("#ad the cold is gone and spring is here, time for the @Breezy linen shirt", "US"),
    # A fluoride toothpaste may say it helps prevent tooth decay.
    ("Publicité · Ce dentifrice @Dentix aide à prévenir les caries", "FR"),
])
def test_a_denied_cure_a_taste_the_weather_and_prevented_decay_are_no_claims(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# Treatments prescribed and left unused, or matched ------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mon médecin m'a prescrit des antidouleurs pour le dos, la boîte est restée dans le tiroir : les patchs chauffants @Thermadoux suffisent", "FR"),
    ("Publicité · Cette infusion @Sérénitisane me fait le même effet que mes anxiolytiques", "FR"),
    ("Ad | the GP prescribed a steroid cream for my hands, it's still sealed because @Balmery does the job", "UK"),
    ("Ad | @Airleaf drops do the same job as my inhaler on my morning runs", "UK"),
])
def test_a_treatment_left_unused_or_matched_is_a_substitution(caption, jurisdiction):
    assert promotion(caption, jurisdiction) & {BANNED, CLAIM}


@pytest.mark.parametrize("caption", [
    "Publicité · Mon pilulier @Tictac m'aide à ne pas oublier les médicaments prescrits par mon médecin",
    "Publicité · Des poulets élevés sans les antibiotiques, en plein air chez @FermeDuVal",
])
def test_a_pill_organiser_and_a_farm_are_harmless(caption):  # guards
    assert not promotion(caption, "FR")


# Weight lost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | 11 pounds lighter since I swapped dinner for the @Trimbowl soup", "UK"),
    ("Publicité · Lundi la pèse-personne indiquait 74, aujourd'hui 70 grâce aux repas @Légèreté", "FR"),
    ("Ad | I went from 92 kg to 84 kg on the @Leanly meal plan", "UK"),
    ("Ad | dress size 18 → 14 on the @Fitmeal plan", "UK"),
])
def test_weight_lost_told_as_a_change_is_an_amount(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · La balance de cuisine @Pesetout affiche 250 g de farine puis 125 g de sucre", "FR"),
    ("Ad | the @Linenly dress comes in sizes 6 to 18", "UK"),
    ("Ad | my deadlift went from 80 to 100 kg with the @Liftco programme", "UK"),
])
def test_a_kitchen_scale_a_size_range_and_a_lift_are_harmless(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# Returns promised -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Werbung | Mit @Windkraftanteil bekomme ich 6 % Zinsen im Jahr, komplett risikofrei", "DE"),
    ("Publicidad: con @Solaris cobro un 8 % de intereses al año, garantizado", "US"),
])
def test_interest_promised_without_risk_is_a_guaranteed_return(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


def test_a_warranty_on_a_parasol_is_no_return():  # guard
    assert not promotion("Werbung | Sonnenschirm von @Schattig, 2 Jahre Garantie", "DE")


# Alcohol --------------------------------------------------------------------------------------------


def test_a_wine_named_by_how_it_is_made_is_alcohol():
    assert CLAIM in promotion("Publicité · Le pet-nat @Bulleterre, 11 % vol., bulles fines", "FR")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    (f"Publicité · Avant ma soutenance, un verre du pet-nat @CaveDesGrès et plus de trac du tout. {HEALTH}", "FR"),
    ("Ad | a glass of @Corkline red wine before my first open-mic night, bye bye stage fright", "UK"),
])
def test_alcohol_against_stage_fright_is_a_forbidden_effect(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


@pytest.mark.parametrize("caption", [
    "Publicité · Savon @Lavandière fabriqué selon la méthode ancestrale, à l'huile d'olive",
    "Publicité · Un grog sans alcool au gingembre @Racine pour l'hiver",
])
def test_ancestral_soap_and_an_alcohol_free_grog_are_harmless(caption):  # guards
    assert not promotion(caption, "FR")


# Quebec children ------------------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "#pub Le fort en carton @Castelo se monte en 10 minutes ! Cours voir tes parents et montre-leur la vidéo",
    "#ad The @Gloop slime kit costs less than three weeks of pocket money!",
    "#ad Hey little chefs! The @Bakebox kit has 20 recipes, ask for it for your birthday",
    "#ad Show your teacher the @Orbito solar system kit and collect all 8 planets",
])
def test_children_sent_to_parents_priced_in_pocket_money_or_called_by_a_title(caption):
    assert BANNED in promotion(caption, "QC")


@pytest.mark.parametrize("caption", [
    "#pub Cadeau parfait à offrir à vos enfants : le kit @Gloop",
    "#ad Check your baggage allowance before flying with @Skyroute",
])
def test_parents_addressed_and_a_baggage_allowance_are_harmless(caption):  # guards
    assert BANNED not in promotion(caption, "QC")


# Labels ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("caption", [
    "Pubblicità: il frullatore @Vortice fa il gelato in due minuti, i bambini lo adorano",
    "Werbung: mein neuer Rucksack von @Talweg hat zwei Wochen Wandern in den Rockies überstanden",
])
def test_the_posts_own_word_for_advertising_discloses_in_the_us(caption):
    assert not issues(caption, "US")


def test_an_italian_label_on_an_english_post_is_in_the_wrong_language():  # guard
    found = issues("Pubblicità: my new @Vortice blender makes ice cream in two minutes", "US")
    assert ("disclosure_wrong_language", "error") in found


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ma crème mains préférée @Karité, -15 % avec le code MAINS15, lien en bio", "FR"),
    ("Obsessed with the @Trailfox rain jacket, link in bio", "UK"),
])
def test_a_link_in_bio_is_no_label_the_disclosure_is_missing(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert ("missing_disclosure", "error") in found
    assert ("ambiguous_disclosure", "error") not in found
