"""Dates given from outside: ``--as-of``, ``--period`` and ``SOURCE_DATE_EPOCH``.

They are checked once, where they come in, so a far-off year or a malformed timestamp is a
usage error (exit 2) that says what is allowed, never an overflow deep in the engine.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from kpitrack.core.errors import UsageError

FIRST_YEAR = 1900
LAST_YEAR = 2999
"""Dates and periods named on the command line lie in these years (inclusive)."""

_LAST_EPOCH = int(datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def parse_as_of(text: str | None, option: str = "--as-of") -> date:
    """The date ``YYYY-MM-DD`` in ``text`` (today when None); :class:`UsageError` otherwise."""
    if text is None:
        return date.today()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} takes a date YYYY-MM-DD; got {text!r}") from None
    check_year(day.year, option, text)
    return day


def check_year(year: int, option: str, given: str) -> None:
    """Refuse a year outside :data:`FIRST_YEAR` … :data:`LAST_YEAR` as a usage error."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            f"{option} {given!r} is out of range: kpitrack works with dates from "
            f"{FIRST_YEAR} to {LAST_YEAR}"
        )


def source_date_epoch() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, None when unset or empty; :class:`UsageError` if bad.

    The reproducible-builds convention: a whole number of seconds since 1970-01-01 UTC.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or int(raw) > _LAST_EPOCH:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
            f"from 0 to {_LAST_EPOCH} (the end of {LAST_YEAR}); got {shown!r}"
        )
    return datetime.fromtimestamp(int(raw), tz=UTC)


REPORTING_ZONE = "Europe/Amsterdam"
"""The time zone of every date kpitrack shows (received dates, due dates)."""


def local_day(moment: datetime) -> date:
    """The day of ``moment`` in :data:`REPORTING_ZONE` (UTC where no zone data is installed)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(ZoneInfo(REPORTING_ZONE)).date()
    except ZoneInfoNotFoundError:
        return moment.astimezone(UTC).date()


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 time as written in the ledger (``2024-07-01T09:00:00Z``); None if malformed."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
