"""Limits a hostile portal meets: a gzip bomb, a page that never ends, an endless listing, an outsized body.

Each limit is a setting (crawler/settings.py), its refusal is logged with the URL, and the crawl goes on.
"""

from __future__ import annotations

import sqlite3

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.failures import failure_kind, is_incomplete_html
from crawler.pipelines import cut_body
from crawler.replica.faults import FaultPlan
from crawler.replica.portal import ReplicaPortal
from crawler.replica.server import ReplicaServer
from tests.conftest import last_json_line, run_cli, serving

MAXSIZE = 1024 * 1024


@pytest.fixture(scope="module")
def hostile(seed_file, tmp_path_factory):
    """A replica with a gzip bomb and an endless page in place of two articles, and one category whose
    listing never ends, crawled once with small limits."""
    portal = ReplicaPortal(articles=240, with_seed=True)
    by_quirk = {e.quirk: e for e in portal.entries if e.quirk}
    plain = [e for e in portal.entries if not e.quirk]
    bomb, endless = plain[10], plain[20]
    trap = portal.profile.categories[2]
    plan = FaultPlan(
        rate=0,
        hostile={bomb.path: "gzip_bomb", endless.path: "endless"},
        bomb_bytes=16 * MAXSIZE,
        trap_category=trap.key,
    )
    server = ReplicaServer(portal, faults=plan)
    server.start_background()
    truth = {t["url"]: t for t in portal.truth(server.base_url)}
    longest_other = max(len(t["body"]) for t in truth.values() if t["quirk"] != "long_body")
    limit = longest_other + 500
    db = tmp_path_factory.mktemp("limits") / "archive.db"
    result = run_cli(
        "crawl", "--backfill", "--base-url", server.base_url, "--db", str(db), "--log-level", "WARNING",
        "--set", f"DOWNLOAD_MAXSIZE={MAXSIZE}", "--set", f"DOWNLOAD_WARNSIZE={MAXSIZE // 4}",
        "--set", "DOWNLOAD_TIMEOUT=3", "--set", f"MAX_BODY_CHARS={limit}",
    )  # fmt: skip
    assert result.stdout.strip(), result.stderr[-3000:]
    yield {
        "server": server,
        "db": db,
        "summary": last_json_line(result.stdout),
        "log": db.with_name("archive.crawl.log").read_text(encoding="utf-8"),
        "truth": truth,
        "base": server.base_url,
        "bomb": server.base_url + bomb.path,
        "endless": server.base_url + endless.path,
        "long": server.base_url + by_quirk["long_body"].path,
        "trap": trap,
        "limit": limit,
        "plan": plan,
    }
    server.shutdown()
    server.server_close()


def test_a_gzip_bomb_is_refused_logged_and_remembered(hostile):
    assert hostile["plan"].injected["gzip_bomb"] >= 1
    assert hostile["summary"]["failures"]["refused"].get("too_large") == 1
    log_lines = [line for line in hostile["log"].splitlines() if hostile["bomb"] in line]
    assert any("DOWNLOAD_MAXSIZE" in line for line in log_lines), log_lines
    conn = sqlite3.connect(hostile["db"])
    assert conn.execute("select count(*) from articles where url = ?", [hostile["bomb"]]).fetchone()[0] == 0
    reason = conn.execute("select reason from dead_links where url = ?", [hostile["bomb"]]).fetchone()
    assert reason == ("too_large",)  # not fetched again every night


def test_a_page_that_never_ends_is_cut_at_the_download_timeout(hostile):
    summary = hostile["summary"]
    assert summary["failures"]["lost"].get("timeout") == 1
    assert summary["status"] == "degraded"  # a page lost to the server's fault: the next run tries again
    assert any("timeout" in line for line in hostile["log"].splitlines() if hostile["endless"] in line)
    conn = sqlite3.connect(hostile["db"])
    assert (
        conn.execute("select count(*) from articles where url = ?", [hostile["endless"]]).fetchone()[0] == 0
    )


def test_an_endless_listing_ends_and_its_articles_are_all_stored(hostile):
    summary = hostile["summary"]
    assert summary["failures"]["limits"].get("listing_repeats") == 1
    trap_path = hostile["trap"].listing_path
    assert any("listing repeats itself" in line and trap_path in line for line in hostile["log"].splitlines())
    conn = sqlite3.connect(hostile["db"])
    stored = {row[0] for row in conn.execute("select url from articles")}
    refused = {hostile["bomb"], hostile["endless"]}
    expected = {u for u, t in hostile["truth"].items() if t["category"] == hostile["trap"].name} - refused
    assert expected and expected <= stored


def test_an_outsized_body_is_cut_at_a_paragraph_and_logged(hostile):
    limit, truth = hostile["limit"], hostile["truth"][hostile["long"]]
    assert len(truth["body"]) > limit
    conn = sqlite3.connect(hostile["db"])
    body = conn.execute("select body from articles where url = ?", [hostile["long"]]).fetchone()[0]
    assert (
        len(body) <= limit
        and truth["body"].startswith(body)
        and truth["body"][len(body) :].startswith("\n\n")
    )
    assert hostile["summary"]["failures"]["limits"].get("body_cut") == 1
    assert any("MAX_BODY_CHARS" in line for line in hostile["log"].splitlines() if hostile["long"] in line)
    others = [
        (u, t)
        for u, t in hostile["truth"].items()
        if u not in (hostile["long"], hostile["endless"], hostile["bomb"])
    ]
    rows = dict(conn.execute("select url, body from articles"))
    assert [u for u, t in others if rows.get(u) != t["body"]] == []


def test_listing_pages_stop_at_max_listing_pages(seed_file, tmp_path):
    portal = ReplicaPortal(articles=240, with_seed=True)
    with serving(portal, FaultPlan(rate=0, trap_category=portal.profile.categories[0].key)) as server:
        db = tmp_path / "archive.db"
        result = run_cli(
            "crawl", "--backfill", "--base-url", server.base_url, "--db", str(db), "--log-level", "WARNING",
            "--set", "MAX_LISTING_PAGES=2",
        )  # fmt: skip
    summary = last_json_line(result.stdout)
    categories = len(portal.profile.categories)
    assert summary["failures"]["limits"]["max_listing_pages"] == categories
    assert "MAX_LISTING_PAGES (2) reached" in db.with_name("archive.crawl.log").read_text(encoding="utf-8")
    assert summary["listing_pages"] == 1 + 2 * categories  # the home page, then 2 pages of each category


@pytest.mark.parametrize(
    "body, expected",
    [
        (b"<!DOCTYPE html><html><body><p>Tin</p></body></html>\n", False),
        ("<!DOCTYPE html><html><body><p>Tin bị cắt gi".encode(), True),
        (b"<p>a fragment, never opened</p>", False),
        (b"<HTML><BODY>Tin</BODY></HTML>", False),
        (b"<html><body><p>Tin</p></body>\n<script>x()</script>", False),  # a template that forgets </html>
    ],
)
def test_a_page_cut_short_is_told_from_a_whole_one(body, expected):
    assert is_incomplete_html(body, "text/html; charset=utf-8") is expected
    assert is_incomplete_html(body, "application/json") is False


def test_failures_are_named_by_kind():
    request = Request("https://bocongan.gov.vn/a-t1.html")
    response = HtmlResponse(request.url, status=503, request=request)
    assert failure_kind(HttpError(response)) == "http_503"
    assert failure_kind(IgnoreRequest("max redirections reached")) == "redirect_loop"
    assert failure_kind(IgnoreRequest("Forbidden by robots.txt")) == "robots"
    assert failure_kind(IgnoreRequest("Refused redirect (private) from a to b")) == "unsafe_redirect"
    assert failure_kind(ValueError("?")) == "other"


def test_a_body_is_cut_at_the_last_paragraph_break_before_the_limit():
    body = "\n\n".join(["một đoạn văn"] * 10)
    cut = cut_body(body, 60)
    assert len(cut) <= 60 and body.startswith(cut) and body[len(cut) :].startswith("\n\n")
    assert cut_body("x" * 100, 30) == "x" * 30  # no break: cut where the limit falls


def test_an_unreadable_listing_page_is_a_drift_alarm_not_a_spider_error(tmp_path):
    from scrapy.utils.test import get_crawler

    from crawler.archive import Archive
    from crawler.spiders.portal import BoconganSpider

    db = tmp_path / "archive.db"
    Archive(db).close()
    crawler = get_crawler(BoconganSpider, {"ARCHIVE_DB": str(db), "EXTRACT_WORKERS": 0})
    spider = BoconganSpider.from_crawler(crawler)
    crawler.stats.open_spider()
    category = spider.profile.categories[0]
    url = spider.profile.listing_url("https://bocongan.gov.vn", category)
    try:
        assert list(spider.parse_listing(HtmlResponse(url, body=b""), category, 1)) == []
    finally:
        spider.closed("finished")
    assert crawler.stats.get_value("drift/empty_listing") == 1
    assert crawler.stats.get_value("drift/samples/empty_listing") == [url]
