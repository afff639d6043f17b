"""normalise: one representation per field, whatever the source said.

- dates (ISO text with or without offset, date only, epoch seconds or milliseconds) become
  naive UTC datetimes; what cannot be read becomes None and is counted (jobtrends/bad_dates);
- remote becomes remote | hybrid | onsite | None, from the spider's hint or the location;
- employment_type becomes full_time | part_time | contract | temporary | internship | volunteer
  (anything else: its own text in snake_case);
- salary comes from structured fields when the source has them, else from the text
  (crawl.salary.salary_from_text; extra.salary_from_text keeps what was read): numbers as
  floats (min <= max), currency as an ISO code, period as year | month | week | day | hour;
- country becomes an ISO 3166 alpha-2 code, from the country field or else the location
  (crawl.location); an unrecognised country field stays as given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from crawl.location import country_code
from crawl.pipelines.base import SourcePipeline
from crawl.salary import salary_from_text

REMOTE_PATTERNS = (
    ("hybrid", re.compile(r"hybrid", re.I)),
    ("remote", re.compile(r"remote|telecommute|work from home|\bwfh\b|anywhere|distributed", re.I)),
    ("onsite", re.compile(r"on-?\s?site|in[- ]office|in[- ]person|office[- ]based", re.I)),
)
EMPLOYMENT_TYPES = {
    "fulltime": "full_time", "permanent": "full_time", "regular": "full_time",
    "parttime": "part_time",
    "contract": "contract", "contractor": "contract", "freelance": "contract", "freelancer": "contract",
    "temporary": "temporary", "temp": "temporary", "seasonal": "temporary",
    "intern": "internship", "internship": "internship", "apprenticeship": "internship",
    "volunteer": "volunteer",
}
PERIODS = (("hour", "hour"), ("day", "day"), ("daily", "day"), ("week", "week"), ("month", "month"),
           ("year", "year"), ("annual", "year"), ("annum", "year"))
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}


class NormalisePipeline(SourcePipeline):
    def process_item(self, item):
        for key in ("date_posted", "valid_through"):
            if item.get(key) is not None:
                parsed = to_utc(item[key])
                if parsed is None:
                    self.state.count("bad_dates")
                item[key] = parsed
        item["remote"] = remote_kind(item.get("remote"), item.get("location"))
        item["employment_type"] = employment_type(item.get("employment_type"))
        normalise_salary(item)
        if item["salary_min"] is None and item["salary_max"] is None:
            salary_in_text(item)
        item["country"] = country_code(item.get("country"), item.get("location"))
        return item


def to_utc(value) -> datetime | None:
    """A naive UTC datetime from ISO text, a date, or epoch seconds / milliseconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 10**11 else value  # ms epochs are 13 digits today
        return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{10,13}", text):
            return to_utc(int(text))
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def remote_kind(hint, location) -> str | None:
    if hint is True:
        return "remote"
    for text in (hint, location):
        if isinstance(text, str):
            for kind, pattern in REMOTE_PATTERNS:
                if pattern.search(text):
                    return kind
    return None


def employment_type(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.strip():
        return None
    key = re.sub(r"[^a-z]", "", value.lower())
    if key in EMPLOYMENT_TYPES:
        return EMPLOYMENT_TYPES[key]
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_") or None


def normalise_salary(item) -> None:
    low, high = amount(item.get("salary_min")), amount(item.get("salary_max"))
    if low is not None and high is not None and low > high:
        low, high = high, low
    item["salary_min"], item["salary_max"] = low, high
    has_amount = low is not None or high is not None
    item["salary_currency"] = currency(item.get("salary_currency")) if has_amount else None
    item["salary_period"] = period(item.get("salary_period")) if has_amount else None


def salary_in_text(item) -> None:
    """Salary stated in the description (or the HN header's salary field) when no field gave one."""
    extra = item.get("extra") if isinstance(item.get("extra"), dict) else {}
    for text in (extra.get("salary_text"), item.get("description")):
        found = salary_from_text(text) if isinstance(text, str) else None
        if found:
            item.update(found)
            item["extra"] = {**extra, "salary_from_text": True}
            return


def amount(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value > 0 else None
    match = re.fullmatch(r"\s*[^\d]*?([\d][\d,]*(?:\.\d+)?)\s*([kK])?\s*", str(value))
    if not match:
        return None
    number = float(match[1].replace(",", ""))
    return number * 1000 if match[2] else number or None


def currency(value) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text]
    return text.upper() if re.fullmatch(r"[A-Za-z]{3}", text) else None


def period(value) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.lower()
    for word, name in PERIODS:
        if word in text:
            return name
    return None
