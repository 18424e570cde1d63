"""The package's wording file: every text in both languages, with the same values, and used.

The code is read with ``ast``: a key is used when the source names it as a string, or when it
belongs to a family the source looks up as ``f"compensation.{...}"``, whose ids are checked
against the vocabulary it is looked up with.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from bot.briefs.checker import VISUAL_MEDIA
from bot.briefs.drafting import draft_brief
from bot.briefs.models import COMPENSATIONS, BriefRequest
from bot.briefs.rules import LANGUAGES
from bot.briefs.wording import (
    WORDING_FILE,
    WordingError,
    load_wording,
    placeholders,
    wording,
)

PACKAGE = Path(__file__).resolve().parents[2] / "bot" / "briefs"
KEY = re.compile(r"[a-z_]+(\.[a-z_]+)+")


def _source_strings() -> tuple[set[str], set[str]]:
    """String constants in the package's code, and the families of keys that ``wording()``
    is called with as an f-string (``wording(f"media.{medium}", lang)`` -> "media.")."""
    constants, families = set(), set()
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "wording":
                key = node.args[0] if node.args else None
                if isinstance(key, ast.JoinedStr):
                    start, *rest = key.values
                    assert isinstance(start, ast.Constant) and start.value.endswith(".") and len(rest) == 1, (
                        f"{path.name}:{key.lineno}: an f-string key must be a family, f\"group.{{id}}\""
                    )
                    families.add(start.value)
    return constants, families


def _leaf_tables(table: dict, prefix: str = "") -> dict[str, dict]:
    found = {}
    for name, value in table.items():
        if any(isinstance(item, str) for item in value.values()):
            found[prefix + name] = value
        else:
            found.update(_leaf_tables(value, f"{prefix}{name}."))
    return found


def test_every_text_has_french_and_english_naming_the_same_values() -> None:
    raw = _leaf_tables(tomllib.loads(WORDING_FILE.read_text(encoding="utf-8")))
    phrases = load_wording()
    assert set(raw) == set(phrases) and len(phrases) > 100
    for key, entry in raw.items():
        assert set(entry) == {"fr", "en"}, key
        assert entry["fr"].strip() and entry["en"].strip(), key
        assert entry["fr"] == entry["fr"].strip() and entry["en"] == entry["en"].strip(), f"{key}: spaces at an end"
        assert placeholders(entry["fr"]) == placeholders(entry["en"]) == phrases[key].placeholders, key


def test_every_key_is_used_by_the_code_and_every_key_the_code_names_exists() -> None:
    keys = set(load_wording())
    constants, families = _source_strings()
    # Families: the ids the code looks up, from the vocabulary it looks them up with.
    expected_ids = {
        "compensation.": set(COMPENSATIONS),
        "language.": set(LANGUAGES),
        "media.": set(VISUAL_MEDIA),
        "section.": None,  # checked against the sections of a brief, below
    }
    assert families == set(expected_ids), "a new family of keys: say here which ids it takes"
    for family, ids in expected_ids.items():
        in_file = {key.removeprefix(family) for key in keys if key.startswith(family)}
        if ids is not None:
            assert in_file == ids, family
    unused = {key for key in keys if key not in constants and not any(key.startswith(family) for family in families)}
    assert not unused, f"keys no code uses (delete them, or use them): {sorted(unused)}"
    groups = {key.split(".")[0] for key in keys}
    named = {text for text in constants if KEY.fullmatch(text) and text.split(".")[0] in groups}
    assert named <= keys, f"keys the code names that {WORDING_FILE.name} lacks: {sorted(named - keys)}"


def test_every_section_of_a_brief_has_its_title() -> None:
    request = BriefRequest(brand="Lune", product="Sérum", key_messages=["Perdez 5 kg en 2 semaines"], language="en")
    brief = draft_brief(request)
    top = {section.key for section in brief.sections if section.level == 2}
    assert "watch_outs" in top
    assert top == {key.removeprefix("section.") for key in load_wording() if key.startswith("section.")}


def test_no_french_english_pair_is_left_inline() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and (node.func.id == "say" or (node.func.id == "Text" and {k.arg for k in node.keywords} >= {"fr", "en"}))
        ]
        assert not calls, f"{path.name}: French/English text in code ({', '.join(calls)}): put it in {WORDING_FILE.name}"


def test_texts_follow_the_reader_and_fill_their_values() -> None:
    assert wording("section.goal", "fr") == "Objectif"
    assert wording("section.goal", "en") == wording("section.goal", "de") == "Goal"
    assert wording("brief.facts.brand", "fr", brand="Lune") == "Marque : Lune"
    # "language" may be a value: the helper's own arguments are positional only.
    assert wording("disclosure.label_for_post_language", "en", label="#ad", language="English") == "« #ad » (post in English)"


def test_an_unknown_key_or_wrong_values_raise_key_error_naming_the_key() -> None:
    with pytest.raises(KeyError, match=r"check\.no_such_text"):
        wording("check.no_such_text", "fr")
    with pytest.raises(KeyError, match=r"brief\.title"):
        wording("brief.title", "fr", brand="Lune")  # {product} missing
    with pytest.raises(KeyError, match=r"section\.goal"):
        wording("section.goal", "en", product="Sérum")  # a value the text does not take


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[check.a]\nfr = "Bonjour"\n', r"check\.a: missing en"),
        ('[check.a]\nfr = "Bonjour"\nen = ""\n', r"check\.a: missing en"),
        ('[check.a]\nfr = "Sur {platform}"\nen = "On {platfrom}"\n', r"check\.a: fr has \['platform'\], en has \['platfrom'\]"),
        ('[check.a]\nfr = "Bonjour"\nen = "Hello"\nde = "Hallo"\n', r"check\.a: unexpected de"),
        ('[check.a]\nfr = "Sur {}"\nen = "On {}"\n', r"check\.a: a placeholder without a name"),
        ('[check.a]\nfr = "Sur {platform"\nen = "On {platform}"\n', r"check\.a: bad placeholder"),
        ('[check]\na = "Bonjour"\n', r"check: missing fr, en"),
        ('check = "Bonjour"\n', r"check: expected a table"),
        ('[check.a\nfr = "Bonjour"\n', r"not valid TOML"),
    ],
)
def test_a_malformed_wording_file_names_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "wording.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WordingError, match=rf"wording\.toml: (.*: )?{expected}"):
        load_wording(path)


def test_a_missing_wording_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(WordingError, match=r"wording\.toml: missing wording file"):
        load_wording(tmp_path / "wording.toml")
