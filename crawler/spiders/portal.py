"""Navigation of a profiled portal: category listings newest first, then article pages.

Incremental by default: a category stops paging at a listing page whose articles are all in the
archive already; recent articles are fetched again with conditional requests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.extract.article import ExtractionError
from crawler.extract.listing import article_links, parse_listing, sitemap_newest, sitemap_urls
from crawler.extract.urls import article_key
from crawler.failures import REFUSALS, failure_kind
from crawler.frontier import Frontier
from crawler.sites import Category, SiteProfile, get_profile
from crawler.workers import Extractor, WorkerDied

MODES = ("incremental", "backfill", "resume")


def _content_type(response: Response) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1")


class PortalSpider(scrapy.Spider):
    """Walks listings and their pagination and follows article links; extraction is the extract package's job."""

    profile: SiteProfile

    def __init__(self, *args, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or "").rstrip("/")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.base_url = (
            spider.base_url or settings.get("SITE_BASE_URL") or spider.profile.base_url
        ).rstrip("/")
        spider.mode = settings.get("CRAWL_MODE", "incremental")
        spider.since = settings.get("CRAWL_SINCE") or None
        spider.max_pages = settings.getint("CRAWL_MAX_PAGES", 0)
        spider.listing_limit = settings.getint("MAX_LISTING_PAGES", 0)
        spider.listed: dict[str, set[str]] = {}  # category -> article keys its listing showed in this run
        spider.requested: set[str] = set()  # article keys asked for in this run, whichever URL named them
        spider.revisit_days = settings.getfloat("REVISIT_DAYS", 0)
        spider.frontier = Frontier(settings.get("ARCHIVE_DB"))
        spider.extractor = Extractor(settings.getint("EXTRACT_WORKERS"))
        return spider

    def closed(self, reason: str) -> None:
        self.frontier.close()
        self.extractor.close()

    def _sample(self, key: str, url: str) -> None:
        """Keep a few URLs per problem in the stats, so an alarm can name them."""
        samples = self.crawler.stats.get_value(key, [])
        if len(samples) < 5:
            self.crawler.stats.set_value(key, samples + [url])

    async def start(self):
        # A portal whose listings cannot be paged shows its newest articles site-wide on the home page.
        if self.mode != "incremental" or self.profile.unpaged:
            yield scrapy.Request(
                self.base_url + "/",
                callback=self.parse_listing,
                errback=self.listing_failed,
                cb_kwargs={"category": None, "page": 0},
            )
        for category in self.profile.categories:
            yield scrapy.Request(
                self.profile.listing_url(self.base_url, category),
                callback=self.parse_listing,
                errback=self.listing_failed,
                cb_kwargs={"category": category, "page": 1},
            )
        if self.mode != "incremental" and self.profile.sitemap_path:
            yield scrapy.Request(
                self.base_url + self.profile.sitemap_path,
                callback=self.parse_sitemap,
                errback=self.listing_failed,
                priority=-1,  # after the listings: the sitemap only fills what they and the links between articles miss
            )
        for url, etag, last_modified in self.frontier.recent(self.profile.site, self.revisit_days):
            headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
            self.crawler.stats.inc_value("revisit/requested")
            yield scrapy.Request(
                url,
                headers=headers,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"handle_httpstatus_list": [304], "revisit": True},
            )

    def parse_listing(self, response: Response, category: Category | None, page: int):
        stats = self.crawler.stats
        try:
            listing = parse_listing(response.body, response.url, self.profile, _content_type(response))
        except ExtractionError as exc:  # an empty or unparseable page: the drift alarm names it
            self.logger.warning("listing page unreadable, %s: %s", exc, response.url)
            stats.inc_value("drift/empty_listing")
            self._sample("drift/samples/empty_listing", response.url)
            return
        stats.inc_value("listing/pages")
        if not listing.items and category is not None and page == 1:
            stats.inc_value("drift/empty_listing")
            self._sample("drift/samples/empty_listing", response.url)
        keys = {
            item.url: article_key(self.profile.site, item.url, self.profile.article_path)
            for item in listing.items
        }
        known = self.frontier.known(keys.values())
        fresh = [item for item in listing.items if keys[item.url] not in known]
        # A listing that cannot be paged and shows only new articles in an incremental run may have more
        # behind it: say so, and walk back from its articles through the links between articles.
        walk = False
        if (
            self.mode == "incremental"
            and category is not None
            and self.profile.unpaged
            and listing.items
            and len(fresh) == len(listing.items)
        ):
            stats.inc_value("warnings/category_all_new")
            self._sample("warnings/samples/category_all_new", response.url)
            self.logger.warning(
                "every article listed on %s is new: older ones may be missing; walking back through the links "
                "between articles",
                response.url,
            )
            walk = self.profile.walk_articles
        widget = {item.url: article_key(self.profile.site, item.url, self.profile.article_path)
                  for item in listing.widget_items}  # fmt: skip
        known_widget = self.frontier.known(widget.values())
        for url, key in widget.items():
            if key not in self.requested and key not in known_widget:
                stats.inc_value("listing/widget_links")
                yield from self._follow_article(response, url, key)
        older = [
            item for item in fresh if self.since and item.published_at and item.published_at[:10] < self.since
        ]
        for item in fresh:
            if item not in older:
                # Articles before further listing pages: the queue holds one page's articles per category,
                # not the whole portal's (20,000 on a backfill of the replica) ahead of the listings.
                yield from self._follow_article(response, item.url, keys[item.url], walk=walk)
        if category is None or not listing.next_url or not listing.items:
            return
        if self.mode == "incremental" and not fresh:
            stats.inc_value("listing/stopped_at_known")
            return
        if (
            older
            or (self.max_pages and page >= self.max_pages)
            or self._trapped(response.url, category, page, keys)
        ):
            return
        yield response.follow(
            listing.next_url,
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"category": category, "page": page + 1},
        )

    def _follow_article(self, response: Response, url: str, key: str, walk: bool = False):
        """One request per article key in a run, whichever URL (old, new, with www.) names it."""
        if key in self.requested:
            return
        self.requested.add(key)
        yield response.follow(
            url, callback=self.parse_article, errback=self.article_failed, priority=1, meta={"walk": walk}
        )

    def parse_sitemap(self, response: Response):
        """A backfill's list of the portal's articles (it may be frozen: it only fills gaps)."""
        urls = sitemap_urls(response.body, response.url, self.profile)
        self.crawler.stats.set_value("sitemap/urls", len(urls))
        newest = sitemap_newest(response.body)
        if newest:
            age = (datetime.now(UTC).date() - date.fromisoformat(newest)).days
            if age > self.settings.getint("SITEMAP_STALE_DAYS", 30):
                self.crawler.stats.set_value("warnings/sitemap_stale_days", age)
                self.logger.warning(
                    "the sitemap's newest date is %s (%d days ago): it may be frozen", newest, age
                )
        keys = {url: article_key(self.profile.site, url, self.profile.article_path) for url in urls}
        known = self.frontier.known(keys.values())
        for url in urls:
            if keys[url] not in known:
                yield from self._follow_article(response, url, keys[url])

    def _walk(self, response: Response):
        """Links from an article to others (related articles, links in its body, old URLs among them), walked
        back until articles the archive holds."""
        try:
            urls = article_links(response.body, response.url, self.profile, _content_type(response))
        except ExtractionError:
            return
        keys = {url: article_key(self.profile.site, url, self.profile.article_path) for url in urls}
        known = self.frontier.known(keys.values())
        for url in urls:
            if keys[url] not in known and keys[url] not in self.requested:
                self.crawler.stats.inc_value("walk/links")
                yield from self._follow_article(response, url, keys[url], walk=True)

    def _trapped(self, url: str, category: Category, page: int, keys: dict[str, str]) -> bool:
        """True where a category's paging must end though the page offers a next one: the page lists no
        article the walk has not seen (a listing that repeats itself forever), or MAX_LISTING_PAGES is reached."""
        listed = self.listed.setdefault(category.key, set())
        unseen = set(keys.values()) - listed
        listed |= unseen
        if page > 1 and not unseen:
            self.crawler.stats.inc_value("limits/listing_repeats")
            self.logger.warning(
                "listing repeats itself, paging stopped: %s lists no article not seen before", url
            )
            return True
        if self.listing_limit and page >= self.listing_limit:
            self.crawler.stats.inc_value("limits/max_listing_pages")
            self.logger.warning(
                "MAX_LISTING_PAGES (%d) reached, paging stopped at %s", self.listing_limit, url
            )
            return True
        return False

    async def parse_article(self, response: Response):
        if response.status == 304:
            self.crawler.stats.inc_value("revisit/not_modified")
            return
        try:
            item, profile_failure = await self.extractor.extract(
                response.body, response.url, self.profile.name, _content_type(response)
            )
        except ExtractionError as exc:
            self.logger.warning("extraction failed for %s: %s", response.url, exc)
            self.crawler.stats.inc_value("extract/profile_failed")
            self._sample("drift/samples/title", response.url)
            self.crawler.stats.inc_value("extract/failed")
            key = article_key(self.profile.site, response.url, self.profile.article_path)
            dead = {"key": key, "url": response.url, "site": self.profile.site, "reason": str(exc)}
            yield {"_dead_link": dead | {"status": response.status}}
            return
        except WorkerDied as exc:  # lost, not dead: the next run fetches the page again
            self.logger.error("%s", exc)
            self.crawler.stats.inc_value("article/lost")
            self._sample("article/samples/lost", response.url)
            return
        if profile_failure is not None:  # the generic extractor stood in for a profile that no longer fits
            self.crawler.stats.inc_value("extract/profile_failed")
            self._sample("drift/samples/title", response.url)
            self.crawler.stats.inc_value("extract/generic")
        if item["published_at"] is None:
            self.logger.warning("no publication date on %s", response.url)
            self.crawler.stats.inc_value("extract/missing_date")
        item["fetched_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        item["etag"] = response.headers.get("ETag", b"").decode("latin-1") or None
        item["last_modified"] = response.headers.get("Last-Modified", b"").decode("latin-1") or None
        item["_page"] = {
            "url": response.url,
            "status": response.status,
            "headers": {
                k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
            },
            "body": response.body,
            "fetched_at": item["fetched_at"],
        }
        yield item
        if self.profile.walk_articles and (self.mode != "incremental" or response.meta.get("walk")):
            for request in self._walk(response):
                yield request

    def _refused_or_lost(self, failure: Failure, what: str) -> str:
        """Count a request that failed for good by kind; returns the kind. A refusal (robots.txt, an unsafe
        redirect, a page over DOWNLOAD_MAXSIZE) is the crawler's rule at work; anything else is a loss."""
        kind = failure_kind(failure.value)
        url = failure.request.url
        stats = self.crawler.stats
        if kind in REFUSALS:
            stats.inc_value(f"refused/{kind}")
            if kind == "too_large":
                self.logger.warning("refused %s over DOWNLOAD_MAXSIZE: %s", what, url)
            return kind
        stats.inc_value(f"lost/{kind}")
        self.logger.error("%s lost (%s) after retries: %s", what, kind, url)
        return kind

    def listing_failed(self, failure: Failure):
        """A listing page that failed for good: the articles behind it wait for the next run (which resumes)."""
        if self._refused_or_lost(failure, "listing page") not in REFUSALS:
            self.crawler.stats.inc_value("listing/lost")
            self._sample("listing/samples/lost", failure.request.url)

    def article_failed(self, failure: Failure):
        """An article link that failed for good: gone (404/410) or refused for its size is remembered, so
        nightly runs skip it; anything else is lost for this run and fetched again by the next."""
        response = getattr(failure.value, "response", None)
        if isinstance(failure.value, HttpError) and response is not None and response.status in (404, 410):
            key = article_key(self.profile.site, response.url, self.profile.article_path)
            yield {
                "_dead_link": {
                    "key": key,
                    "url": response.url,
                    "site": self.profile.site,
                    "reason": "gone",
                    "status": response.status,
                }
            }
            return
        kind = self._refused_or_lost(failure, "article")
        if kind == "too_large":
            url = failure.request.url
            key = article_key(self.profile.site, url, self.profile.article_path)
            yield {
                "_dead_link": {
                    "key": key,
                    "url": url,
                    "site": self.profile.site,
                    "reason": kind,
                    "status": None,
                }
            }
        elif kind not in REFUSALS:
            self.crawler.stats.inc_value("article/lost")
            self._sample("article/samples/lost", failure.request.url)


class CongAnTinhSpider(PortalSpider):
    """congan.quangninh.gov.vn, Quảng Ninh provincial police (a Liferay portal), and the replica of it."""

    name = "congan_tinh"
    profile = get_profile("congan_tinh")


class Bocongan2024Spider(PortalSpider):
    """bocongan.gov.vn in its layout until August 2025: stored pages of it, and the replica of it."""

    name = "bocongan_2024"
    profile = get_profile("bocongan_2024")


class BoconganSpider(PortalSpider):
    """bocongan.gov.vn, the Ministry of Public Security portal (and the replica of it)."""

    name = "bocongan"
    profile = get_profile("bocongan")
