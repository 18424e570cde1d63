"""What every CLI command shares: the --data-dir option, settings loading, and clean failures."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:  # the CLI imports heavy modules only inside the command that needs them
    from bot.assistant import Assistant
    from bot.settings import Settings

console = Console()
errors = Console(stderr=True)

# Exit codes: 0 all done; 1 done, but some inputs were rejected; 2 nothing done (bad usage or setup).
EXIT_PARTIAL = 1
EXIT_UNUSABLE = 2

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where Relais keeps its data (default: RELAIS_DATA_DIR or the user data dir)."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def settings_for(data_dir: Path | None = None) -> Settings:
    """Settings for a command, or a one-line-per-problem exit when the configuration is wrong."""
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings(data_dir=data_dir)
    except SettingsError as exc:
        fail(f"invalid configuration\n{exc}")


@contextmanager
def open_assistant(settings: Settings, part: str | None,
                   failures: tuple[type[BaseException], ...]) -> Iterator[Assistant]:
    """The Assistant with one part ("knowledge" or "roster", or none) opened now, the others left
    closed until used.

    ``failures`` (a busy or unreachable store, an unreadable roster) become one error line and
    exit 2, whether the part fails to open or fails during the command."""
    from bot.assistant import Assistant

    assistant = Assistant(settings)
    try:
        if part:
            getattr(assistant, part)  # opens it, so a busy store fails before any work
        yield assistant
    except failures as exc:
        fail(str(exc))
    finally:
        assistant.close()


def setup_logging(settings: Settings) -> None:
    """Logging as configured, for the commands that log (importing it at start-up costs --help)."""
    from bot.logs import setup_logging as configure

    configure(settings)


def print_json(model_or_data: object) -> None:
    """One JSON object on stdout, nothing else (scripts parse it)."""
    import json

    from pydantic import BaseModel

    if isinstance(model_or_data, BaseModel):
        text = model_or_data.model_dump_json(indent=2)
    else:
        text = json.dumps(model_or_data, indent=2, ensure_ascii=False, default=str)
    typer.echo(text)
