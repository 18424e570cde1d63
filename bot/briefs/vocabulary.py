"""The jurisdictions, media and compensations briefs and checks know: their one home.

Importable without pydantic: the CLI builds its choices from these before it parses a flag,
the Telegram keyboards and the brief form build their buttons from them.
"""

from __future__ import annotations

from typing import Literal

Jurisdiction = Literal["FR", "US", "UK", "CA", "QC", "BE", "DE", "EU"]
JURISDICTIONS: tuple[str, ...] = Jurisdiction.__args__  # type: ignore[attr-defined]
DEFAULT_JURISDICTION: Jurisdiction = "FR"  # the market Relais was built for first
# The re-check buttons under a caption check: the markets our users publish in most; every
# other jurisdiction stays one /check argument away (a keyboard of eight is too wide).
CHECK_BUTTON_JURISDICTIONS: tuple[str, ...] = ("FR", "BE", "UK", "US", "CA", "DE")

Media = Literal["post", "story", "reel", "video", "live"]
MEDIA: tuple[str, ...] = Media.__args__  # type: ignore[attr-defined]
Compensation = Literal["paid", "gifted", "affiliate", "event", "none"]
COMPENSATIONS: tuple[str, ...] = Compensation.__args__  # type: ignore[attr-defined]
BriefLanguage = Literal["fr", "en"]
BRIEF_LANGUAGES: tuple[str, ...] = BriefLanguage.__args__  # type: ignore[attr-defined]
