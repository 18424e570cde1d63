"""The roster as columns in memory, for vectorised filters and scores.

Loaded once from SQLite and kept until the roster's version changes (every write bumps it), so a
shortlist over a million creators is array arithmetic, not a million Python objects. Rows are read
in chunks to keep the peak memory of a load close to the size of the result.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from scoring.config import ScoringConfig
from scoring.index import TermIndex
from scoring.models import PLATFORMS
from scoring.niches import crowded_niches
from scoring.rows import FORMULA_PER_VIEW
from scoring.terms import index_terms
from scoring.tiers import tier_codes

CHUNK = 50_000
FRAME_COLUMNS = (
    "platform", "handle", "display_name", "followers", "following", "avg_likes", "avg_comments", "avg_views",
    "engagement_rate", "engagement_formula", "country", "language", "sponsored_ratio", "follower_growth_30d",
    "audience_countries", "price_per_post", "currency", "last_post_at", "brand_safety_flags",
    "term_ids", "term_fields", "topic_ids",
)


class Codes:
    """Strings as small integers: code 0 is "unknown"."""

    def __init__(self) -> None:
        self.names: list[str | None] = [None]
        self._index: dict[str, int] = {}

    def code(self, name: str | None) -> int:
        if not name:
            return 0
        found = self._index.get(name)
        if found is None:
            found = self._index[name] = len(self.names)
            self.names.append(name)
        return found

    def lookup(self, name: str | None) -> int | None:
        """The code of a known name, None when no creator has it."""
        return self._index.get(name) if name else None


@dataclass
class RosterFrame:
    version: int
    handles: np.ndarray  # object
    display_names: np.ndarray  # object
    platform: np.ndarray  # uint8, index into PLATFORMS
    followers: np.ndarray  # float64; the rest are NaN when unknown
    following: np.ndarray
    likes: np.ndarray
    comments: np.ndarray
    views: np.ndarray
    er: np.ndarray
    er_per_view: np.ndarray  # bool: the rate is per view (TikTok/YouTube with views), not per follower
    growth: np.ndarray  # percent over 30 days
    sponsored: np.ndarray
    price: np.ndarray
    currency: np.ndarray  # uint8 codes into currencies.names
    last_post: np.ndarray  # epoch seconds
    country: np.ndarray  # int16 codes into countries.names
    language: np.ndarray  # int16 codes into languages.names
    audience: sparse.csr_matrix  # creators x countries.names, share 0-1
    flags: sparse.csr_matrix  # creators x flags.names, 1 where flagged
    terms: TermIndex
    topics: sparse.csr_matrix  # creators x topic tags, 1 where tagged
    topic_tags: list[str]
    coarse_tags: np.ndarray  # bool per tag: a broad category that much of the roster carries
    topic_vectors: np.ndarray  # tags x dimension, L2-normalised
    crowded: np.ndarray  # bool: the creator's niche is a crowded one (micro tier reaches further)
    tier: np.ndarray  # uint8, index into TIERS
    currencies: Codes = field(default_factory=Codes)
    countries: Codes = field(default_factory=Codes)
    languages: Codes = field(default_factory=Codes)
    flag_names: Codes = field(default_factory=Codes)
    contacts: int = 0  # creators left out for want of a follower count (see scoring.models.Creator)
    _row_norms: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.handles)

    def row_norms(self) -> np.ndarray:
        if self._row_norms is None:
            self._row_norms = self.terms.row_norms()
        return self._row_norms

    def find(self, platform: str, handle: str) -> int | None:
        matches = np.flatnonzero((self.handles == handle) & (self.platform == PLATFORMS.index(platform)))
        return int(matches[0]) if len(matches) else None


def _floats(values: tuple) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # None becomes NaN


def _epoch(values: tuple) -> np.ndarray:
    stamps = np.array(values, dtype="datetime64[s]")
    epoch = stamps.astype(np.int64).astype(np.float64)
    epoch[np.isnat(stamps)] = np.nan
    return epoch


def load_frame(
    db: sqlite3.Connection,
    version: int,
    config: ScoringConfig,
    vectors_for: Callable[[list[str]], np.ndarray],
) -> RosterFrame:
    """Read every creator into columns; ``vectors_for(tags)`` supplies the topic tag vectors."""
    vocabulary = dict(db.execute("SELECT term, id FROM terms"))
    topic_rows = db.execute("SELECT id, tag FROM topics ORDER BY id").fetchall()
    tag_position = {tag_id: i for i, (tag_id, _) in enumerate(topic_rows)}
    topic_tags = [tag for _, tag in topic_rows]
    platform_codes = {name: i for i, name in enumerate(PLATFORMS)}
    currencies, countries, languages, flag_names = Codes(), Codes(), Codes(), Codes()

    parts: dict[str, list] = {name: [] for name in (
        "handles", "display_names", "platform", "followers", "following", "likes", "comments", "views", "er",
        "er_per_view", "growth", "sponsored", "price", "currency", "last_post", "country", "language")}
    term_rows, term_ids, term_fields, topic_rows_idx, topic_cols = [], [], [], [], []
    audience_rows, audience_cols, audience_values, flag_rows, flag_cols = [], [], [], [], []
    offset = 0
    contacts = int(db.execute("SELECT COUNT(*) FROM creators WHERE followers IS NULL").fetchone()[0])
    # Contacts (no follower count) stay out: tier, engagement and cost all need the count.
    cursor = db.execute(f"SELECT {', '.join(FRAME_COLUMNS)} FROM creators WHERE followers IS NOT NULL")
    while True:
        chunk = cursor.fetchmany(CHUNK)
        if not chunk:
            break
        (platform, handle, display_name, followers, following, likes, comments, views, er, formula, country,
         language, sponsored, growth, audience, price, currency, last_post, flags, t_ids, t_fields, tp_ids) = zip(*chunk)
        count = len(chunk)
        parts["handles"].append(np.array(handle, dtype=object))
        parts["display_names"].append(np.array(display_name, dtype=object))
        parts["platform"].append(np.array([platform_codes[p] for p in platform], dtype=np.uint8))
        for name, values in (("followers", followers), ("following", following), ("likes", likes),
                             ("comments", comments), ("views", views), ("er", er), ("growth", growth),
                             ("sponsored", sponsored), ("price", price)):
            parts[name].append(_floats(values))
        parts["er_per_view"].append(np.array([f == FORMULA_PER_VIEW for f in formula], dtype=bool))
        parts["currency"].append(np.array([currencies.code(c) for c in currency], dtype=np.uint8))
        parts["country"].append(np.array([countries.code(c) for c in country], dtype=np.int16))
        parts["language"].append(np.array([languages.code(c) for c in language], dtype=np.int16))
        parts["last_post"].append(_epoch(last_post))
        for i in range(count):
            row = offset + i
            if audience[i] and audience[i] != "{}":
                for code, share in json.loads(audience[i]).items():
                    audience_rows.append(row)
                    audience_cols.append(countries.code(code))
                    audience_values.append(share)
            if flags[i] and flags[i] != "[]":
                for flag in json.loads(flags[i]):
                    flag_rows.append(row)
                    flag_cols.append(flag_names.code(flag))
        lengths = np.array([len(b) // 4 if b else 0 for b in t_ids], dtype=np.int64)
        term_rows.append(np.repeat(np.arange(offset, offset + count, dtype=np.int32), lengths))
        term_ids.append(np.frombuffer(b"".join(b or b"" for b in t_ids), dtype=np.int32))
        term_fields.append(np.frombuffer(b"".join(b or b"" for b in t_fields), dtype=np.uint8))
        topic_lengths = np.array([len(b) // 4 if b else 0 for b in tp_ids], dtype=np.int64)
        topic_rows_idx.append(np.repeat(np.arange(offset, offset + count, dtype=np.int32), topic_lengths))
        topic_cols.append(np.frombuffer(b"".join(b or b"" for b in tp_ids), dtype=np.int32))
        offset += count

    n = offset

    def joined(name: str, dtype) -> np.ndarray:
        return np.concatenate(parts[name]) if parts[name] else np.zeros(0, dtype=dtype)

    def concat(arrays: list[np.ndarray], dtype) -> np.ndarray:
        return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype=dtype)

    topic_ids_all = concat(topic_cols, np.int32)
    position = np.zeros(max(tag_position, default=0) + 1, dtype=np.int32)
    for tag_id, i in tag_position.items():
        position[tag_id] = i
    topics = sparse.csr_matrix(
        (np.ones(len(topic_ids_all), dtype=np.float32), (concat(topic_rows_idx, np.int32), position[topic_ids_all])),
        shape=(n, len(topic_tags)),
    )
    coarse_tags = _coarse_tags(topics, config)
    terms = TermIndex.build(
        n, vocabulary, concat(term_rows, np.int32), concat(term_ids, np.int32), concat(term_fields, np.uint8),
        config.relevance.field_weights, _words_of([t for t, c in zip(topic_tags, coarse_tags) if c], vocabulary),
    )
    audience_matrix = sparse.csr_matrix(
        (np.array(audience_values, dtype=np.float32), (np.array(audience_rows, dtype=np.int32),
                                                       np.array(audience_cols, dtype=np.int32))),
        shape=(n, len(countries.names)),
    )
    flag_matrix = sparse.csr_matrix(
        (np.ones(len(flag_rows), dtype=np.float32), (np.array(flag_rows, dtype=np.int32),
                                                    np.array(flag_cols, dtype=np.int32))),
        shape=(n, len(flag_names.names)),
    )
    followers = joined("followers", np.float64)
    crowded = _crowded(terms, config)
    frame = RosterFrame(
        version=version,
        handles=joined("handles", object),
        display_names=joined("display_names", object),
        platform=joined("platform", np.uint8),
        followers=followers,
        following=joined("following", np.float64),
        likes=joined("likes", np.float64),
        comments=joined("comments", np.float64),
        views=joined("views", np.float64),
        er=joined("er", np.float64),
        er_per_view=joined("er_per_view", bool),
        growth=joined("growth", np.float64),
        sponsored=joined("sponsored", np.float64),
        price=joined("price", np.float64),
        currency=joined("currency", np.uint8),
        last_post=joined("last_post", np.float64),
        country=joined("country", np.int16),
        language=joined("language", np.int16),
        audience=audience_matrix,
        flags=flag_matrix,
        terms=terms,
        topics=topics,
        topic_tags=topic_tags,
        coarse_tags=coarse_tags,
        topic_vectors=vectors_for(topic_tags) if topic_tags else np.zeros((0, 0), dtype=np.float32),
        crowded=crowded,
        tier=tier_codes(followers, crowded, config.tiers),
        currencies=currencies,
        countries=countries,
        languages=languages,
        flag_names=flag_names,
        contacts=contacts,
    )
    return frame


def _coarse_tags(topics: sparse.csr_matrix, config: ScoringConfig) -> np.ndarray:
    """Per tag, whether so many creators carry it that it is an export's broad category."""
    carriers = np.bincount(topics.indices, minlength=topics.shape[1])
    settings = config.relevance
    return carriers > max(settings.coarse_topic_min_creators - 1, settings.coarse_topic_share * topics.shape[0])


def _words_of(tags: list[str], vocabulary: dict[str, int]) -> np.ndarray:
    """The term ids of the tags' words, stemmed either way (a creator's language picks the stemmer)."""
    return np.array(sorted({vocabulary[term] for tag in tags for language in ("fr", "en")
                            for term in index_terms(tag, language) if term in vocabulary}), dtype=np.int32)


def _crowded(terms: TermIndex, config: ScoringConfig) -> np.ndarray:
    """Creators whose topics or bio name a crowded niche (fashion, beauty, food, lifestyle)."""
    threshold = config.relevance.field_weights["bio"]
    phrases = tuple(term for niche in crowded_niches() for term in niche.terms)
    return terms.best_phrase_scores(phrases) >= threshold - 1e-6
