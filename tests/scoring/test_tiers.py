from __future__ import annotations

import numpy as np

from scoring.config import load_scoring_config
from scoring.models import TIERS
from scoring.tiers import tier_codes, tier_of


def test_tier_bounds():
    bounds = load_scoring_config().tiers
    assert [tier_of(f, bounds) for f in (0, 4_999, 5_000, 49_999, 50_000, 499_999, 500_000, 999_999, 1_000_000)] == [
        "nano", "nano", "micro", "micro", "mid", "mid", "macro", "macro", "mega"]


def test_the_micro_ceiling_rises_in_crowded_niches(sample_roster):
    frame = sample_roster.frame()
    tags = [{frame.topic_tags[t] for t in frame.topics.indices[frame.topics.indptr[i]:frame.topics.indptr[i + 1]]}
            for i in range(frame.n)]
    fashion = [i for i, t in enumerate(tags) if t & {"mode", "fashion", "maquillage", "makeup", "food", "cuisine"}]
    climbing = [i for i, t in enumerate(tags) if t & {"escalade", "grimpe", "climbing"} and not frame.crowded[i]]
    assert fashion and climbing and frame.crowded[fashion].all() and not frame.crowded[climbing].any()
    between = (frame.followers >= 50_000) & (frame.followers < 100_000)
    assert between.any()
    micro = frame.tier == TIERS.index("micro")
    assert (micro[between] == frame.crowded[between]).all()
    bounds = sample_roster.config.tiers
    codes = tier_codes(np.array([80_000, 80_000]), np.array([True, False]), bounds)
    assert [TIERS[c] for c in codes] == ["micro", "mid"]
