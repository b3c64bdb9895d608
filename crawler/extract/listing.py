"""Links, dates and the next page from a category listing page; article links from an article page or a
sitemap, for portals whose listings cannot be paged."""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field

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
    widget_items: list[ListingItem] = field(default_factory=list)  # site-wide newest, not this listing's


def parse_listing(
    html: str | bytes, url: str, profile: SiteProfile, content_type: str | None = None
) -> Listing:
    """Article links in page order (canonical, article URLs only) and the next page's URL."""
    if profile.generic_listings:
        from crawler.discover import listed_articles

        links, next_url = listed_articles(html, url, profile.is_article_url)
        return Listing([ListingItem(i.url, i.text, i.date) for i in links], next_url)
    tree = parse_html(html, content_type)
    select = profile.selectors
    seen: set[str] = set()
    items = _items(tree, url, profile, select["listing_item"], seen)
    widget_items = _items(tree, url, profile, select["widget_item"], seen)
    nxt = [el for selector in select["listing_next"] for el in selector(tree)]
    next_url = resolve_url(url, nxt[0].get("href")) if nxt and nxt[0].get("href") else None
    return Listing(items, next_url, widget_items)


def _items(tree, url: str, profile: SiteProfile, selectors, seen: set[str]) -> list[ListingItem]:
    """The article entries the selectors find, each with its link, title and date; links in seen are passed."""
    select = profile.selectors
    items: list[ListingItem] = []
    for entry in (el for selector in selectors for el in selector(tree)):
        links = select["listing_item_link"][0](entry) or entry.xpath(".//a[@href]")
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
    return items


def article_links(
    html: str | bytes, url: str, profile: SiteProfile, content_type: str | None = None
) -> list[str]:
    """Links to other articles of the portal on an article page (related articles, links in the body, old
    URLs among them), canonical, in page order, each once."""
    tree = parse_html(html, content_type, plain=True)
    own = resolve_url(url, url)
    found: list[str] = []
    for href in tree.xpath("//body//a/@href"):
        link = resolve_url(url, href.strip())
        if link and link != own and link not in found and profile.is_article_url(link):
            found.append(link)
    return found


_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.IGNORECASE)
_LASTMOD = re.compile(r"<lastmod>\s*(\d{4}-\d\d-\d\d)", re.IGNORECASE)


def sitemap_newest(xml: bytes) -> str | None:
    """The newest <lastmod> day of a sitemap (YYYY-MM-DD), None when it gives none."""
    days = _LASTMOD.findall(xml.decode("utf-8", "replace"))
    return max(days) if days else None


def sitemap_urls(xml: bytes, url: str, profile: SiteProfile) -> list[str]:
    """Article URLs a sitemap lists (read by pattern, not by an XML parser: a sitemap is the site's, and
    entities in it are never expanded)."""
    text = xml.decode("utf-8", "replace")
    found = []
    for loc in _LOC.findall(text):
        link = resolve_url(url, html_module.unescape(loc))
        if link and profile.is_article_url(link):
            found.append(link)
    return list(dict.fromkeys(found))
