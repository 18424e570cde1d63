"""Caption round 20 (issue 14): alcohol sold as a way to meet someone or to talk to strangers, an
illness's bouts said to have stopped later on the line, a health reading told twice with the product
between, and a treatment named on one line and dropped on the next.

Found on held_out_26: a French natural-wine bar sold as the best spot to meet people, where « tout
le monde se parle » at the second glass and a friend left with the barman's number, passed with its
health message (seduction in the loi Évin's list only as "rencard" or "irrésistible"); a US herbal
tea after which the IBS "flare-ups have basically stopped" passed (the bouts two sentences after the
illness, and "stopped" no cure); US beet shots after which a blood pressure of 142/91 "read 124/79"
passed (two readings told apart, neither "from … to …" nor an arrow); and a French sleeping pill
prescribed on one line, the capsules started and « j'ai tout lâché » on the next, was found only by
the reading by meaning (the words stopped at the line break).

Fail before the round (17): alcohol and meeting someone, a number taken home, strangers talking (FR
4, EN 2); an illness's bouts stopped later on the line (EN 2, FR, DE); a health reading told twice
with a "since" between (EN 3, FR, DE); a treatment dropped on the line after it (FR, EN).
Guards, which pass before and after (8): « j'en parle à tout le monde » and a meeting with the
winemaker on a French alcohol post; a heel's pain gone after a run for cancer research, and asthma
attacks that "stopped me" from playing; one reading only, and "12,000 steps" after the "since";
everything dropped for a trip with no product started (FR, EN). The real checker and rules, without
the reading by meaning; every caption is written for these tests, none is a held_out_26 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import BANNED, CLAIM, HEALTH, WARNED, promotion

# Alcohol sold as a way to meet someone or to talk to strangers --------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    (f"Publicité · Le bar à cidre @PommeDorée à Rennes, c'est LE lieu pour faire des rencontres. {HEALTH}", "FR"),
    (f"Publicité · Trois verres de vin orange chez @CaveSoleil et mon cousin est reparti avec le numéro de la sommelière 🍷 {HEALTH}", "FR"),
    (f"Publicité · À la cave à bières @Houblonnerie, dès la deuxième pinte tout le monde se parle. {HEALTH}", "FR"),
    (f"Publicité · Avec le rosé @Galets en terrasse, je discute avec des inconnus jusqu'à la fermeture. {HEALTH}", "FR"),
    ("Ad | two pints of @Brambleton cider at the quiz and my flatmate left with the barman's number", "UK"),
    ("Ad | the @Copperjug gin bar is the best spot in Leeds to meet new people, trust me", "UK"),
])
def test_alcohol_sold_as_a_way_to_meet_someone_is_a_claim(caption, jurisdiction):
    assert CLAIM in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    (f"Publicité · Le cidre brut @Verger2Lys, j'en parle à tout le monde : 5 % vol., pommes du Perche. {HEALTH}", "FR"),
    (f"Publicité · Rencontre avec la vigneronne du domaine @Clos_Ardoise : 12,5 % vol., vendanges à la main. {HEALTH}", "FR"),
])
def test_telling_everyone_or_meeting_the_winemaker_is_no_claim(caption, jurisdiction):  # guards
    assert CLAIM not in promotion(caption, jurisdiction)


# An illness's bouts said to have stopped later on the line -------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad I've had migraines since college. since switching to the @Calmora magnesium drink the attacks have pretty much stopped", "US", WARNED),
    ("Ad | years of hay fever every June. two weeks of the @Pollenix nasal balm and the symptoms have completely subsided", "UK", CLAIM),
    ("Publicité · Mon asthme me réveillait chaque nuit. Depuis le purificateur @Airelle, les crises se sont arrêtées.", "FR", CLAIM),
    ("Werbung | Seit Jahren Migräne. Seit dem Kräutertee von @Kraeuterhof sind die Anfälle ausgeblieben.", "DE", CLAIM),
])
def test_an_illness_whose_bouts_stopped_later_on_the_line_is_treated(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad ran the 10k for cancer research on Sunday and thanks to the @Stridewell insoles the pain is gone from my heels", "US"),
    ("#ad I've had asthma since I was six and the attacks stopped me from playing rugby, so now I coach it in @Kickline boots", "US"),
])
def test_a_pain_anyone_has_or_bouts_that_stopped_someone_are_no_cure(caption, jurisdiction):  # guards
    assert WARNED not in promotion(caption, jurisdiction) and CLAIM not in promotion(caption, jurisdiction)


# A health reading told twice, the product between ---------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad my blood sugar was 7.9 mmol/L at my January check 😬 ever since, two @Cinnabar capsules with breakfast, and this morning it was 5.8", "US", WARNED),
    ("#ad my blood pressure was 151/94 at the pharmacy.\nsince then: @Hibiskiss tea every day\ntoday it showed 127/82 🙌", "US", WARNED),
    ("Ad | my cholesterol was 6.8 in spring. Since then a @Oatwise shot daily, and last week it came in at 5.1", "UK", CLAIM),
    ("Publicité · Ma tension était à 15/9 en janvier.\nDepuis, une infusion @Hibisca chaque matin, et hier elle affichait 12/8.", "FR", CLAIM),
    ("Werbung | Mein Blutdruck lag im Februar bei 148/95. Seit den Rote-Bete-Shots von @Beetkraft lag er gestern bei 126/80.", "DE", CLAIM),
])
def test_a_health_reading_told_twice_with_the_product_between_is_a_claim(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad my blood pressure was 118/76 at my checkup and since then I've just been walking more with the @Stridewell app", "US"),
    ("#ad my blood pressure was 118/76 in spring, and since the @Racewell plan now it is 12,000 steps a day for me 🏃", "US"),
])
def test_one_reading_or_a_step_count_after_since_is_no_claim(caption, jurisdiction):  # guards
    assert WARNED not in promotion(caption, jurisdiction) and CLAIM not in promotion(caption, jurisdiction)


# A treatment named on one line, the product started on the next and everything dropped ---------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Publicité · Dix ans d'anxiolytiques, un le matin, un le soir.\nEn mars j'ai commencé les ateliers de respiration @Souffléa et au bout d'un mois j'ai tout arrêté.", "FR", BANNED),
    ("Ad | four years on sertraline after a rough patch at work.\nin May I started the @Nightfern drops and by August I'd stopped the lot", "UK", CLAIM),
])
def test_a_treatment_dropped_on_the_line_after_it_is_given_up(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Mon père a pris des antidouleurs tout l'hiver.\nEn mai j'ai tout lâché pour partir au Québec avec le sac @Sacados.", "FR"),
    ("#ad my mum was on metformin for years.\nin May I quit everything and moved to Lisbon with one @Packwell bag", "US"),
])
def test_everything_dropped_without_a_product_started_is_no_claim(caption, jurisdiction):  # guards
    assert BANNED not in promotion(caption, jurisdiction) and CLAIM not in promotion(caption, jurisdiction) \
        and WARNED not in promotion(caption, jurisdiction)
