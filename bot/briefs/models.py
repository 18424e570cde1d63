"""Data that leaves the briefs package: caption checks, brief requests and briefs."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from bot.briefs.vocabulary import (  # noqa: F401 (re-exported: models and their vocabulary travel together)
    COMPENSATIONS,
    DEFAULT_JURISDICTION,
    JURISDICTIONS,
    BriefLanguage,
    Compensation,
    Jurisdiction,
    Media,
)

IssueCode = Literal[
    "missing_disclosure",
    "ambiguous_disclosure",
    "disclosure_not_prominent",
    "disclosure_wrong_language",
    "missing_retouched_label",
    "missing_virtual_label",
    "prohibited_promotion",
    "restricted_claim",
    "video_disclosure",
    "platform_tool_only",
]


class CaptionCheckRequest(BaseModel):
    caption: str
    jurisdiction: Jurisdiction
    platform: str = "instagram"
    media: Media = "post"
    compensation: Compensation = "paid"
    retouched: bool = False
    ai_generated: bool = False
    product_category: str | None = None
    platform_tool: bool = False  # the platform's paid-partnership label is switched on
    brand: str | None = None  # lets "#AcmePartner" / "Acme ambassador" count where the rules accept them


class ComplianceIssue(BaseModel):
    code: IssueCode
    severity: Literal["error", "warning"]
    message: str
    rule: str  # the rule's id in the rule data
    reference: str  # the legal text or guide, with its link


class CategoryFinding(BaseModel):
    """A sensitive category the caption's words show (no category was given)."""

    category: str  # the id in rules/vocabulary.toml
    name: str  # in the messages' language
    words: list[str]  # as written in the caption
    certain: bool  # False: an ambiguous word alone, so its rules only warn
    rules: list[str]  # the rules it triggered in this jurisdiction (none: nothing restricted here)


class CheckResult(BaseModel):
    compliant: bool
    issues: list[ComplianceIssue] = Field(default_factory=list)
    suggested_caption: str | None = None
    # Sensitive categories inferred from the caption's words (none when a category was given):
    # category id -> the words that showed it, as written.
    detected_categories: dict[str, list[str]] = Field(default_factory=dict)
    findings: list[CategoryFinding] = Field(default_factory=list)


class BriefRequest(BaseModel):
    brand: str
    product: str
    product_category: str | None = None
    campaign_goal: str | None = None
    niche: str | None = None
    platforms: list[str] = Field(default_factory=lambda: ["instagram"])
    jurisdictions: list[Jurisdiction] = Field(default_factory=lambda: [DEFAULT_JURISDICTION])
    creators: list[str] = Field(default_factory=list)  # handles, e.g. from a shortlist
    deliverables: list[str] = Field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None
    compensation: Compensation = "paid"
    key_messages: list[str] = Field(default_factory=list)
    dos: list[str] = Field(default_factory=list)
    donts: list[str] = Field(default_factory=list)
    budget: float | None = None
    currency: str = "EUR"
    usage_rights: str | None = None
    approval_steps: list[str] = Field(default_factory=list)
    language: BriefLanguage = "fr"


class BriefSection(BaseModel):
    """One section of a brief, kept structured so Markdown and DOCX render the same content."""

    key: str  # stable id: "context", "goal", ..., "disclosure", "disclosure/FR", "examples"
    title: str
    level: int = 2  # heading level: 2 for sections, 3 for sub-sections
    paragraphs: list[str] = Field(default_factory=list)
    bullets: list[str] = Field(default_factory=list)
    table: list[list[str]] = Field(default_factory=list)  # first row is the header
    quotes: list[str] = Field(default_factory=list)  # example captions, shown as quotes


class Brief(BaseModel):
    request: BriefRequest
    markdown: str
    example_captions: dict[str, str] = Field(default_factory=dict)  # "FR/instagram" -> caption
    mode: Literal["template", "llm"] = "template"
    title: str = ""
    sections: list[BriefSection] = Field(default_factory=list)


class BriefRefused(Exception):
    """The request asks for a promotion that the law forbids; the message gives reason and reference."""

    def __init__(self, reason: str, reference: str) -> None:
        super().__init__(f"{reason} ({reference})")
        self.reason = reason
        self.reference = reference
