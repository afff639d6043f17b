"""Assemble the monthly HN threads (search response and item trees) around the planned postings."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from . import clock
from .compose import board_rng, load_locations
from .hn import HN_MONTHS, POSTERS, STORY_TEXT, THREADS, first_weekday, hn_text, make_companies, plan_hn_postings
from .model import Posting
from .phrases import Banks

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
SEARCH_PARAMS = "tags=story%2Cauthor_whoishiring&hitsPerPage=50"


def _stamp(moment: datetime) -> dict:
    return {"created_at": clock.utc_iso(moment, 0), "created_at_i": int(moment.timestamp())}


def comment(item_id: int, moment: datetime, author: str | None, text: str | None, parent: int, story: int,
            children: list[dict] | None = None) -> dict:
    return {"id": item_id, **_stamp(moment), "type": "comment", "author": author, "text": text, "points": None,
            "parent_id": parent, "story_id": story, "options": [], "children": children or []}


def story(item_id: int, moment: datetime, title: str, text: str, points: int, children: list[dict]) -> dict:
    return {"id": item_id, **_stamp(moment), "type": "story", "author": "whoishiring", "title": title, "url": None,
            "text": text, "points": points, "parent_id": None, "story_id": item_id, "options": [], "children": children}


def author_of(posting: Posting) -> str:
    slug = posting.employer.slug
    return f"{slug[:9]}{len(slug)}"


def posting_comment(rng: random.Random, banks: Banks, posting: Posting, story_id: int) -> dict:
    """A posting with, now and then, replies that are not postings (questions, the poster's answer)."""
    post_id = int(posting.source_id)
    replies = []
    if rng.random() < 0.3:
        asked = posting.published + timedelta(minutes=rng.randint(30, 3000))
        question = comment(post_id + rng.randint(1, 15), asked, rng.choice(POSTERS),
                           hn_text(rng.choice(banks.employers["hn"]["replies"])), post_id, story_id)
        if rng.random() < 0.5:
            answer = comment(question["id"] + rng.randint(1, 15), asked + timedelta(minutes=rng.randint(10, 600)),
                             author_of(posting), hn_text("Yes, still open! Feel free to email me."),
                             question["id"], story_id)
            question["children"].append(answer)
        replies.append(question)
    return comment(post_id, posting.published, author_of(posting), posting.extra["html"], story_id, story_id, replies)


def hiring_children(rng: random.Random, banks: Banks, postings: list[Posting], story_id: int) -> list[dict]:
    """The postings, and now and then a deleted comment (author and text null) as HN has them."""
    children = [posting_comment(rng, banks, p, story_id) for p in postings]
    last_id, last_time = int(postings[-1].source_id), postings[-1].published
    if rng.random() < 0.3:
        last_id += rng.randint(40, 400)
        children.append(comment(last_id, last_time + timedelta(minutes=45), None, None, story_id, story_id))
    return children


def seeking_children(rng: random.Random, banks: Banks, kind: str, story_id: int, first_id: int,
                     start: datetime) -> list[dict]:
    """Comments of the "Who wants to be hired?" / "Freelancer?" threads: never postings."""
    bank = banks.employers["hn"]["wants_hired" if kind == "wants" else "freelance"]
    texts = rng.sample(bank, rng.randint(2, 4))
    children, next_id = [], first_id
    for n, text in enumerate(texts):
        next_id += rng.randint(40, 400)
        children.append(comment(next_id, start + timedelta(minutes=10 + 37 * n), rng.choice(POSTERS), hn_text(text),
                                story_id, story_id))
    return children


def count_comments(children: list[dict]) -> int:
    return sum(1 + count_comments(c["children"]) for c in children)


def search_hit(item: dict) -> dict:
    title = item["title"]
    highlight = {"author": {"matchLevel": "none", "matchedWords": [], "value": "whoishiring"},
                 "title": {"matchLevel": "none", "matchedWords": [], "value": title}}
    return {"_highlightResult": highlight, "_tags": ["story", "author_whoishiring", f"story_{item['id']}"],
            "author": "whoishiring", "children": [c["id"] for c in item["children"]],
            "created_at": clock.utc_iso(datetime.fromtimestamp(item["created_at_i"], timezone.utc)),
            "created_at_i": item["created_at_i"], "num_comments": count_comments(item["children"]),
            "objectID": str(item["id"]), "points": item["points"], "story_id": item["id"],
            "story_text": item["text"], "title": title, "updated_at": "2026-10-31T23:00:00Z", "url": None}


def thread_start(rng: random.Random, year: int, month: int) -> datetime:
    """11:00 New York time on the month's first weekday, when the threads go up."""
    day = first_weekday(year, month)
    noon = datetime(day.year, day.month, day.day, 16, tzinfo=timezone.utc)
    local = datetime(day.year, day.month, day.day, 11, 0, rng.randint(0, 59), tzinfo=timezone.utc)
    return local - clock.utc_offset(noon, "us_eastern")


def build_hn(seed: int, banks: Banks) -> tuple[dict[str, object], list[Posting]]:
    """(files under hn/ -> JSON value, hiring postings) for the last HN_MONTHS months of the sample."""
    rng = board_rng(seed, "hn")
    companies = make_companies(rng, banks, load_locations(banks), 110)
    files: dict[str, object] = {}
    hits, postings = [], []
    all_months = clock.months()
    for index in range(len(all_months) - HN_MONTHS, len(all_months)):
        year, month = all_months[index]
        start = thread_start(rng, year, month)
        base_id = 42_050_000 + index * 430_000 + rng.randint(0, 20_000)
        month_name = f"{MONTH_NAMES[month - 1]} {year}"
        for offset, (kind, title) in enumerate(THREADS):
            story_id = base_id + offset
            if kind == "hiring":
                planned = plan_hn_postings(rng, banks, companies, year, month, story_id + 10, start)
                postings += planned
                children = hiring_children(rng, banks, planned, story_id)
            else:
                children = seeking_children(rng, banks, kind, story_id, base_id + 20_000 * offset, start)
            item = story(story_id, start, title.format(month=month_name), STORY_TEXT[kind],
                         rng.randint(150, 900), children)
            files[f"items/{story_id}.json"] = item
            hits.append(search_hit(item))
    hits.sort(key=lambda h: (h["created_at_i"], int(h["objectID"])), reverse=True)
    files["search_by_date.json"] = {
        "exhaustive": {"nbHits": True, "typo": True}, "exhaustiveNbHits": True, "exhaustiveTypo": True,
        "hits": hits, "hitsPerPage": 50, "nbHits": len(hits), "nbPages": 1, "page": 0, "params": SEARCH_PARAMS,
        "processingTimeMS": 1, "query": "",
    }
    return files, postings
