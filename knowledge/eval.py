"""Evaluation of retrieval and answers over a question set (``relais eval``).

Figures: hit@1 and hit@5 of the expected source among the retrieved passages, the share of
in-scope answers that contain an expected fact, refusals of out-of-scope questions (and
in-scope questions wrongly refused), the same for the questions asked in another language
than their source's, and ``ask`` latency after warm-up.

Two groups are reported apart: the questions the answering code was tuned on
(``eval/questions.json`` over the shipped corpus and the seed articles), and a held-out set
(``eval/heldout/``: its own corpus and questions, written before the code was changed and
never used to tune it). Only the second says how Relais does on material it has not seen.
"""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from knowledge.base import KnowledgeBase
from knowledge.models import Language
from knowledge.text import fold_accents

QUESTIONS_PATH = Path(__file__).parent / "eval" / "questions.json"
# Held-out sets, each a corpus/ and a questions.json, written before the code they measure changed:
# heldout/ (2026-12-03) and heldout-b/ (2026-12-06, longer pages, two thirds asked across languages).
HELD_OUT_DIRS = tuple(sorted(path for path in (Path(__file__).parent / "eval").glob("heldout*") if path.is_dir()))
WARM_UP_QUESTIONS = 3


class EvalQuestion(BaseModel):
    id: str
    question: str
    language: Language
    corpus: Literal["shipped", "seeds", "heldout"]
    expected_source: str | None  # a file name; None for out-of-scope questions
    expected_facts: list[str] = Field(default_factory=list)
    in_scope: bool


class QuestionResult(BaseModel):
    id: str
    in_scope: bool
    found: bool
    hit_at_1: bool
    hit_at_5: bool
    has_fact: bool
    across_languages: bool  # asked in another language than its expected source's
    retrieved: list[str]  # file names of the top passages, best first
    seconds: float


class EvalReport(BaseModel):
    questions: int
    in_scope: int
    out_of_scope: int
    skipped: int  # questions over a corpus that is not available (seeds not found)
    hit_at_1: float
    hit_at_5: float
    fact_share: float  # in-scope answers containing an expected fact
    refused_out_of_scope: int
    answered_out_of_scope: int
    wrongly_refused: int
    across_in_scope: int  # in-scope questions asked in another language than their source's
    across_hit_at_1: float
    across_fact_share: float
    latency_p50_ms: float
    latency_p95_ms: float
    results: list[QuestionResult] = Field(default_factory=list)


class QuestionSetError(ValueError):
    """A question file that cannot be used; the message names the file and the problem."""


def load_questions(path: Path = QUESTIONS_PATH) -> list[EvalQuestion]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TypeAdapter(list[EvalQuestion]).validate_python(data)
    except OSError as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise QuestionSetError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise QuestionSetError(f"{path}: question {where}: {first['msg']}") from None


def contains_fact(answer: str, facts: list[str]) -> bool:
    """Case-, accent- and spacing-insensitive ("10 000" matches "10\u202f000")."""
    text = _normalise(answer)
    return any(_normalise(fact) in text for fact in facts if fact.strip())


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", fold_accents(text)).strip()


def evaluate(kb: KnowledgeBase, questions: list[EvalQuestion], corpora: set[str], llm=None) -> EvalReport:
    """Ask every question whose corpus is in ``corpora`` and score the answers."""
    usable = [q for q in questions if q.corpus in corpora]
    for question in usable[:WARM_UP_QUESTIONS]:  # first calls load the model and build BM25
        kb.ask(question.question, llm=llm)
    results = []
    for question in usable:
        passages = kb.search(question.question, k=5)
        retrieved = [Path(p.source).name for p in passages]
        source_languages = {p.language for p in passages if Path(p.source).name == question.expected_source}
        started = time.perf_counter()
        answer = kb.ask(question.question, k=5, llm=llm)
        seconds = time.perf_counter() - started
        results.append(
            QuestionResult(
                id=question.id,
                in_scope=question.in_scope,
                found=answer.found,
                hit_at_1=bool(retrieved) and retrieved[0] == question.expected_source,
                hit_at_5=question.expected_source in retrieved,
                has_fact=answer.found and contains_fact(answer.answer, question.expected_facts),
                across_languages=bool(source_languages) and question.language not in source_languages,
                retrieved=retrieved,
                seconds=seconds,
            )
        )
    in_scope = [r for r in results if r.in_scope]
    out_of_scope = [r for r in results if not r.in_scope]
    across = [r for r in in_scope if r.across_languages]
    latencies = [r.seconds * 1000 for r in results]
    return EvalReport(
        questions=len(results),
        in_scope=len(in_scope),
        out_of_scope=len(out_of_scope),
        skipped=len(questions) - len(usable),
        hit_at_1=_share(r.hit_at_1 for r in in_scope),
        hit_at_5=_share(r.hit_at_5 for r in in_scope),
        fact_share=_share(r.has_fact for r in in_scope),
        refused_out_of_scope=sum(not r.found for r in out_of_scope),
        answered_out_of_scope=sum(r.found for r in out_of_scope),
        wrongly_refused=sum(not r.found for r in in_scope),
        across_in_scope=len(across),
        across_hit_at_1=_share(r.hit_at_1 for r in across),
        across_fact_share=_share(r.has_fact for r in across),
        latency_p50_ms=round(percentile(latencies, 50), 1),
        latency_p95_ms=round(percentile(latencies, 95), 1),
        results=results,
    )


def _share(flags) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile (p50 of 1..10 is 5, p95 is 10)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * percent / 100))
    return ordered[rank - 1]
