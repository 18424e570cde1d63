"""Error references: the short id a user quotes and the admin finds in the logs (both front ends)."""

from __future__ import annotations

import secrets


def new_reference() -> str:
    """A short id the user can quote and the admin can grep for in the logs."""
    return secrets.token_hex(4).upper()
