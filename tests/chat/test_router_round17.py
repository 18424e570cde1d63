"""The seventeenth router round, on what heldout_16 still missed after round 15 (regions named
instead of cities, corrections, briefs told as a story): each kind of miss tested here in new
words. Every case failed on the router of the round's start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.router import Router


@pytest.mark.parametrize(("text", "country"), [
    # regions, cantons, départements and counties people name instead of a city
    ("des gens qui font des vidéos de ski de randonnée en Valais", "CH"),
    ("on cherche du monde qui fait du vélo de montagne en Estrie", "CA"),
    ("folks who post about surfing in Cornwall", "GB"),
    ("des créatrices qui font de la voile dans le Finistère", "FR"),
    ("des créateurs qui font des balades dans le Hainaut", "BE"),
])
def test_regions_name_their_country(router: Router, text: str, country: str) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    assert routed.slots["country"] == country


def test_a_correction_refines_the_list(router: Router) -> None:  # a guard: passed before the round too
    routed = router.route("oops, not TikTok, I meant YouTube, sorry! and 2 more please", has_shortlist=True)
    assert (routed.intent, routed.slots) == ("refine", {"platform": "youtube", "more": 2})


@pytest.mark.parametrize(("text", "expected"), [
    ('My boss wants a "brief" sorted for Kiln & Crumb before we post our shortbread tins to a few foodies',
     {"brand": "Kiln & Crumb"}),
    ("Bonjour, je tiens une pâtisserie (Pâtisserie Morvan) et je voudrais faire connaître nos brioches en "
     "décembre sur Instagram. Tu peux me faire un brief ?",
     {"brand": "Pâtisserie Morvan", "product": "brioches", "category": "food"}),
    ("Salut, on fait des savons au lait de chèvre à Annecy, la marque s'appelle Chèvrefeuille. Un brief pour "
     "Instagram en France ?",
     {"brand": "Chèvrefeuille", "product": "savons au lait de chèvre"}),
])
def test_briefs_told_as_a_story(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "brief"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


@pytest.mark.parametrize(("text", "niche"), [  # guards: words that only look like a region
    ("des créatrices qui font de la cuisine provençale", "cuisine provençale"),
    ("creators who bake Cornish pasties", "Cornish pasties"),
])
def test_words_near_region_names_stay_in_the_niche(router: Router, text: str, niche: str) -> None:
    assert router.route(text).slots["niche"] == niche
