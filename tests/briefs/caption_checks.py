"""What the caption round tests ask of the real checker: its issues, its promotion findings, the
categories it is sure of (shared by test_promotions_round6 to _round9)."""

from __future__ import annotations

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest

HEALTH = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."
BANNED = ("prohibited_promotion", "error")
CLAIM = ("restricted_claim", "error")
WARNED = ("restricted_claim", "warning")


def issues(caption: str, jurisdiction: str) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction))
    return {(issue.code, issue.severity) for issue in result.issues}


def promotion(caption: str, jurisdiction: str) -> set[tuple[str, str]]:
    return {found for found in issues(caption, jurisdiction) if found[0] in {"prohibited_promotion", "restricted_claim"}}


def categories(caption: str, jurisdiction: str) -> set[str]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction))
    return {finding.category for finding in result.findings if finding.certain}
