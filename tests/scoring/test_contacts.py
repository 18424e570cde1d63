"""Files with no follower column that clearly list creators: imported as contacts (issue 13).

A contact keeps what the file said (name, email, country, topics, price), is listed, is never
shortlisted, and becomes a full creator when a later file gives its follower count.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.wiring import open_roster
from scoring.importing import read_import
from scoring.models import ShortlistRequest
from scoring.readers import RosterFileError
from scoring.roster import _creators_table
from scoring.shortlist import shortlist_creators

FILES = Path(__file__).parent / "files"
CONTACTS = FILES / "contacts_only.csv"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_contact_list_is_stored_with_what_it_says_and_listed(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(CONTACTS)
        assert (report.created, report.contacts, report.rejected) == (3, 3, [])
        assert any("no follower column" in note and "3 creators are kept as contacts" in note for note in report.notes)
        lea = roster.get("instagram", "lea.grimpe")
        assert (lea.followers, lea.display_name, lea.contact_email, lea.country) == (
            None, "Léa Grimpe", "lea@example.com", "FR")
        assert (lea.topics, lea.price_per_post, lea.currency) == (["escalade", "bloc"], 325.0, "EUR")
        assert lea.is_contact and lea.engagement_rate is None
        sam = roster.get("instagram", "sam.velo")  # from a profile URL, "Sur devis" is no price
        assert (sam.country, sam.price_per_post) == ("BE", None)
        assert [c.handle for c in roster.list()] == ["julie.pain", "lea.grimpe", "sam.velo"]
        assert roster.contact_count() == 3 and roster.frame().n == 0


@pytest.mark.parametrize(("lang", "words"), [("en", "only contacts (3)"), ("fr", "que des contacts (3)")])
def test_contacts_are_never_shortlisted_and_the_empty_shortlist_says_why(settings, lang, words):
    with open_roster(settings) as roster:
        roster.import_file(CONTACTS)
        result = shortlist_creators(roster, ShortlistRequest(niche="escalade", reasons_language=lang))
    assert result.creators == []
    assert len(result.notes) == 1 and words in result.notes[0]


def test_a_later_file_with_followers_makes_a_contact_a_creator(settings, tmp_path):
    later = _write(tmp_path / "later.csv", "username,platform,followers,avg likes\nlea.grimpe,instagram,12000,300\n")
    with open_roster(settings) as roster:
        roster.import_file(CONTACTS)
        report = roster.import_file(later)
        assert (report.created, report.updated, report.contacts) == (0, 1, 0)
        lea = roster.get("instagram", "lea.grimpe")
        assert (lea.followers, lea.contact_email, lea.engagement_rate) == (12000, "lea@example.com", 0.025)
        assert roster.contact_count() == 2 and roster.frame().n == 1
        found = shortlist_creators(roster, ShortlistRequest(niche="escalade"))
        assert [c.handle for c in found.creators] == ["lea.grimpe"]
        assert found.notes == []
        # Nothing about cycling among the creators: the two contacts might have been, and the note says so.
        empty = shortlist_creators(roster, ShortlistRequest(niche="boulangerie"))
        assert empty.creators == [] and "2 contacts without a follower count were not considered" in empty.notes[-1]


def test_a_contact_list_keeps_the_follower_count_a_creator_already_has(settings, tmp_path):
    first = _write(tmp_path / "first.csv", "username,platform,followers\nlea.grimpe,instagram,8000\n")
    with open_roster(settings) as roster:
        roster.import_file(first)
        report = roster.import_file(CONTACTS)
        assert (report.created, report.updated, report.contacts) == (2, 1, 2)
        lea = roster.get("instagram", "lea.grimpe")
        assert (lea.followers, lea.contact_email) == (8000, "lea@example.com")


def test_rows_of_a_file_with_a_follower_column_still_need_their_count(tmp_path):
    path = _write(tmp_path / "r.csv", "username,platform,followers,email\nlea,instagram,,lea@example.com\n"
                                      "sam,instagram,900,sam@example.com\n")
    plan = read_import(path)
    assert [c.handle for _, c in plan.creators] == ["sam"]
    assert [(r.line, r.reason) for r in plan.rejected] == [(2, "missing followers")]
    assert not any("contacts" in note for note in plan.notes)


@pytest.mark.parametrize("text", ["username\nlea\nbob\n", "url,title\nhttps://instagram.com/lea,Lea\n",
                                  "Instagram,TikTok\n@lea,@lea.tt\n"])
def test_a_file_that_does_not_look_like_a_roster_is_refused_and_stores_nothing(settings, tmp_path, text):
    path = _write(tmp_path / "handles.csv", text)
    with open_roster(settings) as roster, pytest.raises(RosterFileError, match="no column for followers") as caught:
        roster.import_file(path)
    assert "as contacts" in str(caught.value)
    with open_roster(settings) as roster:
        assert roster.count() == 0


def test_a_member_upload_without_followers_gives_linked_contacts(settings):
    with open_roster(settings) as roster:
        report = roster.import_file(FILES / "member_upload_no_followers.csv")
        assert (report.created, report.contacts, report.rejected) == (3, 3, [])
        nina_ig, nina_tt = roster.get("instagram", "nina.court"), roster.get("tiktok", "nina.court.tt")
        assert nina_ig.person == nina_tt.person == "nina court <nina@example.com>"
        assert (nina_tt.followers, nina_tt.country) == (None, "FR")
        assert roster.get("instagram", "omar.boulange").country == "BE"


def test_cli_lists_contacts_as_such_and_previews_them(settings):
    data = ["--data-dir", str(settings.data_dir)]
    preview = CliRunner().invoke(app, ["creators", "import", str(CONTACTS), "--dry-run", *data])
    assert preview.exit_code == 0, preview.output
    assert "3 of 3 creators read would be imported" in " ".join(preview.output.split())
    assert preview.output.count("contact") >= 3
    assert CliRunner().invoke(app, ["creators", "import", str(CONTACTS), *data]).exit_code == 0
    listed = CliRunner().invoke(app, ["creators", "list", *data])
    assert listed.exit_code == 0, listed.output
    assert listed.output.count("contact") == 3 and "lea.grimpe" in listed.output
    shown = CliRunner().invoke(app, ["creators", "show", "lea.grimpe", *data])
    assert shown.exit_code == 0 and "a contact, not shortlisted" in " ".join(shown.output.split()), shown.output


def test_a_schema_1_roster_is_migrated_in_place(settings):
    with open_roster(settings) as roster:
        roster.import_file(FILES / "titled_export.csv")
        path = roster.path
    # Rebuild the table as schema 1 had it: followers NOT NULL, and no person column yet.
    db = sqlite3.connect(path)
    old = _creators_table("creators_old").replace("followers INTEGER,", "followers INTEGER NOT NULL,")
    old = old.replace("    person TEXT,\n", "")
    db.executescript(f"""{old};
        INSERT INTO creators_old SELECT {', '.join(r[1] for r in db.execute('PRAGMA table_info(creators)')
                                                   if r[1] != 'person')} FROM creators;
        DROP TABLE creators; ALTER TABLE creators_old RENAME TO creators;
        UPDATE meta SET value='1' WHERE key='schema';""")
    db.close()
    with open_roster(settings) as roster:
        assert roster.count() == 2 and roster.get("instagram", "lea.grimpe").followers == 12500
        report = roster.import_file(CONTACTS)
        assert (report.created, report.updated) == (2, 1)
        assert roster.get("instagram", "lea.grimpe").followers == 12500
        assert roster.get("instagram", "sam.velo").is_contact
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == ("2",)
    notnull = {r[1]: r[3] for r in db.execute("PRAGMA table_info(creators)")}
    assert notnull["followers"] == 0 and "person" in notnull
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='creators_handle'").fetchone() == (1,)
    db.close()
