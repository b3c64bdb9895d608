"""A third replica portal: a SharePoint police portal (Công an thành phố Hải Phòng), for crawls without a profile.

Modelled on the SharePoint ministry portals of REAL-SITES.md ("CMS families": moet.gov.vn
``/tintuc/Pages/thong-cao-bao-chi.aspx?page=``, mard.gov.vn ``/Pages/tin-hoat-dong.aspx``, moj.gov.vn
``…/Pages/van-ban-chinh-sach-moi.aspx?page=1``) and on what it says SharePoint article pages tend to look like.

URL patterns:
- home ``/Pages/default.aspx``; ``/`` answers 302 to it;
- news listings ``/tintuc/Pages/<slug>.aspx``, paged by ``?page=N`` written as *relative* links (``?page=2``); page 1
  is the bare path or ``?page=1``; a page past the last answers 200 with an empty list (no 404 to stop a crawler);
- an article on its listing's own path: ``/tintuc/Pages/<slug>.aspx?ItemID=N``; paths are case-insensitive;
- beside the news: ``/van-ban/Pages/default.aspx?page=N`` and ``/van-ban/Pages/chi-tiet-van-ban.aspx?ItemID=N``
  (documents with numbers and dates, PDFs under ``/van-ban/Documents/``), ``/thu-tuc-hanh-chinh/Pages/…``, the work
  calendar ``/tintuc/Pages/lich-cong-tac.aspx[?ItemID=N]`` (in the news folder, with ItemIDs, like an article),
  ``/thu-vien-anh/Pages/…``, ``/video/Pages/…``, ``/Pages/gioi-thieu.aspx``, ``/Pages/lien-he.aspx``,
  ``/Pages/so-do-cong.aspx`` and an English version under ``/en/Pages/``. No sitemap.

Traps from REAL-SITES.md: the ``?page=`` listings and ``.aspx`` paths; everything inside one ``form#aspnetForm`` with a
large ``__VIEWSTATE``; element ids ``ctl00_PlaceHolderMain_…``; the title in a ``span`` (a table cell), not an ``h1``;
the article on the listing's path with ``?ItemID=N``; a header "today"; sidebars "Tin nổi bật", "Tin xem nhiều",
"Văn bản mới" with dates; "Các tin khác" with dates under the body; an inline "Tin liên quan" box inside some
bodies; share and print bar, visitor counter, footer with address and editor; sections of documents, procedures,
work calendar, galleries and an English version; pages with no publication date at all (one article in ten here;
its listing still shows a date).

Assumed from how SharePoint publishing sites usually behave, not recorded in REAL-SITES.md (``check-site`` is where
a maintainer confirms or corrects them): the 302 from ``/``; relative pager links; the empty 200 past the last page;
case-insensitive paths; a ``__REQUESTDIGEST`` carrying today's date; the page ``<title>`` and the web part's ``h2``
naming the category, not the article; the date printed with the Vietnamese AM/PM marks (``31/03/2023 2:05 CH``);
captions in a table cell and again in italics; the calendar's weeks as ItemIDs in the news folder.

The sections beside the news (documents, procedures, work calendar, albums, videos, English pages) come from
sections.py, shared with the other two CMS replicas, each rendering them its own way.
"""

from __future__ import annotations

import base64
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

from crawler.replica.base import GIF, VN, WEEKDAYS, PortalBase, generated_content
from crawler.replica.sections import (
    PDF,
    Album,
    CalendarWeek,
    LegalDocument,
    Procedure,
    beside_news,
    day_string,
    english_pages,
    esc,
    mark_quirks,
)
from crawler.sites import Category, SiteProfile

FIRST_DAY = datetime(2021, 3, 1, tzinfo=VN)
LAST_DAY = datetime(2025, 11, 14, tzinfo=VN)
FIRST_ID = 6803
PAGE_SIZE = 15
# Awkward cases and the share of articles that have each: no publication date on the page at all; a
# "Tin liên quan" box inside the body.
QUIRKS = {"undated": 0.1, "related_box": 0.15}
PORTAL_NAME = "Cổng thông tin điện tử Công an thành phố Hải Phòng"
UNIT = "thành phố Hải Phòng"
HOME = "/Pages/default.aspx"
_CAT = "/tintuc/Pages"

SHAREPOINT = SiteProfile(
    # The replica's own description: not a crawler profile, registered nowhere.
    name="sharepoint_replica",
    base_url="http://sharepoint.replica.invalid",
    hosts=("sharepoint.replica.invalid",),
    categories=(
        Category("tin-hoat-dong", "Tin hoạt động", f"{_CAT}/tin-hoat-dong.aspx"),
        Category("thong-cao-bao-chi", "Thông cáo báo chí", f"{_CAT}/thong-cao-bao-chi.aspx"),
        Category("tin-tong-hop", "Tin tức tổng hợp", f"{_CAT}/tin-tuc-tong-hop.aspx"),
        Category("hop-tac-quoc-te", "Hợp tác quốc tế", f"{_CAT}/hop-tac-quoc-te.aspx"),
    ),
    page_param="page",
    # The article is the listing's own path plus ?ItemID=N (the path alone cannot tell them apart); the work
    # calendar's weeks have ItemIDs on the same folder's path.
    article_path=re.compile(r"^/tintuc/Pages/(?!lich-cong-tac)[\w-]+\.aspx\?ItemID=(\d+)$", re.IGNORECASE),
    listing_item=".news-list .news-item",
    listing_item_link="a.news-title",
    listing_item_date=".news-date",
    listing_next=".paging a.next",
    title=("span.title-detail",),
    published=("span.date-detail",),
    lead=(".summary-detail",),
    content=(".content-detail",),
    caption="td.image-caption",
    source=(".source-detail",),
    breadcrumb="#ctl00_PlaceHolderMain_siteMapPath a",
)
GENERATOR_CATEGORY = {
    "tin-hoat-dong": "hoat-dong-cua-dia-phuong",
    "thong-cao-bao-chi": "tin-an-ninh-trat-tu",
    "tin-tong-hop": "hoat-dong-cua-bo",
    "hop-tac-quoc-te": "thong-tin-doi-ngoai",
}
_SOURCES = (
    "Phòng Tham mưu, Công an thành phố Hải Phòng",
    "Công an thành phố Hải Phòng",
    "Báo Công an nhân dân",
    "Phòng Cảnh sát hình sự",
)
_DOCS = "/van-ban/Pages/default.aspx"
_DOC = "/van-ban/Pages/chi-tiet-van-ban.aspx"
_TTHC = "/thu-tuc-hanh-chinh/Pages/default.aspx"
_TTHC_ITEM = "/thu-tuc-hanh-chinh/Pages/chi-tiet-thu-tuc.aspx"
_CALENDAR = f"{_CAT}/lich-cong-tac.aspx"
_ALBUMS_PAGE = "/thu-vien-anh/Pages/default.aspx"
_ALBUM = "/thu-vien-anh/Pages/album.aspx"
_VIDEOS_PAGE = "/video/Pages/default.aspx"
_VIDEO = "/video/Pages/chi-tiet-video.aspx"
_ABOUT = "/Pages/gioi-thieu.aspx"
_CONTACT = "/Pages/lien-he.aspx"
_SITEMAP_PAGE = "/Pages/so-do-cong.aspx"
_ENGLISH = {
    "home": "/en/Pages/default.aspx",
    "about-us": "/en/Pages/about-us.aspx",
    "contact": "/en/Pages/contact.aspx",
}
_STATIC = (
    "/_layouts/",
    "/publishingimages/",
    "/tintuc/publishingimages/",
    "/style library/",
    "/thu-vien-anh/anh/",
)
ADDRESS = "Số 2 đường Lê Đại Hành, phường Hồng Bàng, thành phố Hải Phòng"
MENU_SECTIONS = (
    ("Văn bản pháp luật", _DOCS),
    ("Thủ tục hành chính", _TTHC),
    ("Lịch công tác", _CALENDAR),
    ("Thư viện ảnh", _ALBUMS_PAGE),
    ("Video", _VIDEOS_PAGE),
    ("Giới thiệu", _ABOUT),
)


def _guid(seed: str) -> str:
    h = f"{random.Random(f'guid:{seed}').getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stamp(dt: datetime) -> str:
    """How SharePoint in Vietnamese prints a moment: 31/03/2023 2:05 CH (SA before noon, CH after)."""
    hour = dt.hour % 12 or 12
    return f"{dt:%d/%m/%Y} {hour}:{dt:%M} {'SA' if dt.hour < 12 else 'CH'}"


def header_date(dt: datetime) -> str:
    return f"{WEEKDAYS[dt.weekday()]}, ngày {day_string(dt)}"


@dataclass(frozen=True)
class SharePointEntry:
    """One article's place in the portal: what listings need, without the body."""

    id: int
    category: Category
    published: datetime
    path: str
    title: str
    lead: str
    show_lead: bool
    dated: bool
    quirk: str | None = None  # "undated" or "related_box" (a "Tin liên quan" box inside the body)


class SharePointPortal(PortalBase):
    """A deterministic replica of a SharePoint police portal, with the sections a ministry portal has beside the news."""

    profile = SHAREPOINT
    generator_category = GENERATOR_CATEGORY
    content_seed = "sharepoint-content"

    def __init__(self, articles: int = 150, today: datetime | None = None):
        if articles < 20:
            raise ValueError("the SharePoint replica needs at least 20 articles")
        super().__init__(today)
        marks = mark_quirks("sharepoint", articles, QUIRKS)
        self.entries = [self._entry(i, articles, marks.get(i)) for i in range(articles)]
        self._index()
        self.by_item = {(e.category.listing_path.lower(), e.id): e for e in self.entries}
        self.listing_keys = {c.listing_path.lower(): c for c in self.profile.categories}
        self.beside = beside_news("sharepoint", LAST_DAY, "thành phố Hải Phòng", "CAHP")
        self.documents = {d.id: d for d in self.beside.documents}
        self.procedures = {p.id: p for p in self.beside.procedures}
        self.weeks = {w.id: w for w in self.beside.weeks}
        self.albums = {a.id: a for a in self.beside.albums}
        self.videos = {a.id: a for a in self.beside.videos}
        self.english = english_pages(
            "Hai Phong City Police", "2 Le Dai Hanh Street, Hong Bang Ward, Hai Phong City"
        )
        self.latest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)
        self.most_read = sorted(self.entries, key=lambda e: (e.id * 7919) % 1013)

    # -- building -----------------------------------------------------------------------------

    def _entry(self, index: int, n: int, quirk: str | None) -> SharePointEntry:
        # ItemIDs count every item of the news list, drafts and deleted ones included: gaps.
        item_id = FIRST_ID + index * 3 + index % 2
        layout = random.Random(f"sharepoint:{item_id}")
        category = layout.choice(self.profile.categories)
        day = FIRST_DAY + timedelta(days=(LAST_DAY - FIRST_DAY).days * index // n)
        published = day.replace(hour=layout.randint(6, 21), minute=layout.randint(0, 59))
        article = self._generate(item_id, category, published)
        return SharePointEntry(
            item_id,
            category,
            published,
            f"{category.listing_path}?ItemID={item_id}",
            article.title,
            article.lead,
            layout.random() >= 0.12,
            quirk != "undated",
            quirk,
        )

    @lru_cache(maxsize=512)  # noqa: B019 - one portal per server, cache bounded
    def content(self, entry: SharePointEntry) -> dict:
        """Blocks to render and what the article names."""
        article = self._generate(entry.id, entry.category, entry.published)
        return generated_content(
            article,
            random.Random(f"sharepoint-source:{entry.id}").choice(_SOURCES),
            lambda k: f"/tintuc/PublishingImages/{entry.published:%Y}/{entry.id}/anh-{k + 1}.jpg",
            insert=(1, ("related",)) if entry.quirk == "related_box" else None,
        )

    # -- truth --------------------------------------------------------------------------------

    def dateline(self, entry: SharePointEntry) -> str | None:
        """The publication date as the article page prints it; None on the undated ones."""
        return stamp(entry.published) if entry.dated else None

    def truth_of(self, entry: SharePointEntry, base_url: str) -> dict:
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
        split = urlsplit(raw_path)
        path = unquote(split.path)
        query = {k.lower(): v[0] for k, v in parse_qs(split.query).items()}
        key = path.lower().rstrip("/") or "/"
        item = _number(query.get("itemid"))
        self.count_hit(path + (f"?ItemID={item}" if item is not None else ""))
        base = f"http://{host}"
        if key in ("/", "/default.aspx"):
            return 302, {"Location": base + HOME, "Content-Type": "text/html; charset=utf-8"}, b""
        if key == "/robots.txt":
            robots = (
                "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /_catalogs/\n"
                "Disallow: /Lists/\nDisallow: /_replica/\n"
            )
            return 200, {"Content-Type": "text/plain"}, robots.encode()
        if key == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        if key.startswith(_STATIC):
            if key.endswith(".css"):
                return 200, {"Content-Type": "text/css"}, b"body{font-family:Arial}"
            if key.endswith(".js"):
                return 200, {"Content-Type": "application/javascript"}, b"var _spPageLoaded=true;"
            return 200, {"Content-Type": "image/gif"}, GIF
        if key.startswith("/van-ban/documents/") and key.endswith(".pdf"):
            return 200, {"Content-Type": "application/pdf"}, PDF
        page = self._page(key, path, query, item)
        if page is None:
            return self._html(404, self._not_found(path))
        return self._html(200, page)

    def _page(self, key: str, path: str, query: dict[str, str], item: int | None) -> str | None:
        """The page at this path and query, None for one the portal does not have."""
        category = self.listing_keys.get(key)
        if category is not None:
            if "itemid" in query:
                entry = self.by_item.get((key, item))
                return self._article(entry) if entry is not None else None
            return self._listing(category, _number(query.get("page")) or 1)
        if key == HOME.lower():
            return self._home()
        if key == _CALENDAR.lower():
            if "itemid" in query:
                week = self.weeks.get(item)
                return self._calendar(week) if week else None
            return self._calendar(self.beside.weeks[-1])
        if key == _DOCS.lower():
            page = _number(query.get("page")) or 1
            return self._documents(page) if page <= self._doc_pages() else None
        single = {
            _DOC.lower(): (self.documents, self._document),
            _TTHC_ITEM.lower(): (self.procedures, self._procedure),
            _ALBUM.lower(): (self.albums, self._album),
            _VIDEO.lower(): (self.videos, self._album),
        }.get(key)
        if single is not None:
            found = single[0].get(item)
            return single[1](found) if found is not None else None
        fixed = {
            _TTHC.lower(): self._procedures,
            _ALBUMS_PAGE.lower(): lambda: self._gallery(False),
            _VIDEOS_PAGE.lower(): lambda: self._gallery(True),
            _ABOUT.lower(): self._about,
            _CONTACT.lower(): self._contact,
            _SITEMAP_PAGE.lower(): self._site_map,
        }.get(key)
        if fixed is not None:
            return fixed()
        for name, english_path in _ENGLISH.items():
            if key == english_path.lower():
                return self._english(name)
        return None

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "MicrosoftSharePointTeamServices": "15.0.0.4797",
            "X-SharePointHealthScore": "0",
        }
        return status, headers, text.encode("utf-8")

    # -- page parts ---------------------------------------------------------------------------

    def _shell(self, title: str, action: str, main: str) -> str:
        """The master page: one aspnetForm around header, menu, breadcrumb, two columns and footer."""
        viewstate = base64.b64encode(random.Random(f"viewstate:{action}").randbytes(5400)).decode()
        today = self.today()
        digest = f"0x{random.Random(f'digest:{action}').getrandbits(512):0128X}"
        news_menu = "".join(
            f'<li class="dynamic"><a class="dynamic menu-item" href="{c.listing_path}">'
            f'<span class="additional-background"><span class="menu-item-text">{esc(c.name)}</span></span></a></li>'
            for c in self.profile.categories
        )
        other_menu = "".join(
            f'<li class="static"><a class="static menu-item" href="{href}"><span class="additional-background">'
            f'<span class="menu-item-text">{esc(name)}</span></span></a></li>'
            for name, href in MENU_SECTIONS
        )
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            '<html dir="ltr" lang="vi-VN"><head><meta http-equiv="X-UA-Compatible" content="IE=10" />'
            '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />'
            '<meta name="GENERATOR" content="Microsoft SharePoint" />'
            f"<title>\r\n\t{esc(title)}\r\n</title>"
            '<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=OqAycmyMLoQIDkAlzHdMhQ%3D%3D" />'
            '<link rel="stylesheet" type="text/css" href="/Style%20Library/CAHP/css/style.css" />'
            '<script type="text/javascript" src="/_layouts/15/init.js?rev=YIRS5rpb2rzl5fiIwgEn2A%3D%3D"></script>'
            "</head><body>"
            '<div id="ms-designer-ribbon"><div id="s4-ribbonrow" style="display:none"></div></div>'
            '<div id="s4-workspace"><div id="s4-bodyContainer">'
            f'<form method="post" action="{esc(action)}" onsubmit="javascript:return WebForm_OnSubmit();" id="aspnetForm">'
            '<div class="aspNetHidden">'
            '<input type="hidden" name="_wpcmWpid" id="_wpcmWpid" value="" />'
            '<input type="hidden" name="wpcmVal" id="wpcmVal" value="" />'
            '<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value="" />'
            '<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value="" />'
            f'<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="{digest},{today:%d %b %Y %H:%M:%S} -0000" />'
            '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />'
            '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />'
            f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIF{viewstate}" />'
            "</div>"
            "<script type=\"text/javascript\">//<![CDATA[\nvar theForm = document.forms['aspnetForm'];\n"
            "function __doPostBack(eventTarget, eventArgument) { if (!theForm.onsubmit || (theForm.onsubmit() != false)) "
            "{ theForm.__EVENTTARGET.value = eventTarget; theForm.__EVENTARGUMENT.value = eventArgument; theForm.submit(); } }\n//]]></script>"
            '<div id="ctl00_pnlHeader" class="header">'
            '<div class="top-bar"><span id="ctl00_lblNgayHienTai" class="today">'
            f"{header_date(today)}</span>"
            '<span class="top-links"><a href="/en/Pages/default.aspx">English</a> | '
            f'<a href="{_CONTACT}">Liên hệ</a> | <a href="{_SITEMAP_PAGE}">Sơ đồ cổng</a></span></div>'
            f'<div class="banner"><a href="{HOME}"><img src="/PublishingImages/banner-cahp.jpg" alt="{esc(PORTAL_NAME)}" /></a></div>'
            '<div id="ctl00_TopNavigation" class="menu-top"><div id="zz1_TopNavigationMenu" class="ms-core-listMenu-horizontalBox">'
            f'<ul class="root ms-core-listMenu-root static"><li class="static"><a class="static menu-item" href="{HOME}">'
            '<span class="additional-background"><span class="menu-item-text">Trang chủ</span></span></a></li>'
            '<li class="static dynamic-children"><a class="static dynamic-children menu-item" '
            f'href="{self.profile.categories[0].listing_path}"><span class="additional-background">'
            '<span class="menu-item-text">Tin tức - Sự kiện</span></span></a>'
            f'<ul class="dynamic">{news_menu}</ul></li>{other_menu}</ul></div></div>'
            '<div class="search-box"><input name="ctl00$txtSearch" type="text" id="ctl00_txtSearch" '
            'placeholder="Tìm kiếm..." /><a id="ctl00_btnSearch" href="javascript:__doPostBack(&#39;ctl00$btnSearch&#39;,&#39;&#39;)">Tìm</a></div>'
            "</div>"
            '<div id="contentRow"><table class="layout-table" width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td class="col-main" valign="top"><div id="ctl00_PlaceHolderMain_pnlMain">{main}</div></td>'
            f'<td class="col-right" valign="top" width="300">{self._sidebar(action)}</td></tr></table></div>'
            '<div id="ctl00_pnlFooter" class="footer"><table width="100%"><tr><td>'
            f"<p><b>{esc(PORTAL_NAME.upper())}</b></p>"
            f"<p>Cơ quan chủ quản: Công an thành phố Hải Phòng. Địa chỉ: {esc(ADDRESS)}.</p>"
            "<p>Điện thoại: 069.000.0000 - Fax: 069.000.0001. Chịu trách nhiệm chính: Đại tá Phạm Quang Vinh, "
            "Phó Giám đốc Công an thành phố.</p>"
            "<p>Giấy phép số 62/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 20/8/2019. "
            "Ghi rõ nguồn khi phát hành lại thông tin từ cổng này (bản sao để thử nghiệm).</p>"
            "</td></tr></table></div>"
            '<script type="text/javascript">//<![CDATA[\nvar _spFormDigestRefreshInterval = 1440000;'
            "_spBodyOnLoadFunctionNames.push('HideRibbon');\n//]]></script>"
            "</form></div></div></body></html>"
        )

    @staticmethod
    def _webpart(seed: str, title: str | None, body: str) -> str:
        """A web part as SharePoint wraps it: zone cell, chrome, optional title h2, then the body."""
        guid = _guid(seed)
        wp = "g_" + guid.replace("-", "_")
        heading = (
            f'<div class="ms-webpart-chrome-title" id="{wp}_ChromeTitle"><span title="{esc(title)}" '
            f'id="WebPartTitle{wp}"><h2 style="text-align:justify;" class="ms-webpart-titleText"><nobr>'
            f"<span>{esc(title)}</span></nobr></h2></span></div>"
            if title
            else ""
        )
        return (
            f'<div id="MSOZoneCell_WebPart{wp}" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">'
            f'<div class="ms-webpart-chrome ms-webpart-chrome-vertical ms-webpart-chrome-fullWidth">{heading}'
            f'<div webpartid="{guid}" haspers="false" id="WebPart{wp}" width="100%" class="ms-WPBody" '
            f'allowdelete="false" style=""><div id="ctl00_PlaceHolderMain_{wp}">{body}</div></div></div></div>'
        )

    @staticmethod
    def _prefix(seed: str) -> str:
        return "ctl00_PlaceHolderMain_g_" + _guid(seed).replace("-", "_") + "_ctl00"

    def _breadcrumb(self, *links: tuple[str, str | None]) -> str:
        parts = [f'<span><a href="{HOME}">Trang chủ</a></span>']
        for name, href in links:
            inner = (
                f'<a href="{href}">{esc(name)}</a>' if href else f'<span class="current">{esc(name)}</span>'
            )
            parts.append(f'<span class="sep"> &gt; </span><span>{inner}</span>')
        return f'<div class="breadcrumb"><span id="ctl00_PlaceHolderMain_siteMapPath">{"".join(parts)}</span></div>'

    def _dated_links(self, entries, css: str, with_date: bool = True) -> str:
        items = "".join(
            f'<li><a href="{esc(e.path)}">{esc(e.title)}</a>'
            + (f' <span class="{css}">({day_string(e.published)})</span>' if with_date else "")
            + "</li>"
            for e in entries
        )
        return f"<ul>{items}</ul>"

    def _sidebar(self, action: str) -> str:
        """Featured and most-read news with dates, newest documents, links and a counter, on every page."""
        shown = [e for e in self.latest if e.path != action][:5]
        read = [e for e in self.most_read if e.path != action][:5]
        docs = "".join(
            f'<li><a href="{_DOC}?ItemID={d.id}">{esc(d.number)}</a> <span class="doc-date">{day_string(d.issued)}</span>'
            f'<div class="doc-summary">{esc(d.summary)}</div></li>'
            for d in self.beside.documents[:4]
        )
        return (
            self._webpart(
                "tin-noi-bat",
                "Tin nổi bật",
                f'<div class="featured">{self._dated_links(shown, "featured-date")}</div>',
            )
            + self._webpart(
                "tin-xem-nhieu",
                "Tin xem nhiều",
                f'<div class="most-read">{self._dated_links(read, "date")}</div>',
            )
            + self._webpart(
                "van-ban-moi",
                "Văn bản mới",
                f'<ul class="new-docs">{docs}</ul><a href="{_DOCS}">Xem tất cả</a>',
            )
            + self._webpart(
                "lien-ket",
                "Liên kết website",
                '<select onchange="window.open(this.value)"><option value="">-- Liên kết website --</option>'
                '<option value="https://bocongan.gov.vn/">Bộ Công an</option>'
                '<option value="https://haiphong.gov.vn/">Cổng TTĐT thành phố Hải Phòng</option>'
                '<option value="https://cand.com.vn/">Báo Công an nhân dân</option></select>',
            )
            + self._webpart(
                "thong-ke",
                "Thống kê truy cập",
                '<p>Đang trực tuyến: <span id="ctl00_lblOnline">41</span></p>'
                '<p>Tổng lượt truy cập: <span id="ctl00_lblTotal">12.708.355</span></p>',
            )
        )

    def _not_found(self, path: str) -> str:
        body = (
            '<div class="ms-error"><h2>Không tìm thấy trang</h2>'
            "<p>Rất tiếc, trang bạn yêu cầu không tồn tại hoặc đã được chuyển đi. "
            f'Vui lòng quay lại <a href="{HOME}">trang chủ</a>.</p>'
            '<p class="correlation">ID Tương quan: ' + _guid(path) + "</p></div>"
        )
        return self._shell("Không tìm thấy trang", path, body)

    def _news_item(self, e: SharePointEntry, prefix: str, n: int) -> str:
        summary = f'<div class="news-summary">{esc(e.lead)}</div>' if e.show_lead else ""
        return (
            '<div class="news-item"><table cellpadding="0" cellspacing="0" width="100%"><tr>'
            f'<td class="news-img" valign="top" width="150"><a href="{esc(e.path)}">'
            f'<img src="/tintuc/PublishingImages/{e.published:%Y}/{e.id}/thumb.jpg" alt="" width="140" /></a></td>'
            f'<td valign="top"><a id="{prefix}_rptTinTuc_ctl{n:02d}_hplTitle" class="news-title" href="{esc(e.path)}">'
            f"{esc(e.title)}</a> "
            f'<span id="{prefix}_rptTinTuc_ctl{n:02d}_lblNgay" class="news-date">({day_string(e.published)})</span>'
            f"{summary}</td></tr></table></div>"
        )

    def _home(self) -> str:
        prefix = self._prefix("home")
        top = self.latest[:5]
        slides = "".join(
            f'<div class="slide"><a href="{esc(e.path)}"><img src="/tintuc/PublishingImages/{e.published:%Y}/{e.id}/thumb.jpg" alt="" /></a>'
            f'<a class="slide-title" href="{esc(e.path)}">{esc(e.title)}</a>'
            f'<span class="slide-date">{day_string(e.published)}</span></div>'
            for e in top
        )
        parts = [self._webpart("home-slider", None, f'<div class="home-slider">{slides}</div>')]
        for c in self.profile.categories:
            items = "".join(
                f'<li><a href="{esc(e.path)}">{esc(e.title)}</a> <span class="date">({day_string(e.published)})</span></li>'
                for e in self.by_category[c.key][:4]
            )
            parts.append(
                self._webpart(
                    f"home-{c.key}",
                    c.name,
                    f'<ul id="{prefix}_{c.key.replace("-", "_")}" class="home-news">{items}</ul>'
                    f'<a class="view-more" href="{c.listing_path}">Xem tiếp »</a>',
                )
            )
        week = self.beside.weeks[-1]
        parts.append(
            self._webpart(
                "home-lich",
                "Lịch công tác",
                f'<p><a href="{_CALENDAR}">{esc(week.title)}</a></p>'
                + "".join(
                    f'<p class="cal-day"><b>{WEEKDAYS[d.weekday()]}, {day_string(d)}</b>: {esc(tasks[0][1])}</p>'
                    for d, tasks in week.days[:3]
                ),
            )
        )
        albums = "".join(
            f'<li><a href="{_ALBUM}?ItemID={a.id}"><img src="/thu-vien-anh/anh/{a.id}/1.jpg" alt="" />{esc(a.title)}</a></li>'
            for a in self.beside.albums[:3]
        )
        videos = "".join(
            f'<li><a href="{_VIDEO}?ItemID={a.id}">{esc(a.title)}</a></li>' for a in self.beside.videos[:2]
        )
        procedures = "".join(
            f'<li><a href="{_TTHC_ITEM}?ItemID={p.id}">{esc(p.name)}</a></li>'
            for p in self.beside.procedures[:4]
        )
        parts.append(
            self._webpart(
                "home-anh",
                "Thư viện ảnh",
                f'<ul class="albums">{albums}</ul><a href="{_ALBUMS_PAGE}">Xem thêm</a>',
            )
        )
        parts.append(
            self._webpart(
                "home-video",
                "Video",
                f'<ul class="videos">{videos}</ul><a href="{_VIDEOS_PAGE}">Xem thêm</a>',
            )
        )
        parts.append(
            self._webpart(
                "home-tthc", "Thủ tục hành chính", f'<ul>{procedures}</ul><a href="{_TTHC}">Xem thêm</a>'
            )
        )
        return self._shell(f"Trang chủ - {PORTAL_NAME}", HOME, "".join(parts))

    def _pager(self, category: Category, page: int, last: int) -> str:
        """SharePoint's pager: relative ?page=N links, first/previous/next/last only where they lead somewhere."""
        links = []
        if page > 1:
            links += [
                '<a class="first" href="?page=1">Trang đầu</a>',
                f'<a class="prev" href="?page={page - 1}">Trang trước</a>',
            ]
        for n in range(max(1, page - 4), min(last, page + 4) + 1):
            links.append(f'<span class="current">{n}</span>' if n == page else f'<a href="?page={n}">{n}</a>')
        if page < last:
            links += [
                f'<a class="next" href="?page={page + 1}">Trang sau</a>',
                f'<a class="last" href="?page={last}">Trang cuối</a>',
            ]
        return f'<div class="paging"><span>Trang:</span> {" ".join(links)}</div>'

    def _listing(self, category: Category, page: int) -> str:
        prefix = self._prefix(category.key)
        entries = self.by_category[category.key][(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        last = self.last_page(category)
        items = "".join(self._news_item(e, prefix, n + 1) for n, e in enumerate(entries))
        if not items:
            items = '<p class="empty">Chưa có tin bài trong chuyên mục này.</p>'
        body = f'<div class="news-list">{items}</div>' + (
            self._pager(category, page, last) if entries else ""
        )
        action = f"{category.listing_path}?page={page}" if page > 1 else category.listing_path
        return self._shell(
            category.name,
            action,
            self._breadcrumb(("Tin tức - Sự kiện", None), (category.name, category.listing_path))
            + self._webpart(category.key, category.name, body),
        )

    def _blocks(self, entry: SharePointEntry, blocks) -> str:
        parts = []
        for block in blocks:
            if block[0] == "p":
                parts.append(f'<p style="text-align:justify;">{esc(block[1])}</p>')
            elif block[0] == "related":
                others = [e for e in self.by_category[entry.category.key] if e.id != entry.id]
                siblings = [e for e in others if e.id < entry.id][:3] or others[:3]
                links = "".join(f'<li><a href="{esc(e.path)}">{esc(e.title)}</a></li>' for e in siblings)
                if links:
                    parts.append(
                        '<div class="tin-lien-quan" style="border:1px solid #ccc;padding:5px;">'
                        f"<p><strong>Tin liên quan:</strong></p><ul>{links}</ul></div>"
                    )
            else:
                _, caption, repeated, src, _k = block
                parts.append(
                    '<table class="ms-rteTable-default" align="center" style="width:80%;"><tbody>'
                    f'<tr><td style="text-align:center;"><img src="{esc(src)}" alt="" style="width:560px;" /></td></tr>'
                    f'<tr><td class="image-caption" style="text-align:center;">{esc(caption)}</td></tr></tbody></table>'
                    f'<p style="text-align:center;"><em>{esc(repeated)}</em></p>'
                )
        return "".join(parts)

    def _article(self, entry: SharePointEntry) -> str:
        content = self.content(entry)
        prefix = self._prefix(entry.category.key)
        date_row = (
            f'<tr><td class="detail-date"><span id="{prefix}_lblNgayDang" class="date-detail">{stamp(entry.published)}</span>'
            f'<span class="view-count"> | Lượt xem: {97 + entry.id % 811}</span></td></tr>'
            if entry.dated
            else f'<tr><td class="detail-date"><span class="view-count">Lượt xem: {97 + entry.id % 811}</span></td></tr>'
        )
        lead = (
            f'<div id="{prefix}_divTomTat" class="summary-detail"><strong>{esc(entry.lead)}</strong></div>'
            if entry.show_lead
            else ""
        )
        others = [
            e
            for e in self.by_category[entry.category.key]
            if e.id != entry.id and e.published < entry.published
        ][:8]
        if len(others) < 4:
            others = [e for e in self.by_category[entry.category.key] if e.id != entry.id][:8]
        detail = (
            f'<div id="{prefix}_pnlChiTiet" class="news-detail"><table width="100%" cellpadding="0" cellspacing="0">'
            f'<tr><td class="detail-title"><span id="{prefix}_lblTieuDe" class="title-detail">{esc(entry.title)}</span></td></tr>'
            f"{date_row}<tr><td>{lead}"
            f'<div id="{prefix}_divNoiDung" class="content-detail ms-rtestate-field">{self._blocks(entry, content["blocks"])}</div>'
            f'<div id="{prefix}_divNguon" class="source-detail" style="text-align:right;"><b>{esc(content["source"])}</b></div>'
            "</td></tr></table>"
            '<div class="tool-bar"><a href="javascript:window.print();">In trang</a> | '
            f'<a href="mailto:?subject={esc(entry.title)}">Gửi email</a> | '
            '<a href="https://www.facebook.com/sharer/sharer.php" target="_blank">Chia sẻ Facebook</a> | '
            '<a href="javascript:history.back();">Quay lại</a></div>'
            '<div class="other-news"><div class="other-title">Các tin khác</div>'
            f"{self._dated_links(others, 'date')}</div></div>"
        )
        return self._shell(
            entry.category.name,
            entry.path,
            self._breadcrumb(("Tin tức - Sự kiện", None), (entry.category.name, entry.category.listing_path))
            + self._webpart(entry.category.key, entry.category.name, detail),
        )

    # -- the sections beside the news -----------------------------------------------------------

    def _doc_pages(self) -> int:
        return -(-len(self.beside.documents) // PAGE_SIZE)

    def _documents(self, page: int) -> str:
        docs = self.beside.documents[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rows = "".join(
            f'<tr><td>{(page - 1) * PAGE_SIZE + k + 1}</td><td><a href="{_DOC}?ItemID={d.id}">{esc(d.number)}</a></td>'
            f"<td>{day_string(d.issued)}</td><td>{esc(d.summary)}</td></tr>"
            for k, d in enumerate(docs)
        )
        pages = " ".join(
            f'<span class="current">{n}</span>' if n == page else f'<a href="?page={n}">{n}</a>'
            for n in range(1, self._doc_pages() + 1)
        )
        body = (
            '<table class="doc-table" width="100%" border="1" cellpadding="4"><tr><th>STT</th><th>Số/Ký hiệu</th>'
            f'<th>Ngày ban hành</th><th>Trích yếu</th></tr>{rows}</table><div class="paging">Trang: {pages}</div>'
        )
        return self._shell(
            "Văn bản pháp luật",
            f"{_DOCS}?page={page}",
            self._breadcrumb(("Văn bản pháp luật", None))
            + self._webpart("van-ban", "Văn bản pháp luật", body),
        )

    def _document(self, d: LegalDocument) -> str:
        rows = (
            ("Số/Ký hiệu", d.number),
            ("Loại văn bản", d.kind),
            ("Ngày ban hành", day_string(d.issued)),
            ("Ngày hiệu lực", day_string(d.effective)),
            ("Cơ quan ban hành", d.issuer),
            ("Người ký", d.signer),
            ("Trích yếu", d.summary),
        )
        table = "".join(
            f'<tr><td class="label" width="30%"><b>{k}</b></td><td>{esc(v)}</td></tr>' for k, v in rows
        )
        body = (
            f'<table class="doc-detail" width="100%" border="1" cellpadding="4">{table}</table>'
            f'<p>Tệp đính kèm: <a href="/van-ban/Documents/{d.slug}.pdf">{esc(d.number)}.pdf</a></p>'
        )
        return self._shell(
            "Chi tiết văn bản",
            f"{_DOC}?ItemID={d.id}",
            self._breadcrumb(("Văn bản pháp luật", _DOCS), (d.number, None))
            + self._webpart("van-ban-chi-tiet", "Chi tiết văn bản", body),
        )

    def _procedures(self) -> str:
        rows = "".join(
            f'<tr><td>{k + 1}</td><td><a href="{_TTHC_ITEM}?ItemID={p.id}">{esc(p.name)}</a></td><td>{esc(p.field)}</td>'
            f"<td>{esc(p.level)}</td></tr>"
            for k, p in enumerate(self.beside.procedures)
        )
        body = f'<table width="100%" border="1" cellpadding="4"><tr><th>STT</th><th>Tên thủ tục</th><th>Lĩnh vực</th><th>Cấp thực hiện</th></tr>{rows}</table>'
        return self._shell(
            "Thủ tục hành chính",
            _TTHC,
            self._breadcrumb(("Thủ tục hành chính", None))
            + self._webpart("tthc", "Thủ tục hành chính", body),
        )

    def _procedure(self, p: Procedure) -> str:
        steps = (
            "Bước 1: Cá nhân, tổ chức chuẩn bị hồ sơ theo quy định.",
            "Bước 2: Nộp hồ sơ trực tiếp tại cơ quan Công an hoặc qua Cổng dịch vụ công.",
            "Bước 3: Cán bộ tiếp nhận kiểm tra hồ sơ, viết giấy hẹn trả kết quả.",
            "Bước 4: Nhận kết quả theo thời gian ghi trên giấy hẹn.",
        )
        rows = (
            ("Lĩnh vực", p.field),
            ("Cấp thực hiện", p.level),
            ("Thời hạn giải quyết", f"Không quá {p.days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"),
            ("Phí, lệ phí", p.fee),
            ("Ngày cập nhật", day_string(p.updated)),
        )
        table = "".join(f'<tr><td width="30%"><b>{k}</b></td><td>{esc(v)}</td></tr>' for k, v in rows)
        body = (
            f'<p class="tthc-name"><b>{esc(p.name)}</b></p><table width="100%" border="1" cellpadding="4">{table}</table>'
            f"<p><b>Trình tự thực hiện:</b></p>{''.join(f'<p>{s}</p>' for s in steps)}"
        )
        return self._shell(
            "Thủ tục hành chính",
            f"{_TTHC_ITEM}?ItemID={p.id}",
            self._breadcrumb(("Thủ tục hành chính", _TTHC), (p.name, None))
            + self._webpart("tthc-chi-tiet", "Chi tiết thủ tục", body),
        )

    def _calendar(self, week: CalendarWeek) -> str:
        rows = "".join(
            f'<tr><td rowspan="{len(tasks)}" valign="top"><b>{WEEKDAYS[d.weekday()]}</b><br />{day_string(d)}</td>'
            + "</tr><tr>".join(
                f"<td>{t}</td><td>{esc(task)}</td><td>{esc(place)}</td>" for t, task, place in tasks
            )
            + "</tr>"
            for d, tasks in week.days
        )
        weeks = "".join(
            f"<li><b>{esc(w.title)}</b></li>"
            if w == week
            else f'<li><a href="{_CALENDAR}?ItemID={w.id}">{esc(w.title)}</a></li>'
            for w in reversed(self.beside.weeks)
        )
        body = (
            f'<p class="cal-title"><b>{esc(week.title)}</b></p>'
            '<table class="lich" width="100%" border="1" cellpadding="4"><tr><th>Ngày</th><th>Thời gian</th>'
            f"<th>Nội dung</th><th>Địa điểm</th></tr>{rows}</table><p><b>Các tuần khác:</b></p><ul>{weeks}</ul>"
        )
        return self._shell(
            "Lịch công tác",
            f"{_CALENDAR}?ItemID={week.id}",
            self._breadcrumb(("Lịch công tác", None)) + self._webpart("lich-cong-tac", "Lịch công tác", body),
        )

    def _gallery(self, video: bool) -> str:
        albums, page, item = (
            (self.beside.videos, _VIDEOS_PAGE, _VIDEO)
            if video
            else (self.beside.albums, _ALBUMS_PAGE, _ALBUM)
        )
        name = "Video" if video else "Thư viện ảnh"
        items = "".join(
            f'<div class="album"><a href="{item}?ItemID={a.id}"><img src="/thu-vien-anh/anh/{a.id}/1.jpg" alt="" /></a>'
            f'<a href="{item}?ItemID={a.id}">{esc(a.title)}</a> <span class="date">({day_string(a.day)})</span></div>'
            for a in albums
        )
        return self._shell(
            name, page, self._breadcrumb((name, None)) + self._webpart(f"gallery-{video}", name, items)
        )

    def _album(self, album: Album) -> str:
        if album.video:
            media = (
                f'<div class="video"><iframe width="640" height="360" src="https://www.youtube.com/embed/cahp{album.id}" '
                f'frameborder="0" allowfullscreen></iframe></div><p>{esc(album.captions[0])}</p>'
            )
            name, page, item = "Video", _VIDEOS_PAGE, _VIDEO
        else:
            media = "".join(
                f'<div class="photo"><img src="/thu-vien-anh/anh/{album.id}/{k + 1}.jpg" alt="" /><p class="photo-caption">{esc(c)}</p></div>'
                for k, c in enumerate(album.captions)
            )
            name, page, item = "Thư viện ảnh", _ALBUMS_PAGE, _ALBUM
        body = f'<p class="album-title"><b>{esc(album.title)}</b></p><p class="album-date">Ngày đăng: {day_string(album.day)}</p>{media}'
        return self._shell(
            name,
            f"{item}?ItemID={album.id}",
            self._breadcrumb((name, page), (album.title, None))
            + self._webpart(f"album-{album.video}", name, body),
        )

    def _about(self) -> str:
        body = (
            "<p>Công an thành phố Hải Phòng là cơ quan chuyên môn thuộc Bộ Công an, có chức năng tham mưu cho Đảng ủy "
            "Công an Trung ương, lãnh đạo Bộ Công an và Thành ủy, Ủy ban nhân dân thành phố về bảo vệ an ninh quốc gia, "
            "bảo đảm trật tự, an toàn xã hội trên địa bàn.</p>"
            "<p>Cơ cấu tổ chức gồm Ban Giám đốc, các phòng nghiệp vụ và Công an các xã, phường, đặc khu.</p>"
        )
        return self._shell(
            "Giới thiệu",
            _ABOUT,
            self._breadcrumb(("Giới thiệu", None)) + self._webpart("gioi-thieu", "Giới thiệu", body),
        )

    def _contact(self) -> str:
        body = (
            f"<p><b>Địa chỉ:</b> {esc(ADDRESS)}.</p><p><b>Điện thoại trực ban:</b> 069.000.0000</p>"
            "<p><b>Thư điện tử:</b> banbientap@cahp.replica.invalid</p>"
        )
        return self._shell(
            "Liên hệ",
            _CONTACT,
            self._breadcrumb(("Liên hệ", None)) + self._webpart("lien-he", "Liên hệ", body),
        )

    def _site_map(self) -> str:
        links = (
            [(c.name, c.listing_path) for c in self.profile.categories]
            + list(MENU_SECTIONS)
            + [("Liên hệ", _CONTACT)]
        )
        body = (
            "<ul>" + "".join(f'<li><a href="{href}">{esc(name)}</a></li>' for name, href in links) + "</ul>"
        )
        return self._shell(
            "Sơ đồ cổng",
            _SITEMAP_PAGE,
            self._breadcrumb(("Sơ đồ cổng", None)) + self._webpart("so-do", "Sơ đồ cổng", body),
        )

    def _english(self, name: str) -> str:
        title, paragraphs = self.english[name]
        menu = " | ".join(
            f'<a href="{href}">{key.replace("-", " ").title()}</a>' for key, href in _ENGLISH.items()
        )
        body = (
            f'<div class="en-menu">{menu} | <a href="{HOME}">Tiếng Việt</a></div><p class="en-title"><b>{esc(title)}</b></p>'
            + "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
        )
        return self._shell(title, _ENGLISH[name], self._webpart(f"en-{name}", "Hai Phong City Police", body))


def _number(value: str | None) -> int | None:
    """A positive integer query value, None when absent or not a number."""
    if value is None or not value.isdigit():
        return None
    return int(value) or None
