"""A profile learned from a portal's pages (crawler.discover), kept in the archive beside its articles, reused by
the next run and learned again when it stops finding articles.

The learned profile is a SiteProfile like a written one: its categories are the news listings found, its article
pattern the shape of their links; its listings and articles are read generically. A maintainer who writes a
profile for the portal starts from what is stored here (`learned_profiles`, shown in Datasette).
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from urllib.parse import urlsplit

from crawler.discover import Discovery
from crawler.search import fold
from crawler.sites import Category, SiteProfile

TABLE = "learned_profiles"
SCHEMA = (
    f"create table if not exists {TABLE} (site text primary key, start_url text not null, "
    "learned_at text not null, categories text not null, article_patterns text not null, "
    "sitemap text not null default '', discovery_requests integer, skipped text, "
    "relearned integer not null default 0)"
)


def site_name(start_url: str) -> str:
    """A portal named by its host, without www. (moet.gov.vn)."""
    host = urlsplit(start_url).hostname or "portal"
    return host.removeprefix("www.")


def _key(name: str, used: set[str]) -> str:
    key = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "chuyen-muc"
    while key in used:
        key += "-2"
    used.add(key)
    return key


def profile_from(
    site: str, start_url: str, categories: list[dict], patterns: list[str], sitemap: str = ""
) -> SiteProfile:
    """The SiteProfile of what was learned: listings read and paged generically, articles read generically.
    Where no listing shows a way to its next page, a backfill reads the sitemap robots.txt names and walks the
    links between articles instead, as for a portal whose paging needs its script."""
    parts = urlsplit(start_url)
    host = parts.hostname or ""
    used: set[str] = set()
    cats = []
    for c in categories:
        u = urlsplit(c["url"])
        cats.append(Category(_key(c["name"], used), c["name"], u.path + (f"?{u.query}" if u.query else "")))
    bare = host.removeprefix("www.")
    return SiteProfile(
        name=site,
        base_url=f"{parts.scheme}://{parts.netloc}",
        hosts=tuple(dict.fromkeys((host, bare, f"www.{bare}"))),
        categories=tuple(cats),
        page_param=None,
        article_path=re.compile("|".join(patterns) if patterns else r"(?!)"),
        generic_listings=True,
        sitemap_path=urlsplit(sitemap).path if sitemap else "",
        walk_articles=not any(c.get("next_url") for c in categories),
    )


def store(db: str, site: str, found: Discovery, relearned: bool = False) -> None:
    """Keep what was learned in the archive (one row per site, replaced when learned again)."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(SCHEMA)
            conn.execute(
                f"insert or replace into {TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, "
                f"coalesce((select relearned from {TABLE} where site = ?), 0) + ?)",
                [site, found.start_url, datetime.now(UTC).isoformat(timespec="seconds"),
                 json.dumps(found.categories, ensure_ascii=False), json.dumps(found.article_patterns),
                 found.sitemap, found.requests, json.dumps(found.skipped, ensure_ascii=False), site,
                 int(relearned)],
            )  # fmt: skip
    finally:
        conn.close()


def load(db: str, site: str) -> tuple[str, list[dict], list[str], str] | None:
    """(start URL, categories, article patterns, sitemap) learned earlier for the site, or None."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            f"select start_url, categories, article_patterns, sitemap from {TABLE} where site = ?", [site]
        ).fetchone()
    except sqlite3.OperationalError:  # no profile learned in this archive yet
        return None
    finally:
        conn.close()
    return (row[0], json.loads(row[1]), json.loads(row[2]), row[3]) if row else None


def learn(start_url: str, delay: float) -> Discovery:
    """Discovery on the portal with a polite fetch (one host, robots.txt obeyed, `delay` between requests)."""
    from crawler.check import polite_fetcher
    from crawler.discover import discover

    fetch = polite_fetcher(start_url, delay)
    found = discover(start_url, fetch)
    found.requests += 1  # robots.txt, read before anything else
    found.sitemap = fetch.sitemaps[0] if fetch.sitemaps else ""
    return found


def crawl_start_url(start_url: str, db: str, site: str | None = None, **options):
    """Crawl a portal without a written profile: with the profile learned earlier and kept in the archive, or
    learned now from its home page. A run whose every listing page comes back empty or lost learns the portal again,
    says so in an alarm, and crawls again with what it learned. Returns run_crawl's RunResult."""
    from crawler.run import run_crawl
    from crawler.settings import is_loopback

    site = site or site_name(start_url)
    base = f"{urlsplit(start_url).scheme}://{urlsplit(start_url).netloc}"
    delay = 0.0 if is_loopback(start_url) else 1.0
    stored = load(db, site) if _exists(db) else None
    notes: dict = {"summary": {"discovery_requests": 0, "profile": "learned earlier"}}
    if stored is None:
        found = learn(start_url, delay)
        if not found.categories:
            raise LookupError(f"{start_url}: no news listing found among the home page's links")
        store_after = found
        profile = profile_from(site, start_url, found.categories, found.article_patterns, found.sitemap)
        notes = {"summary": {"discovery_requests": found.requests, "profile": "learned in this run"}}
    else:
        store_after = None
        profile = profile_from(site, stored[0], stored[1], stored[2], stored[3])
    result = run_crawl(site, base, db, profile=profile, notes=notes, **options)
    if store_after is not None:
        store(db, site, store_after)
        return result
    summary = result.summary
    failed_listings = summary.get("empty_listings", 0) + summary.get("errors", {}).get("listings_lost", 0)
    if failed_listings >= max(1, len(profile.categories)) and not summary.get("articles_new"):
        # Scrapy runs once per process: the run is recorded as it went, with the alarm; the next one crawls
        # with what is learned now.
        found = learn(start_url, delay)
        if found.categories:
            store(db, site, found, relearned=True)
            alarm = (
                f"{site}: the learned profile found no articles on its {len(stored[1])} listing(s); learned "
                f"the portal again from {start_url} ({len(found.categories)} categories): the next run crawls "
                "with it"
            )
            return _with_alarm(db, result, alarm, found.requests)
    return result


def _with_alarm(db: str, result, alarm: str, requests: int):
    """The run's result and its row in crawl_runs with one more alarm (degraded, exit 1)."""
    from crawler.run import EXIT_DEGRADED, RunResult

    alarms = [*result.alarms, alarm]
    status = result.status if result.status != "ok" else "degraded"
    exit_code = max(result.exit_code, EXIT_DEGRADED)
    summary = result.summary | {"alarms": alarms, "status": status, "exit_code": exit_code,
                                "profile": "learned again", "discovery_requests": requests}  # fmt: skip
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(
                "update crawl_runs set alarms = ?, status = ?, exit_code = ? where id = ?",
                [json.dumps(alarms, ensure_ascii=False), status, exit_code, summary.get("run_id")],
            )
    finally:
        conn.close()
    return RunResult(summary, status, exit_code, alarms)


def _exists(db: str) -> bool:
    from pathlib import Path

    return Path(db).exists()
