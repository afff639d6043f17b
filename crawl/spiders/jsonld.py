"""Career pages with schema.org JobPosting in <script type="application/ld+json">.

Starts at SourceConfig.urls and follows links on the same site (host and port) whose path
contains one of `follow` (every same-site link when `follow` is empty), up to DEPTH_LIMIT.
Obeys robots.txt. A site crawl is not a complete listing, so it never closes postings.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError

from crawl.spiders.base import SourceSpider, describe_failure, dig, first, rebase

ESCAPED_HTML = re.compile(r"&lt;\s*/?\s*[a-zA-Z]")


class JsonLdSpider(SourceSpider):
    name = "jsonld"
    kind = "jsonld"
    complete_listing = False
    not_found = "page not found: check the source's urls"
    custom_settings = {"ROBOTSTXT_OBEY": True, "DEPTH_LIMIT": 4}

    def first_requests(self):
        for url in self.source.urls:
            yield scrapy.Request(rebase(url, self.source.base_url), callback=self.parse_page,
                                 errback=self.start_failed, dont_filter=True)

    def start_failed(self, failure):
        """A start page that cannot be read fails the source (robots.txt refusal included)."""
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.state.fail(f"robots.txt forbids {failure.request.url}")
        else:
            self.state.fail(describe_failure(failure, failure.request.url, self.not_found))

    def page_failed(self, failure):
        """A followed link that fails is logged and counted, not fatal: sites have dead links."""
        if not failure.check(IgnoreRequest) or failure.check(HttpError):
            self.logger.info(describe_failure(failure, failure.request.url, self.not_found))
            self.state.count("pages_failed")

    def parse_page(self, response):
        if not isinstance(response, TextResponse):
            return
        for index, posting in enumerate(self.job_postings(response)):
            yield self.parse_posting(posting, response.url, index)
        yield from self.follow_links(response)

    def job_postings(self, response) -> Iterator[dict]:
        for block in response.css('script[type="application/ld+json"]::text').getall():
            try:
                data = json.loads(block)
            except ValueError as error:
                self.state.reject(f"malformed JSON-LD: {error}", response.url, block[:20000])
                continue
            yield from find_job_postings(data)

    def follow_links(self, response):
        site = urlsplit(response.url).netloc
        for link in LinkExtractor().extract_links(response):
            parts = urlsplit(link.url)
            if parts.netloc != site:
                continue
            if self.source.follow and not any(p in parts.path for p in self.source.follow):
                continue
            yield scrapy.Request(link.url, callback=self.parse_page, errback=self.page_failed)

    def parse_posting(self, posting: dict, page_url: str, index: int):
        salary = posting.get("baseSalary") or {}
        value = salary.get("value") if isinstance(salary, dict) else None
        value = value if isinstance(value, dict) else {"value": value}
        description = posting.get("description")
        if isinstance(description, str) and ESCAPED_HTML.search(description):
            description = html.unescape(description)
        places = posting.get("jobLocation")
        places = places if isinstance(places, list) else [places] if places else []
        return self.posting(
            posting_identifier(posting, page_url, index),
            posting,
            url=posting.get("url") or page_url,
            title=posting.get("title"),
            company=name_of(posting.get("hiringOrganization")),
            location="; ".join(filter(None, (place_text(p) for p in places))) or None,
            country=name_of(dig(first(places), "address", "addressCountry")),
            remote=first(posting.get("jobLocationType")) or ("remote" if not places and posting.get("applicantLocationRequirements") else None),
            employment_type=first(posting.get("employmentType")),
            department=name_of(posting.get("occupationalCategory")),
            date_posted=posting.get("datePosted"),
            valid_through=posting.get("validThrough"),
            description_html=description,
            salary_min=value.get("minValue", value.get("value")),
            salary_max=value.get("maxValue", value.get("value")),
            salary_currency=salary.get("currency") if isinstance(salary, dict) else None,
            salary_period=value.get("unitText"),
            source_industry=name_of(posting.get("industry")),
        )


def find_job_postings(data: Any) -> Iterator[dict]:
    """JobPosting objects anywhere in a JSON-LD document: top level, lists, @graph."""
    if isinstance(data, list):
        for element in data:
            yield from find_job_postings(element)
    elif isinstance(data, dict):
        types = data.get("@type")
        types = types if isinstance(types, list) else [types]
        if "JobPosting" in types:
            yield data
        elif "@graph" in data:
            yield from find_job_postings(data["@graph"])


def posting_identifier(posting: dict, page_url: str, index: int) -> str:
    """schema.org identifier, else the posting's own URL, else the page URL and position."""
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value") or identifier.get("@id")
    if identifier not in (None, ""):
        return str(identifier)
    if posting.get("url"):
        return str(posting["url"])
    return f"{page_url}#{index}"


def name_of(value: Any) -> str | None:
    """A schema.org Thing's name, or the text itself."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("name")
    return str(value) if value not in (None, "") else None


def place_text(place: Any) -> str | None:
    address = dig(place, "address")
    if isinstance(address, str):
        return address
    if not isinstance(address, dict):
        return name_of(place)
    parts = (address.get("addressLocality"), address.get("addressRegion"), name_of(address.get("addressCountry")))
    return ", ".join(p for p in parts if p) or None
