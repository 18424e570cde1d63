"""The wheel that `pip install .` builds (and the Docker image installs) holds everything Relais reads at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "knowledge", "scoring")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a clean copy of the sources: an in-tree build/ could hide missing files."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "constraints.txt", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "-w", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"pip wheel failed:\n{result.stdout}\n{result.stderr}"
    [built] = out.glob("relais-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _source_files(directory: Path) -> list[str]:
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


def test_every_python_module_is_in_the_wheel(wheel_names: set[str]) -> None:
    # A folder without __init__.py is silently left out by setuptools' package discovery.
    modules = [name for package in PACKAGES for name in _source_files(ROOT / package) if name.endswith(".py")]
    assert modules
    missing = [name for name in modules if name not in wheel_names]
    assert not missing, f"not packaged (a folder without __init__.py?): {missing}"


def test_every_data_file_is_in_the_wheel(wheel_names: set[str]) -> None:
    # Data sits beside the code that reads it (corpus, rules, probes, intents, eval sets).
    data = [name for package in PACKAGES for name in _source_files(ROOT / package) if not name.endswith(".py")]
    for expected in ("knowledge/corpus", "knowledge/eval", "bot/briefs/rules", "scoring/data", "bot/chat"):
        assert any(name.startswith(expected + "/") for name in data), f"{expected} holds no data file"
    missing = [name for name in data if name not in wheel_names]
    assert not missing, f"not covered by [tool.setuptools.package-data] in pyproject.toml: {missing}"


def test_the_shipped_corpus_is_bilingual(wheel_names: set[str]) -> None:
    corpus = [name for name in wheel_names if name.startswith("knowledge/corpus/") and name.endswith(".md")]
    assert sum(name.endswith(".fr.md") for name in corpus) >= 5
    assert sum(name.endswith(".en.md") for name in corpus) >= 5


def test_the_console_script_is_declared_and_tests_stay_out(wheel: Path, wheel_names: set[str]) -> None:
    [entry_points] = [name for name in wheel_names if name.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode()
    assert "[console_scripts]" in text and "relais = bot.cli:main" in text
    assert not any(name.startswith(("tests/", "deploy/")) for name in wheel_names)
