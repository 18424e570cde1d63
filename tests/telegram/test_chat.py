"""The bot over real HTTP: commands, questions, shortlists, checks, access, hostile input."""

from __future__ import annotations

import csv
import io
import json

from knowledge.answer import NOT_COVERED
from tests.telegram.conftest import (
    ADMIN,
    ALICE,
    BOB,
    GROUP,
    STRANGER,
    RunningBot,
    bot_settings_for,
)
from tests.telegram.fakebotapi import FakeBotAPI
from tests.telegram.small_data import ROSTER_SIZE


async def ask(api: FakeBotAPI, user, text: str, **kwargs):
    """Send ``text`` as ``user`` and return the bot's next message to that chat."""
    mark = api.mark()
    api.send(user, text, **kwargs)
    chat_id = kwargs["chat"]["id"] if kwargs.get("chat") else user.id
    return await api.wait_for("sendMessage", since=mark, chat_id=chat_id)


async def test_start_help_and_language(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "/start")
    assert "Relais" in reply.plain and "Alice" in reply.plain and "/shortlist" in reply.plain
    help_fr = await ask(api, ALICE, "/help")
    assert "/check" in help_fr.plain and "Exemple" in help_fr.plain and "/ingest" not in help_fr.plain
    help_admin = await ask(api, ADMIN, "/help")  # Telegram says English for this user
    assert "Example" in help_admin.plain and "/ingest" in help_admin.plain and "10 MB" in help_admin.plain
    assert "English" in (await ask(api, ALICE, "/lang en")).plain
    assert "What Relais can do" in (await ask(api, ALICE, "/help")).plain
    menu = await ask(api, ALICE, "/lang")
    mark = api.mark()
    api.press(ALICE, menu, menu.button("Français"))
    edited = await api.wait_for("editMessageText", since=mark, chat_id=ALICE.id)
    assert "français" in edited.plain
    assert "Commande inconnue" in (await ask(api, ALICE, "/frobnicate")).plain
    assert "Aucun brief" in (await ask(api, ALICE, "/cancel")).plain
    commands = [c for c in api.calls if c.method == "setMyCommands"]
    assert {c.params.get("language_code") for c in commands} == {None, "fr"}


async def test_question_answer_with_citations_sources_and_feedback(api: FakeBotAPI, bot, bot_settings) -> None:
    reply = await ask(api, ALICE, "Quelle mention pour un contenu sponsorisé en France ?")
    assert "[1]" in reply.plain and "Publicité" in reply.plain
    sources_data = reply.button("Sources")
    mark = api.mark()
    api.press(ALICE, reply, sources_data)
    sources = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "[1]" in sources.plain and "Mentions obligatoires" in sources.plain and "disclosure-fr.md" in sources.plain

    mark = api.mark()
    api.press(ALICE, reply, reply.button("👍"))
    thanks = await api.wait_for("answerCallbackQuery", since=mark)
    assert thanks.params["text"] == "Merci pour votre avis !"
    edited = await api.wait_for("editMessageReplyMarkup", since=mark, chat_id=ALICE.id)
    assert [text for text, _ in edited.buttons] == ["📚 Sources"]
    lines = (bot_settings.data_dir / "feedback.jsonl").read_text().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["vote"] == "up" and entry["user_id"] == ALICE.id and "sponsorisé" in entry["question"]
    assert entry["sources"][0] == "Mentions obligatoires en France"

    mark = api.mark()
    api.press(ALICE, reply, "ans:ffffff:src")  # a button whose answer the bot no longer has
    expired = await api.wait_for("answerCallbackQuery", since=mark)
    assert "expiré" in expired.params["text"] and expired.params["show_alert"] is True


async def test_unknown_question_says_so_and_escapes_hostile_text(api: FakeBotAPI, bot) -> None:
    unknown = await ask(api, BOB, "What is the capital city of Mongolia?")
    assert NOT_COVERED["en"].split(",")[0] in unknown.plain
    assert [text for text, _ in unknown.buttons] == ["👍", "👎"]  # nothing cited, so no Sources button
    hostile = '<b>bold</b> <script>alert(1)</script> & &amp; *md* _x_ [link](http://x) \u202eevil\u200b 𝔘𝔫𝔦 👩🏽‍💻'
    reply = await ask(api, BOB, hostile)
    assert "<script>" not in reply.text  # escaped: the fake server parsed the HTML like Telegram does
    reply = await ask(api, BOB, "x" * 5000)
    assert "too long" in reply.plain and "5000" in reply.plain


async def test_shortlist_refine_export_and_stale_buttons(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "/shortlist cosmétiques naturels, instagram, France")
    assert "Shortlist" in reply.plain and "Score" in reply.plain and "1." in reply.plain
    assert reply.button("Plateforme: instagram")

    mark = api.mark()
    api.press(ALICE, reply, reply.button("Taille"))
    menu = await api.wait_for("editMessageReplyMarkup", since=mark, chat_id=ALICE.id)
    assert {"nano", "micro", "Tous"} <= {text for text, _ in menu.buttons}
    mark = api.mark()
    api.press(ALICE, reply, menu.button("micro"))
    refined = await api.wait_for("editMessageText", since=mark, chat_id=ALICE.id)
    assert "micro" in refined.plain and refined.button("Taille: micro")
    assert all(" · micro · " in line for line in refined.plain.splitlines() if line[:3].rstrip(".").isdigit())

    mark = api.mark()
    api.press(ALICE, reply, refined.button("Exporter"))
    document = await api.wait_for("sendDocument", since=mark, chat_id=ALICE.id)
    photo = await api.wait_for("sendPhoto", since=mark, chat_id=ALICE.id)
    name, content = document.files["document"]
    assert name.startswith("shortlist-") and name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) >= 2 and any("handle" in cell.lower() for cell in rows[0])
    assert photo.files["photo"][1][:8] == b"\x89PNG\r\n\x1a\n"

    mark = api.mark()
    api.press(ALICE, reply, "sl:ffffff:export")
    expired = await api.wait_for("answerCallbackQuery", since=mark)
    assert "expiré" in expired.params["text"] and "/shortlist" in expired.params["text"]
    usage = await ask(api, ALICE, "/shortlist")
    assert "/shortlist" in usage.plain


async def test_a_failing_chart_does_not_cost_the_export(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, BOB, "/shortlist fitness, tiktok")
    api.failures["sendPhoto"] = (500, "Internal Server Error")
    mark = api.mark()
    api.press(BOB, reply, reply.button("Export"))
    await api.wait_for("sendDocument", since=mark, chat_id=BOB.id)
    await api.wait_for("sendPhoto", since=mark, chat_id=BOB.id)
    await api.settle()
    assert not [c for c in api.calls_since(mark, "sendMessage") if "went wrong" in c.plain]


async def test_heavy_commands_have_a_per_user_cooldown(api: FakeBotAPI, assistant, tmp_path) -> None:
    running = await RunningBot(bot_settings_for(tmp_path / "bot", api, heavy_command_cooldown=60), assistant).start()
    try:
        first = await ask(api, ALICE, "/shortlist mode éthique")
        assert "Shortlist" in first.plain
        second = await ask(api, ALICE, "/shortlist mode éthique")
        assert "réessayez dans" in second.plain and " s." in second.plain
        other = await ask(api, BOB, "/shortlist mode éthique")  # another user is not held back
        assert "Shortlist" in other.plain
    finally:
        await running.stop()


async def test_check_caption_in_text_in_reply_and_for_another_jurisdiction(api: FakeBotAPI, bot) -> None:
    reply = await ask(api, ALICE, "/check Merci @lumi pour ce sérum incroyable, code PROMO10 !")
    assert "Non conforme" in reply.plain and "(FR, instagram)" in reply.plain
    assert "Légende proposée" in reply.plain
    good = await ask(api, ALICE, "/check Publicité - Merci @lumi pour ce sérum")
    assert "FR" in good.plain

    mark = api.mark()
    api.press(ALICE, reply, reply.button("UK"))
    recheck = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "(UK, instagram)" in recheck.plain

    named = await ask(api, ALICE, "/check UK tiktok Loving this serum from @lumi")
    assert "(UK, tiktok)" in named.plain and "UK" in named.plain.split("\n")[-1]
    mark = api.mark()
    original = api.send(ALICE, "Loving this serum from @lumi #gifted")
    await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)  # a pasted caption gets its own reply first
    in_reply = await ask(api, ALICE, "/check", reply_to=original)
    assert "(UK, instagram)" in in_reply.plain  # UK is now Alice's default
    usage = await ask(api, ALICE, "/check")
    assert "/check" in usage.plain and "FR" in usage.plain


async def test_strangers_get_one_refusal_and_nothing_else(api: FakeBotAPI, bot) -> None:
    mark = api.mark()
    api.send(STRANGER, "Quelle mention pour un contenu sponsorisé ?")
    api.send(STRANGER, "/shortlist cosmétiques")
    api.send(STRANGER, "/start")
    api.send_document(STRANGER, "notes.md", b"# Secret\nnothing")
    api.press(STRANGER, api.send(ALICE, "hello"), "sl:abcdef:export")
    await api.settle()
    to_stranger = [c for c in api.calls_since(mark) if c.chat_id == STRANGER.id]
    assert [c.method for c in to_stranger] == ["sendMessage"]
    assert "team members only" in to_stranger[0].plain and str(STRANGER.id) in to_stranger[0].plain
    assert not api.calls_since(mark, "getFile")
    # Still nothing after a restart: who was told is remembered with the bot's state.
    await bot.stop()
    await bot.start()
    mark = api.mark()
    api.send(STRANGER, "hello again")
    await api.settle()
    assert not [c for c in api.calls_since(mark) if c.chat_id == STRANGER.id]


async def test_only_admins_ingest_and_see_stats(api: FakeBotAPI, bot, assistant) -> None:
    assert "administrateurs" in (await ask(api, ALICE, "/stats")).plain
    assert "administrateurs" in (await ask(api, ALICE, "/ingest")).plain
    mark = api.mark()
    api.send_document(ALICE, "guide.md", b"# Guide\ntext")
    refusal = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "administrateurs" in refusal.plain and not api.calls_since(mark, "getFile")
    stats = await ask(api, ADMIN, "/stats")
    documents = assistant.stats().knowledge.documents
    assert f"Documents: {documents}" in stats.plain and f"Creators: {ROSTER_SIZE}" in stats.plain and "LLM: none" in stats.plain


async def test_admin_ingests_a_document_and_hostile_uploads_are_refused(api: FakeBotAPI, bot) -> None:
    mark = api.mark()
    api.send_document(ADMIN, "brief-notes.md", b"# x")
    hint = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert "/ingest first" in hint.plain

    assert "at most 10 MB" in (await ask(api, ADMIN, "/ingest")).plain
    mark = api.mark()
    api.send_document(ADMIN, "huge.pdf", b"%PDF-1.4 tiny", declared_size=20 * 1024 * 1024)
    too_big = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert "20.0 MB" in too_big.plain and "10 MB" in too_big.plain
    mark = api.mark()
    api.send_document(ADMIN, "tool.exe", b"MZ\x90\x00", caption="/ingest")
    bad_type = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert ".exe" in bad_type.plain and ".pdf" in bad_type.plain
    assert not api.calls_since(mark, "getFile")

    text = ("# Tarifs des nano-créateurs en Bretagne\n\n"
            "Les nano-créateurs bretons facturent en moyenne 120 euros par story sponsorisée "
            "pour une marque de cidre artisanal.\n").encode()
    mark = api.mark()
    api.send_document(ADMIN, "../../tarifs bretagne.md", text, caption="/ingest")
    report = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert "Added: 1" in report.plain and "passages written" in report.plain
    assert api.calls_since(mark, "getFile")
    answer = await ask(api, ADMIN, "Combien facturent les nano-créateurs bretons par story ?")
    assert "120" in answer.plain

    mark = api.mark()
    api.send_photo(ALICE)
    unsupported = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "messages texte" in unsupported.plain


async def test_in_groups_only_commands_mentions_and_replies_are_answered(api: FakeBotAPI, bot) -> None:
    mark = api.mark()
    api.send(ALICE, "on parle de la campagne de demain ?", chat=GROUP)
    await api.settle()
    assert not api.calls_since(mark, chat_id=GROUP["id"])
    reply = await ask(api, ALICE, "@relais_test_bot Quelle mention pour une image retouchée ?", chat=GROUP)
    assert "Image retouchée" in reply.plain
    follow_up = await ask(api, ALICE, "Et une image produite par intelligence artificielle ?", chat=GROUP,
                          reply_to=reply.result)  # a reply to the bot needs no mention
    assert "Image virtuelle" in follow_up.plain
    help_reply = await ask(api, BOB, "/help@relais_test_bot", chat=GROUP)
    assert "What Relais can do" in help_reply.plain
    mark = api.mark()
    api.send(STRANGER, "salut tout le monde", chat=GROUP)  # not addressed: no refusal either
    await api.settle()
    assert not api.calls_since(mark, chat_id=GROUP["id"])


async def test_long_escaped_replies_are_split_cleanly(api: FakeBotAPI, bot) -> None:
    """A caption made of markup: escaped, it outgrows one message; every part must still parse."""
    caption = "<b>&amp;</b> " * 150 + "Merci @lumi pour ce sérum"
    mark = api.mark()
    api.send(ALICE, f"/check FR {caption}")
    await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id, where=lambda c: bool(c.buttons))
    parts = api.calls_since(mark, "sendMessage", ALICE.id)
    assert len(parts) >= 2
    assert all(len(part.text) <= 4096 for part in parts)  # and each one parsed as Telegram HTML
    assert [bool(part.buttons) for part in parts] == [False] * (len(parts) - 1) + [True]
    shown = "".join(part.plain for part in parts)
    assert "<b>&amp;</b> <b>&amp;</b>" in shown  # the user's text, shown literally
