"""A shortlist request typed in plain words, French or English, into a :class:`ShortlistRequest`.

"cosmétiques naturels, instagram, France, micro, budget 3000 €", "vegan food on tiktok in the UK
under 2k followers, budget 1,500 EUR", "escalade Québec nano", "top 5 gaming creators like
@lea.plays". Recognised, in this order, and cut out of the text: lookalikes (like / comme /
similar to @handle), follower bounds (under / moins de / at least / entre X et Y ... followers or
abonnés; a bare "10k followers" is a minimum), money (with €, EUR, $, £... or after "budget"),
the number of creators (top 5, 5 créateurs), platforms, places (names in FR/EN, ISO codes written
in capitals; "Québec" is Canada in French), languages ("en français", "English-speaking"), tiers.
What is left, minus filler words, is the niche. The reasons will be in the language of the text.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from knowledge.text import detect_language, fold_accents, fold_with_offsets
from scoring.config import read_data
from scoring.models import TIERS, ShortlistRequest
from scoring.niches import expand_niche
from scoring.numbers import (
    CURRENCY_WORD_PATTERN,
    OTHER_DOLLAR,
    NumberError,
    digits_for_spelled_numbers,
    dollar_for,
    parse_money,
    parse_number,
)
from scoring.places import places
from scoring.vocabulary import PLATFORMS

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# No letter may follow an amount, but the "e" phones type for euros ("300e").
_AMOUNT = rf"(?:{_NUMBER})\s*(?:k|m|mille|million|millions|grand)?(?!(?!e(?![\w]))[a-z])"
_CURRENCY = rf"{OTHER_DOLLAR}|€|\$|£|{CURRENCY_WORD_PATTERN}|(?<=\d)e(?![\w])"
_FOLLOWERS = r"(?:followers?|abonn[ee]s?|abos?|subscribers?|subs|fans)"
_LESS = (r"under|below|less than|fewer than|at most|up to|no more than|not more than|pas plus de|pas plus que|pas \+ de"
         r"|with maximum|with a maximum of|max(?:imum)?|moins de"
         r"|au plus|au maximum|jusqu'?a|cap(?:ped)? (?:it |them )?at|capped at|plafonne[rz]? (?:a|les comptes a)"
         r"|sous(?: les| la barre des)?|en[- ]dessous de|<=?|≤|sub-?|max\."
         r"|(?:nobody|no one|nothing|none of them|personne|rien) (?:over|above|bigger than|au-dessus de|au dessus de|de plus de)")
_MORE = (r"over|above|more than|at least|min(?:imum)?|plus de|au moins|au minimum|au[- ]dela de|au[- ]dessus de|>=?|\+ de"
         r"|(?:nobody|no one|nothing|none of them|personne|rien) (?:under|below|smaller than|en[- ]dessous de|sous"
         r"|de moins de)")

# Asking for lookalikes of a creator; the chat router reads the same words.
LIKE_WORDS = (r"like|comme|similar to|similaires? a|lookalikes? (?:of|de)|proches? de|semblables? a|dans le style de"
              r"|dans le genre de|du genre de|the likes of"
              r"|(?:dans |du )?(?:le |du )?meme (?:genre|style) que|in the same (?:vein|style) as|same vibe as")
_LIKE = re.compile(
    rf"\b(?:{LIKE_WORDS})\s+(@[\w.\-]+(?::[\w.\-]+)?|[a-z]+:@?[\w.\-]+)"
)
_BETWEEN = re.compile(
    rf"(?:\bbetween|\bentre|\bde|\bfrom)?\s*(?P<low>{_AMOUNT})\s*(?:-|–|to|a|et|and|pis)\s*(?P<high>{_AMOUNT})\s*{_FOLLOWERS}"
)
_BOUND = re.compile(
    rf"(?:(?P<less>{_LESS})|(?P<more>{_MORE}))?\s*(?P<amount>{_AMOUNT})\s*{_FOLLOWERS}"
    rf"(?:\s+(?:(?P<less_after>max(?:imum)?|or less|or fewer|au plus|maxi?)|(?P<more_after>min(?:imum)?|or more|au moins|mini?|\+))\b)?"
)
# Follower counts said without the word "followers": a size in thousands ("5-20k", "sous les 30k", "3k+")
# that no currency or budget claims. "budget under 5k" and "$5-20k" stay money.
_THOUSANDS = r"\d+(?:[.,]\d+)?\s*k(?![a-z])"
# (on the same line: "nothing over 40k⏎£800" is followers, then money)
_NO_MONEY_AFTER = rf"(?![ \t]*(?:{_CURRENCY}))(?![ \t]*(?:de |of )?budget)"
_BETWEEN_THOUSANDS = re.compile(
    rf"(?:\bbetween|\bentre|\bde|\bfrom)?\s*(?P<low>{_AMOUNT})\s*(?:-|–|to|a|et|and|pis)\s*(?P<high>{_THOUSANDS})"
    rf"(?:\s*{_FOLLOWERS})?{_NO_MONEY_AFTER}"
)
_BOUND_THOUSANDS = re.compile(
    rf"(?:(?P<less>{_LESS})|(?P<more>{_MORE}))\s*(?P<amount>{_THOUSANDS}){_NO_MONEY_AFTER}"
    rf"|(?P<plus>{_THOUSANDS})\s*\+(?:\s*{_FOLLOWERS})?"
)
_MONEY = re.compile(
    rf"(?:(?P<budget>\bbudget(?:\s+(?:max(?:imum)?|de|of|total|is|est|sera|would be|will be))?\s*(?::|=|de|of)?"
    r"(?:\s*(?:about|around|roughly|environ|d'environ|autour de|approx\.?))?"
    # a range, of which the budget is the top: "budget de 1 à 2k", "budget between 1 and 2k"
    rf"(?:\s*(?:between|entre|from|de)?\s*{_AMOUNT}\s*(?:-|–|to|a|et|and)(?=\s*\d))?"
    r"|\b(?:j'ai|on a|nous avons|i have|i've got|we have|we've got)(?=\s*\d))\s*)?"
    rf"(?P<less>(?:{_LESS})\s*)?(?:(?:d['’])?(?:approx\.?|approximately|about|around|roughly|environ|env\.|~)\s*)?"
    rf"(?P<money>(?:(?:c\$|ca\$|can\$|a\$|au\$|aus\$|nz\$|[€$£]|chf|cad|aud|nzd|usd|eur|gbp)\s*)?(?:{_AMOUNT})\s*"
    rf"(?:{_CURRENCY})?)(?![\w])"
    r"(?:\s*(?:total|au total|en tout|all in|all-in|for the lot|tout compris|in total"
    # taxes in or out: "1 250 € HTVA", "900 € HT", "£700 + VAT", "$900 excl. tax"
    r"|htva|ht|ttc|hors (?:tva|taxes?)|tva (?:incluse|comprise)|(?:\+|plus|excl?\.?|excluding|incl?\.?|including)"
    r"\s*(?:vat|tax(?:es)?|gst|hst|tps|tvq)|taxes? (?:in|incl\.?|included))(?![\w]))?"
    r"(?P<budget_after>\s+(?:le |de |of |the |as )?budget)?"
)
_LIMIT = re.compile(
    r"\b(?:top\s*(?P<top>\d{1,3})|(?P<count>\d{1,3})\s+(?:createurs?|creatrices?|creators?|influenceurs?|influenceuses?"
    r"|influencers?|profils?|profiles?|comptes?|accounts?|noms?|names?))\b"
)
_LANGUAGE_PHRASE = re.compile(
    r"\b(?:en|in|speaking|qui parlent|parlant)\s+(?P<name>francais|anglais|french|english|espagnol|spanish|allemand"
    r"|german|italien|italian|neerlandais|dutch)\b|\b(?P<adjective>francophones?|anglophones?|hispanophones?"
    r"|germanophones?|french-speaking|english-speaking)\b"
)
_TIER = re.compile(
    r"\b(?P<tier>nano|micro|mid|mid-tier|intermediaires?|macro|mega)s?(?:[- ]?(?:influenceurs?|influenceuses?|influencers?"
    r"|createurs?|creators?|tier|palier))?\b"
)
_FILLER = set(
    ["on", "in", "the", "a", "an", "of", "for", "with", "to", "at", "from", "me", "my", "i", "we", "our", "find", "get", "give", "want", "need", "looking", "some", "please", "sur", "en", "au", "aux", "dans", "le", "la", "les", "un", "une", "des", "du", "de", "pour", "avec", "trouve", "trouver", "cherche", "chercher", "moi", "je", "nous", "il", "faut", "veux", "voudrais", "besoin", "quelques", "svp", "merci", "based", "basee", "basees", "bases", "who", "qui", "et", "and", "or", "ou", "w", "ppl", "their", "leurs", "leur"]
)
_AMBIGUOUS_PLATFORMS = {"x", "tt", "site", "website", "snap"}  # too common as words; "X" in capitals is fine
# ...but not in a list of platforms or with "only": "ig + tt", "tt only", "snap seulement".
_AMBIGUOUS_NAMES = {"tt": "tiktok", "snap": "snapchat"}


@lru_cache(maxsize=1)
def platform_names() -> str:
    """The platforms' names of places.toml that are no common word, plus "tt" and "snap", as one
    regular-expression alternation (folded text), longest first."""
    names = [n for n in places().platforms if n not in _AMBIGUOUS_PLATFORMS] + list(_AMBIGUOUS_NAMES)
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def spell_platforms(text: str) -> str:
    """The text with platform names typed a letter or two off written right: "instgram", "tiktokk",
    "youtub". Only words of six letters or more: shorter ones are too close to ordinary words."""
    def respell(match: re.Match[str]) -> str:
        word = match.group()
        folded = fold_accents(word.lower())
        if folded in _LONG_PLATFORM_NAMES:
            return word
        close = difflib.get_close_matches(folded, _LONG_PLATFORM_NAMES, n=1, cutoff=0.85)
        return close[0] if close else word

    return _LONG_WORD.sub(respell, text)


_LONG_WORD = re.compile(r"(?<![\w@#.])[^\W\d_]{6,}(?![\w.])")
# Not "threads": "thread" is a word ("the #partnerships thread").
_LONG_PLATFORM_NAMES = tuple(name for name in PLATFORMS if len(name) >= 6 and name != "threads")


@lru_cache(maxsize=1)
def _ambiguous_in_context() -> re.Pattern[str]:
    listed = rf"(?:{platform_names()})"
    return re.compile(
        rf"(?<![\w@#])(?P<name>tt|snap)(?=\s*(?:only|seulement|uniquement)\b|\s*(?:\+|&|/|,|et |and |ou |or )\s*{listed}(?!\w))"
        rf"|(?<![\w@#]){listed}\s*(?:\+|&|/|,|et|and|ou|or)\s*(?P<after>tt|snap)(?![\w])"
    )


def ambiguous_platforms(folded: str, original: str | None = None) -> list[tuple[int, int, str]]:
    """Spans of "tt" and "snap" that name a platform by their context, or in capitals in ``original``
    ("caption chk TT US"), with the platform."""
    found = []
    for match in _ambiguous_in_context().finditer(folded):
        group = "name" if match.group("name") else "after"
        found.append((*match.span(group), _AMBIGUOUS_NAMES[match.group(group)]))
    if original is not None:
        capitals = "|".join(name.upper() for name in _AMBIGUOUS_NAMES)
        found += [(*m.span(), _AMBIGUOUS_NAMES[m.group().lower()])
                  for m in re.finditer(rf"(?<![\w@#])(?:{capitals})(?![\w])", original)]
    return found


class _Text:
    """The request being parsed: a folded copy to match on (the one normaliser of
    :func:`knowledge.text.fold_with_offsets`, so "Cœur" is "coeur" here as in captions), and
    spans cut out of both as they are used. Spans are in folded positions unless named original."""

    def __init__(self, text: str) -> None:
        folded = fold_with_offsets(text)
        self.original = text
        self.folded = folded.text
        self._map = folded

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            at = self._map.original_offset(start)
            return at, at
        return self._map.original_offset(start), self._map.original_offset(end - 1) + 1

    def cut(self, start: int, end: int) -> None:
        first, last = self.original_span(start, end)
        self.folded = self.folded[:start] + " " * (end - start) + self.folded[end:]
        self.original = self.original[:first] + " " * (last - first) + self.original[last:]

    def cut_original(self, first: int, last: int) -> None:
        """Cut a span found in the original text (codes that only count in capitals)."""
        inside = [i for i, origin in enumerate(self._map.origin) if first <= origin < last]
        if inside:
            self.cut(inside[0], inside[-1] + 1)

    def rest(self) -> str:
        return self.original


# A round Swiss price is written "2'500.-": the ".-" says no centimes.
_SWISS_ROUND = re.compile(r"(?<=\d)\.[-–](?!\d)")


def parse_shortlist_query(text: str) -> ShortlistRequest:
    """Plain words -> a request; the niche is what is left once filters are recognised."""
    language = detect_language(text) if text.strip() else "en"
    parsed: dict[str, object] = {"reasons_language": language}
    text = spell_platforms(digits_for_spelled_numbers(_SWISS_ROUND.sub("", text), language))
    work = _Text(text.replace("…", " ").replace("...", " "))

    for match in list(_LIKE.finditer(work.folded)):
        parsed["like"] = text_at(work, match, 1).strip()
        work.cut(*match.span())

    for match in list(_BETWEEN.finditer(work.folded)):
        low, high = _count(match.group("low")), _count(match.group("high"))
        if low is not None and high is not None:
            low = low * 1000 if low < high / 1000 else low  # "between 5 and 20k followers" is 5k to 20k
            parsed["min_followers"], parsed["max_followers"] = min(low, high), max(low, high)
            work.cut(*match.span())
    for match in list(_BOUND.finditer(work.folded)):
        amount = _count(match.group("amount"))
        if amount is None:
            continue
        less = match.group("less") or match.group("less_after")
        parsed["max_followers" if less else "min_followers"] = amount
        work.cut(*match.span())
    for match in list(_BETWEEN_THOUSANDS.finditer(work.folded)):
        if not _claimed_by_money(work.folded, match.start()) and "max_followers" not in parsed:
            low, high = _count(match.group("low")), _count(match.group("high"))
            if low is not None and high is not None:
                low = low * 1000 if low < high / 1000 else low  # "5-20k" is 5k to 20k
                parsed["min_followers"], parsed["max_followers"] = min(low, high), max(low, high)
                work.cut(*match.span())
    for match in list(_BOUND_THOUSANDS.finditer(work.folded)):
        if _claimed_by_money(work.folded, match.start()):
            continue
        amount = _count(match.group("amount") or match.group("plus"))
        if amount is not None:
            parsed.setdefault("max_followers" if match.group("less") else "min_followers", amount)
            work.cut(*match.span())

    for match in list(_MONEY.finditer(work.folded)):
        money = match.group("money")
        has_currency = bool(re.search(_CURRENCY, money)) or money.rstrip().endswith("grand")
        if not (match.group("budget") or match.group("budget_after") or has_currency):
            continue
        try:
            amount, currency = parse_money(text_at(work, match, "money"))
        except NumberError:
            continue
        if amount <= 0:
            continue
        parsed["budget"] = amount
        if currency:
            parsed["currency"] = currency
        work.cut(*match.span())

    for match in list(_LIMIT.finditer(work.folded)):
        parsed["limit"] = max(1, min(200, int(match.group("top") or match.group("count"))))
        work.cut(*match.span())

    for match in list(_LANGUAGE_PHRASE.finditer(work.folded)):
        code = places().language(match.group("name") or match.group("adjective").rstrip("s"))
        if code:
            parsed["language"] = code
            work.cut(*match.span())

    _cut_names(work, parsed)
    _cut_nationality(work, parsed)

    named = set()
    for match in list(_TIER.finditer(work.folded)):
        name = match.group("tier")
        name = "mid" if name.startswith(("mid", "intermediaire")) else name
        if name in TIERS:
            named.add(name)
            work.cut(*match.span())
    if len(named) == 1:  # "nano or micro, whatever's best" sets no tier
        parsed["tier"] = named.pop()

    parsed["niche"] = _niche(work.rest())
    if parsed.get("currency") == "USD":  # "$900" for creators in Australia is Australian dollars;
        # dollars written in French with no country named are Canadian ("pas plus de 800 $")
        country = parsed.get("country") or ("CA" if language == "fr" else None)
        parsed["currency"] = dollar_for(country, text) or "USD"  # type: ignore[arg-type]
    return ShortlistRequest(**parsed)


def _claimed_by_money(folded: str, start: int) -> bool:
    """Whether a currency sign or the word budget comes right before ``start``."""
    return re.search(r"(?:[€$£]|budget(?:\s+(?:de|of|is|:|about|around|roughly|environ|d'environ|autour))?)\s*$",
                     folded[:start]) is not None


def text_at(work: _Text, match: re.Match, group: int | str) -> str:
    start, end = work.original_span(*match.span(group))
    return work.original[start:end]


def _count(text: str) -> int | None:
    try:
        number, percent = parse_number(text)
    except NumberError:
        return None
    return None if percent or number < 0 else round(number)


@lru_cache(maxsize=1)
def _named() -> tuple[tuple[str, re.Pattern, str, object], ...]:
    """Platforms and countries by name, longest first, each with its pattern (compiled once: the
    parser runs for every chat message, and compiling some 300 patterns each time was most of it)."""
    table = places()
    names: list[tuple[str, str, object]] = []
    names += [(n, "platform", p) for n, p in table.platforms.items() if n not in _AMBIGUOUS_PLATFORMS]
    names += [(n, "place", p) for n, p in table.countries.items() if len(n) > 2 or n == "uk"]
    # A place joined by a hyphen is part of another name: "Maine-et-Loire" is in France, not Maine.
    joined = {"platform": ("", ""), "place": ("-", r"|-\w")}
    return tuple((name, re.compile(rf"(?<![\w@.{joined[kind][0]}]){re.escape(name)}(?![\w]{joined[kind][1]})"), kind, value)
                 for name, kind, value in sorted(names, key=lambda item: -len(item[0])))


# Platforms offered as a choice: "insta or tiktok, whichever", "ig ou tiktok peu importe".
_EITHER = re.compile(r"\s*(?:or|ou|/|either|soit)\s*")


def _cut_names(work: _Text, parsed: dict[str, object]) -> None:
    """Platforms, countries and languages named in words (longest names first)."""
    table = places()
    platforms: list[tuple[int, int, str]] = []
    ambiguous = ambiguous_platforms(work.folded)  # read before the names beside them ("ig ou tt") are cut
    for name, pattern, kind, value in _named():
        if name not in work.folded:
            continue
        for match in list(pattern.finditer(work.folded)):
            if kind == "platform":
                platforms.append((*match.span(), str(value)))
                parsed.setdefault("platform", value)
            else:
                parsed.setdefault("country", value.country)  # type: ignore[attr-defined]
                if value.language:  # type: ignore[attr-defined]
                    parsed.setdefault("language", value.language)  # type: ignore[attr-defined]
            work.cut(*match.span())
    for start, end, platform in ambiguous:
        platforms.append((start, end, platform))
        parsed.setdefault("platform", platform)
        work.cut(start, end)
    platforms.sort()
    if any(a[2] != b[2] and _EITHER.fullmatch(work.folded[a[1]:b[0]]) for a, b in zip(platforms, platforms[1:])):
        parsed.pop("platform", None)  # a choice left open filters nothing
    # ISO codes and "X" only count in capitals: "in", "it" and "x" are words too.
    for match in list(re.finditer(r"(?<![\w@.])([A-Z]{2}|X)(?![\w])", work.original)):
        code = match.group(1)
        if code == "X":
            parsed.setdefault("platform", "x")
        elif code.lower() in table.countries and code in table.codes | {"UK"}:
            parsed.setdefault("country", table.countries[code.lower()].country)
        else:
            continue
        work.cut_original(*match.span())


_PEOPLE = (r"(?:createu?rs?|creatrices?|creators?|influen\w*|comptes?|accounts?|profils?|profiles?|ppl|blogueu\w*"
           r"|bloggers?|youtubeu\w*|youtubers?|streamers?|tiktokeu\w*|instagrameu\w*)")


@lru_cache(maxsize=1)
def _nationality() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(places().people, key=len, reverse=True))
    return re.compile(rf"\b(?P<before>{names})\s+(?:[\w-]+\s+)?{_PEOPLE}\b|\b{_PEOPLE}\s+(?P<after>{names})\b")


def _cut_nationality(work: _Text, parsed: dict[str, object]) -> None:
    """ "German creators", "des créatrices belges": the country the people are from."""
    match = _nationality().search(work.folded)
    if not match:
        return
    group = "before" if match.group("before") else "after"
    place = places().people[match.group(group)]
    parsed.setdefault("country", place.country)
    if place.language:
        parsed.setdefault("language", place.language)
    work.cut(*match.span(group))


@lru_cache(maxsize=1)
def _niche_filler() -> frozenset[str]:
    # Read once: the parser runs two or three times per chat message, and parsing niches.toml
    # each time was a sixth of the bot's CPU under load.
    return frozenset(_FILLER | set(read_data("niches").get("filler", [])) | {"budget"})


# Kept between two niche words, so the niche reads as typed: "jeux de société", "recettes des fêtes",
# "randonnée en famille".
_LINKS = frozenset({"de", "du", "des", "en", "d'", "d’"})
# As typed, accents kept: the English "a" never links.
_LINK_RUNS = frozenset({*((link,) for link in _LINKS), ("à",), ("au",), ("aux",), ("de", "la"), ("à", "la"),
                        ("de", "l'"), ("de", "l’")})


# Written with accents, a word is French: "thé" is tea, never the English "the".
ENGLISH_FUNCTION_WORDS = frozenset({"the", "on", "in", "of", "for", "with", "to", "at", "from", "me", "my", "we",
                                     "our", "an", "and", "or", "who"})


def is_one_of(word: str, folded_words: frozenset[str]) -> bool:
    """Whether a typed word is one of ``folded_words`` (stored without accents, as people often type)."""
    folded = fold_accents(word).strip("'’-").lower()
    if folded not in folded_words:
        return False
    return folded not in ENGLISH_FUNCTION_WORDS or folded == word.strip("'’-").lower()


def _niche(rest: str) -> str:
    filler = _niche_filler()
    found = list(re.finditer(r"[\w'’&+-]+", rest))
    words = [m.group() for m in found]
    keep = [not is_one_of(w, filler) and not w.strip("-+").isdigit() for w in words]
    for i, match in enumerate(found[:-1]):
        # "budget travel creators": a kind of niche when a niche word follows it right away (an
        # amount read as the budget leaves a gap).
        if fold_accents(words[i]) == "budget" and found[i + 1].start() == match.end() + 1 and keep[i + 1] \
                and expand_niche(words[i + 1]).named:
            keep[i] = True
    i = 1
    while i < len(words) - 1:  # a link between two niche words stays: "art de la table", "pâte à sel"
        run = next((n for n in (2, 1) if i + n < len(words) and keep[i - 1] and keep[i + n]
                    and tuple(w.lower() for w in words[i:i + n]) in _LINK_RUNS), 0)
        if run and words[i].lower() in ("à", "au", "aux") and words[i + run][:1].isupper():
            run = 0  # "yoga à Lyon": a place follows, not the rest of a name
        if run and not any(keep[i:i + run]):
            keep[i:i + run] = [True] * run
        i += max(run, 1)
    return " ".join(w for i, w in enumerate(words) if keep[i]).strip(" -")
