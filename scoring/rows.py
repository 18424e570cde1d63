"""One row of a roster file -> a :class:`Creator`, or a :class:`RowError` saying what is wrong.

Cells come as people type them: ``@Handle`` or a profile URL, "Insta", "Royaume-Uni", "12,5K",
"3,4 %", "FR:62;BE:14", "01/05/2025". Units of rate columns are decided per file (see
:mod:`scoring.numbers`). When a row has likes and comments but no engagement rate, the rate is
computed and the formula recorded: (likes + comments) / views on TikTok and YouTube when views
are known (as Modash does), / followers otherwise (as HypeAuditor and Upfluence do on Instagram).

Only a missing or unreadable handle, platform or follower count rejects a row. Any other cell that
cannot be read is left out with a warning (:attr:`RowReader.warnings`, ``(line, message)``, line 0
for the whole file), and so are cells read differently from what they say: a price range is scored on its midpoint, "sur devis" is no price,
a main audience country without its share is left out, a rate column mixing 0.034 and 12.3 is
read in percent. A profile URL column gives the handle and platform when no column names them.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic import ValidationError

from scoring.columns import ColumnMap
from scoring.models import PLATFORMS, Creator
from scoring.numbers import (
    NumberError,
    is_bare_above_one,
    is_no_price,
    parse_amount,
    parse_count,
    parse_money_range,
    parse_number,
    parse_ratio,
    ratio_column_is_percent,
)
from scoring.places import places
from scoring.readers import Table
from scoring.wording import WordedError, Wording

log = logging.getLogger(__name__)

# Only these make a row unusable when missing or unreadable; any other bad cell is left out with a warning.
IDENTITY_FIELDS = ("handle", "platform", "followers")
RATE_FIELDS = ("engagement_rate", "sponsored_ratio", "follower_growth_30d")
PER_VIEW_PLATFORMS = ("tiktok", "youtube")
FORMULA_PER_FOLLOWER = "(avg likes + avg comments) / followers"
FORMULA_PER_VIEW = "(avg likes + avg comments) / avg views"
FORMULA_IMPORTED = "as imported"
FORMULA_ENGAGEMENTS = "avg engagements per post / followers"
# Past this, a value of an "engagement" column is a number of engagements per post, not a rate in percent.
RATE_CEILING = 100
# In a rate column mixing 0.034 and 12.3, a bare number that read in percent would be an engagement below
# this is a fraction: no creator keeps an audience at under 0.1 % (HypeAuditor's "low" starts at 1 %).
MIXED_FRACTION_BELOW = 0.001
_SCALED = re.compile(r"^\s*[\d.,\s]+\s*[kmb]\s*$", re.IGNORECASE)  # "5.2M", "610,2 k"

_HANDLE = re.compile(r"^[\w.\-]{1,100}$", re.UNICODE)
_URL_HANDLE = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?P<site>[a-z.]+)\.(?:com|tv|net)/(?:c/|user/|channel/|in/)?@?(?P<handle>[\w.\-]+)",
    re.IGNORECASE,
)
_URL_SITES = {"instagram": "instagram", "tiktok": "tiktok", "youtube": "youtube", "twitch": "twitch",
              "twitter": "x", "x": "x", "linkedin": "linkedin", "pinterest": "pinterest", "snapchat": "snapchat"}
_LIST_SPLIT = re.compile(r"\s*[;,|\n#]\s*")
_CAPTION_SPLIT = re.compile(r"\s*(?:\|\||\||\n)\s*")
_TRUE = {"1", "true", "yes", "y", "oui", "o", "x", "vrai", "synthetic", "synthetique"}
_FALSE = {"0", "false", "no", "n", "non", "faux", ""}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}


class RowError(WordedError):
    """What is wrong with one row, in words, naming the field."""


class FieldDropped(WordedError):
    """A cell that cannot be stored but does not make the row wrong: the field is left out, with a warning."""


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_handle(value: object) -> tuple[str, str | None]:
    """``(handle, platform named by a profile URL or None)``; lower case, no ``@``."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise RowError.said_as("expected_text", kind=type(value).__name__)
    text = str(value).strip()
    platform = None
    match = _URL_HANDLE.match(text)
    if match and "/" in text:
        site = match.group("site").lower().rsplit(".", 1)[-1]
        platform = _URL_SITES.get(site)
        text = match.group("handle")
    handle = text.lstrip("@").strip().lower()
    if not _HANDLE.match(handle):
        raise RowError.said_as("not_handle", value=repr(str(value)))
    return handle, platform


def parse_platform(value: object) -> str:
    if not isinstance(value, str):
        raise RowError.said_as("expected_platform", kind=type(value).__name__)
    platform = places().platform(value)
    if platform is None:
        raise RowError.said_as("unknown_platform", value=repr(value.strip()), platforms=", ".join(PLATFORMS))
    return platform


def parse_country(value: object) -> str:
    if not isinstance(value, str):
        raise RowError.said_as("expected_country", kind=type(value).__name__)
    text = value.strip()
    for candidate in (text, text.rsplit(",", 1)[-1]):  # "Lyon, France"
        place = places().country(candidate)
        if place:
            return place.country
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    raise RowError.said_as("unknown_country", value=repr(text))


def parse_language(value: object) -> str:
    if not isinstance(value, str):
        raise RowError.said_as("expected_language", kind=type(value).__name__)
    text = value.strip()
    code = places().language(text) or places().language(text.split("-")[0].split("_")[0])
    if code:
        return code
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.lower()
    raise RowError.said_as("unknown_language", value=repr(text))


def parse_list(value: object, splitter: re.Pattern = _LIST_SPLIT, lower: bool = True) -> list[str]:
    if isinstance(value, (list, tuple)):
        items = value
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except json.JSONDecodeError:
                items = splitter.split(text.strip("[]"))
        else:
            items = splitter.split(text)
    else:
        raise RowError.said_as("expected_list", kind=type(value).__name__)
    found: list[str] = []
    for item in items:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            raise RowError.said_as("expected_items", kind=type(item).__name__)
        text = re.sub(r"\s+", " ", str(item).strip().lstrip("#").strip())
        text = text.lower() if lower else text
        if text and text not in found:
            found.append(text)
    return found


def parse_audience(value: object) -> dict[str, float]:
    """``FR:62;BE:14;CA:9`` (percent), ``FR 0.62, BE 0.14`` (fractions) or a JSON object -> shares 0-1."""
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise RowError.said_as("not_json_object", value=repr(value[:40])) from None
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, str):
        pairs = []
        text = re.sub(r"\(\s*([\d.,]+\s*%?)\s*\)", r": \1", value.strip())  # "France (45%)" -> "France: 45%"
        for part in re.split(r"\s*[;,|]\s*(?=[^\d\s])", text):
            match = re.fullmatch(r"([^\d:=]+?)\s*(?:[:=]\s*|\s)\s*([\d.,]+\s*%?)", part.strip())
            if not match:
                raise RowError.said_as("expected_pairs", value=repr(part))
            pairs.append((match.group(1), match.group(2)))
    else:
        raise RowError.said_as("expected_pairs_kind", kind=type(value).__name__)
    parsed = []
    for country, share in pairs:
        code = parse_country(str(country))
        try:
            number, percent = parse_number(share, grouping=False)
        except NumberError as exc:
            raise RowError.said_as("audience_share_bad", country=country, why=exc) from None
        parsed.append((code, number, percent))
    as_percent = any(p for _, _, p in parsed) or any(n > 1 for _, n, _ in parsed)
    shares = {code: (n / 100 if as_percent else n) for code, n, _ in parsed}
    if any(s < 0 or s > 1 for s in shares.values()) or sum(shares.values()) > 1.05:
        raise RowError.said_as("audience_shares_range", value=repr(value))
    return shares


def parse_date(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        raise RowError.said_as("expected_date", kind=type(value).__name__)
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if match:  # day first, as written in France and the UK
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            raise RowError.said_as("not_date_dmy", value=repr(text)) from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RowError.said_as("not_date", value=repr(text)) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError.said_as("not_yes_no", value=repr(value))


def parse_text(value: object) -> str:
    if isinstance(value, (dict, list, tuple, bool)):
        raise RowError.said_as("expected_text", kind=type(value).__name__)
    return re.sub(r"[ \t]+", " ", str(value)).strip()


def parse_currency(value: object) -> str:
    text = parse_text(value).upper()
    text = _CURRENCY_SIGNS.get(text, text)
    if text in ("EURO", "EUROS"):
        text = "EUR"
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise RowError.said_as("not_currency", value=repr(value))
    return text


def derive_engagement(creator: Creator) -> Creator:
    """Fill engagement_rate from likes and comments when the file did not give one, saying how."""
    if creator.engagement_rate is not None:
        if creator.engagement_formula is None:
            creator.engagement_formula = FORMULA_IMPORTED
        return creator
    if creator.avg_likes is None and creator.avg_comments is None:
        return creator
    engagements = (creator.avg_likes or 0.0) + (creator.avg_comments or 0.0)
    if creator.platform in PER_VIEW_PLATFORMS and creator.avg_views:
        creator.engagement_rate = engagements / creator.avg_views
        creator.engagement_formula = FORMULA_PER_VIEW
    elif creator.followers:  # a contact's (None) or an empty account's (0) rate stays unknown
        creator.engagement_rate = engagements / creator.followers
        creator.engagement_formula = FORMULA_PER_FOLLOWER
    return creator


def _mixed_units(values: list[object]) -> tuple[str, str] | None:
    """(a bare value at most 1, a bare value above 1) when a rate column has both, else None."""
    small = large = None
    for value in values:
        if value is None or value == "" or (isinstance(value, str) and "%" in value):
            continue
        try:
            number, _ = parse_number(value, grouping=False)
        except NumberError:
            continue
        if is_bare_above_one(value):
            large = large or str(value).strip()
        elif 0 < number < 1:
            small = small or str(value).strip()
    return (small, large) if small and large else None


def _holds_counts(values: list[object]) -> str | None:
    """A value showing that a column mapped to a rate holds counts ("5.2M", 45000), or None.

    HypeAuditor's "Engagement avg" is the average number of likes and comments per post, not a rate."""
    for value in values:
        if isinstance(value, str) and _SCALED.match(value):
            return value.strip()
        try:
            number, percent = parse_number(value)
        except NumberError:
            continue
        if not percent and number > RATE_CEILING:
            return str(value).strip()
    return None


def _names_one_country(value: object) -> str | None:
    """The country a cell names alone, without a share ("India", "FR"), else None."""
    if not isinstance(value, str) or re.search(r"\d", value):
        return None
    try:
        return parse_country(value)
    except RowError:
        return None


@dataclass
class RowReader:
    """Turns the rows of one file into creators, with the file's column map and units."""

    columns: ColumnMap
    rate_is_percent: dict[str, bool]
    say: Wording = field(default_factory=lambda: Wording("en"))  # the language of warnings and rejections
    # (line, message): things changed or guessed in rows that were kept; line 0 is the whole file.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # id(row) -> its line, to place warnings
    # The rate column holds engagements per post: the rate is computed from them and the follower count.
    engagement_is_count: bool = False
    # No country column, and the audience column names one country per row ("Audience country (mostly)"):
    # that country is the creator's market.
    country_from_audience: bool = False
    # The rate column mixes 0.034 and 12.3: a bare number is a percentage unless that reading is implausible.
    mixed_rates: bool = False

    @classmethod
    def for_table(cls, table: Table, columns: ColumnMap, say: Wording | None = None) -> RowReader:
        say = say or Wording("en")
        units = {}
        notes = []
        mixed_rates = engagement_is_count = country_from_audience = False
        header = columns.header("engagement_rate")
        if header is not None and (count := _holds_counts([row.get(header) for _, row in table.rows])):
            # Engagements per post, not a rate: no unit to decide for that column.
            engagement_is_count = True
            notes.append((0, say.say("engagement_counts", header=repr(header), value=repr(count))))
        for name in RATE_FIELDS:
            header = columns.header(name)
            if header is not None and not (name == "engagement_rate" and engagement_is_count):
                values = [row.get(header) for _, row in table.rows]
                units[name] = ratio_column_is_percent(header, values)
                mixed = _mixed_units(values)
                if units[name] and mixed and name == "engagement_rate":
                    mixed_rates = True
                    small = parse_number(mixed[0], grouping=False)[0]
                    example = say.say("mixed_rate_example", value=mixed[0], percent=say.percent(small)) \
                        if small / 100 < MIXED_FRACTION_BELOW else ""
                    notes.append((0, say.say("mixed_rate_fractions", field=name, header=repr(header), small=mixed[0],
                                             large=mixed[1], floor=f"{MIXED_FRACTION_BELOW * 100:g}",
                                             floor_percent=say.percent(MIXED_FRACTION_BELOW), example=example)))
                elif units[name] and mixed:
                    notes.append((0, say.say("mixed_rate_percent", field=name, header=repr(header), small=mixed[0],
                                             large=mixed[1])))
        header = columns.header("audience_countries")
        if header is not None and "country" not in columns.fields:
            cells = [row.get(header) for _, row in table.rows if not _empty(row.get(header))][:500]  # enough to tell
            named = sum(1 for cell in cells if _names_one_country(cell))
            if cells and named * 2 > len(cells):
                country_from_audience = True
                notes.append((0, say.say("country_from_audience", header=repr(header))))
        reader = cls(columns=columns, rate_is_percent=units, say=say,
                     lines={id(row): line for line, row in table.rows},
                     engagement_is_count=engagement_is_count, country_from_audience=country_from_audience,
                     mixed_rates=mixed_rates)
        for line, message in notes:
            reader.warn(line, message)
        return reader

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))
        log.debug("%s%s", f"line {line}: " if line else "", message)

    def creator(self, row: dict[str, object]) -> Creator:
        for problem_key in ("\x00type", "\x00extra"):  # what the reader found wrong with the row as a whole
            if problem_key in row:
                problem = row[problem_key]
                if isinstance(problem, WordedError) and problem.key:
                    raise RowError.said_as(problem.key, **problem.values)
                raise RowError(str(problem))
        values: dict[str, object] = {}
        url_platform = None
        engagements = None  # per post, from a rate column that holds counts (engagement_is_count)
        for name, header in self.columns.fields.items():
            raw = row.get(header)
            if _empty(raw) or (isinstance(raw, (list, dict)) and not raw):
                continue
            if name == "price_per_post" and is_no_price(raw):  # "sur devis": no price to score on
                continue
            if name == "audience_countries" and self.country_from_audience and (code := _names_one_country(raw)):
                values["country"] = code
                continue
            try:
                if name == "engagement_rate" and self.engagement_is_count:
                    engagements = parse_amount(raw)
                elif name == "handle":
                    try:
                        values["handle"], url_platform = parse_handle(raw)
                    except RowError:
                        url = self.columns.profile_url
                        if url is None or _empty(row.get(url)):
                            raise
                        # "Nina Runs" in a profile_name column next to a profile URL: a name, not a handle
                        if "display_name" not in self.columns.fields and isinstance(raw, str):
                            values["display_name"] = parse_text(raw)
                else:
                    values[name] = self._parse(name, raw)
            except FieldDropped as exc:
                self.warn(self.lines.get(id(row), 0), self.say.say("field_left_out", field=name, header=repr(header), why=exc))
            except (RowError, NumberError) as exc:
                if name in IDENTITY_FIELDS:
                    raise RowError.said_as("field_bad", field=name, header=repr(header), why=exc) from None
                # One unreadable cell does not cost the creator: the field is left out, on the row's line.
                self.warn(self.lines.get(id(row), 0), self.say.say("field_left_out", field=name, header=repr(header), why=exc))
        url = self.columns.profile_url
        if url is not None and not _empty(row.get(url)) and ("handle" not in values or url_platform is None):
            try:
                url_handle, from_url = parse_handle(row.get(url))
            except RowError as exc:
                if "handle" not in values:
                    raise RowError.said_as("field_bad", field="handle", header=repr(url), why=exc) from None
                from_url = None
                self.warn(self.lines.get(id(row), 0), self.say.say("profile_url_ignored", header=repr(url), why=exc))
            else:
                if "handle" not in values and from_url is not None:
                    values["handle"] = url_handle
                if url_platform is None and (values.get("handle") == url_handle or "handle" not in values):
                    url_platform = from_url
        for name, headers in self.columns.more.items():  # category_2, category_3...: joined to the first
            for header in headers:
                raw = row.get(header)
                if _empty(raw) or (isinstance(raw, (list, dict)) and not raw):
                    continue
                try:
                    extra = self._parse(name, raw)
                except (RowError, NumberError) as exc:
                    self.warn(self.lines.get(id(row), 0), self.say.say("field_left_out", field=name, header=repr(header), why=exc))
                    continue
                values[name] = [*values.get(name, []), *(v for v in extra if v not in values.get(name, []))]
        if "handle" not in values:
            raise RowError.said_as("missing_handle")
        if "followers" not in values:
            if not self.columns.contacts_only:
                raise RowError.said_as("missing_followers")
            values["followers"] = None  # a contact: the file has no follower column at all
        if "platform" not in values:
            platform = url_platform or self.columns.platform_hint
            if platform is None:
                raise RowError.said_as("missing_platform")
            values["platform"] = platform
        if engagements is not None and values.get("followers"):
            values["engagement_rate"] = engagements / values["followers"]
            values["engagement_formula"] = FORMULA_ENGAGEMENTS
        price = values.pop("price_per_post", None)
        if price is not None:
            low, high, cell_currency = price  # type: ignore[misc]
            amount = (low + high) / 2
            if high != low:  # the model keeps one price: the midpoint, said on the row's line
                header = self.columns.header("price_per_post")
                self.warn(self.lines.get(id(row), 0), self.say.say(
                    "price_midpoint", header=repr(header), value=repr(row.get(header)), midpoint=f"{amount:g}"))
            values["price_per_post"] = amount
            currency = cell_currency or values.get("currency") or self.columns.price_currency
            if currency:
                values["currency"] = currency
        while True:
            try:
                creator = Creator(**values)
            except ValidationError as exc:
                error = exc.errors()[0]
                name = str(error["loc"][0])
                if name in IDENTITY_FIELDS or name not in values:
                    raise RowError.said_as("invalid_value", field=".".join(str(p) for p in error["loc"]),
                                           why=error["msg"]) from None  # pydantic's words stay English
                header = self.columns.header(name) or name
                self.warn(self.lines.get(id(row), 0),
                          self.say.say("field_left_out", field=name, header=repr(header), why=error["msg"].lower()))
                del values[name]
            else:
                return derive_engagement(creator)

    def _parse(self, name: str, raw: object) -> object:
        if name == "platform":
            return parse_platform(raw)
        if name in ("followers", "following", "posts_count"):
            return parse_count(raw)
        if name in ("avg_likes", "avg_comments", "avg_views"):
            return parse_amount(raw)
        if name in ("engagement_rate", "sponsored_ratio"):
            value = parse_ratio(raw, bare_is_percent=self.rate_is_percent.get(name, False))
            if name == "engagement_rate" and self.mixed_rates and value < MIXED_FRACTION_BELOW and not (
                    isinstance(raw, str) and "%" in raw):
                value = parse_ratio(raw, bare_is_percent=False)  # 0.034 next to 12.3: 3.4 %, not 0.034 %
            if not 0 <= value <= 1:
                raise RowError.said_as("not_rate", value=repr(raw))
            return value
        if name == "follower_growth_30d":
            return parse_ratio(raw, bare_is_percent=self.rate_is_percent.get(name, False)) * 100
        if name == "country":
            return parse_country(raw)
        if name == "language":
            return parse_language(raw)
        if name in ("topics", "brand_safety_flags"):
            return parse_list(raw)
        if name == "recent_captions":
            return parse_list(raw, splitter=_CAPTION_SPLIT, lower=False)
        if name == "audience_countries":
            if isinstance(raw, str) and not re.search(r"\d", raw):
                try:
                    code = parse_country(raw)
                except RowError:
                    pass
                else:  # "Audience country (mostly)": France, with no share to score on
                    raise FieldDropped.said_as("main_audience_country", value=repr(raw.strip()), code=code)
            return parse_audience(raw)
        if name == "price_per_post":
            return parse_money_range(raw)
        if name == "currency":
            return parse_currency(raw)
        if name == "last_post_at":
            return parse_date(raw)
        if name == "synthetic":
            return parse_bool(raw)
        if name == "contact_email":
            text = parse_text(raw)
            if "@" not in text or " " in text:
                raise RowError.said_as("not_email", value=repr(text))
            return text
        return parse_text(raw)
