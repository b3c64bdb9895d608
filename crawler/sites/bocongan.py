"""bocongan.gov.vn, the Ministry of Public Security portal, in its layout used until August 2025."""

from __future__ import annotations

import re
from dataclasses import replace

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

# The portal under its own name, read in this layout until the profile of today's layout replaces it.
BOCONGAN = replace(BOCONGAN_2024, name="bocongan", portal="")
