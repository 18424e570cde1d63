"""/brief end to end: buttons, validation, /back, /cancel, a restart mid-way, refusals, shortlist -> brief."""

from __future__ import annotations

import io
import zipfile

from tests.telegram.conftest import ALICE, BOB, RunningBot
from tests.telegram.fakebotapi import Call, FakeBotAPI


class Chat:
    """One user's side of the conversation: type, tap, and read what the bot sends back."""

    def __init__(self, api: FakeBotAPI, user) -> None:
        self.api, self.user = api, user
        self.last: Call | None = None

    async def type(self, text: str) -> Call:
        mark = self.api.mark()
        self.api.send(self.user, text)
        self.last = await self.api.wait_for("sendMessage", since=mark, chat_id=self.user.id)
        return self.last

    async def tap(self, label: str, method: str = "sendMessage", message: Call | None = None) -> Call:
        message = message or self.last
        mark = self.api.mark()
        self.api.press(self.user, message, message.button(label))
        reply = await self.api.wait_for(method, since=mark, chat_id=self.user.id)
        if method == "sendMessage":
            self.last = reply
        return reply

    async def toggle(self, labels: list[str]) -> None:
        message = self.last
        for label in labels:
            mark = self.api.mark()
            self.api.press(self.user, message, message.button(label))
            await self.api.wait_for("editMessageReplyMarkup", since=mark, chat_id=self.user.id)
        edited = self.api._messages[(message.result["chat"]["id"], message.result["message_id"])]
        ticked = [b["text"] for row in edited["reply_markup"]["inline_keyboard"] for b in row if b["text"].startswith("✅")]
        assert len(ticked) == len(labels), ticked


async def answer_until_budget(chat: Chat) -> None:
    assert "marque" in (await chat.type("/brief")).plain
    assert "produit" in (await chat.type("Lumi & <Co>")).plain
    assert "catégorie" in (await chat.type("Sérum éclat à la vitamine C")).plain
    assert "niche" in (await chat.tap("Cosmétiques")).plain
    assert "plateformes" in (await chat.type("skincare naturelle, 25-35 ans")).plain
    await chat.toggle(["instagram", "tiktok"])
    assert "juridictions" in (await chat.tap("Valider")).plain
    await chat.toggle(["FR", "BE"])
    assert "contrepartie" in (await chat.tap("Valider")).plain
    assert "contenus" in (await chat.tap("Produit offert")).plain
    await chat.toggle(["Reel", "Story"])
    assert "dates" in (await chat.tap("Valider")).plain


async def from_niche_to_budget(chat: Chat) -> None:
    """The shortest way through the middle: no niche, Instagram, France, paid, one post, no dates."""
    await chat.tap("Passer")
    await chat.toggle(["instagram"])
    await chat.tap("Valider")
    await chat.toggle(["FR"])
    await chat.tap("Valider")
    await chat.tap("Rémunération")
    await chat.toggle(["Post"])
    await chat.tap("Valider")
    assert "budget" in (await chat.tap("Passer")).plain


async def test_brief_end_to_end_with_validation_back_and_document(api: FakeBotAPI, bot) -> None:
    chat = Chat(api, ALICE)
    await answer_until_budget(chat)
    assert "pas compris" in (await chat.type("la semaine prochaine")).plain
    assert "précède" in (await chat.type("2026-03-31 2026-03-01")).plain
    assert "budget" in (await chat.type("01/03/2026 31/03/2026")).plain
    # /back: the dates again, then the budget.
    assert "dates" in (await chat.type("/back")).plain
    assert "budget" in (await chat.type("2026-03-01 2026-03-31")).plain
    assert "nombre positif" in (await chat.type("beaucoup")).plain
    mark = api.mark()
    api.send(ALICE, "2 500 €")
    document = await api.wait_for("sendDocument", since=mark, chat_id=ALICE.id, timeout=30)
    texts = [c.plain for c in api.calls_since(mark, "sendMessage", ALICE.id)]
    brief = "\n".join(texts)
    assert "Lumi & <Co>" in brief and "Sérum" in brief
    assert "Publicité" in brief or "Collaboration commerciale" in brief  # the FR disclosure
    name, content = document.files["document"]
    assert name.endswith(".docx")
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        assert "Lumi" in docx.read("word/document.xml").decode()
    # The conversation is over: its old buttons have expired, and text is a question again.
    mark = api.mark()
    api.press(ALICE, chat.last, "bf:compensation:paid")
    expired = await api.wait_for("answerCallbackQuery", since=mark)
    assert "/brief" in expired.params["text"]


async def test_brief_cancel_and_buttons_expected(api: FakeBotAPI, bot) -> None:
    chat = Chat(api, BOB)
    await chat.type("/brief")
    await chat.type("Acme")
    assert "category" in (await chat.type("Running shoes")).plain
    assert "buttons" in (await chat.type("shoes")).plain  # a choice step wants a tap
    assert "cancelled" in (await chat.type("/cancel")).plain
    assert "No brief in progress" in (await chat.type("/cancel")).plain


async def test_brief_survives_a_restart_mid_way(api: FakeBotAPI, bot_settings, assistant) -> None:
    first = await RunningBot(bot_settings, assistant).start()
    chat = Chat(api, ALICE)
    await chat.type("/brief")
    await chat.type("Maison Verte")
    category_question = await chat.type("Bougies parfumées")
    await first.stop()  # the state is written at shutdown (and every second before that)

    second = await RunningBot(bot_settings, assistant).start()
    try:
        # The keyboard sent before the restart still works, and the answers so far are kept.
        assert "niche" in (await chat.tap("Autre", message=category_question)).plain
        await from_niche_to_budget(chat)
        mark = api.mark()
        await chat.tap("Passer", method="sendDocument")
        brief = "\n".join(c.plain for c in api.calls_since(mark, "sendMessage", ALICE.id))
        assert "Maison Verte" in brief and "Bougies parfumées" in brief
    finally:
        await second.stop()


async def test_a_prohibited_promotion_is_refused_with_its_reason(api: FakeBotAPI, bot) -> None:
    chat = Chat(api, ALICE)
    await chat.type("/brief")
    await chat.type("VapeCo")
    await chat.type("Cigarette électronique")
    await chat.tap("Tabac, vape")
    await from_niche_to_budget(chat)
    mark = api.mark()
    api.press(ALICE, chat.last, chat.last.button("Passer"))
    await api.settle()
    texts = [c.plain for c in api.calls_since(mark, "sendMessage", ALICE.id)]
    refusal = [text for text in texts if "Je ne peux pas rédiger ce brief" in text]
    assert refusal and "nicotine" in refusal[0] and "2023-451" in refusal[0], texts
    assert not api.calls_since(mark, "sendDocument")


async def test_a_shortlist_becomes_a_brief_in_one_tap(api: FakeBotAPI, bot) -> None:
    chat = Chat(api, ALICE)
    shortlist = await chat.type("/shortlist cosmétiques naturels, tiktok")
    handles = [word for word in shortlist.plain.split() if word.startswith("@")]
    assert handles
    mark = api.mark()
    api.press(ALICE, shortlist, shortlist.button("Brief avec eux"))
    intro = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id)
    assert "cosmétiques naturels" in intro.plain and str(len(handles)) in intro.plain
    chat.last = await api.wait_for("sendMessage", since=mark, chat_id=ALICE.id, where=lambda c: "marque" in c.plain)
    await chat.type("Lumi")
    await chat.type("Baume")
    niche = await chat.tap("Cosmétiques")
    assert "Garder : cosmétiques naturels" in [text for text, _ in niche.buttons][0]
    platforms = await chat.tap("Garder")
    assert "✅ tiktok" in [text for text, _ in platforms.buttons]  # the shortlist's platform, ticked
    await chat.tap("Valider")
    await chat.toggle(["FR"])
    await chat.tap("Valider")
    await chat.tap("Produit offert")
    await chat.toggle(["Reel"])
    await chat.tap("Valider")
    await chat.tap("Passer")
    mark = api.mark()
    await chat.tap("Passer", method="sendDocument")
    brief = "\n".join(c.plain for c in api.calls_since(mark, "sendMessage", ALICE.id))
    assert handles[0] in brief
