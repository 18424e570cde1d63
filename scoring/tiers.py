"""Creator tiers by follower count (bounds in scoring/data/scoring.toml, [tiers])."""

from __future__ import annotations

import numpy as np

from scoring.config import TierBounds
from scoring.models import TIERS


def tier_codes(followers: np.ndarray, crowded: np.ndarray, bounds: TierBounds) -> np.ndarray:
    """Index into ``TIERS`` for each creator; crowded niches keep "micro" up to ``crowded_micro``."""
    micro_ceiling = np.where(crowded, bounds.crowded_micro, bounds.micro)
    codes = np.full(len(followers), TIERS.index("mega"), dtype=np.uint8)
    codes[followers < bounds.macro] = TIERS.index("macro")
    codes[followers < bounds.mid] = TIERS.index("mid")
    codes[followers < micro_ceiling] = TIERS.index("micro")
    codes[followers < bounds.nano] = TIERS.index("nano")
    return codes


def tier_of(followers: float, bounds: TierBounds, crowded: bool = False) -> str:
    return TIERS[int(tier_codes(np.array([followers]), np.array([crowded]), bounds)[0])]
