"""bocongan.gov.vn, the Ministry of Public Security portal: its layout since August 2025 (`bocongan`) and the one
before (`bocongan_2024`, for pages stored then and the old replica). Both are the portal `bocongan` in the
archive, and an article keeps its number across them (`…-t34656.html` became `/bai-viet/…-d2-t34656`)."""

from __future__ import annotations

import re

from crawler.sites import Category, SiteProfile

BOCONGAN_2024 = SiteProfile(
    name="bocongan_2024",
    portal="bocongan",
    base_url="https://bocongan.gov.vn",
    hosts=("bocongan.gov.vn", "www.bocongan.gov.vn"),
    categories=(
        Category(
            "hoat-dong-cua-bo",
            "Hoạt động của Bộ",
            "/tin-tuc-su-kien/hoat-dong-cua-luc-luong-cong-an/tin-hoat-dong-cua-bo-2.html",
        ),
        Category(
            "hoat-dong-cua-dia-phuong",
            "Hoạt động của địa phương",
            "/tin-tuc-su-kien/hoat-dong-cua-luc-luong-cong-an/hoat-dong-cua-dia-phuong-23.html",
        ),
        Category("chi-dao-dieu-hanh", "Chỉ đạo điều hành", "/tin-tuc-su-kien/chi-dao-dieu-hanh-24.html"),
        Category(
            "thong-tin-doi-ngoai", "Thông tin đối ngoại", "/tin-tuc-su-kien/thong-tin-doi-ngoai-20.html"
        ),
        Category(
            "tin-an-ninh-trat-tu", "Tin an ninh trật tự", "/tin-tuc-su-kien/tin-an-ninh-trat-tu-22.html"
        ),
        Category("nguoi-tot-viec-tot", "Người tốt, việc tốt", "/tin-tuc-su-kien/nguoi-tot-viec-tot-21.html"),
        Category("hoat-dong-xa-hoi", "Hoạt động xã hội", "/tin-tuc-su-kien/hoat-dong-xa-hoi-25.html"),
    ),
    page_param="Page",
    # /tin-tuc-su-kien/<slug>-t<ID>.html and, in event sections, /tin-tuc-su-kien/<section>/<slug>-s<N>-t<ID>.html
    article_path=re.compile(r"^/tin-tuc-su-kien/(?:[\w-]+/)?[\w-]+?-t(\d+)\.html$"),
    listing_item=".list-news .news-item",
    listing_item_link="h3 a",
    listing_item_date=".time",
    listing_next=".paging a.next",
    title=("h1.title-news", ".news-detail h1"),
    published=(".news-detail .time-news",),
    lead=(".news-detail .sapo-news",),
    content=(".news-detail .content-news",),
    caption=".image-desc, figcaption",
    source=(".news-detail .source-news",),
    breadcrumb=".breadcrumb a",
)

# The old layout's URLs (moved, with a 301, to the new ones), migrated articles with their old number, and
# articles published since the redesign, numbered by a Unix time (keyed apart: group n).
ARTICLE_PATH = re.compile(
    r"^/(?:tin-tuc-su-kien/(?:[\w-]+/)?[\w-]+?-t(\d+)\.html"
    r"|(?:chinh-sach-phap-luat/)?bai-viet/[\w-]+?-(?:d\d+-t(\d+)|(?P<n>\d{9,11})))/?$"
)

# What third parties recorded of today's layout (../shared/REAL-SITES.md) and nothing more: category pages of
# 10 `article.card-large` items (no paging without the site's script), the site-wide "newest" widget, og:title,
# a JSON-LD date in UTC and the lead's classes. The rest of an article page is read generically.
BOCONGAN = SiteProfile(
    name="bocongan",
    base_url="https://bocongan.gov.vn",
    hosts=("bocongan.gov.vn", "www.bocongan.gov.vn"),
    categories=(
        Category("hoat-dong-cua-bo", "Hoạt động của Bộ", "/chuyen-muc/hoat-dong-cua-bo-cong-an-1754966863"),
        Category(
            "hoat-dong-cua-dia-phuong",
            "Hoạt động của địa phương",
            "/chuyen-muc/hoat-dong-cua-dia-phuong-1753170286",
        ),
        Category("chi-dao-dieu-hanh", "Chỉ đạo điều hành", "/chuyen-muc/chi-dao-dieu-hanh"),
        Category("thong-tin-doi-ngoai", "Thông tin đối ngoại", "/chuyen-muc/thong-tin-doi-ngoai-1751367399"),
        Category("tin-an-ninh-trat-tu", "Tin an ninh trật tự", "/chuyen-muc/tin-an-ninh-trat-tu-1753170263"),
        Category("nguoi-tot-viec-tot", "Người tốt, việc tốt", "/chuyen-muc/nguoi-tot-viec-tot-1753170210"),
        Category("hoat-dong-xa-hoi", "Hoạt động xã hội", "/chuyen-muc/hoat-dong-xa-hoi-1753170294"),
    ),
    page_param=None,
    article_path=ARTICLE_PATH,
    listing_item="article.card-large",
    listing_item_link="h2 a",
    listing_item_date="span.text-bca-gray-700",
    widget_item=".card-medium",
    lead=("p.text-justify.text-bca-gray-700.font-medium",),
    sitemap_path="/sitemap.xml",
    walk_articles=True,
)
