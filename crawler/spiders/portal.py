"""Navigation of a profiled portal: home page and category listings, newest first, then article pages."""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy.http import Response

from crawler.extract.article import ExtractionError, extract_article
from crawler.extract.listing import parse_listing
from crawler.sites import Category, SiteProfile, get_profile


class PortalSpider(scrapy.Spider):
    """Walks listings and their pagination, follows article links; extraction is the extract package's job."""

    profile: SiteProfile

    def __init__(self, *args, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or "").rstrip("/")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = (
            spider.base_url or crawler.settings.get("SITE_BASE_URL") or spider.profile.base_url
        ).rstrip("/")
        return spider

    async def start(self):
        yield scrapy.Request(self.base_url + "/", callback=self.parse_listing, cb_kwargs={"category": None})
        for category in self.profile.categories:
            yield scrapy.Request(
                self.profile.listing_url(self.base_url, category),
                callback=self.parse_listing,
                cb_kwargs={"category": category},
            )

    def parse_listing(self, response: Response, category: Category | None):
        listing = parse_listing(
            response.body,
            response.url,
            self.profile,
            response.headers.get("Content-Type", b"").decode("latin-1"),
        )
        self.crawler.stats.inc_value("listing/pages")
        if not listing.items and category is not None:
            self.crawler.stats.inc_value("listing/empty")
        for item in listing.items:
            yield response.follow(item.url, callback=self.parse_article)
        if listing.next_url and category is not None and listing.items:
            yield response.follow(
                listing.next_url, callback=self.parse_listing, cb_kwargs={"category": category}
            )

    def parse_article(self, response: Response):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            record = extract_article(response.body, response.url, self.profile, content_type=content_type)
        except ExtractionError as exc:
            self.logger.warning("extraction failed for %s: %s", response.url, exc)
            self.crawler.stats.inc_value("extract/failed")
            return
        if record.published_at is None:
            self.logger.warning("no publication date on %s", response.url)
            self.crawler.stats.inc_value("extract/missing_date")
        item = record.to_dict()
        item["fetched_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        yield item


class BoconganSpider(PortalSpider):
    """bocongan.gov.vn, the Ministry of Public Security portal (and the replica of it)."""

    name = "bocongan"
    profile = get_profile("bocongan")
