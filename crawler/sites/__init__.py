"""Site profiles: what differs from one portal to the next, declared as data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from lxml.cssselect import CSSSelector

from crawler.extract.urls import article_match


@dataclass(frozen=True)
class Category:
    """A news category and the path of its listing (page number appended as a query parameter)."""

    key: str
    name: str
    listing_path: str


@dataclass(frozen=True)
class SiteProfile:
    """Everything the spider and the extractor know about one portal's layout."""

    name: str
    base_url: str
    hosts: tuple[str, ...]
    categories: tuple[Category, ...]
    page_param: str | None  # None: listings cannot be paged without running the site's script
    article_path: re.Pattern[str]  # the first group that matches is the article's number; a group named n a
    # number of another kind (a publication time), keyed apart
    # Selectors; a part left empty is one the profile does not know (read generically, or not at all).
    listing_item: str = ""  # one article entry on a listing page; the two below are inside it
    listing_item_link: str = ""
    listing_item_date: str = ""
    listing_next: str = ""
    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    content: tuple[str, ...] = ()
    caption: str = ""
    source: tuple[str, ...] = ()
    breadcrumb: str = ""
    drop: tuple[str, ...] = field(default=("script", "style", "noscript", "iframe", "form"))
    # The portal this profile reads, where it is one of several layouts of it (the archive's `site` and the
    # prefix of article keys, so that an archive goes on across a redesign); default: the profile's name.
    portal: str = ""
    # Site-wide lists of the newest articles on listing pages and the home page ("Tin tức mới cập nhật").
    widget_item: str = ""
    # Where a backfill finds article links besides the listings: the sitemap, and the links between articles
    # (related articles, links in bodies), walked back until known articles.
    sitemap_path: str = ""
    walk_articles: bool = False
    # A profile learned from the portal's pages (crawler.learned): its listings are read generically
    # (crawler.discover.read_listing), their pages followed through the links they show.
    generic_listings: bool = False

    @property
    def unpaged(self) -> bool:
        """Listings that cannot be paged without running the site's script: only their first page is seen."""
        return self.page_param is None and not self.generic_listings

    @property
    def site(self) -> str:
        """The portal's name in the archive: articles keep their site and key whichever layout was read."""
        return self.portal or self.name

    def listing_url(self, base_url: str, category: Category, page: int = 1) -> str:
        """The listing page URL of a category, 1-based (the only page where listings cannot be paged)."""
        if self.page_param is None:
            return f"{base_url.rstrip('/')}{category.listing_path}"
        joint = "&" if "?" in category.listing_path else "?"
        return f"{base_url.rstrip('/')}{category.listing_path}{joint}{self.page_param}={page}"

    def is_article_url(self, url: str) -> bool:
        """True for a link to an article page on this portal (any host serving it)."""
        return article_match(self.article_path, url) is not None

    @cached_property
    def selectors(self) -> dict[str, list[CSSSelector]]:
        """CSS selectors compiled once per profile."""
        groups = {
            "title": self.title,
            "published": self.published,
            "lead": self.lead,
            "content": self.content,
            "source": self.source,
            "caption": (self.caption,),
            "breadcrumb": (self.breadcrumb,),
            "listing_item": (self.listing_item,),
            "listing_item_link": (self.listing_item_link,),
            "listing_item_date": (self.listing_item_date,),
            "listing_next": (self.listing_next,),
            "widget_item": (self.widget_item,),
            "drop": self.drop,
        }
        # An empty selector is a part the layout has not (or that is not known): nothing to look for.
        return {key: [CSSSelector(css) for css in value if css] for key, value in groups.items()}


# Profiles learned in this process (crawler.learned), found by name like the registered ones.
_LEARNED: dict[str, SiteProfile] = {}


def register_learned(profile: SiteProfile) -> None:
    _LEARNED[profile.name] = profile
    get_profile.cache_clear()


def all_profiles() -> tuple[SiteProfile, ...]:
    """Every registered site profile."""
    from crawler.sites.bocongan import BOCONGAN, BOCONGAN_2024
    from crawler.sites.congan_tinh import CONGAN_TINH

    return (BOCONGAN, BOCONGAN_2024, CONGAN_TINH)


@cache  # looked up for every stored item
def get_profile(name: str) -> SiteProfile:
    """The profile registered under name; a clear error for an unknown site."""
    profiles = {**_LEARNED, **{profile.name: profile for profile in all_profiles()}}
    try:
        return profiles[name]
    except KeyError:
        raise KeyError(f"unknown site {name!r}; known sites: {', '.join(sorted(profiles))}") from None
