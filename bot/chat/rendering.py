"""Turning Relais's results into the HTML both front ends show (Telegram, and the console,
which converts it for the terminal), so the two say the same thing.

Everything that comes from a user or a document goes through :func:`escape` before it is
put between tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from bot.briefs.models import Brief, CaptionCheckRequest, CheckResult
from bot.chat.i18n import t
from knowledge.models import Answer, IngestReport, Source
from scoring.models import ImportReport, ScoredCreator, Shortlist

EXCERPT_CHARS = 500


def escape(text: object) -> str:
    return html.escape(str(text))


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
    if not shortlist.creators:  # the notes say which filter left no one, in the reader's language
        lines.append(escape(" ".join(shortlist.notes)) if shortlist.notes else t("shortlist_empty", lang))
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


def render_explanation(creator: ScoredCreator, rank: int, lang: str) -> str:
    """Why a creator of the last shortlist is where it is: its score, every factor and every reason."""
    lines = [t("explain_title", lang, handle=escape(f"@{creator.handle}"), rank=rank, score=f"{creator.score:.0f}")]
    lines += [f"• {escape(factor)}: {value:.2f}" for factor, value in sorted(creator.factors.items(), key=lambda kv: -kv[1])]
    lines += [f"    – {escape(reason)}" for reason in creator.reasons]
    return "\n".join(lines)


def render_comparison(creators: list[tuple[int, ScoredCreator]], lang: str) -> str:
    """Creators of the last shortlist side by side, factor by factor (best of each in bold)."""
    handles = " · ".join(escape(f"#{rank} @{creator.handle}") for rank, creator in creators)
    lines = [t("compare_title", lang, handles=handles)]
    factors = sorted({factor for _, creator in creators for factor in creator.factors})
    for factor in ["score", *factors]:
        values = [creator.score / 100 if factor == "score" else creator.factors.get(factor, 0.0) for _, creator in creators]
        best = max(values)
        shown = [f"<b>{value:.2f}</b>" if value == best and values.count(best) == 1 else f"{value:.2f}" for value in values]
        lines.append(f"• {escape(factor)}: " + " / ".join(shown))
    return "\n".join(lines)


_FILTER_LABELS = ("platform", "country", "tier", "budget")  # named like their refinement buttons
_FOLLOWER_LABELS = ("min_followers", "max_followers", "language", "like")


def describe_filters(filters: dict[str, object], lang: str) -> str:
    shown = []
    for key, value in filters.items():
        if value in (None, "", [], {}) or key in ("niche", "limit", "currency"):
            continue
        if key == "budget" and isinstance(value, (int, float)):
            value = money(float(value), str(filters.get("currency") or "EUR"), lang)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif key in ("min_followers", "max_followers") and isinstance(value, (int, float)):
            value = number(value, lang)
        if key in _FILTER_LABELS:
            label = t(f"button_{key}", lang)
        elif key in _FOLLOWER_LABELS:  # "Maximum followers: 20,000", not the field's name
            label = t(f"change_{key}", lang).capitalize()
        else:
            label = key
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


ROSTER_LINES_SHOWN = 10  # rejected rows and notes listed in a chat reply; the rest are counted


def render_import_report(report: ImportReport, name: str, lang: str) -> str:
    """The roster import's report, as `relais creators import` prints it, trimmed for a chat."""
    lines = [t("roster_report", lang, name=escape(name), created=report.created, updated=report.updated,
               rejected=len(report.rejected))]
    unit = t(f"roster_unit_{report.unit}", lang)
    for row in report.rejected[:ROSTER_LINES_SHOWN]:
        lines.append(t("roster_rejected_line", lang, unit=unit, line=row.line, reason=escape(row.reason)))
    if len(report.rejected) > ROSTER_LINES_SHOWN:
        lines.append(t("roster_more", lang, count=len(report.rejected) - ROSTER_LINES_SHOWN))
    if report.ignored_columns:
        lines.append(t("roster_ignored", lang, columns=escape(", ".join(report.ignored_columns))))
    lines.extend(f"• {escape(note)}" for note in report.notes[:ROSTER_LINES_SHOWN])
    if len(report.notes) > ROSTER_LINES_SHOWN:
        lines.append(t("roster_more", lang, count=len(report.notes) - ROSTER_LINES_SHOWN))
    return "\n".join(lines)


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
