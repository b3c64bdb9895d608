"""Which extractor reads a page: the profile of its host, a profile whose layout it has, or the generic one."""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.extract.article import ArticleRecord, ExtractionError, add_entities, extract_article, parse_html
from crawler.extract.generic import extract_generic
from crawler.sites import SiteProfile, all_profiles, get_profile


def profile_for(html: str | bytes, url: str, content_type: str | None = None) -> SiteProfile | None:
    """The profile whose host serves the URL, else the one whose title and content selectors match the page."""
    host = (urlsplit(url).hostname or "").lower()
    for profile in all_profiles():
        if host in profile.hosts:
            return profile
    tree = parse_html(html, content_type)
    for profile in all_profiles():
        found = [any(s(tree) for s in profile.selectors[k]) for k in ("title", "content")]
        if all(found):
            return profile
    return None


def _refined(html: str | bytes, url: str, profile: SiteProfile, content_type: str | None) -> ArticleRecord:
    """The profile's reading, with the generic reading's date where the profile's date selectors found none.

    Raise ExtractionError where the profile finds no title or no body: its layout is not this page's (a
    redesign keeps the host and the og:title, so a title alone proves nothing).
    """
    record = extract_article(html, url, profile, content_type=content_type, with_entities=False)
    if not record.body:
        raise ExtractionError(f"no article body where the profile looks for it on {url}")
    if record.published_at is None:
        try:
            record.published_at = extract_generic(html, url, content_type=content_type).published_at
        except ExtractionError:
            pass  # the profile's record stands; the generic reading found no article to date
    return record


def _profile_or_generic(
    html: str | bytes, url: str, profile: SiteProfile | None, content_type: str | None
) -> tuple[ArticleRecord, str | None]:
    """The profile's reading of the page refined by the generic one, else the generic reading with the profile's
    failure (the layout changed under it). Raise ExtractionError when neither finds an article."""
    failure = None
    if profile is not None:
        try:
            return add_entities(_refined(html, url, profile, content_type)), None
        except ExtractionError as exc:
            failure = f"{profile.name} profile: {exc}"
    try:
        return add_entities(extract_generic(html, url, content_type=content_type)), failure
    except ExtractionError as exc:
        raise ExtractionError(f"{failure}; generic: {exc}" if failure else f"generic: {exc}") from exc


def extract_any(html: str | bytes, url: str, *, content_type: str | None = None) -> ArticleRecord:
    """The article on any page: by its profile where one fits, else generically (extracted_by 'generic')."""
    return _profile_or_generic(html, url, profile_for(html, url, content_type), content_type)[0]


def extract_for_site(
    html: bytes, url: str, site: str, content_type: str | None = None
) -> tuple[dict, str | None]:
    """A crawled page of a known site as a plain dict, and the profile's failure where the generic extractor
    stood in for it (None when the profile read the page). Raise ExtractionError when neither can.

    Plain values in and out, so a worker process can run it.
    """
    record, failure = _profile_or_generic(html, url, get_profile(site), content_type)
    record.site = site
    return record.to_dict(), failure
