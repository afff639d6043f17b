"""Greenhouse job board API: one request returns the whole board, descriptions included.

GET https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true
`content` is HTML that is itself HTML-escaped ("&lt;p&gt;"): it is unescaped once here.
"""

from __future__ import annotations

import html

from crawl.spiders.base import SourceSpider, dig, first


class GreenhouseSpider(SourceSpider):
    name = "greenhouse"
    kind = "greenhouse"
    api_root = "https://boards-api.greenhouse.io"

    def first_requests(self):
        yield self.request(self.api_url(f"/v1/boards/{self.source.board}/jobs?content=true"), self.parse_board)

    def parse_board(self, response):
        data = self.read_json(response)
        if data is None:
            return
        for job in data["jobs"]:
            yield self.parse_job(job)
        self.state.listing_read = True

    def parse_job(self, job: dict):
        content = job.get("content")
        return self.posting(
            job.get("id"),
            job,
            url=job.get("absolute_url"),
            title=job.get("title"),
            company=job.get("company_name"),
            location=dig(job, "location", "name"),
            remote=dig(job, "location", "name"),
            department=dig(first(job.get("departments")), "name"),
            date_posted=job.get("first_published") or job.get("updated_at"),
            description_html=html.unescape(content) if content else None,
        )
