"""check-site: what a profile finds on a handful of live pages, field by field, for a maintainer."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field

from crawler.extract.article import ExtractionError
from crawler.extract.auto import extract_for_site
from crawler.extract.listing import parse_listing, sitemap_newest, sitemap_urls
from crawler.settings import USER_AGENT
from crawler.sites import get_profile
from crawler.waf import is_challenge

FIELDS = ("title", "published_at", "category", "lead", "body", "captions", "images", "source")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        tail = ["", "OK: every field found" if self.ok else "PROBLEMS:", *[f"  - {p}" for p in self.problems]]
        return "\n".join(self.lines + tail)


def _get(url: str) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Type")


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    text = " | ".join(value) if isinstance(value, list) else str(value)
    return text if len(text) <= 100 else text[:97] + "..."


def check_site(site: str, base_url: str | None = None, articles: int = 3) -> Report:
    """Fetch each category's first listing page and a few articles; report what the profile extracts."""
    profile = get_profile(site)
    base = (base_url or profile.base_url).rstrip("/")
    report = Report([f"check-site {site} at {base}"])
    links: list[str] = []
    paging = "(paging only in the browser)" if profile.unpaged else ""
    for category in profile.categories:
        url = profile.listing_url(base, category)
        try:
            body, content_type = _get(url)
        except OSError as exc:
            report.problems.append(f"listing {category.name}: {url}: {exc}")
            continue
        if is_challenge(body, content_type or "text/html"):
            report.problems.append(
                f"listing {category.name}: a firewall's challenge page (WAF) instead: {url}"
            )
            continue
        listing = parse_listing(body, url, profile, content_type)
        report.lines.append(
            f"listing {category.name}: {len(listing.items)} links, next page: {listing.next_url or paging or '(none)'}"
            + (f", site-wide newest: {len(listing.widget_items)} links" if profile.widget_item else "")
        )
        if not listing.items:
            report.problems.append(f"listing {category.name} yields no article links: {url}")
        links.extend(item.url for item in listing.items[:1])
    if profile.sitemap_path:
        url = base + profile.sitemap_path
        try:
            body, _ = _get(url)
            report.lines.append(
                f"sitemap {url}: {len(sitemap_urls(body, url, profile))} article links, newest "
                f"{sitemap_newest(body) or '(no date)'}"
            )
        except OSError as exc:
            report.lines.append(f"sitemap {url}: {exc}")
    for url in links[:articles]:
        report.lines.append(f"article {url}")
        try:
            body, content_type = _get(url)
            if is_challenge(body, content_type or "text/html"):
                report.problems.append(f"article {url}: a firewall's challenge page (WAF) instead")
                continue
            record, failure = extract_for_site(body, url, site, content_type)
        except (OSError, ExtractionError) as exc:
            report.problems.append(f"article {url}: {exc}")
            continue
        report.lines.append(f"  {'read by':13} {record['extracted_by']}")
        if failure:
            report.problems.append(
                f"the {site} profile does not read {url} (the generic reading did): {failure}"
            )
        for name in FIELDS:
            value = record[name]
            report.lines.append(f"  {name:13} {_show(value)}")
            if name in ("title", "published_at", "body") and not value:
                report.problems.append(f"{name} not found on {url}")
    return report


def polite_fetcher(start_url: str, delay: float = 1.0):
    """A fetch for discovery on a live site: the start URL's host only, robots.txt obeyed, one request at a
    time at most every `delay` seconds, a challenge page read as no page. Returns None for what it may not or
    could not fetch."""
    import time
    import urllib.robotparser
    from urllib.parse import urlsplit

    from crawler.discover import same_host

    host = urlsplit(start_url).hostname
    robots = urllib.robotparser.RobotFileParser()
    parts = urlsplit(start_url)
    try:
        body, _ = _get(f"{parts.scheme}://{parts.netloc}/robots.txt")
        robots.parse(body.decode("utf-8", "replace").splitlines())
    except OSError:
        robots.parse([])  # no robots.txt: everything allowed, as Scrapy's middleware reads it
    last = [0.0]

    def fetch(url: str) -> bytes | None:
        if not same_host(urlsplit(url).hostname, host) or not robots.can_fetch(USER_AGENT, url):
            return None
        time.sleep(max(0.0, last[0] + delay - time.monotonic()))
        last[0] = time.monotonic()
        try:
            body, content_type = _get(url)
        except OSError:
            return None
        return None if is_challenge(body, content_type or "text/html") else body

    fetch.sitemaps = [u for u in robots.site_maps() or [] if same_host(urlsplit(u).hostname, host)]
    return fetch


def check_start_url(start_url: str, articles: int = 1, delay: float = 1.0) -> Report:
    """What discovery finds on a portal with no profile: its news categories, their paging, the article
    pattern, and one sample article's fields read generically."""
    from crawler.discover import discover
    from crawler.extract.generic import extract_generic

    fetch = polite_fetcher(start_url, delay)
    found = discover(start_url, fetch)
    report = Report([f"check-site --start-url {start_url}: {found.requests} requests"])
    for category in found.categories:
        report.lines.append(
            f"category {category['name']}: {category['url']} — {category['items']} dated article links, "
            f"paging {category['paging'] or '(none found)'}"
        )
    for skipped in found.skipped:
        report.lines.append(f"  not a news category: {skipped['name']} ({skipped['why']}): {skipped['url']}")
    report.lines.append("article pattern: " + (" | ".join(found.article_patterns) or "(none)"))
    if not found.categories:
        report.problems.append("no news category found on the home page's links")
        return report
    samples = [
        category["sample"] for category in found.categories
    ]  # read when discovery fetched the listings
    for url in samples[:articles]:
        report.lines.append(f"article {url}")
        body = fetch(url)
        if body is None:
            report.problems.append(f"article {url}: not fetched")
            continue
        try:
            record = extract_generic(body, url).to_dict()
        except ExtractionError as exc:
            report.problems.append(f"article {url}: {exc}")
            continue
        for name in FIELDS:
            report.lines.append(f"  {name:13} {_show(record[name])}")
            if name in ("title", "body") and not record[name]:
                report.problems.append(f"{name} not found on {url}")
    return report
