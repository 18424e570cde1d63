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


@dataclass(frozen=True)
class Places:
    platforms: dict[str, str]  # name -> platform
    countries: dict[str, Place]  # name or code -> place
    languages: dict[str, str]  # name or code -> ISO 639-1
    codes: frozenset[str]  # the ISO country codes we know

    def platform(self, text: str) -> str | None:
        return self.platforms.get(normalise_name(text))

    def country(self, text: str) -> Place | None:
        return self.countries.get(normalise_name(text))

    def language(self, text: str) -> str | None:
        return self.languages.get(normalise_name(text))


@lru_cache(maxsize=1)
def places() -> Places:
    data = read_data("places")
    platforms = {normalise_name(alias): name for name, aliases in data["platforms"].items() for alias in aliases}
    countries: dict[str, Place] = {}
    codes = set()
    for key, entry in data["countries"].items():
        place = Place(country=entry.get("country", key), language=entry.get("language"))
        if "country" not in entry:
            codes.add(key)
            countries[key.lower()] = place
        for name in entry["names"]:
            countries[normalise_name(name)] = place
    languages = {normalise_name(alias): code for code, aliases in data["languages"].items() for alias in aliases}
    return Places(platforms=platforms, countries=countries, languages=languages, codes=frozenset(codes))
