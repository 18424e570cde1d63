"""Numbers as people write them in spreadsheets and messages.

``12.5K``, ``1,2 M``, ``12 500`` (also with non-breaking or narrow spaces), ``12'500``, ``1.234,5``,
``3,4 %``, ``+48%``, ``3 000 €``, ``$2k``. Separators: when both ``.`` and ``,`` appear, the last
one is the decimal mark; a single ``.`` or ``,`` followed by exactly three digits (and no K/M
suffix) groups thousands (``12,500`` and ``12.500`` are 12500, ``1,2`` is 1.2).

Rates (engagement, growth, sponsored share) have a unit problem: ``3.4`` and ``0.034`` may both
mean 3.4 %. The rule, applied per column of an imported file by :func:`ratio_column_is_percent`:
a value written with ``%`` is a percentage; a bare number is a percentage when the header says so
(``%``, "percent", "pourcentage") or when any bare value of that column is above 1; otherwise every
bare value of the column is a fraction (``0.034`` is 3.4 %).
"""

from __future__ import annotations

import math
import re

from text_to_num import text2num

from scoring.wording import WordedError

# Spaces people (and spreadsheets) put between thousands: plain, no-break, narrow no-break,
# thin, figure; and the Swiss apostrophes.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009\u2007'’]+")
_MULTIPLIERS = {
    "k": 1e3, "mille": 1e3, "thousand": 1e3, "grand": 1e3,  # "two grand"
    "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "md": 1e9, "mds": 1e9, "milliard": 1e9, "milliards": 1e9, "billion": 1e9,
}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}
# The one list of currency words: the money parser, the spelled-number reader and the search box read it.
CURRENCY_WORDS = {
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "livres": "GBP", "chf": "CHF", "cad": "CAD",
    "balles": "EUR",  # French slang: "deux mille balles"
    "quid": "GBP", "bucks": "USD",  # "fifteen hundred quid", "2k bucks"
    "piasses": "CAD", "piastres": "CAD",  # Quebec: "2500 piasses"
    "francs": "CHF",  # "1800 francs suisses"
    "aud": "AUD", "nzd": "NZD",
}
CURRENCY_WORD_PATTERN = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
# "2 500 $ CAD", "CA$300", "C$ 300", "300 dollars canadiens", "A$900", "NZ$ 650": a dollar sign is
# American unless said otherwise (or unless the request is for a country with its own dollar: see
# dollar_for).
_OTHER_DOLLARS = {
    "CAD": r"\$\s*(?:cad|can|canadiens?|canadian)\b|(?<![\w])(?:ca?|can)\$|cad\s*\$|dollars? canadiens?"
           r"|canadian dollars?",
    "AUD": r"\$\s*(?:aud|australiens?|australian)\b|(?<![\w])(?:au?|aus)\$|aud\s*\$|dollars? australiens?"
           r"|australian dollars?|aussie dollars?",
    "NZD": r"\$\s*(?:nzd|nz)\b|(?<![\w])nz\$|nzd\s*\$|dollars? neo-?zelandais|new zealand dollars?|kiwi dollars?",
}
OTHER_DOLLAR = "|".join(_OTHER_DOLLARS.values())
_OTHER_DOLLAR_CODES = [(re.compile(rf"(?i){pattern}|\b{code.lower()}\b"), code) for code, pattern in _OTHER_DOLLARS.items()]
# Where a bare "$" or "dollars" means the country's own dollar.
_LOCAL_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD"}
_US_DOLLAR_SAID = re.compile(r"(?i)\busd\b|\bus\s?\$|\$\s?us\b|\d(?:\s*k)?\s*us\b|\bu\.s\.|\bus dollars?\b|\bamerican dollars?\b"
                             r"|\bdollars? (?:us|americains?)\b")
_NUMBER = re.compile(r"^([+-]?)(\d[\d.,]*|[.,]\d+)\s*([a-z]*)\s*(%?)$")


class NumberError(WordedError):
    """A value that is not a number we can read; the message quotes it."""


def _clean_decimal(digits: str, has_suffix: bool, grouping: bool) -> float:
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        if digits.count(decimal) > 1:
            raise ValueError
        return float(digits.replace(grouping, "").replace(decimal, "."))
    separator = "." if dots else "," if commas else None
    if separator is None:
        return float(digits)
    parts = digits.split(separator)
    if len(parts) > 2:  # 1,234,567 or 1.234.567: grouping only
        if not all(len(p) == 3 for p in parts[1:]):
            raise ValueError
        return float("".join(parts))
    whole, fraction = parts
    if grouping and len(fraction) == 3 and whole and not has_suffix and whole != "0":
        return float(whole + fraction)  # 12,500 / 12.500: thousands
    return float(f"{whole or '0'}.{fraction}")


def parse_number(value: object, *, grouping: bool = True) -> tuple[float, bool]:
    """``(number, written_with_percent)``; raises :class:`NumberError` with the value quoted.

    ``grouping=False`` reads a lone ``.`` or ``,`` as a decimal mark even before three digits
    (rates are never in the thousands: ``4,125 %`` is 4.125 %).
    """
    if isinstance(value, bool):
        raise NumberError.said_as("number_expected", value=repr(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise NumberError.said_as("number_expected", value=repr(value))
        return float(value), False
    if not isinstance(value, str):
        raise NumberError.said_as("number_expected", value=type(value).__name__)
    text = _GROUPING.sub("", value.strip().lower())
    match = _NUMBER.match(text)
    if not match:
        raise NumberError.said_as("number_not", value=repr(value))
    sign, digits, suffix, percent = match.groups()
    if suffix and suffix not in _MULTIPLIERS:
        raise NumberError.said_as("number_unit", value=repr(value), unit=repr(suffix))
    if suffix and percent:
        raise NumberError.said_as("number_not", value=repr(value))
    try:
        number = _clean_decimal(digits, bool(suffix), grouping)
    except ValueError:
        raise NumberError.said_as("number_not", value=repr(value)) from None
    number *= _MULTIPLIERS.get(suffix, 1.0)
    return (-number if sign == "-" else number), bool(percent)


def parse_count(value: object) -> int:
    """A whole, non-negative count: followers, posts, likes ("12.5K" -> 12500)."""
    return round(parse_amount(value))


def parse_amount(value: object) -> float:
    """A non-negative quantity that may have decimals (average likes, views)."""
    number, percent = parse_number(value)
    if percent:
        raise NumberError.said_as("number_percentage", value=repr(value))
    if number < 0:
        raise NumberError.said_as("number_negative", value=repr(value))
    return number


def is_bare_above_one(value: object) -> bool:
    """True for a value written without % whose magnitude is above 1 (used to decide a column's unit)."""
    try:
        number, percent = parse_number(value, grouping=False)
    except NumberError:
        return False
    return not percent and abs(number) > 1


def ratio_column_is_percent(header: str, values: list[object]) -> bool:
    """Whether the bare numbers of a rate column are percentages (see the module docstring)."""
    lowered = header.lower()
    if "%" in lowered or "percent" in lowered or "pourcentage" in lowered or "pct" in lowered:
        return True
    return any(is_bare_above_one(v) for v in values if v not in (None, ""))


def parse_ratio(value: object, *, bare_is_percent: bool) -> float:
    """A rate as a fraction: ``3,4 %`` -> 0.034; a bare ``3.4`` or ``0.034`` per the column's unit."""
    number, percent = parse_number(value, grouping=False)
    return number / 100 if percent or bare_is_percent else number


NO_PRICE = re.compile(
    r"^\s*(?:sur\s+devis|on\s+request|upon\s+request|price\s+on\s+request|prix\s+sur\s+demande|sur\s+demande|"
    r"a\s+negocier|à\s+négocier|negociable|négociable|negotiable|tbd|tbc|n/?a|-|—|–|\?)\s*\.?\s*$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^(.*?\d.*?)\s*(?:-|–|—|à|to|a)\s*(\D*\d.*)$", re.IGNORECASE)


def is_no_price(value: object) -> bool:
    """ "sur devis", "on request", "à négocier": the creator has a price, not one written here."""
    return isinstance(value, str) and bool(NO_PRICE.match(value))


def parse_money_range(value: object) -> tuple[float, float, str | None]:
    """``(low, high, currency)`` from ``250 - 500``, ``250 € - 500 €``, ``250 à 500 €``; low == high for one price."""
    if isinstance(value, str):
        match = _RANGE.match(value.strip())
        if match and not value.strip().startswith("-"):
            try:
                low, low_currency = parse_money(match.group(1))
                high, high_currency = parse_money(match.group(2))
            except NumberError:
                pass
            else:
                if low_currency and high_currency and low_currency != high_currency:
                    raise NumberError.said_as("price_two_currencies", value=repr(value))
                if high < low:
                    raise NumberError.said_as("price_high_to_low", value=repr(value))
                return low, high, low_currency or high_currency
    amount, currency = parse_money(value)
    return amount, amount, currency


def parse_money(value: object) -> tuple[float, str | None]:
    """``(amount, currency or None)`` from ``3 000 €``, ``1,500 EUR``, ``$2k``, ``£300``, ``250``."""
    if not isinstance(value, str):
        amount = parse_amount(value)
        return amount, None
    text = value.strip()
    currency = None
    for pattern, code in _OTHER_DOLLAR_CODES:
        if pattern.search(text):
            return parse_amount(pattern.sub(" ", text).replace("$", " ").strip()), code
    if re.search(r"\d[eE]$", text):  # "300e", as phones type euros
        return parse_amount(text[:-1]), "EUR"
    for sign, code in _CURRENCY_SIGNS.items():
        if sign in text:
            currency = code
            text = text.replace(sign, " ")
    words = re.findall(r"[a-zA-Z]+", text)
    for word in words:
        code = CURRENCY_WORDS.get(word.lower())
        if code:
            currency = code
            text = re.sub(rf"\b{word}\b", " ", text)
    return parse_amount(text.strip()), currency


def dollar_for(country: str | None, said: str) -> str | None:
    """The currency a bare "$" or "dollars" in ``said`` means in a request for ``country``: the
    country's own dollar in Canada, Australia and New Zealand, unless American dollars are named."""
    local = _LOCAL_DOLLARS.get(country or "")
    if local is None or _US_DOLLAR_SAID.search(said):
        return None
    return local


# Where a spelled-out number sets a filter: before money, followers or people.
_UNIT_AFTER_NUMBER = re.compile(
    rf"(?i)\s*(?:€|\$|£|(?:{CURRENCY_WORD_PATTERN})\b|grand\b|k\b"
    r"|abonn|followers?\b|abos?\b|subscribers?\b|fans\b|cr[eé]at|influen|profil|comptes?\b|accounts?\b)"
)
_SPELLED_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LONGEST_NUMBER = 6  # words: "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" is 4
_DIGITS_THEN_THOUSAND = re.compile(r"(?i)(?<![\w.,])(\d{1,3})\s+(?:thousand|mille)(?![\w-])")
_RANGE_JOIN = re.compile(r"(?i)et|and|to|a|à")


def _first_word_at(words: list[re.Match[str]], start: int) -> int:
    return next(i for i, w in enumerate(words) if w.start() == start)


def _number_ending_at(text: str, words: list[re.Match[str]], last: int, language: str) -> tuple[int, int, str] | None:
    """The longest run of words ending with ``words[last]`` that spells a number above one."""
    for first in range(max(0, last - _LONGEST_NUMBER + 1), last + 1):
        run = words[first:last + 1]
        if any(text[a.end():b.start()].strip() for a, b in zip(run, run[1:])):
            continue  # the words must follow one another
        if any(a.group().lower() == "et" and b.group().lower() not in ("un", "une", "onze") for a, b in zip(run, run[1:])):
            continue  # "et" joins a number only in "vingt et un"; "entre cinq mille et vingt k" is a range
        try:
            value = text2num(" ".join(w.group() for w in run), language)
        except ValueError:
            continue
        return (run[0].start(), words[last].end(), str(value)) if value > 1 else None
    return None


def _number_starting_at(text: str, words: list[re.Match[str]], first: int, language: str) -> tuple[int, int, str] | None:
    """The longest run of words starting with ``words[first]`` that spells a number above one."""
    for last in range(min(len(words), first + _LONGEST_NUMBER) - 1, first - 1, -1):
        found = _number_ending_at(text, words, last, language)
        if found and found[0] == words[first].start():
            return found
    return None


# "budget à mille cinq cents", "budget is two thousand": a number spelled right after the word budget.
_AFTER_BUDGET = re.compile(r"(?i)\bbudget(?:\s+(?:de|of|is|est|sera|à|a|to|at|total|d'environ|around|about|of about))*"
                           r"\s*:?\s+(?=[^\W\d_])")
# "a grand" said as an amount, not "a grand opening": at the end of a clause or before a money word.
_A_GRAND = re.compile(r"(?i)(?<![\w'])(?:a|one) grand(?=\s*(?:$|[,.;!?)]|(?:budget|max|tops|or so|ish|total)\b))")


def digits_for_spelled_numbers(text: str, language: str) -> str:
    """``text`` with the numbers spelled out before money, followers or people, or right after the
    word budget, written in digits ("deux mille balles", "septante mille abonnés", "fifty thousand
    followers", "budget à mille cinq cents", "a grand"); other number words stay as typed
    ("vêtements neufs", "Quatre Saisons")."""
    text = _A_GRAND.sub("1 grand", text)
    text = _DIGITS_THEN_THOUSAND.sub(lambda m: str(int(m.group(1)) * 1000), text)  # "25 thousand", "3 mille"
    words = list(_SPELLED_WORD.finditer(text))
    replaced: list[tuple[int, int, str]] = []
    starts = {word.start(): i for i, word in enumerate(words)}
    for match in _AFTER_BUDGET.finditer(text):
        if match.end() in starts:
            number = _number_starting_at(text, words, starts[match.end()], language)
            if number:
                replaced.append(number)
    for i, word in enumerate(words):
        if not _UNIT_AFTER_NUMBER.match(text, word.end()):
            continue
        number = _number_ending_at(text, words, i, language)
        if number:
            replaced.append(number)
            # "entre dix mille et cinquante mille abonnés": the low end of a range comes first
            joined = words[:_first_word_at(words, number[0])]
            if len(joined) >= 2 and _RANGE_JOIN.fullmatch(joined[-1].group()) \
                    and not text[joined[-1].end():number[0]].strip():
                low = _number_ending_at(text, words, len(joined) - 2, language)
                if low and not text[low[1]:joined[-1].start()].strip():
                    replaced.append(low)
    for start, end, digits in sorted(set(replaced), reverse=True):
        text = text[:start] + digits + text[end:]
    return text
