"""Platforms, countries and languages as people write them ("Insta", "Royaume-Uni", "français").

Names come from ``scoring/data/places.toml``; lookups fold case and accents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import fold_accents
from scoring.config import read_data


@dataclass(frozen=True)
class Place:
    country: str  # ISO 3166 alpha-2
    language: str | None = None  # implied by the name ("Québec" -> fr)


def normalise_name(text: str) -> str:
    """Lower case, no accents, single spaces: the form every name is compared in."""
    return re.sub(r"\s+", " ", fold_accents(text).strip())


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 ("CÃ´te d'Ivoire") back to what was written ("Côte d'Ivoire")."""
    if not re.search("[ÃÂâ][\u0080-\u00bf\u0152-\u2122]", text):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


@dataclass(frozen=True)
class Places:
    platforms: dict[str, str]  # name -> platform
    countries: dict[str, Place]  # name or code -> place
    languages: dict[str, str]  # name or code -> ISO 639-1
    codes: frozenset[str]  # the ISO country codes we know
    people: dict[str, Place]  # what a country's people are called ("belges", "german") -> place

    def platform(self, text: str) -> str | None:
        """ "Insta", "instagram.com", "https://www.tiktok.com/@x", "Instagram Reels", "Shorts" -> platform."""
        name = normalise_name(repair_mojibake(text))
        found = self.platforms.get(name)
        if found is None and ("." in name or "/" in name):
            host = re.sub(r"^[a-z]+://", "", name).split("/", 1)[0]
            host = re.sub(r"^(?:www|m|mobile|vm|fr)\.", "", host)
            found = self.platforms.get(host) or self.platforms.get(host.rsplit(".", 1)[0])
        return found

    def country(self, text: str) -> Place | None:
        """A country name or code, French or English; "Canada (Québec)" and "CÃ´te d'Ivoire" work too."""
        name = normalise_name(text)
        found = self.countries.get(name)
        if found is None:
            repaired = normalise_name(repair_mojibake(text))
            found = self.countries.get(repaired)
            name = repaired
        if found is None:
            name = re.sub(r"[’`´]", "'", name)
            found = self.countries.get(name)
        if found is None:
            match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)  # "canada (quebec)": the part in brackets is finer
            if match:
                found = self.countries.get(match.group(2).strip()) or self.countries.get(match.group(1).strip())
        return found

    def language(self, text: str) -> str | None:
        return self.languages.get(normalise_name(text))


@lru_cache(maxsize=1)
def places() -> Places:
    data = read_data("places")
    platforms = {normalise_name(alias): name for name, aliases in data["platforms"].items() for alias in aliases}
    countries: dict[str, Place] = {}
    codes = set()
    people: dict[str, Place] = {}
    for key, entry in data["countries"].items():
        place = Place(country=entry.get("country", key), language=entry.get("language"))
        if "country" not in entry:
            codes.add(key)
            countries[key.lower()] = place
        for name in entry["names"]:
            countries[normalise_name(name)] = place
        for name in entry.get("people", []):
            people[normalise_name(name)] = place
    languages = {normalise_name(alias): code for code, aliases in data["languages"].items() for alias in aliases}
    return Places(platforms=platforms, countries=countries, languages=languages, codes=frozenset(codes),
                  people=people)
