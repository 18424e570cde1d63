"""Plain words over real HTTP: what brand managers type, routed to shortlists, answers, checks, briefs."""

from __future__ import annotations

import re

from tests.telegram.conftest import ALICE, BOB
from tests.telegram.fakebotapi import FakeBotAPI
from tests.telegram.test_chat import ask


async def test_a_shortlist_asked_in_a_sentence_then_refined_in_a_few_words(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "Trouve-moi des créatrices cosmétiques naturels en France sur Instagram")
    assert "Shortlist" in reply.plain and "1." in reply.plain
    assert reply.button("Plateforme: instagram")

    refined = await ask(api, ALICE, "et sur TikTok ?")
    assert "tiktok" in refined.plain.lower().split("\n\n")[0]  # the note says what changed
    assert refined.button("Plateforme: tiktok")
    creators = [line for line in refined.plain.splitlines() if re.match(r"\d+\. ", line)]
    assert creators and all(" · tiktok · " in line for line in creators), refined.plain

    first = re.search(r"@(\w+)", creators[0]).group(1)
    why = await ask(api, ALICE, f"pourquoi @{first} ?")
    assert f"@{first}" in why.plain and "relevance" in why.plain


async def test_a_follow_up_naming_only_a_town_says_the_town_is_not_a_filter(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, BOB, "Find me cycling creators in Leeds on Instagram")
    assert "Shortlist" in reply.plain
    york = await ask(api, BOB, "these are all Leeds students. try York")
    assert york.plain.startswith("Noted: York.") and "not filtered by city" in york.plain


async def test_a_question_in_english_is_answered_from_the_knowledge_base(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, BOB, "Which label should a sponsored post carry in France?")  # about a French page
    assert "Here is what the knowledge base says" in reply.plain and "[1]" in reply.plain


async def test_a_caption_check_asked_in_plain_words(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "Est-ce que cette légende est conforme : Merci @lumi pour ce sérum, code PROMO10 !")
    assert "Non conforme" in reply.plain and "FR" in reply.plain
    english = await ask(api, BOB, 'Is this caption ok for the UK: "Loving this serum from @lumi"')
    assert "(UK" in english.plain


async def test_a_check_for_a_market_relais_does_not_cover_says_so(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, BOB, 'Is this fine for Australia? "New board day with @reefco #ad"')
    assert "Australia" in reply.plain and "do not know" in reply.plain
    assert "compliant" not in reply.plain.lower()  # no other country's verdict given as Australia's


async def test_a_brief_from_one_sentence_asks_only_what_is_missing(api: FakeBotAPI, bot) -> None:
    mark = api.mark()
    api.send(BOB, "Write a brief for Maison Grain, specialty coffee, Instagram, France, product gifted")
    taken = await api.wait_for("sendMessage", since=mark, chat_id=BOB.id)
    assert "Maison Grain" in taken.plain
    question = await api.wait_for("sendMessage", since=mark, chat_id=BOB.id, where=lambda call: call is not taken)
    assert "brand" not in question.plain.lower()  # the brand was given: not asked again
    cancelled = await ask(api, BOB, "/cancel")
    assert "cancel" in cancelled.plain.lower()


async def test_filler_gets_a_one_line_help_never_an_answer(api: FakeBotAPI, bot) -> None:
    for text in ("merci", "ok", "salut"):
        reply = await ask(api, ALICE, text)
        assert "base de connaissances" not in reply.plain
        assert len(reply.plain.splitlines()) <= 4


async def test_an_unclear_message_is_asked_back_with_buttons(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "beauté")
    labels = [text for text, _ in reply.buttons]
    assert len(labels) >= 2
    mark = api.mark()
    api.press(ALICE, reply, reply.buttons[0][1])
    shortlist = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "Shortlist" in shortlist.plain


async def test_an_empty_shortlist_says_which_filter_left_no_one(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "Trouve-moi des créatrices cosmétiques naturels au Japon")
    assert "Aucun créateur du roster ne correspond à JP (le roster a FR" in reply.plain, reply.plain
