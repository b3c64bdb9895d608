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
    paging = "(paging only in the browser)" if profile.page_param is None else ""
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
