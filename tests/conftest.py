"""Shared fixtures: replica portals on real HTTP servers, a crawled archive, HTTP helpers."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.replica.portal import ReplicaPortal
from crawler.replica.seed import SeedMissing, seed_path
from crawler.replica.server import ReplicaServer

ROOT = Path(__file__).resolve().parents[1]
FILES = Path(__file__).parent / "files"


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str) -> Fetched:
    """GET over real HTTP; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return Fetched(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, dict(err.headers), err.read())


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`python -m crawler ARGS` in a subprocess, as a user or cron runs it.

    The suite's replica (ReplicaPortal) is the portal's old layout: a crawl names no site reads it with the
    old layout's profile (the 2025 layout has its own tests)."""
    if args and args[0] == "crawl" and not {"--site", "--start-url", "--portal"} & set(args):
        args = (*args, "--site", "bocongan_2024")
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def last_json_line(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def seed_file() -> Path:
    """The real seed page; these checks cannot run without ../shared/seed, and say so."""
    try:
        return seed_path()
    except SeedMissing as exc:
        pytest.fail(str(exc))


@contextmanager
def serving(portal, faults=None):
    """A replica portal on a real HTTP server on loopback, for the length of a with block."""
    server = ReplicaServer(portal, faults=faults)
    server.start_background()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def start_replica(articles: int = 320) -> ReplicaServer:
    server = ReplicaServer(ReplicaPortal(articles=articles, with_seed=True))
    server.start_background()
    return server


@pytest.fixture(scope="module")
def replica(seed_file) -> ReplicaServer:
    """A fresh replica portal (its one-time 500 not yet spent) for one test module."""
    server = start_replica()
    yield server
    server.shutdown()
    server.server_close()


# The crawled archive is not named archive.db: every page, link and export must follow the file's name (a
# journalist keeps one archive per ministry). Datasette names it by its stem and writes "." as "~2E" in URLs.
ARCHIVE_FILE = "mps.2025.db"
DB_NAME = "mps.2025"  # the name Datasette gives it
DB = "mps~2E2025"  # the same in a URL


@dataclass
class CrawledArchive:
    server: ReplicaServer
    db: Path
    summary: dict
    truth: list[dict]


@pytest.fixture(scope="session")
def crawled(seed_file, tmp_path_factory) -> CrawledArchive:
    """The replica crawled once over HTTP by the real command into a fresh archive.db."""
    server = start_replica()
    db = tmp_path_factory.mktemp("crawl") / ARCHIVE_FILE
    result = run_cli(
        "crawl", "--backfill", "--base-url", server.base_url, "--db", str(db), "--log-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    yield CrawledArchive(server, db, last_json_line(result.stdout), server.portal.truth(server.base_url))
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db, *extra: str, **options) -> tuple[subprocess.Popen, str]:
    """Datasette on the archive as `python -m crawler serve` runs it (options: datasette_command's, such as
    immutable=True; extra: more datasette arguments), on a free loopback port."""
    from crawler.cli import datasette_command

    port = free_port()
    log = tempfile.TemporaryFile()  # a file, not a pipe: an unread pipe fills and stalls Datasette
    proc = subprocess.Popen(
        [*datasette_command(str(db), port, **options), *extra],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if fetch(base + "/-/versions.json").status == 200:
                return proc, base
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    log.seek(0)
    pytest.fail(f"datasette did not start: {log.read().decode(errors='replace')[-2000:]}")


@pytest.fixture(scope="session")
def datasette(crawled):
    """One Datasette over the crawled archive, for every test that reads it through HTTP."""
    proc, base = serve(crawled.db)
    yield base
    proc.terminate()
    proc.wait(10)
