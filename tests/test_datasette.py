"""Datasette serving the crawled archive, through its real HTTP interface."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from urllib.parse import quote, quote_plus

import pytest

from tests.conftest import DB, DB_NAME, fetch, serve


def seed_truth(crawled) -> dict:
    return next(t for t in crawled.truth if t["seed"])


def test_search_finds_the_seed_article(datasette, crawled):
    page = fetch(f"{datasette}/{DB}/articles.json?_search={quote('Lê Quốc Hùng')}&_shape=objects&_size=max")
    assert page.status == 200
    urls = [row["url"] for row in json.loads(page.body)["rows"]]
    assert seed_truth(crawled)["url"] in urls


def test_csv_export_of_a_search_keeps_vietnamese_text(datasette, crawled):
    page = fetch(f"{datasette}/{DB}/articles.csv?_search={quote('Lê Quốc Hùng')}&_size=max")
    assert page.status == 200
    rows = list(csv.DictReader(io.StringIO(page.body.decode("utf-8"))))
    assert list(rows[0])[:6] == ["id", "url", "site", "category", "title", "published_at"]
    seed = next(r for r in rows if r["url"] == seed_truth(crawled)["url"])
    assert seed["title"] == seed_truth(crawled)["title"]
    assert seed["body"] == seed_truth(crawled)["body"]


def test_table_page_has_search_facets_and_metadata(datasette):
    html = fetch(f"{datasette}/{DB}/articles").body.decode()
    assert 'name="_search"' in html
    for facet in ("site", "category", "published_year"):
        assert f'data-column="{facet}"' in html or f"_facet={facet}" in html
    meta = json.loads(fetch(f"{datasette}/-/metadata.json").body)
    assert meta["title"] and meta["license"] and meta["source"]
    columns = meta["databases"][DB_NAME]["tables"]["articles"]["columns"]
    assert {"title", "published_at", "body"} <= set(columns)
    notes = html[html.index('<details class="archive-columns">') :]  # folded under the description
    assert f"<dt>body</dt><dd>{columns['body']}</dd>" in notes[: notes.index("</details>")]


def test_articles_are_newest_first(datasette):
    rows = json.loads(fetch(f"{datasette}/{DB}/articles.json?_shape=objects&_size=50").body)["rows"]
    dates = [r["published_at"] for r in rows if r["published_at"]]
    assert len(dates) >= 40 and dates == sorted(dates, reverse=True)


def test_canned_query_lists_articles_without_a_date(datasette, crawled):
    rows = json.loads(fetch(f"{datasette}/{DB}/articles_without_date.json?_shape=objects").body)["rows"]
    assert [r["title"] for r in rows] == [t["title"] for t in crawled.truth if t["published_at"] is None]


def test_nothing_is_writable_through_the_web(datasette):
    page = fetch(f"{datasette}/{DB}.json?sql={quote('delete from articles')}")
    assert page.status in (400, 403)


def canned(datasette, query_name: str, **params) -> list[dict]:
    query = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    page = fetch(f"{datasette}/{DB}/{query_name}.json?_shape=objects&{query}")
    assert page.status == 200, page.body[:500]
    return json.loads(page.body)["rows"]


def test_person_query_shows_the_seed_article_with_its_posts(datasette, crawled):
    rows = canned(datasette, "person_articles", name="Lê Quốc Hùng")
    seed = next(r for r in rows if r["url"] == seed_truth(crawled)["url"])
    assert "Trung tướng" in json.loads(seed["ranks"])
    assert "Thứ trưởng Bộ Công an" in json.loads(seed["posts"])


def test_seed_article_links_to_its_entities(datasette, crawled):
    seed_id = next(
        r
        for r in canned(datasette, "person_articles", name="Lê Quốc Hùng")
        if r["url"] == seed_truth(crawled)["url"]
    )["id"]
    row = json.loads(fetch(f"{datasette}/{DB}/articles/{seed_id}.json?_shape=objects").body)["rows"][0]
    assert {"Lê Quốc Hùng", "Nguyễn Văn Hiếu"} <= set(json.loads(row["people"]))
    assert "Hồ Chí Minh" not in json.loads(row["people"])
    assert json.loads(row["provinces_now"]) == ["Hồ Chí Minh"]
    assert "Bộ Công an" in json.loads(row["organisations"])
    assert {"Kết luận ngày 22/01/2019", "Chỉ thị 09"} <= set(json.loads(row["documents"]))
    html = fetch(f"{datasette}/{DB}/articles/{seed_id}").body.decode()
    assert "article_people" in html  # Datasette lists the rows that link to this article


def test_province_query_finds_old_names_by_todays_province(datasette, crawled):
    rows = canned(datasette, "province_articles", province="Hồ Chí Minh")
    assert seed_truth(crawled)["url"] in {r["url"] for r in rows}
    # Articles about Bình Dương (merged into Hồ Chí Minh in 2025) are found under Hồ Chí Minh too.
    old = [t for t in crawled.truth if t["provinces"] and "Bình Dương" in t["provinces"]]
    assert old and {t["url"] for t in old} <= {r["url"] for r in rows}


def test_document_and_top_people_queries(datasette, crawled):
    assert seed_truth(crawled)["url"] in {
        r["url"] for r in canned(datasette, "document_articles", document="Chỉ thị 09")
    }
    top = canned(datasette, "top_people", since="2023-01-01", until="2023-12-31")
    assert top and top[0]["articles"] >= top[-1]["articles"]
    assert "Lê Quốc Hùng" in {r["person"] for r in top}


def test_crawl_runs_are_visible_with_their_description(datasette, crawled):
    rows = json.loads(fetch(f"{datasette}/{DB}/crawl_runs.json?_shape=objects").body)["rows"]
    assert any(r["mode"] == "backfill" and r["status"] == "ok" for r in rows)
    html = fetch(f"{datasette}/{DB}/crawl_runs").body.decode()
    assert "One row per crawl run" in html


def test_the_database_file_is_not_offered_for_download_by_default(datasette):
    assert fetch(f"{datasette}/{DB}.db").status in (403, 404)


def test_places_with_coordinates_get_a_map(datasette):
    html = fetch(f"{datasette}/{DB}/places").body.decode()
    assert "datasette-cluster-map" in html  # the map plugin recognised the latitude and longitude columns
    rows = json.loads(fetch(f"{datasette}/{DB}/places.json?_shape=objects&_size=100").body)["rows"]
    assert len(rows) >= 63 and all(8 < r["latitude"] < 24 and 102 < r["longitude"] < 110 for r in rows)


def facet(base: str, query: str, name: str, kind: str, db: str = DB) -> dict:
    page = fetch(f"{base}/{db}/articles.json?{query}")
    assert page.status == 200, page.body[:500]
    results = json.loads(page.body)["facet_results"].values()
    return next(r for r in results if r["name"] == name and r["type"] == kind)


@pytest.mark.parametrize("query", ["", f"_search={quote('Công an')}", "site=bocongan"])
@pytest.mark.parametrize("column", ["people", "provinces_now"])
def test_names_facet_counts_what_datasettes_array_facet_counts(datasette, query, column):
    both = f"{query}&_facet_names={column}&_facet_array={column}&_facet_size=max"
    ours, builtin = facet(datasette, both, column, "names"), facet(datasette, both, column, "array")
    counts = {(r["value"], r["count"]) for r in ours["results"]}
    assert counts and counts == {(r["value"], r["count"]) for r in builtin["results"]}


@pytest.mark.parametrize("query", ["", "mentions__gte=1"])
def test_names_facet_on_another_table_counts_what_datasettes_array_facet_counts(datasette, query):
    page = fetch(
        f"{datasette}/{DB}/article_people.json?{query}&_facet_names=ranks&_facet_array=ranks&_facet_size=max"
    )
    assert page.status == 200, page.body[:500]
    results = {r["type"]: r for r in json.loads(page.body)["facet_results"].values()}
    counts = {(r["value"], r["count"]) for r in results["names"]["results"]}
    assert counts and counts == {(r["value"], r["count"]) for r in results["array"]["results"]}


def test_table_page_facets_provinces_now_with_the_names_facet(datasette):
    result = facet(datasette, "", "provinces_now", "names")
    assert result["results"] and not result["hideable"]


def test_names_facet_links_select_and_remove_it(datasette):
    result = facet(datasette, "_facet_names=people", "people", "names")
    assert "_facet_names" not in result["toggle_url"]
    assert "people__arraycontains=" in result["results"][0]["toggle_url"]


def test_immutable_serving_reads_counts_from_the_inspect_file(crawled, tmp_path):
    db = tmp_path / "archive.db"
    with sqlite3.connect(crawled.db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    articles = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    proc, base = serve(db, immutable=True)
    try:
        databases = json.loads(fetch(f"{base}/-/databases.json").body)
        assert [(d["name"], d["is_mutable"]) for d in databases] == [("archive", False)]
        page = json.loads(fetch(f"{base}/archive/articles.json?_size=1").body)
        assert page["filtered_table_rows_count"] == articles
        assert fetch(f"{base}/archive/search.json?q={quote('Lê Quốc Hùng')}").status == 200
    finally:
        proc.terminate()
        proc.wait(10)
    inspected = json.loads((tmp_path / "archive.inspect.json").read_text())  # beside the copy, no temp dir
    assert inspected["archive"]["tables"]["articles"]["count"] == articles


def test_serve_has_an_immutable_option():
    from crawler.cli import build_parser

    assert build_parser().parse_args(["serve", "--immutable"]).immutable
    assert not build_parser().parse_args(["serve"]).immutable


def test_a_page_extra_that_runs_out_of_time_is_left_out_not_an_error():
    """A chart over a broad term in a large archive can take seconds: the page goes without it."""
    import asyncio

    from datasette.app import Datasette

    from crawler.web.extras import bounded

    db = Datasette(memory=True).get_database("_memory")
    endless = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1e12) select count(*) from c"
    assert asyncio.run(bounded(db, endless, {})) is None  # interrupted by the limit (it would run for hours)
    assert asyncio.run(bounded(db, "select 1 + :v", {"v": 1}))[0][0] == 2


@pytest.mark.parametrize(
    "args, whole",
    [
        ({}, True),
        ({"_next": "9999,", "_facet_names": "people", "_size": "50"}, True),
        ({"site": "bocongan"}, False),
        ({"published_at__gte": "2024-01-01"}, False),
        ({"_search": "da nang"}, False),
        ({"_where": "1 = 1"}, False),
        ({"_next": "2024-01-01,bocongan-t1"}, False),  # a later page: the rows after its cursor
    ],
)
def test_kept_facet_counts_are_read_only_for_the_whole_table(args, whole):
    from crawler.web.paging import unfiltered

    assert unfiltered(args) is whole


@pytest.mark.parametrize("query", ["", "published_at__gte=2023-01-01", f"_search={quote('Công an')}"])
@pytest.mark.parametrize("column", ["site", "category", "published_year"])
def test_kept_facet_counts_what_datasettes_column_facet_counts(datasette, query, column):
    """On the whole table the counts come from article_counts; filtered, from the rows, as Datasette's own."""
    both = f"{query}&_facet_kept={column}&_facet={column}&_facet_size=max"
    ours, builtin = facet(datasette, both, column, "kept"), facet(datasette, both, column, "column")
    assert ours["results"] and [(r["value"], r["count"]) for r in ours["results"]] == [
        (r["value"], r["count"]) for r in builtin["results"]
    ]
    value = ours["results"][0]
    assert f"{column}={quote_plus(str(value['value']))}" in value["toggle_url"] or value["selected"]
    assert "_facet_kept" not in ours["toggle_url"]


def test_table_page_facets_site_category_and_year_from_kept_counts(datasette):
    for column in ("site", "category", "published_year"):
        assert facet(datasette, "", column, "kept")["results"]


def test_an_archive_without_kept_counts_still_serves_its_facets_and_serve_adds_them(crawled, tmp_path):
    """Datasette started on an archive made before the counts were kept counts the rows instead; `serve`
    brings the archive up to date first."""
    db = tmp_path / "archive.db"
    with sqlite3.connect(crawled.db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
        for table in ("article_counts", "person_months", "province_months"):
            dst.execute(f"drop table {table}")
    src.close()
    dst.close()
    proc, base = serve(db)
    try:
        for column, kind in (("site", "kept"), ("provinces_now", "names")):
            assert facet(base, "", column, kind, db="archive")["results"], column
    finally:
        proc.terminate()
        proc.wait(10)
    from crawler.cli import open_archive_or_explain

    assert open_archive_or_explain(str(db)) is None  # what `serve` runs before Datasette
    tables = {
        r[0] for r in sqlite3.connect(db).execute("select name from sqlite_master where type = 'table'")
    }
    assert {"article_counts", "person_months", "province_months"} <= tables
