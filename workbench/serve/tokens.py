"""Provides reviewer tokens: making one, hashing it, and finding whose it is in constant time.

A token is 32 random bytes (URL-safe base64), so a plain SHA-256 is enough to
store it: nothing short of guessing 256 bits finds a token from its hash.
The database only ever sees the hash (:mod:`workbench.storage.reviewer_tokens`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

from ..storage.reviewer_tokens import ReviewerToken

TOKEN_BYTES = 32
# Longer strings are refused before hashing: no real token is this long.
MAX_TOKEN_CHARS = 128
MAX_NAME_CHARS = 80


def new_token() -> str:
    """A fresh random token (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest stored for ``token``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def reviewer_for(token: str | None, live: Iterable[ReviewerToken]) -> str | None:
    """The reviewer whose live token ``token`` is, or None.

    Every live hash is compared with :func:`hmac.compare_digest`, and the loop
    never stops early, so the time taken does not say how close a guess was.
    """
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    digest = token_hash(token)
    found = None
    for row in live:
        if hmac.compare_digest(row.token_sha256, digest):
            found = row.reviewer
    return found


def check_name(name: str) -> str:
    """A reviewer name as it will be stored on marks; raises ValueError when unusable."""
    name = name.strip()
    if not name:
        raise ValueError("a reviewer name cannot be empty")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"a reviewer name has at most {MAX_NAME_CHARS} characters")
    if any(not ch.isprintable() for ch in name):
        raise ValueError("a reviewer name cannot contain control characters or line breaks")
    return name
