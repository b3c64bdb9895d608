"""How the archive behaves at 10k, 100k and 1M articles: `make bench-scale` prints a table and writes
bench/results-scale.json.

For each size (BENCH_SCALE_SIZES, default 10000,100000,1000000) it builds a synthetic archive
(bench/synthetic.py) through the real `Archive.upsert_articles` in batches of ARCHIVE_BATCH_SIZE, newest first, as
the crawl's pipeline stores a fast backfill, and records articles per second spent in `upsert_articles` and bytes per article;
then starts Datasette as `python -m crawler serve` does and times 22 requests a researcher makes
(BENCH_SCALE_RUNS runs each after one warm-up, median per request; p50/p95 over the requests).

"after" is the project as it is now, served the way a published copy is (`serve --immutable`);
BENCH_SCALE_VARIANTS=before,after adds "before": the settings and canned queries as they were before
issue 6 (the old query text put back) over the same archive. Archives are cached in bench/.cache/ by size,
variant and generator version, so a rerun only measures.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import timing

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from crawler import settings  # noqa: E402
from crawler.archive import Archive  # noqa: E402

CACHE = Path(__file__).with_name(".cache")
OUT = Path(__file__).with_name("results-scale.json")
SIZES = [int(s) for s in os.environ.get("BENCH_SCALE_SIZES", "10000,100000,1000000").split(",") if s]
RUNS = int(os.environ.get("BENCH_SCALE_RUNS", "5"))
VARIANTS = os.environ.get("BENCH_SCALE_VARIANTS", "after").split(",")
BATCH = settings.ARCHIVE_BATCH_SIZE  # as the crawl's pipeline writes a fast crawl
# 2: article numbers rise with the publication day, as the portal's do (bench/synthetic.py portal_number)
GENERATOR_VERSION = 2
# 2: short columns before long text in `articles`; 3: rowids are publication times, one-column full-text
# index, month counts, articles stored newest first as a backfill crawl stores them
SCHEMA_VERSION = 3


def build(size: int, variant: str) -> dict:
    """The cached archive of this size and variant, built if missing; returns its build figures."""
    folder = archive_dir(size, variant)
    done = folder / "build.json"
    if done.exists():
        if variant != "before":  # what `serve` does first: a cached archive gets this version's indexes
            Archive(folder / "archive.db").close()
        return json.loads(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "archive.db"
    archive = Archive(db)
    if variant == "before" and BEFORE_DROP:
        strip_to_before(archive.db.conn)
    spent, stored = 0.0, 0
    started = time.perf_counter()
    chunks = synthetic.newest_first(size)
    # Articles are made in a worker process while this one stores them; only upsert_articles is timed.
    with multiprocessing.get_context("fork").Pool(1) as pool:
        for records in pool.imap(synthetic.articles, chunks, chunksize=1):
            for i in range(0, len(records), BATCH):
                t = time.perf_counter()
                stored += archive.upsert_articles(records[i : i + BATCH]).new
                spent += time.perf_counter() - t
            if stored % 100_000 == 0:
                print(f"  {variant} {size}: {stored} stored, {stored / spent:,.0f}/s", flush=True)
    wall = time.perf_counter() - started
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    figures = {
        "articles": stored,
        "ingest_seconds": round(spent, 1),
        "ingest_articles_per_second": round(stored / spent),
        "build_wall_seconds": round(wall, 1),
        "bytes": db.stat().st_size,
        "bytes_per_article": round(db.stat().st_size / stored),
    }
    done.write_text(json.dumps(figures, indent=2))
    return figures


def archive_dir(size: int, variant: str) -> Path:
    """Where an archive is cached; both variants share one while issue 6 changes no schema."""
    schema = "before" if variant == "before" and BEFORE_DROP else "current"
    return CACHE / f"{size}-{schema}-s{SCHEMA_VERSION}-g{GENERATOR_VERSION}"


def strip_to_before(conn: sqlite3.Connection) -> None:
    """Drop what issue 6 added to the schema, leaving the archive as the earlier code made it."""
    for sql in BEFORE_DROP:
        conn.execute(sql)
    conn.commit()


# Schema additions to drop for "before": none so far (issue 6 changed settings, queries and the plugin).
BEFORE_DROP: list[str] = []
# Canned queries whose text issue 6 changed, as they were before (the "before" variant serves these).
BEFORE_QUERIES: dict[str, str] = {
    "search": "select a.id, a.published_at, a.title, a.category, a.site, a.url\n"
    "from articles_fts join articles a on a.rowid = articles_fts.rowid\n"
    "where articles_fts match vn_query(:q)\norder by rank\nlimit 500",
}
BEFORE_FACETS: list | None = ["site", "category", "published_year", {"array": "provinces_now"}]


def samples(db: Path, size: int) -> dict:
    """Request values that exist in this archive: the most-named person, a rarely named one, an article."""
    pool = synthetic.pools()
    conn = sqlite3.connect(db)
    count = "select count(*) from article_people where person = ?"
    # The pool rank where a name is expected in about three articles at this size, then the first one found.
    picks = 2.3 * size
    rank = next(
        (i for i in range(len(pool.people)) if picks / ((i + 1) ** 1.05 * 11.5) < 3), len(pool.people) - 1
    )
    rare = next(p[0] for p in pool.people[rank::-1] if conn.execute(count, [p[0]]).fetchone()[0])
    row_id = conn.execute("select id from articles order by rowid limit 1 offset ?", [size // 2]).fetchone()[0]
    conn.close()
    return {"common_person": pool.people[0][0], "rare_person": rare, "row_id": row_id}


def requests(s: dict, variant: str) -> list[tuple[str, str, str]]:
    """The 22 requests: (kind, label, path). Kinds: search, facet (entity and facet pages), browse.

    The person facet is Datasette's `_facet_array` before and the plugin's `_facet_names` after."""
    q = quote
    array = "array" if variant == "before" else "names"
    rare = s["rare_person"]
    return [
        ("search", "table search, accent-free: da nang", f"/archive/articles?_search={q('da nang')}"),
        ("search", "table search, accented: Đà Nẵng", f"/archive/articles?_search={q('Đà Nẵng')}"),
        ("search", 'table search, phrase: "Hồ Chí Minh"', f"/archive/articles?_search={q(chr(34) + 'Hồ Chí Minh' + chr(34))}"),
        ("search", "table search, rare name", f"/archive/articles?_search={q(rare)}"),
        ("search", "search query, accent-free: da nang", f"/archive/search?q={q('da nang')}"),
        ("search", "search query, accented: Đà Nẵng", f"/archive/search?q={q('Đà Nẵng')}"),
        ("search", 'search query, phrase and word: "Hồ Chí Minh" ma túy', f"/archive/search?q={q(chr(34) + 'Hồ Chí Minh' + chr(34) + ' ma túy')}"),
        ("search", "search query, common word: công an", f"/archive/search?q={q('công an')}"),
        ("search", "search query, rare name", f"/archive/search?q={q(rare)}"),
        ("search", "search page, one month: công an", f"/archive/search?q={q('cong an')}&from=2020-01-01&to=2020-01-31"),
        ("search", "table search, one month: công an", "/archive/articles?published_at__gte=2020-01-01&published_at__lt=2020-02-01&_search=cong+an"),
        ("search", "search query, seven words", f"/archive/search?q={q('bắt giữ đối tượng ma túy đá')}"),
        ("search", "search query as JSON: tín dụng đen", f"/archive/search.json?_shape=objects&q={q('tín dụng đen')}"),
        ("facet", "person page, most named", f"/archive/person_articles?name={q(s['common_person'])}"),
        ("facet", "person page, rare", f"/archive/person_articles?name={q(rare)}"),
        ("facet", "province page: Đà Nẵng", f"/archive/province_articles?province={q('Đà Nẵng')}"),
        ("facet", "search with person facet", f"/archive/articles?_search={q('lừa đảo qua mạng')}&_facet_{array}=people"),
        ("facet", "province facet selected: Hà Nội", f"/archive/articles?provinces_now__arraycontains={q('Hà Nội')}"),
        ("facet", "top people in a quarter", "/archive/top_people?since=2024-01-01&until=2024-03-31"),
        ("browse", "table first page, facets and count", "/archive/articles"),
        ("browse", "date range: 2024 Q1", "/archive/articles?published_at__gte=2024-01-01&published_at__lt=2024-04-01"),
        ("browse", "row page", f"/archive/articles/{q(s['row_id'])}"),
    ]  # fmt: skip


def more_requests(variant: str) -> list[tuple[str, str, str]]:
    """Requests measured beside the 22 but not in their percentiles: filters on a column, and a count on
    request (a reader asks for it and waits)."""
    if variant == "before":
        return []
    q = quote
    return [
        ("more", "table: a site", "/archive/articles?site=bocongan"),
        ("more", "table: a province and a site", f"/archive/articles?provinces_now__arraycontains={q('Hà Nội')}&site=bocongan"),
        ("more", "table search counted on request: da nang", f"/archive/articles?_search={q('da nang')}&_count=1"),
        ("more", "province selected, counted on request", f"/archive/articles?provinces_now__arraycontains={q('Hà Nội')}&_count=1"),
    ]  # fmt: skip


def get(url: str) -> tuple[int, float]:
    """Status and milliseconds to read the whole response."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        err.read()
        status = err.code
    return status, (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path, variant: str) -> tuple[subprocess.Popen, str, float]:
    """Datasette on db as `python -m crawler serve` starts it ("after": with --immutable), and the
    seconds it took to answer."""
    from crawler.cli import datasette_command

    port = free_port()
    started = time.perf_counter()
    if variant == "before":
        cmd = datasette_command(str(db), port)
        meta_at = cmd.index("--metadata") + 1
        cmd[meta_at] = str(before_metadata(Path(cmd[meta_at])))
    else:
        cmd = datasette_command(str(db), port, immutable=True)
    proc = subprocess.Popen(
        ["nice", "-n", "10", *cmd], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    while proc.poll() is None:
        try:
            if get(base + "/-/versions.json")[0] == 200:
                return proc, base, time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"datasette exited with {proc.returncode}")


def before_metadata(path: Path) -> Path:
    """The metadata as it was before issue 6: the old canned query text and table facets."""
    meta = json.loads(path.read_text(encoding="utf-8"))
    db = meta["databases"]["archive"]
    for name, sql in BEFORE_QUERIES.items():
        db["queries"][name]["sql"] = sql
    if BEFORE_FACETS is not None:
        db["tables"]["articles"]["facets"] = BEFORE_FACETS
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return path


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(db: Path, variant: str, s: dict) -> dict:
    """Each request once to warm the cache, then RUNS times; the median per request and p50/p95 per kind."""
    proc, base, start_seconds = serve(db, variant)
    try:
        rows = []
        for kind, label, path in requests(s, variant) + more_requests(variant):
            get(base + path)
            runs = [get(base + path) for _ in range(RUNS)]
            ms = [t for _, t in runs]
            rows.append({"kind": kind, "request": label, "path": path, "status": runs[-1][0],
                         "median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)})  # fmt: skip
            print(
                f"    {variant:6} {rows[-1]['median_ms']:9.1f} ms  {rows[-1]['status']}  {label}", flush=True
            )
    finally:
        proc.terminate()
        proc.wait(30)
    summary = {}
    for kind in ("search", "facet", "browse", "all"):
        values = [r["median_ms"] for r in rows if kind in (r["kind"], "all") and r["kind"] != "more"]
        summary[kind] = {
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
        }
    return {"start_seconds": round(start_seconds, 1), "summary": summary, "requests": rows}


def machine() -> dict:
    return timing.machine() | {"runs_per_request": RUNS}


def table(results: dict) -> str:
    """The figures side by side, one column per size and variant."""
    cols = [(size, v) for size in results["sizes"] for v in results["sizes"][size]]
    head = ["measure"] + [f"{int(size):,} {v}" for size, v in cols]
    lines = []

    def line(label, fn):
        lines.append([label] + [fn(results["sizes"][size][v]) for size, v in cols])

    line("ingest articles/s", lambda r: f"{r['build']['ingest_articles_per_second']:,}")
    line("bytes per article", lambda r: f"{r['build']['bytes_per_article']:,}")
    for kind in ("search", "facet", "browse", "all"):
        for p in ("p50", "p95"):
            line(f"{kind} {p} ms", lambda r, k=kind, p=p: f"{r['http']['summary'][k][p + '_ms']:,.0f}")
    labels = list(dict.fromkeys(x["request"] for size, v in cols for x in results["sizes"][size][v]["http"]["requests"]))

    def median(r: dict, label: str) -> str:
        found = [x["median_ms"] for x in r["http"]["requests"] if x["request"] == label]
        return f"{found[0]:,.0f}" if found else "-"

    for label in labels:
        line(f"  {label}", lambda r, label=label: median(r, label))
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]

    def fmt(row):
        return " | ".join(
            str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(row)
        )

    return "\n".join([fmt(head), "-+-".join("-" * w for w in widths), *map(fmt, lines)])


def main() -> int:
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results["machine"] = machine()
    results.setdefault("sizes", {})
    for size in SIZES:
        entry = results["sizes"].setdefault(str(size), {})
        for variant in VARIANTS:
            print(f"{size:,} articles, {variant}", flush=True)
            figures = build(size, variant)
            db = archive_dir(size, variant) / "archive.db"
            entry[variant] = {"build": figures, "http": measure(db, variant, samples(db, size))}
            OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
