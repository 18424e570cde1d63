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
from scoring.wording import Wording


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
    masks = _filter_masks(frame, request, platform, country, language)
    mask = _hard_filters(masks, frame.n)

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
        notes.append(_nothing_found(frame, masks, mask, request))
        if frame.contacts and frame.n:  # they might have been the ones: say why they were not looked at
            say = Wording(request.reasons_language)
            notes.append(say.say("empty_contacts_aside", count=say.number(frame.contacts)))
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


def _filter_masks(frame: RosterFrame, request: ShortlistRequest, platform: str | None,
                  country: str | None, language: str | None) -> list[tuple[str, object, np.ndarray]]:
    """(filter, its value, the creators that pass it) for each hard filter the request sets."""
    masks = []
    if platform:
        masks.append(("platform", platform, frame.platform == PLATFORMS.index(platform)))
    for name, value, codes, column in (("country", country, frame.countries, frame.country),
                                       ("language", language, frame.languages, frame.language)):
        if value:
            code = codes.lookup(value)
            masks.append((name, value, column == code if code is not None else np.zeros(frame.n, dtype=bool)))
    if request.tier:
        masks.append(("tier", request.tier, frame.tier == TIERS.index(request.tier)))
    if request.min_followers is not None:
        masks.append(("min_followers", request.min_followers, frame.followers >= request.min_followers))
    if request.max_followers is not None:
        masks.append(("max_followers", request.max_followers, frame.followers <= request.max_followers))
    return masks


def _hard_filters(masks: list[tuple[str, object, np.ndarray]], n: int) -> np.ndarray:
    mask = np.ones(n, dtype=bool)
    for _name, _value, passing in masks:
        mask &= passing
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
    if request.budget is not None:
        filters["currency"] = request.currency  # "Budget: £1,000", not € whatever was asked
    return filters


def _nothing_found(frame: RosterFrame, masks: list[tuple[str, object, np.ndarray]], mask: np.ndarray,
                   request: ShortlistRequest) -> str:
    """Why a shortlist is empty, in the request's language: the filter that leaves no one, and what the
    roster has instead ("no creator in the roster has a country")."""
    say = Wording(request.reasons_language)
    if frame.n == 0 and frame.contacts:
        return say.say("empty_only_contacts", count=say.number(frame.contacts))
    if frame.n == 0:
        return say.say("empty_roster")
    if mask.any():
        return say.say("empty_no_niche", niche=request.niche, count=say.number(int(mask.sum())))
    for name, value, passing in masks:
        if passing.any():
            continue
        if name in ("country", "language"):
            column = frame.country if name == "country" else frame.language
            if not column.any():  # code 0: not filled in
                return say.say("empty_no_field", field=say.say(f"field_{name}"), value=value)
        present = _present_values(frame, name, say)
        described = describe_filter(name, value, say)
        return say.say("empty_no_value", filter=described, present=say.say("present_values", values=present))
    counts = ", ".join(f"{describe_filter(name, value, say)}: {say.number(int(passing.sum()))}"
                       for name, value, passing in masks)
    return say.say("empty_together", counts=counts)


def describe_filter(name: str, value: object, say: Wording) -> str:
    if name == "platform":
        return say.platform(str(value))
    if name == "tier":
        return say.tier(str(value))
    if name in ("min_followers", "max_followers"):
        return say.say("followers_bound", sign="≥" if name == "min_followers" else "≤", count=say.number(float(value)))
    return str(value)


def _present_values(frame: RosterFrame, name: str, say: Wording, most: int = 4) -> str:
    """The commonest values of a filter's column, with their counts: "FR 120, BE 40"."""
    if name in ("min_followers", "max_followers"):
        low, high = float(frame.followers.min()), float(frame.followers.max())
        return f"{say.number(low)}–{say.number(high)}"
    column, names = {
        "platform": (frame.platform, list(PLATFORMS)),
        "tier": (frame.tier, list(TIERS)),
        "country": (frame.country, frame.countries.names),
        "language": (frame.language, frame.languages.names),
    }[name]
    codes, counts = np.unique(column, return_counts=True)
    ranked = sorted(((int(n), int(c)) for c, n in zip(codes, counts) if name in ("platform", "tier") or c), reverse=True)
    label = {"platform": say.platform, "tier": say.tier}.get(name, str)
    return ", ".join(f"{label(names[c])} {say.number(n)}" for n, c in ranked[:most])
