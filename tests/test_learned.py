"""Crawling a portal without a profile (`crawl --start-url`, crawler.learned), by the real command over HTTP on
the replica portals, checked against their truth: the news articles found, each once, no other rows; titles and
dates right; what was learned kept in the archive, reused by the next run (which costs robots.txt and one listing
page per category), and learned again, with an alarm, when it stops finding articles."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest

from crawler.replica.aspnet import AspNetPortal
from crawler.replica.liferay import LiferayPortal
from crawler.replica.plainhtm import PlainHtmPortal
from crawler.replica.portal import ReplicaPortal
from crawler.replica.portal2025 import Portal2025
from crawler.replica.server import ReplicaServer
from crawler.replica.sharepoint import SharePointPortal
from crawler.sites import Category, SiteProfile
from tests.conftest import ROOT, last_json_line, run_cli

PORTALS = {
    "bocongan_2024": (ReplicaPortal, 200),
    "bocongan_2025": (Portal2025, 200),
    "liferay": (LiferayPortal, 120),
    "sharepoint": (SharePointPortal, 150),
    "aspnet": (AspNetPortal, 150),
    "plainhtm": (PlainHtmPortal, 150),
}


def crawl(server, db, *args: str) -> tuple[int, dict]:
    result = run_cli(
        "crawl", "--start-url", server.base_url + "/", "--db", str(db), "--log-level", "ERROR", *args
    )
    assert result.stdout.strip(), result.stderr[-2000:]
    return result.returncode, last_json_line(result.stdout)


@pytest.fixture(scope="module", params=sorted(PORTALS))
def learned(request, tmp_path_factory):
    portal_cls, articles = PORTALS[request.param]
    server = ReplicaServer(portal_cls(articles=articles))
    server.start_background()
    db = tmp_path_factory.mktemp("learned") / "portal.db"
    first = crawl(server, db, "--backfill")
    yield request.param, server, db, first
    server.shutdown()
    server.server_close()


def test_a_backfill_stores_the_news_each_once_and_nothing_else(learned):
    name, server, db, (code, summary) = learned
    assert code == 0 and summary["status"] == "ok", summary
    truth = {t["url"]: t for t in server.portal.truth(server.base_url)}
    rows = sqlite3.connect(db).execute("select url, title, published_at, site from articles").fetchall()
    urls = [r[0] for r in rows]
    assert len(urls) == len(set(urls))
    found = set(urls) & set(truth)
    assert len(found) >= 0.95 * len(truth), f"{len(found)} of {len(truth)}"
    assert len(set(urls) - set(truth)) <= 0.02 * len(rows)
    # Titles and dates as the held-out targets of the generic reading ask: every one right.
    assert all(truth[u]["title"] == t for u, t, _, _ in rows if u in truth)
    assert all(truth[u]["published_at"] == p for u, _, p, _ in rows if u in truth)
    assert {r[3] for r in rows} == {"127.0.0.1"}  # named by its host
    assert summary["profile"] == "learned in this run" and summary["discovery_requests"] > 1


def test_what_was_learned_is_kept_in_the_archive(learned):
    name, server, db, _ = learned
    row = (
        sqlite3.connect(db)
        .execute("select site, start_url, categories, article_patterns from learned_profiles")
        .fetchone()
    )
    assert row[0] == "127.0.0.1" and row[1] == server.base_url + "/"
    paths = {
        json.loads(row[2])[i]["url"].removeprefix(server.base_url) for i in range(len(json.loads(row[2])))
    }
    assert {c.listing_path for c in server.portal.profile.categories} <= {
        p.split("?")[0] for p in paths
    } | paths
    assert json.loads(row[3])


def test_the_next_run_reuses_it_and_costs_robots_and_one_listing_page_per_category(learned):
    name, server, db, _ = learned
    categories = len(server.portal.profile.categories)
    code, summary = crawl(server, db)
    assert code == 0 and summary["profile"] == "learned earlier" and summary["discovery_requests"] == 0
    assert summary["articles_new"] == 0
    assert summary["requests"] <= 1 + categories, summary


def test_a_profile_that_stops_working_is_learned_again_with_an_alarm(tmp_path):
    server = ReplicaServer(LiferayPortal(articles=60))
    server.start_background()
    try:
        db = tmp_path / "portal.db"
        code, _ = crawl(server, db, "--max-pages", "1")
        assert code == 0
        conn = sqlite3.connect(db)
        wrong = [{"name": "Tin cũ", "url": server.base_url + "/web/guest/khong-con", "next_url": None}]
        conn.execute("update learned_profiles set categories = ?", [json.dumps(wrong)])
        conn.commit()
        conn.close()
        code, summary = crawl(server, db)
        assert code == 1 and summary["profile"] == "learned again", summary
        assert any("learned the portal again" in alarm for alarm in summary["alarms"])
        relearned = (
            sqlite3.connect(db).execute("select relearned, categories from learned_profiles").fetchone()
        )
        assert relearned[0] == 1 and "Tin hoạt động" in relearned[1]
    finally:
        server.shutdown()
        server.server_close()


# A profile written by hand for the ASP.NET replica, from its pages: listing rows, their links and dates, the
# "Trang sau" link, the article path; the article itself read generically, as a written profile may leave it.
HAND = SiteProfile(
    name="aspnet_hand",
    base_url="http://127.0.0.1",
    hosts=("127.0.0.1",),
    categories=(
        Category("hoat-dong-lanh-dao", "Hoạt động lãnh đạo", "/vn/chuyen-muc/856/hoat-dong-lanh-dao-.aspx"),
        Category("an-ninh-trat-tu", "An ninh - Trật tự", "/vn/chuyen-muc/861/an-ninh-trat-tu.aspx"),
        Category("doi-ngoai", "Công tác đối ngoại", "/vn/chuyen-muc/867/cong-tac-doi-ngoai.aspx"),
        Category("nguoi-tot-viec-tot", "Người tốt - Việc tốt", "/vn/chuyen-muc/874/nguoi-tot-viec-tot.aspx"),
    ),
    page_param=None,
    article_path=re.compile(r"^/vn/tin-tuc/(\d+)/[\w-]+\.aspx$"),
    listing_item="table.list-news tr.item",
    listing_item_link="a.link-title",
    listing_item_date="font.date",
    listing_next="td.paging a.next",
)


def profiled_crawl(server, db) -> dict:
    """A backfill with the hand-written profile, in its own process (Scrapy runs once per process)."""
    code = (
        "import json, sys; from crawler.run import run_crawl; from tests.test_learned import HAND; "
        f"r = run_crawl('aspnet_hand', {server.base_url!r}, {str(db)!r}, profile=HAND, mode='backfill', "
        "log_level='ERROR'); print(json.dumps(r.summary))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return last_json_line(result.stdout)


def test_the_learned_crawl_comes_within_a_few_percent_of_a_written_profile(tmp_path):
    server = ReplicaServer(AspNetPortal(articles=150))
    server.start_background()
    try:
        truth = {t["url"] for t in server.portal.truth(server.base_url)}
        profiled = profiled_crawl(server, tmp_path / "profiled.db")
        code, learned = crawl(server, tmp_path / "learned.db", "--backfill")
        assert code == 0
        found = {
            name: {r[0] for r in sqlite3.connect(tmp_path / f"{name}.db").execute("select url from articles")}
            for name in ("profiled", "learned")
        }
    finally:
        server.shutdown()
        server.server_close()
    assert len(found["profiled"] & truth) >= 0.95 * len(truth)  # the written profile works
    assert len(found["learned"] & truth) >= 0.97 * len(found["profiled"] & truth)
    # Discovery's requests come on top of the crawl's own, which stay within a few percent of the profile's.
    assert learned["requests"] <= 1.05 * profiled["requests"] + 1
    assert learned["discovery_requests"] <= 2 + 2 * len(server.portal.profile.categories) + 10


def test_a_start_url_with_no_news_listing_fails_clearly_and_stores_nothing(tmp_path):
    server = ReplicaServer(LiferayPortal(articles=30))
    server.start_background()
    try:
        db = tmp_path / "portal.db"
        result = run_cli("crawl", "--start-url", server.base_url + "/khong-co-trang-nay", "--db", str(db))
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 4 and "no news listing found" in result.stderr
    tables = (
        {r[0] for r in sqlite3.connect(db).execute("select name from sqlite_master")}
        if db.exists()
        else set()
    )
    assert "learned_profiles" not in tables
