"""Downloader middlewares: redirects that cannot be steered off the portal, and retries with backoff.

Both build on Scrapy's own middlewares and replace them in ``DOWNLOADER_MIDDLEWARES``:

- :class:`SafeRedirectMiddleware` / :class:`SafeMetaRefreshMiddleware` subclass Scrapy's
  ``RedirectMiddleware`` / ``MetaRefreshMiddleware``. Scrapy builds the redirect request as usual;
  before it is handed back to the engine its target is checked with :func:`is_safe_target`, and an
  unsafe one is dropped (``IgnoreRequest``), logged at WARNING and counted in the stats.
- :class:`BackoffRetryMiddleware` subclasses Scrapy's ``RetryMiddleware``: the same decisions
  (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``), but the retry request is returned
  only after an exponential backoff, awaited without blocking the reactor.
"""

from __future__ import annotations

import ipaddress
import logging
import random
import re
import socket
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep as scrapy_sleep
from scrapy.utils.defer import deferred_from_coro

from crawler.failures import ChallengePage, IncompletePage, failure_kind, is_incomplete_html
from crawler.waf import is_challenge

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}

# Names that never leave this machine or its local network, whatever DNS would say.
LOCAL_NAMES = ("localhost",)
LOCAL_SUFFIXES = (".localhost", ".local", ".internal")

# Address classes refused as redirect targets; checked in this order, the first match is the reason.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",  # carrier-grade NAT, as private as the rest for our purpose
        "fc00::/7",
        "fec0::/10",  # deprecated site-local
    )
)
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

# Legacy IPv4 spellings that resolvers still accept: 2130706433, 0x7f.1, 0177.0.0.1, 127.1 ...
_LEGACY_IPV4 = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}$")
_HOSTNAME = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$")


# --------------------------------------------------------------------------------------------------
# The policy, without Scrapy


def _normalize_host(host: str) -> str:
    """Lower case, without the trailing dot of a fully qualified name, IDNs in their ASCII form."""
    host = host.strip().lower().rstrip(".")
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return ""
    return host


def _parse_ip(host: str) -> IPAddress | None:
    """The address written in *host* (standard or legacy IPv4 spelling, IPv6), or None for a name.

    Raises ValueError for something numeric that is no valid address (refused rather than guessed).
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise ValueError(f"not an address: {host!r}") from None
    return None


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (IPv4-mapped, 6to4, NAT64), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_class(ip: IPAddress) -> str | None:
    """Why *ip* must not be a redirect target ("loopback", "private", ...), or None if it is public."""
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return address_class(embedded)
    if ip.is_unspecified or (
        isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.IPv4Network("0.0.0.0/8")
    ):
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if any(ip.version == net.version and ip in net for net in PRIVATE_NETWORKS):
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def _split_host_port(entry: str) -> tuple[str, int | None]:
    """("host", port or None) of an allowed-loopback entry: "127.0.0.1", "127.0.0.1:8070", "[::1]:80",
    "::1" or a URL such as "http://127.0.0.1:8070/" (whose port is then its scheme's default if absent)."""
    entry = entry.strip()
    if "://" in entry:
        parts = urlsplit(entry)
        return _normalize_host(parts.hostname or ""), parts.port or DEFAULT_PORTS.get(parts.scheme)
    try:  # a bare IPv6 address has colons but no port
        return str(ipaddress.ip_address(entry.strip("[]"))), None
    except ValueError:
        pass
    parts = urlsplit("//" + entry)
    return _normalize_host(parts.hostname or ""), parts.port


def _canonical(host: str) -> str:
    """An IP literal in one spelling (so 127.1 equals 127.0.0.1), a name as normalized."""
    try:
        ip = _parse_ip(host)
    except ValueError:
        return host
    return str(ip) if ip is not None else host


def _domain_matches(host: str, domain: str, host_is_ip: bool) -> bool:
    domain = _normalize_host(domain.strip().lstrip("."))
    if "://" in domain:
        domain = _normalize_host(urlsplit(domain).hostname or "")
    if not domain:
        return False
    if host_is_ip:
        return _canonical(domain) == host
    return host == domain or host.endswith("." + domain)


def is_safe_target(
    url: str,
    allowed_domains: Iterable[str],
    allowed_loopback_hosts: Iterable[str] = (),
) -> tuple[bool, str]:
    """Whether a redirect to *url* may be followed, and why: ``(ok, reason)``.

    The decision uses the host as written in the URL; nothing is resolved. In order:

    1. Only ``http``/``https`` URLs with a plain host are considered (reasons ``scheme``, ``no-host``,
       ``invalid-host``, and ``userinfo`` for a ``user@`` part).
    2. An IP literal (also legacy spellings like ``2130706433`` or ``127.1``, and IPv6 forms that embed
       an IPv4 address) is refused when loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10,
       fc00::/7), link-local (169.254/16, fe80::/10), unspecified, multicast or otherwise not
       globally routable (reasons ``loopback``, ``private``, ``link-local``, ``unspecified``,
       ``multicast``, ``reserved``) - except a loopback address listed in *allowed_loopback_hosts*.
    3. The names ``localhost``, ``*.localhost``, ``*.local`` and ``*.internal`` are refused
       (reason ``local-name``), except a name listed in *allowed_loopback_hosts*.
    4. Anything else must be within *allowed_domains*: a name equal to one of them or a subdomain of
       it, an IP literal equal to one (reason ``offsite`` otherwise).

    *allowed_loopback_hosts* are exact hosts, ``"127.0.0.1"`` (any port) or ``"127.0.0.1:8070"`` /
    ``"http://127.0.0.1:8070"`` (that port only); they never widen to other loopback addresses, so
    allowing ``127.0.0.1`` does not allow ``127.0.0.2``.

    On success the reason is ``allowed-loopback`` or ``allowed-domain``.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return False, "invalid-host"
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return False, "scheme"
    if "@" in parts.netloc:
        # Credentials in a redirect target are never needed here, and parsers disagree on where the
        # host starts after them (Twisted's URI keeps "user@" in the host): refuse rather than guess.
        return False, "userinfo"
    raw_host = parts.hostname
    if not raw_host:
        return False, "no-host"
    host = _normalize_host(raw_host)
    if not host:
        return False, "invalid-host"
    effective_port = port or DEFAULT_PORTS[scheme]

    try:
        ip = _parse_ip(host)
    except ValueError:
        return False, "invalid-host"
    if ip is None and not _HOSTNAME.match(host):
        return False, "invalid-host"
    if ip is not None:
        host = str(ip)

    def loopback_allowed() -> bool:
        for entry in allowed_loopback_hosts:
            entry_host, entry_port = _split_host_port(entry)
            if _canonical(entry_host) == host and entry_port in (None, effective_port):
                return True
        return False

    if ip is not None:
        refused = address_class(ip)
        if refused == "loopback" and loopback_allowed():
            return True, "allowed-loopback"
        if refused:
            return False, refused
    elif host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        if loopback_allowed():
            return True, "allowed-loopback"
        return False, "local-name"

    if any(_domain_matches(host, domain, ip is not None) for domain in allowed_domains):
        return True, "allowed-domain"
    return False, "offsite"


# --------------------------------------------------------------------------------------------------
# Redirects


def _base_urls(spider: Any, settings: BaseSettings) -> list[str]:
    """The URLs the crawl starts from: the spider's ``base_url`` and ``start_urls``, and ``SITE_BASE_URL``."""
    urls: list[str] = []
    base_url = getattr(spider, "base_url", None)
    if isinstance(base_url, str) and base_url:
        urls.append(base_url)
    start_urls = getattr(spider, "start_urls", None) or ()
    if isinstance(start_urls, str):
        start_urls = [start_urls]
    urls.extend(u for u in start_urls if isinstance(u, str))
    site_base_url = settings.get("SITE_BASE_URL")
    if site_base_url:
        urls.append(site_base_url)
    return urls


class SafeRedirectMixin:
    """The check shared by the 3xx and meta-refresh middlewares.

    Rule, for a redirect from a request of spider S:

    - allowed domains are ``S.allowed_domains`` if S has a non-empty one, else the setting
      ``SAFE_REDIRECT_ALLOWED_DOMAINS`` (list, default empty); the hosts of the crawl's base URLs
      (``S.base_url``, ``S.start_urls``, the ``SITE_BASE_URL`` setting) are always added to them;
    - addresses that are loopback, private, link-local, unspecified, multicast or reserved are
      refused even when they are a base host;
    - the one exception: with ``SAFE_REDIRECT_ALLOW_LOOPBACK = True`` (default False), a loopback
      target (an address in 127/8 or ::1, or the name localhost) is allowed when its host *and
      port* are those of one of the base URLs, e.g. the replica at ``http://127.0.0.1:8070`` may
      redirect within ``127.0.0.1:8070``, but never to ``127.0.0.2`` or to another port.

    See :func:`is_safe_target` for the exact checks; no DNS lookup is ever made here.
    """

    crawler: Any
    _rules: tuple[Any, list[str], Iterable[str]] | None = None

    def rules(self) -> tuple[list[str], Iterable[str]]:
        """(allowed domains, allowed loopback hosts) of the running spider, worked out once per spider:
        SafeTargetMiddleware asks for every request."""
        spider = self.crawler.spider
        if self._rules is None or self._rules[0] is not spider:
            settings = self.crawler.settings
            base_urls = _base_urls(spider, settings)
            domains = list(
                getattr(spider, "allowed_domains", None) or settings.getlist("SAFE_REDIRECT_ALLOWED_DOMAINS")
            )
            domains.extend(urlsplit(u).hostname or "" for u in base_urls)
            loopback_hosts = base_urls if settings.getbool("SAFE_REDIRECT_ALLOW_LOOPBACK") else ()
            self._rules = (spider, [d for d in domains if d], loopback_hosts)
        return self._rules[1], self._rules[2]

    def refusal(self, redirected: Request) -> str | None:
        """Why the redirect *redirected* must not be followed, or None to follow it."""
        ok, reason = is_safe_target(redirected.url, *self.rules())
        return None if ok else reason

    def checked(self, request: Request, response: Response, result: Request | Response) -> Request | Response:
        """Pass on Scrapy's decision *result*, unless it is a redirect to an unsafe target."""
        if not isinstance(result, Request):
            return result
        # A hop back to a URL of the same chain is a loop; Scrapy's duplicate filter would drop it without a word.
        if result.url == request.url or result.url in request.meta.get("redirect_urls", ()):
            self.crawler.stats.inc_value("redirect/loops")
            raise IgnoreRequest(f"Redirect loop from {request.url} back to {result.url}")
        reason = self.refusal(result)
        if reason is None:
            return result
        stats = self.crawler.stats
        stats.inc_value("redirect/refused")
        stats.inc_value(f"redirect/refused/{reason}")
        logger.warning(
            "Refused redirect (%(reason)s, HTTP %(status)s) from %(from_url)s to %(target)s",
            {"reason": reason, "status": response.status, "from_url": request.url, "target": result.url},
            extra={"spider": self.crawler.spider},
        )
        raise IgnoreRequest(f"Refused redirect ({reason}) from {request.url} to {result.url}")


class SafeTargetMiddleware(SafeRedirectMixin):
    """Every request, not only redirects, meets the same rule: a listing that links an article on another
    host, a private address or this machine is not followed (and that host's robots.txt is not fetched)."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SafeTargetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        reason = self.refusal(request)
        if reason is None:
            return None
        self.crawler.stats.inc_value(f"request/refused/{reason}")
        logger.warning(
            "Refused request (%(reason)s) to %(url)s", {"reason": reason, "url": request.url},
            extra={"spider": self.crawler.spider},
        )  # fmt: skip
        raise IgnoreRequest(f"Refused request ({reason}) to {request.url}")


class SafeRedirectMiddleware(SafeRedirectMixin, RedirectMiddleware):
    """Scrapy's 3xx ``Location`` redirects, refusing unsafe targets (see :class:`SafeRedirectMixin`)."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        return self.checked(request, response, super().process_response(request, response))


class SafeMetaRefreshMiddleware(SafeRedirectMixin, MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv="refresh">`` redirects, refusing unsafe targets."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        return self.checked(request, response, super().process_response(request, response))


# --------------------------------------------------------------------------------------------------
# Retries


def backoff_delay(
    retry_number: int, base: float, cap: float, jitter: float = 0.2, rng: Any = random
) -> float:
    """Seconds to wait before retry number *retry_number* (1 for the first retry).

    ``base * 2 ** (retry_number - 1)``, scaled by a random factor in ``[1 - jitter, 1 + jitter]``,
    never above *cap*. A *base* of 0 (or less) means no delay.
    """
    if base <= 0 or cap <= 0:
        return 0.0
    exponent = max(retry_number - 1, 0)
    raw = base * 2.0 ** min(exponent, 64)
    return min(raw * rng.uniform(1.0 - jitter, 1.0 + jitter), cap)


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header: delta-seconds, or an HTTP date; None if unusable."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class WafGuard:
    """Watches how many answers are a firewall's challenge: past WAF_SLOW_DOWN_SHARE of at least WAF_MIN_RESPONSES
    answers, the portal's download delay doubles (at most 30 s, once every WAF_MIN_RESPONSES answers); past
    WAF_STOP_SHARE of twice that many, the run stops (finish reason waf_challenge, exit 1, an alarm that names
    the WAF)."""

    def __init__(self, middleware: BackoffRetryMiddleware):
        self.middleware = middleware
        self.answers = 0
        self.challenges = 0
        self.slowed_at = 0  # answers counted when the delay last doubled

    def answered(self) -> None:
        self.answers += 1

    def challenged(self) -> None:
        self.answers += 1
        self.challenges += 1
        crawler = self.middleware.crawler
        settings = crawler.settings
        least = settings.getint("WAF_MIN_RESPONSES", 20)
        share = self.challenges / self.answers
        if self.answers < least:
            return
        if share >= settings.getfloat("WAF_STOP_SHARE", 0.5) and self.answers >= 2 * least:
            if not crawler.stats.get_value("waf/stopped"):
                crawler.stats.set_value("waf/stopped", 1)
                logger.error(
                    "a firewall answered %d of %d requests with a challenge page: stopping the run",
                    self.challenges,
                    self.answers,
                )
                deferred_from_coro(crawler.engine.close_spider_async(reason="waf_challenge"))
            return
        if share >= settings.getfloat("WAF_SLOW_DOWN_SHARE", 0.3) and (
            not self.slowed_at or self.answers >= self.slowed_at + least
        ):
            self.slowed_at = self.answers
            slots = getattr(crawler.engine.downloader, "slots", {})
            for slot in slots.values():
                slowed = min(max(slot.delay * 2, 1.0), 30.0)
                if slowed > slot.delay:
                    slot.delay = slowed
                    crawler.stats.inc_value("waf/slowed_down")
                    logger.warning("challenge pages on %d of %d answers: download delay now %.1f s",
                                   self.challenges, self.answers, slowed)  # fmt: skip


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting before each retry.

    Settings: ``RETRY_BACKOFF_BASE`` (seconds, default 1.0; 0 disables all waiting, Retry-After
    included) and ``RETRY_BACKOFF_MAX`` (seconds, default 30). The n-th retry of a request waits
    ``RETRY_BACKOFF_BASE * 2 ** (n - 1)`` seconds +/-20% jitter, at most ``RETRY_BACKOFF_MAX``; a 503
    or 429 response with a ``Retry-After`` header waits what it asks instead, at most
    ``RETRY_BACKOFF_MAX``. The total waited is counted in the stat ``retry/backoff_seconds``.

    The wait is an ``await`` on :func:`scrapy.utils.asyncio.sleep` (an asyncio sleep under Scrapy's
    default asyncio reactor, a Twisted ``deferLater`` under another), so the reactor keeps serving other
    requests; the waiting request keeps one of the ``CONCURRENT_REQUESTS`` slots meanwhile.
    """

    jitter = 0.2
    retry_after_statuses = frozenset({429, 503})

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)
        self.require_complete = settings.getbool("REQUIRE_COMPLETE_HTML", True)
        self.rng = random.Random()
        self.waf = WafGuard(self)

    async def _sleep(self, seconds: float) -> None:
        await scrapy_sleep(seconds)

    def backoff_for(self, retry_request: Request, response: Response | None = None) -> float:
        """Seconds to wait before sending *retry_request* (a retry built by Scrapy)."""
        if self.backoff_base <= 0:
            return 0.0
        if response is not None and response.status in self.retry_after_statuses:
            asked = parse_retry_after(response.headers.get("Retry-After"))
            if asked is not None:
                return min(asked, self.backoff_max)
        retry_number = int(retry_request.meta.get("retry_times", 1))
        return backoff_delay(retry_number, self.backoff_base, self.backoff_max, self.jitter, self.rng)

    async def _after_backoff(self, retry_request: Request, response: Response | None) -> Request:
        delay = self.backoff_for(retry_request, response)
        if delay > 0:
            self.crawler.stats.inc_value("retry/backoff_seconds", round(delay, 3), start=0.0)
            logger.debug(
                "Waiting %(delay).2fs before retrying %(request)s",
                {"delay": delay, "request": retry_request},
                extra={"spider": self.crawler.spider},
            )
            await self._sleep(delay)
        return retry_request

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        stats = self.crawler.stats
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        cut_short = self.require_complete and is_incomplete_html(response.body, content_type)
        if cut_short and not request.meta.get("dont_retry"):
            # A page cut short (a wrong Content-Length, a proxy) is retried like a failed download, never stored.
            stats.inc_value("fault/truncated")
            retry = self._retry(request, "incomplete html")
            if retry is None:
                raise IncompletePage(f"{response.url} ends before </html> ({len(response.body)} bytes)")
            return await self._after_backoff(retry, None)
        if response.status == 200 and is_challenge(response.body, content_type):
            # A firewall's challenge instead of the page: retried after a wait, never read as content.
            stats.inc_value("fault/waf_challenge")
            self.waf.challenged()
            retry = None if request.meta.get("dont_retry") else self._retry(request, "waf challenge")
            if retry is None:
                raise ChallengePage(f"{response.url} answered with a firewall's challenge page")
            return await self._after_backoff(retry, None)
        self.waf.answered()
        if response.status in self.retry_http_codes:
            stats.inc_value(f"fault/http_{response.status}")
        result = super().process_response(request, response)
        if isinstance(result, Request):
            return await self._after_backoff(result, response)
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        if not isinstance(exception, IgnoreRequest):
            self.crawler.stats.inc_value(f"fault/{failure_kind(exception)}")
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            return await self._after_backoff(result, None)
        return result
