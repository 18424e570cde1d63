"""What leaves a shortlist: the --json object, the CSV export, the chart."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from bot.cli import app
from scoring.chart import render_factor_chart
from scoring.config import FACTORS
from scoring.export import write_shortlist_csv
from scoring.models import Shortlist, ShortlistRequest
from scoring.shortlist import shortlist_creators


def test_json_has_exactly_the_documented_shape(small_roster, tmp_path):
    out = tmp_path / "shortlist.csv"
    result = CliRunner().invoke(app, [
        "shortlist", "clean beauty", "--country", "France", "--budget", "1.5k", "--exclude-flag", "alcohol",
        "--json", "--csv", str(out), "--data-dir", str(small_roster.path.parent),
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"niche", "filters", "creators", "total_cost", "excluded"}
    assert data["niche"] == "clean beauty"
    assert data["filters"]["country"] == "FR" and data["filters"]["budget"] == 1500
    assert isinstance(data["total_cost"], float) and data["total_cost"] <= 1500
    assert data["creators"]
    for creator in data["creators"]:
        assert set(creator) == {"handle", "platform", "followers", "tier", "score", "factors", "reasons",
                                "estimated_cost", "currency"}
        assert isinstance(creator["handle"], str) and isinstance(creator["followers"], int)
        assert isinstance(creator["score"], float) and set(creator["factors"]) == set(FACTORS)
        assert all(isinstance(v, float) for v in creator["factors"].values())
        assert all(isinstance(r, str) for r in creator["reasons"]) and creator["currency"] == "EUR"
        assert isinstance(creator["estimated_cost"], float)
    assert data["excluded"] and all(set(e) == {"handle", "reason"} for e in data["excluded"])
    assert {e["handle"] for e in data["excluded"]} >= {"bought.twin", "flagged.lea"}
    assert out.exists()


def test_cli_text_output_and_bad_options(small_roster):
    runner = CliRunner()
    data = ["--data-dir", str(small_roster.path.parent)]
    result = runner.invoke(app, ["shortlist", "grimpe", "--limit", "2", *data])
    assert result.exit_code == 0 and "@grimpe.tom" in result.output and "Matches" in result.output
    assert runner.invoke(app, ["shortlist", "grimpe", "--tier", "huge", *data]).exit_code == 2
    assert runner.invoke(app, ["shortlist", "grimpe", "--budget", "lots", *data]).exit_code == 2
    missing = runner.invoke(app, ["shortlist", "--like", "@ghost", *data])
    assert missing.exit_code == 2 and "no creator @ghost" in missing.output


def test_csv_export_has_every_factor(small_roster, tmp_path):
    shortlist = shortlist_creators(small_roster, ShortlistRequest(niche="cosmétiques naturels", budget=700))
    path = write_shortlist_csv(shortlist, tmp_path / "out" / "shortlist.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(shortlist.creators) > 0
    assert set(FACTORS) <= set(rows[0]) and {"rank", "handle", "score", "estimated_cost", "reasons"} <= set(rows[0])
    first = shortlist.creators[0]
    assert rows[0]["handle"] == first.handle and float(rows[0]["relevance"]) == first.factors["relevance"]
    assert rows[0]["reasons"].split(" | ") == first.reasons


def test_chart_is_a_png(small_roster):
    from matplotlib.image import imread

    shortlist = shortlist_creators(small_roster, ShortlistRequest(niche="escalade"))
    png = render_factor_chart(shortlist)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = imread(io.BytesIO(png), format="png")
    assert pixels.shape[0] > 200 and pixels.shape[1] > 500
    empty = render_factor_chart(Shortlist(niche="nothing", filters={}, creators=[]))
    assert imread(io.BytesIO(empty), format="png").ndim == 3
