"""CLI commands: `relais creators import/list/show/remove/sample` and `relais shortlist`."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from bot.cli.common import (
    EXIT_PARTIAL,
    DataDir,
    JsonFlag,
    console,
    errors,
    fail,
    open_assistant,
    print_json,
    settings_for,
)
from scoring.numbers import NumberError, parse_count, parse_money
from scoring.vocabulary import PLATFORMS, TIERS

if TYPE_CHECKING:  # pydantic models load only when a command runs
    from bot.assistant import Assistant
    from scoring.models import Creator

creators_app = typer.Typer(help="The creator roster: import, list, show, remove, or generate a synthetic sample.",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""
    app.add_typer(creators_app, name="creators")
    app.command("shortlist")(shortlist)


def roster_assistant(data_dir: Path | None, open_now: bool = True) -> AbstractContextManager[Assistant]:
    """The Assistant with its roster (the knowledge base stays closed); an unreadable roster or
    roster file (RosterFileError is a ValueError) as one clean error line."""
    from scoring.roster import RosterError

    return open_assistant(settings_for(data_dir), "roster" if open_now else None, (RosterError, ValueError))


@creators_app.command("import")
def import_roster(
    file: Annotated[Path, typer.Argument(help="A CSV, JSON or XLSX export of creators.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=(
        "Show the column mapping, the first creators as read and what would be rejected; write nothing."))] = False,
    column_map: Annotated[list[str] | None, typer.Option("--map", metavar="HEADER=FIELD", help=(
        'Force what a column holds, e.g. --map "Influencer insta name=handle" (or =ignore). Repeatable.'))] = None,
    platform: Annotated[str | None, typer.Option(help=(
        f"The platform of rows that name none ({', '.join(PLATFORMS)})."))] = None,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Import creators; rows already in the roster (same platform and handle) are updated."""
    from scoring.columns import parse_overrides
    from scoring.readers import RosterFileError

    if platform is not None and platform.lower() not in PLATFORMS:
        fail(f"--platform {platform!r}: expected one of {', '.join(PLATFORMS)}")
    platform = platform.lower() if platform else None
    try:
        overrides = parse_overrides(column_map or [])
    except RosterFileError as exc:
        fail(str(exc))
    # A preview creates no roster: it opens one only when it exists, to lend its follower counts.
    with roster_assistant(data_dir, open_now=not dry_run) as assistant:
        if dry_run:
            _print_preview(assistant.preview_import(file, overrides, platform), json_output)
            return
        if json_output:
            report = assistant.import_roster(file, overrides, platform)
        else:
            with console.status(f"importing {file}...") as status:
                report = assistant.import_roster(file, overrides, platform, progress=lambda done, total: (
                    status.update(f"importing {file}: {done:,}/{total:,} rows")))
    if json_output:
        print_json(report)
    else:
        console.print(f"{file}: {report.created:,} created, {report.updated:,} updated, "
                      f"{len(report.rejected):,} rejected.", highlight=False)
        for row in report.rejected:
            errors.print(f"  {report.unit} {row.line}: {row.reason}", highlight=False, markup=False)
        if report.ignored_columns:
            console.print(f"Ignored columns: {', '.join(report.ignored_columns)}", highlight=False, markup=False)
        for note in report.notes:
            console.print(f"Note: {note}", highlight=False, markup=False)
    if report.rejected:
        raise typer.Exit(EXIT_PARTIAL)


PREVIEW_COLUMNS = ("handle", "platform", "followers", "ER", "country", "topics", "price")


def _print_preview(preview, json_output: bool) -> None:
    if json_output:
        print_json(preview)
        return
    console.print(f"{preview.path}: {preview.would_import:,} of {preview.rows:,} creators read would be imported, "
                  f"{len(preview.rejected):,} rejected. Nothing was written (--dry-run).", highlight=False, markup=False)
    mapping = Table("column in the file", "read as", box=None)
    for use in preview.columns:
        mapping.add_row(use.header, use.field)
    for header in preview.ignored_columns:
        mapping.add_row(header, "[dim](ignored)[/dim]")
    console.print(mapping)
    if preview.first_creators:
        rows = Table(*PREVIEW_COLUMNS, title="First creators as read", box=None)
        for creator in preview.first_creators:
            rate = f"{creator.engagement_rate:.2%}" if creator.engagement_rate is not None else ""
            price = f"{creator.price_per_post:g} {creator.currency or ''}" if creator.price_per_post is not None else ""
            rows.add_row(creator.handle, creator.platform, _followers_cell(creator), rate, creator.country or "",
                         ", ".join(creator.topics[:3]), price)
        console.print(rows)
    for row in preview.rejected:
        errors.print(f"  {preview.unit} {row.line}: {row.reason}", highlight=False, markup=False)
    for note in preview.notes:
        console.print(f"Note: {note}", highlight=False, markup=False)


@creators_app.command("list")
def list_creators(
    platform: Annotated[str | None, typer.Option(help=f"One of {', '.join(PLATFORMS)}.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code, e.g. FR.")] = None,
    search: Annotated[str | None, typer.Option(help="Text to find in handles, names and topics.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """List creators in the roster."""
    with roster_assistant(data_dir) as assistant:
        page = assistant.creators(platform=platform, country=country, search=search, limit=limit, offset=offset)
    if json_output:
        print_json(page)
        return
    found, total = page.creators, page.total
    table = Table(title=f"{len(found):,} of {total:,} creators")
    # The handle is what other commands take and the figures are what people compare: neither is
    # ever cut; topics wrap instead.
    table.add_column("handle", no_wrap=True, min_width=max((len(c.handle) + 1 for c in found), default=6))
    table.add_column("platform", no_wrap=True)
    table.add_column("followers", justify="right", no_wrap=True)
    table.add_column("market", no_wrap=True)
    table.add_column("topics")
    table.add_column("price", justify="right", no_wrap=True)
    for creator in found:
        price = f"{creator.price_per_post:,.0f} {creator.currency or ''}" if creator.price_per_post else ""
        market = "/".join(part for part in (creator.country, creator.language) if part)
        table.add_row(f"@{creator.handle}", creator.platform, _followers_cell(creator), market,
                      ", ".join(creator.topics[:4]), price.strip())
    console.print(table)


def _followers_cell(creator: Creator) -> str:
    """The follower count, or "contact" for a creator stored without one (never shortlisted)."""
    return "[dim]contact[/dim]" if creator.followers is None else f"{creator.followers:,}"


def _matching(assistant: Assistant, handle: str, platform: str | None) -> list[Creator]:
    """The creators a handle names (one per platform), or a clean exit when there are none."""
    found = assistant.find_creators(handle, platform)
    if not found:
        fail(f"no creator @{handle.lstrip('@')} in the roster" + (f" on {platform}" if platform else ""))
    return found


@creators_app.command("show")
def show_creator(
    handle: Annotated[str, typer.Argument(help="The handle, with or without @.")],
    platform: Annotated[str | None, typer.Option(help="Needed when the handle exists on several platforms.")] = None,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Show everything the roster knows about a creator."""
    with roster_assistant(data_dir) as assistant:
        found = _matching(assistant, handle, platform)
    if json_output:
        print_json(found[0] if len(found) == 1 else [c.model_dump(mode="json") for c in found])
        return
    for creator in found:
        table = Table(title=f"@{creator.handle} on {creator.platform}", show_header=False)
        table.add_column("field")
        table.add_column("value")
        for name, value in creator.model_dump(mode="json").items():
            if name == "followers" and value is None:
                value = "unknown: a contact, not shortlisted until a file gives its followers"
            if value in (None, [], {}):
                continue
            if isinstance(value, (list, dict)):
                value = json.dumps(value, ensure_ascii=False)
            table.add_row(name, str(value))
        console.print(table)


@creators_app.command("remove")
def remove_creator(
    handle: Annotated[str, typer.Argument(help="The handle, with or without @.")],
    platform: Annotated[str | None, typer.Option(help="Needed when the handle exists on several platforms.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Remove a creator from the roster."""
    with roster_assistant(data_dir) as assistant:
        found = _matching(assistant, handle, platform)
        if len(found) > 1:
            where = ", ".join(c.platform for c in found)
            fail(f"@{found[0].handle} is on several platforms ({where}): say which with --platform")
        assistant.remove_creator(found[0])
    console.print(f"Removed @{found[0].handle} ({found[0].platform}).", highlight=False)


@creators_app.command("sample")
def sample_roster(
    out: Annotated[Path, typer.Option("--out", help="Where to write the CSV.")],
    count: Annotated[int, typer.Option(min=1, max=5_000_000, help="How many creators.")] = 2000,
    seed: Annotated[int, typer.Option(help="Same seed, same roster (dates are relative to today).")] = 7,
) -> None:
    """Write a realistic synthetic roster (every row says synthetic); import it with `relais creators import`."""
    from scoring.sample import generate_sample

    try:
        generate_sample(out, count=count, seed=seed)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    console.print(f"Wrote {count:,} synthetic creators to {out}. Import them with: relais creators import {out}",
                  highlight=False)


def shortlist(
    niche: Annotated[str, typer.Argument(help="The niche, in your words (FR or EN), e.g. \"cosmétiques naturels\".")] = "",
    platform: Annotated[str | None, typer.Option(help=f"One of {', '.join(PLATFORMS)}.")] = None,
    country: Annotated[str | None, typer.Option(help="Where creators are based: ISO code or name.")] = None,
    language: Annotated[str | None, typer.Option(help="Language creators post in: ISO code or name.")] = None,
    tier: Annotated[str | None, typer.Option(help=f"One of {', '.join(TIERS)}.")] = None,
    min_followers: Annotated[str | None, typer.Option(help="e.g. 5000 or 5k.")] = None,
    max_followers: Annotated[str | None, typer.Option(help="e.g. 50000 or 50k.")] = None,
    budget: Annotated[str | None, typer.Option(help="Total budget, e.g. 3000, 3k, \"1,500 EUR\", $2k.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many creators at most.")] = 10,
    like: Annotated[str | None, typer.Option(help="Lookalikes of a creator: @handle or platform:handle.")] = None,
    exclude_flag: Annotated[list[str] | None, typer.Option(
        "--exclude-flag", help="Leave out creators with this brand-safety flag (repeatable).")] = None,
    lang: Annotated[str, typer.Option(help="Language of the reasons: en or fr.")] = "en",
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Also write the shortlist, every factor, to this CSV.")] = None,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Score creators for a niche and shortlist the best (within --budget when given), with reasons."""
    from pydantic import ValidationError

    from scoring.export import shortlist_json, write_shortlist_csv
    from scoring.models import ShortlistRequest

    fields: dict[str, object] = {
        "niche": niche, "platform": _choice(platform, PLATFORMS, "--platform"), "country": country,
        "language": language, "tier": _choice(tier, TIERS, "--tier"), "limit": limit, "like": like,
        "exclude_flags": exclude_flag or [], "reasons_language": _choice(lang, ("en", "fr"), "--lang"),
    }
    try:
        fields["min_followers"] = parse_count(min_followers) if min_followers else None
        fields["max_followers"] = parse_count(max_followers) if max_followers else None
        if budget:
            amount, currency = parse_money(budget)
            fields["budget"] = amount
            if currency:
                fields["currency"] = currency
    except NumberError as exc:
        fail(f"not a number: {exc}")
    try:
        request = ShortlistRequest(**fields)
    except ValidationError as exc:
        fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    with roster_assistant(data_dir) as assistant:  # ShortlistError and CurrencyError are ValueErrors: one line
        result = assistant.shortlist(request)
    if csv_file:
        write_shortlist_csv(result, csv_file)
    if json_output:
        print_json(shortlist_json(result))
        return
    _print_shortlist(result, csv_file)


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered not in allowed:
        fail(f"{option} must be one of {', '.join(allowed)} (got {value!r})")
    return lowered


def _print_shortlist(result, csv_file: Path | None) -> None:
    from scoring.wording import Wording

    say = Wording("en")
    if not result.creators:
        console.print(f"No creator found for “{result.niche}”. " + " ".join(result.notes), highlight=False)
    else:
        table = Table(title=f"Shortlist: {result.niche or 'lookalikes'}")
        for column in ("#", "creator", "followers", "tier", "score", "cost"):
            table.add_column(column, justify="right" if column in ("#", "followers", "score", "cost") else "left",
                             no_wrap=column != "cost")
        for rank, creator in enumerate(result.creators, start=1):
            cost = say.money(creator.estimated_cost, creator.currency) if creator.estimated_cost is not None else ""
            table.add_row(str(rank), f"@{creator.handle} ({creator.platform})", f"{creator.followers:,}", creator.tier,
                          f"{creator.score:.0f}", cost + (" (est.)" if creator.cost_is_estimate else ""))
        console.print(table)
        for rank, creator in enumerate(result.creators, start=1):
            console.print(f"[bold]{rank}. @{creator.handle}[/] ({creator.platform})", highlight=False)
            for reason in creator.reasons:
                console.print(f"   - {reason}", highlight=False, markup=False)
        if result.total_cost is not None:
            spent = say.money(result.total_cost, result.currency)
            budget = f" of {say.money(result.budget, result.currency)}" if result.budget else ""
            console.print(f"Total: {spent}{budget}.", highlight=False)
    if result.excluded:
        console.print("Left out:", highlight=False)
        for exclusion in result.excluded:
            console.print(f"   @{exclusion.handle} ({exclusion.platform}): {exclusion.reason}", highlight=False, markup=False)
    if csv_file:
        console.print(f"Wrote {csv_file}.", highlight=False)
