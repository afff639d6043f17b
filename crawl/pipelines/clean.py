"""clean: plain-text description from the HTML, entities unescaped, whitespace collapsed.

The description keeps paragraph and list-item line breaks (jobtrends.text.html_to_text), so
the tagging stage can still split sections and sentences. Short text fields lose any stray
tags and entities.
"""

from __future__ import annotations

import html
import re

from crawl.pipelines.base import SourcePipeline
from jobtrends.text import html_to_text, normalise_text

INLINE_FIELDS = ("title", "company", "location", "country", "department", "source_industry")
TAG = re.compile(r"<[^>]+>")


class CleanPipeline(SourcePipeline):
    def process_item(self, item):
        for key in INLINE_FIELDS:
            if isinstance(item.get(key), str):
                item[key] = clean_inline(item[key]) or None
        text = html_to_text(item["description_html"]) if item.get("description_html") else ""
        if text:
            item["description"] = text
        elif isinstance(item.get("description"), str):
            item["description"] = normalise_text(html.unescape(item["description"]))
        return item


def clean_inline(text: str) -> str:
    """One line of text: tags dropped, entities unescaped once, whitespace collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", text)).split())
