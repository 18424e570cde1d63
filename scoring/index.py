"""The lexical index of a roster: a sparse creator x term matrix, and phrase matching on it.

Each cell holds where the term was found, as a weight: in a topic tag (1.0), the bio (0.8) or a
caption (0.6) by default; a topic word that a large share of the roster carries (an export's coarse
category) weighs as a caption. Words are also weighted by their rarity in the roster (idf), which
:mod:`scoring.relevance` uses to weigh the words of a request.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from scoring.niches import Phrase, Slot
from scoring.terms import pair_slot

# Codes stored per (creator, term) in the roster's index blobs: higher is stronger evidence.
FIELD_CAPTION, FIELD_BIO, FIELD_TOPIC = 1, 2, 3


@dataclass
class TermIndex:
    matrix: sparse.csc_matrix  # creators x terms, float32 field weights
    vocabulary: dict[str, int]
    idf: np.ndarray  # per term

    @classmethod
    def build(
        cls, n: int, vocabulary: dict[str, int], rows: np.ndarray, terms: np.ndarray, fields: np.ndarray,
        field_weights: dict[str, float], coarse_terms: np.ndarray | None = None,
    ) -> TermIndex:
        """``coarse_terms``: ids of the words of coarse topic tags, whose topic cells weigh as captions."""
        weights = np.zeros(4, dtype=np.float32)
        weights[FIELD_CAPTION] = field_weights["caption"]
        weights[FIELD_BIO] = field_weights["bio"]
        weights[FIELD_TOPIC] = field_weights["topic"]
        size = max(len(vocabulary), int(terms.max()) + 1 if len(terms) else 0)
        values = weights[fields]
        if coarse_terms is not None and len(coarse_terms):
            values[(fields == FIELD_TOPIC) & np.isin(terms, coarse_terms)] = field_weights["caption"]
        matrix = sparse.csc_matrix((values, (rows, terms)), shape=(n, size), dtype=np.float32)
        matrix.sum_duplicates()
        document_frequency = np.diff(matrix.indptr)
        idf = np.log1p(n / np.maximum(document_frequency, 1)).astype(np.float32)
        return cls(matrix=matrix, vocabulary=vocabulary, idf=idf)

    @property
    def n(self) -> int:
        return self.matrix.shape[0]

    def slot_ids(self, slot: Slot) -> list[int]:
        return [self.vocabulary[s] for s in slot if s in self.vocabulary and self.vocabulary[s] < self.matrix.shape[1]]

    def slot_idf(self, slot: Slot) -> float:
        """A word's rarity; a word no creator uses is as rare as can be."""
        ids = self.slot_ids(slot)
        present = [i for i in ids if self.matrix.indptr[i + 1] > self.matrix.indptr[i]]
        return float(self.idf[present].max()) if present else float(np.log1p(self.n))

    def slot_found(self, slot: Slot) -> bool:
        return any(self.matrix.indptr[i + 1] > self.matrix.indptr[i] for i in self.slot_ids(slot))

    def column(self, slot: Slot) -> tuple[np.ndarray, np.ndarray]:
        """(creator rows, field weight) where any stem of the slot occurs; one entry per creator."""
        parts = [
            (self.matrix.indices[self.matrix.indptr[i] : self.matrix.indptr[i + 1]],
             self.matrix.data[self.matrix.indptr[i] : self.matrix.indptr[i + 1]])
            for i in self.slot_ids(slot)
        ]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        if len(parts) == 1:
            return parts[0]
        rows = np.concatenate([p[0] for p in parts])
        values = np.concatenate([p[1] for p in parts])
        order = np.lexsort((-values, rows))  # by row, strongest first
        rows, values = rows[order], values[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = rows[1:] != rows[:-1]
        return rows[first], values[first]

    def dense_column(self, slot: Slot) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        rows, values = self.column(slot)
        out[rows] = values
        return out

    def phrase_scores(self, phrase: Phrase) -> np.ndarray:
        """Per creator, where the whole phrase was found, its words in order; 0 where it was not.

        Multi-word phrases are matched through the index's pairs of neighbouring stems, so
        "cuisine végétale" does not match "cuisine" in a caption and "végétales" in a tag.
        """
        if len(phrase.slots) == 1:
            return self.dense_column(phrase.slots[0])
        pairs = [pair_slot(a, b) for a, b in zip(phrase.slots, phrase.slots[1:])]
        columns = [self.column(pair) for pair in pairs]
        if any(not len(rows) for rows, _ in columns):
            return np.zeros(self.n, dtype=np.float32)
        rows = np.concatenate([r for r, _ in columns])
        hits = np.bincount(rows, minlength=self.n)
        summed = np.bincount(rows, weights=np.concatenate([v for _, v in columns]), minlength=self.n)
        return np.where(hits == len(pairs), summed / len(pairs), 0.0).astype(np.float32)

    def phrase_score_of(self, phrase: Phrase, weights: dict[int, float]) -> float:
        """What :meth:`phrase_scores` gives one creator, from its {term id: weight} (its matrix row)."""
        slots = phrase.slots if len(phrase.slots) == 1 else [
            pair_slot(a, b) for a, b in zip(phrase.slots, phrase.slots[1:])
        ]
        found = [max((weights.get(i, 0.0) for i in self.slot_ids(slot)), default=0.0) for slot in slots]
        return sum(found) / len(found) if all(found) else 0.0

    def best_phrase_scores(self, phrases: tuple[Phrase, ...]) -> np.ndarray:
        best = np.zeros(self.n, dtype=np.float32)
        for phrase in phrases:
            np.maximum(best, self.phrase_scores(phrase), out=best)
        return best

    def row_norms(self) -> np.ndarray:
        """Euclidean norm of each creator's idf-weighted term vector (for lookalike cosines)."""
        columns = np.repeat(np.arange(self.matrix.shape[1]), np.diff(self.matrix.indptr))
        weighted = (self.matrix.data * self.idf[columns]) ** 2
        return np.sqrt(np.bincount(self.matrix.indices, weights=weighted, minlength=self.n)).astype(np.float32)
