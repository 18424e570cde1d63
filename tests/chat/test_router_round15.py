"""The fifteenth router round, tuned on bot/chat/eval/utterances_heldout_16 (people who are not
marketers: a baker, a town hall, a volunteer, a founder; creators called "des gens qui font des
vidéos", "folks who post about"; brands named as they come): each kind of miss tested here in new
words. Every case failed on the router of the round's start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.router import Router


@pytest.mark.parametrize(("text", "slots"), [
    # people described by what they post are creators
    ("Bonjour, je tiens une fromagerie à Annecy. On voudrait des personnes qui postent sur la randonnée "
     "pour nous faire connaître.",
     {"niche": "randonnée", "city": "Annecy", "country": "FR"}),
    ("I'm after folk who post about wild swimming, anywhere in Wales", {"niche": "wild swimming", "country": "GB"}),
    ("on cherche du monde qui font des vidéos de kayak de mer", {"niche": "kayak de mer"}),
    ("slt jcherche des gens ki font du skate a Bordeaux", {"niche": "skate", "city": "Bordeaux", "country": "FR"}),
])
def test_shortlists(router: Router, text: str, slots: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    assert routed.slots == slots


@pytest.mark.parametrize(("text", "slots"), [
    ("ok way too big. cap it at 5k followers", {"max_followers": 5000}),
    ("trop cher, on descend à 900 francs", {"budget": 900, "currency": "CHF"}),
])
def test_refinements(router: Router, text: str, slots: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert (routed.intent, routed.slots) == ("refine", slots)


@pytest.mark.parametrize(("text", "brand"), [
    ("Salut, ma sœur et moi on fait des bougies, la marque s'appelle Cire Lumen. Peux-tu faire un brief "
     "pour Instagram en France ?", "Cire Lumen"),
    ("We built Parcelo, a parcel-tracking app, and need a creator brief for TikTok in the US", "Parcelo"),
    ("c'est quoi un bon brief ? bon, fais-moi déjà celui pour Maison Ardoise stp", None),
])
def test_briefs(router: Router, text: str, brand: str | None) -> None:
    routed = router.route(text)
    assert routed.intent == "brief"
    if brand:
        assert routed.slots["brand"] == brand


@pytest.mark.parametrize("text", [  # guards
    "c'tu vrai que les influenceuses doivent écrire « publicité » en entier ?",
    "is it true that creators must disclose free samples in the UK?",
])
def test_questions_about_a_rule(router: Router, text: str) -> None:
    assert router.route(text).intent == "ask"


@pytest.mark.parametrize("text", [
    "jsp si c bon : mon nouveau bracelet @fil.dor 💛 code FIL10",
    "est-ce en ordre pour la Belgique ? « Mon café du matin avec @torref.lumen »",
])
def test_checks(router: Router, text: str) -> None:
    assert router.route(text).intent == "check"
