"""One crawl run as cron sees it: a lock, a record in crawl_runs, a status, an exit code, one summary line."""

from __future__ import annotations

import errno
import fcntl
import logging
import logging.handlers
import os
import shutil
import sqlite3
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Exit codes, documented in the README.
EXIT_OK, EXIT_DEGRADED, EXIT_USAGE, EXIT_LOCKED, EXIT_FAILED = 0, 1, 2, 3, 4
# Layout drift: more than this share of a run's articles missing a field, over at least this many articles.
DRIFT_MAX_MISSING_SHARE = 0.2
DRIFT_MIN_ARTICLES = 5


class LockHeld(RuntimeError):
    """Another crawl holds the archive's lock."""


class ArchiveUnwritable(RuntimeError):
    """The archive cannot be written: the message names the file and, where it is so, a full disk."""

    def __init__(self, message: str, disk_full: bool):
        super().__init__(message)
        self.disk_full = disk_full


def unwritable(db: str | Path, exc: BaseException) -> ArchiveUnwritable:
    """The error to show for a write that failed, naming a full disk when that is the cause."""
    full = (
        getattr(exc, "errno", None) == errno.ENOSPC
        or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or _free_bytes(db) < 1024 * 1024
    )
    cause = "the disk is full" if full else "it cannot be written"
    return ArchiveUnwritable(f"{db}: {cause} ({exc})", full)


def _free_bytes(db: str | Path) -> int:
    try:
        return shutil.disk_usage(Path(db).resolve().parent).free
    except OSError:
        return 1 << 62


@contextmanager
def archive_lock(db: str | Path):
    """An exclusive, non-blocking flock on <db>.lock, released when the process ends however it ends."""
    path = Path(f"{db}.lock")
    handle = path.open("ab", buffering=0)  # unbuffered: nothing left to fail on close when the disk is full
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise LockHeld(f"another crawl holds {path}; not starting a second one") from None
    try:
        try:
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the flock is the lock; the pid is only a note for people
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def log_path(db: str | Path) -> Path:
    """Where a crawl logs by default: archive.db -> archive.crawl.log, next to it."""
    db = Path(db)
    return db.with_name(f"{db.stem}.crawl.log")


def configure_logging(log_file: str | Path, level: str = "INFO") -> None:
    """Everything to a rotating file (5 × 5 MB); warnings and errors also to stderr, which cron mails."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    formatter = logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    to_file = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    to_file.setFormatter(formatter)
    to_file.setLevel(level)
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.WARNING)
    to_stderr.setFormatter(formatter)
    root.addHandler(to_file)
    root.addHandler(to_stderr)


@dataclass
class RunResult:
    summary: dict
    status: str
    exit_code: int
    alarms: list[str] = field(default_factory=list)


def drift_alarms(stats: dict, site: str) -> list[str]:
    """Messages naming the site, the field and sample URLs when extraction looks broken by a layout change."""
    alarms = []
    if stats.get("drift/empty_listing"):
        urls = ", ".join(stats.get("drift/samples/empty_listing", []))
        alarms.append(
            f"{site}: {stats['drift/empty_listing']} listing page(s) yielded no article links: {urls}"
        )
    # A page the profile could not read is drift even when the generic reading stored it whole.
    profile_failed = stats.get("extract/profile_failed", 0)
    checked = stats.get("drift/checked", 0) + stats.get("extract/failed", 0)
    if checked >= DRIFT_MIN_ARTICLES:
        if profile_failed / checked > DRIFT_MAX_MISSING_SHARE:
            urls = ", ".join(stats.get("drift/samples/title", []))
            alarms.append(
                f"{site}: {profile_failed} of {checked} articles not read by the site's profile (its layout "
                f"changed?); {profile_failed - stats.get('extract/failed', 0)} of them read by the generic "
                f"extractor: {urls}"
            )
        for name in ("date", "body"):
            count = stats.get(f"drift/missing/{name}", 0)
            if count / checked > DRIFT_MAX_MISSING_SHARE:
                urls = ", ".join(stats.get(f"drift/samples/{name}", []))
                alarms.append(f"{site}: {count} of {checked} articles have no {name}: {urls}")
    return alarms


def by_prefix(stats: dict, prefix: str) -> dict[str, int]:
    """Stats under one prefix, keyed by what follows it: {"fault/timeout": 3} -> {"timeout": 3}."""
    return {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix) and v}


def failures(stats: dict) -> dict[str, dict[str, int]]:
    """What went wrong, by kind (crawler.failures): failed attempts (retried or not), requests lost for good,
    requests refused by the crawler's own rules, and limits that cut something short."""
    return {
        "attempts": by_prefix(stats, "fault/"),
        "lost": by_prefix(stats, "lost/"),
        "refused": by_prefix(stats, "refused/"),
        "limits": by_prefix(stats, "limits/"),
    }


def summarise(stats: dict, site: str, mode: str, base_url: str, db: str, seconds: float) -> dict:
    """One line a cron log or a test can read: what was fetched, stored, and what went wrong, by kind."""
    prefix = "downloader/response_status_count/"
    responses = {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}
    errors = {
        "http": sum(v for k, v in responses.items() if int(k) >= 400),
        # robots.txt refusals are raised as IgnoreRequest in the downloader: a rule obeyed, not an error.
        "download": stats.get("downloader/exception_count", 0)
        - stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0),
        "extract_failed": stats.get("extract/failed", 0),
        "dropped": stats.get("validate/dropped", 0),
        "spider": stats.get("spider_exceptions/count", 0),
        "archive_write": stats.get("archive/write_errors", 0),
        "articles_lost": stats.get("article/lost", 0),
        "listings_lost": stats.get("listing/lost", 0),
    }
    reason = stats.get("finish_reason")
    if errors["archive_write"] and reason == "finished":
        # The last batch is written as the spider closes, after Scrapy has chosen its reason: a failure
        # there ends the run just as one mid-crawl does (the pipeline stops the crawl with archive_error).
        reason = "archive_error"
    return {
        "site": site,
        "mode": mode,
        "base_url": base_url,
        "db": db,
        "finish_reason": reason,
        "seconds": round(seconds, 2),
        "requests": stats.get("downloader/request_count", 0),
        "responses": responses,
        "bytes": stats.get("downloader/response_bytes", 0),
        "retries": stats.get("retry/count", 0),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "listing_pages": stats.get("listing/pages", 0),
        "articles_new": stats.get("archive/new", 0),
        "articles_updated": stats.get("archive/updated", 0),
        "articles_unchanged": stats.get("archive/unchanged", 0),
        "not_modified": stats.get("revisit/not_modified", 0),
        "missing_date": stats.get("extract/missing_date", 0),
        "extracted_generic": stats.get("extract/generic", 0),
        "empty_body": stats.get("validate/empty_body", 0),
        "errors": errors,
        "errors_total": sum(errors.values()),
        "failures": failures(stats),
        "warnings": warnings(stats, site),
    }


def warnings(stats: dict, site: str) -> list[str]:
    """What a maintainer should know though nothing was lost: they inform, they do not degrade the run."""
    found = []
    if stats.get("warnings/category_all_new"):
        urls = ", ".join(stats.get("warnings/samples/category_all_new", []))
        found.append(
            f"{site}: {stats['warnings/category_all_new']} category page(s) listed only new articles; older "
            f"ones may be missing (the pages cannot be paged): walked back through the links between articles "
            f"({stats.get('walk/links', 0)} followed): {urls}"
        )
    if stats.get("warnings/sitemap_stale_days"):
        found.append(
            f"{site}: the sitemap's newest date is {stats['warnings/sitemap_stale_days']} days old: it is frozen "
            "and finds no new article"
        )
    return found


def judge(stats: dict, summary: dict, site: str) -> tuple[str, int, list[str]]:
    """Status and exit code: failed when the run could not do its work, degraded when it lost articles
    to faults or extraction looks broken, interrupted when stopped by a signal, else ok."""
    reason = summary["finish_reason"]
    alarms = drift_alarms(stats, site)
    if reason == "waf_challenge":
        answered = summary["failures"]["attempts"].get("waf_challenge", 0)
        return (
            "degraded",
            EXIT_DEGRADED,
            alarms
            + [
                f"{site}: the portal's firewall (WAF) answered {answered} request(s) with a challenge page instead of "
                "content; the run slowed down, then stopped early. It is not worked around: try again later, or "
                "from another network"
            ],
        )
    if reason not in ("finished", "closespider_timeout", "closespider_pagecount", "closespider_itemcount"):
        if reason == "shutdown":
            return "interrupted", EXIT_DEGRADED, alarms
        return "failed", EXIT_FAILED, alarms + [f"{site}: crawl ended with {reason}"]
    # A failed attempt that a retry made good is not a loss; a request given up on is.
    errors = summary["errors"]
    if errors["articles_lost"]:
        alarms.append(f"{site}: {errors['articles_lost']} article(s) lost to server or network faults: "
                      + ", ".join(stats.get("article/samples/lost", [])))  # fmt: skip
    if errors["listings_lost"]:
        alarms.append(f"{site}: {errors['listings_lost']} listing page(s) lost, the articles behind them wait "
                      "for the next run: " + ", ".join(stats.get("listing/samples/lost", [])))  # fmt: skip
    if errors["spider"]:
        alarms.append(f"{site}: {errors['spider']} page(s) raised an error in the spider")
    if alarms:
        return "degraded", EXIT_DEGRADED, alarms
    return "ok", EXIT_OK, alarms


def run_crawl(
    site: str,
    base_url: str | None,
    db: str,
    *,
    mode: str | None = None,
    since: str | None = None,
    max_pages: int = 0,
    revisit_days: float | None = None,
    log_file: str | None = None,
    log_level: str = "INFO",
    extra_settings: dict | None = None,
    profile=None,
    notes: dict | None = None,
) -> RunResult:
    """Crawl one site into db in this process, holding the lock; the run is recorded in crawl_runs.

    Mode: incremental (default), backfill (walk every listing page), or resume, chosen automatically
    when the last run did not end ok (killed, failed, degraded): the listings are walked in full,
    fetching only what the archive lacks, so the archive itself is the frontier.

    profile: a SiteProfile learned for a portal without a written one (crawler.learned), crawled under its name.
    notes: {"alarms": [...], "warnings": [...], "summary": {...}} added to the run's own (what learning found).
    """
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.archive import Archive
    from crawler.settings import fast_settings, is_loopback

    settings = get_project_settings()
    configure_logging(log_file or log_path(db), log_level)
    with archive_lock(db):
        try:
            archive = Archive(db)
        except sqlite3.Error as exc:
            raise unwritable(db, exc) from exc
        settings.set("LOG_INSTALL_ROOT_HANDLER", False)  # our handlers: a rotating file, and stderr for cron
        process = CrawlerProcess(settings)
        # Scrapy's logging config sets its own loggers to DEBUG; the chosen level applies to them too.
        logging.getLogger("scrapy").setLevel(log_level)
        if profile is not None:
            from crawler.sites import register_learned
            from crawler.spiders.portal import PortalSpider

            register_learned(profile)  # the pipelines find it by name, as they find a written one
            spider_cls = type("LearnedSpider", (PortalSpider,), {"name": site, "profile": profile})
        else:
            spider_cls = process.spider_loader.load(site)
        base = base_url or spider_cls.profile.base_url
        try:
            run_id, previous = archive.start_run(site, mode or "incremental", base)
        except sqlite3.Error as exc:
            raise unwritable(db, exc) from exc
        # After a run that did not end ok, stopping at the first known page could leave a gap behind it.
        chosen = mode or ("resume" if previous not in (None, "ok") else "incremental")
        if chosen == "resume":
            logging.getLogger(__name__).warning(
                "%s: the last run ended %s; resuming with a full listing walk", site, previous
            )
        overrides = {
            "ARCHIVE_DB": db,
            "CRAWL_MODE": chosen,
            "CRAWL_SINCE": since or "",
            "CRAWL_MAX_PAGES": max_pages,
            "LOG_LEVEL": log_level,
            "SAFE_REDIRECT_ALLOWED_DOMAINS": list(spider_cls.profile.hosts),
        }
        if revisit_days is not None:
            overrides["REVISIT_DAYS"] = revisit_days
        if base_url:
            overrides["SITE_BASE_URL"] = base_url
            if is_loopback(base_url):
                overrides |= fast_settings()
        if not (base_url and is_loopback(base_url)) and not settings.get("CONTACT"):
            logging.getLogger(__name__).warning(
                "ARCHIVE_CONTACT is not set: a real portal's operators cannot reach you (see README)"
            )
        overrides |= extra_settings or {}
        crawler = process.create_crawler(spider_cls)
        crawler.settings.setdict(overrides, priority="cmdline")
        started = time.monotonic()
        process.crawl(crawler, base_url=base_url)
        process.start()
        stats = crawler.stats.get_stats()
        summary = summarise(stats, site, chosen, base, db, time.monotonic() - started)
        summary["empty_listings"] = stats.get("drift/empty_listing", 0)
        status, exit_code, alarms = judge(stats, summary, site)
        notes = notes or {}
        summary |= notes.get("summary", {})
        summary["warnings"] = summary["warnings"] + notes.get("warnings", [])
        if notes.get("alarms"):
            alarms = alarms + notes["alarms"]
            if status == "ok":
                status, exit_code = "degraded", EXIT_DEGRADED
        summary |= {"status": status, "exit_code": exit_code, "alarms": alarms, "run_id": run_id}
        for alarm in alarms:
            logging.getLogger(__name__).error("ALARM %s", alarm)
        for warning in summary["warnings"]:
            logging.getLogger(__name__).warning("WARNING %s", warning)
        try:
            record_end(archive, run_id, chosen, status, exit_code, summary, alarms)
        except sqlite3.Error as exc:  # the run stays 'running'; the next one marks it interrupted and resumes
            logging.getLogger(__name__).error("could not record the end of the run: %s", unwritable(db, exc))
        archive.close()
    return RunResult(summary, status, exit_code, alarms)


def record_end(
    archive, run_id: int, chosen: str, status: str, exit_code: int, summary: dict, alarms: list
) -> None:
    """Complete the run's row in crawl_runs."""
    archive.finish_run(
        run_id,
        {
            "mode": chosen, "status": status, "exit_code": exit_code, "requests": summary["requests"],
            "responses": summary["responses"], "new": summary["articles_new"], "updated": summary["articles_updated"],
            "unchanged": summary["articles_unchanged"], "not_modified": summary["not_modified"],
            "errors": summary["errors"], "errors_total": summary["errors_total"], "bytes": summary["bytes"],
            "failures": summary["failures"],
            "alarms": alarms, "finish_reason": summary["finish_reason"], "seconds": summary["seconds"],
            "warnings": summary["warnings"],
        },
    )  # fmt: skip
