"""Strangers' floods against the team's replies: 20 allowed users at once while 300 strangers write.

The deployed stack, as in bench_bot: `relais run` in its own process (default buckets on:
RELAIS_HEAVY_COMMAND_COOLDOWN and _BURST unset) long-polling the fake Bot API server here.
Each phase has 5 rounds, a second apart; in each, the 20 users send a message at the same moment
and the round ends when all are answered. Under flood, 300 strangers each write once just before every round
(texts, commands, documents, button presses: 1,500 updates, queued ahead of the team's), so the
team's updates wait behind them in ``getUpdates``. Each phase is measured quiet first, then
under flood: /help (the bot's own overhead, target p95 <= 300 ms under flood) and questions
(retrieval on the CPU as well). Also counted: refusals sent to strangers (at most one each per
hour, all of them 5 then 2 a second), and any data sent to them (must be none).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.bench_bot import (
    WARM_UP_USER,
    load_questions,
    one_user,
    percentile,
    start_relais,
    stop_relais,
)
from tests.telegram.fakebotapi import TOKEN, FakeBotAPI, User

USERS = 20
STRANGERS = 300
ROUNDS = 5
# Telegram lets a bot send 30 messages a second: 20 replies fit once a second, so rounds are a
# second apart; back to back they would measure that flood limit, not the bot.
ROUND_EVERY = 1.0
STRANGER_BASE = 5_000_000
DATA_METHODS = {"sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "getFile"}


def flood(api: FakeBotAPI, strangers: list[User], round_: int, bait: dict) -> None:
    """Every stranger writes once, in one of four ways."""
    for i, stranger in enumerate(strangers):
        kind = (i + round_) % 4
        if kind == 0:
            api.send(stranger, f"Quelle mention pour un contenu sponsorisé ? ({round_})")
        elif kind == 1:
            api.send(stranger, "/shortlist cosmétiques, instagram")
        elif kind == 2:
            api.send_document(stranger, "notes.md", b"# Notes\nnothing", caption="/ingest")
        else:
            api.press(stranger, bait, "sl:abcdef:export")


async def phase(api: FakeBotAPI, users: list[User], message, strangers: list[User] | None, bait: dict) -> dict:
    latencies: list[float] = []
    dropped: list[str] = []
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        round_started = time.perf_counter()
        if strangers:
            flood(api, strangers, round_, bait)
        await asyncio.gather(*(one_user(api, user, [message(i, round_)], latencies, dropped)
                               for i, user in enumerate(users)))
        await asyncio.sleep(max(0.0, round_started + ROUND_EVERY - time.perf_counter()))
    return {"replies": len(latencies), "dropped": len(dropped), "seconds": time.perf_counter() - started,
            "p50": statistics.median(latencies) if latencies else 0,
            "p95": percentile(latencies, 0.95) if latencies else 0, "max": max(latencies, default=0)}


async def run(data_dir: Path, questions: list[str]) -> dict:
    api = FakeBotAPI()
    await api.start()
    users = [User(1000 + i, f"User{i}", language_code="fr" if i % 2 else "en") for i in range(USERS)]
    strangers = [User(STRANGER_BASE + i, f"Stranger{i}", language_code="en") for i in range(STRANGERS)]
    env = {**os.environ, "RELAIS_TELEGRAM_TOKEN": TOKEN, "RELAIS_TELEGRAM_API_URL": api.api_url,
           "RELAIS_ALLOWED_USERS": ",".join(str(u.id) for u in [*users, User(WARM_UP_USER)]),
           "RELAIS_LOG_LEVEL": "WARNING", "RELAIS_LLM_PROVIDER": "none"}
    env.pop("RELAIS_HEAVY_COMMAND_COOLDOWN", None)
    env.pop("RELAIS_HEAVY_COMMAND_BURST", None)
    bot, _ = await start_relais(api, data_dir, env)
    try:
        await one_user(api, User(WARM_UP_USER, "Warm"), questions[:3], [], [])
        bait = api.send(User(WARM_UP_USER, "Warm"), "a message whose buttons strangers press")
        await api.settle()
        mark = api.mark()
        figures = {}
        for name, message in (("help", lambda i, k: "/help"),
                              ("questions", lambda i, k: questions[(k * USERS + i) % len(questions)])):
            # Questions: each user asks 5, within the default bucket (6 in a row), so none is held back.
            figures[f"{name} quiet"] = await phase(api, users, message, None, bait)
            await asyncio.sleep(1.0)  # let Telegram's per-second message budget refill
            figures[f"{name} flood"] = await phase(api, users, message, strangers, bait)
            await api.settle(timeout=120)
            await asyncio.sleep(1.0)
        stranger_ids = {s.id for s in strangers}
        to_strangers = [c for c in api.calls_since(mark) if c.chat_id in stranger_ids]
        refusals = [c for c in to_strangers if c.method == "sendMessage"]
        leaks = [c for c in to_strangers if c.method in DATA_METHODS or
                 (c.method == "sendMessage" and "team members only" not in c.plain)]
        told = len({c.chat_id for c in refusals})
    finally:
        stop_relais(bot)
        await api.stop()
    return {"figures": figures, "refusals": len(refusals), "told": told, "leaks": len(leaks),
            "stranger_updates": 2 * ROUNDS * STRANGERS, "exit": bot.returncode}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="relais-bench-access-") as folder:
        result = asyncio.run(run(Path(folder) / "data", load_questions()))
    print(f"{USERS} allowed users at once, {ROUNDS} rounds per phase; under flood {STRANGERS} strangers "
          f"write before every round ({result['stranger_updates']} stranger updates in all)")
    for name, f in result["figures"].items():
        target = " (target p95 <= 300 ms)" if name == "help flood" else ""
        print(f"{name:>15}: {f['replies']} replies, {f['dropped']} dropped, p50 {f['p50'] * 1000:.0f} ms, "
              f"p95 {f['p95'] * 1000:.0f} ms, max {f['max'] * 1000:.0f} ms{target}")
    print(f"strangers: {result['refusals']} refusals sent ({result['told']} strangers told), "
          f"{result['leaks']} messages with data; bot exit code {result['exit']}")


if __name__ == "__main__":
    main()
