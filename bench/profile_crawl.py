"""Where a crawl's time goes: cProfile of `crawl --backfill` on a replica (BENCH_ARTICLES, default 3000),
summed by part, with extraction in the crawl process (--extract-workers 0) so that it shows.
`make bench-profile` prints it and writes the "crawl_profile" part of bench/results.json."""

from __future__ import annotations

import json
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from crawl import free_port

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("results.json")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "3000"))
PARTS = {  # function (file suffix, name) whose cumulative time is one part of the crawl
    "spider callback parse_article": ("spiders/portal.py", "parse_article"),
    "article fields and entities": ("extract/article.py", "extract_article"),
    "entities": ("extract/article.py", "add_entities"),
    "listing pages": ("spiders/portal.py", "parse_listing"),
    "pipelines": ("crawler/pipelines.py", "process_item"),
    "archive writes": ("crawler/archive.py", "upsert_articles"),
    "page store writes": ("crawler/pages.py", "add_many"),
}


def main() -> int:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler", "replica", "--articles", str(ARTICLES), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    server.stdout.readline()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            profile = Path(tmp) / "crawl.prof"
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "crawler", "crawl", "--backfill", "--site", "bocongan_2024",
                 "--base-url", f"http://127.0.0.1:{port}", "--db", str(Path(tmp) / "archive.db"), "--log-level", "ERROR",
                 "--extract-workers", "0"],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            stats = pstats.Stats(str(profile))
    finally:
        server.terminate()
        server.wait(10)
    total = stats.total_tt
    shares = {}
    for part, (suffix, name) in PARTS.items():
        cumulative = max(
            (
                ct
                for (path, _, fn), (_, _, _, ct, _) in stats.stats.items()
                if fn == name and path.endswith(suffix)
            ),
            default=0.0,
        )
        shares[part] = round(cumulative / total, 3)
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results["crawl_profile"] = {
        "articles": ARTICLES,
        "profiled_seconds": round(total, 1),
        "share_of_time": shares,
    }
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"cProfile of a backfill crawl of {ARTICLES} replica articles ({total:.1f} s profiled)")
    for part, share in shares.items():
        print(f"  {share * 100:5.1f}%  {part}")
    print("  (the rest: Scrapy and Twisted — scheduling, downloading, middlewares)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
