"""check-site: what a profile finds on a handful of live pages, field by field, for a maintainer."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field

from crawler.extract.article import ExtractionError, extract_article
from crawler.extract.listing import parse_listing
from crawler.settings import USER_AGENT
from crawler.sites import get_profile

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
    for category in profile.categories:
        url = profile.listing_url(base, category)
        try:
            body, content_type = _get(url)
        except OSError as exc:
            report.problems.append(f"listing {category.name}: {url}: {exc}")
            continue
        listing = parse_listing(body, url, profile, content_type)
        report.lines.append(
            f"listing {category.name}: {len(listing.items)} links, next page: {listing.next_url or '(none)'}"
        )
        if not listing.items:
            report.problems.append(f"listing {category.name} yields no article links: {url}")
        links.extend(item.url for item in listing.items[:1])
    for url in links[:articles]:
        report.lines.append(f"article {url}")
        try:
            body, content_type = _get(url)
            record = extract_article(body, url, profile, content_type=content_type, with_entities=False)
        except (OSError, ExtractionError) as exc:
            report.problems.append(f"article {url}: {exc}")
            continue
        for name in FIELDS:
            value = getattr(record, name)
            report.lines.append(f"  {name:13} {_show(value)}")
            if name in ("title", "published_at", "body") and not value:
                report.problems.append(f"{name} not found on {url}")
    return report
