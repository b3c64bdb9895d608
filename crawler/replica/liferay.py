"""A second replica portal: a Liferay provincial police portal (Công an tỉnh Quảng Ninh).

Same interface as ReplicaPortal (entries, truth, truth_of, respond, hits, today), different CMS:
pages built of portlets, article URLs ``/web/guest/<section>/-/view-content/<id>/<slug>`` or
``/web/guest/tin-tuc/-/asset_publisher/<instance>/content/id/<id>``, listings paginated by path
(``<listing>/trang/<n>``; ``<listing>?page=1`` is the first page too), dates as ``dd/mm/yyyy hh:mm``,
photos as ``<figure><img><figcaption>`` followed by the caption repeated in italics.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from crawler.replica.base import GIF, VN, PortalBase, generated_content, weekday_line
from crawler.replica.generator import slugify
from crawler.sites import Category
from crawler.sites.congan_tinh import CONGAN_TINH

FIRST_DAY = datetime(2020, 1, 6, tzinfo=VN)
LAST_DAY = datetime(2025, 11, 18, tzinfo=VN)
FIRST_ID = 5120001
PAGE_SIZE = 10
PORTAL_NAME = "Cổng thông tin điện tử Công an tỉnh Quảng Ninh"
# The ministry categories of the content generator that each of this portal's categories draws on.
GENERATOR_CATEGORY = {
    "tin-hoat-dong": "hoat-dong-cua-dia-phuong",
    "an-ninh-trat-tu": "tin-an-ninh-trat-tu",
    "chi-dao-dieu-hanh": "chi-dao-dieu-hanh",
    "guong-nguoi-tot": "nguoi-tot-viec-tot",
}
# Awkward cases, each on one article, placed at a share of the timeline.
#  decoy_dates: the related-news block stands above the article with the article's own date markup,
#               and a "modified" date sits next to the publication date.
#  midnight:    published at 00:00, printed as such (a time that must not be taken for "no time").
QUIRKS = {"decoy_dates": 0.62, "midnight": 0.31}
_SOURCES = (
    "Phòng Tham mưu, Công an tỉnh Quảng Ninh",
    "Công an tỉnh Quảng Ninh",
    "Báo Công an nhân dân",
    "Đội Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
)
_ASSET_PUBLISHER = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet"
_BREADCRUMB = "com_liferay_site_navigation_breadcrumb_web_portlet_SiteNavigationBreadcrumbPortlet"
_NEWS_HUB = "/web/guest/tin-tuc"
_PAGE_RE = re.compile(r"^(?P<listing>/web/guest/[\w-]+)/trang/(?P<page>\d+)$")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _instance(seed: str) -> str:
    """A Liferay portlet instance id: 12 letters and digits, the same for the same seed."""
    r = random.Random(f"instance:{seed}")
    return "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(12))


NEWS_INSTANCE = _instance("tin-tuc")


def stamp(dt: datetime) -> str:
    """How this portal prints a moment: 20/12/2024 08:15."""
    return dt.strftime("%d/%m/%Y %H:%M")


header_date = weekday_line


@dataclass(frozen=True)
class LiferayEntry:
    """One article's place in the portal: what listings need, without the body."""

    id: int
    category: Category
    published: datetime
    path: str
    title: str
    lead: str
    show_lead: bool
    quirk: str | None = None
    is_seed: bool = False


class LiferayPortal(PortalBase):
    """A deterministic replica of a Liferay provincial police portal."""

    profile = CONGAN_TINH
    generator_category = GENERATOR_CATEGORY
    content_seed = "liferay-content"

    def __init__(self, articles: int = 120, today: datetime | None = None):
        if articles < 20:
            raise ValueError("the Liferay replica needs at least 20 articles to place its awkward cases")
        super().__init__(today)
        self.entries = self._build(articles)
        self._index()

    # -- building -----------------------------------------------------------------------------

    def _build(self, n: int) -> list[LiferayEntry]:
        quirk_at: dict[int, str] = {}
        for name, share in QUIRKS.items():
            i = min(n - 1, int(share * n))
            while i in quirk_at:
                i += 1
            quirk_at[i] = name
        return [self._entry(i, n, quirk_at.get(i)) for i in range(n)]

    def _entry(self, index: int, n: int, quirk: str | None) -> LiferayEntry:
        # Liferay numbers articles across the whole site: gaps between the news ones.
        article_id = FIRST_ID + index * 7 + (index * 3) % 5
        layout = random.Random(f"liferay:{article_id}")
        category = layout.choice(self.profile.categories)
        day = FIRST_DAY + timedelta(days=(LAST_DAY - FIRST_DAY).days * index // n)
        published = day.replace(hour=layout.randint(6, 21), minute=layout.randint(0, 59))
        if quirk == "midnight":
            published = published.replace(hour=0, minute=0)
        article = self._generate(article_id, category, published)
        slug = slugify(article.title)
        if article_id % 6 == 1:
            path = f"{_NEWS_HUB}/-/asset_publisher/{NEWS_INSTANCE}/content/id/{article_id}"
        else:
            path = f"{category.listing_path}/-/view-content/{article_id}/{slug}"
        show_lead = layout.random() >= 0.15 or quirk is not None
        return LiferayEntry(
            article_id, category, published, path, article.title, article.lead, show_lead, quirk
        )

    @lru_cache(maxsize=512)  # noqa: B019 - one portal per server, cache bounded
    def content(self, entry: LiferayEntry) -> dict:
        """Blocks to render and what the article names."""
        article = self._generate(entry.id, entry.category, entry.published)
        return generated_content(
            article,
            random.Random(f"liferay-source:{entry.id}").choice(_SOURCES),
            lambda k: f"/documents/20182/{entry.id}/anh-{k + 1}.jpg",
        )

    # -- truth --------------------------------------------------------------------------------

    def truth_of(self, entry: LiferayEntry, base_url: str) -> dict:
        content = self.content(entry)
        return self.truth_record(
            entry, base_url, blocks=content["blocks"], content=content,
            published_at=entry.published.isoformat(timespec="seconds"), lead=entry.lead if entry.show_lead else None,
        )  # fmt: skip

    # -- serving ------------------------------------------------------------------------------

    def last_page(self, category: Category) -> int:
        return max(1, -(-len(self.by_category[category.key]) // PAGE_SIZE))

    def page_path(self, category: Category, page: int) -> str:
        """A listing page as the portal links it: the bare listing for page 1, /trang/<n> after."""
        return category.listing_path if page == 1 else f"{category.listing_path}/trang/{page}"

    def respond(self, raw_path: str, host: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one GET, as the portal would answer it."""
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query)
        if len(path) > 1:
            path = path.rstrip("/")
        base = f"http://{host}"
        self.count_hit(path)
        if path in ("/", "/web/guest", "/web/guest/trang-chu"):
            return self._html(200, self._home())
        if path == "/robots.txt":
            robots = (
                "User-agent: *\nDisallow: /c/\nDisallow: /api/\nDisallow: /group/\n"
                f"Disallow: /web/guest/tim-kiem\nDisallow: /_replica/\nSitemap: {base}/sitemap.xml\n"
            )
            return 200, {"Content-Type": "text/plain; charset=UTF-8"}, robots.encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml; charset=UTF-8"}, self._sitemap(base).encode()
        if path == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=UTF-8"}, body
        if path.startswith(("/documents/", "/image/", "/o/")):
            return 200, {"Content-Type": "image/gif"}, GIF
        listing = self._listing_page(path, query)
        if listing is not None:
            category, page = listing
            if 1 <= page <= self.last_page(category):
                return self._html(200, self._listing(category, page))
        entry = self.by_path.get(path)
        if entry is not None:
            return self._html(200, self._article(entry, base))
        return self._html(404, self._not_found())

    def _listing_page(self, path: str, query: dict[str, list[str]]) -> tuple[Category, int] | None:
        """The category and page a listing URL asks for: <listing>[?page=n] or <listing>/trang/<n>."""
        if path in self.listing_paths:
            try:
                return self.listing_paths[path], int(query.get(self.profile.page_param, ["1"])[0])
            except ValueError:
                return self.listing_paths[path], 1
        m = _PAGE_RE.match(path)
        if m and m["listing"] in self.listing_paths:
            return self.listing_paths[m["listing"]], int(m["page"])
        return None

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": "text/html; charset=UTF-8"}, text.encode("utf-8")

    # -- page parts ---------------------------------------------------------------------------

    def _shell(self, title: str, column_1: str, head_extra: str = "") -> str:
        """The Liferay theme: header with today's date, navigation, two portlet columns, footer."""
        menu = "".join(
            f'<li class="lfr-nav-item"><a href="{c.listing_path}"><span>{_esc(c.name)}</span></a></li>'
            for c in self.profile.categories
        )
        return (
            '<!DOCTYPE html>\n<html class="ltr" dir="ltr" lang="vi-VN"><head>'
            f'<meta charset="utf-8"><title>{_esc(title)}</title>{head_extra}'
            '<link href="/o/cand-theme/css/main.css" rel="stylesheet" type="text/css">'
            '<script>var themeDisplay = Liferay.ThemeDisplay = {getLanguageId: function() { return "vi_VN"; }};</script>'
            "</head>"
            '<body class="controls-visible guest-site signed-out public-page site">'
            '<div class="container-fluid" id="wrapper">'
            '<header id="banner" role="banner"><div class="top-bar">'
            f'<div class="header-date"><span class="current-date">{header_date(self.today())}</span></div>'
            '<div class="top-links"><a href="/web/guest/lien-he">Liên hệ</a> | '
            '<a href="/web/guest/so-do-cong">Sơ đồ cổng</a></div></div>'
            '<div class="brand"><a class="logo custom-logo" href="/web/guest/trang-chu">'
            f'<img alt="{_esc(PORTAL_NAME)}" src="/o/cand-theme/images/logo.png"></a>'
            '<h1 class="site-title"><span>Cổng thông tin điện tử</span> Công an tỉnh Quảng Ninh</h1></div>'
            '<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Các trang">'
            f'<li class="lfr-nav-item"><a href="/web/guest/trang-chu"><span>Trang chủ</span></a></li>{menu}</ul></nav>'
            "</header>"
            '<section id="content"><div class="columns-2" id="main-content" role="main">'
            '<div class="portlet-layout row">'
            '<div class="col-md-8 portlet-column portlet-column-first" id="column-1">'
            f'<div class="portlet-dropzone portlet-column-content" id="layout-column_column-1">{column_1}</div></div>'
            '<div class="col-md-4 portlet-column portlet-column-last" id="column-2">'
            f'<div class="portlet-dropzone portlet-column-content" id="layout-column_column-2">{self._sidebar()}</div></div>'
            "</div></div></section>"
            '<footer id="footer" role="contentinfo"><p>Cơ quan chủ quản: Công an tỉnh Quảng Ninh. '
            "Địa chỉ: đường Nguyễn Văn Cừ, phường Hồng Hải, thành phố Hạ Long, tỉnh Quảng Ninh.</p>"
            '<p class="license">Giấy phép số 35/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 15/3/2018. '
            "Ghi rõ nguồn khi phát hành lại thông tin từ cổng này (bản sao để thử nghiệm).</p></footer>"
            '</div><script>Liferay.Portlet.runtimePortletIds = ["com_liferay_site_navigation_menu"];</script>'
            "</body></html>"
        )

    @staticmethod
    def _portlet(name: str, instance: str | None, title: str | None, body: str) -> str:
        """A portlet as Liferay wraps it: boundary div, section, optional title, content and body."""
        portlet_id = f"{name}_INSTANCE_{instance}" if instance else name
        topper = (
            f'<header class="portlet-topper"><h2 class="portlet-title-text">{_esc(title)}</h2></header>'
            if title
            else ""
        )
        return (
            f'<div class="portlet-boundary portlet-boundary_{name}_ portlet-static portlet-static-end '
            f'portlet-decorate" id="p_p_id_{portlet_id}_"><span id="p_{portlet_id}"></span>'
            f'<section class="portlet" id="portlet_{portlet_id}">{topper}'
            '<div class="portlet-content"><div class="portlet-content-container">'
            f'<div class="portlet-body">{body}</div></div></div></section></div>'
        )

    def _breadcrumb(self, category: Category | None, current: str | None = None) -> str:
        """Trang chủ › Tin tức - Sự kiện (not a link) › category › the article itself (not a link)."""
        items = [
            '<li class="breadcrumb-item"><a class="breadcrumb-link" href="/web/guest/trang-chu">'
            '<span class="breadcrumb-text-truncate">Trang chủ</span></a></li>',
            '<li class="breadcrumb-item"><span class="breadcrumb-text-truncate">Tin tức - Sự kiện</span></li>',
        ]
        if category is not None:
            items.append(
                f'<li class="breadcrumb-item"><a class="breadcrumb-link" href="{category.listing_path}">'
                f'<span class="breadcrumb-text-truncate">{_esc(category.name)}</span></a></li>'
            )
        if current:
            items.append(
                '<li class="active breadcrumb-item"><span class="breadcrumb-text-truncate">'
                f"{_esc(current)}</span></li>"
            )
        body = f'<nav aria-label="Breadcrumb" class="breadcrumb-portlet"><ol class="breadcrumb">{"".join(items)}</ol></nav>'
        return self._portlet(_BREADCRUMB, None, None, body)

    @staticmethod
    def _abstract(e: LiferayEntry, with_summary: bool = True) -> str:
        thumb = f"/documents/20182/{e.id}/thumb.jpg"
        summary = f'<div class="asset-summary">{_esc(e.lead)}</div>' if with_summary and e.show_lead else ""
        return (
            '<div class="asset-abstract">'
            f'<div class="asset-thumb"><a href="{_esc(e.path)}"><img alt="" src="{thumb}"></a></div>'
            f'<h3 class="asset-title"><a href="{_esc(e.path)}">{_esc(e.title)}</a></h3>'
            '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
            f"{stamp(e.published)}</span></div>{summary}"
            f'<div class="asset-more"><a href="{_esc(e.path)}">Xem tiếp »</a></div></div>'
        )

    def _sidebar(self) -> str:
        """Most-read news (asset markup with dates, like a listing), links, counter."""
        popular = sorted(self.entries, key=lambda e: (e.id * 7919) % 1009)[:5]
        items = "".join(self._abstract(e, with_summary=False) for e in popular)
        most_read = self._portlet(
            _ASSET_PUBLISHER,
            _instance("doc-nhieu"),
            "Tin đọc nhiều",
            f'<div class="asset-publisher most-read">{items}</div>',
        )
        links = self._portlet(
            "com_liferay_journal_content_web_portlet_JournalContentPortlet",
            _instance("lien-ket"),
            "Liên kết website",
            '<ul class="weblinks"><li><a href="https://bocongan.gov.vn/">Bộ Công an</a></li>'
            '<li><a href="https://quangninh.gov.vn/">Cổng TTĐT tỉnh Quảng Ninh</a></li>'
            '<li><a href="https://cand.com.vn/">Báo Công an nhân dân</a></li></ul>',
        )
        counter = self._portlet(
            "vn_gov_counter_portlet",
            None,
            "Thống kê truy cập",
            '<p>Đang truy cập: <span class="online">37</span></p>'
            '<p>Tổng lượt truy cập: <span class="total">8.214.530</span></p>',
        )
        return most_read + links + counter

    def _not_found(self) -> str:
        body = self._portlet(
            "com_liferay_portal_kernel_servlet_taglib_ui_StatusPortlet",
            None,
            None,
            '<div class="alert alert-danger"><h2>Không tìm thấy trang yêu cầu</h2>'
            "<p>Trang bạn tìm không tồn tại hoặc đã được gỡ bỏ.</p></div>",
        )
        return self._shell(f"Không tìm thấy trang - {PORTAL_NAME}", body)

    def _home(self) -> str:
        latest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)[:PAGE_SIZE]
        parts = [
            self._portlet(
                _ASSET_PUBLISHER,
                _instance("tin-moi"),
                "Tin mới nhất",
                f'<div class="asset-publisher">{"".join(self._abstract(e) for e in latest)}</div>',
            )
        ]
        for c in self.profile.categories:
            items = "".join(self._abstract(e, with_summary=False) for e in self.by_category[c.key][:3])
            parts.append(
                self._portlet(
                    _ASSET_PUBLISHER,
                    _instance(f"home-{c.key}"),
                    c.name,
                    f'<div class="asset-publisher">{items}'
                    f'<a class="view-more" href="{c.listing_path}">Xem thêm »</a></div>',
                )
            )
        return self._shell(f"Trang chủ - {PORTAL_NAME}", "".join(parts))

    def _pager(self, category: Category, page: int, last: int) -> str:
        """Liferay's page iterator: first/previous/next/last kept on every page, disabled at the ends."""

        def button(cls: str, target: int, label: str, enabled: bool) -> str:
            if not enabled:
                return f'<li class="disabled {cls}"><a href="javascript:;">{label}</a></li>'
            return f'<li class="{cls}"><a href="{self.page_path(category, target)}">{label}</a></li>'

        buttons = (
            button("first", 1, "« Đầu", page > 1)
            + button("previous", page - 1, "‹ Trước", page > 1)
            + button("next", page + 1, "Sau ›", page < last)
            + button("last", last, "Cuối »", page < last)
        )
        numbers = "".join(
            f'<li class="active"><span>{n}</span></li>'
            if n == page
            else f'<li><a href="{self.page_path(category, n)}">{n}</a></li>'
            for n in range(max(1, page - 2), min(last, page + 2) + 1)
        )
        return (
            '<div class="taglib-page-iterator"><div class="clearfix lfr-pagination">'
            f'<div class="lfr-pagination-config"><span class="lfr-pagination-page-selector">Trang {page} / {last}</span></div>'
            f'<ul class="lfr-pagination-buttons pager">{buttons}</ul>'
            f'<ul class="pagination">{numbers}</ul></div></div>'
        )

    def _listing(self, category: Category, page: int) -> str:
        entries = self.by_category[category.key][(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        body = (
            '<div class="asset-publisher">'
            + "".join(self._abstract(e) for e in entries)
            + self._pager(category, page, self.last_page(category))
            + "</div>"
        )
        portlet = self._portlet(_ASSET_PUBLISHER, _instance(category.key), category.name, body)
        title = f"{category.name} - {PORTAL_NAME}"
        head = f'<link rel="canonical" href="{self.page_path(category, page)}">'
        return self._shell(title, self._breadcrumb(category) + portlet, head)

    def _blocks(self, blocks: list[tuple[str, ...]]) -> str:
        parts = []
        for block in blocks:
            if block[0] == "p":
                parts.append(f'<p style="text-align: justify;">{_esc(block[1])}</p>')
                continue
            _, caption, repeated, src, k = block
            parts.append(
                '<figure class="image" style="text-align: center;">'
                f'<img alt="{_esc(caption)}" src="{_esc(src)}" width="640">'
                f"<figcaption>{_esc(caption)}</figcaption></figure>"
            )
            # The caption again under the photo, in italics, as editors type it into CKEditor.
            if int(k) % 2 == 0:
                parts.append(f"<p><em>{_esc(repeated)}</em></p>")
            else:
                parts.append(f'<p>&nbsp;</p><p style="text-align: justify;"><i>{_esc(repeated)}</i></p>')
        return "".join(parts)

    def _related(self, entry: LiferayEntry, decoy: bool) -> str:
        """'Tin khác' under the article; for decoy_dates, 'Tin liên quan' above it in the article's own date markup."""
        siblings = self.by_category[entry.category.key]
        position = siblings.index(entry)
        others = [e for e in siblings[position + 1 :] + siblings[:position] if e.published != entry.published]
        if decoy:
            items = "".join(self._abstract(e) for e in others[:4])
            return self._portlet(
                _ASSET_PUBLISHER,
                _instance(f"lien-quan-{entry.category.key}"),
                "Tin liên quan",
                f'<div class="asset-publisher asset-related">{items}</div>',
            )
        items = "".join(
            f'<li><a href="{_esc(e.path)}">{_esc(e.title)}</a> '
            f'<span class="related-date">({stamp(e.published)})</span></li>'
            for e in others[:6]
        )
        return self._portlet(
            _ASSET_PUBLISHER,
            _instance(f"tin-khac-{entry.category.key}"),
            "Tin khác",
            f'<ul class="related-news">{items}</ul>',
        )

    def _article(self, entry: LiferayEntry, base: str) -> str:
        content = self.content(entry)
        decoy = entry.quirk == "decoy_dates"
        metadata = f'<span class="metadata-entry metadata-publish-date"><i class="icon-calendar"></i> {stamp(entry.published)}</span>'
        if decoy:
            modified = entry.published + timedelta(days=3, hours=2, minutes=17)
            metadata += (
                f' <span class="metadata-entry metadata-modified-date">Cập nhật: {stamp(modified)}</span>'
            )
        metadata += (
            f' <span class="metadata-entry metadata-view-count">{120 + entry.id % 900} lượt xem</span>'
        )
        lead = (
            f'<div class="asset-summary"><strong>{_esc(entry.lead)}</strong></div>'
            if entry.show_lead and entry.lead
            else ""
        )
        full = (
            '<div class="asset-publisher"><div class="asset-full-content clearfix default-asset-publisher">'
            f'<h1 class="header-title"><span>{_esc(entry.title)}</span></h1>'
            f'<div class="asset-metadata">{metadata}</div>{lead}'
            '<div class="asset-content"><div class="journal-content-article" '
            f'data-analytics-asset-id="{entry.id}" data-analytics-asset-type="web-content">'
            f"{self._blocks(content['blocks'])}</div></div>"
            '<div class="asset-source"><span class="label">Nguồn:</span> '
            f'<span class="source-name">{_esc(content["source"])}</span></div>'
            '<div class="taglib-social-bookmarks"><span>Chia sẻ:</span> '
            '<a class="social-bookmark facebook" href="https://www.facebook.com/sharer/sharer.php">Facebook</a> '
            '<a class="social-bookmark zalo" href="https://sp.zalo.me/share">Zalo</a> '
            '<a class="social-bookmark print" href="javascript:window.print();">In bài viết</a></div>'
            "</div></div>"
        )
        article = self._portlet(_ASSET_PUBLISHER, _instance(entry.category.key), None, full)
        related = self._related(entry, decoy)
        column = self._breadcrumb(entry.category, entry.title) + (
            related + article if decoy else article + related
        )
        head = (
            f'<link rel="canonical" href="{base}{entry.path}">'
            f'<meta property="og:title" content="{_esc(entry.title)}">'
            f'<meta name="description" content="{_esc(entry.lead)}">'
        )
        return self._shell(f"{entry.title} - {PORTAL_NAME}", column, head)

    def _sitemap(self, base: str) -> str:
        urls = "".join(
            f"<url><loc>{base}{e.path}</loc><lastmod>{e.published.date().isoformat()}</lastmod></url>"
            for e in sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)
        )
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
