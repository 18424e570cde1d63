"""`relais creators import --dry-run`, `--map` and `--platform`, through the real CLI and the real roster."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.wiring import open_roster
from scoring.columns import parse_overrides
from scoring.importing import read_import

FILES = Path(__file__).parent / "files"

# A scrape whose handle column no alias names, no platform column, a bad rate on line 3.
SCRAPE = (
    "Who,Fans,Engagement,Notes,Pays\n"
    "lea.grimpe,12500,3.4%,met at a fair,France\n"
    "sam.cuisine,9000,lots,,Belgique\n"
    "no.fans,,1%,,France\n"
)


def _invoke(*args: str):
    result = CliRunner().invoke(app, list(args))
    result.text = " ".join(result.output.split())  # rich wraps at the terminal's width
    return result


def test_dry_run_shows_the_mapping_and_first_rows_and_writes_nothing(settings):
    data = ["--data-dir", str(settings.data_dir)]
    result = _invoke("creators", "import", str(FILES / "titled_export.csv"), "--dry-run", *data)
    assert result.exit_code == 0, result.output
    assert "2 of 2 creators read would be imported, 0 rejected. Nothing was written" in result.text
    assert "Subscribers count" in result.text and "followers" in result.text
    assert "lea.grimpe" in result.text and "12,500" in result.text
    assert "the range '250 - 500' is scored on its midpoint 375" in result.text
    with open_roster(settings) as roster:
        assert roster.count() == 0


def test_dry_run_json_names_every_column_and_every_rejection(settings, tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(SCRAPE)
    result = _invoke("creators", "import", str(path), "--dry-run", "--json", "--map", "Who=handle",
                     "--platform", "Instagram", "--data-dir", str(settings.data_dir))
    assert result.exit_code == 0, result.output
    preview = json.loads(result.stdout)
    assert {(c["header"], c["field"]) for c in preview["columns"]} == {
        ("Who", "handle"), ("Fans", "followers"), ("Engagement", "engagement_rate"), ("Pays", "country")}
    assert preview["ignored_columns"] == ["Notes"]
    assert (preview["rows"], preview["would_import"]) == (3, 2)
    assert preview["rejected"] == [{"line": 4, "reason": "missing followers"}]
    lea, sam = preview["first_creators"]
    assert (lea["handle"], lea["platform"], lea["followers"], lea["country"]) == ("lea.grimpe", "instagram", 12500, "FR")
    assert lea["engagement_rate"] == 0.034
    assert (sam["handle"], sam["country"], sam["engagement_rate"]) == ("sam.cuisine", "BE", None)
    assert preview["notes"] == ["line 3: engagement_rate ('Engagement') left out: not a number: 'lots'"]
    with open_roster(settings) as roster:
        assert roster.count() == 0


def test_map_and_platform_apply_to_the_real_import(settings, tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(SCRAPE)
    without = _invoke("creators", "import", str(path), "--data-dir", str(settings.data_dir))
    assert without.exit_code == 2 and "has no column for handle" in without.text
    result = _invoke("creators", "import", str(path), "--map", "who = handle", "--map", "Pays=ignore",
                     "--platform", "tiktok", "--data-dir", str(settings.data_dir))
    assert result.exit_code == 1  # line 4 has no followers
    assert "2 created, 0 updated, 1 rejected" in result.text
    with open_roster(settings) as roster:
        lea = roster.get("tiktok", "lea.grimpe")
        assert (lea.followers, lea.country) == (12500, None)  # Pays was ignored on request


def test_a_map_moves_a_field_from_the_header_the_aliases_chose(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("handle,platform,followers,Abonnés réels\na,instagram,100,90\n")
    plan = read_import(path, parse_overrides(["Abonnés réels=followers"]))
    assert plan.columns.header("followers") == "Abonnés réels"
    assert "followers" in plan.columns.ignored
    assert plan.creators[0][1].followers == 90


def test_bad_maps_and_platforms_are_refused_by_name(settings, tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(SCRAPE)
    data = ["--data-dir", str(settings.data_dir)]
    cases = {
        ("--map", "Nope=handle"): "has no column 'Nope'. Its headers: 'Who', 'Fans'",
        ("--map", "Who=hadle"): "unknown field 'hadle'; fields are",
        ("--map", "Who"): 'expected "Header in the file=field"',
        ("--map", "Who=handle", "--map", "Fans=handle"): "gives handle to more than one column",
        ("--platform", "myspace"): "--platform 'myspace': expected one of instagram, tiktok",
    }
    for args, message in cases.items():
        result = _invoke("creators", "import", str(path), *args, *data)
        assert result.exit_code == 2 and message in result.text, (args, result.output)
    with open_roster(settings) as roster:
        assert roster.count() == 0


def test_dry_run_of_a_post_export_reads_followers_from_the_roster_without_writing(settings):
    data = ["--data-dir", str(settings.data_dir)]
    assert _invoke("creators", "import", str(FILES / "titled_export.csv"), *data).exit_code == 0
    with open_roster(settings) as roster:
        before = roster.get("instagram", "lea.grimpe")
    result = _invoke("creators", "import", str(FILES / "meta_business_suite_posts.csv"), "--dry-run", "--json", *data)
    preview = json.loads(result.stdout)
    lea = next(c for c in preview["first_creators"] if c["handle"] == "lea.grimpe")
    assert (lea["followers"], lea["avg_likes"]) == (12_500, 320)  # followers from the roster, likes from the posts
    with open_roster(settings) as roster:
        assert roster.get("instagram", "lea.grimpe") == before and roster.count() == 2
