"""The ceiling: a Scrapy spider that fetches the same listing and article pages and does nothing with them."""

from __future__ import annotations

import scrapy

from crawler.sites import get_profile


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, base_url: str, site: str = "bocongan_2024", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.profile = get_profile(site)

    async def start(self):
        for category in self.profile.categories:
            yield scrapy.Request(
                self.profile.listing_url(self.base_url, category), callback=self.parse_listing
            )

    def parse_listing(self, response):
        for href in response.css(
            f"{self.profile.listing_item} {self.profile.listing_item_link}::attr(href)"
        ).getall():
            yield response.follow(href, callback=self.parse_article)
        next_page = response.css(f"{self.profile.listing_next}::attr(href)").get()
        if next_page:
            yield response.follow(next_page, callback=self.parse_listing)

    def parse_article(self, response):
        return None
