"""The nineteenth router round, on what heldout_19 (agency account managers juggling clients,
franglais, pasted "key: value" lines) missed after round 18: the client an agency works for is
never the niche, a request typed as labelled fields is read field by field, follow-ups that swap a
city or drop a filter by its name, a caption introduced by a line saying what it is, questions
about a one-word label, and asking what Relais does. Each kind of miss is tested here in new
words. Every case failed on the router of the round's start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.router import Router


@pytest.mark.parametrize(("text", "niche"), [
    ("Pour un client belge il me faudrait 6 créatrices poterie à Namur", "poterie"),
    ("need 4 micro creators for a client, niche is vintage cameras, Leeds", "vintage cameras"),
    ("Looking for 5 bouldering creators in Sheffield for an outdoor-gear client, IG", "bouldering"),
    ("Notre cliente fromagère cherche des créateurs raclette à Sion", "raclette"),
    # a guard: a niche that only contains the letters stays
    ("des créateurs clientèle B2B à Lyon", "clientèle B2B"),
])
def test_the_client_is_never_the_niche(router: Router, text: str, niche: str) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    assert routed.slots["niche"] == niche


@pytest.mark.parametrize(("text", "expected"), [
    ("Brief client :\n- thème : escalade de bloc\n- ville : Grenoble\n- plateforme : Instagram\n- budget : 900 €",
     {"niche": "escalade de bloc", "city": "Grenoble", "platform": "instagram", "budget": 900}),
    ("Client: Harbourside (oyster bar)\nNiche: seafood cooking\nCity: Whitstable\nPlatform: TikTok\nBudget: £700",
     {"niche": "seafood cooking", "platform": "tiktok", "budget": 700, "currency": "GBP"}),
    ("From the client's sheet:\n• topic: urban sketching\n• city: Porto\n• tier: nano\nthanks!",
     {"niche": "urban sketching", "tier": "nano"}),
])
def test_a_request_typed_as_fields(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


@pytest.mark.parametrize(("text", "expected"), [
    ("could we swap Leeds for York and add 2 more?", {"city": "York", "country": "GB", "more": 2}),
    ("remplace Namur par Dinant", {"city": "Dinant", "country": "BE"}),
    ("retire le critère micro et ajoute-en 3", {"tier": None, "more": 3}),
    ("vire le plafond d'abonnés", {"max_followers": None}),
    ("drop the follower cap please", {"max_followers": None}),
    ("make it Belgium-wide, not just Liège", {"city": None, "country": "BE"}),
])
def test_follow_ups_that_swap_or_drop_by_name(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    for field, value in expected.items():
        assert routed.slots.get(field, "absent") == value, field


@pytest.mark.parametrize(("text", "caption"), [
    ("ok pour la France ? Reel d'une créatrice de Nantes : trop fan de ce sérum @lunecosm #pub",
     "trop fan de ce sérum @lunecosm #pub"),
    ("Fine for the US? IG caption from our dog creator: walkies with the new @barkline lead #ad",
     "walkies with the new @barkline lead #ad"),
])
def test_a_caption_after_a_line_saying_what_it_is(router: Router, text: str, caption: str) -> None:
    routed = router.route(text)
    assert routed.intent == "check"
    assert routed.slots["caption"] == caption


@pytest.mark.parametrize("text", [
    "en France, le hashtag #collab suffit ou faut-il écrire « collaboration commerciale » ?",
    'in the UK is "gifted" enough or do we need "ad" too?',
])
def test_a_question_about_a_label_in_quotes_is_a_question(router: Router, text: str) -> None:
    assert router.route(text).intent == "ask"


@pytest.mark.parametrize("text", [
    "what can u do exactly?",
    "tu sers à quoi concrètement ?",
    "how does this thing work, do I just paste my brief?",
])
def test_asking_what_relais_does(router: Router, text: str) -> None:
    assert router.route(text).intent == "help"


@pytest.mark.parametrize(("text", "expected"), [
    ("tu peux me préparer un brief pour Miel Doré stp ? produit : miel de lavande, insta, France, payé",
     {"brand": "Miel Doré", "product": "miel de lavande"}),
    ("can u do a brief for Maple Hollow? maple fudge, TikTok, Canada, it's a paid gig",
     {"brand": "Maple Hollow", "product": "maple fudge"}),
])
def test_brief_fields_said_in_passing(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "brief"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field
