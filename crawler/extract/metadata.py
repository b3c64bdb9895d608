"""What a page says about itself in machine-readable form: <title>, Open Graph, JSON-LD, meta and time dates.

These are signals for the generic reading, never taken blindly: a <title> carries the site's name, an og:title
may be an older wording, and a JSON-LD date may be UTC (converted here to Vietnam time).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from crawler.extract.dates import ParsedDate, parse_vietnamese_date
from crawler.extract.text import clean_text

# Separators between an article's title and the site's name in a <title> or og:title.
_SITE_SEPARATORS = re.compile(r"\s+(?:[-|–—:»]|::)\s+")
# meta names and properties that carry a publication date (lower case).
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
)  # not a bare "date": some CMSs stamp it with the day the page was served
_ARTICLE_TYPES = ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle")


@dataclass
class PageMetadata:
    """The page's own statements about the article; every field may be empty."""

    title: str = ""  # <title>
    og_title: str = ""
    ld_headline: str = ""
    site_name: str = ""
    published: ParsedDate | None = None  # JSON-LD datePublished, else a date meta, in Vietnam time
    section: str = ""  # article:section or JSON-LD articleSection
    titles: list[str] = field(default_factory=list)  # every title statement, site names removed


def _json_items(data: object) -> list[dict]:
    """Every object of a JSON-LD document, through lists and @graph."""
    if isinstance(data, list):
        return [item for entry in data for item in _json_items(entry)]
    if isinstance(data, dict):
        return [data, *_json_items(data.get("@graph", []))]
    return []


def _is_article(item: dict) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _text(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def read_json_ld(tree: etree._Element) -> list[dict]:
    """The page's JSON-LD objects; a script that is not valid JSON is skipped (portals ship broken ones)."""
    items: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            items += _json_items(json.loads(script.text or ""))
        except (ValueError, RecursionError):
            continue
    return items


def strip_site_name(title: str, site_names: tuple[str, ...] = ()) -> str:
    """A <title> or og:title without the site's name: the longest part between separators, unless a part is
    a known site name, which is dropped wherever it stands."""
    parts = [p for p in _SITE_SEPARATORS.split(clean_text(title)) if p]
    if len(parts) < 2:
        return clean_text(title)
    named = [p for p in parts if p.casefold() not in {s.casefold() for s in site_names if s}]
    if named and len(named) < len(parts):
        return " - ".join(named)
    return max(parts, key=len)


def read_metadata(tree: etree._Element) -> PageMetadata:
    """The page's metadata, read before scripts are removed from the tree."""
    meta: dict[str, str] = {}
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and key not in meta:
            meta[key] = el.get("content") or ""
    found = PageMetadata(
        title=clean_text(tree.findtext(".//title") or ""),
        og_title=clean_text(meta.get("og:title") or meta.get("twitter:title")),
        site_name=clean_text(meta.get("og:site_name") or meta.get("application-name")),
        section=clean_text(meta.get("article:section")),
    )
    ld_date = ""
    for item in read_json_ld(tree):
        if not _is_article(item):
            if not found.site_name and item.get("@type") in ("WebSite", "Organization"):
                found.site_name = _text(item.get("name"))
            continue
        found.ld_headline = found.ld_headline or _text(item.get("headline") or item.get("name"))
        ld_date = ld_date or _text(item.get("datePublished") or item.get("dateCreated"))
        section = item.get("articleSection")
        found.section = found.section or _text(
            section[0] if isinstance(section, list) and section else section
        )
    for candidate in [ld_date, *(meta.get(name, "") for name in _DATE_METAS)]:
        found.published = parse_vietnamese_date(candidate) if candidate else None
        if found.published:
            break
    names = (found.site_name,)
    found.titles = [strip_site_name(t, names) for t in (found.og_title, found.ld_headline, found.title) if t]
    return found
