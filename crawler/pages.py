"""Raw fetched pages kept gzip-compressed in SQLite beside the archive, so fields can be rebuilt offline; WARC export."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
GZIP_LEVEL = 6
# Seconds a writer waits for another connection's lock before failing (crawler, reextract and export may overlap).
BUSY_TIMEOUT = 30.0
REQUIRED_KEYS = ("url", "status", "headers", "body", "fetched_at")

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL CHECK (url <> ''),
    article_id TEXT,
    status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599),
    headers TEXT NOT NULL CHECK (json_valid(headers) AND json_type(headers) = 'object'),
    body BLOB NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    fetched_at TEXT NOT NULL CHECK (fetched_at <> ''),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE INDEX IF NOT EXISTS pages_url ON pages (url);
"""
COLUMNS = "url, article_id, status, headers, body, fetched_at, sha256"
# The newest version of each URL is the one with no later row for the same URL; the index on url
# (which carries the rowid) answers that per row, so the scan streams in id order without a sort.
LATEST_SQL = f"""
SELECT {COLUMNS} FROM pages AS p
WHERE NOT EXISTS (SELECT 1 FROM pages AS q WHERE q.url = p.url AND q.id > p.id)
ORDER BY p.id
"""
ALL_SQL = f"SELECT {COLUMNS} FROM pages ORDER BY id"

# Headers that describe the transfer rather than the stored (already decoded, de-chunked) body, so they
# would make WARC readers mis-decode it; Content-Length is recomputed from the stored body.
DROPPED_WARC_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
WARC_VERSION = "1.1"
# An HTTP field name (RFC 9110 token); anything else could not be written as a header line.
HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def pages_path(archive_path: str | Path) -> Path:
    """The page store that belongs to an archive: archive.db -> archive.pages.db (same folder)."""
    archive = Path(archive_path)
    return archive.with_name(f"{archive.stem}.pages{archive.suffix or '.db'}")


@dataclass(frozen=True)
class StoredPage:
    """One stored version of a fetched page, body decompressed."""

    url: str
    article_id: str | None
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    sha256: str


def _text(value: Any) -> str:
    """A header name or value as text: bytes decoded as UTF-8, else Latin-1 (which never fails)."""
    if isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    return str(value)


def normalize_headers(headers: Mapping[Any, Any]) -> dict[str, str]:
    """Headers as str -> str; list values (and names differing only in case) joined with ", "."""
    if not isinstance(headers, Mapping):
        raise TypeError(f"headers must be a mapping, not {type(headers).__name__}")
    out: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for raw_name, raw_value in headers.items():
        name = _text(raw_name)
        values = raw_value if isinstance(raw_value, list | tuple) else [raw_value]
        value = ", ".join(_text(v) for v in values)
        key = spelling.setdefault(name.lower(), name)
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def normalize_fetched_at(value: str | datetime) -> str:
    """A fetch time as ISO 8601 in UTC (+00:00); a time without a zone is refused rather than guessed."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"fetched_at has no time zone: {value!r}")
    return moment.astimezone(UTC).isoformat()


def _row(page: Mapping[str, Any]) -> tuple[str, str | None, int, str, bytes, str, str, int]:
    """The column values of one page to insert; raises KeyError/TypeError/ValueError on a bad page."""
    missing = [key for key in REQUIRED_KEYS if key not in page]
    if missing:
        raise KeyError(f"page is missing {', '.join(missing)}: {page.get('url')!r}")
    url, body = page["url"], page["body"]
    if not isinstance(url, str):
        raise TypeError(f"url must be str, not {type(url).__name__}")
    # A str body would need an encoding guess; pages are stored exactly as the server sent them.
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError(f"body must be bytes, not {type(body).__name__}: {url}")
    body = bytes(body)
    article_id = page.get("article_id")
    headers = json.dumps(normalize_headers(page["headers"]), ensure_ascii=False)
    return (
        url,
        None if article_id is None else str(article_id),
        int(page["status"]),
        headers,
        body,
        normalize_fetched_at(page["fetched_at"]),
        hashlib.sha256(body).hexdigest(),
        len(body),
    )


def _connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode, so transactions are only the ones begun explicitly."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)


def _page(row: tuple) -> StoredPage:
    """A stored row as a StoredPage, body decompressed."""
    url, article_id, status, headers, body, fetched_at, sha256 = row
    return StoredPage(url, article_id, status, json.loads(headers), gzip.decompress(body), fetched_at, sha256)


class PageStore:
    """Raw fetched pages, gzip-compressed, in their own SQLite file (WAL, busy timeout) next to the archive."""

    def __init__(self, path: str | Path):
        """Open (creating if needed) the page store at path."""
        self.path = Path(path)
        self._conn = _connect(self.path)
        # WAL lets readers (reextract, export) run while the crawler writes; it is persistent in the file.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
        self._conn.executescript(f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;")

    def add_many(self, pages: list[dict]) -> int:
        """Store pages (keys: url, article_id, status, headers, body, fetched_at) in ONE transaction; a page whose
        (url, sha256) equals the latest stored version of that url is not stored again (returns how many were new)."""
        conn = self._conn
        new = 0
        # IMMEDIATE takes the write lock before the duplicate checks, so no other writer can slip in between.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for page in pages:
                url, article_id, status, headers, body, fetched_at, sha256, size = _row(page)
                latest = conn.execute(
                    "SELECT sha256 FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
                ).fetchone()
                if latest is not None and latest[0] == sha256:
                    continue
                compressed = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
                conn.execute(
                    "INSERT INTO pages (url, article_id, status, headers, body, size, fetched_at, sha256)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (url, article_id, status, headers, compressed, size, fetched_at, sha256),
                )
                new += 1
        except BaseException:
            # SQLite may already have rolled back by itself (e.g. disk full); a second ROLLBACK would hide the cause.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return new

    def _iter(self, sql: str) -> Iterator[StoredPage]:
        """Rows of sql as pages, one at a time, from a read connection of their own (one consistent snapshot)."""
        conn = _connect(self.path)
        try:
            for row in conn.execute(sql):
                yield _page(row)
        finally:
            conn.close()

    def latest(self) -> Iterator[StoredPage]:
        """The newest stored version of every URL, in insertion order of those versions; streams (does not load all)."""
        return self._iter(LATEST_SQL)

    def versions(self) -> Iterator[StoredPage]:
        """Every stored version of every URL, in insertion order; streams."""
        return self._iter(ALL_SQL)

    def latest_for(self, url: str) -> StoredPage | None:
        """The newest stored version of url, or None if it was never stored."""
        row = self._conn.execute(
            f"SELECT {COLUMNS} FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        ).fetchone()
        return None if row is None else _page(row)

    def count(self) -> int:
        """How many page versions are stored (all versions of all URLs)."""
        return self._conn.execute("SELECT count(*) FROM pages").fetchone()[0]

    def close(self) -> None:
        """Close the store's connection."""
        self._conn.close()

    def __enter__(self) -> PageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reason_phrase(status: int) -> str:
    """The standard reason phrase of an HTTP status code ("Unknown" for codes without one)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def warc_date(fetched_at: str) -> str:
    """fetched_at as a WARC-Date: UTC with Z, fractional seconds only when the fetch time has them (WARC 1.1)."""
    moment = datetime.fromisoformat(fetched_at).astimezone(UTC)
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def warc_http_headers(headers: Mapping[str, str], body_length: int) -> list[tuple[str, str]]:
    """Response headers as they fit the stored body: transfer/encoding headers dropped, Content-Length recomputed."""
    kept = [
        # A CR or LF in a value would end the header block early and corrupt the record.
        (name, " ".join(value.splitlines()))
        for name, value in headers.items()
        if name.lower() not in DROPPED_WARC_HEADERS and HEADER_NAME.fullmatch(name)
    ]
    return [*kept, ("Content-Length", str(body_length))]


def export_warc(store: PageStore, out: str | Path, *, all_versions: bool = False) -> int:
    """Write a gzipped WARC 1.0/1.1 file (warcinfo record first, then one 'response' record per page with its HTTP
    status line, headers and body, WARC-Target-URI and WARC-Date = fetched_at), readable by warcio's ArchiveIterator;
    returns the number of response records."""
    # Imported here so crawling and rebuilding do not need warcio, only exporting does.
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = Path(out)
    # Written under a temporary name and renamed at the end, so a failed export leaves no truncated WARC.
    partial = out.with_name(out.name + ".part")
    written = 0
    try:
        with partial.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True, warc_version=WARC_VERSION)
            info = writer.create_warcinfo_record(
                out.name,
                {
                    "software": "vn-ministry-news-archive crawler.pages",
                    "format": f"WARC File Format {WARC_VERSION}",
                    "description": "Article pages of Vietnamese ministry portals, as fetched by the crawler"
                    + (" (every stored version)" if all_versions else " (latest version of each URL)"),
                },
            )
            writer.write_record(info)
            info_id = info.rec_headers.get_header("WARC-Record-ID")
            pages = store.versions() if all_versions else store.latest()
            for page in pages:
                http_headers = StatusAndHeaders(
                    f"{page.status} {reason_phrase(page.status)}",
                    warc_http_headers(page.headers, len(page.body)),
                    protocol="HTTP/1.1",
                )
                record = writer.create_warc_record(
                    page.url,
                    "response",
                    payload=BytesIO(page.body),
                    length=len(page.body),
                    http_headers=http_headers,
                    warc_headers_dict={"WARC-Date": warc_date(page.fetched_at), "WARC-Warcinfo-ID": info_id},
                )
                writer.write_record(record)
                written += 1
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written
