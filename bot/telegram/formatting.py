"""Turning Relais's results into Telegram HTML, and cutting long HTML into messages.

Everything that comes from a user or a document goes through :func:`escape` before it is
put between tags. The console chat renders the same HTML (see ``bot/console.py``), so the
two front ends say the same thing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from telegram.constants import MessageLimit

from bot.briefs.models import Brief, CaptionCheckRequest, CheckResult
from bot.telegram.i18n import t
from knowledge.models import Answer, IngestReport, Source
from scoring.models import Shortlist

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
EXCERPT_CHARS = 500


def escape(text: object) -> str:
    return html.escape(str(text))


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


# Splitting -------------------------------------------------------------------------------------

# A tag, an entity, or a run of text up to and including its whitespace.
_UNIT = re.compile(r"<[^>]*>|&#?\w+;|[^<&\s]+\s*|\s+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut Telegram HTML into messages of at most ``limit`` UTF-16 units.

    Never cuts inside a tag or an entity; tags open at a cut are closed at the end of one
    message and opened again at the start of the next. Prefers cutting after a blank line,
    then after a line, then after a word; a word longer than a message is cut by characters.
    """
    if utf16_len(text) <= limit:
        return [text] if _visible(text) else []
    messages: list[str] = []
    queue = _drop_heavy_tags(_UNIT.findall(text), limit)
    queue.reverse()
    # The units of the message being built, each with the open-tag stack after it.
    current: list[tuple[str, list[tuple[str, str]]]] = []
    stack: list[tuple[str, str]] = []
    size = 0

    def flush() -> None:
        nonlocal current, size
        cut = _best_cut([unit for unit, _ in current], limit)
        head, tail = current[:cut], current[cut:]
        open_at_cut = head[-1][1]
        body = "".join(unit for unit, _ in head).rstrip() + _closers(open_at_cut)
        if _visible(body):
            messages.append(body)
        # The tail's stacks stay right: reopening the tags restores the state at the cut.
        current = ([(_openers(open_at_cut), open_at_cut)] if open_at_cut else []) + tail
        size = sum(utf16_len(unit) for unit, _ in current)

    while queue:
        unit = queue.pop()
        after = _apply(stack, unit)
        while current and size + utf16_len(unit) + utf16_len(_closers(after)) > limit and _has_text(current):
            flush()
            stack = current[-1][1] if current else []
            after = _apply(stack, unit)
        room = limit - size - utf16_len(_closers(after))
        if utf16_len(unit) > room and not unit.startswith(("<", "&")):
            # A word longer than what is left of an otherwise empty message: cut it by characters.
            piece, rest = _take_utf16(unit, max(room, 1))
            queue.append(rest)
            unit = piece
        current.append((unit, after))
        stack = after
        size += utf16_len(unit)
    body = "".join(unit for unit, _ in current).rstrip() + _closers(stack)
    if _visible(body):
        messages.append(body)
    # Last resort, should the above ever overshoot: such a message loses its tags.
    return [piece for message in messages for piece in
            ([message] if utf16_len(message) <= limit else _split_plain(message, limit))]


def _drop_heavy_tags(units: list[str], limit: int) -> list[str]:
    """The units without the tags (and their closing tags) that would leave too little room.

    Every message repeats the tags open at its start and closes them at its end; a tag (say a
    long ``<a href>``) or a nesting of tags costing more than half a message is dropped, its
    text kept, so that each message always has room for text and the splitting ends.
    """
    budget = limit // 2
    kept: list[str] = []
    stack: list[tuple[str, bool, int]] = []  # name, kept, cost of its opener and closer
    for unit in units:
        match = _TAG_NAME.match(unit) if unit.startswith("<") and len(unit) >= 3 else None
        if match is None or unit.endswith("/>"):
            kept.append(unit)
            continue
        name = match.group(1).lower()
        if unit.startswith("</"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    if stack[i][1]:
                        kept.append(unit)
                    del stack[i]
                    break
            else:
                kept.append(unit)
            continue
        cost = utf16_len(unit) + utf16_len(f"</{name}>")
        used = sum(c for _, keep, c in stack if keep)
        keep = used + cost <= budget
        stack.append((name, keep, cost))
        if keep:
            kept.append(unit)
    return kept


def _split_plain(message: str, limit: int) -> list[str]:
    """``message`` without its tags, cut by characters (never inside an entity)."""
    units = _UNIT.findall(re.sub(r"<[^>]*>", "", message))
    pieces: list[str] = []
    current = ""
    for unit in units:
        while unit:
            room = limit - utf16_len(current)
            if utf16_len(unit) <= room:
                current, unit = current + unit, ""
            elif current and (room < 2 or unit.startswith("&") or utf16_len(unit) <= limit):
                pieces.append(current)
                current = ""
            else:
                piece, unit = _take_utf16(unit, room)
                current += piece
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]


def _closers(tags: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(tags))


def _openers(tags: list[tuple[str, str]]) -> str:
    return "".join(tag for _, tag in tags)


def _has_text(units: list[tuple[str, list]]) -> bool:
    return any(not unit.startswith("<") for unit, _ in units)


def _apply(stack: list[tuple[str, str]], unit: str) -> list[tuple[str, str]]:
    """The open-tag stack after ``unit``."""
    if not unit.startswith("<") or len(unit) < 3:
        return stack
    match = _TAG_NAME.match(unit)
    if not match:
        return stack
    name = match.group(1).lower()
    if unit.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                return stack[:i] + stack[i + 1 :]
        return stack
    if unit.endswith("/>"):
        return stack
    return stack + [(name, unit)]


def _best_cut(units: list[str], limit: int) -> int:
    """Where to end the message: after a blank line, else a line, else anywhere (the end)."""
    total = len(units)
    floor = limit // 3  # don't make tiny messages just to cut at a paragraph
    position = 0
    best_line = best_para = 0
    for i, unit in enumerate(units, start=1):
        position += utf16_len(unit)
        if position < floor:
            continue
        if "\n\n" in unit or (unit.endswith("\n") and i > 1 and units[i - 2].endswith("\n")):
            best_para = i
        elif "\n" in unit:
            best_line = i
    return best_para or best_line or total


def _take_utf16(text: str, room: int) -> tuple[str, str]:
    """The longest prefix of ``text`` that fits in ``room`` UTF-16 units, and the rest."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            return text[: max(i, 1)], text[max(i, 1) :]
    return text, ""


def _visible(body: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", body).strip())


# Numbers -----------------------------------------------------------------------------------------


def number(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def money(value: float, currency: str, lang: str) -> str:
    amount = number(value, lang)
    if currency.upper() == "EUR":
        return f"{amount} €" if lang == "fr" else f"€{amount}"
    return f"{amount} {currency.upper()}"


# Answers -------------------------------------------------------------------------------------------


def render_answer(answer: Answer) -> str:
    """The answer with its [n] markers, and a one-line list of what they point to."""
    parts = [escape(answer.answer.strip())]
    if answer.found and answer.sources:
        cited = " · ".join(f"[{s.n}] {escape(_short(s.title, 60))}" for s in answer.sources)
        parts.append(f"<i>{cited}</i>")
    return "\n\n".join(parts)


def render_sources(sources: Iterable[Source], lang: str) -> str:
    blocks = [t("sources_title", lang)]
    for source in sources:
        origin = _link_or_text(source.source)
        excerpt = escape(_short(" ".join(source.excerpt.split()), EXCERPT_CHARS))
        blocks.append(f"<b>[{source.n}] {escape(source.title)}</b>\n{origin}\n<blockquote>{excerpt}</blockquote>")
    if len(blocks) == 1:
        blocks.append(t("no_sources", lang))
    return "\n\n".join(blocks)


def _link_or_text(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return f'<a href="{escape(source)}">{escape(_short(source, 80))}</a>'
    return f"<i>{escape(_short(source, 120))}</i>"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Shortlists ------------------------------------------------------------------------------------------


def render_shortlist(shortlist: Shortlist, lang: str) -> str:
    lines = [t("shortlist_title", lang, niche=escape(shortlist.niche))]
    filters = describe_filters(shortlist.filters, lang)
    if filters:
        lines.append(t("shortlist_filters", lang, filters=escape(filters)))
    lines.append("")
    if not shortlist.creators:
        lines.append(t("shortlist_empty", lang))
    for rank, creator in enumerate(shortlist.creators, start=1):
        cost = ""
        if creator.estimated_cost is not None:
            cost = t("shortlist_cost", lang, cost=money(creator.estimated_cost, creator.currency, lang))
            if creator.cost_is_estimate:
                cost += t("shortlist_estimate", lang)
        lines.append(
            t(
                "shortlist_line",
                lang,
                rank=rank,
                name=escape(creator.display_name or creator.handle),
                handle=escape(f"@{creator.handle}"),
                platform=escape(creator.platform),
                tier=escape(creator.tier),
                followers=number(creator.followers, lang),
                score=f"{creator.score:.0f}",
                cost=cost,
            )
        )
        for reason in creator.reasons[:3]:
            lines.append(f"    • {escape(reason)}")
    if shortlist.creators and shortlist.total_cost is not None:
        lines.append("")
        total = money(shortlist.total_cost, shortlist.currency, lang)
        if shortlist.budget is not None:
            budget = money(shortlist.budget, shortlist.currency, lang)
            lines.append(t("shortlist_total_budget", lang, total=total, budget=budget))
        else:
            lines.append(t("shortlist_total", lang, total=total))
    if shortlist.excluded:
        examples = "; ".join(f"@{e.handle}: {e.reason}" for e in shortlist.excluded[:3])
        lines.append(t("shortlist_excluded", lang, count=len(shortlist.excluded), examples=escape(examples)))
    return "\n".join(lines)


_FILTER_LABELS = ("platform", "country", "tier", "budget")  # named like their refinement buttons


def describe_filters(filters: dict[str, object], lang: str) -> str:
    shown = []
    for key, value in filters.items():
        if value in (None, "", [], {}) or key in ("niche", "limit", "currency"):
            continue
        if key == "budget" and isinstance(value, (int, float)):
            value = money(float(value), str(filters.get("currency") or "EUR"), lang)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        label = t(f"button_{key}", lang) if key in _FILTER_LABELS else key
        shown.append(f"{label}: {value}")
    return " · ".join(shown)


# Caption checks ------------------------------------------------------------------------------------------


def render_check(result: CheckResult, request: CaptionCheckRequest, lang: str) -> str:
    key = "check_ok" if result.compliant else "check_bad"
    lines = [t(key, lang, jurisdiction=request.jurisdiction, platform=escape(request.platform))]
    for issue in result.issues:
        mark = t("check_error" if issue.severity == "error" else "check_warning", lang)
        lines.append(f"\n{mark} {escape(issue.message)}\n<i>{escape(issue.reference)}</i>")
    if result.suggested_caption and result.suggested_caption.strip() != request.caption.strip():
        lines.append(f"\n{t('check_suggested', lang)}\n<blockquote>{escape(result.suggested_caption)}</blockquote>")
    return "\n".join(lines)


# Briefs ---------------------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def render_brief(brief: Brief) -> str:
    """The brief's Markdown as Telegram HTML: headings in bold, bold kept, everything escaped."""
    lines = []
    for line in brief.markdown.splitlines():
        heading = _MD_HEADING.match(line)
        if heading:
            lines.append(f"<b>{escape(heading.group(2).strip())}</b>")
            continue
        escaped = escape(line)
        lines.append(_MD_BOLD.sub(lambda m: f"<b>{m.group(1)}</b>", escaped))
    return "\n".join(lines).strip()


# Administration -------------------------------------------------------------------------------------------


def render_ingest_report(report: IngestReport, name: str, lang: str) -> str:
    text = t(
        "ingest_report",
        lang,
        name=escape(name),
        added=len(report.added),
        updated=len(report.updated),
        unchanged=len(report.unchanged),
        chunks=report.chunks_written,
    )
    for failure in report.failed:
        text += "\n" + t("ingest_failed", lang, reason=escape(f"{_basename(failure.path)}: {failure.reason}"))
    return text


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
