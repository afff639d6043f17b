"""The plain keyword-list baseline the tagger is measured against: a theme is tagged when
any of its cue terms occurs as a substring anywhere in the posting's text (no sections, no
context, no weights)."""

from __future__ import annotations

from jobtrends.text import posting_text

from .tagger import PostingInput
from .themes import ThemeTaxonomy


def keyword_themes(postings: list[PostingInput], taxonomy: ThemeTaxonomy) -> dict[str, set[str]]:
    strong = {theme.id: [term for term, weight in theme.weights.items() if weight >= 1.0] for theme in taxonomy.themes}
    result = {}
    for posting in postings:
        text = posting_text(posting.description, posting.description_html).lower()
        result[posting.posting_id] = {tid for tid, terms in strong.items() if any(term in text for term in terms)}
    return result
