"""A fifth replica portal: a plain ``.htm`` police portal (Công an tỉnh Nghệ An) with path paging.

Modelled on the "plain .htm with path paging" family of REAL-SITES.md ("CMS families": bvhttdl.gov.vn
``/tin-tuc-va-su-kien/bo-voi-cac-dia-phuong/trang-1150.htm``) and on what it says plain-HTML portals tend to look like.

URL patterns:
- home ``/``; a news hub ``/tin-tuc-va-su-kien.htm`` with a few items of each section;
- section listings ``/tin-tuc-va-su-kien/<section>.htm``, further pages ``/tin-tuc-va-su-kien/<section>/trang-<n>.htm``
  (``trang-1.htm`` is page 1 too), 12 items a page, "Đầu", "Trước", numbered links, "Tiếp" and "»" (the last page);
  a page past the last is 404;
- articles ``/tin-tuc-va-su-kien/<section>/<slug>-<id>.htm``: the paging URL ``…/<section>/trang-2.htm`` has the same
  shape (a slug, a dash, a number);
- beside the news, every item in the same ``<slug>-<id>.htm`` shape: the work calendar inside the news folder
  (``/tin-tuc-va-su-kien/lich-cong-tac.htm``, weeks at ``/tin-tuc-va-su-kien/lich-cong-tac/<slug>-<id>.htm``),
  ``/van-ban-phap-luat.htm`` (path-paged, ``/van-ban-phap-luat/<slug>-<id>.htm``, files under ``/Upload/van-ban/``),
  ``/thu-tuc-hanh-chinh.htm`` (``/thu-tuc-hanh-chinh/<slug>-<id>.htm``), ``/thu-vien-anh.htm``, ``/video.htm`` (and
  their items), ``/gioi-thieu.htm``, ``/lien-he.htm``, English pages ``/en/home.htm``, ``/en/about-us.htm``,
  ``/en/contact.htm``. No sitemap.

Traps from REAL-SITES.md: the ``/trang-<n>.htm`` path paging; a title that is only bold text in a table cell; a
header "today"; dates written ``Thứ Sáu, 31/03/2023`` (without time, on most articles, exactly like the header's
today) and ``15:30 | 31/03/2023`` (the others); sidebars "Tin mới" and "Văn bản mới" with dates; "Tin cùng chuyên
mục" with dates under the body; an inline "Đọc thêm" link paragraph inside some bodies; share and print bar,
visitor counter, footer with address and editor; sections of documents, procedures, work calendar, galleries and
an English version; pages with no publication date at all (one article in ten here; its listing still shows a date).

Assumed, not recorded in REAL-SITES.md (``check-site`` is where a maintainer confirms or corrects them): the article
URL ``<slug>-<id>.htm`` with a short number (bvhttdl.gov.vn's own article URLs are not recorded); the ``h1`` being the
portal's name; "Tiếp" for the next page and "»" for the last; the calendar's weeks inside the news folder and every
other section's items in the same ``<slug>-<id>.htm`` shape; captions under the photo and again in italics.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from crawler.replica.base import GIF, VN, WEEKDAYS, PortalBase, generated_content, weekday_line
from crawler.replica.generator import slugify
from crawler.replica.sections import (
    PDF,
    Album,
    CalendarWeek,
    LegalDocument,
    Procedure,
    beside_news,
    day_string,
    english_pages,
    mark_quirks,
)
from crawler.replica.sections import esc as _esc
from crawler.sites import Category, SiteProfile

FIRST_DAY = datetime(2021, 6, 1, tzinfo=VN)
LAST_DAY = datetime(2025, 11, 17, tzinfo=VN)
FIRST_ID = 612040
PAGE_SIZE = 12
# Awkward cases and the share of articles that have each: no publication date on the page at all; a one-line
# "Đọc thêm" link inside the body.
QUIRKS = {"undated": 0.1, "read_more": 0.15}
PORTAL_NAME = "Cổng thông tin điện tử Công an tỉnh Nghệ An"
ADDRESS = "Số 8 đường Nguyễn Sỹ Sách, phường Trường Vinh, tỉnh Nghệ An"
NEWS = "/tin-tuc-va-su-kien"

PLAINHTM = SiteProfile(
    # The replica's own description: not a crawler profile, registered nowhere.
    name="plainhtm_replica",
    base_url="http://plainhtm.replica.invalid",
    hosts=("plainhtm.replica.invalid",),
    categories=(
        Category("hoat-dong-cua-luc-luong", "Hoạt động của lực lượng", f"{NEWS}/hoat-dong-cua-luc-luong.htm"),
        Category("bo-voi-cac-dia-phuong", "Bộ với các địa phương", f"{NEWS}/bo-voi-cac-dia-phuong.htm"),
        Category("an-ninh-trat-tu", "An ninh, trật tự", f"{NEWS}/an-ninh-trat-tu.htm"),
        Category("hoat-dong-xa-hoi", "Hoạt động xã hội", f"{NEWS}/hoat-dong-xa-hoi.htm"),
    ),
    page_param=None,  # paged by path: <listing without .htm>/trang-<n>.htm
    article_path=re.compile(
        r"^/tin-tuc-va-su-kien/(?:hoat-dong-cua-luc-luong|bo-voi-cac-dia-phuong|an-ninh-trat-tu|hoat-dong-xa-hoi)"
        r"/(?!trang-\d+\.htm)[\w-]+-(\d+)\.htm$"
    ),
    listing_item="ul.list-news li.news-item",
    listing_item_link="h3 a",
    listing_item_date="p.time",
    listing_next=".paging a.next",
    title=("td.detail-head p.title-detail b",),
    published=("td.detail-head p.date-detail",),
    lead=("td.detail-body p.sapo",),
    content=("td.detail-body div.noidung",),
    caption="p.img-caption",
    source=("div.noidung p.tac-gia",),
    breadcrumb="div.breadcrumb a",
)
GENERATOR_CATEGORY = {
    "hoat-dong-cua-luc-luong": "hoat-dong-cua-dia-phuong",
    "bo-voi-cac-dia-phuong": "hoat-dong-cua-bo",
    "an-ninh-trat-tu": "tin-an-ninh-trat-tu",
    "hoat-dong-xa-hoi": "hoat-dong-xa-hoi",
}
_SOURCES = ("Phòng Tham mưu Công an tỉnh", "Công an tỉnh Nghệ An", "Báo Công an nhân dân", "Đội Tuyên truyền")
_CALENDAR = f"{NEWS}/lich-cong-tac.htm"
_DOCS = "/van-ban-phap-luat.htm"
_TTHC = "/thu-tuc-hanh-chinh.htm"
_ALBUMS = "/thu-vien-anh.htm"
_VIDEOS = "/video.htm"
_ABOUT = "/gioi-thieu.htm"
_CONTACT = "/lien-he.htm"
_ENGLISH = {"home": "/en/home.htm", "about-us": "/en/about-us.htm", "contact": "/en/contact.htm"}
_STATIC = ("/upload/", "/images/", "/content/", "/scripts/")
_PAGE_RE = re.compile(r"^(/[\w/-]+)/trang-(\d+)\.htm$")
_ITEM_RE = re.compile(r"^(/[\w/-]+)/([\w-]+)-(\d+)\.htm$")
MENU_SECTIONS = (
    ("Văn bản pháp luật", _DOCS),
    ("Thủ tục hành chính", _TTHC),
    ("Lịch công tác", _CALENDAR),
    ("Thư viện ảnh", _ALBUMS),
    ("Video", _VIDEOS),
    ("Giới thiệu", _ABOUT),
    ("Liên hệ", _CONTACT),
)


def header_date(dt: datetime) -> str:
    """The header's today, printed exactly like an article's date without time."""
    return weekday_line(dt)


def page_path(listing_path: str, page: int) -> str:
    """A listing page as the portal links it: the bare listing for page 1, <listing>/trang-<n>.htm after."""
    return listing_path if page == 1 else f"{listing_path.removesuffix('.htm')}/trang-{page}.htm"


def week_slug(week: CalendarWeek) -> str:
    return slugify(f"Lịch công tác tuần {week.week} năm {week.monday.isocalendar()[0]}")


@dataclass(frozen=True)
class PlainEntry:
    """One article's place in the portal: what listings need, without the body."""

    id: int
    category: Category
    published: datetime
    has_time: bool
    path: str
    title: str
    lead: str
    show_lead: bool
    dated: bool
    quirk: str | None = None  # "undated" or "read_more" (a one-line "Đọc thêm" link inside the body)


class PlainHtmPortal(PortalBase):
    """A deterministic replica of a plain .htm police portal paged by path."""

    profile = PLAINHTM
    generator_category = GENERATOR_CATEGORY
    content_seed = "plainhtm-content"

    def __init__(self, articles: int = 150, today: datetime | None = None):
        if articles < 20:
            raise ValueError("the plain .htm replica needs at least 20 articles")
        super().__init__(today)
        marks = mark_quirks("plainhtm", articles, QUIRKS)
        self.entries = [self._entry(i, articles, marks.get(i)) for i in range(articles)]
        self._index()
        self.by_id = {e.id: e for e in self.entries}
        self.beside = beside_news("plainhtm", LAST_DAY, "tỉnh Nghệ An", "CANA")
        # Every item beside the news, by its folder and number: (kind, item, slug).
        self.items: dict[tuple[str, int], tuple[str, object, str]] = {}
        for d in self.beside.documents:
            self.items[("/van-ban-phap-luat", d.id)] = ("document", d, d.slug)
        for p in self.beside.procedures:
            self.items[("/thu-tuc-hanh-chinh", p.id)] = ("procedure", p, p.slug)
        for a in self.beside.albums:
            self.items[("/thu-vien-anh", a.id)] = ("album", a, a.slug)
        for a in self.beside.videos:
            self.items[("/video", a.id)] = ("album", a, a.slug)
        for w in self.beside.weeks:
            self.items[(f"{NEWS}/lich-cong-tac", w.id)] = ("week", w, week_slug(w))
        self.english = english_pages(
            "Nghe An Provincial Police", "8 Nguyen Sy Sach Street, Truong Vinh Ward, Nghe An Province"
        )
        self.latest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)

    # -- building -----------------------------------------------------------------------------

    def _entry(self, index: int, n: int, quirk: str | None) -> PlainEntry:
        article_id = FIRST_ID + index * 11 + (index * 7) % 10
        layout = random.Random(f"plainhtm:{article_id}")
        category = layout.choice(self.profile.categories)
        day = FIRST_DAY + timedelta(days=(LAST_DAY - FIRST_DAY).days * index // n)
        published = day.replace(hour=layout.randint(6, 21), minute=layout.randint(0, 59))
        # Most articles carry a date without time; their moment is the start of that day in Vietnam.
        has_time = layout.random() < 0.4
        if not has_time:
            published = published.replace(hour=0, minute=0)
        article = self._generate(article_id, category, published)
        slug = slugify(article.title)
        return PlainEntry(
            article_id,
            category,
            published,
            has_time,
            f"{category.listing_path.removesuffix('.htm')}/{slug}-{article_id}.htm",
            article.title,
            article.lead,
            layout.random() >= 0.1,
            quirk != "undated",
            quirk,
        )

    @lru_cache(maxsize=512)  # noqa: B019 - one portal per server, cache bounded
    def content(self, entry: PlainEntry) -> dict:
        """Blocks to render and what the article names."""
        article = self._generate(entry.id, entry.category, entry.published)
        return generated_content(
            article,
            random.Random(f"plainhtm-source:{entry.id}").choice(_SOURCES),
            lambda k: f"/Upload/{entry.published:%Y/%m/%d}/{entry.id}-{k + 1}.jpg",
            insert=(2, ("read_more",)) if entry.quirk == "read_more" else None,
        )

    # -- truth --------------------------------------------------------------------------------

    def dateline(self, entry: PlainEntry) -> str | None:
        """The publication date as the article page prints it; None on the undated ones."""
        if not entry.dated:
            return None
        if entry.has_time:
            return f"{entry.published:%H:%M} | {day_string(entry.published)}"
        return weekday_line(entry.published)

    def truth_of(self, entry: PlainEntry, base_url: str) -> dict:
        content = self.content(entry)
        if not entry.dated:
            published_at = None
        elif entry.has_time:
            published_at = entry.published.isoformat(timespec="seconds")
        else:
            published_at = entry.published.date().isoformat()
        return self.truth_record(
            entry, base_url, blocks=content["blocks"], content=content, published_at=published_at,
            lead=entry.lead if entry.show_lead else None,
        )  # fmt: skip

    # -- serving ------------------------------------------------------------------------------

    def last_page(self, category: Category) -> int:
        return max(1, -(-len(self.by_category[category.key]) // PAGE_SIZE))

    def respond(self, raw_path: str, host: str, headers=None) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one GET, as the portal would answer it."""
        path = unquote(urlsplit(raw_path).path)
        self.count_hit(path)
        key = path.lower()
        base = f"http://{host}"
        if key == "/robots.txt":
            robots = "User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem.htm\nDisallow: /_replica/\n"
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, robots.encode()
        if key == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        if key.startswith("/upload/van-ban/") and key.endswith(".pdf"):
            return 200, {"Content-Type": "application/pdf"}, PDF
        if key.startswith(_STATIC):
            return 200, {"Content-Type": "image/gif"}, GIF
        page = self._page(path)
        if page is None:
            return self._html(404, self._not_found(path))
        return self._html(200, page)

    def _page(self, path: str) -> str | None:
        """The page at this path (paths are case-sensitive here), None for one the portal does not have."""
        if path == "/":
            return self._home()
        if path == f"{NEWS}.htm":
            return self._hub()
        category = self.listing_paths.get(path)
        if category is not None:
            return self._listing(category, 1)
        paged = _PAGE_RE.match(path)
        if paged:
            listing, page = paged[1] + ".htm", int(paged[2])
            category = self.listing_paths.get(listing)
            if category is not None:
                return self._listing(category, page) if 1 <= page <= self.last_page(category) else None
            if listing == _DOCS:
                return self._documents(page) if 1 <= page <= self._doc_pages() else None
            return None
        item = _ITEM_RE.match(path)
        if item:
            folder, slug, number = item[1], item[2], int(item[3])
            entry = self.by_id.get(number)
            if entry is not None:
                return self._article(entry) if entry.path == path else None
            found = self.items.get((folder, number))
            if found is None or found[2] != slug:
                return None
            kind, thing = found[0], found[1]
            render = {
                "document": self._document,
                "procedure": self._procedure,
                "album": self._album,
                "week": self._calendar,
            }
            return render[kind](thing)
        fixed = {
            _CALENDAR: lambda: self._calendar(self.beside.weeks[-1]),
            _DOCS: lambda: self._documents(1),
            _TTHC: self._procedures,
            _ALBUMS: lambda: self._gallery(False),
            _VIDEOS: lambda: self._gallery(True),
            _ABOUT: self._about,
            _CONTACT: self._contact,
        }.get(path)
        if fixed is not None:
            return fixed()
        for name, english_path in _ENGLISH.items():
            if path == english_path:
                return self._english(name)
        return None

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        return (
            status,
            {"Content-Type": "text/html; charset=utf-8", "Server": "nginx"},
            text.encode("utf-8"),
        )

    # -- page parts ---------------------------------------------------------------------------

    def _shell(self, title: str, here: str, main: str, description: str = "") -> str:
        """Header (h1 = the portal), menu, main column, right column, footer."""
        sections = "".join(
            f'<li><a href="{c.listing_path}">{_esc(c.name)}</a></li>' for c in self.profile.categories
        )
        others = "".join(f'<li><a href="{href}">{_esc(name)}</a></li>' for name, href in MENU_SECTIONS)
        meta = f'<meta name="description" content="{_esc(description)}">' if description else ""
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<title>{_esc(title)}</title>{meta}"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link href="/Content/css/site.css" rel="stylesheet"><script src="/Scripts/jquery.min.js"></script></head>'
            '<body><div id="wrapper"><div id="header">'
            f'<div class="top"><span class="date-today">{header_date(self.today())}</span>'
            f'<span class="lang"><a href="/">Tiếng Việt</a> | <a href="{_ENGLISH["home"]}">English</a></span></div>'
            '<h1 class="logo"><a href="/"><img src="/Images/logo-cana.png" alt="">'
            "<span>Cổng thông tin điện tử</span> <strong>Công an tỉnh Nghệ An</strong></a></h1>"
            '<form class="search" action="/tim-kiem.htm" method="get"><input type="text" name="q" placeholder="Tìm kiếm">'
            "<button>Tìm</button></form></div>"
            '<div id="menu"><ul class="nav"><li><a href="/">Trang chủ</a></li>'
            f'<li class="has-sub"><a href="{NEWS}.htm">Tin tức và sự kiện</a><ul class="sub">{sections}</ul></li>'
            f"{others}</ul></div>"
            '<div id="content"><table width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td class="col-main" valign="top">{main}</td>'
            f'<td class="col-right" valign="top" width="300">{self._right(here)}</td></tr></table></div>'
            '<div id="footer"><table width="100%"><tr><td>'
            f"<p><b>{_esc(PORTAL_NAME.upper())}</b></p><p>Địa chỉ: {_esc(ADDRESS)}. Điện thoại: 0238.000.0000</p>"
            "<p>Chịu trách nhiệm chính: Đại tá Trần Ngọc Tú, Phó Giám đốc Công an tỉnh Nghệ An</p>"
            "<p>Giấy phép số 27/GP-TTĐT ngày 09/4/2020. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này "
            "(bản sao để thử nghiệm).</p></td></tr></table></div></div></body></html>"
        )

    def _right(self, here: str) -> str:
        latest = [e for e in self.latest if e.path != here][:6]
        news = "".join(
            f'<li><a href="{e.path}">{_esc(e.title)}</a> <span class="time">{day_string(e.published)}</span></li>'
            for e in latest
        )
        docs = "".join(
            f'<li><a href="/van-ban-phap-luat/{d.slug}-{d.id}.htm">{_esc(d.number)}</a> <span class="time">{day_string(d.issued)}</span>'
            f"<p>{_esc(d.summary)}</p></li>"
            for d in self.beside.documents[:4]
        )
        week = self.beside.weeks[-1]
        return (
            f'<div class="box"><h3 class="box-title">Tin mới</h3><ul class="box-news">{news}</ul></div>'
            f'<div class="box"><h3 class="box-title">Văn bản mới</h3><ul class="box-docs">{docs}</ul>'
            f'<a class="more" href="{_DOCS}">Xem tất cả</a></div>'
            f'<div class="box"><h3 class="box-title">Lịch công tác</h3><a href="{NEWS}/lich-cong-tac/{week_slug(week)}-{week.id}.htm">'
            f"{_esc(week.title)}</a></div>"
            f'<div class="box banners"><a href="{_TTHC}"><img src="/Images/banner-tthc.jpg" alt="Thủ tục hành chính"></a>'
            '<a href="https://dichvucong.bocongan.gov.vn/"><img src="/Images/banner-dvc.jpg" alt="Dịch vụ công"></a></div>'
            '<div class="box counter"><p>Đang truy cập: <b>18</b></p><p>Tổng lượt truy cập: <b>3.027.914</b></p></div>'
        )

    @staticmethod
    def _breadcrumb(*links: tuple[str, str | None]) -> str:
        parts = ['<a href="/">Trang chủ</a>'] + [
            f'<a href="{href}">{_esc(name)}</a>' if href else f"<span>{_esc(name)}</span>"
            for name, href in links
        ]
        return f'<div class="breadcrumb">{" / ".join(parts)}</div>'

    def _not_found(self, path: str) -> str:
        body = (
            '<div class="notfound"><h2>404 - Không tìm thấy trang</h2><p>Đường dẫn bạn truy cập không tồn tại hoặc đã bị xóa.</p>'
            '<p><a href="/">Về trang chủ</a></p></div>'
        )
        return self._shell(f"Không tìm thấy trang - {PORTAL_NAME}", path, body)

    @staticmethod
    def _item(e: PlainEntry) -> str:
        sapo = f'<p class="sapo">{_esc(e.lead)}</p>' if e.show_lead else ""
        return (
            f'<li class="news-item"><a class="thumb" href="{e.path}"><img src="/Upload/{e.published:%Y/%m/%d}/{e.id}-0.jpg" alt=""></a>'
            f'<h3><a href="{e.path}">{_esc(e.title)}</a></h3><p class="time">{day_string(e.published)}</p>{sapo}</li>'
        )

    @staticmethod
    def _dated_list(entries) -> str:
        return "".join(
            f'<li><a href="{e.path}">{_esc(e.title)}</a> <span class="time">({day_string(e.published)})</span></li>'
            for e in entries
        )

    def _home(self) -> str:
        top = self.latest[0]
        sapo = f'<p class="sapo">{_esc(top.lead)}</p>' if top.show_lead else ""
        parts = [
            f'<div class="hot-news"><a href="{top.path}"><img src="/Upload/{top.published:%Y/%m/%d}/{top.id}-0.jpg" alt=""></a>'
            f'<h2><a href="{top.path}">{_esc(top.title)}</a></h2><p class="time">{day_string(top.published)}</p>{sapo}'
            f'<ul class="hot-list">{self._dated_list(self.latest[1:5])}</ul></div>'
        ]
        for c in self.profile.categories:
            parts.append(
                f'<div class="box-cate"><h2 class="cate-title"><a href="{c.listing_path}">{_esc(c.name)}</a></h2>'
                f'<ul>{self._dated_list(self.by_category[c.key][:4])}</ul><a class="more" href="{c.listing_path}">Xem thêm</a></div>'
            )
        albums = "".join(
            f'<li><a href="/thu-vien-anh/{a.slug}-{a.id}.htm"><img src="/Upload/album/{a.id}.jpg" alt="">{_esc(a.title)}</a></li>'
            for a in self.beside.albums[:3]
        )
        videos = "".join(
            f'<li><a href="/video/{a.slug}-{a.id}.htm">{_esc(a.title)}</a></li>'
            for a in self.beside.videos[:3]
        )
        procedures = "".join(
            f'<li><a href="/thu-tuc-hanh-chinh/{p.slug}-{p.id}.htm">{_esc(p.name)}</a></li>'
            for p in self.beside.procedures[:4]
        )
        parts.append(
            f'<div class="box-cate"><h2 class="cate-title"><a href="{_ALBUMS}">Thư viện ảnh</a></h2><ul>{albums}</ul></div>'
        )
        parts.append(
            f'<div class="box-cate"><h2 class="cate-title"><a href="{_VIDEOS}">Video</a></h2><ul>{videos}</ul></div>'
        )
        parts.append(
            f'<div class="box-cate"><h2 class="cate-title"><a href="{_TTHC}">Thủ tục hành chính</a></h2><ul>{procedures}</ul></div>'
        )
        return self._shell(PORTAL_NAME, "/", "".join(parts))

    def _hub(self) -> str:
        parts = [self._breadcrumb(("Tin tức và sự kiện", None))]
        for c in self.profile.categories:
            parts.append(
                f'<div class="box-cate"><h2 class="cate-title"><a href="{c.listing_path}">{_esc(c.name)}</a></h2>'
                f'<ul class="list-news">{"".join(self._item(e) for e in self.by_category[c.key][:3])}</ul></div>'
            )
        return self._shell(f"Tin tức và sự kiện - {PORTAL_NAME}", f"{NEWS}.htm", "".join(parts))

    def _pager(self, listing_path: str, page: int, last: int) -> str:
        """Đầu and Trước before, five numbers around the page, Tiếp and » (the last page) after."""
        links = []
        if page > 1:
            links += [
                f'<a class="first" href="{page_path(listing_path, 1)}">Đầu</a>',
                f'<a class="prev" href="{page_path(listing_path, page - 1)}">Trước</a>',
            ]
        for n in range(max(1, page - 2), min(last, page + 2) + 1):
            links.append(
                f'<span class="active">{n}</span>'
                if n == page
                else f'<a href="{page_path(listing_path, n)}">{n}</a>'
            )
        if page < last:
            links += [
                f'<a class="next" href="{page_path(listing_path, page + 1)}">Tiếp</a>',
                f'<a class="last" href="{page_path(listing_path, last)}" title="Trang cuối">»</a>',
            ]
        return f'<div class="paging">{" ".join(links)}</div>'

    def _listing(self, category: Category, page: int) -> str:
        entries = self.by_category[category.key][(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        body = (
            self._breadcrumb(("Tin tức và sự kiện", f"{NEWS}.htm"), (category.name, None))
            + f'<div class="box-list"><h2 class="cate-title">{_esc(category.name)}</h2>'
            + f'<ul class="list-news">{"".join(self._item(e) for e in entries)}</ul>'
            + self._pager(category.listing_path, page, self.last_page(category))
            + "</div>"
        )
        title = category.name if page == 1 else f"{category.name} - Trang {page}"
        return self._shell(f"{title} - {PORTAL_NAME}", page_path(category.listing_path, page), body)

    def _blocks(self, entry: PlainEntry, blocks) -> str:
        parts = []
        for block in blocks:
            if block[0] == "p":
                parts.append(f'<p style="text-align: justify;">{_esc(block[1])}</p>')
            elif block[0] == "read_more":
                others = [e for e in self.by_category[entry.category.key] if e.id != entry.id]
                older = [e for e in others if e.published < entry.published][:1] or others[:1]
                if older:
                    parts.append(
                        f'<p class="doc-them"><strong>Đọc thêm:</strong> <a href="{older[0].path}">{_esc(older[0].title)}</a></p>'
                    )
            else:
                _, caption, repeated, src, _k = block
                parts.append(
                    f'<div class="img-center" style="text-align: center;"><img src="{src}" alt="{_esc(caption)}">'
                    f'<p class="img-caption">{_esc(caption)}</p></div><p style="text-align: center;"><em>{_esc(repeated)}</em></p>'
                )
        return "".join(parts)

    def _article(self, entry: PlainEntry) -> str:
        content = self.content(entry)
        dateline = self.dateline(entry)
        date_p = f'<p class="date-detail"><span>{dateline}</span></p>' if dateline else ""
        sapo = f'<p class="sapo"><strong>{_esc(entry.lead)}</strong></p>' if entry.show_lead else ""
        siblings = [e for e in self.by_category[entry.category.key] if e.id != entry.id]
        same_section = [e for e in siblings if e.published < entry.published][:8] or siblings[:8]
        body = (
            self._breadcrumb(
                ("Tin tức và sự kiện", f"{NEWS}.htm"), (entry.category.name, entry.category.listing_path)
            )
            + '<table class="detail" width="100%" cellpadding="0" cellspacing="0">'
            + f'<tr><td class="detail-head"><p class="title-detail"><b>{_esc(entry.title)}</b></p>{date_p}</td></tr>'
            + f'<tr><td class="detail-body">{sapo}<div class="noidung">{self._blocks(entry, content["blocks"])}'
            + f'<p class="tac-gia" style="text-align: right;"><strong>{_esc(content["source"])}</strong></p></div></td></tr></table>'
            + '<div class="share"><span>Chia sẻ:</span> <a href="https://www.facebook.com/sharer/sharer.php" target="_blank">Facebook</a> '
            '<a href="https://sp.zalo.me/share" target="_blank">Zalo</a> <a href="javascript:window.print();">In bài</a> '
            '<a href="#wrapper">Lên đầu trang</a></div>'
            + f'<div class="tin-cung-chuyen-muc"><h3>Tin cùng chuyên mục</h3><ul>{self._dated_list(same_section)}</ul></div>'
        )
        return self._shell(f"{entry.title} - {PORTAL_NAME}", entry.path, body, entry.lead)

    # -- the sections beside the news -----------------------------------------------------------

    def _doc_pages(self) -> int:
        return -(-len(self.beside.documents) // PAGE_SIZE)

    def _documents(self, page: int) -> str:
        docs = self.beside.documents[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rows = "".join(
            f'<tr><td><a href="/van-ban-phap-luat/{d.slug}-{d.id}.htm">{_esc(d.number)}</a></td><td>{day_string(d.issued)}</td>'
            f"<td>{_esc(d.summary)}</td></tr>"
            for d in docs
        )
        body = (
            self._breadcrumb(("Văn bản pháp luật", None))
            + '<table class="table-vb" width="100%" border="1" cellpadding="4"><tr><th>Số ký hiệu</th><th>Ngày ban hành</th>'
            + f"<th>Trích yếu</th></tr>{rows}</table>"
            + self._pager(_DOCS, page, self._doc_pages())
        )
        return self._shell(f"Văn bản pháp luật - {PORTAL_NAME}", page_path(_DOCS, page), body)

    def _document(self, d: LegalDocument) -> str:
        rows = (
            ("Số ký hiệu", d.number),
            ("Loại văn bản", d.kind),
            ("Ngày ban hành", day_string(d.issued)),
            ("Ngày hiệu lực", day_string(d.effective)),
            ("Cơ quan ban hành", d.issuer),
            ("Người ký", d.signer),
            ("Trích yếu", d.summary),
        )
        table = "".join(f'<tr><td width="30%"><b>{k}</b></td><td>{_esc(v)}</td></tr>' for k, v in rows)
        body = (
            self._breadcrumb(("Văn bản pháp luật", _DOCS), (d.number, None))
            + f'<table class="table-vb" width="100%" border="1" cellpadding="4">{table}</table>'
            + f'<p>Tải về: <a href="/Upload/van-ban/{d.slug}.pdf">{_esc(d.number)}.pdf</a></p>'
        )
        return self._shell(
            f"{d.kind} {d.number} - {PORTAL_NAME}", f"/van-ban-phap-luat/{d.slug}-{d.id}.htm", body
        )

    def _procedures(self) -> str:
        rows = "".join(
            f'<tr><td>{k + 1}</td><td><a href="/thu-tuc-hanh-chinh/{p.slug}-{p.id}.htm">{_esc(p.name)}</a></td>'
            f"<td>{_esc(p.field)}</td><td>{_esc(p.level)}</td></tr>"
            for k, p in enumerate(self.beside.procedures)
        )
        body = self._breadcrumb(("Thủ tục hành chính", None)) + (
            '<table width="100%" border="1" cellpadding="4"><tr><th>STT</th><th>Tên thủ tục</th><th>Lĩnh vực</th>'
            f"<th>Cấp thực hiện</th></tr>{rows}</table>"
        )
        return self._shell(f"Thủ tục hành chính - {PORTAL_NAME}", _TTHC, body)

    def _procedure(self, p: Procedure) -> str:
        rows = (
            ("Lĩnh vực", p.field),
            ("Cấp thực hiện", p.level),
            ("Thời hạn giải quyết", f"{p.days} ngày làm việc"),
            ("Phí, lệ phí", p.fee),
            ("Ngày cập nhật", day_string(p.updated)),
        )
        table = "".join(f'<tr><td width="30%"><b>{k}</b></td><td>{_esc(v)}</td></tr>' for k, v in rows)
        body = (
            self._breadcrumb(("Thủ tục hành chính", _TTHC), (p.name, None))
            + f'<p class="title-detail"><b>{_esc(p.name)}</b></p><table width="100%" border="1" cellpadding="4">{table}</table>'
            + "<p><b>Thành phần hồ sơ:</b> Tờ khai theo mẫu; bản sao giấy tờ có liên quan.</p>"
        )
        return self._shell(f"{p.name} - {PORTAL_NAME}", f"/thu-tuc-hanh-chinh/{p.slug}-{p.id}.htm", body)

    def _calendar(self, week: CalendarWeek) -> str:
        rows = "".join(
            f'<tr><td valign="top"><b>{WEEKDAYS[d.weekday()]}</b><br>{day_string(d)}</td><td>'
            + "".join(
                f"<p><b>{t}:</b> {_esc(task)}. Địa điểm: {_esc(place)}.</p>" for t, task, place in tasks
            )
            + "</td></tr>"
            for d, tasks in week.days
        )
        others = "".join(
            f'<li><a href="{NEWS}/lich-cong-tac/{week_slug(w)}-{w.id}.htm">{_esc(w.title)}</a></li>'
            for w in reversed(self.beside.weeks)
            if w != week
        )
        here = f"{NEWS}/lich-cong-tac/{week_slug(week)}-{week.id}.htm"
        body = (
            self._breadcrumb(("Tin tức và sự kiện", f"{NEWS}.htm"), ("Lịch công tác", _CALENDAR))
            + f'<p class="title-detail"><b>{_esc(week.title)}</b></p>'
            + f'<table class="lich" width="100%" border="1" cellpadding="4">{rows}</table>'
            + f'<div class="tin-cung-chuyen-muc"><h3>Lịch các tuần khác</h3><ul>{others}</ul></div>'
        )
        return self._shell(f"{week.title} - {PORTAL_NAME}", here, body)

    def _gallery(self, video: bool) -> str:
        albums, folder, name = (
            (self.beside.videos, "/video", "Video")
            if video
            else (self.beside.albums, "/thu-vien-anh", "Thư viện ảnh")
        )
        items = "".join(
            f'<li><a href="{folder}/{a.slug}-{a.id}.htm"><img src="/Upload/album/{a.id}.jpg" alt=""></a>'
            f'<h3><a href="{folder}/{a.slug}-{a.id}.htm">{_esc(a.title)}</a></h3><p class="time">{day_string(a.day)}</p></li>'
            for a in albums
        )
        return self._shell(
            f"{name} - {PORTAL_NAME}",
            f"{folder}.htm",
            self._breadcrumb((name, None)) + f'<ul class="gallery">{items}</ul>',
        )

    def _album(self, album: Album) -> str:
        folder, name = ("/video", "Video") if album.video else ("/thu-vien-anh", "Thư viện ảnh")
        if album.video:
            media = f'<video controls width="640" src="/Upload/video/{album.id}.mp4"></video><p>{_esc(album.captions[0])}</p>'
        else:
            media = "".join(
                f'<div class="img-center"><img src="/Upload/album/{album.id}-{k + 1}.jpg" alt=""><p class="img-caption">{_esc(c)}</p></div>'
                for k, c in enumerate(album.captions)
            )
        body = (
            self._breadcrumb((name, f"{folder}.htm"), (album.title, None))
            + f'<p class="title-detail"><b>{_esc(album.title)}</b></p><p class="time">{weekday_line(album.day)}</p>{media}'
        )
        return self._shell(f"{album.title} - {PORTAL_NAME}", f"{folder}/{album.slug}-{album.id}.htm", body)

    def _about(self) -> str:
        body = self._breadcrumb(("Giới thiệu", None)) + (
            "<p>Công an tỉnh Nghệ An là cơ quan thuộc hệ thống tổ chức của Bộ Công an, thực hiện chức năng tham mưu về bảo vệ "
            "an ninh quốc gia, bảo đảm trật tự, an toàn xã hội, đấu tranh phòng, chống tội phạm trên địa bàn tỉnh.</p>"
            "<p>Cổng thông tin điện tử cung cấp tin tức hoạt động, văn bản, thủ tục hành chính và thông tin cảnh báo tới "
            "người dân.</p>"
        )
        return self._shell(f"Giới thiệu - {PORTAL_NAME}", _ABOUT, body)

    def _contact(self) -> str:
        body = self._breadcrumb(("Liên hệ", None)) + (
            f"<p><b>Địa chỉ:</b> {_esc(ADDRESS)}</p><p><b>Điện thoại:</b> 0238.000.0000</p>"
            "<p><b>Thư điện tử:</b> toasoan@cana.replica.invalid</p>"
        )
        return self._shell(f"Liên hệ - {PORTAL_NAME}", _CONTACT, body)

    def _english(self, name: str) -> str:
        title, paragraphs = self.english[name]
        menu = " | ".join(
            f'<a href="{href}">{key.replace("-", " ").title()}</a>' for key, href in _ENGLISH.items()
        )
        body = f'<div class="en-menu">{menu}</div><p class="title-detail"><b>{_esc(title)}</b></p>' + "".join(
            f"<p>{_esc(p)}</p>" for p in paragraphs
        )
        return self._shell(f"{title} - Nghe An Provincial Police", _ENGLISH[name], body)
