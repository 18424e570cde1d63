"""How well each creator matches a niche (0-1), and why.

Two signals, combined as a soft OR (``1 - (1 - lexical) * (1 - w * semantic)``):

* lexical: the request is looked for in the creator's topic tags, bio and captions, as typed or
  through the curated synonyms of the niches it names (:mod:`scoring.niches`), weighted by where
  it was found (a tag says more than a caption).
* semantic: cosine between the niche (e5 "query:") and each of the creator's topic tags (e5
  "passage:", cached in Chroma), mapped to 0-1 between a floor and a ceiling. It catches tags the
  vocabulary does not list; it is capped (``semantic_weight``) because a short query can land
  near unrelated tags.

Lookalikes replace (or, with a niche, average with) the niche match: shared words and niches
with the reference creator, and similar size.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from scoring.config import RelevanceSettings, ScoringConfig
from scoring.frame import RosterFrame
from scoring.niches import NicheQuery, Phrase, expand_niche, niche_vocabulary
from scoring.terms import index_terms, pair_slot, text_language
from scoring.topics import TopicVectors

log = logging.getLogger(__name__)


@dataclass
class NicheMatch:
    query: NicheQuery
    lexical: np.ndarray
    semantic: np.ndarray
    relevance: np.ndarray


def _ramp(values: np.ndarray, floor: float, ceiling: float) -> np.ndarray:
    return np.clip((values - floor) / (ceiling - floor), 0.0, 1.0).astype(np.float32)


def lexical_relevance(frame: RosterFrame, query: NicheQuery, relevance: RelevanceSettings) -> np.ndarray:
    """The best of: the whole request found as typed; or the share of its words answered.

    A typed word is answered by a term of a niche it named (``synonym_weight``) or, at
    ``partial_word_weight``, by the word alone: a bio that says "vidéo" is not about "jeux vidéo".
    Words no creator uses and no niche explains are left out of the share.
    """
    index = frame.terms
    if not query.slots:
        return np.zeros(frame.n, dtype=np.float32)
    whole = index.phrase_scores(Phrase(text=query.text, slots=query.slots))
    niche_scores = {named.niche.key: index.best_phrase_scores(named.niche.terms) for named in query.named}
    answered = np.zeros(frame.n, dtype=np.float32)
    counted = 0
    for position, slot in enumerate(query.slots):
        helpers = [named.niche.key for named in query.named if position in named.covers]
        if not helpers and not index.slot_found(slot):
            continue
        best = relevance.partial_word_weight * index.dense_column(slot)
        for key in helpers:
            np.maximum(best, relevance.synonym_weight * niche_scores[key], out=best)
        answered += best
        counted += 1
    if counted:
        answered /= counted
    return np.maximum(whole, answered)


def semantic_relevance(frame: RosterFrame, vector: np.ndarray, config: ScoringConfig) -> np.ndarray:
    """Per creator, the best ramped similarity between the niche and one of its topic tags."""
    out = np.zeros(frame.n, dtype=np.float32)
    if frame.topic_vectors.size == 0 or frame.topic_vectors.shape[1] != len(vector):
        return out
    relevance = config.relevance
    tag_scores = _ramp(frame.topic_vectors @ vector, relevance.semantic_floor, relevance.semantic_ceiling)
    # A broad category says as little by meaning as by its words (see TermIndex.build).
    tag_scores[frame.coarse_tags] *= relevance.field_weights["caption"] / relevance.field_weights["topic"]
    topics = frame.topics
    counts = np.diff(topics.indptr)
    nonempty = np.flatnonzero(counts)
    if len(nonempty):
        out[nonempty] = np.maximum.reduceat(tag_scores[topics.indices], topics.indptr[nonempty])
    return out


def niche_relevance(topics: TopicVectors, frame: RosterFrame, niche: str, config: ScoringConfig) -> NicheMatch:
    query = expand_niche(niche)
    lexical = lexical_relevance(frame, query, config.relevance)
    semantic = np.zeros(frame.n, dtype=np.float32)
    if niche.strip() and frame.topic_vectors.size:
        try:
            semantic = semantic_relevance(frame, topics.query(niche), config)
        except Exception as exc:  # an unreachable embedding server leaves the lexical match
            log.warning("semantic relevance unavailable (%s: %s); using words only", type(exc).__name__, exc)
    relevance = 1.0 - (1.0 - lexical) * (1.0 - config.relevance.semantic_weight * semantic)
    return NicheMatch(query=query, lexical=lexical, semantic=semantic, relevance=relevance.astype(np.float32))


def lookalike_similarity(frame: RosterFrame, reference: int, config: ScoringConfig) -> np.ndarray:
    """0-1 per creator: how much it talks like the reference creator, times size similarity.

    Two topical signals, averaged: the cosine of idf-weighted word (and word-pair) vectors, and
    how well the creator matches the curated niches the reference belongs to, which bridges
    languages ("grimpe" and "climbing"). Tag embeddings are not used here: between two short
    tags e5 is too noisy (measured: "grimpe" sits closer to "friperie" than to "bloc").
    """
    index = frame.terms
    row = index.matrix.getrow(reference).tocoo()
    ref_terms = row.col
    ref_values = row.data * index.idf[ref_terms]
    dots = index.matrix[:, ref_terms] @ (index.idf[ref_terms] * ref_values)
    norms = frame.row_norms()
    ref_norm = float(np.linalg.norm(ref_values)) or 1.0
    lexical = np.clip(np.divide(dots, norms * ref_norm, out=np.zeros(frame.n), where=norms > 0), 0.0, 1.0)
    # The reference's own niches: a term of the niche in its tags or bio.
    weights = dict(zip(ref_terms.tolist(), row.data.tolist()))
    strong = config.relevance.field_weights["bio"] - 1e-6
    own = [niche for niche in niche_vocabulary().values()
           if any(index.phrase_score_of(term, weights) >= strong for term in niche.terms)]
    if own:
        niche_match = np.mean([index.best_phrase_scores(niche.terms) for niche in own], axis=0)
        topical = 0.5 * lexical + 0.5 * niche_match
    else:
        topical = lexical
    size_ratio = np.abs(np.log(np.maximum(frame.followers, 1) / max(frame.followers[reference], 1)))
    size = 0.5 ** (size_ratio / np.log(config.lookalike.size_half_ratio))
    weight = config.lookalike.size_weight
    return (topical * (1 - weight + weight * size)).astype(np.float32)


@dataclass
class Evidence:
    """Where a creator's words meet the niche, for the reason sentence."""

    phrase: str  # the creator's tag when found in topics, else the phrase looked for
    field: str  # "topics", "bio" or "captions"
    synonym: bool


def _found(slots: tuple, indexed: set[str]) -> bool:
    if len(slots) == 1:
        return bool(slots[0] & indexed)
    return all(pair_slot(a, b) & indexed for a, b in zip(slots, slots[1:]))


def niche_evidence(match: NicheMatch, topics: list[str], bio: str | None, captions: list[str],
                   language: str | None) -> Evidence | None:
    """The best phrase of the request (as typed, else a synonym) found in this creator's words."""
    lang = text_language(" ".join([bio or "", *captions]), language)
    typed = match.query
    candidates: list[tuple[str, tuple, bool]] = [(typed.text, typed.slots, False)] if typed.slots else []
    for named in typed.named:
        candidates.extend(
            (term.text, term.slots, not all(slot in typed.slots for slot in term.slots)) for term in named.niche.terms
        )
    candidates.extend((w, (s,), False) for w, s in zip(typed.words, typed.slots))  # one typed word, last resort
    places = [("topics", tag) for tag in topics] + [("bio", bio or "")] + [("captions", c) for c in captions]
    for field, text in places:  # topics first: a tag is the creator saying what it is about
        terms = set(index_terms(text, lang))  # a place is read only if the ones before it said nothing
        for phrase, slots, synonym in candidates:
            if _found(slots, terms):
                return Evidence(phrase=text if field == "topics" else phrase, field=field, synonym=synonym)
    return None


def closest_tag(frame: RosterFrame, row: int, vector: np.ndarray) -> str | None:
    tags = frame.topics.indices[frame.topics.indptr[row] : frame.topics.indptr[row + 1]]
    if not len(tags) or frame.topic_vectors.size == 0:
        return None
    sims = frame.topic_vectors[tags] @ vector
    return frame.topic_tags[int(tags[int(np.argmax(sims))])]
