"""Paging through the articles table, and streaming it as CSV, gives every article once.

Many articles share a date (the portal prints only the day on half of them). Datasette orders the first page
by its sort column alone and later pages by the column then the key, so a sort with ties can repeat or skip
articles between pages. The table is sorted by rowid, which is the publication time and a sequence number
(unique), and a date sort is read as that same order.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
from urllib.parse import quote

import pytest

from crawler.archive import Archive
from tests.conftest import fetch, serve

ARTICLES = 1200
CATEGORIES = ("Hoạt động của Bộ", "Tin an ninh trật tự")
PERSON = "Lê Quốc Hùng"


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """An archive where most articles share one day, stored in shuffled key order (as a crawl stores them)."""
    db = tmp_path_factory.mktemp("paging") / "archive.db"
    numbers = list(range(1, ARTICLES + 1))
    random.Random(6).shuffle(numbers)
    records = [
        {
            "id": f"bocongan-t{n}",
            "url": f"https://bocongan.gov.vn/tin-tuc-su-kien/bai-{n}-t{n}.html",
            "site": "bocongan",
            "category": CATEGORIES[n % 2],
            "title": f"Bài số {n}",
            "published_at": "2024-05-02" if n % 10 else (None if n % 20 else f"2024-05-{1 + n % 3:02d}"),
            "lead": None,
            "body": f"Nội dung bài số {n}.",
            "captions": [],
            "images": [],
            "fetched_at": "2026-01-01T00:00:00+00:00",
            "people": [{"name": PERSON, "ranks": [], "posts": [], "mentions": 1}],
        }
        for n in numbers
    ]
    archive = Archive(db)
    for i in range(0, len(records), 100):
        archive.upsert_articles(records[i : i + 100])
    archive.close()
    proc, base = serve(db)
    yield base, records
    proc.terminate()
    proc.wait(10)


def csv_ids(base: str, query: str) -> list[str]:
    page = fetch(f"{base}/archive/articles.csv?_stream=on&_size=max{query}")
    assert page.status == 200
    rows = list(csv.DictReader(io.StringIO(page.body.decode("utf-8-sig"))))
    return [row["id"] for row in rows]


@pytest.mark.parametrize(
    "query",
    [
        "",
        f"&category={quote(CATEGORIES[1])}",
        "&site=bocongan",
        f"&_search={quote('Nội dung')}",
        "&_sort_desc=published_at",
    ],
)
def test_a_streamed_csv_holds_every_article_once(tied, query):
    base, records = tied
    expected = [
        r["id"] for r in records if not query.startswith("&category") or r["category"] == CATEGORIES[1]
    ]
    ids = csv_ids(base, query)
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


@pytest.mark.parametrize("sort", ["", "&_sort_desc=published_at", "&_sort=published_at"])
def test_following_next_pages_gives_every_article_once_in_date_order(tied, sort):
    base, records = tied
    url, ids, dates = f"{base}/archive/articles.json?_size=100&_shape=objects{sort}", [], []
    first = json.loads(fetch(url).body)
    assert " order by rowid" in first["query"]["sql"]  # the date order, without its ties
    while url:
        page = json.loads(fetch(url).body)
        ids += [row["id"] for row in page["rows"]]
        dates += [row["published_at"] for row in page["rows"]]
        url = page.get("next_url")
    assert len(ids) == len(set(ids)) == len(records)
    dated = [d for d in dates if d]
    undated = [None] * (len(dates) - len(dated))
    if sort.startswith("&_sort="):  # oldest first: articles without a date come first
        assert dates == undated + sorted(dated)
    else:
        assert dates == sorted(dated, reverse=True) + undated


@pytest.mark.parametrize("before", ["one-column date index", "date-ordered column indexes"])
def test_an_archive_made_before_gets_the_newest_first_indexes_on_open(tmp_path, before):
    db = tmp_path / "archive.db"
    Archive(db).close()
    old = Archive(db)  # as archives were made before
    with old.db.conn:
        for name in [
            r[1] for r in old.db.conn.execute("pragma index_list(articles)") if "idx_articles" in r[1]
        ]:
            old.db.conn.execute(f"drop index {name}")
        for column in ("site", "category", "published_year"):
            if before == "one-column date index":
                old.db.conn.execute(f"create index idx_articles_{column} on articles ({column})")
            else:
                old.db.conn.execute(
                    f"create index idx_articles_{column}_newest on articles ({column}, published_at desc, id)"
                )
        if before == "one-column date index":
            old.db.conn.execute("create index idx_articles_published_at on articles (published_at)")
    old.close()
    names = {r[1] for r in Archive(db).db.conn.execute("pragma index_list(articles)")}
    assert {
        "idx_articles_newest",
        "idx_articles_site",
        "idx_articles_category",
        "idx_articles_published_year",
    } <= names
    assert not names & {
        "idx_articles_published_at",
        "idx_articles_category_newest",
        "idx_articles_site_newest",
    }


@pytest.mark.parametrize("column", ["site", "category", "published_year"])
def test_a_filtered_page_reads_its_column_index_newest_first_without_sorting(tmp_path, column):
    """The table page's query for `column = ?`, newest first: rowids are publication times, so the column's
    index yields a value's rows in date order and the first page stops early (no sort of every match)."""
    archive = Archive(tmp_path / "archive.db")
    plan = " ".join(
        row[3]
        for row in archive.db.conn.execute(
            f"explain query plan select * from articles where {column} = ? order by rowid desc limit 51",
            ["x"],
        )
    )
    archive.close()
    assert f"idx_articles_{column}" in plan and "TEMP B-TREE" not in plan, plan


def test_the_table_pages_own_csv_link_streams_every_article_once(tied):
    base, records = tied
    page = fetch(f"{base}/archive/articles?_search={quote('Nội dung')}")
    links = re.findall(r'href="([^"]*articles\.csv\?[^"]*)"', page.body.decode())
    assert links
    url = html.unescape(links[0])
    url = url if url.startswith("http") else base + url
    streamed = fetch(url + "&_stream=on")
    assert streamed.status == 200, streamed.body[:300]
    ids = [row["id"] for row in csv.DictReader(io.StringIO(streamed.body.decode("utf-8-sig")))]
    assert len(ids) == len(set(ids)) == len(records)


@pytest.mark.parametrize("stream", [False, True])
def test_another_table_sorted_by_its_date_gives_every_row_once(tied, stream):
    """Other tables keep published_at as their sort: a token "before every row" orders their first page by the
    date then the key, like the pages after it (crawler.web.paging.first_page_token), and a streamed CSV is read
    page by page from it (archive_web.stream_csv)."""
    base, records = tied
    query = f"person={quote(PERSON)}&_sort_desc=published_at"
    if stream:
        page = fetch(f"{base}/archive/article_people.csv?{query}&_stream=on&_size=max")
        assert page.status == 200, page.body[:300]
        ids = [row["article_id"] for row in csv.DictReader(io.StringIO(page.body.decode("utf-8-sig")))]
    else:
        url, ids = f"{base}/archive/article_people.json?{query}&_size=100&_shape=objects", []
        while url:
            page = json.loads(fetch(url).body)
            ids += [row["article_id"] for row in page["rows"]]
            url = page.get("next_url")
    assert len(ids) == len(set(ids)) == len(records)
