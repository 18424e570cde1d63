"""What a roster file would import, read without writing anything.

:meth:`scoring.roster.Roster.import_file` stores what :func:`read_import` returns, and
``relais creators import --dry-run`` shows it: the column mapping (and the headers ignored), the
first creators as read, the rows that would be rejected and the fields that would be left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from scoring.columns import ColumnMap, field_of, map_columns, platform_named_in
from scoring.models import Creator, RejectedRow
from scoring.readers import RosterFileError, Table, read_table
from scoring.rows import RowError, RowReader, parse_audience
from scoring.shapes import PERSON_KEY, KnownFollowers, reshape
from scoring.wording import Wording


class ColumnUse(BaseModel):
    header: str  # as the file spells it
    field: str  # the creator field it fills, or "profile_url"


class ImportPreview(BaseModel):
    """What ``--dry-run`` prints: nothing of it has been written."""

    path: str
    unit: str  # what the line numbers count: "line" (CSV, JSON) or "row" (XLSX)
    rows: int  # data rows read; for a reshaped file, the creators its rows hold (scoring.shapes)
    would_import: int
    columns: list[ColumnUse]
    ignored_columns: list[str]
    first_creators: list[Creator]
    rejected: list[RejectedRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


@dataclass
class ImportPlan:
    path: Path
    unit: str
    rows: int
    columns: ColumnMap
    creators: list[tuple[int, Creator]] = field(default_factory=list)  # (line, creator), one per key
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def column_uses(self) -> list[ColumnUse]:
        uses = [ColumnUse(header=header, field=name) for name, header in self.columns.fields.items()]
        uses += [ColumnUse(header=header, field=name) for name, headers in self.columns.more.items() for header in headers]
        if self.columns.profile_url:
            uses.append(ColumnUse(header=self.columns.profile_url, field="profile_url"))
        return uses

    def preview(self, first: int = 5) -> ImportPreview:
        return ImportPreview(
            path=str(self.path), unit=self.unit, rows=self.rows, would_import=len(self.creators),
            columns=self.column_uses(), ignored_columns=list(self.columns.ignored),
            first_creators=[creator for _, creator in self.creators[:first]],
            rejected=list(self.rejected), notes=list(self.notes),
        )


def read_import(path: Path | str, overrides: dict[str, str] | None = None, platform: str | None = None,
                known_followers: KnownFollowers | None = None, language: str = "en") -> ImportPlan:
    """Read a CSV, JSON or XLSX roster into creators and rejected rows; raises RosterFileError when unusable.

    ``overrides`` ({header: field}) force a column's meaning; ``platform`` is the platform of rows
    that name none (no platform column, no profile URL). ``known_followers(platform, handle)`` gives
    the roster's follower count of an account, for post exports, which have none (see scoring.shapes).
    ``language`` ("en" or "fr") is the one the notes, rejections and refusal are written in."""
    say = Wording(language)
    try:
        return _read_import(Path(path), overrides, platform, known_followers, say)
    except RosterFileError as exc:
        if exc.key and language != "en":  # the English is str(exc); say it again in the reader's language
            raise RosterFileError(exc.said(say)) from None
        raise


def _read_import(path: Path, overrides: dict[str, str] | None, platform: str | None,
                 known_followers: KnownFollowers | None, say: Wording) -> ImportPlan:
    read = read_table(path)
    shaped = reshape(read, known_followers, overrides or (), say)  # a row per person or per post -> per creator
    table = shaped.table
    columns = map_columns(table.headers, str(path), overrides, platform)
    moved = _audience_split_columns(table, columns)
    named_platform = None
    if columns.platform_hint is None and "platform" not in columns.fields:
        # Kaggle's "top_insta_influencers_data.csv" says its platform only in its name.
        named_platform = columns.platform_hint = platform_named_in(path.stem)
    if not read.rows:
        raise RosterFileError.said_as("file_no_rows", path=path)
    reader = RowReader.for_table(table, columns, say)
    # Rows as creators, so that imported and rejected add up: a person's row holds several, an account's posts one.
    plan = ImportPlan(path=path, unit=table.unit, rows=len(table.rows) + len(shaped.rejected), columns=columns,
                      rejected=list(shaped.rejected), notes=list(shaped.notes))
    first_line: dict[tuple[str, str], int] = {}
    for line, row in table.rows:
        try:
            creator = reader.creator(row)
        except RowError as exc:
            plan.rejected.append(RejectedRow(line=line, reason=exc.said(say)))
            continue
        if PERSON_KEY in row:  # the creators of one person's row (scoring.shapes)
            creator.person = str(row[PERSON_KEY])
        key = (creator.platform, creator.handle)
        if key in first_line:
            plan.rejected.append(RejectedRow(line=line, reason=say.say(
                "duplicate_row", unit=say.say(f"unit_{table.unit}"), line=first_line[key], platform=creator.platform,
                handle=creator.handle)))
            continue
        first_line[key] = line
        plan.creators.append((line, creator))
    # What was read differently from what the file says (a range's midpoint, a field left out...), each once:
    # the creators of one person's row share its cells, so their warnings too.
    unit = say.say(f"unit_{table.unit}")
    warnings = (say.say("at_line", unit=unit, line=line, message=message) if line else message
                for line, message in reader.warnings)
    plan.notes.extend(dict.fromkeys(warnings))
    for header in moved:
        example = next(row[header] for _, row in table.rows if row.get(header))
        plan.notes.insert(0, say.say("audience_split_column", header=repr(header), value=repr(example)))
    if named_platform:
        plan.notes.insert(0, say.say("platform_from_name", platform=named_platform, name=path.name))
    if columns.contacts_only and plan.creators:
        plan.notes.insert(0, say.say("import_contacts", count=say.number(len(plan.creators))))
    plan.rejected.sort(key=lambda rejected: rejected.line)  # those of the reshaping among the others
    return plan


DECIDE_ON = 500  # filled cells enough to tell what a column holds, however long the file


def _audience_split_columns(table: Table, columns: ColumnMap) -> list[str]:
    """Give audience_countries the column whose cells are country shares ("France (45%), Belgium (12%)") when its
    header read as another field: an agency's "Audience" is as often the split as the size. Returns the headers moved."""
    if columns.header("audience_countries") is not None:
        return []
    candidates = [h for h in columns.ignored if field_of(h) == "followers"]
    if columns.header("followers") is not None:
        candidates.insert(0, columns.header("followers"))
    for header in candidates:
        cells = [row.get(header) for _, row in table.rows if row.get(header) not in (None, "")][:DECIDE_ON]
        if not cells or sum(1 for cell in cells if _is_split(cell)) * 2 <= len(cells):
            continue
        if columns.fields.get("followers") == header:
            del columns.fields["followers"]
        else:
            columns.ignored.remove(header)
        columns.fields["audience_countries"] = header  # if it was the only follower column, these are contacts
        return [header]
    return []


def _is_split(cell: object) -> bool:
    if not isinstance(cell, str) or not re.search(r"[A-Za-z]", cell):
        return False
    try:
        return bool(parse_audience(cell))
    except RowError:
        return False
