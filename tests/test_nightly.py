"""The nightly crawl as cron runs it: incremental runs, revisions, the lock, kill -9, drift, raw pages."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import sqlite_utils

from crawler.replica.portal import ReplicaPortal
from crawler.replica.portal2025 import Portal2025
from crawler.replica.server import ReplicaServer
from crawler.run import EXIT_DEGRADED, EXIT_LOCKED, archive_lock
from tests.conftest import ROOT, last_json_line, run_cli, serving


@pytest.fixture
def portal(seed_file):
    server = ReplicaServer(ReplicaPortal(articles=120, with_seed=True))
    server.start_background()
    yield server
    server.shutdown()
    server.server_close()


def crawl(server, db, *args: str) -> tuple[int, dict]:
    result = run_cli("crawl", "--base-url", server.base_url, "--db", str(db), "--log-level", "WARNING", *args)
    assert result.stdout.strip(), result.stderr[-3000:]
    return result.returncode, last_json_line(result.stdout)


def test_new_articles_edits_and_the_nightly_cost(portal, tmp_path):
    db = tmp_path / "archive.db"
    code, first = crawl(portal, db, "--backfill")
    assert code == 0 and first["articles_new"] == 120
    categories = len(portal.portal.profile.categories)

    added = portal.portal.publish(5)
    code, second = crawl(portal, db, "--revisit-days", "2")
    touched = {e.category.key for e in added}
    # robots.txt, page 1 of every category, page 2 where page 1 had new articles, and the 5 articles.
    assert (code, second["articles_new"]) == (0, 5)
    assert second["requests"] == 1 + categories + len(touched) + 5

    code, third = crawl(portal, db, "--revisit-days", "2")
    # The 5 recent articles are asked again with their ETag and answer 304 Not Modified.
    assert third["requests"] == 1 + categories + 5 and third["not_modified"] == 5
    assert third["articles_new"] == 0 and third["articles_updated"] == 0

    edited = added[0]
    old_body = (
        sqlite_utils.Database(db)
        .execute("select body from articles where url like ?", [f"%{edited.path}"])
        .fetchone()[0]
    )
    portal.portal.edit(edited.id, "Cập nhật: Công an tỉnh đã khởi tố vụ án để điều tra theo quy định.")
    code, fourth = crawl(portal, db, "--revisit-days", "2")
    assert fourth["articles_updated"] == 1 and fourth["not_modified"] == 4
    archive = sqlite_utils.Database(db)
    article = archive.execute(
        "select id, body from articles where url like ?", [f"%{edited.path}"]
    ).fetchone()
    assert article[1].endswith("theo quy định.")
    revisions = list(archive.query("select * from article_revisions where article_id = ?", [article[0]]))
    assert [r["body"] for r in revisions] == [old_body]
    runs = list(
        archive.query("select status, requests, new, updated, not_modified from crawl_runs order by id")
    )
    assert [r["status"] for r in runs] == ["ok"] * 4
    assert [r["requests"] for r in runs][1:] == [second["requests"], third["requests"], fourth["requests"]]


def test_a_second_run_exits_at_once_while_the_lock_is_held(portal, tmp_path):
    db = tmp_path / "archive.db"
    with archive_lock(db):
        result = run_cli("crawl", "--base-url", portal.base_url, "--db", str(db))
    assert result.returncode == EXIT_LOCKED
    assert "another crawl holds" in result.stderr
    assert portal.portal.hits.get("/robots.txt") is None  # it exited without waiting or crawling


def test_killed_mid_crawl_then_rerun_finishes_with_every_article_once(seed_file, tmp_path):
    server = ReplicaServer(ReplicaPortal(articles=1500, with_seed=True))
    server.start_background()
    try:
        db = tmp_path / "archive.db"
        command = [
            sys.executable,
            "-m",
            "crawler",
            "crawl",
            "--backfill",
            "--site",
            "bocongan_2024",
            "--base-url",
            server.base_url,
            "--db",
            str(db),
        ]
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        stored = 0
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                stored = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 100:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        partial = conn.execute("select count(*) from articles").fetchone()[0]
        assert 0 < partial < len(server.portal.entries)
        conn.close()

        code, summary = crawl(server, db)
        assert code == 0 and summary["mode"] == "resume"
        conn = sqlite3.connect(db)
        urls = [r[0] for r in conn.execute("select url from articles")]
        assert sorted(urls) == sorted(t["url"] for t in server.portal.truth(server.base_url))
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        statuses = [r[0] for r in conn.execute("select status from crawl_runs order by id")]
        assert statuses == ["interrupted", "ok"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_layout_change_makes_the_run_degraded_and_says_where(portal, tmp_path):
    """The profile no longer reads the redesigned pages: the run says so, and the generic reading stores them."""
    portal.portal.markup_changed = True
    code, summary = crawl(portal, tmp_path / "archive.db", "--backfill")
    assert code == EXIT_DEGRADED and summary["status"] == "degraded"
    alarms = "\n".join(summary["alarms"])
    assert "bocongan" in alarms and "not read by the site's profile" in alarms
    assert portal.base_url + "/tin-tuc-su-kien/" in alarms  # sample URLs are named
    rows = sqlite3.connect(tmp_path / "archive.db").execute(
        "select count(*), count(nullif(body, '')), count(published_at), count(*) filter (where extracted_by = 'generic')"
        " from articles"
    )
    total, with_body, dated, generic = rows.fetchone()
    assert total > 0 and with_body == total and generic == total
    assert dated == sum(1 for e in portal.portal.entries if e.dateline)


def test_reextract_rebuilds_blanked_fields_from_stored_pages_and_warc_export(crawled, tmp_path):
    db = tmp_path / "archive.db"
    stem = crawled.db.stem
    for name, copied in ((f"{stem}.db", "archive.db"), (f"{stem}.pages.db", "archive.pages.db")):
        with (
            sqlite3.connect(crawled.db.with_name(name)) as source,
            sqlite3.connect(tmp_path / copied) as copy,
        ):
            source.backup(copy)
    columns = "id, title, published_at, lead, body, captions, category, people, documents, content_hash"
    before = sqlite3.connect(db).execute(f"select {columns} from articles order by id").fetchall()
    conn = sqlite3.connect(db)
    conn.execute(
        "update articles set title = '', published_at = null, lead = null, body = '', captions = '[]', people = '[]'"
    )
    conn.execute("delete from article_people")
    conn.commit()
    conn.close()
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["source"] == "pages" and report["articles"] == len(crawled.truth)
    assert sqlite3.connect(db).execute(f"select {columns} from articles order by id").fetchall() == before

    from warcio.archiveiterator import ArchiveIterator

    out = tmp_path / "archive.warc.gz"
    result = run_cli("export-warc", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with out.open("rb") as stream:
        responses = [r for r in ArchiveIterator(stream) if r.rec_type == "response"]
    assert {r.rec_headers.get_header("WARC-Target-URI") for r in responses} == {
        t["url"] for t in crawled.truth
    }


def test_check_site_prints_fields_and_flags_a_changed_layout(portal):
    check = ("check-site", "--site", "bocongan_2024", "--base-url", portal.base_url)
    result = run_cli(*check, "--articles", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "title" in result.stdout and "published_at" in result.stdout and "OK" in result.stdout
    portal.portal.markup_changed = True
    result = run_cli(*check, "--articles", "1")
    assert result.returncode == 1 and "profile does not read" in result.stdout


def test_since_and_max_pages_bound_the_walk(portal, tmp_path):
    code, bounded = crawl(portal, tmp_path / "a.db", "--max-pages", "1")
    categories = portal.portal.profile.categories
    assert code == 0 and bounded["listing_pages"] == len(categories)
    assert bounded["articles_new"] == sum(min(10, len(portal.portal.by_category[c.key])) for c in categories)

    since = "2025-01-01"
    code, recent = crawl(portal, tmp_path / "b.db", "--since", since)
    stored = [r[0] for r in sqlite3.connect(tmp_path / "b.db").execute("select published_at from articles")]
    expected = [e for e in portal.portal.entries if e.published.date().isoformat() >= since and e.dateline]
    assert code == 0 and stored and all(p >= since for p in stored if p)
    assert len([p for p in stored if p]) == len(expected)


def test_an_archive_of_the_old_layout_goes_on_in_the_new_one(seed_file, tmp_path):
    """The portal crawled in its old layout, then after the redesign (the same articles migrated, and newer
    ones): each article once, under the portal's site and its number, whichever URL named it."""
    new = Portal2025(articles=96, with_seed=True)
    db = tmp_path / "archive.db"
    with serving(new.old) as old_site:
        code, first = crawl(old_site, db, "--backfill", "--site", "bocongan_2024")
    assert code == 0 and first["articles_new"] == len(new.old.entries)
    with serving(new) as new_site:
        code, second = crawl(new_site, db, "--backfill", "--site", "bocongan")
    assert code == 0, second["alarms"]
    assert second["articles_new"] == len(new.entries) - len(new.old.entries)
    rows = sqlite3.connect(db).execute("select site, id from articles").fetchall()
    assert {site for site, _ in rows} == {"bocongan"} and len(rows) == len(new.entries)
    assert {key for _, key in rows} == {
        f"bocongan-t{e.id}" if e.old_path else f"bocongan-n{e.path.rsplit('-', 1)[1]}" for e in new.entries
    }
