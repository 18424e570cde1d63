"""What the briefs package says to people, in French and in English: ``rules/wording.toml``.

The sentences of checks and briefs are data, not Python, so that a translator reads and
corrects every one of them in one file, each French text beside its English one. Code asks for
a text by key, ``wording("check.missing_disclosure", lang, label=..., ...)``; the values fill
its ``{name}`` placeholders (``str.format``). French readers get ``fr``, everyone else ``en``.

The file is read once. It fails loudly rather than showing a half-translated message: a text
missing a language, or whose French and English name different placeholders, stops the load
(:class:`WordingError`, naming the key); an unknown key, or values that do not match a text's
placeholders, raise KeyError naming the key. tests/briefs/test_wording.py also checks that
every key in the file is used by the code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Formatter

# Beside the rule files, which ship with the package (pyproject's package-data: rules/*.toml).
WORDING_FILE = Path(__file__).with_name("rules") / "wording.toml"
WORDING_LANGUAGES = ("fr", "en")


class WordingError(ValueError):
    """A wording file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Phrase:
    fr: str
    en: str
    placeholders: frozenset[str]  # the same in both languages


def wording(key: str, language: str, /, **values: object) -> str:
    """The text ``key`` in ``language`` ("fr", else English), its placeholders filled with ``values``.

    ``key`` and ``language`` are positional only, so that a text may have a ``{language}``."""
    phrases = load_wording()
    if key not in phrases:
        raise KeyError(f"no wording {key!r} in {WORDING_FILE.name}")
    phrase = phrases[key]
    if set(values) != phrase.placeholders:
        raise KeyError(f"wording {key!r} takes {sorted(phrase.placeholders)}, was given {sorted(values)}")
    text = phrase.fr if language == "fr" else phrase.en
    return text.format(**values)


@cache
def load_wording(path: Path = WORDING_FILE) -> dict[str, Phrase]:
    """Every text in the file, by dotted key ("check.missing_disclosure")."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise WordingError(f"{Path(path).name}: missing wording file (expected in {Path(path).parent})") from None
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(f"{Path(path).name}: not valid TOML: {exc}") from None
    phrases: dict[str, Phrase] = {}
    _collect(data, "", Path(path).name, phrases)
    return phrases


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a text."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def _collect(table: dict, prefix: str, file: str, phrases: dict[str, Phrase]) -> None:
    """A table holding strings is one text (exactly ``fr`` and ``en``); any other groups texts."""
    for name, value in table.items():
        key = f"{prefix}{name}"
        if not isinstance(value, dict):
            raise WordingError(f"{file}: {key}: expected a table with fr and en")
        if not any(isinstance(item, str) for item in value.values()):
            if not value:
                raise WordingError(f"{file}: {key}: empty table")
            _collect(value, f"{key}.", file, phrases)
            continue
        missing = [language for language in WORDING_LANGUAGES if not isinstance(value.get(language), str) or not value[language]]
        if missing:
            raise WordingError(f"{file}: {key}: missing {', '.join(missing)}")
        extra = sorted(set(value) - set(WORDING_LANGUAGES))
        if extra:
            raise WordingError(f"{file}: {key}: unexpected {', '.join(extra)} (only fr and en)")
        try:
            french, english = placeholders(value["fr"]), placeholders(value["en"])
        except ValueError as exc:  # a stray "{" or "}"
            raise WordingError(f"{file}: {key}: bad placeholder: {exc}") from None
        if "" in french | english:
            raise WordingError(f"{file}: {key}: a placeholder without a name ({{}}): name it, e.g. {{platform}}")
        if french != english:
            raise WordingError(f"{file}: {key}: fr has {sorted(french)}, en has {sorted(english)}: they must name the same values")
        phrases[key] = Phrase(value["fr"], value["en"], frozenset(french))
