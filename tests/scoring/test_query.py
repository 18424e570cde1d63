from __future__ import annotations

import pytest

from scoring.query import parse_shortlist_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cosmétiques naturels, instagram, France, micro, budget 3000 €",
         dict(niche="cosmétiques naturels", platform="instagram", country="FR", tier="micro", budget=3000.0,
              currency="EUR", reasons_language="fr")),
        ("vegan food on tiktok in the UK under 2k followers... budget 1,500 EUR",
         dict(niche="vegan food", platform="tiktok", country="GB", max_followers=2000, budget=1500.0,
              currency="EUR", reasons_language="en")),
        ("escalade Québec nano", dict(niche="escalade", country="CA", language="fr", tier="nano")),
        ("micro-influenceurs beauté bio en Belgique, entre 5k et 50k abonnés, 2 500 €",
         dict(niche="beauté bio", country="BE", tier="micro", min_followers=5000, max_followers=50000, budget=2500.0)),
        ("find me fitness influencers in the US with at least 10k followers, $2k",
         dict(niche="fitness", country="US", min_followers=10_000, budget=2000.0, currency="USD")),
        ("parents d'enfants dys, francophones, plus de 1000 abonnés",
         dict(niche="parents d'enfants dys", language="fr", min_followers=1000)),
        ("jeux vidéo sur YouTube au Canada en anglais, max 800€",
         dict(niche="jeux vidéo", platform="youtube", country="CA", language="en", budget=800.0)),
        ("top 5 gaming creators like @lea.plays", dict(niche="gaming", limit=5, like="@lea.plays")),
        ("streetwear X FR", dict(niche="streetwear", platform="x", country="FR")),
        ("mode éthique Royaume-Uni 3k€ mid-tier", dict(niche="mode éthique", country="GB", budget=3000.0, tier="mid")),
        ("clean beauty in the US, 1.2M followers max", dict(niche="clean beauty", country="US", max_followers=1_200_000)),
        ("cuisine vegan", dict(niche="cuisine vegan", platform=None, country=None, budget=None, tier=None)),
        # written with its accent, "thé" is tea, not the English "the" (which stays filler)
        ("thé vert en Belgique", dict(niche="thé vert", country="BE")),
        ("the tea lovers in the UK", dict(niche="tea lovers", country="GB")),
        # "budget" right before a niche word is part of the niche; before an amount it is the budget
        ("budget travel in the US, $4k", dict(niche="budget travel", country="US", budget=4000.0)),
        ("budget 2000 € beauté", dict(niche="beauté", budget=2000.0)),
        # amounts and bounds in words, Canadian dollars, a budget that "is about"
        ("créatrices jardinage, pas plus de trois mille balles", dict(niche="jardinage", budget=3000.0)),
        ("bricolage, au moins quarante mille abonnés", dict(niche="bricolage", min_followers=40000)),
        ("pêche au Québec, 1 800 $ CAD", dict(niche="pêche", country="CA", budget=1800.0, currency="CAD")),
        ("surf creators, budget is about $3,000", dict(niche="surf", budget=3000.0, currency="USD")),
    ],
)
def test_plain_words_to_a_request(text, expected):
    request = parse_shortlist_query(text)
    for field, value in expected.items():
        assert getattr(request, field) == value, field


def test_words_that_only_look_like_filters_stay_in_the_niche():
    # "in", "it" and "x" are words; only capitals make them codes; a bare number is not money.
    request = parse_shortlist_query("tips in it for x 20 recipes")
    assert (request.country, request.platform, request.budget) == (None, None, None)
    assert "recipes" in request.niche and "tips" in request.niche


@pytest.mark.parametrize(("text", "platform", "niche"), [
    ("céramistes sur instgram", "instagram", "céramistes"),
    ("knitting on tiktokk", "tiktok", "knitting"),
    ("woodworking youtub channels", "youtube", "woodworking channels"),
])
def test_platform_names_typed_a_letter_off(text, platform, niche):
    request = parse_shortlist_query(text)
    assert (request.platform, request.niche) == (platform, niche)


def test_words_near_a_platform_name_but_longer_stay_words():
    request = parse_shortlist_query("instagrammable cafés")
    assert request.platform is None
    assert request.niche == "instagrammable cafés"


def test_thread_is_a_word_not_the_threads_platform():
    assert parse_shortlist_query("aquarium creators from the partnerships thread").platform is None


def test_the_thousands_of_a_range_apply_to_both_ends():
    request = parse_shortlist_query("winter cycling, between 5 and 20k followers")
    assert (request.min_followers, request.max_followers) == (5000, 20000)


@pytest.mark.parametrize("text", ["budget CA$300", "pottery in Toronto, C$ 300", "300 $ canadiens"])
def test_canadian_dollars_before_or_after_the_amount(text):
    request = parse_shortlist_query(text)
    assert (request.budget, request.currency) == (300, "CAD")


def test_two_tiers_named_set_no_tier():
    assert parse_shortlist_query("quilting creators, nano or micro").tier is None
    assert parse_shortlist_query("quilting creators, micro only").tier == "micro"


def test_a_place_inside_a_hyphenated_name_is_not_that_place():
    assert parse_shortlist_query("bakers in Maine-et-Loire").country == "FR"  # a département, not Maine
    assert parse_shortlist_query("bakers in Maine").country == "US"
