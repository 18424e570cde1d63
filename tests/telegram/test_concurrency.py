"""One slow chat does not stall the others, and one chat's messages keep their order.

Over real HTTP: the fake Bot API answers every call to the group slowly, as Telegram does to a
chat under its flood limits, while a private chat goes on.
"""

from __future__ import annotations

import asyncio
import time

from tests.telegram.conftest import ALICE, BOB, GROUP
from tests.telegram.fakebotapi import FakeBotAPI

SLOW = 1.0  # seconds per call to the group


async def test_a_slow_group_does_not_delay_a_private_chat(api: FakeBotAPI, bot) -> None:
    api.slow_chats[GROUP["id"]] = SLOW
    mark = api.mark()
    for _ in range(4):
        api.send(BOB, "/help", chat=GROUP)
    started = time.monotonic()
    api.send(ALICE, "/start")
    await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id, timeout=10)
    private_reply = time.monotonic() - started
    # Handled one update at a time, the private /start would wait behind 4 slow group replies.
    assert private_reply < 2 * SLOW, f"the private reply took {private_reply:.2f} s behind the slow group"
    assert not api.calls_since(mark, "sendMessage", chat_id=GROUP["id"])[3:], "the group was not slowed"
    deadline = time.monotonic() + 30
    while len(api.calls_since(mark, "sendMessage", chat_id=GROUP["id"])) < 4 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert len(api.calls_since(mark, "sendMessage", chat_id=GROUP["id"])) == 4, "a group /help was dropped"


async def test_one_chat_is_answered_in_the_order_it_wrote(api: FakeBotAPI, bot) -> None:
    api.slow_chats[ALICE.id] = 0.2  # below settle()'s quiet time
    mark = api.mark()
    api.send(ALICE, "/lang")
    api.send(ALICE, "/help")
    api.send(ALICE, "/start")
    await api.settle(timeout=30)
    replies = api.calls_since(mark, "sendMessage", chat_id=ALICE.id)
    assert len(replies) == 3
    # /lang answers with language buttons, /help with the help text: each reply in its message's place.
    assert replies[0].buttons and not replies[1].buttons
    assert "What Relais can do" in replies[1].plain or "Ce que Relais" in replies[1].plain
