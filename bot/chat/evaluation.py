"""How well the chat router reads labelled messages: intent accuracy, slots, filler, latency.

The labelled sets live in ``bot/chat/eval/``: ``utterances_tuned.jsonl`` (rules and thresholds
were chosen looking at it), ``utterances_heldout.jsonl`` (written with it, never looked at while
tuning), and sets written later by someone who read no code, each measured once blind before it
entered the tree (``utterances_heldout_2.jsonl`` and after). Once in the tree, a set also teaches
the classifier (its messages join the examples, see ``examples.py``), so each set is measured here
with its own messages left out of the examples. Each line is ``{"text", "intent", "slots"}``, plus
``"context"`` (the last shortlist request) for follow-ups, which are therefore routed with
``has_shortlist``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bot.chat.examples import LABELLED_SETS, read_labelled_set
from bot.chat.router import Router

# Every labelled set, in the order they were written; each is measured with its own messages left
# out of the classifier's examples (see bot/chat/examples.py).
GROUPS = LABELLED_SETS
# The labels call "clarify" a message the bot should ask about; the router answers "unsure".
_SAME_INTENT = {"clarify": "unsure"}


class Miss(BaseModel):
    text: str
    expected_intent: str
    intent: str
    expected_slots: dict[str, Any] = {}
    slots: dict[str, Any] = {}


class GroupEvaluation(BaseModel):
    n: int
    intent_accuracy: float
    slot_exact_match: float | None  # None when no utterance of the group has expected slots
    slot_n: int
    filler_to_ask: int
    p50_ms: float
    misses: list[Miss] = []


class ChatEvaluation(BaseModel):
    groups: dict[str, GroupEvaluation]


def intent_matches(expected: str, routed: str) -> bool:
    return _SAME_INTENT.get(expected, expected) == routed


def evaluate_group(router: Router, rows: list[dict[str, Any]]) -> GroupEvaluation:
    """Scores of one labelled set.

    - intent accuracy: share of utterances whose routed intent is the label ("clarify" = "unsure").
    - slot exact-match: over the utterances whose label has non-empty ``slots`` only, the share
      routed to the right intent with ``Routed.slots`` equal to the label's slots: the same keys,
      each with the same value (strings as written, numbers by value so 2000 == 2000.0, lists in
      order, ``null`` for a cleared filter). A missing or an extra key is a miss.
    - filler to ask: utterances labelled "help" that were routed to "ask" (the knowledge base).
    - p50 ms: median wall time of one ``route`` call, example vectors already built.
    """
    router.example_vectors()  # built once, outside the timings
    correct = slot_hits = slot_n = filler_to_ask = 0
    timings: list[float] = []
    misses: list[Miss] = []
    for row in rows:
        start = time.perf_counter()
        routed = router.route(row["text"], has_shortlist="context" in row)
        timings.append((time.perf_counter() - start) * 1000)
        intent_ok = intent_matches(row["intent"], routed.intent)
        correct += intent_ok
        filler_to_ask += row["intent"] == "help" and routed.intent == "ask"
        expected_slots = row.get("slots") or {}
        slots_ok = not expected_slots or intent_ok and routed.slots == expected_slots
        if expected_slots:
            slot_n += 1
            slot_hits += slots_ok
        if not (intent_ok and slots_ok):
            misses.append(Miss(text=row["text"], expected_intent=row["intent"], intent=routed.intent,
                               expected_slots=expected_slots, slots=routed.slots))
    n = len(rows)
    return GroupEvaluation(
        n=n,
        intent_accuracy=correct / n if n else 0.0,
        slot_exact_match=slot_hits / slot_n if slot_n else None,
        slot_n=slot_n,
        filler_to_ask=filler_to_ask,
        p50_ms=statistics.median(timings) if timings else 0.0,
        misses=misses,
    )


def evaluate_chat(router: Router, groups: dict[str, Path] | None = None) -> ChatEvaluation:
    """Every group's scores (by default all of ``GROUPS``; see :func:`evaluate_group`)."""
    paths = GROUPS if groups is None else groups
    return ChatEvaluation(groups={name: evaluate_group(router.leaving_out(name), read_labelled_set(path))
                                  for name, path in paths.items()})
