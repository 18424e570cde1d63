"""An admin sends a creator file to the bot (real HTTP through the fake Bot API) and gets the import report."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.assistant import Assistant
from bot.settings import Settings
from tests.telegram.conftest import ADMIN, ALICE, RunningBot, bot_settings_for
from tests.telegram.fakebotapi import FakeBotAPI, User

AGENCY_SHEET = (
    "Compte;Réseau;Abonnés;Taux d'engagement;Pays;Thématiques\n"
    "@Lea.Grimpe;Insta;12,5K;3,4 %;France;escalade\n"
    "sam.cuisine;tiktok;9000;beaucoup;Belgique;cuisine\n"
    "no.followers;instagram;;;France;mode\n"
).encode()


@pytest.fixture
async def own_bot(api: FakeBotAPI, tmp_path) -> AsyncIterator[RunningBot]:
    """A bot over its own, empty roster: these tests write to it."""
    with Assistant(Settings(_env_file=None, data_dir=tmp_path / "data", llm_provider="none")) as assistant:
        running = await RunningBot(bot_settings_for(tmp_path / "bot", api), assistant).start()
        yield running
        await running.stop()


async def _reply_to_document(api: FakeBotAPI, user, name: str, content: bytes, caption: str | None = None):
    mark = api.mark()
    api.send_document(user, name, content, caption=caption)
    return await api.wait_for("sendMessage", since=mark, chat_id=user.id, timeout=60), mark


async def test_an_admin_sends_a_roster_and_gets_the_report(api: FakeBotAPI, own_bot: RunningBot) -> None:
    report, mark = await _reply_to_document(api, ADMIN, "agence.csv", AGENCY_SHEET)
    assert "Imported agence.csv" in report.plain
    assert "Created: 2 · updated: 0 · rejected: 1" in report.plain
    assert "line 4: missing followers" in report.plain
    assert "engagement_rate (\"Taux d'engagement\") left out: not a number: 'beaucoup'" in report.plain
    assert api.calls_since(mark, "getFile")
    roster = own_bot.assistant.roster
    assert roster.get("instagram", "lea.grimpe").followers == 12_500
    assert roster.get("tiktok", "sam.cuisine").country == "BE"

    again, _ = await _reply_to_document(api, ADMIN, "agence.csv", AGENCY_SHEET, caption="/roster")
    assert "Created: 0 · updated: 2 · rejected: 1" in again.plain
    assert roster.count() == 2


async def test_a_file_refused_whole_changes_nothing(api: FakeBotAPI, own_bot: RunningBot) -> None:
    await _reply_to_document(api, ADMIN, "first.csv", b"handle,platform,followers\nkeep.me,instagram,1000\n")
    refused, _ = await _reply_to_document(api, ADMIN, "notes.csv", b"Nom,Remarque\nLea,sympa\nSam,rapide\n")
    assert "Nothing was imported: notes.csv has no column for handle" in refused.plain
    assert own_bot.assistant.roster.count() == 1


async def test_roster_waits_for_a_creator_file_and_refuses_other_types(api: FakeBotAPI, own_bot: RunningBot) -> None:
    mark = api.mark()
    api.send(ADMIN, "/roster")
    prompt = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert "Send the creator file to import (CSV, XLSX or JSON" in prompt.plain
    wrong, mark = await _reply_to_document(api, ADMIN, "guide.pdf", b"%PDF-1.4 tiny")
    assert ".pdf" in wrong.plain and ".csv" in wrong.plain and ".xlsx" in wrong.plain
    assert not api.calls_since(mark, "getFile")
    assert own_bot.assistant.roster.count() == 0


async def test_only_admins_import_creators(api: FakeBotAPI, own_bot: RunningBot) -> None:
    refusal, mark = await _reply_to_document(api, ALICE, "agence.csv", AGENCY_SHEET)
    assert "Seuls les administrateurs peuvent importer des créateurs" in refusal.plain
    assert not api.calls_since(mark, "getFile")
    mark = api.mark()
    api.send(ALICE, "/roster")
    assert "administrateurs" in (await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)).plain
    assert own_bot.assistant.roster.count() == 0


async def test_a_french_admin_gets_the_report_in_french(api: FakeBotAPI, own_bot: RunningBot) -> None:
    french_admin = User(ADMIN.id, ADMIN.first_name, ADMIN.username, "fr")
    report, _ = await _reply_to_document(api, french_admin, "agence.csv", AGENCY_SHEET)
    assert "ligne 4 : nombre d'abonnés manquant" in report.plain
    assert "engagement_rate (\"Taux d'engagement\") laissé de côté : pas un nombre : 'beaucoup'" in report.plain
    assert "missing" not in report.plain and "left out" not in report.plain
    contacts, _ = await _reply_to_document(api, french_admin, "contacts.csv",
                                           "Nom;Instagram;Email\nLéa;@lea.grimpe;lea@example.com\n".encode())
    assert "gardés comme contacts" in contacts.plain
    assert own_bot.assistant.roster.get("instagram", "lea.grimpe").followers == 12_500  # kept, and the email added
    assert own_bot.assistant.roster.get("instagram", "lea.grimpe").contact_email == "lea@example.com"


async def test_a_refusal_is_in_the_admins_language(api: FakeBotAPI, own_bot: RunningBot) -> None:
    french_admin = User(ADMIN.id, ADMIN.first_name, ADMIN.username, "fr")
    refused, _ = await _reply_to_document(api, french_admin, "notes.csv", b"Nom,Remarque\nLea,sympa\n")
    assert "Rien n'a été importé : notes.csv n'a pas de colonne pour handle" in refused.plain
    handles, _ = await _reply_to_document(api, french_admin, "handles.csv", b"username\nlea\nbob\n")
    assert "n'a pas de colonne d'abonnés" in handles.plain and "garder comme contacts" in handles.plain
    assert own_bot.assistant.roster.count() == 0
