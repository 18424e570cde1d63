"""Routing a plain chat message to an intent and its slots, without a language model.

Three steps. The message's form first: what holds in any register (politeness, a caption after
":" or in quotes, @handles, a follow-up to the list on screen, a short definition question, an
order for people) is read without the model, well under a millisecond. Then the nearest labelled
messages (``examples.py``: intents.toml's examples and every labelled set), when they give one
intent at least half of the weight. Then the wording rules ("brief", a question opener, a people
word). When nothing settles it the answer is "unsure" with the best candidates, so that the front
end can ask with buttons rather than guess.
"""

from __future__ import annotations

import math
import re
import threading
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel

from bot.chat.brief_slots import brief_slots
from bot.chat.caption_slots import asks_for_check, caption_slots, looks_like_a_caption
from bot.chat.examples import example_matrix, labelled_examples
from bot.chat.slots import (
    BRIEF_FIELD_LABELS,
    CONTACT,
    COUNT_WORD,
    FIELD_LABEL,
    JUDGMENT,
    NEED,
    NEEDS,
    SENTENCE_BREAK,
    SHORTLIST_FIELD_LABELS,
    check_words,
    fold,
    handles_in,
    has_phrase,
    is_creator_word,
    is_people_word,
    phrase_pattern,
    platforms_in,
    refinement_slots,
    shortlist_slots,
    tokens,
    words,
)
from knowledge.encoder import E5Encoder
from knowledge.text import is_chat_filler
from scoring.niches import expand_niche
from scoring.query import LIKE_WORDS

Intent = Literal["ask", "shortlist", "refine", "explain", "compare", "check", "brief", "help", "other", "unsure"]

# Confidence given to a decision by rule: the rules below only fire on unambiguous wording.
CERTAIN = 1.0
LIKELY = 0.9
# Below this the nearest examples do not settle the intent: no intent has half of the weight.
MIN_CONFIDENCE = 0.5
# Softmax temperature over per-intent cosine similarities: e5 similarities all sit in 0.75-0.95,
# so a few hundredths already separate a clear winner from a tie.
TEMPERATURE = 0.02
# Nearest examples per intent that vote (their similarities are averaged).
NEIGHBOURS = 2


class Candidate(BaseModel):
    intent: str
    score: float


class Routed(BaseModel):
    """What a message asks for. ``slots`` uses the keys of the labelled sets (bot/chat/eval/):
    shortlist: niche, platform, country, city, tier, min_followers, max_followers, budget, currency
    (when not EUR), limit (when said), like, language; refine: the fields that change (``None``
    clears one), city, more; check: caption, jurisdiction, platform; brief: brand, product,
    category, platforms, jurisdictions, compensation; explain: handle; compare: handles."""

    intent: Intent
    confidence: float
    slots: dict[str, Any] = {}
    candidates: list[Candidate] = []  # best intents first, for the buttons of an "unsure" answer
    by_rule: bool = False  # decided without embedding the message


# Slots per intent -------------------------------------------------------------------------------------

_SHORTLIST_DROPPED = {"reasons_language", "exclude_flags"}
_NAMES_LANGUAGE = re.compile(
    r"(?<![\w])(?:\w+phones?|\w+-speaking|speaking|qui parlent|parlant|en (?:francais|anglais|espagnol|allemand"
    r"|italien|neerlandais)|in (?:french|english|spanish|german|italian|dutch))(?![\w])"
)


def shortlist_slot_values(text: str) -> dict[str, Any]:
    similar = SIMILAR_AFTER.search(fold(text))
    if similar:  # "@x worked well for us, got anyone similar around Portland?": the niche is @x's
        text = text[:similar.start()] + " " * (similar.end() - similar.start()) + text[similar.end():]
    request, city = shortlist_slots(text)
    values = {k: v for k, v in request.model_dump(exclude_defaults=True).items() if k not in _SHORTLIST_DROPPED}
    values["niche"] = request.niche
    if similar:  # "On a adoré @x l'an dernier. D'autres profils dans la même veine vers Gand ?": only
        # the sentence asking for lookalikes may add a niche to theirs, not the story before it
        end = next((m.start() for m in SENTENCE_BREAK.finditer(text, similar.end())), len(text))
        values["niche"] = shortlist_slots(text[similar.start():end])[0].niche
    elif request.like and (like := _LIKE.search(fold(text))):
        # "Dans le style de @x mais vers Charleroi ? on adore son feed": the praise after is no niche
        start = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, like.start())), default=0)
        end = next((m.start() for m in SENTENCE_BREAK.finditer(text, like.end())), len(text))
        values["niche"] = shortlist_slots(text[start:end])[0].niche
    if not _NAMES_LANGUAGE.search(fold(text)):
        values.pop("language", None)  # inferred from the place ("au Québec"), not asked for
    if similar:
        values["like"] = "@" + handles_in(similar.group())[0]
    if "limit" in request.model_fields_set:
        values["limit"] = request.limit  # "10 créateurs" is said even though 10 is the default
    if city:
        values["city"] = city
    return values


def refine_slot_values(text: str) -> dict[str, Any]:
    refinement = refinement_slots(text)
    values = {k: v for k, v in refinement.changes.items() if k not in _SHORTLIST_DROPPED}
    if refinement.city:
        values["city"] = refinement.city
    if refinement.more is not None:
        values["more"] = refinement.more
    return values


def check_slot_values(text: str) -> dict[str, Any]:
    slots = caption_slots(text)
    return slots.model_dump(exclude_none=True) if slots else {}


def brief_slot_values(text: str) -> dict[str, Any]:
    return {k: v for k, v in brief_slots(text).model_dump().items() if v not in (None, [])}


def explain_slot_values(text: str) -> dict[str, Any]:
    handles = handles_in(text)
    return {"handle": handles[0]} if handles else {}


def compare_slot_values(text: str) -> dict[str, Any]:
    handles = handles_in(text)
    return {"handles": handles} if handles else {}


SLOT_READERS = {
    "shortlist": shortlist_slot_values,
    "refine": refine_slot_values,
    "check": check_slot_values,
    "brief": brief_slot_values,
    "explain": explain_slot_values,
    "compare": compare_slot_values,
}


def slots_for(intent: str, text: str) -> dict[str, Any]:
    reader = SLOT_READERS.get(intent)
    return reader(text) if reader else {}


# Rules ------------------------------------------------------------------------------------------------

# "Can you…", "peux-tu…" open a request, not a question: "can you shortlist 8 pet creators".
_POLITE_OPENING = re.compile(
    r"^\s*(?:(?:hey|hi|hello|bonjour|bonsoir|salut|coucou|yo)(?: (?:team|there|tout le monde|all|relais))?\s*[,!.]*\s*)?"
    # words that only start the sentence: "so I was wondering…", "ok so…", "bon, …", "au fait, …"
    r"(?:(?:ok(?:ay)? so|so|alors|bon|btw|au fait|quick question|quick q|petite question|question|ballpark|roughly"
    r"|en gros)\s*[,:!]*\s+)?"
    # the formulas of a polite email, and of a casual chat: what follows is the request
    r"(?:je me permets de vous (?:solliciter|contacter|ecrire)(?: car| afin de| pour)?\s*|en mode,?\s+|en vrai,?\s+"
    r"|du coup,?\s+)?"
    r"(?:(?:(?:can|could|would) (?:you|u)|(?:peux|pourrais|pourriez|pouvez)[- ]?(?:tu|vous)|tu peux|vous pouvez)\s+)?"
)
# Openers that ask about people, not about knowledge ("quels influenceurs tech ?").
_PEOPLE_OPENERS = {"quels", "quelles", "quel", "quelle", "which", "who", "qui", "any"}
_LINKING = {"pour", "for", "un", "une", "a", "an", "of", "de", "du", "des", "le", "la", "les", "the", "to", "par",
            "per", "chez", "est", "is", "are", "faut", "do", "does", "should", "doit", "on"}
# "qui me recommanderais-tu pour…", "who would you suggest for…": asked for people, not for who says so.
_RECOMMEND_TO_ME = re.compile(r"^\W*(?:qui|who)\s+(?:(?:me|nous|tu|vous|you|would you|do you|could you)\s+){1,2}"
                              r"(?:recommand|conseill|suggere|suggest|propos|recommend)")
_WHO_IS_GOOD = re.compile(r"^\W*(?:who's|who is|who are|who'd be|who would be|qui est|qui sont|qui serait|qui seraient)"
                          # "who's right for k-beauty" asks for people; "who's right under the FTC guides?" who is correct
                          r"\s+(?:good|great|best|right(?= (?:for|to)\b)|bons?|bonnes?|top|ideale?s?)\b")
# After "who"/"qui", the words that go on to ask for people ("who are the best…", "qui sont les…").
_WHO_ASKS_PEOPLE = frozenset({"are", "is", "s", "sont", "est", "should", "would", "could", "can", "to", "do",
                              "me", "nous", "pour", "for", "good", "great", "best", "les", "des", "the", "some"})
_LIKE = re.compile(rf"(?<![\w])(?:{LIKE_WORDS})\s+@")
# A creator named first, then people like them asked for: "@x worked well for us, got anyone similar?"
SIMILAR_AFTER = re.compile(r"@[\w.]+.*?(?<![\w])(?:anyone|anybody|someone|others?|more|people|creators|profils?"
                           r"|d'autres|quelqu'un|des gens|du monde|createurs|createurs|creatrices)\s+"
                           r"(?:\w+\s+)?(?:similar|similaires?|pareils?|like (?:him|her|them|that|this)"
                           r"|comme (?:lui|elle|eux|elles|ca)|du meme (?:genre|style)|dans (?:le|la) meme (?:genre|style|veine)"
                           r"|in the same (?:vein|style)|along the same lines)(?![\w])", re.S)  # across an e-mail's lines
# Questions about Relais itself ("how does this bot pick creators?"): help, not the knowledge base.
_ABOUT_THE_BOT = re.compile(r"(?<![\w])(?:this bot|ce bot|le bot|un bot|the bot|relais|l'outil|cet outil|this tool"
                            # what it offers and how to use it: "an overview of your features", "is there a limit to how
                            # much text I can send", "can I paste a whole client brief in one go?"
                            r"|your features|vos fonctionnalites|tes fonctionnalites|how much text|combien de texte"
                            r"|(?:can|could|may) i (?:paste|send|forward|copy)|(?:je peux|puis-je|on peut) (?:coller|envoyer|transferer)"
                            # the languages it reads, starting over, colleagues in the chat
                            r"|(?:t'|vous |te |vous )?ecrire en (?:anglais|francais)|write (?:to you )?in (?:english|french)"
                            r"|(?:which|what) languages? (?:do|can) (?:you|u)|quelles? langues?|repartir (?:de|a) zero"
                            r"|start (?:over|again|from scratch)|reset (?:ma|my|la|the|notre|our) (?:recherche|search)"
                            r"|(?:add|invite) (?:my |our )?(?:colleagues?|team(?:mates)?|coworkers?)"
                            r"|(?:ajouter|inviter) (?:mes |nos )?(?:collegues?|equipe)"
                            r"|ton (?:truc|outil|bot|service)|votre (?:outil|bot|service)|your (?:bot|tool|service)"
                            r"|the tool|ce que (?:vous proposez|tu proposes|tu fais|vous faites)"
                            r"|what you (?:offer|do))(?![\w])")
# Thanks that go on a little ("super, merci pour la liste"): still nothing to look up.
# "Hi Relais, could you…", "…, merci Relais": the bot addressed by its name, not asked about.
_NAMING_RELAIS = re.compile(r"^\W*(?:(?:hey|hi|hello|bonjour|bonsoir|salut|coucou|yo|dear|cher)\s+)?relais\s*[,!:.]"
                            r"|[,!]\s*relais\W*$")
_THANKS = re.compile(r"(?<![\w])(?:merci|thanks|thank you|thx|ta muchly|cheers|nickel|impec)(?![\w])")
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_BUT = re.compile(r"(?<![\w])(?:mais|but|par contre|however|though|sauf que)(?![\w])")
# Taking the reply away to read it: "ok top, je regarde ça", "great, I'll have a look tonight".
_WILL_LOOK = re.compile(
    r"^\W*(?:(?:ok|okay|oki|top|super|parfait|nickel|genial|cool|great|perfect|nice(?: one)?|lovely|brill|brilliant"
    r"|awesome|cheers|ta"
    r"|d'accord|dac|ca marche|thanks|merci)\W+)+(?:je|j'|i'll|i will|i'm going to|gonna|we'll|on)\s*"
    r"(?:vais |va )?(?:regarde|regarder|lis|lire|look|have a look|take a look|read|go through|check (?:it|them) out"
    r"|(?:te |vous )?(?:redis|reviens|get back))(?![\w])")


def _reply(intent: Intent, text: str, confidence: float = CERTAIN) -> Routed:
    return Routed(intent=intent, confidence=confidence, slots=slots_for(intent, text), by_rule=True)


# How the people words begin, folded: for patterns that must find them inside a phrase.
_PEOPLE_STEMS = (r"(?:createur|creatrice|creator|influenc|profil|compte|account|blogueu|blogger|streamer|tiktoker"
                 r"|instagrammer|people|folks)")
_SO_MANY_PEOPLE = re.compile(rf"(?<![\w.,])\d{{1,3}}\s+(?:[\w'-]+\s+){{0,2}}?{_PEOPLE_STEMS}")


def is_filler(text: str, folded: str) -> bool:
    """Politeness, greetings, "test", or a question about Relais itself: nothing to look up."""
    if not _WORD.search(text) and not re.search(r"\d", text):
        return True  # "👍", "?" alone
    if is_chat_filler(text):
        return True
    rest = phrase_pattern("filler").sub(" ", folded)
    if not tokens(rest) and not re.search(r"[@#\d]", text):
        return True
    if _ABOUT_THE_BOT.search(_NAMING_RELAIS.sub(" ", folded)) and not (
            has_phrase("find", folded) and _names_people(folded) or _SO_MANY_PEOPLE.search(folded)
            or handles_in(text) or asks_for_check(text)):
        # but "can someone get Relais to pull 5 nano creators…" asks for people, and "je découvre
        # l'outil. Notre créatrice voudrait publier « … », c'est conforme ?" asks for a check
        return True
    plain = "?" not in text and not re.search(r"[@#\d:]", text)
    # "Merci. Par contre la direction préfère rester sous les dix mille abonnés…" asks a change
    asks_nothing = plain and not any(has_phrase(kind, folded) for kind in ("find", "brief")) and not check_words(folded) \
        and refinement_slots(text).is_empty
    if asks_nothing and _THANKS.match(_POLITE_OPENING.sub("", folded).lstrip()):
        return True  # "Thank you so much for the prompt revert 🙏": thanks, and nothing asked
    will_look = _WILL_LOOK.match(folded) if plain else None
    if will_look and not has_phrase("find", folded[will_look.end():]) and not _BUT.search(folded):
        return True  # "ok top, je regarde ça ce soir 👍": the list is read later, nothing asked now
    return asks_nothing and len(tokens(folded)) <= 8 and _THANKS.search(folded) is not None


def _opening_tokens(folded: str) -> list[str]:
    return tokens(_POLITE_OPENING.sub("", folded))


def _opens_with_an_article(folded: str) -> bool:
    """ "la loi…", "les créateurs…": an article opens a noun phrase, which "question" words list only
    for inversions ("la loi s'applique-t-elle…")."""
    return _opening_tokens(folded)[:1] in (["la"], ["le"], ["les"])


def _opens_question(folded: str) -> bool:
    opening = _POLITE_OPENING.sub("", folded).lstrip(" ¿¡-")
    return phrase_pattern("question").match(opening) is not None


# A French question by inversion anywhere in the message: "la loi s'applique-t-elle aux influenceurs ?".
# "Y a-t-il des créateurs vegan à Lille ?" asks for people, so existence questions are left out.
_INVERSION = re.compile(r"(?<![\w'-])(?!a-t-|existe-t-)[a-z']+-(?:t-)?(?:il|elle|ils|elles|on)(?![\w-])")


# Quebec French asks with "-tu" after a verb in the third person: "doit-tu le dire ?", "c'tu légal ?".
# "peux-tu", "pourrais-tu" (a verb ending in s or x) ask Relais to do something.
_QUEBEC_TU = re.compile(r"(?<![\w'-])[a-z']*[^\Wsx\d_]-tu(?![\w-])")


# A request put as a polite question: "Serait-il possible de me shortlister…", "would it be possible to find…".
_POLITE_REQUEST = re.compile(r"^\W*(?:serait-il possible d|vous serait-il possible d|would it be possible to"
                             r"|est-ce que (?:tu peux|vous pouvez|vous pourriez|tu pourrais))")


# Where a later clause may open the question: "Au Québec, est-ce que…", "merci ! au fait, comment…",
# "quick question ahead of our planning: how long should…".
_CLAUSE_BREAK = re.compile(r"[.!?:;]\s+|,\s+|\n+")
# Articles open a question only at the very start ("la loi s'applique-t-elle…"); after a comma they
# open a noun phrase ("Bonjour, les créateurs beauté…"), and "que" means only ("pas de nano, que des micro").
_ARTICLES = ("la", "le", "les", "que")


def _question_later(folded: str) -> str | None:
    """The message from the later clause that opens a question, if one does."""
    breaks = [match.end() for match in _CLAUSE_BREAK.finditer(folded)]
    for start in breaks:
        clause = _CLAUSE_BREAK.split(folded[start:], maxsplit=1)[0]
        opening = _opening_tokens(clause)[:1]
        if opening and opening[0] not in _ARTICLES and _opens_question(clause) and not _asks_about_people(clause):
            return folded[start:]
    return None



# Asking for an opinion, or "how many" inside the sentence: "il faut combien de créateurs, à ton avis".
_ASKS_OPINION = re.compile(r"(?<![\w])(?:a ton avis|a votre avis|selon toi|selon vous|d'apres toi|d'apres vous"
                           r"|in your opinion|what do you think|what would you say|qu'en penses-tu|t'en penses quoi"
                           r"|vous en pensez quoi|combien)(?![\w])")


# A question put indirectly, inside the sentence: "je souhaiterais savoir si…", "I wasn't sure whether…".
_INDIRECT_QUESTION = re.compile(
    r"(?<![\w])(?:savoir|comprendre|demande|demandais|sais pas|sure|know|understand|wondering|wonder|ask|asking"
    r"|check(?:ing)?|confirm) (?:si|s'il|s'ils|comment|combien|pourquoi|quand|if|whether|how|why|when)(?![\w])")


# Whether something is required: "do we legally need published T&Cs" asks, it does not order.
_OBLIGATION = re.compile(r"(?<![\w])(?:do|does|did|would|will|must) (?:we|i|you|they|she|he|it|creators?|brands?)"
                         r" (?:legally |really |actually |still |even )?need")


# Whether a claim may be made: "une influenceuse peut dire que notre crème…", "can she say it cures…".
_MAY_SAY = re.compile(r"(?<![\w])(?:peut|peuvent|pourrait|pourraient|peut-elle|peut-il|peut-on|can|could|may)"
                      r"(?: (?:she|he|they|we|i|a creator|an influencer|creators|influencers))?"
                      r" (?:dire|ecrire|affirmer|promettre|say|write|claim|promise)(?: (?:que|that))?(?![\w])")


def _asks_question(folded: str) -> bool:
    if _POLITE_REQUEST.search(folded) and (has_phrase("find", folded) or check_words(folded)):
        return False
    if _opens_question(folded) or _INVERSION.search(folded):
        return True
    question = _question_later(folded)  # "merci pour la liste ! au fait, comment…": the list was before
    if question is not None and not has_phrase("find", _OBLIGATION.sub(" ", question)):
        return True
    if not has_phrase("find", folded) and (_ASKS_OPINION.search(folded) or _INDIRECT_QUESTION.search(folded)
                                           or _MAY_SAY.search(folded)):
        return True
    return _QUEBEC_TU.search(folded) is not None and not has_phrase("find", folded)


def _creator_positions(folded: str) -> list[int]:
    return [i for i, token in enumerate(_opening_tokens(folded)) if token in words("creators")]


# Asking whom to work with, wherever it sits: "we want to reach vegan students, who should we be
# talking to?", "on veut toucher les jeunes parents, on devrait parler à qui ?".
_WHOM_TO_WORK_WITH = re.compile(
    r"(?<![\w])(?:who|whom) (?:should|could|would|do|can|shall) (?:we|i) (?:be )?(?:talk|work|reach|partner|contact"
    r"|approach|hire|use|go with|team up)\w*"
    r"|(?:parler|s'adresser|faire appel|bosser|travailler|collaborer|s'associer) (?:a|avec) qui(?![\w])"
    r"|a qui (?:parler|s'adresser|faire appel|on (?:devrait|pourrait|doit) (?:parler|s'adresser|faire appel))"
    r"|qui (?:contacter|approcher|solliciter)(?![\w])"
    # "est-ce que tu connais des gens qui font…", "do you know any folks who…"
    r"|(?:connais|connaissez|connaitrais|know|knows)(?:-tu|-vous)? (?:des|quelques|d'autres|any|some|a few) "
    r"(?:gens|personnes|people|folks|createur|creatrice|creator|influenc|compte|account)")


def _asks_about_people(folded: str) -> bool:
    """ "quels influenceurs tech", "who are good creators", "qui sont les meilleurs": a shortlist
    asked as a question. The people word must come right after the opener."""
    if _WHOM_TO_WORK_WITH.search(folded):
        return True
    if any(has_phrase("find", folded) and phrase in folded for phrase in
           ("who are good", "who are the best", "who should i work with", "qui sont les meilleurs")):
        return True
    opening = _opening_tokens(folded)
    if opening and opening[0] in ("qui", "who", "who's", "who'd") and (
            CONTACT.search(folded) or _RECOMMEND_TO_ME.search(folded) or _WHO_IS_GOOD.match(folded)):
        return True  # "qui je pourrais contacter pour…", "who could we partner with", "who's good for k-beauty"
    positions = _creator_positions(folded)
    if not (opening and opening[0] in _PEOPLE_OPENERS and positions and positions[0] <= 5):
        return False
    if opening[0] in ("qui", "who") and positions[0] > 1 and opening[1] not in _WHO_ASKS_PEOPLE:
        return False  # "who regulates influencer ads?" asks about a regulator
    # Niche or tier words may stand between ("which nano true crime creators"); a phrase may not:
    # "quel tarif pour un micro-influenceur ?" asks about rates.
    return not _LINKING.intersection(opening[1:positions[0]])


def _names_creators(folded: str, loose: bool) -> bool:
    """Whether a people word is there, or people described by what they post ("des gens qui font des
    vidéos de…", "folks who post about…"); ``loose`` also accepts typos ("influencuses")."""
    return any(is_creator_word(t) if loose else t in words("creators") for t in tokens(folded)) \
        or PEOPLE_WHO_POST.search(folded) is not None


# People described by what they post: how someone who is not a marketer says "creators".
# People who are not called creators are asked for by what they do, whatever the verb ("des gens qui
# testent des escape games", "anyone local who posts about…"); so are people counted ("trois
# vulgarisateurs qui parlent d'astronomie") and people named after a platform ("des youtubeurs qui…").
# Only accounts need a verb of posting: "les comptes qui ont le plus d'abonnés" asks about accounts.
_BEING = r"(?!(?:est|sont|etait|etaient|is|are|was|were|a|ont|has|have|had|doit|doivent|must|should|peut|peuvent|can)\b)"
PEOPLE_WHO_POST = re.compile(
    # "les gens qui achètent…", "do people who buy… need to be told?": people in general, asked about
    r"(?<![\w'])(?<!les )(?<!the )(?<!do )(?<!did )(?<!are )(?<!ces )(?:gens|personnes|people|folks?|du monde|jeunes|someone|somebody|anyone|anybody|quelqu'un|qqn"
    rf"|(?:\d{{1,3}}|{COUNT_WORD})\s+[\w'-]+[sx]|(?:youtubeu|tiktokeu|instagrameu|instagrammeu|podcasteu|blogueu"
    r"|streamer|vlogger|youtuber|tiktoker)\w*)"
    rf"(?:\s+[\w'-]+){{0,3}}?\s+(?:qui|ki|who|that)\s+{_BEING}[\w']"
    r"|(?<![\w'])(?:comptes|accounts)"
    r"(?:\s+[\w'-]+){0,3}?\s+(?:qui|ki|who|that)\s+(?:\w+\s+){0,2}?(?:post|posts|posting|talk|talks|parle|parlent"
    r"|postent|poste|font|fait|make|makes|do|does|share|shares|partagent|cover|film|filment|blog)(?![\w'])"
    r"|(?<![\w'])(?:folks?|people|someone|gens|personnes) with a (?:following|big following|audience)")


def _rule_for_handles(text: str, folded: str) -> Routed | None:
    if "#" in text:
        return None  # "Loving this serum from @lumi #gifted" is a pasted caption, not a question about @lumi
    handles = handles_in(text)
    if len(handles) >= 2:
        return _reply("compare", text)
    if len(handles) == 1:
        if _LIKE.search(folded) or SIMILAR_AFTER.search(folded):
            return _reply("shortlist", text)
        return _reply("explain", text)
    return None


# "Is this caption compliant?", "ma légende est conforme ?": a check whose caption is still to come.
_THIS_CAPTION = re.compile(r"(?<![\w])(?:this|my|cette|ma|mon|ce|the)\s+(?:caption|legende|post|publication)(?![\w])")


def _rule_for_caption_to_come(text: str, folded: str) -> Routed | None:
    if _THIS_CAPTION.search(folded) and check_words(_THIS_CAPTION.sub(" ", folded)):
        return _reply("check", text, LIKELY)
    return None


# "can u do a brief for…", "pourrais-tu me faire un brief…": a question that asks Relais to write one.
_ASKS_TO_WRITE = re.compile(r"^\W*(?:(?:can|could|would) (?:you|u|we)|(?:peux|pourrais|pourriez|peut)[- ](?:tu|vous)"
                            r"|tu peux|vous pouvez|on peut|on pourrait)\s+(?:(?:me|m'|nous|us|please|stp)\s*)?"
                            r"(?:do|write|draft|make|prepare|put|start|work on|faire|ecrire|rediger|preparer|sortir"
                            r"|lancer|bosser sur|travailler sur)\b")


def _rule_for_brief(text: str, folded: str) -> Routed | None:
    interrogative = _opens_question(folded) and not _opens_with_an_article(folded)
    if "brief" not in tokens(folded) or interrogative and not _ASKS_TO_WRITE.search(folded):
        return None  # "what should a creator brief contain" asks about briefs
    if has_phrase("brief", folded) or folded.lstrip().startswith("brief") or _ENDS_WITH_BRIEF.search(folded) \
            or _BRIEF_SUBJECT.match(text):  # an e-mail whose subject is "Brief – <brand>"
        return _reply("brief", text)
    return None


# "Moorfield / sea salt crisps / UK / tiktok / affiliate → brief": what to do, after the fields.
_ENDS_WITH_BRIEF = re.compile(r"(?:->|=>|→|:|-|—)\s*brief\W*$")


def _rule_for_refinement(text: str, folded: str, has_shortlist: bool) -> Routed | None:
    refinement = refinement_slots(text)
    if refinement.is_empty or (refinement.leftover if has_shortlist else refinement.leftover_anywhere):
        return None
    if _question_later(folded) is not None and _uses_trade_words(folded):
        return None  # "Au Québec, est-ce que l'OPC encadre les concours d'influenceurs ?" names a place to ask about
    if has_shortlist:
        return _reply("refine", text)
    follow_up_form = phrase_pattern("refine").match(_POLITE_OPENING.sub("", folded)) is not None  # "what about…"
    if not follow_up_form and _asks_question(folded) and _uses_trade_words(folded):
        return None  # with nothing to refine, "what is a nano influencer" is a question
    if has_phrase("find", folded) and _names_creators(folded, loose=True):
        return None  # "for our launch we need 5 creators" asks for people, even with nothing to refine
    # A follow-up with nothing to follow: ask what to search for rather than guess.
    return Routed(intent="unsure", confidence=0.0, by_rule=True,
                  candidates=[Candidate(intent="shortlist", score=0.5), Candidate(intent="refine", score=0.5)])


def _rule_for_people_or_question(text: str, folded: str) -> Routed | None:
    asks_people = _asks_about_people(folded)
    if _asks_question(folded) and not asks_people:
        return _reply("ask", text, LIKELY) if _asks_about_the_trade(text, folded) else None
    finds = has_phrase("find", folded)
    if text.rstrip().endswith("?") and not (asks_people or finds or _names_creators(folded, loose=False)) \
            and _uses_trade_words(folded):
        return _reply("ask", text, LIKELY)  # "une nano me demande 800€ pour un reel, c'est normal ?"
    if (JUDGMENT.search(folded) or _ends_with_a_question(folded)) and not (asks_people or finds) \
            and _uses_trade_words(folded):
        return _reply("ask", text, LIKELY)  # "une exclusivité de 3 mois avec une micro, c'est abusé ?"
    if asks_people or finds and _names_creators(folded, loose=True):
        return _reply("shortlist", text, LIKELY)
    if _names_creators(folded, loose=False):
        niche = shortlist_slot_values(text)["niche"]
        if _reads_as_niche(niche):
            return _reply("shortlist", text, LIKELY)  # "créateurs déco maison à Bordeaux"
        if niche and "?" in text and _uses_trade_words(fold(niche)):
            return _reply("ask", text, LIKELY)  # "average CPM for micro creators?" asks about the trade
    return None


# Words left in a "niche" that show the message is about something else: a question ("combien", "how
# long", "à ton avis") or the trade itself ("typical CPM for nano creators?").
_NOT_A_NICHE = frozenset({"combien", "comment", "pourquoi", "quand", "avis", "how", "why", "when", "what", "which",
                          "typical", "usual", "average", "moyen", "moyenne", "if", "si"})


def _reads_as_niche(niche: str | None) -> bool:
    """Whether what is left after the request's other slots reads as a topic people post about."""
    if not niche:
        return False
    if names_a_niche(niche):
        return True
    folded = fold(niche)
    return not (_NOT_A_NICHE.intersection(tokens(folded)) or _uses_trade_words(folded))


# The question put after a topic: "ugc creators vs influencers — what's the actual diff?"
_LAST_CLAUSE = re.compile(r"(?:[,;:]|\s[—–-])\s*(?P<clause>[^,;:—–]+\?)\s*$")


def _ends_with_a_question(folded: str) -> bool:
    last = _LAST_CLAUSE.search(folded)  # "…, quels micro-influenceurs ?" asks for people
    return last is not None and _opens_question(last.group("clause")) and not _asks_about_people(last.group("clause"))


def names_a_niche(text: str) -> bool:
    return bool(expand_niche(text).named)


def has_trade_signal(text: str, folded: str) -> bool:
    """Whether anything in the message belongs to influencer marketing: without it, a message the
    examples cannot place is off topic ("other"), not worth buttons about shortlists."""
    # An asking verb alone is no signal: "donne-moi les résultats de la Ligue 1" is off topic. Nor
    # is a niche word inside a sentence ("tu peux m'envoyer la recette des crêpes ?"); typed
    # alone, like a search ("céramique", "yoga nano"), it is.
    return (_asks_about_the_trade(text, folded) or bool(check_words(folded.replace("#", " ")))
            or "brief" in tokens(folded) or len(tokens(folded)) <= 3 and names_a_niche(text))


def _uses_trade_words(folded: str) -> bool:
    return has_phrase("domain", folded.replace("#", " "))  # "#sponso" is the word "sponso"


def _asks_about_the_trade(text: str, folded: str) -> bool:
    """A question is for the knowledge base when it uses the trade's words, names people one works
    with or a platform; a niche word alone is not enough ("c'est quoi la recette des crêpes")."""
    return (_uses_trade_words(folded) or _names_creators(folded, loose=True) or bool(handles_in(text))
            or bool(platforms_in(text)))


def _rule_for_keywords(text: str, folded: str) -> Routed | None:
    """ "beauté", "micro influence skincare": a niche typed like a search, neither asking for people
    nor asking a question. Searching and explaining are both plausible, so ask which."""
    if "?" in text or _opens_question(folded) or has_phrase("find", folded) or len(tokens(folded)) > 4:
        return None
    if _names_creators(folded, loose=True):
        return None  # "créatrices voyage" asks for people
    if not names_a_niche(text):
        return None
    return Routed(intent="unsure", confidence=0.0, by_rule=True,
                  candidates=[Candidate(intent="shortlist", score=0.5), Candidate(intent="ask", score=0.5)])


# A change of mind: what follows is the request ("what's a good rate? actually nvm, just find me…",
# "oublie le brief pour l'instant, donne-moi plutôt…").
_NEVER_MIND = re.compile(
    r"(?:^|[.?!,;]\s*|\s)(?:actually,?\s+|en fait,?\s+)?(?:nvm|never ?mind|forget (?:it|that|this)|scratch that"
    r"|laisse tomber|oublie (?:ca|ma question)|en fait non|finalement non|non en fait|ignore (?:that|ca))\W*"
    r"|^\W*(?:oublie|forget(?: about)?|laisse tomber|skip|pas besoin d[eu]|no need for)\s+(?:le |la |les |the |that |ce "
    r"|cette |ma |my )?(?:brief|liste|list|shortlist|question|legende|caption)\b[^,.;!?]*[,.;!?]+\s*"
)


# Pasted from a team chat: "@channel", "@here", Relais addressed by name, "> " before quoted lines,
# and Relais's own earlier reply quoted ("> Relais: here are 5…"). None of it is the request.
_ADDRESSING = re.compile(r"(?i)(?<![\w.])@(?:channel|here|everyone|relais)\b[,:]?")
_QUOTED_RELAIS = re.compile(r"(?im)^\s*>\s*relais\s*:.*$\n?")
# Relais's list quoted back without its name: "> 1. @x — 18,4k", "> Here are 10 micro… creators", "> …".
_QUOTED_LIST = re.compile(r"(?im)^\s*>\s*(?:\d{1,3}[.)]\s*@\S+.*|(?:here are|here's|voici)\b[^\"\n«“:]*\b(?:\d+|creators?"
                          r"|cr[eé]ateurs?|cr[eé]atrices?|profils?|profiles?)\b[^\"\n«“:]*|(?:…|\.\.\.)\s*)$\n?")
_QUOTE_MARK = re.compile(r"(?m)^[ \t]*>[ \t]?")  # the blank line before stays a paragraph break
# Colleagues named first in a team chat ("@Margaux @Théo je lance la recherche 👇", "@Priya fyi"): a
# first name with a capital, no dot or digit, as creators' handles rarely are.
_COLLEAGUES_FIRST = re.compile(r"^\s*(?:@[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?![\w.])\s*(?:[,&]|\b(?:et|and)\b)?\s*)+")
# What such a line says around the request: "fyi", "pour info", "je lance la recherche ici 👇".
_HANDING_OVER = re.compile(r"(?i)^[^\n]{0,60}?(?:fyi|pour info|for info|kicking this off|je lance|asking relais"
                           r"|voir ci-dessous|see below|👇|⬇️|⬇|↓|👀)[^\n]*\n")
# An e-mail's subject line before its body: "Subject: Creator search – curling, Saskatoon⏎⏎Hi, …".
_BRIEF_SUBJECT = re.compile(r"(?i)\s*(?:subject|objet)\s*:\s*(?:creator |créateurs? )?brief")
_SUBJECT_LINE = re.compile(r"(?i)^\s*(?:subject|objet|re|tr|fwd?)\s*:[^\n?]*\n\s*\n(?=\s*\S)")  # no question in it


# An e-mail's closing line, alone on its line: "Cordialement,", "Bien à vous,", "Kind regards,", "Cheers,".
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:(?:bien |très |tres )?cordialement|bien [àa] (?:vous|toi)|(?:avec )?(?:mes |nos )?meilleures salutations"
    r"|salutations(?: distinguées)?|merci(?: d'avance| [àa] l'avance| beaucoup| bien| encore)?|d'avance merci"
    r"|en vous remerciant(?: par avance| d'avance)?|(?:kind |warm |warmest |best |many )?(?:regards|wishes)|best"
    r"|many thanks|thanks(?: so much| very much| again| in advance)?|thank you(?: kindly| so much| in advance)?|cheers"
    r"|all the best|sincerely|yours(?: sincerely| truly)?|à bientôt|a bientot|bonne journée|bonne journee)"
    r"[ \t]*[,.!]*[ \t]*$")
# What a signature holds after its closing line: a name, a title, a company; short lines, nothing asked.
_SIGNATURE_LINES = 4


def _without_signature(text: str) -> str:
    """The message without its closing line and the signature under it ("Cordialement,⏎Julie Le Goff —
    Responsable marketing"): read as part of the request, a name becomes a niche and a title a caption."""
    for match in _SIGN_OFF.finditer(text):
        after = [line for line in text[match.end():].splitlines() if line.strip()]
        if len(after) <= _SIGNATURE_LINES and all(len(line) <= 70 and "?" not in line for line in after) \
                and text[:match.start()].strip():
            return text[:match.start()].rstrip()
    return text


# The markers of a list typed in an e-mail: "- Zone : Quimper", "• sur YouTube", "2. Ville : Chambéry".
_LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:[-•*·▪◦‣]|\d{1,2}[.)])[ \t]+(?=\S)")


def _without_list_markers(text: str) -> str:
    """A list's items as lines of their own: its numbers are no counts ("5. 6 creators"), and a town
    alone on its line reads as one ("- Ballarat")."""
    return _LIST_MARKER.sub("", text) if len(_LIST_MARKER.findall(text)) >= 2 else text


def _one_quoted_creator(text: str) -> str:
    """One line of Relais's list quoted, then a question about it ("> 4. @x — 9 800 abonnés⏎Pourquoi
    celle-ci ?"): the creator stays, the rest of the line goes. Several lines quoted are the list."""
    lines = list(_QUOTED_LIST.finditer(text))
    handle = re.search(r"@[\w.]*\w", lines[0].group()) if len(lines) == 1 else None
    rest = fold(text[lines[0].end():]) if lines else ""
    if handle is None or not (has_phrase("explain", rest) or _THIS_ONE.search(rest)):  # "trop gros, max 12k" changes the list
        return _QUOTED_LIST.sub("", text)
    return text[:lines[0].start()] + handle.group() + "\n" + text[lines[0].end():]


_THIS_ONE = re.compile(r"(?<![\w])(?:celle-ci|celui-ci|celle-la|celui-la|this one|that one|this guy|this girl)(?![\w])")


def as_written_to_relais(text: str) -> str:
    """The message without what a team chat or an e-mail adds around it."""
    cleaned = _one_quoted_creator(_QUOTED_RELAIS.sub("", _ADDRESSING.sub(" ", _without_signature(text))))
    cleaned = _without_list_markers(cleaned)
    cleaned = _QUOTE_MARK.sub("", cleaned)
    colleagues = _COLLEAGUES_FIRST.match(cleaned)
    if colleagues:
        rest = cleaned[colleagues.end():]
        handing = _HANDING_OVER.match(rest)  # the line only hands the request over: it goes too
        if handing and "\n" in rest and not re.search(r"[@#:]|\d", handing.group()):
            rest = rest[handing.end():]
        cleaned = rest
    subject = _SUBJECT_LINE.match(cleaned)
    if subject and not _BRIEF_SUBJECT.match(cleaned):  # "Subject: Brief – Harrow Hill Honey" names the brand
        cleaned = cleaned[subject.end():]
    return cleaned.strip() if cleaned.strip() else text


def what_is_still_asked(text: str) -> str:
    """The message after its last change of mind, when something is asked after it."""
    folded = fold(text)
    last = None
    for match in _NEVER_MIND.finditer(folded):
        last = match
    if last is None or len(tokens(folded[last.end():])) < 2:
        return text
    return text[last.end():]


# Words that change what is on screen rather than ask about it: "instead", "plutôt", "only".
_AGAINST_THE_LIST = re.compile(r"(?<![\w])(?:instead|rather|plutot|a la place|only|seulement|uniquement|juste des"
                               r"|just the)(?![\w])")


def route_by_form(text: str, has_shortlist: bool = False) -> Routed | None:
    """The intent when the message's form settles it: politeness, a caption to check, @handles, a
    follow-up to the list on screen. Such forms hold in any register."""
    folded = fold(text).strip()
    if is_filler(text, folded) or _ABOUT_RELAIS.match(folded):
        return _reply("help", text)
    if asks_for_check(text) and not _asks_about_people(folded) and not SIMILAR_AFTER.search(folded) \
            and not (has_shortlist and _changes_the_list_instead(text)):  # "who's good for k-beauty? $4k budget"
        return _reply("check", text)
    if has_shortlist and (_AGAINST_THE_LIST.search(folded) or refinement_slots(text).more is not None):
        # "can we do Instagram instead, and nano only?", "add 3 more creators": a change to the list on screen
        routed = _rule_for_refinement(text, folded, has_shortlist)
        if routed:
            return routed
    for rule in (_rule_for_handles, _rule_for_request_fields, _rule_for_caption_to_come, _rule_for_definition,
                 _rule_for_request_opening, _rule_for_request_sentence,
                 _rule_for_brief_for_a_brand, _rule_for_question_opening, _rule_for_people_who_post):
        routed = rule(text, folded)
        if routed:
            return routed
    routed = _rule_for_refinement(text, folded, has_shortlist) if has_shortlist else None
    return routed or _rule_for_keywords(text, folded)


# Asking what Relais does and how to use it: "what can u do?", "ça marche comment ?", "tu sers à quoi ?".
_ABOUT_RELAIS = re.compile(
    r"^\W*(?:(?:ok|okay|hi|hello|hey|bonjour|bonsoir|salut|coucou|allo|yo|alors|so|um|euh|dsl|desole|sorry|pardon)\W+)*(?:"
    r"how (?:does|do) (?:this|it|you|relais)(?: thing| bot| tool| app)? (?:work|works)"
    r"|what (?:can|do) (?:you|u) (?:actually |really |exactly )?do|what else can (?:you|u) do|what are (?:you|u) for"
    r"|how do i use (?:you|u|this|relais)|comment (?:ca|tu|vous) (?:marche|marches|fonctionne|fonctionnes|fonctionnez)"
    r"|ca marche comment|ca fonctionne comment|tu sers a quoi|vous servez a quoi|a quoi (?:tu sers|sert relais)"
    r"|tu fais quoi|vous faites quoi|tu peux faire quoi|qu'est-ce que (?:tu peux|tu sais|vous pouvez) faire"
    # a newcomer unsure where to start: "is this the right place to ask about…", "par où commencer avec vous"
    r"|(?:is|am i in) (?:this|it) the right (?:place|bot|chat)|(?:am i|are we) in the right place"
    r"|(?:c'est|suis-je|je suis) (?:bien )?(?:ici|au bon endroit)|where (?:do|should) i (?:start|begin)"
    r"|[^?]{0,60}(?:par ou|par quoi) commencer(?: avec (?:vous|toi|relais))?\W*$"
    # checking the bot is there, or stepping away: "t'es là ?", "brb, client call"
    r"|(?:t'es|tu es|vous etes|are you|you) (?:la|there|still there|around)\W*$|brb|be right back|je reviens"
    # stepping away for a while: "dsl je suis en réu, je reviens vers toi dans 10 min"
    r"|[^?]{0,40}(?:je reviens vers (?:toi|vous)|je te reviens|je vous reviens|back in \d+|be back in)"
    # how to use it: "c'est quoi les commandes ?", "can I use this from my laptop?"
    r"|(?:c'est )?(?:quoi|quelles) (?:sont )?les commandes|what (?:are the )?commands|which commands"
    # "je dois écrire en phrases normales ou il y a des commandes ?", "do I type commands or plain English?"
    r"|[^?]{0,100}(?:(?:il y a|y a-t-il|y a) (?:des|les) commandes|(?:are there|is there a list of|do i type) commands"
    r"|en phrases normales|in plain (?:english|words|sentences)|normal sentences)"
    r"|(?:can|could) (?:i|we) use (?:this|you|u|relais|it) (?:on|from|with)"
    r"|(?:je peux|on peut|peut-on) (?:t'|vous |l')?utiliser (?:sur|depuis|avec)"
    # picking the thread up again, and how Relais keeps things: "where were we?", "do you keep a list per client?"
    r"|[^?]{0,60}(?:where were we|on en etait ou|ou en etions-nous)"
    r"|(?:can|could|do|will) (?:you|u) (?:keep|save|store|remember) (?:a |the |my |our )?(?:separate )?(?:lists?|shortlists?)"
    r"|is there (?:a |any )?way to (?:save|keep|store|bookmark|export|share) (?:a |the |my |our |this )?(?:lists?|shortlists?)"
    # "Est-il possible de partager une liste avec un collègue, ou de l'exporter dans Excel ?"
    r"|(?:est-il possible d(?:e |')|is it possible to |can i |can we |peut-on |on peut |je peux )(?:partager|exporter|share"
    r"|export|download|telecharger) (?:une |la |ma |cette |the |a |my |this )?(?:listes?|lists?|shortlists?)"
    r"|(?:est-ce qu'on peut|peut-on|on peut|je peux) (?:sauvegarder|garder|enregistrer|exporter) (?:une |la |les |ma |mes )?"
    r"(?:listes?|shortlists?)"
    r"|(?:tu|vous) (?:gardes?|gardez|sauvegardes?|sauvegardez|retiens|retenez) (?:une |les |mes |nos )?(?:listes?|shortlists?)"
    # what Relais can help with, after saying who one is: "Je suis freelance…, tu peux m'aider sur quoi ?"
    r"|[^?]{0,80}(?:(?:tu peux|vous pouvez|tu pourrais) m'aider (?:sur|pour|avec|a) quoi"
    r"|what (?:can|could) (?:you|u) help (?:me |us )?with|do (?:you|u) work with (?:freelancers|agencies|freelances)"
    r"|(?:can|could) (?:you|u) help (?:me |us )?with [^?]{1,40} or (?:is it |are you )?(?:just|only))"
    r")(?![\w'])")


def _rule_for_request_fields(text: str, folded: str) -> Routed | None:
    """ "- thème : escalade⏎- ville : Grenoble⏎- budget : 900 €", "Niche: … / City: … / Platform: …":
    a request typed as labelled fields, two or more of which a shortlist has, and none a brief's or a
    caption's."""
    labels = [fold(m.group("label")).strip() for m in FIELD_LABEL.finditer(text)]
    if sum(label in SHORTLIST_FIELD_LABELS for label in labels) < 2:
        return None
    if any(label in BRIEF_FIELD_LABELS or label in ("caption", "legende", "texte", "text") for label in labels):
        return None
    return _reply("shortlist", text, LIKELY)


# "what is a nano influencer", "c'est quoi l'UGC", "qu'est-ce qu'un brief": a short definition question.
_DEFINITION = re.compile(r"^\W*(?:what is|what's|whats|what are|c'est quoi|c quoi|qu'est-ce que|qu'est-ce qu'|qu'est ce que"
                         r"|qu'est ce qu'|define|definition of|definition d[eu']|kesako|kezako)\s*"
                         r"(?:(?:a|an|the|un|une|le|la|les|l'|des|du)\s*)?(?P<term>[^?!.]*)[?!.\s]*$")


def _rule_for_definition(text: str, folded: str) -> Routed | None:
    match = _DEFINITION.match(_POLITE_OPENING.sub("", folded))
    if match and 0 < len(tokens(match.group("term"))) <= 4 and not has_phrase("find", folded):
        return _reply("ask", text, LIKELY)
    return None


# Openers that only ask, in any register ("cmt on fait pr mesurer…", "c'tu correct de…", "how do
# we…"): with the trade's words and nothing asked for, the message is a question.
_ASKING_OPENER = re.compile(
    r"^\W*(?:comment|cmt|pourquoi|pq|combien|est-ce qu|est ce qu|c'?tu|ctu|faut-il|doit-on|peut-on|a-t-on"
    r"|qu'est-ce|c'est quoi|c quoi|how|why|what's the|what is the|what are the|when|is it|are we|do we|does"
    r"|should we|should i|can we|can i|am i|is there|are there|if we|si on)(?![\w'])")
_HOW_OR_WHY = re.compile(r"^\W*(?:comment|cmt|pourquoi|pq|combien|how|why)(?![\w'])")
# "c'tu vrai que les influenceurs…", "is it true that creators…": asks about a rule, not for people.
_IS_IT_TRUE = re.compile(r"^\W*(?:c'?tu|est-ce|is it|c'est|are|is) (?:vrai|true|legal|obligatoire|mandatory|required"
                         r"|allowed|permis|interdit|illegal)(?![\w'])")


def _rule_for_question_opening(text: str, folded: str) -> Routed | None:
    opening = _POLITE_OPENING.sub("", folded)
    if not _ASKING_OPENER.match(opening) or not _uses_trade_words(folded) or "brief" in tokens(folded):
        return None
    if has_phrase("find", folded) or _asks_about_people(folded) or _FIND_SO_MANY_PEOPLE.search(folded):
        return None
    plural_people = any(t in words("creators") and t.endswith("s") for t in tokens(folded))
    if plural_people and not (_HOW_OR_WHY.match(opening) or _IS_IT_TRUE.match(opening)):
        return None  # "est-ce qu'il y a des créatrices yoga à Lyon ?" may ask for people
    return _reply("ask", text, LIKELY)


def _rule_for_people_who_post(text: str, folded: str) -> Routed | None:
    """ "On voudrait des personnes qui postent sur l'adoption…", "I'm after folk that post about
    munro bagging": people described by what they post are asked for, unless the message asks how."""
    if PEOPLE_WHO_POST.search(folded) and not _HOW_OR_WHY.match(_POLITE_OPENING.sub("", folded)) \
            and "brief" not in tokens(folded):
        return _reply("shortlist", text, LIKELY)
    return None


def _rule_for_request_opening(text: str, folded: str) -> Routed | None:
    """ "find 6 micro influncers for vinyl", "trouve-moi des créatrices…": an order for people, opening
    the message or one of its sentences ("la dernière agence… trouve-moi des vrais créateurs…"), or
    asking for so many of them ("on m'a demandé de trouver dix nano-créateurs qui…")."""
    for sentence in _SENTENCE_OR_DASH.split(folded):  # "Client sells snowshoes — can you find…"
        opening = _POLITE_OPENING.sub("", sentence).lstrip(" -")
        asked = phrase_pattern("find").match(opening)
        if asked and asked.group() not in _WEAK_OPENERS and _names_creators(opening[asked.end():], loose=True):
            return _reply("shortlist", text, LIKELY)
        asked_inside = _ASKS_TO_FIND.search(opening)  # a dictated run-on: "…opening on the third can you find me some…"
        if asked_inside and _names_people(opening[asked_inside.end():]) and not _opens_question(opening):
            return _reply("shortlist", text, LIKELY)
        so_many = _FIND_SO_MANY_PEOPLE.search(opening)
        # Needing so many people asks for them ("il nous faudrait une douzaine de micro-créatrices"),
        # unless the sentence asks something about them ("il faut 3 créateurs minimum ?").
        if so_many and not _opens_question(opening) and not (so_many.group("need") and "?" in sentence):
            return _reply("shortlist", text, LIKELY)
    return None


def _rule_for_request_sentence(text: str, folded: str) -> Routed | None:
    """ "…On aimerait des créatrices céramique autour de La Rochelle, sur Instagram, 10 profils, budget
    1 200 €. Est-ce le genre de chose que vous faites ?": a sentence that asks for people with the
    request's filters is the request, whatever is asked around it (whether Relais can do it, a side
    question about the law). The sentence itself must not be a question, and a brief's details name
    people too ("2 vidéos par créateur"), so a message about a brief is left to the brief rules."""
    if "brief" in tokens(folded):
        return None
    for sentence in SENTENCE_BREAK.split(text):
        folded_sentence = fold(sentence).strip()
        # "Hello la team 👋 On drop…": after a greeting, an article opens whom it greets, not a question
        greeted = _POLITE_OPENING.sub("", folded_sentence) != folded_sentence
        if "?" in sentence or not (greeted and _opens_with_an_article(folded_sentence)) and _asks_question(folded_sentence):
            continue
        wants = has_phrase("find", folded_sentence) or NEEDS.search(folded_sentence) \
            or _SO_MANY_PEOPLE.search(folded_sentence)
        if not wants or not any(
                is_people_word(token) and not platforms_in(token) for token in tokens(folded_sentence)):
            continue  # "same list but Instagram only": a platform is nobody
        slots = shortlist_slot_values(sentence)
        if _reads_as_niche(slots.get("niche")) and sum(field in slots for field in _REQUEST_FILTERS) >= 2:
            return _reply("shortlist", text, LIKELY)
    return None


_ASKS_TO_FIND = re.compile(r"(?<![\w])(?:(?:can|could) we (?:get|have)(?= (?:\d|a few|some|a couple))"
                           r"|(?:can|could|would) (?:you|u) (?:please )?(?:find|get|dig up|pull|round up|suggest"
                           r"|recommend|shortlist)|(?:tu peux|peux-tu|pourrais-tu|tu pourrais|vous pouvez|pouvez-vous"
                           r"|pourriez-vous) (?:me |nous )?(?:trouver|proposer|denicher|sortir|suggerer))(?![\w])")


def _names_people(folded: str) -> bool:
    return _names_creators(folded, loose=True) or any(is_people_word(token) for token in tokens(folded))


_SENTENCE_OR_DASH = re.compile(rf"{SENTENCE_BREAK.pattern}|\s[—–-]\s")


# "trouver dix nano-créateurs", "find 8 creators": a number of people to find is an order.
_FIND_SO_MANY_PEOPLE = re.compile(
    rf"(?<![\w])(?:trouver|find|denicher|shortlister|shortlist|recommend|recommander|proposer|suggest"
    rf"|pull(?: together)?|put together|round up|dig up|line up|(?P<need>{NEED}))"
    r"\s+(?:me\s+|moi\s+)?"
    rf"(?:\d{{1,3}}|(?:a |une )?(?:{COUNT_WORD}))\s+(?:[\w'-]+\s+){{0,2}}?"
    rf"(?:[\w-]*{_PEOPLE_STEMS}\w*)")


# "a brief for Harbor & Hive", "get a brief drafted for Lumen Leaf", "un brief pour Olivade": a brief
# for a named brand is an order, however long the message around it.
_BRIEF_FOR_A_BRAND = re.compile(r"(?i:\bbrief)[\"”»']?(?:\s+(?i:drafted|written|out|done|prepared|sorted|ready|redige|rédigé"
                                r"|ecrit|écrit|prêt|pret))?"
                                r"\s+(?i:for|pour)\s+(?:(?i:the|la|le|les)\s+)?[A-ZÀ-Ý]"
                                # the brand, then "brief:": "Ridgeline Tents brief: 2-person tent, yt + ig"
                                r"|^\W*[A-ZÀ-Ý][\w&'’.-]*(?:\s+(?:&\s+)?[A-ZÀ-Ý][\w&'’.-]*){0,3}\s+(?i:brief)"
                                r"(?:\s+(?i:please|pls|stp|svp))?\s*[:—–]")


def _rule_for_brief_for_a_brand(text: str, folded: str) -> Routed | None:
    match = _BRIEF_FOR_A_BRAND.search(text)
    if match is None:
        return None
    # The sentence that holds it: "c'est quoi la différence entre un brief et un contrat ? bon en
    # attendant fais-moi le brief pour L'Atelier de Zélie" asks for one after its question.
    start = max((m.end() for m in SENTENCE_BREAK.finditer(folded, 0, match.start())), default=0)
    sentence = folded[start:]
    if _opens_question(sentence) and not _ASKS_TO_WRITE.search(sentence):
        return None
    return _reply("brief", text, LIKELY)


# Find words that open other things than orders: "any idea how…", "top tips", "list the rules".
_WEAK_OPENERS = {"any", "top", "liste", "list", "some", "need", "i need", "selection", "identifier"}


_REQUEST_FILTERS = ("platform", "country", "tier", "budget", "min_followers", "max_followers", "limit")


def _reads_as_terse_request(text: str) -> bool:
    """No question, a niche, and at least two of a shortlist's filters; three in a longer message
    ("hot sauce brand, need barbecue folk round Leeds 🔥 tiktok, nobody over 10k, £700 all in")."""
    if "?" in text or len(text.split()) > 24 or _asks_question(fold(text)):
        return False  # "ballpark what does a micro on tiktok charge in the US" asks, with filters in it
    slots = shortlist_slot_values(text)
    filters = sum(field in slots for field in _REQUEST_FILTERS)
    return _reads_as_niche(slots.get("niche")) and filters >= (2 if len(text.split()) <= 14 else 3)


def _changes_the_list_instead(text: str) -> bool:
    """ "On peut regarder Mons plutôt que Namur ? Et enlève le budget": with a list on screen, what
    follows the question changes filters and reads like no caption (no handle, no hashtag)."""
    slots = caption_slots(text)
    return slots is not None and not looks_like_a_caption(slots.caption) and not refinement_slots(text).is_empty


def _only_changes_filters(text: str, leaning: str) -> bool:
    refinement = refinement_slots(text)
    return not refinement.is_empty and (leaning == "refine" or not names_a_niche(refinement.leftover))


def route_by_wording(text: str, has_shortlist: bool = False) -> Routed | None:
    """The intent the wording suggests ("brief", a question opener, a people word): the rules the
    examples fall back on when their nearest messages disagree."""
    folded = fold(text).strip()
    routed = _rule_for_brief(text, folded)
    if routed:
        return routed
    if not has_shortlist:
        routed = _rule_for_refinement(text, folded, has_shortlist)
        if routed:
            return routed
    return _rule_for_people_or_question(text, folded)


# Nearest examples -------------------------------------------------------------------------------------


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    weights = {intent: math.exp((score - top) / TEMPERATURE) for intent, score in scores.items()}
    total = sum(weights.values())
    return {intent: weight / total for intent, weight in weights.items()}


class Router:
    """The message's form first, then its nearest labelled messages (``bot/chat/examples.py``), then
    the wording rules when those neighbours disagree."""

    def __init__(self, encoder: E5Encoder, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.encoder = encoder
        self.min_confidence = min_confidence
        self._examples: tuple[list[str], list[str], np.ndarray] | None = None
        self._left_out: str | None = None
        self._lock = threading.Lock()

    def leaving_out(self, source: str) -> Router:
        """This router with one labelled set's messages left out of its examples (for evaluating
        that set as if the examples had never seen it); the vectors are shared, not recomputed."""
        other = Router(self.encoder, self.min_confidence)
        other._examples = self.example_vectors()
        other._left_out = source
        return other

    def example_vectors(self) -> tuple[list[str], list[str], np.ndarray]:
        """(intent of each example, its source, one normalised row per example), computed once."""
        with self._lock:
            if self._examples is None:
                examples = labelled_examples()
                matrix = example_matrix(self.encoder, examples)
                self._examples = ([e.intent for e in examples], [e.source for e in examples], matrix)
            return self._examples

    def intent_scores(self, text: str) -> dict[str, float]:
        """Per intent, the mean cosine similarity of its ``NEIGHBOURS`` nearest examples."""
        labels, sources, matrix = self.example_vectors()
        # Spaces folded as the knowledge base folds a question, so that answering it finds this
        # vector among the encoder's recent ones instead of embedding the message again.
        vector = self.encoder.query(" ".join(text.split()))
        similarities = matrix @ (vector / np.linalg.norm(vector))
        by_intent: dict[str, list[float]] = {}
        for label, source, similarity in zip(labels, sources, similarities.tolist()):
            if source != self._left_out:
                by_intent.setdefault(label, []).append(similarity)
        return {intent: float(np.mean(sorted(sims, reverse=True)[:NEIGHBOURS])) for intent, sims in by_intent.items()}

    def ranked_intents(self, text: str, has_shortlist: bool) -> list[Candidate]:
        scores = self.intent_scores(text)
        if not has_shortlist:
            scores.pop("refine", None)  # nothing to refine
            if not handles_in(text):  # nor anyone to explain or compare ("the football scores")
                scores.pop("explain", None)
                scores.pop("compare", None)
        probabilities = _softmax(scores)
        return [Candidate(intent=intent, score=round(p, 3))
                for intent, p in sorted(probabilities.items(), key=lambda item: -item[1])]

    def route(self, text: str, has_shortlist: bool = False) -> Routed:
        text = what_is_still_asked(as_written_to_relais(text))
        routed = route_by_form(text, has_shortlist)
        if routed:
            return routed
        ranked = self.ranked_intents(text, has_shortlist)
        best = ranked[0]
        if best.score >= self.min_confidence:  # the nearest messages agree on one intent
            return Routed(intent=best.intent, confidence=best.score, slots=slots_for(best.intent, text),
                          candidates=ranked[:3])
        leaning = best.intent if best.intent in ("refine", "shortlist") else (
            "shortlist" if _AGAINST_THE_LIST.search(fold(text)) else None)  # "Mons plutôt que Namur ?"
        if has_shortlist and leaning and _only_changes_filters(text, leaning):
            # The neighbours lean to a follow-up, or to a request, and the message changes filters and
            # names no new niche: "les mêmes mais en Belgique stp", "prends toute la Bretagne et monte
            # le budget à 2 000 €".
            return Routed(intent="refine", confidence=best.score, slots=slots_for("refine", text),
                          candidates=ranked[:3])
        if best.intent == "shortlist" and _reads_as_terse_request(text):
            # "black friday gymwear Cardiff YouTub 15k max": a niche and its filters, nothing else
            return Routed(intent="shortlist", confidence=best.score, slots=slots_for("shortlist", text),
                          candidates=ranked[:3])
        routed = route_by_wording(text, has_shortlist)
        if routed:
            return routed
        intent = "unsure" if has_trade_signal(text, fold(text)) else "other"
        return Routed(intent=intent, confidence=best.score, candidates=ranked[:3])
