"""The six score factors (0-1 each), computed for many creators at once, and their sentences.

* engagement: the engagement rate against the benchmark of the creator's platform and tier,
  ``ratio / (1 + ratio)``: 0.5 at the benchmark, 0.67 at twice it. Rates are per follower on
  Instagram and per view on TikTok/YouTube when views are known (see :mod:`scoring.rows`).
  When comments look like a pod's, engagement is judged on likes alone.
* authenticity: ``prod(1 - penalty)`` over the fraud signals that fire (thresholds in
  scoring.toml, [fraud]).
* audience_fit: share of the audience in the target country, full from ``full_share``.
* cost_efficiency: expected engagements per unit of price against the median candidate on the
  same platform, ``x / (x + median)``; creators without a rate get the tier-and-platform estimate.
* activity: halves every ``half_life_days`` since the last post.
* relevance comes from :mod:`scoring.relevance`.

score = 100 * sum(weight * factor), weights normalised to sum to 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.config import FACTORS, ScoringConfig
from scoring.frame import RosterFrame
from scoring.models import PLATFORMS, TIERS

SIGNALS = ("low_er", "growth", "mass_following", "pod", "sponsored")
UNKNOWN_ENGAGEMENT_FACTOR = 0.25  # same as a rate at a third of the benchmark


class CurrencyError(ValueError):
    """A budget in a currency Relais has no rate for."""


@dataclass
class Scores:
    """Factors and the figures behind them, for ``rows`` of the frame (arrays aligned with rows)."""

    rows: np.ndarray
    factors: dict[str, np.ndarray]
    score: np.ndarray
    er: np.ndarray  # the rate judged (likes only for pods), NaN when unknown
    likes_only: np.ndarray  # bool
    benchmark: np.ndarray
    signals: dict[str, np.ndarray]  # signal -> bool
    cost: np.ndarray  # per post, in the request currency
    cost_is_estimate: np.ndarray
    expected: np.ndarray  # expected engagements per post
    audience_share: np.ndarray  # NaN when the audience split is unknown
    days_since_post: np.ndarray  # NaN when unknown

    def suspect(self, config: ScoringConfig) -> np.ndarray:
        return self.factors["authenticity"] < config.fraud.suspect_below


def benchmark_table(config: ScoringConfig) -> np.ndarray:
    """platform x tier engagement benchmarks, as an array indexed by frame codes."""
    return np.array([[config.benchmark(p, t) for t in TIERS] for p in PLATFORMS], dtype=np.float64)


def price_table(config: ScoringConfig) -> np.ndarray:
    return np.array([[config.price_estimate(p, t) for t in TIERS] for p in PLATFORMS], dtype=np.float64)


def score_rows(
    frame: RosterFrame,
    rows: np.ndarray,
    relevance: np.ndarray,
    config: ScoringConfig,
    *,
    currency: str,
    country: str | None,
    now: float,
) -> Scores:
    """All factors for the creators at ``rows``; ``relevance`` is aligned with ``rows``."""
    fraud = config.fraud
    platform = frame.platform[rows]
    tier = frame.tier[rows]
    followers = frame.followers[rows]
    likes, comments, views = frame.likes[rows], frame.comments[rows], frame.views[rows]
    per_view = frame.er_per_view[rows]
    base = np.where(per_view & (views > 0), views, followers)
    benchmark = benchmark_table(config)[platform, tier]

    with np.errstate(divide="ignore", invalid="ignore"):
        comment_ratio = comments / likes
        pod = (comment_ratio >= fraud.pod_comment_ratio) & (likes >= fraud.pod_min_likes)
        er = np.where(pod, likes / base, frame.er[rows])
        er = np.where(np.isfinite(er), er, np.nan)
        ratio = er / benchmark
    known = np.isfinite(ratio)
    engagement = np.where(known, ratio / (1 + np.where(known, ratio, 0)), UNKNOWN_ENGAGEMENT_FACTOR)

    growth = frame.growth[rows]
    following = frame.following[rows]
    sponsored = frame.sponsored[rows]
    with np.errstate(invalid="ignore", divide="ignore"):
        signals = {
            "low_er": known & (ratio < fraud.low_er_ratio) & (followers >= fraud.low_er_min_followers),
            "growth": (growth >= fraud.growth_spike_pct) & (followers >= fraud.growth_min_followers),
            "mass_following": (following >= fraud.mass_following)
            & (following / np.maximum(followers, 1) >= fraud.mass_following_ratio),
            "pod": pod,
            "sponsored": sponsored >= fraud.sponsored_share,
        }
    growth_penalty = np.where(growth >= fraud.growth_extreme_pct, fraud.growth_extreme_penalty, fraud.growth_spike_penalty)
    authenticity = (
        (1 - signals["low_er"] * fraud.low_er_penalty)
        * (1 - signals["growth"] * growth_penalty)
        * (1 - signals["mass_following"] * fraud.mass_following_penalty)
        * (1 - signals["pod"] * fraud.pod_penalty)
        * (1 - signals["sponsored"] * fraud.sponsored_penalty)
    )

    cost, estimated = _costs(frame, rows, platform, tier, config, currency)
    interactions = np.where(pod, likes, np.nan_to_num(likes) + np.nan_to_num(comments))
    has_counts = np.isfinite(likes) | np.isfinite(comments)
    expected = np.where(has_counts, interactions, np.where(known, er * base, 0.5 * benchmark * followers))
    expected = np.nan_to_num(expected)
    value = expected / cost
    # Against the median candidate of the same platform: a TikTok view and an Instagram follower
    # are not the same currency, and cheap per-view rates would otherwise always win.
    reference = np.ones(len(rows))
    for code in np.unique(platform):
        same = platform == code
        reference[same] = max(float(np.median(value[same])), 1e-9)
    cost_efficiency = value / (value + reference)

    audience_share = np.full(len(rows), np.nan)
    if country:
        target = frame.countries.lookup(country)
        has_split = np.diff(frame.audience.indptr)[rows] > 0
        if target is not None:
            shares = frame.audience[rows][:, target].toarray().ravel()
            audience_share = np.where(has_split, shares, np.nan)
            lives_there = frame.country[rows] == target
        else:
            audience_share = np.where(has_split, 0.0, np.nan)
            lives_there = np.zeros(len(rows), dtype=bool)
        fit_unknown = np.where(lives_there, config.audience.unknown_split_fit, 0.0)
        audience_fit = np.where(
            np.isfinite(audience_share), np.minimum(1.0, np.nan_to_num(audience_share) / config.audience.full_share), fit_unknown
        )
    else:
        audience_fit = np.ones(len(rows))

    days = (now - frame.last_post[rows]) / 86400.0
    days = np.where(np.isfinite(days), np.maximum(days, 0.0), np.nan)
    activity = np.where(np.isfinite(days), 0.5 ** (np.nan_to_num(days) / config.activity.half_life_days), config.activity.unknown)

    factors = {
        "relevance": np.clip(relevance, 0, 1),
        "engagement": engagement,
        "authenticity": authenticity,
        "audience_fit": audience_fit,
        "cost_efficiency": cost_efficiency,
        "activity": activity,
    }
    factors = {name: np.asarray(factors[name], dtype=np.float64) for name in FACTORS}
    score = 100.0 * sum(config.weights[name] * factors[name] for name in FACTORS)
    return Scores(
        rows=rows, factors=factors, score=np.asarray(score), er=er, likes_only=pod, benchmark=benchmark,
        signals=signals, cost=cost, cost_is_estimate=estimated, expected=expected,
        audience_share=audience_share, days_since_post=days,
    )


def _costs(frame: RosterFrame, rows: np.ndarray, platform: np.ndarray, tier: np.ndarray,
           config: ScoringConfig, currency: str) -> tuple[np.ndarray, np.ndarray]:
    """Price per post in ``currency``; estimated from tier and platform where the roster has none."""
    if currency not in config.currencies:
        raise CurrencyError(f"no exchange rate for {currency}; use one of {', '.join(config.currencies)}")
    rates = np.array([
        config.convert(1.0, name or config.price_currency, currency) or np.nan for name in frame.currencies.names
    ])
    price = frame.price[rows] * rates[frame.currency[rows]]
    estimate = price_table(config)[platform, tier] * config.convert(1.0, config.price_currency, currency)
    estimated = ~np.isfinite(price) | (price <= 0)
    # Whole cents, rounded up: the figures shown are the ones the budget was checked against.
    return np.ceil(np.where(estimated, estimate, price) * 100 - 1e-6) / 100, estimated
