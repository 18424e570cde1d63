"""Caption round 16 (issue 14): a prescribed treatment stopped or a medical device put away, an
owner's plain words as Canada's label, and money saved by keeping a budget.

Found on held_out_22: a French hair serum said to work better than the treatment a dermatologist
had prescribed, which the creator "stopped altogether" (the drug, minoxidil, in no list, and the
stop told with no object), passed; a UK mouth tape after which a prescribed CPAP machine went back
in its box was read by meaning as an injection (the words named no treatment); a Canadian creator
selling her own product, upfront "this is MY product", was told to add "#ad" (ownership is a
material connection the guidelines let plain words disclose, like the employment already
accepted); and a German budgeting app's "€ more in the savings account than last year" was read
by meaning as a promised return.

Fail before the round (16): a treatment prescribed then stopped, named or not, in French, English
and German (4 cases); hair-loss drugs among treatments (2); a device or a treatment put back or
packed away since, the CPAP machine among them (3); an owner's words upfront in English and French
in Canada (5); money saved by keeping a budget, told against last year, which the reading by
meaning took for betting tips (2). Guards, which pass before and after (12): "prescribed" then a
habit stopped, a CPAP kept in use, medicines put away for safety, rest prescribed and sport
stopped; "my favourite brand of", "my own money", "my brand of choice" and an owner's words
outside Canada, which stay no label; budgets in French and English already read right and a
promised return still read by meaning. The real checker and rules; every caption is written for
these tests, none is a held_out_22 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import BANNED, CLAIM, issues, promotion

MISSING = ("missing_disclosure", "error")


# A prescribed treatment stopped, or a medical device put away, thanks to the product ---------------


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Publicité · @Follivia lotion aux plantes. Le dermato m'avait prescrit une lotion pour ma chute de cheveux, je l'ai arrêtée au bout d'un mois et celle-ci fait mieux.", "FR", BANNED),
    ("Publicité | Mon généraliste m'avait prescrit des gouttes pour dormir ; on a tout arrêté la deuxième semaine avec la tisane @Nuitdouce.", "FR", BANNED),
    ("Ad | The dermatologist put me on a foam for my scalp and I quit using it after two weeks of the @Rootwise oil.", "UK", CLAIM),
    ("Werbung | Der Hautarzt hat mir eine Lösung verschrieben, ich habe sie nach dem Urlaub abgesetzt, das @Haarwerk Serum wirkt besser.", "DE", CLAIM),
])
def test_a_prescribed_treatment_stopped_is_a_treatment_given_up(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Ad | Six weeks on the @Follix capsules and I've ditched my finasteride.", "UK", CLAIM),
    ("Publicité · Adieu le minoxidil, le sérum @Racinea fait aussi bien.", "FR", BANNED),
])
def test_hair_loss_drugs_are_treatments(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction", "expected"), [
    ("Ad | Since the @Hushband chin strap, my CPAP machine has been packed away in the wardrobe for months.", "UK", CLAIM),
    ("#ad Three weeks of the @Breathwell nasal strips and my inhaler is back in the bathroom cabinet, has been ever since.", "US", CLAIM),
    ("Publicité · Grâce au bandeau @Soufflenuit, mon appareil PPC est retourné au placard depuis l'été.", "FR", BANNED),
])
def test_a_device_or_a_treatment_put_away_since_is_given_up(caption, jurisdiction, expected):
    assert expected in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Ad | My GP prescribed physio for my knee and I stopped running for a month, the @Kneelift sleeve helped on walks.", "UK"),
    ("Publicité · Le médecin m'a prescrit du repos, j'ai arrêté le sport deux semaines et j'ai lu sous mon plaid @Laineo.", "FR"),
    ("#ad The @Snoozy travel pillow packs flat, so my CPAP comes along on every trip.", "US"),
    ("#ad The @Clearbox organiser: the kids' medicines are put away in a locked cabinet since the toddler started climbing.", "US"),
])
def test_a_habit_stopped_a_device_in_use_or_medicines_stored_are_no_claim(caption, jurisdiction):  # guards
    assert not promotion(caption, jurisdiction)


# An owner's plain words, upfront, as Canada's label --------------------------------------------------


@pytest.mark.parametrize("caption", [
    "This is my own brand 🙌 I hand-pour these soy candles in my garage, the fig one is in stock again, link in bio!",
    "I'm the founder of @Loomly Kids: our new bamboo sleep sacks are here, 15% off launch week.",
    "We own @Northmaple Coffee 🙂 the winter blend is in our café and online from today.",
    "C'est ma propre marque ! Je couds ces tuques en laine mérinos à Sherbrooke, la collection d'hiver est en ligne.",
    "Je suis la fondatrice de @Brindille, nos nouveaux savons à l'avoine sont arrivés.",
])
def test_an_owner_s_words_upfront_disclose_the_tie_in_canada(caption):
    assert not issues(caption, "CA")


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("My favourite brand of oat milk from @Oatfield is finally in stores, code OAT10 for 10% off.", "CA"),
    ("Paid with my own money, store credit from @Fieldhouse, code FIELD15 for 15% off.", "CA"),
    ("This is my brand of choice for running socks, @Striderun, code RUN10 for 10% off.", "CA"),
    ("This is my own brand 🙌 the new @Wickwood candles are here, code WICK10 for 10% off.", "UK"),
])
def test_a_liked_brand_one_s_own_money_or_an_owner_outside_canada_is_no_label(caption, jurisdiction):  # guards
    assert MISSING in issues(caption, jurisdiction) or ("ambiguous_disclosure", "error") in issues(caption, jurisdiction)


# Money saved by keeping a budget is no return (read by meaning) -------------------------------------


def _read_by_meaning(meaning, caption: str, jurisdiction: str) -> list[str]:
    """What the reading by meaning added to the findings (its nearest examples, marked "≈")."""
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return [word for finding in result.findings for word in finding.words if word.startswith("≈")]


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Werbung | Haushaltsplan mit @Kassenbuch\nBilanz: 240 € mehr auf dem Tagesgeld als im Vorjahr", "DE"),
    ("Anzeige | Budget mit @Fixkosten\nam Jahresende 410 € mehr auf dem Tagesgeldkonto", "DE"),
])
def test_money_saved_by_keeping_a_budget_shows_no_signal(meaning, caption, jurisdiction):
    assert not _read_by_meaning(meaning, caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Publicité · Budget avec @Sousous\nrésultat : 310 € de plus sur mon compte épargne que l'année dernière", "FR"),
    ("Ad | Budgeting with @Tally\nend result: £310 more in the savings account than last year", "UK"),
    ("#ad Since I started logging every purchase in @Pennywise, we've put $350 more into savings than last spring.", "US"),
])
def test_budgets_already_read_right(meaning, caption, jurisdiction):  # guards
    assert not _read_by_meaning(meaning, caption, jurisdiction)


def test_a_promised_return_is_still_read_by_meaning(meaning):  # guard
    caption = "Anzeige | Mit @Renditeboot kommt jeden Monat ein fester Ertrag auf mein Depot, Verluste kennt man da nicht."
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction="DE"), meaning=meaning)
    assert ("restricted_claim", "error") in {(issue.code, issue.severity) for issue in result.issues}
