"""The safe-redirect and backoff-retry downloader middlewares.

Unit tests check the pure policy (is_safe_target, backoff_delay, parse_retry_after) and the
middlewares called directly; integration tests run real crawls in a subprocess (Twisted's reactor
cannot restart in one process) against a real HTTP server on 127.0.0.1. In those crawls a guard
middleware, last before the network, drops any request to a host other than 127.0.0.1 and records
it, so even a broken middleware under test cannot reach 127.0.0.2 or 169.254.169.254.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import scrapy
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import (
    BackoffRetryMiddleware,
    SafeMetaRefreshMiddleware,
    SafeRedirectMiddleware,
    backoff_delay,
    is_safe_target,
    parse_retry_after,
)

ROOT = Path(__file__).resolve().parents[1]

MIDDLEWARES = {
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.SafeMetaRefreshMiddleware": 580,
    "crawler.middlewares.SafeRedirectMiddleware": 600,
}


# --------------------------------------------------------------------------------------------------
# is_safe_target, without Scrapy

ALLOWED = ["bocongan.gov.vn"]
REPLICA = "127.0.0.1:8070"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.2:8070/x", (False, "loopback")),
        ("http://127.0.0.1:8070/x", (True, "allowed-loopback")),  # the replica itself, when allowed
        ("http://127.0.0.1:6379/", (False, "loopback")),  # same address, another port
        ("http://169.254.169.254/latest/meta-data", (False, "link-local")),
        ("http://10.0.0.5/", (False, "private")),
        ("http://172.16.3.4/", (False, "private")),
        ("http://192.168.1.1/admin", (False, "private")),
        ("http://[::1]/", (False, "loopback")),
        ("http://[::1]:8070/", (False, "loopback")),
        ("http://[fe80::1]/", (False, "link-local")),
        ("http://[fc00::1]/", (False, "private")),
        ("http://0.0.0.0:8070/", (False, "unspecified")),
        ("http://[::]/", (False, "unspecified")),
        ("http://224.0.0.1/", (False, "multicast")),
        ("http://[ff02::1]/", (False, "multicast")),
        ("http://localhost/", (False, "local-name")),
        ("http://LOCALHOST.:8070/", (False, "local-name")),
        ("http://api.localhost/", (False, "local-name")),
        ("http://foo.local/", (False, "local-name")),
        ("http://metadata.google.internal/", (False, "local-name")),
        ("https://bocongan.gov.vn/tin-tuc", (True, "allowed-domain")),
        ("https://www.bocongan.gov.vn/tin-tuc", (True, "allowed-domain")),
        ("https://BOCONGAN.gov.vn./tin-tuc", (True, "allowed-domain")),
        ("https://example.com/", (False, "offsite")),
        ("https://evilbocongan.gov.vn/", (False, "offsite")),
        ("https://bocongan.gov.vn.evil.com/", (False, "offsite")),
        ("http://8.8.8.8/", (False, "offsite")),  # public, but not an allowed domain
        # other spellings of forbidden addresses
        ("http://2130706433/", (False, "loopback")),
        ("http://0x7f.1/", (False, "loopback")),
        ("http://0177.0.0.1/", (False, "loopback")),
        ("http://[::ffff:169.254.169.254]/", (False, "link-local")),
        ("http://[::ffff:127.0.0.1]:8070/", (False, "loopback")),
        ("http://[2002:a00:5::]/", (False, "private")),  # 6to4 of 10.0.0.5
        # not a plain http(s) URL with a host
        ("ftp://bocongan.gov.vn/", (False, "scheme")),
        ("file:///etc/passwd", (False, "scheme")),
        ("http:///path", (False, "no-host")),
        ("http://bocongan.gov.vn@127.0.0.1/", (False, "userinfo")),
        ("http://127.0.0.1%2F@bocongan.gov.vn/", (False, "userinfo")),
        ("http://bocongan.gov.vn%00.x/", (False, "invalid-host")),
        ("http://999.1.1.1/", (False, "invalid-host")),
        ("http://bocongan.gov.vn:99999/", (False, "invalid-host")),
    ],
)
def test_is_safe_target(url, expected):
    assert is_safe_target(url, ALLOWED, [REPLICA]) == expected


def test_loopback_refused_unless_listed():
    assert is_safe_target("http://127.0.0.1:8070/x", ALLOWED) == (False, "loopback")
    assert is_safe_target("http://127.0.0.1:8070/x", ["127.0.0.1"]) == (False, "loopback")
    assert is_safe_target("http://localhost:8070/x", ALLOWED) == (False, "local-name")


@pytest.mark.parametrize(
    ("entry", "url", "ok"),
    [
        ("127.0.0.1", "http://127.0.0.1:1234/", True),  # no port: any port of that address
        ("127.0.0.1", "http://127.0.0.2:1234/", False),
        ("127.0.0.1:8070", "http://127.0.0.1:8071/", False),
        ("http://127.0.0.1:8070/", "http://127.0.0.1:8070/a", True),
        ("http://127.0.0.1/", "http://127.0.0.1:80/a", True),  # the scheme's default port
        ("http://127.0.0.1/", "http://127.0.0.1:8070/a", False),
        ("[::1]:8070", "http://[::1]:8070/", True),
        ("::1", "http://[::1]:99/", True),
        ("localhost:8070", "http://localhost:8070/", True),
        ("localhost:8070", "http://a.localhost:8070/", False),
        ("127.0.0.1:8070", "http://10.0.0.1:8070/", False),  # never widens beyond loopback
        ("10.0.0.1:8070", "http://10.0.0.1:8070/", False),
    ],
)
def test_allowed_loopback_hosts_are_exact(entry, url, ok):
    assert is_safe_target(url, [], [entry])[0] is ok


def test_ip_literal_allowed_domain_is_exact():
    assert is_safe_target("http://93.184.216.34/a", ["93.184.216.34"]) == (True, "allowed-domain")
    assert is_safe_target("http://93.184.216.35/a", ["93.184.216.34"]) == (False, "offsite")
    # an allowed domain never lets a forbidden address through
    assert is_safe_target("http://10.0.0.5/", ["10.0.0.5"]) == (False, "private")


# --------------------------------------------------------------------------------------------------
# Backoff arithmetic


class FixedRandom:
    def __init__(self, factor: float):
        self.factor = factor

    def uniform(self, low: float, high: float) -> float:
        assert (low, high) == pytest.approx((0.8, 1.2))
        return self.factor


@pytest.mark.parametrize(
    ("retry", "factor", "expected"),
    [
        (1, 1.0, 1.0),
        (2, 1.0, 2.0),
        (3, 1.0, 4.0),
        (3, 0.8, 3.2),
        (3, 1.2, 4.8),
        (5, 1.2, 19.2),
        (6, 1.0, 30.0),  # 32 capped
        (60, 1.2, 30.0),
    ],
)
def test_backoff_delay(retry, factor, expected):
    assert backoff_delay(retry, 1.0, 30.0, 0.2, FixedRandom(factor)) == pytest.approx(expected)


def test_backoff_jitter_stays_within_twenty_percent():
    delays = [backoff_delay(2, 0.5, 30.0) for _ in range(500)]
    assert min(delays) >= 0.8 and max(delays) <= 1.2
    assert max(delays) - min(delays) > 0.1  # really random


def test_backoff_base_zero_disables():
    assert backoff_delay(3, 0.0, 30.0) == 0.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [(b"120", 120.0), ("0", 0.0), (b" 7 ", 7.0), (None, None), (b"", None), (b"soon", None), (b"-5", None)],
)
def test_parse_retry_after_seconds(value, expected):
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date():
    now = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(90.0)
    past = format_datetime(now - timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(past, now=now) == 0.0


# --------------------------------------------------------------------------------------------------
# The middlewares called directly (no reactor needed)


class PortalLikeSpider(scrapy.Spider):
    name = "portal_like"
    allowed_domains = ["bocongan.gov.vn"]
    base_url = "https://bocongan.gov.vn"


class ReplicaLikeSpider(scrapy.Spider):
    name = "replica_like"
    start_urls = ["http://127.0.0.1:8070/"]


def make_crawler(spidercls: type[scrapy.Spider], settings: dict | None = None):
    crawler = get_crawler(spidercls, {"DOWNLOADER_MIDDLEWARES": MIDDLEWARES, **(settings or {})})
    crawler.spider = crawler._create_spider()
    return crawler


def redirect_response(url: str, location: str, status: int = 302) -> Response:
    return Response(url, status=status, headers={"Location": location}, request=Request(url))


def test_no_deprecation_warnings_when_scrapy_loads_them():
    crawler = make_crawler(ReplicaLikeSpider)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        manager = DownloaderMiddlewareManager.from_crawler(crawler)
    assert [str(w.message) for w in caught] == []
    names = [type(mw).__name__ for mw in manager.middlewares]
    for name in ("BackoffRetryMiddleware", "SafeMetaRefreshMiddleware", "SafeRedirectMiddleware"):
        assert name in names
    for name in ("RetryMiddleware", "MetaRefreshMiddleware", "RedirectMiddleware"):
        assert name not in names


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://127.0.0.1:8070/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("https://example.com/", "offsite"),
        ("http://intranet.local/", "local-name"),
    ],
)
def test_redirect_middleware_refuses(location, reason, caplog):
    crawler = make_crawler(PortalLikeSpider)
    mw = SafeRedirectMiddleware.from_crawler(crawler)
    request = Request("https://bocongan.gov.vn/a.html")
    response = redirect_response(request.url, location)
    with caplog.at_level("WARNING", logger="crawler.middlewares"), pytest.raises(IgnoreRequest):
        mw.process_response(request, response)
    assert crawler.stats.get_value("redirect/refused") == 1
    assert crawler.stats.get_value(f"redirect/refused/{reason}") == 1
    [record] = [r for r in caplog.records if r.levelname == "WARNING"]
    assert request.url in record.getMessage() and location.rstrip("/") in record.getMessage()


@pytest.mark.parametrize(
    "location", ["https://www.bocongan.gov.vn/b.html", "/b.html", "https://bocongan.gov.vn/c.html"]
)
def test_redirect_middleware_follows_allowed(location):
    crawler = make_crawler(PortalLikeSpider)
    mw = SafeRedirectMiddleware.from_crawler(crawler)
    request = Request("https://bocongan.gov.vn/a.html")
    result = mw.process_response(request, redirect_response(request.url, location))
    assert isinstance(result, Request) and result.url.endswith(location.rsplit("/", 1)[-1])
    assert result.meta["redirect_urls"] == [request.url]
    assert crawler.stats.get_value("redirect/refused") is None


def test_redirect_middleware_passes_non_redirects():
    crawler = make_crawler(PortalLikeSpider)
    mw = SafeRedirectMiddleware.from_crawler(crawler)
    request = Request("https://bocongan.gov.vn/a.html")
    response = Response(request.url, status=200, request=request)
    assert mw.process_response(request, response) is response


def test_allowed_domains_setting_used_when_spider_has_none():
    class NoDomainsSpider(scrapy.Spider):
        name = "no_domains"
        start_urls = ["https://bocongan.gov.vn/"]

    request = Request("https://bocongan.gov.vn/a.html")
    response = redirect_response(request.url, "https://cdn.mps.gov.vn/a.html")
    mw = SafeRedirectMiddleware.from_crawler(make_crawler(NoDomainsSpider))
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, response)
    crawler = make_crawler(NoDomainsSpider, {"SAFE_REDIRECT_ALLOWED_DOMAINS": ["mps.gov.vn"]})
    mw = SafeRedirectMiddleware.from_crawler(crawler)
    assert isinstance(mw.process_response(request, response), Request)
    # the base host is always allowed, also with the setting
    same = redirect_response(request.url, "https://bocongan.gov.vn/b.html")
    assert isinstance(mw.process_response(request, same), Request)


def test_allow_loopback_only_for_the_base_host():
    request = Request("http://127.0.0.1:8070/a.html")
    same = redirect_response(request.url, "http://127.0.0.1:8070/b.html")
    other = redirect_response(request.url, "http://127.0.0.2:8070/b.html")
    off = make_crawler(ReplicaLikeSpider)
    with pytest.raises(IgnoreRequest):
        SafeRedirectMiddleware.from_crawler(off).process_response(request, same)
    assert off.stats.get_value("redirect/refused/loopback") == 1
    on = make_crawler(ReplicaLikeSpider, {"SAFE_REDIRECT_ALLOW_LOOPBACK": True})
    mw = SafeRedirectMiddleware.from_crawler(on)
    assert isinstance(mw.process_response(request, same), Request)
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, other)


def test_site_base_url_setting_is_a_base_host():
    class Bare(scrapy.Spider):
        name = "bare"

    crawler = make_crawler(
        Bare, {"SITE_BASE_URL": "http://127.0.0.1:8070", "SAFE_REDIRECT_ALLOW_LOOPBACK": True}
    )
    request = Request("http://127.0.0.1:8070/a.html")
    result = SafeRedirectMiddleware.from_crawler(crawler).process_response(
        request, redirect_response(request.url, "/b.html")
    )
    assert isinstance(result, Request) and result.url == "http://127.0.0.1:8070/b.html"


def test_meta_refresh_refused():
    crawler = make_crawler(PortalLikeSpider)
    mw = SafeMetaRefreshMiddleware.from_crawler(crawler)
    request = Request("https://bocongan.gov.vn/a.html")
    body = b'<html><head><meta http-equiv="refresh" content="0;url=http://169.254.169.254/x"></head></html>'
    response = HtmlResponse(request.url, body=body, request=request)
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, response)
    assert crawler.stats.get_value("redirect/refused/link-local") == 1
    ok_body = b'<html><head><meta http-equiv="refresh" content="0;url=/b.html"></head></html>'
    result = mw.process_response(request, HtmlResponse(request.url, body=ok_body, request=request))
    assert isinstance(result, Request) and result.url == "https://bocongan.gov.vn/b.html"


def make_retry_mw(settings: dict | None = None) -> tuple[BackoffRetryMiddleware, list[float]]:
    mw = BackoffRetryMiddleware.from_crawler(make_crawler(PortalLikeSpider, settings))
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    mw._sleep = fake_sleep
    return mw, slept


def test_retry_waits_exponentially_then_gives_up():
    mw, slept = make_retry_mw({"RETRY_BACKOFF_BASE": 2.0, "RETRY_TIMES": 3})
    request = Request("https://bocongan.gov.vn/a.html")
    for _ in range(3):
        response = Response(request.url, status=503, request=request)
        result = asyncio.run(mw.process_response(request, response))
        assert isinstance(result, Request)
        request = result
    assert len(slept) == 3
    for seconds, nominal in zip(slept, (2.0, 4.0, 8.0), strict=True):
        assert nominal * 0.8 <= seconds <= nominal * 1.2
    last = Response(request.url, status=503, request=request)
    assert asyncio.run(mw.process_response(request, last)) is last
    assert len(slept) == 3
    stats = mw.crawler.stats
    assert stats.get_value("retry/count") == 3
    assert stats.get_value("retry/max_reached") == 1
    assert stats.get_value("retry/backoff_seconds") == pytest.approx(sum(slept), abs=0.01)


def test_retry_backoff_capped():
    mw, slept = make_retry_mw({"RETRY_BACKOFF_BASE": 10.0, "RETRY_BACKOFF_MAX": 3.0})
    request = Request("https://bocongan.gov.vn/a.html")
    asyncio.run(mw.process_response(request, Response(request.url, status=500, request=request)))
    assert slept == [3.0]


@pytest.mark.parametrize(
    ("status", "retry_after", "expected"),
    [(503, b"5", 5.0), (429, b"2", 2.0), (503, b"600", 30.0), (500, b"5", None), (503, b"junk", None)],
)
def test_retry_after_honoured_on_503_and_429(status, retry_after, expected):
    mw, slept = make_retry_mw({"RETRY_BACKOFF_BASE": 1.0})
    request = Request("https://bocongan.gov.vn/a.html")
    response = Response(request.url, status=status, headers={"Retry-After": retry_after}, request=request)
    assert isinstance(asyncio.run(mw.process_response(request, response)), Request)
    if expected is None:  # the exponential backoff of a first retry
        assert 0.8 <= slept[0] <= 1.2
    else:
        assert slept == [expected]


def test_retry_on_exception_waits_and_base_zero_does_not():
    mw, slept = make_retry_mw({"RETRY_BACKOFF_BASE": 0.5})
    request = Request("https://bocongan.gov.vn/a.html")
    result = asyncio.run(mw.process_exception(request, DownloadTimeoutError("took too long")))
    assert isinstance(result, Request) and result.meta["retry_times"] == 1
    assert len(slept) == 1 and 0.4 <= slept[0] <= 0.6
    assert asyncio.run(mw.process_exception(request, ValueError("not retried"))) is None

    mw, slept = make_retry_mw({"RETRY_BACKOFF_BASE": 0})
    result = asyncio.run(mw.process_exception(request, DownloadTimeoutError("took too long")))
    assert isinstance(result, Request) and slept == []
    assert mw.crawler.stats.get_value("retry/backoff_seconds") is None


def test_no_retry_no_wait():
    mw, slept = make_retry_mw()
    request = Request("https://bocongan.gov.vn/a.html", meta={"dont_retry": True})
    response = Response(request.url, status=503, request=request)
    assert asyncio.run(mw.process_response(request, response)) is response
    ok = Response(request.url, status=200, request=Request(request.url))
    assert asyncio.run(mw.process_response(Request(request.url), ok)) is ok
    assert slept == []


# --------------------------------------------------------------------------------------------------
# Real crawls: a server on 127.0.0.1 and `python crawl.py` in a subprocess

Route = Callable[["Handler"], tuple[int, dict[str, str], bytes]]


@dataclass
class Hit:
    at: float
    path: str
    host: str


@dataclass
class LocalServer:
    httpd: ThreadingHTTPServer
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def times(self, path: str) -> list[float]:
        return [hit.at for hit in self.hits if hit.path == path]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # the stdlib's name
        state = self.server.state
        with state.lock:
            state.hits.append(Hit(time.monotonic(), self.path, self.headers.get("Host", "")))
            state.counts[self.path] = state.counts.get(self.path, 0) + 1
        route = state.routes.get(self.path)
        status, headers, body = route(self) if route else (404, {}, b"not found")
        try:
            self.send_response(status)
            headers = {"Content-Type": "text/html; charset=utf-8", **headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (a timeout test)
            pass

    def log_message(self, format, *args):  # the stdlib's signature
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    state = LocalServer(httpd)
    httpd.state = state
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    httpd.shutdown()
    httpd.server_close()


def page(body: str = "ok", status: int = 200, **headers: str) -> Route:
    html = f"<html><head><title>t</title></head><body>{body}</body></html>".encode()
    return lambda handler: (status, dict(headers), html)


def redirect(location: str, status: int = 302) -> Route:
    return lambda handler: (status, {"Location": location}, b"")


def fails_then_ok(failures: int, status: int = 503, **headers: str) -> Route:
    def route(handler: Handler):
        if handler.server.state.counts[handler.path] <= failures:
            return status, dict(headers), b"busy"
        return 200, {}, b"<html><body>finally</body></html>"

    return route


CRAWL_SCRIPT = r'''
import json
import sys
import warnings

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

config = json.loads(open(sys.argv[1], encoding="utf-8").read())


class LoopbackOnlyGuard:
    """Last downloader middleware before the network: nothing but 127.0.0.1 is ever contacted."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        if urlparse_cached(request).hostname != "127.0.0.1":
            stats = self.crawler.stats
            stats.inc_value("guard/blocked")
            stats.set_value("guard/blocked_urls", [*(stats.get_value("guard/blocked_urls") or []), request.url])
            raise IgnoreRequest("test guard: only 127.0.0.1 may be contacted")
        return None


class MiddlewareTestSpider(scrapy.Spider):
    name = "middleware_test"
    start_urls = config["start_urls"]

    def parse(self, response):
        yield {"url": response.url, "status": response.status}
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href)


items = []


def item_scraped(item):
    items.append(dict(item))


settings = {
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "COOKIES_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "INFO",
    "CLOSESPIDER_TIMEOUT": 30,
    **config["settings"],
}
settings["DOWNLOADER_MIDDLEWARES"] = {**settings.get("DOWNLOADER_MIDDLEWARES", {}), LoopbackOnlyGuard: 999}
process = CrawlerProcess(settings)
crawler = process.create_crawler(MiddlewareTestSpider)
crawler.signals.connect(item_scraped, signal=signals.item_scraped)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    process.crawl(crawler)
    process.start()
result = {
    "stats": crawler.stats.get_stats(),
    "items": items,
    "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(result, out, default=str)
'''


@dataclass
class CrawlResult:
    stats: dict
    items: list[dict]
    warnings: list[str]
    log: str

    def stat(self, key: str, default=None):
        return self.stats.get(key, default)


def run_crawl(tmp_path: Path, start_urls: list[str], **settings) -> CrawlResult:
    config = tmp_path / "config.json"
    config.write_text(
        json.dumps(
            {"start_urls": start_urls, "settings": {"DOWNLOADER_MIDDLEWARES": MIDDLEWARES, **settings}}
        )
    )
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL_SCRIPT)
    out = tmp_path / "result.json"
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # The 120 s cap only stops a hung test run; CLOSESPIDER_TIMEOUT ends every crawl well before.
    proc = subprocess.run(
        [sys.executable, str(script), str(config), str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    data = json.loads(out.read_text())
    return CrawlResult(data["stats"], data["items"], data["warnings"], proc.stderr)


def assert_clean(result: CrawlResult) -> None:
    """No request left 127.0.0.1, the crawl ended by itself, and no deprecation warnings were raised."""
    assert result.stat("guard/blocked") is None, result.stat("guard/blocked_urls")
    assert result.stat("finish_reason") == "finished"
    assert [w for w in result.warnings if "Deprecation" in w] == []


def test_crawl_refuses_unsafe_redirects_and_follows_the_replica(server, tmp_path):
    port = server.port
    server.routes.update(
        {
            "/to-127-0-0-2": redirect(f"http://127.0.0.2:{port}/x"),
            "/to-metadata": redirect("http://169.254.169.254/latest/meta-data"),
            "/meta-to-metadata": page(
                '<meta http-equiv="refresh" content="0;url=http://169.254.169.254/latest/meta-data">'
            ),
            "/to-same-host": redirect(f"http://127.0.0.1:{port}/target", status=301),
            "/x": page("must never be fetched"),
            "/target": page("the target"),
        }
    )
    starts = ["/to-127-0-0-2", "/to-metadata", "/meta-to-metadata", "/to-same-host"]
    result = run_crawl(tmp_path, [server.url(p) for p in starts], SAFE_REDIRECT_ALLOW_LOOPBACK=True)

    assert_clean(result)
    assert sorted(server.paths()) == sorted([*starts, "/target"])
    assert {hit.host for hit in server.hits} == {f"127.0.0.1:{port}"}
    assert result.items == [{"url": server.url("/target"), "status": 200}]
    assert result.stat("redirect/refused") == 3
    assert result.stat("redirect/refused/loopback") == 1
    assert result.stat("redirect/refused/link-local") == 2
    assert result.stat("downloader/request_count") == 5
    warnings_logged = [
        line for line in result.log.splitlines() if "WARNING" in line and "Refused redirect" in line
    ]
    assert len(warnings_logged) == 3
    assert any(
        server.url("/to-127-0-0-2") in w and f"http://127.0.0.2:{port}/x" in w for w in warnings_logged
    )
    assert any(
        server.url("/to-metadata") in w and "http://169.254.169.254/latest/meta-data" in w
        for w in warnings_logged
    )


def test_crawl_refuses_the_replica_itself_without_allow_loopback(server, tmp_path):
    server.routes.update({"/to-same-host": redirect("/target"), "/target": page("the target")})
    result = run_crawl(tmp_path, [server.url("/to-same-host")])
    assert_clean(result)
    assert server.paths() == ["/to-same-host"]
    assert result.items == []
    assert result.stat("redirect/refused/loopback") == 1


def test_crawl_retries_503_with_backoff(server, tmp_path):
    server.routes["/flaky"] = fails_then_ok(2)
    result = run_crawl(tmp_path, [server.url("/flaky")], RETRY_TIMES=2, RETRY_BACKOFF_BASE=0.2)
    assert_clean(result)
    assert result.items == [{"url": server.url("/flaky"), "status": 200}]
    assert server.paths() == ["/flaky"] * 3
    assert result.stat("retry/count") == 2
    assert result.stat("retry/reason_count/503 Service Unavailable") == 2
    # 0.2 s then 0.4 s, each +/-20%
    assert (
        0.2 * 0.8 + 0.4 * 0.8 - 0.01 <= result.stat("retry/backoff_seconds") <= 0.2 * 1.2 + 0.4 * 1.2 + 0.01
    )
    first, second, third = server.times("/flaky")
    assert second - first >= 0.2 * 0.8 - 0.01
    assert third - second >= 0.4 * 0.8 - 0.01


def test_crawl_honours_retry_after_within_the_cap(server, tmp_path):
    server.routes["/busy"] = fails_then_ok(1, status=503, **{"Retry-After": "1"})
    server.routes["/too-busy"] = fails_then_ok(1, status=429, **{"Retry-After": "3600"})
    result = run_crawl(
        tmp_path,
        [server.url("/busy"), server.url("/too-busy")],
        RETRY_BACKOFF_BASE=0.05,
        RETRY_BACKOFF_MAX=1.5,
    )
    assert_clean(result)
    assert sorted(item["url"] for item in result.items) == [server.url("/busy"), server.url("/too-busy")]
    assert result.stat("retry/backoff_seconds") == pytest.approx(1.0 + 1.5, abs=0.01)
    busy = server.times("/busy")
    too_busy = server.times("/too-busy")
    assert busy[1] - busy[0] >= 0.95
    assert too_busy[1] - too_busy[0] >= 1.45


def test_crawl_backoff_does_not_block_other_requests(server, tmp_path):
    """While one request waits ~1 s to be retried, a chain of slow pages keeps being fetched."""
    server.routes["/flaky"] = fails_then_ok(1)
    for n in range(12):

        def chain(handler, n=n):
            time.sleep(0.1)
            link = f'<a href="/chain/{n + 1}">next</a>' if n < 11 else ""
            return 200, {}, f"<html><body>{link}</body></html>".encode()

        server.routes[f"/chain/{n}"] = chain
    result = run_crawl(tmp_path, [server.url("/flaky"), server.url("/chain/0")], RETRY_BACKOFF_BASE=1.0)
    assert_clean(result)
    assert result.stat("retry/count") == 1 and result.stat("retry/backoff_seconds") >= 0.8
    first, retried = server.times("/flaky")
    during = [
        hit for hit in server.hits if hit.path.startswith("/chain/") and first + 0.05 < hit.at < retried
    ]
    assert during, [(hit.path, hit.at - first) for hit in server.hits]


def test_crawl_gives_up_on_timeouts_and_refused_connections(server, tmp_path):
    def never_answers(handler):
        handler.server.state.stop.wait(20)
        return 200, {}, b"too late"

    server.routes["/slow"] = never_answers
    with socket.socket() as sock:  # a 127.0.0.1 port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    result = run_crawl(
        tmp_path,
        [server.url("/slow"), f"http://127.0.0.1:{closed_port}/nothing"],
        DOWNLOAD_TIMEOUT=1,
        RETRY_TIMES=1,
        RETRY_BACKOFF_BASE=0.1,
    )
    assert_clean(result)
    assert result.items == []
    assert server.paths() == ["/slow", "/slow"]
    assert result.stat("retry/count") == 2
    assert result.stat("retry/max_reached") == 2
    reasons = {k for k in result.stats if k.startswith("retry/reason_count/")}
    assert any("Timeout" in k for k in reasons), reasons
    assert any("ConnectionRefused" in k or "ConnectError" in k for k in reasons), reasons
    assert result.stat("retry/backoff_seconds") >= 2 * 0.1 * 0.8 - 0.01
    assert "Gave up retrying" in result.log


def test_a_page_cut_short_is_retried_then_given_up_unless_the_portal_never_closes_its_pages():
    from crawler.failures import IncompletePage

    cut = b"<!DOCTYPE html><html><body><div class='content-news'><p>Bo Cong an to chuc hoi ng"
    headers = {"Content-Type": "text/html; charset=utf-8"}
    mw, _ = make_retry_mw({"RETRY_BACKOFF_BASE": 0, "RETRY_TIMES": 1})
    request = Request("https://bocongan.gov.vn/a-t1.html")
    retry = asyncio.run(mw.process_response(request, HtmlResponse(request.url, body=cut, headers=headers)))
    assert isinstance(retry, Request)
    with pytest.raises(IncompletePage):
        asyncio.run(mw.process_response(retry, HtmlResponse(retry.url, body=cut, headers=headers)))
    lenient, _ = make_retry_mw({"REQUIRE_COMPLETE_HTML": False})
    page = HtmlResponse(request.url, body=cut, headers=headers)
    assert asyncio.run(lenient.process_response(request, page)) is page
