"""A DOCX that would expand to far more than any Word document is refused before parsing."""

from __future__ import annotations

import zipfile

import docx
import pytest

from knowledge import loaders
from knowledge.loaders import ArchiveBombError, load_document


def _bomb(path, uncompressed: int) -> None:
    """A tiny zip with the DOCX parts' names whose document.xml is ``uncompressed`` bytes of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"0" * 2**20
            for _ in range(uncompressed // len(block)):
                member.write(block)


def test_a_high_ratio_docx_is_refused_with_its_name(tmp_path):
    path = tmp_path / "guide marque.docx"
    _bomb(path, 8 * 2**20)  # 8 MB of zeros, a few KB on disk
    assert path.stat().st_size < 100_000
    with pytest.raises(ArchiveBombError) as caught:
        load_document(path, max_bytes=10 * 2**20)
    message = str(caught.value)
    assert "guide marque.docx" in message
    assert "compressed" in message and "zip bomb" in message


def test_a_docx_expanding_past_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_DOCX_UNCOMPRESSED_BYTES", 4 * 2**20)
    path = tmp_path / "gros.docx"
    _bomb(path, 6 * 2**20)
    with pytest.raises(ArchiveBombError) as caught:
        load_document(path, max_bytes=10 * 2**20)
    assert "gros.docx" in str(caught.value) and "expand to 6 MB" in str(caught.value)


def test_a_real_docx_still_loads(tmp_path):
    document = docx.Document()
    document.add_heading("Charte", level=1)
    document.add_paragraph("Ton chaleureux, jamais familier. " * 50)
    path = tmp_path / "charte.docx"
    document.save(str(path))
    loaded = load_document(path, max_bytes=10 * 2**20)
    assert "Ton chaleureux" in loaded.text
