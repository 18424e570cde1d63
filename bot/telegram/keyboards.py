"""Inline keyboards. Callback data is ``prefix:...`` and always under Telegram's 64 bytes.

Prefixes: ``lang`` (language), ``ans`` (an answer's Sources and feedback), ``sl`` (a
shortlist's refinements and export), ``bf`` (a /brief step), ``ck`` (re-check a caption).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.briefs.vocabulary import CHECK_BUTTON_JURISDICTIONS
from bot.chat.i18n import LANGUAGES, t

MAX_CALLBACK_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64


def button(text: str, *parts: object) -> InlineKeyboardButton:
    data = ":".join(str(part) for part in parts)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def language_keyboard() -> InlineKeyboardMarkup:
    labels = {"fr": "🇫🇷 Français", "en": "🇬🇧 English"}
    return InlineKeyboardMarkup([[button(labels[lang], "lang", lang) for lang in LANGUAGES]])


def answer_keyboard(answer_id: str, lang: str, with_sources: bool, with_feedback: bool = True) -> InlineKeyboardMarkup:
    row = []
    if with_sources:
        row.append(button(t("sources_button", lang), "ans", answer_id, "src"))
    if with_feedback:
        row += [button("👍", "ans", answer_id, "up"), button("👎", "ans", answer_id, "down")]
    return InlineKeyboardMarkup([row] if row else [])


# Shortlists -----------------------------------------------------------------------------------------

SHORTLIST_COUNTRIES = ("FR", "BE", "CH", "CA", "GB", "US", "DE", "ES", "IT")
SHORTLIST_BUDGETS = (500, 1000, 2000, 3000, 5000, 10000)
ANY = "-"  # "no filter" in callback data


def shortlist_keyboard(shortlist_id: str, lang: str, request: dict) -> InlineKeyboardMarkup:
    def label(key: str, field: str) -> str:
        value = request.get(field)
        if field == "budget" and value:
            value = f"{value:,.0f}"
        return f"{t(key, lang)}: {value}" if value else t(key, lang)

    return InlineKeyboardMarkup(
        [
            [button(label("button_platform", "platform"), "sl", shortlist_id, "menu", "platform"),
             button(label("button_country", "country"), "sl", shortlist_id, "menu", "country")],
            [button(label("button_tier", "tier"), "sl", shortlist_id, "menu", "tier"),
             button(label("button_budget", "budget"), "sl", shortlist_id, "menu", "budget")],
            [button(t("button_export", lang), "sl", shortlist_id, "export"),
             button(t("button_to_brief", lang), "sl", shortlist_id, "brief")],
        ]
    )


def refine_keyboard(shortlist_id: str, lang: str, field: str, options: Iterable[object]) -> InlineKeyboardMarkup:
    choices = [button(f"{value:,}" if isinstance(value, int) else str(value), "sl", shortlist_id, "set", field, value)
               for value in options]
    choices.append(button(t("button_any", lang), "sl", shortlist_id, "set", field, ANY))
    return InlineKeyboardMarkup(rows(choices, 3) + [[button(t("button_back", lang), "sl", shortlist_id, "menu", "-")]])


# Caption checks -------------------------------------------------------------------------------------



def recheck_keyboard(check_id: str, current: str) -> InlineKeyboardMarkup:
    others = [button(j, "ck", check_id, j) for j in CHECK_BUTTON_JURISDICTIONS if j != current]
    return InlineKeyboardMarkup([others])


# Briefs ------------------------------------------------------------------------------------------------


def choice_keyboard(step: str, options: Sequence[tuple[str, str]], width: int = 2,
                    extra: Sequence[InlineKeyboardButton] = ()) -> InlineKeyboardMarkup:
    """One tap picks one option: ``bf:<step>:<value>``."""
    buttons = [button(label, "bf", step, value) for value, label in options]
    return InlineKeyboardMarkup(rows(buttons, width) + ([list(extra)] if extra else []))


def toggle_keyboard(step: str, options: Sequence[tuple[str, str]], chosen: Iterable[str], lang: str,
                    width: int = 3) -> InlineKeyboardMarkup:
    """Taps tick and untick options (``bf:<step>:<value>``); "Done" is ``bf:<step>:.``."""
    ticked = set(chosen)
    buttons = [button(("✅ " if value in ticked else "") + label, "bf", step, value) for value, label in options]
    return InlineKeyboardMarkup(rows(buttons, width) + [[button(t("brief_done", lang), "bf", step, ".")]])
