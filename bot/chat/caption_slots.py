"""Where a caption sits in a message that asks for a check (in quotes, after its label, after the
words asking, before the question, in a form), and where it is to be posted."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from pydantic import BaseModel

from bot.chat.brief_slots import is_setting
from bot.chat.slots import (
    FIELD_LABEL,
    check_words,
    fold,
    is_creator_word,
    jurisdictions_in,
    other_market,
    platforms_in,
    tokens,
)

# Single quotes only around a caption that ends the message, or one with a handle or a hashtag
# inside ("she wants to post '… @taffvalleytea …' as her caption"): inside French text they are apostrophes.
_QUOTED = re.compile(r"«\s*(?P<a>[^»]+?)\s*»|“(?P<b>[^”]+)”|\"(?P<c>[^\"]+)\""
                     r"|(?:(?<=\s)|^)['‘](?P<d>.{8,}?)['’]\s*[?!.]*\s*$"
                     r"|(?<=\s)['‘](?P<e>(?:(?!\s['‘’]|['‘’]\s)[^\n]){0,200}?[@#]\w(?:(?!\s['‘’]|['‘’]\s)[^\n]){0,200}?)['’]"
                     r"(?=[\s,.;:!?)]|$)")


# Where a caption starts when it is not quoted: after ":", a dash, or the question about it
# ("légende ok en Belgique? Découvrez…"). A check word must stand before it (see asks_for_check).
_CAPTION_AFTER = re.compile(r":|\s[—–/-]\s|\s?(?:->|=>|→)\s?|\?\s+(?=\S)|\s*\n+\s*(?=\S)")


class CaptionSlots(BaseModel):
    caption: str
    jurisdiction: str | None = None
    platform: str | None = None


# The caption's own label, when the message's first delimiter came before it.
# What a caption is called, folded and not ("légende"), as its label or a form field.
_CAPTION_WORDS = "caption|legende|légende|texte|text|post|description"
_CAPTION_LABEL = re.compile(rf"(?:(?:the|my|ma|la) )?(?:{_CAPTION_WORDS})(?: (?:is|est|would be|serait))?"
                            r"\s*:\s*")


def caption_slots(text: str) -> CaptionSlots | None:
    """The caption (in quotes, or after the first ":") and what the rest says about where it goes."""
    split = _split_caption(text)
    if split is None:
        return None
    caption, outside = split
    named = jurisdictions_in(outside)
    platforms = platforms_in(outside)
    return CaptionSlots(caption=caption, jurisdiction=named[0] if named else other_market(outside),
                        platform=platforms[0] if platforms else None)



@lru_cache(maxsize=256)
def _split_caption(text: str) -> tuple[str, str] | None:
    """(the caption, the rest of the message). Routing asks it twice a message (is a check asked, then its
    slots), and each time it folds the text and finds the words asking for a check more than once."""
    set_apart = _set_apart(text)
    if set_apart and set_apart.group("body").strip():  # a code block, or lines between "-----" rules
        caption = set_apart.group("body").strip()
        return caption, text[:set_apart.start()] + " " + text[set_apart.end():]
    quoted = _QUOTED.search(text)
    if quoted and _names_a_label(next(g for g in quoted.groups() if g is not None)):
        quoted = None  # 'is "gifted" enough or do we need "ad"?' asks about labels: no caption
    after = _caption_start(text)
    if quoted:
        caption = next(g for g in quoted.groups() if g is not None).strip()
        outside = text[:quoted.start()] + " " + text[quoted.end():]
    elif after and _asks_after(text, after):  # "Merci @lumi pour ce cadeau — c'est conforme ?"
        caption, outside = text[:after.start()].strip(), text[after.end():]
    elif after:
        caption, outside = text[after.end():].strip().lstrip("/—–👇⬇↓\ufe0f").strip(), text[:after.start()]
        label = _CAPTION_LABEL.match(fold(caption))
        if label:  # "compliant in canada?? caption is: gifted by…": the caption starts after its label
            outside += " " + caption[:label.end()]
            caption = caption[label.end():].strip()
    else:
        return None
    fields = _caption_fields(caption)
    if fields:  # "- market: Canada / - platform: Instagram / - text: Cozy nights…"
        caption, outside = fields[0], outside + " " + fields[1]
    caption, outside = _without_settings_ahead(caption, outside)
    return (caption, outside) if caption else None


_FENCED = re.compile(r"```(?:[a-z]*[ \t]*\n)?(?P<body>.+?)\s*```", re.S)
_BETWEEN_RULES = re.compile(r"(?m)^[ \t]*(?:-{3,}|_{3,}|={3,})[ \t]*\n(?P<body>(?:.+\n?)+?)(?:^[ \t]*(?:-{3,}|_{3,}|={3,})[ \t]*$|\Z)")


def _set_apart(text: str) -> re.Match[str] | None:
    """A caption set apart from the message: in a code block, or between "-----" rules."""
    return _FENCED.search(text) or _BETWEEN_RULES.search(text)


def _names_a_label(quoted: str) -> bool:
    """Three words at most, no handle, no emoji: a label or a phrase quoted to ask about it."""
    return "@" not in quoted and len(quoted.split()) <= 3 and all(c.isalnum() or c in " #'’-" for c in quoted.strip())


def _without_settings_ahead(caption: str, outside: str) -> tuple[str, str]:
    """The caption without what goes before it: a line announcing it ("Caption's on the next line"),
    or where it goes ("US, YouTube description —⏎⏎This video is sponsored…")."""
    while True:
        first, newline, rest = caption.partition("\n")
        if newline and rest.strip() and _ANNOUNCES_CAPTION.search(first) and not looks_like_a_caption(first):
            caption, outside = rest.strip(), outside + " " + first
            continue
        paragraphs = _PARAGRAPH.split(caption, maxsplit=1)
        if len(paragraphs) == 2 and looks_like_a_caption(paragraphs[1]) and len(paragraphs[0].split()) <= 20 and (
                not looks_like_a_caption(paragraphs[0]) or _ASKS_ABOUT_LABELS.search(fold(paragraphs[0]))):
            # "story ig demain 9h⏎⏎Ma nouvelle routine…", "is #gifted enough or do we need #ad⏎⏎…": what
            # is said about the post, then the post
            caption, outside = paragraphs[1].strip(), outside + " " + paragraphs[0]
            continue
        head = _CAPTION_AFTER.search(caption)
        if head and caption[head.end():].strip() and caption[:head.start()].strip() and (
                is_setting(_ANNOUNCES_CAPTION.sub(" ", caption[:head.start()]))
                or _says_whose_post(caption[:head.start()])):
            caption, outside = caption[head.end():].strip(), outside + " " + caption[:head.start()]
            continue
        return caption, outside


_ASKS_ABOUT_LABELS = re.compile(r"(?<![\w])(?:enough|suffisant|suffit|do (?:we|i) need|faut-il|il faut|is it ok)(?![\w])")


def _says_whose_post(head: str) -> bool:
    """ "Reel d'une créatrice de Nantes", "IG caption from our dog creator": a short line before ":"
    saying whose post follows, not the caption's own first words (which a creator word rarely opens)."""
    if re.search(r"[@#]", head) or len(head.split()) > 8:
        return False
    folded = tokens(fold(head))
    return any(is_creator_word(t) for t in folded) and (
        bool(platforms_in(head)) or _ANNOUNCES_CAPTION.search(head) is not None or _POST_KIND.search(head) is not None)


_POST_KIND = re.compile(r"(?i)(?<![\w])(?:reels?|story|stories|posts?|shorts?|vid[eé]os?|carrousel|carousel|pin|thread)(?![\w])")


def _caption_start(text: str) -> re.Match[str] | None:
    """Where the caption starts: at the first delimiter, when the words asking for a check come before
    it ("Vérifie : …"). After a heading ("Fwd: note from legal — caption below, fine for the UK?⏎⏎new
    trainers…"), at the first delimiter after all those words, or after the first of them when the
    caption itself uses some."""
    asking = [match.end() for match in check_words(fold(text))]
    first = _CAPTION_AFTER.search(text)
    paragraph = _PARAGRAPH.search(text)
    if first and paragraph and first.start() < paragraph.start() and looks_like_a_caption(text[paragraph.end():]) \
            and text[first.end():paragraph.start()].rstrip().endswith("?"):
        # "ça va comme texte ? Et faut-il un règlement ?⏎⏎CONCOURS…": questions, then the caption
        return _CAPTION_AFTER.search(text, paragraph.start())
    if not asking or first and first.start() >= asking[0]:  # "Vérifie : …", "is this ok for the UK? …"
        return first
    after_all = _CAPTION_AFTER.search(text, asking[-1])
    if after_all and after_all.end() < len(text.rstrip()):
        return after_all
    return _CAPTION_AFTER.search(text, asking[0]) or first


def _asks_after(text: str, delimiter: re.Match[str]) -> bool:
    """The check is asked after the caption: the words asking come after the delimiter and end the message."""
    folded = fold(text)
    asked = next(iter(check_words(folded)), None)
    return (asked is not None and asked.start() >= delimiter.end() and looks_like_a_caption(text[:delimiter.start()])
            and _CAPTION_AFTER.search(text, asked.end()) is None)


_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*(?=\S)")
_CAPTION_FIELD = re.compile(rf"(?im)^[^\w\n]*(?:[\w'’ ]{{0,24}}\s)?(?:{_CAPTION_WORDS})[ \t]*:[ \t]*(?=\S)")
# A line that only announces the caption: "Caption's on the next line", "voici la légende" (not
# "post": "Big post today" may open the caption itself).
_ANNOUNCES_CAPTION = re.compile(r"(?i)\b(?:caption|legende|légende|texte|text|description)\b")


def _caption_fields(caption: str) -> tuple[str, str] | None:
    """(the caption, the other fields) when what follows the request is a form with a caption field."""
    if len(FIELD_LABEL.findall(caption)) < 2:
        return None
    field = _CAPTION_FIELD.search(caption)
    if field is None:
        return None
    return caption[field.end():].strip(), caption[:field.start()]


def _form_without_caption(text: str) -> bool:
    """ "Shortlist request:⏎• platform: YouTube⏎• topic: …": a form with no caption or text field, nor a
    caption quoted beside it (a forwarded e-mail's "From: …⏎Subject: …" lines, then "…@brand…")."""
    quoted = _QUOTED.search(text)
    if quoted and looks_like_a_caption(next(g for g in quoted.groups() if g is not None)):
        return False
    return len(FIELD_LABEL.findall(text)) >= 2 and _CAPTION_FIELD.search(text) is None


def _only_questions(caption: str) -> bool:
    """ "- do beauty filters need a disclaimer?⏎- does that apply to stories?" is a list of questions."""
    lines = [line.strip() for line in caption.splitlines() if line.strip()]
    return bool(lines) and all(line.endswith("?") for line in lines) and not looks_like_a_caption(caption)


def asks_for_check(text: str) -> bool:
    split = _split_caption(text)
    if split is None or _only_questions(split[0]) or _form_without_caption(text):
        return False
    caption, outside = split
    quoted = _QUOTED.search(text) or _set_apart(text)
    # 'is "…" ok?': around a quoted caption a bare "ok" asks; before a ":" it may only acknowledge.
    folded = fold(outside)
    return (bool(check_words(folded)) or bool(quoted) and "ok" in tokens(folded)
            or _misspells_a_check_word(folded) and looks_like_a_caption(caption)
            or looks_like_a_caption(caption) and _ASKS_ABOUT_IT.search(fold(text.replace(caption, " ", 1))) is not None)


# A question about the text set apart from it: "C'tu beau pour le Québec, ça? «…»", "Does this cut it?⏎⏎…".
_ASKS_ABOUT_IT = re.compile(r"(?<![\w'])(?:this|that|it|ca|ceci|cela)(?![\w'])[^?]*\?|(?<![\w'])(?:ca|this|that|it)\s*\?"
                            # "Amazon storefront post from one of our creators, ok?⏎⏎…"
                            r"|(?<![\w'])(?:ok|okay|fine|good|alright|correct|legit|bon|ca va|ca passe)\s*\?+\s*$")


_CHECK_WORDS = ("verifie", "verifier", "legende", "caption", "conforme", "compliant", "relire", "relis")


def _misspells_a_check_word(folded: str) -> bool:
    """ "tu peux verifer cette legnde": a check word typed one letter off."""
    return any(difflib.get_close_matches(token, _CHECK_WORDS, n=1, cutoff=0.8)
               for token in tokens(folded) if len(token) >= 6)


def looks_like_a_caption(text: str) -> bool:
    return bool(re.search(r"[@#]\w", text))
