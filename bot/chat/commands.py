"""Parsing command arguments the same way in Telegram and in the console chat."""

from __future__ import annotations

from bot.briefs.models import JURISDICTIONS, CaptionCheckRequest
from scoring.models import PLATFORMS

CAPTION_LIMIT = 2200  # Instagram's own caption limit; longer text is not a caption


class CheckUsageError(ValueError):
    """No caption was given."""


def parse_check(argument: str, default_jurisdiction: str) -> tuple[CaptionCheckRequest, bool]:
    """``[JURISDICTION] [platform] caption`` -> the request, and whether a jurisdiction was named.

    The first word is a jurisdiction only when it is one of the codes in capitals ("FR", "UK"),
    so that a caption may begin with "De" or "Eu"; the next word is a platform when it names one.
    """
    jurisdiction, named = default_jurisdiction, False
    first, rest = _first_word(argument)
    if first in JURISDICTIONS:
        jurisdiction, named = first, True
    else:
        rest = argument.strip()
    platform = "instagram"
    first, after = _first_word(rest)
    if first.lower() in PLATFORMS:
        platform, rest = first.lower(), after
    if not rest:
        raise CheckUsageError("no caption")
    return CaptionCheckRequest(caption=rest, jurisdiction=jurisdiction, platform=platform), named


def _first_word(text: str) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    return (parts[0], parts[1].strip() if len(parts) > 1 else "") if parts else ("", "")
