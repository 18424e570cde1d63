"""👍/👎 votes on answers, appended to ``feedback.jsonl`` in the data dir (one JSON object a line).

An append of one short line is all-or-nothing in practice, so a crash never leaves the file
unreadable; a torn last line, should one ever appear, is skipped when counting.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

Vote = Literal["up", "down"]


class FeedbackEntry(BaseModel):
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    user_id: int
    vote: Vote
    question: str
    found: bool
    mode: str
    sources: list[str] = Field(default_factory=list)  # titles, in citation order


class FeedbackLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, entry: FeedbackEntry) -> None:
        line = entry.model_dump_json() + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as file:
                file.write(line)

    def entries(self) -> list[FeedbackEntry]:
        if not self.path.exists():
            return []
        entries = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(FeedbackEntry.model_validate(json.loads(line)))
            except (ValueError, TypeError):
                continue
        return entries

    def counts(self) -> dict[str, int]:
        votes = [entry.vote for entry in self.entries()]
        return {"up": votes.count("up"), "down": votes.count("down")}
