"""Backups taken while a crawl writes, keep-N pruning, and restores that check before they replace anything."""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from crawler.backup import RestoreRefused, backup, list_backups, restore
from crawler.pages import pages_path
from crawler.replica.portal import ReplicaPortal
from crawler.replica.server import ReplicaServer
from crawler.run import EXIT_FAILED, EXIT_LOCKED, EXIT_USAGE, archive_lock
from tests.conftest import ROOT, last_json_line, run_cli


def copy_archive(source: Path, target: Path) -> Path:
    """A private copy of an archive and its page store (the session's crawled archive is shared)."""
    for src, dest in ((source, target), (pages_path(source), pages_path(target))):
        with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
            a.backup(b)
        a.close()
        b.close()
    return target


def count(db: Path, table: str = "articles") -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        conn.close()


def files(folder: Path) -> dict[str, bytes]:
    """Every file in folder (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_consistent(copy: Path) -> None:
    """A backup as a reader needs it: sound, every link resolvable, each article's entity rows and raw page there."""
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")  # the index matches
        links = defaultdict(lambda: defaultdict(set))
        for table, column in (
            ("article_people", "person"),
            ("article_organisations", "organisation"),
            ("article_documents", "document"),
        ):
            for article_id, name in conn.execute(f"select article_id, {column} from {table}"):
                links[table][article_id].add(name)
        places = {r[0] for r in conn.execute("select distinct article_id from article_places")}
        rows = conn.execute("select id, people, organisations, documents, provinces from articles").fetchall()
        for article_id, people, organisations, documents, provinces in rows:
            assert set(json.loads(people)) == links["article_people"][article_id], article_id
            assert set(json.loads(organisations)) == links["article_organisations"][article_id], article_id
            assert set(json.loads(documents)) == links["article_documents"][article_id], article_id
            assert not json.loads(provinces) or article_id in places, article_id
    finally:
        conn.close()
    store = sqlite3.connect(pages_path(copy))
    try:
        assert store.execute("pragma integrity_check").fetchall() == [("ok",)]
        with_page = {r[0] for r in store.execute("select distinct article_id from pages")}
    finally:
        store.close()
    assert {r[0] for r in rows} <= with_page  # pages are stored before their articles, and copied after them


def test_backups_taken_while_a_crawl_writes_are_complete_and_consistent(seed_file, tmp_path):
    server = ReplicaServer(ReplicaPortal(articles=1500, with_seed=True))
    server.start_background()
    db, folder = tmp_path / "archive.db", tmp_path / "backups"
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        "--backfill",
        "--site",
        "bocongan_2024",
        "--base-url",
        server.base_url,
    ]
    proc = subprocess.Popen(
        [*command, "--db", str(db), "--log-level", "WARNING"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    taken = []  # (articles stored before, the backup, articles stored after, crawl still running)
    try:
        deadline = time.monotonic() + 180
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                before = count(db)
            except sqlite3.Error:  # the crawl has not created its tables yet
                before = 0
            if before < 50:
                time.sleep(0.05)
                continue
            result = backup(db, folder, keep=100)
            taken.append((before, result, count(db), proc.poll() is None))
        assert proc.wait(timeout=max(1, deadline - time.monotonic())) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        server.shutdown()
        server.server_close()
    final = count(db)
    assert final == 1500
    mid_crawl = [r for before, r, after, running in taken if running and 0 < r.articles < final]
    assert mid_crawl, f"no backup was taken while the crawl was writing: {[t[1].articles for t in taken]}"
    for before, result, after, _ in taken:
        assert before <= result.articles <= after
        assert count(result.path) == result.articles and count(result.pages_path, "pages") == result.pages
        assert_consistent(result.path)
    assert list_backups(folder) == [t[1].path for t in taken]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no partial copy left behind


def test_keep_prunes_only_our_oldest_backups(crawled, tmp_path):
    db = copy_archive(crawled.db, tmp_path / "archive.db")  # backups are named after the archive's file
    folder = tmp_path / "backups"
    folder.mkdir()
    ours = ["archive-20200101T000000Z.db", "archive-20210101T000000Z.db", "archive-20220101T000000Z.db"]
    for name in ours:
        (folder / name).write_bytes(b"an old backup")
        pages_path(folder / name).write_bytes(b"its pages")
    (folder / "archive-20190101T000000Z.pages.db").write_bytes(b"pages of a backup killed before its archive")
    killed = [".archive-20210601T000000Z.db.partial", ".archive-20210601T000000Z.pages.db.partial"]
    for name in killed:  # a backup killed mid-copy, long ago
        (folder / name).write_bytes(b"half a copy")
        os.utime(folder / name, (time.time() - 3600, time.time() - 3600))
    running = folder / ".archive-20210701T000000Z.db.partial"  # still being written: recent
    running.write_bytes(b"a copy in progress")
    foreign = {
        "notes.txt": b"not ours",
        "archive-latest.db": b"a name of its own",
        "other-20200101T000000Z.db": b"a backup of another archive",
        "archive-20200101T000000Z.db.bak": b"someone's copy",
    }
    for name, content in foreign.items():
        (folder / name).write_bytes(content)

    result = backup(db, folder, keep=2)
    assert list_backups(folder) == [folder / ours[2], result.path]
    assert sorted(p.name for p in result.pruned) == sorted(
        [
            *ours[:2],
            *(pages_path(folder / n).name for n in ours[:2]),
            "archive-20190101T000000Z.pages.db",
            *killed,
        ]
    )
    assert running.exists()
    running.unlink()
    assert {k: v for k, v in files(folder).items() if k in foreign} == foreign

    # The command line: one JSON line, and --keep 1 leaves the new backup alone.
    time.sleep(1)  # names have second resolution; a backup within the same second would wait for the next
    cli = run_cli("backup", "--db", str(db), "--to", str(folder), "--keep", "1")
    assert cli.returncode == 0, cli.stderr
    summary = last_json_line(cli.stdout)
    assert summary["articles"] == len(crawled.truth) and summary["pages"] == len(crawled.truth)
    assert (
        summary["bytes"] == Path(summary["path"]).stat().st_size + Path(summary["pages_path"]).stat().st_size
    )
    assert Path(summary["pages_path"]) == pages_path(Path(summary["path"]))
    assert list_backups(folder) == [Path(summary["path"])]
    assert set(files(folder)) == {Path(summary["path"]).name, Path(summary["pages_path"]).name, *foreign}
    assert count(Path(summary["path"])) == len(crawled.truth)


def limit_file_size() -> None:
    """In the child only: writes past 64 KiB fail with EFBIG, as on a full disk (Python ignores SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_backup_that_cannot_be_written_leaves_nothing_and_prunes_nothing(crawled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in ("archive-20200101T000000Z.db", "archive-20210101T000000Z.db"):
        (folder / name).write_bytes(b"an old backup")
    before = files(folder)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler",
            "backup",
            "--db",
            str(crawled.db),
            "--to",
            str(folder),
            "--keep",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size,
    )
    assert result.returncode == EXIT_FAILED, result.stderr
    assert "error: backup of" in result.stderr and "nothing kept" in result.stderr
    assert files(folder) == before  # no partial copy, and the old backups still there


@pytest.mark.parametrize(
    "db, to, message",
    [
        ("missing.db", "backups", "missing.db does not exist"),
        ("archive.db", "archive.db", "is a file, not a folder"),
    ],
)
def test_backup_refuses_a_missing_archive_or_an_unusable_folder(crawled, tmp_path, db, to, message):
    copy_archive(crawled.db, tmp_path / "archive.db")
    result = run_cli("backup", "--db", str(tmp_path / db), "--to", str(tmp_path / to))
    assert result.returncode == EXIT_USAGE and message in result.stderr
    assert not (tmp_path / "backups").exists()


@pytest.fixture
def live(crawled, tmp_path) -> Path:
    """An archive of its own, with its page store, to restore into."""
    (tmp_path / "live").mkdir()
    return copy_archive(crawled.db, tmp_path / "live" / "archive.db")


def garbage(copy: Path) -> None:
    copy.write_bytes(bytes(range(256)) * 64)


def truncated(copy: Path) -> None:
    data = copy.read_bytes()
    copy.write_bytes(data[: len(data) // 2])


def not_an_archive(copy: Path) -> None:
    copy.unlink()
    with sqlite3.connect(copy) as conn:
        conn.execute("create table notes (id integer primary key, text)")
        conn.execute("insert into notes (text) values ('a SQLite file, but not an archive')")
    conn.close()


def lacking_a_column(copy: Path) -> None:
    conn = sqlite3.connect(copy)
    conn.execute("alter table articles rename column search_text to folded")  # the triggers follow it
    conn.commit()
    conn.close()


def damaged_page_store(copy: Path) -> None:
    truncated(pages_path(copy))


@pytest.mark.parametrize(
    "damage, message",
    [
        (garbage, "damaged or not a SQLite database"),
        (truncated, "damaged"),
        (not_an_archive, "not an archive of this project: no table articles"),
        (lacking_a_column, "lacks the columns search_text"),
        (damaged_page_store, "damaged"),
    ],
)
def test_restore_refuses_a_bad_copy_and_leaves_the_archive_untouched(live, tmp_path, damage, message):
    copy = backup(live, tmp_path / "backups").path
    damage(copy)
    before = files(live.parent)
    with pytest.raises(RestoreRefused, match=message):
        restore(copy, live)
    assert files(live.parent) == before  # byte for byte, and nothing set aside


def test_restore_brings_back_the_copy_through_the_wal_and_keeps_what_it_replaced(live, tmp_path):
    copy = backup(live, tmp_path / "backups").path
    articles, pages = count(live), count(pages_path(live), "pages")
    # Changes made after the backup, committed but still in the -wal (no checkpoint, a reader keeps it open):
    # a restore that only replaced the file would have this -wal applied to the restored database.
    writer = sqlite3.connect(live)
    writer.execute("pragma journal_mode = wal")
    writer.execute("pragma wal_autocheckpoint = 0")
    halve = "select id from articles where rowid % 2 = 0"
    for table in ("article_people", "article_places", "article_organisations", "article_documents"):
        writer.execute(f"delete from {table} where article_id in ({halve})")
    writer.execute("delete from article_revisions")
    writer.execute(f"delete from articles where id in ({halve})")
    writer.commit()
    reader = sqlite3.connect(live)
    remaining = reader.execute("select count(*) from articles").fetchone()[0]
    assert remaining < articles and Path(f"{live}-wal").stat().st_size > 0
    with sqlite3.connect(pages_path(live)) as store:
        store.execute("delete from pages where id % 3 = 0")
    store.close()

    result = run_cli("restore", str(copy), "--db", str(live))
    assert result.returncode == 0, result.stderr
    summary = last_json_line(result.stdout)
    assert (summary["articles"], summary["pages"]) == (articles, pages)
    assert reader.execute("select count(*) from articles").fetchone()[0] == articles  # open readers see it
    reader.close()
    writer.close()
    assert count(live) == articles and count(pages_path(live), "pages") == pages
    assert_consistent(live)

    replaced = Path(summary["replaced"])
    assert replaced.parent == live.parent and replaced.name.startswith("archive.replaced-")
    assert count(replaced) == remaining and count(pages_path(replaced), "pages") < pages
    # Undo: the archive that was replaced is itself a copy restore accepts.
    undone = restore(replaced, live)
    assert count(live) == remaining and undone.replaced is not None and count(undone.replaced) == articles


def test_restore_is_refused_while_a_crawl_holds_the_lock(live, tmp_path):
    copy = backup(live, tmp_path / "backups").path
    before = files(live.parent)
    with archive_lock(live):
        result = run_cli("restore", str(copy), "--db", str(live))
    assert result.returncode == EXIT_LOCKED and "another crawl holds" in result.stderr
    assert {k: v for k, v in files(live.parent).items() if not k.endswith(".lock")} == {
        k: v for k, v in before.items() if not k.endswith(".lock")
    }


def test_restore_replaces_an_archive_sqlite_cannot_read_and_keeps_its_bytes(live, tmp_path):
    copy = backup(live, tmp_path / "backups").path
    articles = count(live)
    garbage(live)
    result = restore(copy, live)
    assert count(live) == articles and result.replaced is not None
    assert result.replaced.read_bytes() == bytes(range(256)) * 64
    assert_consistent(live)
