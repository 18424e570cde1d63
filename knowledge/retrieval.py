"""Hybrid retrieval: dense vectors from Chroma and BM25 in memory, fused by reciprocal rank.

Dense search finds passages across languages (an English question reaches a French
passage); BM25 rewards the exact words, names and figures that dense vectors blur. Reciprocal
rank fusion combines the two rankings without having to put their scores on one scale, and
each passage keeps both raw scores, which the answer step uses to decide whether anything
relevant was found at all.

The BM25 index is built lazily from the collection's documents and rebuilt when this
process changes the collection, when the collection's size changes, or when Chroma returns
a passage the index has never seen (another process wrote to a shared Chroma server).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from langchain_chroma import Chroma
from rank_bm25 import BM25Okapi

from knowledge.chunking import passage_text
from knowledge.store import as_store_error
from knowledge.text import QueryTerm, cognate_key, detect_language, lexical_tokens, query_terms

log = logging.getLogger(__name__)

# The usual RRF constant: a passage ranked 1st scores 1/61, 10th 1/70.
RRF_K = 60
# Candidates taken from each ranking before fusion.
CANDIDATES = 30
# Documents read from Chroma per request when building the BM25 index.
_PAGE = 1000
# BM25 counts a little more than each dense ranking: measured on the eval set, it is what
# puts the passage holding the exact name or figure first.
LEXICAL_WEIGHT = 1.5


@dataclass
class Passage:
    """One retrieved chunk with the evidence for it."""

    id: str
    text: str
    metadata: dict
    score: float = 0.0  # fused reciprocal-rank score
    dense: float | None = None  # cosine similarity to the question, when dense search found it
    lexical: float = 0.0  # BM25 score
    coverage: float = 0.0  # idf-weighted share of the question's words found in the passage
    tokens: frozenset[str] = field(default_factory=frozenset, repr=False)
    following: str = field(default="", repr=False)  # the next passage of the same document

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))

    @property
    def source(self) -> str:
        return str(self.metadata.get("source", ""))

    @property
    def section(self) -> str:
        return str(self.metadata.get("section", ""))

    @property
    def language(self) -> str:
        return str(self.metadata.get("language", ""))


class LexicalIndex:
    """BM25 over every passage of the collection, plus each passage's stems for coverage."""

    def __init__(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None:
        self.ids = ids
        self.texts = texts
        self.metadatas = metadatas
        self.position = {chunk_id: i for i, chunk_id in enumerate(ids)}
        self._place = {(meta.get("source"), meta.get("chunk_index")): i for i, meta in enumerate(metadatas)}
        corpus = [
            lexical_tokens(passage_text(meta, text), meta.get("language") or None)
            for meta, text in zip(metadatas, texts)
        ]
        self.token_sets = [frozenset(tokens) for tokens in corpus]
        self.language_counts = Counter(str(meta.get("language", "")) for meta in metadatas)
        self._bm25 = BM25Okapi(corpus) if any(corpus) else None
        self._idf: dict[str, float] = dict(self._bm25.idf) if self._bm25 else {}
        self._max_idf = max(self._idf.values(), default=1.0)

    @classmethod
    def from_collection(cls, collection) -> LexicalIndex:
        ids: list[str] = []
        texts: list[str] = []
        metadatas: list[dict] = []
        offset = 0
        while True:
            page = collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            ids.extend(page["ids"])
            texts.extend(doc or "" for doc in page["documents"])
            metadatas.extend(meta or {} for meta in page["metadatas"])
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        return cls(ids, texts, metadatas)

    def __len__(self) -> int:
        return len(self.ids)

    def following(self, i: int) -> str:
        """The text of the passage after passage ``i`` in the same document ("" at the end)."""
        meta = self.metadatas[i]
        j = self._place.get((meta.get("source"), int(meta.get("chunk_index", -2)) + 1))
        return self.texts[j] if j is not None else ""

    def sources(self) -> set[str]:
        return {str(meta.get("source", "")) for meta in self.metadatas}

    def scores(self, terms: Sequence[QueryTerm]) -> np.ndarray:
        if self._bm25 is None or not terms:
            return np.zeros(len(self.ids))
        return self._bm25.get_scores(query_tokens(terms))

    def weight(self, term: QueryTerm) -> float:
        """A word's idf, from its most common form or translation (how rare the notion is);
        a word the collection has never seen weighs as much as the rarest."""
        known = [self._idf[stem] for stem in term.stems | term.translations if stem in self._idf]
        return min(known) if known else self._max_idf

    def coverage(self, terms: Sequence[QueryTerm], tokens: frozenset[str], across_languages: bool = False) -> float:
        """Share of the question's idf weight present in ``tokens`` (cognates at half weight)."""
        total = matched = 0.0
        for term in terms:
            weight = max(self.weight(term), 0.1)
            total += weight
            matched += weight * term_match(term, tokens, across_languages)
        return matched / total if total else 0.0


def query_tokens(terms: Sequence[QueryTerm]) -> list[str]:
    """What BM25 looks for: every form and translation of every question word, and cognate keys."""
    stems = {stem for term in terms for stem in term.stems}
    translated = {stem for term in terms for stem in term.translations}
    return sorted(stems | translated | {key for key in map(cognate_key, stems) if key})


# Across languages, short words that look alike are mostly false friends (EN "car", "train"
# in a French text); only longer words, names and numbers count there.
_MIN_SHARED_WORD = 6


def term_match(term: QueryTerm, tokens: frozenset[str], across_languages: bool = False) -> float:
    """1 when the word or a translation is among ``tokens``, 0.5 for a cognate only, else 0.

    ``across_languages``: the question and the tokens are in different languages.
    """
    shared = term.stems & tokens
    if across_languages:
        shared = {stem for stem in shared if len(stem) >= _MIN_SHARED_WORD or stem.isdigit()}
    if shared or term.translations & tokens:
        return 1.0
    if any(cognate_key(stem) in tokens for stem in term.stems):
        return 0.5
    return 0.0


class HybridRetriever:
    """Dense + BM25 search over one Chroma collection, with optional language/source filters."""

    def __init__(self, vectorstore: Chroma, collection, embeddings, location: str) -> None:
        self._vectorstore = vectorstore
        self._collection = collection
        self._embeddings = embeddings
        self._location = location
        self._index: LexicalIndex | None = None
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        with self._lock:
            self._index = None

    def index(self) -> LexicalIndex:
        """The BM25 index, (re)built when missing or when the collection's size changed."""
        try:
            count = self._collection.count()
            with self._lock:
                if self._index is None or len(self._index) != count:
                    self._index = LexicalIndex.from_collection(self._collection)
                    log.debug("BM25 index built over %d passages", len(self._index))
                return self._index
        except Exception as exc:
            raise as_store_error(exc, self._location) from exc

    def term_weights(self, terms: Sequence[QueryTerm]) -> dict[QueryTerm, float]:
        """Each question word's idf in the collection (floored: common words still count a little)."""
        index = self.index()
        return {term: max(index.weight(term), 0.1) for term in terms}

    def resolve_sources(self, source: str) -> list[str]:
        return match_sources(source, self.index().sources())

    def search(
        self,
        question: str,
        k: int = 5,
        language: str | None = None,
        source: str | None = None,
        query_vector: np.ndarray | None = None,
        _retried: bool = False,
    ) -> list[Passage]:
        """The ``k`` best passages for ``question``, best first; filters are exact."""
        index = self.index()
        if not len(index):
            return []
        sources = self.resolve_sources(source) if source else None
        if sources == []:
            return []
        terms = query_terms(question)
        question_language = detect_language(question)
        vector = query_vector if query_vector is not None else np.asarray(self._embeddings.embed_query(question))
        # e5 ranks passages in the question's language above equally relevant ones in the
        # other language; one dense ranking per language puts both on an equal footing.
        per_language = [
            self._dense_hits(vector, lang, sources, index.language_counts.get(lang, 0))
            for lang in ([language] if language else sorted(index.language_counts))
        ]
        dense = sorted((hit for hits in per_language for hit in hits), key=lambda hit: hit[1], reverse=True)
        if not _retried and any(hit_id not in index.position for hit_id, _ in dense):
            self.invalidate()  # another process changed the collection: rebuild, retry once
            return self.search(question, k, language, source, query_vector, _retried=True)
        lexical = self._lexical_hits(index, terms, language, sources)
        rankings = [(dense[:CANDIDATES], 1.0)] + [(hits, 1.0) for hits in per_language if len(per_language) > 1]

        passages: dict[str, Passage] = {}

        def fuse(ranking: list[tuple[str, float]], weight: float) -> Iterator[tuple[Passage, float]]:
            for rank, (chunk_id, value) in enumerate(ranking):
                if chunk_id in index.position:
                    if chunk_id not in passages:
                        passages[chunk_id] = self._passage(index, chunk_id)
                    passage = passages[chunk_id]
                    passage.score += weight / (RRF_K + rank + 1)
                    yield passage, value

        for ranking, weight in rankings:
            for passage, similarity in fuse(ranking, weight):
                passage.dense = similarity
        for passage, bm25 in fuse(lexical, LEXICAL_WEIGHT):
            passage.lexical = bm25
        ranked = sorted(passages.values(), key=lambda p: p.score, reverse=True)[:k]
        self._fill_dense(ranked, vector)
        for passage in ranked:
            passage.coverage = index.coverage(terms, passage.tokens, passage.language != question_language)
        return ranked

    def _fill_dense(self, passages: list[Passage], vector: np.ndarray) -> None:
        """Cosine similarity for passages only BM25 found, so every result has both scores."""
        missing = [p for p in passages if p.dense is None]
        if not missing:
            return
        try:
            stored = self._collection.get(ids=[p.id for p in missing], include=["embeddings"])
        except Exception as exc:
            raise as_store_error(exc, self._location) from exc
        by_id = dict(zip(stored["ids"], stored["embeddings"]))
        for passage in missing:
            if passage.id in by_id:
                passage.dense = float(np.dot(np.asarray(by_id[passage.id], dtype=np.float32), vector))

    def _passage(self, index: LexicalIndex, chunk_id: str) -> Passage:
        i = index.position[chunk_id]
        return Passage(id=chunk_id, text=index.texts[i], metadata=index.metadatas[i], tokens=index.token_sets[i],
                       following=index.following(i))

    def _dense_hits(self, vector, language, sources, total) -> list[tuple[str, float]]:
        if total == 0:
            return []
        try:
            found = self._vectorstore.similarity_search_by_vector_with_relevance_scores(
                vector.tolist(), k=min(CANDIDATES, total), filter=_where(language, sources)
            )
        except Exception as exc:
            raise as_store_error(exc, self._location) from exc
        # Chroma returns cosine distances; 1 - distance is the cosine similarity.
        return [(doc.id, 1.0 - float(distance)) for doc, distance in found if doc.id]

    def _lexical_hits(self, index, terms, language, sources) -> list[tuple[str, float]]:
        scores = index.scores(terms)
        order = np.argsort(-scores, kind="stable")
        hits = []
        for i in order:
            if scores[i] <= 0 or len(hits) >= CANDIDATES:
                break
            meta = index.metadatas[i]
            if language and meta.get("language") != language:
                continue
            if sources is not None and meta.get("source") not in sources:
                continue
            hits.append((index.ids[i], float(scores[i])))
        return hits


def match_sources(source: str, known: set[str], by_name_if_unique: bool = False) -> list[str]:
    """Indexed sources that ``source`` names: the exact string, a path (resolved), a file name,
    or a folder (every source under it). With ``by_name_if_unique`` a file name must be unique."""
    if source in known:
        return [source]
    as_path = str(Path(source).expanduser().resolve())
    if as_path in known:
        return [as_path]
    by_name = sorted(s for s in known if Path(s).name == source)
    if by_name and (len(by_name) == 1 or not by_name_if_unique):
        return by_name
    folder = as_path.rstrip("/") + "/"
    return sorted(s for s in known if s.startswith(folder))


def _where(language: str | None, sources: list[str] | None) -> dict | None:
    clauses = []
    if language:
        clauses.append({"language": language})
    if sources is not None:
        clauses.append({"source": {"$in": sources}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
