"""Hacker News "Ask HN: Who is hiring?" threads, through the Algolia HN API.

GET https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring
keeps the latest `months` threads titled "Ask HN: Who is hiring?", then
GET https://hn.algolia.com/api/v1/items/{id} for each. Every top-level comment is a posting;
replies are not. The first line, by custom "Company | Role | Location | REMOTE | salary | url",
gives company, title, location, remote and salary; the whole text is the description.
"""

from __future__ import annotations

import html
import re

from crawl.salary import parse_salary
from crawl.spiders.base import SourceSpider

HIRING_TITLE = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.IGNORECASE)
REMOTE_WORDS = re.compile(r"\b(remote|hybrid|on-?site|in[- ]office|onsite)\b", re.IGNORECASE)
EMPLOYMENT_WORDS = re.compile(r"^(full[- ]?time|part[- ]?time|contract(or)?|intern(ship)?|freelance)s?$", re.IGNORECASE)
URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
ITEM_URL = "https://news.ycombinator.com/item?id={}"


class HackerNewsSpider(SourceSpider):
    name = "hn"
    kind = "hn"
    api_root = "https://hn.algolia.com"

    def first_requests(self):
        url = self.api_url("/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=100")
        yield self.request(url, self.parse_search)

    def parse_search(self, response):
        data = self.read_json(response)
        if data is None:
            return
        threads = [h for h in data["hits"] if HIRING_TITLE.match(h.get("title") or "")]
        threads.sort(key=lambda h: h.get("created_at_i") or 0, reverse=True)
        for hit in threads[: self.source.months]:
            yield self.request(self.api_url(f"/api/v1/items/{hit['objectID']}"), self.parse_thread)
        self.state.listing_read = True

    def parse_thread(self, response):
        thread = self.read_json(response)
        if thread is None:
            return
        for comment in thread.get("children") or []:
            if comment.get("text") and comment.get("author"):  # deleted comments have neither
                yield self.parse_comment(comment, thread)

    def parse_comment(self, comment: dict, thread: dict):
        header = parse_first_line(comment["text"])
        extra = {"thread_id": thread.get("id"), "thread_title": thread.get("title"), **header.pop("extra")}
        raw = {k: v for k, v in comment.items() if k != "children"}  # replies are not the posting
        return self.posting(
            comment.get("id"),
            raw,
            url=ITEM_URL.format(comment.get("id")),
            date_posted=comment.get("created_at") or comment.get("created_at_i"),
            description_html=comment["text"],
            extra=extra,
            **header,
        )


def first_line(text: str) -> str:
    """The text before the first paragraph or line break, as plain text."""
    head = re.split(r"<p>|<br\s*/?>|\n", text, maxsplit=1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", head)).strip()


def parse_first_line(text: str) -> dict:
    """company, title, location, remote, employment type and salary from "A | B | C ..."."""
    parts = [p.strip() for p in first_line(text).split("|") if p.strip()]
    fields: dict = {"extra": {}}
    if len(parts) < 2:
        return fields
    fields["company"] = parts[0]
    plain = []
    for part in parts[1:]:
        money = parse_salary(part)
        if money:
            fields.update(money)
            fields["extra"]["salary_text"] = part
        elif URL.match(part):
            fields["extra"]["company_url"] = part
        elif EMPLOYMENT_WORDS.match(part):
            fields["employment_type"] = part
        elif REMOTE_WORDS.search(part) and plain:  # after the role: a remote/onsite hint
            fields.setdefault("remote", part)
            if len(plain) == 1 and REMOTE_WORDS.sub("", part).strip(" ()/,-"):
                plain.append(part)  # "Berlin or Remote" is a location as well
        else:
            plain.append(part)
    if plain:
        fields["title"] = plain[0]
    if len(plain) > 1:
        fields["location"] = plain[1]
    if "remote" not in fields and fields.get("location") and REMOTE_WORDS.search(fields["location"]):
        fields["remote"] = fields["location"]
    return fields
