from __future__ import annotations

import pytest

from bot.wiring import open_roster
from scoring.config import ScoringConfigError, load_scoring_config
from scoring.models import PLATFORMS, TIERS


def test_defaults_are_complete_and_sourced():
    config = load_scoring_config()
    assert sum(config.weights.values()) == pytest.approx(1.0)
    assert config.weights["relevance"] == max(config.weights.values())
    for platform in PLATFORMS:
        for tier in TIERS:
            assert config.benchmark(platform, tier) > 0 and config.price_estimate(platform, tier) > 0
    # Instagram engagement falls from nano to micro, as every benchmark in the notes says.
    assert config.benchmark("instagram", "nano") > 3 * config.benchmark("instagram", "micro")
    assert config.tiers.crowded_micro > config.tiers.micro
    assert {"mediakix", "modash", "hypeauditor", "prices", "seeds"} <= set(config.sources)


def test_a_team_can_override_weights_and_tiers(make_settings, tmp_path):
    override = tmp_path / "scoring.toml"
    override.write_text("[weights]\nrelevance = 1\nengagement = 1\n[tiers]\nnano = 10000\n")
    settings = make_settings(scoring_config=override)
    with open_roster(settings) as roster:
        assert roster.config.weights["relevance"] == roster.config.weights["engagement"]
        assert roster.config.tiers.nano == 10_000 and roster.config.tiers.micro == 50_000


@pytest.mark.parametrize(("content", "message"), [
    ("[weights]\nrelevance = -1\n", "weights"),
    ("[tiers]\nnano = 60000\n", "tier bounds must increase"),
    ("[weights\n", "not valid TOML"),
    ("[benchmarks.instagram]\nnano = 0\n", "positive value"),
])
def test_a_bad_override_is_named(tmp_path, content, message):
    override = tmp_path / "bad.toml"
    override.write_text(content)
    with pytest.raises(ScoringConfigError, match=message):
        load_scoring_config(override)
