"""Links, dates and the next page from a category listing page."""

from __future__ import annotations

from dataclasses import dataclass

from crawler.extract.article import parse_html
from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.text import clean_text
from crawler.extract.urls import resolve_url
from crawler.sites import SiteProfile


@dataclass(frozen=True)
class ListingItem:
    """An article link as a listing shows it."""

    url: str
    title: str
    published_at: str | None


@dataclass(frozen=True)
class Listing:
    items: list[ListingItem]
    next_url: str | None


def parse_listing(
    html: str | bytes, url: str, profile: SiteProfile, content_type: str | None = None
) -> Listing:
    """Article links in page order (canonical, article URLs only) and the next page's URL."""
    tree = parse_html(html, content_type)
    select = profile.selectors
    items: list[ListingItem] = []
    seen: set[str] = set()
    for entry in select["listing_item"][0](tree):
        links = select["listing_item_link"][0](entry)
        if not links or not links[0].get("href"):
            continue
        href = resolve_url(url, links[0].get("href"))
        if href is None or not profile.is_article_url(href) or href in seen:
            continue
        seen.add(href)
        dates = select["listing_item_date"][0](entry)
        date = parse_vietnamese_date(clean_text(dates[0].text_content())) if dates else None
        items.append(
            ListingItem(href, clean_text(links[0].text_content()), date.isoformat() if date else None)
        )
    nxt = profile.selectors["listing_next"][0](tree)
    next_url = resolve_url(url, nxt[0].get("href")) if nxt and nxt[0].get("href") else None
    return Listing(items, next_url)
