"""Article fields from one article page: pure functions over the parsed tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.etree import ParserError

from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.encoding import decode_html
from crawler.extract.entities import extract_entities
from crawler.extract.text import clean_text, join_paragraphs
from crawler.extract.urls import canonical_url, resolve_url
from crawler.sites import SiteProfile

# Tags whose text is one paragraph of the body.
_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre"}
# Containers walked through to reach their blocks.
_CONTAINERS = {"div", "section", "article", "ul", "ol", "tbody", "thead", "tr", "td", "span", "center"}
# A paragraph right after a photo this similar to its caption is the caption repeated.
_CAPTION_SIMILARITY = 0.6
# A short paragraph right after a photo, centred or all in italics, is a caption too.
_CAPTION_MAX_CHARS = 160


class ExtractionError(ValueError):
    """The page is not an article page this profile can read (no title, unparseable HTML)."""


@dataclass
class ArticleRecord:
    """One article as the archive stores it, with the entities named in it."""

    url: str
    site: str
    category: str | None
    title: str
    published_at: str | None
    lead: str | None
    body: str
    captions: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    source: str | None = None
    people: list[dict] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    extracted_by: str | None = None  # the profile's name, or "generic"

    def to_dict(self) -> dict:
        # Shallow: the lists already hold plain values and dicts (dataclasses.asdict deep-copies them, slowly).
        return {f.name: getattr(self, f.name) for f in fields(self)}


def parse_html(
    html: str | bytes, content_type: str | None = None, *, plain: bool = False
) -> lxml.html.HtmlElement:
    """Parse a page, decoding bytes with encoding checks; raise ExtractionError on garbage.

    plain gives lxml.etree elements instead of lxml.html's: half the cost of walking every element (no class
    lookup in Python for each), for readers that need no HtmlElement methods (the generic one).
    """
    text = decode_html(html, content_type)[0] if isinstance(html, bytes) else html
    # libxml2 keeps characters XML forbids, but lxml refuses them in any text it sets (drop_tree merging tails).
    text = _NOT_XML.sub("", text)
    try:
        # lxml refuses str input that carries an XML encoding declaration.
        if plain:
            tree = etree.fromstring(text.encode("utf-8"), _PLAIN_PARSER)
            if tree is None:
                raise ParserError("Document is empty")
            return tree
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}") from exc


# In the head only, where the link counts (search engines ignore one in the body); a scan of the whole tree
# cost 0.2 ms a page.
_CANONICAL = '/html/head/link[@rel="canonical"]/@href'
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
_PLAIN_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _first(tree: lxml.html.HtmlElement, selectors) -> lxml.html.HtmlElement | None:
    for selector in selectors:
        found = selector(tree)
        if found:
            return found[0]
    return None


def _text(el: lxml.html.HtmlElement | None) -> str:
    return clean_text(el.text_content()) if el is not None else ""


def _meta(tree: lxml.html.HtmlElement, prop: str) -> str:
    values = tree.xpath(f'//meta[@property="{prop}" or @name="{prop}"]/@content')
    return clean_text(values[0]) if values else ""


def page_url(html: str | bytes | etree._Element) -> str | None:
    """The page's own canonical URL (or og:url), for a saved page whose fetch URL is not known."""
    tree = html if isinstance(html, etree._Element) else parse_html(html, plain=True)
    for href in tree.xpath(_CANONICAL) + tree.xpath('/html/head/meta[@property="og:url"]/@content'):
        if href.strip().startswith(("http://", "https://")):
            return resolve_url("", href.strip())
    return None


def canonical_page_url(tree: lxml.html.HtmlElement, url: str) -> str:
    """The page's own canonical link when it points to the same host, else the fetched URL, cleaned."""
    hrefs = tree.xpath(_CANONICAL)
    if hrefs:
        try:
            candidate = urljoin(url, hrefs[0].strip())
            if urlsplit(candidate).netloc.lower() == urlsplit(url).netloc.lower():
                return canonical_url(candidate)
        except ValueError:
            pass  # a malformed canonical link (a port out of range, a broken IPv6 host) is no canonical link
    return canonical_url(url)


def _is_photo(el: lxml.html.HtmlElement) -> bool:
    return el.tag in ("table", "figure") or (el.tag in _TEXT_BLOCKS and bool(el.xpath(".//img")))


def _caption_styled(el: lxml.html.HtmlElement, text: str) -> bool:
    """Centred or wholly italic: how editors set a caption line apart from justified body text."""
    if "center" in (el.get("style") or "").replace(" ", "") or el.get("align") == "center":
        return True
    italic = "".join(clean_text(i.text_content()) for i in el.xpath("./em|./i"))
    return bool(text) and italic == text


def _blocks(el: lxml.html.HtmlElement, profile: SiteProfile) -> Iterator[tuple[str, str, str]]:
    """Yield ("text", paragraph, "styled" or "") and ("photo", caption, image src) in reading order."""
    for child in el.iterchildren():
        if not isinstance(child.tag, str):
            continue
        if child.tag == "img":
            yield "photo", clean_text(child.get("alt")), child.get("src") or ""
        elif _is_photo(child) and child.xpath(".//img"):
            caption_el = _first(child, profile.selectors["caption"])
            if caption_el is None and child.tag == "table":
                cells = [c for c in child.xpath(".//td") if not c.xpath(".//img")]
                caption_el = cells[0] if cells else None
            img = child.xpath(".//img")[0]
            yield "photo", _text(caption_el), img.get("src") or ""
        elif child.tag in _TEXT_BLOCKS:
            text = _text(child)
            yield "text", text, "styled" if _caption_styled(child, text) else ""
        elif child.tag in _CONTAINERS or child.tag == "table":
            has_blocks = any(
                isinstance(c.tag, str)
                and (c.tag in _TEXT_BLOCKS or c.tag in _CONTAINERS or c.tag in ("img", "figure", "table"))
                for c in child.iterchildren()
            )
            if has_blocks:
                yield from _blocks(child, profile)
            else:
                yield "text", _text(child), ""
        if child.tail and child.tail.strip():
            yield "text", clean_text(child.tail), ""


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= _CAPTION_SIMILARITY


def split_content(
    content: lxml.html.HtmlElement, profile: SiteProfile, url: str
) -> tuple[list[str], list[str], list[str]]:
    """Body paragraphs, captions and image URLs of the content element.

    A photo's caption often reappears as the paragraph under the image, sometimes reworded
    (a rank instead of a post): such a paragraph is a caption, not body text.
    """
    paragraphs: list[str] = []
    captions: list[str] = []
    images: list[str] = []
    last_caption: str | None = None
    for kind, text, extra in _blocks(content, profile):
        if kind == "photo":
            src = extra
            if src:
                try:
                    images.append(urljoin(url, src))
                except ValueError:
                    pass  # an image URL urllib refuses (a broken IPv6 host) is left out, not the page
            if text and text not in captions:
                captions.append(text)
            last_caption = text or None
            continue
        if not text:
            continue  # empty paragraphs (&nbsp;) do not end the photo's caption zone
        styled = extra == "styled" and len(text) <= _CAPTION_MAX_CHARS
        if last_caption is not None and (styled or _similar(text, last_caption)):
            if text not in captions:
                captions.append(text)
        else:
            paragraphs.append(text)
        last_caption = None
    return paragraphs, captions, images


def extract_article(
    html: str | bytes,
    url: str,
    profile: SiteProfile,
    *,
    content_type: str | None = None,
    with_entities: bool = True,
    tree: lxml.html.HtmlElement | None = None,
) -> ArticleRecord:
    """The article on one page; raise ExtractionError where the page has no title.

    tree is the page already parsed, when the caller has it (parts of it are removed).
    """
    tree = parse_html(html, content_type) if tree is None else tree
    for selector in profile.selectors["drop"]:
        for el in selector(tree):
            el.drop_tree()

    title = _text(_first(tree, profile.selectors["title"])) or _meta(tree, "og:title")
    if not title:
        raise ExtractionError(f"no title found on {url}")

    published = None
    date_el = _first(tree, profile.selectors["published"])
    for candidate in (_text(date_el), _meta(tree, "article:published_time")):
        published = parse_vietnamese_date(candidate) if candidate else None
        if published:
            break

    content = _first(tree, profile.selectors["content"])
    paragraphs, captions, images = (
        split_content(content, profile, url) if content is not None else ([], [], [])
    )
    crumbs = [clean_text(a.text_content()) for a in profile.selectors["breadcrumb"][0](tree)]
    record = ArticleRecord(
        url=canonical_page_url(tree, url),
        site=profile.name,
        # An empty last crumb (a link without text) is no category, as an empty lead is no lead.
        category=(crumbs[-1] or None) if len(crumbs) > 1 else None,
        title=title,
        published_at=published.isoformat() if published else None,
        lead=_text(_first(tree, profile.selectors["lead"])) or None,
        body=join_paragraphs(paragraphs),
        captions=captions,
        images=images,
        source=_text(_first(tree, profile.selectors["source"])) or None,
        extracted_by=profile.name,
    )
    if with_entities:
        add_entities(record)
    return record


def add_entities(record: ArticleRecord) -> ArticleRecord:
    """Fill the record's people, locations, organisations and documents from its text fields."""
    entities = extract_entities(record.title, record.lead, record.body, record.captions, record.published_at)
    record.people, record.locations = entities.people, entities.locations
    record.organisations, record.documents = entities.organisations, entities.documents
    return record
