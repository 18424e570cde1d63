"""Curated FR/EN niche vocabulary, and what a typed niche asks for.

A request is a list of typed words (slots). A niche from ``scoring/data/niches.toml`` is *named*
by the request when one of its terms has all its words among the typed ones: "cosmétiques
naturels" names natural_skincare through its term "cosmétiques naturels". The beauty niche, named
by "cosmétiques" alone, gives way to the niche that covers more of what was typed. Every term of
a named niche then stands in for the typed words that named it ("clean beauty", "soins bio",
"slow cosmetics" answer both words of "cosmétiques naturels"). :mod:`scoring.relevance` turns
this into scores.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import words
from scoring.config import read_data
from scoring.terms import word_slots

log = logging.getLogger(__name__)

Slot = frozenset[str]


@dataclass(frozen=True)
class Phrase:
    """A term to look for in creators' words: the text as written and its word slots."""

    text: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Niche:
    key: str
    label: dict[str, str]  # language -> label
    crowded: bool
    terms: tuple[Phrase, ...]


@dataclass(frozen=True)
class NamedNiche:
    niche: Niche
    covers: tuple[int, ...]  # indices of the typed slots that named it


@dataclass(frozen=True)
class NicheQuery:
    text: str  # the niche as typed
    slots: tuple[Slot, ...]  # its content words, filler removed
    words: tuple[str, ...]  # the typed word of each slot, for reasons
    named: tuple[NamedNiche, ...]

    @property
    def niches(self) -> tuple[str, ...]:
        return tuple(n.niche.key for n in self.named)


@lru_cache(maxsize=1)
def niche_vocabulary() -> dict[str, Niche]:
    data = read_data("niches")
    vocabulary = {}
    for key, entry in data["niches"].items():
        terms = []
        for text in entry["terms"]:
            slots = tuple(word_slots(text))
            if not slots or (len(slots) == 1 and len(words(text)) > 1):
                # "fait maison" minus its stop word is "maison": far broader than meant.
                log.warning("niche %s: term %r is skipped (it shrinks to %s)", key, text, [set(s) for s in slots])
                continue
            terms.append(Phrase(text=text, slots=slots))
        vocabulary[key] = Niche(
            key=key, label=dict(entry["label"]), crowded=bool(entry.get("crowded", False)), terms=tuple(terms)
        )
    return vocabulary


@lru_cache(maxsize=1)
def _niches_by_stem() -> dict[str, frozenset[str]]:
    """Stem -> keys of the niches with a term that holds it: a request only needs to be matched
    against the niches that share one of its stems (a shortlist otherwise walks every term)."""
    keys: dict[str, set[str]] = {}
    for niche in niche_vocabulary().values():
        for term in niche.terms:
            for slot in term.slots:
                for stem in slot:
                    keys.setdefault(stem, set()).add(niche.key)
    return {stem: frozenset(found) for stem, found in keys.items()}


@lru_cache(maxsize=1)
def _filler_stems() -> frozenset[str]:
    stems: set[str] = set()
    for word in read_data("niches").get("filler", []):
        for slot in word_slots(word):
            stems |= slot
    return frozenset(stems)


def expand_niche(text: str) -> NicheQuery:
    """The typed words of a niche request and the niches they name."""
    filler = _filler_stems()
    typed: list[Slot] = []
    shown: list[str] = []
    for word in words(text):
        for slot in word_slots(word):
            if not slot <= filler and slot not in typed:
                typed.append(slot)
                shown.append(word)
    by_stem = _niches_by_stem()
    sharing = {key for slot in typed for stem in slot for key in by_stem.get(stem, ())}
    named = []
    for niche in niche_vocabulary().values():
        if niche.key not in sharing:
            continue
        covers: set[int] = set()
        for term in niche.terms:
            hits = [next((i for i, t in enumerate(typed) if slot & t), None) for slot in term.slots]
            if all(hit is not None for hit in hits):
                covers.update(hits)  # type: ignore[arg-type]
        if covers:
            named.append(NamedNiche(niche=niche, covers=tuple(sorted(covers))))
    # A niche named by only part of what another niche covers is the looser reading of the same
    # words: "cosmétiques naturels" means natural skincare, not all of beauty (nail art, make-up).
    named = [
        n for n in named if not any(set(n.covers) < set(other.covers) for other in named if other is not n)
    ]
    return NicheQuery(text=text.strip(), slots=tuple(typed), words=tuple(shown), named=tuple(named))


def crowded_niches() -> tuple[Niche, ...]:
    """The niches where the micro tier reaches further (fashion, beauty, food, lifestyle)."""
    return tuple(niche for niche in niche_vocabulary().values() if niche.crowded)
