"""Caption round 17 (issue 14): an illness's pain, aches or attacks said to be gone is the illness
treated, whatever stands between its name and "gone".

Found on held_out_23: a US sauna and cold-plunge studio after which the creator's "knee arthritis
pain is just… gone" passed as compliant. Arthritis is among the illnesses and "gone" among the
words of a cure, but two words stood between them that the reading did not let through: "pain",
what the illness does (as "flare-ups" and "patches" already were), and "just", a word of degree
(as "basically" already was). The post gives up no treatment, so under the FTC it is a health
claim that needs substantiation: a warning, as part 23 expects, not an error.

Fail before the round (13): an illness's pain, aches or attacks gone, in English (US, UK, Canada)
and German (hyphenated, "Asthma-Beschwerden", and a compound, "Arthroseschmerzen"), 5 cases;
"just", "simply", « tout simplement », "einfach" between an illness and its cure, 4; "were" before
the cure ("my allergies were gone") and French plural cures after the complaint and its illness
(« mes douleurs de fibromyalgie sont parties », « mes crises d'asthme se sont envolées »), 3;
a US "psoriasis pain is basically gone" with no treatment given up is one warning and no error, 1.
Guards, which pass before and after (6): sore legs and muscle aches with no illness named, an
illness's pain said not to be gone, attacks still there, a migraine "einfach nervig" on trips, and
pool parties at an asthma-friendly hotel. The real checker and rules; every caption is written for
these tests, none is a held_out_23 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import CLAIM, WARNED, promotion

# An illness's pain, aches, attacks or complaints gone --------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad Since I started the @Thermyx infrared mat my fibromyalgia aches have vanished, first time in years.", "US", WARNED),
    ("Ad | My sciatica pain has completely disappeared since the @Spinelane stretching classes.", "UK", CLAIM),
    ("#ad my migraine attacks are gone since I started floating at @Stillwater every Sunday.", "CA", WARNED),
    ("Werbung | Seit der Kur im @Moorhof sind meine Arthroseschmerzen verschwunden.", "DE", CLAIM),
    ("Anzeige: Drei Tage im Salzstollen von @Salina und meine Asthma-Beschwerden sind weg.", "DE", CLAIM),
])
def test_an_illness_s_pain_or_attacks_gone_is_a_disease_claim(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


# A word of degree between an illness and its cure -------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad my eczema is just gone after a month of @Oatcalm baths.", "US", WARNED),
    ("Ad: my hay fever has simply vanished since the @Pollenshield balm.", "UK", CLAIM),
    ("Anzeige: Meine Migräne ist einfach weg, seit ich im @Ruhehof war.", "DE", CLAIM),
    ("#commandité Mon eczéma a tout simplement disparu après la fin de semaine au spa @Boreal.", "QC", WARNED),
])
def test_just_or_simply_between_an_illness_and_its_cure(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


# "are", "were" and French plural cures ---------------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("#ad my allergies were gone within a week of sleeping with the @Purair filter.", "US", WARNED),
    ("#commandité Mes douleurs de fibromyalgie sont parties depuis les bains flottants @Nordik.", "QC", WARNED),
    ("Publicité · Depuis les séances de sel au @Seldemer, mes crises d'asthme se sont envolées.", "BE", CLAIM),
])
def test_plural_illnesses_and_plural_cures(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


def test_a_us_health_claim_that_gives_up_no_treatment_stays_a_warning():
    # FTC: a health claim needs substantiation (a warning); only a treatment given up is an error.
    caption = "#ad three weeks of the @Frostline cold plunge and my psoriasis pain is basically gone"
    assert promotion(caption, "US") == {WARNED}


# Guards: no illness named, or no cure told ---------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad my sore legs are gone after an hour in the @Coldtub recovery pod.", "US"),
    ("#ad the muscle aches from leg day are just gone after twenty minutes in the @Heatbox sauna.", "US"),
    ("#ad my arthritis pain isn't gone, but the @Warmwrap sleeve keeps my knee warm on long walks.", "US"),
    ("#ad my migraine attacks are still around, so I always book the quiet car on @Railwise.", "CA"),
    ("Werbung: Meine Migräne ist auf Reisen einfach nervig, darum packe ich die Schlafmaske von @Nachtruh ein.", "DE"),
    ("Ad | Asthma-friendly rooms at @Clearair: the smoke machines at the pool parties are gone this year.", "UK"),
])
def test_aches_without_an_illness_or_an_illness_not_gone_are_no_claim(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)
