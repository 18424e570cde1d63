"""CLI commands: doctor, backup, restore (filled in by the deploy issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `relais` app."""
