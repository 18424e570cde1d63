"""split_html ends and keeps every message within the limit, even when the tags alone are too long."""

from __future__ import annotations

import random
import re

import pytest

from bot.telegram.formatting import split_html, utf16_len


def _balanced(message: str) -> bool:
    stack = []
    for tag in re.findall(r"<(/?)([a-zA-Z]+)[^>]*>", message):
        closing, name = tag
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def _text(messages: list[str]) -> str:
    return "".join(re.sub(r"<[^>]*>", "", m) for m in messages).replace(" ", "").replace("\n", "")


def test_a_link_longer_than_the_limit_terminates_and_fits():
    url = "https://example.com/" + "x" * 300
    text = f'<a href="{url}">' + "word " * 200 + "</a>"
    messages = split_html(text, limit=100)
    assert messages
    assert all(utf16_len(m) <= 100 for m in messages)
    assert all(_balanced(m) for m in messages)
    assert _text(messages) == ("word" * 200)


def test_open_tags_eating_most_of_the_limit_terminate_and_fit():
    url = "https://example.com/" + "y" * 60  # opener + closer just under the limit
    text = f'<b><i><a href="{url}">' + "texte " * 100 + "</a></i></b>"
    messages = split_html(text, limit=100)
    assert all(utf16_len(m) <= 100 for m in messages)
    assert all(_balanced(m) for m in messages)
    assert _text(messages) == "texte" * 100


def test_short_tags_are_still_reopened():
    text = "<b>" + "mot " * 50 + "</b>"
    messages = split_html(text, limit=60)
    assert len(messages) > 1
    assert all(m.startswith("<b>") and m.endswith("</b>") for m in messages)
    assert all(utf16_len(m) <= 60 for m in messages)


@pytest.mark.parametrize("seed", range(30))
def test_random_markup_always_fits(seed):
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randint(5, 60)):
        choice = rng.random()
        if choice < 0.2:
            parts.append(f'<a href="https://e.com/{"z" * rng.randint(1, 200)}">{"lien " * rng.randint(1, 30)}</a>')
        elif choice < 0.4:
            parts.append("<b><i>" + "gras " * rng.randint(1, 40) + "</i></b>")
        elif choice < 0.5:
            parts.append("&amp;" * rng.randint(1, 20))
        elif choice < 0.6:
            parts.append("😀" * rng.randint(1, 80))
        else:
            parts.append("mot " * rng.randint(1, 50) + rng.choice(["", "\n", "\n\n"]))
    text = "".join(parts)
    limit = rng.choice([20, 50, 100, 300])
    messages = split_html(text, limit=limit)
    assert all(utf16_len(m) <= limit for m in messages), [m for m in messages if utf16_len(m) > limit]
    assert all(_balanced(m) for m in messages)
