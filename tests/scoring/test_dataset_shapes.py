"""The public datasets' and tools' shapes (issue 13's targets), each on a small file written for the tests.

Targets: the public datasets import >= 95 % of their rows with the country, category and engagement
rate the file gives (the file's own rate when it has one); a tool's format >= 80 %, no field misread.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.wiring import open_roster
from scoring.importing import read_import
from scoring.models import ShortlistRequest
from scoring.rows import FORMULA_ENGAGEMENTS, FORMULA_IMPORTED, FORMULA_PER_VIEW
from scoring.shortlist import shortlist_creators

FILES = Path(__file__).parent / "files"


def _shares(path: Path) -> tuple[int, int, float, float, float]:
    """(rows, imported, share with a country, with a category, with an engagement rate)."""
    plan = read_import(path)
    creators = [c for _, c in plan.creators]
    n = len(creators)
    return (plan.rows, n, sum(bool(c.country) for c in creators) / n, sum(bool(c.topics) for c in creators) / n,
            sum(c.engagement_rate is not None for c in creators) / n)


@pytest.mark.parametrize(("name", "country", "category", "rate"), [
    # (a share of None: the dataset has no such column)
    ("kaggle_top_instagram.csv", 0.95, None, 1.0),  # its last row has no country, as some of the real ones
    ("hypeauditor_top_instagram.csv", 0.95, 1.0, 1.0),
    ("hypeauditor_top_tiktok.csv", None, None, 1.0),
    ("agency_sheet.csv", 1.0, 1.0, 1.0),
])
def test_each_shape_imports_every_row_with_what_it_gives(name, country, category, rate):
    rows, imported, with_country, with_category, with_rate = _shares(FILES / name)
    assert imported == rows
    for share, target in ((with_country, country), (with_category, category), (with_rate, rate)):
        assert share == (target or 0.0)


def test_kaggle_top_instagram_field_by_field():
    plan = read_import(FILES / "kaggle_top_instagram.csv")
    creators = {c.handle: c for _, c in plan.creators}
    sol = creators["sol.marquez"]
    # No platform column: the file's name says Instagram, and the report says it was taken from there.
    assert (sol.platform, sol.followers, sol.posts_count, sol.avg_likes) == ("instagram", 475_800_000, 3300, 8_700_000)
    assert (sol.engagement_rate, sol.engagement_formula, sol.country) == (pytest.approx(0.0139), FORMULA_IMPORTED, "ES")
    assert any("read as instagram, the platform the file's name names" in note for note in plan.notes)
    assert {creators[h].country for h in ("ardi.pratama", "valen.rios", "deniz.kaya", "noor.alsayed",
                                          "petra.novak", "awa.kone")} == {"ID", "CO", "TR", "AE", "CZ", "CI"}
    assert creators["olek.nowak"].country is None


def test_hypeauditor_engagements_per_post_and_main_audience_country():
    plan = read_import(FILES / "hypeauditor_top_instagram.csv")
    creators = {c.handle: c for _, c in plan.creators}
    lucie = creators["lucie.marchand"]
    assert (lucie.platform, lucie.display_name, lucie.followers) == ("instagram", "Lucie Marchand", 9_900_000)
    assert lucie.topics == ["beauty", "fashion"]
    # "Engagement avg" is 198.3K engagements per post: the rate is that over the followers, and said so.
    assert lucie.engagement_rate == pytest.approx(198_300 / 9_900_000)
    assert lucie.engagement_formula == FORMULA_ENGAGEMENTS
    assert (lucie.country, lucie.audience_countries) == ("FR", {})
    assert creators["noor.alsayed"].country == "AE" and creators["awa.kone"].country == "CI"
    assert any("holds engagements per post (e.g. '5.2M')" in note for note in plan.notes)
    assert any("country read from 'Audience country(mostly)'" in note for note in plan.notes)
    assert not any("left out" in note for note in plan.notes)


def test_a_rate_column_of_plain_rates_is_not_read_as_counts(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("username,platform,followers,Engagement avg\na,instagram,5000,3.4\nb,instagram,9000,2.1%\n")
    plan = read_import(path)
    assert [c.engagement_rate for _, c in plan.creators] == [pytest.approx(0.034), pytest.approx(0.021)]


def test_hypeauditor_tiktok_rate_per_view():
    plan = read_import(FILES / "hypeauditor_top_tiktok.csv")
    kiki = next(c for _, c in plan.creators if c.handle == "kiki.dawn")
    assert (kiki.platform, kiki.followers, kiki.avg_views, kiki.avg_likes, kiki.avg_comments) == (
        "tiktok", 149_500_000, 20_800_000, 2_400_000, 21_300)
    assert kiki.engagement_rate == pytest.approx((2_400_000 + 21_300) / 20_800_000)
    assert kiki.engagement_formula == FORMULA_PER_VIEW


def test_agency_sheet_field_by_field():
    plan = read_import(FILES / "agency_sheet.csv")
    creators = {c.handle: c for _, c in plan.creators}
    assert [(h, c.platform) for h, c in creators.items()] == [
        ("lea.grimpe", "instagram"), ("sam.velo", "tiktok"), ("julie.pain", "instagram"), ("marc.trail", "youtube"),
        ("ana.yoga", "instagram"), ("nico.tech", "tiktok")]
    lea, sam, julie = creators["lea.grimpe"], creators["sam.velo"], creators["julie.pain"]
    assert (lea.followers, lea.engagement_rate, lea.price_per_post, lea.currency) == (
        12_500, pytest.approx(0.034), 375.0, "EUR")
    assert lea.audience_countries == pytest.approx({"FR": 0.45, "BE": 0.12})
    assert (sam.engagement_rate, sam.price_per_post, sam.audience_countries) == (
        pytest.approx(0.123), None, pytest.approx({"FR": 0.41, "BE": 0.38}))
    assert (julie.country, julie.engagement_rate) == ("CA", pytest.approx(0.041))
    assert creators["ana.yoga"].engagement_rate == pytest.approx(0.051)
    assert creators["marc.trail"].price_per_post is None
    assert any("'Audience' holds audience shares by country" in note for note in plan.notes)


def test_a_mixed_unit_rate_raises_no_false_fraud_warning(settings):
    with open_roster(settings) as roster:
        roster.import_file(FILES / "agency_sheet.csv")
        found = shortlist_creators(roster, ShortlistRequest(niche="escalade"))
    assert [c.handle for c in found.creators] == ["lea.grimpe"] and found.excluded == []
    assert not any("Warning signs" in reason for reason in found.creators[0].reasons)


def test_a_file_name_naming_two_platforms_sets_none(tmp_path):
    path = tmp_path / "tiktok_vs_instagram.csv"
    path.write_text("username,followers\nlea,1200\n")
    plan = read_import(path)
    assert plan.creators == [] and "missing platform" in plan.rejected[0].reason
