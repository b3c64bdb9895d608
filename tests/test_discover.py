"""Discovery on portals it has no profile for (crawler.discover), through real HTTP on the replica portals: the
news categories from the home page's links, their paging, the article links' pattern. The expected answers
come from the replicas' own profiles and truth, which discovery never reads."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urlsplit

import pytest

from crawler.discover import discover, menu_candidates, read_listing, same_host, shape_pattern
from crawler.replica.liferay import LiferayPortal
from crawler.replica.portal import ReplicaPortal
from crawler.replica.portal2025 import Portal2025
from crawler.replica.server import ReplicaServer
from tests.conftest import run_cli

PORTALS = {"bocongan_2024": ReplicaPortal, "bocongan_2025": Portal2025, "liferay": LiferayPortal}


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except OSError:
        return None


@pytest.fixture(scope="module", params=sorted(PORTALS))
def found(request):
    server = ReplicaServer(PORTALS[request.param](articles=150))
    server.start_background()
    yield request.param, server, discover(server.base_url + "/", fetch)
    server.shutdown()
    server.server_close()


def test_every_news_category_is_found_and_nothing_else(found):
    name, server, result = found
    expected = {c.listing_path for c in server.portal.profile.categories}
    assert {urlsplit(c["url"]).path for c in result.categories} == expected
    skipped = " ".join(s["name"] for s in result.skipped)
    assert "Sơ đồ cổng" in skipped or "Giới thiệu" in skipped


def test_the_article_pattern_matches_every_article_and_no_listing(found):
    name, server, result = found
    truth = server.portal.truth(server.base_url)
    assert all(result.is_article_url(t["url"]) for t in truth)
    for category in result.categories:
        assert not result.is_article_url(category["url"])
        if category["next_url"]:
            assert not result.is_article_url(category["next_url"])
    assert not result.is_article_url(server.base_url + "/")


def test_paging_is_found_where_the_portal_has_it(found):
    name, server, result = found
    for category in result.categories:
        if name == "bocongan_2025":  # paging only in the browser: plain paging URLs meet the WAF
            assert category["next_url"] is None
            continue
        assert category["next_url"], category
        page_two = read_listing(fetch(category["next_url"]), category["next_url"])
        first = {i.url for i in read_listing(fetch(category["url"]), category["url"]).items}
        assert page_two.items and not {i.url for i in page_two.items} <= first


def test_discovery_costs_the_home_page_and_one_page_per_menu_link(found):
    name, server, result = found
    assert result.requests == 1 + len(result.categories) + sum(
        1 for s in result.skipped if s["why"] not in ("not news (its name)", "the home page")
    )


@pytest.mark.parametrize(
    ("urls", "matches", "not_matches"),
    [
        (
            [
                "/tin-tuc/bo-truong-tiep-doan-cong-tac-t123.html",
                "/tin-tuc/hoi-nghi-tong-ket-nam-2024-t98.html",
            ],
            ["/tin-tuc/mot-bai-viet-khac-nua-t5.html"],
            ["/tin-tuc/trang-2.html", "/tin-tuc.html", "/van-ban/mot-bai-viet-khac-nua-t5.html"],
        ),
        (
            ["/vn/tin-tuc/101/le-ky-niem-ngay-thanh-lap.aspx", "/vn/tin-tuc/202/doan-cong-tac-lam-viec.aspx"],
            ["/vn/tin-tuc/303/bai-moi.aspx"],
            ["/vn/chuyen-muc/303/bai-moi.aspx"],
        ),
        (
            ["/tintuc/Pages/tin-hoat-dong.aspx?ItemID=7", "/tintuc/Pages/tin-hoat-dong.aspx?ItemID=1234"],
            ["/tintuc/Pages/tin-hoat-dong.aspx?ItemID=99"],
            ["/tintuc/Pages/tin-hoat-dong.aspx?page=2"],
        ),
    ],
)
def test_a_shape_pattern_generalises_what_varies_and_keeps_the_number(urls, matches, not_matches):
    pattern = re.compile(shape_pattern(urls))
    for url in urls + matches:
        match = pattern.search(url)
        assert match and match.group(1) and match.group(1) in url, url
    for url in not_matches:
        assert not pattern.search(url), url


def test_check_site_prints_what_discovery_finds_on_a_portal_without_a_profile():
    server = ReplicaServer(LiferayPortal(articles=60))
    server.start_background()
    try:
        result = run_cli(
            "check-site", "--start-url", server.base_url + "/", "--delay", "0", "--articles", "1"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stdout + result.stderr
    for category in server.portal.profile.categories:
        assert f"category {category.name}: " in result.stdout
    assert "paging /web/guest/tin-hoat-dong/trang/{n}" in result.stdout
    assert "article pattern: " in result.stdout and "  title " in result.stdout


def test_menu_links_come_first_and_other_sections_are_set_aside_with_why():
    html = """<html><body>
      <div class="footer-links"><a href="/lien-he.htm">Liên hệ</a> <a href="/tin-footer.htm">Tin tức khác</a></div>
      <div id="mainMenu"><a href="/tin-hoat-dong.htm">Tin hoạt động</a> <a href="/van-ban.htm">Văn bản pháp luật</a>
      <a href="/en/home.htm">English</a> <a href="/trang-chu.htm">Trang chủ</a></div>
      <a href="/tin/bo-truong-tiep-doan-cong-tac-cua-tinh-123.htm">Bộ trưởng tiếp đoàn công tác của tỉnh bạn về
      phòng chống tội phạm ma túy trên tuyến biên giới phía Bắc</a></body></html>"""
    candidates, skipped = menu_candidates(html, "https://www.bo.gov.vn/")
    assert [c.url for c in candidates] == [
        "https://www.bo.gov.vn/tin-hoat-dong.htm",
        "https://www.bo.gov.vn/tin-footer.htm",
    ]
    assert {s["name"]: s["why"] for s in skipped} == {
        "Liên hệ": "not news (its name)", "Văn bản pháp luật": "not news (its name)",
        "English": "not news (its name)", "Trang chủ": "the home page",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("bo.gov.vn", "www.bo.gov.vn", True),
        ("www.bo.gov.vn", "bo.gov.vn", True),
        ("bo.gov.vn", "x.bo.gov.vn", False),
    ],
)
def test_discovery_counts_a_portal_with_and_without_www_as_one_host(a, b, same):
    assert same_host(a, b) is same


@pytest.mark.parametrize(
    ("url", "links", "expected"),
    [
        (  # a SharePoint category by query: page 2 of this one, not of the next category
            "https://molisa.gov.vn/Pages/tintuc/chuyenmuc.aspx?ChuyenMucID=32",
            [
                "/Pages/tintuc/chuyenmuc.aspx?ChuyenMucID=33&page=2",
                "/Pages/tintuc/chuyenmuc.aspx?ChuyenMucID=32&page=2",
            ],
            "https://molisa.gov.vn/Pages/tintuc/chuyenmuc.aspx?ChuyenMucID=32&page=2",
        ),
        (  # path paging, from page 2 to page 3
            "https://bvhttdl.gov.vn/tin-tuc-va-su-kien/bo-voi-cac-dia-phuong/trang-2.htm",
            [
                "/tin-tuc-va-su-kien/bo-voi-cac-dia-phuong/trang-1.htm",
                "/tin-tuc-va-su-kien/bo-voi-cac-dia-phuong/trang-3.htm",
            ],
            "https://bvhttdl.gov.vn/tin-tuc-va-su-kien/bo-voi-cac-dia-phuong/trang-3.htm",
        ),
        (  # Liferay's _cur
            "https://moit.gov.vn/web/guest/thoi-su?_cur=1",
            ["/web/guest/thoi-su?_cur=2", "/web/guest/thoi-su?_cur=3"],
            "https://moit.gov.vn/web/guest/thoi-su?_cur=2",
        ),
    ],
)
def test_the_next_page_is_this_listings_number_one_above(url, links, expected):
    html = (
        "<html><body>"
        + "".join(f'<a href="{h}">{i + 2}</a> ' for i, h in enumerate(links))
        + "</body></html>"
    )
    assert read_listing(html, url).next_url == expected
