"""SmartRecruiters posting API: a paged list, then one detail request per posting.

GET https://api.smartrecruiters.com/v1/companies/{company}/postings?offset=N&limit=100
GET https://api.smartrecruiters.com/v1/companies/{company}/postings/{id}
The detail's jobAd.sections become one HTML document with a heading per section;
industry.label is the source's industry.
"""

from __future__ import annotations

from crawl.spiders.base import SourceSpider, dig

SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersSpider(SourceSpider):
    name = "smartrecruiters"
    kind = "smartrecruiters"
    api_root = "https://api.smartrecruiters.com"
    page_size = 100

    def list_url(self, offset: int) -> str:
        limit = self.setting_int("JOBTRENDS_PAGE_SIZE", self.page_size)
        return self.api_url(f"/v1/companies/{self.source.board}/postings?offset={offset}&limit={limit}")

    def first_requests(self):
        yield self.request(self.list_url(0), self.parse_list, offset=0)

    def parse_list(self, response, offset: int):
        data = self.read_json(response)
        if data is None:
            return
        content = data.get("content") or []
        for summary in content:
            url = self.api_url(f"/v1/companies/{self.source.board}/postings/{summary['id']}")
            yield self.request(url, self.parse_detail)
        following = offset + len(content)
        if content and following < int(data.get("totalFound") or 0):
            yield self.request(self.list_url(following), self.parse_list, offset=following)
        else:
            self.state.listing_read = True

    def parse_detail(self, response):
        job = self.read_json(response)
        if job is None:
            return
        location = job.get("location") or {}
        yield self.posting(
            job.get("id"),
            job,
            url=job.get("postingUrl") or job.get("applyUrl"),
            title=job.get("name"),
            company=dig(job, "company", "name"),
            location=location.get("fullLocation") or join_location(location),
            country=location.get("country"),
            remote=remote_hint(location),
            employment_type=dig(job, "typeOfEmployment", "label"),
            department=dig(job, "department", "label") or dig(job, "function", "label"),
            date_posted=job.get("releasedDate"),
            description_html=sections_html(dig(job, "jobAd", "sections") or {}),
            source_industry=dig(job, "industry", "label"),
        )


def sections_html(sections: dict) -> str | None:
    parts = []
    for key in SECTIONS:
        section = sections.get(key) or {}
        if section.get("text"):
            heading = section.get("title") or ""
            parts.append((f"<h2>{heading}</h2>" if heading else "") + section["text"])
    return "\n".join(parts) or None


def join_location(location: dict) -> str | None:
    return ", ".join(p for p in (location.get("city"), location.get("region"), location.get("country")) if p) or None


def remote_hint(location: dict) -> str | None:
    if location.get("hybrid"):
        return "hybrid"
    if location.get("remote"):
        return "remote"
    return None
