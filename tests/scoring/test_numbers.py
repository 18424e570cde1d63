from __future__ import annotations

import pytest

from scoring.numbers import (
    NumberError,
    digits_for_spelled_numbers,
    dollar_for,
    parse_count,
    parse_money,
    parse_number,
    parse_ratio,
    ratio_column_is_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5K", 12_500), ("12,5k", 12_500), ("1,2 M", 1_200_000), ("1.2M", 1_200_000), ("12 500", 12_500),
        ("12\u00a0500", 12_500), ("12\u202f500", 12_500), ("12'500", 12_500), ("12,500", 12_500),
        ("12.500", 12_500), ("1 234 567", 1_234_567), ("1,234,567", 1_234_567), ("1.234.567", 1_234_567),
        ("980", 980), (12500, 12_500), (12500.0, 12_500), ("2 millions", 2_000_000), ("3 mille", 3_000),
    ],
)
def test_counts_as_people_write_them(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["abc", "12..5", "1,2,3", "-5", "3 %", "12 kilos", "", True, [1], {"a": 1}, float("nan")])
def test_bad_counts_say_what_was_wrong(text):
    with pytest.raises(NumberError):
        parse_count(text)


def test_decimal_marks_and_thousands():
    assert parse_number("1.234,5") == (1234.5, False)
    assert parse_number("1,234.5") == (1234.5, False)
    assert parse_number("0,034") == (0.034, False)
    assert parse_number("+48%") == (48.0, True)
    assert parse_number("-3 %") == (-3.0, True)


@pytest.mark.parametrize(
    ("text", "bare_is_percent", "expected"),
    [("3,4 %", False, 0.034), ("3.4%", False, 0.034), ("0.034", False, 0.034), ("3.4", True, 0.034),
     ("0,8", True, 0.008), ("4,125 %", False, 0.04125), (0.05, False, 0.05)],
)
def test_rates_are_fractions(text, bare_is_percent, expected):
    assert parse_ratio(text, bare_is_percent=bare_is_percent) == pytest.approx(expected)


def test_a_rate_column_is_read_in_one_unit():
    assert ratio_column_is_percent("engagement rate (%)", ["0.5", "0.8"])  # the header says so
    assert ratio_column_is_percent("er", ["0.8", "3.4", ""])  # a bare value above 1: percentages
    assert not ratio_column_is_percent("er", ["0.034", "0.8", "12 %"])  # bare values all <= 1: fractions
    assert ratio_column_is_percent("taux", ["3,4 %"]) is False  # written with %: no need to guess


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3 000 €", (3000.0, "EUR")), ("1,500 EUR", (1500.0, "EUR")), ("$2k", (2000.0, "USD")),
     ("£300", (300.0, "GBP")), ("12,50 €", (12.5, "EUR")), ("250", (250.0, None)), (250, (250.0, None)),
     ("3k euros", (3000.0, "EUR")), ("800 CHF", (800.0, "CHF")),
     # a dollar sign is American unless the amount says Canadian; "balles" is French slang for euros
     ("2 500 $ CAD", (2500.0, "CAD")), ("C$ 900", (900.0, "CAD")), ("400 dollars canadiens", (400.0, "CAD")),
     ("3000 balles", (3000.0, "EUR")),
     # Australian and New Zealand dollars said so; "300e" as phones type euros; "two grand"
     ("A$900", (900.0, "AUD")), ("1.5k NZD", (1500.0, "NZD")), ("NZ$ 650", (650.0, "NZD")),
     ("300e", (300.0, "EUR")), ("2 grand", (2000.0, None))],
)
def test_money(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("pas plus de trois mille balles", "fr", "pas plus de 3000 balles"),
        ("au moins quarante mille abonnés", "fr", "au moins 40000 abonnés"),
        ("max nonante mille abonnés", "fr", "max 90000 abonnés"),  # Belgian and Swiss tens
        ("quatre-vingt-dix mille followers", "fr", "90000 followers"),
        ("under twenty thousand followers, two thousand five hundred dollars", "en",
         "under 20000 followers, 2500 dollars"),
        ("sept créatrices", "fr", "7 créatrices"),
        ("entre dix mille et cinquante mille abonnés", "fr", "entre 10000 et 50000 abonnés"),  # both ends
        # number words that set no filter stay as typed
        ("vêtements neufs et seconde main", "fr", "vêtements neufs et seconde main"),
        ("la marque Quatre Saisons", "fr", "la marque Quatre Saisons"),
        ("une créatrice", "fr", "une créatrice"),
        # right after the word budget, a "k" ending a range, and "a grand" said as an amount
        ("monte le budget à mille cinq cents", "fr", "monte le budget à 1500"),
        ("entre cinq mille et vingt k abonnés", "fr", "entre 5000 et 20 k abonnés"),
        ("vingt et un mille abonnés", "fr", "21000 abonnés"),
        ("bump it to a grand", "en", "bump it to 1 grand"),
        ("a grand opening for creators", "en", "a grand opening for creators"),
    ],
)
def test_numbers_spelled_out_before_a_unit_become_digits(text, language, expected):
    assert digits_for_spelled_numbers(text, language) == expected


@pytest.mark.parametrize(("country", "said", "expected"), [
    ("AU", "budget $900", "AUD"), ("CA", "700 $ de budget", "CAD"), ("NZ", "$650", "NZD"),
    ("AU", "budget 900 USD", None), ("CA", "$2k US", None), ("US", "$900", None), (None, "$900", None),
])
def test_a_bare_dollar_is_the_countrys_own(country, said, expected):
    assert dollar_for(country, said) == expected
