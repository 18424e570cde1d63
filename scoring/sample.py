"""`relais creators sample`: a realistic synthetic roster, every row labelled synthetic.

What makes it realistic, and where the numbers come from:
* followers are log-normal (median 7,000, so mostly nano and micro creators, a long tail above);
* engagement is drawn around the benchmark of the creator's platform and tier (scoring.toml,
  Modash figures), so it falls with size as published benchmarks do; per view on TikTok/YouTube;
* prices are the tier-and-platform estimates of scoring.toml, scaled by size within the tier and
  jittered; a quarter of rows have no price (the shortlist then estimates one);
* bios, tags and captions in French and English come from scoring/data/sample.toml, across
  twenty niches, with creators' own slang;
* planted fraud: about 4 % of rows are copies of an honest creator ("twin": same niche, words,
  size, price and audience) with one fraud pattern: ``bought_followers`` (ER far below the tier
  benchmark, +30-70 % followers in 30 days), ``growth_spike`` (+90-250 %), ``comment_pod``
  (25-60 comments per 100 likes) or ``follow_for_follow`` (following more accounts than
  followers, low ER). The ``planted`` column names the pattern and ``twin_of`` the honest
  creator's handle, so tests can find both.
"""

from __future__ import annotations

import csv
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from knowledge.text import fold_accents
from scoring.config import load_scoring_config, read_data
from scoring.niches import niche_vocabulary
from scoring.tiers import tier_of

COLUMNS = (
    "handle", "platform", "display_name", "followers", "following", "posts_count", "avg_likes", "avg_comments",
    "avg_views", "country", "language", "topics", "bio", "recent_captions", "sponsored_ratio", "follower_growth_30d",
    "audience_countries", "price_per_post", "currency", "contact_email", "last_post_at", "brand_safety_flags",
    "synthetic", "planted", "twin_of",
)
PLATFORM_SHARES = {"instagram": 0.45, "tiktok": 0.24, "youtube": 0.14, "twitch": 0.04, "x": 0.03,
                   "linkedin": 0.03, "pinterest": 0.03, "snapchat": 0.02, "blog": 0.02}
# (country, language, share): a French-speaking roster with an English-speaking minority.
HOMES = (("FR", "fr", 0.42), ("BE", "fr", 0.07), ("CH", "fr", 0.04), ("CA", "fr", 0.06), ("LU", "fr", 0.01),
         ("GB", "en", 0.18), ("US", "en", 0.12), ("IE", "en", 0.03), ("CA", "en", 0.04), ("AU", "en", 0.03))
NEIGHBOURS = {"FR": ["BE", "CH", "CA", "LU", "MA"], "BE": ["FR", "NL", "LU"], "CH": ["FR", "DE", "IT"],
              "CA": ["US", "FR"], "LU": ["FR", "BE", "DE"], "GB": ["US", "IE", "AU"], "US": ["CA", "GB", "MX"],
              "IE": ["GB", "US"], "AU": ["NZ", "GB", "US"]}
FRAUD_SHARE = 0.04
FRAUD_KINDS = ("bought_followers", "growth_spike", "comment_pod", "follow_for_follow")
MEDIAN_FOLLOWERS = 7_000
FOLLOWERS_SIGMA = 1.4


def generate_sample(path: Path | str, count: int, seed: int, today: datetime | None = None) -> Path:
    """Write ``count`` synthetic creators to a CSV at ``path``; the same seed gives the same roster."""
    if count < 1:
        raise ValueError("count must be at least 1")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    maker = _Maker(rng, today or datetime.now(UTC))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        written = 0
        while written < count:
            row = maker.creator()
            if written + 2 <= count and rng.random() < FRAUD_SHARE / (1 - FRAUD_SHARE / 2):
                fraud = maker.fraud_twin(row)  # may resize the honest twin: write it afterwards
                writer.writerow(_as_cells(row))
                writer.writerow(_as_cells(fraud))
                written += 2
            else:
                writer.writerow(_as_cells(row))
                written += 1
    return path


def _as_cells(row: dict) -> list[str]:
    cells = []
    for name in COLUMNS:
        value = row.get(name)
        if value is None:
            cells.append("")
        elif isinstance(value, float):
            cells.append(f"{value:.4f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value)))
        else:
            cells.append(str(value))
    return cells


class _Maker:
    def __init__(self, rng: np.random.Generator, today: datetime) -> None:
        self.rng = rng
        self.today = today
        self.config = load_scoring_config()
        self.text = read_data("sample")
        self.niches = list(self.text["niches"])
        weights = np.array([self.text["niches"][n]["weight"] for n in self.niches], dtype=float)
        self.niche_p = weights / weights.sum()
        self.platforms = list(PLATFORM_SHARES)
        self.platform_p = np.array(list(PLATFORM_SHARES.values()))
        self.platform_p /= self.platform_p.sum()
        self.home_p = np.array([h[2] for h in HOMES])
        self.home_p /= self.home_p.sum()
        self.crowded = {key for key, niche in niche_vocabulary().items() if niche.crowded}
        self.taken: set[tuple[str, str]] = set()

    def pick(self, items: list):
        return items[int(self.rng.integers(len(items)))]

    def handle(self, platform: str, first: str, tag: str) -> str:
        stem = "".join(ch for ch in fold_accents(first) if ch.isalnum())
        word = ""
        for part in fold_accents(tag).split():  # "zéro déchet salle de bain" -> "zerodechet"
            word += "".join(ch for ch in part if ch.isalnum())
            if len(word) >= 6:
                break
        separator = self.pick(["", ".", "_"])
        base = f"{stem}{separator}{word}{self.pick(self.text['handle_suffixes'])}".strip("._")
        handle, n = base, 1
        while (platform, handle) in self.taken:
            n += 1
            handle = f"{base}{n}"
        self.taken.add((platform, handle))
        return handle

    def creator(self) -> dict:
        rng = self.rng
        niche_key = self.niches[rng.choice(len(self.niches), p=self.niche_p)]
        niche = self.text["niches"][niche_key]
        country, language, _ = HOMES[rng.choice(len(HOMES), p=self.home_p)]
        platform = self.platforms[rng.choice(len(self.platforms), p=self.platform_p)]
        other = "en" if language == "fr" else "fr"
        tags = list(rng.choice(niche[f"tags_{language}"], size=min(len(niche[f"tags_{language}"]), int(rng.integers(2, 5))), replace=False))
        if rng.random() < 0.3:  # creators borrow tags from the other language ("clean beauty" in a French bio)
            tags.append(self.pick(niche[f"tags_{other}"]))
        first = self.pick(self.text[f"first_names_{language}"])
        handle = self.handle(platform, first, tags[0])
        bio = self.pick(niche[f"bios_{language}"])
        cta = self.pick(self.text[f"ctas_{language}"])
        captions = list(rng.choice(niche[f"captions_{language}"], size=min(3, len(niche[f"captions_{language}"])), replace=False))

        followers = int(np.clip(rng.lognormal(math.log(MEDIAN_FOLLOWERS), FOLLOWERS_SIGMA), 150, 3_000_000))
        crowded = niche_key in self.crowded
        tier = tier_of(followers, self.config.tiers, crowded)
        row = {
            "handle": handle,
            "platform": platform,
            "display_name": f"{first} {chr(65 + int(rng.integers(26)))}.",
            "followers": followers,
            "country": country,
            "language": language,
            "topics": ";".join(tags),
            "bio": f"{bio} {cta}".strip(),
            "recent_captions": " | ".join(captions),
            "synthetic": "yes",
            "planted": "",
            "twin_of": "",
            "_niche": niche_key,
            "_tier": tier,
        }
        self._engagement(row, er_factor=float(rng.lognormal(0.0, 0.35)))
        if platform in ("instagram", "tiktok", "x", "pinterest", "snapchat"):
            row["following"] = int(rng.lognormal(math.log(600), 0.8))
        row["posts_count"] = int(rng.lognormal(math.log(280), 0.8)) + 5
        row["sponsored_ratio"] = round(float(rng.uniform(0.6, 0.85) if rng.random() < 0.05 else rng.beta(2, 10)), 2)
        row["follower_growth_30d"] = round(float(np.clip(rng.normal(2.0, 3.0), -5, 18)), 1)
        row["audience_countries"] = self._audience(country)
        row["currency"] = "GBP" if country == "GB" and rng.random() < 0.6 else "EUR"
        if rng.random() < 0.75:
            row["price_per_post"] = self._price(platform, tier, followers, row["currency"])
        else:
            row["currency"] = ""
        if rng.random() < 0.7:
            row["contact_email"] = f"{handle.replace('_', '.')}@example.com"
        inactive = rng.random() < 0.1
        days = float(rng.uniform(60, 400) if inactive else rng.exponential(8))
        row["last_post_at"] = (self.today - timedelta(days=days)).date().isoformat()
        if rng.random() < 0.03:
            row["brand_safety_flags"] = self.pick(self.text["brand_safety_flags"])
        return row

    def _engagement(self, row: dict, er_factor: float) -> None:
        """Likes, comments and views for an engagement rate of ``er_factor`` times the tier benchmark."""
        rng = self.rng
        platform, followers = row["platform"], row["followers"]
        benchmark = self.config.benchmark(platform, row["_tier"])
        if platform == "tiktok":
            row["avg_views"] = round(followers * float(rng.lognormal(math.log(0.8), 0.6)))
        elif platform == "youtube":
            row["avg_views"] = round(followers * float(rng.lognormal(math.log(0.25), 0.5)))
        else:
            row.pop("avg_views", None)
        base = row.get("avg_views") or followers
        engagements = benchmark * er_factor * base
        share = float(rng.uniform(0.015, 0.05))
        row["avg_likes"] = round(engagements * (1 - share), 1)
        row["avg_comments"] = round(engagements * share, 1)

    def _audience(self, country: str) -> str:
        rng = self.rng
        home = float(rng.uniform(0.45, 0.85))
        others = list(rng.choice(NEIGHBOURS[country], size=min(3, len(NEIGHBOURS[country])), replace=False))
        split = rng.dirichlet(np.ones(len(others))) * (1 - home) * 0.9  # the rest is spread thin worldwide
        parts = [f"{country}:{round(home * 100)}"] + [f"{c}:{round(s * 100)}" for c, s in zip(others, split) if round(s * 100) > 0]
        return ";".join(parts)

    def _price(self, platform: str, tier: str, followers: int, currency: str) -> float:
        bounds = self.config.tiers
        lower = {"nano": 500, "micro": bounds.nano, "mid": bounds.micro, "macro": bounds.mid, "mega": bounds.macro}[tier]
        position = math.sqrt(max(followers, 500) / lower)  # bigger within a tier costs more
        price = self.config.price_estimate(platform, tier) * min(position, 3.0) * 0.6 * float(self.rng.lognormal(0.0, 0.35))
        price = self.config.convert(price, self.config.price_currency, currency) or price
        return float(max(10, round(price / 5) * 5))

    def fraud_twin(self, honest: dict) -> dict:
        """A copy of an honest creator with one planted fraud pattern.

        The copy keeps the words, audience, price and (within 5 % and the same tier) the size of
        its twin, so that only the fraud pattern tells them apart.
        """
        rng = self.rng
        crowded = honest["_niche"] in self.crowded
        if honest["followers"] < 3_000:  # fraud patterns show on established accounts
            honest["followers"] = int(rng.uniform(3_000, 9_000))
            honest["_tier"] = tier_of(honest["followers"], self.config.tiers, crowded)
            self._engagement(honest, er_factor=float(rng.lognormal(0.0, 0.35)))
            if honest.get("price_per_post"):
                honest["price_per_post"] = self._price(honest["platform"], honest["_tier"], honest["followers"],
                                                       honest["currency"])
        # A pod shows in comments per like only where there are likes to compare with.
        kind = self.pick([k for k in FRAUD_KINDS if k != "comment_pod" or honest["avg_likes"] >= 40])
        fraud = dict(honest)
        first = self.pick(self.text[f"first_names_{honest['language']}"])
        fraud["handle"] = self.handle(honest["platform"], first, honest["topics"].split(";")[0])
        fraud["display_name"] = f"{first} {chr(65 + int(rng.integers(26)))}."
        fraud["contact_email"] = f"{fraud['handle'].replace('_', '.')}@example.com" if honest.get("contact_email") else None
        fraud["planted"] = kind
        fraud["twin_of"] = honest["handle"]
        scale = float(rng.uniform(0.95, 1.05))
        if tier_of(int(honest["followers"] * scale), self.config.tiers, crowded) != honest["_tier"]:
            scale = 1.0
        fraud["followers"] = int(honest["followers"] * scale)
        if honest.get("avg_views"):
            fraud["avg_views"] = round(honest["avg_views"] * scale)
        base = fraud.get("avg_views") or fraud["followers"]
        benchmark = self.config.benchmark(fraud["platform"], fraud["_tier"])
        honest_engagements = honest["avg_likes"] + honest["avg_comments"]
        if kind == "bought_followers":  # bought followers neither like nor comment
            engagements = benchmark * float(rng.uniform(0.08, 0.22)) * base
            fraud["follower_growth_30d"] = round(float(rng.uniform(30, 70)), 1)
        elif kind == "growth_spike":
            engagements = honest_engagements * float(rng.uniform(0.5, 0.9))
            fraud["follower_growth_30d"] = round(float(rng.uniform(90, 250)), 1)
        elif kind == "follow_for_follow":
            engagements = benchmark * float(rng.uniform(0.15, 0.3)) * base
            fraud["following"] = max(1_600, int(fraud["followers"] * float(rng.uniform(1.2, 2.5))))
        else:  # comment_pod: the same likes, plus a flood of generic comments
            fraud["avg_likes"] = round(honest["avg_likes"] * float(rng.uniform(0.95, 1.1)), 1)
            fraud["avg_comments"] = round(fraud["avg_likes"] * float(rng.uniform(0.25, 0.6)), 1)
            return fraud
        share = float(rng.uniform(0.015, 0.05))
        fraud["avg_likes"] = round(engagements * (1 - share), 1)
        fraud["avg_comments"] = round(engagements * share, 1)
        return fraud
