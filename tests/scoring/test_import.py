"""Importing messy roster files into a real SQLite roster."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.wiring import open_roster
from scoring.columns import map_columns
from scoring.config import DATA_DIR
from scoring.readers import RosterFileError, Table
from scoring.rows import RowReader

ALIASES = tomllib.loads((DATA_DIR / "columns.toml").read_text())["aliases"]

# A value people would type for each field, and what Relais should store.
EXAMPLES = {
    "handle": ("@Alias.Test", "alias.test"),
    "platform": ("Insta", "instagram"),
    "display_name": ("Léa M.", "Léa M."),
    "followers": ("12,5K", 12_500),
    "following": ("1 200", 1_200),
    "posts_count": ("340", 340),
    "avg_likes": ("1,2k", 1_200.0),
    "avg_comments": ("45", 45.0),
    "avg_views": ("8\u202f000", 8_000.0),
    "engagement_rate": ("3,4 %", 0.034),
    "engagement_formula": ("median engagements / followers", "median engagements / followers"),
    "country": ("France", "FR"),
    "language": ("français", "fr"),
    "topics": ("Grimpe; #Bloc", ["grimpe", "bloc"]),
    "bio": ("Grimpeuse  à Font'", "Grimpeuse à Font'"),
    "recent_captions": ("Premier 7a | Journée falaise", ["Premier 7a", "Journée falaise"]),
    "sponsored_ratio": ("20 %", 0.2),
    "follower_growth_30d": ("+12 %", 12.0),
    "audience_countries": ("FR:62;BE:14", {"FR": 0.62, "BE": 0.14}),
    "price_per_post": ("250 €", 250.0),
    "currency": ("GBP", "GBP"),
    "contact_email": ("lea@example.com", "lea@example.com"),
    "last_post_at": ("01/05/2025", "2025-05-01"),
    "brand_safety_flags": ("Alcohol, gambling", ["alcohol", "gambling"]),
    "synthetic": ("oui", True),
}
BASE = {"handle": "base.creator", "platform": "tiktok", "followers": "900"}


def _alias_cases():
    for field, aliases in ALIASES.items():
        for alias in [field, *aliases]:
            yield pytest.param(field, alias, id=f"{field}<-{alias}")


@pytest.mark.parametrize(("field", "alias"), list(_alias_cases()))
def test_every_alias_is_understood(field, alias):
    row = {name: value for name, value in BASE.items() if name != field}
    row[alias] = EXAMPLES[field][0]
    table = Table(path=Path("aliases.csv"), headers=list(row), rows=[(2, row)])
    creator = RowReader.for_table(table, map_columns(table.headers, "aliases.csv")).creator(row)
    value = getattr(creator, field)
    if field == "last_post_at":
        value = value.date().isoformat()
    assert value == EXAMPLES[field][1]


@pytest.mark.parametrize(
    ("header", "field"),
    [("Followers_Count", "followers"), ("  ABONNÉS ", "followers"), ("Taux d'engagement (%)", "engagement_rate"),
     ("taux_d_engagement", "engagement_rate"), ("E-mail", "contact_email"), ("Réseau Social", "platform"),
     ("Nom d'utilisateur", "handle"), ("PRICE (EUR)", "price_per_post"), ("Instagram Followers", "followers")],
)
def test_header_variants(header, field):
    headers = {"handle": "username", "followers": "followers", field: header}
    assert map_columns(list(headers.values()), "f.csv").header(field) == header


def test_a_header_naming_a_platform_sets_it():
    mapping = map_columns(["TikTok handle", "TikTok followers"], "f.csv")
    assert mapping.platform_hint == "tiktok"


MESSY = (
    "Compte;Réseau;Abonnés;Taux d'engagement;Pays;Langue;Thématiques;Bio;Tarif (€);Dernier post;E-mail\n"
    "@Lea.Grimpe;Insta;12,5K;3,4 %;France;français;grimpe, bloc;Grimpeuse à Fontainebleau;250;01/05/2025;lea@example.com\n"
    "https://www.tiktok.com/@vegan.sam;;1,2 M;2.1;UK;English;vegan food;Plant-based recipes;\"1 500\";2025-04-20;\n"
    "bad.platform;myspace;100;;;;;;;;\n"
    "no.followers;instagram;;;;;;;;;\n"
    "@lea.grimpe;instagram;13000;;;;;;;;\n"
    "bad.number;youtube;beaucoup;;;;;;;;\n"
    "bad.rate;youtube;5000;abc;;;;;;;\n"
    ";instagram;5000;;;;;;;;\n"
    "bad.date;instagram;5000;;;;;;;hier;\n"
    "bad.mail;instagram;5000;;;;;;;;pas un mail\n"
    "bad.country;instagram;5000;;Narnia;;;;;;\n"
    "\n"
    "ok.three;blog;12\u00a0500;0,8;BE;fr;mode;Friperie;90;;\n"
)


def test_messy_csv(settings, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(MESSY, encoding="utf-8")
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        # Only a bad handle, platform or follower count rejects a row; other bad cells are left out.
        assert (report.created, report.updated) == (7, 0)
        reasons = {row.line: row.reason for row in report.rejected}
        assert set(reasons) == {4, 5, 6, 7, 9}
        assert "unknown platform 'myspace'" in reasons[4]
        assert reasons[5] == "missing followers"
        assert "duplicate of line 2" in reasons[6]
        assert "followers" in reasons[7] and "beaucoup" in reasons[7]
        assert reasons[9] == "missing handle"
        dropped = "\n".join(report.notes)
        assert "line 8: engagement_rate (\"Taux d'engagement\") left out: not a number: 'abc'" in dropped
        assert "line 10: last_post_at ('Dernier post') left out" in dropped and "'hier'" in dropped
        assert "line 11: contact_email ('E-mail') left out" in dropped
        assert "line 12: country ('Pays') left out" in dropped and "Narnia" in dropped
        for handle, field in [("bad.rate", "engagement_rate"), ("bad.date", "last_post_at"),
                              ("bad.mail", "contact_email"), ("bad.country", "country")]:
            kept = roster.get("youtube" if handle == "bad.rate" else "instagram", handle)
            assert kept.followers == 5000 and getattr(kept, field) is None

        lea = roster.get("instagram", "@Lea.Grimpe")
        assert (lea.followers, lea.country, lea.language, lea.topics) == (12_500, "FR", "fr", ["grimpe", "bloc"])
        assert lea.engagement_rate == pytest.approx(0.034)
        assert (lea.price_per_post, lea.currency) == (250.0, "EUR")  # the currency came from the header
        sam = roster.get("tiktok", "vegan.sam")  # the platform came from the profile URL
        assert (sam.followers, sam.country, sam.price_per_post) == (1_200_000, "GB", 1500.0)
        # One bare rate above 1 in the column: the column is in percent.
        assert sam.engagement_rate == pytest.approx(0.021)
        assert roster.get("blog", "ok.three").engagement_rate == pytest.approx(0.008)
        assert roster.count() == 7


def test_reimport_updates_and_keeps_what_the_new_file_leaves_empty(settings, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("handle,platform,followers,avg_likes,avg_comments,price,country\n"
                     "lea,instagram,10000,300,20,250,FR\nsam,tiktok,5000,,,,GB\n")
    second = tmp_path / "second.csv"
    second.write_text("username,network,followers_count,price\n@Lea,Instagram,12000,\nnew.one,youtube,800,40\n")
    with open_roster(settings) as roster:
        assert roster.import_file(first).created == 2
        report = roster.import_file(second)
        assert (report.created, report.updated, report.rejected) == (1, 1, [])
        assert roster.count() == 3
        lea = roster.get("instagram", "lea")
        assert lea.followers == 12_000 and lea.price_per_post == 250 and lea.country == "FR"
        # The computed rate follows the new follower count.
        assert lea.engagement_formula == "(avg likes + avg comments) / followers"
        assert lea.engagement_rate == pytest.approx(320 / 12_000)
        again = roster.import_file(second)
        assert (again.created, again.updated) == (0, 2) and roster.count() == 3


def test_per_view_rate_on_tiktok_and_youtube(settings, tmp_path):
    path = tmp_path / "views.csv"
    path.write_text("handle,platform,followers,avg_likes,avg_comments,avg_views\n"
                    "a,tiktok,10000,900,100,20000\nb,instagram,10000,900,100,20000\nc,youtube,10000,90,10,\n")
    with open_roster(settings) as roster:
        roster.import_file(path)
        assert roster.get("tiktok", "a").engagement_rate == pytest.approx(0.05)
        assert roster.get("instagram", "b").engagement_rate == pytest.approx(0.1)
        youtube = roster.get("youtube", "c")  # no views: per follower, and said so
        assert youtube.engagement_formula == "(avg likes + avg comments) / followers"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"   \n\n", "is empty"), (b"handle,platform,followers\n", "no creators"),
     (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
     (b"name,city\nLea,Paris\n", "no column for handle"), (b"[1, 2", "not valid JSON")],
)
def test_unusable_files_are_refused_and_nothing_changes(settings, tmp_path, content, message):
    path = tmp_path / ("roster.json" if content.startswith(b"[") else "roster.csv")
    path.write_bytes(content)
    with open_roster(settings) as roster:
        version = roster.version()
        with pytest.raises(RosterFileError, match=message):
            roster.import_file(path)
        assert roster.count() == 0 and roster.version() == version


def test_a_fake_xlsx_and_an_old_xls_are_named(settings, tmp_path):
    with open_roster(settings) as roster:
        fake = tmp_path / "roster.xlsx"
        fake.write_text("handle,followers\n")
        with pytest.raises(RosterFileError, match="not an Excel workbook"):
            roster.import_file(fake)
        old = tmp_path / "roster.xls"
        old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
        with pytest.raises(RosterFileError, match=r"old Excel \.xls"):
            roster.import_file(old)


def test_xlsx_written_with_openpyxl(settings, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Username", "Platform", "Followers", "ER", "Topics", "Last post"])
    sheet.append(["@xl.one", "YouTube", 15300, 0.021, "tech; gadgets", None])
    sheet.append(["xl.two", "tiktok", "2,5K", 0.12, "bloc", None])
    sheet.append(["xl.three", "instagram", "not a number", 0.01, "", None])
    sheet.append(["xl.four", "instagram", 4000, 0.03, "", "2025-03-01"])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        assert (report.created, report.unit) == (3, "row")
        assert [(r.line, "followers" in r.reason) for r in report.rejected] == [(4, True)]
        assert roster.get("youtube", "xl.one").engagement_rate == pytest.approx(0.021)
        assert roster.get("tiktok", "xl.two").followers == 2_500
        assert roster.get("instagram", "xl.four").last_post_at.year == 2025


def test_json_with_wrong_types(settings, tmp_path):
    records = [
        {"handle": "j.one", "platform": "instagram", "followers": 1200, "topics": ["vegan", "recettes"],
         "audience_countries": {"FR": 0.7}},
        {"handle": "j.two", "platform": "instagram", "followers": [1, 2]},
        {"handle": "j.three", "platform": "instagram", "followers": 10, "topics": 42},
        {"handle": "j.four", "platform": 7, "followers": 10},
        "not an object",
        {"handle": "j.five", "platform": "x", "followers": "3k", "engagement_rate": "2 %"},
    ]
    path = tmp_path / "roster.json"
    path.write_text(json.dumps({"creators": records}, indent=2))
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        assert report.created == 3  # j.three keeps its row; its topics (42) are left out
        lines = path.read_text().splitlines()
        by_line = {row.line: row.reason for row in report.rejected}
        assert len(by_line) == 3
        for line, reason in by_line.items():  # numbers point at the record's first line in the file
            assert lines[line - 1].strip().startswith(("{", '"not an object"'))
        reasons = " ".join(by_line.values())
        assert "got list" in reasons and "got int" in reasons and "expected an object" in reasons
        assert roster.get("x", "j.five").engagement_rate == pytest.approx(0.02)
        assert roster.get("instagram", "j.one").audience_countries == {"FR": 0.7}
        assert roster.get("instagram", "j.three").topics == []
        assert any("topics ('topics') left out: expected text or a list, got int" in n for n in report.notes)


def test_json_lines(settings, tmp_path):
    path = tmp_path / "roster.jsonl"
    path.write_text('{"handle": "l1", "platform": "blog", "followers": 10}\n\n'
                    '{"handle": "l2", "platform": "blog"}\n')
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        assert report.created == 1 and [(r.line, r.reason) for r in report.rejected] == [(3, "missing followers")]


def test_a_failure_mid_import_leaves_the_previous_roster(settings, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("handle,platform,followers\nkeep.me,instagram,1000\n")
    big = tmp_path / "big.csv"
    big.write_text("handle,platform,followers\n" + "".join(f"c{i},instagram,{1000 + i}\n" for i in range(12_000))
                   + "keep.me,instagram,999999\n")

    def interrupt(done: int, total: int) -> None:
        if done >= 5000:
            raise KeyboardInterrupt  # e.g. Ctrl-C half-way through the transaction

    with open_roster(settings) as roster:
        roster.import_file(first)
        version = roster.version()
        with pytest.raises(KeyboardInterrupt):
            roster.import_file(big, progress=interrupt)
        assert roster.count() == 1 and roster.version() == version
        assert roster.get("instagram", "keep.me").followers == 1000
    with open_roster(settings) as reopened:  # and it is what is on disk
        assert reopened.count() == 1


def test_cli_import_exit_codes(settings, tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(settings.data_dir)]
    good = tmp_path / "good.csv"
    good.write_text("handle,platform,followers\na,instagram,100\n")
    partial = tmp_path / "partial.csv"
    partial.write_text("handle,platform,followers\nb,instagram,100\nc,myspace,100\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert runner.invoke(app, ["creators", "import", str(good), *data]).exit_code == 0
    result = runner.invoke(app, ["creators", "import", str(partial), *data])
    assert result.exit_code == 1
    assert "line 3" in result.output and "myspace" in result.output
    result = runner.invoke(app, ["creators", "import", str(empty), *data])
    assert result.exit_code == 2 and "empty" in result.output
    result = runner.invoke(app, ["creators", "import", str(partial), "--json", *data])
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and (report["created"], report["updated"]) == (0, 1)
    assert [r["line"] for r in report["rejected"]] == [3] and "myspace" in report["rejected"][0]["reason"]
    listed = runner.invoke(app, ["creators", "list", "--json", *data])
    assert json.loads(listed.stdout)["total"] == 2
    shown = runner.invoke(app, ["creators", "show", "@B", *data])
    assert shown.exit_code == 0 and "instagram" in shown.output
    assert runner.invoke(app, ["creators", "remove", "b", *data]).exit_code == 0
    assert runner.invoke(app, ["creators", "remove", "b", *data]).exit_code == 2
    assert json.loads(runner.invoke(app, ["creators", "list", "--json", *data]).stdout)["total"] == 1
