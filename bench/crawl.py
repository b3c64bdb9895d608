"""Crawl throughput on a replica served by its own process on 127.0.0.1, politeness off, against a bare
Scrapy spider fetching the same pages (the ceiling here): pages per second, CPU seconds per 1,000 pages,
peak RSS. `make bench-crawl` (BENCH_ARTICLES, default 20000) writes the "crawl" part of bench/results.json.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from scale import archive_dir
from timing import machine

from crawler import settings as project_settings
from crawler.extract.urls import article_key
from crawler.settings import fast_settings
from crawler.sites import get_profile

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("results.json")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "20000"))
RUNS = int(os.environ.get("BENCH_CRAWL_RUNS", "3"))  # rounds of (bare spider, our crawl); medians reported
# An archive to crawl into as well (a copy of it), to show the crawl's rate and memory do not depend on the
# archive's size: by default the 100k synthetic archive of `make bench-scale`, when it has been built.
PREFILLED = Path(os.environ.get("BENCH_CRAWL_PREFILLED", archive_dir(100_000, "after") / "archive.db"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TreeSampler(threading.Thread):
    """Samples a process's descendants (extraction workers) from /proc: their CPU seconds and the peak
    RSS of the whole tree, which wait4 does not report for grandchildren."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.cpu: dict[int, float] = {}
        self.peak_tree_rss_mb = 0.0

    @staticmethod
    def _stat(pid: int) -> tuple[int, float, float] | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        tick, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / tick, int(fields[21]) * page / 2**20

    def run(self) -> None:
        while not self.stop.wait(0.25):
            stats = {
                int(d.name): self._stat(int(d.name)) for d in Path("/proc").iterdir() if d.name.isdigit()
            }
            children: dict[int, list[int]] = {}
            for pid, st in stats.items():
                if st:
                    children.setdefault(st[0], []).append(pid)
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(children.get(pid, []))
            self.peak_tree_rss_mb = max(self.peak_tree_rss_mb, sum(stats[p][2] for p in tree if stats.get(p)))
            for pid in tree[1:]:
                if stats.get(pid):
                    self.cpu[pid] = stats[pid][1]


def measured(command: list[str], cwd: Path = ROOT) -> dict:
    """Run a command: wall seconds, CPU seconds and peak RSS (MB) of the process, CPU seconds of its
    descendants (extraction workers), peak RSS of the whole process tree, and its stdout."""
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    sampler.stop.set()
    sampler.join()
    return {
        "wall": time.monotonic() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "workers_cpu": sum(sampler.cpu.values()),
        "tree_rss": max(sampler.peak_tree_rss_mb, usage.ru_maxrss / 1024),
        "out": out,
    }


def clear_replica_keys(db: Path, base: str) -> int:
    """Remove from a copied synthetic archive any article key the replica also uses, so every replica
    article is new to it; returns the articles left."""
    truth = json.loads(urllib.request.urlopen(f"{base}/_replica/truth.json").read())
    profile = get_profile("bocongan_2024")
    keys = [[article_key(profile.name, t["url"], profile.article_path)] for t in truth]
    conn = sqlite3.connect(db)
    with conn:
        for table in ("article_people", "article_places", "article_organisations", "article_documents"):
            conn.executemany(f"delete from {table} where article_id = ?", keys)
        conn.executemany("delete from articles where id = ?", keys)
    left = conn.execute("select count(*) from articles").fetchone()[0]
    conn.close()
    return left


def our_crawl(base: str, db: Path) -> dict:
    """Our crawl of the replica into db: its figures, from its own summary line and the process tree."""
    run = measured(
        [sys.executable, "-m", "crawler", "crawl", "--backfill", "--site", "bocongan_2024", "--base-url", base, "--db", str(db), "--log-level", "WARNING"]
    )  # fmt: skip
    summary = json.loads(run["out"].strip().splitlines()[-1])
    stored, pages = summary["articles_new"], summary["requests"]
    wall, cpu, workers_cpu = run["wall"], run["cpu"], run["workers_cpu"]
    return {
        "seconds": wall, "cpu_seconds": cpu, "peak_rss_mb": run["rss"],
        "workers_cpu_seconds": workers_cpu, "peak_rss_mb_with_workers": run["tree_rss"],
        "requests": pages, "articles_stored": stored,
        "pages_per_second": pages / wall,
        "article_pages_per_second": stored / summary["seconds"],
        "cpu_seconds_per_1000_pages": cpu / pages * 1000,
        "cpu_seconds_per_1000_pages_with_workers": (cpu + workers_cpu) / pages * 1000,
    }  # fmt: skip


def server_cpu(pid: int) -> float:
    """CPU seconds the replica server has used so far."""
    stat = TreeSampler._stat(pid)
    return stat[1] if stat else 0.0


def one_round(base: str, settings: list[str], tmp: Path, server: int) -> dict:
    """The bare spider, then our crawl into a fresh archive, back to back against the same replica; with the
    replica server's CPU seconds per 1,000 pages during each (it shares the machine's cores with the crawl)."""
    # Run outside the project folder: no scrapy.cfg, so none of the project's pipelines or middlewares.
    before = server_cpu(server)
    run = measured(
        [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py"),
         "-a", f"base_url={base}", *settings],
        cwd=tmp,
    )  # fmt: skip
    bare = {"seconds": run["wall"], "cpu_seconds": run["cpu"], "peak_rss_mb": run["rss"]}
    between = server_cpu(server)
    crawl = our_crawl(base, tmp / f"archive-{time.monotonic_ns()}.db")
    pages = crawl["requests"]
    bare["pages_per_second"] = pages / bare["seconds"]
    bare["server_cpu_seconds_per_1000_pages"] = (between - before) / pages * 1000
    crawl["server_cpu_seconds_per_1000_pages"] = (server_cpu(server) - between) / pages * 1000
    return {
        "bare_spider": bare,
        "archive_crawl": crawl,
        "share_of_bare_rate": crawl["pages_per_second"] / bare["pages_per_second"],
    }


def medians(rounds: list[dict], part: str) -> dict:
    return {k: round(statistics.median(r[part][k] for r in rounds), 2) for k in rounds[0][part]}


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler", "replica", "--articles", str(ARTICLES), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    server.stdout.readline()  # "replica portal with N articles at …": it is listening
    try:
        # The bare spider gets the Scrapy tuning the project uses too, so the ceiling is as high as it goes.
        tuning = {
            k: getattr(project_settings, k) for k in ("CONCURRENT_ITEMS", "WARN_ON_GENERATOR_RETURN_VALUE")
        }
        settings = [f"-s{k}={v}" for k, v in (fast_settings() | tuning).items()] + [
            "-sLOG_LEVEL=WARNING",
            "-sTELNETCONSOLE_ENABLED=False",
        ]
        with tempfile.TemporaryDirectory() as tmp:
            rounds = [one_round(base, settings, Path(tmp), server.pid) for _ in range(RUNS)]
            into = None
            if PREFILLED.exists():
                copy = Path(tmp) / "prefilled.db"
                shutil.copyfile(PREFILLED, copy)
                before = clear_replica_keys(copy, base)
                into = our_crawl(base, copy) | {"articles_before": before}
    finally:
        server.terminate()
        server.wait(10)
    results = {
        "articles": ARTICLES,
        "rounds": len(rounds),
        "extract_workers": project_settings.spare_cores(),
        "bare_spider": medians(rounds, "bare_spider"),
        "archive_crawl": medians(rounds, "archive_crawl"),
        "share_of_bare_rate": round(statistics.median(r["share_of_bare_rate"] for r in rounds), 2),
        "share_of_bare_rate_each_round": [round(r["share_of_bare_rate"], 2) for r in rounds],
    }
    # The most pages a second these cores could give if the crawl were CPU-bound: every page costs the
    # server, the crawl process and its extraction workers their CPU seconds, on os.cpu_count() cores.
    per_page = (
        results["archive_crawl"]["cpu_seconds_per_1000_pages_with_workers"]
        + results["archive_crawl"]["server_cpu_seconds_per_1000_pages"]
    ) / 1000
    results["cpu_ceiling_pages_per_second"] = round((os.cpu_count() or 1) / per_page, 1)
    if into is not None:
        results["archive_crawl_into_prefilled"] = {k: round(v, 2) for k, v in into.items()}
    all_results = json.loads(OUT.read_text()) if OUT.exists() else {}
    all_results["crawl"] = results
    all_results["machine"] = machine()
    OUT.write_text(json.dumps(all_results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    crawl, bare = results["archive_crawl"], results["bare_spider"]
    print(
        f"replica of {ARTICLES} articles on 127.0.0.1 (its own process), politeness off; median of {RUNS} rounds"
    )
    print(f"{'':22} {'seconds':>8} {'pages/s':>8} {'cpu s/1k':>9} {'peak RSS MB':>12}")
    print(
        f"{'bare Scrapy spider':22} {bare['seconds']:8} {bare['pages_per_second']:8} {round(bare['cpu_seconds'] / crawl['requests'] * 1000, 2):9} {bare['peak_rss_mb']:12}"
    )
    print(
        f"{'archive crawl':22} {crawl['seconds']:8} {crawl['pages_per_second']:8} {crawl['cpu_seconds_per_1000_pages']:9} {crawl['peak_rss_mb']:12}"
    )
    print(
        f"{'  with its workers':22} {'':8} {'':8} {crawl['cpu_seconds_per_1000_pages_with_workers']:9} {crawl['peak_rss_mb_with_workers']:12}"
    )
    print(
        f"article pages stored per second: {crawl['article_pages_per_second']}; share of the bare rate: {results['share_of_bare_rate']} (each round: {results['share_of_bare_rate_each_round']})"
    )
    print(
        f"replica server CPU s/1k pages: {bare['server_cpu_seconds_per_1000_pages']} serving the bare spider, "
        f"{crawl['server_cpu_seconds_per_1000_pages']} serving the crawl; all CPU of a crawled page on "
        f"{os.cpu_count()} cores allows at most {results['cpu_ceiling_pages_per_second']} pages/s"
    )
    if into is not None:
        label = f"into {into['articles_before']:,} articles"
        print(
            f"{label:22} {into['seconds']:8.1f} {into['pages_per_second']:8.1f} "
            f"{into['cpu_seconds_per_1000_pages']:9.2f} {into['peak_rss_mb']:12.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
