"""From a routed message to what the assistant should run: the part of the conversation that the
Telegram app and the console share (bot.chat.router reads the message; this turns its slots into
requests, follow-ups into changes of the last shortlist, and says what changed).

Pure functions over pydantic models: no I/O, no front end.
"""

from __future__ import annotations

from typing import Any

from bot.briefs.models import DEFAULT_JURISDICTION, CaptionCheckRequest
from bot.briefs.vocabulary import CHECK_BUTTON_JURISDICTIONS, JURISDICTIONS
from bot.chat.brief_form import STEP_NAMES, step_named
from bot.chat.brief_slots import BriefSlots
from bot.chat.i18n import t
from bot.chat.rendering import money, number
from bot.chat.router import Routed, shortlist_slot_values
from scoring.models import ScoredCreator, Shortlist, ShortlistRequest

# What an "unsure" message may be, in the order the buttons offer them when the router has no guess.
CLARIFY_INTENTS = ("shortlist", "ask", "check")
_REQUEST_FIELDS = set(ShortlistRequest.model_fields)
# Fields a follow-up may change, each with a "change_<field>" wording key.
_CHANGE_LABELS = ("niche", "platform", "country", "tier", "min_followers", "max_followers", "budget", "currency",
                  "limit", "like", "language")
# Platform ids are lower case; people write their names like this.
_PLATFORM_NAMES = {"tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn", "x": "X"}

Change = tuple[str, object]  # (request field, its new value; None when the filter was removed)


def intent_to_run(routed: Routed, text: str) -> str:
    """The router's intent, except that a question is never left unanswered for want of a label:
    "What is the capital of Mongolia?" ("other") and "Et pour une image retouchée ?" ("unsure")
    go to the knowledge base, whose own gate says when it does not know. Unclear requests that
    are not questions ("beauté") are still asked back."""
    if routed.intent in ("other", "unsure") and text.rstrip().endswith("?"):
        return "ask"
    return routed.intent


# Shortlists ---------------------------------------------------------------------------------------------


def shortlist_request_from(slots: dict[str, Any], text: str) -> ShortlistRequest:
    """The request a "shortlist" message describes; raises ValueError when it names no niche.

    The router's slots are used as they are; ``text`` is read again only when there are none
    (a front end that did not route the message), and gives the language reasons are written in."""
    from knowledge.text import detect_language

    if not slots and text.strip():
        slots = shortlist_slot_values(text)
    values = {key: value for key, value in slots.items() if key in _REQUEST_FIELDS}
    values.setdefault("reasons_language", detect_language(text) if text.strip() else "en")
    if not str(values.get("niche") or "").strip():
        raise ValueError("no niche in the message")
    return ShortlistRequest.model_validate(values)


def refine_request(last: ShortlistRequest, slots: dict[str, Any]) -> tuple[ShortlistRequest, list[Change]]:
    """The last request with a follow-up's changes ("et sur TikTok ?", "sans budget", "5 de plus"),
    and the (field, new value) pairs that really changed, in the order the request lists its fields."""
    updates = {key: value for key, value in slots.items() if key in _REQUEST_FIELDS}
    if slots.get("more"):
        updates["limit"] = min(200, last.limit + int(slots["more"]))
    if not updates.get("niche"):
        updates.pop("niche", None)  # a follow-up never empties the niche
    changed = [(key, updates[key]) for key in ShortlistRequest.model_fields
               if key in updates and getattr(last, key) != updates[key]]
    if not changed:
        return last, []
    return ShortlistRequest.model_validate({**last.model_dump(), **dict(changed)}), changed


def nothing_changed(slots: dict[str, Any], lang: str) -> str:
    """What to say when a follow-up changes no filter: a town alone ("try York" within the same
    country) is noted, and said not to filter, rather than ignored."""
    if slots.get("city"):
        return t("refine_city_only", lang, city=str(slots["city"]))
    return t("refine_nothing", lang)


def describe_changes(changes: list[Change], lang: str, currency: str = "EUR") -> str:
    """ "Plateforme : TikTok ; budget : aucun filtre": what a follow-up changed, in plain words.
    ``currency`` is the request's, for a new budget said without one."""
    currency = str(dict(changes).get("currency") or currency)
    shown = [(field, value) for field, value in changes if not (field == "currency" and "budget" in dict(changes))]
    parts = [_describe_change(field, value, lang, currency) for field, value in shown]
    text = " ; ".join(parts) if lang == "fr" else "; ".join(parts)
    return text[:1].upper() + text[1:]


def _describe_change(field: str, value: object, lang: str, currency: str) -> str:
    label = t(f"change_{field}", lang) if field in _CHANGE_LABELS else field
    if value is None:
        return t("change_removed", lang, field=label)
    return t("change_set", lang, field=label, value=_shown_value(field, value, lang, currency))


def _shown_value(field: str, value: object, lang: str, currency: str) -> str:
    if field == "platform":
        return _PLATFORM_NAMES.get(str(value), str(value).capitalize())
    if field == "budget" and isinstance(value, (int, float)):
        return money(float(value), currency, lang)
    if field in ("min_followers", "max_followers", "limit") and isinstance(value, (int, float)):
        return number(value, lang)
    return str(value)


# Caption checks -----------------------------------------------------------------------------------------


def uncovered_market(slots: dict[str, Any], lang: str) -> str | None:
    """What to say when a check is asked for a country whose rules Relais does not hold ("Is this OK
    for Australia?"); None when the market is covered or not named. Checking against the default
    country instead would give another country's verdict as if it were the one asked for."""
    code = str(slots.get("jurisdiction") or "")
    if not code or code in JURISDICTIONS:
        return None
    return t("check_uncovered_market", lang, market=_country_name(code, lang), covered=_covered(lang))


def uncovered_brief_markets(slots: dict[str, Any], lang: str) -> str | None:
    """What to say before the brief form asks for the markets when the sentence named only countries
    whose rules Relais does not hold ("TikTok in Australia"); None otherwise."""
    named = [str(code) for code in slots.get("jurisdictions") or []]
    codes = [code for code in named if code not in JURISDICTIONS]
    if not codes:
        return None
    markets = ", ".join(_country_name(code, lang) for code in codes)
    kept = [code for code in named if code in JURISDICTIONS]
    if kept:  # "Suisse et France": the brief follows France's rules, and says Switzerland's are not known
        return t("brief_uncovered_market_kept", lang, market=markets,
                 kept=", ".join(_country_name(code, lang) for code in kept))
    return t("brief_uncovered_market", lang, market=markets, covered=_covered(lang))


def _country_name(code: str, lang: str) -> str:
    from babel import Locale  # imported here: only these replies need it, and the CLI starts faster

    return Locale(lang).territories.get(code, code)


def _covered(lang: str) -> str:
    return ", ".join(_country_name(code, lang) for code in CHECK_BUTTON_JURISDICTIONS)


def check_request_from(slots: dict[str, Any], lang: str, default_jurisdiction: str = DEFAULT_JURISDICTION,
                       ) -> CaptionCheckRequest | None:
    """The caption check a message asks for; None when it holds no caption yet ("is this ok?").
    ``lang`` is the chat's: the checker reads the caption in whatever language it is written."""
    caption = str(slots.get("caption") or "").strip()
    if not caption:
        return None
    values: dict[str, Any] = {"caption": caption, "jurisdiction": slots.get("jurisdiction") or default_jurisdiction}
    if slots.get("platform"):
        values["platform"] = slots["platform"]
    return CaptionCheckRequest.model_validate(values)


# Briefs -------------------------------------------------------------------------------------------------


def brief_answers_from(slots: dict[str, Any]) -> dict[str, Any]:
    """The brief form's answers (step name -> value, as bot.chat.brief_form keeps them) that a
    sentence gave, in the form's order, so that a front end asks only the other steps."""
    known = {key: value for key, value in slots.items() if key in BriefSlots.model_fields}
    answers = BriefSlots.model_validate(known).answers()
    return {name: answers[name] for name in STEP_NAMES if name in answers}


def missing_brief_steps(answers: dict[str, Any]) -> list[str]:
    """The form's steps still to ask, in order (optional ones included: the user may skip them)."""
    return [name for name in STEP_NAMES if name not in answers]


def brief_answers_in_words(answers: dict[str, Any], lang: str) -> str:
    """ "Lumi · sérum vitamine C · Soin de la peau · tiktok · Produit offert": what was taken, as the
    form's buttons name it."""
    return " · ".join(_answer_in_words(name, value, lang) for name, value in answers.items() if name in STEP_NAMES)


def _answer_in_words(name: str, value: Any, lang: str) -> str:
    labels = dict(step_named(name).labels(lang))
    values = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(v) or _category_name(name, v, lang) for v in values)


def _category_name(step: str, value: Any, lang: str) -> str:
    """A category the sentence named that the form offers no button for ("plain_food") goes by its name."""
    if step == "product_category":
        from bot.briefs.rules import default_rules

        category = default_rules().vocabulary.categories.get(str(value))
        if category is not None:
            return category.name(lang)
    return str(value)


# Help and clarification ---------------------------------------------------------------------------------


def creators_named(shortlist: Shortlist | None, handles: list[str]) -> list[tuple[int, ScoredCreator]]:
    """(rank, creator) in ``shortlist`` for each of ``handles`` found there, in the asked order
    ("pourquoi @x ?", "compare @a et @b" are about the last shortlist shown)."""
    creators = shortlist.creators if shortlist else []
    ranks = {creator.handle.lower(): (rank, creator) for rank, creator in enumerate(creators, start=1)}
    return [ranks[h.lstrip("@").lower()] for h in handles if h.lstrip("@").lower() in ranks]


def help_reply(lang: str) -> str:
    """What "merci", "ok", "salut" get: one line, and two things to try."""
    return t("chat_help", lang)


def clarify_options(routed: Routed, lang: str) -> list[tuple[str, str]]:
    """(intent, label) for an "unsure" message: the router's guesses first, then the usual three."""
    guessed = [c.intent for c in routed.candidates if c.intent in CLARIFY_INTENTS]
    ordered = list(dict.fromkeys([*guessed, *CLARIFY_INTENTS]))
    return [(intent, t(f"clarify_{intent}", lang)) for intent in ordered]
