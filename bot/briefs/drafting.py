"""Draft a creator brief whose disclosure section comes from the rules, never from a model.

``draft_brief`` refuses a prohibited promotion (raising ``BriefRefused`` with the reason and
the reference), then builds the brief: creative sections (context, goal, key messages, do and
don't) from a template, or from the optional LLM; and the "Disclosure requirements" section
from the rule data for each jurisdiction x platform x compensation, with an example caption per
jurisdiction and platform that ``check_caption`` finds compliant.

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
    LANGUAGE_NAMES,
    check_caption,
    find_labels,
    resolve_platform,
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
from bot.briefs.rules import JurisdictionRules, RuleBook, Text, default_rules
from knowledge.text import fold_with_offsets

log = logging.getLogger(__name__)

MAX_LIST_ITEMS = 8
VIDEO_PLATFORMS = {"tiktok": "video", "youtube": "video", "twitch": "live"}


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
            watch_outs.append(_say(lang, f"« {message} » retiré : ", f"\"{message}\" removed: ") + problems[0].message)
        else:
            kept.append(message)
    for text in filter(None, (request.product, request.campaign_goal)):
        problems = [issue for code in request.jurisdictions for issue in _claim_errors(text, code, request, book)]
        if problems:
            watch_outs.append(_say(lang, f"« {text} » à reformuler : ", f"\"{text}\" to reword: ") + problems[0].message)
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
        result = check_caption(_caption_request(caption, code, platform, request), book, language=request.language)
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


def _caption_request(caption: str, code: str, platform: str, request: BriefRequest) -> CaptionCheckRequest:
    return CaptionCheckRequest(
        caption=caption,
        jurisdiction=code,
        platform=platform,
        media=VIDEO_PLATFORMS.get(platform, "post"),
        compensation=request.compensation,
        product_category=request.product_category,
        brand=request.brand,
    )


# Template ---------------------------------------------------------------------------------------


def _template_draft(request: BriefRequest, key_messages: list[str], book: RuleBook) -> CreativeDraft:
    lang = request.language
    category = _category_name(request, book)
    niche = request.niche or _say(lang, "leur communauté", "their communities")
    context = _say(
        lang,
        f"{request.brand} travaille avec des créateurs pour faire connaître {request.product}"
        f"{f' ({category})' if category else ''} auprès de {niche}.",
        f"{request.brand} is working with creators to introduce {request.product}"
        f"{f' ({category})' if category else ''} to {niche}.",
    )
    goal = request.campaign_goal or _say(
        lang,
        f"Faire découvrir {request.product} de façon sincère, avec vos mots et votre regard.",
        f"Introduce {request.product} honestly, in your own words and style.",
    )
    messages = key_messages or [
        _say(lang, f"Ce que {request.product} change concrètement pour vous", f"What {request.product} actually does for you"),
        _say(lang, "Votre avis sincère, y compris ce qui vous a surpris", "Your honest opinion, including what surprised you"),
    ]
    dos = request.dos or [
        _say(lang, "Montrer le produit en situation réelle", "Show the product in real use"),
        _say(lang, "Garder votre ton habituel", "Keep your usual tone"),
    ]
    donts = request.donts or [
        _say(lang, "Décrire un effet que vous n'avez pas constaté vous-même", "Describe an effect you have not seen yourself"),
    ]
    captions = {}
    for code in request.jurisdictions:
        for platform in request.platforms:
            captions[f"{code}/{platform}"] = example_caption(request, code, platform, key_messages, book)
    return CreativeDraft(context=context, goal=goal, key_messages=messages, dos=dos, donts=donts, example_captions=captions)


_CAPTION_BODY = {
    "fr": "J'ai testé {product} de {handle} pendant deux semaines{message}.",
    "en": "I tried {product} from {handle} for two weeks{message}.",
    "de": "Ich habe {product} von {handle} zwei Wochen lang getestet{message}.",
    "nl": "Ik heb {product} van {handle} twee weken lang getest{message}.",
    "es": "He probado {product} de {handle} durante dos semanas{message}.",
    "it": "Ho provato {product} di {handle} per due settimane{message}.",
}


_THIS_PRODUCT = {"fr": "ce produit", "en": "this product", "de": "dieses Produkt", "nl": "dit product", "es": "este producto", "it": "questo prodotto"}


def caption_language(rules: JurisdictionRules, brief_language: str) -> str:
    return brief_language if brief_language in rules.caption_languages else rules.caption_languages[0]


def example_caption(request: BriefRequest, code: str, platform: str, key_messages: list[str], book: RuleBook) -> str:
    """A caption for this jurisdiction and platform that the checker finds compliant."""
    rules = book[code]
    language = caption_language(rules, request.language)
    label = rules.suggestion[language][request.compensation] if request.compensation != "none" else ""
    handle = brand_handle(request.brand)
    # The brief's own key message makes the example concrete, when it reads in the caption's
    # language; without it, or without the product's name (a name can carry a claim), the
    # plainest caption still passes.
    candidates = [(request.product, ""), (_THIS_PRODUCT[language], "")]
    if key_messages and language == request.language:
        candidates.insert(0, (request.product, (" : " if language == "fr" else ": ") + key_messages[0].rstrip(".! ")))
    for product, message in candidates:
        body = _CAPTION_BODY[language].format(product=product, handle=handle, message=message)
        caption = f"{label}\n{body}" if label else body
        result = check_caption(_caption_request(caption, code, platform, request), book)
        if not result.compliant and result.suggested_caption:
            caption = result.suggested_caption  # e.g. the Loi Evin health message
            result = check_caption(_caption_request(caption, code, platform, request), book)
        if result.compliant:
            return caption
    raise RuntimeError(f"no compliant example caption for {code}/{platform}: {[i.code for i in result.issues]}")


def brand_handle(brand: str) -> str:
    return "@" + (re.sub(r"[^\w.]", "", fold(brand)) or "brand")


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
    t = _TITLES
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
    sections += _example_sections(request, draft.example_captions, book)
    title = _say(lang, f"Brief créateurs — {request.brand} · {request.product}", f"Creator brief — {request.brand} · {request.product}")
    return Brief(
        request=request,
        markdown=render_markdown(title, sections),
        example_captions=draft.example_captions,
        mode=mode,
        title=title,
        sections=sections,
    )


_TITLES = {
    "context": Text(fr="Contexte", en="Context"),
    "goal": Text(fr="Objectif", en="Goal"),
    "key_messages": Text(fr="Messages clés", en="Key messages"),
    "deliverables": Text(fr="Livrables et calendrier", en="Deliverables and timeline"),
    "dos_donts": Text(fr="À faire / À éviter", en="Do and don't"),
    "compensation": Text(fr="Rémunération", en="Compensation"),
    "usage_rights": Text(fr="Droits d'utilisation", en="Usage rights"),
    "approvals": Text(fr="Validation", en="Approvals"),
    "watch_outs": Text(fr="Points de vigilance", en="Watch-outs"),
    "disclosure": Text(fr="Obligations de transparence", en="Disclosure requirements"),
    "examples": Text(fr="Exemples de légendes conformes", en="Example captions (checked)"),
}
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
        _say(lang, "Marque : ", "Brand: ") + request.brand,
        _say(lang, "Produit : ", "Product: ") + request.product,
    ]
    category = _category_name(request, book)
    if category:
        facts.append(_say(lang, "Catégorie : ", "Category: ") + category)
    if request.niche:
        facts.append(_say(lang, "Niche : ", "Niche: ") + request.niche)
    facts.append(_say(lang, "Plateformes : ", "Platforms: ") + ", ".join(book.platforms[p].name for p in request.platforms))
    facts.append(_say(lang, "Juridictions : ", "Jurisdictions: ") + ", ".join(book[c].name(lang) for c in request.jurisdictions))
    if request.creators:
        facts.append(_say(lang, "Créateurs : ", "Creators: ") + ", ".join(c if c.startswith("@") else f"@{c}" for c in request.creators))
    return facts


def _deliverables(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = list(request.deliverables) or [
        _DEFAULT_DELIVERABLES[p](lang)
        if p in _DEFAULT_DELIVERABLES
        else _say(lang, f"1 publication {book.platforms[p].name}", f"1 {book.platforms[p].name} post")
        for p in request.platforms
    ]
    start, end = request.start_date, request.end_date
    if start and end:
        items.append(_say(lang, f"Publication entre le {_day(start, lang)} et le {_day(end, lang)}", f"Publish between {_day(start, lang)} and {_day(end, lang)}"))
    elif start:
        items.append(_say(lang, f"Publication à partir du {_day(start, lang)}", f"Publish from {_day(start, lang)}"))
    elif end:
        items.append(_say(lang, f"Publication au plus tard le {_day(end, lang)}", f"Publish by {_day(end, lang)}"))
    else:
        items.append(_say(lang, "Dates de publication à confirmer", "Publication dates to be confirmed"))
    return items


def _day(day: date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _dos_donts(draft: CreativeDraft, request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    do, dont = _say(lang, "À faire : ", "Do: "), _say(lang, "À éviter : ", "Don't: ")
    items = [do + item for item in draft.dos] + [dont + item for item in draft.donts]
    if request.compensation != "none":
        items.append(do + _say(
            lang,
            "Mettre la mention de transparence au tout début de chaque contenu, dans la langue indiquée (voir Obligations de transparence)",
            "Put the disclosure label at the very start of every piece of content, in the language given (see Disclosure requirements)",
        ))
        items.append(dont + _say(
            lang,
            "Compter sur l'outil « partenariat » de la plateforme seul, ni sur #sp, #collab ou un simple merci",
            "Rely on the platform's partnership tool alone, or on #sp, #collab or a plain thank-you",
        ))
    items.append(dont + _say(
        lang,
        "Promettre un effet santé, minceur ou financier : ne dites que ce que vous avez constaté",
        "Promise health, slimming or financial results: only say what you have experienced",
    ))
    return items


def _compensation(request: BriefRequest, book: RuleBook) -> list[str]:
    lang = request.language
    items = [_say(lang, "Type : ", "Type: ") + COMPENSATION_NAMES[request.compensation](lang)]
    if request.budget is not None:
        items.append(_say(lang, "Budget : ", "Budget: ") + _amount(request.budget, lang) + f" {request.currency}")
    items.append(_say(
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
    items = [request.usage_rights or _say(
        lang,
        "À préciser au contrat : durée, supports, territoires, retouches permises et mention de l'auteur.",
        "To set in the contract: duration, media, territories, permitted edits and credit.",
    )]
    for code in request.jurisdictions:
        contract = book[code].contract
        if contract:
            items.append(book[code].name(lang) + _say(lang, " : ", ": ") + contract.text(lang))
    return items


def _approvals(request: BriefRequest) -> list[str]:
    lang = request.language
    return list(request.approval_steps) or [
        _say(lang, "Brouillon (texte et visuel) envoyé 5 jours ouvrés avant publication", "Draft (text and visual) sent 5 working days before publication"),
        _say(lang, "Légende vérifiée avec « relais check » (mention, langue, emplacement)", "Caption checked with \"relais check\" (label, language, placement)"),
        _say(lang, "Validation écrite de la marque avant publication", "Written approval from the brand before publication"),
    ]


# Disclosure section (from the rules only) -------------------------------------------------------


def disclosure_sections(request: BriefRequest, book: RuleBook | None = None) -> list[BriefSection]:
    """The "Disclosure requirements" section and one sub-section per jurisdiction."""
    book = book or default_rules()
    lang = request.language
    intro = _say(
        lang,
        "Cette section est produite à partir des règles de Relais, pas par un modèle de langage. "
        "Chaque règle cite sa source ; celles marquées « à vérifier » n'ont pas pu être confirmées. "
        "Ce n'est pas un avis juridique.",
        "This section is generated from Relais's rules, not by a language model. "
        "Each rule cites its source; those marked \"uncertain\" could not be confirmed. "
        "This is not legal advice.",
    )
    sections = [BriefSection(key="disclosure", title=_TITLES["disclosure"](lang), paragraphs=[intro])]
    for code in request.jurisdictions:
        sections.append(_jurisdiction_section(request, code, book))
    return sections


def _jurisdiction_section(request: BriefRequest, code: str, book: RuleBook) -> BriefSection:
    """What one jurisdiction asks for this compensation, each point with its sources."""
    lang = request.language
    rules = book[code]
    compensation = request.compensation
    colon = _say(lang, " : ", ": ")
    required = compensation != "none" and rules.compensation[compensation].required
    bullets: list[str] = []
    cited: list[tuple[str, list[str]]] = []  # (jurisdiction whose sources, source ids)
    if required:
        bullets += [
            _say(lang, "Obligation", "Requirement") + colon + rules.disclosure.text(lang),
            _say(lang, "Mention à utiliser", "Label to use") + colon + _labels_to_use(rules, compensation, lang),
            _say(lang, "Où la placer", "Where") + colon + rules.placement.text(lang),
            _say(lang, "Langue", "Language") + colon + rules.language.text(lang),
            _say(lang, "Stories", "Stories") + colon + rules.placement.story(lang),
            _say(lang, "Vidéo (reels, TikTok, YouTube)", "Video (reels, TikTok, YouTube)") + colon + rules.placement.video(lang),
            _say(lang, "Live", "Live") + colon + rules.placement.live(lang),
            _say(lang, "Outil de la plateforme", "Platform tool") + colon + rules.platform_tool.text(lang),
        ]
        cited.append((code, rules.disclosure.sources + rules.placement.sources + rules.language.sources + rules.platform_tool.sources))
        quoted = [f"« {a.text} »" if lang == "fr" else f"\"{a.text}\"" for a in rules.ambiguous[:10]]
        bullets.append(_say(lang, "Insuffisant ici", "Not enough here") + colon + ", ".join(quoted))
    bullets.append(_say(lang, "Contrepartie", "Compensation") + f" ({COMPENSATION_NAMES[compensation](lang)}){colon}" + rules.compensation[compensation].text(lang))
    cited.append((code, rules.compensation[compensation].sources))
    for image in rules.image_labels.values():
        bullets.append(f"« {image.suggestion} »{colon}{image.text(lang)}")
        cited.append((code, image.sources))
    category = book.resolve_category(request.product_category)
    for origin, rule in book.promotion_rules(code, "restricted"):
        if category and category in rule.categories:
            bullets.append(_say(lang, "Catégorie réglementée", "Restricted category") + colon + rule.message(lang))
            cited.append((origin, rule.sources))
    bullets.append(_say(lang, "Mineurs", "Minors") + colon + rules.minors.text(lang))
    cited.append((code, rules.minors.sources))
    sources = dict.fromkeys(line for origin, ids in cited for line in book.source_lines(origin, ids, lang))
    bullets += [_say(lang, "Source", "Source") + colon + line for line in sources]
    table = _platform_table(request, rules, book) if required else []
    return BriefSection(key=f"disclosure/{code}", title=f"{rules.name(lang)} ({code})", level=3, bullets=bullets, table=table)


def _labels_to_use(rules: JurisdictionRules, compensation: str, lang: str) -> str:
    """« #ad #gifted » (post in English) ; « #pub – produit offert » (post in French)."""
    several = len(rules.caption_languages) > 1
    return " ; ".join(
        f"« {rules.suggestion[language][compensation]} »"
        + (f" ({_say(lang, 'post en ', 'post in ')}{LANGUAGE_NAMES[language](lang)})" if several else "")
        for language in rules.caption_languages
    )


def _platform_table(request: BriefRequest, rules: JurisdictionRules, book: RuleBook) -> list[list[str]]:
    """One row per platform: the label, how far down it may go, and whether the tool is enough."""
    lang = request.language
    label = rules.suggestion[caption_language(rules, lang)][request.compensation]
    rows = [[_say(lang, "Plateforme", "Platform"), _say(lang, "Mention", "Label"), _say(lang, "Emplacement", "Placement"), _say(lang, "Outil de la plateforme", "Platform tool")]]
    for platform_id in request.platforms:
        platform = book.platforms[platform_id]
        tool = platform.tool(lang) if platform.tool else _say(lang, "aucun outil connu", "no known tool")
        if platform_id in rules.platform_tool.sufficient_on:
            verdict = _say(lang, "suffit seul ici", "enough on its own here")
        else:
            verdict = _say(lang, "à utiliser en plus, ne suffit pas seul", "use it as well; not enough on its own")
        placement = _say(
            lang,
            f"dans les {platform.fold_chars} premiers caractères et les {platform.fold_lines} premières lignes, avant « plus »",
            f"within the first {platform.fold_chars} characters and {platform.fold_lines} lines, before \"more\"",
        )
        rows.append([platform.name, label, placement, tool + _say(lang, " : ", ": ") + verdict])
    return rows


def _example_sections(request: BriefRequest, captions: dict[str, str], book: RuleBook) -> list[BriefSection]:
    lang = request.language
    sections = [BriefSection(
        key="examples",
        title=_TITLES["examples"](lang),
        paragraphs=[_say(
            lang,
            "Chaque exemple a été vérifié par le contrôleur de Relais pour sa juridiction et sa plateforme.",
            "Each example was checked by Relais's checker for its jurisdiction and platform.",
        )],
    )]
    for key, caption in captions.items():
        code, platform = key.split("/", 1)
        result = check_caption(_caption_request(caption, code, platform, request), book, language=lang)
        notes = [issue.message for issue in result.issues if issue.severity == "warning"]
        sections.append(BriefSection(
            key=f"example/{key}",
            title=f"{book[code].name(lang)} · {book.platforms[platform].name}",
            level=3,
            quotes=[caption],
            bullets=notes,
        ))
    return sections


def _say(language: str, fr: str, en: str) -> str:
    return fr if language == "fr" else en
