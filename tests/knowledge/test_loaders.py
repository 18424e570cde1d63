"""Files to text: each format keeps its headings; each kind of bad file fails with its own reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.chunking import chunk_document
from knowledge.loaders import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    UnsupportedTypeError,
    load_document,
)
from knowledge.text import split_sentences
from tests.knowledge.conftest import write_small_corpus

MB = 2**20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_corpus(tmp_path_factory.mktemp("formats"))


def test_markdown_keeps_title_and_headings(corpus: Path) -> None:
    doc = load_document(corpus / "concours.fr.md", MB)
    assert doc.title == "Organiser un concours sur Instagram"
    assert "## Le tirage au sort" in doc.text


def test_html_becomes_text_with_headings_and_without_scripts_or_navigation(corpus: Path) -> None:
    doc = load_document(corpus / "podcast.html", MB)
    assert doc.title == "Podcast sponsorship basics"
    assert "## Host-read ads" in doc.text
    assert "- Pre-roll: before the episode starts." in doc.text
    assert "spoken by the podcast host in their own words" in " ".join(doc.text.split())
    for noise in ("do not index me", "color: red", "Home | About", "Copyright footer"):
        assert noise not in doc.text


def test_pdf_text_layer_and_title(corpus: Path) -> None:
    doc = load_document(corpus / "report.pdf", MB)
    assert doc.title == "Quarterly creator report"
    assert "Story completion averaged 71 percent" in doc.text


def test_docx_keeps_headings_and_tables(corpus: Path) -> None:
    doc = load_document(corpus / "contract.docx", MB)
    assert doc.title == "Creator contract checklist"
    assert "## Usage rights" in doc.text
    assert "paid social ads for twelve months" in doc.text
    assert "One reel | March 3" in doc.text


def test_plain_text_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Déjà vu : les créateurs préfèrent l'été.".encode("cp1252"))
    assert "créateurs préfèrent" in load_document(path, MB).text


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf at all", CorruptFileError, "not a readable PDF"),
        ("empty.md", b"  \n\n", EmptyFileError, "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryFileError, "binary content"),
        ("sheet.xlsx", b"PK\x03\x04 not read", UnsupportedTypeError, "unsupported file type (.xlsx)"),
        ("fake.docx", b"plain text pretending to be Word", CorruptFileError, "not a readable Word document"),
    ],
)
def test_bad_files_fail_with_a_named_reason(tmp_path: Path, name: str, content: bytes, error: type, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        load_document(path, MB)
    assert words in str(caught.value)


def test_too_large_file_names_the_limit_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + "word " * 50_000)
    with pytest.raises(FileTooLargeError) as caught:
        load_document(path, MB // 10)
    assert "RELAIS_MAX_FILE_MB" in str(caught.value)


def test_pdf_without_text_is_reported_as_such(tmp_path: Path) -> None:
    from tests.knowledge.conftest import write_pdf

    path = write_pdf(tmp_path / "scan.pdf", [])
    with pytest.raises(EmptyFileError, match="OCR"):
        load_document(path, MB)


def test_chunks_carry_title_section_language_hash_and_index(corpus: Path) -> None:
    source = str(corpus / "concours.fr.md")
    chunks = chunk_document(load_document(corpus / "concours.fr.md", MB), source)
    sections = [chunk.metadata["section"] for chunk in chunks]
    assert sections[:2] == ["Le règlement", "Le tirage au sort"]
    for index, chunk in enumerate(chunks):
        meta = chunk.metadata
        assert meta["title"] == "Organiser un concours sur Instagram"
        assert meta["source"] == source
        assert meta["language"] == "fr"
        assert meta["chunk_index"] == index and meta["chunk_count"] == len(chunks)
        assert len(meta["content_hash"]) == 32
    english = chunk_document(load_document(corpus / "gifting.en.md", MB), "g")
    assert {chunk.metadata["language"] for chunk in english} == {"en"}


def test_long_sections_are_cut_into_passages_of_bounded_size(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    paragraphs = [f"Paragraph {i} explains one more detail about creator briefs and timing." for i in range(60)]
    path.write_text("# Long\n\n## Part\n\n" + "\n\n".join(paragraphs))
    chunks = chunk_document(load_document(path, MB), str(path))
    assert len(chunks) > 3
    assert all(len(chunk.page_content) <= 600 for chunk in chunks)
    assert {chunk.metadata["section"] for chunk in chunks} == {"Part"}


def test_sentence_split_keeps_abbreviations_and_quotes_together() -> None:
    text = "- First item here.\nLa loi n° 2023-451 s'applique. Voir art. L. 121-1 du code. « Publicité » est requis !"
    assert split_sentences(text) == [
        "First item here.",
        "La loi n° 2023-451 s'applique.",
        "Voir art. L. 121-1 du code.",
        "« Publicité » est requis !",
    ]
