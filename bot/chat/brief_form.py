"""The /brief questionnaire, shared by the Telegram conversation and the console chat.

Each step names the :class:`~bot.briefs.models.BriefRequest` field it fills, how it is
answered (free text, one choice, several choices) and how free text is checked. Front ends
only ask and show; the answers are plain JSON-able values, so they pickle with the bot state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import ValidationError

from bot.briefs.models import COMPENSATIONS, JURISDICTIONS, BriefRequest
from bot.briefs.rules import default_rules
from bot.briefs.vocabulary import MEDIA
from scoring.vocabulary import PLATFORMS

TEXT_LIMIT = 200

# The categories offered as buttons, in the order a brand manager looks for them: everyday ones
# first, regulated ones after. Ids from bot/briefs/rules/vocabulary.toml, which decides what each
# allows; the others (wild animals, CFDs...) are detected in the text or typed.
CATEGORIES = (
    "cosmetics", "skincare", "fashion", "food", "sport", "travel", "tech", "home", "alcohol", "gambling",
    "financial", "crypto", "health_supplement", "cosmetic_surgery", "nicotine", "other",
)
# The buttons' short labels live with the categories (bot/briefs/rules/vocabulary.toml).
CATEGORY_LABELS = {
    lang: {category: default_rules().vocabulary.categories[category].button(lang) for category in CATEGORIES}
    for lang in ("fr", "en")
}
PLATFORM_CHOICES = PLATFORMS
DELIVERABLES = MEDIA
DELIVERABLE_LABELS = {
    "fr": {"post": "Post", "story": "Story", "reel": "Reel", "video": "Vidéo", "live": "Live"},
    "en": {"post": "Post", "story": "Story", "reel": "Reel", "video": "Video", "live": "Live"},
}
COMPENSATION_LABELS = {
    "fr": {"paid": "Rémunération", "gifted": "Produit offert", "affiliate": "Affiliation", "event": "Invitation",
           "none": "Aucune"},
    "en": {"paid": "Paid", "gifted": "Gifted product", "affiliate": "Affiliate", "event": "Event invitation",
           "none": "None"},
}


@dataclass(frozen=True)
class Step:
    name: str  # the answer's key; the BriefRequest field it fills (dates fill two)
    kind: Literal["text", "choice", "multi"]
    prompt: str  # i18n key
    options: tuple[str, ...] = ()
    optional: bool = False  # free text that may be skipped

    def labels(self, lang: str) -> list[tuple[str, str]]:
        table = {"product_category": CATEGORY_LABELS, "compensation": COMPENSATION_LABELS,
                 "deliverables": DELIVERABLE_LABELS}.get(self.name)
        return [(value, table[lang][value] if table else value) for value in self.options]


STEPS: tuple[Step, ...] = (
    Step("brand", "text", "brief_ask_brand"),
    Step("product", "text", "brief_ask_product"),
    Step("product_category", "choice", "brief_ask_category", CATEGORIES),
    Step("niche", "text", "brief_ask_niche", optional=True),
    Step("platforms", "multi", "brief_ask_platforms", PLATFORM_CHOICES),
    Step("jurisdictions", "multi", "brief_ask_jurisdictions", JURISDICTIONS),
    Step("compensation", "choice", "brief_ask_compensation", COMPENSATIONS),
    Step("deliverables", "multi", "brief_ask_deliverables", DELIVERABLES),
    Step("dates", "text", "brief_ask_dates", optional=True),
    Step("budget", "text", "brief_ask_budget", optional=True),
)
STEP_NAMES = tuple(step.name for step in STEPS)


def step_named(name: str) -> Step:
    return STEPS[STEP_NAMES.index(name)]


class FormError(ValueError):
    """A free-text answer that cannot be used; ``key`` and ``values`` make the i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def parse_text_answer(step: Step, text: str) -> Any:
    """Check and convert a free-text answer; raises :class:`FormError` with what is wrong."""
    text = " ".join(text.split())
    if step.name == "dates":
        return parse_dates(text)
    if step.name == "budget":
        return parse_budget(text)
    if not text or len(text) > TEXT_LIMIT:
        raise FormError("brief_bad_text", limit=TEXT_LIMIT)
    return text


_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}")


def parse_dates(text: str) -> list[str]:
    found = _DATE.findall(text)
    if len(found) != 2:
        raise FormError("brief_bad_dates")
    try:
        start, end = (_parse_date(value) for value in found)
    except ValueError:
        raise FormError("brief_bad_dates") from None
    if end < start:
        raise FormError("brief_dates_order")
    return [start.isoformat(), end.isoformat()]


def _parse_date(value: str) -> date:
    if "/" in value:
        return datetime.strptime(value, "%d/%m/%Y").date()
    return date.fromisoformat("-".join(part.zfill(2) for part in value.split("-")))


def parse_budget(text: str) -> float:
    cleaned = re.sub(r"[\s\u202f\u00a0€]|eur(os?)?", "", text.lower())
    # "2,500" and "2.500" are thousands; "2500,50" is a decimal comma.
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", cleaned):
        cleaned = re.sub(r"[.,]", "", cleaned)
    cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise FormError("brief_bad_budget") from None
    if not value > 0 or value > 1e9:
        raise FormError("brief_bad_budget")
    return value


def build_request(answers: dict[str, Any], lang: str) -> BriefRequest:
    """The BriefRequest the answers describe; a ValidationError means a step was skipped badly."""
    fields = {name: answers[name] for name in STEP_NAMES if answers.get(name) not in (None, [], "")}
    dates = fields.pop("dates", None)
    if dates:
        fields["start_date"], fields["end_date"] = dates
    if answers.get("creators"):
        fields["creators"] = answers["creators"]
    return BriefRequest(language=lang, **fields)


def describe_validation_error(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
