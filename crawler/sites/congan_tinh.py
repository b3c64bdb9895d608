"""congan.quangninh.gov.vn, the Quảng Ninh provincial police portal, a Liferay portal.

Pages are built of portlets; the article is the asset publisher's full content, listings are asset
publisher abstracts paginated by path (``/trang/2``), dates are printed as ``dd/mm/yyyy hh:mm``.
Header, related news and sidebar also carry dates, so every selector is scoped to the main portlet.
"""

from __future__ import annotations

import re

from crawler.sites import Category, SiteProfile

CONGAN_TINH = SiteProfile(
    name="congan_tinh",
    base_url="https://congan.quangninh.gov.vn",
    hosts=("congan.quangninh.gov.vn", "www.congan.quangninh.gov.vn"),
    categories=(
        Category("tin-hoat-dong", "Tin hoạt động", "/web/guest/tin-hoat-dong"),
        Category("an-ninh-trat-tu", "An ninh trật tự", "/web/guest/an-ninh-trat-tu"),
        Category("chi-dao-dieu-hanh", "Chỉ đạo, điều hành", "/web/guest/chi-dao-dieu-hanh"),
        Category("guong-nguoi-tot", "Gương người tốt, việc tốt", "/web/guest/guong-nguoi-tot-viec-tot"),
    ),
    # The listing answers ?page=1 as its first page; later pages are linked by path: <listing>/trang/<n>.
    page_param="page",
    # /web/guest/<section>/-/view-content/<ID>/<slug> and
    # /web/guest/<section>/-/asset_publisher/<instance>/content/id/<ID>[/<slug>]
    article_path=re.compile(
        r"^/web/guest/[\w-]+/-/(?:view-content|asset_publisher/[A-Za-z0-9]+/content/id)/(\d+)(?:/[\w-]+)?/?$"
    ),
    # Only the main column: the sidebar's "Tin đọc nhiều" uses the same asset markup.
    listing_item="#column-1 .asset-publisher .asset-abstract",
    listing_item_link="h3.asset-title a",
    listing_item_date=".metadata-publish-date",
    # Liferay keeps a disabled "next" (href="javascript:;") on the last page.
    listing_next=".taglib-page-iterator li.next:not(.disabled) a",
    title=(".asset-full-content h1.header-title", ".asset-full-content h1"),
    published=(".asset-full-content > .asset-metadata .metadata-publish-date",),
    lead=(".asset-full-content > .asset-summary",),
    content=(".asset-full-content .journal-content-article",),
    caption="figcaption",
    source=(".asset-full-content .asset-source .source-name",),
    breadcrumb=".breadcrumb-portlet ol.breadcrumb a",
)
