"""Command line: replica, crawl, serve, demo, extract. A thin layer over the package's functions."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
METADATA = PROJECT_ROOT / "datasette_metadata.json"
WEB = Path(__file__).resolve().parent / "web"
DEFAULT_DB = "archive.db"


def cache_dir() -> Path:
    """The user's cache folder for this project (XDG_CACHE_HOME honoured), as the gazetteer's cache uses."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vn-ministry-news-archive"


def metadata_for(db: str, facet_sample: int | None = None) -> Path:
    """The project's Datasette metadata, with its database section named after this file's stem (and the
    plugin's sample size for facets, where one is given): one file per content, reused by every serve."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    if facet_sample is not None:
        meta.setdefault("plugins", {})["archive_web"] = {"facet_sample": facet_sample}
    stem = Path(db).stem
    if stem != "archive" and "archive" in meta.get("databases", {}):
        meta["databases"][stem] = meta["databases"].pop("archive")
    text = json.dumps(meta, ensure_ascii=False)
    # Named by content, so a running Datasette's file is never rewritten under it and none piles up.
    name = f"metadata-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    for folder in (cache_dir, private_temp_dir):  # a read-only home: the temporary folder
        try:
            out = folder() / name
            if not out.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                partial = out.with_suffix(f".{os.getpid()}.partial")
                partial.write_text(text, encoding="utf-8")
                # Whole or absent: a Datasette starting beside us never reads half a file.
                partial.replace(out)
            return out
        except OSError as exc:
            failure = exc
    raise failure


def private_temp_dir() -> Path:
    """This user's own folder in the temporary directory, refused if another user made it or can write to it
    (Datasette would read metadata planted there)."""
    folder = Path(tempfile.gettempdir()) / f"vn-ministry-news-archive-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise PermissionError(f"{folder} is not this user's own folder")
    return folder


def datasette_command(
    db: str,
    port: int,
    host: str = "127.0.0.1",
    allow_download: bool = False,
    immutable: bool = False,
    inspect_file: str | None = None,
    facet_sample: int | None = None,
) -> list[str]:
    """The datasette invocation the archive is served with (read-only settings for a public archive).

    `immutable` serves a published copy that nothing writes to: opened without locking, its row counts
    read from an inspect file instead of counted on every page (made by `inspect_archive` when none is given).
    `facet_sample`: a filtered `articles` page counts its facets over this many of its newest matches
    (crawler.web.facets.FACET_SAMPLE by default).
    """
    files = [db]
    if immutable:
        files = ["-i", db, "--inspect-file", inspect_file or str(inspect_archive(db))]
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        *files,
        "--metadata",
        str(metadata_for(db, facet_sample)),
        "--plugins-dir",
        str(WEB / "plugins"),
        "--template-dir",
        str(WEB / "templates"),
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
        "--setting",
        "facet_time_limit_ms",
        "500",
        "--setting",
        "default_facet_size",
        "20",
        "--setting",
        "allow_download",
        "on" if allow_download else "off",
    ]


def inspect_archive(db: str) -> Path:
    """Run `datasette inspect` on a published copy (into <stem>.inspect.json beside it): its tables' row
    counts, counted once, not per page.

    The write-ahead log is folded into the file first: an immutable database is read without it.
    """
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    out = Path(db).with_name(f"{Path(db).stem}.inspect.json")  # beside it, remade each time it is served
    subprocess.run([sys.executable, "-m", "datasette", "inspect", db, "--inspect-file", str(out)], check=True)
    return out


def cmd_replica(args: argparse.Namespace) -> int:
    from crawler.replica.faults import FaultPlan
    from crawler.replica.portal import ReplicaPortal
    from crawler.replica.portal2025 import Portal2025
    from crawler.replica.server import ReplicaServer

    plan = FaultPlan(rate=args.faults, seed=args.fault_seed) if args.faults else None
    portal = {"2025": Portal2025, "2024": ReplicaPortal}.get(args.layout)
    if portal is None:
        from importlib import import_module

        module, name = {
            "liferay": ("liferay", "LiferayPortal"),
            "sharepoint": ("sharepoint", "SharePointPortal"),
            "aspnet": ("aspnet", "AspNetPortal"),
            "plainhtm": ("plainhtm", "PlainHtmPortal"),
        }[args.layout]
        portal = getattr(import_module(f"crawler.replica.{module}"), name)
    server = ReplicaServer(portal(articles=args.articles), port=args.port, verbose=args.verbose, faults=plan)
    faulty = f", {args.faults:.0%} of pages faulty" if plan else ""
    print(
        f"replica portal ({args.layout} layout) with {len(server.portal.entries)} articles{faulty} "
        f"at {server.base_url}/",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def open_archive_or_explain(db: str) -> int | None:
    """Create the archive (and its folder) before crawling, so a bad path fails at once with a clear message.
    Returns the exit code to end with (a full disk is a failure, a bad path a usage error), or None."""
    import sqlite3

    from crawler.archive import Archive
    from crawler.run import EXIT_FAILED, EXIT_USAGE, unwritable

    try:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        Archive(db).close()
    except (OSError, sqlite3.Error) as exc:
        reason = unwritable(db, exc)
        print(f"error: cannot open the archive {reason}", file=sys.stderr)
        return EXIT_FAILED if reason.disk_full else EXIT_USAGE
    return None


def setting(text: str) -> tuple[str, str]:
    """NAME=VALUE for --set: a Scrapy setting name (capitals) and its value, as Scrapy's own -s takes them."""
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE with a setting name in capitals")
    return name, value


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.run import EXIT_FAILED, EXIT_LOCKED, EXIT_USAGE, ArchiveUnwritable, LockHeld, run_crawl

    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            print(f"error: --since {args.since!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return EXIT_USAGE
    failed = open_archive_or_explain(args.db)
    if failed is not None:
        return failed
    settings = dict(args.set or [])
    if args.extract_workers is not None:
        settings["EXTRACT_WORKERS"] = args.extract_workers
    options = {
        "mode": "backfill" if args.backfill else None,
        "since": args.since,
        "max_pages": args.max_pages,
        "revisit_days": args.revisit_days,
        "log_file": args.log_file,
        "log_level": args.log_level or "INFO",
        "extra_settings": settings,
    }
    start_url = args.start_url
    if args.portal:
        from crawler.sites.portals import get_portal

        try:
            portal = get_portal(args.portal)
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
        start_url = portal.home_url
    try:
        if start_url:
            from crawler.learned import crawl_start_url

            # --site names it; a portal without a written profile is named by its host.
            result = crawl_start_url(start_url, args.db, args.site, **options)
        else:
            result = run_crawl(args.site or "bocongan", args.base_url, args.db, **options)
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except LockHeld as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except ArchiveUnwritable as exc:
        print(f"error: cannot record the run in {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(result.summary, ensure_ascii=False), flush=True)
    return result.exit_code


def cmd_serve(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(
            f"error: {args.db} does not exist; run `python -m crawler crawl` or `demo` first", file=sys.stderr
        )
        return 2
    # An archive made by an earlier version gets the tables the pages read (kept counts) before it is served.
    failed = open_archive_or_explain(args.db)
    if failed is not None:
        return failed
    command = datasette_command(
        args.db,
        args.port,
        args.host,
        args.allow_download,
        immutable=args.immutable,
        facet_sample=args.facet_sample,
    )
    print(f"Datasette: http://127.0.0.1:{args.port}/", flush=True)
    sys.stderr.flush()
    # Datasette takes this process's place: the pid a supervisor holds and signals is Datasette's own.
    os.execv(command[0], command)


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.replica.portal2025 import Portal2025
    from crawler.replica.server import ReplicaServer

    failed = open_archive_or_explain(args.db)
    if failed is not None:
        return failed
    server = ReplicaServer(Portal2025(articles=args.articles))
    server.start_background()
    print(f"replica portal with {len(server.portal.entries)} articles at {server.base_url}/", flush=True)
    from crawler.run import run_crawl

    handlers = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    try:
        summary = run_crawl(
            "bocongan", server.base_url, args.db, mode="backfill", log_level="WARNING"
        ).summary
    finally:
        for sig, handler in handlers.items():  # Scrapy's outlive its run and would swallow a later stop
            if handler is not None:
                signal.signal(sig, handler)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    if summary.get("status") == "interrupted":  # stopped by a signal during the crawl: not served either
        server.shutdown()
        server.server_close()
        return 1
    from datasette.utils import tilde_encode

    stored = summary["articles_new"] + summary["articles_updated"] + summary["articles_unchanged"]
    route = tilde_encode(Path(args.db).stem)  # as Datasette writes the database's name in its URLs
    print(
        f"crawled {stored} articles in {summary['seconds']} s, {summary['errors_total']} errors; "
        f"open http://127.0.0.1:{args.port}/ (the archive: http://127.0.0.1:{args.port}/{route}/articles)",
        flush=True,
    )
    try:
        if args.no_serve:
            return 0
        # Not exec: the stored articles link to the replica, which this process serves while Datasette runs.
        return run_until_stopped(datasette_command(args.db, args.port))
    finally:
        server.shutdown()
        server.server_close()


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def run_until_stopped(command: list[str], grace: float = 10.0) -> int:
    """Run command as a child until it ends, passing on SIGTERM, SIGINT and SIGHUP sent to this process, so
    the child never outlives it. Returns the child's exit status, 0 when it ended on a signal passed on; a
    child still running `grace` seconds after one, or when a second one comes, is killed."""
    child: subprocess.Popen | None = None
    received: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        received.append(signum)
        if child is None:
            return  # passed on once the child exists
        if len(received) == 1:
            child.send_signal(signum)
            signal.alarm(max(1, round(grace)))
        else:  # a second signal or the grace period's alarm: the user does not want to wait
            child.kill()

    # Set before the child starts, so a signal in between is passed on, not lost (exec gives the child the
    # default handling back).
    previous = {sig: signal.signal(sig, stop) for sig in (*STOP_SIGNALS, signal.SIGALRM)}
    try:
        child = subprocess.Popen(command)
        if received:
            child.send_signal(received[0])
            signal.alarm(max(1, round(grace)))
        code = child.wait()
    finally:
        signal.alarm(0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child is not None and child.poll() is None:  # an error of ours, not the child's end
            child.kill()
            child.wait()
    return 0 if received and code < 0 else code


def _pages(paths: list[str]) -> list[Path]:
    """The files named, with directories expanded to the .html/.htm files in them (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found += (
            sorted(p for p in path.rglob("*") if p.suffix in (".html", ".htm")) if path.is_dir() else [path]
        )
    return found


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.extract.article import ExtractionError, extract_article, page_url, parse_html
    from crawler.extract.auto import extract_any
    from crawler.sites import get_profile

    pages = _pages(args.pages)
    if args.url and len(pages) > 1:
        print(
            "error: --url names one page; with several, each page's canonical link is used", file=sys.stderr
        )
        return 2
    failed = 0
    for path in pages:
        try:
            page = path.read_bytes()
            tree = parse_html(page, plain=True)  # once, for the canonical link and the reading
            # Without --url or a canonical link, the file's own address stands for the page's.
            url = args.url or page_url(tree) or path.resolve().as_uri()
            record = (
                extract_article(page, url, get_profile(args.site))
                if args.site
                else extract_any(page, url, tree=tree)
            )
        except ExtractionError as exc:
            print(f"error: {path}: not an article: {exc}", file=sys.stderr)
            failed += 1
            continue
        except OSError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(json.dumps(record.to_dict(), ensure_ascii=False), flush=len(pages) == 1)
    return 1 if failed else 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from crawler.reextract import reextract

    if not Path(args.db).exists():
        print(f"error: {args.db} does not exist", file=sys.stderr)
        return 2
    started = time.monotonic()
    result = reextract(args.db)
    seconds = time.monotonic() - started
    per_thousand = round(seconds / result["articles"] * 1000, 2) if result["articles"] else None
    print(
        json.dumps({"db": args.db, **result, "seconds": round(seconds, 2), "seconds_per_1000": per_thousand})
    )
    return 0


def cmd_export_warc(args: argparse.Namespace) -> int:
    from crawler.pages import PageStore, export_warc, pages_path

    store_path = pages_path(args.db)
    if not store_path.exists():
        print(f"error: no page store at {store_path}; crawl first", file=sys.stderr)
        return 2
    with PageStore(store_path) as store:
        count = export_warc(store, args.out, all_versions=args.all_versions)
    print(json.dumps({"out": args.out, "records": count}))
    return 0


def cmd_check_site(args: argparse.Namespace) -> int:
    from crawler.check import check_site, check_start_url

    start_url = args.start_url
    if args.portal:
        from crawler.sites.portals import get_portal

        try:
            start_url = get_portal(args.portal).home_url
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return 2
    if start_url:
        report = check_start_url(start_url, articles=args.articles, delay=args.delay)
    else:
        report = check_site(args.site, args.base_url, articles=args.articles)
    print(report.text())
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from crawler.export import export

    if not Path(args.db).exists():
        print(f"error: {args.db} does not exist", file=sys.stderr)
        return 2
    try:
        count = export(
            args.db, args.format, args.out, bom=args.bom, search=args.search, person=args.person,
            province=args.province, since=args.since, until=args.until,
        )  # fmt: skip
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"rows": count, "format": args.format, "out": args.out}), file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from crawler.backup import BackupError, BackupUsageError, backup
    from crawler.run import EXIT_FAILED, EXIT_USAGE

    try:
        result = backup(args.db, args.to, keep=args.keep)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, BackupUsageError) else EXIT_FAILED
    print(json.dumps(result.summary(), ensure_ascii=False), flush=True)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from crawler.backup import BackupError, BackupUsageError, RestoreRefused, restore
    from crawler.run import EXIT_FAILED, EXIT_LOCKED, EXIT_USAGE, LockHeld

    try:
        result = restore(args.copy, args.db)
    except LockHeld as exc:
        print(f"error: {exc}; restore when it has finished", file=sys.stderr)
        return EXIT_LOCKED
    except BackupError as exc:
        untouched = "; the archive was left as it was" if isinstance(exc, RestoreRefused) else ""
        print(f"error: {exc}{untouched}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, BackupUsageError) else EXIT_FAILED
    print(json.dumps(result.summary(), ensure_ascii=False), flush=True)
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
    p.add_argument(
        "--faults",
        type=float,
        default=0.0,
        metavar="RATE",
        help="share of pages that fail in some way (HTTP 5xx, resets, timeouts, truncation, redirect loops…)",
    )
    p.add_argument("--fault-seed", type=int, default=1, help="which pages fail, and how (default 1)")
    p.add_argument(
        "--layout",
        choices=("2024", "2025", "liferay", "sharepoint", "aspnet", "plainhtm"),
        default="2025",
        help="bocongan.gov.vn as it is today (2025, the default, crawled by --site bocongan: category pages of 10 "
        "articles, script-only paging, a WAF, a frozen sitemap) or before its August 2025 redesign (2024, "
        "crawled by --site bocongan_2024); or another CMS family's portal (liferay, crawled by --site "
        "congan_tinh; sharepoint, aspnet, plainhtm, crawled with --start-url: no profile)",
    )
    p.set_defaults(func=cmd_replica)

    p = sub.add_parser("crawl", help="crawl a portal into the archive")
    p.add_argument("--site", help="site profile (default bocongan); with --start-url, the portal's name")
    p.add_argument("--base-url", help="portal base URL (default: the real portal's)")
    p.add_argument(
        "--start-url",
        help="a portal without a profile: learn its news categories, paging and article links from this home "
        "page (kept in the archive and reused), name it by its host unless --site is given",
    )
    p.add_argument("--portal", help="the same from a portal listed in crawler/sites/portals.csv")
    p.add_argument("--db", default=DEFAULT_DB, help=f"archive database (default {DEFAULT_DB})")
    p.add_argument(
        "--backfill", action="store_true", help="walk every listing page, not only until known articles"
    )
    p.add_argument("--since", help="stop paging at articles published before this date (YYYY-MM-DD)")
    p.add_argument("--max-pages", type=int, default=0, help="at most this many listing pages per category")
    p.add_argument(
        "--revisit-days",
        type=float,
        default=None,
        help="fetch again (conditionally) articles younger than this (default 7)",
    )
    p.add_argument("--log-file", help="log file (default: <db stem>.crawl.log next to the database, rotated)")
    p.add_argument("--log-level", help="log level (default INFO)")
    p.add_argument(
        "--extract-workers",
        type=int,
        default=None,
        help="processes extracting articles beside the crawl (default: the spare cores for a portal on "
        "this machine, 0 for a real portal: a polite crawl leaves the CPU idle)",
    )
    p.add_argument(
        "--set",
        action="append",
        type=setting,
        metavar="NAME=VALUE",
        help="a Scrapy setting for this run, such as a limit (README, Limits): --set DOWNLOAD_MAXSIZE=10485760",
    )
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("serve", help="browse the archive with Datasette")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--allow-download",
        action="store_true",
        help="offer the whole database file for download (with --immutable: Datasette offers only immutable files)",
    )
    p.add_argument(
        "--immutable",
        action="store_true",
        help="serve a published copy no crawl writes to: no locking, row counts from `datasette inspect`",
    )
    p.add_argument(
        "--facet-sample",
        type=int,
        metavar="N",
        help="a filtered articles page counts its facets over its newest N matches (default 2000); "
        "more is exact for more searches and slower on a large archive",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="replica -> crawl -> Datasette, on this machine")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--port", type=int, default=8001, help="Datasette port (default 8001)")
    p.add_argument("--articles", type=int, default=320)
    p.add_argument("--no-serve", action="store_true", help="stop after the crawl")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "extract", help="print the record extracted from saved article pages, one JSON line each"
    )
    p.add_argument("pages", nargs="+", help="saved HTML pages, or folders of them")
    p.add_argument("--url", help="the URL the page was fetched from (one page; default: its canonical link)")
    p.add_argument("--site", help="site profile (default: the one whose host or layout fits, else generic)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("export", help="export a selection of articles as CSV, JSON lines or XLSX (streamed)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", choices=("csv", "jsonl", "xlsx"), default="csv")
    p.add_argument("--bom", action="store_true", help="CSV with a UTF-8 byte order mark, for Excel")
    p.add_argument("--search", help="full-text search, accents optional")
    p.add_argument("--person", help="articles naming this person (full name)")
    p.add_argument("--province", help="articles about this province, by its name then or now")
    p.add_argument("--since", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--out", help="output file (default: stdout; required for xlsx)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-warc", help="write the stored raw pages as a standard WARC file")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--out", required=True, help="output file, e.g. archive.warc.gz")
    p.add_argument(
        "--all-versions", action="store_true", help="every stored version, not only the latest per URL"
    )
    p.set_defaults(func=cmd_export_warc)

    p = sub.add_parser(
        "check-site", help="fetch a few live pages and print, field by field, what the profile finds"
    )
    p.add_argument("--site", default="bocongan")
    p.add_argument("--base-url", help="portal base URL (default: the profile's)")
    p.add_argument("--articles", type=int, default=3, help="articles to check (default 3)")
    p.add_argument(
        "--start-url",
        help="a portal with no profile: print what discovery finds from this home page (categories, paging, "
        "article pattern, a sample article read generically)",
    )
    p.add_argument("--portal", help="the same from a portal listed in crawler/sites/portals.csv")
    p.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests with --start-url (default 1)"
    )
    p.set_defaults(func=cmd_check_site)

    p = sub.add_parser(
        "reextract", help="rebuild every extracted field from stored pages, without the network"
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser(
        "backup",
        help="copy the archive and its page store into a folder, consistently, even while a crawl runs",
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--to", required=True, help="backup folder (created if needed)")
    p.add_argument(
        "--keep", type=int, default=7, help="keep this many newest backups of this archive there (default 7)"
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="replace the archive with a checked backup copy, keeping the one it replaces beside it",
    )
    p.add_argument(
        "copy", help="a backup, e.g. backups/archive-20261127T193000Z.db (its .pages.db comes along)"
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.set_defaults(func=cmd_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
