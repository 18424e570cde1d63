"""Token-safe matching of labels and phrases in captions, ignoring case and accents.

Captions mix emoji, accents, hashtags glued to punctuation and several languages, so every
search runs on a normalised copy of the text (case-folded, accents and ligatures removed,
typographic apostrophes and dashes made plain) that keeps, for each character, its offset in
the original caption: positions reported to people are the caption's own.

Two kinds of pattern are built from the rule data:
- labels ("#ad", "Publicité", "{brand} partner"): a hashtag label matches only that whole
  hashtag ("#ad" not in "#adventure"), a word label only whole words outside hashtags
  ("pub" not in "public", "ad" not in "#ad");
- phrases (keywords and claims): whole words, each word may take a plural "s", and a one-word
  phrase also matches as a hashtag ("#champagne"). A hyphenated compound is one word, as for
  labels: "gin" is not in "gin-ger" nor "vin" in "pot-au-vin" (a drink's compound such as
  "gin-tonic" is a phrase of its own). A phrase starting with "re:" is a regular expression on
  the normalised text.

Two more readings widen what the words find, for new spellings rather than new words:
- ``unleet``: a digit written for a letter inside a word ("pr0nos", "c0de", "v4pe") is read as
  that letter; digits beside other digits or at a word's edge ("20 mg", "x10", "4x4") stay;
- ``compound_pattern``: German and Dutch glue words together, so a stem marked with a hyphen on
  the side the rest of the word attaches to matches inside compounds: "nikotin-" finds
  "Nikotinsalz-Liquid" and "Nikotinbeutel", "-wein" finds "Rotwein"; listed exceptions
  ("nikotinfrei", "schwein") do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.text import Folded, fold_with_offsets

BRAND = "{brand}"
_WORD_SEPARATOR = r"[^\w#@]+"
_MENTION = r"@[\w.]+"


# The caption as searched, with offsets back into it (the one normaliser, in knowledge.text).


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The normalised form of a short text (for comparing labels and ids)."""
    return fold_with_offsets(text).text


# A digit standing for a letter, only between two letters: "pr0nos", "c0de"; not "20mg", "x10".
_LEET = re.compile(r"(?<=[^\W\d_])[013457]{1,2}(?=[^\W\d_])")
_LEET_LETTERS = str.maketrans("013457", "oieast")


def unleet(text: str) -> str:
    """``text`` with digits written for letters inside words read as letters (same length)."""
    return _LEET.sub(lambda match: match.group().translate(_LEET_LETTERS), text)


def unleet_folded(text: Folded) -> Folded:
    """The same for a normalised text; the offsets into the caption stay valid (same length)."""
    plain = unleet(text.text)
    return text if plain == text.text else Folded(plain, text.origin)


@lru_cache(maxsize=1024)
def compound_pattern(part: str, exceptions: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The regex finding a compound stem ("nikotin-": a word starting with it and going on;
    "-wein": a word ending with it, give or take a plural), never inside one of ``exceptions``
    (whole compounds, or their last or first part: "schwein" covers "Wildschwein")."""
    stem = re.escape(fold(part.strip("-")))
    if part.endswith("-"):
        body = rf"{stem}-?[^\W\d_][\w-]*"
    elif part.startswith("-"):
        body = rf"[^\W\d_][\w-]*?-?{stem}(?:e|n|en|s|es|er|tje|tjes)?"
    else:
        raise ValueError(f"compound part {part!r} needs a hyphen where the rest of the word goes")
    guard = ""
    if exceptions:
        words = "|".join(re.escape(fold(word)) for word in sorted(exceptions, key=len, reverse=True))
        # Not when the whole word is, starts with or ends with an exception ("nikotinfrei", "wildschwein").
        guard = rf"(?![\w-]*(?:{words})(?:e|n|en|s|es)?(?![\w-]))(?!(?:{words}))"
    return re.compile(rf"(?<![\w@#-]){guard}{body}(?![\w-])")


def _compact(brand: str) -> str:
    return re.sub(r"[^\w]", "", fold(brand))


def label_pattern(label: str, brand: str | None = None) -> re.Pattern[str] | None:
    """The regex finding ``label`` in normalised text, or None when it needs an unknown brand.

    Without a brand, ``#{brand}_partner`` still matches any ``#xxx_partner``, but a placeholder
    glued to letters (``#{brand}partner``) or a plain-word one (``{brand} partner``) is skipped:
    guessing there would accept "#lifepartner" or "my partner" as a disclosure. A label starting
    with "re:" is a regular expression on the normalised text, as in the phrase sets: a
    relationship said in the poster's own words ("I lead the billing team at @acme") has a shape
    rather than one wording.
    """
    return _label_pattern(label.strip(), brand and _compact(brand))


@lru_cache(maxsize=2048)
def _label_pattern(label: str, brand: str | None) -> re.Pattern[str] | None:
    if label.startswith("re:"):
        return re.compile(label[3:])
    norm = fold(label)
    if norm.startswith("#"):
        parts = norm[1:].split(BRAND)
        if len(parts) > 1 and not brand:
            if any(part[:1].isalnum() for part in parts[1:]):
                return None
            brand_re = r"[^\W_]+"
        else:
            brand_re = re.escape(brand or "")
        body = brand_re.join(re.escape(part) for part in parts)
        return re.compile(rf"(?<![\w&/#])#{body}(?!\w)")
    pieces = []
    for token in re.findall(r"\{brand\}|@|[^\W_]+", norm):
        if token == "@":
            pieces.append(_MENTION)
        elif token == BRAND:
            if not brand:
                return None
            pieces.append(rf"@?{re.escape(brand)}[\w.]*")
        else:
            pieces.append(re.escape(token))
    if not pieces:
        raise ValueError(f"label {label!r} has no word to match")
    # "ad" is not the label in "ad-free" or "non-ad"; "Ad - Gifted" keeps it.
    return re.compile(r"(?<![\w#@])(?<!\w-)" + _WORD_SEPARATOR.join(pieces) + r"(?!\w|-\w)")


@lru_cache(maxsize=1024)
def heading_pattern(label: str) -> re.Pattern[str] | None:
    """The regex finding a hashtag label's word ("#annonce" -> "annonce") set apart as a line's
    heading, in normalised text: bracketed ("[annonce]", "(annonce)", group ``bracketed``) or
    followed by a tag's separator ("annonce |", "annonce ·", group ``tagged``), with nothing but
    signs before it on its line. None for a word label or one that needs a brand."""
    norm = fold(label.strip())
    if not re.fullmatch(r"#[^\W_]+", norm):
        return None
    word = re.escape(norm[1:])
    return re.compile(
        rf"(?m)^[^\w\n#@]*?(?:[\[(][ \t]*(?P<bracketed>{word})[ \t]*[\])]|(?P<tagged>{word})[ \t]*[|·•])"
    )


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The regex finding a keyword or claim phrase in normalised text (see the module doc)."""
    if phrase.startswith("re:"):
        return re.compile(phrase[3:])
    words = re.findall(r"[^\W_]+", fold(phrase))
    if not words and phrase.strip():
        return re.compile(re.escape(fold(phrase.strip())))  # an emoji or symbol ("🎰"): as written
    if not words:
        raise ValueError(f"phrase {phrase!r} has no word to match")
    body = _WORD_SEPARATOR.join(re.escape(word) + "s?" for word in words)
    before = r"(?<![\w@])" if len(words) == 1 else r"(?<![\w#@])"
    return re.compile(before + r"(?<!\w-)" + body + r"(?!\w|-\w)")


def find(pattern: re.Pattern[str], text: Folded) -> list[tuple[int, int]]:
    """Spans of every match, as offsets in the ORIGINAL caption."""
    return [
        (text.original_offset(m.start()), text.original_offset(m.end() - 1) + 1)
        for m in pattern.finditer(text.text)
    ]


def contains(pattern: re.Pattern[str], text: Folded) -> bool:
    return pattern.search(text.text) is not None


_TOKEN = re.compile(r"[#@]?[^\W_][\w]*")


def tokens_before(caption: str, offset: int) -> list[str]:
    """Words, hashtags and mentions of the caption that end before ``offset``."""
    return [m.group() for m in _TOKEN.finditer(caption[:offset])]


def hashtags_right_before(caption: str, offset: int) -> int:
    """How many hashtags directly precede ``offset`` (stopping at the first word or mention)."""
    count = 0
    for token in reversed(tokens_before(caption, offset)):
        if not token.startswith("#"):
            break
        count += 1
    return count
