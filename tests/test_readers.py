"""Readers during writes: while a crawl writes the archive, Datasette keeps serving searches, counts and CSV
exports, and `python -m crawler export` keeps exporting, without "database is locked" or torn results.

Every response must be whole (one committed state: a batch of articles entirely or not at all, with its
full-text rows and entity links), and what readers count can only grow.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from crawler.archive import Archive
from crawler.replica.portal import ReplicaPortal
from tests.conftest import ROOT, fetch, serve, serving

ARTICLES = 1000
SEARCH = "ma túy"  # matches a few hundred articles: under the search query's limit of 500 rows
# One SQL statement, so one snapshot: every article has its full-text row and the entity links its JSON names.
TORN = (
    "select (select count(*) from articles) as articles, "
    "(select count(*) from articles_fts_docsize) as indexed, "
    "(select count(*) from articles a, json_each(a.people) j where not exists (select 1 from article_people p "
    "where p.article_id = a.id and p.person = j.value)) as unlinked"
)


@dataclass
class Reads:
    """What one reader saw, in order: (what, count) pairs, and every problem met."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def saw(self, what: str, count: int) -> None:
        self.counts.setdefault(what, []).append(count)


def read_csv(text: str, what: str, reads: Reads) -> None:
    """A CSV export parses, every row has the header's columns, no article twice; its row count is kept."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    if header[:2] != ["id", "url"]:
        reads.problems.append(f"{what}: header {header[:5]}")
    if bad := [len(r) for r in body if len(r) != len(header)]:
        reads.problems.append(f"{what}: rows of {sorted(set(bad))} columns under a header of {len(header)}")
    if len({r[0] for r in body}) != len(body):
        reads.problems.append(f"{what}: an article appears twice")
    reads.saw(what, len(body))


def read_web(base: str, reads: Reads) -> None:
    """One round of what a researcher does in Datasette: count, search, look at the table, export CSV."""
    pages = {
        "count": f"{base}/archive/articles.json?_size=1",
        "torn": f"{base}/archive.json?_shape=objects&sql={quote(TORN)}",
        "search": f"{base}/archive/search.json?_shape=objects&q={quote(SEARCH)}",
        "search page": f"{base}/archive/search?q={quote(SEARCH)}",
        "table page": f"{base}/archive/articles",
        "csv": f"{base}/archive/articles.csv?_stream=on&_size=max",
    }
    for what, url in pages.items():
        page = fetch(url)
        text = page.body.decode("utf-8", errors="replace")
        if page.status != 200 or "database is locked" in text.lower():
            reads.problems.append(f"{what}: {page.status} {text[:300]}")
            continue
        if what == "count":
            reads.saw(what, json.loads(text)["filtered_table_rows_count"])
        elif what == "torn":
            row = json.loads(text)["rows"][0]
            if row["indexed"] != row["articles"] or row["unlinked"]:
                reads.problems.append(f"torn read: {row}")
            reads.saw(what, row["articles"])
        elif what == "search":
            reads.saw(what, len(json.loads(text)["rows"]))
        elif what == "csv":
            read_csv(text, what, reads)


def read_export(db: Path, out: Path, reads: Reads) -> None:
    """One journalist's export with the command line, while the crawl writes."""
    result = subprocess.run(
        [sys.executable, "-m", "crawler", "export", "--db", str(db), "--format", "csv", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 or "locked" in result.stderr.lower():
        reads.problems.append(f"export: exit {result.returncode}: {result.stderr[-300:]}")
        return
    read_csv(out.read_text(encoding="utf-8"), "export", reads)


def keep_reading(read, crawl: subprocess.Popen, reads: Reads) -> None:
    """Read again and again while the crawl runs, then once more after it ended."""
    try:
        while crawl.poll() is None:
            read(reads)
            time.sleep(0.05)  # leave the crawl its share of the two cores
        read(reads)
    except Exception as exc:  # noqa: BLE001 - a reader's failure is a finding, reported by the test
        reads.problems.append(f"reader failed: {exc!r}")


@pytest.fixture(scope="module")
def portal(seed_file):
    with serving(ReplicaPortal(articles=ARTICLES, with_seed=True)) as server:
        yield server


def test_datasette_and_exports_read_consistently_while_a_crawl_writes(portal, tmp_path):
    db = tmp_path / "archive.db"
    Archive(db).close()  # as `crawl` does first; Datasette serves a file that exists
    datasette, base = serve(db)
    crawl_log = (tmp_path / "crawl.out").open("w+")
    crawl = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler",
            "crawl",
            "--site",
            "bocongan_2024",
            "--base-url",
            portal.base_url,
            "--db",
            str(db),
        ],
        cwd=ROOT,
        stdout=crawl_log,
        stderr=subprocess.STDOUT,
    )
    web, exports = Reads(), Reads()
    readers = [
        threading.Thread(target=keep_reading, args=(lambda r: read_web(base, r), crawl, web)),
        threading.Thread(
            target=keep_reading, args=(lambda r: read_export(db, tmp_path / "export.csv", r), crawl, exports)
        ),
    ]
    try:
        for reader in readers:
            reader.start()
        crawl.wait(timeout=600)
        for reader in readers:
            reader.join(timeout=600)
    finally:
        crawl.kill()
        crawl.wait()
        datasette.terminate()
        datasette.wait(30)
    crawl_log.seek(0)
    output = crawl_log.read()
    assert crawl.returncode == 0, output[-3000:]
    assert "database is locked" not in output

    assert web.problems == [] and exports.problems == []
    total = len(portal.portal.truth(portal.base_url))
    print({what: counts for what, counts in {**web.counts, **exports.counts}.items()})
    for what, counts in {**web.counts, **exports.counts}.items():
        assert counts == sorted(counts), f"{what} went back: {counts}"
    for what in ("count", "torn", "csv", "export"):
        counts = web.counts.get(what) or exports.counts[what]
        assert counts[-1] == total  # the last read, after the crawl, sees every article
        # Reads really happened during the writes: some saw a part of the archive, neither empty nor whole.
        assert any(0 < c < total for c in counts), f"no {what} read saw the crawl half done: {counts}"
