"""One spider per source kind; SPIDERS maps SourceConfig.kind to its class."""

from crawl.spiders.ashby import AshbySpider
from crawl.spiders.greenhouse import GreenhouseSpider
from crawl.spiders.hn import HackerNewsSpider
from crawl.spiders.jsonld import JsonLdSpider
from crawl.spiders.lever import LeverSpider
from crawl.spiders.smartrecruiters import SmartRecruitersSpider

SPIDERS = {
    cls.kind: cls
    for cls in (GreenhouseSpider, LeverSpider, AshbySpider, SmartRecruitersSpider, JsonLdSpider, HackerNewsSpider)
}

__all__ = ["SPIDERS"]
