"""CLI commands for the knowledge base: ingest, kb stats, kb remove, ask, eval."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
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
    DataDir,
    JsonFlag,
    console,
    errors,
    fail,
    open_assistant,
    print_json,
    settings_for,
    setup_logging,
)
from knowledge import CORPUS_DIR

if TYPE_CHECKING:  # chromadb and langchain load only when a command opens the knowledge base
    from bot.assistant import Assistant
    from bot.settings import Settings
    from knowledge.base import KnowledgeBase

kb_app = typer.Typer(help="Inspect and edit the knowledge base.", no_args_is_help=True)

DEFAULT_SEEDS_DIR = Path("..") / "shared" / "seeds"


def knowledge_assistant(settings: Settings) -> AbstractContextManager[Assistant]:
    """The Assistant with its knowledge base open (the roster stays closed), store problems
    (busy, unreachable) as one clean error line."""
    from knowledge.store import StoreError

    return open_assistant(settings, "knowledge", (StoreError,))


@contextmanager
def open_knowledge(settings: Settings) -> Iterator[KnowledgeBase]:
    """The knowledge base alone, for the commands that inspect or edit it."""
    with knowledge_assistant(settings) as assistant:
        yield assistant.knowledge


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
    with knowledge_assistant(settings) as assistant:
        if assistant.knowledge.stats().chunks == 0:
            fail(
                f"the knowledge base in {settings.data_dir} is empty. Build it with `relais ingest PATH...` "
                f"(the shipped documents are in {CORPUS_DIR}), or run `make run`, which indexes them on first use."
            )
        answer = assistant.ask(question, k=k, language=language)
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
    questions: Annotated[Path | None, typer.Option("--questions", help="Tuned question set (JSON).")] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="What the questions marked \"shipped\" are about (default: the shipped corpus).")
    ] = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Seed articles folder (default: ../shared/seeds if present).")
    ] = None,
    held_out: Annotated[
        list[Path] | None,
        typer.Option("--held-out", help=("A held-out set: a folder with corpus/ and questions.json; repeatable "
                                         "(default: every set shipped under knowledge/eval/heldout*).")),
    ] = None,
    chat: Annotated[bool, typer.Option("--chat", help="Measure the plain-words router instead (labelled messages).")] = False,
    shortlist: Annotated[bool, typer.Option("--shortlist", help=(
        "Measure shortlist precision@10 instead, on a labelled roster export (scoring/eval/)."))] = False,
    captions: Annotated[bool, typer.Option("--captions", help=(
        "Measure the caption checker instead, on labelled captions (bot/briefs/eval/), each part apart."))] = False,
    data_dir: DataDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Measure retrieval and answers: the tuned questions, then a held-out corpus never tuned on (separate stores)."""
    if chat:
        _evaluate_chat(as_json)
        return
    if shortlist:
        _evaluate_shortlist(settings_for(data_dir), as_json)
        return
    if captions:
        _evaluate_captions(as_json)
        return
    from bot.wiring import make_chat_model
    from knowledge.eval import (
        HELD_OUT_DIRS,
        QUESTIONS_PATH,
        QuestionSetError,
        load_questions,
    )

    settings = settings_for(data_dir)
    setup_logging(settings)
    held_out = held_out or list(HELD_OUT_DIRS)
    try:
        tuned_questions = load_questions(questions or QUESTIONS_PATH)
        held_out_questions = [load_questions(folder / "questions.json") for folder in held_out]
    except QuestionSetError as exc:
        fail(str(exc))
    corpus = corpus or CORPUS_DIR
    if not corpus.is_dir():
        fail(f"--corpus {corpus} is not a folder")
    for folder in held_out:
        if not (folder / "corpus").is_dir():
            fail(f"--held-out {folder} has no corpus/ folder")
    if seeds is None and DEFAULT_SEEDS_DIR.is_dir():
        seeds = DEFAULT_SEEDS_DIR
    if seeds is not None and not seeds.is_dir():
        fail(f"--seeds {seeds} is not a folder")
    llm = make_chat_model(settings)
    tuned = _evaluate_group(settings, "eval", [corpus, *([seeds] if seeds else [])], tuned_questions,
                            {"shipped"} | ({"seeds"} if seeds else set()), llm)
    # Each held-out set in a store of its own: one set's pages must not answer another's questions.
    held = [_evaluate_group(settings, f"eval-heldout-{n}", [folder / "corpus"], questions, {"heldout"}, llm)
            for n, (folder, questions) in enumerate(zip(held_out, held_out_questions))]
    if as_json:
        print_json({"tuned": tuned.model_dump(mode="json"), "held_out": held[0].model_dump(mode="json"),
                    "held_out_sets": [{"folder": str(folder), **report.model_dump(mode="json")}
                                      for folder, report in zip(held_out, held)]})
        return
    _print_report(f"tuned on: {tuned.questions} questions ({tuned.in_scope} in scope), {corpus}"
                  + (f" + {seeds}" if seeds else ""), tuned)
    for folder, report in zip(held_out, held):
        _print_report(f"held out: {report.questions} questions ({report.in_scope} in scope), {folder / 'corpus'}",
                      report)


def _evaluate_chat(as_json: bool) -> None:
    """Intent accuracy and slot exact-match of the router, on the tuned and the held-out messages."""
    from bot.chat.evaluation import evaluate_chat
    from bot.wiring import make_router

    result = evaluate_chat(make_router())
    if as_json:
        print_json(result)
        return
    table = Table(title="relais eval --chat: plain-words routing (bot/chat/eval/)")
    for column in ("group", "messages", "intent accuracy", "slot exact-match", "filler sent to the KB", "routing p50"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for name, group in result.groups.items():
        slots = f"{group.slot_exact_match:.1%} of {group.slot_n}" if group.slot_exact_match is not None else "-"
        table.add_row(name, str(group.n), f"{group.intent_accuracy:.1%}", slots, str(group.filler_to_ask),
                      f"{group.p50_ms:.1f} ms")
    console.print(table)
    for name, group in result.groups.items():
        for miss in group.misses:
            console.print(f"  {name}: {escape(miss.text)!s} -> {miss.intent} (expected {miss.expected_intent})",
                          highlight=False, soft_wrap=True)


def _evaluate_shortlist(settings: Settings, as_json: bool) -> None:
    """Precision@10 of niche shortlists over the labelled roster, tuned and held-out niches apart."""
    from scoring.evaluation import EVAL_DIR, evaluate_precision, load_labels, load_queries
    from scoring.roster import RosterError

    eval_settings = settings.model_copy(update={"data_dir": settings.data_dir / "eval-shortlist"})
    eval_settings.roster_path.unlink(missing_ok=True)  # a roster of its own, made afresh from the file
    with open_assistant(eval_settings, "roster", (RosterError, ValueError)) as assistant:
        assistant.import_roster(EVAL_DIR / "roster.csv")
        groups = evaluate_precision(assistant.roster, load_labels(), load_queries())
    if as_json:
        print_json({g.group: {"mean": g.mean, "mean_recall": g.mean_recall, "queries": [q.model_dump() for q in g.queries]}
                    for g in groups})
        return
    table = Table(title=f"relais eval --shortlist: precision and recall @10 over {EVAL_DIR / 'roster.csv'}")
    for column in ("group", "niche", "precision@10", "recall@10", "not about it"):
        table.add_column(column, justify="right" if column.endswith("@10") else "left")
    for group in groups:
        for query in group.queries:
            table.add_row(group.group, query.niche, f"{query.precision:.0%}", f"{query.recall:.0%}", ", ".join(query.wrong))
        table.add_row(group.group, "[b]mean[/b]", f"[b]{group.mean:.1%}[/b]", f"[b]{group.mean_recall:.1%}[/b]", "",
                      end_section=True)
    console.print(table)


def _evaluate_captions(as_json: bool) -> None:
    """Verdict accuracy, issue-code recall and false alarms of the caption checker, per part."""
    from bot.briefs.evaluation import EVAL_DIR, evaluate_captions
    from bot.wiring import make_caption_meaning

    parts = evaluate_captions(meaning=make_caption_meaning())
    if as_json:
        print_json({part.part: part.model_dump(mode="json") for part in parts})
        return
    table = Table(title=f"relais eval --captions: the caption checker on labelled captions ({EVAL_DIR})")
    for column in ("part", "captions", "verdict accuracy", "issue-code recall", "false alarms", "check p50"):
        table.add_column(column, justify="left" if column == "part" else "right")
    for part in parts:
        recall = f"{part.code_recall:.1%} of {part.code_n}" if part.code_recall is not None else "-"
        table.add_row(part.part, str(part.n), f"{part.verdict_accuracy:.1%}", recall,
                      f"{part.false_alarms} of {part.clean_n}", f"{part.p50_ms:.1f} ms")
    console.print(table)
    for part in parts:
        for miss in part.misses:
            found = "" if miss.code_found is not False else f", none of {', '.join(miss.expected_codes)}"
            console.print(f"  {part.part} {miss.jurisdiction}: {escape(miss.caption)} -> {miss.got} "
                          f"(expected {miss.expected}{found}; reported: {', '.join(miss.codes) or 'nothing'})",
                          highlight=False, soft_wrap=True)


def _evaluate_group(settings, store_name: str, folders: list[Path], questions, corpora: set[str], llm):
    """Index ``folders`` alone in <data dir>/<store_name>, then ask ``questions``."""
    from knowledge.eval import evaluate as run_evaluation

    group_settings = settings.model_copy(update={"data_dir": settings.data_dir / store_name})
    with open_knowledge(group_settings) as kb:
        with _progress() as progress:
            report = kb.ingest(folders, prune=True, progress=progress)
        if report.failed:
            fail("; ".join(f"{f.path}: {f.reason}" for f in report.failed))
        return run_evaluation(kb, questions, corpora, llm=llm)


def _print_report(title: str, result) -> None:
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("hit@1 (expected source first)", f"{result.hit_at_1:.0%}")
    table.add_row("hit@5", f"{result.hit_at_5:.0%}")
    table.add_row("answers containing an expected fact", f"{result.fact_share:.0%}")
    table.add_row(f"across languages ({result.across_in_scope} questions): hit@1 / fact",
                  f"{result.across_hit_at_1:.0%} / {result.across_fact_share:.0%}")
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
