"""kill -9 at seeded random points of a crawl and of reextract: the archive stays sound, the next run finishes.

test_nightly kills one crawl after its first batch; here the kill lands anywhere (during start-up, inside a
batch, between batches), for several seeds, and the result is compared row for row with a clean run's.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.replica.portal import ReplicaPortal
from tests.conftest import ROOT, last_json_line, run_cli, serving

ARTICLES = 600
BATCH = 100  # articles per transaction in the killed crawl: several commits, so a kill can land between them
# The archive's own columns that depend on when a page was fetched, not on what it holds.
FETCH_TIME_COLUMNS = {"fetched_at", "first_seen_at", "updated_at"}
LINK_TABLES = {
    "article_people": "article_id, person",
    "article_places": "article_id, place",
    "article_organisations": "article_id, organisation",
    "article_documents": "article_id, document",
}
# Each article keeps JSON arrays of entity names for facets; each name must have its link row and back.
ENTITY_COLUMNS = (
    ("people", "article_people", "person"),
    ("organisations", "article_organisations", "organisation"),
    ("documents", "article_documents", "document"),
    ("provinces", "article_places", "province"),
    ("provinces_now", "article_places", "province_now"),
)


EXPECTED_TABLES = {
    "articles", "articles_fts", "article_revisions", "dead_links", "crawl_runs", "people", "organisations",
    "documents", "places", *LINK_TABLES,
}  # fmt: skip


def archive_problems(db: Path, complete: bool = True) -> list[str]:
    """What is wrong with an archive and its page store: empty when sound.

    SQLite's own checks (integrity, declared foreign keys) plus the relationships it does not enforce: link
    rows whose article is gone, entity names on an article without their link rows or the reverse, a
    full-text index out of step with the articles, articles whose raw page is missing. A run killed while
    creating the schema may leave tables unmade (complete=False); the next run must make them.
    """
    problems = []
    conn = sqlite3.connect(f"file:{db}", uri=True, isolation_level=None)
    try:
        # Attached read-only: checking must not create a page store a crash left unmade.
        pages = db.with_name(f"{db.stem}.pages.db")
        schemas = ["main"]
        if pages.exists():
            conn.execute("attach database ? as store", [f"file:{pages}?mode=ro"])
            schemas.append("store")
        for schema in schemas:
            if (check := conn.execute(f"pragma {schema}.integrity_check").fetchall()) != [("ok",)]:
                problems.append(f"{schema} integrity_check: {check[:5]}")
        if violations := conn.execute("pragma main.foreign_key_check").fetchall():
            problems.append(f"foreign_key_check: {violations[:5]}")
        tables = {r[0] for r in conn.execute("select name from pragma_table_list where schema = 'main'")}
        if complete and (missing := EXPECTED_TABLES - tables):
            problems.append(f"tables missing: {sorted(missing)}")
        if "articles" not in tables:
            return problems
        for table in [*LINK_TABLES, "article_revisions"]:
            orphans = (
                table in tables
                and conn.execute(
                    f"select count(*) from {table} where article_id not in (select id from articles)"
                ).fetchone()[0]
            )
            if orphans:
                problems.append(f"{orphans} {table} rows whose article is missing")
        for column, table, name in ENTITY_COLUMNS:
            if table not in tables:
                continue
            unlinked = conn.execute(
                f"select count(*) from articles a, json_each(a.{column}) j where not exists "
                f"(select 1 from {table} l where l.article_id = a.id and l.{name} = j.value)"
            ).fetchone()[0]
            unnamed = conn.execute(
                f"select count(*) from {table} l join articles a on a.id = l.article_id where l.{name} is not null "
                f"and not exists (select 1 from json_each(a.{column}) j where j.value = l.{name})"
            ).fetchone()[0]
            if unlinked or unnamed:
                problems.append(
                    f"articles.{column} vs {table}: {unlinked} names unlinked, {unnamed} links unnamed"
                )
        if "articles_fts" in tables:
            try:  # rank 1: compare the external-content index with the articles table itself
                conn.execute("insert into articles_fts (articles_fts, rank) values ('integrity-check', 1)")
            except sqlite3.Error as exc:
                problems.append(f"articles_fts integrity-check: {exc}")
            indexed, stored = conn.execute(
                "select (select count(*) from articles_fts_docsize), (select count(*) from articles)"
            ).fetchone()
            if indexed != stored:
                problems.append(f"articles_fts indexes {indexed} rows, articles has {stored}")
        has_pages = conn.execute(
            "select count(*) from pragma_table_list where schema = 'store' and name = 'pages'"
        ).fetchone()[0]
        pages_sql = "select article_id from store.pages" if has_pages else "select null where 0"
        pageless = conn.execute(f"select count(*) from articles where id not in ({pages_sql})").fetchone()[0]
        if pageless:
            problems.append(f"{pageless} articles without their raw page (reextract would skip them)")
    finally:
        conn.close()
    return problems


def schema(db: Path) -> list[tuple[str, str]]:
    """Every table, index, trigger and view of an archive, by name."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select type, name from sqlite_master order by type, name").fetchall()
    finally:
        conn.close()


def content(db: Path) -> dict[str, list[tuple]]:
    """Everything a reader sees, table by table, in a stable order (fetch times left out)."""
    conn = sqlite3.connect(db)
    try:
        columns = [
            r[1] for r in conn.execute("pragma table_info(articles)") if r[1] not in FETCH_TIME_COLUMNS
        ]
        tables = {
            "articles": conn.execute(f"select {', '.join(columns)} from articles order by id").fetchall()
        }
        for table, key in LINK_TABLES.items():
            tables[table] = conn.execute(f"select * from {table} order by {key}").fetchall()
        # Only the keys: a document's details come from the first article stored that cites it, which
        # depends on the order pages arrive in, crash or not.
        for table, key in (("people", "name"), ("organisations", "name"), ("documents", "key")):
            tables[table] = conn.execute(f"select {key} from {table} order by {key}").fetchall()
        tables["dead_links"] = conn.execute(
            "select key, url, reason, status from dead_links order by key"
        ).fetchall()
        return tables
    finally:
        conn.close()


def stored_articles(db: Path) -> int:
    """Articles committed so far, read as Datasette would (read-only, while the crawl writes)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or its schema not yet written
        return 0


def start(*args: str) -> subprocess.Popen:
    """`python -m crawler ARGS` in its own process group, so its extraction workers can be cleaned up."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_group(proc: subprocess.Popen) -> None:
    """Make sure nothing of this run is left (workers are meant to exit with the crawl)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def kill_when(proc: subprocess.Popen, ready, deadline_s: float = 120) -> None:
    """kill -9 the process (the crawl itself, as the OOM killer would) once ready() says so."""
    deadline = time.monotonic() + deadline_s
    while proc.poll() is None and time.monotonic() < deadline and not ready():
        time.sleep(0.01)
    assert proc.poll() is None, f"the run ended (exit {proc.returncode}) before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@dataclass
class Reference:
    db: Path
    seconds: float
    urls: list[str]


@pytest.fixture(scope="module")
def portal(seed_file):
    with serving(ReplicaPortal(articles=ARTICLES, with_seed=True)) as server:
        yield server


@pytest.fixture(scope="module")
def reference(portal, tmp_path_factory) -> Reference:
    """One clean crawl of the replica: what every crashed-then-rerun archive must end up equal to."""
    db = tmp_path_factory.mktemp("clean") / "archive.db"
    started = time.monotonic()
    result = run_cli("crawl", "--base-url", portal.base_url, "--db", str(db), "--log-level", "WARNING")
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    assert archive_problems(db) == []
    truth = sorted(t["url"] for t in portal.portal.truth(portal.base_url))
    assert sorted(r[0] for r in sqlite3.connect(db).execute("select url from articles")) == truth
    return Reference(db, seconds, truth)


@pytest.mark.parametrize(
    "seed, trigger", [(1, "delay"), (2, "stored"), (3, "delay"), (4, "stored")], ids=lambda v: str(v)
)
def test_a_crawl_killed_at_a_random_point_leaves_a_sound_archive_and_the_next_run_completes(
    portal, reference, tmp_path, seed, trigger
):
    rng = random.Random(seed)
    db = tmp_path / "archive.db"
    if trigger == "delay":  # anywhere from start-up (schema, first run record) to late in the crawl
        delay = rng.uniform(0.05, 0.8) * reference.seconds
        point = f"{delay:.2f} s after start"
        started = time.monotonic()

        def ready():
            return time.monotonic() - started >= delay
    else:  # a number of stored articles, then a little more: inside the next batch, not only at its edge
        threshold, extra = rng.randrange(1, int(ARTICLES * 0.7)), rng.uniform(0, 0.3)
        point = f"{extra:.2f} s after {threshold} articles were stored"
        reached: list[float] = []

        def ready():
            if not reached and stored_articles(db) >= threshold:
                reached.append(time.monotonic())
            return bool(reached) and time.monotonic() - reached[0] >= extra

    proc = start(
        "crawl", "--site", "bocongan_2024", "--base-url", portal.base_url, "--db", str(db), "--log-level", "WARNING",
        "--set", f"ARCHIVE_BATCH_SIZE={BATCH}",
    )  # fmt: skip
    try:
        kill_when(proc, ready)
    finally:
        kill_group(proc)
    partial = stored_articles(db)
    print(f"seed {seed}: killed {point}, {partial} of {len(reference.urls)} articles stored")
    assert partial < len(reference.urls)
    if db.exists():
        assert archive_problems(db, complete=False) == []

    result = run_cli("crawl", "--base-url", portal.base_url, "--db", str(db), "--log-level", "WARNING")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = last_json_line(result.stdout)
    conn = sqlite3.connect(db)
    runs = [r[0] for r in conn.execute("select status from crawl_runs order by id")]
    urls = sorted(r[0] for r in conn.execute("select url from articles"))
    conn.close()
    # A kill before the run was recorded leaves nothing to resume: the next run is a first crawl.
    assert runs in (["interrupted", "ok"], ["ok"])
    assert summary["mode"] == ("resume" if runs[0] == "interrupted" else "incremental")
    assert urls == reference.urls  # every reachable article, each once
    assert schema(db) == schema(reference.db)
    assert archive_problems(db) == []
    assert content(db) == content(reference.db)


# `python -m crawler` that kills itself (SIGKILL) at one named step of the archive's first schema creation:
# a random kill lands there now and then (loading the gazetteer for `places` takes most of a second).
DIE_WHILE_CREATING = """
import os, signal, sys
import sqlite_utils.db as db
step = sys.argv[1]
def dying(name, real):
    def step_or_die(self, *args, **kwargs):
        if f"{name} {self.name}" == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, *args, **kwargs)
    return step_or_die
db.Table.create = dying("create", db.Table.create)
from crawler.archive import Archive
real_fts = Archive._create_fts
def fts_then_die(self):  # dies with the index made and its transaction not yet committed
    real_fts(self)
    if step == "create_fts articles":
        os.kill(os.getpid(), signal.SIGKILL)
Archive._create_fts = fts_then_die
from crawler.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("step", ["create_fts articles", "create article_people"])
def test_a_crawl_killed_while_creating_the_archive_is_completed_by_the_next_run(
    portal, reference, tmp_path, step
):
    db = tmp_path / "archive.db"
    crawl = [
        "crawl",
        "--site",
        "bocongan_2024",
        "--base-url",
        portal.base_url,
        "--db",
        str(db),
        "--log-level",
        "WARNING",
    ]
    died = subprocess.run(
        [sys.executable, "-c", DIE_WHILE_CREATING, step, *crawl], cwd=ROOT, capture_output=True
    )
    assert died.returncode == -signal.SIGKILL, died.stderr[-2000:]
    assert archive_problems(db, complete=False) == []

    result = run_cli(*crawl)
    assert result.returncode == 0, result.stderr[-3000:]
    assert schema(db) == schema(reference.db)  # the full-text index and every index included
    assert archive_problems(db) == []
    assert sorted(r[0] for r in sqlite3.connect(db).execute("select url from articles")) == reference.urls


def copy_archive(source: Path, folder: Path) -> Path:
    """A consistent copy of an archive and its page store (SQLite's backup API: WAL contents included)."""
    folder.mkdir()
    for name in (source.name, f"{source.stem}.pages.db"):
        with sqlite3.connect(source.with_name(name)) as src, sqlite3.connect(folder / name) as dst:
            src.backup(dst)
        # sqlite3's context manager commits but does not close.
        src.close()
        dst.close()
    return folder / source.name


@pytest.fixture(scope="module")
def blanked(reference, tmp_path_factory) -> Path:
    """The crawled archive with every extracted field and entity emptied: reextract has everything to redo."""
    db = copy_archive(reference.db, tmp_path_factory.mktemp("blanked") / "archive")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "update articles set title = '', published_at = null, lead = null, body = '', captions = '[]', "
            "people = '[]', provinces = '[]', provinces_now = '[]', organisations = '[]', documents = '[]'"
        )
        for table in LINK_TABLES:
            conn.execute(f"delete from {table}")
    conn.close()
    return db


@pytest.fixture(scope="module")
def clean_reextract(blanked, tmp_path_factory) -> tuple[Path, float]:
    db = copy_archive(blanked, tmp_path_factory.mktemp("reextracted") / "archive")
    started = time.monotonic()
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    return db, time.monotonic() - started


@pytest.mark.parametrize("seed", [5, 6])
def test_reextract_killed_at_a_random_point_then_rerun_equals_a_clean_reextract(
    blanked, clean_reextract, tmp_path, seed
):
    clean, seconds = clean_reextract
    db = copy_archive(blanked, tmp_path / "archive")
    # Within the first half of a clean run: a loaded machine may make the killed run faster than the clean one.
    delay = random.Random(seed).uniform(0.1, 0.5) * seconds
    proc = start("reextract", "--db", str(db))
    started = time.monotonic()
    try:
        kill_when(proc, lambda: time.monotonic() - started >= delay)
    finally:
        kill_group(proc)
    redone = sqlite3.connect(db).execute("select count(*) from articles where title != ''").fetchone()[0]
    print(f"seed {seed}: reextract killed {delay:.2f} s after start, {redone} of {ARTICLES} articles redone")
    assert archive_problems(db) == []

    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    assert archive_problems(db) == []
    assert content(db) == content(clean)
    # Reextract keeps fetch history as it was: compare those columns too.
    fetched = "select id, fetched_at, first_seen_at, updated_at from articles order by id"
    assert (
        sqlite3.connect(db).execute(fetched).fetchall() == sqlite3.connect(clean).execute(fetched).fetchall()
    )
