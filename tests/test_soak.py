"""Soak: a crawl of a 5,000-article replica whose server fails 10% of its pages in every way we know.

The crawl must end with every article stored exactly once and intact, the failures counted by kind in
crawl_runs (checked against what the replica injected), the status honest, and the next run recovering what the
faults hid. `make soak` runs a larger one (SOAK_ARTICLES) and writes the figures to bench/results-soak.json.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from crawler.replica.faults import FaultPlan
from crawler.replica.portal import ReplicaPortal
from crawler.replica.server import ReplicaServer
from crawler.run import EXIT_DEGRADED, EXIT_OK
from tests.conftest import last_json_line, run_cli

ARTICLES = int(os.environ.get("SOAK_ARTICLES", "5000"))
RATE = float(os.environ.get("SOAK_FAULT_RATE", "0.10"))
SEED = int(os.environ.get("SOAK_SEED", "11"))
RESULTS = os.environ.get("SOAK_RESULTS")  # set by `make soak`
MAX_RUNS = 4
TIMEOUT = 2  # the crawl's DOWNLOAD_TIMEOUT here; the replica hangs longer on a "timeout" fault


def crawl(base: str, db: Path) -> tuple[int, dict]:
    result = run_cli(
        "crawl", "--base-url", base, "--db", str(db), "--log-level", "ERROR",
        "--set", f"DOWNLOAD_TIMEOUT={TIMEOUT}", timeout=3600,
    )  # fmt: skip
    assert result.stdout.strip(), result.stderr[-3000:]
    return result.returncode, last_json_line(result.stdout)


def stored(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select id, url, title, body, published_at from articles")]
    conn.close()
    by_url = {r["url"]: r for r in rows}
    assert len(by_url) == len(rows), "an article stored twice under one URL"
    return by_url


def rows_total(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def wrong_rows(rows: dict[str, dict], truth: dict[str, dict]) -> list:
    """Stored articles that are not a replica article as published: an alias URL, a page cut short."""
    wrong = []
    for url, row in rows.items():
        t = truth.get(url)
        if t is None:
            wrong.append((url, "not an article URL of the portal"))
        elif (row["title"], row["body"], row["published_at"]) != (t["title"], t["body"], t["published_at"]):
            wrong.append((url, "differs from the page as published"))
    return wrong


def test_crawl_under_faults_stores_each_article_once_counts_failures_and_recovers(seed_file, tmp_path):
    categories = ReplicaPortal.profile.categories
    plan = FaultPlan(
        rate=RATE,
        seed=SEED,
        hang_seconds=TIMEOUT + 2,
        trickle_seconds=TIMEOUT / 4,
        duplicate_rate=0.02,
        trap_category=categories[3].key,
    )
    server = ReplicaServer(ReplicaPortal(articles=ARTICLES, with_seed=True), faults=plan)
    server.start_background()
    db = tmp_path / "archive.db"
    try:
        truth = {t["url"]: t for t in server.portal.truth(server.base_url)}
        started = time.monotonic()
        code, first = crawl(server.base_url, db)
        injected = dict(plan.injected)
        rows = stored(db)

        # Run 1: faults hid articles; the status says so, and what it stored is right.
        assert (first["status"], code) == ("degraded", EXIT_DEGRADED), first["alarms"]
        failures = first["failures"]
        assert sum(failures["lost"].values()) > 0
        assert wrong_rows(rows, truth) == []
        assert len(rows) == first["articles_new"] < len(truth)
        # Failures by kind, as the crawl counted them, against what the replica injected.
        attempts = failures["attempts"]
        injected_500 = injected.get("http_500", 0) + 1  # and the replica's own page that fails once
        assert attempts.get("http_500", 0) == injected_500
        for kind in ("http_502", "http_503", "timeout"):
            assert attempts.get(kind, 0) == injected.get(kind, 0), kind
        assert attempts.get("truncated", 0) == injected.get("truncated", 0) + injected.get("wrong_length", 0)
        assert failures["lost"].get("redirect_loop", 0) == injected.get("redirect_loop", 0)
        assert injected.get("duplicate_url", 0) > 0 and injected.get("redirect_chain", 0) > 0
        conn = sqlite3.connect(db)
        recorded = conn.execute("select status, failures from crawl_runs order by id desc limit 1").fetchone()
        conn.close()
        assert (recorded[0], json.loads(recorded[1])) == ("degraded", failures)

        # Reruns (resume mode after a degraded run) recover what the faults hid, still under faults.
        runs = [first]
        while runs[-1]["status"] != "ok" and len(runs) < MAX_RUNS:
            code, summary = crawl(server.base_url, db)
            assert code in (EXIT_OK, EXIT_DEGRADED), summary["alarms"]
            assert summary["mode"] == "resume"
            runs.append(summary)
        final = stored(db)
        assert runs[-1]["status"] == "ok", [r["alarms"] for r in runs]
        assert sorted(final) == sorted(truth) and rows_total(db) == len(truth)
        assert wrong_rows(final, truth) == []
        assert (
            sum(r["failures"]["limits"].get("listing_repeats", 0) for r in runs) >= 1
        )  # the endless listing
        figures = {
            "articles": ARTICLES,
            "fault_rate": RATE,
            "seed": SEED,
            "faults_injected": dict(sorted(plan.injected.items())),
            "faults_injected_in_run_1": dict(sorted(injected.items())),
            "run_1": {"stored": len(rows), "lost": failures["lost"], "attempts": attempts},
            "recovered_on_rerun": len(final) - len(rows),
            "runs_until_ok": len(runs),
            "stored_finally": len(final),
            "duplicates": rows_total(db) - len(set(final) & set(truth)),
            "seconds": round(time.monotonic() - started, 1),
        }
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        if RESULTS:
            Path(RESULTS).write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    finally:
        server.shutdown()
        server.server_close()
