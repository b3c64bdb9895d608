"""Backups of the archive and its page store: consistent copies taken while a crawl may run, and checked restores."""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from crawler.archive import ARTICLE_COLUMNS
from crawler.pages import pages_path
from crawler.run import archive_lock

DEFAULT_KEEP = 7
# Milliseconds a connection waits for a crawl's write lock before failing (a batch commit takes far less).
BUSY_TIMEOUT_MS = 30_000
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# A partial copy not written to for this long belongs to a backup that was killed, not one still running.
PARTIAL_QUIET_SECONDS = 600
# Tables an archive of ours has from its first open; the rest ensure_schema() adds to an older archive.
REQUIRED_TABLES = ("articles", "articles_fts")


class BackupError(Exception):
    """A backup or restore could not be done; nothing was replaced and no partial copy is left."""


class BackupUsageError(BackupError):
    """A path given is wrong: the database or copy does not exist, or the target folder cannot be written."""


class RestoreRefused(BackupError):
    """The copy offered for a restore failed its checks; the archive was left as it was."""


@dataclass
class BackupResult:
    path: Path
    pages_path: Path | None
    bytes: int
    articles: int
    pages: int | None
    seconds: float
    pruned: list[Path] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "path": str(self.path),
            "pages_path": str(self.pages_path) if self.pages_path else None,
            "bytes": self.bytes,
            "articles": self.articles,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "pruned": [str(p) for p in self.pruned],
        }


@dataclass
class RestoreResult:
    db: Path
    restored_from: Path
    articles: int
    pages: int | None
    replaced: Path | None
    seconds: float

    def summary(self) -> dict:
        return {
            "db": str(self.db),
            "restored_from": str(self.restored_from),
            "articles": self.articles,
            "pages": self.pages,
            "replaced": str(self.replaced) if self.replaced else None,
            "seconds": round(self.seconds, 2),
        }


def backup_pattern(stem: str) -> re.Pattern[str]:
    """Names of our complete backups of the archive <stem>.db: <stem>-YYYYMMDDTHHMMSSZ.db, sortable by time."""
    return re.compile(rf"{re.escape(stem)}-(\d{{8}}T\d{{6}}Z)\.db")


def list_backups(directory: str | Path, stem: str = "archive") -> list[Path]:
    """Complete backups of <stem>.db in directory, oldest first; hidden partial copies and other files are not ours."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    pattern = backup_pattern(stem)
    return sorted(p for p in directory.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def prune(directory: str | Path, stem: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups of <stem>.db (each with its page store); returns what was removed.

    Only names of our pattern are touched, and page stores left without their archive by an interrupted backup.
    """
    if keep < 1:
        raise BackupUsageError(f"--keep must be at least 1, not {keep}")
    backups = list_backups(directory, stem)
    removed = []
    for old in backups[:-keep]:
        for path in (old, pages_path(old)):
            if path.exists():
                path.unlink()
                removed.append(path)
    # A page store is published just before its archive copy: a backup killed in between leaves it alone.
    newest = backups[-1].name if backups else ""
    for path in sorted(Path(directory).glob(f"{glob.escape(stem)}-*.pages.db")):
        archive_copy = path.with_name(path.name.replace(".pages.db", ".db"))
        if backup_pattern(stem).fullmatch(archive_copy.name) and archive_copy.name < newest:
            if not archive_copy.exists():
                path.unlink()
                removed.append(path)
    # Hidden partial copies of a backup killed mid-copy: older than the newest backup and no longer written to.
    quiet_since = time.time() - PARTIAL_QUIET_SECONDS
    for path in sorted(Path(directory).glob(f".{glob.escape(stem)}-*.partial*")):
        stamp = re.fullmatch(
            rf"\.{re.escape(stem)}-(\d{{8}}T\d{{6}}Z)\.(?:pages\.)?db\.partial(?:-journal)?", path.name
        )
        if stamp and f"{stem}-{stamp.group(1)}.db" < newest and path.stat().st_mtime < quiet_since:
            path.unlink()
            removed.append(path)
    return removed


def _read_only(path: Path) -> sqlite3.Connection:
    """A read connection: it takes a WAL snapshot without blocking the crawl's writes, and cannot write by mistake."""
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk, so a published name never points at unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What PRAGMA integrity_check finds (empty when the file is sound).

    The full check, not quick_check: it also verifies that every index matches its table (the unique url
    index, the FTS shadow tables' keys), which a copy torn mid-write would break; a nightly can afford it.
    """
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def _copy_database(source: Path, target: Path, table: str) -> int:
    """Copy source into a new file target with the online backup API, in one step (one read transaction, so
    one consistent snapshot however the crawl writes meanwhile), as a self-contained rollback-journal file;
    check it and return the rows of `table` in it. The caller removes target when this raises."""
    src = _read_only(source)
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        src.backup(dest)  # pages=-1: all at once; in steps, each write by the crawl would restart the copy
        # The copy inherits WAL mode in its header; a backup is one file, with no -wal beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
        problems = integrity_problems(dest)
        if problems:
            raise BackupError(f"the copy of {source} failed its integrity check: {'; '.join(problems[:5])}")
        return dest.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        dest.close()
        src.close()


def _publish(partial: Path, final: Path) -> None:
    """Give a checked copy its final name, never overwriting one (a hard link fails if the name exists)."""
    _fsync(partial)
    try:
        os.link(partial, final)
    except FileExistsError:
        raise BackupError(f"{final} already exists; not overwriting it") from None
    except OSError:  # a filesystem without hard links
        if final.exists():
            raise BackupError(f"{final} already exists; not overwriting it") from None
        os.replace(partial, final)
    else:
        partial.unlink()


def _free_name(directory: Path, name: str) -> Path:
    """directory/name with {stamp} the UTC time, at a time no such file (or its page store) exists yet: two
    backups within one second, the second waits for the next."""
    while True:
        path = directory / name.replace("{stamp}", datetime.now(UTC).strftime(STAMP_FORMAT))
        if not path.exists() and not pages_path(path).exists():
            return path
        time.sleep(0.05)


def _writable_folder(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise BackupUsageError(f"the backup folder {directory} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupUsageError(f"cannot create the backup folder {directory}: {exc}") from None
    if not directory.is_dir() or not os.access(directory, os.W_OK | os.X_OK):
        raise BackupUsageError(f"cannot write to the backup folder {directory}")


def backup(db: str | Path, to: str | Path, keep: int = DEFAULT_KEEP) -> BackupResult:
    """Copy the archive and its page store into folder `to` as <stem>-<UTC time>.db and .pages.db, check both,
    publish them, then prune all but the newest `keep` backups. Safe while a crawl writes; takes no crawl lock.

    A copy is written under a hidden .partial name and renamed only once it passed its integrity check, so a
    failed or killed backup never looks like a backup; on failure the partial files are removed and nothing
    is pruned.
    """
    started = time.monotonic()
    db, directory = Path(db), Path(to)
    if keep < 1:
        raise BackupUsageError(f"--keep must be at least 1, not {keep}")
    if not db.is_file():
        raise BackupUsageError(f"{db} does not exist")
    _writable_folder(directory)
    stem = db.stem
    final = _free_name(directory, stem + "-{stamp}.db")
    final_pages = pages_path(final)
    store = pages_path(db)
    partials = [directory / f".{final.name}.partial", directory / f".{final_pages.name}.partial"]
    has_pages, pages, pages_published = store.is_file(), None, False
    try:
        # The archive before the page store: the crawl stores a batch's pages before its articles, so every
        # article in the archive's snapshot has its page in the (later) page store snapshot.
        articles = _copy_database(db, partials[0], "articles")
        if has_pages:
            pages = _copy_database(store, partials[1], "pages")
        size = sum(p.stat().st_size for p in partials if p.exists())
        if has_pages:  # the page store first: a backup exists once its archive copy does
            _publish(partials[1], final_pages)
            pages_published = True
        _publish(partials[0], final)
        _fsync(directory)
    except sqlite3.Error as exc:
        raise BackupError(f"backup of {db} failed, nothing kept: {exc}") from None
    except OSError as exc:
        raise BackupError(f"backup of {db} into {directory} failed, nothing kept: {exc}") from None
    finally:
        for partial in partials:
            for leftover in (partial, Path(f"{partial}-journal")):
                leftover.unlink(missing_ok=True)
        if pages_published and not final.exists():  # published alone: the archive copy did not follow it
            final_pages.unlink(missing_ok=True)
    pruned = prune(directory, stem, keep)
    return BackupResult(
        final, final_pages if has_pages else None, size, articles, pages, time.monotonic() - started, pruned
    )


def check_copy(copy: str | Path, *, pages: bool = False) -> int:
    """Refuse (RestoreRefused) a copy that is not a sound archive of ours (or, with pages=True, page store);
    returns its row count (articles or pages). Reads the copy without writing to it."""
    copy = Path(copy)
    table = "pages" if pages else "articles"
    try:
        conn = _read_only(copy)
    except sqlite3.Error as exc:
        raise RestoreRefused(f"{copy} cannot be opened as a database: {exc}") from None
    try:
        problems = integrity_problems(conn)
        if problems:
            raise RestoreRefused(f"{copy} is damaged (integrity_check): {'; '.join(problems[:5])}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RestoreRefused(
                f"{copy} has {len(broken)} row(s) pointing at missing rows, e.g. {broken[0]}"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        required = ("pages",) if pages else REQUIRED_TABLES
        missing = [t for t in required if t not in tables]
        if missing:
            kind = "page store" if pages else "archive"
            raise RestoreRefused(f"{copy} is not an {kind} of this project: no table {', '.join(missing)}")
        if not pages:
            columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
            lacking = [c for c in ARTICLE_COLUMNS if c not in columns]
            if lacking:
                raise RestoreRefused(f"{copy}: its articles table lacks the columns {', '.join(lacking)}")
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(f"{copy} is damaged or not a SQLite database: {exc}") from None
    finally:
        conn.close()


def _keep_aside(live: Path, kept: Path) -> None:
    """Save the database about to be replaced: a consistent copy through SQLite, or when SQLite cannot read it
    (the damage a restore is often for), its files as they are, the database with its -wal."""
    try:
        src = _read_only(live)
        dest = sqlite3.connect(kept, isolation_level=None)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
            src.close()
    except sqlite3.DatabaseError:
        kept.unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            if Path(f"{live}{suffix}").exists():
                shutil.copy2(f"{live}{suffix}", f"{kept}{suffix}")


def _replace_contents(copy: Path, live: Path) -> None:
    """Write copy into live through SQLite (the backup API into the live database, one transaction).

    SQLite itself then supersedes the old -wal frames and tells open readers (Datasette) that the file
    changed; replacing the file by a rename would leave the old -wal and -shm to be applied to the new file.
    """
    src = _read_only(copy)
    try:
        try:
            dest = sqlite3.connect(live, isolation_level=None)
            dest.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            try:
                src.backup(dest)
                dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dest.close()
        except sqlite3.DatabaseError as exc:
            if "not a database" not in str(exc) and "malformed" not in str(exc):
                raise
            # The live file is no database at all (it was kept aside as bytes): start from a fresh file.
            for suffix in ("", "-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            dest = sqlite3.connect(live, isolation_level=None)
            try:
                src.backup(dest)
            finally:
                dest.close()
    finally:
        src.close()


def restore(copy: str | Path, db: str | Path) -> RestoreResult:
    """Replace the archive db (and its page store, when the copy has one) with a backup copy.

    The copy is checked first and refused (RestoreRefused) unless sound and an archive of ours; the crawl
    lock is held throughout (LockHeld if a crawl runs); the archive being replaced is kept as
    <stem>.replaced-<UTC time>.db beside it (with its page store), so a restore can be undone by restoring that.
    """
    started = time.monotonic()
    copy, db = Path(copy), Path(db)
    if not copy.is_file():
        raise BackupUsageError(f"{copy} does not exist")
    if db.exists() and copy.resolve() == db.resolve():
        raise BackupUsageError(f"{copy} is the archive itself")
    copy_pages = pages_path(copy)
    articles = check_copy(copy)
    pages = check_copy(copy_pages, pages=True) if copy_pages.is_file() else None
    if not db.parent.is_dir():
        raise BackupUsageError(f"the folder of {db} does not exist")
    # The page store first, as the crawl writes them: no restored article lacks its page.
    pairs = ([(copy_pages, pages_path(db))] if pages is not None else []) + [(copy, db)]
    with archive_lock(db):
        replaced = _free_name(db.parent, db.stem + ".replaced-{stamp}.db")
        try:
            for _, live in pairs:
                aside = replaced if live == db else pages_path(replaced)
                if live.is_file():
                    _keep_aside(live, aside)
                else:  # left by a database file that is gone: SQLite would apply such a -wal to the new file
                    for suffix in ("-wal", "-shm"):
                        if Path(f"{live}{suffix}").exists():
                            Path(f"{live}{suffix}").rename(f"{aside}{suffix}")
            for source, live in pairs:
                _replace_contents(source, live)
        except (sqlite3.Error, OSError) as exc:
            kept = f"; the archive as it was is kept in {replaced}" if replaced.exists() else ""
            raise BackupError(f"restore of {copy} into {db} failed: {exc}{kept}") from None
    kept = replaced if replaced.exists() else None
    return RestoreResult(db, copy, articles, pages, kept, time.monotonic() - started)
