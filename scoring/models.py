"""Data that leaves the scoring package: creators, shortlist requests and results."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from scoring.vocabulary import PLATFORMS, TIERS, Platform, Tier  # noqa: F401 (re-exported)


class Creator(BaseModel):
    """A creator in the roster; (platform, handle) is the identity.

    A creator whose follower count is unknown (``followers=None``, from a file with no follower column)
    is a *contact*: stored and listed with whatever the file said, never shortlisted, since tier,
    engagement and cost are all judged against the follower count. A later file that gives the count
    makes it a full creator."""

    handle: str  # without the leading @, lower-case
    platform: Platform
    display_name: str | None = None
    followers: int | None = Field(ge=0)  # required, so that a contact is always said, never defaulted to
    following: int | None = Field(default=None, ge=0)
    posts_count: int | None = Field(default=None, ge=0)
    avg_likes: float | None = Field(default=None, ge=0)
    avg_comments: float | None = Field(default=None, ge=0)
    avg_views: float | None = Field(default=None, ge=0)
    engagement_rate: float | None = Field(default=None, ge=0)  # a fraction: 0.034 is 3.4 %
    engagement_formula: str | None = None  # how engagement_rate was obtained, e.g. "(likes+comments)/followers"
    country: str | None = None  # ISO 3166 alpha-2
    language: str | None = None  # ISO 639-1
    topics: list[str] = Field(default_factory=list)
    bio: str | None = None
    recent_captions: list[str] = Field(default_factory=list)
    sponsored_ratio: float | None = Field(default=None, ge=0, le=1)
    follower_growth_30d: float | None = None  # percent, e.g. 48.0 for +48 %
    audience_countries: dict[str, float] = Field(default_factory=dict)  # country -> share 0-1
    price_per_post: float | None = Field(default=None, ge=0)
    currency: str | None = None
    contact_email: str | None = None
    last_post_at: datetime | None = None
    brand_safety_flags: list[str] = Field(default_factory=list)
    synthetic: bool = False  # rows from `relais creators sample` say so
    # The same person's accounts on several platforms share it (from a file with one row per person and a
    # column per platform, see scoring.shapes); None when no file said.
    person: str | None = None

    @property
    def is_contact(self) -> bool:
        return self.followers is None


class ShortlistRequest(BaseModel):
    niche: str
    platform: Platform | None = None
    country: str | None = None
    language: str | None = None
    tier: Tier | None = None
    min_followers: int | None = Field(default=None, ge=0)
    max_followers: int | None = Field(default=None, ge=0)
    budget: float | None = Field(default=None, gt=0)
    currency: str = "EUR"
    limit: int = Field(default=10, ge=1, le=200)
    like: str | None = None  # "@handle" or "platform:handle": lookalikes of this creator
    exclude_flags: list[str] = Field(default_factory=list)
    reasons_language: Literal["fr", "en"] = "en"  # the language reasons are written in


class ScoredCreator(BaseModel):
    handle: str
    platform: str
    display_name: str | None = None
    followers: int
    tier: str
    score: float  # 0-100
    factors: dict[str, float]  # factor name -> 0-1
    reasons: list[str]
    estimated_cost: float | None = None
    cost_is_estimate: bool = False
    currency: str = "EUR"


class Exclusion(BaseModel):
    handle: str
    platform: str | None = None
    reason: str


class Shortlist(BaseModel):
    niche: str
    filters: dict[str, object]
    creators: list[ScoredCreator]
    total_cost: float | None = None
    excluded: list[Exclusion] = Field(default_factory=list)
    budget: float | None = None
    currency: str = "EUR"
    notes: list[str] = Field(default_factory=list)  # e.g. why nothing was found
    weights: dict[str, float] = Field(default_factory=dict)  # factor -> weight used for the scores (sum 1)


class RejectedRow(BaseModel):
    line: int
    reason: str


class ImportReport(BaseModel):
    path: str
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = Field(default_factory=list)
    unit: str = "line"  # what RejectedRow.line counts: "line" (CSV, JSON) or "row" (XLSX)
    contacts: int = 0  # of the creators stored, how many are still contacts (no follower count: see Creator)
    ignored_columns: list[str] = Field(default_factory=list)  # headers that match no creator field
    notes: list[str] = Field(default_factory=list)  # things worth saying that are not row errors

    @property
    def ok(self) -> bool:
        return not self.rejected
