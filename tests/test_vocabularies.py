"""Each vocabulary has one home; the data files, the CLI, keyboards and forms agree with it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.briefs.vocabulary import (
    CHECK_BUTTON_JURISDICTIONS,
    COMPENSATIONS,
    DEFAULT_JURISDICTION,
    JURISDICTIONS,
)
from scoring.vocabulary import PLATFORMS

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "bot" / "briefs" / "rules"


def test_every_jurisdiction_has_its_rule_file_and_no_file_is_orphaned() -> None:
    files = {path.stem for path in RULES.glob("*.toml")} - {"platforms", "vocabulary", "wording"}
    assert files == set(JURISDICTIONS)
    assert DEFAULT_JURISDICTION in JURISDICTIONS
    assert set(CHECK_BUTTON_JURISDICTIONS) < set(JURISDICTIONS)


def test_the_platform_rules_and_the_roster_know_the_same_platforms() -> None:
    rules = tomllib.loads((RULES / "platforms.toml").read_text(encoding="utf-8"))
    assert set(rules) == set(PLATFORMS)
    places = tomllib.loads((ROOT / "scoring" / "data" / "places.toml").read_text(encoding="utf-8"))
    assert set(places["platforms"]) == set(PLATFORMS)
    reasons = tomllib.loads((ROOT / "scoring" / "data" / "reasons.toml").read_text(encoding="utf-8"))
    for language in ("fr", "en"):
        assert set(reasons[language]["platform_names"]) == set(PLATFORMS), language


def test_the_cli_offers_exactly_the_vocabulary() -> None:
    from bot.cli.briefs import Compensation, Jurisdiction

    assert [member.value for member in Jurisdiction] == list(JURISDICTIONS)
    assert [member.value for member in Compensation] == list(COMPENSATIONS)


def test_the_brief_form_offers_the_platforms_and_jurisdictions() -> None:
    from bot.chat.brief_form import STEPS

    choices = {step.name: step.options for step in STEPS if step.options}
    assert tuple(choices["jurisdictions"]) == JURISDICTIONS
    assert set(choices["platforms"]) <= set(PLATFORMS)


def test_every_category_button_has_a_label_in_both_languages() -> None:
    from bot.briefs.rules import default_rules
    from bot.chat.brief_form import CATEGORIES, CATEGORY_LABELS

    categories = default_rules().vocabulary.categories
    assert set(CATEGORIES) <= set(categories)
    assert all(categories[name].button is not None for name in CATEGORIES)
    assert set(CATEGORY_LABELS["fr"]) == set(CATEGORY_LABELS["en"]) == set(CATEGORIES)
