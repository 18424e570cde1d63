"""A shortlist: hard filters, relevance, score, then the best creators (or the best set within a budget).

Hard filters (platform, country, language, tier, follower bounds, excluded brand-safety flags)
are masks: a creator that fails one is never shortlisted. Creators below the relevance threshold
are not about the niche and are dropped silently. Among the rest, suspected fraud, excluded flags
and rates above the whole budget are left out *with the reason* when the creator would otherwise
have made the list. Reasons are only written for the creators shown.
"""

from __future__ import annotations

import time

import numpy as np

from scoring.budget import choose_within_budget
from scoring.config import FACTORS, ScoringConfig
from scoring.factors import Scores, score_rows
from scoring.frame import RosterFrame
from scoring.models import (
    PLATFORMS,
    TIERS,
    Creator,
    Exclusion,
    ScoredCreator,
    Shortlist,
    ShortlistRequest,
)
from scoring.places import places
from scoring.reasons import exclusion_reason, factor_reasons
from scoring.relevance import NicheMatch, lookalike_similarity, niche_relevance
from scoring.roster import Roster
from scoring.rows import RowError, parse_country, parse_language


class ShortlistError(ValueError):
    """A request that cannot be answered as asked (unknown --like creator, no niche...)."""


def shortlist_creators(roster: Roster, request: ShortlistRequest) -> Shortlist:
    if not request.niche.strip() and not request.like:
        raise ShortlistError("say which niche to look for (e.g. \"cosmétiques naturels\"), or give --like @handle")
    country = _code(parse_country, request.country)
    language = _code(parse_language, request.language)
    config = roster.config
    frame = roster.frame()
    now = time.time()

    reference = _reference_row(frame, request.like) if request.like else None
    platform = request.platform
    if reference is not None and platform is None:
        platform = PLATFORMS[frame.platform[reference]]  # lookalikes stay on the reference's platform
    mask = _hard_filters(frame, request, platform, country, language)

    match: NicheMatch | None = None
    relevance = np.zeros(frame.n, dtype=np.float32)
    if request.niche.strip():
        match = niche_relevance(roster.topics, frame, request.niche, config)
        relevance = match.relevance
    lookalike = None
    if reference is not None:
        mask[reference] = False
        lookalike = lookalike_similarity(frame, reference, config)
        relevance = 0.5 * relevance + 0.5 * lookalike if match else lookalike
    flagged = _flagged(frame, request.exclude_flags)

    rows = np.flatnonzero(mask & (relevance >= config.relevance.min_relevance))
    filters = _filters(request, platform, country, language)
    notes = []
    if not len(rows):
        notes.append(_nothing_found(frame, mask, request))
        return Shortlist(niche=request.niche, filters=filters, creators=[], total_cost=None, excluded=[],
                         budget=request.budget, currency=request.currency, notes=notes, weights=config.weights)
    scores = score_rows(frame, rows, relevance[rows], config, currency=request.currency, country=country, now=now)

    suspect = scores.suspect(config)
    is_flagged = flagged[rows] if flagged is not None else np.zeros(len(rows), dtype=bool)
    over_budget = scores.cost > request.budget if request.budget else np.zeros(len(rows), dtype=bool)
    eligible = ~suspect & ~is_flagged & ~over_budget
    order = np.argsort(-scores.score, kind="stable")
    chosen = _choose(scores, order, eligible, request, config)

    creators = _scored_creators(roster, frame, scores, chosen, match, reference, lookalike, request)
    excluded = _exclusions(frame, scores, order, eligible, suspect, is_flagged, chosen, request)
    total = round(sum(c.estimated_cost or 0 for c in creators), 2) if creators else None
    return Shortlist(
        niche=request.niche, filters=filters, creators=creators, total_cost=total, excluded=excluded,
        budget=request.budget, currency=request.currency, notes=notes, weights=config.weights,
    )


def _code(parse, value: str | None) -> str | None:
    """A country or language as a code, with the import's rules ("France" -> FR, "français" -> fr)."""
    if not value:
        return None
    try:
        return parse(value)
    except RowError as exc:
        raise ShortlistError(str(exc)) from None


def _reference_row(frame: RosterFrame, like: str) -> int:
    text = like.strip()
    platform = None
    if ":" in text:
        prefix, text = text.split(":", 1)
        platform = places().platform(prefix)
        if platform is None:
            raise ShortlistError(f"unknown platform {prefix!r} in --like {like!r}")
    handle = text.strip().lstrip("@").lower()
    matches = np.flatnonzero(frame.handles == handle)
    if platform:
        matches = matches[frame.platform[matches] == PLATFORMS.index(platform)]
    if not len(matches):
        raise ShortlistError(f"no creator @{handle} in the roster" + (f" on {platform}" if platform else ""))
    if len(matches) > 1:
        # The same person on several platforms: take the biggest account, the one a brand knows.
        matches = matches[np.argsort(-frame.followers[matches])]
    return int(matches[0])


def _hard_filters(frame: RosterFrame, request: ShortlistRequest, platform: str | None,
                  country: str | None, language: str | None) -> np.ndarray:
    mask = np.ones(frame.n, dtype=bool)
    if platform:
        mask &= frame.platform == PLATFORMS.index(platform)
    if country:
        code = frame.countries.lookup(country)
        mask &= frame.country == code if code is not None else False
    if language:
        code = frame.languages.lookup(language)
        mask &= frame.language == code if code is not None else False
    if request.tier:
        mask &= frame.tier == TIERS.index(request.tier)
    if request.min_followers is not None:
        mask &= frame.followers >= request.min_followers
    if request.max_followers is not None:
        mask &= frame.followers <= request.max_followers
    return mask


def _flagged(frame: RosterFrame, flags: list[str]) -> np.ndarray | None:
    codes = [c for c in (frame.flag_names.lookup(f.strip().lower()) for f in flags) if c is not None]
    if not codes:
        return None
    return np.asarray(frame.flags[:, codes].sum(axis=1)).ravel() > 0


def _choose(scores: Scores, order: np.ndarray, eligible: np.ndarray, request: ShortlistRequest,
            config: ScoringConfig) -> list[int]:
    """Positions (into scores arrays) of the creators to show, best score first."""
    ranked = [int(i) for i in order if eligible[i]]
    if not request.budget:
        return ranked[: request.limit]
    pool = ranked[: config.budget.candidates]
    # Engagements that reach the niche: a half-relevant creator's audience is half the target.
    values = scores.expected[pool] * scores.factors["relevance"][pool]
    picked = choose_within_budget(scores.cost[pool], values, request.budget, request.limit, config.budget.resolution)
    chosen = [pool[i] for i in picked]
    return sorted(chosen, key=lambda i: -scores.score[i])


def _scored_creators(roster: Roster, frame: RosterFrame, scores: Scores, chosen: list[int],
                     match: NicheMatch | None, reference: int | None, lookalike: np.ndarray | None,
                     request: ShortlistRequest) -> list[ScoredCreator]:
    keys = [(PLATFORMS[frame.platform[scores.rows[i]]], frame.handles[scores.rows[i]]) for i in chosen]
    stored = roster.get_many(keys)
    result = []
    for i, key in zip(chosen, keys):
        row = int(scores.rows[i])
        creator: Creator | None = stored.get(key)
        result.append(ScoredCreator(
            handle=key[1],
            platform=key[0],
            display_name=frame.display_names[row],
            followers=int(frame.followers[row]),
            tier=TIERS[frame.tier[row]],
            score=round(float(scores.score[i]), 1),
            factors={name: round(float(scores.factors[name][i]), 3) for name in FACTORS},
            reasons=factor_reasons(
                frame, scores, i, creator, match, reference, lookalike, request, roster.topics,
            ),
            estimated_cost=float(scores.cost[i]),
            cost_is_estimate=bool(scores.cost_is_estimate[i]),
            currency=request.currency,
        ))
    return result


def _exclusions(frame: RosterFrame, scores: Scores, order: np.ndarray, eligible: np.ndarray, suspect: np.ndarray,
                flagged: np.ndarray, chosen: list[int], request: ShortlistRequest) -> list[Exclusion]:
    """Left-out creators whose score would have put them in the list, with the reason."""
    room = len(chosen) < request.limit  # any of them would have made a list that is not full
    cutoff = -1.0 if room else min(scores.score[i] for i in chosen)
    ineligible = [int(i) for i in order[: request.limit + len(chosen) + 50] if not eligible[i]]
    found = []
    for i in ineligible:
        if scores.score[i] < cutoff or len(found) >= request.limit:
            break
        row = int(scores.rows[i])
        found.append(Exclusion(
            handle=frame.handles[row],
            platform=PLATFORMS[frame.platform[row]],
            reason=exclusion_reason(frame, scores, i, bool(suspect[i]), bool(flagged[i]), request),
        ))
    return found


def _filters(request: ShortlistRequest, platform: str | None, country: str | None, language: str | None) -> dict:
    filters: dict[str, object] = {}
    for name, value in (
        ("platform", platform), ("country", country), ("language", language), ("tier", request.tier),
        ("min_followers", request.min_followers), ("max_followers", request.max_followers),
        ("budget", request.budget), ("like", request.like),
        ("exclude_flags", request.exclude_flags or None), ("limit", request.limit),
    ):
        if value is not None:
            filters[name] = value
    return filters


def _nothing_found(frame: RosterFrame, mask: np.ndarray, request: ShortlistRequest) -> str:
    if frame.n == 0:
        return "the roster is empty: import creators first (relais creators import FILE, or relais creators sample)"
    if not mask.any():
        return f"no creator passes the filters among {frame.n:,} in the roster"
    return f"no creator matches “{request.niche}” among the {int(mask.sum()):,} that pass the filters"
