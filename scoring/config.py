"""The scoring configuration: factor weights, tiers, benchmarks, prices and thresholds.

Defaults live in ``scoring/data/scoring.toml`` with their sources. A brand team can override any
value with its own TOML file (``RELAIS_SCORING_CONFIG``): tables are merged key by key.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, model_validator

from scoring.models import PLATFORMS, TIERS

DATA_DIR = Path(__file__).parent / "data"
FACTORS: tuple[str, ...] = ("relevance", "engagement", "authenticity", "audience_fit", "cost_efficiency", "activity")


class ScoringConfigError(ValueError):
    """The scoring configuration file is unusable; the message names the key."""


class TierBounds(BaseModel):
    """Upper bounds (exclusive) of each tier in followers; mega has none."""

    nano: int = Field(gt=0)
    micro: int = Field(gt=0)
    mid: int = Field(gt=0)
    macro: int = Field(gt=0)
    crowded_micro: int = Field(gt=0)

    @model_validator(mode="after")
    def _increasing(self) -> TierBounds:
        if not self.nano < self.micro < self.mid < self.macro:
            raise ValueError("tier bounds must increase: nano < micro < mid < macro")
        if not self.micro <= self.crowded_micro < self.macro:
            raise ValueError("crowded_micro must lie between micro and macro")
        return self


class FraudThresholds(BaseModel):
    suspect_below: float = Field(gt=0, le=1)
    low_er_ratio: float = Field(gt=0)
    low_er_penalty: float = Field(ge=0, le=1)
    low_er_min_followers: int = Field(ge=0)
    growth_spike_pct: float = Field(gt=0)
    growth_spike_penalty: float = Field(ge=0, le=1)
    growth_extreme_pct: float = Field(gt=0)
    growth_extreme_penalty: float = Field(ge=0, le=1)
    growth_min_followers: int = Field(ge=0)
    mass_following: int = Field(ge=0)
    mass_following_ratio: float = Field(gt=0)
    mass_following_penalty: float = Field(ge=0, le=1)
    pod_comment_ratio: float = Field(gt=0)
    pod_penalty: float = Field(ge=0, le=1)
    pod_min_likes: float = Field(ge=0)
    sponsored_share: float = Field(gt=0, le=1)
    sponsored_penalty: float = Field(ge=0, le=1)


class RelevanceSettings(BaseModel):
    min_relevance: float = Field(ge=0, lt=1)
    field_weights: dict[str, float]
    # A topic word that many creators carry (an export's coarse category) weighs as a caption mention.
    coarse_topic_share: float = Field(default=0.1, gt=0, le=1)
    coarse_topic_min_creators: int = Field(default=20, ge=1)
    synonym_weight: float = Field(gt=0, le=1)
    partial_word_weight: float = Field(ge=0, le=1)
    semantic_floor: float
    semantic_ceiling: float
    semantic_weight: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _check(self) -> RelevanceSettings:
        if set(self.field_weights) != {"topic", "bio", "caption"}:
            raise ValueError("field_weights needs exactly topic, bio and caption")
        if self.semantic_ceiling <= self.semantic_floor:
            raise ValueError("semantic_ceiling must be above semantic_floor")
        return self


class AudienceSettings(BaseModel):
    full_share: float = Field(gt=0, le=1)
    unknown_split_fit: float = Field(ge=0, le=1)


class ActivitySettings(BaseModel):
    half_life_days: float = Field(gt=0)
    unknown: float = Field(ge=0, le=1)


class LookalikeSettings(BaseModel):
    size_weight: float = Field(ge=0, le=1)
    size_half_ratio: float = Field(gt=1)


class BudgetSettings(BaseModel):
    candidates: int = Field(ge=1, le=2000)
    resolution: int = Field(ge=10, le=100_000)


class ScoringConfig(BaseModel):
    weights: dict[str, float]
    tiers: TierBounds
    benchmarks: dict[str, dict[str, float]]
    benchmark_fallback: str
    benchmark_source: str
    prices: dict[str, dict[str, float]]
    price_fallback: str
    price_currency: str
    currencies: dict[str, float]  # currency -> value of one unit in EUR
    fraud: FraudThresholds
    relevance: RelevanceSettings
    audience: AudienceSettings
    activity: ActivitySettings
    lookalike: LookalikeSettings
    budget: BudgetSettings
    sources: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> ScoringConfig:
        if set(self.weights) != set(FACTORS):
            raise ValueError(f"weights needs exactly {', '.join(FACTORS)}")
        if any(w < 0 for w in self.weights.values()) or sum(self.weights.values()) <= 0:
            raise ValueError("weights must be >= 0 with a positive sum")
        total = sum(self.weights.values())
        self.weights = {name: self.weights[name] / total for name in FACTORS}
        for table, fallback in ((self.benchmarks, self.benchmark_fallback), (self.prices, self.price_fallback)):
            if fallback not in table:
                raise ValueError(f"fallback platform {fallback!r} has no table")
            for platform, row in table.items():
                if platform not in PLATFORMS:
                    raise ValueError(f"unknown platform {platform!r}")
                if set(row) != set(TIERS) or any(v <= 0 for v in row.values()):
                    raise ValueError(f"{platform} needs a positive value for each of {', '.join(TIERS)}")
        if self.price_currency not in self.currencies:
            raise ValueError(f"price currency {self.price_currency} has no rate in [currencies]")
        return self

    def benchmark(self, platform: str, tier: str) -> float:
        return self.benchmarks.get(platform, self.benchmarks[self.benchmark_fallback])[tier]

    def price_estimate(self, platform: str, tier: str) -> float:
        """Estimated price of one post, in ``price_currency``."""
        return self.prices.get(platform, self.prices[self.price_fallback])[tier]

    def convert(self, amount: float, source: str, target: str) -> float | None:
        """``amount`` from one currency to another, or None when a rate is missing."""
        if source == target:
            return amount
        if source not in self.currencies or target not in self.currencies:
            return None
        return amount * self.currencies[source] / self.currencies[target]


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ScoringConfigError(f"cannot read scoring configuration {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScoringConfigError(f"{path} is not valid TOML: {exc}") from None


@lru_cache(maxsize=4)
def load_scoring_config(override: Path | None = None) -> ScoringConfig:
    """The defaults, merged with ``override`` when given (cached: the files do not change at run time)."""
    raw = _read_toml(DATA_DIR / "scoring.toml")
    if override is not None:
        raw = _merge(raw, _read_toml(override))
    benchmarks = dict(raw.get("benchmarks", {}))
    prices = dict(raw.get("prices", {}))
    try:
        return ScoringConfig(
            weights=raw.get("weights", {}),
            tiers=raw.get("tiers", {}),
            benchmark_fallback=benchmarks.pop("fallback", "instagram"),
            benchmark_source=benchmarks.pop("source", ""),
            benchmarks=benchmarks,
            price_fallback=prices.pop("fallback", "instagram"),
            price_currency=prices.pop("currency", "EUR"),
            prices=prices,
            currencies=raw.get("currencies", {}),
            fraud=raw.get("fraud", {}),
            relevance=raw.get("relevance", {}),
            audience=raw.get("audience", {}),
            activity=raw.get("activity", {}),
            lookalike=raw.get("lookalike", {}),
            budget=raw.get("budget", {}),
            sources=raw.get("sources", {}),
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'config'}: {err['msg'].removeprefix('Value error, ')}"
            for err in exc.errors()
        )
        where = f" (with overrides from {override})" if override else ""
        raise ScoringConfigError(f"invalid scoring configuration{where}: {problems}") from None


def read_data(name: str) -> dict:
    """One of the shipped vocabulary files in scoring/data (niches, places, columns, sample...)."""
    return _read_toml(DATA_DIR / f"{name}.toml")
