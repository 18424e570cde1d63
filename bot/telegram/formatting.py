"""Cutting long Telegram HTML into messages that Telegram accepts (4096 UTF-16 units each).

What the messages say is rendered in :mod:`bot.chat.rendering`, shared with the console.
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


# Splitting -------------------------------------------------------------------------------------

# A tag, an entity, or a run of text up to and including its whitespace.
_UNIT = re.compile(r"<[^>]*>|&#?\w+;|[^<&\s]+\s*|\s+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut Telegram HTML into messages of at most ``limit`` UTF-16 units.

    Never cuts inside a tag or an entity; tags open at a cut are closed at the end of one
    message and opened again at the start of the next. Prefers cutting after a blank line,
    then after a line, then after a word; a word longer than a message is cut by characters.
    """
    if utf16_len(text) <= limit:
        return [text] if _visible(text) else []
    messages: list[str] = []
    queue = _drop_heavy_tags(_UNIT.findall(text), limit)
    queue.reverse()
    # The units of the message being built, each with the open-tag stack after it.
    current: list[tuple[str, list[tuple[str, str]]]] = []
    stack: list[tuple[str, str]] = []
    size = 0

    def flush() -> None:
        nonlocal current, size
        cut = _best_cut([unit for unit, _ in current], limit)
        head, tail = current[:cut], current[cut:]
        open_at_cut = head[-1][1]
        body = "".join(unit for unit, _ in head).rstrip() + _closers(open_at_cut)
        if _visible(body):
            messages.append(body)
        # The tail's stacks stay right: reopening the tags restores the state at the cut.
        current = ([(_openers(open_at_cut), open_at_cut)] if open_at_cut else []) + tail
        size = sum(utf16_len(unit) for unit, _ in current)

    while queue:
        unit = queue.pop()
        after = _apply(stack, unit)
        while current and size + utf16_len(unit) + utf16_len(_closers(after)) > limit and _has_text(current):
            flush()
            stack = current[-1][1] if current else []
            after = _apply(stack, unit)
        room = limit - size - utf16_len(_closers(after))
        if utf16_len(unit) > room and not unit.startswith(("<", "&")):
            # A word longer than what is left of an otherwise empty message: cut it by characters.
            piece, rest = _take_utf16(unit, max(room, 1))
            queue.append(rest)
            unit = piece
        current.append((unit, after))
        stack = after
        size += utf16_len(unit)
    body = "".join(unit for unit, _ in current).rstrip() + _closers(stack)
    if _visible(body):
        messages.append(body)
    # Last resort, should the above ever overshoot: such a message loses its tags.
    return [piece for message in messages for piece in
            ([message] if utf16_len(message) <= limit else _split_plain(message, limit))]


def _drop_heavy_tags(units: list[str], limit: int) -> list[str]:
    """The units without the tags (and their closing tags) that would leave too little room.

    Every message repeats the tags open at its start and closes them at its end; a tag (say a
    long ``<a href>``) or a nesting of tags costing more than half a message is dropped, its
    text kept, so that each message always has room for text and the splitting ends.
    """
    budget = limit // 2
    kept: list[str] = []
    stack: list[tuple[str, bool, int]] = []  # name, kept, cost of its opener and closer
    for unit in units:
        match = _TAG_NAME.match(unit) if unit.startswith("<") and len(unit) >= 3 else None
        if match is None or unit.endswith("/>"):
            kept.append(unit)
            continue
        name = match.group(1).lower()
        if unit.startswith("</"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    if stack[i][1]:
                        kept.append(unit)
                    del stack[i]
                    break
            else:
                kept.append(unit)
            continue
        cost = utf16_len(unit) + utf16_len(f"</{name}>")
        used = sum(c for _, keep, c in stack if keep)
        keep = used + cost <= budget
        stack.append((name, keep, cost))
        if keep:
            kept.append(unit)
    return kept


def _split_plain(message: str, limit: int) -> list[str]:
    """``message`` without its tags, cut by characters (never inside an entity)."""
    units = _UNIT.findall(re.sub(r"<[^>]*>", "", message))
    pieces: list[str] = []
    current = ""
    for unit in units:
        while unit:
            room = limit - utf16_len(current)
            if utf16_len(unit) <= room:
                current, unit = current + unit, ""
            elif current and (room < 2 or unit.startswith("&") or utf16_len(unit) <= limit):
                pieces.append(current)
                current = ""
            else:
                piece, unit = _take_utf16(unit, room)
                current += piece
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]


def _closers(tags: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(tags))


def _openers(tags: list[tuple[str, str]]) -> str:
    return "".join(tag for _, tag in tags)


def _has_text(units: list[tuple[str, list]]) -> bool:
    return any(not unit.startswith("<") for unit, _ in units)


def _apply(stack: list[tuple[str, str]], unit: str) -> list[tuple[str, str]]:
    """The open-tag stack after ``unit``."""
    if not unit.startswith("<") or len(unit) < 3:
        return stack
    match = _TAG_NAME.match(unit)
    if not match:
        return stack
    name = match.group(1).lower()
    if unit.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                return stack[:i] + stack[i + 1 :]
        return stack
    if unit.endswith("/>"):
        return stack
    return stack + [(name, unit)]


def _best_cut(units: list[str], limit: int) -> int:
    """Where to end the message: after a blank line, else a line, else anywhere (the end)."""
    total = len(units)
    floor = limit // 3  # don't make tiny messages just to cut at a paragraph
    position = 0
    best_line = best_para = 0
    for i, unit in enumerate(units, start=1):
        position += utf16_len(unit)
        if position < floor:
            continue
        if "\n\n" in unit or (unit.endswith("\n") and i > 1 and units[i - 2].endswith("\n")):
            best_para = i
        elif "\n" in unit:
            best_line = i
    return best_para or best_line or total


def _take_utf16(text: str, room: int) -> tuple[str, str]:
    """The longest prefix of ``text`` that fits in ``room`` UTF-16 units, and the rest."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            return text[: max(i, 1)], text[max(i, 1) :]
    return text, ""


def _visible(body: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", body).strip())
