"""Caption round 13 (issue 14): an illness nobody has caught since (the subject denied, not the
verb) and sick days counted as none, a Quebec child sent to "a grown-up", and "#pub" read as the
English word for a public house.

Found on held_out_19: a US supplement after which "not one" of the children has caught a cold and
there has been "not a single sick day" (a US health claim, a warning); a Quebec contest for
children told to have « un grand » post their entry (advertising directed at under-13s); a UK walk
ending at a pub, tagged "#pub" among the place's other hashtags, read as a French label in the
wrong language where the post carries no label at all.

Guards, which pass before and after the round: a cold caught, a sick day taken, a fish not caught
since; a grown-up's recipe or a "grand chef" asked for advice; "#pub" on an English post that says
nothing else of a pub (a French label in the wrong language, as in parts 1 and 10), "#pub" on a
French post that names a pub, and a pub-quiz post labelled "Ad" upfront. The real checker and
rules; every caption is written for these tests, none is a held_out_19 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import BANNED, WARNED, issues, promotion

MISSING = ("missing_disclosure", "error")
WRONG_LANGUAGE = ("disclosure_wrong_language", "error")


# An illness nobody has caught since, sick days counted as none (a US health claim) ----------------


@pytest.mark.parametrize("caption", [
    "#ad Since we switched to the @Ovenlark vitamin C chews in September, none of us has caught a cold since. Smug household right now.",
    "Ad | Both boys take a @Pellisan probiotic shot with breakfast and nobody in this house has had a cold since half-term.",
    "#ad Three months into the @Corvella daily immune drops and zero sick days all term for my daughter.",
    "#ad My team swears by the @Hollowmint zinc lozenges: not a single sick day since we stocked the office kitchen.",
])
def test_an_illness_nobody_has_caught_since_is_a_health_claim(caption):
    assert WARNED in promotion(caption, "US")


@pytest.mark.parametrize("caption", [
    "#ad Caught a cold on the weekend, so here is the @Ovenlark soup I make when I'm stuck on the sofa.",
    "#ad Took a sick day yesterday and finally watched the whole series under my @Corvella blanket.",
    "#ad None of us has caught a fish since the spring, but the @Pellisan waders keep us dry.",
])
def test_a_cold_caught_a_sick_day_taken_or_a_fish_is_no_health_claim(caption):  # guards
    assert not promotion(caption, "US")


# A Quebec child sent to "a grown-up" (CPA ss. 248-249) --------------------------------------------


@pytest.mark.parametrize("caption", [
    "#pub Les amis, dessinez votre robot préféré avec les crayons magiques @Tracelune et demandez à un adulte de l'envoyer en message privé !",
    "#pub Hé les artistes ! Colorie la page du livre @Pastelou, puis demande à un grand de la publier avec le mot-clic #monpastelou.",
    "#pub Allô les petits ! Fabrique ta cabane avec la trousse @Boiselle et demande à une grande de prendre la photo pour le concours.",
    "#ad Kids, build your best tower with the @Brickfen blocks and ask a grown-up to post the picture below!",
])
def test_a_child_told_to_ask_a_grown_up_is_advertising_to_children(caption):
    assert BANNED in promotion(caption, "QC")


@pytest.mark.parametrize("caption", [
    "#pub Ma sauce tomate de dimanche avec l'huile d'olive @Oliviane. J'ai demandé à un grand chef de Montréal son secret : cuire longtemps.",
    "#pub Demandez à un adulte autour de vous ce qu'il pense des assurances @Prudencia : la plupart n'ont jamais lu leur contrat.",
])
def test_an_adult_asked_for_advice_is_no_child_sent_to_a_grown_up(caption):  # guards
    assert BANNED not in promotion(caption, "QC")


# "#pub" as the English word for a public house ------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Sunday roast at our local pub after a long ride, and the @Velloway jacket kept the rain out the whole way. 10% off with RIDE10\n#pub #sundayroast #cycling", "UK"),
    ("Quiz night at the pub with the team, fuelled by the new @Crispwell crisps. Code QUIZ15 for 15% off\n#pubquiz #pub #thursdaynight", "UK"),
    ("Cosy corner of the village pub with my @Hearthmoor wool throw over my knees. Use HEARTH20 for 20% off\n#pub #cosyvibes", "US"),
])
def test_pub_beside_a_pub_in_an_english_post_is_the_place_not_a_label(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert MISSING in found and WRONG_LANGUAGE not in found


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#pub Loving my new @Velloway rain jacket, light and fully waterproof on every ride.", "UK", WRONG_LANGUAGE),
    ("#pub Loving my new @Velloway rain jacket, light and fully waterproof on every ride.", "CA", WRONG_LANGUAGE),
])
def test_pub_alone_on_an_english_post_stays_a_label_in_the_wrong_language(caption, jurisdiction, expected):  # guards
    assert expected in issues(caption, jurisdiction)


def test_pub_on_a_french_post_that_names_a_pub_stays_the_french_label():  # guard
    caption = "#pub Soirée au pub du coin avec la nouvelle veste @Velloway, imperméable et légère, parfaite pour rentrer à vélo sous la pluie."
    assert not issues(caption, "FR") & {MISSING, WRONG_LANGUAGE}


def test_a_pub_post_labelled_ad_upfront_stays_compliant():  # guard
    caption = "Ad | Quiz night at the pub with the team, fuelled by the new @Crispwell crisps.\n#pub #pubquiz"
    assert not {code for code, _ in issues(caption, "UK")} & {"missing_disclosure", "disclosure_wrong_language", "ambiguous_disclosure"}
