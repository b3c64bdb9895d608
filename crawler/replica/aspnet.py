"""A fourth replica portal: an older ASP.NET police portal (Công an tỉnh Thanh Hóa) with path paging.

Modelled on the "ASP.NET with path paging" family of REAL-SITES.md ("CMS families": mt.gov.vn
``/vn/chuyen-muc/856/hoat-dong-lanh-dao-.aspx``, whose slug ends in a dash: so does this portal's first category's)
and on what it says older ASP.NET portals tend to look like.

URL patterns (mt.gov.vn style, one style for the whole portal):
- home ``/`` and ``/vn/trang-chu.aspx`` (the same page at two addresses);
- news listings ``/vn/chuyen-muc/<id>/<slug>.aspx``, further pages by path ``/vn/chuyen-muc/<id>/<slug>/trang-<n>.aspx``
  (``trang-1.aspx`` is page 1 too), 10 items a page, numbered links in groups of ten with "«", "Trang trước",
  "Trang sau" and "»" (the last page); a page past the last is 404;
- articles ``/vn/tin-tuc/<id>/<slug>.aspx``, and a print copy ``/vn/in-bai/<id>.aspx`` (disallowed in robots.txt);
- beside the news, in the same ``chuyen-muc`` scheme as the news: ``/vn/chuyen-muc/870/van-ban-phap-luat.aspx``
  (path-paged like a news listing, documents at ``/vn/van-ban/<id>/<slug>.aspx``, files under ``/Upload/VanBan/``) and
  ``/vn/chuyen-muc/872/thu-tuc-hanh-chinh.aspx`` (``/vn/thu-tuc/<id>/<slug>.aspx``); the work calendar
  ``/vn/lich-cong-tac.aspx`` and ``/vn/lich-cong-tac/tuan-<w>-<yyyy>.aspx``; ``/vn/thu-vien-anh.aspx``,
  ``/vn/album/<id>/<slug>.aspx``, ``/vn/video.aspx``, ``/vn/video/<id>/<slug>.aspx``; ``/vn/gioi-thieu.aspx``,
  ``/vn/lien-he.aspx``; English pages ``/en/home.aspx``, ``/en/about-us.aspx``, ``/en/contact.aspx``. No sitemap.

Traps from REAL-SITES.md: path paging with numbered links; nested layout tables, ``font`` and ``b`` tags; the title
only bold text (after a bold category bar, before a bold lead and a bold source line); a header "today"; sidebars
"Tin xem nhiều", "Tin nổi bật", "Văn bản mới" with dates; "Các tin đã đưa" with dates under the body; an inline
"Tin liên quan" box with dates inside some bodies; print link, visitor counter, footer with address and editor;
sections of documents, procedures, work calendar, galleries and an English version; a date written
``Cập nhật lúc 09:15 ngày 5-6-2023``; pages with no publication date at all (one article in ten here; its listing
still shows a date).

Assumed from how older ASP.NET portals usually look, not recorded in REAL-SITES.md (``check-site`` is where a
maintainer confirms or corrects them): the ``trang-<n>.aspx`` page path (mt.gov.vn's own paging is not recorded;
mic.gov.vn's ``/Pages/ChuyenMuc/PhanTrang/<id>/<n>/<Slug>.html`` is the other known style); the page ``<title>`` being
the portal's name on every page, with no ``h1`` and no ``og:`` metadata; the date standing above the title; a
marquee of the newest titles with dates; a print copy with "Ngày in" at its own URL; documents and procedures in
the same ``chuyen-muc`` scheme as the news; the home page at two addresses.
"""

from __future__ import annotations

import base64
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from crawler.replica.base import GIF, VN, WEEKDAYS, PortalBase, generated_content
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

FIRST_DAY = datetime(2020, 9, 1, tzinfo=VN)
LAST_DAY = datetime(2025, 11, 12, tzinfo=VN)
FIRST_ID = 40512
PAGE_SIZE = 10
# Awkward cases and the share of articles that have each: no publication date on the page at all; a dated
# "Tin liên quan" box inside the body.
QUIRKS = {"undated": 0.1, "related_box": 0.12}
PORTAL_NAME = "Trang thông tin điện tử Công an tỉnh Thanh Hóa"
ADDRESS = "Số 17 đường Hạc Thành, phường Hạc Thành, tỉnh Thanh Hóa"
HOME = "/vn/trang-chu.aspx"

ASPNET = SiteProfile(
    # The replica's own description: not a crawler profile, registered nowhere.
    name="aspnet_replica",
    base_url="http://aspnet.replica.invalid",
    hosts=("aspnet.replica.invalid",),
    categories=(
        Category("hoat-dong-lanh-dao", "Hoạt động lãnh đạo", "/vn/chuyen-muc/856/hoat-dong-lanh-dao-.aspx"),
        Category("an-ninh-trat-tu", "An ninh - Trật tự", "/vn/chuyen-muc/861/an-ninh-trat-tu.aspx"),
        Category("doi-ngoai", "Công tác đối ngoại", "/vn/chuyen-muc/867/cong-tac-doi-ngoai.aspx"),
        Category("nguoi-tot-viec-tot", "Người tốt - Việc tốt", "/vn/chuyen-muc/874/nguoi-tot-viec-tot.aspx"),
    ),
    page_param=None,  # paged by path: <listing without .aspx>/trang-<n>.aspx
    article_path=re.compile(r"^/vn/tin-tuc/(\d+)/[\w-]+\.aspx$"),
    listing_item="table.list-news tr.item",
    listing_item_link="a.link-title",
    listing_item_date="font.date",
    listing_next="td.paging a.next",
    title=("td.detail-title b",),
    published=("span.update-time",),
    lead=("p.lead",),
    content=("span.detail-content",),
    caption="td.caption",
    source=("p.source",),
    breadcrumb="td.path a",
)
GENERATOR_CATEGORY = {
    "hoat-dong-lanh-dao": "hoat-dong-cua-bo",
    "an-ninh-trat-tu": "tin-an-ninh-trat-tu",
    "doi-ngoai": "thong-tin-doi-ngoai",
    "nguoi-tot-viec-tot": "nguoi-tot-viec-tot",
}
_SOURCES = ("Phòng Tham mưu", "Công an tỉnh Thanh Hóa", "Báo Công an nhân dân", "Phòng An ninh đối ngoại")
_DOCS = "/vn/chuyen-muc/870/van-ban-phap-luat.aspx"
_TTHC = "/vn/chuyen-muc/872/thu-tuc-hanh-chinh.aspx"
_CALENDAR = "/vn/lich-cong-tac.aspx"
_ALBUMS = "/vn/thu-vien-anh.aspx"
_VIDEOS = "/vn/video.aspx"
_ABOUT = "/vn/gioi-thieu.aspx"
_CONTACT = "/vn/lien-he.aspx"
_ENGLISH = {"home": "/en/home.aspx", "about-us": "/en/about-us.aspx", "contact": "/en/contact.aspx"}
_STATIC = ("/images/", "/upload/", "/css/", "/js/")
_LISTING_RE = re.compile(r"^(/vn/chuyen-muc/\d+/[\w-]+)(?:/trang-(\d+))?\.aspx$")
_ITEM_RE = re.compile(r"^/vn/(tin-tuc|van-ban|thu-tuc|album|video)/(\d+)/([\w-]+)\.aspx$")
_PRINT_RE = re.compile(r"^/vn/in-bai/(\d+)\.aspx$")
_WEEK_RE = re.compile(r"^/vn/lich-cong-tac/tuan-(\d+)-(\d{4})\.aspx$")
MENU_SECTIONS = (
    ("Giới thiệu", _ABOUT),
    ("Văn bản pháp luật", _DOCS),
    ("Thủ tục hành chính", _TTHC),
    ("Lịch công tác", _CALENDAR),
    ("Thư viện ảnh", _ALBUMS),
    ("Video", _VIDEOS),
    ("Liên hệ", _CONTACT),
)
BLUE = "#0b3d91"


def stamp(dt: datetime) -> str:
    """How this portal prints a publication moment: Cập nhật lúc 09:15 ngày 5-6-2023."""
    return f"Cập nhật lúc {dt:%H:%M} ngày {dt.day}-{dt.month}-{dt.year}"


def header_date(dt: datetime) -> str:
    return f"{WEEKDAYS[dt.weekday()]}, ngày {day_string(dt)}"


def page_path(listing_path: str, page: int) -> str:
    """A listing page as the portal links it: the bare listing for page 1, <listing>/trang-<n>.aspx after."""
    return listing_path if page == 1 else f"{listing_path.removesuffix('.aspx')}/trang-{page}.aspx"


def week_path(week: CalendarWeek) -> str:
    return f"/vn/lich-cong-tac/tuan-{week.week}-{week.monday.isocalendar()[0]}.aspx"


@dataclass(frozen=True)
class AspNetEntry:
    """One article's place in the portal: what listings need, without the body."""

    id: int
    category: Category
    published: datetime
    path: str
    title: str
    lead: str
    show_lead: bool
    dated: bool
    quirk: str | None = None  # "undated" or "related_box" (a dated "Tin liên quan" box inside the body)


class AspNetPortal(PortalBase):
    """A deterministic replica of an older ASP.NET police portal paged by path."""

    profile = ASPNET
    generator_category = GENERATOR_CATEGORY
    content_seed = "aspnet-content"

    def __init__(self, articles: int = 150, today: datetime | None = None):
        if articles < 20:
            raise ValueError("the ASP.NET replica needs at least 20 articles")
        super().__init__(today)
        marks = mark_quirks("aspnet", articles, QUIRKS)
        self.entries = [self._entry(i, articles, marks.get(i)) for i in range(articles)]
        self._index()
        self.by_id = {e.id: e for e in self.entries}
        self.beside = beside_news("aspnet", LAST_DAY, "tỉnh Thanh Hóa", "CATH")
        self.items = {
            "van-ban": {d.id: d for d in self.beside.documents},
            "thu-tuc": {p.id: p for p in self.beside.procedures},
            "album": {a.id: a for a in self.beside.albums},
            "video": {a.id: a for a in self.beside.videos},
        }
        self.weeks = {week_path(w): w for w in self.beside.weeks}
        self.english = english_pages(
            "Thanh Hoa Provincial Police", "17 Hac Thanh Street, Hac Thanh Ward, Thanh Hoa Province"
        )
        self.latest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)
        self.most_read = sorted(self.entries, key=lambda e: (e.id * 104729) % 997)

    # -- building -----------------------------------------------------------------------------

    def _entry(self, index: int, n: int, quirk: str | None) -> AspNetEntry:
        article_id = FIRST_ID + index * 5 + index % 4
        layout = random.Random(f"aspnet:{article_id}")
        category = layout.choice(self.profile.categories)
        day = FIRST_DAY + timedelta(days=(LAST_DAY - FIRST_DAY).days * index // n)
        published = day.replace(hour=layout.randint(6, 21), minute=layout.randint(0, 59))
        article = self._generate(article_id, category, published)
        return AspNetEntry(
            article_id,
            category,
            published,
            f"/vn/tin-tuc/{article_id}/{slugify(article.title)}.aspx",
            article.title,
            article.lead,
            layout.random() >= 0.1,
            quirk != "undated",
            quirk,
        )

    @lru_cache(maxsize=512)  # noqa: B019 - one portal per server, cache bounded
    def content(self, entry: AspNetEntry) -> dict:
        """Blocks to render and what the article names; this portal prints each caption once."""
        article = self._generate(entry.id, entry.category, entry.published)
        return generated_content(
            article,
            random.Random(f"aspnet-source:{entry.id}").choice(_SOURCES),
            lambda k: f"/Upload/Images/{entry.published:%Y/%m}/{entry.id}-{k + 1}.jpg",
            repeat_caption=False,
            insert=(0, ("related",)) if entry.quirk == "related_box" else None,
        )

    # -- truth --------------------------------------------------------------------------------

    def dateline(self, entry: AspNetEntry) -> str | None:
        """The publication date as the article page prints it; None on the undated ones."""
        return stamp(entry.published) if entry.dated else None

    def truth_of(self, entry: AspNetEntry, base_url: str) -> dict:
        content = self.content(entry)
        published_at = entry.published.isoformat(timespec="seconds") if entry.dated else None
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
        key = path.lower().rstrip("/") or "/"
        self.count_hit(path)
        base = f"http://{host}"
        if key == "/robots.txt":
            robots = "User-agent: *\nDisallow: /vn/in-bai/\nDisallow: /admin/\nDisallow: /_replica/\n"
            return 200, {"Content-Type": "text/plain"}, robots.encode()
        if key == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        if key.startswith("/upload/vanban/") and key.endswith(".pdf"):
            return 200, {"Content-Type": "application/pdf"}, PDF
        if key.startswith(_STATIC):
            return 200, {"Content-Type": "image/gif"}, GIF
        page = self._page(key)
        if page is None:
            return self._html(404, self._not_found(path))
        return self._html(200, page)

    def _page(self, key: str) -> str | None:
        if key in ("/", HOME):
            return self._home()
        listing = _LISTING_RE.match(key)
        if listing:
            listing_path, page = listing[1] + ".aspx", int(listing[2] or 1)
            category = self.listing_paths.get(listing_path)
            if category is not None:
                return self._listing(category, page) if 1 <= page <= self.last_page(category) else None
            if listing_path == _DOCS:
                return self._documents(page) if 1 <= page <= self._doc_pages() else None
            if listing_path == _TTHC and page == 1:
                return self._procedures()
            return None
        item = _ITEM_RE.match(key)
        if item:
            kind, number, slug = item[1], int(item[2]), item[3]
            if kind == "tin-tuc":
                entry = self.by_id.get(number)
                return self._article(entry) if entry is not None and entry.path == key else None
            found = self.items[kind].get(number)
            if found is None or found.slug != slug:
                return None
            return {"van-ban": self._document, "thu-tuc": self._procedure}.get(kind, self._album)(found)
        printed = _PRINT_RE.match(key)
        if printed:
            entry = self.by_id.get(int(printed[1]))
            return self._print(entry) if entry is not None else None
        if key == _CALENDAR:
            return self._calendar(self.beside.weeks[-1])
        if key in self.weeks:
            return self._calendar(self.weeks[key])
        fixed = {
            _ALBUMS: lambda: self._gallery(False),
            _VIDEOS: lambda: self._gallery(True),
            _ABOUT: self._about,
            _CONTACT: self._contact,
        }.get(key)
        if fixed is not None:
            return fixed()
        for name, english_path in _ENGLISH.items():
            if key == english_path:
                return self._english(name)
        return None

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "X-AspNet-Version": "2.0.50727",
            "X-Powered-By": "ASP.NET",
        }
        return status, headers, text.encode("utf-8")

    # -- page parts ---------------------------------------------------------------------------

    @staticmethod
    def _box(title: str, body: str, css: str = "box") -> str:
        """A sidebar or section box: a blue bar with the bold title, then the body."""
        return (
            f'<table width="100%" border="0" cellpadding="0" cellspacing="0" class="{css}">'
            f'<tr><td bgcolor="{BLUE}" height="24">&nbsp;<b><font color="#ffffff" size="2">{_esc(title.upper())}</font></b></td></tr>'
            f'<tr><td style="padding:4px" bgcolor="#f7f9fc">{body}</td></tr></table>'
            '<table width="100%"><tr><td height="6"></td></tr></table>'
        )

    @staticmethod
    def _dated_lines(entries, with_date: bool = True) -> str:
        return "".join(
            f'<img src="/images/bullet.gif" border="0"> <a href="{e.path}">{_esc(e.title)}</a>'
            + (f' <font color="#808080" size="1">({day_string(e.published)})</font>' if with_date else "")
            + "<br>"
            for e in entries
        )

    def _shell(self, action: str, center: str) -> str:
        """The old layout: banner with today's date, menu bar, marquee, three columns in tables, footer."""
        viewstate = (
            "dDwtMTI4NjQ1Mzg3Mjs7" + base64.b64encode(random.Random(f"vs:{action}").randbytes(2700)).decode()
        )
        today = self.today()
        top_menu = " | ".join(
            f'<a class="menu" href="{href}"><font color="#ffffff"><b>{_esc(name.upper())}</b></font></a>'
            for name, href in (
                ("Trang chủ", HOME),
                ("Tin tức", self.profile.categories[0].listing_path),
                *MENU_SECTIONS,
            )
        )
        marquee = " &nbsp;&nbsp; ".join(
            f'<a href="{e.path}"><font color="{BLUE}">{_esc(e.title)}</font></a> <font size="1">({day_string(e.published)})</font>'
            for e in [e for e in self.latest if e.path != action][:5]
        )
        categories = "".join(
            f'<tr><td class="left-link"><img src="/images/arrow.gif" border="0"> <a href="{c.listing_path}">{_esc(c.name)}</a></td></tr>'
            for c in self.profile.categories
        )
        others = "".join(
            f'<tr><td class="left-link"><img src="/images/arrow.gif" border="0"> <a href="{href}">{_esc(name)}</a></td></tr>'
            for name, href in MENU_SECTIONS
        )
        left = self._box(
            "Chuyên mục", f'<table width="100%" cellpadding="2" cellspacing="0">{categories}{others}</table>'
        ) + self._box(
            "Liên kết website",
            '<a href="https://bocongan.gov.vn/" target="_blank">Bộ Công an</a><br>'
            '<a href="https://thanhhoa.gov.vn/" target="_blank">Cổng TTĐT tỉnh Thanh Hóa</a><br>'
            '<a href="https://cand.com.vn/" target="_blank">Báo Công an nhân dân</a>',
        )
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n<HTML><HEAD>'
            f"<title>{_esc(PORTAL_NAME.upper())}</title>"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<meta name="keywords" content="công an thanh hóa, an ninh trật tự, tin tức">'
            '<LINK href="/css/style.css" type="text/css" rel="stylesheet">'
            '<script language="javascript" src="/js/menu.js"></script></HEAD>'
            '<body bgColor="#ffffff" leftMargin="0" topMargin="0" marginheight="0" marginwidth="0">'
            f'<form name="Form1" method="post" action="{_esc(action)}" id="Form1">'
            f'<input type="hidden" name="__VIEWSTATE" value="{viewstate}" />'
            '<table width="980" align="center" border="0" cellpadding="0" cellspacing="0"><tr><td>'
            '<table width="100%" cellpadding="0" cellspacing="0" background="/images/bg_top.jpg"><tr>'
            f'<td width="640"><a href="{HOME}"><img src="/images/logo_cath.jpg" border="0" alt="{_esc(PORTAL_NAME)}"></a></td>'
            f'<td align="right" valign="top"><font face="Arial" size="1" color="#ffffff"><span id="_ctl0_lblNgay">{header_date(today)}</span></font><br>'
            f'<a href="{_ENGLISH["home"]}"><img src="/images/flag_en.gif" border="0" alt="English"></a> '
            f'<a href="{_ENGLISH["home"]}"><font color="#ffffff" size="1">English</font></a></td></tr></table></td></tr>'
            f'<tr><td bgcolor="{BLUE}" height="28" class="menu">&nbsp;{top_menu}</td></tr>'
            f'<tr><td height="22" bgcolor="#eef3fb"><b><font size="2" color="#c00000">&nbsp;Tin mới:</font></b> '
            f'<marquee scrollamount="3" onmouseover="this.stop()" onmouseout="this.start()" width="880">{marquee}</marquee></td></tr>'
            '<tr><td><table width="100%" border="0" cellpadding="0" cellspacing="0"><tr>'
            f'<td width="190" valign="top" bgcolor="#eef3fb">{left}</td><td width="6"></td>'
            f'<td valign="top" id="tdContent">{center}</td><td width="6"></td>'
            f'<td width="210" valign="top">{self._right(action)}</td></tr></table></td></tr>'
            f'<tr><td bgcolor="{BLUE}" align="center" style="padding:8px"><font color="#ffffff" size="1">'
            f"<b>{_esc(PORTAL_NAME.upper())}</b><br>Địa chỉ: {_esc(ADDRESS)} - Điện thoại: 0237.000.0000<br>"
            "Chịu trách nhiệm nội dung: Đại tá Lê Minh Khang, Phó Giám đốc Công an tỉnh<br>"
            "Giấy phép số 118/GP-STTTT ngày 14/6/2016. Ghi rõ nguồn khi phát hành lại thông tin từ trang này "
            "(bản sao để thử nghiệm).</font></td></tr></table></form></body></HTML>"
        )

    def _right(self, action: str) -> str:
        read = [e for e in self.most_read if e.path != action][:6]
        featured = [e for e in self.latest[5:] if e.path != action][:5]
        docs = "".join(
            f'<a href="/vn/van-ban/{d.id}/{d.slug}.aspx"><b>{_esc(d.number)}</b></a> '
            f'<font size="1" color="#808080">({day_string(d.issued)})</font><br><font size="1">{_esc(d.summary)}</font><br>'
            for d in self.beside.documents[:4]
        )
        return (
            self._box("Tin xem nhiều", self._dated_lines(read))
            + self._box("Tin nổi bật", self._dated_lines(featured))
            + self._box("Văn bản mới", docs + f'<a href="{_DOCS}">» Xem tất cả</a>')
            + self._box(
                "Thống kê truy cập",
                '<font size="2">Đang online: <b><span id="_ctl0_lblOnline">23</span></b><br>'
                'Số lượt truy cập: <b><span id="_ctl0_lblCounter">4.512.337</span></b></font>',
            )
        )

    def _bar(self, title: str, links: tuple[tuple[str, str], ...] = ()) -> str:
        """The path line and the bold category bar above a page's content."""
        path = " » ".join(
            [f'<a href="{HOME}">Trang chủ</a>']
            + [f'<a href="{href}">{_esc(name)}</a>' for name, href in links]
        )
        return (
            f'<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="path" height="22"><font size="1">{path}</font></td></tr>'
            f'<tr><td bgcolor="{BLUE}" height="24">&nbsp;<b><font color="#ffffff">{_esc(title.upper())}</font></b></td></tr></table>'
        )

    def _not_found(self, path: str) -> str:
        body = (
            self._bar("Thông báo")
            + '<p align="center"><b><font color="#c00000">Trang bạn yêu cầu không tồn tại!</font></b></p>'
            f'<p align="center"><a href="{HOME}">Quay về trang chủ</a></p>'
        )
        return self._shell(path, body)

    def _list_item(self, e: AspNetEntry) -> str:
        lead = f'<br><font size="2">{_esc(e.lead)}</font>' if e.show_lead else ""
        return (
            f'<tr class="item"><td width="110" valign="top"><a href="{e.path}"><img src="/Upload/Images/{e.published:%Y/%m}/{e.id}-0.jpg" '
            f'width="100" border="0"></a></td><td valign="top"><a class="link-title" href="{e.path}"><b>{_esc(e.title)}</b></a>'
            f'&nbsp;<font class="date" color="#808080" size="1">({day_string(e.published)})</font>{lead}</td></tr>'
            '<tr><td colspan="2"><hr size="1" color="#dddddd" noshade></td></tr>'
        )

    def _home(self) -> str:
        top, more = self.latest[0], self.latest[1:5]
        lead = f'<p align="justify"><font size="2">{_esc(top.lead)}</font></p>' if top.show_lead else ""
        parts = [
            self._box(
                "Tin mới nhất",
                f'<table width="100%"><tr><td width="250" valign="top"><a href="{top.path}"><img src="/Upload/Images/{top.published:%Y/%m}/{top.id}-0.jpg" width="240" border="0"></a></td>'
                f'<td valign="top"><a href="{top.path}"><b><font size="3" color="{BLUE}">{_esc(top.title)}</font></b></a> '
                f'<font size="1" color="#808080">({day_string(top.published)})</font>{lead}</td></tr></table>'
                + self._dated_lines(more),
            )
        ]
        for c in self.profile.categories:
            parts.append(
                self._box(
                    c.name,
                    self._dated_lines(self.by_category[c.key][:4])
                    + f'<p align="right"><a href="{c.listing_path}">Xem tiếp »</a></p>',
                )
            )
        week = self.beside.weeks[-1]
        days = "".join(
            f"<b>{WEEKDAYS[d.weekday()]}, {day_string(d)}:</b> {_esc(tasks[0][1])}<br>"
            for d, tasks in week.days[:3]
        )
        parts.append(
            self._box("Lịch công tác", f'<a href="{_CALENDAR}"><b>{_esc(week.title)}</b></a><br>{days}')
        )
        albums = " ".join(
            f'<a href="/vn/album/{a.id}/{a.slug}.aspx"><img src="/Upload/Images/album/{a.id}.jpg" width="150" border="0" alt="{_esc(a.title)}"></a>'
            for a in self.beside.albums[:3]
        )
        parts.append(
            self._box("Thư viện ảnh", albums + f'<p align="right"><a href="{_ALBUMS}">Xem thêm »</a></p>')
        )
        videos = "".join(
            f'<a href="/vn/video/{a.id}/{a.slug}.aspx">{_esc(a.title)}</a><br>'
            for a in self.beside.videos[:3]
        )
        parts.append(self._box("Video", videos + f'<p align="right"><a href="{_VIDEOS}">Xem thêm »</a></p>'))
        return self._shell(HOME, "".join(parts))

    def _pager(self, listing_path: str, page: int, last: int) -> str:
        """Numbers in groups of ten, « and Trang trước before, Trang sau and » (the last page) after."""
        first_of_group = (page - 1) // 10 * 10 + 1
        links = []
        if page > 1:
            links += [
                f'<a class="first" href="{page_path(listing_path, 1)}">«</a>',
                f'<a class="prev" href="{page_path(listing_path, page - 1)}">Trang trước</a>',
            ]
        if first_of_group > 1:
            links.append(f'<a href="{page_path(listing_path, first_of_group - 1)}">...</a>')
        for n in range(first_of_group, min(last, first_of_group + 9) + 1):
            links.append(f"<b>[{n}]</b>" if n == page else f'<a href="{page_path(listing_path, n)}">{n}</a>')
        if first_of_group + 10 <= last:
            links.append(f'<a href="{page_path(listing_path, first_of_group + 10)}">...</a>')
        if page < last:
            links += [
                f'<a class="next" href="{page_path(listing_path, page + 1)}">Trang sau</a>',
                f'<a class="last" href="{page_path(listing_path, last)}">»</a>',
            ]
        return f'<table width="100%"><tr><td align="center" class="paging"><font size="2">Trang: {" ".join(links)}</font></td></tr></table>'

    def _listing(self, category: Category, page: int) -> str:
        entries = self.by_category[category.key][(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rows = "".join(self._list_item(e) for e in entries)
        body = (
            self._bar(category.name, ((category.name, category.listing_path),))
            + f'<table width="100%" cellpadding="4" cellspacing="0" class="list-news">{rows}</table>'
            + self._pager(category.listing_path, page, self.last_page(category))
        )
        return self._shell(page_path(category.listing_path, page), body)

    def _blocks(self, entry: AspNetEntry, blocks) -> str:
        parts = []
        for block in blocks:
            if block[0] == "p":
                parts.append(f'<p align="justify"><font face="Arial" size="2">{_esc(block[1])}</font></p>')
            elif block[0] == "related":
                others = [e for e in self.by_category[entry.category.key] if e.id != entry.id]
                siblings = [e for e in others if e.published < entry.published][:3] or others[:3]
                if siblings:
                    parts.append(
                        '<table width="60%" align="right" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">'
                        f"<tr><td><b>Tin liên quan:</b><br>{self._dated_lines(siblings)}</td></tr></table>"
                    )
            else:
                _, caption, _repeated, src, _k = block
                parts.append(
                    '<table align="center" border="0" cellpadding="3" cellspacing="0" width="500">'
                    f'<tr><td align="center"><img src="{src}" width="480" border="0"></td></tr>'
                    f'<tr><td align="center" class="caption"><font size="1" color="#333333"><i>{_esc(caption)}</i></font></td></tr></table>'
                )
        return "".join(parts)

    def _article(self, entry: AspNetEntry) -> str:
        content = self.content(entry)
        date_row = (
            f'<tr><td><font color="#808080" size="1"><i><span class="update-time">{stamp(entry.published)}</span></i></font></td></tr>'
            if entry.dated
            else ""
        )
        lead = f'<p align="justify" class="lead"><b>{_esc(entry.lead)}</b></p>' if entry.show_lead else ""
        siblings = self.by_category[entry.category.key]
        older = [e for e in siblings if e.published < entry.published][:8] or [
            e for e in siblings if e.id != entry.id
        ][:8]
        body = (
            self._bar(entry.category.name, ((entry.category.name, entry.category.listing_path),))
            + '<table width="100%" cellpadding="0" cellspacing="0" class="news-detail" style="padding:8px">'
            + date_row
            + f'<tr><td class="detail-title" style="padding:6px 0"><font face="Arial" size="3" color="{BLUE}"><b>{_esc(entry.title)}</b></font></td></tr>'
            + f'<tr><td>{lead}<span id="_ctl0__ctl3_lblNoiDung" class="detail-content">{self._blocks(entry, content["blocks"])}</span>'
            + f'<p align="right" class="source"><b>{_esc(content["source"])}</b></p></td></tr></table>'
            + f'<table width="100%"><tr><td align="right"><a href="/vn/in-bai/{entry.id}.aspx" target="_blank">'
            '<img src="/images/print.gif" border="0"> In bài</a> &nbsp; '
            f'<a href="mailto:?subject={_esc(entry.title)}"><img src="/images/email.gif" border="0"> Gửi bài</a> &nbsp; '
            '<a href="javascript:history.back()">Trở về</a></td></tr></table>'
            + self._box("Các tin đã đưa", self._dated_lines(older))
        )
        return self._shell(entry.path, body)

    def _print(self, entry: AspNetEntry) -> str:
        """The print copy: the article's text, its date if it has one, and the day it was printed."""
        content = self.content(entry)
        paragraphs = "".join(f"<p>{_esc(b[1])}</p>" for b in content["blocks"] if b[0] == "p")
        dated = f"<p><i>{stamp(entry.published)}</i></p>" if entry.dated else ""
        return (
            f'<HTML><HEAD><title>{_esc(PORTAL_NAME.upper())}</title><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></HEAD>'
            f'<body onload="window.print()"><p><b>{_esc(PORTAL_NAME.upper())}</b></p><p>Ngày in: {day_string(self.today())}</p>'
            f'{dated}<p><b>{_esc(entry.title)}</b></p>{paragraphs}<p align="right"><b>{_esc(content["source"])}</b></p>'
            f'<p><font size="1">Địa chỉ bài viết: {entry.path}</font></p></body></HTML>'
        )

    # -- the sections beside the news -----------------------------------------------------------

    def _doc_pages(self) -> int:
        return -(-len(self.beside.documents) // PAGE_SIZE)

    def _documents(self, page: int) -> str:
        docs = self.beside.documents[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rows = "".join(
            f'<tr><td><a href="/vn/van-ban/{d.id}/{d.slug}.aspx"><b>{_esc(d.number)}</b></a></td>'
            f"<td>{day_string(d.issued)}</td><td>{_esc(d.summary)}</td></tr>"
            for d in docs
        )
        table = (
            '<table width="100%" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">'
            f"<tr><td><b>Số hiệu</b></td><td><b>Ngày ban hành</b></td><td><b>Trích yếu</b></td></tr>{rows}</table>"
        )
        body = (
            self._bar("Văn bản pháp luật", (("Văn bản pháp luật", _DOCS),))
            + table
            + self._pager(_DOCS, page, self._doc_pages())
        )
        return self._shell(page_path(_DOCS, page), body)

    def _document(self, d: LegalDocument) -> str:
        rows = (
            ("Số hiệu", d.number),
            ("Loại văn bản", d.kind),
            ("Ngày ban hành", day_string(d.issued)),
            ("Ngày có hiệu lực", day_string(d.effective)),
            ("Cơ quan ban hành", d.issuer),
            ("Người ký", d.signer),
            ("Trích yếu", d.summary),
        )
        table = "".join(f'<tr><td width="30%"><b>{k}</b></td><td>{_esc(v)}</td></tr>' for k, v in rows)
        body = (
            self._bar("Văn bản pháp luật", (("Văn bản pháp luật", _DOCS),))
            + f'<table width="100%" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">{table}</table>'
            + f'<p><b>File đính kèm:</b> <a href="/Upload/VanBan/{d.slug}.pdf">Tải về</a></p>'
        )
        return self._shell(f"/vn/van-ban/{d.id}/{d.slug}.aspx", body)

    def _procedures(self) -> str:
        rows = "".join(
            f'<tr><td>{k + 1}</td><td><a href="/vn/thu-tuc/{p.id}/{p.slug}.aspx">{_esc(p.name)}</a></td><td>{_esc(p.field)}</td></tr>'
            for k, p in enumerate(self.beside.procedures)
        )
        body = self._bar("Thủ tục hành chính", (("Thủ tục hành chính", _TTHC),)) + (
            '<table width="100%" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">'
            f"<tr><td><b>STT</b></td><td><b>Tên thủ tục</b></td><td><b>Lĩnh vực</b></td></tr>{rows}</table>"
        )
        return self._shell(_TTHC, body)

    def _procedure(self, p: Procedure) -> str:
        rows = (
            ("Lĩnh vực", p.field),
            ("Cấp thực hiện", p.level),
            ("Thời hạn giải quyết", f"{p.days} ngày làm việc"),
            ("Lệ phí", p.fee),
            ("Ngày cập nhật", day_string(p.updated)),
        )
        table = "".join(f'<tr><td width="30%"><b>{k}</b></td><td>{_esc(v)}</td></tr>' for k, v in rows)
        body = (
            self._bar("Thủ tục hành chính", (("Thủ tục hành chính", _TTHC),))
            + f'<p><b><font size="3">{_esc(p.name)}</font></b></p>'
            + f'<table width="100%" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">{table}</table>'
            + "<p><b>Hồ sơ gồm:</b> Tờ khai theo mẫu; giấy tờ chứng minh theo quy định.</p>"
        )
        return self._shell(f"/vn/thu-tuc/{p.id}/{p.slug}.aspx", body)

    def _calendar(self, week: CalendarWeek) -> str:
        weeks = self.beside.weeks
        k = weeks.index(week)
        nav = []
        if k > 0:
            nav.append(f'<a href="{week_path(weeks[k - 1])}">« Tuần trước</a>')
        if k < len(weeks) - 1:
            nav.append(f'<a href="{week_path(weeks[k + 1])}">Tuần sau »</a>')
        rows = "".join(
            f'<tr><td valign="top" width="120"><b>{WEEKDAYS[d.weekday()]}</b><br>{day_string(d)}</td><td>'
            + "".join(
                f"<b>{t}:</b> {_esc(task)} <i>(Địa điểm: {_esc(place)})</i><br>" for t, task, place in tasks
            )
            + "</td></tr>"
            for d, tasks in week.days
        )
        body = (
            self._bar("Lịch công tác", (("Lịch công tác", _CALENDAR),))
            + f'<p align="center"><b><font size="3" color="{BLUE}">{_esc(week.title)}</font></b></p>'
            + f'<table width="100%" border="1" bordercolor="#cccccc" cellpadding="4" cellspacing="0">{rows}</table>'
            + f'<p align="center">{" | ".join(nav)}</p>'
        )
        return self._shell(week_path(week), body)

    def _gallery(self, video: bool) -> str:
        albums, kind, name = (
            (self.beside.videos, "video", "Video") if video else (self.beside.albums, "album", "Thư viện ảnh")
        )
        cells = "".join(
            f'<td align="center" valign="top" width="33%"><a href="/vn/{kind}/{a.id}/{a.slug}.aspx"><img src="/Upload/Images/album/{a.id}.jpg" width="180" border="0"></a><br>'
            f'<a href="/vn/{kind}/{a.id}/{a.slug}.aspx"><b>{_esc(a.title)}</b></a><br><font size="1">({day_string(a.day)})</font></td>'
            + ("</tr><tr>" if i % 3 == 2 else "")
            for i, a in enumerate(albums)
        )
        body = (
            self._bar(name, ((name, _VIDEOS if video else _ALBUMS),))
            + f'<table width="100%" cellpadding="4"><tr>{cells}</tr></table>'
        )
        return self._shell(_VIDEOS if video else _ALBUMS, body)

    def _album(self, album: Album) -> str:
        kind, name, page = ("video", "Video", _VIDEOS) if album.video else ("album", "Thư viện ảnh", _ALBUMS)
        if album.video:
            media = f'<p align="center"><embed src="/Upload/Video/{album.id}.flv" width="480" height="360"></p><p>{_esc(album.captions[0])}</p>'
        else:
            media = "".join(
                f'<p align="center"><img src="/Upload/Images/album/{album.id}-{k + 1}.jpg" width="480" border="0"><br><i>{_esc(c)}</i></p>'
                for k, c in enumerate(album.captions)
            )
        body = (
            self._bar(name, ((name, page),))
            + f'<p><b><font size="3" color="{BLUE}">{_esc(album.title)}</font></b> <font size="1">({day_string(album.day)})</font></p>'
            + media
        )
        return self._shell(f"/vn/{kind}/{album.id}/{album.slug}.aspx", body)

    def _about(self) -> str:
        body = self._bar("Giới thiệu", (("Giới thiệu", _ABOUT),)) + (
            '<p align="justify">Công an tỉnh Thanh Hóa là cơ quan thuộc Bộ Công an, tham mưu cho Đảng ủy Công an Trung ương, '
            "lãnh đạo Bộ Công an, Tỉnh ủy và Ủy ban nhân dân tỉnh về bảo vệ an ninh quốc gia, bảo đảm trật tự, an toàn "
            'xã hội trên địa bàn tỉnh.</p><p align="justify">Trang thông tin điện tử đăng tải tin hoạt động của lực '
            "lượng, văn bản chỉ đạo, thủ tục hành chính và các khuyến cáo phòng ngừa tội phạm.</p>"
        )
        return self._shell(_ABOUT, body)

    def _contact(self) -> str:
        body = self._bar("Liên hệ", (("Liên hệ", _CONTACT),)) + (
            f"<p><b>Địa chỉ:</b> {_esc(ADDRESS)}</p><p><b>Điện thoại:</b> 0237.000.0000 - <b>Fax:</b> 0237.000.0001</p>"
            "<p><b>Email:</b> bbt@cath.replica.invalid</p>"
        )
        return self._shell(_CONTACT, body)

    def _english(self, name: str) -> str:
        title, paragraphs = self.english[name]
        menu = " | ".join(
            f'<a href="{href}">{key.replace("-", " ").title()}</a>' for key, href in _ENGLISH.items()
        )
        body = (
            f'<p>{menu} | <a href="{HOME}">Tiếng Việt</a></p><p><b><font size="3" color="{BLUE}">{_esc(title)}</font></b></p>'
            + "".join(f'<p align="justify">{_esc(p)}</p>' for p in paragraphs)
        )
        return self._shell(_ENGLISH[name], body)
