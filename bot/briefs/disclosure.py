"""The disclosure part of a brief: what each jurisdiction requires of the label, per platform,
and example captions that pass the caption checker. Built from the rule data only; this module
imports no model code, so the legal part of a brief never comes from an LLM
(bot.briefs.drafting writes the creative part, with or without one)."""

from __future__ import annotations

import re

from bot.briefs.checker import COMPENSATION_NAMES, LANGUAGE_NAMES, check_caption
from bot.briefs.matching import fold
from bot.briefs.models import BriefRequest, BriefSection, CaptionCheckRequest
from bot.briefs.rules import JurisdictionRules, RuleBook, Text, default_rules, say

VIDEO_PLATFORMS = {"tiktok": "video", "youtube": "video", "twitch": "live"}

SECTION_TITLES = {
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
    intro = say(
        lang,
        "Cette section est produite à partir des règles de Relais, pas par un modèle de langage. "
        "Chaque règle cite sa source ; celles marquées « à vérifier » n'ont pas pu être confirmées. "
        "Ce n'est pas un avis juridique.",
        "This section is generated from Relais's rules, not by a language model. "
        "Each rule cites its source; those marked \"uncertain\" could not be confirmed. "
        "This is not legal advice.",
    )
    sections = [BriefSection(key="disclosure", title=SECTION_TITLES["disclosure"](lang), paragraphs=[intro])]
    for code in request.jurisdictions:
        sections.append(_jurisdiction_section(request, code, book))
    return sections


def _jurisdiction_section(request: BriefRequest, code: str, book: RuleBook) -> BriefSection:
    """What one jurisdiction asks for this compensation, each point with its sources."""
    lang = request.language
    rules = book[code]
    compensation = request.compensation
    colon = say(lang, " : ", ": ")
    required = compensation != "none" and rules.compensation[compensation].required
    bullets: list[str] = []
    cited: list[tuple[str, list[str]]] = []  # (jurisdiction whose sources, source ids)
    if required:
        bullets += [
            say(lang, "Obligation", "Requirement") + colon + rules.disclosure.text(lang),
            say(lang, "Mention à utiliser", "Label to use") + colon + _labels_to_use(rules, compensation, lang),
            say(lang, "Où la placer", "Where") + colon + rules.placement.text(lang),
            say(lang, "Langue", "Language") + colon + rules.language.text(lang),
            say(lang, "Stories", "Stories") + colon + rules.placement.story(lang),
            say(lang, "Vidéo (reels, TikTok, YouTube)", "Video (reels, TikTok, YouTube)") + colon + rules.placement.video(lang),
            say(lang, "Live", "Live") + colon + rules.placement.live(lang),
            say(lang, "Outil de la plateforme", "Platform tool") + colon + rules.platform_tool.text(lang),
        ]
        cited.append((code, rules.disclosure.sources + rules.placement.sources + rules.language.sources + rules.platform_tool.sources))
        quoted = [f"« {a.text} »" if lang == "fr" else f"\"{a.text}\"" for a in rules.ambiguous[:10]]
        bullets.append(say(lang, "Insuffisant ici", "Not enough here") + colon + ", ".join(quoted))
    bullets.append(say(lang, "Contrepartie", "Compensation") + f" ({COMPENSATION_NAMES[compensation](lang)}){colon}" + rules.compensation[compensation].text(lang))
    cited.append((code, rules.compensation[compensation].sources))
    for image in rules.image_labels.values():
        bullets.append(f"« {image.suggestion} »{colon}{image.text(lang)}")
        cited.append((code, image.sources))
    category = book.resolve_category(request.product_category)
    for origin, rule in book.promotion_rules(code, "restricted"):
        if category and category in rule.categories:
            bullets.append(say(lang, "Catégorie réglementée", "Restricted category") + colon + rule.message(lang))
            cited.append((origin, rule.sources))
    bullets.append(say(lang, "Mineurs", "Minors") + colon + rules.minors.text(lang))
    cited.append((code, rules.minors.sources))
    sources = dict.fromkeys(line for origin, ids in cited for line in book.source_lines(origin, ids, lang))
    bullets += [say(lang, "Source", "Source") + colon + line for line in sources]
    table = _platform_table(request, rules, book) if required else []
    return BriefSection(key=f"disclosure/{code}", title=f"{rules.name(lang)} ({code})", level=3, bullets=bullets, table=table)


def _labels_to_use(rules: JurisdictionRules, compensation: str, lang: str) -> str:
    """« #ad #gifted » (post in English) ; « #pub – produit offert » (post in French)."""
    several = len(rules.caption_languages) > 1
    return " ; ".join(
        f"« {rules.suggestion[language][compensation]} »"
        + (f" ({say(lang, 'post en ', 'post in ')}{LANGUAGE_NAMES[language](lang)})" if several else "")
        for language in rules.caption_languages
    )


def _platform_table(request: BriefRequest, rules: JurisdictionRules, book: RuleBook) -> list[list[str]]:
    """One row per platform: the label, how far down it may go, and whether the tool is enough."""
    lang = request.language
    label = rules.suggestion[caption_language(rules, lang)][request.compensation]
    rows = [[say(lang, "Plateforme", "Platform"), say(lang, "Mention", "Label"), say(lang, "Emplacement", "Placement"), say(lang, "Outil de la plateforme", "Platform tool")]]
    for platform_id in request.platforms:
        platform = book.platforms[platform_id]
        tool = platform.tool(lang) if platform.tool else say(lang, "aucun outil connu", "no known tool")
        if platform_id in rules.platform_tool.sufficient_on:
            verdict = say(lang, "suffit seul ici", "enough on its own here")
        else:
            verdict = say(lang, "à utiliser en plus, ne suffit pas seul", "use it as well; not enough on its own")
        placement = say(
            lang,
            f"dans les {platform.fold_chars} premiers caractères et les {platform.fold_lines} premières lignes, avant « plus »",
            f"within the first {platform.fold_chars} characters and {platform.fold_lines} lines, before \"more\"",
        )
        rows.append([platform.name, label, placement, tool + say(lang, " : ", ": ") + verdict])
    return rows


def example_sections(request: BriefRequest, captions: dict[str, str], book: RuleBook) -> list[BriefSection]:
    lang = request.language
    sections = [BriefSection(
        key="examples",
        title=SECTION_TITLES["examples"](lang),
        paragraphs=[say(
            lang,
            "Chaque exemple a été vérifié par le contrôleur de Relais pour sa juridiction et sa plateforme.",
            "Each example was checked by Relais's checker for its jurisdiction and platform.",
        )],
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
