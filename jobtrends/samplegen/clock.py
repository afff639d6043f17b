"""Dates of the sample: 24 months (Nov 2024 .. Oct 2026), local offsets with daylight saving.

Offsets are computed here rather than from the system tz database so that the output is
byte-identical on every machine.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

FIRST_MONTH = (2024, 11)
MONTH_COUNT = 24
SNAPSHOT = datetime(2026, 10, 31, 23, 0, tzinfo=timezone.utc)   # "now" of the sample boards
# Standard offset in hours and daylight-saving rule per zone key of employers.toml.
ZONES = {
    "us_eastern": (-5, "us"), "us_central": (-6, "us"), "us_mountain": (-7, "us"),
    "us_pacific": (-8, "us"), "uk": (0, "eu"), "central_europe": (1, "eu"),
}


def months() -> list[tuple[int, int]]:
    """(year, month) of the sample, oldest first."""
    year, month = FIRST_MONTH
    out = []
    for _ in range(MONTH_COUNT):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_progress(published: datetime) -> float:
    """0.0 in the first month of the sample, 1.0 in the last."""
    index = months().index((published.year, published.month))
    return index / (MONTH_COUNT - 1)


def random_moment(rng: random.Random, year: int, month: int) -> datetime:
    """A working-hours moment (UTC) on a random day of the month, never after SNAPSHOT."""
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    days = (next_month - date(year, month, 1)).days
    moment = datetime(year, month, rng.randint(1, days), rng.randint(13, 22), rng.randint(0, 59),
                      rng.randint(0, 59), tzinfo=timezone.utc)
    return min(moment, SNAPSHOT)


def _nth_sunday(year: int, month: int, n: int) -> date:
    """n-th Sunday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def utc_offset(moment: datetime, zone: str) -> timedelta:
    """Offset of a zone at a UTC moment (DST switch taken at 02:00 UTC, close enough for a sample)."""
    standard, rule = ZONES[zone]
    day = moment.date()
    if rule == "us":
        summer = _nth_sunday(day.year, 3, 2) <= day < _nth_sunday(day.year, 11, 1)
    else:
        summer = _nth_sunday(day.year, 3, -1) <= day < _nth_sunday(day.year, 10, -1)
    return timedelta(hours=standard + summer)


def local_iso(moment: datetime, zone: str) -> str:
    """'2025-03-04T10:21:07-05:00': the moment in the zone's local time."""
    offset = utc_offset(moment, zone)
    return moment.astimezone(timezone(offset)).isoformat(timespec="seconds")


def utc_iso(moment: datetime, millis: int | None = None, suffix: str = "Z") -> str:
    """'2025-03-04T15:21:07Z', or with milliseconds '...07.123Z' / '...07.123+00:00'."""
    text = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    if millis is not None:
        text += f".{millis:03d}"
    return text + suffix


def epoch_ms(moment: datetime, millis: int = 0) -> int:
    return int(moment.timestamp()) * 1000 + millis
