"""The disclosure part of a brief: what each jurisdiction requires of the label, per platform,
and example captions that pass the caption checker. Built from the rule data only; this module
imports no model code, so the legal part of a brief never comes from an LLM
(bot.briefs.drafting writes the creative part, with or without one)."""

from __future__ import annotations

import re

from bot.briefs.checker import check_caption
from bot.briefs.matching import fold
from bot.briefs.models import BriefRequest, BriefSection, CaptionCheckRequest
from bot.briefs.rules import JurisdictionRules, RuleBook, default_rules
from bot.briefs.wording import wording

VIDEO_PLATFORMS = {"tiktok": "video", "youtube": "video", "twitch": "live"}


def caption_check_request(caption: str, code: str, platform: str, request: BriefRequest) -> CaptionCheckRequest:
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
        result = check_caption(caption_check_request(caption, code, platform, request), book)
        if not result.compliant and result.suggested_caption:
            caption = result.suggested_caption  # e.g. the Loi Evin health message
            result = check_caption(caption_check_request(caption, code, platform, request), book)
        if result.compliant:
            return caption
    raise RuntimeError(f"no compliant example caption for {code}/{platform}: {[i.code for i in result.issues]}")


def brand_handle(brand: str) -> str:
    return "@" + (re.sub(r"[^\w.]", "", fold(brand)) or "brand")


def disclosure_sections(request: BriefRequest, book: RuleBook | None = None) -> list[BriefSection]:
    """The "Disclosure requirements" section and one sub-section per jurisdiction."""
    book = book or default_rules()
    lang = request.language
    intro = wording("disclosure.intro", lang)
    sections = [BriefSection(key="disclosure", title=wording("section.disclosure", lang), paragraphs=[intro])]
    for code in request.jurisdictions:
        sections.append(_jurisdiction_section(request, code, book))
    return sections


def _jurisdiction_section(request: BriefRequest, code: str, book: RuleBook) -> BriefSection:
    """What one jurisdiction asks for this compensation, each point with its sources."""
    lang = request.language
    rules = book[code]
    compensation = request.compensation
    required = compensation != "none" and rules.compensation[compensation].required
    bullets: list[str] = []
    cited: list[tuple[str, list[str]]] = []  # (jurisdiction whose sources, source ids)
    if required:
        bullets += [
            wording("disclosure.bullets.requirement", lang, rule=rules.disclosure.text(lang)),
            wording("disclosure.bullets.label_to_use", lang, labels=_labels_to_use(rules, compensation, lang)),
            wording("disclosure.bullets.where", lang, rule=rules.placement.text(lang)),
            wording("disclosure.bullets.language", lang, rule=rules.language.text(lang)),
            wording("disclosure.bullets.stories", lang, rule=rules.placement.story(lang)),
            wording("disclosure.bullets.video", lang, rule=rules.placement.video(lang)),
            wording("disclosure.bullets.live", lang, rule=rules.placement.live(lang)),
            wording("disclosure.bullets.platform_tool", lang, rule=rules.platform_tool.text(lang)),
        ]
        cited.append((code, rules.disclosure.sources + rules.placement.sources + rules.language.sources + rules.platform_tool.sources))
        quoted = ", ".join(wording("disclosure.quoted_label", lang, label=a.text) for a in rules.ambiguous[:10])
        bullets.append(wording("disclosure.bullets.not_enough", lang, labels=quoted))
    bullets.append(wording(
        "disclosure.bullets.compensation",
        lang,
        compensation=wording(f"compensation.{compensation}", lang),
        rule=rules.compensation[compensation].text(lang),
    ))
    cited.append((code, rules.compensation[compensation].sources))
    for image in rules.image_labels.values():
        bullets.append(wording("disclosure.bullets.image_label", lang, label=image.suggestion, rule=image.text(lang)))
        cited.append((code, image.sources))
    # The category given, else the one the product's name shows ("Biscuits au beurre": food,
    # "Grains de café": plain food), so that category rules apply to that category only.
    category = book.resolve_category(request.product_category) or book.resolve_category(request.product)
    for origin, rule in book.promotion_rules(code, "restricted"):
        if category and category in rule.categories:
            bullets.append(wording("disclosure.bullets.restricted_category", lang, rule=rule.message(lang)))
            cited.append((origin, rule.sources))
    bullets.append(wording("disclosure.bullets.minors", lang, rule=rules.minors.text(lang)))
    cited.append((code, rules.minors.sources))
    sources = dict.fromkeys(line for origin, ids in cited for line in book.source_lines(origin, ids, lang))
    bullets += [wording("disclosure.bullets.source", lang, source=line) for line in sources]
    table = _platform_table(request, rules, book) if required else []
    return BriefSection(key=f"disclosure/{code}", title=f"{rules.name(lang)} ({code})", level=3, bullets=bullets, table=table)


def _labels_to_use(rules: JurisdictionRules, compensation: str, lang: str) -> str:
    """« #ad #gifted » (post in English) ; « #pub – produit offert » (post in French)."""
    several = len(rules.caption_languages) > 1
    return " ; ".join(
        wording(
            "disclosure.label_for_post_language",
            lang,
            label=rules.suggestion[language][compensation],
            language=wording(f"language.{language}", lang),
        )
        if several
        else f"« {rules.suggestion[language][compensation]} »"
        for language in rules.caption_languages
    )


def _platform_table(request: BriefRequest, rules: JurisdictionRules, book: RuleBook) -> list[list[str]]:
    """One row per platform: the label, how far down it may go, and whether the tool is enough."""
    lang = request.language
    label = rules.suggestion[caption_language(rules, lang)][request.compensation]
    header = ("disclosure.table.platform", "disclosure.table.label", "disclosure.table.placement", "disclosure.table.tool")
    rows = [[wording(key, lang) for key in header]]
    for platform_id in request.platforms:
        platform = book.platforms[platform_id]
        tool = platform.tool(lang) if platform.tool else wording("disclosure.table.no_known_tool", lang)
        if platform_id in rules.platform_tool.sufficient_on:
            verdict = wording("disclosure.table.tool_enough", lang)
        else:
            verdict = wording("disclosure.table.tool_not_enough", lang)
        placement = wording(
            "disclosure.table.placement_cell", lang, fold_chars=platform.fold_chars, fold_lines=platform.fold_lines
        )
        rows.append([platform.name, label, placement, wording("disclosure.table.tool_cell", lang, tool=tool, verdict=verdict)])
    return rows


def example_sections(request: BriefRequest, captions: dict[str, str], book: RuleBook) -> list[BriefSection]:
    lang = request.language
    sections = [BriefSection(
        key="examples",
        title=wording("section.examples", lang),
        paragraphs=[wording("disclosure.examples_intro", lang)],
    )]
    for key, caption in captions.items():
        code, platform = key.split("/", 1)
        result = check_caption(caption_check_request(caption, code, platform, request), book, language=lang)
        notes = [issue.message for issue in result.issues if issue.severity == "warning"]
        sections.append(BriefSection(
            key=f"example/{key}",
            title=f"{book[code].name(lang)} · {book.platforms[platform].name}",
            level=3,
            quotes=[caption],
            bullets=notes,
        ))
    return sections
