"""The bot's state in SQLite, with the real bot against the fake Bot API server: restarts, what a
message writes, expiry, a broken file, and the pickle file of earlier releases."""

from __future__ import annotations

import copy
import logging
import os
import pickle
import sqlite3
from pathlib import Path

from bot.telegram.state import HISTORY_MAX_AGE, BotData, StateDict, open_persistence
from tests.telegram.conftest import ALICE, BOB, STRANGER, RunningBot
from tests.telegram.fakebotapi import FakeBotAPI

DAY = 24 * 3600.0


async def say(api: FakeBotAPI, user, text: str, buttons: bool = False):
    """Send ``text``; returns the bot's next message (with ``buttons``: its next one that has buttons)."""
    mark = api.mark()
    api.send(user, text)
    return await api.wait_for("sendMessage", since=mark, chat_id=user.id,
                              where=(lambda call: call.buttons) if buttons else None)


async def tap(api: FakeBotAPI, user, message, data: str):
    """Press a button; returns the bot's answerCallbackQuery call and what it sent after it."""
    mark = api.mark()
    query_id = api.press(user, message, data)
    answer = await api.wait_for("answerCallbackQuery", since=mark, where=lambda c: c.params.get("callback_query_id") == query_id)
    await api.settle(quiet=0.3)
    return answer, api.calls_since(mark, chat_id=user.id)


def rows(path: Path, sql: str, *args) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def button(message, suffix: str) -> str:
    return next(data for _, data in message.buttons if data.endswith(suffix))


async def test_state_survives_a_restart(api: FakeBotAPI, bot_settings, assistant) -> None:
    first = await RunningBot(bot_settings, assistant).start()
    await say(api, ALICE, "/lang en")
    answer = await say(api, ALICE, "Which label do UK paid posts need?", buttons=True)
    shortlist = await say(api, ALICE, "/shortlist cosmétiques naturels, tiktok", buttons=True)
    await say(api, STRANGER, "hello")  # refused once; who was told is bot_data
    await first.stop()

    state = bot_settings.state_path
    assert state.name == "bot-state.sqlite3"
    assert rows(state, "SELECT value FROM data WHERE scope = 'user' AND owner = ? AND key = 'lang'", ALICE.id) == [('"en"',)]
    kinds = rows(state, "SELECT kind, count(*) FROM history WHERE owner = ? GROUP BY kind ORDER BY kind", ALICE.id)
    assert kinds == [("answers", 1), ("shortlists", 1)]

    second = await RunningBot(bot_settings, assistant).start()
    try:
        assert "What Relais can do" in (await say(api, ALICE, "/help")).plain  # the language came back
        voted, _ = await tap(api, ALICE, answer, button(answer, ":up"))
        assert not voted.params.get("show_alert")  # not "expired": the answer came back
        menu, _ = await tap(api, ALICE, shortlist, button(shortlist, ":menu:tier"))
        assert not menu.params.get("show_alert")  # not "expired": the shortlist came back
        mark = api.mark()
        api.send(STRANGER, "hello again")
        await api.settle()
        assert not api.calls_since(mark, "sendMessage", STRANGER.id)  # still told once only
    finally:
        await second.stop()
    answer_id = button(answer, ":up").split(":")[1]
    assert '"voted":"up"' in rows(state, "SELECT value FROM history WHERE entry = ?", answer_id)[0][0]


AUDIT = """
CREATE TABLE audit (tbl TEXT, scope TEXT, owner INTEGER);
CREATE TRIGGER audit_data_insert AFTER INSERT ON data BEGIN INSERT INTO audit VALUES ('data', NEW.scope, NEW.owner); END;
CREATE TRIGGER audit_data_update AFTER UPDATE ON data BEGIN INSERT INTO audit VALUES ('data', NEW.scope, NEW.owner); END;
CREATE TRIGGER audit_data_delete AFTER DELETE ON data BEGIN INSERT INTO audit VALUES ('data', OLD.scope, OLD.owner); END;
CREATE TRIGGER audit_history_insert AFTER INSERT ON history BEGIN INSERT INTO audit VALUES ('history', NEW.scope, NEW.owner); END;
CREATE TRIGGER audit_history_update AFTER UPDATE ON history BEGIN INSERT INTO audit VALUES ('history', NEW.scope, NEW.owner); END;
CREATE TRIGGER audit_history_delete AFTER DELETE ON history BEGIN INSERT INTO audit VALUES ('history', OLD.scope, OLD.owner); END;
"""


async def test_a_message_writes_only_that_chats_rows(api: FakeBotAPI, bot_settings, assistant) -> None:
    first = await RunningBot(bot_settings, assistant).start()
    await say(api, ALICE, "/lang en")
    await say(api, ALICE, "Which label do UK paid posts need?", buttons=True)
    await say(api, BOB, "/lang fr")
    await say(api, BOB, "Quelle mention pour un contenu sponsorisé ?", buttons=True)
    await first.stop()
    db = sqlite3.connect(bot_settings.state_path)
    db.executescript(AUDIT)  # records every row written from now on
    db.close()
    bob_before = rows(bot_settings.state_path, "SELECT * FROM history WHERE owner = ? ORDER BY rowid", BOB.id)

    second = await RunningBot(bot_settings, assistant).start()
    try:
        await say(api, ALICE, "/help")  # changes nothing: writes nothing
        await api.settle(quiet=1.5)  # past the persistence's interval
        assert rows(bot_settings.state_path, "SELECT * FROM audit") == []
        await say(api, ALICE, "Quel tarif pour un micro-influenceur ?", buttons=True)
    finally:
        await second.stop()
    written = rows(bot_settings.state_path, "SELECT DISTINCT tbl, scope, owner FROM audit")
    assert written == [("history", "chat", ALICE.id)]  # one new answer row, nothing else rewritten
    assert rows(bot_settings.state_path, "SELECT count(*) FROM audit") == [(1,)]
    assert rows(bot_settings.state_path, "SELECT * FROM history WHERE owner = ? ORDER BY rowid", BOB.id) == bob_before


async def test_old_history_expires(api: FakeBotAPI, bot_settings, assistant) -> None:
    first = await RunningBot(bot_settings, assistant).start()
    old_answer = await say(api, ALICE, "Which label do UK paid posts need?", buttons=True)
    recent_answer = await say(api, ALICE, "Quelle mention pour un contenu sponsorisé ?", buttons=True)
    await first.stop()
    state = bot_settings.state_path
    old_id = button(old_answer, ":up").split(":")[1]
    db = sqlite3.connect(state)
    with db:  # as if the first answer had been given fifteen days ago
        db.execute("UPDATE history SET created_at = created_at - ? WHERE entry = ?", (HISTORY_MAX_AGE + DAY, old_id))
    db.close()

    second = await RunningBot(bot_settings, assistant).start()
    try:
        assert rows(state, "SELECT count(*) FROM history WHERE entry = ?", old_id) == [(0,)]  # dropped at start
        expired, _ = await tap(api, ALICE, old_answer, button(old_answer, ":up"))
        assert expired.params.get("show_alert") and "expiré" in expired.params["text"]
        recent, _ = await tap(api, ALICE, recent_answer, button(recent_answer, ":up"))
        assert not recent.params.get("show_alert")
    finally:
        await second.stop()


async def test_history_expires_in_a_running_bot_too(tmp_path: Path) -> None:
    """Entries that grow old while the bot runs leave the live data before a handler sees them."""
    now = [1_000_000.0]
    persistence = open_persistence(tmp_path / "bot-state.sqlite3", clock=lambda: now[0])
    chats = await persistence.get_chat_data()
    chat = chats.setdefault(5, StateDict())
    chat["answers"] = {"old": {"question": "a"}}
    await persistence.update_chat_data(5, copy.deepcopy(chat))
    now[0] += HISTORY_MAX_AGE - DAY
    chat["answers"]["new"] = {"question": "b"}
    await persistence.update_chat_data(5, copy.deepcopy(chat))
    now[0] += 2 * DAY
    await persistence.refresh_chat_data(5, chat)  # what PTB calls before each handler
    assert chat["answers"] == {"new": {"question": "b"}}
    await persistence.update_chat_data(5, copy.deepcopy(chat))
    await persistence.flush()
    assert rows(tmp_path / "bot-state.sqlite3", "SELECT entry FROM history") == [("new",)]


async def test_a_corrupt_state_file_is_set_aside_and_the_bot_starts(api: FakeBotAPI, bot_settings, assistant,
                                                                    caplog) -> None:
    state = bot_settings.state_path
    state.parent.mkdir(parents=True)
    state.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))  # a damaged database
    with caplog.at_level(logging.WARNING, logger="bot.telegram.state"):
        running = await RunningBot(bot_settings, assistant).start()
        try:
            assert "Relais" in (await say(api, ALICE, "/start")).plain
        finally:
            await running.stop()
    assert any("could not be read" in record.getMessage() for record in caplog.records)
    assert [p.name for p in state.parent.glob("bot-state.sqlite3.unreadable-*")]
    assert rows(state, "SELECT value FROM meta WHERE key = 'schema'") == [("1",)]  # a working file again


async def test_the_pickle_of_an_earlier_release_is_moved_into_sqlite(api: FakeBotAPI, bot_settings, assistant) -> None:
    legacy = bot_settings.data_dir / "bot-state.pickle"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(pickle.dumps({  # what PTB's PicklePersistence wrote for the previous release
        "user_data": {ALICE.id: {"lang": "en"}},
        "chat_data": {ALICE.id: {"answers": {"abc123": {"question": "q", "found": False, "sources": []}}}},
        "bot_data": BotData(refused_users={STRANGER.id}),
        "conversations": {"brief": {}},
        "callback_data": None,
    }, protocol=pickle.HIGHEST_PROTOCOL))
    running = await RunningBot(bot_settings, assistant).start()
    try:
        assert "What Relais can do" in (await say(api, ALICE, "/help")).plain
        mark = api.mark()
        api.send(STRANGER, "hello")
        await api.settle()
        assert not api.calls_since(mark, "sendMessage", STRANGER.id)  # already told, by the old release
    finally:
        await running.stop()
    assert not legacy.exists() and list(legacy.parent.glob("bot-state.pickle.migrated-*"))
    assert rows(bot_settings.state_path, "SELECT kind, entry FROM history") == [("answers", "abc123")]


class _RunsACommand:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


async def test_a_crafted_pickle_runs_nothing_and_the_bot_starts(api: FakeBotAPI, bot_settings, assistant,
                                                                caplog, tmp_path) -> None:
    marker = tmp_path / "pwned"
    legacy = bot_settings.data_dir / "bot-state.pickle"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(pickle.dumps({"user_data": {ALICE.id: {"lang": _RunsACommand(marker)}}}))
    with caplog.at_level(logging.WARNING, logger="bot.telegram.state"):
        running = await RunningBot(bot_settings, assistant).start()
        try:
            assert "Relais" in (await say(api, ALICE, "/start")).plain
        finally:
            await running.stop()
    assert not marker.exists()
    assert not legacy.exists() and list(legacy.parent.glob("bot-state.pickle.refused-*"))
    warning = " ".join(record.getMessage() for record in caplog.records)
    assert "was not read" in warning and "posix.system" in warning
