"""Provides event timestamps: the one stored form (ISO-8601 UTC, microseconds, ``Z``) and its validation.

Every event's ``created_at`` is compared as text, so it must be in the one
form ``utc_now()`` writes; a time from another copy of the database (an
imported review) is parsed, refused when it is not an ISO-8601 date-time or
lies in the future beyond :data:`FUTURE_SKEW`, and otherwise rewritten in the
stored form. Without this an event dated ``9999-12-31`` (or ``"zzzz"``, which
sorts after every digit) would stay a reviewer's latest decision for ever.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# Clocks of two reviewers' machines may disagree a little; more than this is refused.
FUTURE_SKEW = timedelta(minutes=5)
# SQLite's form of the same limit, for checks run in SQL.
FUTURE_SKEW_SQL = "+5 minutes"


def format_utc(moment: datetime) -> str:
    """``moment`` in the stored form: ``2024-05-01T09:30:00.000000Z``."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def event_time(value: object, *, now: datetime | None = None) -> str:
    """An event time from another copy, in the stored form.

    Args:
        value: what the file gave (a string such as ``2024-05-01T09:30:00Z``; a
            time without an offset is taken as UTC).
        now: the current time (for tests).

    Raises:
        ValueError: with the reason, when it is not an ISO-8601 date-time or
            lies in the future.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no created_at time")
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise ValueError(f"created_at {text[:40]!r} is not an ISO-8601 date-time") from None
    if len(text) <= 10:
        raise ValueError(f"created_at {text!r} is a date without a time")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    if moment - now > FUTURE_SKEW:
        raise ValueError(f"created_at {text[:40]!r} is in the future")
    return format_utc(moment)
