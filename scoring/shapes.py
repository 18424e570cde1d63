"""Roster files that are not one creator per row, turned into that shape before their columns are mapped.

Brand managers bring two such shapes, which the standard reading refuses for want of a handle or a
follower column:

* **One row per person, one column per platform** (Upfluence's CSV template, Aspire's member upload):
  ``Name,Email,Country,Instagram,TikTok,Instagram followers,Abonnés TikTok``. Each platform a row fills
  becomes one creator, with that platform's handle and follower count; the row's other cells (name,
  email, country, topics...) are copied to each, and the creators of one row share a ``person`` id.
  Detected when columns named after platforms hold accounts for two platforms or more (or for one, in a
  way the standard mapping cannot read: a bare "Instagram" column) and no column holds a handle,
  platform or profile URL without naming a platform: that file already has a creator per row.
* **One row per post** (Meta Business Suite content export, TikTok Studio video export): the posts of
  each account are aggregated into one row: average likes, comments and views per post, the posts
  counted, the latest post's date, the latest captions. Detected by a post-id column, or by a publish
  time or post link column next to per-post metrics where an account fills several rows (a roster lists
  each account once) or the account comes from the post links. Such exports carry no follower count:
  the roster's stored count is used (``known_followers``), otherwise that account is rejected.

Any other table comes back as it came. The words that detect columns are in ``scoring/data/columns.toml``
(``[per_platform_columns]`` and ``[post_export]``). A bad cell of one post is left out with a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from scoring.columns import field_of, header_key
from scoring.config import read_data
from scoring.models import RejectedRow
from scoring.numbers import NumberError, parse_count
from scoring.places import normalise_name, places
from scoring.readers import RosterFileError, Table
from scoring.rows import RowError, parse_date, parse_handle
from scoring.wording import Wording

# (platform, handle) -> the follower count the roster has for it, or None.
KnownFollowers = Callable[[str, str], int | None]

# The key of a reshaped row holding the person id of its creator (no file header can be it, like the
# readers' "\x00type"): read_import sets it on the creator, RowReader never sees it as a column.
PERSON_KEY = "\x00person"

RECENT_CAPTIONS = 5  # captions kept per account: the latest posts'
METRICS = ("likes", "comments", "views")


@dataclass
class Reshaped:
    table: Table  # one creator per row
    notes: list[str] = field(default_factory=list)  # what was reshaped and how, for the import report
    rejected: list[RejectedRow] = field(default_factory=list)  # creators refused while reshaping


def reshape(table: Table, known_followers: KnownFollowers | None = None, mapped: Iterable[str] = (),
            say: Wording | None = None) -> Reshaped:
    """The table with one creator per row, plus notes and rejections; unchanged when it already is.

    ``known_followers`` is consulted only for post exports, which carry no follower count. ``mapped``
    are the headers the caller gives a meaning itself (``--map``): a shape that would not keep one of
    them is not applied, the person said how to read that column. ``say`` words the notes and rejections
    (the per-account formulas of a post export stay in English: they are formulas)."""
    say = say or Wording("en")
    mapped = {header_key(h) for h in mapped}
    columns = _post_columns(table.headers)
    if _is_post_export(table, columns):
        if mapped - {header_key(h) for h in _ACCOUNT_HEADERS}:
            return Reshaped(table)
        return _aggregate_posts(table, columns, known_followers, say)
    layout = _per_platform_layout(table.headers)
    if layout is None or mapped - {header_key(h) for h in (*_SPLIT_HEADERS, *layout.shared)}:
        return Reshaped(table)
    return _split_platforms(table, layout, say)


# Words from columns.toml ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _post_words() -> dict[str, frozenset[str]]:
    words = read_data("columns")["post_export"]
    return {role: frozenset(header_key(w) for w in alias_list) for role, alias_list in words.items()}


@lru_cache(maxsize=1)
def _platform_words() -> dict[str, frozenset[str]]:
    table = read_data("columns")["per_platform_columns"]
    return {"handle": frozenset(header_key(w) for w in table["handle_words"]),
            "skip": frozenset(table["skip_platforms"])}


@lru_cache(maxsize=1)
def _platform_names() -> list[tuple[str, str]]:
    """(header key of a platform's name, platform), longest first so "instagramreels" wins over "instagram"."""
    skip = _platform_words()["skip"]
    names = {header_key(alias): platform for alias, platform in places().platforms.items() if platform not in skip}
    return sorted(((key, platform) for key, platform in names.items() if key), key=lambda item: -len(item[0]))


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# One row per person, one column per platform -------------------------------------------------------------


@dataclass
class _PlatformColumns:
    platform: str
    handle: str | None = None  # the header of its handles or profile URLs
    followers: str | None = None  # the header of its follower counts
    left_out: list[str] = field(default_factory=list)  # other columns naming it ("Instagram ER")


@dataclass
class _Layout:
    platforms: list[_PlatformColumns]  # those with a handle column, in the file's order
    shared: list[str]  # headers copied to every creator of a row
    left_out: list[tuple[str, str]]  # (header read for no creator, why)
    name: str | None = None  # the header of the person's name
    email: str | None = None


def _platform_column(header: str) -> tuple[str, str] | None:
    """(platform, "handle" or the field the column holds) for a header naming a platform, else None.

    "Instagram", "TikTok handle", "Lien Instagram" -> handle; "Instagram followers", "Abonnés TikTok"
    -> followers; "Instagram ER" -> engagement_rate."""
    key = header_key(header)
    whole = field_of(header)
    for name, platform in _platform_names():
        if key == name:
            return platform, "handle"
        if len(name) < 2 or name not in key:
            continue
        if whole in ("handle", "profile_url") and len(name) > 3:  # "Tiktok name", "Influencer insta name"
            return platform, "handle"
        for rest in (key.removeprefix(name), key.removesuffix(name)):
            if rest == key or not rest:
                continue
            meaning = field_of(rest)
            if rest in _platform_words()["handle"] or meaning in ("handle", "profile_url"):
                return platform, "handle"
            if meaning is not None and meaning != "platform":
                return platform, meaning
    return None


def _per_platform_layout(headers: list[str]) -> _Layout | None:
    """How a file with one column per platform reads, or None when it is not such a file."""
    by_platform: dict[str, _PlatformColumns] = {}
    shared: list[str] = []
    for header in headers:
        found = _platform_column(header)
        if found is None:
            if field_of(header) in ("handle", "platform", "profile_url"):
                return None  # a handle or platform column of its own: already one creator per row
            shared.append(header)
            continue
        platform, meaning = found
        columns = by_platform.setdefault(platform, _PlatformColumns(platform))
        if meaning == "handle" and columns.handle is None:
            columns.handle = header
        elif meaning == "followers" and columns.followers is None:
            columns.followers = header
        else:
            columns.left_out.append(header)
    platforms = sorted((c for c in by_platform.values() if c.handle), key=lambda c: headers.index(c.handle))
    if not platforms:
        return None
    if len(platforms) == 1 and field_of(platforms[0].handle) == "handle":
        return None  # "Instagram handle" alone: the standard mapping reads it, the platform as a hint
    shared_followers = any(field_of(h) == "followers" for h in shared)
    if len(platforms) > 1 and shared_followers and not any(c.followers for c in platforms):
        return None  # one "Followers" column for several platforms: whose? The file reads as it always did
    layout = _Layout(platforms=platforms, shared=[], left_out=[])
    for columns in by_platform.values():
        if not columns.handle:
            layout.left_out += [(h, "person_no_handle_column") for h in (columns.followers, *columns.left_out) if h]
        else:
            layout.left_out += [(h, "person_only_handles") for h in columns.left_out]
    for header in shared:
        meaning = field_of(header)
        if meaning == "followers" and len(platforms) == 1 and platforms[0].followers is None:
            platforms[0].followers = header  # "Instagram URL" and "Followers": the one platform's
        elif meaning == "followers":
            layout.left_out.append((header, "person_followers_per_platform"))
        else:
            layout.shared.append(header)
            if meaning == "display_name" and layout.name is None:
                layout.name = header
            elif meaning == "contact_email" and layout.email is None:
                layout.email = header
    return layout


def _person_id(name: object, email: object, accounts: list[tuple[str, str]]) -> str:
    # Stable across files, so a later file links to the same person: the email identifies a person, with
    # the name next to it because agencies give their agent's one email for several talents ("lea grimpe
    # <agent@agence.fr>"). Without an email, the row's accounts ("instagram:lea,tiktok:lea.tok"): a name
    # alone is too common to tell people apart, and a row number changes from one file to the next.
    if not _empty(email):
        who = normalise_name(str(name)) if not _empty(name) else ""
        return f"{who} <{str(email).strip().lower()}>".strip()
    return ",".join(sorted(f"{platform}:{handle}" for platform, handle in accounts))


_SPLIT_HEADERS = ("handle", "platform", "followers")  # the columns of each platform's creator, before the shared ones


def _split_platforms(table: Table, layout: _Layout, say: Wording) -> Reshaped:
    # No follower column for any platform: the file is a contact list (Aspire's member upload often is);
    # without the column, the mapping reads its creators as contacts (see ColumnMap.contacts_only).
    contacts = not any(c.followers for c in layout.platforms)
    headers = [*(h for h in _SPLIT_HEADERS if not (contacts and h == "followers")), *layout.shared]
    out = Reshaped(Table(path=table.path, headers=headers, unit=table.unit))
    for line, row in table.rows:
        accounts, creators, refused = [], [], False
        for columns in layout.platforms:
            try:
                account = _row_account(row, columns)
            except RowError as exc:
                out.rejected.append(RejectedRow(line=line, reason=f"{columns.platform}: {exc.said(say)}"))
                refused = True
                continue
            if account is not None:
                accounts.append((columns.platform, account[0]))
                creators.append((columns, *account))
        if not creators and not refused:
            names = ", ".join(repr(c.handle) for c in layout.platforms)
            reason = say.say("person_no_account", columns=names)
            out.rejected.append(RejectedRow(line=line, reason=reason))
        person = _person_id(row.get(layout.name) if layout.name else None,
                            row.get(layout.email) if layout.email else None, accounts)
        for columns, handle, followers in creators:
            if followers is None and not contacts:
                out.rejected.append(RejectedRow(line=line, reason=_missing_platform_followers(columns, handle, say)))
                continue
            creator_row = {h: row.get(h) for h in layout.shared}
            creator_row.update({key: value for key, value in row.items() if key.startswith("\x00")})  # row problems
            creator_row.update(handle=handle, platform=columns.platform)
            if not contacts:
                creator_row["followers"] = followers
            creator_row[PERSON_KEY] = person
            out.table.rows.append((line, creator_row))
    platforms = ", ".join(f"{c.platform} ({c.handle!r})" for c in layout.platforms)
    out.notes.append(say.say("person_rows", platforms=platforms, rows=say.number(len(table.rows)),
                             unit=say.say(f"unit_{table.unit}s"), creators=say.number(len(out.table.rows))))
    out.notes += [say.say("column_left_out", header=repr(header), why=say.say(why)) for header, why in layout.left_out]
    return out


def _row_account(row: dict[str, object], columns: _PlatformColumns) -> tuple[str, int | None] | None:
    """(handle, followers or None) of one platform's cells; None when the row has no account there."""
    cell = row.get(columns.handle)
    if _empty(cell):
        return None
    try:
        handle, url_platform = parse_handle(cell)
    except RowError as exc:
        raise RowError.said_as("field_bad", field="handle", header=repr(columns.handle), why=exc) from None
    if url_platform is not None and url_platform != columns.platform:
        raise RowError.said_as("person_wrong_platform", header=repr(columns.handle), value=repr(cell),
                               found=url_platform, platform=columns.platform)
    raw = row.get(columns.followers) if columns.followers else None
    if _empty(raw):
        return handle, None
    try:
        return handle, parse_count(raw)
    except NumberError as exc:
        raise RowError.said_as("person_bad_followers", handle=handle, header=repr(columns.followers), why=exc) from None


def _missing_platform_followers(columns: _PlatformColumns, handle: str, say: Wording) -> str:
    if columns.followers:
        return say.say("person_followers_empty", platform=columns.platform, handle=handle, header=repr(columns.followers))
    return say.say("person_no_follower_column", platform=columns.platform, handle=handle)


# One row per post ------------------------------------------------------------------------------------------


def _post_columns(headers: list[str]) -> dict[str, str]:
    """{what a column holds ("post_id", "likes"...): its header}, the first header winning."""
    found: dict[str, str] = {}
    for header in headers:
        key = header_key(header)
        for role, words in _post_words().items():
            if role != "post_path_words" and key in words and role not in found:
                found[role] = header
                break
        else:
            if field_of(header) == "followers" and "followers" not in found:
                found["followers"] = header
    return found


def _cell(row: dict[str, object], columns: dict[str, str], role: str) -> object:
    return row.get(columns[role]) if role in columns else None


def _is_post_export(table: Table, columns: dict[str, str]) -> bool:
    if not any(m in columns for m in METRICS):
        return False
    if "post_id" in columns:
        return True  # no roster numbers posts
    if "followers" in columns or not ("published" in columns or "permalink" in columns):
        return False  # a follower count per row is a roster's
    if "account" in columns:
        accounts = [account for _, row in table.rows if (account := _post_account(row, columns))]
        return len(accounts) > len(set(accounts))  # a roster lists each account once; a post export repeats them
    links = [_cell(row, columns, "permalink") for _, row in table.rows]
    posts = sum(1 for link in links if _is_post_link(link))
    return posts > 0 and posts * 2 >= len(links)  # most links are posts', not profiles'


def _link_path(link: object) -> tuple[str, list[str]] | None:
    """(host, path segments) of a URL cell, None when it is not one."""
    if not isinstance(link, str) or "." not in link:
        return None
    text = re.sub(r"^[a-z]+://", "", link.strip().lower()).split("?", 1)[0].split("#", 1)[0]
    host, _, path = text.partition("/")
    return re.sub(r"^(?:www|m|vm)\.", "", host), [s for s in path.split("/") if s]


def _is_post_link(link: object) -> bool:
    parts = _link_path(link)
    if parts is None:
        return False
    segments = parts[1]
    return len(segments) >= 2 or (len(segments) == 1 and segments[0] in _post_words()["post_path_words"])


def _link_handle(link: object) -> str | None:
    """The handle a post link names: "tiktok.com/@lea/video/1", "instagram.com/lea/reel/x"; not "instagram.com/p/x"."""
    parts = _link_path(link)
    if parts is None or not parts[1]:
        return None
    segments, words = parts[1], _post_words()["post_path_words"]
    if segments[0].startswith("@"):
        candidate = segments[0]
    elif len(segments) >= 2 and segments[0] not in words and segments[1] in words:
        candidate = segments[0]
    else:
        return None
    try:
        return parse_handle(candidate)[0]
    except RowError:
        return None


def _post_account(row: dict[str, object], columns: dict[str, str]) -> tuple[str | None, str] | None:
    """(platform from the post link or None, handle) of one post, None when neither column names it."""
    link = _cell(row, columns, "permalink")
    platform = places().platform(link) if isinstance(link, str) and link.strip() else None
    cell = _cell(row, columns, "account")
    handle = None
    if not _empty(cell):
        try:
            handle = parse_handle(cell)[0]
        except RowError:
            handle = None
    handle = handle or _link_handle(link)
    return (platform, handle) if handle else None


_NUMERIC_DATE = re.compile(
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?)?", re.IGNORECASE)


def _month_first(cells: Iterable[object]) -> bool:
    """Whether a column's "04/30/2025 10:15" dates are month first, as Meta writes them in US English.

    Decided per column, like the unit of a rate column: month first only when some date's second number
    is above 12 and no date's first is; otherwise day first, as :func:`scoring.rows.parse_date` reads."""
    firsts, seconds = set(), set()
    for cell in cells:
        match = _NUMERIC_DATE.fullmatch(cell.strip()) if isinstance(cell, str) else None
        if match:
            firsts.add(int(match[1]))
            seconds.add(int(match[2]))
    return any(n > 12 for n in seconds) and not any(n > 12 for n in firsts)


def _post_time(cell: object, month_first: bool) -> datetime:
    """A publish time: "30/04/2025 10:15", "04/30/2025 10:15 PM" (month first), ISO, or a spreadsheet date."""
    match = _NUMERIC_DATE.fullmatch(cell.strip()) if isinstance(cell, str) else None
    if match is None:
        return parse_date(cell)
    first, second, year, hour, minute, seconds, half = match.groups()
    day, month = (second, first) if month_first else (first, second)
    hour_of_day = int(hour or 0) % 12 + (12 if half.lower() == "p" else 0) if half else int(hour or 0)
    try:
        time = {"hour": hour_of_day, "minute": int(minute or 0), "second": int(seconds or 0)}
        return parse_date(f"{day}/{month}/{year}").replace(**time)
    except ValueError:
        raise RowError.said_as("not_time", value=repr(cell)) from None


@dataclass
class _Post:
    line: int
    published: datetime | None = None
    caption: str | None = None
    metrics: dict[str, int] = field(default_factory=dict)  # "likes", "comments", "views" -> this post's count
    followers: int | None = None  # when the export gives the account's count on each post


@dataclass
class _Account:
    platform: str | None
    handle: str
    name: str | None = None
    posts: list[_Post] = field(default_factory=list)


def _read_posts(table: Table, columns: dict[str, str], notes: list[str], say: Wording) -> list[_Account]:
    """The posts of each account, in the file's order; a cell that cannot be read is left out with a note."""
    month_first = _month_first(_cell(row, columns, "published") for _, row in table.rows)
    accounts: dict[tuple[str | None, str], _Account] = {}
    unattributed = []
    for line, row in table.rows:
        key = _post_account(row, columns)
        if key is None:
            unattributed.append(line)
            continue
        account = accounts.setdefault(key, _Account(*key))
        post = _Post(line)
        for role in (*METRICS, "followers"):
            raw = _cell(row, columns, role)
            if not _empty(raw):
                try:
                    count = parse_count(raw)
                except NumberError as exc:
                    notes.append(say.say("at_line", unit=say.say(f"unit_{table.unit}"), line=line, message=say.say(
                        "post_cell_left_out", role=role, header=repr(columns[role]), why=exc)))
                    continue
                if role == "followers":
                    post.followers = count
                else:
                    post.metrics[role] = count
        published = _cell(row, columns, "published")
        if not _empty(published):
            try:
                post.published = _post_time(published, month_first)
            except RowError as exc:
                header = columns["published"]
                notes.append(say.say("at_line", unit=say.say(f"unit_{table.unit}"), line=line, message=say.say(
                    "post_time_left_out", header=repr(header), why=exc)))
        caption = _cell(row, columns, "caption")
        if not _empty(caption) and not isinstance(caption, (list, dict)):
            post.caption = re.sub(r"\s+", " ", str(caption)).strip()
        name = _cell(row, columns, "account_name")
        if account.name is None and not _empty(name):
            account.name = str(name).strip()
        account.posts.append(post)
    if not accounts:
        where = ", ".join(repr(columns[c]) for c in ("account", "permalink") if c in columns) or "-"
        raise RosterFileError.said_as("file_posts_no_account", path=table.path, columns=where)
    if unattributed:
        lines = ", ".join(str(n) for n in unattributed[:10]) + (" ..." if len(unattributed) > 10 else "")
        notes.append(say.say("posts_unattributed", count=say.number(len(unattributed)),
                             unit=say.say(f"unit_{table.unit}s"), lines=lines))
    return list(accounts.values())


_ACCOUNT_HEADERS = ("handle", "platform", "display_name", "followers", "posts_count", "avg_likes", "avg_comments",
                    "avg_views", "last_post_at", "recent_captions")


def _aggregate_posts(table: Table, columns: dict[str, str], known_followers: KnownFollowers | None,
                     say: Wording) -> Reshaped:
    notes: list[str] = []
    accounts = _read_posts(table, columns, notes, say)
    out = Reshaped(Table(path=table.path, headers=list(_ACCOUNT_HEADERS), unit=table.unit))
    out.notes.append(say.say("post_rows", rows=say.number(len(table.rows)), unit=say.say(f"unit_{table.unit}s"),
                             accounts=say.number(len(accounts))))
    for account in accounts:
        line = account.posts[0].line
        row, formula = _account_row(account, say)
        followers = _followers(account, known_followers, say)
        if followers is None:
            out.rejected.append(RejectedRow(line=line, reason=_missing_followers(account, known_followers, say)))
            continue
        row["followers"], source = followers
        out.table.rows.append((line, row))
        out.notes.append(say.say("post_account", handle=account.handle, formula=formula, source=source,
                                 platform=f" ({account.platform})" if account.platform else ""))
    out.notes += notes
    return out


def _account_row(account: _Account, say: Wording) -> tuple[dict[str, object], str]:
    """The account's row of creator fields, and the sentence saying how each was computed."""
    posts = account.posts
    dated = sorted((p for p in posts if p.published), key=lambda p: p.published)
    row: dict[str, object] = {"handle": account.handle, "platform": account.platform, "display_name": account.name,
                              "posts_count": len(posts)}
    span = say.say("post_span", first=dated[0].published.date(), last=dated[-1].published.date()) if dated else ""
    parts = []
    for metric in METRICS:
        counts = [p.metrics[metric] for p in posts if metric in p.metrics]
        if counts:
            average = row[f"avg_{metric}"] = sum(counts) / len(counts)
            word = say.say(f"metric_{metric}")
            per = say.say("post_per_all") if len(counts) == len(posts) else say.say("post_per_some", metric=word)
            parts.append(say.say("post_average", metric=word, per=per, total=say.number(sum(counts)),
                                 count=len(counts), average=say.decimal(average, trim=True)))
    parts.append(say.say("post_count", count=len(posts)))
    if dated:
        row["last_post_at"] = dated[-1].published
        parts.append(say.say("post_last", date=f"{dated[-1].published:%Y-%m-%d %H:%M}"))
    # The dated posts first, the latest first; sorted() keeps the file's order among the undated ones.
    latest_first = sorted(posts, key=lambda p: (p.published is not None, p.published or datetime.min), reverse=True)
    captions = [p.caption for p in latest_first if p.caption][:RECENT_CAPTIONS]
    if captions:
        row["recent_captions"] = captions
        parts.append(say.say("post_captions", count=len(captions)))
    weeks = (dated[-1].published - dated[0].published).total_seconds() / (7 * 86400) if len(dated) > 1 else 0
    if weeks > 0:
        # Gaps between posts, not posts, over the span: 3 posts a week apart are one post a week, not 1.5.
        parts.append(say.say("post_frequency", gaps=len(dated) - 1, posts=len(dated), weeks=say.decimal(weeks),
                             rate=say.decimal((len(dated) - 1) / weeks, 2)))
    summary = say.say("post_summary", posts=len(posts), span=span, details=say.say("list_separator").join(parts))
    return {k: v for k, v in row.items() if v is not None}, summary


def _followers(account: _Account, known_followers: KnownFollowers | None, say: Wording) -> tuple[int, str] | None:
    """(followers, where they come from) for an aggregated account, None when nobody says."""
    given = [p for p in account.posts if p.followers is not None]
    if given:  # the latest post's count; max() keeps the first of equals, and undated posts count as oldest
        latest = max(given, key=lambda p: (p.published is not None, p.published or datetime.min))
        return latest.followers, say.say("followers_from_post", count=say.number(latest.followers))
    if known_followers is None or account.platform is None:
        return None
    stored = known_followers(account.platform, account.handle)
    if stored is None:
        return None
    return stored, say.say("followers_kept", count=say.number(stored))


def _missing_followers(account: _Account, known_followers: KnownFollowers | None, say: Wording) -> str:
    reason = say.say("post_no_followers", handle=account.handle)
    if known_followers is None:
        reason += say.say("post_roster_not_looked_up", handle=account.handle)
    elif account.platform is None:
        reason += say.say("post_no_platform")
    return reason
