"""What went wrong with a request, by kind: the names crawl_runs counts failures under.

A crawl meets servers that fail in many ways; one short name per way lets a run report "12 timeouts, 3 resets,
1 redirect loop" instead of a pile of exception class names, and lets the run's status tell a loss from a refusal.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

# Refusals are the crawler's own rules at work (robots.txt, an unsafe redirect, a size limit): not losses.
REFUSALS = ("robots", "unsafe_redirect", "unsafe_url", "too_large")


class IncompletePage(Exception):
    """An HTML page that ends before its closing tag: cut short by the server or on the way."""


class ChallengePage(Exception):
    """A firewall's challenge page where content was asked for, still there after the retries."""


def failure_kind(exc: BaseException) -> str:
    """A short name for why a request failed: http_503, timeout, connection, truncated, redirect_loop,
    too_large, robots, unsafe_redirect, unsafe_url, dns, waf_challenge or other."""
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, ChallengePage):
        return "waf_challenge"
    if isinstance(exc, IncompletePage | ResponseDataLossError):
        return "truncated"
    if isinstance(exc, DownloadTimeoutError | tx_error.TimeoutError | tx_error.TCPTimedOutError):
        return "timeout"
    if isinstance(exc, CannotResolveHostError | tx_error.DNSLookupError):
        return "dns"
    if isinstance(exc, DownloadCancelledError):
        # Scrapy cancels a download whose announced or received size passes DOWNLOAD_MAXSIZE.
        return "too_large" if "max size" in str(exc) else "other"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "max redirections" in message or message.startswith("Redirect loop"):
            return "redirect_loop"
        if "robots.txt" in message:
            return "robots"
        if "DOWNLOAD_MAXSIZE" in message or "max size" in message:
            return "too_large"
        if message.startswith("Refused redirect"):
            return "unsafe_redirect"
        if message.startswith("Refused request"):
            return "unsafe_url"
        return "other"
    if isinstance(exc, ResponseFailed | ResponseNeverReceived):
        reasons = [getattr(r, "value", r) for r in getattr(exc, "reasons", [])]
        if any(type(r).__name__ in ("_DataLoss", "PotentialDataLoss") for r in reasons):
            return "truncated"
        return "connection"
    if isinstance(
        exc,
        DownloadConnectionRefusedError
        | DownloadFailedError
        | tx_error.ConnectError
        | tx_error.ConnectionDone
        | tx_error.ConnectionLost
        | ConnectionError,
    ):
        return "connection"
    return "other"


def is_incomplete_html(body: bytes, content_type: str) -> bool:
    """True for an HTML page that opens <html> but closes neither its body nor itself: a page cut short.

    Pages that never open <html> (fragments, other formats) are not judged, and a page that closes only one of
    the two (some CMS templates forget </html>) is whole."""
    if "html" not in content_type.lower():
        return False
    head = body[:2048].lower()
    if b"<html" not in head:
        return False
    tail = body[-4096:].lower()
    return b"</html" not in tail and b"</body" not in tail
