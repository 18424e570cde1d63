"""The platforms and tiers Relais knows: their one home, importable without pydantic.

The CLI builds its option help from these at start-up, so this module stays free of heavy imports.
"""

from __future__ import annotations

from typing import Literal

Platform = Literal["instagram", "tiktok", "youtube", "twitch", "x", "linkedin", "pinterest", "snapchat", "blog"]
PLATFORMS: tuple[str, ...] = Platform.__args__  # type: ignore[attr-defined]
Tier = Literal["nano", "micro", "mid", "macro", "mega"]
TIERS: tuple[str, ...] = Tier.__args__  # type: ignore[attr-defined]
