"""Bot state cost per message in the event loop, at 200 chats with full history.

Each chat holds what the handlers keep at most: 10 shortlists of 150 creators (~43 kB of
JSON each), 30 answers, the user's language and a brief form. One message = one new answer in
one chat, then what PTB does every UPDATE_INTERVAL: deep-copy the touched chat and user data
and await ``update_chat_data`` / ``update_user_data``. Measured: the time the loop spends in
that (copy + awaited calls), p50/p95 over 200 messages, and the writer's time to disk after
``flush``. Target: <= 5 ms in the loop per message.
"""

from __future__ import annotations

import asyncio
import copy
import json
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from bot.telegram.state import StateDict, open_persistence

CHATS = 200
MESSAGES = 200
SHORTLIST_CREATORS = 150


def _shortlist(seed: int) -> dict:
    creators = [{"handle": f"creator_{seed}_{i}", "platform": "tiktok", "score": 71.5 - i * 0.1,
                 "followers": 12_000 + i, "engagement_rate": 0.041, "tier": "micro", "country": "FR",
                 "reasons": ["relevant niche", "engagement above tier median", "audience FR 82 %"],
                 "estimated_cost": 450.0, "fraud_flags": [], "niche_match": 0.83}
                for i in range(SHORTLIST_CREATORS)]
    return {"request": {"niche": "cosmétiques naturels", "platform": "tiktok", "limit": 200},
            "shortlist": {"niche": "cosmétiques naturels", "creators": creators, "total_cost": 67_500.0}}


def _answer(n: int) -> dict:
    return {"question": f"question {n} about disclosure rules", "found": True, "mode": "extractive",
            "sources": [{"n": 1, "title": "ARPP", "source": "corpus/arpp.md", "excerpt": "x" * 300, "score": 0.8}],
            "voted": None}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


async def run(path: Path) -> dict:
    persistence = open_persistence(path)
    await persistence.get_chat_data()
    chats = {chat_id: StateDict(shortlists={secrets.token_hex(3): _shortlist(s) for s in range(10)},
                                answers={secrets.token_hex(3): _answer(a) for a in range(30)})
             for chat_id in range(CHATS)}
    users = {user_id: StateDict(lang="fr", brief_form={"answers": {"brand": "Acme"}, "history": []})
             for user_id in range(CHATS)}
    for chat_id in range(CHATS):  # the state as a long-running bot has it
        await persistence.update_chat_data(chat_id, copy.deepcopy(chats[chat_id]))
        await persistence.update_user_data(chat_id, copy.deepcopy(users[chat_id]))
    await persistence.flush()
    size = path.stat().st_size
    for chat in chats.values():
        copy.deepcopy(chat)  # PTB has copied each chat once before; the copies are reused from then on

    in_loop = []
    for message in range(MESSAGES):
        chat_id = message * 7 % CHATS
        answers = chats[chat_id]["answers"]
        answers[secrets.token_hex(3)] = _answer(message)  # what the handler's remember() does
        del answers[next(iter(answers))]
        started = time.perf_counter()
        await persistence.update_chat_data(chat_id, copy.deepcopy(chats[chat_id]))
        await persistence.update_user_data(chat_id, copy.deepcopy(users[chat_id]))
        in_loop.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0)
    started = time.perf_counter()
    await persistence.flush()
    written = (time.perf_counter() - started) * 1000
    return {"chats": CHATS, "state_mb": round(size / 2**20, 1),
            "loop_ms_p50": round(statistics.median(in_loop), 3), "loop_ms_p95": round(percentile(in_loop, 0.95), 3),
            "loop_ms_max": round(max(in_loop), 3), "writer_ms_for_all_messages": round(written, 1),
            "shortlist_json_kb": round(len(json.dumps(_shortlist(0))) / 1024)}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(run(Path(folder) / "bot-state.sqlite3"))
    for key, value in figures.items():
        print(f"{key}: {value}")
    print("target: loop_ms_p95 <= 5 ms per message")


if __name__ == "__main__":
    main()
