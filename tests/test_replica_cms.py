"""The three CMS replicas (SharePoint, older ASP.NET, plain .htm) over real HTTP: what a crawler without a profile meets.

Each portal must be whole and honest: the home page leads to every news category, each category's own paging
links reach each of its articles once, every truth URL is an article page with its title, the sections beside the
news answer and are not in the truth, nothing linked is broken, and the traps the modules describe are really there.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import lxml.html
import pytest

from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.text import clean_text
from crawler.replica.aspnet import PORTAL_NAME as ASPNET_NAME
from crawler.replica.aspnet import AspNetPortal
from crawler.replica.base import VN
from crawler.replica.plainhtm import PlainHtmPortal
from crawler.replica.server import ReplicaServer
from crawler.replica.sharepoint import SharePointPortal
from crawler.sites import Category
from tests.conftest import fetch

TODAY = datetime(2025, 11, 19, 8, 30, tzinfo=VN)
ARTICLES = 150
SKIPPED_LINKS = ("javascript:", "mailto:", "#")


def sharepoint_page(url: str, category: Category) -> int | None:
    """The listing page a SharePoint URL shows: the listing's path (any case) with no query but ?page=N."""
    parts = urlsplit(url)
    if parts.path.lower() != category.listing_path.lower():
        return None
    query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
    if set(query) - {"page"}:
        return None
    return int(query.get("page", "1"))


def path_page(suffix: str) -> Callable[[str, Category], int | None]:
    """The listing page of a portal paged by path: <listing><suffix> is page 1, <listing>/trang-<n><suffix> page n."""

    def page_of(url: str, category: Category) -> int | None:
        parts = urlsplit(url)
        if parts.query:
            return None
        if parts.path == category.listing_path:
            return 1
        stem = re.escape(category.listing_path.removesuffix(suffix))
        m = re.fullmatch(rf"{stem}/trang-(\d+){re.escape(suffix)}", parts.path)
        return int(m[1]) if m else None

    return page_of


def sharepoint_missing(portal: SharePointPortal) -> list[str]:
    listing = portal.profile.categories[0].listing_path
    other = next(e for e in portal.entries if e.category != portal.profile.categories[0])
    return [
        "/tintuc/Pages/khong-co.aspx",
        f"{listing}?ItemID={other.id}",  # an article asked for on another category's path
        f"{listing}?ItemID=1",
        f"{listing}?ItemID=abc",
        "/van-ban/Pages/chi-tiet-van-ban.aspx?ItemID=99999",
        "/tintuc/Pages/lich-cong-tac.aspx?ItemID=99999",
        "/en/Pages/khong-co.aspx",
    ]


def aspnet_missing(portal: AspNetPortal) -> list[str]:
    category = portal.profile.categories[0]
    entry = portal.entries[0]
    return [
        f"{category.listing_path.removesuffix('.aspx')}/trang-{portal.last_page(category) + 1}.aspx",
        f"{category.listing_path.removesuffix('.aspx')}/trang-0.aspx",
        "/vn/chuyen-muc/999/khong-co.aspx",
        f"/vn/tin-tuc/{entry.id}/sai-duong-dan.aspx",
        "/vn/tin-tuc/1/bai-khong-co.aspx",
        "/vn/in-bai/1.aspx",
        "/vn/lich-cong-tac/tuan-1-1999.aspx",
    ]


def plainhtm_missing(portal: PlainHtmPortal) -> list[str]:
    category = portal.profile.categories[0]
    entry = portal.entries[0]
    return [
        f"{category.listing_path.removesuffix('.htm')}/trang-{portal.last_page(category) + 1}.htm",
        f"{category.listing_path.removesuffix('.htm')}/trang-0.htm",
        "/tin-tuc-va-su-kien/khong-co.htm",
        entry.path.replace(f"-{entry.id}.htm", f"-{entry.id + 1}.htm"),
        f"/tin-tuc-va-su-kien/{portal.profile.categories[1].key}/bai-sai-{entry.id}.htm",
        "/van-ban-phap-luat/van-ban-sai-1201.htm",
        "/tin-tuc-va-su-kien/lich-cong-tac/trang-2.htm",
    ]


@dataclass(frozen=True)
class Case:
    """What the tests need to know about one replica besides its own interface."""

    portal: type
    page_of: Callable[[str, Category], int | None]
    sections: tuple[str, ...]  # roots of the sections beside the news, linked from every page
    english: str
    missing: Callable[[object], list[str]]
    main_column: str  # the page's main column, around the article
    items_beside: tuple[str, ...]  # how the items of those sections begin (path and query)
    robots_disallowed: tuple[str, ...] = ()


CASES = {
    "sharepoint": Case(
        SharePointPortal,
        sharepoint_page,
        (
            "/van-ban/Pages/default.aspx",
            "/thu-tuc-hanh-chinh/Pages/default.aspx",
            "/tintuc/Pages/lich-cong-tac.aspx",
            "/thu-vien-anh/Pages/default.aspx",
            "/video/Pages/default.aspx",
        ),
        "/en/Pages/default.aspx",
        sharepoint_missing,
        "td.col-main",
        (
            "/van-ban/Pages/chi-tiet-van-ban.aspx?ItemID=",
            "/van-ban/Documents/",
            "/thu-tuc-hanh-chinh/Pages/chi-tiet-thu-tuc.aspx?ItemID=",
            "/tintuc/Pages/lich-cong-tac.aspx?ItemID=",
            "/thu-vien-anh/Pages/album.aspx?ItemID=",
            "/video/Pages/chi-tiet-video.aspx?ItemID=",
        ),
        ("/_layouts/15/settings.aspx", "/_vti_bin/lists.asmx"),
    ),
    "aspnet": Case(
        AspNetPortal,
        path_page(".aspx"),
        (
            "/vn/chuyen-muc/870/van-ban-phap-luat.aspx",
            "/vn/chuyen-muc/872/thu-tuc-hanh-chinh.aspx",
            "/vn/lich-cong-tac.aspx",
            "/vn/thu-vien-anh.aspx",
            "/vn/video.aspx",
        ),
        "/en/home.aspx",
        aspnet_missing,
        "td#tdContent",
        (
            "/vn/van-ban/",
            "/Upload/VanBan/",
            "/vn/thu-tuc/",
            "/vn/lich-cong-tac/tuan-",
            "/vn/album/",
            "/vn/video/",
            "/vn/in-bai/",
        ),
        ("/vn/in-bai/40512.aspx",),
    ),
    "plainhtm": Case(
        PlainHtmPortal,
        path_page(".htm"),
        (
            "/van-ban-phap-luat.htm",
            "/thu-tuc-hanh-chinh.htm",
            "/tin-tuc-va-su-kien/lich-cong-tac.htm",
            "/thu-vien-anh.htm",
            "/video.htm",
        ),
        "/en/home.htm",
        plainhtm_missing,
        "td.col-main",
        (
            "/van-ban-phap-luat/",
            "/Upload/van-ban/",
            "/thu-tuc-hanh-chinh/",
            "/tin-tuc-va-su-kien/lich-cong-tac/",
            "/thu-vien-anh/",
            "/video/",
        ),
        ("/admin/", "/tim-kiem.htm?q=x"),
    ),
}


@dataclass
class Site:
    name: str
    case: Case
    server: ReplicaServer

    @property
    def portal(self):
        return self.server.portal

    @property
    def base(self) -> str:
        return self.server.base_url

    def truth(self) -> list[dict]:
        return self.portal.truth(self.base)


@pytest.fixture(scope="module", params=sorted(CASES))
def site(request) -> Site:
    case = CASES[request.param]
    server = ReplicaServer(case.portal(articles=ARTICLES, today=TODAY))
    server.start_background()
    yield Site(request.param, case, server)
    server.shutdown()
    server.server_close()


def tree_of(url: str):
    page = fetch(url)
    assert page.status == 200, url
    return lxml.html.document_fromstring(page.body), page


def links(tree, url: str, host: str) -> list[str]:
    """Every link on the page to the same host, absolute, without fragment, in page order."""
    found = []
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(SKIPPED_LINKS):
            continue
        absolute = urldefrag(urljoin(url, href))[0]
        if urlsplit(absolute).netloc == host:
            found.append(absolute)
    return found


@dataclass
class Walk:
    status: dict[str, int]  # every URL reached from the home page: its status
    linked_from: dict[str, str]  # a page that links it


@pytest.fixture(scope="module")
def walk(site: Site) -> Walk:
    """The whole site walked from its home page through every same-host link, the way a crawler meets it."""
    host = urlsplit(site.base).netloc
    start = site.base + "/"
    status: dict[str, int] = {}
    linked_from = {start: "(start)"}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in status:
            continue
        page = fetch(url)
        status[url] = page.status
        if page.status != 200 or not page.headers.get("Content-Type", "").startswith("text/html"):
            continue
        for link in links(lxml.html.document_fromstring(page.body), url, host):
            if link not in status and link not in linked_from:
                linked_from[link] = url
                queue.append(link)
    assert len(status) < 2000, "the walk does not end: the site has endless links"
    return Walk(status, linked_from)


def walk_listing(site: Site, category: Category) -> dict[int, tuple[str, list[str]]]:
    """Each listing page's URL and article links, reached from the bare listing only through the pages' own links."""
    profile, page_of = site.portal.profile, site.case.page_of
    host = urlsplit(site.base).netloc
    items: dict[int, tuple[str, list[str]]] = {}
    queue = [site.base + category.listing_path]
    while queue:
        url = queue.pop(0)
        number = page_of(url, category)
        if number in items:
            continue  # page 1 is linked both bare and as page 1
        tree, _ = tree_of(url)
        items[number] = (
            url,
            [
                urljoin(url, a.get("href"))
                for item in tree.cssselect(profile.listing_item)
                for a in item.cssselect(profile.listing_item_link)
            ],
        )
        for link in links(tree, url, host):
            found = page_of(link, category)
            if found is not None and found not in items:
                queue.append(link)
    return items


def date_forms(d) -> list[str]:
    """The ways a portal may write a day."""
    return [
        f"{d:%d/%m/%Y}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d:%d-%m-%Y}",
        f"{d.day} tháng {d.month} năm {d.year}",
    ]


# -- the shape of each portal --------------------------------------------------------------------


def test_truth_is_the_news_with_undated_and_date_only_articles(site):
    truth = site.truth()
    portal = site.portal
    assert len(truth) == ARTICLES
    assert len({t["url"] for t in truth}) == ARTICLES
    assert 3 <= len(portal.profile.categories) <= 4
    assert {t["category"] for t in truth} == {c.name for c in portal.profile.categories}
    assert all(t["title"] and t["body"] and t["source"] and t["people"] is not None for t in truth)
    assert 0 < sum(bool(t["captions"]) for t in truth) < ARTICLES
    assert 0 < sum(t["lead"] is None for t in truth) < ARTICLES // 4
    undated = [t for t in truth if t["published_at"] is None]
    assert 0.05 <= len(undated) / ARTICLES <= 0.15
    assert {t["quirk"] for t in undated} == {"undated"}
    dated = [t["published_at"] for t in truth if t["published_at"]]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:00\+07:00)?", d) for d in dated)
    date_only = sum(len(d) == 10 for d in dated)
    assert (date_only > 0) == (site.name == "plainhtm")
    for c in portal.profile.categories:
        # Enough articles in each category for its listing to have several pages.
        assert portal.last_page(c) >= 2, c.key


def test_building_is_fast_and_deterministic():
    for case in CASES.values():
        started = time.perf_counter()
        a = case.portal(articles=ARTICLES, today=TODAY)
        truth = a.truth("http://h")
        assert time.perf_counter() - started < 2  # about 0.1 s on a quiet machine
        b = case.portal(articles=ARTICLES, today=TODAY)
        assert b.truth("http://h") == truth
        entry, category = a.entries[ARTICLES // 2], a.profile.categories[1]
        for path in ("/robots.txt", category.listing_path, entry.path, case.sections[0], case.english):
            assert a.respond(path, "h") == b.respond(path, "h"), path
        assert case.portal(articles=ARTICLES + 1, today=TODAY).truth("http://h") != truth


# -- home page and listings ----------------------------------------------------------------------


def test_home_page_links_every_news_category_and_every_section(site):
    tree, _ = tree_of(site.base + "/")  # SharePoint answers / with a redirect to /Pages/default.aspx
    hrefs = set(links(tree, site.base + "/", urlsplit(site.base).netloc))
    for category in site.portal.profile.categories:
        assert site.base + category.listing_path in hrefs, category.key
    for path in (*site.case.sections, site.case.english):
        assert site.base + path in hrefs, path


def test_each_listing_reaches_each_of_its_articles_once_through_its_own_paging_links(site):
    portal = site.portal
    truth_urls = {t["url"] for t in site.truth()}
    for category in portal.profile.categories:
        pages = walk_listing(site, category)
        assert sorted(pages) == list(range(1, portal.last_page(category) + 1)), category.key
        found = [url for number in sorted(pages) for url in pages[number][1]]
        expected = [site.base + e.path for e in portal.by_category[category.key]]
        assert [url for url, n in Counter(found).items() if n > 1] == []
        assert found == expected  # newest first, each once, nothing from the sidebars
        assert set(found) <= truth_urls
        assert all(pages[n][1] for n in pages)


def test_listings_show_a_date_for_every_item_even_undated_articles(site):
    portal, profile = site.portal, site.portal.profile
    for entry in [e for e in portal.entries if not e.dated][:5]:
        pages = walk_listing(site, entry.category)
        [(url, _)] = [(url, items) for url, items in pages.values() if site.base + entry.path in items]
        tree, _ = tree_of(url)
        [item] = [
            item
            for item in tree.cssselect(profile.listing_item)
            if urljoin(url, item.cssselect(profile.listing_item_link)[0].get("href"))
            == site.base + entry.path
        ]
        [date] = item.cssselect(profile.listing_item_date)
        assert f"{entry.published:%d/%m/%Y}" in date.text_content()


# -- articles ------------------------------------------------------------------------------------


def test_every_truth_url_is_an_article_page_with_its_title_date_and_body(site):
    portal, profile = site.portal, site.portal.profile
    problems = []
    for truth in site.truth():
        tree, page = tree_of(truth["url"])
        entry = portal.by_path[truth["path"]]
        [title] = tree.cssselect(profile.title[0])
        if clean_text(title.text_content()) != truth["title"]:
            problems.append((truth["path"], "title"))
        if any(truth["title"] in clean_text(h.text_content()) for h in tree.xpath("//h1")):
            problems.append((truth["path"], "title in an h1"))  # the family puts it in a span or bold text
        [content] = tree.cssselect(profile.content[0])
        paragraphs = [clean_text(p.text_content()) for p in content.xpath(".//p")]
        body = [p for p in truth["body"].split("\n\n")]
        if [p for p in paragraphs if p in body] != body:
            problems.append((truth["path"], "body"))
        text = clean_text(tree.text_content())
        for caption in truth["captions"]:
            if caption not in text:
                problems.append((truth["path"], "caption"))
        if truth["lead"] is not None and truth["lead"] not in text:
            problems.append((truth["path"], "lead"))
        dateline = portal.dateline(entry)
        dates = tree.cssselect(profile.published[0])
        if dateline is None:
            if dates or truth["published_at"] is not None:
                problems.append((truth["path"], "date on an undated page"))
        else:
            if (
                page.body.decode().count(dateline) != 1
                or parse_vietnamese_date(dateline).isoformat() != truth["published_at"]
            ):
                problems.append((truth["path"], "date"))
    assert problems == []


def test_undated_pages_show_no_date_of_their_own(site):
    """No publication date anywhere: not in the article, not beside it (lists there leave the article out)."""
    portal, profile = site.portal, site.portal.profile
    undated = [e for e in portal.entries if not e.dated]
    for entry in undated:
        tree, page = tree_of(site.base + entry.path)
        assert entry.path not in page.body.decode().replace(f'action="{entry.path}"', "")
        [main] = tree.cssselect(site.case.main_column)
        for selector in (*profile.content, *profile.lead):
            for element in main.cssselect(selector):
                element.getparent().remove(element)  # the body may name the day of the event it reports
        text = clean_text(main.text_content())
        for form in date_forms(entry.published):
            assert form not in text, (entry.path, form)
        # The header's today is on the page, and dates of other articles are, so there are decoys.
        assert TODAY.strftime("%d/%m/%Y") in page.body.decode()
        assert re.search(r"\d\d/\d\d/20\d\d", text)


def test_article_pages_carry_the_traps_of_their_family(site):
    portal = site.portal
    entry = next(e for e in portal.entries if e.dated and e.quirk is None)
    tree, page = tree_of(site.base + entry.path)
    html = page.body.decode()
    assert TODAY.strftime("%d/%m/%Y") in clean_text(tree.text_content())  # the header's today
    boxes = {"sharepoint": ("Tin nổi bật", "Tin xem nhiều", "Văn bản mới", "Các tin khác"),
             "aspnet": ("TIN XEM NHIỀU", "TIN NỔI BẬT", "VĂN BẢN MỚI", "CÁC TIN ĐÃ ĐƯA"),
             "plainhtm": ("Tin mới", "Văn bản mới", "Tin cùng chuyên mục")}[site.name]  # fmt: skip
    for box in boxes:
        assert box in html, box
    assert "In bài" in html or "In trang" in html
    assert "Địa chỉ" in html and "truy cập" in html
    other_dates = {d.group() for d in re.finditer(r"\d\d/\d\d/20\d\d", clean_text(tree.text_content()))}
    assert len(other_dates - {f"{entry.published:%d/%m/%Y}"}) >= 8
    # An inline box of links inside some bodies, not part of the truth's body.
    boxed = next(e for e in portal.entries if e.quirk not in (None, "undated"))
    boxed_tree, _ = tree_of(site.base + boxed.path)
    [content] = boxed_tree.cssselect(portal.profile.content[0])
    inline = clean_text(content.text_content())
    truth = portal.truth_of(boxed, site.base)
    assert "Tin liên quan" in inline or "Đọc thêm" in inline
    assert "Tin liên quan" not in truth["body"] and "Đọc thêm" not in truth["body"]
    assert content.xpath(".//a[@href]")
    if site.name == "sharepoint":
        assert 'id="aspnetForm"' in html and 'id="__VIEWSTATE"' in html and "ctl00_PlaceHolderMain_" in html
        [viewstate] = tree.xpath("//input[@id='__VIEWSTATE']/@value")
        assert len(viewstate) > 5000
        assert f"?ItemID={entry.id}" in entry.path
        assert clean_text(tree.findtext(".//title")) == entry.category.name  # the page's title names the list
    if site.name == "aspnet":
        assert clean_text(tree.findtext(".//title")) == ASPNET_NAME.upper()  # the same on every page
        assert "<h1" not in html and "og:title" not in html
        assert html.index("Cập nhật lúc") < html.index(entry.title)  # the date stands above the title


def test_sharepoint_redirects_home_ignores_case_and_pages_past_the_end_are_empty():
    portal = SharePointPortal(articles=40, today=TODAY)
    status, headers, _ = portal.respond("/", "h")
    assert status == 302 and headers["Location"] == "http://h/Pages/default.aspx"
    entry = portal.entries[3]
    assert (
        portal.respond(entry.path.upper().replace("ITEMID", "ItemID"), "h")[2]
        == portal.respond(entry.path, "h")[2]
    )
    category = entry.category
    status, _, body = portal.respond(f"{category.listing_path}?page=99", "h")
    tree = lxml.html.document_fromstring(body)
    assert status == 200 and not tree.cssselect(portal.profile.listing_item)
    assert "Chưa có tin bài" in body.decode()
    first = portal.respond(category.listing_path, "h")[2]
    assert portal.respond(f"{category.listing_path}?page=1", "h")[2].replace(b"?page=1", b"") == first


# -- the rest of the site ------------------------------------------------------------------------


def test_the_whole_site_is_reachable_from_home_with_no_broken_link(site, walk):
    broken = {url: (status, walk.linked_from[url]) for url, status in walk.status.items() if status != 200}
    assert broken == {}
    truth_urls = {t["url"] for t in site.truth()}
    assert truth_urls <= set(walk.status)
    beside = set(walk.status) - truth_urls
    # Listing pages, documents, procedures, weeks, albums, videos, English pages: many links that are not news.
    assert len(beside) >= 60


def test_sections_beside_the_news_answer_and_are_not_news(site, walk):
    truth_urls = {t["url"] for t in site.truth()}
    host = urlsplit(site.base).netloc
    entry = site.portal.entries[7]
    article_links = set(links(tree_of(site.base + entry.path)[0], site.base + entry.path, host))
    for path in (*site.case.sections, site.case.english):
        url = site.base + path
        assert walk.status.get(url) == 200, path
        assert url not in truth_urls
        assert url in article_links, f"{path} is not linked from article pages"
    reached = [u.removeprefix(site.base) for u, status in walk.status.items() if status == 200]
    for prefix in site.case.items_beside:
        assert sum(u.startswith(prefix) for u in reached) >= 2, f"{prefix}: no items reached"
    english = [u for u in walk.status if urlsplit(u).path.startswith("/en/")]
    assert len(english) >= 3 and not set(english) & truth_urls
    tree, _ = tree_of(site.base + site.case.english)
    assert "Police" in tree.text_content()
    # The work calendar has dated entries; the documents have numbers and dates.
    calendar, _ = tree_of(site.base + site.case.sections[2])
    assert len(re.findall(r"\d\d/\d\d/20\d\d", calendar.text_content())) >= 5
    documents, _ = tree_of(site.base + site.case.sections[0])
    text = documents.text_content()
    assert re.search(r"\d+/(?:\d{4}/)?[A-ZĐ]+-[A-Z0-9]+", text) and re.search(r"\d\d/\d\d/20\d\d", text)


def test_unknown_paths_answer_404(site):
    for path in (
        "/khong-ton-tai",
        "/khong-ton-tai.htm",
        "/khong-ton-tai.aspx",
        *site.case.missing(site.portal),
    ):
        page = fetch(site.base + path)
        assert page.status == 404, path
        assert page.headers["Content-Type"].startswith("text/html")
    assert fetch(site.base + site.portal.entries[0].path).status == 200


def test_robots_txt(site):
    page = fetch(site.base + "/robots.txt")
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/plain")
    robots = RobotFileParser()
    robots.parse(page.body.decode().splitlines())
    portal = site.portal
    assert robots.can_fetch("*", site.base + portal.entries[0].path)
    assert robots.can_fetch("*", site.base + portal.profile.categories[0].listing_path)
    assert robots.can_fetch("*", site.base + "/")
    for path in site.case.robots_disallowed:
        assert not robots.can_fetch("*", site.base + path), path
    assert not robots.can_fetch("*", site.base + "/_replica/truth.json")
