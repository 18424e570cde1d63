"""`relais eval --captions`: the caption checker's figures per part, through the real CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.briefs.evaluation import load_parts
from bot.cli import app


def test_eval_captions_json_gives_each_part_apart(tmp_path) -> None:
    result = CliRunner().invoke(app, ["eval", "--captions", "--json", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    parts = load_parts()
    assert set(data) == set(parts) >= {"tuned", "held_out", "held_out_2", "held_out_3"}
    for name, part in data.items():
        assert part["n"] == len(parts[name])
        assert 0 <= part["verdict_accuracy"] <= 1 and 0 <= part["code_recall"] <= 1
        assert part["false_alarms"] <= part["clean_n"] == sum(case.verdict != "non_compliant" for case in parts[name])
        # every miss is a case whose verdict or codes were wrong, so the counts agree
        wrong_verdicts = sum(miss["got"] != miss["expected"] for miss in part["misses"])
        assert round((1 - part["verdict_accuracy"]) * part["n"]) == wrong_verdicts


def test_eval_captions_table_shows_each_part_with_its_figures(tmp_path) -> None:
    figures = json.loads(CliRunner().invoke(app, ["eval", "--captions", "--json"]).stdout)
    result = CliRunner().invoke(app, ["eval", "--captions", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    assert set(figures) <= set(rows)
    for name, part in figures.items():
        assert f"{part['verdict_accuracy']:.1%}" in rows[name] and f"{part['false_alarms']} of {part['clean_n']}" in rows[name]
