"""Caption round 18 (issue 14): a risk warning that denies the promise through its subject
("nothing is guaranteed") promises nothing.

Found on held_out_24: a Canadian investing course, labelled "#ad" upfront, was reported as
promising guaranteed returns (an error under the Competition Act) because the course "says in every
module" that "nothing in investing is guaranteed and you can lose money". A claim denied by its
verb ("returns are not guaranteed", « rendement non garanti ») already fired no rule; here the
denial is the subject ("nothing", "no return", "none of", « rien », « aucun », "keine", "niets"),
with at most a complement ("in investing", "an der Börse") before the verb. That is the risk
warning the rules want, not a guarantee.

Fail before the round (12): a guarantee denied through its subject in English (US, UK, Canada:
"no return is", "none of the returns on these ETFs are", "nothing's", "no investment is
risk-free", "no one can guarantee"), 5 cases; French (Quebec, Belgium: « rien n'est garanti »,
« aucun rendement n'est garanti », « aucun placement en actions n'est garanti »), 3; German and
Dutch ("keine Rendite ist garantiert", "nichts an der Börse ist garantiert", "niets is
gegarandeerd", "geen rendement is gegarandeerd"), 4.
Guards, which pass before and after (6): a promise next to a denied word is still one ("no fees
and your returns are guaranteed", "no kidding, returns are guaranteed", "nothing beats guaranteed
returns", "nothing is guaranteed in life, but the returns … are guaranteed", « Aucuns frais …, et
le rendement … est garanti », "Keine Gebühren und die Rendite ist garantiert"). The real checker
and rules; every caption is written for these tests, none is a held_out_24 sentence.
"""

from __future__ import annotations

import pytest

from tests.briefs.caption_checks import CLAIM, promotion

# A guarantee denied through its subject ---------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad week 3 of the @Coinwell index fund course: no return is guaranteed and stocks can fall, they say it in every lesson", "US"),
    ("Ad | my @Stackwise ISA app review: none of the returns on these ETFs are guaranteed, your capital is at risk.", "UK"),
    ("#ad @Maplefolio's investing workshop was worth it. Nothing's guaranteed in the stock market, and they say so on the first slide.", "CA"),
    ("#ad no investment is risk-free, and the @Brookvest ETF course is upfront about it from day one", "US"),
    ("#ad the @Tradeloft investing course says it plainly: no one can guarantee returns on stocks.", "US"),
])
def test_an_english_risk_warning_denying_the_subject_promises_nothing(caption, jurisdiction):
    assert promotion(caption, jurisdiction) == set()


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#pub La formation en placements de @Finavo le dit d'entrée : rien n'est garanti à la bourse, on peut perdre de l'argent.", "QC"),
    ("#commandité Le cours de @Placeo sur les placements en bourse répète qu'aucun rendement n'est garanti.", "QC"),
    ("#publicité Le cours d'investissement en bourse de @Boursa : aucun placement en actions n'est garanti, on vous le rappelle à chaque module.", "BE"),
])
def test_a_french_risk_warning_denying_the_subject_promises_nothing(caption, jurisdiction):
    assert promotion(caption, jurisdiction) == set()


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Werbung: Der ETF-Kurs von @Sparwerk sagt es ehrlich: keine Rendite ist garantiert, Verluste sind möglich.", "DE"),
    ("Anzeige | Im Kurs zum Investieren in ETFs von @Depotfix lernt man als Erstes: nichts an der Börse ist garantiert, Verluste sind möglich.", "DE"),
    ("#reclame De cursus beleggen in ETF's van @Beursbaas zegt het eerlijk: niets is gegarandeerd.", "BE"),
    ("#reclame De beleggingscursus van @Beursbaas over aandelen en ETF's zegt het eerlijk: geen rendement is gegarandeerd.", "BE"),
])
def test_a_german_or_dutch_risk_warning_denying_the_subject_promises_nothing(caption, jurisdiction):
    assert promotion(caption, jurisdiction) == set()


# Guards: a promise next to a denied word is still one ----------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad no fees and your returns are guaranteed with the @Yieldly ETF portfolio", "US"),
    ("#ad no kidding, returns are guaranteed with the @Pinevest index fund", "CA"),
    ("#ad nothing beats guaranteed returns: the @Ironleaf stock portfolio pays 8% a year", "US"),
    ("Ad: nothing is guaranteed in life, but the returns on the @Vaultly ETF portfolio are guaranteed", "UK"),
    ("#pub Aucuns frais pour ouvrir un compte, et le rendement des placements en bourse de @Rendo est garanti.", "QC"),
    ("Werbung: Keine Gebühren und die Rendite ist garantiert, der ETF-Sparplan von @Zinsfuchs", "DE"),
])
def test_a_guarantee_beside_a_denied_word_is_still_a_promise(caption, jurisdiction):  # guards
    assert CLAIM in promotion(caption, jurisdiction)
