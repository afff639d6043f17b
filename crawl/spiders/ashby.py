"""Ashby public job board API: one request returns every listed job, with compensation.

GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true
Salary comes from the structured compensation components of type "Salary".
"""

from __future__ import annotations

from crawl.spiders.base import SourceSpider, dig


class AshbySpider(SourceSpider):
    name = "ashby"
    kind = "ashby"
    api_root = "https://api.ashbyhq.com"

    def first_requests(self):
        url = self.api_url(f"/posting-api/job-board/{self.source.board}?includeCompensation=true")
        yield self.request(url, self.parse_board)

    def parse_board(self, response):
        data = self.read_json(response)
        if data is None:
            return
        for job in data["jobs"]:
            if job.get("isListed", True):
                yield self.parse_job(job)
        self.state.listing_read = True

    def parse_job(self, job: dict):
        salary = salary_component(job.get("compensation"))
        remote = job.get("workplaceType") or ("remote" if job.get("isRemote") else None)
        return self.posting(
            job.get("id"),
            job,
            url=job.get("jobUrl"),
            title=job.get("title"),
            location=job.get("location"),
            country=dig(job, "address", "postalAddress", "addressCountry"),
            remote=remote,
            employment_type=job.get("employmentType"),
            department=job.get("department") or job.get("team"),
            date_posted=job.get("publishedAt"),
            description_html=job.get("descriptionHtml"),
            description=job.get("descriptionPlain"),
            salary_min=salary.get("minValue"),
            salary_max=salary.get("maxValue"),
            salary_currency=salary.get("currencyCode"),
            salary_period=salary.get("interval"),
        )


def salary_component(compensation: dict | None) -> dict:
    """The first salary component: summary components first, then each tier's."""
    if not compensation:
        return {}
    components = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        components.extend(tier.get("components") or [])
    for component in components:
        if (component.get("compensationType") or "").lower() == "salary":
            return component
    return {}
