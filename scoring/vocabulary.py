"""The platforms and tiers Relais knows: their one home, importable without pydantic.

The CLI builds its option help from these at start-up, so this module stays free of heavy imports.
"""

from __future__ import annotations

from typing import Literal

# New platforms go at the end: a roster frame stores each platform as its index here.
Platform = Literal["instagram", "tiktok", "youtube", "twitch", "x", "linkedin", "pinterest", "snapchat", "blog", "facebook", "threads"]
PLATFORMS: tuple[str, ...] = Platform.__args__  # type: ignore[attr-defined]
Tier = Literal["nano", "micro", "mid", "macro", "mega"]
TIERS: tuple[str, ...] = Tier.__args__  # type: ignore[attr-defined]
