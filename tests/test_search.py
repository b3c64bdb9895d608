"""Accent-free search, Excel-safe CSV and escaped article pages, through Datasette's HTTP interface."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from urllib.parse import quote

import pytest

from crawler.archive import Archive
from crawler.search import fold, fts_query
from tests.conftest import DB, fetch, serve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đà Nẵng", "da nang"),
        ("ĐỒNG NAI", "dong nai"),
        ("Thuỵ Khuê", "thuy khue"),
        ("Nguye\u0302\u0303n", "nguyen"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Đà Nẵng", '"da nang"'),
        ("DA NANG", '"da nang"'),
        ('"Hồ Chí Minh" Đồng Nai', '"ho chi minh" AND "dong" AND "nai"'),
        (
            "bắt giữ đối tượng ma túy đá",
            '"bat" AND "giu" AND "doi" AND "tuong" AND "ma" AND "tuy" AND "da"',
        ),
    ],
)
def test_fts_query(query, expected):
    assert fts_query(query) == expected


def search_ids(base: str, query: str, canned: str = "search") -> list[str]:
    page = fetch(f"{base}/{DB}/{canned}.json?_shape=objects&q={quote(query)}")
    assert page.status == 200, page.body[:300]
    return [r["id"] for r in json.loads(page.body)["rows"]]


def test_every_spelling_of_da_nang_finds_the_same_articles(datasette, crawled):
    spellings = ["Đà Nẵng", "đà nẵng", "da nang", "DA NANG"]
    results = [sorted(search_ids(datasette, s)) for s in spellings]
    assert results[0] and all(r == results[0] for r in results)
    expected = sum(
        1
        for t in crawled.truth
        if "Đà Nẵng" in t["title"] + (t["lead"] or "") + t["body"] + " ".join(t["captions"])
    )
    assert len(results[0]) >= expected


def test_phrase_and_name_search_without_accents(datasette, crawled):
    seed = next(t for t in crawled.truth if t["seed"])
    seed_id = f"bocongan-t{seed['id']}"
    assert seed_id in search_ids(datasette, '"Hồ Chí Minh"')
    assert seed_id in search_ids(datasette, "le quoc hung")
    people = json.loads(fetch(f"{datasette}/{DB}/search_people.json?_shape=objects&q=le%20quoc%20hung").body)[
        "rows"
    ]
    assert [p["name"] for p in people] == ["Lê Quốc Hùng"]


def test_excel_csv_has_a_bom_and_keeps_vietnamese_text(datasette, crawled):
    seed = next(t for t in crawled.truth if t["seed"])
    page = fetch(f"{datasette}/{DB}/articles.excel?_search={quote('Lê Quốc Hùng')}&_size=max")
    assert page.status == 200 and page.body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(page.body.decode("utf-8-sig"))))
    assert seed["title"] in {r["title"] for r in rows}
    plain = fetch(f"{datasette}/{DB}/articles.csv?_search={quote('Lê Quốc Hùng')}")
    assert not plain.body.startswith(b"\xef\xbb\xbf")  # the plain CSV API stays as Datasette serves it
    table = fetch(f"{datasette}/{DB}/articles").body.decode()
    assert ".excel" in table  # linked on the table page


def test_article_page_reads_as_an_article(datasette, crawled):
    seed = next(t for t in crawled.truth if t["seed"])
    html = fetch(f"{datasette}/{DB}/articles/bocongan-t{seed['id']}").body.decode()
    assert f"<h1>{seed['title']}</h1>" in html
    assert seed["body"].split("\n\n")[0] in html
    assert "person_articles?name=L%C3%AA%20Qu%E1%BB%91c%20H%C3%B9ng" in html
    assert "document_articles?document=Ch%E1%BB%89%20th%E1%BB%8B%2009" in html


def test_scraped_html_is_shown_as_text(tmp_path):
    db = tmp_path / "archive.db"
    archive = Archive(db)
    archive.upsert_articles(
        [
            {
                "id": "bocongan-t1",
                "url": "https://bocongan.gov.vn/tin-tuc-su-kien/x-t1.html",
                "site": "bocongan",
                "title": "<script>alert('tieu de')</script> Tin thử",
                "published_at": "2024-01-02",
                "body": "Đoạn một <img src=x onerror=alert(1)>.\n\nĐoạn hai.",
                "captions": ["<b>chú thích</b>"],
                "people": [{"name": "<script>x</script> Lê Văn A", "ranks": [], "posts": [], "mentions": 1}],
                "locations": [
                    {
                        "name": "<script>y</script> phố",
                        "kind": "ward",
                        "province": "Hà Nội",
                        "province_now": "Hà Nội",
                    }
                ],
            }
        ]
    )
    archive.close()
    proc, base = serve(db)
    try:
        html = fetch(f"{base}/archive/articles/bocongan-t1").body.decode()
        person = fetch(
            f"{base}/archive/person_articles?name={quote('<script>x</script> Lê Văn A')}"
        ).body.decode()
        place = fetch(f"{base}/archive/province_articles?province={quote('Hà Nội')}").body.decode()
    finally:
        proc.terminate()
        proc.wait(10)
    assert "&lt;script&gt;y&lt;/script&gt;" in place
    for page in (html, person, place):
        assert (
            "<script>alert" not in page
            and "<script>x</script>" not in page
            and "<script>y</script>" not in page
        )
        assert "<img src=x" not in page
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_person_page_has_a_chart_and_the_people_named_with_them(datasette, crawled):
    html = fetch(f"{datasette}/{DB}/person_articles?name={quote('Lê Quốc Hùng')}").body.decode()
    assert 'class="month-chart"' in html and "2023-03: 1" in html
    assert "Thường được nhắc cùng" in html and "Nguyễn Văn Hiếu" in html


def test_province_page_names_the_provinces_merged_into_it(datasette, crawled):
    html = fetch(f"{datasette}/{DB}/province_articles?province={quote('Hồ Chí Minh')}").body.decode()
    assert "Bình Dương" in html and "Bà Rịa - Vũng Tàu" in html  # merged into Hồ Chí Minh on 1 July 2025
    assert "Bài theo năm" in html and 'class="month-chart"' in html


def _matches(crawled, query: str) -> dict[str, tuple]:
    conn = sqlite3.connect(crawled.db)
    conn.create_function("vn_query", 1, fts_query)
    found = {
        row[0]: row[1:]
        for row in conn.execute(
            "select a.id, rank, a.published_at from articles_fts join articles a on a.rowid = articles_fts.rowid "
            "where articles_fts match vn_query(?)",
            [query],
        )
    }
    conn.close()
    return found


def test_search_query_lists_every_match_newest_first(datasette, crawled):
    """The canned search reads the index in rowid order, which is publication time: newest first."""
    matches = _matches(crawled, "công an")
    found = search_ids(datasette, "công an")
    assert len(matches) > 20 and set(found) == set(matches)
    dates = [matches[i][1] or "" for i in found]
    assert all(a[:19] >= b[:19] for a, b in zip(dates, dates[1:], strict=False)), dates


def test_best_matches_lists_the_best_first(datasette, crawled):
    """Best matches ranks inside the full-text index (among the newest 10,000), then joins."""
    matches = _matches(crawled, "công an")
    found = search_ids(datasette, "công an", canned="search_best")
    assert len(matches) > 20 and len(found) == min(200, len(matches)) and set(found) <= set(matches)
    assert [matches[i][0] for i in found] == sorted(m[0] for m in matches.values())[: len(found)]


def test_table_search_box_reads_queries_as_the_search_page_does(datasette, crawled):
    """Datasette's own search on the table: folded and a short query one phrase, as on the search page."""
    page_ids = set(search_ids(datasette, "Đà Nẵng"))
    for query in ("Đà Nẵng", "da nang", "ĐÀ NẴNG"):
        body = fetch(f"{datasette}/{DB}/articles.json?_shape=objects&_size=max&_search={quote(query)}").body
        assert {r["id"] for r in json.loads(body)["rows"]} == page_ids, query
