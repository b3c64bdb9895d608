"""The archive database: schema, full-text index and upserts that never half-write (sqlite-utils)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import sqlite_utils

from crawler.search import search_text

# Short columns first, long text last: a filter or facet on the short ones then reads a row's first page,
# not its overflow pages (at 100k articles a province filter read every body on the way: 2.2 s).
ARTICLE_COLUMNS = {
    "id": str,
    "url": str,
    "site": str,
    "category": str,
    "title": str,
    "published_at": str,
    "published_year": int,
    "source": str,
    "people": str,
    "provinces": str,
    "provinces_now": str,
    "organisations": str,
    "documents": str,
    "extracted_by": str,
    "content_hash": str,
    "etag": str,
    "last_modified": str,
    "fetched_at": str,
    "first_seen_at": str,
    "updated_at": str,
    "lead": str,
    "captions": str,
    "images": str,
    "body": str,
    "search_text": str,
}
REVISION_COLUMNS = ("title", "published_at", "category", "lead", "body", "captions", "source", "content_hash")
RUN_COLUMNS = {
    "id": int, "site": str, "mode": str, "base_url": str, "started_at": str, "ended_at": str, "status": str,
    "exit_code": int, "requests": int, "responses": str, "new": int, "updated": int, "unchanged": int,
    "not_modified": int, "errors": str, "errors_total": int, "bytes": int, "alarms": str, "finish_reason": str,
    "seconds": float, "failures": str, "warnings": str,
}  # fmt: skip
# Fields whose change makes a new version of an article: what the portal shows. Entities are derived
# from them (reextract refreshes those); fetched_at and url are not content.
CONTENT_FIELDS = ("title", "published_at", "category", "lead", "body", "captions", "images", "source")
JSON_FIELDS = ("captions", "images")
ENTITY_FIELDS = ("people", "provinces", "provinces_now", "organisations", "documents")
LINK_TABLES = ("article_people", "article_places", "article_organisations", "article_documents")
# The index holds the folded copy only: the tokenizer strips the other marks, and queries are folded the
# same way (crawler.search), so indexing the accented text as well doubled the indexing cost for nothing.
FTS_COLUMNS = ["search_text"]
# An article's rowid is its publication time, YYYYMMDDHHMMSS, times ROWID_SLOTS, plus a sequence number for
# articles of the same second. The full-text index shares the rowids, so it lists matches newest first by
# itself: "the newest articles that match" stops after a page of them instead of visiting every match
# (a common word at a million articles: 0.2 ms against 1.5 s through the date index).
ROWID_SLOTS = 100_000
# Undated articles take rowids from here up, below every dated one (and above the rowids SQLite gave
# articles in archives made before, which the migration renumbers).
UNDATED_FIRST = 10**12
UNDATED_LAST = 10**13 - 1
SCHEMA_VERSION = 2  # PRAGMA user_version: 2 = rowids are publication times, one-column full-text index
# The writer's page cache: an archive's indexes outgrow SQLite's default 2 MB long before a million
# articles, and every insert then reads index pages back from the file.
CACHE_KIB = 64 * 1024
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
log = logging.getLogger(__name__)
# Columns a reader filters the articles table on, each with its own index (newest first in rowid order);
# their articles per value are kept in article_counts for the table page's facets.
SORT_FILTERS = ("site", "category", "published_year")


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


def entity_columns(record: dict) -> dict[str, str]:
    """The JSON arrays of names kept on each article, so Datasette can facet on them (_facet_array)."""
    locations = record.get("locations") or []
    values = {
        "people": [p["name"] for p in record.get("people") or []],
        "provinces": list(dict.fromkeys(p["province"] for p in locations if p.get("province"))),
        "provinces_now": list(dict.fromkeys(p["province_now"] for p in locations if p.get("province_now"))),
        "organisations": [o["name"] for o in record.get("organisations") or []],
        "documents": [d["key"] for d in record.get("documents") or []],
    }
    return {k: json.dumps(v, ensure_ascii=False) for k, v in values.items()}


def province_rows() -> list[dict]:
    """Every province before and after the merger, with its successor and centroid (for the map)."""
    from crawler.data.gazetteer import load

    gaz = load()
    rows = {
        p.name: {"name": p.name, "kind": p.kind, "province_now": p.now, "current": int(p.current),
                 "latitude": p.lat, "longitude": p.lon}
        for p in gaz.legacy.values()
    }  # fmt: skip
    for p in gaz.current.values():
        rows[p.name] = {"name": p.name, "kind": p.kind, "province_now": p.name, "current": 1,
                        "latitude": p.lat, "longitude": p.lon}  # fmt: skip
    return list(rows.values())


def date_key(published_at: str | None) -> tuple[int, int]:
    """The rowid range an article published at this time takes (first, last): ordered as the dates are."""
    match = _DATETIME.match(published_at or "")
    if match:
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
        first = (
            ((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second
        ) * ROWID_SLOTS
        if UNDATED_LAST < first < 2**63 - ROWID_SLOTS:
            return first, first + ROWID_SLOTS - 1
    return UNDATED_FIRST, UNDATED_LAST


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(record: dict) -> str:
    """A hash of the fields a reader sees, so a recrawl can tell a real change from a refetch."""
    payload = {k: record.get(k) for k in CONTENT_FIELDS}
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class Archive:
    """One archive file: open it, make sure the schema is there, upsert articles in batches."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            self._create()
        self.db = sqlite_utils.Database(self.path)
        # Readers (Datasette) see committed rows while a crawl writes; writers wait instead of failing.
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.enable_wal()
        self.ensure_schema()

    def _create(self) -> None:
        """Build a new archive's whole schema in a side file, then link it into place: the schema takes several
        commits, and a run killed between them left an archive no later run could repair."""
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        db = sqlite_utils.Database(partial)
        try:
            self.db = db
            db.enable_wal()
            self.ensure_schema()
            db.close()  # the last connection: the WAL is folded into the file and removed
            try:
                os.link(partial, self.path)  # never replaces an archive another process made meanwhile
            except FileExistsError:
                pass
        finally:
            db.close()
            for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
                leftover.unlink(missing_ok=True)

    def ensure_schema(self) -> None:
        articles = self.db["articles"]
        if not articles.exists():
            articles.create(ARTICLE_COLUMNS, pk="id", not_null={"url", "site", "title", "body"})
            articles.create_index(["url"], unique=True, if_not_exists=True)
            with self.db.conn:
                self.db.conn.execute("begin")
                self._create_fts()
                self.db.conn.execute(f"pragma user_version = {SCHEMA_VERSION}")
        self._ensure_date_keys()
        self._ensure_sort_indexes()
        self._ensure_column_counts()
        self._ensure_entity_tables()
        self._ensure_crawl_tables()

    def _create_fts(self) -> None:
        """The full-text index on the folded copy, kept current by triggers (inside the caller's transaction).

        Hand-written rather than sqlite-utils' enable_fts: that commits on its own, and its update trigger
        reindexes an article whose text did not change (every entity refresh)."""
        columns = ", ".join(FTS_COLUMNS)
        new_values = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
        old_values = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
        changed = " or ".join(f"old.{c} is not new.{c}" for c in FTS_COLUMNS)
        delete = f"insert into articles_fts (articles_fts, rowid, {columns}) values ('delete', old.rowid, {old_values});"
        insert = f"insert into articles_fts (rowid, {columns}) values (new.rowid, {new_values});"
        for sql in (
            f"create virtual table articles_fts using fts5 ({columns}, "
            "tokenize='unicode61 remove_diacritics 2', content=[articles])",
            f"create trigger articles_ai after insert on articles begin {insert} end",
            f"create trigger articles_ad after delete on articles begin {delete} end",
            f"create trigger articles_au after update on articles when old.rowid != new.rowid or {changed} "
            f"begin {delete} {insert} end",
        ):
            self.db.conn.execute(sql)

    def _ensure_date_keys(self) -> None:
        """Archives made before rowids were publication times: renumber the articles and rebuild the
        full-text index on the folded copy alone, in one transaction (once; 17 s at 100,000 articles)."""
        conn = self.db.conn
        if conn.execute("pragma user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        log.warning("%s: numbering articles by publication time and rebuilding the search index", self.path)
        with conn:
            conn.execute("begin immediate")
            for trigger in ("articles_ai", "articles_ad", "articles_au"):
                conn.execute(f"drop trigger if exists {trigger}")
            conn.execute("drop table if exists articles_fts")
            rows = conn.execute(
                "select rowid, published_at from articles order by published_at, id"
            ).fetchall()
            # Every old rowid is below UNDATED_FIRST, so no new number meets an old one on the way.
            moves = zip(self._allocate([r[1] for r in rows], fresh=True), (r[0] for r in rows), strict=True)
            conn.executemany("update articles set rowid = ? where rowid = ?", moves)
            self._create_fts()
            conn.execute("insert into articles_fts (articles_fts) values ('rebuild')")
            conn.execute(f"pragma user_version = {SCHEMA_VERSION}")

    def _allocate(self, dates: list[str | None], fresh: bool = False) -> list[int]:
        """A free rowid for each publication time, in order (see ROWID_SLOTS). `fresh`: number from
        nothing, ignoring the rowids in the table (the renumbering)."""
        last: dict[int, int] = {}
        keys = []
        for published in dates:
            first, top = date_key(published)
            if first not in last:
                found = None
                if not fresh:
                    found = self.db.conn.execute(
                        "select rowid from articles where rowid between ? and ? order by rowid desc limit 1",
                        [first, top],
                    ).fetchone()
                last[first] = found[0] if found else first - 1
            if last[first] >= top:
                raise ValueError(f"more than {ROWID_SLOTS:,} articles published at {published}")
            last[first] += 1
            keys.append(last[first])
        return keys

    def _rekey(self, rows: list[dict], rowids: dict[str, int]) -> None:
        """Move stored articles whose publication time changed to a rowid of their new time."""
        moved = []
        for row in rows:
            first, last = date_key(row.get("published_at"))
            if not first <= rowids[row["id"]] <= last:
                moved.append(row)
        keys = self._allocate([r.get("published_at") for r in moved])
        self.db.conn.executemany(
            "update articles set rowid = ? where id = ?",
            [[k, r["id"]] for k, r in zip(keys, moved, strict=True)],
        )

    def _ensure_sort_indexes(self) -> None:
        """The indexes the table page reads newest first: one on each column people filter on, whose
        entries under a value are in rowid order, which is publication order (a filtered page stops after
        its first rows instead of sorting every match: `site = 'bocongan'` at 1M articles took 2.5 s
        through an index in date order), and one on the date itself for date ranges.

        Replaces the (column, date, key) indexes of archives made before rowids were publication times,
        and the older one-column date index (once, on open)."""
        conn = self.db.conn
        existing = {row[1] for row in conn.execute("pragma index_list(articles)")}
        wanted = {"idx_articles_newest": "published_at desc, id"} | {
            f"idx_articles_{c}": c for c in SORT_FILTERS
        }
        stale = {"idx_articles_published_at"} | {f"idx_articles_{c}_newest" for c in SORT_FILTERS}
        if set(wanted) <= existing and not stale & existing:
            return
        with conn:
            for name, columns in wanted.items():
                conn.execute(f"create index if not exists {name} on articles ({columns})")
            for name in stale:
                conn.execute(f"drop index if exists {name}")

    def _ensure_crawl_tables(self) -> None:
        """Earlier versions of changed articles, links that lead nowhere, and a record of every run."""
        db = self.db
        if not db["article_revisions"].exists():
            db["article_revisions"].create(
                {
                    "id": int,
                    "article_id": str,
                    **{c: str for c in REVISION_COLUMNS},
                    "seen_from": str,
                    "replaced_at": str,
                },
                pk="id",
                foreign_keys=[("article_id", "articles", "id")],
            )
            db["article_revisions"].create_index(["article_id"], if_not_exists=True)
        if not db["dead_links"].exists():
            db["dead_links"].create(
                {
                    "key": str,
                    "url": str,
                    "site": str,
                    "reason": str,
                    "status": int,
                    "first_seen_at": str,
                    "last_seen_at": str,
                },
                pk="key",
            )
        if not db["crawl_runs"].exists():
            db["crawl_runs"].create(RUN_COLUMNS, pk="id")
        else:
            for column in ("failures", "warnings"):  # archives made before these were kept
                if column not in db["crawl_runs"].columns_dict:
                    db["crawl_runs"].add_column(column, str)

    def start_run(self, site: str, mode: str, base_url: str) -> tuple[int, str | None]:
        """Record a run as started; runs left 'running' by a killed process become 'interrupted'.

        Returns (run id, status of the site's previous run or None). Call only while holding the lock.
        """
        with self.db.conn:
            self.db.conn.execute(
                "update crawl_runs set status = 'interrupted' where status = 'running' and site = ?", [site]
            )
            previous = self.db.conn.execute(
                "select status from crawl_runs where site = ? order by id desc limit 1", [site]
            ).fetchone()
            cursor = self.db.conn.execute(
                "insert into crawl_runs (site, mode, base_url, started_at, status) values (?, ?, ?, ?, 'running')",
                [site, mode, base_url, utc_now()],
            )
        return cursor.lastrowid, previous[0] if previous else None

    def finish_run(self, run_id: int, values: dict) -> None:
        """Record how a run ended."""
        values = {
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
            for k, v in values.items()
        }
        values["ended_at"] = utc_now()
        with self.db.conn:
            self.db.conn.execute(
                f"update crawl_runs set {', '.join(f'{k} = ?' for k in values)} where id = ?",
                [*values.values(), run_id],
            )

    def add_dead_links(self, links: list[dict]) -> None:
        """Remember article links that answered an error or held no article, so nightly runs skip them."""
        now = utc_now()
        with self.db.conn:
            self.db.conn.executemany(
                "insert into dead_links (key, url, site, reason, status, first_seen_at, last_seen_at) "
                "values (?, ?, ?, ?, ?, ?, ?) on conflict(key) do update set last_seen_at = excluded.last_seen_at, "
                "reason = excluded.reason, status = excluded.status",
                [[d["key"], d["url"], d["site"], d["reason"], d.get("status"), now, now] for d in links],
            )

    def _ensure_entity_tables(self) -> None:
        """Entities and their links to articles: one row per article and entity, with the mention's qualifiers."""
        db = self.db
        if db["people"].exists():
            self._ensure_dated_links()
            return
        db["people"].create({"name": str}, pk="name")
        db["organisations"].create({"name": str}, pk="name")
        db["documents"].create(
            {"key": str, "kind": str, "number": str, "code": str, "date": str, "issuer": str}, pk="key"
        )
        db["places"].create(
            {
                "name": str,
                "kind": str,
                "province_now": str,
                "current": int,
                "latitude": float,
                "longitude": float,
            },
            pk="name",
        )
        db["places"].insert_all(province_rows(), replace=True)
        article = ("article_id", "articles", "id")
        db["article_people"].create(
            {
                "article_id": str,
                "person": str,
                "ranks": str,
                "posts": str,
                "mentions": int,
                "published_at": str,
            },
            pk=("article_id", "person"),
            foreign_keys=[article, ("person", "people", "name")],
        )
        db["article_places"].create(
            {
                "article_id": str,
                "place": str,
                "kind": str,
                "province": str,
                "province_now": str,
                "mentions": int,
                "published_at": str,
            },
            pk=("article_id", "place"),
            foreign_keys=[article, ("province", "places", "name"), ("province_now", "places", "name")],
        )
        db["article_organisations"].create(
            {"article_id": str, "organisation": str, "mentions": int},
            pk=("article_id", "organisation"),
            foreign_keys=[article, ("organisation", "organisations", "name")],
        )
        db["article_documents"].create(
            {"article_id": str, "document": str, "mentions": int},
            pk=("article_id", "document"),
            foreign_keys=[article, ("document", "documents", "key")],
        )
        for table, column in (
            ("article_organisations", "organisation"),
            ("article_documents", "document"),
        ):
            db[table].create_index([column], if_not_exists=True)
        self._ensure_dated_links()

    def _ensure_dated_links(self) -> None:
        """Person and province links carry their article's date, indexed with the name, so "newest articles
        about X" and its chart read an index range instead of every article about X (4.3 s at 1M articles).
        Archives made before get the column filled once, on open."""
        db = self.db
        for table, names in (
            ("article_people", ["person"]),
            ("article_places", ["province", "province_now"]),
        ):
            if "published_at" not in db[table].columns_dict:
                with db.conn:
                    db.conn.execute(f"alter table {table} add column published_at text")
                    db.conn.execute(
                        f"update {table} set published_at = "
                        f"(select published_at from articles where articles.id = {table}.article_id)"
                    )
            for name in names:
                db[table].create_index([name, "published_at"], if_not_exists=True)
        # A province's links under the names its pages use: today's name for every link, and the name then
        # where it differs (a province merged in 2025); each arm is read through its (name, date) index.
        db.execute(  # the second arm's own index: only the links whose province has a new name
            "create index if not exists idx_article_places_merged on article_places (province, published_at) "
            "where province != province_now"
        )
        db.execute(
            "create view if not exists province_links as "
            "select article_id, place, province, province_now, published_at, province_now as name "
            "from article_places "
            "union all select article_id, place, province, province_now, published_at, province as name "
            "from article_places where province != province_now"
        )
        self._ensure_month_counts()

    def _ensure_column_counts(self) -> None:
        """Articles per site, category and year, kept with the rows they count, so the table page's facets
        need not count a million rows (357 ms at 1M articles). Archives made before get them counted on open."""
        conn = self.db.conn
        if self.db["article_counts"].exists():
            return
        with conn:
            conn.execute("begin immediate")
            conn.execute(
                "create table article_counts (facet text not null, value not null, articles integer not null, "
                "primary key (facet, value)) without rowid"
            )
            for column in SORT_FILTERS:
                conn.execute(
                    f"insert into article_counts select '{column}', {column}, count(*) from articles "
                    f"where {column} is not null group by {column}"
                )

    def _count_columns(self, ids: list[str], sign: int, counts: dict) -> None:
        """Add (sign 1) or take away (-1) these stored articles' site, category and year from the counts."""
        listed = json.dumps(ids, ensure_ascii=False)
        for row in self.db.conn.execute(
            f"select {', '.join(SORT_FILTERS)} from articles where id in (select value from json_each(?))",
            [listed],
        ):
            for column, value in zip(SORT_FILTERS, row, strict=True):
                if value is not None:
                    counts[column, value] = counts.get((column, value), 0) + sign

    def _add_counts(self, table: str, key: str, second: str, counts: dict) -> None:
        """Add each (key, second) cell's change to a kept count; cells that reach nothing leave the table."""
        changed = [[*cell, n] for cell, n in counts.items() if n]
        self.db.conn.executemany(
            f"insert into {table} ({key}, {second}, articles) values (?, ?, ?) "
            f"on conflict ({key}, {second}) do update set articles = articles + excluded.articles",
            changed,
        )
        self.db.conn.executemany(
            f"delete from {table} where {key} = ? and {second} = ? and articles <= 0",
            [cell[:2] for cell in changed if cell[2] < 0],
        )

    def _ensure_month_counts(self) -> None:
        """Articles per person and per province by month, kept with the links they count, so a page's chart
        reads a few hundred rows, not every article about its subject (1.1 s at a million articles).
        Archives made before get them counted once, on open. Month '' holds the undated articles."""
        conn = self.db.conn
        if self.db["province_months"].exists():
            return
        with conn:
            conn.execute("begin immediate")
            for table, key in (("person_months", "person"), ("province_months", "name")):
                conn.execute(
                    f"create table {table} ({key} text not null, month text not null, "
                    f"articles integer not null, primary key ({key}, month)) without rowid"
                )
            conn.execute(
                "insert into person_months select person, coalesce(substr(published_at, 1, 7), ''), count(*) "
                "from article_people group by 1, 2"
            )
            conn.execute(
                "insert into province_months select name, coalesce(substr(published_at, 1, 7), ''), "
                "count(distinct article_id) from province_links where name is not null group by 1, 2"
            )

    def _count_months(self, ids: list[str], sign: int, counts: dict) -> None:
        """Add (sign 1) or take away (-1) the stored links of these articles from the month counts."""
        conn = self.db.conn
        people, places = counts.setdefault("person", {}), counts.setdefault("name", {})
        listed = json.dumps(ids, ensure_ascii=False)
        for person, month in conn.execute(
            "select person, coalesce(substr(published_at, 1, 7), '') from article_people "
            "where article_id in (select value from json_each(?))",
            [listed],
        ):
            people[person, month] = people.get((person, month), 0) + sign
        seen = set()  # an article counts once per province, however many of its places (no GROUP BY in SQL:
        # it stops SQLite reading the view's two arms through the article_id index, and each batch scanned all)
        for article_id, name, month in conn.execute(
            "select article_id, name, coalesce(substr(published_at, 1, 7), '') from province_links "
            "where article_id in (select value from json_each(?)) and name is not null",
            [listed],
        ):
            if (article_id, name) not in seen:
                seen.add((article_id, name))
                places[name, month] = places.get((name, month), 0) + sign

    def upsert_articles(self, records: Iterable[dict]) -> UpsertCounts:
        """Store a batch in one transaction: new rows inserted, changed rows updated, the rest untouched.
        An article given twice in the batch is stored once, as its last version."""
        records_list = list({r["id"]: r for r in records}.values())
        rows = [self._row(r) for r in records_list]
        counts = UpsertCounts()
        if not rows:
            return counts
        ids = [r["id"] for r in rows]
        marks = ",".join("?" * len(ids))
        known, rowids = {}, {}
        for row in self.db.execute(
            f"select id, content_hash, first_seen_at, url, rowid from articles where id in ({marks})", ids
        ):
            known[row[0]], rowids[row[0]] = (row[1], row[2], row[3]), row[4]
        changed_ids = [r["id"] for r in rows if r["id"] in known and known[r["id"]][0] != r["content_hash"]]
        now = utc_now()
        inserts, updates = [], []
        for row in rows:
            old = known.get(row["id"])
            if old is None:
                row["first_seen_at"] = row["updated_at"] = now
                inserts.append(row)
            elif old[0] != row["content_hash"] or old[2] != row["url"]:
                row["first_seen_at"], row["updated_at"] = old[1], now
                updates.append(row)
            else:
                counts.unchanged += 1
                continue
            known[row["id"]] = (row["content_hash"], row["first_seen_at"], row["url"])
        columns = list(ARTICLE_COLUMNS)
        # Plain SQL here: sqlite-utils' insert() and update() commit on their own, which would split the batch.
        insert_sql = (
            f"insert into articles (rowid, {', '.join(columns)}) values (?, {', '.join('?' * len(columns))})"
        )
        update_sql = f"update articles set {', '.join(f'{c} = ?' for c in columns[1:])} where id = ?"
        written = [r["id"] for r in inserts + updates]
        columns_counted: dict = {}
        with self.db.conn:  # one transaction: the whole batch or nothing
            self._count_columns([r["id"] for r in updates], -1, columns_counted)
            if changed_ids:  # keep the version being replaced
                self.db.conn.execute(
                    f"insert into article_revisions (article_id, {', '.join(REVISION_COLUMNS)}, seen_from, replaced_at) "
                    f"select id, {', '.join(REVISION_COLUMNS)}, fetched_at, ? from articles "
                    f"where id in ({','.join('?' * len(changed_ids))})",
                    [now, *changed_ids],
                )
            keys = self._allocate([r.get("published_at") for r in inserts])
            # In rowid order: FTS5 writes its pending terms out whenever a rowid is lower than the last one.
            keyed = sorted(zip(keys, inserts, strict=True), key=lambda pair: pair[0])
            self.db.conn.executemany(insert_sql, [[k, *(r.get(c) for c in columns)] for k, r in keyed])
            self.db.conn.executemany(
                update_sql, [[r.get(c) for c in columns[1:]] + [r["id"]] for r in updates]
            )
            self._rekey(updates, rowids)
            self._count_columns(written, 1, columns_counted)
            self._add_counts("article_counts", "facet", "value", columns_counted)
            by_id = {r["id"]: r for r in records_list}
            self._write_entities([by_id[r["id"]] for r in inserts + updates])
        counts.new, counts.updated = len(inserts), len(updates)
        return counts

    def _write_entities(self, records: list[dict]) -> None:
        """Replace the entity links of these articles (inside the caller's transaction)."""
        conn = self.db.conn
        months: dict = {}
        self._count_months([r["id"] for r in records], -1, months)
        ids = [[r["id"]] for r in records]
        for table in LINK_TABLES:
            conn.executemany(f"delete from {table} where article_id = ?", ids)
        dumps = partial(json.dumps, ensure_ascii=False)
        for r in records:
            aid = r["id"]
            people = r.get("people") or []
            conn.executemany("insert or ignore into people (name) values (?)", [[p["name"]] for p in people])
            published = r.get("published_at")
            conn.executemany(
                "insert into article_people (article_id, person, ranks, posts, mentions, published_at) "
                "values (?, ?, ?, ?, ?, ?)",
                [
                    [
                        aid,
                        p["name"],
                        dumps(p.get("ranks", [])),
                        dumps(p.get("posts", [])),
                        p.get("mentions", 1),
                        published,
                    ]
                    for p in people
                ],
            )
            conn.executemany(
                "insert or replace into article_places "
                "(article_id, place, kind, province, province_now, mentions, published_at) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        aid,
                        p["name"],
                        p.get("kind"),
                        p.get("province"),
                        p.get("province_now"),
                        p.get("mentions", 1),
                        published,
                    ]
                    for p in r.get("locations") or []
                ],
            )
            orgs = r.get("organisations") or []
            conn.executemany(
                "insert or ignore into organisations (name) values (?)", [[o["name"]] for o in orgs]
            )
            conn.executemany(
                "insert into article_organisations (article_id, organisation, mentions) values (?, ?, ?)",
                [[aid, o["name"], o.get("mentions", 1)] for o in orgs],
            )
            docs = r.get("documents") or []
            conn.executemany(
                "insert or ignore into documents (key, kind, number, code, date, issuer) values (?, ?, ?, ?, ?, ?)",
                [
                    [d["key"], d.get("kind"), d.get("number"), d.get("code"), d.get("date"), d.get("issuer")]
                    for d in docs
                ],
            )
            conn.executemany(
                "insert into article_documents (article_id, document, mentions) values (?, ?, ?)",
                [[aid, d["key"], d.get("mentions", 1)] for d in docs],
            )
        self._count_months([r["id"] for r in records], 1, months)
        self._add_counts("person_months", "person", "month", months.get("person", {}))
        self._add_counts("province_months", "name", "month", months.get("name", {}))

    def replace_entities(self, records: list[dict]) -> None:
        """Store freshly extracted entities for stored articles (reextract), one transaction per call."""
        entity_sql = f"update articles set {', '.join(f'{c} = ?' for c in ENTITY_FIELDS)} where id = ?"
        with self.db.conn:
            self.db.conn.executemany(
                entity_sql, [[entity_columns(r)[c] for c in ENTITY_FIELDS] + [r["id"]] for r in records]
            )
            self._write_entities(records)

    def replace_extracted(self, records: list[dict]) -> None:
        """Rewrite the extracted fields and entities of stored articles (reextract from raw pages), one transaction.

        Fetch history (first_seen_at, updated_at, fetch metadata) is kept: the portal did not change.
        """
        kept = {"id", "first_seen_at", "updated_at", "etag", "last_modified", "fetched_at"}
        columns = [c for c in ARTICLE_COLUMNS if c not in kept]
        rows = [self._row(r) for r in records]
        sql = f"update articles set {', '.join(f'{c} = ?' for c in columns)} where id = ?"
        ids = [row["id"] for row in rows]
        with self.db.conn:
            rowids = dict(
                self.db.conn.execute(
                    f"select id, rowid from articles where id in ({','.join('?' * len(ids))})", ids
                ).fetchall()
            )
            columns_counted: dict = {}
            self._count_columns(list(rowids), -1, columns_counted)
            self.db.conn.executemany(sql, [[row.get(c) for c in columns] + [row["id"]] for row in rows])
            self._rekey([row for row in rows if row["id"] in rowids], rowids)
            self._count_columns(list(rowids), 1, columns_counted)
            self._add_counts("article_counts", "facet", "value", columns_counted)
            self._write_entities(records)

    @staticmethod
    def _row(record: dict) -> dict:
        row = {k: record.get(k) for k in ARTICLE_COLUMNS if k in record}
        for key in JSON_FIELDS:
            row[key] = json.dumps(record.get(key) or [], ensure_ascii=False)
        row.update(entity_columns(record))
        captions = " ".join(record.get("captions") or [])
        row["search_text"] = search_text(
            record.get("title"), record.get("lead"), record.get("body"), captions
        )
        published = record.get("published_at")
        row["published_year"] = int(published[:4]) if published else None
        row["content_hash"] = content_hash(row)
        return row

    def count(self) -> int:
        return self.db["articles"].count

    def close(self) -> None:
        self.db.close()
