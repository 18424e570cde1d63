"""Lexical terms of creators and niches, the same way knowledge retrieval tokenises text.

``knowledge.text.tokenize`` is word-local once the language is fixed (fold accents, drop stop
words, Snowball-stem), so it is applied once per distinct word and remembered: a roster of
100,000 bios repeats the same few tens of thousands of words, and stemming each occurrence again
would cost minutes.

A creator's words are stemmed in the creator's language; a niche typed by a brand manager is
stemmed both ways, because the request and the creators may not share a language: each typed
word becomes a *slot* of one or two stems, and a slot matches when any of them is found.

Creators are also indexed by pairs of neighbouring stems ("recet vegetal"), so that a phrase of
several words matches only where its words follow each other: "Recette du baume" and "huiles
végétales" in one profile are not "recettes végétales".
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.text import detect_language, tokenize, words


@lru_cache(maxsize=500_000)
def stem(word: str, language: str) -> str | None:
    """The stem of one already-folded word, or None for a stop word."""
    found = tokenize(word, language)  # type: ignore[arg-type]
    return found[0] if found else None


def text_language(text: str, declared: str | None) -> str:
    """The stemming language: the creator's declared one when it is French or English, else detected."""
    if declared in ("fr", "en"):
        return declared
    return detect_language(text) if text.strip() else "en"


def terms(text: str, language: str) -> list[str]:
    """Stems of a text, in order (duplicates kept)."""
    found = []
    for word in words(text):
        s = stem(word, language)
        if s:
            found.append(s)
    return found


def index_terms(text: str, language: str) -> list[str]:
    """What a creator's text is indexed by: its stems, then each pair of neighbouring stems."""
    stems = terms(text, language)
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def pair_slot(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    """The neighbouring-stem terms two consecutive slots may appear as."""
    return frozenset(f"{a} {b}" for a in first for b in second)


def word_slots(text: str) -> list[frozenset[str]]:
    """One slot per content word of a request: the set of its French and English stems."""
    slots = []
    for word in words(text):
        variants = {s for s in (stem(word, "fr"), stem(word, "en")) if s}
        if variants:
            slots.append(frozenset(variants))
    return slots
