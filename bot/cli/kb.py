"""CLI commands for the knowledge base: ingest, kb stats, kb remove, ask, eval."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from bot.cli.common import (
    EXIT_PARTIAL,
    EXIT_UNUSABLE,
    DataDir,
    JsonFlag,
    console,
    errors,
    fail,
    print_json,
    settings_for,
    setup_logging,
)
from knowledge import CORPUS_DIR

if TYPE_CHECKING:  # chromadb and langchain load only when a command opens the knowledge base
    from bot.settings import Settings
    from knowledge.base import KnowledgeBase

kb_app = typer.Typer(help="Inspect and edit the knowledge base.", no_args_is_help=True)

DEFAULT_SEEDS_DIR = Path("..") / "shared" / "seeds"


@contextmanager
def open_knowledge(settings: Settings) -> Iterator[KnowledgeBase]:
    """The knowledge base, with store problems (busy, unreachable) as one clean error line."""
    from knowledge.base import KnowledgeBase
    from knowledge.store import StoreError

    try:
        kb = KnowledgeBase.open(settings)
    except StoreError as exc:
        fail(str(exc), EXIT_UNUSABLE)
    try:
        yield kb
    except StoreError as exc:
        fail(str(exc), EXIT_UNUSABLE)
    finally:
        kb.close()


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).", show_default=False)],
    prune: Annotated[bool, typer.Option("--prune", help="Also drop indexed files that no longer exist.")] = False,
    data_dir: DataDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Index files (.md .txt .html .pdf .docx) into the knowledge base; unchanged files are skipped."""
    settings = settings_for(data_dir)
    setup_logging(settings)
    with open_knowledge(settings) as kb, _progress() as progress:
        report = kb.ingest(paths, prune=prune, progress=None if as_json else progress)
    if as_json:
        print_json(report)
    else:
        for label, items in (("added", report.added), ("updated", report.updated),
                             ("unchanged", report.unchanged), ("removed", report.removed)):
            for item in items:
                console.print(f"{label:9} {escape(item)}", highlight=False, soft_wrap=True)
        for skipped in report.skipped:
            console.print(f"skipped   {escape(skipped.path)}: {escape(skipped.reason)}", highlight=False, soft_wrap=True)
        for failure in report.failed:
            errors.print(f"[red]failed[/]    {escape(failure.path)}: {escape(failure.reason)}", highlight=False,
                         soft_wrap=True)
        console.print(
            f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed, {len(report.failed)} failed; {report.chunks_written} passages written.",
            highlight=False,
        )
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


@kb_app.command("stats")
def stats(data_dir: DataDir = None, as_json: JsonFlag = False) -> None:
    """Documents, passages and languages in the knowledge base."""
    settings = settings_for(data_dir)
    with open_knowledge(settings) as kb:
        figures = kb.stats()
    if as_json:
        print_json(figures)
        return
    languages = ", ".join(f"{lang}: {count}" for lang, count in figures.languages.items()) or "none"
    console.print(f"documents: {figures.documents}\npassages:  {figures.chunks} ({languages})\nstore:     {escape(figures.location)}",
                  highlight=False)


@kb_app.command("remove")
def remove(
    source: Annotated[str, typer.Argument(help="An indexed path or URL, a unique file name, or a folder.")],
    data_dir: DataDir = None,
) -> None:
    """Drop a document (or every document under a folder) from the knowledge base."""
    settings = settings_for(data_dir)
    setup_logging(settings)
    with open_knowledge(settings) as kb:
        removed = kb.remove(source)
    if not removed:
        fail(f"{source} is not in the knowledge base (see `relais kb stats`; names must be unique)", EXIT_PARTIAL)
    console.print(f"removed {removed} passages of {escape(source)}", highlight=False, soft_wrap=True)


def ask(
    question: Annotated[str, typer.Argument(help="The question, in French or English.")],
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="Passages to consider.")] = 5,
    language: Annotated[
        str | None, typer.Option("--language", help="Answer language, fr or en (default: the question's).")
    ] = None,
    data_dir: DataDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question from the knowledge base, with numbered citations."""
    if language not in (None, "fr", "en"):
        fail(f"--language must be fr or en (got {language!r})")
    if not question.strip():
        fail("the question is empty")
    settings = settings_for(data_dir)
    setup_logging(settings)
    from knowledge.llm import make_chat_model

    with open_knowledge(settings) as kb:
        if kb.stats().chunks == 0:
            fail(
                f"the knowledge base in {settings.data_dir} is empty. Build it with `relais ingest PATH...` "
                f"(the shipped documents are in {CORPUS_DIR}), or run `make run`, which indexes them on first use."
            )
        answer = kb.ask(question, k=k, language=language, llm=make_chat_model(settings))
    if as_json:
        print_json(answer)
        return
    console.print(escape(answer.answer), highlight=False)
    if answer.sources:
        console.print("\n[bold]Sources[/]")
        for source in answer.sources:
            console.print(f"[{source.n}] {escape(source.title)} — {escape(source.source)}", highlight=False,
                          soft_wrap=True)


def evaluate(
    questions: Annotated[Path | None, typer.Option("--questions", help="Question set (JSON).")] = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Seed articles folder (default: ../shared/seeds if present).")
    ] = None,
    data_dir: DataDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Measure retrieval and answers on the question set, in a separate store (<data dir>/eval)."""
    from knowledge.eval import QUESTIONS_PATH, QuestionSetError, load_questions
    from knowledge.eval import evaluate as run_evaluation
    from knowledge.llm import make_chat_model

    settings = settings_for(data_dir)
    setup_logging(settings)
    try:
        question_set = load_questions(questions or QUESTIONS_PATH)
    except QuestionSetError as exc:
        fail(str(exc))
    if seeds is None and DEFAULT_SEEDS_DIR.is_dir():
        seeds = DEFAULT_SEEDS_DIR
    if seeds is not None and not seeds.is_dir():
        fail(f"--seeds {seeds} is not a folder")
    eval_settings = settings.model_copy(update={"data_dir": settings.data_dir / "eval"})
    corpora = {"shipped"} | ({"seeds"} if seeds else set())
    with open_knowledge(eval_settings) as kb:
        with _progress() as progress:
            report = kb.ingest([CORPUS_DIR, *([seeds] if seeds else [])], prune=True, progress=progress)
        if report.failed:
            fail("; ".join(f"{f.path}: {f.reason}" for f in report.failed))
        result = run_evaluation(kb, question_set, corpora, llm=make_chat_model(settings))
    if as_json:
        print_json(result)
        return
    table = Table(title=f"relais eval: {result.questions} questions ({result.in_scope} in scope)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("hit@1 (expected source first)", f"{result.hit_at_1:.0%}")
    table.add_row("hit@5", f"{result.hit_at_5:.0%}")
    table.add_row("answers containing an expected fact", f"{result.fact_share:.0%}")
    table.add_row("out-of-scope refused", f"{result.refused_out_of_scope}/{result.out_of_scope}")
    table.add_row("in-scope wrongly refused", str(result.wrongly_refused))
    table.add_row("ask latency p50", f"{result.latency_p50_ms:.0f} ms")
    table.add_row("ask latency p95", f"{result.latency_p95_ms:.0f} ms")
    if result.skipped:
        table.add_row("skipped (seed articles not found)", str(result.skipped))
    console.print(table)
    misses = [r for r in result.results if (r.in_scope and not (r.hit_at_1 and r.has_fact)) or (not r.in_scope and r.found)]
    for miss in misses:
        what = "answered out of scope" if not miss.in_scope else (
            "refused" if not miss.found else ("no expected fact" if not miss.has_fact else "not first"))
        console.print(f"  {miss.id}: {what}; retrieved {', '.join(miss.retrieved[:3])}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""
    app.command("ingest")(ingest)
    app.command("ask")(ask)
    app.command("eval")(evaluate)
    app.add_typer(kb_app, name="kb")
