"""Cutting a loaded document into passages with their metadata.

Markdown headings first split the text into sections (the heading path becomes the
passage's ``section``), then long sections are cut at paragraph, line and sentence
boundaries. Passages stay small enough that the best one usually holds the answer, and
large enough to keep a claim together with its source.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np
from langchain_core.documents import Document
from langchain_text_splitters import (
    MarkdownHeaderTextSplitter,
    RecursiveCharacterTextSplitter,
)

from knowledge.loaders import LoadedDocument
from knowledge.text import detect_language, split_sentences

# Measured with `relais eval` on the shipped corpus + seed articles (hit@1 / hit@5 of the
# expected source): 900 chars 0.92 / 0.98, 650: 0.94 / 0.98, 500: 0.94 / 1.00, 400: 0.92 / 1.00.
# Smaller passages hold fewer topics, so one fact's passage is not outranked by a broader
# one; an 80-character overlap carries a sentence across a cut.
CHUNK_SIZE = 500
CHUNK_OVERLAP = 80
# Bump when the way text becomes passages changes, so that re-ingesting redoes every file.
CHUNKER_VERSION = 1
# Below this length a passage's own language guess is unreliable; the document's is used.
_MIN_CHARS_FOR_LANGUAGE = 200

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
_section_splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
_size_splitter = RecursiveCharacterTextSplitter(
    chunk_size=CHUNK_SIZE,
    chunk_overlap=CHUNK_OVERLAP,
    separators=["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""],
    keep_separator="end",
)


def content_hash(raw: bytes) -> str:
    """Identifies one version of a file (and of the chunker that cut it)."""
    digest = hashlib.sha256(raw)
    digest.update(f"chunker-{CHUNKER_VERSION}".encode())
    return digest.hexdigest()[:32]


def chunk_document(document: LoadedDocument, source: str) -> list[Document]:
    """The passages of ``document``, in order, each with the metadata the store keeps."""
    doc_hash = content_hash(document.raw)
    doc_language = detect_language(document.text[:5000])
    pieces: list[tuple[str, str]] = []
    for section in _section_splitter.split_text(document.text):
        # The header splitter joins a section's paragraphs with "  \n"; restore the blank
        # lines so the size splitter can still cut between paragraphs.
        body = section.page_content.replace("  \n", "\n\n")
        name = _section_name(section.metadata, document.title)
        for piece in _size_splitter.split_text(body):
            if any(ch.isalnum() for ch in piece):
                pieces.append((name, piece.strip()))
    chunks = []
    for index, (section_name, text) in enumerate(pieces):
        language = detect_language(text) if len(text) >= _MIN_CHARS_FOR_LANGUAGE else doc_language
        chunks.append(
            Document(
                page_content=text,
                metadata={
                    "title": document.title,
                    "source": source,
                    "section": section_name,
                    "language": language,
                    "content_hash": doc_hash,
                    "chunk_index": index,
                    "chunk_count": len(pieces),
                },
            )
        )
    return chunks


def _section_name(headers: dict[str, str], title: str) -> str:
    """'Micro-influencers › From 5k to 100k'; the document title itself is left out."""
    path = [headers[key] for _, key in _HEADERS if headers.get(key)]
    if path and path[0] == title:
        path = path[1:]
    return " › ".join(path)


def passage_text(metadata: dict, text: str) -> str:
    """What gets embedded and indexed for a passage: its title and section give it context."""
    heading = " — ".join(part for part in (metadata.get("title"), metadata.get("section")) if part)
    return f"{heading}\n{text}" if heading else text


# Each passage carries a vector per sentence (and one for its section heading), so that the
# answer can pick the sentence closest in meaning without a model call per question. Stored
# as float16 in base64 under one metadata key: Chroma metadata holds scalars only.
SENTENCE_VECTORS_KEY = "sentence_vectors"
SENTENCE_COUNT_KEY = "sentence_count"
# Bump when what is embedded per sentence changes (how units are cut, or the context they are
# embedded with): passages stored under another version get their sentence vectors again, in
# place, the next time the index is built (retrieval.HybridRetriever.add_sentence_vectors).
SENTENCE_VERSION_KEY = "sentence_version"
SENTENCE_VERSION = 4


def section_heading(metadata: dict) -> str:
    """The innermost heading of a passage's section ('' when it has none)."""
    return str(metadata.get("section", "")).rsplit(" › ", 1)[-1].strip()


def sentence_units(metadata: dict, text: str) -> list[str]:
    """What gets a sentence vector: the section heading first (when there is one), then the
    passage's sentences as :func:`knowledge.text.split_sentences` cuts them."""
    heading = section_heading(metadata)
    return ([heading] if heading else []) + split_sentences(text)


def encode_vectors(vectors: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vectors, dtype=np.float16).tobytes()).decode("ascii")


def decode_vectors(encoded: str, count: int) -> np.ndarray | None:
    """The (count, dim) float32 matrix; None when the stored value does not fit ``count``."""
    try:
        flat = np.frombuffer(base64.b64decode(encoded), dtype=np.float16)
    except (ValueError, TypeError):
        return None
    if count <= 0 or flat.size % count:
        return None
    return flat.reshape(count, -1).astype(np.float32)
