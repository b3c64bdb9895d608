"""A disk that fills up under the archive: the crawl stops with one clear error and a failed run, the archive
stays readable, and once space is freed the next run completes.

The disk is a tmpfs of a few MB mounted by the test (as root, where the machine allows it); elsewhere SQLite's
own "database or disk is full" path is taken by capping the archive's size (PRAGMA max_page_count). The test
prints which one ran; TEST_DISK_FULL_SIMULATED=1 forces the second, to check it on a machine that can mount.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.archive import Archive
from crawler.replica.portal import ReplicaPortal
from crawler.run import EXIT_FAILED
from tests.conftest import ROOT, last_json_line, run_cli, serving
from tests.test_crash import archive_problems

ARTICLES = 400
VOLUME_BYTES = 32 * 1024 * 1024  # room for the whole crawl once the ballast is gone
ROOM_BYTES = 2 * 1024 * 1024  # left free for the first crawl: a batch or two
BATCH = 100  # articles per transaction: several batches in a crawl, so the disk fills between two of them
DISK_FULL = re.compile(r"database or disk is full|no space left on device|disk is full", re.IGNORECASE)

# `python -m crawler` with every connection to one archive file capped at a number of pages: SQLite then
# fails writes beyond it with SQLITE_FULL, the error a full disk gives.
CAPPED = """
import sqlite3, sys
import sqlite_utils.utils
assert sqlite_utils.utils.sqlite3 is sqlite3, "sqlite-utils does not use the standard sqlite3 module"
archive, pages = sys.argv[1], int(sys.argv[2])
real_connect = sqlite3.connect
def connect(database, *args, **kwargs):
    conn = real_connect(database, *args, **kwargs)
    if str(database) == archive:
        conn.execute(f"pragma max_page_count = {pages}")
    return conn
sqlite3.connect = connect
from crawler.cli import main
sys.exit(main(sys.argv[3:]))
"""


@dataclass
class SmallDisk:
    """Where the archive lives, and how its disk is made full and freed again."""

    folder: Path
    how: str  # "tmpfs" or "max_page_count"
    cap: int | None = None  # pages the archive may have, when simulated

    @property
    def db(self) -> Path:
        return self.folder / "archive.db"

    def fill(self, leave: int) -> None:
        """Leave about `leave` bytes free: a ballast file on the volume, or a page cap on the archive."""
        if self.how == "tmpfs":
            free = os.statvfs(self.folder).f_bavail * os.statvfs(self.folder).f_frsize
            fd = os.open(self.folder / "ballast", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            try:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(max(free - leave, 0) // len(chunk)):
                    os.write(fd, chunk)
                if leave == 0:  # to the last byte
                    try:
                        while True:
                            os.write(fd, chunk[:4096])
                    except OSError:
                        pass
            finally:
                os.close(fd)
        else:
            pages = (
                sqlite3.connect(self.db).execute("pragma page_count").fetchone()[0] if self.db.exists() else 0
            )
            self.cap = pages + leave // 4096

    def free(self) -> None:
        if self.how == "tmpfs":
            (self.folder / "ballast").unlink()
        self.cap = None

    def crawl(self, base_url: str) -> subprocess.CompletedProcess:
        """The crawl as cron runs it, on this disk as it is now."""
        args = ["crawl", "--base-url", base_url, "--db", str(self.db), "--log-level", "WARNING",
                "--set", f"ARCHIVE_BATCH_SIZE={BATCH}"]  # fmt: skip
        if self.cap is None:
            return run_cli(*args)
        command = [sys.executable, "-c", CAPPED, str(self.db), str(self.cap), *args]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@contextmanager
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A tmpfs volume of VOLUME_BYTES mounted in tmp_path (unmounted afterwards), or where mounting is not
    allowed, a plain folder whose archive gets capped."""
    folder = tmp_path / "volume"
    folder.mkdir()
    if os.environ.get("TEST_DISK_FULL_SIMULATED") != "1":
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={VOLUME_BYTES}", "tmpfs", str(folder)], capture_output=True
        )
        if mounted.returncode == 0:
            try:
                yield SmallDisk(folder, "tmpfs")
            finally:
                if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
                    subprocess.run(["umount", "--lazy", str(folder)], capture_output=True)
            return
    yield SmallDisk(folder, "max_page_count")


@pytest.fixture
def disk(tmp_path, capsys) -> Iterator[SmallDisk]:
    with small_disk(tmp_path) as disk:
        with capsys.disabled():
            print(f"\n[disk full simulated with: {disk.how}]", end=" ")
        yield disk


@pytest.fixture(scope="module")
def portal(seed_file):
    with serving(ReplicaPortal(articles=ARTICLES, with_seed=True)) as server:
        yield server


def assert_says_disk_full(result: subprocess.CompletedProcess) -> None:
    """A non-zero exit and, among cron's mail, one line that names the cause; no traceback to dig through."""
    assert result.returncode == EXIT_FAILED, (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    named = [line for line in result.stderr.splitlines() if DISK_FULL.search(line)]
    assert named, f"no line names a full disk:\n{result.stderr[-3000:]}"


def readable(db: Path) -> int:
    """The archive opens, passes integrity_check and answers a search; returns its article count."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        conn.execute("select count(*) from articles_fts where articles_fts match 'cong'").fetchone()
        return conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()


def test_a_disk_that_fills_up_mid_crawl_fails_the_run_clearly_and_the_next_run_completes(portal, disk):
    Archive(disk.db).close()
    disk.fill(leave=ROOM_BYTES)
    result = disk.crawl(portal.base_url)
    assert_says_disk_full(result)
    summary = last_json_line(result.stdout)
    assert summary["status"] == "failed" and summary["finish_reason"] == "archive_error"

    stored = readable(disk.db)
    assert 0 < stored < ARTICLES
    conn = sqlite3.connect(disk.db)
    runs = conn.execute("select status, exit_code, finish_reason from crawl_runs order by id").fetchall()
    conn.close()
    assert runs == [("failed", EXIT_FAILED, "archive_error")]
    assert archive_problems(disk.db) == []

    disk.free()
    result = disk.crawl(portal.base_url)
    assert result.returncode == 0, result.stderr[-3000:]
    assert last_json_line(result.stdout)["mode"] == "resume"
    conn = sqlite3.connect(disk.db)
    urls = sorted(r[0] for r in conn.execute("select url from articles"))
    conn.close()
    assert urls == sorted(t["url"] for t in portal.portal.truth(portal.base_url))
    assert archive_problems(disk.db) == []


@pytest.mark.parametrize("served", [False, True], ids=["alone", "served"])
def test_a_crawl_started_on_a_full_disk_says_so_and_harms_nothing(portal, disk, served):
    """The nightly run after the disk filled up for another reason: nothing can be written, not even the run.

    Alone, SQLite cannot even create the archive's shared-memory file; while Datasette serves the archive
    (here: a reader holding it open) the archive opens, and it is the first write that fails.
    """
    Archive(disk.db).close()
    reader = sqlite3.connect(f"file:{disk.db}?mode=ro", uri=True)
    if served:
        reader.execute("select count(*) from articles").fetchone()
    else:
        reader.close()
    try:
        disk.fill(leave=0)
        result = disk.crawl(portal.base_url)
    finally:
        reader.close()
    assert_says_disk_full(result)
    disk.free()
    assert readable(disk.db) == 0
    assert archive_problems(disk.db) == []
