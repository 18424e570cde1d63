"""Phrasings the router missed on a blind set of messages (utterances_heldout_2), each tested here
in new words: being asked to explain, French questions by inversion, captions around "ok" or
"ça passe", follow-ups that take a filter off, "montre-m'en N de plus", a count beside a typo."""

from __future__ import annotations

import pytest

from bot.chat.router import Router
from knowledge.encoder import shared_encoder


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(shared_encoder())


@pytest.mark.parametrize("text", [
    "explique-moi ce qu'est le seeding",
    "could you explain how affiliate codes work for creators",
    "tell me what a brand ambassador contract should contain",
    "j'aimerais savoir combien payer une story",
    "En Belgique, la mention publicité est-elle obligatoire pour les influenceurs ?",
    "un cadeau reçu doit-il être déclaré par l'influenceuse ?",
])
def test_being_asked_to_explain_or_a_question_by_inversion_is_a_question(router: Router, text: str) -> None:
    assert router.route(text).intent == "ask"


def test_an_existence_question_about_people_is_still_a_shortlist(router: Router) -> None:
    assert router.route("y a-t-il des créatrices vegan à Lille ?").intent == "shortlist"


@pytest.mark.parametrize(("text", "caption", "jurisdiction"), [
    ('is "New drop from @lumi, code LUMI10" ok?', "New drop from @lumi, code LUMI10", None),
    ("ça passe en Belgique : Merci @lumi pour le coffret", "Merci @lumi pour le coffret", "BE"),
    ('is this fine in the US? "Obsessed with my @lumi serum #ad"', "Obsessed with my @lumi serum #ad", "US"),
])
def test_a_caption_asked_about_in_everyday_words_is_checked(router: Router, text: str, caption: str,
                                                            jurisdiction: str | None) -> None:
    routed = router.route(text)
    assert routed.intent == "check"
    assert routed.slots.get("caption") == caption
    assert routed.slots.get("jurisdiction") == jurisdiction


@pytest.mark.parametrize(("text", "slots"), [
    ("enlève le budget", {"budget": None}),
    ("remove the country filter", {"country": None}),
    ("retire le filtre de plateforme", {"platform": None}),
    ("could you keep it to micro creators", {"tier": "micro"}),
    ("how about in Switzerland?", {"country": "CH"}),
    ("montre-m'en 4 de plus", {"more": 4}),
])
def test_follow_ups_in_everyday_words_refine_the_last_shortlist(router: Router, text: str, slots: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    assert routed.slots == slots


def test_a_count_beside_a_misspelt_people_word_is_read(router: Router) -> None:
    routed = router.route("find 6 micro influncers for vinyl records")
    assert routed.intent == "shortlist"
    assert routed.slots["limit"] == 6


@pytest.mark.parametrize(("text", "niche"), [
    ("yoga creators around Leeds pls", "yoga"),
    ("des comptes cuisine qui ont moins de 10k abonnés", "cuisine"),
])
def test_asking_words_stay_out_of_the_niche(router: Router, text: str, niche: str) -> None:
    assert router.route(text).slots["niche"] == niche


def test_a_brief_named_with_de_and_a_place_after_the_brand(router: Router) -> None:
    routed = router.route("prépare le brief de Ondine, une eau de source, au Québec sur instagram")
    assert routed.intent == "brief"
    assert routed.slots["brand"] == "Ondine"
    assert routed.slots["product"] == "eau de source"
    assert routed.slots["jurisdictions"] == ["QC"]
    assert router.route("brief pour Ondine au Québec, payé").slots.get("product") is None


@pytest.mark.parametrize("text", ["nickel", "super, nickel", "got it, cheers"])
def test_more_acknowledgements_are_filler(router: Router, text: str) -> None:
    assert router.route(text).intent == "help"
