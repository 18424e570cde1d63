"""The layers' import rules, read from the source: dependencies run one way.

    bot.telegram, bot.console, bot.cli  ->  bot.chat, bot.assistant, bot.wiring  ->  bot.briefs, scoring, knowledge

The domain (knowledge, scoring, bot.briefs) is built with what it needs and never reads the
app's Settings; the conversation (bot.chat) and the console never need python-telegram-bot.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package (or module) -> prefixes it must never import, anywhere in its files (lazy imports included)
FORBIDDEN = {
    "knowledge": ("bot", "scoring", "telegram"),
    "scoring": ("bot", "telegram"),
    "bot.briefs": ("bot.telegram", "bot.cli", "bot.settings", "bot.chat", "bot.assistant", "telegram"),
    "bot.chat": ("bot.telegram", "bot.cli", "telegram"),
    "bot.console": ("bot.telegram", "telegram"),
    "knowledge.glossary": ("knowledge.text",),
    # the legal part of a brief: rule data and the checker only, never model code
    "bot.briefs.disclosure": ("langchain", "langchain_core", "langchain_openai", "langchain_ollama", "knowledge.llm",
                              "bot.briefs.drafting"),  # data for text.py, which must not be imported back
}


def modules_of(name: str) -> list[Path]:
    path = ROOT / Path(*name.split("."))
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def breaks(imported: str, prefixes: tuple[str, ...]) -> bool:
    return any(imported == prefix or imported.startswith(prefix + ".") for prefix in prefixes)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_is_below_it(package: str) -> None:
    files = modules_of(package)
    assert files, f"{package} has no source files: the rule would pass on nothing"
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in imported_names(path)
        if breaks(name, FORBIDDEN[package])
    }
    assert not wrong, "\n".join(sorted(wrong))


def test_the_rule_reader_sees_lazy_imports(tmp_path: Path) -> None:
    source = tmp_path / "lazy.py"
    source.write_text("def f():\n    from bot.settings import Settings\n    import telegram.ext\n")
    assert {"bot.settings", "telegram.ext"} <= imported_names(source)
    assert breaks("bot.settings", ("bot",)) and not breaks("bottle", ("bot",))
