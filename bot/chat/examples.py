"""The labelled messages the intent classifier compares a new message with, and their vectors.

Two sources: the hand-written ``[examples]`` of ``intents.toml``, and every labelled set of
``eval/`` once it has been measured blind (a set is added to the tree only after its blind run).
Messages people really typed, in many registers, teach the classifier more than rules can: on
each set left out in turn, the nearest labelled messages of the others read its intents far
better than the rules written before it. Each example keeps the name of its set, so that an
evaluation can leave the set it measures out of the examples (``Router.leaving_out``).

Embedding the ~1,200 examples takes a quarter of a minute of CPU, so their vectors are computed
once (``make vectors``) and shipped in ``example_vectors.npz``, keyed by the exact text; an
example not in the table (an edited set) is embedded when the classifier first needs it.
``tests/chat/test_examples.py`` fails when the table no longer covers the examples.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from bot.chat.slots import intents_data
from knowledge.encoder import E5Encoder
from knowledge.vector_cache import QUERY_PREFIX, load_vectors, save_vectors, text_key

HERE = Path(__file__).parent
EVAL_DIR = HERE / "eval"
VECTORS = HERE / "example_vectors.npz"
HAND_WRITTEN = "intents.toml"
# The labelled sets, in the order they were written (``relais eval --chat`` reports them so).
LABELLED_SETS = {
    "tuned": EVAL_DIR / "utterances_tuned.jsonl",
    "heldout": EVAL_DIR / "utterances_heldout.jsonl",
    **{f"heldout_{n}": EVAL_DIR / f"utterances_heldout_{n}.jsonl" for n in range(2, 31)},
}
# A label that is no intent: the bot should ask ("clarify"); it teaches nothing about intents.
_NOT_AN_INTENT = {"clarify"}


class Example(NamedTuple):
    text: str
    intent: str
    source: str  # "intents.toml" or the name of a labelled set


def read_labelled_set(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


@cache
def labelled_examples() -> tuple[Example, ...]:
    examples = [Example(text, intent, HAND_WRITTEN)
                for intent, texts in intents_data()["examples"].items() for text in texts]
    for name, path in LABELLED_SETS.items():
        examples.extend(Example(row["text"], row["intent"], name) for row in read_labelled_set(path)
                        if row["intent"] not in _NOT_AN_INTENT)
    return tuple(examples)


def example_matrix(encoder: E5Encoder, examples: tuple[Example, ...]) -> np.ndarray:
    """One unit-length row per example: from the shipped table, else embedded now (in one call)."""
    known = load_vectors(VECTORS, encoder.model_id)
    rows: list[np.ndarray | None] = [known.get(text_key(QUERY_PREFIX + e.text)) for e in examples]
    missing = [i for i, row in enumerate(rows) if row is None]
    if missing:
        # e5 compares like with like as "query:" on both sides (a symmetric task).
        for i, vector in zip(missing, encoder.encode_queries([examples[i].text for i in missing])):
            rows[i] = vector
    matrix = np.vstack(rows).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def build(path: Path = VECTORS) -> int:
    encoder = E5Encoder()
    texts = sorted({e.text for e in labelled_examples()})
    vectors = encoder.encode_queries(texts)
    save_vectors(path, encoder.model_id, {QUERY_PREFIX + t: v for t, v in zip(texts, vectors)})
    return len(texts)


if __name__ == "__main__":
    print(f"{build()} example vectors written to {VECTORS}")
