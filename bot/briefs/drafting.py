"""Draft a creator brief whose disclosure section comes from the rules, never from a model.

``draft_brief`` refuses a prohibited promotion (raising ``BriefRefused`` with the reason and
the reference), then builds the brief: creative sections (context, goal, key messages, do and
don't) from a template, or from the optional LLM; and the "Disclosure requirements" section
from :mod:`bot.briefs.disclosure` (rule data and the checker only: tests/test_layers.py keeps
model code out of it), with an example caption per jurisdiction and platform that
``check_caption`` finds compliant.

An LLM draft is only used when it passes the same checks: its example captions must be
compliant, and its creative text must not carry banned or restricted claims, insufficient
labels, or advice to hide the partnership. Otherwise the template draft is returned and the
log says why.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date

from pydantic import BaseModel, Field, ValidationError

from bot.briefs.checker import (
    check_caption,
    find_labels,
    resolve_platform,
)
from bot.briefs.disclosure import (
    caption_check_request,
    disclosure_sections,
    example_caption,
    example_sections,
)
from bot.briefs.document import render_markdown
from bot.briefs.matching import fold
from bot.briefs.models import (
    Brief,
    BriefRefused,
    BriefRequest,
    BriefSection,
    CaptionCheckRequest,
    ComplianceIssue,
)
from bot.briefs.rules import RuleBook, default_rules
from bot.briefs.wording import wording
from knowledge.text import fold_with_offsets

log = logging.getLogger(__name__)

MAX_LIST_ITEMS = 8


class CreativeDraft(BaseModel):
    """The sections a model may write; everything else in a brief comes from rules or the request."""

    context: str = Field(min_length=1)
    goal: str = Field(min_length=1)
    key_messages: list[str] = Field(default_factory=list)
    dos: list[str] = Field(default_factory=list)
    donts: list[str] = Field(default_factory=list)
    example_captions: dict[str, str] = Field(default_factory=dict)


def draft_brief(request: BriefRequest, llm=None, rules: RuleBook | None = None) -> Brief:
    """A brief for ``request``; raises BriefRefused for a promotion the law forbids."""
    book = rules or default_rules()
    # An empty list (a form left blank) means the defaults, as when the field is not given.
    platforms = [resolve_platform(name, book) for name in request.platforms] or ["instagram"]
    jurisdictions = list(dict.fromkeys(request.jurisdictions)) or ["FR"]
    request = request.model_copy(update={"platforms": list(dict.fromkeys(platforms)), "jurisdictions": jurisdictions})
    refuse_prohibited(request, book)
    kept_messages, dropped = _screen_key_messages(request, book)
    template = _template_draft(request, kept_messages, book)  # its captions are checked as they are built
    draft, mode = template, "template"
    if llm is not None:
        draft, mode = _llm_draft(llm, request, kept_messages, template, book)
    return _assemble(request, draft, dropped, mode, book)


# Refusal and screening --------------------------------------------------------------------------


def _request_text(request: BriefRequest) -> str:
    parts = [request.brand, request.product, request.product_category or "", request.campaign_goal or "", request.niche or ""]
    return "\n".join(parts + request.key_messages + request.dos)


def refuse_prohibited(request: BriefRequest, book: RuleBook | None = None) -> None:
    """Raise BriefRefused when any of the request's jurisdictions bans this promotion."""
    book = book or default_rules()
    for code in request.jurisdictions:
        for issue in _issues_in_text(_request_text(request), code, request, book):
            if issue.code == "prohibited_promotion":
                raise BriefRefused(issue.message, issue.reference)


def _issues_in_text(text: str, code: str, request: BriefRequest, book: RuleBook) -> list[ComplianceIssue]:
    """What the checker finds in a piece of brief text, read as commercial content (a brief is one)."""
    caption = CaptionCheckRequest(caption=text, jurisdiction=code, compensation="paid", product_category=request.product_category)
    return check_caption(caption, book, language=request.language).issues


def _screen_key_messages(request: BriefRequest, book: RuleBook) -> tuple[list[str], list[str]]:
    """Key messages that make an error-level restricted claim are kept out of the brief.

    Returns the messages kept and the watch-outs to show: each dropped message, and a product
    name or goal making such a claim (those cannot be dropped, so the brief says to change them).
    """
    lang = request.language
    kept, watch_outs = [], []
    for message in request.key_messages:
        problems = [issue for code in request.jurisdictions for issue in _claim_errors(message, code, request, book)]
        if problems:
            watch_outs.append(wording("brief.message_removed", lang, message=message, reason=problems[0].message))
        else:
            kept.append(message)
    for text in filter(None, (request.product, request.campaign_goal)):
        problems = [issue for code in request.jurisdictions for issue in _claim_errors(text, code, request, book)]
        if problems:
            watch_outs.append(wording("brief.to_reword", lang, text=text, reason=problems[0].message))
    return kept, watch_outs


def _claim_errors(text: str, code: str, request: BriefRequest, book: RuleBook) -> list[ComplianceIssue]:
    """Error-level claims a text makes (weight-loss figures, festive alcohol...).

    Rules that only ask a caption to carry a mention (the Loi Evin health message) are about
    captions, not about a brief's prose, so they are left out here.
    """
    claim_rules = {rule.rule for _, rule in book.promotion_rules(code, "restricted") if rule.phrases}
    return [
        issue
        for issue in _issues_in_text(text, code, request, book)
        if issue.severity == "error"
        and (issue.code == "prohibited_promotion" or (issue.code == "restricted_claim" and issue.rule in claim_rules))
    ]


# Vetting ----------------------------------------------------------------------------------------


def _vet(draft: CreativeDraft, written: CreativeDraft, request: BriefRequest, book: RuleBook) -> list[str]:
    """Why an LLM draft cannot be used (empty when it can).

    ``draft`` is the merged draft (its captions are what the brief would show); ``written`` is
    what the model wrote itself, whose prose must not carry claims, banned products, weak
    disclosure hashtags or advice to hide the partnership.
    """
    problems = []
    for key, caption in draft.example_captions.items():
        code, platform = key.split("/", 1)
        result = check_caption(caption_check_request(caption, code, platform, request), book, language=request.language)
        if not result.compliant:
            codes = ", ".join(issue.code for issue in result.issues if issue.severity == "error")
            problems.append(f"example caption {key} is not compliant ({codes})")
    creative = "\n".join([written.context, written.goal, *written.key_messages, *written.dos, *written.donts])
    for code in request.jurisdictions:
        for issue in _claim_errors(creative, code, request, book):
            problems.append(f"creative text for {code}: {issue.code} ({issue.rule})")
        for hit in find_labels(creative, code, rules=book):
            if hit.hashtag and hit.kind != "accepted":
                problems.append(f"creative text for {code} suggests {hit.text!r}, not an accepted label there")
    if book.any_phrase(["@disclosure_dodge"], fold_with_offsets(creative)):
        problems.append("creative text tells creators to hide the partnership")
    return problems


def _template_draft(request: BriefRequest, key_messages: list[str], book: RuleBook) -> CreativeDraft:
    lang = request.language
    category = _category_name(request, book)
    niche = request.niche or wording("brief.default_niche", lang)
    context = wording(
        "brief.context",
        lang,
        brand=request.brand,
        product=request.product,
        category=f" ({category})" if category else "",
        niche=niche,
    )
    goal = request.campaign_goal or wording("brief.default_goal", lang, product=request.product)
    messages = key_messages or [
        wording("brief.default_messages.effect", lang, product=request.product),
        wording("brief.default_messages.opinion", lang),
    ]
    dos = request.dos or [wording("brief.default_dos.real_use", lang), wording("brief.default_dos.usual_tone", lang)]
    donts = request.donts or [wording("brief.default_donts.unseen_effect", lang)]
    captions = {}
    for code in request.jurisdictions:
        for platform in request.platforms:
            captions[f"{code}/{platform}"] = example_caption(request, code, platform, key_messages, book)
    return CreativeDraft(context=context, goal=goal, key_messages=messages, dos=dos, donts=donts, example_captions=captions)


# LLM --------------------------------------------------------------------------------------------


def _llm_draft(llm, request: BriefRequest, key_messages: list[str], template: CreativeDraft, book: RuleBook):
    try:
        reply = llm.invoke(_llm_messages(request, key_messages, template, book))
        draft = _parse_reply(getattr(reply, "content", reply))
    except (ValueError, ValidationError) as exc:
        # The error quotes the model's reply, which may echo the brief: its text stays out of WARNING.
        log.warning("brief: the LLM reply could not be used (%s); using the template", type(exc).__name__)
        log.debug("brief: unusable LLM reply: %s", exc)
        return template, "template"
    except Exception as exc:  # network errors, timeouts, provider errors: the template still works
        log.warning("brief: the LLM call failed (%s); using the template", type(exc).__name__)
        log.debug("brief: LLM failure detail: %s", exc)
        return template, "template"
    merged = _merge(draft, request, key_messages, template)
    problems = _vet(merged, draft, request, book)
    if problems:
        log.warning("brief: the LLM draft fails the checker (%s); using the template", "; ".join(problems))
        return template, "template"
    return merged, "llm"


def _llm_messages(request: BriefRequest, key_messages: list[str], template: CreativeDraft, book: RuleBook):
    from langchain_core.messages import HumanMessage, SystemMessage

    labels = {key: caption.split("\n", 1)[0] for key, caption in template.example_captions.items()}
    language = "French" if request.language == "fr" else "English"
    system = (
        "You write the creative part of an influencer-marketing brief for a brand manager. "
        f"Write in {language}. Reply with ONE JSON object and nothing else, with the keys: "
        '"context" (2-3 sentences), "goal" (1-2 sentences), "key_messages" (list of 2-4 short strings), '
        '"dos" (list), "donts" (list), "example_captions" (object). '
        "Legal disclosure rules are added separately by the application: do not write any. "
        "Never make health, slimming or financial-return claims, and never suggest hiding the partnership. "
        "In example_captions give one caption per key listed below; each caption's FIRST LINE must be exactly "
        "the disclosure label given for its key, unchanged."
    )
    facts = {
        "brand": request.brand,
        "product": request.product,
        "category": request.product_category,
        "campaign_goal": request.campaign_goal,
        "niche": request.niche,
        "platforms": request.platforms,
        "key_messages": key_messages,
        "dos": request.dos,
        "donts": request.donts,
        "caption_keys_and_labels": labels,
    }
    return [SystemMessage(content=system), HumanMessage(content=json.dumps(facts, ensure_ascii=False, default=str))]


def _parse_reply(content) -> CreativeDraft:
    if isinstance(content, list):  # some providers return content blocks
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    text = str(content).strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object in the reply")
    return CreativeDraft.model_validate(json.loads(text[start : end + 1]))


def _merge(draft: CreativeDraft, request: BriefRequest, key_messages: list[str], template: CreativeDraft) -> CreativeDraft:
    """The brand's own messages, dos and don'ts always stay; the model may only add to them."""

    def combine(own: list[str], extra: list[str]) -> list[str]:
        seen = {fold(item) for item in own}
        return (own + [item for item in extra if item.strip() and fold(item) not in seen])[:MAX_LIST_ITEMS]

    captions = {key: draft.example_captions.get(key) or caption for key, caption in template.example_captions.items()}
    return CreativeDraft(
        context=draft.context,
        goal=request.campaign_goal or draft.goal,
        key_messages=combine(key_messages, draft.key_messages),
        dos=combine(request.dos, draft.dos),
        donts=combine(request.donts, draft.donts),
        example_captions=captions,
    )


# Assembly ---------------------------------------------------------------------------------------


def _assemble(request: BriefRequest, draft: CreativeDraft, dropped: list[str], mode: str, book: RuleBook) -> Brief:
    lang = request.language

    def section(key: str, **content) -> BriefSection:
        return BriefSection(key=key, title=wording(f"section.{key}", lang), **content)

    sections = [
        section("context", paragraphs=[draft.context], bullets=_context_facts(request, book)),
        section("goal", paragraphs=[draft.goal]),
        section("key_messages", bullets=draft.key_messages),
        section("deliverables", bullets=_deliverables(request, book)),
        section("dos_donts", bullets=_dos_donts(draft, request, book)),
        section("compensation", bullets=_compensation(request, book)),
        section("usage_rights", bullets=_usage_rights(request, book)),
        section("approvals", bullets=_approvals(request)),
    ]
    if dropped:
        sections.append(section("watch_outs", bullets=dropped))
    sections += disclosure_sections(request, book)
    sections += example_sections(request, draft.example_captions, book)
    title = wording("brief.title", lang, brand=request.brand, product=request.product)
    return Brief(
        request=request,
        markdown=render_markdown(title, sections),
        example_captions=draft.example_captions,
        mode=mode,
        title=title,
        sections=sections,
    )


# Platforms with a default deliverable of their own; the others get "1 {platform} post".
_DEFAULT_DELIVERABLES = {
    "instagram": "brief.deliverables.instagram",
    "tiktok": "brief.deliverables.tiktok",
    "youtube": "brief.deliverables.youtube",
}


def _category_name(request: BriefRequest, book: RuleBook) -> str | None:
    category = book.resolve_category(request.product_category)
    if category and category != "other":
        return book.vocabulary.categories[category].name(request.language)
    return request.product_category


def _context_facts(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    facts = [
        wording("brief.facts.brand", lang, brand=request.brand),
        wording("brief.facts.product", lang, product=request.product),
    ]
    category = _category_name(request, book)
    if category:
        facts.append(wording("brief.facts.category", lang, category=category))
    if request.niche:
        facts.append(wording("brief.facts.niche", lang, niche=request.niche))
    platforms = ", ".join(book.platforms[p].name for p in request.platforms)
    facts.append(wording("brief.facts.platforms", lang, platforms=platforms))
    jurisdictions = ", ".join(book[c].name(lang) for c in request.jurisdictions)
    facts.append(wording("brief.facts.jurisdictions", lang, jurisdictions=jurisdictions))
    if request.creators:
        creators = ", ".join(c if c.startswith("@") else f"@{c}" for c in request.creators)
        facts.append(wording("brief.facts.creators", lang, creators=creators))
    return facts


def _deliverables(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = list(request.deliverables) or [
        wording(_DEFAULT_DELIVERABLES[p], lang)
        if p in _DEFAULT_DELIVERABLES
        else wording("brief.deliverables.any_platform", lang, platform=book.platforms[p].name)
        for p in request.platforms
    ]
    start, end = request.start_date, request.end_date
    if start and end:
        items.append(wording("brief.dates.between", lang, start=_day(start, lang), end=_day(end, lang)))
    elif start:
        items.append(wording("brief.dates.from", lang, start=_day(start, lang)))
    elif end:
        items.append(wording("brief.dates.by", lang, end=_day(end, lang)))
    else:
        items.append(wording("brief.dates.to_confirm", lang))
    return items


def _day(day: date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _dos_donts(draft: CreativeDraft, request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language

    def do(item: str) -> str:
        return wording("brief.do", lang, item=item)

    def dont(item: str) -> str:
        return wording("brief.dont", lang, item=item)

    items = [do(item) for item in draft.dos] + [dont(item) for item in draft.donts]
    if request.compensation != "none":
        items.append(do(wording("brief.disclose_first", lang)))
        items.append(dont(wording("brief.tool_alone", lang)))
    items.append(dont(wording("brief.promise_results", lang)))
    return items


def _compensation(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = [wording("brief.compensation.type", lang, compensation=wording(f"compensation.{request.compensation}", lang))]
    if request.budget is not None:
        items.append(wording("brief.compensation.budget", lang, amount=_amount(request.budget, lang), currency=request.currency))
    items.append(wording("brief.compensation.any_benefit", lang))
    return items


def _amount(value: float, lang: str) -> str:
    """3000 -> "3 000" (fr) or "3,000" (en); cents only when there are some."""
    text = f"{value:,.2f}".removesuffix(".00")
    return text.replace(",", " ").replace(".", ",") if lang == "fr" else text


def _usage_rights(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = [request.usage_rights or wording("brief.usage_rights.to_set", lang)]
    for code in request.jurisdictions:
        contract = book[code].contract
        if contract:
            items.append(wording("brief.usage_rights.contract", lang, jurisdiction=book[code].name(lang), rule=contract.text(lang)))
    return items


def _approvals(request: BriefRequest) -> list[str]:
    lang = request.language
    return list(request.approval_steps) or [
        wording("brief.approvals.draft", lang),
        wording("brief.approvals.caption_check", lang),
        wording("brief.approvals.brand_approval", lang),
    ]


# Disclosure section (from the rules only) -------------------------------------------------------

