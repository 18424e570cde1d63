"""Long upload names are shortened without losing the suffix that picks the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.handlers.admin import MAX_NAME_BYTES, MAX_NAME_CHARS, safe_file_name
from knowledge.loaders import SUPPORTED_SUFFIXES


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md", ".html"])
def test_a_long_name_keeps_its_suffix(suffix):
    name = safe_file_name("Guide de marque " * 20 + suffix)
    assert len(name) <= MAX_NAME_CHARS
    assert name.endswith(suffix) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
    assert name.startswith("Guide de marque")
    assert not name[: -len(suffix)].endswith((" ", "."))


def test_a_long_non_ascii_name_fits_a_file_system(tmp_path):
    name = safe_file_name("品牌指南" * 60 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= MAX_NAME_BYTES
    (tmp_path / (name + ".part")).write_bytes(b"x")  # the name the upload is first written under


def test_short_names_and_paths_are_unchanged_or_confined():
    assert safe_file_name("brief.docx") == "brief.docx"
    assert safe_file_name("../../etc/passwd.md") == "passwd.md"
    assert safe_file_name("...") == "document"
    long_dotless = safe_file_name("x" * 300)
    assert long_dotless == "x" * MAX_NAME_CHARS


async def test_an_upload_with_a_long_name_is_ingested(api, bot) -> None:
    from tests.telegram.conftest import ADMIN

    text = ("# Tarifs des micro-créateurs en Provence\n\n"
            "Les micro-créateurs provençaux facturent en moyenne 340 euros par reel sponsorisé "
            "pour une marque de savon artisanal.\n").encode()
    long_name = "Tarifs micro-créateurs Provence " * 6 + ".md"
    assert len(long_name) > 120
    mark = api.mark()
    api.send_document(ADMIN, long_name, text, caption="/ingest")
    report = await api.wait_for("sendMessage", since=mark, chat_id=ADMIN.id)
    assert "Added: 1" in report.plain
