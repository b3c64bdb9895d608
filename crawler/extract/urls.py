"""Canonical URLs: one URL per article, whatever link led to it."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters added by newsletters, social networks and ad platforms, never by the CMS.
_TRACKING = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|zarsrc|zaloid|_ga|_gl|mc_cid|mc_eid|igshid|ref|src"
    # Liferay's navigation state on asset links: the same article under many URLs.
    r"|redirect|inheritRedirect|p_p_[a-z_]+)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters or fragment, with a lowercase host and sorted query."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    cleaned = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )
    return canonicalize_url(cleaned, keep_fragments=False)


def resolve_url(base: str, href: str) -> str | None:
    """href made absolute against base and canonical, or None when it is no valid URL."""
    try:
        return canonical_url(urljoin(base, href))
    except ValueError:
        # Pages link to what urllib refuses (a port out of range, a broken IPv6 host): no link, not a crash.
        return None


def article_match(pattern: re.Pattern[str], url: str) -> re.Match[str] | None:
    """The article pattern's match on the URL's path, or on its path and query where the portal names its
    articles by a query parameter (SharePoint's ?ItemID=)."""
    parts = urlsplit(url)
    return pattern.search(parts.path) or (
        pattern.search(f"{parts.path}?{parts.query}") if parts.query else None
    )


def article_key(site: str, url: str, id_pattern: re.Pattern[str] | None = None) -> str:
    """A stable primary key: the portal's own article number where the URL carries one.

    The host and scheme are left out, so http/https links and a replica on any port give the same key.
    """
    if id_pattern is not None:
        match = article_match(id_pattern, url)
        if match:
            if match.groupdict().get("n"):
                return f"{site}-n{match.group('n')}"
            number = next((group for group in match.groups() if group), None)
            if number:
                return f"{site}-t{number}"
    parts = urlsplit(canonical_url(url))
    digest = hashlib.sha1(f"{parts.path}?{parts.query}".encode()).hexdigest()[:16]
    return f"{site}-{digest}"
