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
    COMPENSATION_NAMES,
    check_caption,
    find_labels,
    resolve_platform,
)
from bot.briefs.disclosure import (
    SECTION_TITLES,
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
from bot.briefs.rules import RuleBook, Text, default_rules, say
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
            watch_outs.append(say(lang, f"« {message} » retiré : ", f"\"{message}\" removed: ") + problems[0].message)
        else:
            kept.append(message)
    for text in filter(None, (request.product, request.campaign_goal)):
        problems = [issue for code in request.jurisdictions for issue in _claim_errors(text, code, request, book)]
        if problems:
            watch_outs.append(say(lang, f"« {text} » à reformuler : ", f"\"{text}\" to reword: ") + problems[0].message)
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
    niche = request.niche or say(lang, "leur communauté", "their communities")
    context = say(
        lang,
        f"{request.brand} travaille avec des créateurs pour faire connaître {request.product}"
        f"{f' ({category})' if category else ''} auprès de {niche}.",
        f"{request.brand} is working with creators to introduce {request.product}"
        f"{f' ({category})' if category else ''} to {niche}.",
    )
    goal = request.campaign_goal or say(
        lang,
        f"Faire découvrir {request.product} de façon sincère, avec vos mots et votre regard.",
        f"Introduce {request.product} honestly, in your own words and style.",
    )
    messages = key_messages or [
        say(lang, f"Ce que {request.product} change concrètement pour vous", f"What {request.product} actually does for you"),
        say(lang, "Votre avis sincère, y compris ce qui vous a surpris", "Your honest opinion, including what surprised you"),
    ]
    dos = request.dos or [
        say(lang, "Montrer le produit en situation réelle", "Show the product in real use"),
        say(lang, "Garder votre ton habituel", "Keep your usual tone"),
    ]
    donts = request.donts or [
        say(lang, "Décrire un effet que vous n'avez pas constaté vous-même", "Describe an effect you have not seen yourself"),
    ]
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
    t = SECTION_TITLES
    sections = [
        BriefSection(key="context", title=t["context"](lang), paragraphs=[draft.context], bullets=_context_facts(request, book)),
        BriefSection(key="goal", title=t["goal"](lang), paragraphs=[draft.goal]),
        BriefSection(key="key_messages", title=t["key_messages"](lang), bullets=draft.key_messages),
        BriefSection(key="deliverables", title=t["deliverables"](lang), bullets=_deliverables(request, book)),
        BriefSection(key="dos_donts", title=t["dos_donts"](lang), bullets=_dos_donts(draft, request, book)),
        BriefSection(key="compensation", title=t["compensation"](lang), bullets=_compensation(request, book)),
        BriefSection(key="usage_rights", title=t["usage_rights"](lang), bullets=_usage_rights(request, book)),
        BriefSection(key="approvals", title=t["approvals"](lang), bullets=_approvals(request)),
    ]
    if dropped:
        sections.append(BriefSection(key="watch_outs", title=t["watch_outs"](lang), bullets=dropped))
    sections += disclosure_sections(request, book)
    sections += example_sections(request, draft.example_captions, book)
    title = say(lang, f"Brief créateurs — {request.brand} · {request.product}", f"Creator brief — {request.brand} · {request.product}")
    return Brief(
        request=request,
        markdown=render_markdown(title, sections),
        example_captions=draft.example_captions,
        mode=mode,
        title=title,
        sections=sections,
    )


_DEFAULT_DELIVERABLES = {
    "instagram": Text(fr="1 publication Instagram (photo ou carrousel) et 3 stories", en="1 Instagram post (photo or carousel) and 3 stories"),
    "tiktok": Text(fr="1 vidéo TikTok de 30 à 60 secondes", en="1 TikTok video, 30 to 60 seconds"),
    "youtube": Text(fr="1 intégration de 60 à 90 secondes dans une vidéo YouTube", en="1 integration of 60 to 90 seconds in a YouTube video"),
}


def _category_name(request: BriefRequest, book: RuleBook) -> str | None:
    category = book.resolve_category(request.product_category)
    if category and category != "other":
        return book.vocabulary.categories[category].name(request.language)
    return request.product_category


def _context_facts(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    facts = [
        say(lang, "Marque : ", "Brand: ") + request.brand,
        say(lang, "Produit : ", "Product: ") + request.product,
    ]
    category = _category_name(request, book)
    if category:
        facts.append(say(lang, "Catégorie : ", "Category: ") + category)
    if request.niche:
        facts.append(say(lang, "Niche : ", "Niche: ") + request.niche)
    facts.append(say(lang, "Plateformes : ", "Platforms: ") + ", ".join(book.platforms[p].name for p in request.platforms))
    facts.append(say(lang, "Juridictions : ", "Jurisdictions: ") + ", ".join(book[c].name(lang) for c in request.jurisdictions))
    if request.creators:
        facts.append(say(lang, "Créateurs : ", "Creators: ") + ", ".join(c if c.startswith("@") else f"@{c}" for c in request.creators))
    return facts


def _deliverables(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = list(request.deliverables) or [
        _DEFAULT_DELIVERABLES[p](lang)
        if p in _DEFAULT_DELIVERABLES
        else say(lang, f"1 publication {book.platforms[p].name}", f"1 {book.platforms[p].name} post")
        for p in request.platforms
    ]
    start, end = request.start_date, request.end_date
    if start and end:
        items.append(say(lang, f"Publication entre le {_day(start, lang)} et le {_day(end, lang)}", f"Publish between {_day(start, lang)} and {_day(end, lang)}"))
    elif start:
        items.append(say(lang, f"Publication à partir du {_day(start, lang)}", f"Publish from {_day(start, lang)}"))
    elif end:
        items.append(say(lang, f"Publication au plus tard le {_day(end, lang)}", f"Publish by {_day(end, lang)}"))
    else:
        items.append(say(lang, "Dates de publication à confirmer", "Publication dates to be confirmed"))
    return items


def _day(day: date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _dos_donts(draft: CreativeDraft, request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    do, dont = say(lang, "À faire : ", "Do: "), say(lang, "À éviter : ", "Don't: ")
    items = [do + item for item in draft.dos] + [dont + item for item in draft.donts]
    if request.compensation != "none":
        items.append(do + say(
            lang,
            "Mettre la mention de transparence au tout début de chaque contenu, dans la langue indiquée (voir Obligations de transparence)",
            "Put the disclosure label at the very start of every piece of content, in the language given (see Disclosure requirements)",
        ))
        items.append(dont + say(
            lang,
            "Compter sur l'outil « partenariat » de la plateforme seul, ni sur #sp, #collab ou un simple merci",
            "Rely on the platform's partnership tool alone, or on #sp, #collab or a plain thank-you",
        ))
    items.append(dont + say(
        lang,
        "Promettre un effet santé, minceur ou financier : ne dites que ce que vous avez constaté",
        "Promise health, slimming or financial results: only say what you have experienced",
    ))
    return items


def _compensation(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = [say(lang, "Type : ", "Type: ") + COMPENSATION_NAMES[request.compensation](lang)]
    if request.budget is not None:
        items.append(say(lang, "Budget : ", "Budget: ") + _amount(request.budget, lang) + f" {request.currency}")
    items.append(say(
        lang,
        "Tout avantage (produit, invitation, commission) compte comme contrepartie pour la transparence.",
        "Any benefit (product, invitation, commission) counts as compensation for disclosure purposes.",
    ))
    return items


def _amount(value: float, lang: str) -> str:
    """3000 -> "3 000" (fr) or "3,000" (en); cents only when there are some."""
    text = f"{value:,.2f}".removesuffix(".00")
    return text.replace(",", " ").replace(".", ",") if lang == "fr" else text


def _usage_rights(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = [request.usage_rights or say(
        lang,
        "À préciser au contrat : durée, supports, territoires, retouches permises et mention de l'auteur.",
        "To set in the contract: duration, media, territories, permitted edits and credit.",
    )]
    for code in request.jurisdictions:
        contract = book[code].contract
        if contract:
            items.append(book[code].name(lang) + say(lang, " : ", ": ") + contract.text(lang))
    return items


def _approvals(request: BriefRequest) -> list[str]:
    lang = request.language
    return list(request.approval_steps) or [
        say(lang, "Brouillon (texte et visuel) envoyé 5 jours ouvrés avant publication", "Draft (text and visual) sent 5 working days before publication"),
        say(lang, "Légende vérifiée avec « relais check » (mention, langue, emplacement)", "Caption checked with \"relais check\" (label, language, placement)"),
        say(lang, "Validation écrite de la marque avant publication", "Written approval from the brand before publication"),
    ]


# Disclosure section (from the rules only) -------------------------------------------------------

