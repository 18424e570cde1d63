"""Roster files in other shapes (scoring.shapes): one row per person with a column per platform, one row per post.

Every file under ``tests/scoring/files/`` was written for these tests; the others are built here.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.wiring import open_roster
from scoring.columns import map_columns
from scoring.importing import read_import
from scoring.readers import RosterFileError, read_table
from scoring.rows import FORMULA_PER_FOLLOWER, FORMULA_PER_VIEW, RowReader
from scoring.shapes import reshape

FILES = Path(__file__).parent / "files"
PER_PERSON = FILES / "per_person_platforms.csv"
META_POSTS = FILES / "meta_business_suite_posts.csv"
TIKTOK_VIDEOS = FILES / "tiktok_studio_videos.csv"


def missing_followers(handle: str) -> str:
    return (f"missing followers: this file lists posts of @{handle}, not the account's follower count; import the "
            "account first (a profile export or a row with followers) or add a Followers column")


def rejected(report) -> list[tuple[int, str]]:
    return [(row.line, row.reason) for row in report.rejected]


# One row per person, one column per platform -------------------------------------------------------------


def test_a_row_per_person_becomes_a_creator_per_platform(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(PER_PERSON)
        assert (report.created, report.updated, roster.count()) == (5, 0, 5)
        assert rejected(report) == [
            (4, "tiktok @sam.runs: missing followers ('TikTok followers' is empty for this row)"),
            (5, "missing handle: the row fills none of the platform columns ('instagram', 'tiktok', 'youtube')"),
        ]
        lea_insta, lea_tok = roster.get("instagram", "lea.grimpe"), roster.get("tiktok", "lea.grimpe.tok")
        for lea in (lea_insta, lea_tok):  # the row's shared cells, copied to each of its creators
            assert (lea.display_name, lea.contact_email, lea.country, lea.topics) == (
                "Léa Grimpe", "Lea@Example.com", "FR", ["escalade", "bloc"])
        assert (lea_insta.followers, lea_tok.followers) == (12_500, 8_200)  # each from its own platform's column
        assert lea_insta.person == lea_tok.person == "lea grimpe <lea@example.com>"
        tom_insta, tom_tube = roster.get("instagram", "tom.cuisine"), roster.get("youtube", "tomcuisine")
        assert (tom_insta.followers, tom_tube.followers, tom_tube.country) == (9_000, 31_000, "BE")
        assert tom_insta.person == tom_tube.person == "instagram:tom.cuisine,youtube:tomcuisine"  # no email
        sam = roster.get("instagram", "sam.runs")
        assert (sam.followers, sam.person, sam.topics) == (15_000, "sam runs <sam@example.com>", ["running", "trail"])
        assert roster.get("tiktok", "sam.runs") is None  # its TikTok has no follower count: rejected alone
        assert report.ignored_columns == []
        assert report.notes[0].startswith("one row per person with a column per platform (instagram ('instagram'), "
                                          "tiktok ('tiktok'), youtube ('youtube')): each platform a row fills is a "
                                          "creator (4 lines, 5 creators read)")
    with open_roster(settings) as reopened:  # the person is stored, not only carried by the import
        assert reopened.get("tiktok", "lea.grimpe.tok").person == "lea grimpe <lea@example.com>"
        assert reopened.frame().n == 5


@pytest.mark.parametrize(
    ("headers", "row", "expected"),
    [
        ("Name,Instagram,TikTok,Followers Instagram,Abonnés TikTok", "Ana,ana.ig,ana.tok,1200,3400",
         {("instagram", "ana.ig"): 1_200, ("tiktok", "ana.tok"): 3_400}),
        ("Name,Instagram handle,TikTok handle,instagram_followers,tiktok_followers", 'Ana,@ana.ig,@ana.tok,1.2K,"3,4K"',
         {("instagram", "ana.ig"): 1_200, ("tiktok", "ana.tok"): 3_400}),
        ("Nom,Lien Instagram,Chaîne YouTube,Abonnés Instagram,YouTube subscribers",
         "Ana,https://www.instagram.com/ana.ig/,https://www.youtube.com/@ana.tube,1200,56000",
         {("instagram", "ana.ig"): 1_200, ("youtube", "ana.tube"): 56_000}),
        # One platform, named by the column alone: the file's follower column is that platform's.
        ("Name,Instagram URL,Followers", "Ana,instagram.com/ana.ig,1200", {("instagram", "ana.ig"): 1_200}),
    ],
)
def test_per_platform_headers(tmp_path, headers, row, expected):
    path = tmp_path / "people.csv"
    path.write_text(f"{headers}\n{row}\n")
    plan = read_import(path)
    assert plan.rejected == []
    assert {(c.platform, c.handle): c.followers for _, c in plan.creators} == expected
    assert all(c.display_name == "Ana" for _, c in plan.creators)


def test_a_per_person_workbook(settings, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Aspire members"])
    sheet.append(["Name", "Email", "Country", "Instagram", "TikTok", "Instagram followers", "TikTok followers"])
    sheet.append(["Zoé Makeup", "zoe@example.com", "France", "zoe.makeup", "@zoe.tok", 21000, 48000])
    sheet.append(["Jo Tech", "jo@example.com", "Royaume-Uni", "https://www.tiktok.com/@jo.tech", None, 5000, None])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    with open_roster(settings) as roster:
        report = roster.import_file(path)
        assert (report.created, report.unit) == (2, "row")
        # Jo's Instagram column holds a TikTok profile: refused, naming both, rather than filed on Instagram.
        assert rejected(report) == [(4, "instagram: handle ('Instagram'): 'https://www.tiktok.com/@jo.tech' is a "
                                        "tiktok profile; this column is for instagram")]
        zoe_insta, zoe_tok = roster.get("instagram", "zoe.makeup"), roster.get("tiktok", "zoe.tok")
        assert (zoe_insta.followers, zoe_tok.followers, zoe_tok.country) == (21_000, 48_000, "FR")
        assert zoe_insta.person == zoe_tok.person == "zoe makeup <zoe@example.com>"


def test_a_later_file_without_person_keeps_it(settings, tmp_path):
    path = tmp_path / "later.csv"
    path.write_text("handle,platform,followers,price\nlea.grimpe,instagram,13000,300\n")
    with open_roster(settings) as roster:
        roster.import_file(PER_PERSON)
        roster.import_file(path)
        lea = roster.get("instagram", "lea.grimpe")
        assert (lea.followers, lea.price_per_post, lea.person) == (13_000, 300.0, "lea grimpe <lea@example.com>")


# One row per post ----------------------------------------------------------------------------------------


META_NOTE = (
    "@lea.grimpe (instagram): 4 posts from 2025-03-03 to 2025-04-28 aggregated: "
    "avg likes = total likes / posts = 1,280 / 4 = 320; avg comments = total comments / posts = 48 / 4 = 12; "
    "avg views = total views / posts with views = 24,000 / 3 = 8,000; posts_count = 4 (the posts in this file); "
    "last_post_at = 2025-04-28 09:30 (the latest post); recent_captions = the 4 latest captions; "
    "posting frequency = 3 gaps between 4 posts over 7.9 weeks = 0.38 posts a week (not stored: the roster has "
    "no field for it); followers 12,500 kept from the roster (this file has none)"
)


def test_meta_post_export_updates_a_known_account(settings):
    with open_roster(settings) as roster:
        roster.import_file(FILES / "titled_export.csv")  # @lea.grimpe: 12.5K followers, 300 likes, a price
        report = roster.import_file(META_POSTS)
        assert (report.created, report.updated) == (0, 1)
        assert rejected(report) == [(6, missing_followers("chef.paul")), (8, missing_followers("atelier.lea"))]
        lea = roster.get("instagram", "lea.grimpe")
        assert (lea.followers, lea.price_per_post, lea.display_name) == (12_500, 375.0, "Léa Grimpe")  # kept
        assert (lea.avg_likes, lea.avg_comments, lea.avg_views, lea.posts_count) == (320.0, 12.0, 8000.0, 4)
        assert lea.last_post_at == datetime(2025, 4, 28, 9, 30, tzinfo=UTC)  # "04/28/2025": month first
        assert lea.recent_captions == ["Nouvelle voie en falaise", "Bloc en salle avec les copains",
                                       "Matos : mes chaussons préférés", "Premier post du printemps"]
        assert (lea.engagement_rate, lea.engagement_formula) == (pytest.approx(332 / 12_500), FORMULA_PER_FOLLOWER)
        assert roster.count() == 2 and roster.get("instagram", "chef.paul") is None
        assert report.notes[:2] == ["one row per post: 7 lines aggregated into 3 accounts", META_NOTE]
        # One unreadable cell costs that post's likes, not the file (chef.paul is refused for his followers).
        assert "line 6: likes ('Likes') of this post left out: not a number: 'n/a'" in report.notes


def test_tiktok_studio_export_and_the_person_of_a_first_file(settings):
    with open_roster(settings) as roster:
        roster.import_file(PER_PERSON)  # @lea.grimpe.tok on TikTok, 8,200 followers
        report = roster.import_file(TIKTOK_VIDEOS)
        assert (report.created, report.updated, report.rejected) == (0, 1, [])
        tok = roster.get("tiktok", "lea.grimpe.tok")  # the handle from "https://www.tiktok.com/@lea.grimpe.tok/video/..."
        assert (tok.followers, tok.person) == (8_200, "lea grimpe <lea@example.com>")
        assert (tok.avg_likes, tok.avg_comments, tok.avg_views, tok.posts_count) == (1200.0, 40.0, 15_000.0, 3)
        assert tok.last_post_at == datetime(2025, 4, 16, 20, 15, tzinfo=UTC)
        assert tok.recent_captions == ["Le bloc violet enfin !", "Routine d'échauffement",
                                       "Bloc du jour à Fontainebleau"]  # the latest first
        assert (tok.engagement_rate, tok.engagement_formula) == (pytest.approx(1240 / 15_000), FORMULA_PER_VIEW)
        note = next(n for n in report.notes if n.startswith("@lea.grimpe.tok (tiktok): "))
        assert "avg likes = total likes / posts = 3,600 / 3 = 1,200" in note
        assert "2 gaps between 3 posts over 2.0 weeks = 0.99 posts a week" in note


def test_a_post_export_of_an_unknown_account_is_rejected(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(TIKTOK_VIDEOS)
        assert (report.created, rejected(report), roster.count()) == (0, [(2, missing_followers("lea.grimpe.tok"))], 0)


def test_a_dry_run_says_the_roster_was_not_looked_up():
    plan = read_import(TIKTOK_VIDEOS)  # what `relais creators import --dry-run` calls
    assert [r.reason for r in plan.rejected] == [
        missing_followers("lea.grimpe.tok")
        + " (the roster was not looked up here: an import keeps the count it has for @lea.grimpe.tok)"]


@pytest.mark.parametrize(("path", "rows", "imported"), [(PER_PERSON, 7, 5), (META_POSTS, 3, 0), (TIKTOK_VIDEOS, 1, 0)])
def test_a_reshaped_file_counts_its_rows_as_creators(path, rows, imported):
    plan = read_import(path)  # "5 of 7 would be imported, 2 rejected": the counts add up
    assert (plan.rows, len(plan.creators), len(plan.rejected)) == (rows, imported, rows - imported)


def test_french_tiktok_headers_and_day_first_dates(tmp_path):
    path = tmp_path / "videos.csv"
    path.write_text(
        "Date de publication,Titre de la vidéo,Lien de la vidéo,Mentions J'aime,Commentaires,Partages,Vues\n"
        "05/04/2025 18:30,Vidéo deux,https://www.tiktok.com/@nina.runs/video/2,200,10,1,4000\n"
        "01/04/2025 08:00,Vidéo un,https://www.tiktok.com/@nina.runs/video/1,100,abc,1,2000\n"
        "pas de date,Vidéo sans date,https://www.tiktok.com/@nina.runs/video/0,300,20,1,\n"
    )
    stored = {("tiktok", "nina.runs"): 5000}
    plan = read_import(path, known_followers=lambda platform, handle: stored.get((platform, handle)))
    assert plan.rejected == []
    ((line, nina),) = plan.creators
    assert (line, nina.handle, nina.platform, nina.followers, nina.posts_count) == (2, "nina.runs", "tiktok", 5000, 3)
    assert (nina.avg_likes, nina.avg_comments, nina.avg_views) == (200.0, 15.0, 3000.0)
    assert nina.last_post_at == datetime(2025, 4, 5, 18, 30, tzinfo=UTC)  # 05/04: the 5th of April
    assert nina.recent_captions == ["Vidéo deux", "Vidéo un", "Vidéo sans date"]  # undated last
    assert "line 3: comments ('Commentaires') of this post left out: not a number: 'abc'" in plan.notes
    assert any(n.startswith("line 4: publish time ('Date de publication') of this post left out: ") for n in plan.notes)
    assert any("avg comments = total comments / posts with comments = 30 / 2 = 15" in n for n in plan.notes)


# Whole files ---------------------------------------------------------------------------------------------


def test_a_post_export_that_fails_as_a_whole_changes_nothing(settings, tmp_path):
    path = tmp_path / "posts.csv"  # Instagram post links name no account, and there is no username column
    path.write_text("Post ID,Description,Permalink,Likes,Comments\n"
                    "1,Un,https://www.instagram.com/p/A1/,10,1\n2,Deux,https://www.instagram.com/p/A2/,20,2\n")
    with open_roster(settings) as roster:
        roster.import_file(FILES / "titled_export.csv")
        before, version = roster.get("instagram", "lea.grimpe"), roster.version()
        with pytest.raises(RosterFileError, match="lists posts, but none names its account"):
            roster.import_file(path)
        assert (roster.version(), roster.count(), roster.get("instagram", "lea.grimpe")) == (version, 2, before)


def test_a_per_person_file_is_stored_all_or_nothing(settings, monkeypatch):
    from scoring import roster as roster_module

    index = roster_module._Vocabulary.index
    calls = []

    def failing_index(self, creator):
        calls.append(creator.handle)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return index(self, creator)

    with open_roster(settings) as roster:
        monkeypatch.setattr(roster_module._Vocabulary, "index", failing_index)
        with pytest.raises(sqlite3.OperationalError):
            roster.import_file(PER_PERSON)
        assert (roster.count(), roster.version()) == (0, 0)


def _as_read(path: Path) -> list[dict]:
    table = read_table(path)
    reader = RowReader.for_table(table, map_columns(table.headers, str(path)))
    found = []
    for _, row in table.rows:
        try:
            found.append(reader.creator(row).model_dump())
        except ValueError as exc:
            found.append({"error": str(exc)})
    return found


@pytest.mark.parametrize("name", ["titled_export.csv", "profile_urls.csv", "mixed_rates.csv", "nested_users.json"])
def test_ordinary_roster_files_are_not_reshaped(name):
    table = read_table(FILES / name)
    shaped = reshape(table, known_followers=lambda platform, handle: 1)
    assert (shaped.table, shaped.notes, shaped.rejected) == (table, [], [])
    plan = read_import(FILES / name)
    assert [c.model_dump() for _, c in plan.creators] == [c for c in _as_read(FILES / name) if "error" not in c]
    assert all(c.person is None for _, c in plan.creators)


@pytest.mark.parametrize(
    "text",
    [
        "Instagram handle,Instagram followers\nlea,1200\n",  # one platform: the standard mapping reads it
        "handle,platform,followers,Instagram followers\nlea,instagram,1200,1300\n",  # a handle column of its own
        # One follower column for two platforms' handles: whose it is, nobody says; read as it always was.
        "Influencer insta name,Tiktoker name,Followers\nlea,lea.tok,1200\n",
        "Account username,Likes,Comments,Permalink,followers\nlea,10,1,https://www.instagram.com/lea/,100\n",
        "Account username,Publish time,Likes\nlea,2025-04-01,10\nsam,2025-04-02,20\n",  # each account once
    ],
)
def test_files_that_already_have_a_creator_per_row(tmp_path, text):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    table = read_table(path)
    assert reshape(table).table is table


def test_a_map_override_reads_the_file_as_it_is(tmp_path):
    path = tmp_path / "insta.csv"
    path.write_text("Instagram,Abos\nlea.grimpe,1200\n")
    plan = read_import(path, overrides={"Instagram": "handle", "Abos": "followers"}, platform="instagram")
    assert [(c.handle, c.platform, c.followers, c.person) for _, c in plan.creators] == [
        ("lea.grimpe", "instagram", 1200, None)]
    assert plan.notes == []


# The roster database ---------------------------------------------------------------------------------------


def test_an_older_roster_database_gains_the_person_column(settings):
    with open_roster(settings) as roster:
        roster.import_file(FILES / "titled_export.csv")
        path = roster.path
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE creators DROP COLUMN person")  # as a database made before the column was
    db.commit()
    db.close()
    with open_roster(settings) as roster:
        assert roster.get("instagram", "lea.grimpe").person is None
        assert roster.frame().n == 2
        report = roster.import_file(PER_PERSON)
        assert (report.created, report.updated) == (4, 1)
        assert roster.get("instagram", "lea.grimpe").person == "lea grimpe <lea@example.com>"
