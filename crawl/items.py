"""The one item every spider yields: a job posting, with the fields of a posting record.

The fields are those of jobtrends.postings.RECORD_SCHEMA (content_hash and dedup_key
excepted: the merge computes them). Spiders fill what the source gives, as given; the pipelines derive the rest
(see docs/sources.md): clean -> normalise -> relevance -> validate -> store.
"""

from __future__ import annotations

import scrapy


class PostingItem(scrapy.Item):
    # Identity -------------------------------------------------------------------------
    posting_id = scrapy.Field()        # make_posting_id(kind, board_key, source_id): stable across runs
    source = scrapy.Field()            # the source's name (SourceConfig.source_name)
    source_kind = scrapy.Field()       # greenhouse | lever | ashby | smartrecruiters | jsonld | hn
    source_id = scrapy.Field()         # the posting's id on its board (required)
    url = scrapy.Field()               # where a person reads the posting
    # What the job is ------------------------------------------------------------------
    title = scrapy.Field()             # job title (required); entities unescaped, whitespace collapsed
    company = scrapy.Field()           # employer as the source names it, else the configured company
    location = scrapy.Field()          # free text, as given
    country = scrapy.Field()           # as given; two-letter codes upper-cased by normalise
    remote = scrapy.Field()            # spider: any hint (bool, "Remote", "TELECOMMUTE"...);
                                       # normalise: remote | hybrid | onsite | None
    employment_type = scrapy.Field()   # spider: as given; normalise: full_time | part_time | contract |
                                       # temporary | internship | volunteer | other text, snake_case
    department = scrapy.Field()        # team or department, as given
    date_posted = scrapy.Field()       # spider: ISO text, epoch (s or ms); normalise: naive UTC datetime
    valid_through = scrapy.Field()     # same as date_posted: when the posting expires
    # Text -----------------------------------------------------------------------------
    description = scrapy.Field()       # plain text, paragraph and list line breaks kept (clean derives
                                       # it from description_html when there is HTML; required)
    description_html = scrapy.Field()  # HTML as the source gave it, unescaped once if it came escaped
    # Pay (from structured fields only) ------------------------------------------------
    salary_min = scrapy.Field()        # float after normalise
    salary_max = scrapy.Field()        # float after normalise
    salary_currency = scrapy.Field()   # ISO 4217 code, upper case ("$" -> USD)
    salary_period = scrapy.Field()     # year | month | week | day | hour
    # Industry -------------------------------------------------------------------------
    source_industry = scrapy.Field()   # industry label the source gives (SmartRecruiters, schema.org)
    config_industry = scrapy.Field()   # SourceConfig.industry
    # Provenance -----------------------------------------------------------------------
    raw = scrapy.Field()               # the posting's JSON object as received (dict), to re-derive later
    extra = scrapy.Field()             # dict of useful bits with no column (HN salary text, Lever team...)
