"""CLI commands: ``relais check`` (caption compliance) and ``relais brief`` (creator briefs).

Exit codes of ``relais check``: 0 the caption is compliant (no error-level issue; warnings may
remain), 1 it is not, 2 bad usage (unknown platform, empty caption...).
Exit codes of ``relais brief``: 0 written, 1 refused (a promotion the law forbids), 2 bad usage
(a wrong flag or request file, an unwritable output).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

if TYPE_CHECKING:
    from pydantic import ValidationError

from bot.briefs.vocabulary import BRIEF_LANGUAGES, COMPENSATIONS, JURISDICTIONS, MEDIA
from bot.cli.common import (
    EXIT_PARTIAL,
    DataDir,
    JsonFlag,
    fail,
    print_json,
    settings_for,
)

# Choices as enums: Typer turns them into case-insensitive options with the values listed in --help.
Jurisdiction = Enum("Jurisdiction", {code: code for code in JURISDICTIONS}, type=str)
Media = Enum("Media", {name: name for name in MEDIA}, type=str)
Compensation = Enum("Compensation", {name: name for name in COMPENSATIONS}, type=str)
Language = Enum("Language", {code: code for code in BRIEF_LANGUAGES}, type=str)

# BriefRequest fields and the flags that set them (to name the flag in error messages).
BRIEF_FLAGS = {
    "brand": "--brand",
    "product": "--product",
    "product_category": "--category",
    "campaign_goal": "--goal",
    "niche": "--niche",
    "platforms": "--platform",
    "jurisdictions": "--jurisdiction",
    "creators": "--creator",
    "deliverables": "--deliverable",
    "start_date": "--start",
    "end_date": "--end",
    "compensation": "--compensation",
    "key_messages": "--message",
    "dos": "--do",
    "donts": "--dont",
    "budget": "--budget",
    "currency": "--currency",
    "usage_rights": "--usage-rights",
    "approval_steps": "--approval",
    "language": "--language",
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""
    app.command("check")(check)
    app.command("brief")(brief)


def check(
    caption: Annotated[str, typer.Argument(help='The caption to check; "-" reads it from standard input.')],
    jurisdiction: Annotated[Jurisdiction, typer.Option("--jurisdiction", "-j", case_sensitive=False, help="Whose rules apply.")],
    platform: Annotated[str, typer.Option("--platform", "-p", help="instagram, tiktok, youtube, facebook, x, ...")] = "instagram",
    media: Annotated[Media, typer.Option("--media", case_sensitive=False)] = Media.post,
    compensation: Annotated[Compensation, typer.Option("--compensation", case_sensitive=False, help="What the creator got; none = organic.")] = Compensation.paid,
    retouched: Annotated[bool, typer.Option("--retouched", help="The image is retouched (body or face altered).")] = False,
    ai_generated: Annotated[bool, typer.Option("--ai-generated", help="A face or body in the image is AI-generated.")] = False,
    product_category: Annotated[str | None, typer.Option("--product-category", help="alcohol, cosmetic_surgery, crypto, ... or free text.")] = None,
    platform_tool: Annotated[bool, typer.Option("--platform-tool", help="The platform's paid-partnership tool is switched on.")] = False,
    brand: Annotated[str | None, typer.Option("--brand", help="The brand, so that #BrandPartner-style labels count.")] = None,
    json_output: JsonFlag = False,
    data_dir: DataDir = None,  # accepted like every command; the check opens no store
) -> None:
    """Check a caption's advertising disclosure. Exit 0 compliant, 1 not compliant, 2 bad usage."""
    from bot.assistant import Assistant
    from bot.briefs.checker import UnknownPlatformError
    from bot.briefs.models import CaptionCheckRequest

    if caption == "-":
        caption = sys.stdin.read()
    if not caption.strip():
        fail("the caption is empty")
    request = CaptionCheckRequest(
        caption=caption,
        jurisdiction=jurisdiction.value,
        platform=platform,
        media=media.value,
        compensation=compensation.value,
        retouched=retouched,
        ai_generated=ai_generated,
        product_category=product_category,
        platform_tool=platform_tool,
        brand=brand,
    )
    try:
        result = Assistant(settings_for(data_dir)).check_caption(request)
    except UnknownPlatformError as exc:
        fail(escape(str(exc)))
    if json_output:
        print_json(result)
    else:
        _print_check(result, request)
    raise typer.Exit(0 if result.compliant else EXIT_PARTIAL)


def _print_check(result, request) -> None:
    context = f"{request.jurisdiction}, {request.platform}, {request.media}, {request.compensation}"
    typer.echo(("Compliant" if result.compliant else "Not compliant") + f" ({context})")
    for issue in result.issues:
        typer.echo(f"- {issue.severity} [{issue.code}] {issue.message}")
        typer.echo(f"  rule {issue.rule}: {issue.reference}")
    if result.suggested_caption:
        typer.echo("\nSuggested caption:\n" + result.suggested_caption)


def brief(
    brand: Annotated[str | None, typer.Option("--brand")] = None,
    product: Annotated[str | None, typer.Option("--product")] = None,
    category: Annotated[str | None, typer.Option("--category", help="cosmetics, skincare, food, alcohol, gambling, financial, crypto, ... or free text.")] = None,
    goal: Annotated[str | None, typer.Option("--goal")] = None,
    niche: Annotated[str | None, typer.Option("--niche")] = None,
    platform: Annotated[list[str] | None, typer.Option("--platform", help="Repeatable.")] = None,
    jurisdiction: Annotated[list[Jurisdiction] | None, typer.Option("--jurisdiction", case_sensitive=False, help="Repeatable.")] = None,
    creator: Annotated[list[str] | None, typer.Option("--creator", help="Repeatable.")] = None,
    deliverable: Annotated[list[str] | None, typer.Option("--deliverable", help="Repeatable.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="YYYY-MM-DD")] = None,
    end: Annotated[str | None, typer.Option("--end", help="YYYY-MM-DD")] = None,
    compensation: Annotated[Compensation | None, typer.Option("--compensation", case_sensitive=False)] = None,
    message: Annotated[list[str] | None, typer.Option("--message", help="A key message. Repeatable.")] = None,
    do: Annotated[list[str] | None, typer.Option("--do", help="Repeatable.")] = None,
    dont: Annotated[list[str] | None, typer.Option("--dont", help="Repeatable.")] = None,
    budget: Annotated[float | None, typer.Option("--budget")] = None,
    currency: Annotated[str | None, typer.Option("--currency")] = None,
    usage_rights: Annotated[str | None, typer.Option("--usage-rights")] = None,
    approval: Annotated[list[str] | None, typer.Option("--approval", help="An approval step. Repeatable.")] = None,
    language: Annotated[Language | None, typer.Option("--language", case_sensitive=False)] = None,
    from_file: Annotated[Path | None, typer.Option("--from", help="A BriefRequest as JSON; flags given too override its fields.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to FILE.md or FILE.docx instead of printing Markdown.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Draft a disclosure-compliant creator brief. Exit 0 written, 1 refused, 2 bad usage."""
    from pydantic import ValidationError

    from bot.assistant import Assistant
    from bot.briefs.checker import UnknownPlatformError
    from bot.briefs.document import write_docx, write_markdown
    from bot.briefs.models import BriefRefused, BriefRequest

    if out is not None and out.suffix.lower() not in (".md", ".markdown", ".docx"):
        fail(f"--out must end in .md or .docx (got {escape(out.name)})")
    fields = _read_request_file(from_file) if from_file else {}
    flags = {
        "brand": brand,
        "product": product,
        "product_category": category,
        "campaign_goal": goal,
        "niche": niche,
        "platforms": platform,
        "jurisdictions": [j.value for j in jurisdiction] if jurisdiction else None,
        "creators": creator,
        "deliverables": deliverable,
        "start_date": start,
        "end_date": end,
        "compensation": compensation.value if compensation else None,
        "key_messages": message,
        "dos": do,
        "donts": dont,
        "budget": budget,
        "currency": currency,
        "usage_rights": usage_rights,
        "approval_steps": approval,
        "language": language.value if language else None,
    }
    fields.update({name: value for name, value in flags.items() if value not in (None, [])})
    source = from_file.name if from_file else "brief request"
    try:
        request = BriefRequest.model_validate(fields)
    except ValidationError as exc:
        fail(escape(_describe_request_errors(exc, source, from_file is not None)))

    try:
        result = Assistant(settings_for(data_dir)).draft_brief(request)
    except BriefRefused as exc:
        fail(escape(f"brief refused: {exc.reason}\nreference: {exc.reference}"), EXIT_PARTIAL)
    except UnknownPlatformError as exc:
        fail(escape(str(exc)))

    if out is None:
        typer.echo(result.markdown, nl=False)
        return
    try:
        if out.suffix.lower() == ".docx":
            write_docx(result, out)
        else:
            write_markdown(result, out)
    except OSError as exc:
        fail(escape(f"cannot write {out}: {exc.strerror or exc}"))
    typer.echo(f"wrote {out} ({result.mode} draft, {len(result.example_captions)} checked example captions)", err=True)


def _read_request_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"--from: {escape(str(path))} does not exist")
    except UnicodeDecodeError:
        fail(f"--from: {escape(str(path))} is not UTF-8 text")
    except json.JSONDecodeError as exc:
        fail(f"--from: {escape(path.name)} is not valid JSON (line {exc.lineno}, column {exc.colno}: {escape(exc.msg)})")
    except OSError as exc:
        fail(f"--from: cannot read {escape(str(path))}: {escape(exc.strerror or str(exc))}")
    if not isinstance(data, dict):
        fail(f"--from: {escape(path.name)} must hold one JSON object (a brief request), not {type(data).__name__}")
    unknown = sorted(set(data) - set(BRIEF_FLAGS))
    if unknown:
        fail(f"--from: {escape(path.name)}: unknown field(s) {escape(', '.join(unknown))}; known: {', '.join(BRIEF_FLAGS)}")
    return data


def _describe_request_errors(exc: ValidationError, source: str, from_file: bool) -> str:
    lines = [f"invalid {source}:"]
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"])
        name = str(error["loc"][0]) if error["loc"] else ""
        flag = BRIEF_FLAGS.get(name)
        where = f"{field} ({flag})" if flag else f"{field} (unknown field)" if error["type"] == "extra_forbidden" else field
        message = error["msg"]
        if error["type"] == "missing":
            message = f"required; give {flag}" + (" or put it in the file" if from_file else "")
        lines.append(f"  {where}: {message}")
    return "\n".join(lines)
