"""The twenty-eighth router round, on what heldout_28 (brand managers at mid-size companies writing
long, structured e-mails: greetings, bullet and numbered lists, "> " forwarded lines, signatures)
missed after round 27. Each kind of miss is tested here in new words. Every case failed on the
router of the round's start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.brief_slots import brief_slots
from bot.chat.router import Router, as_written_to_relais
from bot.chat.slots import markets_in
from scoring.query import parse_shortlist_query


def test_a_signature_is_no_part_of_the_request() -> None:
    text = ("Bonjour,\n\nPourriez-vous me proposer des créatrices céramique à Limoges ?\n\nBien à vous,\n"
            "Hélène Marchand\nDirectrice marketing — Porcelaines du Vieux Pont")
    assert as_written_to_relais(text).rstrip().endswith("Limoges ?")


@pytest.mark.parametrize("text", [
    # guard: a closing word inside a sentence, or followed by more than a signature, stays
    "Thanks! Could you widen it to all of Devon?",
    "Cordialement,\nJe reviens vers vous : pouvez-vous chercher à Rouen ? Et à Caen ? Et à Évreux ?\nEt à Lisieux ?\n"
    "Et à Bayeux ?\nEt à Alençon ?",
])
def test_a_closing_word_that_is_not_a_sign_off_stays(text: str) -> None:
    assert as_written_to_relais(text) == text.strip()


@pytest.mark.parametrize(("text", "expected"), [
    # a list under a heading, each item on its line, the e-mail's closing lines around it
    ("Hello,\n\nPer the plan agreed on Monday, we need a creator shortlist for our canoe launch. Brief:\n\n"
     "1. Kayaking content\n2. Plymouth\n3. Instagram\n4. 5 creators\n5. £900 total\n\n"
     "Thank you in advance — happy to answer questions.\n\nRegards,\nTom Ashby\nMarketing, Tamar Paddle Co.",
     {"niche": "kayaking", "city": "Plymouth", "limit": 5, "budget": 900}),
    ("Bonjour,\n\nJe me permets de vous écrire pour notre campagne d'automne. Quelques précisions :\n\n"
     "- Créateurs recherchés : jardinage\n- Zone : Angers\n- Réseau : YouTube\n- Nombre de créateurs : 4\n"
     "- Budget : 800 € HT\n\nCordialement,\nPaul Girard — Chef de produit",
     {"niche": "jardinage", "city": "Angers", "limit": 4, "platform": "youtube"}),
    # the area widened to keeps the country of the town let go, even when the area is unknown
    ("Bonjour,\n\nNotre cible :\n• des micro-influenceuses yoga\n• dans tout le Vexin, pas seulement à Pontoise\n"
     "• sur Instagram\n• 5 profils\n\nBudget : 1 000 €.\n\nBien cordialement,\nAnne",
     {"niche": "yoga", "country": "FR", "platform": "instagram", "limit": 5}),
    # a request forwarded in "> " lines, asked as "can we get…"
    ("Hi,\n\nForwarding this from our MD — can you help?\n\n> Sam, can we get 4 nano baking creators around Cardiff "
     "on TikTok?\n> We have £500 for it.\n\nThanks,\nSam",
     {"niche": "baking", "city": "Cardiff", "limit": 4}),
])
def test_requests_written_as_emails(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


@pytest.mark.parametrize(("text", "expected"), [
    # a creator named in an earlier paragraph, lookalikes asked in the next
    ("Bonjour,\n\nNotre fondatrice adore le compte @lavande.et.sentiers.\n\nPourriez-vous nous proposer des profils "
     "similaires autour de Nîmes ?\n\nCordialement,\nClaire", {"like": "@lavande.et.sentiers"}),
])
def test_lookalikes_asked_in_another_paragraph(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


@pytest.mark.parametrize(("text", "expected"), [
    ("Bonjour,\n\nMerci pour la liste. Serait-il possible :\n- d'élargir à toute la Gironde, pas seulement Bordeaux ;\n"
     "- de supprimer le plafond de 15 000 abonnés ?\n\nCordialement,\nLéa",
     {"city": None, "country": "FR", "max_followers": None}),
    ("Morning,\n\nTwo changes:\n\n1. Please put the budget aside for now.\n2. Could you widen it to the whole of Alberta, "
     "not just Calgary?\n\nThanks,\nJo", {"budget": None, "city": None, "country": "CA"}),
])
def test_follow_ups_written_as_emails(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    for field, value in expected.items():
        assert routed.slots.get(field, "absent") == value, field


def test_the_town_turned_down_after_plutot_qu_a_is_no_change(router: Router) -> None:
    routed = router.route("Bonjour,\n\n1. on garde la rando, mais à Crolles plutôt qu'à Grenoble ;\n2. uniquement des "
                          "comptes de moins de 8 000 abonnés.\n\nMerci d'avance,\nMarc", has_shortlist=True)
    assert routed.intent == "refine"
    assert routed.slots.get("city") != "Grenoble"
    assert routed.slots["max_followers"] == 8000


@pytest.mark.parametrize(("text", "caption", "jurisdiction"), [
    # a caption forwarded in "> " lines after a blank line: what is said before it is not part of it
    ("Hi,\n\nCould you look at this before it goes up? Not sure it's enough.\n\n> Sunday roast done right 🍗 thanks "
     "@hollowfarm for the chicken\n\nCheers,\nBeth", "Sunday roast done right 🍗 thanks @hollowfarm for the chicken", None),
    # « jeter un œil », « corrects »
    ("Bonjour,\n\nPouvez-vous jeter un œil à ce post Instagram ? On veut être corrects en France.\n\n> Mon nouveau "
     "carnet préféré ✍️ merci @papeterie.lune\n\nMerci,\nInès", "Mon nouveau carnet préféré ✍️ merci @papeterie.lune",
     "FR"),
    # « suffisante »
    ("Bonjour,\n\nVoici la description prévue :\n\n« Test du nouveau vélo ⛰️ prêté par @cycles.alpins #publicité »\n\n"
     "Cette mention est-elle suffisante en Belgique ?", "Test du nouveau vélo ⛰️ prêté par @cycles.alpins #publicité",
     "BE"),
    # a forwarded e-mail's header lines are no form without a caption
    ("Hello,\n\nHer draft came in:\n\n> From: Zoe Lane\n> Subject: Friday post\n> \"Back on the bike 🚲 helmet from "
     "@ridgeway.gear\"\n\nIs this compliant under UK rules?", "Back on the bike 🚲 helmet from @ridgeway.gear", "UK"),
    # the regulator names the jurisdiction
    ("Could you review this for FTC compliance?\n\nCaption: \"Morning run ☀️ shoes from @stride.lab #partner\"",
     "Morning run ☀️ shoes from @stride.lab #partner", "US"),
])
def test_checks_written_as_emails(router: Router, text: str, caption: str, jurisdiction: str | None) -> None:
    routed = router.route(text)
    assert routed.intent == "check"
    assert routed.slots["caption"] == caption
    assert routed.slots.get("jurisdiction") == jurisdiction


@pytest.mark.parametrize(("text", "intent"), [
    ("Bonjour,\n\nEst-il possible d'exporter la liste pour la retravailler dans un tableur ?\n\nCordialement,\nYann",
     "help"),
    ("Hello,\n\nCould you send me an overview of your features before our team starts?\n\nBest,\nKim", "help"),
    ("Hi,\n\nIs there a limit to how much text I can send in one message?\n\nThanks,\nAl", "help"),
    ("can I paste the whole client email or should I cut it down?", "help"),
    # guard (the examples read it before set 28 joined them): "who's right" asks who is correct, not for people
    ("Our agency says a story sticker is enough, the creator says it isn't. Who's right under the CAP code?", "ask"),
    # one line of the list quoted, then asked about
    ("Bonjour,\n\n> 3. @atelier.fil.rouge — 7 400 abonnés\n\nPourquoi celle-ci ? Elle fait surtout du crochet.\n\n"
     "Merci,\nNina", "explain"),
    # « vidéastes » are people to find
    ("Bonjour, auriez-vous des vidéastes escalade autour de Millau entre 1 000 et 10 000 abonnés ?", "shortlist"),
])
def test_intents_written_as_emails(router: Router, text: str, intent: str) -> None:
    assert router.route(text).intent == intent


@pytest.mark.parametrize(("text", "expected"), [
    # a field's label is no compensation; keeping the product is a gift
    ("Brief svp.\n- Marque : Ludothèque Nord\n- Produit : jeu de cartes\n- Rémunération : 10 % de commission sur les ventes",
     {"compensation": "affiliate"}),
    ("Brief pour Ludothèque Nord.\nProduit : jeu de cartes\nContrepartie : les créateurs gardent le jeu",
     {"compensation": "gifted"}),
    # guard: the label read as "paid" before; an amount per creator, taxes named, still is
    ("Brief pour Ludothèque Nord.\nProduit : jeu de cartes\nRémunération : 150 € HT par créateur",
     {"compensation": "paid"}),
])
def test_brief_fields_of_an_email(text: str, expected: dict) -> None:
    slots = brief_slots(text).model_dump()
    for field, value in expected.items():
        assert slots[field] == value, field


def test_a_meeting_is_no_reunion_island() -> None:
    assert markets_in("je te reviens après ma réunion de 14 h") == []
    assert markets_in("une campagne à La Réunion") == ["RE"]  # guard: the island, with its capital


def test_a_currency_on_the_next_line_is_not_the_followers() -> None:
    request = parse_shortlist_query("board game creators\nnothing over 30k\n£700")
    assert request.max_followers == 30000
    assert request.budget == 700
