"""The shortlist CSV never hands a spreadsheet a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv

import pytest

from scoring.export import neutralise_cell, write_shortlist_csv
from scoring.models import ScoredCreator, Shortlist


def _shortlist(display_name: str, handle: str = "alice", cost: float | None = 120.0) -> Shortlist:
    creator = ScoredCreator(
        handle=handle, platform="instagram", display_name=display_name, followers=12000, tier="micro",
        score=71.5, factors={}, reasons=["=cmd|' /C calc'!A0", "bonne audience"], estimated_cost=cost,
    )
    return Shortlist(niche="beauté", filters={}, creators=[creator])


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", [
    '=HYPERLINK("http://evil.example","clic")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tindent", "\rretour",
])
def test_formula_like_display_names_are_quoted(tmp_path, name):
    row = _rows(write_shortlist_csv(_shortlist(name), tmp_path / "s.csv"))[0]
    assert row["display_name"] == "'" + name
    assert row["reasons"].startswith("'=cmd")


def test_plain_names_and_numbers_are_untouched(tmp_path):
    row = _rows(write_shortlist_csv(_shortlist("Alice Martin"), tmp_path / "s.csv"))[0]
    assert row["display_name"] == "Alice Martin"
    assert row["followers"] == "12000"
    assert row["score"] == "71.5"
    assert row["estimated_cost"] == "120.0"


def test_negative_numbers_stay_numbers():
    assert neutralise_cell(-3) == -3
    assert neutralise_cell(-2.5) == -2.5
    assert neutralise_cell("-2.5") == "'-2.5"
    assert neutralise_cell("") == ""
