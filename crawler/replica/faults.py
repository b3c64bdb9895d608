"""Faults the replica injects at set rates, so tests can show a crawl survives what real servers do.

Each page (article or listing) is faulty or not by a hash of its path and the plan's seed, so a plan gives the
same faults on every start; a faulty page fails its first few requests (1 to `max_persist`) and is then served,
so retries within a run recover some faults and the next run recovers the rest. Which page got which fault is
kept in `injected`, the ground truth a soak test compares the crawl's own counts with.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from crawler.replica.portal import PAGE_SIZE

# Faults of one request: HTTP errors, a reset connection, a server that never answers, one that trickles its
# bytes, a body cut short under a correct Content-Length, a Content-Length shorter than the page, a redirect
# chain that ends at the page, a redirect loop.
REQUEST_FAULTS = (
    "http_500", "http_502", "http_503", "reset", "timeout", "slow", "truncated", "wrong_length",
    "redirect_chain", "redirect_loop",
)  # fmt: skip
HOPS = "/chuyen-huong/"  # redirect hops live under this path (robots.txt allows it, like the real portal's)
_ALIAS = re.compile(r"^/tin-tuc-su-kien/ban-sao-\d+-t(\d+)\.html$")
_NEWS_ITEM = re.compile(r'<div class="news-item">.*?</div>', re.S)
_ITEM_ID = re.compile(r'href="/tin-tuc-su-kien/(?:[\w-]+/)?[\w-]+?-t(\d+)\.html"')


def _unit(*parts: object) -> float:
    """A number in [0, 1) fixed by its parts: the plan's dice."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass
class FaultPlan:
    """Which pages fail, how, and for how many requests.

    rate: share of article and listing pages that fail; kinds: the request faults drawn from; duplicate_rate:
    share of listing entries shown twice, the second time under another URL; trap_category: a category key
    whose listing pages never end (past its last page it repeats that page with a "next" link, forever).
    """

    rate: float = 0.1
    seed: int = 1
    kinds: tuple[str, ...] = REQUEST_FAULTS
    max_persist: int = 4
    hang_seconds: float = 6.0
    trickle_seconds: float = 1.0
    duplicate_rate: float = 0.0
    trap_category: str | None = None
    # Hostile pages in place of articles, by path: "gzip_bomb" (a small gzip body that inflates to
    # `bomb_bytes`) or "endless" (a body trickled forever, until the client gives up).
    hostile: dict[str, str] = field(default_factory=dict)
    bomb_bytes: int = 64 * 1024 * 1024
    injected: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def fault_for(self, path: str, hit: int) -> str | None:
        """The fault for the `hit`-th request of `path`, or None to serve it."""
        if _unit(self.seed, "faulty", path) >= self.rate:
            return None
        kind = self.kinds[int(_unit(self.seed, "kind", path) * len(self.kinds))]
        persist = (
            1
            if kind in ("redirect_chain", "redirect_loop")
            else 1 + int(_unit(self.seed, "persist", path) * self.max_persist)
        )
        if hit > persist:
            return None
        with self._lock:
            self.injected[kind] += 1
        return kind

    def duplicated(self, article_id: int) -> bool:
        return _unit(self.seed, "duplicate", article_id) < self.duplicate_rate


class FaultInjector:
    """Answers a request with a fault where the plan says so; the replica server asks it first."""

    def __init__(self, plan: FaultPlan, portal):
        self.plan = plan
        self.portal = portal
        self.by_id = {e.id: e.path for e in portal.entries}
        self.hits: Counter = Counter()
        self._lock = threading.Lock()

    def _hit(self, path: str) -> int:
        with self._lock:
            self.hits[path] += 1
            return self.hits[path]

    def rewrite(self, raw_path: str) -> str:
        """The portal path behind a duplicate's alias URL (the CMS serves an article under any slug)."""
        split = urlsplit(raw_path)
        alias = _ALIAS.match(split.path)
        if alias and int(alias.group(1)) in self.by_id:
            return self.by_id[int(alias.group(1))] + (f"?{split.query}" if split.query else "")
        return raw_path

    def answer(self, handler, send_body: bool) -> bool:
        """Answer with a fault or a detour; False when the request is the portal's to serve as usual."""
        split = urlsplit(handler.path)
        path = split.path
        if path.startswith(HOPS):
            return self._hop(handler, path)
        portal = self.portal
        page = self.rewrite(handler.path)
        page_path = urlsplit(page).path
        if page_path not in portal.by_path and page_path not in portal.listing_paths:
            return False
        hostile = self.plan.hostile.get(page_path)
        if hostile is not None:
            with self.plan._lock:
                self.plan.injected[hostile] += 1
            return self._hostile(handler, hostile)
        kind = self.plan.fault_for(path, self._hit(path))
        if kind is None:
            return (
                self._listing_detours(handler, page, send_body)
                if page_path in portal.listing_paths
                else False
            )
        if kind == "redirect_chain":
            return self._redirect(handler, f"{HOPS}chuoi3{handler.path}")
        if kind == "redirect_loop":
            return self._redirect(handler, f"{HOPS}vonga{handler.path}")
        if kind.startswith("http_"):
            status = int(kind[5:])
            body = f"<html><body><h1>Lỗi {status}</h1></body></html>".encode()
            headers = {"Content-Type": "text/html; charset=utf-8"}
            if status == 503:
                headers["Retry-After"] = "1"
            return self._send(handler, status, headers, body)
        if kind == "reset":
            _reset(handler)
            return True
        if kind == "timeout":
            time.sleep(self.plan.hang_seconds)  # longer than the crawl's DOWNLOAD_TIMEOUT: it gives up first
            _reset(handler)
            return True
        status, headers, body = self._served(handler, page)
        if kind == "slow":
            self._head(handler, status, headers, len(body))
            pieces = 20
            step = -(-len(body) // pieces)
            for i in range(0, len(body), step):
                handler.wfile.write(body[i : i + step])
                handler.wfile.flush()
                time.sleep(self.plan.trickle_seconds / pieces)
            return True
        if kind == "truncated":  # the announced length is right, the connection drops halfway
            self._head(handler, status, headers, len(body))
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            _reset(handler)
            return True
        if kind == "wrong_length":  # announces less than it sends: the client reads a page cut short
            headers = dict(headers, Connection="close")
            self._head(handler, status, headers, len(body) * 2 // 3)
            handler.wfile.write(body)
            handler.close_connection = True
            return True
        raise ValueError(f"unknown fault {kind}")

    def _hostile(self, handler, kind: str) -> bool:
        if kind == "gzip_bomb":
            body = _bomb(self.plan.bomb_bytes)
            headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
            return self._send(handler, 200, headers, body)
        if kind == "endless":  # no Content-Length, no end: bytes until the client hangs up
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.end_headers()
            handler.wfile.write(b"<html><body><p>")
            while True:
                handler.wfile.write(b"Tin tiep theo. " * 64)
                handler.wfile.flush()
                time.sleep(0.05)
        raise ValueError(f"unknown hostile page {kind}")

    def _served(self, handler, page: str) -> tuple[int, dict, bytes]:
        host = handler.headers.get("Host") or "127.0.0.1"
        return self.portal.respond(page, host)

    def _listing_detours(self, handler, page: str, send_body: bool) -> bool:
        """Listings with duplicated entries under other URLs, or the trap category's endless paging."""
        split = urlsplit(page)
        category = self.portal.listing_paths[split.path]
        trapped = category.key == self.plan.trap_category
        if not trapped and not self.plan.duplicate_rate:
            return False
        param = self.portal.profile.page_param
        try:
            number = int(parse_qs(split.query).get(param, ["1"])[0])
        except ValueError:
            number = 1
        entries = self.portal.by_category[category.key]
        last = max(1, -(-len(entries) // PAGE_SIZE))
        served = f"{split.path}?{param}={min(number, last)}" if trapped else page
        status, headers, body = self._served(handler, served)
        text = body.decode("utf-8")
        if trapped and number >= last:
            more = f'<a class="next" href="{split.path}?{param}={number + 1}">Trang sau ›</a>'
            text = text.replace('<div class="paging">', f'<div class="paging">{more}', 1)
        if self.plan.duplicate_rate:
            text = _NEWS_ITEM.sub(lambda m: self._twice(m.group(0)), text)
        body = text.encode("utf-8")
        return self._send(handler, status, headers, body if send_body else b"", len(body))

    def _twice(self, item: str) -> str:
        found = _ITEM_ID.search(item)
        if not found or not self.plan.duplicated(int(found.group(1))):
            return item
        article_id = int(found.group(1))
        with self.plan._lock:
            self.plan.injected["duplicate_url"] += 1
        alias = f"/tin-tuc-su-kien/ban-sao-{article_id}-t{article_id}.html"
        return item + re.sub(r'href="[^"]*-t\d+\.html"', f'href="{alias}"', item)

    def _hop(self, handler, path: str) -> bool:
        """One hop of a redirect chain (counting down to the page) or of a loop (between two hops, forever)."""
        rest = path[len(HOPS) :]
        kind, _, tail = rest.partition("/")
        query = urlsplit(handler.path).query
        target = "/" + tail + (f"?{query}" if query else "")
        if kind.startswith("chuoi") and kind[5:].isdigit():
            left = int(kind[5:])
            # The chain ends at the page under a URL of its own (a return to the first URL would be a loop).
            arrival = target + ("&" if query else "?") + "chuyen-huong=1"
            return self._redirect(handler, arrival if left <= 1 else f"{HOPS}chuoi{left - 1}{target}")
        if kind in ("vonga", "vongb"):
            return self._redirect(handler, f"{HOPS}{'vongb' if kind == 'vonga' else 'vonga'}{target}")
        return False

    def _redirect(self, handler, location: str) -> bool:
        return self._send(handler, 302, {"Location": location, "Content-Type": "text/html"}, b"")

    @staticmethod
    def _head(handler, status: int, headers: dict, length: int) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(length))
        handler.end_headers()

    def _send(self, handler, status: int, headers: dict, body: bytes, length: int | None = None) -> bool:
        self._head(handler, status, headers, len(body) if length is None else length)
        handler.wfile.write(body)
        return True


@lru_cache(maxsize=2)
def _bomb(size: int) -> bytes:
    """`size` bytes of HTML whitespace, gzipped to about a thousandth of that."""
    return gzip.compress(b"<html><body>" + b" " * size, compresslevel=9)


def _reset(handler) -> None:
    """Drop the connection with a TCP reset, as a crashed server or a middlebox does."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True
