"""A shortlist as the `--json` object scripts rely on, and as a CSV with every factor."""

from __future__ import annotations

import csv
from pathlib import Path

from scoring.config import FACTORS
from scoring.models import Shortlist

# OWASP CSV injection: a cell a spreadsheet would read as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CREATOR_KEYS = ("handle", "platform", "followers", "tier", "score", "factors", "reasons", "estimated_cost", "currency")


def shortlist_json(shortlist: Shortlist) -> dict:
    """Exactly the documented shape: niche, filters, creators (with the listed keys), total_cost, excluded."""
    creators = shortlist.model_dump(include={"creators": {"__all__": set(CREATOR_KEYS)}})["creators"]
    return {
        "niche": shortlist.niche,
        "filters": dict(shortlist.filters),
        "creators": [{key: creator[key] for key in CREATOR_KEYS} for creator in creators],
        "total_cost": shortlist.total_cost,
        "excluded": [{"handle": e.handle, "reason": e.reason} for e in shortlist.excluded],
    }


def write_shortlist_csv(shortlist: Shortlist, path: Path | str) -> Path:
    """One row per shortlisted creator: rank, identity, score, each factor, cost, reasons."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = _SafeWriter(csv.writer(handle))
        writer.writerow([
            "rank", "handle", "platform", "display_name", "followers", "tier", "score", *FACTORS,
            "estimated_cost", "cost_is_estimate", "currency", "reasons",
        ])
        for rank, creator in enumerate(shortlist.creators, start=1):
            writer.writerow([
                rank, creator.handle, creator.platform, creator.display_name or "", creator.followers, creator.tier,
                creator.score, *(creator.factors.get(name, "") for name in FACTORS),
                "" if creator.estimated_cost is None else creator.estimated_cost,
                "yes" if creator.cost_is_estimate else "no", creator.currency, " | ".join(creator.reasons),
            ])
    return path


def neutralise_cell(value: object) -> object:
    """A text cell starting like a formula gets a leading quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([neutralise_cell(value) for value in row])
