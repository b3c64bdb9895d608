import re

import pytest

from crawler.extract.urls import article_key, canonical_url
from crawler.sites import get_profile

ARTICLE = re.compile(r"-t(\d+)\.html$")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://bocongan.gov.vn/tin-tuc-su-kien/a-t1.html",
            "https://bocongan.gov.vn/tin-tuc-su-kien/a-t1.html",
        ),
        (
            "https://bocongan.gov.vn/tin-tuc-su-kien/a-t1.html?utm_source=zalo&utm_medium=social#binh-luan",
            "https://bocongan.gov.vn/tin-tuc-su-kien/a-t1.html",
        ),
        (
            "https://BOCONGAN.gov.vn/tin-tuc-su-kien/a-t1.html?fbclid=IwAR0x",
            "https://bocongan.gov.vn/tin-tuc-su-kien/a-t1.html",
        ),
        ("https://bocongan.gov.vn/x-2.html?Page=3&gclid=abc", "https://bocongan.gov.vn/x-2.html?Page=3"),
        ("http://127.0.0.1:8070/x-2.html?b=2&a=1", "http://127.0.0.1:8070/x-2.html?a=1&b=2"),
    ],
)
def test_canonical_url_drops_tracking_and_fragment(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://bocongan.gov.vn/tin-tuc-su-kien/quan-tam-dong-vien-t34656.html",
        "http://bocongan.gov.vn/tin-tuc-su-kien/quan-tam-dong-vien-t34656.html",
        "http://127.0.0.1:41234/tin-tuc-su-kien/ky-niem/quan-tam-dong-vien-s14-t34656.html",
    ],
)
def test_article_key_is_the_portal_number_whatever_the_host_or_scheme(url):
    assert article_key("bocongan", url, ARTICLE) == "bocongan-t34656"


def test_article_key_without_a_number_hashes_path_not_host():
    a = article_key("x", "http://127.0.0.1:1/news/a.html?id=5", ARTICLE)
    b = article_key("x", "https://example.gov.vn/news/a.html?id=5&utm_source=x", ARTICLE)
    c = article_key("x", "https://example.gov.vn/news/a.html?id=6", ARTICLE)
    assert a == b != c


def test_liferay_navigation_parameters_are_dropped():
    url = "https://congan.example.gov.vn/web/guest/a/-/view-content/12/x?inheritRedirect=false&redirect=%2Fweb&p_p_id=abc&p_p_lifecycle=0"
    assert canonical_url(url) == "https://congan.example.gov.vn/web/guest/a/-/view-content/12/x"


@pytest.mark.parametrize(
    "url",
    [
        "https://bocongan.gov.vn/tin-tuc-su-kien/quan-tam-dong-vien-t34656.html",  # the old layout's URL
        "https://bocongan.gov.vn/bai-viet/quan-tam-dong-vien-d2-t34656",  # the same article, migrated
        "https://www.bocongan.gov.vn/bai-viet/quan-tam-dong-vien-d2-t34656?utm_source=zalo",
        "https://bocongan.gov.vn/chinh-sach-phap-luat/bai-viet/quan-tam-dong-vien-d1-t34656",
    ],
)
def test_an_article_keeps_its_number_across_the_redesign(url):
    profile = get_profile("bocongan")
    assert article_key(profile.site, url, profile.article_path) == "bocongan-t34656"
    old = get_profile("bocongan_2024")
    if "tin-tuc-su-kien" in url:
        assert article_key(old.site, url, old.article_path) == "bocongan-t34656"


def test_articles_published_since_the_redesign_are_keyed_by_their_time_number():
    profile = get_profile("bocongan")
    url = "https://bocongan.gov.vn/bai-viet/bat-doi-tuong-lua-dao-1791199100"
    assert article_key(profile.site, url, profile.article_path) == "bocongan-n1791199100"
    assert profile.is_article_url(url) and not profile.is_article_url(
        "https://bocongan.gov.vn/chuyen-muc/x-1754966863"
    )
