"""Access fails closed: when refusing a stranger goes wrong, the stranger still gets no data.

Over real HTTP: the real bot against the fake Bot API, told to fail the refusal's calls.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from telegram.ext import CommandHandler

from bot.chat.i18n import t
from bot.settings import Settings
from bot.telegram.access import AccessPolicy, requires_access
from bot.telegram.app import build_application, refuse_unguarded_handlers
from tests.telegram.conftest import ALICE, GROUP, STRANGER, bot_settings_for
from tests.telegram.fakebotapi import Call, Failure, FakeBotAPI

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
FAILURES = {
    "502": Failure.http(502, "Bad Gateway"),
    "429": Failure.flood(retry_after=3),
    "timeout": Failure.timeout(6.0),  # PTB gives up after 5 s
    "malformed": Failure.malformed_json(),
}
# What a leak would look like: anything but the refusal.
DATA_METHODS = {"sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "getFile"}


def refusal_text(user) -> str:
    return t("refused", "en", user_id=user.id)


def assert_nothing_but_refusals(calls: list[Call], user) -> None:
    leaks = [c for c in calls if c.method in DATA_METHODS]
    assert not leaks, f"data sent: {[(c.method, c.plain[:60]) for c in leaks]}"
    texts = [c.plain for c in calls if c.method == "sendMessage"]
    assert all(text == refusal_text(user) for text in texts), f"not a refusal: {texts}"
    answers = [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"]
    assert not any(answers), f"a button answer with text: {answers}"


async def settle_past(api: FakeBotAPI, failure: Failure) -> None:
    """Long enough for a late reply to time out and for anything that follows to be sent."""
    await api.settle()
    if failure.delay:
        await asyncio.sleep(failure.delay)  # polling never lets the server go quiet that long
        await api.settle()


@pytest.mark.parametrize("kind", FAILURES)
async def test_a_failing_refusal_gives_the_stranger_nothing(api: FakeBotAPI, bot, kind: str) -> None:
    failure = FAILURES[kind]
    api.failures["sendMessage"] = failure
    mark = api.mark()
    api.send(STRANGER, "Quelle mention pour un contenu sponsorisé ?")
    api.send(STRANGER, "/shortlist cosmétiques naturels")
    api.send(STRANGER, "/stats")
    api.send_document(STRANGER, "notes.md", b"# Secret\nnothing", caption="/ingest")
    await settle_past(api, failure)
    to_stranger = api.calls_since(mark, chat_id=STRANGER.id)
    assert to_stranger, "the bot did not even try to refuse"
    assert_nothing_but_refusals(to_stranger, STRANGER)

    # Once Telegram answers again, the stranger is told (the failed refusal is not counted) and no more.
    del api.failures["sendMessage"]
    mark = api.mark()
    api.send(STRANGER, "/start")
    refusal = await api.wait_for("sendMessage", since=mark, chat_id=STRANGER.id)
    assert refusal.plain == refusal_text(STRANGER)
    await api.settle()
    assert_nothing_but_refusals(api.calls_since(mark, chat_id=STRANGER.id), STRANGER)


@pytest.mark.parametrize("kind", [*FAILURES, "too old"])
async def test_a_stranger_pressing_a_teams_buttons_gets_nothing(api: FakeBotAPI, bot, kind: str) -> None:
    mark = api.mark()
    api.send(ALICE, "/shortlist fitness, tiktok", chat=GROUP)
    shortlist = await api.wait_for("sendMessage", since=mark, chat_id=GROUP["id"], where=lambda c: c.buttons)
    await api.settle()

    failure = FAILURES.get(kind) or Failure.http(400, TOO_OLD)
    api.failures["answerCallbackQuery"] = failure
    if kind != "too old":
        api.failures["sendMessage"] = failure
    mark = api.mark()
    for _, data in shortlist.buttons:
        api.press(STRANGER, shortlist, data)
    await settle_past(api, failure)
    calls = api.calls_since(mark)
    assert api.calls_since(mark, "answerCallbackQuery"), "the buttons were not even answered"
    assert_nothing_but_refusals(calls, STRANGER)


async def test_guarded_handlers_do_not_run_for_strangers_or_without_a_policy() -> None:
    ran: list[int] = []

    @requires_access
    async def handler(update, context) -> str:
        ran.append(update.effective_user.id)
        return "data"

    policy = AccessPolicy.from_settings(Settings(_env_file=None, allowed_users=[str(ALICE.id)]))

    def call(user, bot_data, chat=None):
        update = SimpleNamespace(effective_user=SimpleNamespace(id=user.id, username=user.username),
                                 effective_chat=SimpleNamespace(**(chat or {"id": user.id, "type": "private"})))
        return handler(update, SimpleNamespace(bot_data=bot_data))

    assert await call(ALICE, {"access": policy}) == "data"
    assert await call(STRANGER, {"access": policy}) is None
    assert await call(ALICE, {}) is None  # no policy: nobody
    assert await call(ALICE, {"access": policy}, chat=GROUP) is None  # a group that is not allowed
    assert ran == [ALICE.id]


def test_a_handler_without_the_access_decorator_cannot_be_registered(api: FakeBotAPI, tmp_path) -> None:
    application = build_application(bot_settings_for(tmp_path / "bot", api))  # every real handler passes

    async def forgot(update, context) -> None:
        await asyncio.sleep(0)

    application.add_handler(CommandHandler("leak", forgot))
    with pytest.raises(RuntimeError, match="forgot"):
        refuse_unguarded_handlers(application)
