"""RELAIS_ALLOWED_CHATS (the bot leaves other groups, silently) and admins by numeric id only."""

from __future__ import annotations

import logging

import pytest

from bot.settings import Settings, SettingsError
from bot.telegram.access import AccessPolicy
from bot.telegram.app import build_application
from tests.telegram.conftest import ADMIN, ALICE, GROUP, STRANGER, bot_settings_for
from tests.telegram.fakebotapi import FakeBotAPI

OTHER_GROUP = {"id": -1009999, "type": "supergroup", "title": "Somebody else's group"}


async def test_the_bot_leaves_a_group_that_is_not_allowed_and_says_nothing(api: FakeBotAPI, bot) -> None:
    mark = api.mark()
    api.send(ALICE, "/help@relais_test_bot", chat=OTHER_GROUP)  # even an allowed user, even addressed
    leave = await api.wait_for("leaveChat", since=mark)
    assert leave.chat_id == OTHER_GROUP["id"]
    api.send(STRANGER, "@relais_test_bot what do you know?", chat=OTHER_GROUP)
    await api.settle()
    assert [c.method for c in api.calls_since(mark, chat_id=OTHER_GROUP["id"])] == ["leaveChat", "leaveChat"]

    # An allowed group is still answered.
    mark = api.mark()
    api.send(ALICE, "/help@relais_test_bot", chat=GROUP)
    await api.wait_for("sendMessage", since=mark, chat_id=GROUP["id"])
    assert not api.calls_since(mark, "leaveChat")


def test_allowed_chats_are_read_from_a_comma_separated_variable(monkeypatch) -> None:
    monkeypatch.setenv("RELAIS_ALLOWED_CHATS", "-1001234, -1005678")
    settings = Settings(_env_file=None)
    assert settings.allowed_chats == [-1001234, -1005678]
    assert AccessPolicy.from_settings(settings).allowed_chats == {-1001234, -1005678}


def test_an_admin_username_stops_start_up_naming_the_variable(api: FakeBotAPI, tmp_path) -> None:
    settings = bot_settings_for(tmp_path / "bot", api, admins=[str(ADMIN.id), "@sam_admin"])
    with pytest.raises(SettingsError, match=r"RELAIS_ADMINS: numeric .* \(got @sam_admin\)"):
        build_application(settings)


def test_admins_match_by_id_only(api: FakeBotAPI, tmp_path) -> None:
    policy = AccessPolicy.from_settings(bot_settings_for(tmp_path / "bot", api))

    class U:
        def __init__(self, id, username=None):
            self.id, self.username = id, username

    assert policy.is_admin(U(ADMIN.id)) and not policy.is_admin(U(999, ADMIN.username))


def test_allowed_usernames_start_with_a_warning(api: FakeBotAPI, tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.telegram.access"):
        build_application(bot_settings_for(tmp_path / "bot", api))  # @bob_brand is allowed by username
    assert any("RELAIS_ALLOWED_USERS" in r.getMessage() and "re-registered" in r.getMessage()
               for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.telegram.access"):
        build_application(bot_settings_for(tmp_path / "bot2", api, allowed_users=[str(ALICE.id)]))
    assert not caplog.records
