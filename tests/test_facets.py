"""The articles table's facets and count line at archive scale (crawler.web.facets), through Datasette's HTTP.

A filtered page counts its facets over its newest matches, at most a sample of them (40 here, 2,000 served by
default); the expected counts are worked out here from the records, not read from the archive.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from urllib.parse import quote

import pytest

from crawler.archive import Archive
from tests.conftest import fetch, serve

SAMPLE = 40
ARTICLES = 300
LAM, LONG = "Lê Quốc Hùng", "Nguyễn Văn Long"
DA_NANG = {"name": "TP. Đà Nẵng", "kind": "province", "province": "Đà Nẵng", "province_now": "Đà Nẵng"}
HA_NOI = {"name": "Hà Nội", "kind": "province", "province": "Hà Nội", "province_now": "Hà Nội"}


def record(n: int) -> dict:
    """Article n: one a day from 2021 on, each with its own time, so that newest first is one order."""
    day = 1 + n * 6  # about five years of articles
    year, rest = 2021 + day // 365, day % 365
    month, dom = 1 + rest // 31 % 12, 1 + rest % 28
    people = [p for p, every in ((LAM, 2), (LONG, 3)) if n % every == 0]
    places = [p for p, every in ((DA_NANG, 4), (HA_NOI, 5)) if n % every == 0]
    words = ["Công an thành phố triển khai kế hoạch bảo đảm an ninh."]
    if n % 2:
        words.append("Lực lượng chức năng bắt giữ đối tượng mua bán ma túy.")
    if n % 30 == 7:
        words.append("Đoàn công tác kiểm tra cửa khẩu Hữu Nghị.")
    return {
        "id": f"bocongan-t{n}",
        "url": f"https://bocongan.gov.vn/tin-tuc-su-kien/bai-{n}-t{n}.html",
        "site": "bocongan" if n % 7 else "congan_tinh",
        "category": ("Hoạt động của Bộ", "Tin an ninh trật tự", "Hoạt động của địa phương")[n % 3],
        "title": f"Bài số {n}",
        "published_at": f"{year}-{month:02d}-{dom:02d}T{n % 24:02d}:{n % 60:02d}:00+07:00",
        "lead": None,
        "body": " ".join(words),
        "captions": [],
        "images": [],
        "fetched_at": "2026-01-01T00:00:00+00:00",
        "people": [{"name": p, "ranks": [], "posts": [], "mentions": 1} for p in people],
        "locations": places,
    }


RECORDS = [record(n) for n in range(1, ARTICLES + 1)]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("facets") / "archive.db"
    archive = Archive(db)
    archive.upsert_articles(RECORDS)
    archive.close()
    proc, base = serve(db, facet_sample=SAMPLE)
    yield base
    proc.terminate()
    proc.wait(10)


# Each filter a reader uses, and which records it keeps.
FILTERS = {
    "search": (f"_search={quote('ma túy')}", lambda r: "ma túy" in r["body"]),
    "search, then a where": (f"_search={quote('ma tuy')}&_where=1%3D1", lambda r: "ma túy" in r["body"]),
    "a province in a JSON list": (
        f"provinces_now__arraycontains={quote('Đà Nẵng')}",
        lambda r: DA_NANG in r["locations"],
    ),
    "a column and a person": (
        f"site=bocongan&people__arraycontains={quote(LAM)}",
        lambda r: r["site"] == "bocongan" and any(p["name"] == LAM for p in r["people"]),
    ),
    "a rare word": (f"_search={quote('Hữu Nghị')}", lambda r: "Hữu Nghị" in r["body"]),
}
FACETS = "&_facet_names=people"  # with the metadata's: site, category, published_year, provinces_now


def expected(records: list[dict]) -> dict[str, Counter]:
    """Each facet's counts over these records, worked out from the records themselves."""
    return {
        "people": Counter(p["name"] for r in records for p in r["people"]),
        "provinces_now": Counter(p["province_now"] for r in records for p in r["locations"]),
        "site": Counter(r["site"] for r in records),
        "category": Counter(r["category"] for r in records),
        "published_year": Counter(int(r["published_at"][:4]) for r in records),
    }


def facets(base: str, query: str) -> dict:
    page = fetch(f"{base}/archive/articles.json?{query}{FACETS}&_facet_size=max")
    assert page.status == 200, page.body[:500]
    return json.loads(page.body)


@pytest.mark.parametrize("name", FILTERS)
def test_a_filtered_page_counts_its_facets_over_its_newest_matches(served, name):
    query, keep = FILTERS[name]
    matches = sorted((r for r in RECORDS if keep(r)), key=lambda r: r["published_at"], reverse=True)
    assert matches, "the filter must match something"
    data = facets(served, query)
    want = expected(matches[:SAMPLE])
    for result in data["facet_results"].values():
        got = Counter({r["value"]: r["count"] for r in result["results"]})
        assert got == want[result["name"]], result["name"]
        assert result["sample"] == {
            "articles": min(SAMPLE, len(matches)),
            "every_match": len(matches) <= SAMPLE,
            "matches": len(matches) if len(matches) <= SAMPLE else None,  # counted only on request
        }
    assert len(data["facet_results"]) == 5  # none timed out
    assert data["filtered_table_rows_count"] == len(matches)  # the JSON keeps Datasette's exact count


@pytest.mark.parametrize("name", ["search", "a province in a JSON list", "a column and a person"])
def test_counting_on_request_gives_the_number_of_matches_and_keeps_the_sample(served, name):
    query, keep = FILTERS[name]
    matches = sorted((r for r in RECORDS if keep(r)), key=lambda r: r["published_at"], reverse=True)
    assert len(matches) > SAMPLE
    data = facets(served, query + "&_count=1")
    want = expected(matches[:SAMPLE])
    # The JSON counts its matches once, as Datasette does; its facets do not count them again.
    assert data["filtered_table_rows_count"] == len(matches)
    for result in data["facet_results"].values():
        assert Counter({r["value"]: r["count"] for r in result["results"]}) == want[result["name"]]
        assert result["sample"] == {"articles": SAMPLE, "every_match": False, "matches": None}
    line = count_line(served, query + "&_count=1")
    assert line.startswith(
        f'<p class="archive-matches"> {len(matches)} bài khớp; các bộ lọc bên dưới đếm trong {SAMPLE}'
    )
    assert "_count=1" not in line  # nothing left to count


def test_the_whole_table_reads_kept_counts_over_every_article(served):
    data = facets(served, "")
    want = expected(RECORDS)
    for result in data["facet_results"].values():
        assert Counter({r["value"]: r["count"] for r in result["results"]}) == want[result["name"]]
        assert result["sample"]["every_match"]


def count_line(base: str, query: str) -> str:
    page = fetch(f"{base}/archive/articles?{query}")
    assert page.status == 200
    text = page.body.decode("utf-8")
    start = text.find('<p class="archive-matches">')
    return " ".join(text[start : text.find("</p>", start)].split()) if start >= 0 else ""


def test_a_filtered_page_with_many_matches_says_so_and_links_to_an_exact_count(served):
    query, keep = FILTERS["search"]
    line = count_line(served, query)
    assert f"Hơn {SAMPLE} bài khớp" in line and "_count=1" in line
    link = html.unescape(re.search(r'href="([^"]*_count=1[^"]*)"', line).group(1))
    assert count_line(served, link.split("?", 1)[1]).startswith(
        f'<p class="archive-matches"> {sum(map(keep, RECORDS))} bài khớp'
    )


def test_a_filtered_page_with_few_matches_gives_their_exact_count(served):
    query, keep = FILTERS["a rare word"]
    assert count_line(served, query).startswith(
        f'<p class="archive-matches"> {sum(map(keep, RECORDS))} bài khớp.'
    )


@pytest.mark.parametrize("query", ["", "?_nocount=1"])  # the second: every filter removed through the links
def test_the_whole_table_page_keeps_datasettes_count(served, query):
    page = fetch(f"{served}/archive/articles{query}").body.decode("utf-8")
    assert f"{ARTICLES:,} rows" in page and 'class="archive-matches"' not in page


def test_the_table_is_newest_first_by_default(served):
    page = json.loads(fetch(f"{served}/archive/articles.json?_shape=objects&_size=20").body)
    newest = sorted(RECORDS, key=lambda r: r["published_at"], reverse=True)[:20]
    assert [row["id"] for row in page["rows"]] == [r["id"] for r in newest]


def test_a_searchs_count_line_links_to_the_search_pages_chart_of_every_match(served):
    """A sample's year facet holds only its newest years; the search page's chart counts every match."""
    query, keep = FILTERS["search"]
    link = re.search(r'href="([^"]*/search\?q=[^"]*)"', count_line(served, query))
    assert link, count_line(served, query)
    page = fetch(served + html.unescape(link.group(1))).body.decode("utf-8")
    months = [int(n) for n in re.findall(r"<title>\d{4}-\d{2}: (\d+)</title>", page)]
    assert sum(months) == sum(map(keep, RECORDS))


def facet_heading(page: str, column: str) -> str:
    start = page.index(f'id="facet-{column}"')
    return " ".join(page[start : page.index("</p>", start)].split())


def test_a_facet_over_a_sample_says_so_and_the_whole_tables_does_not(served):
    """A year facet over the newest matches would read as "no older articles" without its label."""
    query, _ = FILTERS["search"]
    sampled = fetch(f"{served}/archive/articles?{query}").body.decode("utf-8")
    assert f"đếm trong {SAMPLE} bài khớp mới nhất" in facet_heading(sampled, "published_year")
    whole = fetch(f"{served}/archive/articles").body.decode("utf-8")
    assert "bài khớp mới nhất" not in facet_heading(whole, "published_year")


@pytest.fixture(scope="module")
def traced(served, tmp_path_factory):
    """The same archive served with Datasette's SQL trace on (`?_trace=1`)."""
    db = tmp_path_factory.mktemp("traced") / "archive.db"
    archive = Archive(db)
    archive.upsert_articles(RECORDS)
    archive.close()
    proc, base = serve(db, "--setting", "trace_debug", "1", facet_sample=SAMPLE)
    yield base
    proc.terminate()
    proc.wait(10)


def test_a_json_page_asking_for_its_count_counts_once(traced):
    query, keep = FILTERS["search"]
    data = json.loads(fetch(f"{traced}/archive/articles.json?{query}&_count=1&_trace=1").body)
    assert data["filtered_table_rows_count"] == sum(map(keep, RECORDS))
    counts = [t["sql"] for t in data["_trace"]["traces"] if t["sql"].lower().startswith("select count(*)")]
    assert len(counts) == 1, counts


def test_a_traced_table_page_is_answered_whole(traced):
    """Datasette's tracer leaves a page over 256 KB unfinished; the plugin ends it."""
    page = fetch(f"{traced}/archive/articles?_trace=1&_size=max&_nofacet=1")
    assert page.status == 200 and len(page.body) > 256 * 1024
    assert page.body.rstrip().endswith(b"</html>")
