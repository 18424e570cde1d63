"""The pieces under the handlers: splitting and escaping, buttons, form parsing, access, limits, state."""

from __future__ import annotations

import html
import re

import pytest

from bot.chat.brief_form import (
    FormError,
    build_request,
    parse_budget,
    parse_dates,
    parse_text_answer,
    step_named,
)
from bot.chat.commands import CheckUsageError, parse_check
from bot.chat.i18n import STRINGS, language_from_code, t
from bot.chat.rendering import escape, render_answer
from bot.settings import Settings
from bot.telegram.access import AccessPolicy
from bot.telegram.formatting import split_html, utf16_len
from bot.telegram.keyboards import button
from bot.telegram.limits import TokenBucket
from bot.telegram.state import BotData, open_persistence
from knowledge.models import Answer, Source
from tests.telegram.fakebotapi import ApiError, parse_telegram_html


def visible(markup: str) -> str:
    return parse_telegram_html(markup)  # raises like Telegram on bad HTML


@pytest.mark.parametrize("limit", [30, 100, 4096])
def test_split_html_keeps_every_part_valid_short_and_complete(limit: int) -> None:
    hostile = escape('<script>alert("x")</script> & &amp; 😀 ') + "<b>gras <i>et italique</i></b> "
    text = "\n\n".join(f"{hostile}paragraph {i} " + "mot " * (i % 40) for i in range(120))
    parts = split_html(text, limit)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= limit
        visible(part)  # balanced, known tags, no broken entity
    words = lambda s: "".join(html.unescape(re.sub(r"<[^>]*>", "", s)).split())
    assert "".join(words(p) for p in parts) == words(text)


def test_split_html_prefers_paragraphs_and_cuts_giant_words() -> None:
    text = ("a" * 50 + "\n\n") * 200
    parts = split_html(text, 400)
    assert all(part.endswith("a") for part in parts)  # cut after a paragraph, not mid-run
    giant = split_html("<b>" + "x" * 9000 + "</b>", 4096)
    assert [utf16_len(p) <= 4096 for p in giant] == [True, True, True]
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in giant)
    assert split_html("  ") == []
    assert split_html("short <b>one</b>") == ["short <b>one</b>"]


def test_utf16_length_counts_emoji_twice() -> None:
    assert utf16_len("😀") == 2
    parts = split_html("😀" * 3000, 4096)
    assert [utf16_len(p) for p in parts] == [4096, 1904]


def test_render_answer_escapes_document_text() -> None:
    answer = Answer(answer="Use <b>Publicité</b> & not #ad [1]", language="fr", found=True,
                    sources=[Source(n=1, title="<i>Loi</i>", source="x.md", excerpt="...", score=0.9)])
    rendered = render_answer(answer)
    assert "&lt;b&gt;Publicité&lt;/b&gt; &amp; not #ad [1]" in rendered
    assert "[1] &lt;i&gt;Loi&lt;/i&gt;" in visible(rendered) or "[1] <i>Loi</i>" in visible(rendered)


def test_fake_server_rejects_what_telegram_rejects() -> None:
    for bad in ["<script>x</script>", "a < b", "<b>open", "&nbsp;", "<b><i>x</b></i>"]:
        with pytest.raises(ApiError):
            visible(bad)
    assert visible("&lt;b&gt; &amp; <b>ok</b>") == "<b> & ok"


def test_buttons_refuse_callback_data_over_64_bytes() -> None:
    assert button("ok", "sl", "abcdef", "set", "platform", "instagram").callback_data == "sl:abcdef:set:platform:instagram"
    with pytest.raises(ValueError, match="64 bytes"):
        button("too long", "x" * 65)


def test_every_string_exists_in_both_languages_with_the_same_fields() -> None:
    for key, entry in STRINGS.items():
        assert set(entry) == {"fr", "en"}, key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert fields["fr"] == fields["en"], key
    assert language_from_code("fr-CA") == "fr" and language_from_code("en-GB") == "en"
    assert language_from_code(None) == "fr" and language_from_code("de") == "en"
    assert "Référence" in t("error", "fr", ref="AB12") and "AB12" in t("error", "en", ref="AB12")


def test_brief_answers_are_checked_and_converted() -> None:
    assert parse_dates("du 01/03/2026 au 2026-03-31") == ["2026-03-01", "2026-03-31"]
    with pytest.raises(FormError) as problem:
        parse_dates("2026-03-31 2026-03-01")
    assert problem.value.key == "brief_dates_order"
    with pytest.raises(FormError):
        parse_dates("next week")
    with pytest.raises(FormError):
        parse_dates("2026-02-30 2026-03-01")
    assert parse_budget("2 500 €") == 2500 and parse_budget("3,000") == 3000 and parse_budget("1500,50") == 1500.5
    for bad in ("-5", "zero", "0", "1e12"):
        with pytest.raises(FormError):
            parse_budget(bad)
    with pytest.raises(FormError):
        parse_text_answer(step_named("brand"), "   ")
    with pytest.raises(FormError):
        parse_text_answer(step_named("brand"), "x" * 201)
    request = build_request({"brand": "Lumi", "product": "Sérum", "product_category": "other",
                             "platforms": ["tiktok"], "jurisdictions": ["FR", "BE"], "compensation": "gifted",
                             "deliverables": ["reel"], "dates": ["2026-03-01", "2026-03-31"], "budget": 3000.0,
                             "creators": ["@a"]}, "en")
    assert request.product_category == "other" and request.start_date.isoformat() == "2026-03-01"
    assert request.creators == ["@a"] and request.language == "en" and request.budget == 3000


def test_brief_categories_are_the_briefs_package_ids() -> None:
    from bot.briefs.rules import default_rules
    from bot.chat.brief_form import CATEGORIES, CATEGORY_LABELS

    assert set(CATEGORIES) <= set(default_rules().vocabulary.categories)
    assert all(set(labels) == set(CATEGORIES) for labels in CATEGORY_LABELS.values())


def test_check_arguments() -> None:
    request, named = parse_check("UK tiktok Thanks @brand! #ad", "FR")
    assert (request.jurisdiction, request.platform, request.caption, named) == ("UK", "tiktok", "Thanks @brand! #ad", True)
    request, named = parse_check("Merci à la marque", "BE")
    assert (request.jurisdiction, request.platform, request.caption, named) == ("BE", "instagram", "Merci à la marque", False)
    request, _ = parse_check("De rien, merci @lumi", "UK")
    assert (request.jurisdiction, request.caption) == ("UK", "De rien, merci @lumi")
    request, _ = parse_check("FR Merci @lumi\npour ce sérum", "UK")
    assert (request.jurisdiction, request.platform, request.caption) == ("FR", "instagram", "Merci @lumi\npour ce sérum")
    with pytest.raises(CheckUsageError):
        parse_check("FR youtube", "FR")


def test_access_policy_accepts_ids_and_usernames_and_admins() -> None:
    settings = Settings(_env_file=None, allowed_users="111, @Bob_Brand", admins="6,999")
    policy = AccessPolicy.from_settings(settings)

    class U:
        def __init__(self, id, username=None):
            self.id, self.username = id, username

    assert policy.is_allowed(U(111)) and policy.is_allowed(U(5, "bob_brand")) and policy.is_allowed(U(999))
    assert policy.is_admin(U(6, "SAM_ADMIN")) and not policy.is_admin(U(111))
    assert not policy.is_allowed(U(333, "eve")) and not policy.is_allowed(None)
    assert AccessPolicy.from_settings(Settings(_env_file=None)).is_empty


def test_token_bucket_lets_a_burst_through_then_tells_the_seconds_until_the_next_token() -> None:
    now = [100.0]
    bucket = TokenBucket(capacity=2, refill_seconds=5, clock=lambda: now[0])
    assert bucket.take(1) == 0 and bucket.take(1) == 0
    now[0] = 101.2
    assert bucket.take(1) == pytest.approx(3.8) and bucket.take(2) == 0  # another user is not held back
    now[0] = 105.0
    assert bucket.take(1) == 0 and bucket.take(1) == pytest.approx(5.0)  # one token back, not two
    now[0] = 200.0
    assert bucket.take(1) == 0 and bucket.take(1) == 0  # refilled to the capacity, never above
    assert bucket.take(1) > 0
    assert TokenBucket(capacity=1, refill_seconds=0).take(1) == 0  # 0 turns the limit off


def test_token_bucket_memory_is_bounded_and_forgets_full_buckets_first() -> None:
    now = [0.0]
    bucket = TokenBucket(capacity=1, refill_seconds=10, max_keys=100, clock=lambda: now[0])
    bucket.take("busy")
    now[0] = 20.0  # "busy" is full again: forgetting it changes nothing
    for user_id in range(1000):
        bucket.take(user_id)
        assert len(bucket.state) <= 100
    assert "busy" not in bucket.state
    assert bucket.take(999) > 0  # the most recent are kept
    assert bucket.take(0) == 0  # the oldest was forgotten: let in early, never later


async def test_typing_indicators_never_wait_behind_replies_in_the_rate_limit() -> None:
    import asyncio

    from bot.telegram.limits import RepliesFirstRateLimiter

    limiter = RepliesFirstRateLimiter(overall_max_rate=1, overall_time_period=60)
    sent = []

    async def post(endpoint, data):
        sent.append(endpoint)
        return True

    async def call(endpoint):
        data = {"chat_id": 1}
        return await limiter.process_request(post, (endpoint, data), {}, endpoint, data, None)

    await call("sendMessage")  # uses up the budget for a minute
    await asyncio.wait_for(call("sendChatAction"), timeout=1)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(call("sendMessage"), timeout=0.5)
    assert sent == ["sendMessage", "sendChatAction"]


async def test_state_writes_are_atomic_and_a_broken_file_is_set_aside(tmp_path) -> None:
    path = tmp_path / "bot-state.sqlite3"
    persistence = open_persistence(path)
    await persistence.update_user_data(1, {"lang": "en"})
    await persistence.flush()
    reader = open_persistence(path)
    assert await reader.get_user_data() == {1: {"lang": "en"}}
    await reader.flush()
    assert [p.name for p in tmp_path.iterdir()] == ["bot-state.sqlite3"]  # no journal or temporary file left
    # Writes are SQLite transactions; a value that is not JSON is refused (and logged) on its own.
    await persistence.update_user_data(1, {"lang": "fr", "broken": object()})
    await persistence.flush()
    reader = open_persistence(path)
    assert await reader.get_user_data() == {1: {"lang": "fr"}}  # the JSON-able key saved, the other refused
    await reader.flush()
    path.write_bytes(path.read_bytes()[:20])  # what a disk fault or a stray copy may leave
    reopened = open_persistence(path)
    assert await reopened.get_user_data() == {}
    await reopened.flush()
    assert any(p.name.startswith("bot-state.sqlite3.unreadable-") for p in tmp_path.iterdir())


def test_bot_data_copies_only_what_is_persisted() -> None:
    import copy
    import threading

    data = BotData(refused_users={1, 2}, assistant=threading.Lock())
    copied = copy.deepcopy(data)
    assert isinstance(copied, BotData) and copied == {"refused_users": {1, 2}}
