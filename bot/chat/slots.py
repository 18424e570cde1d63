"""Slots: the details a message gives (niche, platform, place, budget, follow-ups), read by rules.

Every parser here is deterministic and works on a folded copy of the text (lower case, no
accents, one character for one character), so that a span found there can be cut from, or read
in, the original. Shortlist requests go through :func:`scoring.query.parse_shortlist_query`; this
module adds what a chat message says on top of a search box: cities, "petites créatrices", the
way people ask ("trouve-moi", "who should I work with for..."), what a follow-up changes, and the
handles named. A caption's slots are in :mod:`bot.chat.caption_slots`, a brief's in
:mod:`bot.chat.brief_slots`; both read with the helpers here.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from bot.briefs.models import JURISDICTIONS
from bot.briefs.rules import default_rules
from knowledge.text import detect_language, fold_accents
from scoring.models import ShortlistRequest
from scoring.numbers import (
    CURRENCY_WORD_PATTERN,
    OTHER_DOLLAR,
    NumberError,
    dollar_for,
    parse_money,
)
from scoring.places import places
from scoring.query import (
    ambiguous_platforms,
    is_one_of,
    parse_shortlist_query,
    platform_names,
)

HERE = Path(__file__).parent


# Emoji (and the watch, hourglass and other symbols of U+2300-23FF) as one character class: people
# set parts of a message apart with them ("Kombucha ici 🍵 7 créateurs…", "Brief Montres X ⌚ montre…").
EMOJI_RANGES = "\U0001F300-\U0001FAFF\u2300-\u23FF\u2600-\u27BF"
EMOJI = f"[{EMOJI_RANGES}]"


def fold(text: str) -> str:
    """Lower case without accents, one character for one character (spans map back to ``text``)."""
    return "".join(map(_fold_character, text))


@lru_cache(maxsize=8192)
def _fold_character(character: str) -> str:
    # Folding runs several times over every chat message: one table look-up per character.
    return (fold_accents(character) or character)[:1]


@lru_cache(maxsize=1)
def intents_data() -> dict:
    with (HERE / "intents.toml").open("rb") as file:
        return tomllib.load(file)


@cache
def words(kind: str) -> frozenset[str]:
    return frozenset(fold(w) for w in intents_data()["words"][kind])


@cache
def phrase_pattern(kind: str) -> re.Pattern[str]:
    """Any phrase of the ``[words]`` list ``kind``, as whole words, longest first."""
    phrases = sorted(words(kind), key=len, reverse=True)
    return re.compile(r"(?<![\w@#])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])")


def has_phrase(kind: str, folded: str) -> bool:
    return phrase_pattern(kind).search(folded) is not None


# "l'an passé", "le mois passé": a time gone by, not "ça passe ?" (both fold to "passe").
_PAST_TIME = re.compile(r"(?<![\w])(?:l'an|l'annee|le mois|la semaine|le week-end|le weekend|par le|l'ete|l'hiver"
                        r"|l'automne|le printemps|le temps) passee?s?(?![\w])")


def check_words(folded: str) -> list[re.Match[str]]:
    """The words asking for a caption check, a time gone by left out (positions kept)."""
    blanked = _PAST_TIME.sub(lambda match: " " * len(match.group()), folded)
    return list(phrase_pattern("check").finditer(blanked))


def tokens(folded: str) -> list[str]:
    return re.findall(r"[\w']+", folded)


class Work:
    """Text being read: the original and its folded copy, with used spans blanked in both."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.people_ends: list[int] = []  # where people named by no people word end ("trois vulgarisatrices")
        # The countries of towns let go ("not just Kelowna"): no city, but the country they are in.
        self.countries_let_go: list[str] = []

    def cut(self, start: int, end: int) -> None:
        blank = " " * (end - start)
        self.text = self.text[:start] + blank + self.text[end:]
        self.folded = self.folded[:start] + blank + self.folded[end:]


# Places ------------------------------------------------------------------------------------------------


class _City(NamedTuple):
    words: tuple[str, ...]  # folded
    names: tuple[str, ...]  # as the lists write them ("Montréal", "Montreal")
    country: str
    well_known: bool  # in cities.toml: read in any case, anywhere


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[_City]]:
    """Cities by their first folded word, longest names first: GeoNames' (geonames_cities.tsv), then
    the names people use in French and English (cities.toml), which win."""
    found: dict[tuple[str, ...], _City] = {}
    countries = places().countries  # "Québec", "Luxembourg", "Monaco": the place, not its capital city
    for line in (HERE / "geonames_cities.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, country = line.split("\t")
            words_ = tuple(_CITY_WORD.findall(fold(name)))
            if " ".join(words_) not in countries:
                found[words_] = _City(words_, (name,), country, False)
    known: dict[tuple[str, ...], _City] = {}
    with (HERE / "cities.toml").open("rb") as file:
        for country, names in tomllib.load(file).items():
            for name in names:
                words_ = tuple(_CITY_WORD.findall(fold(name)))
                spellings = known[words_].names if words_ in known else ()
                known[words_] = _City(words_, (*spellings, name), country, True)
    found.update(known)
    index: dict[str, list[_City]] = {}
    for city in sorted(found.values(), key=lambda c: -len(c.words)):
        index.setdefault(city.words[0], []).append(city)
    return index


_CITY_WORD = re.compile(r"[^\W_]+")
_HANDLE = re.compile(r"(?<![\w])@[\w.]+")
# A lesser-known city is read when it is written with a capital inside the sentence, or after a word
# that introduces a place ("in reading", "vers liège", "/ brisbane /"): "orange wine" is no city.
_PLACE_CUE = frozenset({"in", "a", "au", "aux", "near", "around", "vers", "de", "du", "from", "based", "sur", "at",
                        "pres", "to"})


def _cut_city(work: Work) -> tuple[str, str] | None:
    """The first city named, as the list writes it, and its country; cut from ``work``."""
    typed = list(_CITY_WORD.finditer(work.folded))
    folded = [m.group() for m in typed]
    index = _cities()
    found: list[tuple[int, _City]] = []
    quebec_city = _QUEBEC_CITY.search(work.folded)
    if quebec_city:  # "à Québec" is the city, "au Québec" the province
        work.cut(*quebec_city.span("name" if quebec_city.group("name") else "name2"))
        return "Québec", "CA"
    in_handles = [m.span() for m in _HANDLE.finditer(work.folded)]
    for i, word in enumerate(folded):
        if any(start <= typed[i].start() < end for start, end in in_handles):
            continue  # "@tasses.et.terre.mons" names a creator, not Mons
        contracted = _CONTRACTED.get(word)  # "au Mans" is à Le Mans, "aux Sables-d'Olonne" à Les Sables…
        for city in index.get(contracted, ()) if contracted else ():
            n = len(city.words) - 1
            if tuple(folded[i + 1:i + 1 + n]) == city.words[1:]:
                work.cut(typed[i + 1].start(), typed[i + n].end())
                return city.names[0], city.country
        for city in index.get(word, ()):
            n = len(city.words)
            if tuple(folded[i:i + n]) != city.words or not _reads_as_city(work, typed, i, city):
                continue
            if work.folded[typed[i].start() - 1:typed[i].start()] == "-" \
                    or work.folded[typed[i + n - 1].end():typed[i + n - 1].end() + 1] == "-":
                continue  # part of another name: "Seine-Saint-Denis" is no Saint-Denis
            found.append((i, city))
    if not found:
        return None
    listed = _listed_cities(work, typed, found)
    if listed:  # "à Colmar, Sélestat et Haguenau": the country of them all, no one city
        for start, end in listed:
            work.cut(start, end)
        return "", found[0][1].country
    # "qui parlent de rugby à Bayonne", "point de croix à Lyon": a city typed in lower case after
    # "de" is a word of the niche when another city is named after all.
    if len({f[1].names[0] for f in found}) > 1:  # "du bureau de Genève… basées à Nyon": the writer's town goes last
        found = [f for f in found if not _writers_place(work, typed[f[0]].start())] + \
            [f for f in found if _writers_place(work, typed[f[0]].start())]
    asking = _asking_sentences(work)
    if asking and asking[0][0] == 2:  # "On tient une brasserie à Colmar. On aimerait des créatrices…
        # à Strasbourg": the town of the sentence asking for people, not of the introduction
        _, start, end = asking[0]
        found = [f for f in found if start <= typed[f[0]].start() < end] + \
            [f for f in found if not start <= typed[f[0]].start() < end]
    i, city = next((f for f in found if not _only_after_of(work, typed, f[0])), found[0])
    n = len(city.words)
    area = _AREA_OF.search(work.folded, 0, typed[i].start())
    if area:  # "dans tout le canton de Fribourg": the area, no one city
        work.cut(area.start(), typed[i + n - 1].end())
        return "", city.country
    as_typed = work.text[typed[i].start():typed[i + n - 1].end()]
    name = next((c for c in city.names if c.lower() == as_typed.lower()), city.names[0])
    for j in range(len(folded) - n + 1):  # "a Vancouver brand… creators in Vancouver"
        if tuple(folded[j:j + n]) == city.words and not any(a <= typed[j].start() < b for a, b in in_handles):
            end = typed[j + n - 1].end()
            region = _REGION.match(work.folded, end)  # "austin tx", "Laval, QC"
            if region and region.group(1) in _REGIONS.get(city.country, ()):
                end = region.end()
            work.cut(typed[j].start(), end)
    return name, city.country


# Where the writer is, not where the creators are: "Ici le bureau de Bruxelles", "a pet food brand
# from Lille", "Our shop is in Montréal", "from our Montreal office", "from the Geneva office".
_WRITERS_PLACE = re.compile(r"(?:bureau|office|agence|agency|shop|store|boutique|atelier|magasin|siege|headquarters|hq"
                            r"|brand|marque|company|compagnie|entreprise)(?:\s+[\w'-]+){0,2}?\s+(?:de|d'|du|of|in|from"
                            r"|is in|is based in|est a|based in|basee? a)\s*$|(?:from|du|de)\s+(?:our|notre|the|le)\s*$")


def _writers_place(work: Work, start: int) -> bool:
    return _WRITERS_PLACE.search(work.folded, max(0, start - 60), start) is not None


# An area named after its main town: "le canton de Fribourg", "County Waterford", "l'État de New York".
_AREA_OF = re.compile(r"(?<![\w])(?:(?:dans|in|across|sur|throughout)\s+)?(?:(?:tout|toute|all of|the whole of)\s+)?"
                      r"(?:(?:le|la|l'|the)\s*)?(?:canton|province|county|comte|departement|region|state|etat"
                      r"|agglomeration|metro area)(?:\s+(?:de|du|of|d'))?\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*(?:et|and|&|pis|ou|or|\+))\s*")


def _listed_cities(work: Work, typed: list[re.Match[str]], found: list[tuple[int, _City]]) -> list[tuple[int, int]]:
    """The spans of two or more cities of one country named as a list ("Asheville, Greenville and
    Spartanburg"), else nothing."""
    spans = [(typed[i].start(), typed[i + len(city.words) - 1].end(), city) for i, city in found]
    names = {city.names[0] for _, _, city in spans}
    if len(names) < 2 or len({city.country for _, _, city in spans}) > 1:
        return []
    ordered = sorted(spans, key=lambda span: span[0])
    joined = all(_LIST_JOIN.fullmatch(work.text[a[1]:b[0]]) for a, b in zip(ordered, ordered[1:]))
    return [(start, end) for start, end, _ in ordered] if joined else []


def _only_after_of(work: Work, typed: list[re.Match[str]], i: int) -> bool:
    if i > 0 and typed[i - 1].group() in ("from", "depuis"):
        return True  # "G'day from Sydney… creators around Leeds": where the writer is, not where to look
    return work.text[typed[i].start()].islower() and i > 0 and typed[i - 1].group() in ("de", "du", "d")


_CONTRACTED = {"au": "le", "du": "le", "aux": "les", "des": "les"}
_QUEBEC_CITY = re.compile(r"(?<![\w'])(?:a|ville de|city of)\s+(?P<name>quebec)(?![\w-])(?!\s+(?:province|state))"
                          r"|(?P<name2>quebec city)(?![\w])")


# States and provinces written after a city: their codes leave the niche with it.
_REGION = re.compile(r",?\s*([a-z]{2})(?![\w])")
_REGIONS = {
    "US": frozenset("al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny "
                    "nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc".split()),
    "CA": frozenset("ab bc mb nb nl ns nt nu on pe qc sk yt".split()),
    "AU": frozenset("nsw vic qld wa sa tas act nt".split()),
}


# Well-known cities whose names are everyday words: "nice, but switch to Cardiff".
_CITIES_THAT_ARE_WORDS = frozenset({"nice", "orange", "bath", "reading", "split", "mobile", "sale", "tours"})
# Countries whose names are everyday words: read only with a capital.
_COUNTRIES_THAT_ARE_WORDS = frozenset({"reunion", "turkey", "chad", "jersey", "georgia", "jordan", "guernsey"})


def _reads_as_city(work: Work, typed: list[re.Match[str]], i: int, city: _City) -> bool:
    if city.words[0] in _CITIES_THAT_ARE_WORDS and not work.text[:typed[i].start()].strip() \
            and re.match(r"\s*[!,]", work.text[typed[i + len(city.words) - 1].end():]):
        return False  # "Nice! Peux-tu enlever…": praise opening the message
    if city.well_known and not (city.words[0] in _CITIES_THAT_ARE_WORDS and work.text[typed[i].start()].islower()):
        return True
    start = typed[i].start()
    before = work.text[:start].rstrip()
    if i and typed[i - 1].group() in _PLACE_CUE or before.endswith(("/", "\n")) or work.text[start - 1:start] == "\n":
        return True
    after = typed[i + len(city.words)].group() if i + len(city.words) < len(typed) else ""
    if after in ("instead", "plutot", "rather"):  # "adelaide instead"
        return True
    rest = work.text[typed[i + len(city.words) - 1].end():]
    if not before and rest.lstrip().startswith("!"):  # "kilkenny! 4 nanos, home baking"
        return True
    if work.text[start].isupper() and not before:  # "Halifax — gut health creators", "Cardiff mums posting…"
        return bool(_SET_APART_AFTER.match(rest)) or is_people_word(after) or after in _LOCAL_PEOPLE
    return work.text[start].isupper() and bool(before) and not before.endswith((".", "!", "?"))


# What sets a place apart at the start of a message: a dash, a comma, a colon, a slash, an emoji.
_SET_APART_AFTER = re.compile(rf"\s*(?:[—–,:/|·!]|-\s|{EMOJI})")
# People a place at the start of a message describes: "Cardiff mums", "Lille étudiants".
_LOCAL_PEOPLE = frozenset({"mums", "moms", "mamans", "parents", "dads", "papas", "families", "familles", "students",
                           "etudiants", "etudiantes", "locals"})  # besides the people words ("folks", "gens")


_EU_NAMES = ("union europeenne", "european union", "europe")
_QUEBEC_NAMES = ("province de quebec", "quebec", "montreal")


@lru_cache(maxsize=1)
def jurisdiction_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Country names (FR/EN, from scoring's places) -> the disclosure jurisdiction they fall under."""
    table: dict[str, str] = {}
    # a country's name, or what its people are called ("la réglementation belge")
    for name, place in [*places().countries.items(), *places().people.items()]:
        if len(name) <= 2 and name != "uk":
            continue  # codes are read in capitals only: "de", "be" and "us" are words ("uk" is none)
        code = "UK" if place.country == "GB" else place.country
        if code in JURISDICTIONS:
            table[name] = code
    for name in _QUEBEC_NAMES:
        table[name] = "QC"
    for name in _EU_NAMES:
        table[name] = "EU"
    for code, rules in default_rules().jurisdictions.items():  # "FTC compliance", "ok for the ASA?"
        for regulator in rules.regulators:
            table[regulator] = code
    ordered = sorted(table.items(), key=lambda item: -len(item[0]))
    return [(re.compile(rf"(?<![\w@#.]){re.escape(name)}(?![\w])"), code) for name, code in ordered] + [
        (re.compile(r"(?<![\w@#.])(?:au|du|in|for) qc(?![\w])"), "QC")]  # "c correct au qc ça?"


JURISDICTION_CODE = re.compile(r"(?<![\w@#.])(FR|US|UK|GB|CA|QC|BE|DE|EU|UE|USA)(?![\w])")


def other_market(text: str) -> str | None:
    """A country named in ``text`` whose disclosure rules Relais does not hold ("Is this OK for
    Australia?", "un brief pour TikTok en Suisse"), kept so that the reply can say so instead of
    applying another country's rules."""
    country = parse_shortlist_query(text).country if text.strip() else None
    return country if country and country not in JURISDICTIONS and country != "GB" else None


def markets_in(text: str) -> list[str]:
    """Every market named in ``text``, in the order they appear: jurisdictions, and countries whose
    rules Relais does not hold ("Suisse et France" -> ["CH", "FR"])."""
    found = _jurisdictions_at(text)
    folded = fold(text)
    for match in _country_names().finditer(folded):
        if match.group() in _COUNTRIES_THAT_ARE_WORDS and text[match.start()].islower():
            continue  # "après ma réunion de 14 h" names no Réunion
        code = places().countries[match.group()].country
        if code not in JURISDICTIONS and code != "GB":
            found.append((match.start(), code))
    return list(dict.fromkeys(code for _, code in sorted(found)))


@lru_cache(maxsize=1)
def _country_names() -> re.Pattern[str]:
    names = sorted((name for name in places().countries if len(name) > 3), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")


def jurisdictions_in(text: str) -> list[str]:
    """Jurisdictions named in ``text`` ("en France", "for the UK", "BE"), in the order they appear."""
    return list(dict.fromkeys(code for _, code in sorted(_jurisdictions_at(text))))


def _jurisdictions_at(text: str) -> list[tuple[int, str]]:
    work = Work(text)
    found: list[tuple[int, str]] = []
    for pattern, code in jurisdiction_patterns():
        for match in list(pattern.finditer(work.folded)):
            found.append((match.start(), code))
            work.cut(*match.span())
    for match in JURISDICTION_CODE.finditer(work.text):
        code = {"GB": "UK", "UE": "EU", "USA": "US"}.get(match.group(1), match.group(1))
        found.append((match.start(), code))
    return found


@lru_cache(maxsize=1)
def platform_patterns() -> list[tuple[re.Pattern[str], str]]:
    ambiguous = {"x", "tt", "site", "website", "snap", "reel", "reels", "stories", "shorts", "blog", "blogs"}
    names = sorted(((n, p) for n, p in places().platforms.items() if n not in ambiguous), key=lambda i: -len(i[0]))
    return [(re.compile(rf"(?<![\w@#.]){re.escape(name)}(?![\w])"), platform) for name, platform in names]


def platforms_in(text: str) -> list[str]:
    """Platforms named in ``text``, in the order they appear."""
    work = Work(text)
    found: list[tuple[int, str]] = []
    for pattern, platform in platform_patterns():
        for match in list(pattern.finditer(work.folded)):
            found.append((match.start(), platform))
            work.cut(*match.span())
    found += [(start, platform) for start, _, platform in ambiguous_platforms(fold(text), text)]
    return list(dict.fromkeys(platform for _, platform in sorted(found)))


# Shortlists --------------------------------------------------------------------------------------------

# People words that also name a platform ("instagrameuses", "bloggers").
_PLATFORM_PEOPLE = {"instagrameu": "instagram", "tiktokeu": "tiktok", "youtubeu": "youtube", "youtuber": "youtube",
                    "tiktoker": "tiktok", "instagrammer": "instagram",
                    "blogger": "blog", "blogueu": "blog"}
# Sizes said in words, without a tier name, before the people word or before the niche that comes
# first: "petites créatrices", "tout petits comptes", "small houseplant creators".
_SIZE = re.compile(r"(?<![\w])(?:(?P<tiny>(?:tout|toutes?)\s+petit(?:e)?s?|tiny)|petit(?:e)?s?|small|smaller|little)(?![\w])")
_SIZED = ("compte", "account", "profil", "ones")  # "just the small ones"
_NOT_SIZED = ("budget", "prix", "price", "marque", "brand", "business", "entreprise", "boite")


def _cut_size(work: Work) -> str | None:
    """The tier a size word gives ("nano" for "tiny"), cut from ``work``."""
    for match in _SIZE.finditer(work.folded):
        clause = re.split(r"[,;.:!?]", work.folded[match.end():], maxsplit=1)[0]
        following = re.findall(r"[^\W\d_][\w'-]*", clause)[:3]
        if following and following[0].startswith(_NOT_SIZED):
            continue  # "petit budget", "small brands": the size of something else
        if any(is_people_word(w) or w.startswith(_SIZED) for w in following):
            work.cut(*match.span())
            return "nano" if match.group("tiny") else "micro"
    return None
# "pour lancer un casque audio": why the brand wants creators, not what the creators are about.
_PURPOSE = re.compile(r"(?<![\w])(?:(?:pour|pr|to|for)\s+(?:lancer|promouvoir|presenter|vendre|launch|promote|sell)\b"
                      # making the brand known: "pr me faire connaitre", "to get the word out", "to spread the word"
                      r"|(?:pour|pr|afin de)\s+(?:me|nous|se|la|le|les|l')?\s*faire\s+(?:connaitre|de la pub)"
                      r"|to\s+(?:get|spread)\s+(?:the word|(?:us|me|it|the \w+)\s+(?:known|noticed|out there))"
                      r"|(?:pour|pr|for)\s+(?:notre|nos|our|mon|ma|mes|my)\s|(?:pour|to)\s+(?:nous|us)\s+(?:faire|aider|help"
                      r"|donner|give)"
                      # "for the kombucha launch", "pour le lancement du cidre"
                      r"|(?:(?:for|pour)\s+(?:the|our|le|la|notre)\s+|(?<=\()\s*)(?:[\w'-]+\s+){1,3}?(?:launch|release|drop)(?![\w])"
                      r"|(?:for|pour)\s+(?:le|la|the)\s+(?:lancement|launch)\s)"
                      rf"[^,.;:?!—–{EMOJI_RANGES}]*?"
                      # up to the clause that asks: "for our dog food brand I need…", "pour notre marque nous cherchons…"
                      rf"(?=\s(?:i|we|we're|je|j'|on|nous|il nous|il me)\s|\sj'|[,.;:?!—–{EMOJI_RANGES}]|$)")
# When the campaign runs is not what the creators talk about: "cet automne", "this fall", "en mai",
# "for next month". Months and seasons need a word before them ("may" is a verb, "summer dresses" a niche).
_MONTHS = ("janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february"
           "|march|april|may|june|july|august|september|october|november|december")
_SEASONS = "automne|hiver|printemps|ete|fall|autumn|winter|spring|summer|rentree"
WHEN = re.compile(
    rf"(?<![\w])(?:(?:cet|cette|ce|this|next|last|l'|d'ici l'|pour l'|pr l'|(?:pour|pr) la|for|en|in|d'ici|by"
    rf"|avant|before|debut|fin|mi-|early|late|mid)\s*(?:{_SEASONS})(?:\s+(?:prochain|prochaine|\d{{4}}))?"
    rf"|(?:en|in|pour|for|d'ici|by|avant|before|debut|fin|mi-|early|late|mid)\s*(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|(?:this|next) time|cette fois(?:-ci)?|la prochaine fois"
    rf"|(?:la semaine|le mois|l'an|l'annee) prochaine?|next (?:week|month|year|quarter)|(?:this|ce) (?:week|month"
    rf"|mois(?:[- ]ci)?|quarter|trimestre)|cette semaine(?:[- ]ci)?|(?:en |in |for |pour )?q[1-4](?:\s+\d{{4}})?)(?![\w])"
)
# "grand if you can", "si possible", "if poss": asking nicely, not what about.
_POLITE_TAIL = re.compile(r"(?<![\w])(?:(?:grand|great|ideal|parfait|top|cool)\s+)?(?:if (?:you|u) (?:can|could)"
                          r"|if (?:at all )?poss(?:ible)?|si (?:tu peux|vous pouvez|possible|c'est possible))(?![\w])")
# An e-mail's lines around its list that say nothing of the search: a heading that opens the list
# ("Requirements:", "Quelques éléments de contexte :", "Notre cible :") and a closing line ("Thank you in
# advance — happy to clarify anything.", "Looking forward to seeing who you find!", "D'avance merci…").
# The writer about themselves or their spell-checker: "Je suis anglophone alors pardonnez mes fautes",
# "I'm francophone from Sudbury", "mon correcteur change tout en anglais": no language asked of creators.
_ABOUT_THE_WRITER = re.compile(r"(?<![\w])(?:(?:je suis|j'suis|i'm|i am|nous sommes|we are|we're)\s+(?:[\w'-]+\s+)?"
                               r"(?:anglophones?|francophones?|bilingues?|bilingual|english-speaking|french-speaking)"
                               r"|(?:mon |le |my |the )?(?:correcteur|autocorrect|spell-?check(?:er)?)[^.!?\n]*)")
_LIST_HEADING = re.compile(r"(?m)(?:^|(?<=[.!?] ))[^\n:.!?]{0,60}:[ \t]*$")
_CLOSING_LINE = re.compile(r"(?m)(?<=\n)[ \t]*(?:thanks?|thank you|many thanks|looking forward|hope (?:this|that)|let me know"
                           r"|merci|d'avance|en vous remerciant|au plaisir|n'hesitez pas|dans l'attente)\b"
                           r"[^\n.!?\d]*[.!?]*[ \t]*$")  # one sentence of its own, after the first line
# No platform asked: "any platform", « n'importe quelle plateforme », "tous réseaux".
_ANY_PLATFORM = re.compile(r"(?<![\w])(?:any|all|every|whatever|whichever|n'importe quel(?:le)?s?|tou(?:te)?s(?: les)?)"
                           r"\s+(?:platforms?|plateformes?|reseaux|networks?|socials?)(?![\w])")
# What is turned down is no filter: "micro rather than nano", "plutôt que des nanos", "instead of TikTok".
_NOT_THIS = re.compile(r"(?<![\w])(?:(?:rather than|instead of|plutot que|au lieu de|not|pas|anything but|sauf|except|no"
                       r"|surtout pas)\s+|au lieu d'|plutot qu')(?:(?:sur|on|en|in)\s+)?(?:des |les |the |de )?"
                       rf"(?:(?:nano|micro|macro|mega)s?|{platform_names()})(?![\w])")
# How people ask, left over once the filters are read: not part of the niche.
_ASKING = frozenset([
    "so", "moi", "me", "propose", "proposes", "recommande", "recommend", "recommends", "suggest", "suggere", "donne",
    "give", "get", "show", "shortlist", "can", "could", "you", "should", "work", "who", "are", "sont", "qui",
    "meilleurs", "meilleures", "best", "good", "great", "quels", "quelles", "quel", "quelle", "les", "lookin",
    "looking", "trouv", "trouve", "trouver", "cherche", "recherche", "any", "some", "top", "please", "stp", "svp",
    "il", "faut", "veux", "voudrais", "want", "need", "i", "list", "liste", "peux", "peut", "tu", "vous",
    "mettre", "faire", "bons", "bonnes", "what", "which", "about", "m", "am", "we", "je", "nous",
    "pls", "plz", "around", "near", "ont", "have", "has", "doing", "font", "qui", "us", "ideally", "idealement",
    "mostly", "surtout", "plutot", "hey", "hello", "hi", "bonjour", "salut", "coucou", "contacter", "contact",
    "pourrais", "pourrait", "marque", "brand", "among", "parmi", "connais", "connaissez", "know", "invite",
    "inviter", "aimerait", "aimerions", "voudrait", "would", "bosser", "travailler", "collaborer", "partner",
    "pick", "choose", "choisir", "choisirais", "ya", "y", "t", "u", "gimme", "parler", "parle", "parlent", "parlant",
    "talk", "talks", "talking",
    # "tu peux me sortir des profils", "déniche-moi", "we've got $4k": more ways of asking and having
    "sortir", "sors", "sortez", "denicher", "deniche", "degoter", "degote", "montre", "montrer", "lister",
    "got", "we've", "i've", "ve", "weve", "ive",
    # openers and fillers of everyday French (Quebec and Belgium too) and English
    "yo", "slt", "dis", "faque", "fak", "pis", "allo", "aurais", "auriez", "aurait", "there",
    "autour", "pres", "ici", "here", "voici", "somewhere", "j", "as", "pas", "faudrait", "faudra", "pense", "pensais", "vers",
    "who's", "s",
    "think", "thinking", "into", "pull", "together", "compile", "put", "round", "up",
    # the words of a polite email or a casual chat around a request
    "permets", "solliciter", "afin", "identifier", "global", "globale", "genre", "pourriez", "chaud", "comme",
    "souhaiterais", "souhaite", "souhaitons", "obtenir", "selection", "enveloppe", "par", "vraiment", "shortliste",
    "shortlister", "post", "posts", "postent", "font", "fait", "dizaine", "quinzaine", "vingtaine", "who'd", "d",
    "be", "launch", "lancement",
    # the people the creators speak to: "pour les fans de vinyles", "whose audience is mostly new dads"
    "use", "thanks", "thank", "cheers", "fans", "amateurs", "passionnes", "lovers", "enthusiasts", "whose",
    "audience", "dont", "l'audience", "is", "est",
    # hesitations of a dictated message, and the softeners of spoken French, Belgian and Quebec
    "euh", "heu", "hum", "uh", "um", "umm", "erm", "hmm", "bah", "ben", "tse", "voila", "tantot", "fois", "kindly",
    # more ways of asking and of saying "creators who do X"
    "share", "provide", "handful", "keen", "sum", "doin", "do", "does", "cote", "cap",
    # a preference put instead of a niche turned down: "no fitness, more like pilates"
    "more", "like", "rather", "preferably",
    # what people are wished to be, not what they talk about: "des vrais créateurs jardinage"
    "vrais", "vraies", "real", "genuine", "authentic", "authentiques",
    # the heading of a request typed as a form: "Shortlist request:", "Demande :"
    "request", "requete",
    # softeners that open a spoken request: "alors euh il me faudrait…"
    "alors", "donc", "bref", "well", "okay", "ok", "kinda", "jai", "jveux", "chui",
    # Quebec: "je magasine présentement des créateurs…" (I am shopping for, at present)
    "magasine", "magasiner", "magasinons", "presentement",
    # where around a city, and a product launch: "Nashville area", "our hot honey drop"
    "area", "region", "coin", "secteur", "zone", "drop",
    # an agency's client: "client wants it local", "clients", "niche for client"
    "client", "clients", "cliente", "clientes",
    # vague words around a niche: "aquarium stuff", "someone to pull…"
    "stuff", "things", "trucs", "someone", "quelqu'un", "anyone",
    # what people who are not marketers call creators and their posts: "des gens qui font des vidéos
    # de tatouage", "local folks with a following", "du monde qui…", "des jeunes qui…", "ki"
    "gens", "personnes", "people", "folks", "folk", "monde", "ki", "videos", "video", "following",
    "local", "reseaux", "socials", "dozen", "tops", "after",
    # a first request, told at length: "j'aimerais avoir…", "we'd love 5…", "lancer notre toute première
    # campagne avec des…"
    "avoir", "love", "lancer", "notre", "toute", "premiere", "first",
    # "7 creators, each under 10k followers"
    "each", "chacun", "chacune",
    # "Mountain biking content": what creators make, not what it is about
    "content", "contenu",
    # an e-mail's opening: "je me permets de vous écrire", "I'm writing / reaching out about"
    "ecrire", "write", "writing", "reaching",
    # near a town: "proche de Saint-Jérôme"
    "proche", "proches",
])
# Asking verbs people misspell ("recomande", "sugest"): matched loosely, like people words.
_ASKING_VERBS = ("recommande", "recommend", "suggere", "suggest", "propose", "cherche", "trouve")


# Conjugated asking verbs: "recommanderais", "conseillerais", "suggérez".
_ASKING_STEMS = ("recommand", "recomand", "conseill", "sugger", "suggest")


def _is_asking_word(token: str) -> bool:
    if token in _ASKING or token.startswith(_ASKING_STEMS):
        return True
    return len(token) >= 6 and bool(difflib.get_close_matches(token, _ASKING_VERBS, n=1, cutoff=0.9))


def is_creator_word(token: str) -> bool:
    if token in words("creators"):
        return True
    return len(token) >= 7 and bool(difflib.get_close_matches(token, words("creators"), n=1, cutoff=0.82))


def shortlist_slots(text: str) -> tuple[ShortlistRequest, str | None]:
    """The shortlist request a message describes, and the city it named (its country is the filter)."""
    request, city = _shortlist_slots(text)
    return request.model_copy(), city


# The label of a line typed as a form field, when a value follows it on the same line (or of a field
# after " / " or " | " when the form is typed on one line: "city: Denver / niche: trail running").
FIELD_LABEL = re.compile(r"(?m)(?:^|(?<= / )|(?<= \| ))[^\w\n]*(?P<label>[^\W\d_][\w' ]{0,24}?)[ \t]*:[ \t]*(?=\S)")
# Labels of a request typed as fields, folded: what a shortlist is filtered by, and what a brief names.
_NICHE_LABELS = frozenset({"niche", "theme", "thematique", "topic", "topics", "sujet", "secteur", "vertical",
                           "categorie", "category"})
SHORTLIST_FIELD_LABELS = _NICHE_LABELS | frozenset({
    "ville", "city", "town", "lieu", "location", "plateforme", "plateformes", "platform", "platforms", "reseau",
    "reseaux", "network", "budget", "abonnes", "followers", "audience", "market", "marche", "pays", "country",
    "region", "tier", "taille", "size", "palier", "nombre", "count", "number", "createurs", "creators", "langue",
    "language"})
BRIEF_FIELD_LABELS = frozenset({"brand", "marque", "product", "produit", "compensation", "remuneration"})
# Lines of such a form whose value is no filter: "Client: Ferntop (kombucha)", "Deadline: Friday".
_OTHER_FIELD_LINE = re.compile(r"(?im)^[^\w\n]*(?:client|cliente|brand|marque|note|notes|deadline|echeance|contact"
                               r"|livrables|deliverables|objectif|goal|brief|campagne|campaign)[ \t]*:[^\n]*?(?=\s[/|]\s|$)")
# "niche is vintage cameras", "thématique : trail": the niche given by its name.
_NICHE_GIVEN = re.compile(rf"(?<![\w])(?:{'|'.join(sorted(_NICHE_LABELS))})\s*(?::|=|is|est|c'est|-)\s*"
                          r"(?P<value>[^,;\n|/]+)")


# A closing question that asks for a judgment: "…, c'est abusé ou normal ?", "…, c'tu faisable?", "…, is that
# doable?". After a request it asks whether the request can be met; alone after a topic, it is a question.
JUDGMENT = re.compile(r"(?:^|[,;.]\s*|\s-\s*)(?:c'?est(?:[- ]tu)?|c'?tu|est[- ]ce|(?:is|would) (?:it|that|this)(?: be)?"
                      r"|ca|cela|possible|doable|faisable|realiste)(?![\w'])[^,;.!?]*\?+\s*$")


# The client an agency asks for, never the niche: "for an outdoor-gear client", "pour notre client
# américain", "notre cliente fromagère cherche…" (a word after a French "client" describes it).
_CLIENT = re.compile(
    r"(?<![\w'])(?:(?:for|of|with)\s+)?(?:an?|our|my|the|another|one of our|this|that)\s+(?:[\w'-]+\s+){0,2}?"
    r"clients?(?![\w'])"
    # an account is a client too: "new account for us", "account manager for", « pour le compte »
    r"|(?<![\w'])(?:(?:a|an|our|my|the|un|notre)\s+)?(?:new|nouveau|key|big|gros)\s+(?:account|compte)"
    r"(?:\s+(?:for us|pour nous))?(?![\w'])|(?<![\w'])(?:account manager|charge(?:e)? de compte|pour le compte(?: de)?)(?![\w'])"
    r"|(?<![\w'])(?:(?:pour|de|chez)\s+|d')?(?:un|une|notre|nos|mon|ma|mes|le|la|l'|ce|cette)\s*(?:autre\s+|nouveau\s+"
    r"|nouvelle\s+)?client(?:e|s|es)?(?:\s+(?!(?:qui|il|elle|on|nous|ils|elles|a|est|veut|cherche|ouvre|vend|fait)"
    r"(?![\w']))[a-z][\w'-]*)?(?![\w'])"
)


# Cells of a row pasted from a sheet or a CRM: tabs, " | ", " · ", " • ".
_CELL_BREAK = re.compile(r"\t+|\s+[|·•]\s+")


def _row_read(text: str) -> tuple[str, str | None]:
    """A pasted row as a sentence ("sea swimming, IE, Galway, ≤ 8k, €700"), its cells apart, and the
    niche cell when a header row of field labels names it ("Niche⇥Country⇥City⏎hurling⇥IE⇥…")."""
    if not _CELL_BREAK.search(text):
        return text, None
    lines = [line for line in text.splitlines() if line.strip()]
    rows = [[cell.strip() for cell in _CELL_BREAK.split(line)] for line in lines]
    niche = None
    header = next((i for i, row in enumerate(rows) if len(row) >= 3
                   and all(fold(cell) in SHORTLIST_FIELD_LABELS for cell in row if cell)), None)
    if header is not None and header + 1 < len(rows):
        names = [fold(cell) for cell in rows[header]]
        values = rows[header + 1]
        niche = next((values[i] for i, name in enumerate(names) if name in _NICHE_LABELS and i < len(values)), None)
        lines.pop(header)
    return "\n".join(_CELL_BREAK.sub(", ", line) for line in lines), niche


@lru_cache(maxsize=256)
def _shortlist_slots(text: str) -> tuple[ShortlistRequest, str | None]:
    # Routing one message reads it as a shortlist two or three times (each rule, then its slots).
    text, niche_cell = _row_read(text)
    work = Work(text)
    labels = list(FIELD_LABEL.finditer(work.folded))
    count_field = _COUNT_FIELD.search(work.folded) if len(labels) >= 2 else None
    if count_field:  # "nb : 8", "count: 9": how many, as the form says it
        work.cut(*count_field.span())
    if len(labels) >= 2:  # a request typed as a form: "- ville : Lyon", "• topic: fly fishing"
        for match in list(_OTHER_FIELD_LINE.finditer(work.folded)):
            work.cut(*match.span())
        for match in labels:
            work.cut(*match.span("label"))
    given = _NICHE_GIVEN.search(fold(text))
    judgment = JUDGMENT.search(work.folded)
    if judgment and judgment.start() > 0:  # closing a request; "Est-ce que tu connais des gens qui…" is the request
        work.cut(*judgment.span())
    _cut_places_not_only(work)  # "anywhere in South Carolina, not just Charleston": the area, no one city
    city = _cut_city(work)
    tier = _cut_size(work)
    for pattern in (WHEN, _NOT_THIS, _CLIENT, _ANY_PLATFORM, _POLITE_TAIL, _CLOSING_LINE, _ABOUT_THE_WRITER,
                    *((_LIST_HEADING,) if "\n" in work.text else ())):
        for match in list(pattern.finditer(work.folded)):
            work.cut(*match.span())
    purposes = []
    for match in list(_PURPOSE.finditer(work.folded)):
        purposes.append(work.text[match.start():match.end()])
        work.cut(*match.span())
    count = int(count_field.group("n")) if count_field else _cut_count_of_people(work)
    request = parse_shortlist_query(work.text)
    _cut_unknown_places(work)
    # What the brand sells is the niche only when the request names no other ("for our dog food
    # brand I need creators in Leeds"; but "pour notre marque de thé, des créatrices yoga" is yoga).
    niche = ""
    aside = _ASIDE.search(work.folded) or _ALSO.search(work.folded)
    if aside and aside.start() > 0:  # "…, £450 (vegan cheese launch, wee budget sorry)": said in passing
        before = Work(work.text)
        before.people_ends = work.people_ends
        before.cut(*aside.span())
        niche = _niche_of_the_request(before, parse_shortlist_query(before.text))
    niche = niche or _niche_of_the_request(work, request) or _niche_of_the_purpose(purposes)
    if given:  # the niche named by its label wins over what the rest of the message leaves over
        niche = _clean_niche(parse_shortlist_query(text[given.start("value"):given.end("value")]).niche) or niche
    if niche_cell:
        niche = _clean_niche(parse_shortlist_query(niche_cell).niche) or niche
    if niche and re.search(rf"(?m)^[^\w\n]*{re.escape(niche.split()[0])}", text) and niche[1:2].islower():
        niche = niche[0].lower() + niche[1:]  # "Cyclotourisme du côté de Tournai…": capital of the sentence
    updates: dict[str, object] = {"niche": niche}
    if count is not None:
        updates["limit"] = count
    updates.update(_platform_from_people(text, request))
    if city:
        updates["country"] = city[1]
        if request.currency in ("USD", "CAD") and not re.search(rf"(?i){OTHER_DOLLAR}", text):
            # "$900" for creators in Adelaide is Australian dollars; "4 000 dollars" in French for Kansas
            # City stays American (the parser, with no place left to read, took French dollars for Canada's)
            updates["currency"] = dollar_for(city[1], text) or "USD"
    elif work.countries_let_go and request.country is None:  # "dans tout le Béarn, pas uniquement à Pau"
        updates["country"] = work.countries_let_go[0]
    if tier and request.tier is None:
        updates["tier"] = tier
    if not text.strip():
        updates["reasons_language"] = "en"
    else:
        updates.setdefault("reasons_language", request.reasons_language)
    request = request.model_copy(update=updates)
    return request, city[0] if city else None


# A closing aside in brackets: "(vegan cheese launch, wee budget sorry)".
_ASIDE = re.compile(r"\([^()]*\)?\W*$")
# Another request chained after the first: "… €1,400. and also flag anyone who's worked w…".
_ALSO = re.compile(r"(?<![\w])(?:and also|et aussi|pis aussi|also,)(?![\w]).*$", re.DOTALL)


# A place the lists do not know, capitalised after a word that introduces one: "du côté de Dinant",
# "en Mauricie". Not the niche, even when no filter can be set from it.
_UNKNOWN_PLACE = re.compile(r"(?<![\w])(?:en|in|à|near|around|du côté de|du cote de|près de|pres de|autour de"
                            r"|dans le coin de|vers)\s+(?P<place>[A-ZÀ-Ý][\w'’-]+)(?![\w])")


def _cut_unknown_places(work: Work) -> None:
    for match in list(_UNKNOWN_PLACE.finditer(work.text)):
        place = match.group("place")
        if parse_shortlist_query(place).niche == place:  # no country, platform or language of that name
            work.cut(*match.span())


# "8 pet creators", "10 gaming streamers", "4 youtubeurs": the search box parser reads a count only
# right before the people word; in a chat the niche often sits between the two.
_COUNTS_IN_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
                    "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "two": 2, "three": 3, "four": 4, "five": 5,
                    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
                    "twenty": 20, "dozen": 12, "douzaine": 12, "dizaine": 10, "quinzaine": 15,
                    "vingtaine": 20}
COUNT_WORD = "|".join(_COUNTS_IN_WORDS)  # no "un"/"one" here: before a people word they are articles
_COUNT_THEN_WORDS = re.compile(rf"(?<![\w.,$€£])(?P<n>\d{{1,3}}|{COUNT_WORD})(?!\s+(?:mille|thousand|hundred|cents?)(?![\w]))\s+(?P<words>(?:[^\W\d_][\w'-]*\s*){{1,3}})")
# "tu peux m'en proposer 6 ?", "il m'en faudrait cinq": the people are the "en".
_EN_VERB = r"(?:(?:propose|trouve|donne|recommande|suggere|sort|mett?)\w*|faut|faudrait|faudra|voudrais|veux|aimerais)"
_COUNT_OF_EN = re.compile(rf"(?<![\w])(?:(?:m'|nous |t'|vous )en\s+(?:{_EN_VERB}\s+)?|en\s+{_EN_VERB}\s+)"
                          rf"(?P<n>\d{{1,2}}|{COUNT_WORD})(?![\w%]|[.,]\d)")


def is_people_word(word: str) -> bool:
    if "-" in word:  # "micro-influenceurs"
        return any(is_people_word(part) for part in word.split("-") if part)
    return is_creator_word(word) or word.startswith("streamer") or any(word.startswith(s) for s in _PLATFORM_PEOPLE) \
        or word in _PEOPLE_NOUNS


# "…, 5 max": a small number capped, with no unit, is how many creators.
_COUNT_THEN_MAX = re.compile(rf"(?<![\w.,$€£])(?P<n>\d{{1,2}}|{COUNT_WORD})\s+(?:max|maximum|tops?|au max|of them|of 'em|of em|d'entre (?:eux|elles)|is plenty|is enough|will do"
                             r"|should do|suffit|suffiront|c'est assez|ca suffit"
                             # "8 ce serait parfait", "6 would be perfect"
                             r"|(?:ce |ca )?serait (?:parfait|ideal|top|super|bien)|would be (?:perfect|great|ideal|plenty|enough|parfait)"
                             r"|please|pleas|pls|plz|stp|svp)(?![\w])"
                             rf"|(?:no more than|not more than|at most|pas plus de|au plus|max|maximum)\s+(?P<n2>\d{{1,2}}|{COUNT_WORD})"
                             r"(?![\w%]|[.,]\d|\s\d{3}|\s*(?:k|€|\$|£|followers|abonn|mille|thousand|cents?|hundred|balles|euros?"
                             r"|dollars?|livres|pounds?))")


# People counted, then said what they do: "trois vulgarisatrices qui expliquent la chimie".
_COUNTED_WHO = re.compile(rf"(?<![\w.,$€£])(?P<n>\d{{1,3}}|{COUNT_WORD})\s+(?P<people>[^\W\d_][\w'-]*[sx])\s+(?:qui|ki|who|that)\s")


def _cut_count_of_people(work: Work) -> int | None:
    for match in _COUNT_THEN_WORDS.finditer(work.folded):
        if any(is_people_word(word) for word in match.group("words").split()):
            work.cut(*match.span("n"))
            return _count(match.group("n"))
    counted = _COUNTED_WHO.search(work.folded)
    if counted:
        work.people_ends.append(counted.end("people"))
        work.cut(*counted.span("n"))
        return _count(counted.group("n"))
    match = _COUNT_OF_EN.search(work.folded) or _COUNT_THEN_MAX.search(work.folded) or _TIMES.search(work.folded)
    if match:
        work.cut(*match.span())
        return _count(match.group("n") or match.group("n2"))
    tiered = _COUNT_THEN_TIER.search(work.folded)
    if tiered:  # "4 nano", "6 micro": so many of that tier (the tier word stays to be read)
        work.cut(*tiered.span("n"))
        return _count(tiered.group("n"))
    return None


_COUNT_FIELD = re.compile(r"(?m)(?:^|\s/\s)[^\w\n]*(?:(?:nb|nbre|nombre|count|number)(?: (?:de|d'|of) ?(?:profils|profiles"
                          r"|createurs|creatrices|creators|influenceurs|influenceuses|influencers|comptes|accounts))?"
                          r"|how many|combien|qty|quantite|createurs|creators|profils|profiles)\s*[:=]\s*(?P<n>\d{1,3})"
                          r"\s*(?=$|\s/\s|[,;])")
_COUNT_THEN_TIER = re.compile(r"(?<![\w.,$€£'’])(?P<n>\d{1,3})\s+(?:nano|micro|mid|macro)s?(?![\w])(?!\s*(?:k|abonn|follow))")


# Agency shorthand: "need 8 x nano fitness", "15x nano pickleball" (so many of them).
_TIMES = re.compile(r"(?<![\w.,$€£])(?P<n>\d{1,3})\s?x(?=\s+[^\W\d_])")


def _count(said: str) -> int:
    return max(1, min(200, int(said) if said.isdigit() else _COUNTS_IN_WORDS[said]))


# Needing people is asking for them: "il nous faudrait une douzaine de…", "we need 8 creators".
NEED = (r"faudrait|faut|need|needs|cherche|cherchons|recherchons|voudrais|voudrait|voudrions|aimerais|aimerions"
        r"|looking for|besoin de|on veut|nous voulons|we want|we'd like|i'd like"
        # the client's wish passed on, and how writers of a second language ask: "they want", "we search"
        r"|they want|they'd like|ils veulent|elle veut|il veut|elles veulent|ils aimeraient|we search|we look for"
        r"|we are searching|we're after|we are after"
        # a wish after what the brand sells: "we sell binoculars and want birdwatching creators"
        r"|and want|et voulons|aimerait|we'd love|we would love|i'd love|would like")
NEEDS = re.compile(rf"(?<![\w])(?:{NEED})(?![\w])")


# Where a clause ends: a long message tells who the brand is before it asks for people.
# Asking to work with people: "qui je pourrais contacter", "on aimerait bosser avec", "partner with".
CONTACT = re.compile(r"(?<![\w])(?:contacter|contact|inviter|invite|(?:collaborer|bosser|travailler) avec"
                     r"|(?:work|partner|team up|go) with|(?:could|should|can|would) (?:we|i) (?:use|hire|book|get|pick))(?![\w])")
_CLAUSE_END = re.compile(r"[,;.!?:]\s")


# Sentences, and the clauses within one: a long message sets the scene, apologises or gives a
# deadline around the sentence that asks for people, and only that sentence says what they do.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
# An emoji between words ends a clause too: "Kombucha artisanal ici 🍵 7 créateurs alimentation vivante".
_CLAUSE_END_IN_SENTENCE = re.compile(rf"[,;]\s|\s[—–-]\s|\s/\s|:\s|\s{EMOJI}+\ufe0f?\s")
# A clause that turns people down: "no fitness influencers, more like pilates", "pas des influenceurs mode".
_TURNED_DOWN = re.compile(r"^\W*(?:no|not|pas|sans|without|anything but|except|sauf|never|jamais|surtout pas)(?![\w'])")
# "creators who post about sourdough", "des gens qui font de la couture": what follows says it all.
_RELATIVE = re.compile(r"(?<![\w'])(?:who|that|qui|ki|whose|dont|doing|posting|making|faisant)(?![\w'])")
# After "who"/"qui" comes a verb, then what it is about: "who review crime fiction", "qui testent des
# escape games", "qui causent de bières". The verb is how they do it, never the niche.
_VERB_AFTER_WHO = re.compile(r"\s+(?:ne\s+|n')?(?:(?:mostly|mainly|surtout|often|souvent|also"
                             r"|aussi|regularly|only|juste)\s+)?[\w'-]+")
_WHO = frozenset({"who", "that", "qui", "ki"})
_PEOPLE_NOUNS = ("gens", "people", "ppl", "folks", "folk", "personnes", "monde", "anyone", "anybody", "someone", "somebody",
                 "guys", "gals", "ladies", "mecs", "gars", "nanas", "meufs",
                 "quelqu'un", "qqn")


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between the matches of ``pattern``, as absolute spans."""
    spans, at = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _people_at(folded: str, start: int, end: int, counted: list[int] | tuple = ()) -> int | None:
    for match in re.finditer(r"[\w'-]+", folded[start:end]):
        if is_people_word(match.group()) or start + match.end() in counted:
            return start + match.end()
    return None


def _niche_of_the_asking_sentence(work: Work) -> str:
    """The niche as the sentence that asks for people says it: its clause naming the people (after
    "who …" when there is one), else the clauses after it; turned-down clauses never count. Empty
    when no sentence asks for people or names no niche there (the scene set before may, and
    _niche_of_the_request reads it then)."""
    # The last of the sentences that ask most (scene first, request after); when it names no niche
    # ("on me demande de trouver des influenceuses…"), the next one that names people may.
    for _, start, end in _asking_sentences(work):
        niche = _niche_of_the_sentence(work, start, end)
        if niche:
            return niche
    return ""


def _asking_sentences(work: Work) -> list[tuple[int, int, int]]:
    """(score, start, end) of the sentences that name people (1) or ask for them (2), the ones that ask
    most first and, among them, the last first."""
    folded = work.folded
    scored = []
    for start, end in _spans(SENTENCE_BREAK, folded, 0, len(folded)):
        piece = folded[start:end]
        score = (_people_at(folded, start, end, work.people_ends) is not None) + bool(
            phrase_pattern("find").search(piece) or CONTACT.search(piece) or NEEDS.search(piece))
        if score:
            scored.append((score, start, end))
    return sorted(scored, key=lambda s: (-s[0], -s[1]))


def _niche_of_the_sentence(work: Work, *sentence: int) -> str:
    folded = work.folded
    clauses = _spans(_CLAUSE_END_IN_SENTENCE, folded, *sentence)
    at = next((i for i, c in enumerate(clauses) if _people_at(folded, *c, work.people_ends) is not None), None)
    if at is None:
        return ""
    start, end = clauses[at]
    people_end = _people_at(folded, start, end, work.people_ends)
    relative = _RELATIVE.search(folded, people_end, end)
    # "can you dig up some…", "on aimerait bosser avec des…": how they ask is not the niche
    asking = phrase_pattern("find").search(folded, start, people_end) or CONTACT.search(folded, start, people_end) \
        or NEEDS.search(folded, start, people_end)  # a dictated run-on: "…le 12 septembre il me faudrait une quinzaine de…"
    reads = []
    if relative:
        verb = _VERB_AFTER_WHO.match(folded, relative.end(), end) if relative.group() in _WHO else None
        reads = [(verb.end(), end)] if verb else []
        reads.append((relative.end(), end))
    reads += [(asking.end() if asking else start, end), *clauses[at + 1:]]
    for a, b in reads:
        if _TURNED_DOWN.match(folded[a:b]):
            continue
        niche = _clean_niche(parse_shortlist_query(work.text[a:b]).niche)
        if niche:
            return niche
    return ""


# Whom the brand wants to reach, when it names no people to find: "we want to get in front of vegan
# students…, who should we be talking to?", "on veut toucher les jeunes parents à Toulouse".
_AUDIENCE = re.compile(r"(?<![\w])(?:get in front of|reach|target|speak to|talk to|toucher|cibler|atteindre"
                       r"|parler (?:aux|a des|a la|au))(?:\s+(?:les|des|la|le|l'|the|more|plus de))?\s+")


def _niche_of_the_audience(work: Work) -> str:
    match = _AUDIENCE.search(work.folded)
    if match is None:
        return ""
    end = _CLAUSE_END_IN_SENTENCE.search(work.folded, match.end())
    return _clean_niche(parse_shortlist_query(work.text[match.end():end.start() if end else None]).niche)


def _niche_of_the_request(work: Work, request: ShortlistRequest) -> str:
    """The niche, read from the sentence and clause that ask for people; failing that, from the
    clause that asks for people onwards when an earlier clause sets the scene ("Je gère la com d'une
    marque de thé bio, on cherche des créatrices bien-être…" is about bien-être); the whole message's
    words when that clause names no niche."""
    asked = _niche_of_the_asking_sentence(work) or _niche_of_the_audience(work)
    if asked:
        return asked
    whole = _clean_niche(request.niche)
    asking = phrase_pattern("find").search(work.folded) or CONTACT.search(work.folded)
    people = next((m.start() for m in re.finditer(r"[\w'-]+", work.folded) if is_people_word(m.group())), None)
    starts = [p for p in (asking.start() if asking else None, people) if p is not None]
    if not starts:
        return whole
    ends = [m.end() for m in _CLAUSE_END.finditer(work.folded[: min(starts)])]
    # An asking phrase after the scene, with or without a clause between: "on est une marque de thé
    # et on aimerait bosser avec des créateurs bien-être" is about bien-être.
    asked_at = asking.start() if asking and (people is None or asking.start() <= people) else 0
    start = max(ends[-1] if ends else 0, asked_at)
    if not start:
        return whole
    niche = _clean_niche(parse_shortlist_query(work.text[start:]).niche)
    return niche or whole


def _niche_of_the_purpose(purposes: list[str]) -> str:
    for purpose in purposes:
        words_after = re.sub(r"(?i)^\W*(?:pour|to|for)\s+(?:\w+\s+)?(?:notre|nos|our)?\s*", "", purpose)
        niche = _clean_niche(parse_shortlist_query(words_after).niche)
        if niche:
            return niche
    return ""


def _platform_from_people(text: str, request: ShortlistRequest) -> dict[str, object]:
    if request.platform is not None:
        return {}
    for token in tokens(fold(text)):
        for stem, platform in _PLATFORM_PEOPLE.items():
            if token.startswith(stem):
                return {"platform": platform}
    return {}


# The places named before, pointed back to: "dans ces trois villes", "in those two towns".
_THOSE_PLACES = re.compile(r"(?i)\s+(?:(?:dans|in|across|sur|at)\s+)?(?:ces|these|those|les|the)\s+(?:[\w-]+\s+)?"
                           r"(?:villes|towns|cities|magasins|stores|shops|boutiques|succursales|branches)$")


def _clean_niche(niche: str) -> str:
    niche = _THOSE_PLACES.sub("", niche)
    typed = niche.split()
    keep = [not _is_asking(word) for word in typed]
    # "de" between two niche words stays, as the search box keeps it ("jeux de société").
    kept = [word for i, word in enumerate(typed) if keep[i] or (
        fold(word) in ("de", "du", "des", "en") and 0 < i < len(typed) - 1 and keep[i - 1] and keep[i + 1])]
    # "qui font du yoga": "du" linked the cut verb. Compared unfolded: "thé" is no "the".
    while kept and kept[0].lower() in _EDGE_LINKS:
        kept.pop(0)
    hedge = _HEDGE.match(" ".join(kept))  # "un peu dans le style de @x": how close, not what about
    if hedge:
        kept = " ".join(kept)[hedge.end():].split()
    while kept and (kept[-1].lower() in _EDGE_LINKS or fold(kept[-1]) in _TRAILING_FILLERS):
        kept.pop()
    if kept and re.match(r"(?i)[ld]['’]\w", kept[0]):  # "l'escalade de glace" is escalade de glace
        kept[0] = kept[0][2:]
    return " ".join(kept).strip(" -,;:?!.")


# What a dictated or hurried message ends a clause with: the full stop said aloud ("point"), "c'est"
# before a reason that was cut, "all"/"whichever" before a platform. Only last: "point de croix" stays.
_TRAILING_FILLERS = frozenset({"point", "period", "c'est", "cest", "c’est", "it's", "its", "all", "whichever",
                               "either", "importe", "peu", "voila", "svp", "stp", "pls", "please", "merci", "thanks",
                               "ty", "thx", "tia", "cheers",
                               # where the place was: "train travel across (Switzerland)"
                               "across", "throughout", "around", "partout",
                               # what they make, not what about: "beard care content", "cooking videos"
                               "content", "contenu", "contenus", "videos", "vids",
                               # "get some knitting creators involved", "on board"
                               "involved", "onboard",
                               # "(la ville, pas la province)": which place was meant
                               "ville", "city", "town", "province",
                               # "on a 2 500 $ pour ça", "sur toute la région"
                               "ca", "ça", "cela", "tout", "toute", "tous", "toutes", "it"})
_HEDGE = re.compile(r"(?i)(?:un peu|a bit|a little|kinda|kind of|sort of)(?:\s+|$)")
_EDGE_LINKS = frozenset({"de", "du", "des", "d'", "of", "the", "a", "an", "la", "le", "les", "l'", "not", "pas",
                         "non"})  # "(Maine, not Oregon)": the place turned down is cut, its "not" goes too


def _is_asking(word: str) -> bool:
    """A word of how people ask, a people word or a follow-up word: not the niche."""
    parts = [p for p in re.split(r"[-'’]", word) if p]
    if parts and all(_is_asking_word(fold(p)) or is_one_of(p, words("refine")) or is_creator_word(fold(p))
                     for p in parts):
        return True
    return any(fold(word).startswith(stem) for stem in _PLATFORM_PEOPLE)


# Refinements of the last shortlist ----------------------------------------------------------------------

_NUMBER_WORDS = {"un": 1, "une": 1, "one": 1, **_COUNTS_IN_WORDS}  # "one more", "encore un"
_COUNT = r"\d{1,3}|" + "|".join(_NUMBER_WORDS)
_MORE = re.compile(
    rf"(?<![\w])(?:encore|another|(?:show|give|add)(?: me)?|(?:montre|donne|propose|mets|r?ajoute)[sz]?[- ]?(?:m'en|moi|nous|en))?"
    rf"\s*(?P<n>{_COUNT})\s+"
    r"(?:(?:names|noms|profiles|profils|creators|createurs|creatrices|people|personnes|options)\s+)?"  # "5 profils en plus"
    r"(?:de plus|more|others?|autres|supplementaires?|additional|extra|en plus)"
    r"(?:\s+(?:names|noms|profiles|profils|creators|createurs|creatrices|people|personnes|options))?(?![\w])"
    # "one more thing", "une autre question": more of what is being said, not of creators
    r"(?!\s+(?:thing|things|question|questions|point|detail|request|favou?r|idea|chose|choses|truc|precision))"
    rf"|(?<![\w])(?:encore|another)\s+(?P<n2>{_COUNT})(?![\w])"
    rf"|(?<![\w])(?:montre|donne|propose|mets|r?ajoute)[sz]?[- ](?:m'en|en|nous-en)\s+(?P<n3>{_COUNT})(?![\w])"
    # "rajoute 4 profils", "add 3 creators": more of them
    rf"|(?<![\w])(?:r?ajoute[sz]?|add)\s+(?P<n4>{_COUNT})\s+(?:names|noms|profiles|profils|creators|createurs"
    r"|creatrices|people|personnes|options)(?![\w])"
)
# "swap Instagram for TikTok", "remplace Lyon par Bordeaux": what is swapped out goes, what comes in stays.
_SWAP = re.compile(r"(?<![\w])(?:swap|replace|switch|remplace[rsz]?|change[rsz]?)\s+(?:le |la |l'|the )?[\w.]+\s+"
                   r"(?:for|with|by|to|par|pour|contre)\s")
# What a follow-up keeps as it is, by its capitalised name: "keep Salem", "on garde Lyon".
_KEPT = re.compile(r"(?i:(?<![\w])(?:keep|garde[rz]?|on garde|on reste (?:a|à|sur)|stay (?:in|with)|ok (?:pour|for|with)"
                   r"|fine (?:for|with)|d'accord pour)\s+)"
                   # a town, or an amount: "keep the £650", « garde les 800 € »
                   r"(?:[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,2}"
                   r"|(?i:(?:the|le|les|la)\s+)?[$€£]?\s?\d[\d\s.,']*(?i:k)?\s?(?:[$€£]|(?i:euros?|pounds?|dollars?))?)")
# "enlève le budget", "remove the platform filter": a filter taken off by name.
_REMOVE = (r"(?:enleve[sz]?|enlever|retire[sz]?|retirer|supprime[sz]?|supprimer|oublie[sz]?|remove|drop|clear|forget"
           r"|get rid of|scrap|ditch|lose|skip|vire[sz]?|virer|laisse tomber)\s+(?:about )?(?:le |la |les |l'|the |that |this |any )?(?:filtre (?:de |du |sur (?:le |la )?)?)?")


def _cleared(words: str) -> str:
    return rf"|{_REMOVE}(?:{words})(?:\s+(?:filter|limit|cap))?"


def _follower_bound_cleared(bound: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:(?:{_REMOVE}|sans |no |without )(?:{bound})\s*(?:(?:de |of )?\d[\d\s.,]*k?\s*)?(?:d'|de |des |on |of )?"
                      rf"(?:abonnes|abos?|followers?|subscribers?|subs)|(?:{_REMOVE}|no |without )(?:followers?|abonnes) (?:{bound})"
                      # "drop the 3k minimum": the bound named by its number
                      rf"|{_REMOVE}\d[\d.,]*\s?k?\s+(?:(?:abonnes|abos?|followers?)\s+)?(?:{bound}))(?![\w])")


_CLEARED = {
    "budget": re.compile(r"(?<![\w])(?:(?:sans|no|without|any|pas de|aucun|(?:n'?)?(?:a|ai|avons|ont) plus de|no more"
                         r"|no longer (?:a|any))\s+(?:limite de\s+)?budget(?:\s+limit)?"
                         r"|budget\s+(?:illimite|libre)|take (?:the |that )?budget (?:cap |limit )?off|take off the budget"
                         r"|(?:set|put|leave) (?:the |our )?budget aside|(?:mets|mettez|laisse|laissez) (?:le )?budget de cote"
                         + _cleared("budget") + r")(?![\w])"),
    "platform": re.compile(r"(?<![\w])(?:sans (?:filtre de )?plateforme|toutes (?:les )?plateformes|any platform"
                           rf"|{_REMOVE}(?:{platform_names()})(?:\s+filter)?"
                           r"|all platforms|peu importe la plateforme|every platform"
                           # "doesn't have to be tiktok", "pas forcément sur insta": the platform named is let go
                           r"|(?:doesn't|does not|don't|needn't) (?:have|need) to be (?:on )?[\w.]+"
                           r"|pas (?:forcement|obligatoirement|besoin d'etre) (?:sur )?[\w.]+"
                           + _cleared("plateformes?|platforms?|reseaux?") + r")(?![\w])"),
    "country": re.compile(r"(?<![\w])(?:sans (?:filtre de )?pays|tous (?:les )?pays|any country|all countries"
                          r"|(?:partout|anywhere)(?!\s+(?:dans|in|en|au|across|sur))"
                          + _cleared("pays|country|countries|location|lieu") + r")(?![\w])"),
    "tier": re.compile(r"(?<![\w])(?:toutes (?:les )?tailles|any (?:tier|size)|all tiers|toutes tailles"
                       + _cleared("tailles?|tiers?|sizes?|palier|(?:critere |filtre |criterion )?(?:de |du )?"
                                  "(?:nano|micro|mid|macro|mega)s?(?: (?:filter|criterion|critere|filtre|tier))?")
                       + r")(?![\w])"),
    # "vire le plafond d'abonnés", "drop the follower cap", "no follower limit"
    "max_followers": _follower_bound_cleared("plafond|limite?|max(?:imum)?|cap|ceiling"),
    "min_followers": _follower_bound_cleared("plancher|minimum|min|floor"),
}
# "drop the follower range", « enlève la fourchette d'abonnés »: both bounds at once.
_FOLLOWER_RANGE_CLEARED = _follower_bound_cleared("range|fourchette|tranche|limits|bounds|filtre|filter")
# The city let go, the country kept: "élargis à tout le département", "oublie la ville", "anywhere in
# the state", and a city named only to go beyond it ("pas seulement Saumur", "not just Leeds").
_ANY_CITY = re.compile(r"(?<![\w])(?:(?:partout|anywhere|everywhere) (?:dans|in|across) (?:la|le|the|tout|toute|all)\s+[\w'-]+"
                       r"|(?:the )?whole (?:state|province|county|region|country)|(?:tout|toute) (?:la|le|l')\s*"
                       r"(?:province|region|departement|pays|canton|etat)|n'importe quelle ville|any city"
                       + _cleared("ville|city|town") + r")(?![\w])")
_BEYOND = re.compile(r"(?<![\w])(?:(?:pas|plus) (?:seulement|juste|que|uniquement|only|just)|not (?:just|only)|beyond|outside(?: of)?"
                     r"|en dehors de)\s+(?:(?:a|in|sur|dans|de)\s+)?(?P<place>[\w'-]+(?:[ \t]+[\w'-]+){0,2})")  # one line


# "élargis à toute la Belgique", "widen it to all of Scotland": the country stays, its city goes.
_WHOLE_OF = re.compile(r"(?<![\w])(?:tout|toute|all of|the whole of|the rest of|across|(?:any|every)where in"
                       r"|partout (?:en|au|aux|dans)|n'importe ou (?:en|au|aux|dans))\s+(?:le |la |l'|the )?"
                       r"(?P<place>[\w'-]+(?:[ \t]+[\w'-]+)?)")
# "Liège seule, c'est trop peu", "Dundee alone is too small": the city said to be too little.
_TOO_LITTLE_ALONE = re.compile(r"(?P<place>[\w'-]+(?:\s+[\w'-]+){0,2})\s+(?:seule?|alone|on its own|by itself)"
                               r"(?=[^.!?]*?(?<![\w])(?:trop|too|pas assez|not enough|juste|small|limite)(?![\w]))")


# "Belgium-wide", "Canada-wide now", "nationwide": the country stays, its city goes.
_WIDE = re.compile(r"(?<=\w)-wide(?![\w])|(?<![\w])(?:nationwide|countrywide|statewide|province-wide)(?![\w])")


# "élargis à toute l'Estrie", "widen it to the whole county": the area need not be one Relais knows.
_WIDEN = re.compile(r"(?<![\w])(?:elargi[sr]?|elargissez|widen|broaden|expand|open it up)(?: it| la recherche| the search)?"
                    r"\s+(?:a|au|aux|to|en)\s+(?:tout|toute|tous|all of|the whole of|the rest of|the whole)\s*"
                    r"(?:la |le |l'|les |the )?(?P<place>[\w'-]+)")


def _cut_city_let_go(work: Work) -> bool:
    let_go = False
    for match in list(_WIDEN.finditer(work.folded)):
        work.cut(match.start(), match.start("place"))  # the area stays to be read ("tout le Luxembourg")
        let_go = True
    for match in list(_WIDE.finditer(work.folded)):
        work.cut(*match.span())
        let_go = True
    for match in list(_ANY_CITY.finditer(work.folded)):
        work.cut(*match.span())
        let_go = True
    for match in list(_TOO_LITTLE_ALONE.finditer(work.folded)):
        for start in [m.start() for m in re.finditer(r"[\w'-]+", match.group("place"))]:
            if _cut_city(Work("a " + match.group("place")[start:])):
                work.cut(match.start("place") + start, match.end())
                let_go = True
                break
    return _cut_places_not_only(work) or let_go


def _cut_places_not_only(work: Work) -> bool:
    """Cuts the towns said to be not the only place ("not just Charleston", « pas seulement Liège »),
    and the words widening to a known area ("anywhere in South Carolina": the area stays to be read)."""
    cut = False
    for match in list(_WHOLE_OF.finditer(work.folded)):
        place = match.group("place")
        if any(places().country(" ".join(place.split()[:n])) for n in (2, 1)):
            work.cut(match.start(), match.start("place"))
            cut = True
    for match in list(_BEYOND.finditer(work.folded)):
        town = _cut_city(Work("a " + work.text[match.start("place"):match.end("place")]))
        if town:
            work.cut(*match.span())
            work.countries_let_go.append(town[1])
            cut = True
    return cut


_TURNED_DOWN_PLACE = re.compile(r"(?<![\w])(?:(?i:pas|not|plus|no longer|no more|instead of|au lieu de|plutôt que|plutot que)"
                                r"\s+|(?i:plutôt qu['’]|plutot qu['’]))(?i:à\s+|a\s+|in\s+|en\s+)?(?P<place>[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,2})")


# "bump the budget to 4000 €", "monte le budget à 3k": the verb and the "to" go, the new budget stays.
_ADJUST_BUDGET = re.compile(
    r"(?<![\w])(?P<verb>(?:bump|raise|increase|lower|cut|reduce|set|change|move|up|drop|monte[rz]?|augmente[rz]?"
    r"|baisse[rz]?|passe[rz]?|mets|mettez|descend[sz]?|reduis|reduisez)\s+(?:(?:the|le|my|mon|our|notre)\s+)?)"
    r"budget\s+(?P<to>to|at|a)\s"
)
# An amount raised or lowered to, with no word for what it is: the budget ("et monte à 900").
_RAISED_TO = re.compile(
    r"(?<![\w])(?:monte[rz]?|augmente[rz]?|baisse[rz]?|descend[sz]?|bump|raise|lower|up|cut|drop|reduce|bring)\s+"
    r"(?:(?:it|le|la|ca|that|this)\s+)?(?:down\s+)?(?:a|to|at)\s+(?P<amount>[$€£]?\s?\d[\d\s.,'’]*+(?:k\b)?\s?"
    rf"(?:[$€£]|(?:{CURRENCY_WORD_PATTERN})\b)?)"
    r"(?!\s*(?:k\s*)?(?:followers|abonn|subs|fans))")
# How a follow-up is put, around what it changes: "can you keep it to nano", "how about in Belgium".
_FOLLOW_UP = re.compile(
    r"(?<![\w])(?:(?:can|could) you |(?:peux|pourrais)[- ]tu |tu peux )?"
    r"(?:keep it to|stick to|limit (?:it|that|this|them) to|restrict (?:it|that|this|them) to|how about|what about"
    r"|garde(?:r)? (?:que|seulement|uniquement)|reste(?:r)? sur"
    r"|et si on (?:passait|prenait|restait|regardait|essayait|allait)|what if we (?:tried|looked|went with)"
    r"|du coup|actually|en fait|then|alors|ok et|ok and|(?:t'en|tu en|vous en) (?:as|a|avez)|(?:you|u) got"
    r"|(?:can you |could you )?(?:do|try|switch to|go with)|bascule(?:r)? sur|passe(?:r)? sur|change pour"
    r"|(?:can|could|shall) we (?:go|do|try|switch to|move to)"
    # a correction of the last request: "sorry, not YouTube, I meant Instagram, my bad"
    r"|i meant|i mean|je voulais dire|my bad|my mistake|sorry|desolee?|oups|oops|ma faute|au temps pour moi"
    r"|keep (?:it|them|that)|(?<!plutot )que des|rien que|works|is fine|ca marche|ca ira|make (?:it|that)|fais (?:en|plutot)"
    r"|ca donne quoi|(?:et )?pis|confondu(?:e)?s?|par contre|en vrai|tu peux|can you"
    r"|(?:monte|augmente|baisse|passe|descends?|bump|raise|lower)\s+(?:a|to)"
    r"|precise|precises|specific)(?![\w])"
)
_REFINE_FIELDS = ("platform", "country", "tier", "min_followers", "max_followers", "budget", "currency", "limit", "like")


class Refinement(BaseModel):
    """What a follow-up changes in the last shortlist request; ``None`` values clear a filter."""

    changes: dict[str, object] = {}
    city: str | None = None
    more: int | None = None  # "5 de plus": that many more creators
    leftover: str = ""  # words that are not a refinement (a new niche, or another request)
    # The same in the clauses that change nothing as well: with no list on screen they are no
    # reasons for a change but the request itself ("Nous lançons une gamme de thés bio, budget 3k").
    leftover_anywhere: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.changes and self.more is None and self.city is None


def refinement_slots(text: str) -> Refinement:
    """What a follow-up changes in the last shortlist request."""
    return _refinement_slots(text).model_copy(deep=True)


@lru_cache(maxsize=256)
def _refinement_slots(text: str) -> Refinement:
    # Routing reads a message as a follow-up in two or three places (filler, form, fallback).
    work = Work(_without_the_list_described(text))
    more = None
    match = _MORE.search(work.folded)
    if match:
        value = match.group("n") or match.group("n2") or match.group("n3") or match.group("n4")
        more = int(value) if value.isdigit() else _NUMBER_WORDS[value]
        work.cut(*match.span())
    changes: dict[str, object] = {}
    raised = _RAISED_TO.search(work.folded)
    if raised:  # "et monte à 900", "bump it to 5000": with a list on screen, the budget
        try:
            changes["budget"], currency = parse_money(text[raised.start("amount"):raised.end("amount")])
        except NumberError:
            pass
        else:
            if currency and currency != ShortlistRequest.model_fields["currency"].default:
                changes["currency"] = currency  # euros, the default, are no change of currency
            work.cut(*raised.span())
    for match in list(_FOLLOW_UP.finditer(work.folded)):
        work.cut(*match.span())
        if re.match(r"\s+[A-ZÀ-Ý]", work.text[match.end():]) and match.end() - match.start() >= 2:
            # "try Bournemouth", "what about Leeds": the phrase said where, as "in" would
            work.text = work.text[:match.end() - 2] + "in" + work.text[match.end():]
            work.folded = work.folded[:match.end() - 2] + "in" + work.folded[match.end():]
    for match in list(_SWAP.finditer(work.folded)):
        work.cut(*match.span())
    for match in list(_KEPT.finditer(work.text)):  # "keep Salem but try TikTok": Salem is no change
        work.cut(*match.span())
    for match in list(_ADJUST_BUDGET.finditer(work.folded)):
        work.cut(*match.span("verb"))
        work.cut(*match.span("to"))
    for found in list(_FOLLOWER_RANGE_CLEARED.finditer(work.folded)):
        changes["min_followers"] = changes["max_followers"] = None
        work.cut(*found.span())
    for field, pattern in _CLEARED.items():
        for found in list(pattern.finditer(work.folded)):  # "doesn't have to be tiktok, any platform works"
            changes[field] = None
            work.cut(*found.span())
    if _cut_city_let_go(work):
        changes["city"] = None
        if work.countries_let_go:  # "widen to the whole Okanagan, not just Kelowna": still Canada
            changes["country"] = work.countries_let_go[0]
    for match in list(_TURNED_DOWN_PLACE.finditer(work.text)):  # "pas Liège mais Hasselt", "not Bristol, now Exeter"
        if _cut_city(Work("in " + match.group("place"))):
            work.cut(*match.span())
    request, city = shortlist_slots(work.text)
    given = request.model_dump(exclude_defaults=True)
    for field in _REFINE_FIELDS:
        if field in given:
            changes[field] = given[field]
    if changes.get("currency") == "USD" and detect_language(text) == "fr":  # "monte le budget à 1500 $"
        changes["currency"] = dollar_for("CA", text) or "USD"  # French dollars are Canadian, as in requests
    leftover = " ".join(fold(w) for w in tokens(request.niche)
                        if not is_one_of(w, words("refine")) and fold(w) not in _ASKING)
    leftover_anywhere = leftover
    clauses = [text[a:b] for a, b in _spans(_FOLLOW_UP_CLAUSE, text, 0, len(text))]
    if leftover and (changes or more is not None or city) and len(clauses) > 1:
        # The clauses that change nothing only say why ("the owner wants it to feel local", "y'a pas
        # assez de monde"): what is left over counts in the clauses that change something.
        readings = [_refinement_slots(clause) for clause in clauses]
        leftover = " ".join(r.leftover for clause, r in zip(clauses, readings) if r.leftover and (
            not r.is_empty or any(is_people_word(t) for t in tokens(fold(clause)))))  # people asked for anew
    return Refinement(changes=changes, city=city, more=more, leftover=leftover, leftover_anywhere=leftover_anywhere)


# A sentence that says what the list on screen is like ("these are all Brighton students", "elles ont
# toutes plus de 100k abonnés", "only three actually in Hasselt?") names the filters to move away
# from; the sentence after it says where to ("try Bournemouth", "limite-toi à 15 000").
_DESCRIBES_THE_LIST = re.compile(
    r"^\W*(?:(?:euh+|meh|hmm+|bof|ugh|ok|okay|hm|well|alors|bon|mais|but|so)\W+)*"
    r"(?:(?:most|some|half|all|none|a lot|lots|loads|several|many|two|three|deux|trois) of (?:them|these|those|the list)"
    r"|(?:these|those|they|they're|elles|ils|la plupart|certaines|certains|plusieurs|beaucoup|the list|la liste)"
    r"(?:\s+(?:guys|ones|people|creators|accounts|profiles|profils|comptes|creatrices|createurs|d'entre (?:elles|eux)))?"
    r"\s+(?:are|'re|all|have|got|ont|sont|font|do|is|look|seem|semblent)"
    r"|(?:c'est|ce sont) (?:toutes?|tous|que|surtout)|que des|y'?a que|il n'y a que"
    r"|(?:pas assez|trop peu|trop|not enough|too few|too many|way too many|not many|hardly any|pas beaucoup|peu de)(?= )"
    r"|(?:only|just|seulement|que) (?:\d{1,3}|one|two|three|four|five|une?|deux|trois|quatre|cinq)"
    r" (?:actually |really |vraiment )?(?:in|a|en|sont|are|of them|d'entre))(?![\w])")
_ASKS_A_CHANGE = re.compile(r"(?<![\w])(?:try|make it|go (?:up|down|to|with)|switch|limit|passe|essaie|essaye|tente|limite|can you|could you"
                            r"|tu peux|vous pouvez|instead|plutot|rather)(?![\w])")


def _without_the_list_described(text: str) -> str:
    """``text`` with the sentences describing the list on screen blanked, when another sentence is left."""
    sentences = _spans(SENTENCE_BREAK, text, 0, len(text))
    described = [(a, b) for a, b in sentences if _describes_the_list(text[a:b])]
    if not described or len(described) == len(sentences):
        # within a sentence: "trop de comptes à 50k+, plafonne à 10 000", "Pas assez à Brest 😕 prends…"
        described = []
        for a, b in sentences:
            clauses = _spans(_CLAUSE_OR_EMOJI, text, a, b)
            if len(clauses) > 1 and _describes_the_list(text[slice(*clauses[0])]):
                described.append(clauses[0])
        if not described:
            return text
    about_followers = any(_FOLLOWER_WORD.search(fold(text[a:b])) for a, b in described)
    for a, b in described:
        text = text[:a] + " " * (b - a) + text[b:]
    if about_followers and not _FOLLOWER_WORD.search(fold(text)):
        # "elles ont toutes plus de 100k abonnés… limite-toi à 15 000 maximum": the bound is in followers
        bound = _BARE_BOUND.search(text)
        if bound:
            end = bound.end("n") if bound.group("n") else bound.end("n2")
            text = text[:end] + " followers" + text[end:]
    return text


def _describes_the_list(piece: str) -> bool:
    folded = fold(piece)
    return bool(_DESCRIBES_THE_LIST.match(folded) or _TOO_LITTLE.match(folded)) and not _ASKS_A_CHANGE.search(folded)


# "Ottawa's too thin", "Brest c'est trop petit": the place on screen is too little.
_TOO_LITTLE = re.compile(r"^\W*[\w'-]+(?:'s| is| est| c'est)? (?:too|trop|way too|bien trop) (?:thin|small|quiet|few|limited"
                         r"|petit|petite|calme|limite)(?![\w])")


_CLAUSE_OR_EMOJI = re.compile(rf",\s|\s[—–-]\s|\s*{EMOJI}+\s*")
# Followers named, or counted as followers are ("comptes à 50k+").
_FOLLOWER_WORD = re.compile(r"(?<![\w])(?:abonnes|abonnees|abos?|followers?|subs|subscribers|\d{1,3}\s?k\+)(?![\w])")
_BOUND_NUMBER = r"(?P<n>(?<![\w.,])\d{1,3}(?:[ .,\u202f\u00a0]?\d{3})*(?:\s?[kK])?)"
_BARE_BOUND = re.compile(rf"{_BOUND_NUMBER}(?=\s+(?:minimum|maximum|max|min|tops)(?![\w]))"
                         rf"|(?i:plafonne[rz]?|cap(?: it)?|limite[rz]?|keep it (?:to|under))\s+(?:a|à|at|to)?\s*{_BOUND_NUMBER.replace('(?P<n>', '(?P<n2>')}")


# Clauses of a follow-up: "client pushed back on spend. drop it to 4k and give me 4 more names".
_FOLLOW_UP_CLAUSE = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*|[,;:]\s+")


# Creators named --------------------------------------------------------------------------------------------

_HANDLE = re.compile(r"(?<![\w])@([\w][\w.]*[\w]|[\w])")


def handles_in(text: str) -> list[str]:
    """ "@Lea.Plays," -> ["lea.plays"], in order, each once."""
    return list(dict.fromkeys(h.lower() for h in _HANDLE.findall(text)))
