"""Roster exports as they come (issue 13): title rows, profile URLs, ranges, nested JSON, more countries.

Every fixture under ``tests/scoring/files/`` was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.wiring import open_roster
from scoring.columns import map_columns
from scoring.numbers import is_no_price, parse_money_range
from scoring.places import places, repair_mojibake
from scoring.readers import read_table
from scoring.rows import RowReader, parse_audience, parse_country, parse_platform

FILES = Path(__file__).parent / "files"


def _read(path: Path) -> tuple[RowReader, list[tuple[int, object]]]:
    """(the reader, [(line, Creator or the error text)]) for one file."""
    table = read_table(path)
    reader = RowReader.for_table(table, map_columns(table.headers, str(path)))
    out = []
    for line, row in table.rows:
        try:
            out.append((line, reader.creator(row)))
        except ValueError as exc:
            out.append((line, str(exc)))
    return reader, out


# Column aliases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [("channel_info", "handle"), ("Influencer insta name", "handle"), ("instagram name", "handle"),
     ("Tiktoker name", "handle"), ("Account username", "handle"), ("profile_name", "handle"),
     ("Subscribers count", "followers"), ("Views avg.", "avg_views"), ("Likes avg", "avg_likes"),
     ("Comments avg", "avg_comments"), ("Engagement avg", "engagement_rate"), ("60_day_eng_rate", "engagement_rate"),
     ("category_1", "topics"), ("businessCategory", "topics"), ("Audience country(mostly)", "audience_countries"),
     ("Top audience countries", "audience_countries"), ("Prix par post (€)", "price_per_post")],
)
def test_new_aliases(header, field):
    headers = {"handle": "username", "followers": "followers", field: header}
    assert map_columns(list(headers.values()), "f.csv").header(field) == header


@pytest.mark.parametrize(("header", "field"), [
    ("Content Categories", "topics"), ("Tarif post (€)", "price_per_post"), ("Rate (USD)", "price_per_post"),
    ("Email address", "contact_email"), ("Avg Engagement Rate %", "engagement_rate"),
])
def test_a_qualified_header_is_read_by_its_longest_known_words(header, field):
    """Tools qualify the usual names; "Avg Engagement Rate %" must not become a price through "rate"."""
    assert map_columns(["username", "followers", header], "f.csv").header(field) == header


def test_a_header_with_no_known_words_is_still_ignored():
    mapping = map_columns(["username", "followers", "Internal notes", "Campaign owner"], "f.csv")
    assert mapping.ignored == ["Internal notes", "Campaign owner"]


@pytest.mark.parametrize("header", ["profileUrl", "url", "Permalink", "Profile URL"])
def test_profile_url_headers(header):
    mapping = map_columns([header, "followers"], "f.csv")
    assert mapping.profile_url == header and mapping.header("handle") is None


@pytest.mark.parametrize("order", [("Account name", "Account username"), ("Account username", "Account name")])
def test_account_username_is_preferred_over_account_name(order):
    mapping = map_columns([*order, "followers"], "f.csv")
    assert mapping.header("handle") == "Account username"
    assert mapping.header("display_name") == "Account name"
    assert map_columns(["Account name", "followers"], "f.csv").header("handle") == "Account name"


def test_a_platform_in_a_handle_header_is_a_hint():
    assert map_columns(["Tiktoker name", "Followers"], "f.csv").platform_hint == "tiktok"
    assert map_columns(["Influencer insta name", "Followers"], "f.csv").platform_hint == "instagram"
    assert map_columns(["Account username", "Followers"], "f.csv").platform_hint is None


def test_price_header_in_euros():
    assert map_columns(["handle", "followers", "Prix par post (€)"], "f.csv").price_currency == "EUR"


# Header detection, CSV ---------------------------------------------------------------------------------


def test_title_rows_above_the_header_are_skipped():
    table = read_table(FILES / "titled_export.csv")
    assert table.headers[:3] == ["Account username", "Account name", "Platform"]
    assert [line for line, _ in table.rows] == [5, 6]
    reader, rows = _read(FILES / "titled_export.csv")
    (line_lea, lea), (line_sam, sam) = rows
    assert (line_lea, lea.handle, lea.display_name, lea.platform) == (5, "lea.grimpe", "Léa Grimpe", "instagram")
    assert (lea.followers, lea.avg_views, lea.avg_likes) == (12_500, 8000.0, 300.0)
    # The file's own 60-day rate wins over (likes + comments) / followers.
    assert lea.engagement_rate == pytest.approx(0.042) and lea.engagement_formula == "as imported"
    assert (lea.price_per_post, lea.currency) == (375.0, "EUR")
    assert reader.warnings == [(5, "price_per_post ('Prix par post (€)'): the range '250 - 500' is scored on its midpoint 375")]
    assert (line_sam, sam.handle, sam.platform, sam.price_per_post, sam.currency) == (6, "sam.cuisine", "instagram", None, None)
    assert sam.engagement_rate == pytest.approx(0.03)


def test_title_rows_with_commas(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Roster export\n\nhandle,platform,followers\nA.b,tiktok,12k\n")
    table = read_table(path)
    assert table.headers == ["handle", "platform", "followers"] and [line for line, _ in table.rows] == [4]


def test_a_file_whose_header_maps_one_field_still_reads_its_first_row(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("handle,colour\nabc,blue\n")
    table = read_table(path)
    assert table.headers == ["handle", "colour"] and table.rows == [(2, {"handle": "abc", "colour": "blue"})]


# Header detection, XLSX --------------------------------------------------------------------------------


def test_xlsx_title_rows_are_skipped(settings, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Influencer list - May"])
    sheet.append([])
    sheet.append(["Generated by the agency", None, None])
    sheet.append(["Account username", "Platform", "Subscribers count", "Engagement avg"])
    sheet.append(["xl.title", "YouTube Shorts", 15300, 0.021])
    sheet.append(["xl.other", "https://www.tiktok.com/", "2,5K", 0.05])
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ["Account username", "Platform", "Subscribers count", "Engagement avg"]
    assert [line for line, _ in table.rows] == [5, 6]
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        assert (report.created, report.rejected, report.unit) == (2, [], "row")
        first = roster.get("youtube", "xl.title")
        assert (first.followers, first.engagement_rate) == (15_300, pytest.approx(0.021))
        assert roster.get("tiktok", "xl.other").followers == 2_500


# Profile URLs ------------------------------------------------------------------------------------------


def test_handle_and_platform_from_a_profile_url():
    reader, rows = _read(FILES / "profile_urls.csv")
    assert [line for line, _ in rows] == [2, 3, 4]
    nina, theo, ana = (c for _, c in rows)
    assert (nina.handle, nina.platform, nina.display_name, nina.followers) == ("nina.runs", "instagram", "Insta Nina", 15_000)
    assert nina.topics == ["running", "trail", "sport"]  # category_1, category_2, businessCategory
    assert nina.audience_countries == {"FR": pytest.approx(0.45), "BE": pytest.approx(0.12)}
    assert (theo.handle, theo.platform, theo.topics) == ("theo.bricole", "tiktok", ["diy", "home"])
    assert theo.audience_countries == {"FR": pytest.approx(0.41), "BE": pytest.approx(0.38)}
    assert (ana.handle, ana.platform, ana.topics) == ("ana.codes", "youtube", ["tech", "code"])
    assert ana.audience_countries == {"CA": pytest.approx(0.5), "CI": pytest.approx(0.2)}
    assert reader.warnings == []


def test_a_profile_url_column_gives_the_platform_next_to_a_handle_column():
    table_headers = ["handle", "url", "followers"]
    row = {"handle": "nina.runs", "url": "instagram.com/nina.runs", "followers": "10"}
    from scoring.readers import Table

    table = Table(path=Path("u.csv"), headers=table_headers, rows=[(2, row)])
    creator = RowReader.for_table(table, map_columns(table_headers, "u.csv")).creator(row)
    assert (creator.handle, creator.platform) == ("nina.runs", "instagram")


def test_import_through_the_roster(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(FILES / "profile_urls.csv")
        assert (report.created, report.rejected) == (3, [])
        assert roster.get("tiktok", "theo.bricole").followers == 22_000
        report = roster.import_file(FILES / "titled_export.csv")
        assert (report.created, report.rejected) == (2, [])
        assert roster.get("instagram", "lea.grimpe").price_per_post == 375.0
        # The reader's warning reaches the report the user reads, with its line.
        assert any(note.startswith("line 5: ") and "midpoint 375" in note for note in report.notes), report.notes


# Values ------------------------------------------------------------------------------------------------


def test_mixed_rate_column_prices_and_single_audience_country():
    reader, rows = _read(FILES / "mixed_rates.csv")
    one, two, three = (c for _, c in rows)
    # A bare rate above 1: the column is in percent, except 0.034, which would be an implausible 0.034 %.
    assert one.engagement_rate == pytest.approx(0.034)
    assert two.engagement_rate == pytest.approx(0.123)
    assert three.engagement_rate == pytest.approx(0.02)
    assert (one.price_per_post, one.currency) == (375.0, "EUR")
    assert (two.price_per_post, two.currency) == (None, None)  # "on request"
    assert (three.price_per_post, three.currency) == (300.0, "EUR")
    # No country column: the audience's main country is the creator's market, and no split is invented.
    assert (one.country, two.country, three.country) == ("CO", "TR", "ID")
    assert one.audience_countries == two.audience_countries == three.audience_countries == {}
    file_notes = [message for line, message in reader.warnings if line == 0]
    assert any("mixes fractions (0.034) and percentages (12.3)" in m and "0.034 is 3.4%" in m for m in file_notes)
    assert any("country read from 'Audience country(mostly)'" in m for m in file_notes)
    by_line = {}
    for line, message in reader.warnings:
        if line:
            by_line.setdefault(line, []).append(message)
    assert sorted(by_line) == [2] and "midpoint 375" in by_line[2][0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("250 - 500", (250.0, 500.0, None)), ("250 € - 500 €", (250.0, 500.0, "EUR")), ("250 à 500 €", (250.0, 500.0, "EUR")),
     ("1,2k - 1,5k", (1200.0, 1500.0, None)), ("3 000 €", (3000.0, 3000.0, "EUR")), ("$2k", (2000.0, 2000.0, "USD")),
     (450, (450.0, 450.0, None))],
)
def test_price_ranges(value, expected):
    assert parse_money_range(value) == expected


@pytest.mark.parametrize("value", ["sur devis", "Sur devis", "on request", "On Request", "à négocier"])
def test_no_price(value):
    assert is_no_price(value)
    assert not is_no_price("250")


@pytest.mark.parametrize(
    ("value", "platform"),
    [("instagram.com", "instagram"), ("https://www.tiktok.com/", "tiktok"), ("Instagram Reels", "instagram"),
     ("Shorts", "youtube"), ("YouTube Shorts", "youtube"), ("www.youtube.com", "youtube"), ("twitch.tv", "twitch"),
     ("https://x.com/someone", "x")],
)
def test_platforms_written_as_domains_urls_and_formats(value, platform):
    assert parse_platform(value) == platform


@pytest.mark.parametrize(
    ("value", "code"),
    [("Indonesia", "ID"), ("Indonésie", "ID"), ("Colombia", "CO"), ("Colombie", "CO"), ("Turkey", "TR"),
     ("Türkiye", "TR"), ("Turquie", "TR"), ("UAE", "AE"), ("Émirats arabes unis", "AE"), ("Czech Republic", "CZ"),
     ("République tchèque", "CZ"), ("Côte d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("CÃ´te d'Ivoire", "CI"),
     ("Canada (Québec)", "CA")],
)
def test_more_countries(value, code):
    assert parse_country(value) == code


def test_quebec_in_brackets_implies_french_and_mojibake_is_repaired():
    assert places().country("Canada (Québec)").language == "fr"
    assert repair_mojibake("CÃ´te d'Ivoire") == "Côte d'Ivoire"
    assert repair_mojibake("Côte d'Ivoire") == "Côte d'Ivoire"


@pytest.mark.parametrize(
    ("value", "shares"),
    [("France (45%), Belgium (12%)", {"FR": 0.45, "BE": 0.12}), ("FR:41;BE:38", {"FR": 0.41, "BE": 0.38}),
     ("Türkiye (30 %), UAE (20 %)", {"TR": 0.3, "AE": 0.2})],
)
def test_audience_splits(value, shares):
    assert parse_audience(value) == pytest.approx(shares)


# Nested JSON -------------------------------------------------------------------------------------------


def test_json_users_next_to_other_keys():
    _, rows = _read(FILES / "nested_users.json")
    assert [(line, c.handle, c.platform, c.followers, c.country) for line, c in rows] == [
        (4, "json.one", "instagram", 1200, None), (5, "json.two", "youtube", 3000, "TR")]


def test_json_data_object_holding_results():
    _, rows = _read(FILES / "nested_data_object.json")
    assert [(line, c.handle, c.platform, c.followers, c.country) for line, c in rows] == [
        (2, "deep.one", "tiktok", 500, "AE"), (3, "deep.two", "instagram", 800, "CZ")]


def test_json_data_holding_one_creator():
    _, rows = _read(FILES / "single_creator.json")
    [(line, solo)] = rows
    assert (line, solo.handle, solo.platform, solo.followers, solo.topics, solo.country) == (
        1, "solo.one", "youtube", 4100, ["vlog"], "ID")


def test_json_items_with_a_platform_in_the_handle_header():
    _, rows = _read(FILES / "results_items.json")
    [(line, item)] = rows
    assert (line, item.handle, item.platform, item.followers) == (1, "item.one", "tiktok", 900)
