"""Data that leaves the knowledge package: answers, sources, ingest reports."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Language = Literal["fr", "en"]


class Source(BaseModel):
    """One cited passage; ``n`` is the number used in the answer's [n] markers."""

    n: int
    title: str
    source: str  # the path or URL the chunk came from
    excerpt: str
    score: float


class Answer(BaseModel):
    answer: str
    language: Language
    found: bool
    sources: list[Source] = Field(default_factory=list)
    # How the answer was produced: "extractive", or "llm" when a configured model wrote it.
    mode: Literal["extractive", "llm"] = "extractive"


class IngestFailure(BaseModel):
    path: str
    reason: str


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: list[IngestFailure] = Field(default_factory=list)
    # Files met inside a folder that Relais does not read (images, spreadsheets): not an error.
    skipped: list[IngestFailure] = Field(default_factory=list)
    chunks_written: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


class KnowledgeStats(BaseModel):
    documents: int
    chunks: int
    languages: dict[str, int] = Field(default_factory=dict)  # chunks per language
    location: str  # the Chroma directory or server URL
