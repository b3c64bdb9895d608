"""The archive database: schema, full-text index and upserts that never half-write (sqlite-utils)."""

from __future__ import annotations

import hashlib
import json
import os
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
    "seconds": float, "failures": str,
}  # fmt: skip
# Fields whose change makes a new version of an article: what the portal shows. Entities are derived
# from them (reextract refreshes those); fetched_at and url are not content.
CONTENT_FIELDS = ("title", "published_at", "category", "lead", "body", "captions", "images", "source")
JSON_FIELDS = ("captions", "images")
ENTITY_FIELDS = ("people", "provinces", "provinces_now", "organisations", "documents")
LINK_TABLES = ("article_people", "article_places", "article_organisations", "article_documents")
FTS_COLUMNS = ["title", "lead", "body", "search_text"]
# Columns a reader filters the articles table on, each with its own newest-first index.
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
            articles.enable_fts(
                FTS_COLUMNS,
                fts_version="FTS5",
                create_triggers=True,
                tokenize="unicode61 remove_diacritics 2",
            )
        self._ensure_sort_indexes()
        self._ensure_entity_tables()
        self._ensure_crawl_tables()

    def _ensure_sort_indexes(self) -> None:
        """Newest-first indexes with the key as tie-breaker, alone and under each column people filter on.

        Datasette 0.65 orders a table's first page by the sort column alone and the pages after it by the
        column then the key; with many articles on one date (date-only datelines) the first page's order of
        ties was the scan's, and paging or a streamed CSV repeated some articles and skipped others. Read
        through these indexes, every page has the order the next pages assume. Replaces the one-column
        indexes of archives made before (a minute at 1M articles, once)."""
        conn = self.db.conn
        existing = {row[1] for row in conn.execute("pragma index_list(articles)")}
        wanted = {"idx_articles_newest": ""} | {f"idx_articles_{c}_newest": f"{c}, " for c in SORT_FILTERS}
        if set(wanted) <= existing:
            return
        with conn:
            for name, prefix in wanted.items():
                conn.execute(f"create index if not exists {name} on articles ({prefix}published_at desc, id)")
            for column in ("published_at", *SORT_FILTERS):
                conn.execute(f"drop index if exists idx_articles_{column}")

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
        elif "failures" not in db["crawl_runs"].columns_dict:
            db["crawl_runs"].add_column("failures", str)  # archives made before failures were kept by kind

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

    def upsert_articles(self, records: Iterable[dict]) -> UpsertCounts:
        """Store a batch in one transaction: new rows inserted, changed rows updated, the rest untouched."""
        records_list = list(records)
        rows = [self._row(r) for r in records_list]
        counts = UpsertCounts()
        if not rows:
            return counts
        ids = [r["id"] for r in rows]
        marks = ",".join("?" * len(ids))
        known = {
            row[0]: (row[1], row[2], row[3])
            for row in self.db.execute(
                f"select id, content_hash, first_seen_at, url from articles where id in ({marks})", ids
            )
        }
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
        insert_sql = f"insert into articles ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"
        update_sql = f"update articles set {', '.join(f'{c} = ?' for c in columns[1:])} where id = ?"
        with self.db.conn:  # one transaction: the whole batch or nothing
            if changed_ids:  # keep the version being replaced
                self.db.conn.execute(
                    f"insert into article_revisions (article_id, {', '.join(REVISION_COLUMNS)}, seen_from, replaced_at) "
                    f"select id, {', '.join(REVISION_COLUMNS)}, fetched_at, ? from articles "
                    f"where id in ({','.join('?' * len(changed_ids))})",
                    [now, *changed_ids],
                )
            self.db.conn.executemany(insert_sql, [[r.get(c) for c in columns] for r in inserts])
            self.db.conn.executemany(
                update_sql, [[r.get(c) for c in columns[1:]] + [r["id"]] for r in updates]
            )
            by_id = {r["id"]: r for r in records_list}
            self._write_entities([by_id[r["id"]] for r in inserts + updates])
        counts.new, counts.updated = len(inserts), len(updates)
        return counts

    def _write_entities(self, records: list[dict]) -> None:
        """Replace the entity links of these articles (inside the caller's transaction)."""
        conn = self.db.conn
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
        with self.db.conn:
            self.db.conn.executemany(sql, [[row.get(c) for c in columns] + [row["id"]] for row in rows])
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
