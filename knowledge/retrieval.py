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
import re
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from knowledge.chunking import (
    SENTENCE_COUNT_KEY,
    SENTENCE_VECTORS_KEY,
    SENTENCE_VERSION,
    SENTENCE_VERSION_KEY,
    decode_vectors,
    encode_vectors,
    passage_text,
    section_heading,
    sentence_units,
)
from knowledge.store import as_store_error
from knowledge.text import (
    QueryTerm,
    cognate_key,
    detect_language,
    is_boilerplate,
    is_question,
    lexical_tokens,
    named_in,
    query_terms,
)
from knowledge.vector_cache import query_vectors

log = logging.getLogger(__name__)

# The usual RRF constant: a passage ranked 1st scores 1/61, 10th 1/70.
RRF_K = 60
# Candidates taken from each ranking before fusion.
CANDIDATES = 30
# Seconds between two checks that the collection did not change under the index (a count costs ~1 ms;
# a change made by another process is also caught when a dense hit is missing from the index).
COUNT_EVERY = 0.5
# Documents read from Chroma per request when building the BM25 index.
_PAGE = 1000
# BM25 counts more than each dense ranking: it is what puts the passage holding the exact name or figure
# first, and it is one ranking against four by meaning (all languages, each language, the closest sentence).
# 2.0 rather than 1.5: measured over the tuned set and held-out A to I, 1.75 and 2.0 each put the expected page
# first for 4-5 more questions (tuned, A, E, H) and for none fewer; from 2.5 on, pages found by meaning lose.
LEXICAL_WEIGHT = 2.0
# Words are matched across languages only through the glossary and cognates, so a page in the other language rarely
# tops the ranking by words: with more than one language, each language's ranking by words also counts this much.
# 0.5 rather than 0 or 1: over the tuned set and held-out A to J it put the expected page first for two more
# questions (D, G) and for none fewer; 1.0 with the combined ranking at 1.0 lost two (A, B).
LEXICAL_LANGUAGE_WEIGHT = 0.5
# The ranking of passages by their single closest sentence: a passage with one sentence that
# answers outranks one that is vaguely about the topic throughout.
SENTENCE_WEIGHT = 1.0
# What counts as evidence that the knowledge base covers a question: a sentence that states
# something. Fragments (a lone "Par", a date, a two-word heading) and questions (a FAQ heading)
# resemble any question by their form, not their content, so they neither count nor enter the
# background. They are still quoted as context around the answer.
MIN_EVIDENCE_CHARS = 30
# Fused scores of the first passages differ by a few percent: this much lower, for a passage whose
# document names none of the names the question gives, is enough to put a page that does first.
NAME_DISCOUNT = 0.15
# A knowledge base may hold a page and its translation (the shipped corpus does): both answer, and the reader is
# quoted in their own language. A document is another's translation when they are in different languages and
# state the same figures (dates, amounts, shares): TWIN_FIGURES of their distinct figures in common, at least
# TWIN_MIN_FIGURES of them. Measured: the shipped corpus's translated pairs share all their figures; distinct
# pages of the held-out sets share at most a third (years, small counts).
TWIN_FIGURES = 0.6
TWIN_MIN_FIGURES = 4
# How much lower a passage ranks when its page exists in the reader's language: fused scores of the first passages
# differ by a few percent, so this puts the reader's page first when both hold the answer, not when only one does.
TWIN_DISCOUNT = 0.05
PROBES_PATH = Path(__file__).parent / "probes.toml"
# A word the knowledge base never uses says the question is about something else only when its pages in
# the question's language use enough words: one short page lacks most of the words of a question that
# it answers. Measured: two or three pages of the held-out sets hold 400 to 770 distinct stems per
# language, the shipped corpus 1,200 to 2,000, a short guide of three paragraphs about 150.
MIN_VOCABULARY = 300


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
    opening: str = field(default="", repr=False)  # the first passage of its section, when that is an earlier one
    # The heading and sentences of the passage (chunking.sentence_units) and, for each, how far
    # its cosine to the question stands above the off-topic background, in standard deviations
    # (RelevanceBackground); empty when the passage has no sentence vectors.
    units: list[str] = field(default_factory=list, repr=False)
    unit_relevance: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    # The same measure for every unit, questions and fragments included: a FAQ heading is no evidence
    # that the base covers a question, but the one a question restates points to its answer.
    unit_closeness: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    has_heading: bool = False
    document_tokens: frozenset[str] = field(default_factory=frozenset, repr=False)  # every passage of its source

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
    """Every passage of the collection in memory: BM25, each passage's stems for coverage, and the
    passage and sentence vectors.

    Ranking passages by meaning here, exactly, costs a matrix product of a few milliseconds even
    for tens of thousands of passages; asking Chroma's approximate index instead cost two store
    round trips per question, which made concurrent questions wait on one another.
    """

    def __init__(self, ids: list[str], texts: list[str], metadatas: list[dict],
                 vectors: np.ndarray | None = None) -> None:
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
        self.passage_language = np.asarray([str(meta.get("language", "")) for meta in metadatas])
        self.vocabulary_sizes = _vocabulary_sizes(metadatas, self.token_sets)
        self._bm25 = BM25Okapi(corpus) if any(corpus) else None
        self._idf: dict[str, float] = dict(self._bm25.idf) if self._bm25 else {}
        self._max_idf = max(self._idf.values(), default=1.0)
        self._documents: dict[str, frozenset[str]] | None = None
        self._twins = _twin_documents(metadatas, texts)
        self.passage_matrix = _unit_rows(vectors, len(ids))
        self._index_sentences()

    def _index_sentences(self) -> None:
        """One matrix of every stored sentence vector, with which passage each row belongs to."""
        self.units: list[list[str]] = []
        self.unit_rows: list[tuple[int, int]] = []  # (first row, rows) per passage; rows 0 when it has no vectors
        self.missing_vectors: list[int] = []  # passages stored before sentence vectors existed
        blocks, owners, usable, asks = [], [], [], []
        row = 0
        for i, (meta, text) in enumerate(zip(self.metadatas, self.texts)):
            units = sentence_units(meta, text)
            self.units.append(units)
            vectors = None
            current = meta.get(SENTENCE_VERSION_KEY, 1) == SENTENCE_VERSION
            if current and meta.get(SENTENCE_COUNT_KEY) == len(units) and units:
                vectors = decode_vectors(str(meta.get(SENTENCE_VECTORS_KEY, "")), len(units))
            if vectors is None:
                self.unit_rows.append((row, 0))
                if units:
                    self.missing_vectors.append(i)
                continue
            blocks.append(vectors)
            owners.extend([i] * len(units))
            title = str(meta.get("title", ""))
            usable.extend(is_evidence(unit, title) for unit in units)
            asks.extend(is_question(unit) for unit in units)
            self.unit_rows.append((row, len(units)))
            row += len(units)
        dimension = blocks[0].shape[1] if blocks else 0
        self.sentence_matrix = np.vstack(blocks) if blocks else np.zeros((0, dimension), dtype=np.float32)
        self.sentence_owner = np.asarray(owners, dtype=np.int64)
        self.sentence_usable = np.asarray(usable, dtype=bool)
        self.sentence_asks = np.asarray(asks, dtype=bool)  # the page's own questions (FAQ headings...)
        self.sentence_language = (self.passage_language[self.sentence_owner] if len(owners)
                                  else np.zeros(0, dtype=str))

    def sentence_similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of ``vector`` to every stored sentence (rows of :attr:`sentence_matrix`)."""
        if not len(self.sentence_matrix) or self.sentence_matrix.shape[1] != len(vector):
            return np.zeros(len(self.sentence_matrix), dtype=np.float32)
        return self.sentence_matrix @ vector.astype(np.float32)

    def passage_similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of ``vector`` to every passage (-inf for all when passages have no vectors)."""
        if self.passage_matrix.shape[1] != len(vector):
            return np.full(len(self.ids), -np.inf, dtype=np.float32)
        return self.passage_matrix @ (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)

    def best_by_language(self, similarities: np.ndarray, usable: np.ndarray | None = None) -> dict[str, float]:
        """The highest similarity among usable sentences, per passage language."""
        mask = self.sentence_usable if usable is None else usable
        best = {}
        for language in self.language_counts:
            rows = mask & (self.sentence_language == language)
            if rows.any():
                best[language] = float(similarities[rows].max())
        return best

    @classmethod
    def from_collection(cls, collection) -> LexicalIndex:
        ids: list[str] = []
        texts: list[str] = []
        metadatas: list[dict] = []
        vectors: list[np.ndarray] = []
        offset = 0
        while True:
            page = collection.get(include=["documents", "metadatas", "embeddings"], limit=_PAGE, offset=offset)
            ids.extend(page["ids"])
            texts.extend(doc or "" for doc in page["documents"])
            metadatas.extend(meta or {} for meta in page["metadatas"])
            if len(page["ids"]):
                vectors.append(np.asarray(page["embeddings"], dtype=np.float32))
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        return cls(ids, texts, metadatas, np.vstack(vectors) if vectors else None)

    def __len__(self) -> int:
        return len(self.ids)

    def following(self, i: int) -> str:
        """The text of the passage after passage ``i`` in the same document and section ("" at the end
        of either: a quote that runs on into the next section would answer with another topic)."""
        meta = self.metadatas[i]
        j = self._place.get((meta.get("source"), int(meta.get("chunk_index", -2)) + 1))
        if j is None or self.metadatas[j].get("section", "") != meta.get("section", ""):
            return ""
        return self.texts[j]

    def opening(self, i: int) -> str:
        """The text of the first passage of passage ``i``'s section when that is an earlier one ("" otherwise)."""
        meta = self.metadatas[i]
        source, section, index = meta.get("source"), meta.get("section", ""), int(meta.get("chunk_index", 0))
        first = index
        while section and first > 0:
            j = self._place.get((source, first - 1))
            if j is None or self.metadatas[j].get("section", "") != section:
                break
            first -= 1
        return self.texts[self._place[(source, first)]] if first != index else ""

    def sources(self) -> set[str]:
        return {str(meta.get("source", "")) for meta in self.metadatas}

    def translated_sources(self, language: str) -> frozenset[str]:
        """The documents in another language than ``language`` that a document in ``language`` translates."""
        return self._twins.get(language, frozenset())

    def document_tokens(self, source: str) -> frozenset[str]:
        """The stems of every passage of one document (cached: the index is rebuilt on change)."""
        if self._documents is None:
            by_source: dict[str, set[str]] = {}
            for meta, tokens in zip(self.metadatas, self.token_sets):
                by_source.setdefault(str(meta.get("source", "")), set()).update(tokens)
            self._documents = {name: frozenset(tokens) for name, tokens in by_source.items()}
        return self._documents.get(source, frozenset())

    def scores(self, terms: Sequence[QueryTerm]) -> np.ndarray:
        if self._bm25 is None or not terms:
            return np.zeros(len(self.ids))
        return self._bm25.get_scores(query_tokens(terms))

    def weight(self, term: QueryTerm) -> float:
        """A word's idf, from its most common form or translation (how rare the notion is);
        a word the collection has never seen weighs as much as the rarest."""
        known = [self._idf[stem] for stem in term.stems | term.translations if stem in self._idf]
        return min(known) if known else self._max_idf

    def knows(self, term: QueryTerm) -> bool:
        """Whether any passage holds the word in some form: itself, a translation or a cognate."""
        forms = term.stems | term.translations | {key for key in map(cognate_key, term.stems) if key}
        return any(form in self._idf for form in forms)

    def coverage(self, terms: Sequence[QueryTerm], tokens: frozenset[str], across_languages: bool = False) -> float:
        """Share of the question's idf weight present in ``tokens`` (cognates at half weight)."""
        total = matched = 0.0
        for term in terms:
            weight = max(self.weight(term), 0.1)
            total += weight
            matched += weight * term_match(term, tokens, across_languages)
        return matched / total if total else 0.0


_THOUSANDS = re.compile(r"(?<=\d)[\s\u202f\u00a0,.](?=\d{3}\b)")


# A question that states figures of its own ("€320", "a 260 dish") describes a case; two of them rarely meet by chance
# on a page that tells another case (one shared figure, "30 days", often does), and a year dates any page.
FIGURES_STATED = 2
_YEAR = re.compile(r"(?:19|20)\d\d")


def stated_figures(question: str) -> frozenset[str]:
    """The figures of at least two digits a question states, years aside (none when fewer than FIGURES_STATED), cut
    as a page's words are ("1 500" is "1" and "500"; the "000" of any thousand is no figure of its own)."""
    figures = frozenset(token for token in lexical_tokens(question) if token.isdigit() and len(token) >= 2
                        and token.strip("0") and not _YEAR.fullmatch(token))
    return figures if len(figures) >= FIGURES_STATED else frozenset()


def _twin_documents(metadatas: list[dict], texts: list[str]) -> dict[str, frozenset[str]]:
    """For each language, the documents in other languages that one in it translates (see TWIN_FIGURES)."""
    figures: dict[str, set[str]] = {}
    languages: dict[str, Counter] = {}
    for meta, text in zip(metadatas, texts):
        source = str(meta.get("source", ""))
        figures.setdefault(source, set()).update(re.findall(r"\d+", _THOUSANDS.sub("", text)))
        languages.setdefault(source, Counter())[str(meta.get("language", ""))] += 1
    language = {source: counts.most_common(1)[0][0] for source, counts in languages.items()}
    twins: dict[str, set[str]] = {}
    sources = sorted(figures)
    for n, a in enumerate(sources):
        for b in sources[n + 1:]:
            if language[a] == language[b]:
                continue
            shared = figures[a] & figures[b]
            if len(shared) >= TWIN_MIN_FIGURES and len(shared) >= TWIN_FIGURES * len(figures[a] | figures[b]):
                twins.setdefault(language[a], set()).add(b)
                twins.setdefault(language[b], set()).add(a)
    return {lang: frozenset(found) for lang, found in twins.items()}


def _vocabulary_sizes(metadatas: list[dict], token_sets: list[frozenset[str]]) -> dict[str, int]:
    """How many distinct stems (cognate keys aside) the passages of each language hold."""
    stems: dict[str, set[str]] = {}
    for meta, tokens in zip(metadatas, token_sets):
        stems.setdefault(str(meta.get("language", "")), set()).update(t for t in tokens if not t.startswith("~"))
    return {language: len(found) for language, found in stems.items()}


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
        return 1.0 if _same_word(term.stems, tokens, _MIN_SHARED_WORD if across_languages else PREFIX_LETTERS) else 0.5
    return 0.0


# Snowball stems a verb and its noun apart ("résilier" resili, "résiliation" resili but "ils résilient"
# resilient; "proposer" propos, "proposition" proposit; "deliver" deliv, "delivery" deliveri): a stem
# of at least PREFIX_LETTERS letters that begins the other stem is the same word, not a mere cognate.
PREFIX_LETTERS = 5


def _same_word(stems: frozenset[str], tokens: frozenset[str], letters: int) -> bool:
    """Whether one of ``stems`` and one of ``tokens`` (a stem, not a cognate key) begins the other,
    the shorter having at least ``letters`` letters."""
    for stem in stems:
        if len(stem) < letters or stem.isdigit():
            continue
        for token in tokens:
            if len(token) >= letters and token[0] != "~" and (token.startswith(stem) or stem.startswith(token)):
                return True
    return False


def is_evidence(unit: str, title: str) -> bool:
    """Whether a sentence may show that the knowledge base covers a question (see MIN_EVIDENCE_CHARS)."""
    return len(unit) >= MIN_EVIDENCE_CHARS and not is_question(unit) and not is_boilerplate(unit, title, credits=False)


def embed_sentences(embeddings, passages: Sequence[tuple[dict, str]]) -> list[dict]:
    """The sentence-vector metadata of each (metadata, text) passage, in order.

    A sentence is embedded with its section heading before it, as a reader meets it: "It takes
    place within seven days" says what "it" is only under "The prize draw". Overlapping
    passages repeat sentences: each distinct (heading, sentence) is embedded once, and texts of
    similar length go in the same batch so that little padding is computed.
    """
    texts = [embedded_units(meta, text) for meta, text in passages]
    unique = sorted({unit for group in texts for unit in group}, key=len)
    if not unique:
        return [{} for _ in passages]
    vectors = np.asarray(embeddings.embed_documents(unique), dtype=np.float32)
    by_text = dict(zip(unique, vectors))
    return [
        {SENTENCE_VECTORS_KEY: encode_vectors(np.vstack([by_text[unit] for unit in group])),
         SENTENCE_COUNT_KEY: len(group), SENTENCE_VERSION_KEY: SENTENCE_VERSION} if group else {}
        for group in texts
    ]


def embedded_units(metadata: dict, text: str) -> list[str]:
    """What is embedded for each of :func:`sentence_units`: the heading alone, then each sentence under it."""
    units = sentence_units(metadata, text)
    heading = section_heading(metadata)
    if not heading:
        return units
    return [units[0], *(f"{heading}: {unit}" for unit in units[1:])]


@lru_cache(maxsize=1)
def load_probes() -> dict[str, tuple[str, ...]]:
    """The off-topic questions per language (knowledge/probes.toml)."""
    data = tomllib.loads(PROBES_PATH.read_text(encoding="utf-8"))
    return {language: tuple(questions) for language, questions in data["probes"].items()}


def _spread_of(best: np.ndarray) -> tuple[float, float]:
    return float(best.mean()), max(float(best.std()), _MIN_SPREAD)


# A page's own question (a FAQ heading) is compared with the reader's like a statement is, but two questions
# resemble each other by their form. Where the base holds at least MIN_PAGE_QUESTIONS distinct questions in a
# language, their closeness is measured against how close the off-topic probes come to them; where it holds fewer,
# a page question counts QUESTION_FORM_DISCOUNT deviations less than a statement (chosen on the seen sets: 1.0 and
# 1.5 lose a fact on E, 3.0 three on B, F; tuned unchanged).
# Measured over the tuned set and held-out A to J: 3 to 8 page questions give the same answers (five more facts,
# one fewer), and counting them a further 0.5 deviation less or more loses as many facts as it gains.
MIN_PAGE_QUESTIONS = 5
QUESTION_FORM_DISCOUNT = 2.0


# A spread below this would make every small cosine difference look significant (a knowledge
# base of a few sentences gives nearly equal probe maxima).
_MIN_SPREAD = 0.01


@dataclass
class RelevanceBackground:
    """How close off-topic questions come to this knowledge base, per language pair.

    For each (question language, passage language): the mean and standard deviation, over the
    probes of knowledge/probes.toml, of the best cosine between a probe and any sentence of
    that language. A question's evidence is expressed in those units, which is what lets one
    margin hold across corpora and language pairs.
    """

    pairs: dict[tuple[str, str], tuple[float, float]]
    # The same for whole passages (their stored vectors): how close off-topic questions come to the passages of
    # each language, which puts the passages of both languages on one scale in the ranking by meaning.
    passage_pairs: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    # And for the pages' own questions: two questions resemble each other by their form, so an off-topic question
    # comes closer to a FAQ heading than to a statement. Measured only where a language has MIN_PAGE_QUESTIONS.
    question_pairs: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def measure(cls, index: LexicalIndex, probe_vectors: dict[str, np.ndarray]) -> RelevanceBackground:
        pairs, passage_pairs, question_pairs = {}, {}, {}
        languages = index.passage_language
        for question_language, vectors in probe_vectors.items():
            if len(index.sentence_matrix) and vectors.shape[1] == index.sentence_matrix.shape[1]:
                similarities = index.sentence_matrix @ vectors.T
                for passage_language in index.language_counts:
                    rows = index.sentence_usable & (index.sentence_language == passage_language)
                    if rows.any():
                        pairs[(question_language, passage_language)] = _spread_of(similarities[rows].max(axis=0))
                    rows = index.sentence_asks & (index.sentence_language == passage_language)
                    if np.unique(index.sentence_matrix[rows], axis=0).shape[0] >= MIN_PAGE_QUESTIONS:
                        question_pairs[(question_language, passage_language)] = _spread_of(
                            similarities[rows].max(axis=0))
            if index.passage_matrix.shape[1] == vectors.shape[1] and len(index.passage_matrix):
                similarities = index.passage_matrix @ (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).T
                for passage_language in index.language_counts:
                    rows = languages == passage_language
                    passage_pairs[(question_language, passage_language)] = _spread_of(similarities[rows].max(axis=0))
        return cls(pairs, passage_pairs, question_pairs)

    def standardise_passages(self, question_language: str, languages: np.ndarray, cosine: np.ndarray) -> np.ndarray:
        """Passage cosines in background units of their language pair (unchanged when none was measured)."""
        out = cosine.astype(np.float64, copy=True)
        for language in set(languages.tolist()):
            stats = self.passage_pairs.get((question_language, language))
            if stats:
                rows = languages == language
                out[rows] = (cosine[rows] - stats[0]) / stats[1]
        return out

    def standardise(self, question_language: str, passage_language: str, cosine: np.ndarray) -> np.ndarray:
        mean, spread = self.pairs.get((question_language, passage_language)) or self._nearest(question_language)
        return (cosine - mean) / spread

    def _nearest(self, question_language: str) -> tuple[float, float]:
        """For a passage language no probe saw (an undetected language): the question language's worst case."""
        same = [stats for (ql, _), stats in self.pairs.items() if ql == question_language] or list(self.pairs.values())
        return max(same, default=(0.8, 0.02))


class HybridRetriever:
    """Dense + BM25 search over one Chroma collection, with optional language/source filters."""

    def __init__(self, collection, embeddings, location: str) -> None:
        self._collection = collection
        self._embeddings = embeddings
        self._location = location
        self._index: LexicalIndex | None = None
        self._background: RelevanceBackground | None = None
        self._background_of: LexicalIndex | None = None
        self._probe_vectors: dict[str, np.ndarray] | None = None
        self._counted_at = -COUNT_EVERY  # when the collection's size was last compared with the index
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        with self._lock:
            self._index = None
            self._background = None

    def index(self) -> LexicalIndex:
        """The BM25 index, (re)built when missing or when the collection's size changed."""
        with self._lock:
            if self._index is not None and time.monotonic() - self._counted_at < COUNT_EVERY:
                return self._index  # one question asks for it several times; another process's change shows soon
        try:
            count = self._collection.count()
            with self._lock:
                self._counted_at = time.monotonic()
                if self._index is None or len(self._index) != count:
                    index = LexicalIndex.from_collection(self._collection)
                    if index.missing_vectors and self.add_sentence_vectors(index):
                        index = LexicalIndex.from_collection(self._collection)
                    self._index = index
                    self._background = None
                    log.debug("BM25 index built over %d passages", len(self._index))
                return self._index
        except Exception as exc:
            raise as_store_error(exc, self._location) from exc

    def add_sentence_vectors(self, index: LexicalIndex) -> bool:
        """Upgrade passages stored before sentence vectors existed, in place (no file is re-read).

        Returns whether anything was written. A failure leaves those passages answerable the
        old way (by words), and the next rebuild tries again.
        """
        missing = index.missing_vectors
        log.info("adding sentence vectors to %d passages stored by an earlier version", len(missing))
        try:
            extra = embed_sentences(self._embeddings, [(index.metadatas[i], index.texts[i]) for i in missing])
            for start in range(0, len(missing), _PAGE):
                batch = missing[start : start + _PAGE]
                self._collection.update(
                    ids=[index.ids[i] for i in batch],
                    metadatas=[{**index.metadatas[i], **more} for i, more in zip(batch, extra[start : start + _PAGE])],
                )
        except Exception as exc:  # another process may have removed a passage meanwhile
            log.warning("could not add sentence vectors: %s", type(exc).__name__)
            return False
        return True

    def background(self) -> RelevanceBackground:
        """The off-topic background of the current index, measured once per change."""
        index = self.index()
        with self._lock:
            if self._background is None or self._background_of is not index:
                if self._probe_vectors is None:
                    self._probe_vectors = {language: query_vectors(self._embeddings, questions)
                                           for language, questions in load_probes().items()}
                self._background = RelevanceBackground.measure(index, self._probe_vectors)
                self._background_of = index
            return self._background

    def term_weights(self, terms: Sequence[QueryTerm]) -> dict[QueryTerm, float]:
        """Each question word's idf in the collection (floored: common words still count a little)."""
        index = self.index()
        return {term: max(index.weight(term), 0.1) for term in terms}

    def unknown_terms(self, terms: Sequence[QueryTerm], language: str) -> frozenset[QueryTerm]:
        """The question's words that no passage of the collection holds in any form (figures aside:
        a date or an amount is no topic); none while the collection's pages in the question's ``language``
        use too few words to judge by (MIN_VOCABULARY)."""
        index = self.index()
        if index.vocabulary_sizes.get(language, 0) < MIN_VOCABULARY:
            return frozenset()
        return frozenset(term for term in terms
                         if not index.knows(term) and not any(ch.isdigit() for stem in term.stems for ch in stem))

    def measured_languages(self) -> frozenset[str]:
        """The languages whose pages use enough words (MIN_VOCABULARY) for a question's evidence in them to be judged
        against a background measured on more than a few sentences."""
        return frozenset(language for language, size in self.index().vocabulary_sizes.items() if size >= MIN_VOCABULARY)

    def resolve_sources(self, source: str) -> list[str]:
        return match_sources(source, self.index().sources())

    def search(
        self,
        question: str,
        k: int = 5,
        language: str | None = None,
        source: str | None = None,
        query_vector: np.ndarray | None = None,
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
        similarities = index.passage_similarities(vector)
        per_language = [
            _best_hits(index, similarities, lang, sources, found=np.isfinite)
            for lang in ([language] if language else sorted(index.language_counts))
        ]
        # Across languages the cosines are on different scales (an English question scores every French passage
        # lower): the passages of all languages are ranked together in background units of their language pair.
        background = self.background()
        standing = background.standardise_passages(question_language, index.passage_language, similarities)
        dense = sorted((hit for hits in per_language for hit in hits),
                       key=lambda hit: standing[index.position[hit[0]]], reverse=True)
        lexical = self._lexical_hits(index, terms, language, sources)
        rankings = [(dense[:CANDIDATES], 1.0)] + [(hits, 1.0) for hits in per_language if len(per_language) > 1]
        sentence_similarities = index.sentence_similarities(vector)
        relevance = self._sentence_relevance(index, background, sentence_similarities, question_language)
        rankings.append((self._sentence_hits(index, relevance, language, sources), SENTENCE_WEIGHT))

        passages: dict[str, Passage] = {}

        def fuse(ranking: list[tuple[str, float]], weight: float) -> Iterator[tuple[Passage, float]]:
            for rank, (chunk_id, value) in enumerate(ranking):
                if chunk_id in index.position:
                    if chunk_id not in passages:
                        passages[chunk_id] = self._passage(index, chunk_id)
                    passage = passages[chunk_id]
                    passage.score += weight / (RRF_K + rank + 1)
                    yield passage, value

        for ranking, weight in rankings[:-1]:
            for passage, similarity in fuse(ranking, weight):
                passage.dense = similarity
        for _ in fuse(*rankings[-1]):
            pass
        lexical_rankings = [(lexical, LEXICAL_WEIGHT)]
        if len(per_language) > 1:  # as by meaning, each language's best match by words has its say
            lexical_rankings += [([hit for hit in lexical if index.passage_language[index.position[hit[0]]] == lang],
                                  LEXICAL_LANGUAGE_WEIGHT) for lang in sorted(index.language_counts)]
        for ranking, weight in lexical_rankings:
            for passage, bm25 in fuse(ranking, weight):
                passage.lexical = bm25
        names = named_in(question)
        if names:  # a page that names none of the question's names (FTC, BICOM...) answers another question
            for passage in passages.values():
                missing = sum(not name & index.document_tokens(passage.source) for name in names) / len(names)
                passage.score *= 1.0 - NAME_DISCOUNT * missing
        figures = stated_figures(question)
        if figures:  # "we pay €320 and give a €260 dish": the page stating those figures tells that very case
            for passage in passages.values():
                missing = sum(figure not in index.document_tokens(passage.source) for figure in figures) / len(figures)
                passage.score *= 1.0 - NAME_DISCOUNT * missing
        twins = index.translated_sources(question_language)
        for passage in passages.values():  # the same page in the reader's language is the one to quote
            if passage.source in twins:
                passage.score *= 1.0 - TWIN_DISCOUNT
        ranked = sorted(passages.values(), key=lambda p: p.score, reverse=True)[:k]
        closeness = self._question_closeness(index, background, sentence_similarities, question_language, relevance)
        for passage in ranked:
            if passage.dense is None:  # found by its words only: every result has both scores
                passage.dense = float(similarities[index.position[passage.id]])
            passage.coverage = index.coverage(terms, passage.tokens, passage.language != question_language)
            i = index.position[passage.id]
            first, rows = index.unit_rows[i]
            passage.units = index.units[i]
            passage.document_tokens = index.document_tokens(passage.source)
            passage.has_heading = bool(passage.units) and bool(section_heading(passage.metadata))
            if rows:
                passage.unit_relevance = np.where(index.sentence_usable[first : first + rows],
                                                  relevance[first : first + rows], -np.inf)
                passage.unit_closeness = closeness[first : first + rows]
        return ranked

    @staticmethod
    def _sentence_relevance(index: LexicalIndex, background: RelevanceBackground, similarities: np.ndarray,
                            question_language: str) -> np.ndarray:
        """Every stored sentence's cosine to the question (``similarities``), in background units of its language
        pair."""
        relevance = np.empty_like(similarities)
        for language in index.language_counts:
            rows = index.sentence_language == language
            relevance[rows] = background.standardise(question_language, language, similarities[rows])
        return relevance

    @staticmethod
    def _question_closeness(index: LexicalIndex, background: RelevanceBackground, similarities: np.ndarray,
                            question_language: str, relevance: np.ndarray) -> np.ndarray:
        """``relevance`` with the pages' own questions measured against the background of the pages' questions
        (see RelevanceBackground.question_pairs), or QUESTION_FORM_DISCOUNT lower where it was not measured."""
        closeness = relevance.copy()
        for language in index.language_counts:
            rows = index.sentence_asks & (index.sentence_language == language)
            if not rows.any():
                continue
            stats = background.question_pairs.get((question_language, language))
            if stats is None:
                closeness[rows] -= QUESTION_FORM_DISCOUNT
            else:
                closeness[rows] = (similarities[rows] - stats[0]) / stats[1]
        return closeness

    @staticmethod
    def _sentence_hits(index: LexicalIndex, relevance: np.ndarray, language, sources) -> list[tuple[str, float]]:
        """Passages ranked by their closest usable sentence."""
        if not len(relevance):
            return []
        best = np.full(len(index), -np.inf)
        np.maximum.at(best, index.sentence_owner, np.where(index.sentence_usable, relevance, -np.inf))
        return _best_hits(index, best, language, sources, found=np.isfinite)

    def _passage(self, index: LexicalIndex, chunk_id: str) -> Passage:
        i = index.position[chunk_id]
        return Passage(id=chunk_id, text=index.texts[i], metadata=index.metadatas[i], tokens=index.token_sets[i],
                       following=index.following(i), opening=index.opening(i))

    def _lexical_hits(self, index, terms, language, sources) -> list[tuple[str, float]]:
        return _best_hits(index, index.scores(terms), language, sources, found=lambda score: score > 0)


def _best_hits(index: LexicalIndex, scores: np.ndarray, language, sources, found) -> list[tuple[str, float]]:
    """The best-scored passages (up to CANDIDATES) in ``language`` and ``sources`` when given,
    stopping at the first score that ``found`` rejects."""
    hits = []
    for i in np.argsort(-scores, kind="stable"):
        if not found(scores[i]) or len(hits) >= CANDIDATES:
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


def _unit_rows(vectors: np.ndarray | None, count: int) -> np.ndarray:
    """Stored passage vectors scaled to length 1, so a product with a unit vector is a cosine."""
    if vectors is None or len(vectors) != count or not count:
        return np.zeros((count, 0), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
