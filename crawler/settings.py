"""Scrapy settings. Defaults are polite, for real government portals; the replica on loopback is crawled fast."""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

BOT_NAME = "vn-news-archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are and how to reach us: set ARCHIVE_CONTACT to your own URL or e-mail before crawling a real site.
CONTACT = os.environ.get("ARCHIVE_CONTACT", "")
USER_AGENT = (
    f"vn-news-archive/0.1 (open archive of Vietnamese ministry news; +{CONTACT or 'contact not set'})"
)
ROBOTSTXT_OBEY = True

# Politeness on real sites: one request at a time per portal, adapting to its response times.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Limits, each refusal logged with its URL (README, "Limits"). A page may take DOWNLOAD_TIMEOUT seconds in all
# (a server that trickles bytes is cut there) and hold DOWNLOAD_MAXSIZE bytes, decompressed size included
# (Scrapy's HttpCompressionMiddleware checks it while inflating, so a gzip bomb is refused, not inflated).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# A category's paging ends here even if the portal offers more pages (a listing that pages forever); it also
# ends at a page listing nothing the walk has not seen. DEPTH_LIMIT is the same bound for any chain of links.
MAX_LISTING_PAGES = 10_000
DEPTH_LIMIT = MAX_LISTING_PAGES + 2
# Redirect chains longer than this are a loop, counted as a failure of kind redirect_loop.
REDIRECT_MAX_TIMES = 5
# Article bodies longer than this many characters are cut at a paragraph and the cut logged (the raw page
# is kept in the page store); the longest real articles are a few tens of thousands.
MAX_BODY_CHARS = 200_000
RETRY_ENABLED = True
RETRY_TIMES = 2
# An HTML page that opens <html> and closes neither </body> nor </html> was cut short on the way: retried, never
# stored. Off only for a portal whose pages are never closed (its articles would all be lost).
REQUIRE_COMPLETE_HTML = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformatter.ItemUrlLogFormatter"

# Retries wait with exponential backoff; no request nor redirect leaves the portal's domains or reaches
# loopback, private or link-local addresses (the replica on loopback is allowed explicitly).
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SafeTargetMiddleware": 50,  # before robots.txt (100): an offsite host is not asked
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.SafeMetaRefreshMiddleware": 580,
    "crawler.middlewares.SafeRedirectMiddleware": 600,
}
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
SAFE_REDIRECT_ALLOWED_DOMAINS: list[str] = []  # set per run from the site profile's hosts
SAFE_REDIRECT_ALLOW_LOOPBACK = False
# A firewall's challenge page (crawler.waf) is retried like a failed download. Past WAF_SLOW_DOWN_SHARE of the
# answers (counted from WAF_MIN_RESPONSES on), the download delay doubles; past WAF_STOP_SHARE of twice that many,
# the run stops with exit 1 and an alarm that names the WAF.
WAF_MIN_RESPONSES = 20
WAF_SLOW_DOWN_SHARE = 0.3
WAF_STOP_SHARE = 0.5
# A sitemap whose newest <lastmod> is older than this many days is reported as frozen (a warning).
SITEMAP_STALE_DAYS = 30

# Our pipelines are synchronous, so items from one response gain nothing from running side by side, and
# Scrapy starts this many asyncio tasks for every callback's output (100 by default: 100 tasks per article).
CONCURRENT_ITEMS = 2
# Scrapy re-reads the callback's source for this check each time a bound method is collected (~0.5 ms a page);
# tests/test_settings.py checks our callbacks with Scrapy's own function instead.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Worker processes that extract articles beside the crawl (0: in the crawl process itself). A polite crawl
# (a request a second) leaves the CPU idle, so none by default; a crawl of the replica uses spare cores.
EXTRACT_WORKERS = 0

ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.ArchivePipeline": 300,
}

# The archive: where items are stored, and how many are written per transaction: ARCHIVE_BATCH_SIZE articles,
# or what has come in ARCHIVE_BATCH_SECONDS, whichever is first. Each transaction costs the full-text index a
# segment of its own (27 ms a commit), so a fast crawl writes large batches (1,111 articles/s in batches of 100,
# 1,506 in batches of 500); a polite one still shows its articles, and loses at most this much to a kill,
# within seconds.
ARCHIVE_DB = "archive.db"
ARCHIVE_BATCH_SIZE = 500
ARCHIVE_BATCH_SECONDS = 10.0
# The portal's base URL; empty means the site profile's own (the real portal).
SITE_BASE_URL = ""


def is_loopback(url: str) -> bool:
    """True for a base URL on this machine (the replica), which may be crawled without delays."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def spare_cores() -> int:
    """Cores beyond the crawl's own, for extraction workers (at most 4: each holds ~100 MB)."""
    return min(4, max(0, (os.cpu_count() or 1) - 1))


def fast_settings() -> dict:
    """Politeness off: only for a portal served on loopback."""
    return {
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "RETRY_BACKOFF_BASE": 0.05,
        "SAFE_REDIRECT_ALLOW_LOOPBACK": True,
        "EXTRACT_WORKERS": spare_cores(),
    }


# Articles younger than this many days are fetched again with conditional requests (ETag, Last-Modified).
REVISIT_DAYS = 7.0
# The crawl mode and its bounds, set per run by crawler.run (incremental, backfill, resume).
CRAWL_MODE = "incremental"
CRAWL_SINCE = ""
CRAWL_MAX_PAGES = 0
