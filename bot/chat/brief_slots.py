"""What a request for a brief says: the brand, its product and the product's category, platforms,
jurisdictions and how creators are paid, read by rules from one sentence or a form."""

from __future__ import annotations

import re

from pydantic import BaseModel

from bot.briefs.models import COMPENSATIONS, JURISDICTIONS
from bot.briefs.rules import default_rules
from bot.chat.slots import (
    EMOJI,
    JURISDICTION_CODE,
    WHEN,
    Work,
    fold,
    jurisdiction_patterns,
    markets_in,
    other_market,
    platform_patterns,
    platforms_in,
    shortlist_slots,
    tokens,
    words,
)
from knowledge.text import Folded, detect_language, fold_with_offsets
from scoring.query import ENGLISH_FUNCTION_WORDS, is_one_of
from scoring.vocabulary import PLATFORMS

# A brand: capitalised words, maybe joined by "&", "de", "du", "des" or "d'" ("Terre d'Ici", "Kettle & Fern").
_NAME = r"[A-ZÀ-Ý][\w&'’.+-]*(?:(?:\s+(?:(?:&|de|du|des)\s+)?|\s+d['’]|\s+de\s+l['’])[A-ZÀ-Ý][\w&'’.+-]*)*(?:\s+\d{1,4}(?![\w%€$£]|[.,]\d|\s\d{3}|\s?[%€$£]))?"
_BRAND = [
    re.compile(rf"(?i:\b(?:la marque|marque|brand|the brand))\s+(?P<name>{_NAME})"),
    # an agency's client: "a brief for the client Olivares Gourmet", « pour la cliente Maison Ardent »
    re.compile(rf"(?i:\b(?:for|pour)\s+(?:the|our|le|la|notre)\s+client(?:e)?)\s+(?P<name>{_NAME})"),
    # the brand, then "brief": "Prairie Pantry brief — product is…"
    re.compile(rf"^\W*(?P<name>{_NAME})\s+(?i:creator\s+|créateurs?\s+)?(?i:brief)(?:\s+(?i:please|pls|stp|svp))?"
               rf"\s*(?:[—–:-]|$)"),
    # "need a creator brief: Mellow, green tea…", "brief pls: Oakmoss, …", "fais le brief Sucrerie Boréale : …"
    re.compile(rf"(?i:\bbrief)(?:\s+(?i:pls|please|stp|svp|time))?\s*:\s*(?P<name>{_NAME})"),
    re.compile(rf"(?i:\bbrief)\s+(?P<name>{_NAME})\s*(?::|·|\s[—–-]\s|\s*{EMOJI})"),
    # "can you do me a creator brief? Scorch & Smoke, smoked habanero hot sauce, …"
    re.compile(rf"(?i:\bbrief)\s*[?!.]+\s*(?P<name>{_NAME})\s*,"),
    # "Spoke & Sprocket (bike repair, Ottawa) needs a creator brief", "Miel Doré voudrait un brief"
    re.compile(rf"^\W*(?!(?:I|We|On|Je|Nous|My|Our|Ma|Mon|Notre|They|You|Tu|Vous|Il|Elle)\b)(?P<name>{_NAME})"
               rf"\s*(?:\([^)]*\))?\s+(?i:needs?|wants?|would like|is after|is looking for"
               rf"|cherche|veut|voudrait|aimerait|a besoin d'|a besoin de)\s+(?i:a|an|un|d'un|de)\s*(?:\w+\s+)?(?i:brief)"),
    # "We're Maplewood and…", "On est une petite marque de cosmétiques bordelaise, Aube, et…"
    re.compile(rf"(?i:\b(?:we're|we are|on est|nous sommes|chez|here at))\s+(?P<name>{_NAME})"),
    re.compile(rf"(?i:\b(?:marque|brand|company|entreprise|startup))\b[^,.:;!?]{{0,60}}?,\s*(?P<name>{_NAME})\s*,"),
    re.compile(rf"(?i:\b(?:campagne|campaign))\s+(?P<name>{_NAME})"),  # "le brief de la campagne Kaori Thé"
    # the product first, then whose it is: "brief pour la bûche de Noël de Maison Vauclair"
    # the brand first, then the question: "Pour la Confiturerie du Bocq, est-ce qu'on peut préparer un brief ?"
    re.compile(rf"^\W*(?i:pour|for)\s+(?:(?i:la|le|les|l'|the)\s*)?(?P<name>{_NAME})\s*,(?=.*(?i:\bbrief\b))"),
    re.compile(rf"(?i:\bbrief\s+(?:pour|for)\s+(?:la|le|les|l'|the)\s*)(?P<product>[a-zà-ÿ][\w'’ -]*)"
               rf"\s+(?i:de|d'|from|by)\s*(?P<name>{_NAME})"),
    # an e-mail's subject: "Subject: Brief – Pennine Parkin Co.", "Objet : Brief créateurs – Argousia"
    re.compile(rf"(?im:^\s*(?:subject|objet|re|fwd?)\s*:\s*(?:creator |créateurs? |createurs? )?brief(?: créateurs?"
               rf"| createurs?| creators?)?\s*[–—:-]\s*)(?P<name>{_NAME})"),
    # how people who are not marketers name their brand: "la marque s'appelle Mains de Bûcheron", "je
    # représente Tisanes du Val", "we built Tallyo, a…", "sell them on Etsy as Little Hive Crayons",
    # "je suis boulangère (Boulangerie Le Gall)", "une petite siroperie à Herve, Sirop Mosan"
    re.compile(rf"(?i:\b(?:s'appelle|s’appelle|is called|called|named|nommée?|je représente|je represente"
               rf"|nous représentons|i represent|we built|we make|we run|sell them (?:on \w+ )?as))\s+(?P<name>{_NAME})"),
    re.compile(rf"\((?i:marque\s+|brand\s+)?(?P<name>{_NAME})\)"),
    re.compile(rf"(?i:\b(?:petite?|small|little|tiny)\s+[\w-]+(?:\s+(?:à|a|in|en)\s+[\w-]+)?),\s*(?P<name>{_NAME})\s*[,.]"),
    re.compile(rf"(?i:\b(?:brief|campagne|campaign))[\"”»']?(?:-\w+)?(?:\s+\S+){{0,2}}?\s+(?:(?i:pour|pr|for|de|of)\s+|(?i:d')\s*)(?:(?:la|le|l'|les)\s*)?(?P<name>{_NAME})"),
]
_ARTICLE = r"(?:un|une|des|du|de la|de l'|le|la|les|l'|a|an|the|son|sa|ses|leur|leurs|its|their|our|notre|nos)"
_COMPENSATION_WORDS = {
    "gifted": r"produits? offerts?|offerte?s?|cadeaux?|gifted|gift|gifting|dotation|en echange (?:de|du|des) produits?"
              r"|in exchange for (?:the )?products?|gratuite?s?|free (?:products?|samples?|boxes|box|stuff|sets?|kits?|items?"
              r"|pairs?|units?)"
              r"|on (?:leur |les |vous )?offre (?:les|nos|des|le|la|l')|on (?:leur|les) offre|"
              # "les créateurs reçoivent une boîte de pralines", "they keep the poles"
              r"(?:recoivent|recoit|receive|receives|get|gets|keep|keeps|gardent|garde) (?:une|un|des|les|a|an|the"
              r"|their|leur|leurs) (?:[\w'-]+ ){0,2}?(?:boites?|box|boxes|produits?|products?|pairs?|paires?|sets?|kits?"
              r"|coffrets?|poles|bouteilles?|bottles?)(?!\s+(?:plus|\+|and|et|avec)\s+(?:[$€£]|\d))|(?:we )?(?:just |only )?give them (?:the|our)"
              # "les créateurs gardent le jeu", "they keep the board"
              r"|(?:gardent|conservent|keep) (?:le|la|l'|les|the|their|leur|leurs) ?[\w'-]+(?!\s+(?:plus|\+|and|et|avec)\s+(?:[$€£]|\d))"
              r"|(?:just |only )?(?:sending|send|envoie|envoyons|envoyer|ship|shipping) (?:them |leur |les )?(?:(?:the|our"
              r"|des|nos|notre|le|la|les) )?(?:products?|produits?|samples?|echantillons?|boites?|boxes)",
    "paid": r"remunere(?:e?s?)|remuneration|payee?s?|payant|paid|fee|on (?:les |leur )?pa(?:i|y)e|on (?:les |leur )?verse"
            r"|we(?:'re| are)? pay(?:ing)?|we will pay|(?:nous|je) (?:les |leur )?(?:payons|paie|paye|versons|verse)"
            # an amount per post: "300 CHF par vidéo", "$150 per reel"
            r"|(?:[$€£]\s?\d[\d,.' ]*|\d[\d,.' ]*\s?(?:[$€£]|euros?|dollars?|chf|francs?|cad|usd|gbp))\s(?:(?:ht|htva|ttc|hors taxes?)\s)?"
            r"(?:per|par|a|the|pour)"
            r"\s(?:video|videos|post|posts|publication|reel|reels|story|stories|creator|createur|createurs|creatrice)"
            # "the tune-up free plus $150": money on top of the product is a fee
            r"|(?:plus|\+|and|et|avec) (?:[$€£]\s?\d[\d,. ]*|\d[\d,. ]*\s?(?:[$€£]|euros?|dollars?|chf|francs?))",
    "affiliate": r"affiliation|affilie(?:e?s?)|affiliate|affiliates|(?:(?:on )?pa(?:y|i)\w* (?:en |a la |on |by |in )?)?commission"
                 r"|(?:a )?cut of (?:the )?sales|(?:un )?pourcentage (?:des|sur les) ventes|(?:a )?share of (?:the )?sales"
                 # "they earn 12% on sales through their code", "10 % sur les ventes"
                 r"|\d{1,2}(?:[.,]\d)?\s?% (?:on|of|sur(?: les)?|des) (?:(?:each|every|their|the|chaque) )?(?:sales?|ventes?)"
                 r"|\d{1,2}(?:[.,]\d)?\s?% (?:sur|on|of) (?:ce qu'ils|ce qu'elles|what they) (?:vendent|sell)"
                 r"|\d{1,2}(?:[.,]\d)?\s?% affiliate"
                 # "creators earn $20 for every sign-up through their code", "5 € par vente"
                 r"|(?:[$€£]\s?)?\d{1,4}\s?(?:[$€£]|euros?|dollars?)? (?:for|per|par|pour) (?:every |each |chaque )?"
                 r"(?:sign-?ups?|sales?|ventes?|inscriptions?|orders?|commandes?)",
    "event": r"invitation|evenement|event",
}


class BriefSlots(BaseModel):
    brand: str | None = None
    product: str | None = None
    category: str | None = None
    platforms: list[str] = []
    jurisdictions: list[str] = []
    compensation: str | None = None

    def answers(self) -> dict[str, object]:
        """The brief form's answers these slots give (step name -> value)."""
        answers: dict[str, object] = {}
        for field, step in (("brand", "brand"), ("product", "product"), ("category", "product_category"),
                            ("platforms", "platforms"), ("jurisdictions", "jurisdictions"),
                            ("compensation", "compensation")):
            value = getattr(self, field)
            if field == "jurisdictions":  # a market whose rules Relais does not hold is asked again
                value = [code for code in value if code in JURISDICTIONS]
            if value not in (None, []):
                answers[step] = value
        return answers


# "Rémunération : 12 % de commission…": the field's label names no kind of compensation.
_COMPENSATION_LABEL = re.compile(r"(?<![\w])(?:remuneration|contrepartie|compensation|payment|paiement)\s*:")


def compensation_in(text: str) -> str | None:
    folded = _COMPENSATION_LABEL.sub(lambda match: " " * len(match.group()), fold(text))
    found = []
    for value, pattern in _COMPENSATION_WORDS.items():
        for match in re.finditer(rf"(?<![\w])(?:{pattern})(?![\w])", folded):
            if value in COMPENSATIONS and not _NEGATED.search(folded[:match.start()]):
                found.append((match.start(), -len(match.group()), value))  # "payé en commission" is affiliation
                break
    return min(found)[2] if found else None


# "no fee", "no flat fee", "sans rémunération", "pas payés": how creators are not paid.
_NEGATED = re.compile(r"(?<![\w])(?:no|not|sans|without|pas|aucune?|non|zero)(?:\s+(?:de|d'|flat|extra|upfront))?\s*$")


def is_setting(phrase: str) -> bool:
    """A segment that only says where or how ("on instagram", "gifted", "UK"), not what is promoted."""
    rest = Work(phrase)
    for pattern, _ in [*platform_patterns(), *jurisdiction_patterns()]:
        for match in list(pattern.finditer(rest.folded)):
            rest.cut(*match.span())
    for match in list(JURISDICTION_CODE.finditer(rest.text)):
        rest.cut(*match.span())
    folded = rest.folded
    for pattern in _COMPENSATION_WORDS.values():
        for match in list(re.finditer(rf"(?<![\w])(?:{pattern})(?![\w])", folded)):
            rest.cut(*match.span())
    return not [w for w in tokens(rest.text.lower())  # "Thé" is no "the"
                if not is_one_of(w, words("refine")) and w not in _LINKING_VERBS]


# What links a product to where it goes: "dog coats, its for instagram", "c'est pour TikTok".
_LINKING_VERBS = frozenset({"its", "it's", "it", "is", "c'est", "est", "ce", "sont", "will", "be", "seront", "and", "et",
                            "they're", "theyre", "that's", "going", "goes", "gonna", "posting", "posted", "va",
                            "ira", "sera", "publie", "poste"})


# "we make maple butter", "on sort une crème hydratante": the product said where the brand introduces it.
_PRODUCT_INTRO = re.compile(
    r"(?<!qu')(?<!qu’)(?<!que )(?<!that )(?i:\b(?:we make|we sell|we brew|we bake|we(?:'re| are) launching|our new|on sort|on lance|on vend|on fabrique"
    r"|nous lan[cç]ons|nous sortons|notre nouvel(?:le)?|notre nouveau|on fait|nous faisons|we do"
    r"|they make|they sell|ils font|ils vendent|elle fait|elle vend|c'est des|c'est une?|ce sont des|it's an?|it is an?"
    r"|mettre en avant (?:nos|notre)|highlight (?:our|my)|showcase (?:our|my)|promote (?:our|my)"
    r"|c'est (?:leur|leurs|notre|nos)|it'?s (?:their|our)"
    r"|brief (?:pour|for|sur|on|about) (?:notre|nos|our)|it'?s for (?:our|my)|c'est pour (?:nos|notre|mes|ma|mon)"
    # "Product is our 3-day rail package", "il s'agit de notre thé vert", "le lancement de notre crème"
    r"|(?:the )?product is (?:our|my|the|an?)|le produit(?:,)? (?:c'est|est) (?:notre|nos|le|la|les|une?)"
    r"|il s'agit (?:de notre|de nos|d'une?)|(?:le )?lancement (?:de notre|de nos|du|de la)|(?:the )?launch of (?:our|my|the)"
    # what a brand wants known: "je voudrais faire connaître nos galettes des rois en janvier"
    r"|faire connaitre (?:nos|notre|mes|ma|mon)|faire connaître (?:nos|notre|mes|ma|mon)|get the word out about (?:our|my)"
    r"|spread the word about (?:our|my)))\s+(?P<product>[^,;.:!?]+)"
)


_POLITE = re.compile(r"^\s*(?i:svp|stp|please|pls|merci|asap|urgent|thanks)\b\.?")  # "brief for X pls. raw honey"


def _product_after(text: str, end: int) -> str | None:
    rest = _POLITE.sub("", text[end:])  # "brief pour Savonnerie Brume svp, crème de nuit…"
    # "a brief for Maple Hollow? maple fudge, TikTok": the product may follow the question
    rest = re.sub(rf"^\s*{EMOJI}+\ufe0f?", "", rest)  # "Brief Bulles du Léman 🫧 kombucha gingembre-citron · …"
    segment = re.split(r"[,;.:!?·]|\s+[-—–/|]\s+", rest.lstrip(" ,:?!"), maxsplit=1)[0] if rest.strip() else ""
    if not segment.strip():
        return None
    if rest.lstrip().startswith(","):
        segment = re.split(r"[,;.:!?]|\s+[-—–/|]\s+", rest.lstrip()[1:], maxsplit=1)[0]
    return _product_in(segment)


def _product_in(segment: str) -> str | None:
    """The product a segment names, without its article or what it says about where and how."""
    segment = re.sub(r"^[)\]]\s*(?:(?i:et|and)\s+)?", "", segment.strip())  # "(Boulangerie Le Gall) et je…"
    bracketed = re.fullmatch(r"[(\[](.+)[)\]]", segment)  # "Cacaotine (tablettes de chocolat)"
    segment = (bracketed.group(1) if bracketed else segment).strip(" —–-")  # "Runway — leurs baskets"
    segment = re.sub(r"^(?i:pour|for)\s+(?i:nos|notre|our|my|mes|ma|mon)\s+", "", segment)  # "pour nos viennoiseries"
    segment = re.split(r"\s+(?:qu'|qu’|que |which |that we |we sell )", segment, maxsplit=1)[0]  # "qu'on vend dans…"
    segment = re.sub(rf"^(?i:{_ARTICLE})(?:(?<=')|(?![\w]))\s*", "", segment).strip()  # "au Québec" keeps its "a"
    segment = re.sub(r"^(?i:nouve(?:au|aux|l|lle|lles)|new)\s+", "", segment)  # the product, not its novelty
    # Cut where the segment goes on to say where or how: "protein bars on instagram in the UK".
    for match in re.finditer(r"\s(?i:sur|on|en|in|au|aux|for|pour|avec|with|dans)\s", f" {segment} "):
        tail = f" {segment} "[match.end():]
        if is_setting(tail):
            segment = f" {segment} "[:match.start()].strip()
            break
    # A run-on dictated sentence goes on after the product: "spéculoos à l'épeautre sur instagram et
    # tiktok en Belgique les créateurs seront payés", "fudge um it's for tiktok".
    segment = re.split(r"(?i)\s+(?:um+|uh+|euh+|heu|erm)(?![\w'])", segment, maxsplit=1)[0]
    for match in re.finditer(r"\s(?i:sur|on|en|in|au|aux|for|pour)\s", f" {segment} "):
        tail = fold(f" {segment} "[match.end():])
        if any(pattern.match(tail) for pattern, _ in [*platform_patterns(), *jurisdiction_patterns()]):
            segment = f" {segment} "[:match.start()].strip()
            break
    when = WHEN.search(fold(segment))  # "galettes des rois en janvier": when the campaign runs
    if when and when.start() > 0 and when.end() >= len(segment.rstrip()):
        segment = segment[:when.start()].strip()
    place = re.search(r"\s(?:à|a|in|au|near)\s+[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*)*$", segment)
    if place and shortlist_slots(segment[place.start():])[1]:  # "baumes pour les mains à Chicoutimi"
        segment = segment[:place.start()].strip()
    while segment and segment.split()[-1].lower() in _LINKING_VERBS:  # "dog coats its" (for instagram)
        segment = segment.rsplit(None, 1)[0] if len(segment.split()) > 1 else ""
    bracketed = re.fullmatch(r"[(\[](.+)[)\]]", segment)  # "Kaori Thé (thé vert en vrac) pour Instagram"
    segment = bracketed.group(1).strip() if bracketed else segment
    segment = re.sub(r"(?i)\s+(?:svp|stp|please|pls|plz|merci|thanks|asap)$", "", segment)  # "heated insoles pls"
    segment = re.sub(r"(?i)\s*\((?:marque|brand)\s[^)]*\)$", "", segment)  # "crème mains (marque Maison Quessoy)"
    # the campaign it is for: "mince pies for the Christmas push", "pour la campagne de Noël"
    segment = re.sub(r"(?i)\s+(?:for (?:the|our|a)|pour (?:la|le|notre))\s[\w' -]{0,30}?"
                     r"(?:push|campaign|launch|season|rush|drop|sales?|campagne|lancement|saison|soldes|opening|store|shop"
                     r"|club|gym|studio|branch|site|location|ouverture|magasin|boutique|succursale|salle)$", "", segment)
    if not segment or is_setting(segment) or _A_SENTENCE.match(segment):
        return None
    return segment


# What opens with a subject is a sentence, no product: "je te donne le reste des infos cet aprem".
_A_SENTENCE = re.compile(r"(?i)(?:je|j'|j'ai|j'aurai|tu|il|elle|on|nous|vous|i|i'll|i'm|we|we'll|you|he|she|they|c'est|it's|it is"
                         r"|there|thanks|thank you|merci|can|could|peux|pourrais|will|i'll|we'll|je vais|on va"
                         # what is still to come: "rest of the details once the client replies"
                         r"|(?:the )?rest of|le reste|more details|plus de d[ée]tails|details to follow)\s")


def _typed_as_english_word(product: str, norm: Folded, match: re.Match[str]) -> bool:
    """A keyword that folds to an English function word ("thé" -> "the") found where it was typed
    without its accent: "mince pies for the Christmas push" names no tea."""
    typed = product[norm.origin[match.start()]:norm.origin[match.end() - 1] + 1]
    return match.group() in ENGLISH_FUNCTION_WORDS and typed.lower() == match.group()


def category_of(product: str, language: str) -> str | None:
    """The briefs vocabulary's category for a product: its head word decides ("sérum vitamine C" is
    skincare, not a supplement), first in French, last in English."""
    book = default_rules()
    norm = fold_with_offsets(product)
    found = []
    for order, (category_id, category) in enumerate(book.vocabulary.categories.items()):
        for pattern in book.phrase_patterns(category.keywords):
            match = pattern.search(norm.text)
            if match and not _typed_as_english_word(product, norm, match):
                found.append((match.start(), order, category_id))
    if not found:
        return None
    if language == "en":
        # the head is the last word before what follows it: "mince pies for the Christmas push"
        head = re.match(r".*?(?=\s(?:for|with|from|by|to|in|on)\s|$)", norm.text).end()
        before = [f for f in found if f[0] < head] or found
        return max(before, key=lambda f: (f[0], -f[1]))[2]
    return min(found)[2]


# A brief typed as a form: "brand: Oat & About", "produit : sablés au beurre", one per line.
_FIELD_LINE = re.compile(r"(?im)^\W*(?P<field>brand|marque|product|produit)\s*[:=]\s*(?P<value>[^\n]+?)\s*$")
# The same said in passing after a question or a sentence: "… stp ? produit : miel de lavande, insta".
_FIELD_IN_PASSING = re.compile(r"(?i)(?<=[.?!—–|·,/])\s+(?P<field>brand|marque|product|produit)\s*[:=]\s*"
                               r"(?P<value>[^\n,;—–|·/]+?)(?=\.\s|\s/\s|[\n,;—–|·]|\s*$)")


# A brief typed as slash-separated fields: "Moorfield / sea salt crisps / UK / tiktok / affiliate → brief".
_SLASHED = re.compile(r"\s+[/—–-]\s+")  # and dashes: "brief pls - Gripforge - controller grips - tt"


def brief_slots(text: str) -> BriefSlots:
    brand = product = None
    fields = {fold(m.group("field")): m.group("value").strip(" .") for m in _FIELD_IN_PASSING.finditer(text)}
    fields |= {fold(m.group("field")): m.group("value") for m in _FIELD_LINE.finditer(text)}
    brand = fields.get("brand") or fields.get("marque")
    product = fields.get("product") or fields.get("produit")
    product = _product_in(product) or product if product else None  # "Produit : nos bols en grès": no "nos"
    parts = [re.sub(r"(?i)\s*(?:->|=>|→|:|-)?\s*brief\s*$|^\s*brief(?:\s+(?:pls|please|stp|svp))?\s*(?::|->|=>|→|-)?\s*",
                    "", part).strip() for part in _SLASHED.split(text.strip())]
    parts = [part for part in parts if part]  # "brief pls / Gripforge / …": the request itself is no field
    if brand is None and len(parts) >= 3 and re.match(r"[A-ZÀ-Ý]", parts[0]) and not is_setting(parts[0]):
        brand = parts[0]
        product = None if is_setting(parts[1]) else _product_in(parts[1])
    for pattern in _BRAND if brand is None else ():
        match = pattern.search(text)
        if match:
            name = _strip_setting_words(re.split(r"(?<=\w)\.\s+", match.group("name"))[0])  # "…Bûcheron. Peux-tu"
            if name:
                brand = name
                named_first = match.group("product") if "product" in match.re.groupindex else None
                product = product or (_product_in(named_first) if named_first
                                      else _product_after(text, _end_of_brand_phrase(match, name)))
                break
    intro = _PRODUCT_INTRO.search(text)
    if intro and (product is None or not brand or intro.start() > text.find(brand)):
        introduced = _product_in(intro.group("product"))
        if introduced and compensation_in(introduced) is None:  # "it's a paid gig" says how, not what
            product = introduced
    outside_brand = text.replace(brand, " ") if brand else text
    language = detect_language(text) if text.strip() else "en"
    return BriefSlots(
        brand=brand,
        product=product,
        category=category_of(product, language) if product else None,
        platforms=platforms_in(outside_brand),
        jurisdictions=markets_in(outside_brand) or [code for code in [other_market(outside_brand)] if code],
        compensation=compensation_in(outside_brand),
    )


def _end_of_brand_phrase(match: re.Match[str], name: str) -> int:
    """Where the product may start: after what the pattern reads past the name ("Burren Botanicals
    needs a creator brief: seaweed serum"), else right after the name as kept."""
    return match.end() if match.end() > match.end("name") else match.start("name") + len(name)


def _strip_setting_words(name: str) -> str:
    """ "Acme" from "Acme", "Shopmode" from "Shopmode" but not "Instagram" or "France" as a brand."""
    kept = name.split()
    while kept and (is_setting(kept[-1]) or fold(kept[-1]) in PLATFORMS):
        if len(kept) > 2 and fold(kept[-2]) in ("de", "du", "des", "of"):
            break  # "Jardineries du Hainaut": the place is part of the name
        kept.pop()
    return " ".join(kept)
