"""Precision of shortlists over a labelled roster: does a niche bring the creators it is about?

The roster is one file a discovery tool could export (``scoring/eval/roster.csv``: coarse
categories, a one-line bio), each creator labelled with the niche it really covers
(``labels.json``); ``queries.toml`` gives, per group, the niches asked and the labels that count.
Precision@k is the share of the first k creators of the shortlist whose label counts; recall@k the
share of the k places that relevant creators could have filled and did (a short, exact list has
high precision and low recall).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from pydantic import BaseModel

from scoring.models import ShortlistRequest
from scoring.roster import Roster
from scoring.shortlist import shortlist_creators

EVAL_DIR = Path(__file__).parent / "eval"
TOP = 10


class QueryPrecision(BaseModel):
    niche: str
    relevant: list[str]  # the labels that count
    precision: float  # over the first TOP creators (or fewer when the shortlist is shorter)
    recall: float  # relevant creators among the first TOP, over min(TOP, relevant creators in the roster)
    found: int  # creators in the shortlist
    wrong: list[str]  # labels of the creators that do not count, in shortlist order


class GroupPrecision(BaseModel):
    group: str
    queries: list[QueryPrecision]

    @property
    def mean(self) -> float:
        return sum(q.precision for q in self.queries) / len(self.queries) if self.queries else 0.0

    @property
    def mean_recall(self) -> float:
        return sum(q.recall for q in self.queries) / len(self.queries) if self.queries else 0.0


def load_queries(path: Path = EVAL_DIR / "queries.toml") -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_labels(path: Path = EVAL_DIR / "labels.json") -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def precision_of(roster: Roster, labels: dict[str, str], niche: str, relevant: list[str]) -> QueryPrecision:
    shortlist = shortlist_creators(roster, ShortlistRequest(niche=niche, limit=TOP))
    got = [labels.get(c.handle, "?") for c in shortlist.creators[:TOP]]
    hits = sum(label in relevant for label in got)
    could = min(TOP, sum(label in relevant for label in labels.values()))
    return QueryPrecision(niche=niche, relevant=relevant, precision=hits / len(got) if got else 0.0,
                          recall=hits / could if could else 0.0, found=len(got),
                          wrong=[label for label in got if label not in relevant])


def evaluate_precision(roster: Roster, labels: dict[str, str],
                       queries: dict[str, dict[str, list[str]]]) -> list[GroupPrecision]:
    return [GroupPrecision(group=group, queries=[precision_of(roster, labels, niche, relevant)
                                                 for niche, relevant in asked.items()])
            for group, asked in queries.items()]
