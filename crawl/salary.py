"""Salary from free text: "$150k-$200k", "€70.000–90.000 per year", "£45 per hour".

`parse_salary(text)` reads one salary statement; `salary_from_text(description)` finds the
first one in a posting. A range needs a currency (symbol or ISO code) on either end; a single
amount also needs a period ("per hour", "/yr", "annually"...) and, inside a longer text, a
word such as salary, pay or compensation nearby, so "$5M seed round" or "a $50 monthly gym
stipend" are not read as pay. Amounts: "150k", "150,000", "70.000" or "70 000" (thousands),
"45.50" (decimals). Without a period, a range of 10,000 or more is per year.
"""

from __future__ import annotations

import re

SYMBOLS = {"US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "$": "USD",
           "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "JPY",
         "SGD", "HKD", "ILS", "BRL", "MXN", "ZAR")
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CUR = rf"(?:{_SYMBOL}|\b(?:{'|'.join(CODES)})\b)"
_NUM = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"


def _amount(c: str) -> str:
    """An amount with optional currency before (`{c}a`) or after (`{c}b`) and a k suffix."""
    return rf"(?:(?P<{c}a>{_CUR})\s?)?(?P<{c}n>{_NUM})\s?(?P<{c}k>[kK]\b)?(?:\s?(?P<{c}b>{_CUR}))?"


PERIOD_WORDS = (
    ("hour", r"(?:per|an|a|/)\s?(?:hour|hr|h)\b|hourly"),
    ("day", r"(?:per|a|/)\s?day\b|daily|day rate"),
    ("week", r"(?:per|a|/)\s?(?:week|wk)\b|weekly"),
    ("month", r"(?:per|a|/)\s?(?:month|mo|mth)\b|monthly"),
    ("year", r"(?:per|a|an|/)\s?(?:year|yr|annum)\b|annual(?:ly)?|p\.?a\.?(?=\W|$)|yearly"),
)
_PERIOD = "|".join(f"(?P<p_{name}>{pattern})" for name, pattern in PERIOD_WORDS)
RANGE = re.compile(_amount("lo") + r"\s*(?:-|–|—|to|until)\s*" + _amount("hi")
                   + rf"(?:[\s,]*(?:{_PERIOD}))?", re.I)
SINGLE = re.compile(_amount("lo") + rf"\s*(?:{_PERIOD})", re.I)
CONTEXT = re.compile(r"\b(?:salary|pay|compensation|wage|rate|base|earn|ote\b|remuneration|gehalt|salaire)", re.I)
CONTEXT_CHARS = 60  # how far before an amount a context word may be


def parse_salary(text: str) -> dict | None:
    """salary_min, salary_max (floats, min <= max), salary_currency (ISO), salary_period, or None."""
    match = RANGE.search(text) or SINGLE.search(text)
    return _fields(match) if match else None


def salary_from_text(text: str | None) -> dict | None:
    """The first salary stated in a posting's text (see the module docstring for what counts)."""
    if not text:
        return None
    for match in RANGE.finditer(text):
        fields = _fields(match)
        if fields:
            return fields
    for match in SINGLE.finditer(text):
        if CONTEXT.search(text[max(0, match.start() - CONTEXT_CHARS): match.start()]):
            fields = _fields(match)
            if fields:
                return fields
    return None


def _fields(match: re.Match) -> dict | None:
    groups = match.groupdict()
    currency = next((_currency(groups.get(k)) for k in ("loa", "lob", "hia", "hib") if groups.get(k)), None)
    if currency is None:
        return None
    low = _number(groups["lon"], groups.get("lok") or groups.get("hik"))
    high = _number(groups["hin"], groups.get("hik")) if groups.get("hin") else low
    if low is None or high is None:
        return None
    low, high = sorted((low, high))
    period = next((name for name, _ in PERIOD_WORDS if groups.get(f"p_{name}")), None)
    if period is None and low >= 10000:
        period = "year"
    if period is None or not plausible(low, high, period):
        return None
    return {"salary_min": low, "salary_max": high, "salary_currency": currency, "salary_period": period}


def plausible(low: float, high: float, period: str) -> bool:
    """Pay, not a funding round or a year ("2024-2025" has no currency anyway)."""
    bounds = {"hour": (5, 2000), "day": (40, 10000), "week": (200, 50000), "month": (500, 200000),
              "year": (5000, 5000000)}[period]
    return bounds[0] <= low and high <= bounds[1] and high <= low * 5


def _currency(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    return SYMBOLS.get(text) or SYMBOLS.get(text.upper()) or (text.upper() if text.upper() in CODES else None)


def _number(text: str, thousands: str | None) -> float | None:
    digits = re.sub(r"[\u00a0\u202f ]", "", text)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):        # 70.000 / 150,000: grouping only
        value = float(re.sub(r"[.,]", "", digits))
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+[.,]\d{1,2}", digits):  # 1,234.56 / 1.234,56
        value = float(re.sub(r"[.,]", "", digits[:-3]) + "." + digits[-2:].lstrip(".,"))
    else:
        value = float(digits.replace(",", "."))
    return value * 1000 if thousands else value
