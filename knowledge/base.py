"""The knowledge base: ingest files, keep Chroma in step with them, and answer questions.

A document is the unit of change. Its passages are all embedded before anything is
written; the new version is written under new ids (they include the content hash) while
the old version stays in place, and only once every passage is stored is the old version
deleted. A failed write removes what it wrote and leaves the old version searchable, so
bad input or a store fault never loses what was already indexed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from knowledge.answer import extractive_answer, not_covered
from knowledge.chunking import chunk_document, passage_text
from knowledge.loaders import LoadError, is_supported, load_document
from knowledge.models import Answer, IngestFailure, IngestReport, KnowledgeStats
from knowledge.retrieval import HybridRetriever, Passage, embed_sentences, match_sources
from knowledge.store import (
    KNOWLEDGE_COLLECTION,
    ChromaConnection,
    StoreConfig,
    StoreError,
    as_store_error,
    connect,
    release,
)
from knowledge.text import detect_language, is_chat_filler, query_terms

if TYPE_CHECKING:  # the model classes pull in langsmith's tracers: 0.4 s that a question without an LLM never needs
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

# Passages per Chroma write; small enough for any server's request limits.
WRITE_BATCH = 128
# Metadata read per request when listing what is indexed.
_PAGE = 2000
DEFAULT_MAX_FILE_BYTES = 20 * 2**20  # the app passes RELAIS_MAX_FILE_MB

# Called after each file as (files done, files in all, the file just handled).
ProgressCallback = Callable[[int, int, str], None]


class KnowledgeBase:
    """Documents in a Chroma collection, searchable by meaning and by words, in French and English."""

    def __init__(self, store: StoreConfig, conn: ChromaConnection, embeddings: Embeddings,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
        self.store = store
        self.max_file_bytes = max_file_bytes
        self._conn = conn
        self._embeddings = embeddings
        self._collection = conn.collection(KNOWLEDGE_COLLECTION)
        self._retriever = HybridRetriever(self._collection, embeddings, conn.location)
        self._write_lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, store: StoreConfig, embeddings: Embeddings, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> KnowledgeBase:
        """Connect to ``store`` and search it with ``embeddings``; raises :class:`StoreError` (busy, unreachable).

        ``max_file_bytes`` bounds what one ingested file may weigh.
        """
        conn = connect(store)
        try:
            return cls(store, conn, embeddings, max_file_bytes)
        except BaseException:
            release(conn)
            raise

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            release(self._conn)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        return self._conn.location

    # Ingestion ------------------------------------------------------------------------------

    def ingest(self, paths: list[Path], prune: bool = False, progress=None) -> IngestReport:
        """Index files and folders (recursively). Unchanged files are skipped, changed ones replaced.

        ``prune`` also drops indexed files that no longer exist on disk. ``progress`` is a rich
        ``Progress`` (a task is added to it) or a :data:`ProgressCallback`.
        """
        report = IngestReport()
        files = self._collect_files(paths, report)
        advance = _progress_reporter(progress, len(files))
        with self._write_lock:
            indexed = self._indexed_versions()
            changed = False
            for done, path in enumerate(files, start=1):
                changed |= self._ingest_file(path, indexed, report)
                advance(done, path)
            if prune:
                for source in sorted(indexed):
                    if "://" not in source and not Path(source).exists():
                        self._delete_source(source)
                        report.removed.append(source)
                        changed = True
            if changed:
                self._retriever.invalidate()
        return report

    def _collect_files(self, paths: Iterable[Path], report: IngestReport) -> list[Path]:
        files: dict[Path, None] = {}
        for given in paths:
            path = Path(given).expanduser()
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    relative = child.relative_to(path)
                    if any(part.startswith(".") for part in relative.parts) or not child.is_file():
                        continue  # hidden files and folders (.git, .DS_Store) are never content
                    if is_supported(child):
                        files[child.resolve()] = None
                    else:
                        report.skipped.append(IngestFailure(path=str(child), reason="unsupported file type"))
            elif path.is_file():
                files[path.resolve()] = None
            else:
                report.failed.append(IngestFailure(path=str(path), reason="no such file or folder"))
        return list(files)

    def _ingest_file(self, path: Path, indexed: dict[str, tuple[set[str], int]], report: IngestReport) -> bool:
        """Index one file; returns whether the collection changed."""
        source = str(path)
        try:
            chunks = chunk_document(load_document(path, self.max_file_bytes), source)
        except LoadError as exc:
            report.failed.append(IngestFailure(path=source, reason=str(exc)))
            return False
        except OSError as exc:
            report.failed.append(IngestFailure(path=source, reason=f"cannot read the file ({exc.strerror or exc})"))
            return False
        if not chunks:
            report.failed.append(IngestFailure(path=source, reason="no words in this file"))
            return False
        version = chunks[0].metadata["content_hash"]
        previous = indexed.get(source)
        if previous == ({version}, len(chunks)):
            report.unchanged.append(source)
            return False
        try:
            self._write_document(source, chunks)
        except StoreError as exc:
            if getattr(exc, "both_versions_stored", False):
                reason = (
                    "stored, but the previous version could not be removed: both versions are searchable "
                    f"until this file is ingested again: {exc}"
                )
            else:
                reason = f"not stored, the previous version is kept: {exc}"
            report.failed.append(IngestFailure(path=source, reason=reason))
            return True
        except Exception as exc:  # a remote embedding service can fail in many ways
            log.warning("embedding %s failed: %s", source, type(exc).__name__)
            report.failed.append(IngestFailure(path=source, reason=f"embedding failed ({type(exc).__name__})"))
            return False
        (report.updated if previous else report.added).append(source)
        report.chunks_written += len(chunks)
        return True

    def _write_document(self, source: str, chunks: list[Document]) -> None:
        """Store every passage of one document version, then drop the document's other versions."""
        version = chunks[0].metadata["content_hash"]
        key = hashlib.sha1(source.encode()).hexdigest()[:16]
        ids = [f"{key}-{version[:16]}-{chunk.metadata['chunk_index']}" for chunk in chunks]
        vectors = np.asarray(self._embeddings.embed_documents([passage_text(c.metadata, c.page_content) for c in chunks]))
        # Sentence vectors are computed now so that answering a question costs no extra model call.
        metadatas = [
            {**chunk.metadata, **extra}
            for chunk, extra in zip(chunks, embed_sentences(self._embeddings, [(c.metadata, c.page_content) for c in chunks]))
        ]
        attempted: list[str] = []
        try:
            for start in range(0, len(chunks), WRITE_BATCH):
                batch = slice(start, start + WRITE_BATCH)
                attempted.extend(ids[batch])
                self._collection.upsert(
                    ids=ids[batch],
                    embeddings=vectors[batch],
                    documents=[chunk.page_content for chunk in chunks[batch]],
                    metadatas=metadatas[batch],
                )
        except Exception as exc:
            try:
                self._collection.delete(ids=attempted)
            except Exception:
                # The leftovers carry a version that does not match the file's passage count,
                # so the next ingest of this file rewrites it whole.
                log.warning("could not remove a partial write of %s", source)
            raise as_store_error(exc, self.location) from exc
        try:
            self._collection.delete(where={"$and": [{"source": source}, {"content_hash": {"$ne": version}}]})
        except Exception as exc:
            # The new version is in place and the old one too; the next ingest sees two
            # versions for this file and rewrites it whole.
            error = as_store_error(exc, self.location)
            error.both_versions_stored = True
            raise error from exc

    def _indexed_versions(self) -> dict[str, tuple[set[str], int]]:
        """source -> (content hashes stored, passages stored)."""
        versions: dict[str, tuple[set[str], int]] = {}
        for meta in self._all_metadata():
            hashes, count = versions.get(str(meta.get("source", "")), (set(), 0))
            hashes.add(str(meta.get("content_hash", "")))
            versions[str(meta.get("source", ""))] = (hashes, count + 1)
        return versions

    def _all_metadata(self) -> Iterator[dict]:
        try:
            offset = 0
            while True:
                page = self._collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
                yield from (meta or {} for meta in page["metadatas"])
                if len(page["ids"]) < _PAGE:
                    return
                offset += _PAGE
        except Exception as exc:
            raise as_store_error(exc, self.location) from exc

    def remove(self, source: str) -> int:
        """Drop a document (by path, URL, unique file name, or every document under a folder).

        Returns the number of passages removed; 0 when nothing matched.
        """
        with self._write_lock:
            sources = match_sources(source, set(self._indexed_versions()), by_name_if_unique=True)
            removed = sum(self._delete_source(name) for name in sources)
            if removed:
                self._retriever.invalidate()
            return removed

    def _delete_source(self, source: str) -> int:
        try:
            ids = self._collection.get(where={"source": source}, include=[])["ids"]
            if ids:
                self._collection.delete(ids=ids)
            return len(ids)
        except Exception as exc:
            raise as_store_error(exc, self.location) from exc

    # Reading --------------------------------------------------------------------------------

    def stats(self) -> KnowledgeStats:
        sources: set[str] = set()
        languages: Counter[str] = Counter()
        for meta in self._all_metadata():
            sources.add(str(meta.get("source", "")))
            languages[str(meta.get("language", "?"))] += 1
        return KnowledgeStats(
            documents=len(sources),
            chunks=sum(languages.values()),
            languages=dict(sorted(languages.items())),
            location=self.location,
        )

    def search(
        self, question: str, k: int = 5, language: str | None = None, source: str | None = None
    ) -> list[Passage]:
        """The ``k`` best passages, best first; ``language`` and ``source`` filter strictly."""
        return self._retriever.search(question, k=k, language=language, source=source)

    def ask(
        self,
        question: str,
        k: int = 5,
        language: str | None = None,
        source: str | None = None,
        llm: BaseChatModel | None = None,
    ) -> Answer:
        """A grounded answer with numbered citations, in ``language`` (default: the question's).

        Passages in every language are searched: that is what lets a French question use an
        English document. ``source`` restricts the search to one document or folder. With
        ``llm``, the model writes the answer from the same passages, checked and with the
        extractive answer as fallback.
        """
        question = " ".join(question.split())
        answer_language = language or detect_language(question)
        if not any(ch.isalnum() for ch in question) or is_chat_filler(question):
            return not_covered(answer_language)  # "ok", "merci", "test": nothing to look up
        passages = self._retriever.search(question, k=k, source=source)
        terms = query_terms(question)
        weights = self._retriever.term_weights(terms)
        answer = extractive_answer(question, passages, answer_language, weights,
                                   self._retriever.unknown_terms(terms, detect_language(question)),
                                   self._retriever.measured_languages())
        if llm is None or not answer.found:
            return answer  # never ask a model to answer from nothing
        from knowledge.llm import llm_answer

        return llm_answer(llm, question, passages, answer_language, fallback=answer)


def _progress_reporter(progress, total: int) -> Callable[[int, Path], None]:
    if progress is None:
        return lambda done, path: None
    if hasattr(progress, "add_task"):  # a rich Progress
        task = progress.add_task("Indexing", total=total)
        return lambda done, path: progress.update(task, completed=done, description=f"Indexing {path.name}")
    return lambda done, path: progress(done, total, str(path))
