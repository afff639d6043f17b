"""Normalisation from text: salary (currency, period, min <= max) and country."""

from __future__ import annotations

import pytest

from crawl.location import country_code
from crawl.pipelines.normalise import NormalisePipeline, employment_type, remote_kind
from crawl.salary import parse_salary, salary_from_text


def salary(low, high, currency, period):
    return {"salary_min": low, "salary_max": high, "salary_currency": currency, "salary_period": period}


@pytest.mark.parametrize("text, expected", [
    ("$150k-$200k", salary(150000.0, 200000.0, "USD", "year")),
    ("€70.000–90.000 per year", salary(70000.0, 90000.0, "EUR", "year")),
    ("£45 per hour", salary(45.0, 45.0, "GBP", "hour")),
    ("$200k - $150k", salary(150000.0, 200000.0, "USD", "year")),          # min and max put in order
    ("USD 120,000 - 150,000", salary(120000.0, 150000.0, "USD", "year")),
    ("90-120k EUR", salary(90000.0, 120000.0, "EUR", "year")),
    ("CA$95,000 to CA$110,000 annually", salary(95000.0, 110000.0, "CAD", "year")),
    ("$60–$75/hr", salary(60.0, 75.0, "USD", "hour")),
    ("€4.500 - 5.500 per month", salary(4500.0, 5500.0, "EUR", "month")),
    ("£550 per day", salary(550.0, 550.0, "GBP", "day")),
    ("CHF 130 000 – 160 000 p.a.", salary(130000.0, 160000.0, "CHF", "year")),
    ("5-7 years of experience", None),      # no currency
    ("$5M seed round", None),               # not pay
    ("$40 - $60", None),                    # no period, too small to be yearly
])
def test_parse_salary(text, expected):
    assert parse_salary(text) == expected


def test_salary_from_text_needs_context_for_single_amounts():
    assert salary_from_text("We raised $5M. A $50 monthly gym stipend.") is None
    assert salary_from_text("We raised $5M. The pay: £45 per hour.") == salary(45.0, 45.0, "GBP", "hour")
    assert salary_from_text("Built 2018-2024. Range $120k - $150k plus equity.") == salary(
        120000.0, 150000.0, "USD", "year")
    assert salary_from_text(None) is None


@pytest.mark.parametrize("country, location, expected", [
    ("France", None, "FR"), ("gb", None, "GB"), ("U.S.", None, "US"), ("UK", None, "GB"),
    ("Atlantis", None, "Atlantis"),                     # unknown: kept as given
    (None, "Lisbon, Portugal", "PT"), (None, "Remote - US", "US"), (None, "Austin, TX", "US"),
    (None, "Berlin (Hybrid)", "DE"), (None, "Vancouver, BC, CA", "CA"), (None, "San Jose, CA", "US"),
    (None, "Toronto, ON", "CA"), (None, "Remote", None), (None, None, None),
])
def test_country_code(country, location, expected):
    assert country_code(country, location) == expected


class FakeState:
    def count(self, *args):
        pass


class Pipeline(NormalisePipeline):
    state = FakeState()

    def __init__(self):
        pass


def test_the_pipeline_reads_salary_from_text_only_without_structured_pay():
    item = {"description": "Compensation: €70.000–90.000 per year.", "location": "Lyon, France",
            "remote": "Hybrid", "employment_type": "Full-time"}
    out = Pipeline().process_item(dict(item))
    assert (out["salary_min"], out["salary_max"], out["salary_currency"], out["salary_period"]) == (
        70000.0, 90000.0, "EUR", "year")
    assert out["extra"] == {"salary_from_text": True}
    assert (out["country"], out["remote"], out["employment_type"]) == ("FR", "hybrid", "full_time")
    structured = Pipeline().process_item(dict(item, salary_min=60000, salary_max=65000, salary_currency="eur",
                                              salary_period="YEAR"))
    assert (structured["salary_min"], structured["salary_max"]) == (60000.0, 65000.0)
    assert "extra" not in structured


def test_remote_and_employment_words():
    assert remote_kind(None, "Remote (EU time zones)") == "remote"
    assert remote_kind("on-site", None) == "onsite"
    assert employment_type("Contractor") == "contract" and employment_type("Temp") == "temporary"
