"""`relais eval --chat`, the real CLI: every labelled group, scored apart."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli import app


def test_eval_chat_reports_the_tuned_and_the_held_out_messages_apart(tmp_path) -> None:
    result = CliRunner().invoke(app, ["eval", "--chat", "--json", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["groups"]
    assert set(groups) == {"tuned", "heldout", *(f"heldout_{n}" for n in range(2, 31))}
    assert groups["heldout"]["n"] >= 60 and groups["tuned"]["n"] + groups["heldout"]["n"] >= 200
    for group in groups.values():
        assert 0 <= group["intent_accuracy"] <= 1 and group["p50_ms"] > 0
        # every miss is a real disagreement with its label
        assert all(m["intent"] != m["expected_intent"] or m["slots"] != m["expected_slots"] for m in group["misses"])
    assert not any(tmp_path.iterdir())  # routing needs no store
