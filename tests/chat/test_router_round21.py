"""The twenty-first router round, on what heldout_21 (in-house brand managers' month: newcomers'
words, two requests in one message, complaints about the list as follow-ups) missed after round
20. Each kind of miss is tested here in new words. Every case failed on the router of the round's
start unless marked as a guard."""

from __future__ import annotations

import pytest

from bot.chat.brief_slots import brief_slots
from bot.chat.router import Router


@pytest.mark.parametrize(("text", "expected"), [
    # what the list is like names the filter to move away from; the next sentence says where to
    ("Hmm, they all have over 80k followers, way too big. Keep it to 12 000 maximum please",
     {"max_followers": 12000}),
    ("Half of them are tiny, like 150 followers. 2k minimum?", {"min_followers": 2000}),
    ("these are all Cardiff uni students. try Swansea and go up to £900",
     {"city": "Swansea", "budget": 900}),
    ("Most of these are in Lyon, not Grenoble. Make it anywhere in France then, and drop the 5k minimum.",
     {"city": None, "country": "FR", "min_followers": None}),
    ("Only two actually in Namur? Make it all of Belgium then, and add 3 more.",
     {"city": None, "country": "BE", "more": 3}),
])
def test_a_complaint_about_the_list_then_the_change(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text, has_shortlist=True)
    assert routed.intent == "refine"
    for field, value in expected.items():
        assert routed.slots.get(field, "absent") == value, field


def test_a_place_right_after_a_follow_up_word_is_where_to_look(router: Router) -> None:
    routed = router.route("what about Aberdeen", has_shortlist=True)
    assert routed.slots.get("city") == "Aberdeen"


@pytest.mark.parametrize(("text", "expected"), [
    # a niche after "who do … content", "guys who", "across <country>", a trailing "ty"
    ("Looking for gals who do sourdough content in Leeds, under 20k followers.", {"niche": "sourdough", "city": "Leeds"}),
    ("Could you pull together 8 creators who post about canal boating across England?",
     {"niche": "canal boating", "limit": 8}),
    ("5 nano, vegan baking, Denver, Instagram, $2k. thx", {"niche": "vegan baking", "city": "Denver"}),
    # guard: the sentence that asks names no niche; the next one naming people does
    ("On m'a demandé de trouver des « influenceurs », je ne connais pas bien le mot. Des gens qui parlent "
     "de broderie à Rouen, sur Insta, vous avez ça ?", {"niche": "broderie", "city": "Rouen"}),
])
def test_the_niche_in_newcomers_words(router: Router, text: str, expected: dict) -> None:
    routed = router.route(text)
    assert routed.intent == "shortlist"
    for field, value in expected.items():
        assert routed.slots.get(field) == value, field


@pytest.mark.parametrize(("text", "intent"), [
    ("hello, am I in the right place to ask about influencers?", "help"),
    # guards, read so at the round's start already
    ("Notre agence veut une clause de non-concurrence d'un an avec la créatrice. C'est légal en Belgique ?", "ask"),
    ("salut, nouvelle dans l'équipe, je sais pas trop par où commencer avec toi", "help"),
    ("Could you round up 6 TikTok creators doing tattoo art in Glasgow?", "shortlist"),
    # "put together a creator brief" is a brief, not a shortlist
    ("could you put together a creator brief for Fern & Flint on tiktok in the US? gifted", "brief"),
])
def test_intents_of_newcomers(router: Router, text: str, intent: str) -> None:
    assert router.route(text).intent == intent


@pytest.mark.parametrize(("text", "caption", "jurisdiction"), [
    # two questions before a blank line, then the caption
    ("Pour un jeu-concours sur TikTok en France, c'est bon ? Il faut mentionner un règlement ?\n\n"
     "JEU 🎉 3 paniers @fromagerie.loue à gagner ! Abonne-toi et tague un ami.",
     "JEU 🎉 3 paniers @fromagerie.loue à gagner ! Abonne-toi et tague un ami.", "FR"),
    # guard: "…, ok?" then the caption
    ("UK, Instagram. Affiliate post from one of our runners, ok?\n\nmy fave trail socks, linked in bio! #affiliate",
     "my fave trail socks, linked in bio! #affiliate", "UK"),
])
def test_a_caption_after_the_questions_about_it(router: Router, text: str, caption: str, jurisdiction: str) -> None:
    routed = router.route(text)
    assert routed.intent == "check"
    assert routed.slots["caption"] == caption
    assert routed.slots["jurisdiction"] == jurisdiction


@pytest.mark.parametrize(("text", "expected"), [
    ("Brief for Kestrel Kit: merino base layers. Instagram, UK. No fee, creators earn 15% on sales with their code.",
     {"compensation": "affiliate"}),
    ("Brief for Pebble Lane: wooden marble runs. YouTube, US. We send free kits, no fee.", {"compensation": "gifted"}),
    ("Brief pour le lancement de notre sérum au bakuchiol (marque Olyra). Instagram, France, rémunérées.",
     {"product": "sérum au bakuchiol", "category": "skincare"}),
    ("Un brief pour Les Tisanes du Jura ? Il s'agit de notre infusion verveine, Instagram, Suisse, rémunérées.",
     {"product": "infusion verveine"}),
    ("Need a brief for Fjord Ferries. Product is our 2-night island hopping pass. Instagram, Canada, paid.",
     {"product": "2-night island hopping pass"}),
    # guard
    ("Fais un brief pour Maple & Co, nos croustilles au sirop. TikTok au Québec, pis on les paye.",
     {"category": "food", "compensation": "paid"}),
])
def test_a_brief_in_one_sentence(text: str, expected: dict) -> None:
    slots = brief_slots(text).model_dump()
    for field, value in expected.items():
        assert slots[field] == value, field
