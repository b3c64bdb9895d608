"""The search page a reader uses, through Datasette's real HTTP interface, on an archive not named archive.db:
results like a search engine's (each once, linked, dated, with a marked snippet), the count, the month chart,
paging through every match, a date range; and the table page's search, read the same way."""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import quote, urljoin

import lxml.html
import pytest

from crawler.search import fold
from tests.conftest import DB, fetch

PAGE_SIZE = 20  # crawler.web.search_page.PAGE_SIZE, as a reader counts the results on a page


def truth_matching(crawled, phrase: str, since: str = "", until: str = "") -> dict[str, dict]:
    """The replica's articles whose text holds the folded phrase as words, by URL (the generator's truth)."""
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(fold(phrase).split()) + r"(?!\w)")
    found = {}
    for t in crawled.truth:
        text = fold(" ".join([t["title"], t["lead"] or "", t["body"], *t["captions"]]))
        day = (t["published_at"] or "")[:10]
        if since and (not day or day < since) or until and (not day or day > until):
            continue
        if pattern.search(text):
            found[t["url"]] = t
    return found


def results_page(url: str) -> tuple[lxml.html.HtmlElement, list[dict]]:
    page = fetch(url)
    assert page.status == 200, page.body[:300]
    tree = lxml.html.document_fromstring(page.body.decode("utf-8"))
    results = []
    for li in tree.cssselect("ol.archive-results > li"):
        link = li.cssselect("h3 a")[0]
        results.append(
            {
                "title": link.text_content(),
                "href": link.get("href"),
                "meta": li.cssselect(".result-meta")[0].text_content(),
                "snippet": li.cssselect(".snippet")[0].text_content(),
                "marks": [m.text_content() for m in li.cssselect("mark")],
            }
        )
    return tree, results


def every_result(datasette: str, query: str) -> list[dict]:
    """Every result of a search, page after page through its "next" links."""
    url, found = f"{datasette}/{DB}/search?{query}", []
    for _ in range(100):
        tree, results = results_page(url)
        found += results
        following = tree.cssselect("nav.pages a[rel=next]")
        if not following:
            return found
        url = urljoin(url, following[0].get("href"))
    raise AssertionError("more than 100 pages")


def article_url(datasette: str, href: str) -> str:
    """The portal URL of a result, from its article page's JSON."""
    row = json.loads(fetch(urljoin(datasette, href) + ".json?_shape=objects").body)["rows"][0]
    return row["url"]


def test_an_accent_free_search_shows_each_match_once_with_marked_names(datasette, crawled):
    seed = next(t for t in crawled.truth if t["seed"])
    tree, results = results_page(f"{datasette}/{DB}/search?q=le+quoc+hung")
    expected = truth_matching(crawled, "Lê Quốc Hùng")
    summary = tree.cssselect(".search-summary")[0].text_content()
    assert f"{len(expected)} bài khớp" in summary
    assert len(results) == min(PAGE_SIZE, len(expected))
    hit = next(r for r in results if r["title"] == seed["title"])
    assert hit["href"].startswith(f"/{DB}/articles/")
    assert "Lê Quốc Hùng" in hit["marks"]  # shown accented, found without accents
    day = seed["published_at"][:10]
    assert f"{day[8:10]}/{day[5:7]}/{day[:4]}" in hit["meta"] and seed["category"] in hit["meta"]
    assert "bocongan" in hit["meta"]
    assert article_url(datasette, hit["href"]) == seed["url"]
    text = tree.text_content()
    # A results page, not a SQL console: no query text, no table of rows; SQL only behind a link.
    assert "select rowid" not in text and not tree.cssselect("textarea, table.rows-and-columns")
    assert tree.cssselect("a.show-sql") and tree.cssselect("svg.month-chart")


def test_paging_reaches_every_match_once_newest_first(datasette, crawled):
    expected = truth_matching(crawled, "công an")
    assert len(expected) > 2 * PAGE_SIZE  # at least three pages
    found = every_result(datasette, "q=cong+an")
    urls = [article_url(datasette, r["href"]) for r in found]
    assert len(urls) == len(set(urls)) and set(urls) == set(expected)
    dates = [expected[u]["published_at"] or "" for u in urls]
    dated = [d[:10] for d in dates if d]
    assert dated == sorted(dated, reverse=True)


def test_best_matches_page_through_the_same_matches(datasette, crawled):
    expected = truth_matching(crawled, "công an")
    found = every_result(datasette, "q=cong+an&order=best")
    urls = [article_url(datasette, r["href"]) for r in found]
    assert len(urls) == len(set(urls)) and set(urls) == set(expected)
    tree, _ = results_page(f"{datasette}/{DB}/search_best?q=cong+an")
    assert "Khớp nhất trước" in tree.cssselect(".result-order strong")[0].text_content()


def test_a_date_range_keeps_the_matches_published_in_it(datasette, crawled):
    days = sorted(
        t["published_at"][:10] for t in truth_matching(crawled, "công an").values() if t["published_at"]
    )
    since, until = days[len(days) // 3], days[2 * len(days) // 3]
    expected = truth_matching(crawled, "công an", since, until)
    assert 0 < len(expected) < len(days)
    found = every_result(datasette, f"q=cong+an&from={since}&to={until}")
    assert {article_url(datasette, r["href"]) for r in found} == set(expected)
    tree, _ = results_page(f"{datasette}/{DB}/search?q=cong+an&from={since}&to={until}")
    assert (
        f"{len(expected)} bài khớp (từ {since} đến {until})"
        in tree.cssselect(".search-summary")[0].text_content()
    )
    # The same range, filtered on the table and exported, gives the same articles.
    until_next = date.fromordinal(date.fromisoformat(until).toordinal() + 1).isoformat()
    table = fetch(
        f"{datasette}/{DB}/articles.json?_shape=objects&_size=max&_search=cong+an"
        f"&published_at__gte={since}&published_at__lt={until_next}"
    )
    assert {r["url"] for r in json.loads(table.body)["rows"]} == set(expected)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=cong+an&from=2024-13-01", "không hợp lệ"),
        ("q=cong+an&from=2024-05-01&to=2024-04-01", "sau ngày kết thúc"),
        ("q=" + "cong+an+" * 100, "quá dài"),
    ],
)
def test_a_search_the_page_cannot_run_is_told_in_words(datasette, query, message):
    page = fetch(f"{datasette}/{DB}/search?{query}")
    assert page.status == 400 and message in page.body.decode("utf-8")


def test_the_page_speaks_vietnamese_and_offers_exports(datasette):
    tree, results = results_page(f"{datasette}/{DB}/search?q=da+nang")
    labels = " ".join(e.text_content() for e in tree.cssselect("form.archive-search label, .search-tools a"))
    for word in ("Từ ngày", "đến ngày", "Thứ tự", "Tải CSV", "Xem câu lệnh SQL"):
        assert word in labels
    csv_link = tree.cssselect("a.export-csv")[0].get("href")
    assert csv_link.startswith(f"/{DB}/articles.csv?")
    assert results


def test_the_home_page_searches_the_archive_by_its_own_name(datasette):
    tree = lxml.html.document_fromstring(fetch(f"{datasette}/").body.decode("utf-8"))
    assert tree.cssselect("form.archive-search")[0].get("action") == f"/{DB}/search"


def test_table_search_describes_what_the_reader_typed(datasette):
    html = fetch(f"{datasette}/{DB}/articles?_search={quote('Lê Quốc Hùng')}").body.decode("utf-8")
    assert "search matches “Lê Quốc Hùng”" in html and '""' not in html.split("<h3>")[1].split("</h3>")[0]
    assert 'name="_search" value="Lê Quốc Hùng"' in html


def test_a_date_sorted_page_says_so(datasette):
    html = fetch(f"{datasette}/{DB}/articles?_sort_desc=published_at").body.decode("utf-8")
    assert "sorted by published_at descending" in html and "sorted by rowid" not in html


def test_a_column_search_finds_the_words_in_that_column(datasette, crawled):
    expected = {t["url"] for t in crawled.truth if re.search(r"(?<!\w)cong an(?!\w)", fold(t["title"]))}
    assert expected
    page = fetch(f"{datasette}/{DB}/articles.json?_shape=objects&_size=max&_search_title=cong+an")
    assert page.status == 200
    assert {r["url"] for r in json.loads(page.body)["rows"]} == expected
    wrong = fetch(f"{datasette}/{DB}/articles.json?_search_people=x")
    assert wrong.status == 400 and "title, lead, body, captions" in json.loads(wrong.body)["error"]


def test_the_two_orders_link_each_other_keeping_the_query_and_range(datasette):
    query = "q=da+nang&from=2020-01-01&to=2025-12-31"
    newest, _ = results_page(f"{datasette}/{DB}/search?{query}")
    best, _ = results_page(f"{datasette}/{DB}/search?{query}&order=best")
    assert newest.cssselect(".result-order a")[0].get("href") == f"/{DB}/search?{query}&order=best"
    assert best.cssselect(".result-order a")[0].get("href") == f"/{DB}/search?{query}"
