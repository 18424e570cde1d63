from __future__ import annotations

import csv
import statistics
from datetime import UTC, datetime

from scoring.config import load_scoring_config
from scoring.sample import COLUMNS, generate_sample


def test_the_sample_is_realistic_labelled_and_reproducible(tmp_path):
    today = datetime(2026, 1, 15, tzinfo=UTC)
    first = generate_sample(tmp_path / "a.csv", count=3000, seed=4, today=today)
    second = generate_sample(tmp_path / "b.csv", count=3000, seed=4, today=today)
    assert first.read_bytes() == second.read_bytes()
    with first.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3000 and list(rows[0]) == list(COLUMNS)
    assert all(row["synthetic"] == "yes" for row in rows)
    assert len({(r["platform"], r["handle"]) for r in rows}) == 3000
    assert {r["language"] for r in rows} == {"fr", "en"} and len({r["platform"] for r in rows}) >= 8
    assert len({r["topics"].split(";")[0] for r in rows}) > 100  # many niches, many tags

    planted = [r for r in rows if r["planted"]]
    assert 0.02 * len(rows) < len(planted) < 0.08 * len(rows)
    by_handle = {(r["platform"], r["handle"]): r for r in rows}
    for row in planted:
        twin = by_handle[(row["platform"], row["twin_of"])]
        assert (twin["topics"], twin["bio"], twin["price_per_post"]) == (row["topics"], row["bio"], row["price_per_post"])

    # Engagement falls with size on Instagram, as the benchmarks say.
    bounds = load_scoring_config().tiers
    def rate(row):
        return (float(row["avg_likes"]) + float(row["avg_comments"])) / int(row["followers"])
    honest = [r for r in rows if r["platform"] == "instagram" and not r["planted"]]
    nano = [rate(r) for r in honest if int(r["followers"]) < bounds.nano]
    bigger = [rate(r) for r in honest if int(r["followers"]) >= bounds.crowded_micro]
    assert statistics.median(nano) > 2 * statistics.median(bigger)
    # Follower counts are log-normal: the mean is well above the median.
    followers = [int(r["followers"]) for r in rows]
    assert statistics.mean(followers) > 2 * statistics.median(followers)
