"""`relais eval --shortlist`: precision@10 over the labelled roster export, through the real CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli import app
from scoring.evaluation import load_labels, load_queries


def test_the_labelled_roster_and_its_queries_agree():
    labels = load_labels()
    queries = load_queries()
    assert set(queries) == {"tuned", "heldout"}
    known = set(labels.values())
    for group in queries.values():
        for niche, relevant in group.items():
            assert set(relevant) <= known, niche
            assert sum(label in relevant for label in labels.values()) >= 10, niche  # 10 right answers exist


def test_shortlist_precision_on_a_coarse_category_export(settings):
    result = CliRunner().invoke(app, ["eval", "--shortlist", "--json", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)
    by_niche = {q["niche"]: q for group in groups.values() for q in group["queries"]}
    # "running" once drew gym creators through the fitness niche and the export's "Fitness & Gym" category.
    assert by_niche["running"]["precision"] >= 0.9 and by_niche["marathon"]["precision"] >= 0.9
    assert by_niche["musculation"]["precision"] >= 0.8
    assert all(0 < q["recall"] <= 1 and q["found"] >= 1 for q in by_niche.values())
    assert groups["heldout"]["mean"] >= 0.95 and groups["tuned"]["mean"] >= 0.94
