"""Command line: replica, crawl, serve, demo, extract. A thin layer over the package's functions."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
METADATA = PROJECT_ROOT / "datasette_metadata.json"
DEFAULT_DB = "archive.db"


def run_crawl(
    site: str, base_url: str | None, db: str, log_file: str | None = None, log_level: str | None = None
) -> dict:
    """Crawl one site into db in this process and return the run's summary (counts from Scrapy's stats)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.settings import fast_settings, is_loopback

    settings = get_project_settings()
    settings.set("ARCHIVE_DB", db, priority="cmdline")
    if base_url:
        settings.set("SITE_BASE_URL", base_url, priority="cmdline")
        if is_loopback(base_url):
            settings.setdict(fast_settings(), priority="cmdline")
    if log_file:
        settings.set("LOG_FILE", log_file, priority="cmdline")
    if log_level:
        settings.set("LOG_LEVEL", log_level, priority="cmdline")
    process = CrawlerProcess(settings)
    spider_cls = process.spider_loader.load(site)
    crawler = process.create_crawler(spider_cls)
    started = time.monotonic()
    process.crawl(crawler, base_url=base_url)
    process.start()
    return summarise(
        crawler.stats.get_stats(),
        site,
        base_url or spider_cls.profile.base_url,
        db,
        time.monotonic() - started,
    )


def summarise(stats: dict, site: str, base_url: str, db: str, seconds: float) -> dict:
    """One line a cron log or a test can read: what was fetched, stored, and what went wrong, by kind."""
    prefix = "downloader/response_status_count/"
    responses = {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}
    http_errors = sum(v for k, v in responses.items() if int(k) >= 400)
    errors = {
        "http": http_errors,
        # robots.txt refusals are raised as IgnoreRequest in the downloader: a rule obeyed, not an error.
        "download": stats.get("downloader/exception_count", 0)
        - stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0),
        "extract_failed": stats.get("extract/failed", 0),
        "dropped": stats.get("validate/dropped", 0),
        "spider": stats.get("spider_exceptions/count", 0),
        "archive_write": stats.get("archive/write_errors", 0),
    }
    return {
        "site": site,
        "base_url": base_url,
        "db": db,
        "finish_reason": stats.get("finish_reason"),
        "seconds": round(seconds, 2),
        "requests": stats.get("downloader/request_count", 0),
        "responses": responses,
        "retries": stats.get("retry/count", 0),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "articles_new": stats.get("archive/new", 0),
        "articles_updated": stats.get("archive/updated", 0),
        "articles_unchanged": stats.get("archive/unchanged", 0),
        "missing_date": stats.get("extract/missing_date", 0),
        "empty_body": stats.get("validate/empty_body", 0),
        "errors": errors,
        "errors_total": sum(errors.values()),
    }


def metadata_for(db: str) -> Path:
    """The project's Datasette metadata, with its database section named after this file's stem."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    stem = Path(db).stem
    if stem != "archive" and "archive" in meta.get("databases", {}):
        meta["databases"][stem] = meta["databases"].pop("archive")
    out = Path(tempfile.mkdtemp(prefix="archive-meta-")) / "metadata.json"
    out.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


def datasette_command(db: str, port: int, host: str = "127.0.0.1") -> list[str]:
    """The datasette invocation the archive is served with (read-only settings for a public archive)."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        db,
        "--metadata",
        str(metadata_for(db)),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "sql_time_limit_ms",
        "3000",
        "--setting",
        "default_page_size",
        "50",
        "--setting",
        "max_returned_rows",
        "1000",
    ]


def cmd_replica(args: argparse.Namespace) -> int:
    from crawler.replica.portal import ReplicaPortal
    from crawler.replica.server import ReplicaServer

    server = ReplicaServer(ReplicaPortal(articles=args.articles), port=args.port, verbose=args.verbose)
    print(f"replica portal with {len(server.portal.entries)} articles at {server.base_url}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def open_archive_or_explain(db: str) -> bool:
    """Create the archive (and its folder) before crawling, so a bad path fails at once with a clear message."""
    import sqlite3

    from crawler.archive import Archive

    try:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        Archive(db).close()
    except (OSError, sqlite3.Error) as exc:
        print(f"error: cannot open the archive {db}: {exc}", file=sys.stderr)
        return False
    return True


def cmd_crawl(args: argparse.Namespace) -> int:
    if not open_archive_or_explain(args.db):
        return 2
    summary = run_crawl(args.site, args.base_url, args.db, args.log_file, args.log_level)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0 if summary["finish_reason"] == "finished" else 1


def cmd_serve(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(
            f"error: {args.db} does not exist; run `python -m crawler crawl` or `demo` first", file=sys.stderr
        )
        return 2
    print(f"Datasette: http://127.0.0.1:{args.port}/", flush=True)
    return subprocess.call(datasette_command(args.db, args.port, args.host))


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.replica.portal import ReplicaPortal
    from crawler.replica.server import ReplicaServer

    if not open_archive_or_explain(args.db):
        return 2
    server = ReplicaServer(ReplicaPortal(articles=args.articles))
    server.start_background()
    print(f"replica portal with {len(server.portal.entries)} articles at {server.base_url}/", flush=True)
    summary = run_crawl("bocongan", server.base_url, args.db, log_level="WARNING")
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    print(
        f"crawled {summary['articles_new'] + summary['articles_updated'] + summary['articles_unchanged']} articles "
        f"in {summary['seconds']} s, {summary['errors_total']} errors; open http://127.0.0.1:{args.port}/ "
        f"(the archive: http://127.0.0.1:{args.port}/{Path(args.db).stem}/articles)",
        flush=True,
    )
    if args.no_serve:
        return 0
    return subprocess.call(datasette_command(args.db, args.port))


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.extract.article import ExtractionError, extract_article
    from crawler.sites import get_profile

    page = Path(args.page).read_bytes()
    try:
        record = extract_article(page, args.url, get_profile(args.site))
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(record.to_dict(), ensure_ascii=False))
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from crawler.reextract import reextract

    if not Path(args.db).exists():
        print(f"error: {args.db} does not exist", file=sys.stderr)
        return 2
    started = time.monotonic()
    count = reextract(args.db)
    print(json.dumps({"db": args.db, "articles": count, "seconds": round(time.monotonic() - started, 2)}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m crawler", description="An open archive of Vietnamese ministry news."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("replica", help="serve the replica portal on 127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    p.add_argument("--articles", type=int, default=320, help="number of articles (default 320)")
    p.add_argument("--verbose", action="store_true", help="log every request")
    p.set_defaults(func=cmd_replica)

    p = sub.add_parser("crawl", help="crawl a portal into the archive")
    p.add_argument("--site", default="bocongan", help="site profile (default bocongan)")
    p.add_argument("--base-url", help="portal base URL (default: the real portal's)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"archive database (default {DEFAULT_DB})")
    p.add_argument("--log-file", help="write Scrapy's log here instead of stderr")
    p.add_argument("--log-level", help="Scrapy log level (default INFO)")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("serve", help="browse the archive with Datasette")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--host", default="127.0.0.1")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="replica -> crawl -> Datasette, on this machine")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--port", type=int, default=8001, help="Datasette port (default 8001)")
    p.add_argument("--articles", type=int, default=320)
    p.add_argument("--no-serve", action="store_true", help="stop after the crawl")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("extract", help="print the record extracted from a saved article page, as JSON")
    p.add_argument("page", help="saved HTML page")
    p.add_argument("--url", required=True, help="the URL the page was fetched from")
    p.add_argument("--site", default="bocongan")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reextract", help="recompute entities of every stored article, without the network")
    p.add_argument("--db", default=DEFAULT_DB)
    p.set_defaults(func=cmd_reextract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
