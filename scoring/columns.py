"""Which column of a roster file holds which creator field.

Headers match case-, accent-, spacing- and punctuation-insensitively against the aliases in
``scoring/data/columns.toml`` ("Abonnés", "followers_count" and "Subscribers" all mean followers).
A header that adds a platform name to a known one ("Instagram followers", "TikTok handle") also
matches, and tells the platform of rows that have no platform column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from knowledge.text import fold_accents
from scoring.config import read_data
from scoring.places import places
from scoring.readers import RosterFileError

REQUIRED = ("handle", "followers")


def header_key(header: str) -> str:
    """'Taux d'engagement (%)' -> 'tauxdengagement': letters and digits only, folded."""
    return re.sub(r"[^a-z0-9]", "", fold_accents(header))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    found = {}
    for name, aliases in read_data("columns")["aliases"].items():
        found[header_key(name)] = name
        for alias in aliases:
            found.setdefault(header_key(alias), name)
    return found


@lru_cache(maxsize=1)
def _currency_markers() -> dict[str, str]:
    return {marker: code for code, markers in read_data("columns")["price_currency_markers"].items() for marker in markers}


@lru_cache(maxsize=1)
def _platform_keys() -> list[tuple[str, str]]:
    """(folded platform name, platform), longest first, for headers like 'Instagram followers'."""
    names = {header_key(alias): platform for alias, platform in places().platforms.items() if len(alias) > 2}
    return sorted(names.items(), key=lambda item: -len(item[0]))


@lru_cache(maxsize=1)
def _profile_url_keys() -> frozenset[str]:
    return frozenset(header_key(a) for a in read_data("columns").get("profile_url", {}).get("aliases", []))


@lru_cache(maxsize=1)
def _weak_keys() -> dict[str, frozenset[str]]:
    weak = read_data("columns").get("weak_aliases", {})
    return {name: frozenset(header_key(a) for a in aliases) for name, aliases in weak.items()}


@lru_cache(maxsize=1)
def _multi_fields() -> frozenset[str]:
    return frozenset(read_data("columns").get("multi_column", {}).get("fields", []))


def field_of(header: str) -> str | None:
    """The field a header names (or "profile_url"), without the platform-in-header rule's side effects."""
    key = header_key(str(header))
    if not key:
        return None
    if key in _profile_url_keys():
        return "profile_url"
    aliases = _aliases()
    if key in aliases:
        return aliases[key]
    for platform_key, _platform in _platform_keys():
        for rest in (key.removeprefix(platform_key), key.removesuffix(platform_key)):
            if rest != key and rest in aliases:
                return aliases[rest]
    return _field_of_words(str(header), aliases)


# Tools qualify the usual names ("Content Categories", "Tarif post (€)", "Rate (USD)", "Email address"):
# the longest run of words at either end of the header that is an alias names the field, so the
# longer "Engagement rate" wins over the bare "rate" of a price. Runs shorter than this say too little.
_MIN_WORDS_KEY = 4


def _field_of_words(header: str, aliases: dict[str, str]) -> str | None:
    words = [word for word in re.split(r"[^a-z0-9]+", fold_accents(header).lower()) if word]
    for size in range(len(words) - 1, 0, -1):
        for run in (words[:size], words[-size:]):
            key = "".join(run)
            if len(key) >= _MIN_WORDS_KEY and key in aliases:
                return aliases[key]
    return None


def count_fields(headers: list[object]) -> int:
    """How many distinct fields a row of cells would map if it were the header row."""
    return len({f for h in headers if h is not None and (f := field_of(str(h)))})


def _platform_in(key: str) -> str | None:
    for platform_key, platform in _platform_keys():
        if len(platform_key) > 3 and platform_key in key:
            return platform
    return None


def platform_named_in(text: str) -> str | None:
    """The one platform a file name names ("top_insta_influencers_data" -> instagram), else None."""
    # Names of five letters or more only: "meta", "site" or "snap" inside a file name say little.
    joined = header_key(text)
    found = {platform for key, platform in _platform_keys() if len(key) >= 5 and key in joined and platform != "blog"}
    return found.pop() if len(found) == 1 else None


@dataclass
class ColumnMap:
    """Field name -> the header that holds it, plus what the headers say about units."""

    fields: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    platform_hint: str | None = None  # from a header like "TikTok followers"
    price_currency: str | None = None  # from a header like "price_eur" or "tarif (€)"
    profile_url: str | None = None  # a header like "profileUrl" or "Permalink"
    more: dict[str, list[str]] = field(default_factory=dict)  # field -> further headers (category_2...)

    def header(self, name: str) -> str | None:
        return self.fields.get(name)

    @property
    def contacts_only(self) -> bool:
        """No follower column: every creator of the file is a contact (see scoring.models.Creator)."""
        return "followers" not in self.fields

    def is_contact_list(self) -> bool:
        """Whether a file without followers clearly lists creators: a handle (or profile URL) column and at
        least one column that says something else about them (a name, an email, a country, topics...). A
        bare list of handles, or of links, could be anything."""
        has_handle = "handle" in self.fields or self.profile_url is not None
        return has_handle and bool(set(self.fields) - {"handle", "platform", "followers"})


IGNORE = "ignore"  # what --map "Header=ignore" maps a header to


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``["Influencer insta name=handle", "Notes=ignore"]`` -> {header: field}; a bad pair says why."""
    known = sorted({*_field_names(), "profile_url", IGNORE})
    overrides = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        header, name = header.strip(), name.strip().lower()
        if not sep or not header:
            raise RosterFileError(f"--map {pair!r}: expected \"Header in the file=field\", e.g. \"Influencer insta name=handle\"")
        if name not in known:
            raise RosterFileError(f"--map {pair!r}: unknown field {name!r}; fields are {', '.join(known)}")
        overrides[header] = name
    return overrides


def _field_names() -> list[str]:
    return list(read_data("columns")["aliases"])


def map_columns(headers: list[str], source: str, overrides: dict[str, str] | None = None,
                default_platform: str | None = None) -> ColumnMap:
    """Match each header to a field; the first header for a field wins, later ones are ignored.

    ``overrides`` ({header: field}, from ``--map``) win over the aliases: the header named takes the
    field, and a header the aliases would have given that field is ignored. ``default_platform`` is
    the platform of rows that name none (``--platform``)."""
    aliases = _aliases()
    mapping = ColumnMap()
    forced = _forced_fields(headers, overrides or {}, source)
    for header in headers:
        key = header_key(header)
        if header in forced:
            name = forced[header]
            if name == IGNORE:
                mapping.ignored.append(header)
            elif name == "profile_url":
                mapping.profile_url = header
            else:
                mapping.fields[name] = header
                if name == "price_per_post":
                    mapping.price_currency = _currency_in(header)
            continue
        if (field_of(header) or "") in forced.values():  # --map gave its field to another header
            mapping.ignored.append(header)
            continue
        if key in _profile_url_keys():
            if mapping.profile_url is None:
                mapping.profile_url = header
            else:
                mapping.ignored.append(header)
            continue
        name = aliases.get(key)
        if name == "handle" and key not in _weak_keys().get("handle", ()):
            platform = _platform_in(key)  # "Influencer insta name", "Tiktoker name"
            if platform and header_key(platform) != key:
                mapping.platform_hint = mapping.platform_hint or platform
        if name is None:
            for platform_key, platform in _platform_keys():
                for rest in (key.removeprefix(platform_key), key.removesuffix(platform_key)):
                    if rest != key and rest in aliases:
                        name = aliases[rest]
                        mapping.platform_hint = mapping.platform_hint or platform
                        break
                if name:
                    break
        if name is not None and name in mapping.fields:
            current = header_key(mapping.fields[name])
            weak = _weak_keys().get(name, frozenset())
            if current in weak and key not in weak:  # "Account username" displaces "Account name"
                displaced = mapping.fields.pop(name)
                if name == "handle" and "display_name" not in mapping.fields:
                    mapping.fields["display_name"] = displaced
                else:
                    mapping.ignored.append(displaced)
            elif name == "handle" and key in weak and "display_name" not in mapping.fields:
                mapping.fields["display_name"] = header
                continue
            elif name in _multi_fields():
                mapping.more.setdefault(name, []).append(header)
                continue
        if name is None or name in mapping.fields:
            if key:
                mapping.ignored.append(header)
            continue
        mapping.fields[name] = header
        if name == "price_per_post":
            mapping.price_currency = _currency_in(header)
    # Then qualified names ("Content Categories", "Tarif post (€)"), for the fields no header names
    # exactly: HypeAuditor's "Authentic engagement" must not take the rate from "Engagement avg".
    for header in [h for h in mapping.ignored if h not in forced]:
        name = _field_of_words(header, aliases)
        if name is not None and name not in mapping.fields and name not in forced.values():
            mapping.ignored.remove(header)
            mapping.fields[name] = header
            if name == "price_per_post":
                mapping.price_currency = _currency_in(header)
    if default_platform is not None:
        mapping.platform_hint = default_platform
    missing = [name for name in REQUIRED if name not in mapping.fields
               and not (name == "handle" and mapping.profile_url)]
    if missing == ["followers"] and mapping.is_contact_list():
        return mapping  # no follower counts, but clearly creators: imported as contacts
    if missing == ["followers"]:
        raise RosterFileError.said_as(
            "file_handles_only", path=source, examples=", ".join(read_data("columns")["aliases"]["followers"][:6]),
            headers=", ".join(repr(h) for h in headers[:12]))
    if missing:
        accepted = {name: [a for a in read_data("columns")["aliases"][name][:6]] for name in missing}
        details = "; ".join(f"{name} ({', '.join(names)}...)" for name, names in accepted.items())
        shown = ", ".join(repr(h) for h in headers[:12]) or "-"
        raise RosterFileError.said_as("file_no_column", path=source, details=details, headers=shown)
    return mapping


def _forced_fields(headers: list[str], overrides: dict[str, str], source: str) -> dict[str, str]:
    """{header as the file spells it: field} for each override; a header not in the file is an error."""
    by_key = {header_key(h): h for h in headers}
    forced = {}
    for header, name in overrides.items():
        found = header if header in headers else by_key.get(header_key(header))
        if found is None:
            shown = ", ".join(repr(h) for h in headers[:20])
            raise RosterFileError(f"--map {header!r}={name}: {source} has no column {header!r}. Its headers: {shown}")
        forced[found] = name
    taken = [name for name in forced.values() if name != IGNORE]
    if len(taken) != len(set(taken)):
        twice = sorted({name for name in taken if taken.count(name) > 1})
        raise RosterFileError(f"--map gives {', '.join(twice)} to more than one column")
    return forced


def _currency_in(header: str) -> str | None:
    folded = fold_accents(header)
    for marker, code in _currency_markers().items():
        if len(marker) == 1:
            if marker in header:
                return code
        elif re.search(rf"(?<![a-z]){re.escape(marker)}(?![a-z])", folded):
            return code
    return None
