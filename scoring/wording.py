"""Numbers and sentences in the reader's language (templates in scoring/data/reasons.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Self

_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£"}


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict]:
    # Imported here: scoring.numbers raises WordedError, and the CLI parses numbers before any
    # command runs, so this module must not load the scoring config (pydantic) just by being imported.
    from scoring.config import read_data

    return read_data("reasons")


@dataclass(frozen=True)
class Wording:
    language: str  # "fr" or "en"

    def say(self, key: str, **values: object) -> str:
        """The template ``key`` filled with ``values``; a value that is a :class:`WordedError` is said too."""
        worded = {name: value.said(self) if isinstance(value, WordedError) else value for name, value in values.items()}
        return _templates()[self.language][key].format(**worded)

    def platform(self, name: str) -> str:
        return _templates()[self.language]["platform_names"].get(name, name)

    def tier(self, name: str) -> str:
        return _templates()[self.language]["tier_names"].get(name, name)

    def _decimal(self, text: str) -> str:
        return text.replace(",", " ").replace(".", ",") if self.language == "fr" else text

    def decimal(self, value: float, digits: int = 1, trim: bool = False) -> str:
        """1234.56 -> '1,234.6' (en) or '1 234,6' (fr); with ``trim``, a whole result has no decimals ('320')."""
        text = f"{value:,.{digits}f}"
        return self._decimal(text.removesuffix("." + "0" * digits) if trim else text)

    def number(self, value: float) -> str:
        """12500 -> '12,500' (en) or '12 500' (fr)."""
        return self._decimal(f"{round(value):,}")

    def percent(self, fraction: float, signed: bool = False) -> str:
        value = fraction * 100
        digits = 2 if abs(value) < 0.1 else 1 if abs(value) < 10 else 0
        text = self._decimal(f"{value:{'+' if signed else ''},.{digits}f}")
        return f"{text} %" if self.language == "fr" else f"{text}%"

    def ratio(self, value: float) -> str:
        return self._decimal(f"{value:.1f}" if value < 10 else f"{value:.0f}")

    def money(self, amount: float, currency: str) -> str:
        digits = 0 if amount >= 100 or amount == int(amount) else 2 if amount >= 0.1 else 3
        text = self._decimal(f"{amount:,.{digits}f}")
        sign = _SIGNS.get(currency)
        if self.language == "en" and sign:
            return f"{sign}{text}"
        return f"{text} {sign or currency}"


class WordedError(ValueError):
    """An error that can be said in the reader's language: raised with :meth:`said_as` (a template key and
    its values), its str() is the English; raised with a plain message, it says that message in any language."""

    key: str | None = None
    values: dict[str, object] = {}  # noqa: RUF012 (replaced per instance, never mutated)

    @classmethod
    def said_as(cls, key: str, **values: object) -> Self:
        error = cls(Wording("en").say(key, **values))
        error.key, error.values = key, values
        return error

    def said(self, say: Wording) -> str:
        return say.say(self.key, **self.values) if self.key else str(self)
