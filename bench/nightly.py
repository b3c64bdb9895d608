"""Nightly cost and re-extraction speed on a replica: `make bench-nightly` prints them and writes
bench/results-nightly.json.

Figures: requests of a first full crawl, of a nightly run on the unchanged portal, of one after new
articles (BENCH_NEW, default 50) on a replica of BENCH_ARTICLES (default 20,000), and the seconds
`reextract` takes per 1,000 stored pages (median of 3 runs).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import machine

from crawler.replica.portal import ReplicaPortal
from crawler.replica.server import ReplicaServer

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("results-nightly.json")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "20000"))
NEW = int(os.environ.get("BENCH_NEW", "50"))


def cli(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if not result.stdout.strip():
        raise SystemExit(f"crawler {' '.join(args)} printed nothing: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    server = ReplicaServer(ReplicaPortal(articles=ARTICLES, with_seed=False))
    server.start_background()
    results: dict = {
        "machine": machine(),
        "articles": ARTICLES,
    }
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "archive.db")
        base = ["crawl", "--site", "bocongan_2024", "--base-url", server.base_url, "--db", db, "--log-level", "WARNING"]
        first = cli(*base, "--backfill")
        unchanged = cli(*base)
        server.portal.publish(NEW)
        with_new = cli(*base)
        results["crawl"] = {
            "first_full_crawl": {k: first[k] for k in ("requests", "articles_new", "seconds")},
            "nightly_unchanged": {k: unchanged[k] for k in ("requests", "articles_new", "seconds", "status")},
            f"nightly_{NEW}_new": {k: with_new[k] for k in ("requests", "articles_new", "seconds", "status")},
            "categories": len(server.portal.profile.categories),
        }
        runs = [cli("reextract", "--db", db) for _ in range(3)]
        results["reextract"] = {
            "pages": runs[0]["articles"],
            "seconds_per_1000_pages": statistics.median(r["seconds_per_1000"] for r in runs),
        }
    server.shutdown()
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    crawl = results["crawl"]
    print(f"replica of {ARTICLES} articles, {crawl['categories']} categories")
    for name in ("first_full_crawl", "nightly_unchanged", f"nightly_{NEW}_new"):
        row = crawl[name]
        print(
            f"{name:18} requests {row['requests']:6}  new {row['articles_new']:5}  seconds {row['seconds']}"
        )
    print(f"reextract: {results['reextract']['seconds_per_1000_pages']} s per 1,000 stored pages")
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
