"""End to end: the replica crawled over HTTP by `python -m crawler crawl` into a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlsplit

import pytest
import sqlite_utils

from crawler.archive import Archive
from crawler.extract.urls import article_key
from crawler.sites import get_profile
from tests.conftest import last_json_line, run_cli

FIELDS = ("title", "published_at", "lead", "body", "category", "source")


def rows_by_url(db) -> dict[str, dict]:
    return {row["url"]: row for row in sqlite_utils.Database(db)["articles"].rows}


def test_every_article_stored_once_and_matching_the_truth(crawled):
    rows = rows_by_url(crawled.db)
    assert len(rows) == len(crawled.truth) == sqlite_utils.Database(crawled.db)["articles"].count
    mismatches = []
    for truth in crawled.truth:
        row = rows.get(truth["url"])
        if row is None:
            mismatches.append((truth["path"], "missing"))
            continue
        for field in FIELDS:
            if row[field] != truth[field]:
                mismatches.append((truth["path"], field, row[field], truth[field]))
        if json.loads(row["captions"]) != truth["captions"]:
            mismatches.append((truth["path"], "captions"))
    assert mismatches == []


def test_the_crawl_log_keeps_the_chosen_level_and_no_page_content(crawled):
    log = crawled.db.with_name(crawled.db.stem + ".crawl.log").read_text(encoding="utf-8")
    assert "no publication date" in log  # a warning: the level chosen (WARNING) is logged
    assert " DEBUG: " not in log and " INFO: " not in log  # Scrapy's own loggers obey it too
    assert "DOCTYPE" not in log


def test_tracking_duplicate_is_stored_once(crawled):
    entry = next(t for t in crawled.truth if t["quirk"] == "tracking_link")
    key = article_key("bocongan", entry["url"], get_profile("bocongan").article_path)
    db = sqlite_utils.Database(crawled.db)
    assert db.execute("select count(*) from articles where id = ?", [key]).fetchone()[0] == 1
    assert db.execute("select count(*) from articles where url like '%utm_%'").fetchone()[0] == 0


def test_errors_are_counted_not_stored(crawled):
    summary = crawled.summary
    assert summary["responses"]["404"] == 1  # the removed article linked from a listing
    assert summary["responses"]["500"] == 1  # the page that fails once, then succeeds on retry
    assert summary["errors"]["http"] == 2
    assert summary["errors"]["extract_failed"] == 1  # an error page answered with 200
    assert summary["errors_total"] == 3
    assert summary["robots_forbidden"] == 1
    assert summary["articles_new"] == len(crawled.truth)
    assert summary["missing_date"] == 1
    db = sqlite_utils.Database(crawled.db)
    for path in (crawled.server.portal.missing_path, crawled.server.portal.broken_path):
        assert db.execute("select count(*) from articles where url like ?", ["%" + path]).fetchone()[0] == 0
    assert [r["title"] for r in db.query("select title from articles where published_at is null")] == [
        t["title"] for t in crawled.truth if t["published_at"] is None
    ]


def test_archive_is_wal_indexed_and_searchable(crawled):
    conn = sqlite3.connect(crawled.db)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    indexes = {row[1] for row in conn.execute("pragma index_list(articles)")}
    assert {"idx_articles_newest", "idx_articles_site", "idx_articles_category"} <= indexes
    fts = conn.execute("select count(*) from articles_fts").fetchone()[0]
    assert fts == len(crawled.truth)
    # The FTS index answers from the same rows the table holds (kept in sync by triggers).
    assert (
        conn.execute(
            "select count(*) from articles where rowid in (select rowid from articles_fts where articles_fts match 'Hùng')"
        ).fetchone()[0]
        >= 1
    )


def test_nightly_run_on_an_unchanged_replica_changes_no_row_and_costs_a_request_per_category(crawled):
    before = list(sqlite_utils.Database(crawled.db).query("select * from articles order by id"))
    result = run_cli(
        "crawl", "--base-url", crawled.server.base_url, "--db", str(crawled.db), "--log-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = last_json_line(result.stdout)
    after = list(sqlite_utils.Database(crawled.db).query("select * from articles order by id"))
    assert after == before
    assert summary["mode"] == "incremental" and summary["status"] == "ok"
    assert summary["articles_new"] == 0 and summary["articles_updated"] == 0
    # robots.txt plus the first listing page of each category; the dead links found before are not retried.
    categories = len(crawled.server.portal.profile.categories)
    assert summary["requests"] == categories + 1
    run = sqlite_utils.Database(crawled.db)["crawl_runs"].get(summary["run_id"])
    assert run["status"] == "ok" and run["requests"] == categories + 1 and run["exit_code"] == 0


@pytest.mark.parametrize("batch", ["20", "500"], ids=["mid-crawl", "last batch"])
def test_a_failing_archive_write_stops_the_crawl_and_the_next_run_completes(seed_file, tmp_path, batch):
    """SQLite's own error path (a trigger that aborts, as a full disk would) in a batch written mid-crawl, or in
    the last one, written as the spider closes; then a clean rerun."""
    from tests.conftest import start_replica

    server = start_replica()
    try:
        db = tmp_path / "archive.db"
        Archive(db).close()
        seed_title = next(e.title for e in server.portal.entries if e.is_seed)
        conn = sqlite3.connect(db)
        conn.execute(
            "create trigger refuse before insert on articles when new.title = ? "
            "begin select raise(abort, 'simulated write failure'); end".replace("?", "'" + seed_title + "'")
        )
        conn.commit()
        conn.close()
        first = run_cli(
            "crawl", "--base-url", server.base_url, "--db", str(db), "--log-level", "ERROR",
            "--set", f"ARCHIVE_BATCH_SIZE={batch}",
        )  # fmt: skip
        summary = last_json_line(first.stdout)
        assert first.returncode == 4, first.stderr[-2000:]
        assert summary["status"] == "failed" and summary["finish_reason"] == "archive_error"
        assert summary["errors"]["archive_write"] == 1
        assert "archive write failed" in first.stderr
        conn = sqlite3.connect(db)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        assert stored < len(server.portal.entries)  # the refused batch was rolled back whole
        conn.execute("drop trigger refuse")
        conn.commit()
        conn.close()
        second = run_cli("crawl", "--base-url", server.base_url, "--db", str(db), "--log-level", "ERROR")
        assert second.returncode == 0, second.stderr[-2000:]
        summary = last_json_line(second.stdout)
        assert summary["mode"] == "resume"  # the last run failed: walk every listing again
        assert summary["articles_new"] == len(server.portal.entries) - stored
        assert sqlite_utils.Database(db)["articles"].count == len(server.portal.entries)
    finally:
        server.shutdown()
        server.server_close()


def test_extraction_in_the_crawl_process_stores_what_the_workers_stored(crawled, tmp_path):
    """The `crawled` archive was extracted by worker processes (the default on loopback); --extract-workers 0
    extracts in the crawl process: the same rows either way."""
    from tests.conftest import start_replica

    server = start_replica()
    try:
        db = tmp_path / "inline.db"
        result = run_cli(
            "crawl", "--backfill", "--base-url", server.base_url, "--db", str(db),
            "--log-level", "WARNING", "--extract-workers", "0",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        server.shutdown()
        server.server_close()
    columns = "id, title, published_at, lead, body, captions, people, provinces_now, organisations, documents"

    def rows(path, base_url):
        port = str(urlsplit(base_url).port)  # the two replicas ran on different ports
        conn = sqlite3.connect(path)
        found = conn.execute(f"select {columns} from articles order by id").fetchall()
        conn.close()
        return [tuple(str(v).replace(port, "PORT") for v in row) for row in found]

    expected = rows(crawled.db, crawled.server.base_url)
    assert rows(db, server.base_url) == expected and len(expected) > 300
