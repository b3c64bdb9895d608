"""The replica portal over HTTP: the site's shape, its awkward cases, and its ground truth."""

from __future__ import annotations

import json
import re

from crawler.extract.text import clean_text
from crawler.replica.portal import PAGE_SIZE, TRACKING_QUERY, ReplicaPortal
from tests.conftest import fetch


def test_deterministic_across_starts(seed_file):
    a, b = ReplicaPortal(articles=120), ReplicaPortal(articles=120)
    assert a.truth("http://h") == b.truth("http://h")
    # The number of articles spreads the same timeline differently: another count, other dates.
    assert ReplicaPortal(articles=121).truth("http://h")[:100] != a.truth("http://h")[:100]


def test_at_least_300_articles_in_several_categories_with_truth(replica):
    truth = json.loads(fetch(replica.base_url + "/_replica/truth.json").body)
    assert len(truth) >= 300
    assert len({t["category"] for t in truth}) >= 3
    assert len({t["url"] for t in truth}) == len(truth)
    generated = [t for t in truth if not t["seed"]]
    assert all(t["title"] and t["body"] and t["people"] is not None for t in generated)
    assert sum(1 for t in truth if t["published_at"] is None) == 1


def test_robots_and_sitemap(replica):
    robots = fetch(replica.base_url + "/robots.txt").body.decode()
    assert "Disallow: /_replica/" in robots and "Sitemap:" in robots
    sitemap = fetch(replica.base_url + "/sitemap.xml").body.decode()
    assert sitemap.count("<loc>") == len(replica.portal.entries)


def test_listing_is_paginated_newest_first_with_a_next_link(replica):
    category = replica.portal.profile.categories[1]
    entries = replica.portal.by_category[category.key]
    first = fetch(f"{replica.base_url}{category.listing_path}?Page=1").body.decode()
    second = fetch(f"{replica.base_url}{category.listing_path}?Page=2").body.decode()
    assert "?Page=2" in first and 'class="next"' in first
    links = re.findall(r'<h3><a href="([^"]+)"', first)
    assert links == [e.path for e in entries[:PAGE_SIZE]]
    dates = [e.published for e in entries[: 2 * PAGE_SIZE]]
    assert dates == sorted(dates, reverse=True)
    assert entries[PAGE_SIZE].path in second
    last = -(-len(entries) // PAGE_SIZE)
    assert 'class="next"' not in fetch(f"{replica.base_url}{category.listing_path}?Page={last}").body.decode()


def test_article_page_has_the_seed_layout(replica):
    entry = next(e for e in replica.portal.entries if e.quirk is None and e.has_time)
    page = fetch(replica.base_url + entry.path).body.decode()
    order = [
        page.index(marker)
        for marker in (
            'class="date"',
            "<h1",
            'class="time-news"',
            'class="content-news"',
            'class="source-news"',
            "Các tin khác",
            "Liên kết website",
            "Thống kê truy cập",
        )
    ]
    assert order == sorted(order)
    assert "<select" in page and "Tổng số:" in page


def test_seed_article_is_served_verbatim(replica, seed_file):
    entry = next(e for e in replica.portal.entries if e.is_seed)
    page = fetch(replica.base_url + entry.path).body.decode()
    text = clean_text(re.sub(r"<[^>]+>", " ", page))
    lines = [clean_text(line) for line in seed_file.read_text(encoding="utf-8").splitlines()]
    body_lines = lines[lines.index(next(x for x in lines if x.startswith("Thứ Sáu, 31/03/2023"))) + 1 :]
    body_lines = body_lines[: body_lines.index("https://bocongan.gov.vn/")]
    for line in filter(None, body_lines):
        assert line in text


def test_missing_article_answers_404(replica):
    assert fetch(replica.base_url + replica.portal.missing_path).status == 404
    assert (
        replica.portal.missing_path
        in fetch(
            f"{replica.base_url}{replica.portal.profile.categories[0].listing_path}?Page=1"
        ).body.decode()
    )


def test_one_page_answers_500_once_then_succeeds(seed_file):
    portal = ReplicaPortal(articles=60)
    entry = next(e for e in portal.entries if e.quirk == "fail_once")
    assert portal.respond(entry.path, "h")[0] == 500
    assert portal.respond(entry.path, "h")[0] == 200


def test_windows_1258_and_wrong_charset_pages(replica):
    cp = next(e for e in replica.portal.entries if e.quirk == "windows_1258")
    page = fetch(replica.base_url + cp.path)
    assert "windows-1258" in page.headers["Content-Type"]
    assert cp.title.encode("utf-8") not in page.body
    wrong = next(e for e in replica.portal.entries if e.quirk == "wrong_charset")
    page = fetch(replica.base_url + wrong.path)
    assert "iso-8859-1" in page.headers["Content-Type"]
    assert wrong.title.encode("utf-8") in page.body


def test_entities_and_nbsp_page(replica):
    entry = next(e for e in replica.portal.entries if e.quirk == "entities")
    page = fetch(replica.base_url + entry.path).body.decode()
    h1 = re.search(r'<h1 class="title-news">([^<]+)</h1>', page).group(1)
    assert h1.startswith("Chuy&#234;n &#273;&#7873; &quot;An ninh &amp; Tr&#7853;t t&#7921;&quot;")
    assert ",&nbsp;" in page


def test_tracking_link_on_the_home_page_serves_the_same_article(replica):
    entry = next(e for e in replica.portal.entries if e.quirk == "tracking_link")
    home = fetch(replica.base_url + "/").body.decode()
    assert f"{entry.path}?{TRACKING_QUERY}".replace("&", "&amp;") in home
    page = fetch(f"{replica.base_url}{entry.path}?{TRACKING_QUERY}").body.decode()
    assert f'<link rel="canonical" href="{replica.base_url}{entry.path}">' in page


def test_header_date_is_today_not_the_publication_date(replica):
    entry = next(e for e in replica.portal.entries if e.quirk is None)
    page = fetch(replica.base_url + entry.path).body.decode()
    header = re.search(r'<span class="date">([^<]+)</span>', page).group(1)
    assert header.endswith(replica.portal.today().strftime("%d/%m/%Y"))
    assert entry.published.strftime("%d/%m/%Y") not in header
