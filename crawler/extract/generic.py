"""A record for a page no profile knows, from trafilatura, with the date taken after the title.

trafilatura (and htmldate) take a portal's header "today" date when its class contains "date",
so the publication date is read from the elements right after the h1 first.
"""

from __future__ import annotations

from datetime import datetime

import lxml.html

from crawler.extract.article import ArticleRecord, ExtractionError, canonical_page_url, parse_html
from crawler.extract.dates import VN_TZ, parse_vietnamese_date
from crawler.extract.encoding import decode_html
from crawler.extract.text import clean_text, join_paragraphs

MIN_BODY_CHARS = 200


def _date_after_title(tree: lxml.html.HtmlElement) -> str | None:
    """The first date in the few elements that follow the page's h1 (where portals print the date line)."""
    headings = tree.xpath("//h1")
    if not headings:
        return None
    for el in headings[0].itersiblings():
        if not isinstance(el.tag, str):
            continue
        parsed = parse_vietnamese_date(clean_text(el.text_content())[:200])
        if parsed:
            return parsed.isoformat()
        if el.xpath(".//p") and len(el.text_content()) > 300:
            break  # reached the body
    return None


def extract_generic(html: str | bytes, url: str, *, content_type: str | None = None) -> ArticleRecord:
    """The article on a page of unknown layout; raises ExtractionError where no title or text is found."""
    import trafilatura  # imported here: most runs never need it

    text = decode_html(html, content_type)[0] if isinstance(html, bytes) else html
    tree = parse_html(text)
    if not tree.xpath("//h1") and not tree.xpath('//meta[@property="og:title"]'):
        raise ExtractionError(f"no article heading on {url}")  # error and index pages have none
    document = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False)
    if document is None or not document.title:
        raise ExtractionError(f"no article found on {url}")
    title = clean_text(document.title)
    lines = [clean_text(line) for line in (document.text or "").split("\n")]
    paragraphs = [line for line in lines if line and line != title]
    if sum(map(len, paragraphs)) < MIN_BODY_CHARS:
        raise ExtractionError(f"no article text on {url}")  # an error or index page, not an article
    published = _date_after_title(tree)
    if published is None and document.date and document.date != datetime.now(VN_TZ).date().isoformat():
        published = document.date  # trafilatura's, unless it is today's date from the page header
    return ArticleRecord(
        url=canonical_page_url(tree, url),
        site="generic",
        # A category of only spaces is none: the archive keeps None, never "", for an absent field.
        category=(clean_text(document.categories[0]) or None) if document.categories else None,
        title=title,
        published_at=published,
        lead=None,
        body=join_paragraphs(paragraphs),
        extracted_by="generic",
    )
