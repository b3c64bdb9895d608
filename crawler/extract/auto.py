"""Which extractor reads a page: the profile of its host, a profile whose layout it has, or the generic one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract.article import ArticleRecord, ExtractionError, add_entities, extract_article, parse_html
from crawler.extract.generic import extract_generic
from crawler.extract.text import clean_text, join_paragraphs
from crawler.sites import SiteProfile, all_profiles, get_profile


def _host_profile(url: str) -> SiteProfile | None:
    host = (urlsplit(url).hostname or "").lower()
    return next((profile for profile in all_profiles() if host in profile.hosts), None)


_CLASS_NAMES = re.compile(r"\.([\w-]+)")


def _named(css: tuple[str, ...], html: str | bytes) -> bool:
    """Whether the raw page names a class of some selector: a substring search, where each selector is a scan
    of the whole tree. False is certain; True only means the selectors must be tried."""
    raw = html if isinstance(html, str) else html.decode("latin-1")
    return any(all(name in raw for name in _CLASS_NAMES.findall(selector)) for selector in css)


def _has_layout(profile: SiteProfile, tree: etree._Element, html: str | bytes) -> bool:
    """Whether the page has the profile's content and title elements."""
    return all(
        _named(css, html) and any(s(tree) for s in profile.selectors[group])
        for group, css in (("content", profile.content), ("title", profile.title))
    )


def _layout_profile(tree: etree._Element, html: str | bytes) -> SiteProfile | None:
    return next((profile for profile in all_profiles() if _has_layout(profile, tree, html)), None)


def _generic_date(html: str | bytes, url: str, content_type: str | None) -> str | None:
    try:
        return extract_generic(html, url, content_type=content_type).published_at
    except ExtractionError:
        return None  # the profile's record stands; the generic reading found no article to date


def _generic_refined(
    html: str | bytes, url: str, profile: SiteProfile, content_type: str | None, tree: etree._Element | None
) -> ArticleRecord:
    """A profile that knows no content element (what is recorded of a layout is not its markup): the generic
    reading, with the fields the profile does know (the lead) taken where its selectors find them."""
    tree = parse_html(html, content_type, plain=True) if tree is None else tree
    # Read before the generic reading changes the tree.
    leads = [el for selector in profile.selectors["lead"] for el in selector(tree)]
    lead = clean_text("".join(leads[0].itertext())) if leads else ""
    record = extract_generic(html, url, tree=tree)
    if lead:
        paragraphs = [p for p in record.body.split("\n\n") if p != lead]
        record.lead, record.body = lead, join_paragraphs(paragraphs)
    record.site, record.extracted_by = profile.site, profile.name
    return record


def _profile_or_generic(
    html: str | bytes,
    url: str,
    profile: SiteProfile | None,
    content_type: str | None,
    plain: etree._Element | None = None,
) -> tuple[ArticleRecord, str | None]:
    """The profile's reading of the page refined by the generic one, else the generic reading with the profile's
    failure (the layout changed under it). Raise ExtractionError when neither finds an article.

    A profile that finds no title or no body fails: a redesign keeps the host and the og:title, so a title
    alone proves nothing. Where its date selectors find nothing, the generic reading's date is taken.
    plain is the page already parsed plainly, for the generic reading, when the caller has it.
    """
    failure = None
    tree = plain
    if profile is not None and not profile.content:
        return add_entities(_generic_refined(html, url, profile, content_type, tree)), None
    if profile is not None and not _named(profile.content, html):
        # A redesigned page (the host's layout no longer the profile's): read generically from the start.
        failure = f"{profile.name} profile: no content where the profile looks for it on {url}"
        profile = None
    if profile is not None:
        tree = parse_html(html, content_type)  # a profile reads lxml.html elements
        if not any(s(tree) for s in profile.selectors["content"]):
            failure = f"{profile.name} profile: no content where the profile looks for it on {url}"
        else:
            try:
                record = extract_article(html, url, profile, with_entities=False, tree=tree)
                if not record.body:
                    raise ExtractionError(f"no article body where the profile looks for it on {url}")
                record.published_at = record.published_at or _generic_date(html, url, content_type)
                record.site = profile.site
                return add_entities(record), None
            except ExtractionError as exc:
                failure = f"{profile.name} profile: {exc}"
            tree = parse_html(
                html, content_type, plain=True
            )  # the profile's reading removed parts of the tree
    try:
        return add_entities(extract_generic(html, url, tree=tree)), failure
    except ExtractionError as exc:
        raise ExtractionError(f"{failure}; generic: {exc}" if failure else f"generic: {exc}") from exc


def extract_any(
    html: str | bytes, url: str, *, content_type: str | None = None, tree: etree._Element | None = None
) -> ArticleRecord:
    """The article on any page: by its profile where one fits, else generically (extracted_by 'generic').

    tree is the page already parsed plainly (parse_html(plain=True)), when the caller has it; it is changed
    while read. Parsed once for a page no profile knows: read for a layout, then generically.
    """
    tree = parse_html(html, content_type, plain=True) if tree is None else tree
    profile = _host_profile(url) or _layout_profile(tree, html)
    return _profile_or_generic(html, url, profile, content_type, tree)[0]


def extract_stored(html: str | bytes, url: str, site: str, content_type: str | None = None) -> ArticleRecord:
    """A stored page of a site read again: by the profile of whichever of the site's layouts the page has (a page
    stored before a redesign keeps its old layout), else by the site's profile. Raise ExtractionError when
    no reading finds an article."""
    tree = parse_html(html, content_type, plain=True)
    layouts = [p for p in all_profiles() if p.site == site and p.content]
    profile = next((p for p in layouts if _has_layout(p, tree, html)), None) or get_profile(site)
    record = _profile_or_generic(html, url, profile, content_type, tree)[0]
    record.site = profile.site
    return record


def extract_for_site(
    html: bytes, url: str, site: str, content_type: str | None = None
) -> tuple[dict, str | None]:
    """A crawled page of a known site as a plain dict, and the profile's failure where the generic extractor
    stood in for it (None when the profile read the page). Raise ExtractionError when neither can.

    Plain values in and out, so a worker process can run it.
    """
    try:
        profile = get_profile(site)
    except (
        KeyError
    ):  # a profile learned in the crawling process (crawler.learned): it reads pages generically
        record = add_entities(extract_generic(html, url, tree=parse_html(html, content_type, plain=True)))
        record.site = site
        return record.to_dict(), None
    record, failure = _profile_or_generic(html, url, profile, content_type)
    record.site = profile.site
    return record.to_dict(), failure
