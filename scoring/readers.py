"""Reading roster files (CSV, JSON, XLSX) into a header and numbered rows of raw cells.

Nothing here knows what a column means (that is :mod:`scoring.columns`); the job is to get every
row out with the line a person would look at to fix it, and to refuse unusable files with a
message that says why. The header is the first row that names at least two creator fields, so
title and note rows above it are skipped (CSV and XLSX); JSON may wrap its creators one level deep
(``{"users": [...]}``, ``{"data": {"results": [...]}}``, ``{"data": {...one creator...}}``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from scoring.wording import WordedError

SNIFF_BYTES = 64 * 1024
# The roster files Relais reads (what the chat accepts as a roster upload).
ROSTER_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm")
# Keys under which exports wrap their list of creators ({"data": [...]}, {"results": {...}}).
WRAPPER_KEYS = ("data", "results", "items", "users", "creators", "influencers", "profiles", "records", "rows",
                "accounts", "list", "entries")


class RosterFileError(WordedError):
    """The file as a whole cannot be imported (empty, binary, malformed, no usable columns)."""


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # (line, header -> cell)
    unit: str = "line"  # what the numbers count: "line" (CSV, JSON) or "row" (XLSX)


def read_table(path: Path) -> Table:
    """Every data row of a CSV, JSON or XLSX file, numbered as the file shows it."""
    path = Path(path)
    try:
        head = path.open("rb").read(SNIFF_BYTES)
    except FileNotFoundError:
        raise RosterFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RosterFileError(f"{path} is a directory, not a roster file") from None
    except OSError as exc:
        raise RosterFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not head.strip():
        raise RosterFileError.said_as("file_empty", path=path)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if suffix in (".xlsx", ".xlsm"):
        raise RosterFileError.said_as("file_not_xlsx", path=path)
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError.said_as("file_xls", path=path)
    if b"\x00" in head:
        raise RosterFileError.said_as("file_binary", path=path)
    text = _decode(path, path.read_bytes())
    stripped = text.lstrip()
    if suffix in (".json", ".jsonl", ".ndjson") or stripped.startswith(("[", "{")):
        return _read_json(path, text)
    return _read_csv(path, text)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Spreadsheets on Windows save CSV as cp1252; it decodes almost any byte, so check it looks like text.
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise RosterFileError.said_as("file_encoding", path=path) from None
    controls = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 0:
        raise RosterFileError.said_as("file_binary", path=path)
    return text


HEADER_SCAN_ROWS = 30  # title and note rows above the header that we skip
HEADER_MIN_FIELDS = 2  # a header row maps at least this many fields


def _header_index(rows: list[list[object]]) -> tuple[int | None, int]:
    """(index of the first row mapping at least two fields, fields it maps); None when no row does."""
    from scoring.columns import count_fields  # columns imports this module

    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if not any(c is not None and str(c).strip() for c in cells):
            continue
        count = count_fields([c for c in cells if c is not None])
        if count >= HEADER_MIN_FIELDS:
            return index, count
    return None, 0


def _csv_delimiter(text: str) -> str:
    """The delimiter whose first rows hold a header; else the one the first line suggests."""
    sample = text[:SNIFF_BYTES]
    best, best_count = None, 0
    for delimiter in ",;\t|":
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:HEADER_SCAN_ROWS]
        except csv.Error:
            continue
        index, count = _header_index(rows)
        if index is not None and count > best_count:
            best, best_count = delimiter, count
    if best is not None:
        return best
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0] or sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _read_csv(path: Path, text: str) -> Table:
    delimiter = _csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    table = Table(path=path, headers=[])
    line = 1
    pending: list[tuple[int, list[str]]] = []  # rows before the header is known
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if headers is None:
                pending.append((start, cells))
                if len(pending) < HEADER_SCAN_ROWS:
                    index, _ = _header_index([pending[-1][1]])
                    if index is None:
                        continue
                    cells = pending[-1][1]
                else:
                    cells = pending[0][1]  # no row looks like a header: the first one is
                    later = pending[1:]
                    headers = [c.strip() for c in cells]
                    table.headers = headers
                    for row_start, row_cells in later:
                        table.rows.append((row_start, _csv_row(headers, row_cells)))
                    continue
                headers = [c.strip() for c in cells]
                table.headers = headers
                continue
            table.rows.append((start, _csv_row(headers, cells)))
    except csv.Error as exc:
        raise RosterFileError.said_as("file_bad_csv", path=path, line=reader.line_num, why=exc) from None
    if headers is None and pending:  # a short file with no row that looks like a header
        headers = [c.strip() for c in pending[0][1]]
        table.headers = headers
        for row_start, row_cells in pending[1:]:
            table.rows.append((row_start, _csv_row(headers, row_cells)))
    if headers is None:
        raise RosterFileError.said_as("file_no_header", path=path)
    return table


def _csv_row(headers: list[str], cells: list[str]) -> dict[str, object]:
    row: dict[str, object] = {h: cells[i] if i < len(cells) else None for i, h in enumerate(headers) if h}
    if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers):]):
        row["\x00extra"] = WordedError.said_as("extra_cells", cells=len(cells), columns=len(headers))
    return row


def _read_json(path: Path, text: str) -> Table:
    """A JSON array of objects, an object holding one (``{"creators": [...]}``), or JSON Lines."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    try:
        document, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise RosterFileError.said_as("file_bad_json", path=path, line=exc.lineno, why=exc.msg) from None
    if text[end:].strip():
        if isinstance(document, dict):
            return _read_json_lines(path, text)
        raise RosterFileError.said_as("file_json_trailing", path=path, line=text.count(chr(10), 0, end) + 1)
    array_start = None
    if isinstance(document, list):
        array_start = start
    elif isinstance(document, dict):
        lists = [(k, v) for k, v in document.items() if isinstance(v, list)]
        if not lists:  # {"data": {...}}: one level deeper, a list of creators or a single creator
            nested = [(k, v) for k, v in document.items() if isinstance(v, dict) and str(k).lower() in WRAPPER_KEYS]
            if len(nested) == 1:
                inner_key, inner = nested[0]
                inner_lists = [(k, v) for k, v in inner.items() if isinstance(v, list) and v and
                               all(isinstance(i, dict) for i in v)]
                key_at = re.search(r'"' + re.escape(inner_key) + r'"\s*:\s*\{', text)
                if len(inner_lists) == 1:
                    document, lists = inner, inner_lists
                elif key_at and not inner_lists:
                    return _rows_from_json(path, [(text.count("\n", 0, key_at.end() - 1) + 1, inner)])
        elif len(lists) > 1:  # {"users": [...], "meta": [...]}: the wrapper key whose list holds objects
            wrapped = [(k, v) for k, v in lists if str(k).lower() in WRAPPER_KEYS
                       and all(isinstance(i, dict) for i in v)]
            if len(wrapped) == 1:
                lists = wrapped
        if len(lists) != 1:
            if all(not isinstance(v, (list, dict)) for v in document.values()):
                return _rows_from_json(path, [(text.count("\n", 0, start) + 1, document)])
            raise RosterFileError.said_as("file_json_no_array", path=path)
        key = lists[0][0]
        match = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
        array_start = match.end() - 1 if match else None
    else:
        raise RosterFileError.said_as("file_json_not_array", path=path)
    items = _array_items_with_lines(text, array_start) if array_start is not None else None
    if items is None:  # could not locate items: number them instead
        values = document if isinstance(document, list) else lists[0][1]
        items = [(i + 1, v) for i, v in enumerate(values)]
    table = _rows_from_json(path, items)
    return table


def _array_items_with_lines(text: str, bracket: int) -> list[tuple[int, object]] | None:
    decoder = json.JSONDecoder()
    pos = bracket + 1
    items = []
    length = len(text)
    while True:
        while pos < length and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= length:
            return None
        if text[pos] == "]":
            return items
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return None
        items.append((text.count("\n", 0, pos) + 1, value))
        pos = end


def _read_json_lines(path: Path, text: str) -> Table:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise RosterFileError.said_as("file_bad_json", path=path, line=number, why=exc.msg) from None
    return _rows_from_json(path, items)


def _rows_from_json(path: Path, items: list[tuple[int, object]]) -> Table:
    headers: list[str] = []
    seen: set[str] = set()
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            rows.append((line, {"\x00type": WordedError.said_as("expected_object", kind=type(item).__name__)}))
            continue
        for key in item:
            if key not in seen:
                seen.add(key)
                headers.append(str(key))
        rows.append((line, {str(k): v for k, v in item.items()}))
    return Table(path=path, headers=headers, rows=rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise RosterFileError.said_as("file_bad_xlsx", path=path, why=f"{type(exc).__name__}: {exc}") from None
    try:
        for sheet in workbook.worksheets:
            table = Table(path=path, headers=[], unit="row")
            numbered = [(number, values) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                        if any(v is not None and str(v).strip() for v in values)]
            if not numbered:
                continue
            index, _ = _header_index([list(values) for _, values in numbered])
            index = index or 0
            headers = [str(v).strip() if v is not None else "" for v in numbered[index][1]]
            table.headers = headers
            for number, values in numbered[index + 1:]:
                row = {h: values[i] if i < len(values) else None for i, h in enumerate(headers) if h}
                table.rows.append((number, row))
            return table
    finally:
        workbook.close()
    raise RosterFileError.said_as("file_no_sheet", path=path)
