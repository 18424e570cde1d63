"""How well the caption checker judges labelled captions: verdicts, issue codes, false alarms.

The labelled captions live in ``bot/briefs/eval/*.toml``; each top-level array is a part
(``tuned``: rules were written looking at it; ``held_out`` ... ``held_out_18``: written before or
beside the code; the misses of ``held_out_3`` to ``held_out_6`` were fixed looking at them, by
families of words and examples; ``held_out_7``, blind when measured, was tuned on the same way in
the next round (digits for letters, compounds, mechanisms rather than brands); ``held_out_8``, blind
when measured, was tuned on in the round after (product names, forms and slang, treatments dropped
in everyday words, denied guarantees); ``held_out_9`` was blind before that round, but some of
its misses and false alarms were named to the round's tuner, so it is not held out any more;
``held_out_10``, written during that round by someone who read no code, was blind until it was
tuned on, with ``held_out_9``, in round 4 (word families, harmless senses, Quebec labels);
``held_out_11``, written blind before round 4, was measured before and after it and tuned on in
round 5 (mechanisms: slang and shapes of claims, word families, harmless senses);
``held_out_12``, written blind before round 5, was measured before and after it (0.75 and 0.78
verdicts) and tuned on in round 6; ``held_out_13``, written blind before round 6 with products
described by what they are rather than by their category's word, was measured before and after it
(0.625 verdicts, 0.36 codes, 1 false alarm of 17 both times) and tuned on in round 7 (what
products are and do rather than their names: 1.00, 0.96, 0 after it); ``held_out_14``, written
blind before round 7 (products and claims described without their category's word, harmless senses
of risky words), was measured before and after it (0.70 verdicts, 0.50 codes, 1 false alarm of 13
both times) and tuned on in round 8 (how products and claims work: 1.00, 0.93, 0 after it);
``held_out_15``, written blind before round 8 (captions shaped like 2026 posts: long stories,
mixed languages, labels in a first comment or an image description), was measured before round 7,
after it and after round 8 (0.775 verdicts, 0.70 codes, 2 false alarms of 16 each time) and tuned
on in round 9 (how things are done and where labels sit: 0.975, 1.00, 1 after it);
``held_out_16``, written blind before round 9 (restricted matter named by slang, abbreviations or
misspellings, claims in a list of benefits or quoted from someone else, threads, carousels, live
streams and story stickers), was measured before and after it (0.925 verdicts, 0.88 codes, 1 false
alarm of 17 both times) and tuned on in round 10 (slang and how products are supplied, treatments
no longer needed, labels only in a thread's later post: 1.00, 1.00, 0 after it);
``held_out_17``, written blind before round 10 (ordinary posts whose only fault is the label: too
vague, hidden, late, in a voice-over, in the wrong language; good labels in many forms; restricted
matter in everyday words), was measured before and after it (0.90 verdicts, 0.75 codes, 1 false
alarm of 17 both times) and tuned on in round 11 (where a label sits: a heading, some story frames
only, a voice-over; a gambling ad by its prevention message or its boosted odds, whisky by its
kind, a drink between nerves and a feat: 1.00, 0.92, 0 after it);
``held_out_18``, written blind before round 11 (platform formats: YouTube descriptions with
chapters, TikTok overlays, podcast reads, LinkedIn, Pinterest, threads, Twitch panels, newsletter
blocks, carousels), was measured before and after it (0.875 verdicts, 0.70 codes, 1 false alarm of
15 both times) and tuned on in round 12 (a drink between shyness and social ease, weight "down"
an amount, an illness gone since the product, guaranteed revenue, an employee's role as a label;
a buried label's code counted as the headers say: 1.00, 1.00, 0 after it);
the compliant captions of ``held_out_5`` to ``held_out_8`` are among the ordinary clauses that
calibrate the reading by meaning). A case is a table with ``caption``, ``jurisdiction``,
``verdict`` ("compliant", "warning" or "non_compliant"), ``source`` and
optionally ``codes`` (issue codes that count as finding the problem), ``compensation``,
``product_category``, ``brand``.

- verdict accuracy: share of cases whose verdict is the expected one; a caption is
  "non_compliant" when the checker reports an error, "warning" when it reports only warnings,
  "compliant" when it reports nothing;
- issue-code recall: over the cases expected non-compliant or warning that list ``codes``, the
  share where the checker reports one of them (an error for a non-compliant case, any severity
  for a warning case); a case listing both codes of the buried-label convention also counts
  ``disclosure_not_prominent`` (see ``BURIED_LABEL_CODES``);
- false alarms: cases expected compliant or warning that the checker calls non-compliant.
"""

from __future__ import annotations

import re
import statistics
import time
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector
from bot.briefs.models import (
    CaptionCheckRequest,
    CheckResult,
    Compensation,
    IssueCode,
    Jurisdiction,
)
from bot.briefs.rules import RuleBook, default_rules

EVAL_DIR = Path(__file__).parent / "eval"
# Parts 9 to 18 say a label placed where it is not seen (late in the caption or the video, on the
# last slide, below "more", in a pile of hashtags) "counts as ambiguous_disclosure and
# missing_disclosure": the legal effect, an ad not shown as one. The checker names the finer
# diagnosis, ``disclosure_not_prominent`` (the accepted label, found, to move up front), rather
# than tell the creator that a label is missing or vague when it is neither; so a case listing
# both codes counts that one too. Only both: a case listing one of them alone is a vague or an
# absent label, which a label the checker reads as accepted but buried does not find.
BURIED_LABEL_CODES = frozenset({"ambiguous_disclosure", "missing_disclosure"})
Verdict = Literal["compliant", "warning", "non_compliant"]


class CaseFileError(ValueError):
    """A case file that cannot be read; the message names the file, the part and the case."""


class CaptionCase(BaseModel):
    caption: str = Field(min_length=1)
    jurisdiction: Jurisdiction
    verdict: Verdict
    source: str = Field(min_length=1)
    codes: list[IssueCode] = Field(default_factory=list)
    compensation: Compensation = "paid"
    product_category: str | None = None
    brand: str | None = None

    def request(self) -> CaptionCheckRequest:
        return CaptionCheckRequest(
            caption=self.caption,
            jurisdiction=self.jurisdiction,
            compensation=self.compensation,
            product_category=self.product_category,
            brand=self.brand,
        )


class CaseMiss(BaseModel):
    caption: str
    jurisdiction: str
    expected: Verdict
    got: Verdict
    expected_codes: list[str] = []
    codes: list[str] = []  # the codes the checker reported, errors first
    code_found: bool | None = None  # None when the case lists no codes


class PartEvaluation(BaseModel):
    part: str
    n: int
    verdict_accuracy: float
    code_recall: float | None  # None when no case of the part lists codes
    code_n: int  # cases the recall is over
    false_alarms: int
    clean_n: int  # cases expected compliant or warning (where a false alarm can happen)
    p50_ms: float
    misses: list[CaseMiss] = []


def verdict_of(result: CheckResult) -> Verdict:
    if not result.compliant:
        return "non_compliant"
    return "warning" if result.issues else "compliant"


def read_cases(path: Path) -> dict[str, list[CaptionCase]]:
    """The parts of one case file, in file order."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseFileError(f"{path}: {exc}") from None
    parts: dict[str, list[CaptionCase]] = {}
    for part, rows in data.items():
        if not isinstance(rows, list):
            raise CaseFileError(f"{path}: {part}: expected an array of cases ([[{part}]])")
        cases = []
        for index, row in enumerate(rows):
            try:
                cases.append(CaptionCase.model_validate(row))
            except ValidationError as exc:
                error = exc.errors()[0]
                field = ".".join(str(p) for p in error["loc"])
                raise CaseFileError(f"{path}: {part}[{index}].{field}: {error['msg']}") from None
        parts[part] = cases
    return parts


def load_parts(paths: list[Path] | None = None) -> dict[str, list[CaptionCase]]:
    """Every part of the given case files (by default those in ``bot/briefs/eval/``)."""
    parts: dict[str, list[CaptionCase]] = {}
    for path in paths if paths is not None else sorted(EVAL_DIR.glob("*.toml")):
        for part, cases in read_cases(path).items():
            if part in parts:
                raise CaseFileError(f"{path}: part {part!r} is also in another case file")
            parts[part] = cases
    # The tuned part first, then the held-out ones in the order they were written (2 before 10).
    return dict(sorted(parts.items(), key=lambda item: (item[0] != "tuned", _written_order(item[0]))))


def _written_order(part: str) -> tuple[int, str]:
    number = re.search(r"(\d+)$", part)
    return (int(number.group(1)) if number else 0, part)


def evaluate_part(
    part: str, cases: list[CaptionCase], rules: RuleBook | None = None, meaning: MeaningDetector | None = None
) -> PartEvaluation:
    """The scores of one part (see the module's docstring); ``meaning`` as in ``check_caption``."""
    book = rules or default_rules()
    right = code_hits = code_n = false_alarms = clean_n = 0
    timings: list[float] = []
    misses: list[CaseMiss] = []
    for case in cases:
        start = time.perf_counter()
        result = check_caption(case.request(), book, meaning=meaning)
        timings.append((time.perf_counter() - start) * 1000)
        got = verdict_of(result)
        right += got == case.verdict
        clean = case.verdict != "non_compliant"
        clean_n += clean
        false_alarms += clean and got == "non_compliant"
        found = None
        if case.codes and case.verdict != "compliant":
            wanted = set(case.codes)
            if BURIED_LABEL_CODES <= wanted:
                wanted.add("disclosure_not_prominent")
            if case.verdict == "non_compliant":
                found = any(issue.code in wanted and issue.severity == "error" for issue in result.issues)
            else:
                found = any(issue.code in wanted for issue in result.issues)
            code_n += 1
            code_hits += found
        if got != case.verdict or found is False:
            ordered = sorted(result.issues, key=lambda issue: issue.severity != "error")
            misses.append(
                CaseMiss(
                    caption=case.caption,
                    jurisdiction=case.jurisdiction,
                    expected=case.verdict,
                    got=got,
                    expected_codes=list(case.codes),
                    codes=[f"{issue.code} ({issue.severity})" for issue in ordered],
                    code_found=found,
                )
            )
    n = len(cases)
    return PartEvaluation(
        part=part,
        n=n,
        verdict_accuracy=right / n if n else 0.0,
        code_recall=code_hits / code_n if code_n else None,
        code_n=code_n,
        false_alarms=false_alarms,
        clean_n=clean_n,
        p50_ms=statistics.median(timings) if timings else 0.0,
        misses=misses,
    )


def evaluate_captions(
    paths: list[Path] | None = None, rules: RuleBook | None = None, meaning: MeaningDetector | None = None
) -> list[PartEvaluation]:
    """Every part's scores, each part apart."""
    return [evaluate_part(part, cases, rules, meaning) for part, cases in load_parts(paths).items()]
