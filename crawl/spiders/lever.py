"""Lever postings API, read page by page until a page comes back short.

GET https://api.lever.co/v0/postings/{site}?mode=json&skip=N&limit=M
The description is the intro HTML, then each `lists` entry (a heading and <li> items), then
`additional`: kept together as one HTML document with the headings.
"""

from __future__ import annotations

from crawl.spiders.base import SourceSpider


class LeverSpider(SourceSpider):
    name = "lever"
    kind = "lever"
    api_root = "https://api.lever.co"
    page_size = 100  # JOBTRENDS_PAGE_SIZE overrides (tests use tiny pages)

    def page_url(self, skip: int) -> str:
        limit = self.setting_int("JOBTRENDS_PAGE_SIZE", self.page_size)
        return self.api_url(f"/v0/postings/{self.source.board}?mode=json&skip={skip}&limit={limit}")

    def first_requests(self):
        yield self.request(self.page_url(0), self.parse_page, skip=0)

    def parse_page(self, response, skip: int):
        page = self.read_json(response)
        if page is None:
            return
        for posting in page:
            yield self.parse_posting(posting)
        limit = self.setting_int("JOBTRENDS_PAGE_SIZE", self.page_size)
        if len(page) < limit:
            self.state.listing_read = True
        else:
            yield self.request(self.page_url(skip + limit), self.parse_page, skip=skip + limit)

    def parse_posting(self, posting: dict):
        categories = posting.get("categories") or {}
        salary = posting.get("salaryRange") or {}
        return self.posting(
            posting.get("id"),
            posting,
            url=posting.get("hostedUrl"),
            title=posting.get("text"),
            location=categories.get("location"),
            country=posting.get("country"),
            remote=posting.get("workplaceType") if posting.get("workplaceType") != "unspecified" else categories.get("location"),
            employment_type=categories.get("commitment"),
            department=categories.get("department") or categories.get("team"),
            date_posted=posting.get("createdAt"),
            description_html=lever_html(posting),
            description=posting.get("descriptionPlain"),
            salary_min=salary.get("min"),
            salary_max=salary.get("max"),
            salary_currency=salary.get("currency"),
            salary_period=salary.get("interval"),
            extra={"team": categories["team"]} if categories.get("team") else None,
        )


def lever_html(posting: dict) -> str | None:
    parts = [posting.get("description") or ""]
    for section in posting.get("lists") or []:
        parts.append(f"<h3>{section.get('text') or ''}</h3><ul>{section.get('content') or ''}</ul>")
    parts.append(posting.get("additional") or "")
    joined = "\n".join(p for p in parts if p)
    return joined or None

