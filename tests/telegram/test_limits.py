"""Limits over real HTTP: strangers' floods cost almost nothing, costly actions come out of a per-user bucket.

The real bot against the fake Bot API server; the refusal memory is also checked on its own
with a clock the test moves.
"""

from __future__ import annotations

import asyncio
import json
import math
import time

import pytest
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.chat.i18n import t
from bot.telegram.access import requires_access
from bot.telegram.app import build_application, refuse_unlimited_slow_handlers
from bot.telegram.limits import ADMIN_DEPTH, StrangerRefusals, costly_action
from tests.telegram.conftest import (
    ADMIN,
    ALICE,
    BOB,
    STRANGER,
    RunningBot,
    bot_settings_for,
)
from tests.telegram.fakebotapi import FakeBotAPI, User

# What a leak would look like: anything but the refusal.
DATA_METHODS = {"sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "getFile"}
# The costly handlers, by callback name: the ones that search, score, draft, check, export or ingest.
# /stats is there too: it runs off the event loop like them (every non-blocking handler is costly).
COSTLY = {
    "shortlist_command": "shortlist",
    "shortlist_button": "shortlist refine or export",
    "check_command": "check",
    "recheck_button": "re-check",
    "budget_text": "brief draft",
    "budget_button": "brief draft",
    "ingest_command": "ingest",
    "roster_command": "roster",
    "document_received": "ingest",
    "stats_command": "stats",
}
REFILL = 3.0  # seconds per token in the bucket tests
CAPACITY = 2
CAPTION = "/check Merci @lumi pour ce sérum incroyable, code PROMO10 !"


async def ask(api: FakeBotAPI, user: User, text: str):
    mark = api.mark()
    api.send(user, text)
    return await api.wait_for("sendMessage", since=mark, chat_id=user.id)


def leaf_handlers(handlers: list[BaseHandler]) -> list[BaseHandler]:
    leaves: list[BaseHandler] = []
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            leaves += leaf_handlers([*handler.entry_points, *handler.fallbacks,
                                     *(h for hs in handler.states.values() for h in hs)])
        else:
            leaves.append(handler)
    return leaves


# Strangers -------------------------------------------------------------------------------------------------


async def test_a_stranger_flooding_gets_one_refusal_and_never_any_data(api: FakeBotAPI, bot) -> None:
    shortlist = await ask(api, ALICE, "/shortlist fitness, tiktok")
    mark = api.mark()
    for i in range(300):
        kind = i % 4
        if kind == 0:
            api.send(STRANGER, f"Quelle mention pour un contenu sponsorisé ? ({i})")
        elif kind == 1:
            api.send(STRANGER, "/shortlist cosmétiques")
        elif kind == 2:
            api.send_document(STRANGER, "notes.md", b"# Secret\nnothing", caption="/ingest")
        else:
            api.press(STRANGER, shortlist, shortlist.button("Export"))
    help_during_flood = await ask(api, ALICE, "/help")  # the team is still answered
    assert "Ce que Relais" in help_during_flood.plain
    await api.settle(timeout=60)
    to_stranger = api.calls_since(mark, chat_id=STRANGER.id)
    assert [c.method for c in to_stranger] == ["sendMessage"], [c.method for c in to_stranger]
    assert to_stranger[0].plain == t("refused", "en", user_id=STRANGER.id)
    assert not [c for c in api.calls_since(mark) if c.method in DATA_METHODS]
    assert len(api.calls_since(mark, "answerCallbackQuery")) <= 1  # 75 presses: at most the first is answered


async def test_many_strangers_at_once_get_a_few_refusals_between_them(api: FakeBotAPI, bot) -> None:
    strangers = [User(50_000 + i, f"S{i}", language_code="en") for i in range(100)]
    mark = api.mark()
    started = time.monotonic()
    for stranger in strangers:
        api.send(stranger, "hello")
    await api.settle(timeout=60)
    elapsed = time.monotonic() - started
    refusals = api.calls_since(mark, "sendMessage")
    assert refusals, "no stranger was refused at all"
    # 5 at once, then one every 0.5 s: far fewer than the 100 a refusal each would send.
    assert len(refusals) <= 5 + math.ceil(elapsed / 0.5), (len(refusals), elapsed)
    assert len(refusals) < len(strangers) // 2
    assert all(c.plain == t("refused", "en", user_id=c.chat_id) for c in refusals)


def test_refusals_come_once_per_interval_within_a_shared_budget_and_a_bounded_memory() -> None:
    now = [1000.0]
    refusals = StrangerRefusals({}, interval=600, remembered=50, burst=3, every=1.0, clock=lambda: now[0])
    assert refusals.take(1) and not refusals.take(1)
    now[0] += 599
    assert not refusals.take(1)
    now[0] += 1
    assert refusals.take(1)  # the interval is over: told again, once
    assert refusals.take(2) and refusals.take(3)
    assert not refusals.take(4)  # the shared burst of 3 is spent (the clock has not moved)...
    assert 4 not in refusals.each.state  # ...and 4 is not counted as told, so a later message tells them
    refusals.give_back(3)  # 3's refusal could not be delivered
    assert 3 not in refusals.each.state  # and will be told next time
    now[0] += 1
    assert refusals.take(5) and not refusals.take(6)  # one more a second, shared

    told = {}
    many = StrangerRefusals(told, interval=600, remembered=50, burst=10_000, every=0.001, clock=lambda: now[0])
    for stranger in range(1000):
        many.take(stranger)
    assert 0 < len(told) <= 50


def test_the_record_of_strangers_told_survives_older_state_files_and_json() -> None:
    bot_data = {"refused_users": {7, 8}}  # the state file of an earlier release: a set of ids told
    refusals = StrangerRefusals.kept_in(bot_data, "refused_users", clock=lambda: 5000.0)
    assert isinstance(bot_data["refused_users"], dict) and refusals.each.state is bot_data["refused_users"]
    assert not refusals.take(7) and refusals.take(9)

    as_json = {"refused_users": json.loads(json.dumps(bot_data["refused_users"]))}  # ids as strings, pairs as lists
    reloaded = StrangerRefusals.kept_in(as_json, "refused_users", clock=lambda: 5001.0)
    assert not reloaded.take(7) and not reloaded.take(9) and reloaded.take(10)


# Costly actions ---------------------------------------------------------------------------------------------


@pytest.fixture
async def limited_bot(api: FakeBotAPI, assistant, tmp_path):
    settings = bot_settings_for(tmp_path / "bot", api, heavy_command_cooldown=REFILL,
                                heavy_command_burst=REFILL * CAPACITY)
    running = await RunningBot(settings, assistant).start()
    yield running
    await running.stop()


async def test_over_the_bucket_a_user_is_told_when_to_try_again_and_nothing_runs(api: FakeBotAPI,
                                                                                  limited_bot) -> None:
    for _ in range(CAPACITY):
        assert "Non conforme" in (await ask(api, ALICE, CAPTION)).plain
    emptied = time.monotonic()  # just after the last token went
    mark = api.mark()
    told = await ask(api, ALICE, CAPTION)
    assert told.plain == t("cooldown", "fr", seconds=3) == "Un instant : réessayez dans 3 s."
    await api.settle()
    assert [c.plain for c in api.calls_since(mark, chat_id=ALICE.id)] == [told.plain]  # no check ran

    for _ in range(CAPACITY):  # another user, in English, has their own bucket
        assert "One moment" not in (await ask(api, BOB, CAPTION)).plain
    assert (await ask(api, BOB, CAPTION)).plain == "One moment: try again in 3 s."

    # Cheap commands are never limited, however often.
    for command in ["/help", "/start"] * 5:
        reply = await ask(api, ALICE, command)
        assert "réessayez" not in reply.plain and "Relais" in reply.plain

    await asyncio.sleep(max(0.0, emptied + 1.5 - time.monotonic()))
    assert (await ask(api, ALICE, CAPTION)).plain == "Un instant : réessayez dans 2 s."  # counts down
    await asyncio.sleep(max(0.0, emptied + REFILL + 0.1 - time.monotonic()))
    assert "Non conforme" in (await ask(api, ALICE, CAPTION)).plain  # one token back: on they go
    assert "réessayez dans" in (await ask(api, ALICE, CAPTION)).plain  # only one


async def test_shortlist_buttons_refine_and_export_from_the_bucket_but_menus_are_free(api: FakeBotAPI,
                                                                                       limited_bot) -> None:
    shortlist = await ask(api, ALICE, "/shortlist fitness, tiktok")
    export = shortlist.button("Export")
    for _ in range(4):  # opening and closing menus costs nothing
        mark = api.mark()
        api.press(ALICE, shortlist, shortlist.button("Taille"))
        await api.wait_for("editMessageReplyMarkup", since=mark, chat_id=ALICE.id)
    mark = api.mark()
    api.press(ALICE, shortlist, export.replace(":export", ":set:tier:micro"))
    refined = await api.wait_for("editMessageText", since=mark, chat_id=ALICE.id)
    assert "micro" in refined.plain.lower()
    await api.settle()
    mark = api.mark()
    api.press(ALICE, shortlist, export)
    alert = await api.wait_for("answerCallbackQuery", since=mark, where=lambda c: c.params.get("text"))
    assert alert.params["text"] == "Un instant : réessayez dans 3 s." and alert.params.get("show_alert") in (True, "true")
    await api.settle()
    assert not api.calls_since(mark, "sendDocument") and not api.calls_since(mark, "editMessageText")


async def test_admins_have_a_deeper_bucket(api: FakeBotAPI, limited_bot) -> None:
    for _ in range(CAPACITY * ADMIN_DEPTH):
        assert "One moment" not in (await ask(api, ADMIN, CAPTION)).plain
    assert (await ask(api, ADMIN, CAPTION)).plain == "One moment: try again in 3 s."


# Every costly handler wears the decorator -----------------------------------------------------------------


def test_every_costly_handler_registered_carries_the_bucket_and_no_cheap_one_does(api: FakeBotAPI, tmp_path) -> None:
    application = build_application(bot_settings_for(tmp_path / "bot", api))
    seen = {}
    for group, handlers in application.handlers.items():
        if group >= 0:
            for handler in leaf_handlers(handlers):
                seen[handler.callback.__name__] = costly_action(handler.callback)
    assert {name: action for name, action in seen.items() if name in COSTLY} == COSTLY
    cheap = {name: action for name, action in seen.items() if name not in COSTLY}
    # plain words are charged inside, per intent (a "merci" costs nothing; a question does)
    assert {"start", "help_command", "lang_command", "answer_button", "start_brief", "message"} <= cheap.keys()
    assert not [name for name, action in cheap.items() if action], cheap


def test_a_slow_handler_without_the_bucket_cannot_be_registered(api: FakeBotAPI, tmp_path) -> None:
    application = build_application(bot_settings_for(tmp_path / "bot", api))

    @requires_access
    async def forgot_the_bucket(update, context) -> None:
        await asyncio.sleep(0)

    application.add_handler(CommandHandler("costly", forgot_the_bucket, block=False))
    with pytest.raises(RuntimeError, match="forgot_the_bucket"):
        refuse_unlimited_slow_handlers(application)
