"""Crawl throughput on a replica served by its own process on 127.0.0.1, politeness off, against a bare
Scrapy spider fetching the same pages (the ceiling here): pages per second, CPU seconds per 1,000 pages,
peak RSS. `make bench-crawl` (BENCH_ARTICLES, default 20000) writes the "crawl" part of bench/results.json.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler import settings as project_settings
from crawler.settings import fast_settings

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("results.json")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "20000"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measured(command: list[str], cwd: Path = ROOT) -> tuple[float, float, float, str]:
    """Run a command; wall seconds, CPU seconds and peak RSS (MB) of that process alone, and its stdout."""
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.monotonic() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler", "replica", "--articles", str(ARTICLES), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    server.stdout.readline()  # "replica portal with N articles at …": it is listening
    results: dict = {"articles": ARTICLES}
    try:
        # The bare spider gets the Scrapy tuning the project uses too, so the ceiling is as high as it goes.
        tuning = {k: getattr(project_settings, k) for k in ("CONCURRENT_ITEMS", "WARN_ON_GENERATOR_RETURN_VALUE")}
        settings = [f"-s{k}={v}" for k, v in (fast_settings() | tuning).items()] + [
            "-sLOG_LEVEL=WARNING",
            "-sTELNETCONSOLE_ENABLED=False",
        ]
        with tempfile.TemporaryDirectory() as tmp:
            # Run outside the project folder: no scrapy.cfg, so none of the project's pipelines or middlewares.
            wall, cpu, rss, _ = measured(
                [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py"),
                 "-a", f"base_url={base}", *settings],
                cwd=Path(tmp),
            )  # fmt: skip
            results["bare_spider"] = {
                "seconds": round(wall, 1),
                "cpu_seconds": round(cpu, 1),
                "peak_rss_mb": round(rss),
            }
            db = Path(tmp) / "archive.db"
            wall, cpu, rss, out = measured(
                [sys.executable, "-m", "crawler", "crawl", "--backfill", "--base-url", base, "--db", str(db), "--log-level", "WARNING"]
            )  # fmt: skip
            summary = json.loads(out.strip().splitlines()[-1])
            stored = summary["articles_new"]
            pages = summary["requests"]
            results["archive_crawl"] = {
                "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(rss),
                "requests": pages, "articles_stored": stored,
                "article_pages_per_second": round(stored / summary["seconds"], 1),
                "cpu_seconds_per_1000_pages": round(cpu / pages * 1000, 2),
            }  # fmt: skip
            bare = results["bare_spider"]
            bare["pages_per_second"] = round(pages / bare["seconds"], 1)
            results["share_of_bare_rate"] = round((pages / wall) / bare["pages_per_second"], 2)
    finally:
        server.terminate()
        server.wait(10)
    all_results = json.loads(OUT.read_text()) if OUT.exists() else {}
    all_results["crawl"] = results
    OUT.write_text(json.dumps(all_results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    crawl, bare = results["archive_crawl"], results["bare_spider"]
    print(f"replica of {ARTICLES} articles on 127.0.0.1 (its own process), politeness off")
    print(f"{'':22} {'seconds':>8} {'pages/s':>8} {'cpu s/1k':>9} {'peak RSS MB':>12}")
    print(
        f"{'bare Scrapy spider':22} {bare['seconds']:8} {bare['pages_per_second']:8} {round(bare['cpu_seconds'] / crawl['requests'] * 1000, 2):9} {bare['peak_rss_mb']:12}"
    )
    print(
        f"{'archive crawl':22} {crawl['seconds']:8} {round(crawl['requests'] / crawl['seconds'], 1):8} {crawl['cpu_seconds_per_1000_pages']:9} {crawl['peak_rss_mb']:12}"
    )
    print(
        f"article pages stored per second: {crawl['article_pages_per_second']}; share of the bare rate: {results['share_of_bare_rate']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
