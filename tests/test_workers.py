"""Extraction in worker processes gives what extraction in the crawl process gives, and survives a dead worker."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.extract.article import ExtractionError
from crawler.extract.auto import extract_for_site
from crawler.replica.portal import ReplicaPortal
from crawler.workers import Extractor, WorkerDied
from tests.conftest import FILES, ROOT

HOST = "127.0.0.1:8070"


def replica_pages(portal: ReplicaPortal, count: int) -> list[tuple[bytes, str, str]]:
    """(body, url, content type) of some article pages, the awkward ones (encodings, no date) included."""
    entries = [e for e in portal.entries if e.quirk] + portal.entries[:count]
    pages = []
    for entry in entries:
        status, headers, body = portal.respond(entry.path, HOST)
        if status == 200:
            pages.append((body, f"http://{HOST}{entry.path}", headers.get("Content-Type")))
    return pages


def run_all(extractor: Extractor, pages, site="bocongan_2024") -> list:
    async def main():
        async def one(body, url, content_type):
            try:
                return await extractor.extract(body, url, site, content_type)
            except ExtractionError as exc:
                return ("failed", str(exc))

        return await asyncio.gather(*(one(*page) for page in pages))

    try:
        return asyncio.run(main())
    finally:
        extractor.close()


def test_the_pool_and_the_crawl_process_extract_the_same_records(seed_file):
    pages = replica_pages(ReplicaPortal(articles=60), 40)
    not_article = (FILES.joinpath("not_article.html").read_bytes(), f"http://{HOST}/x.html", None)
    pages.append(not_article)
    inline = run_all(Extractor(0), pages)
    pooled = run_all(Extractor(2), pages)
    assert pooled == inline
    assert inline[-1][0] == "failed"  # a page neither extractor can read fails in both the same way
    assert sum(1 for record, failure in inline[:-1] if record["title"] and failure is None) == len(pages) - 1


def die_on_marker(body: bytes, url: str, site: str, content_type: str | None):
    """Runs in a worker: the page marked "kill-this-worker" kills its process, as the OOM killer or a C crash would."""
    if b"kill-this-worker" in body:
        os._exit(1)
    return extract_for_site(body, url, site, content_type)


def test_a_dead_worker_costs_its_page_not_the_crawl(seed_file):
    pages = replica_pages(ReplicaPortal(articles=20), 10)
    fatal = (b"<html><body>kill-this-worker</body></html>", f"http://{HOST}/fatal.html", None)

    async def main(extractor):
        before = await extractor.extract(*pages[0][:2], "bocongan_2024", pages[0][2])
        with pytest.raises(WorkerDied, match="fatal.html"):
            await extractor.extract(fatal[0], fatal[1], "bocongan_2024", None)
        after = await asyncio.gather(*(extractor.extract(b, u, "bocongan_2024", c) for b, u, c in pages))
        return before, after

    extractor = Extractor(1, function=die_on_marker)
    try:
        before, after = asyncio.run(main(extractor))
    finally:
        extractor.close()
    assert before == extract_for_site(pages[0][0], pages[0][1], "bocongan_2024", pages[0][2])
    assert [record["title"] for record, _ in after] == [
        extract_for_site(*page[:2], "bocongan_2024", page[2])[0]["title"] for page in pages
    ]


def test_workers_exit_when_the_crawl_is_killed():
    script = (
        "import asyncio, sys, time\n"
        "from crawler.workers import Extractor\n"
        "if __name__ == '__main__':\n"
        "    ex = Extractor(2)\n"
        "    try:\n"
        "        asyncio.run(ex.extract(b'<html></html>', 'http://127.0.0.1/a.html', 'bocongan_2024', None))\n"
        "    except ValueError:\n"  # not an article: all the test needs is workers that have started
        "        pass\n"
        "    print(*ex.pool._processes, flush=True)\n"
        "    time.sleep(60)\n"
    )
    crawl = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in crawl.stdout.readline().split()]
    assert workers and all(Path(f"/proc/{pid}").exists() for pid in workers)
    crawl.kill()  # SIGKILL: the crawl cannot shut its pool down
    crawl.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
