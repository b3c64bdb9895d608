"""What a portal without a profile shows of its news, learned from its pages: the news categories its home page
links, how their listings page, and the shape of its article links. Pure functions over HTML; the fetching is
the caller's (check-site here, the spider later).

A listing is recognised by its content, not its markup: many links of one URL shape, each with a title's words and
a date beside it. Sections of documents, procedures, calendars and galleries are told by their names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import lxml.html

from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.text import clean_text
from crawler.extract.urls import article_match, resolve_url
from crawler.search import fold

# Sections beside the news, by words of their name or path (folded): legal documents, procedures, calendars,
# galleries, Q&A, introductions, other languages.
NON_NEWS = re.compile(
    r"\b(?:van ban|vbpl|thu tuc|dich vu cong|lich cong tac|lich lam viec|thu vien|album|albums|hinh anh|"
    r"video|videos|podcast|infographic|e magazine|emagazine|longform|megastory|hoi dap|hoi va dap|gioi thieu|"
    r"lien he|so do|english|tieng anh|du thao|gop y|tra cuu|co so du lieu|dang nhap|rss|sitemap|"
    r"to chuc bo may|chuc nang nhiem vu)\b"
)
HOME = re.compile(r"^(?:trang chu|home|trang nhat)$")
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?!\d)")
_NEXT_WORDS = {"trang sau", "tiep", "sau", "»", "›", ">", ">>", "next", "tiep theo", "xem tiep"}
_PAGE_PARAMS = ("page", "Page", "p", "_cur", "trang", "pageindex", "PageIndex", "pg", "cur")
MIN_ITEMS = 4  # dated links of one shape that make a page a listing
TITLE_WORDS = 4  # an article link's text is a headline, not "Xem thêm" or a page number


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    date: str | None  # the date written beside the link, ISO, or None


@dataclass
class ListingRead:
    """What one page shows as a listing: its article links (one URL shape), their pattern, the next page."""

    items: list[Link]
    article_pattern: str | None  # a regex on path?query, the article number as its first group
    next_url: str | None
    paging: str | None  # how the pages are addressed: "?page=", "/trang-{n}.htm" ... (for a person to read)
    dated: list[Link] = field(default_factory=list)  # every headline link with a date beside it, of any shape

    @property
    def is_listing(self) -> bool:
        return len([i for i in self.items if i.date]) >= MIN_ITEMS


@dataclass
class Discovery:
    """What was learned of a portal: its news categories with their listings, the article pattern, the cost."""

    start_url: str
    categories: list[dict] = field(default_factory=list)  # name, url, paging, items, next_url
    article_patterns: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # name, url, why
    requests: int = 0
    sitemap: str = ""  # the sitemap robots.txt names, where it names one

    def article_regex(self) -> re.Pattern[str] | None:
        if not self.article_patterns:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.article_patterns))

    def is_article_url(self, url: str) -> bool:
        regex = self.article_regex()
        return bool(regex and article_match(regex, url))


def _tree(html: str | bytes) -> lxml.html.HtmlElement:
    tree = lxml.html.document_fromstring(html or "<html></html>")
    for bad in tree.xpath("//script | //style | //noscript"):
        bad.drop_tree()
    return tree


def same_host(a: str | None, b: str | None) -> bool:
    """One portal whether or not its links write www."""
    return bool(a and b) and a.removeprefix("www.") == b.removeprefix("www.")


def _date_near(a: lxml.html.HtmlElement) -> str | None:
    """A date written in the link's own item: the nearest ancestor (up to 4 levels) that holds one, as long as
    that ancestor holds no other headline's link."""
    node = a
    for _ in range(4):
        node = node.getparent()
        if node is None:
            return None
        headlines = [x for x in node.iter("a") if len(clean_text(x.text_content()).split()) >= TITLE_WORDS]
        if len({x.get("href") for x in headlines}) > 1:
            return None
        match = _DATE.search(node.text_content())
        if match:
            parsed = parse_vietnamese_date(match.group(0))
            return parsed.value.date().isoformat() if parsed else None
    return None


def page_links(html: str | bytes, url: str) -> list[tuple[Link, lxml.html.HtmlElement]]:
    """Every link to the same site, absolute, with its text and the date beside it."""
    tree = _tree(html)
    found = []
    for a in tree.iter("a"):
        href = a.get("href")
        link = (
            resolve_url(url, href.strip())
            if href and not href.startswith(("javascript:", "mailto:", "#"))
            else None
        )
        if link and same_host(urlsplit(link).hostname, urlsplit(url).hostname):
            found.append((Link(link, clean_text(a.text_content()), None), a))
    return found


def in_other_section(url: str) -> bool:
    """A link under a section that is not news by its name (/lich-cong-tac/…, /van-ban/…), whatever its shape."""
    segments = [s for s in urlsplit(url).path.split("/") if s][:-1]
    return any(NON_NEWS.search(fold(s.replace("-", " ").replace("_", " "))) for s in segments)


def _shape_key(url: str) -> tuple:
    """Links of one kind share this: their number of path segments, extension and query parameter names."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    ext = last.rsplit(".", 1)[1].lower() if "." in last else ""
    return (len(segments), ext, tuple(sorted(k for k, _ in parse_qsl(parts.query))))


def _position_regex(values: list[str], numbered_elsewhere: bool = False) -> tuple[str, bool]:
    """A regex for one path segment (or query value) where links differ, and whether it holds the number.
    Beside a segment that is the number itself, a slug may be any text."""
    if all(v.isdigit() for v in values):
        return r"(\d+)", True
    ext = {v.rsplit(".", 1)[1] for v in values if "." in v}
    tail = re.escape("." + ext.pop()) if len(ext) == 1 and all("." in v for v in values) else ""
    if numbered_elsewhere:
        return r"[^/?&#]+?" + tail, False
    stems = [v.rsplit(".", 1)[0] if tail else v for v in values]
    # A headline's slug: words joined by hyphens (at least two), often ending with the article's number.
    words = r"(?:[^/?&#-]+-){2,}" if all(s.count("-") >= 2 for s in stems) else r"[^/?&#]*?"
    if all(re.search(r"\d+$", s) for s in stems):
        # What every link writes just before its number ("-t" in "...-t30144"), from the last hyphen on.
        before = _common_suffix([re.sub(r"\d+$", "", s) for s in stems])
        literal = re.escape(before[before.rfind("-") :]) if "-" in before else ""
        return words + r"[^/?&#]*?" + literal + r"(\d+)" + tail, True
    return words + r"[^/?&#]*" + tail, False


def _common_suffix(values: list[str]) -> str:
    shortest = min(values, key=len)
    n = 0
    while n < len(shortest) and all(v[len(v) - n - 1] == shortest[len(shortest) - n - 1] for v in values):
        n += 1
    return shortest[len(shortest) - n :]


def shape_pattern(urls: list[str]) -> str | None:
    """A regex (on path?query) matching these links of one shape and links like them: the parts they share
    literally, the parts that vary generalised, the article number as the first group."""
    if len(urls) < 2:
        return None
    split = [urlsplit(u) for u in urls]
    paths = [[s for s in p.path.split("/") if s] for p in split]
    pieces, numbered = [], False
    number_segment = any(
        len({p[i] for p in paths}) > 1 and all(p[i].isdigit() for p in paths) for i in range(len(paths[0]))
    )
    for i in range(len(paths[0])):
        values = [p[i] for p in paths]
        if len(set(values)) == 1:
            pieces.append(re.escape(values[0]))
        else:
            regex, has_number = _position_regex(
                values, number_segment and not all(v.isdigit() for v in values)
            )
            if numbered and has_number:
                regex = regex.replace(r"(\d+)", r"\d+")
            numbered = numbered or has_number
            pieces.append(regex)
    pattern = "^/" + "/".join(pieces)
    queries = [dict(parse_qsl(p.query)) for p in split]
    if queries[0]:
        parts = []
        for key in sorted(queries[0]):
            values = [q.get(key, "") for q in queries]
            if len(set(values)) == 1:
                parts.append(f"{re.escape(key)}={re.escape(values[0])}")
            else:
                regex, has_number = _position_regex(values)
                if numbered and has_number:
                    regex = regex.replace(r"(\d+)", r"\d+")
                numbered = numbered or has_number
                parts.append(f"{re.escape(key)}={regex}")
        pattern += r"\?" + "&".join(parts)
    return pattern + "$"


# A page number in a listing's path: /trang-2.htm, /trang/2, /page/2, /PhanTrang/<id>/2/<name>.html.
_PATH_PAGE = re.compile(r"(trang[-/]?|page[-/]?|PhanTrang/\d+/)(\d+)(?=[./]|$)", re.IGNORECASE)


def _listing_of(path: str) -> str:
    """The listing a path belongs to: without its page number (and what follows it) or its extension."""
    moved = _PATH_PAGE.search(path)
    stem = path[: moved.start(1)] if moved else path
    return re.sub(r"\.(?:htm|html|aspx)$", "", stem.rstrip("/")).rstrip("/")


def _paging(links: list[Link], url: str) -> tuple[str | None, str | None]:
    """The next page's URL and how pages are addressed, from the page's links: a link to this listing with a
    page number one above this page's, or a link named "Trang sau", "Tiếp", "»"."""
    here = urlsplit(url)
    here_query = dict(parse_qsl(here.query))
    listing = _listing_of(here.path)
    on_path = _PATH_PAGE.search(here.path)
    current = int(on_path.group(2)) if on_path else 1
    for key, value in here_query.items():
        if key in _PAGE_PARAMS and value.isdigit():
            current = int(value)
    by_number: dict[int, tuple[str, str]] = {}
    named = None
    for link in links:
        if link.url == url:
            continue
        parts = urlsplit(link.url)
        if parts.path == here.path:
            query = dict(parse_qsl(parts.query))
            for key in _PAGE_PARAMS:
                # The same listing: every other parameter as on this page (?ChuyenMucID=32&page=2, not 33).
                others = {k: v for k, v in query.items() if k != key}
                if query.get(key, "").isdigit() and others == {
                    k: v for k, v in here_query.items() if k != key
                }:
                    by_number.setdefault(int(query[key]), (link.url, f"?{key}="))
        elif (moved := _PATH_PAGE.search(parts.path)) and _listing_of(parts.path) == listing:
            template = parts.path[: moved.start(2)] + "{n}" + parts.path[moved.end(2) :]
            by_number.setdefault(int(moved.group(2)), (link.url, template))
        if fold(link.text).strip() in _NEXT_WORDS or link.text.strip() in _NEXT_WORDS:
            named = named or link.url
    if current + 1 in by_number:
        return by_number[current + 1]
    return (named, None) if named else (None, None)


def read_listing(html: str | bytes, url: str) -> ListingRead:
    """The page read as a listing: its most numerous dated headline links of one URL shape (the articles), the
    pattern of their URLs, and the next page."""
    found = page_links(html, url)
    links = [link for link, _ in found]
    dated: dict[tuple, dict[str, Link]] = defaultdict(dict)
    headlines: dict[str, Link] = {}
    for link, a in found:
        if len(link.text.split()) < TITLE_WORDS or link.url in headlines or in_other_section(link.url):
            continue
        date = _date_near(a)
        headlines[link.url] = Link(link.url, link.text, date)
        if date:  # a headline with its date: an article as listings show one
            dated[_shape_key(link.url)][link.url] = headlines[link.url]
    # The main shape must make a listing by itself; other dated shapes beside it (a second URL form of the same
    # CMS, an event section) are articles too.
    ranked = sorted(dated.values(), key=len, reverse=True)
    next_url, paging = _paging(links, url)
    every_dated = [link for link in headlines.values() if link.date]
    if not ranked or len(ranked[0]) < MIN_ITEMS:
        return ListingRead([], None, next_url, paging, every_dated)
    patterns = [p for g in ranked if len(g) >= 2 and (p := shape_pattern(list(g)))]
    pattern = "|".join(f"(?:{p})" for p in patterns) or None
    regex = re.compile(pattern) if pattern else None
    # Headlines of the same shapes listed without a date (an article the portal did not date) count too.
    items = [
        link for link in headlines.values()
        if (link.date or _shape_key(link.url) in dated) and regex and article_match(regex, link.url)
    ]  # fmt: skip
    return ListingRead(items, pattern, next_url, paging, every_dated)


def listed_articles(
    html: str | bytes, url: str, is_article: Callable[[str], bool]
) -> tuple[list[Link], str | None]:
    """A page of a listing already learned: every headline link of the portal's article pattern on it (a last
    page of two articles is still a listing), and the next page."""
    found = page_links(html, url)
    items: dict[str, Link] = {}
    for link, a in found:
        if (
            link.url not in items
            and len(link.text.split()) >= TITLE_WORDS
            and is_article(link.url)
            and not in_other_section(link.url)
        ):
            items[link.url] = Link(link.url, link.text, _date_near(a))
    return list(items.values()), _paging([link for link, _ in found], url)[0]


_MENU = re.compile(r"menu|nav|header|topbar|mega", re.IGNORECASE)


def _in_menu(a: lxml.html.HtmlElement) -> bool:
    """Whether a link sits in a menu: a nav element or a box whose class or id says menu or nav."""
    return any(
        el.tag in ("nav", "header") or _MENU.search((el.get("class") or "") + " " + (el.get("id") or ""))
        for el in a.iterancestors()
    )


def menu_candidates(html: str | bytes, url: str) -> tuple[list[Link], list[dict]]:
    """Links of the home page that may be news categories (short names, not articles), menu links first, and
    the ones set aside as other sections, with why."""
    candidates, skipped, seen = [], [], {url}
    found = page_links(html, url)
    found.sort(key=lambda pair: not _in_menu(pair[1]))  # stable: the page's order within each
    for link, _ in found:
        if link.url in seen or not link.text:
            continue
        seen.add(link.url)
        words = link.text.split()
        if len(words) > 8:
            continue  # a headline, not a section
        path = urlsplit(link.url).path
        name = fold(link.text) + " " + fold(path.replace("-", " ").replace("/", " "))
        if NON_NEWS.search(name) or path.lower().startswith("/en/") or path.lower() == "/en":
            skipped.append({"name": link.text, "url": link.url, "why": "not news (its name)"})
            continue
        if HOME.search(fold(link.text)):
            skipped.append({"name": link.text, "url": link.url, "why": "the home page"})
            continue
        candidates.append(link)
    return candidates, skipped


def discover(start_url: str, fetch: Callable[[str], bytes | None], max_candidates: int = 60) -> Discovery:
    """Learn the portal's news categories from its home page: each menu link is fetched once and kept when it
    reads as a listing; the listings' article links give the article pattern. `fetch` returns a page's bytes
    or None (refused by robots.txt, an error)."""
    result = Discovery(start_url)
    home = fetch(start_url)
    result.requests += 1
    if home is None:
        return result
    candidates, result.skipped = menu_candidates(home, start_url)
    by_shape: dict[tuple, set[str]] = defaultdict(set)
    listed: set[frozenset] = set()
    items_of: dict[str, frozenset] = {}
    for link in candidates[:max_candidates]:
        page = fetch(link.url)
        result.requests += 1
        if page is None:
            result.skipped.append({"name": link.text, "url": link.url, "why": "not fetched"})
            continue
        read = read_listing(page, link.url)
        if not read.is_listing or not read.article_pattern:
            result.skipped.append(
                {"name": link.text, "url": link.url, "why": "not a listing of dated articles"}
            )
            continue
        urls = frozenset(i.url for i in read.items)
        if urls in listed:
            result.skipped.append({"name": link.text, "url": link.url, "why": "the same articles as another"})
            continue
        listed.add(urls)
        items_of[link.url] = urls
        for item in read.dated:
            by_shape[_shape_key(item.url)].add(item.url)
        result.categories.append(
            {
                "name": link.text,
                "url": link.url,
                "paging": read.paging,
                "next_url": read.next_url,
                "items": len(read.items),
                "sample": read.items[0].url,
                "pattern": read.article_pattern,
            }  # fmt: skip
        )
    # A hub ("Tin tức và sự kiện") shows the newest of the categories and has no pages of its own: nothing a
    # nightly run would miss without it.
    for category in list(result.categories):
        others = set().union(*(items_of[c["url"]] for c in result.categories if c is not category))
        if not category["next_url"] and items_of[category["url"]] <= others:
            result.categories.remove(category)
            result.skipped.append(
                {"name": category["name"], "url": category["url"], "why": "a hub of the others"}
            )
    # Every shape of dated headline links seen on two or more of the listings' links: a section's articles
    # appear one to a page (an event section), the main shape on every page.
    shapes = sorted(by_shape.values(), key=len, reverse=True)
    patterns = [p for urls in shapes if len(urls) >= 2 and (p := shape_pattern(sorted(urls)))]
    # A shape that also matches a listing is the listings' own links (a sidebar of dated sections), not articles.
    result.article_patterns = [
        p for p in patterns if not any(article_match(re.compile(p), c["url"]) for c in result.categories)
    ]
    return result
