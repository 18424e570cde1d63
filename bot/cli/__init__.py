"""The `relais` command: a thin Typer layer over the service functions.

Each module below adds its own commands to the one app; this file only wires them.
"""

from __future__ import annotations

import typer

from bot.cli import admin, briefs, creators, kb, ops

app = typer.Typer(
    name="relais",
    help="Relais: influencer-marketing assistant for brand managers (FR/EN).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold secrets
)

for module in (kb, creators, briefs, ops, admin):
    module.register(app)


def main() -> None:
    app()
