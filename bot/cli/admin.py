"""CLI commands for running Relais in production: doctor, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import DataDir, JsonFlag, console, fail, print_json, settings_for


def doctor(
    quick: Annotated[bool, typer.Option(
        "--quick", help="Only what a health check needs: no Telegram or LLM call, no store opened."
    )] = False,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Check the settings, data dir, index, roster, Telegram token, LLM and Chroma server: one line each."""
    from bot.doctor import diagnose, exit_code, format_check

    checks = []
    for check in diagnose(data_dir, quick=quick):
        checks.append(check)
        if not json_output:
            typer.echo(format_check(check))
    if json_output:
        print_json({"ok": exit_code(checks) == 0, "checks": [check.model_dump() for check in checks]})
    raise typer.Exit(exit_code(checks))


def backup(
    out: Annotated[Path, typer.Argument(help="The archive to write, e.g. relais-2025-06-01.tar.gz.")],
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Write the data dir to a .tar.gz archive; safe while the bot runs."""
    from bot.backup import create_backup

    settings = settings_for(data_dir)
    report = _attempt(create_backup, settings, out)
    _show(report, json_output, [
        f"Backed up {settings.data_dir} to {report.archive} "
        f"({report.bytes / 2**20:.1f} MB, {report.files} files, {report.seconds:g} s)",
    ])


def restore(
    archive: Annotated[Path, typer.Argument(help="An archive written by `relais backup`.")],
    trust: Annotated[bool, typer.Option(
        "--trust", help="Accept an archive this installation's backup key does not vouch for "
                        "(made by another installation, or before the key existed).",
    )] = False,
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Replace the data dir with an archive's content, after checking it whole; stop the bot first."""
    from functools import partial

    from bot.backup import restore_backup

    report = _attempt(partial(restore_backup, trust=trust), settings_for(data_dir), archive)
    lines = [f"Restored {report.data_dir} from {report.archive} (taken {report.created_at:%Y-%m-%d %H:%M} UTC)"]
    if report.previous:
        lines.append(f"The data it replaced is in {report.previous}: delete it once you have checked.")
    _show(report, json_output, lines)


def _attempt(action, settings, path: Path):
    from bot.backup import BackupError

    try:
        return action(settings, path)
    except BackupError as exc:
        fail(str(exc))


def _show(report, json_output: bool, lines: list[str]) -> None:
    from bot.backup import describe_counts

    if json_output:
        print_json(report)
        return
    lines.append(f"Contents: {describe_counts(report.collections, report.sqlite)}")
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]Note:[/] {note}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""
    app.command()(doctor)
    app.command()(backup)
    app.command()(restore)
