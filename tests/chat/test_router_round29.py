"""The twenty-ninth router round, on what heldout_29 (bilingual and second-language writers:
franglais from Montreal, Brussels and Geneva offices, false friends, autocorrect slips) missed after
round 28. Each kind of miss is tested here in new words. Every case failed on the router of the
round's start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.brief_slots import brief_slots
from bot.chat.router import Router


@pytest.mark.parametrize(("text", "expected"), [
    # the writer's own town (an office, a shop, "a brand from …") is not where the creators are
    ("Hi from our Toronto office: we need 6 cycling creators in Ottawa on YouTube, C$900.", {"city": "Ottawa"}),
    ("Our store is in Manchester but we'd like 5 nano running creators in Leeds on TikTok, £500.", {"city": "Leeds"}),
    # a request beside a question, after a greeting that names whom it greets
    ("Hello la team 👋 on a besoin de 8 nano creators skate à Marseille, sur TikTok, max 10k followers. Et petite "
     "question : un t-shirt offert, ça compte comme pub ?", {"niche": "skate", "limit": 8}),
    # the writer about their own languages or their spell-checker asks no language of creators
    ("Bonjour, je suis anglophone, désolée. On cherche 5 créatrices cuisine à Lyon sur Instagram, 800 €.",
     {"language": None}),
    ("Hi, I'm francophone so sorry for my English. We search 5 baking creators in Leeds on TikTok, £400.",
     {"language": None}),
    ("On voudrait 4 influenceurs vélo à Rennes sur YouTube, 600 €. Pardon, mon correcteur passe tout en anglais.",
     {"language": None}),
    # "proche de", "would be parfait"
    ("Nous cherchons 5 nano créateurs pêche proche de Lorient sur Instagram, 500 €.", {"niche": "pêche"}),
    ("We need des creators yoga in Bristol, Instagram, £800. 5 would be parfait", {"limit": 5}),
    # guards (read right at the round's start, by round 27's request sentence or the examples)
    ("Salut, ici le bureau de Lyon de Trailcraft. On cherche 5 creators escalade à Grenoble sur Insta, budget 700 €.",
     {"city": "Grenoble"}),
    ("We are a cheese brand from Rennes and we look for 4 micro food creators in Nantes, Instagram, €600.",
     {"city": "Nantes"}),
    ("Hi, we would like to work with 5 hiking creators in Cardiff on Instagram, under 15k followers. Also, is #ad "
     "enough in Wales?", {"city": "Cardiff", "max_followers": 15000}),
])
def test_requests_of_bilingual_writers(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


def test_lookalikes_asked_after_praise_are_no_check(router: Router) -> None:
    # guard: this wording already passed; the miss it stands for put "?" after "around <town>" in set 29
    routed = router.route("Notre directrice adore @rennes.galettes.zoe, c'est exactly le style qu'on veut. Tu peux "
                          "trouver des profils similaires around Rennes?")
    assert routed.intent == "shortlist"
    assert routed.slots["like"] == "@rennes.galettes.zoe"


@pytest.mark.parametrize(("text", "expected"), [
    ("Thanks. Could you remove the minimum of subscribers?", {"min_followers": None}),
    # a city that is a word, opening the message with "!", is praise
    ("Nice! Peux-tu passer sur TikTok?", {"platform": "tiktok", "city": "absent"}),
    ("Merci! On aimerait élargir à tout le Vaud, pas only Lausanne.", {"city": None}),
    # guard: a town unknown to the list was never kept
    ("Merci! On aimerait élargir à tout le canton de Genève, pas only Carouge.", {"city": None}),
])
def test_follow_ups_of_bilingual_writers(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    for field, value in expected.items():
        assert routed.slots.get(field, "absent") == value, field


@pytest.mark.parametrize(("text", "intent"), [
    ("Je peux t'écrire en anglais parfois ?", "help"),
    # guards (the examples already place them; the rules now do too)
    ("Bonjour, une question : si une créatrice utilise un filtre sur Instagram, elle met une mention en France ?", "ask"),
    ("Bonjour, une question : si une créatrice retouche ses photos sur Instagram, doit-elle le dire en France ?", "ask"),
    ("Comment je fais pour repartir de zéro avec une nouvelle recherche ?", "help"),
    ("which languages can you read?", "help"),
    ("can I invite my teammates to this chat?", "help"),
])
def test_intents_of_bilingual_writers(router: Router, text: str, intent: str) -> None:
    assert router.route(text).intent == intent


def test_a_sentence_saying_what_is_missing_is_no_product() -> None:
    slots = brief_slots("Salut! Tu peux lancer un brief pour Verger Doré? J'ai pas encore le reste, je te reviens.")
    assert slots.brand == "Verger Doré"
    assert slots.product is None
