"""bot.chat.dialogue on the real router's slots: follow-ups, what changed, briefs from a sentence, help."""

from __future__ import annotations

import pytest

from bot.chat import dialogue
from bot.chat.brief_form import STEP_NAMES
from bot.chat.router import Candidate, Routed, Router
from scoring.models import ShortlistRequest

LAST = ShortlistRequest(niche="cosmétiques naturels", platform="instagram", country="FR", budget=2000,
                        reasons_language="fr")


def follow_up(router: Router, text: str) -> dict:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine", (text, routed)
    return routed.slots


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("et sur TikTok ?", "platform", "tiktok"),
        ("only micro", "tier", "micro"),
        ("sans budget", "budget", None),
        ("plus de 10k abonnés", "min_followers", 10_000),
        ("en Belgique plutôt", "country", "BE"),
        ("5 de plus", "limit", 15),
    ],
)
def test_a_follow_up_changes_one_field_of_the_last_request(router: Router, text: str, field: str, value) -> None:
    request, changes = dialogue.refine_request(LAST, follow_up(router, text))
    assert changes == [(field, value)]
    assert getattr(request, field) == value
    kept = {k: v for k, v in LAST.model_dump().items() if k != field}
    assert {k: v for k, v in request.model_dump().items() if k != field} == kept  # nothing else moves


def test_a_follow_up_that_changes_nothing_says_so() -> None:
    request, changes = dialogue.refine_request(LAST, {"platform": "instagram"})
    assert request is LAST and changes == []


def test_more_creators_stop_at_the_request_limit() -> None:
    request, changes = dialogue.refine_request(LAST.model_copy(update={"limit": 198}), {"more": 5})
    assert request.limit == 200 and changes == [("limit", 200)]


def test_changes_are_said_in_plain_words_in_both_languages() -> None:
    changes = [("platform", "tiktok"), ("budget", None)]
    assert dialogue.describe_changes(changes, "fr") == "Plateforme : TikTok ; budget : aucun filtre"
    assert dialogue.describe_changes(changes, "en") == "Platform: TikTok; budget: no filter"
    assert dialogue.describe_changes([("min_followers", 10_000)], "en") == "Minimum followers: 10,000"
    # A budget said in pounds is shown in pounds, and the currency is not a change of its own.
    assert dialogue.describe_changes([("budget", 1500.0), ("currency", "GBP")], "en") == "Budget: 1,500 GBP"
    assert dialogue.describe_changes([("budget", 900.0)], "fr") == "Budget : 900 €"


def test_a_shortlist_request_comes_from_the_slots(router: Router) -> None:
    text = "Find micro creators in specialty coffee in the UK, budget £1,500"
    request = dialogue.shortlist_request_from(router.route(text).slots, text)
    assert (request.niche, request.country, request.tier, request.budget, request.currency) == (
        "specialty coffee", "GB", "micro", 1500, "GBP")
    assert request.reasons_language == "en"
    # Without slots (a front end that did not route the text), the text is read the router's way.
    fallback = dialogue.shortlist_request_from({}, "Trouve-moi des créatrices beauté à Lyon")
    assert (fallback.niche, fallback.country, fallback.reasons_language) == ("beauté", "FR", "fr")
    with pytest.raises(ValueError):
        dialogue.shortlist_request_from({"platform": "tiktok"}, "sur TikTok")


def test_a_caption_check_needs_a_caption(router: Router) -> None:
    assert dialogue.check_request_from(router.route("Is this caption compliant?").slots, "en") is None
    slots = router.route('Is this caption ok for the UK: "Loving this serum from @lumi"').slots
    request = dialogue.check_request_from(slots, "en")
    assert (request.caption, request.jurisdiction, request.platform) == ("Loving this serum from @lumi", "UK", "instagram")
    assert dialogue.check_request_from({"caption": "Merci @lumi"}, "fr", default_jurisdiction="BE").jurisdiction == "BE"


def test_a_brief_asked_in_one_sentence_fills_the_form_steps_it_names(router: Router) -> None:
    slots = router.route("Write a brief for Maison Grain, specialty coffee, Instagram, France, product gifted").slots
    answers = dialogue.brief_answers_from(slots)
    assert answers == {"brand": "Maison Grain", "product": "specialty coffee", "product_category": "plain_food",
                       "platforms": ["instagram"], "jurisdictions": ["FR"], "compensation": "gifted"}
    assert list(answers) == [name for name in STEP_NAMES if name in answers]  # in the form's order
    assert dialogue.missing_brief_steps(answers) == ["niche", "deliverables", "dates", "budget"]
    assert dialogue.brief_answers_in_words(answers, "fr") == (
        "Maison Grain · specialty coffee · café, thé, eau et produits frais · instagram · FR · Produit offert")


def test_a_brief_with_nothing_said_asks_every_step() -> None:
    assert dialogue.brief_answers_from({}) == {}
    assert dialogue.missing_brief_steps({}) == list(STEP_NAMES)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_help_is_one_line_with_two_examples(lang: str) -> None:
    reply = dialogue.help_reply(lang)
    assert "\n" not in reply
    assert reply.count("«" if lang == "fr" else "“") == 2


def test_unsure_options_put_the_routers_guesses_first() -> None:
    routed = Routed(intent="unsure", confidence=0.0,
                    candidates=[Candidate(intent="ask", score=0.5), Candidate(intent="refine", score=0.5)])
    assert dialogue.clarify_options(routed, "en") == [
        ("ask", "Answer from the knowledge base"), ("shortlist", "Shortlist creators"), ("check", "Check a caption")]
    assert [intent for intent, _ in dialogue.clarify_options(Routed(intent="unsure", confidence=0.0), "fr")] == [
        "shortlist", "ask", "check"]


def test_a_question_the_router_cannot_place_still_goes_to_the_knowledge_base() -> None:
    other = Routed(intent="other", confidence=0.9)
    assert dialogue.intent_to_run(other, "What is the capital of Mongolia?") == "ask"
    assert dialogue.intent_to_run(other, "tell me a joke") == "other"


def test_a_question_the_router_cannot_label_goes_to_the_knowledge_base() -> None:
    from bot.chat.router import Routed

    unsure = Routed(intent="unsure", confidence=0.2)
    assert dialogue.intent_to_run(unsure, "Et pour une image retouchée ?") == "ask"
    assert dialogue.intent_to_run(Routed(intent="other", confidence=0.3), "What is the capital of Peru?") == "ask"
    assert dialogue.intent_to_run(unsure, "beauté") == "unsure"  # not a question: asked back with buttons
    assert dialogue.intent_to_run(Routed(intent="other", confidence=0.3), "lol") == "other"
