"""The twenty-third router round, on what heldout_23 (retail chains and franchises: store openings,
several towns, numbers in words, dictated run-ons, undoing follow-ups) missed after round 22. Each
kind of miss is tested here in new words. Every case failed on the router of the round's start
unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.brief_slots import brief_slots
from bot.chat.router import Router


@pytest.mark.parametrize(("text", "expected"), [
    # a dictated run-on: the niche after "il me faudrait", a request inside the sentence
    ("bon alors on ouvre notre troisième salle à Nancy le 4 mai il me faudrait une dizaine de micro influenceurs "
     "fitness sur instagram autour de Nancy avec un budget de mille cinq cents euros merci",
     {"niche": "fitness", "city": "Nancy", "limit": 10}),
    ("hey relais we're opening a new bike shop in bath next week can you find me some cycling people on instagram "
     "around bath nothing over eight thousand followers",
     {"niche": "cycling", "city": "Bath", "max_followers": 8000}),
    # several towns of one country: its country, no one city, and "ces villes" is no niche
    ("On ouvre à Vannes, Lorient et Quimper. Tu peux me trouver des créateurs crêpes sur Instagram dans ces trois "
     "villes ?", {"niche": "crêpes", "country": "FR", "city": None}),
    ("Stores opening in Durham, Raleigh and Cary this fall. Can you find bbq creators across the Carolinas?",
     {"niche": "bbq", "country": "US", "city": None}),
    # "pas plus de 20 000 abonnés" is a follower cap, not 20 creators
    ("des créateurs vin nature à Tours, pas plus de 15 000 abonnés", {"max_followers": 15000, "limit": None}),
    # "… pour ça", "sur toute la région" end no niche
    ("J'aimerais une dizaine de créatrices couture sur Instagram vers Laval, on a 900 $ pour ça.",
     {"niche": "couture"}),
])
def test_store_opening_requests(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


def test_orleans_is_the_french_one(router: Router) -> None:
    assert router.route("des créatrices jardinage du côté d'Orléans").slots.get("country") == "FR"


@pytest.mark.parametrize(("text", "expected"), [
    ("non oublie ça, on reste à trois mille euros par contre que des micros", {"budget": 3000, "tier": "micro"}),
    ("Not many in Galway itself, is there? Go for all of Connacht so, and drop the 1,000 follower minimum.",
     {"city": None, "country": "IE", "min_followers": None}),
    # guards: the area widened to stays read; an area Relais does not know lets the city go
    ("élargis à tout le Luxembourg", {"city": None, "country": "LU"}),
    ("Élargis à toute la Gaspésie stp", {"city": None}),
])
def test_follow_ups_that_widen_or_undo(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    for field, value in expected.items():
        assert routed.slots.get(field, "absent") == value, field


@pytest.mark.parametrize(("text", "intent"), [
    ("Cardiff creator, TikTok for the café opening. OK under UK rules?\n\nfirst flat white from the new "
     "@hollow.bean.cafe ☕ they let me try the menu", "check"),
    ("dis moi c'est quoi un bon tarif pour une story chez une nano", "ask"),
    # guard: the examples (set 23 among them) read it so at the round's start; the rules now do too
    ("can you help with restaurant openings or is it just product launches?", "help"),
])
def test_intents_of_store_managers(router: Router, text: str, intent: str) -> None:
    assert router.route(text).intent == intent


@pytest.mark.parametrize(("text", "expected"), [
    ("Il me faudrait un brief pour la Maison Pétrin, pour nos pains au levain, Instagram, France, rémunérées.",
     {"product": "pains au levain"}),
    ("Brief pour Fromageries du Jura svp : on veut mettre en avant nos plateaux de fromages, Insta, Suisse. "
     "Pas de cachet, on leur offre juste les plateaux.",
     {"brand": "Fromageries du Jura", "product": "plateaux de fromages", "compensation": "gifted"}),
    ("Fais-moi un brief pour Torréfacteurs de l'Est, notre café moulu qu'on vend dans nos 5 boutiques. TikTok, "
     "Québec, on paye.", {"product": "café moulu", "category": "plain_food"}),
    ("Need a brief for Ridge Climbing — product is our 10-visit pass for the new Halifax gym. Instagram, Canada. "
     "Creators earn $15 for every sign-up.",
     {"product": "10-visit pass", "category": None, "compensation": "affiliate"}),
])
def test_briefs_for_a_chain(text: str, expected: dict) -> None:
    slots = brief_slots(text).model_dump()
    for field, value in expected.items():
        assert slots[field] == value, field
