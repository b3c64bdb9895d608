"""The archive pipeline's batches, on a real archive file: a batch ends at its size or when its time is up."""

from __future__ import annotations

import sqlite3

from scrapy.utils.test import get_crawler
from twisted.internet import task

from crawler.pipelines import ArchivePipeline
from crawler.spiders.portal import BoconganSpider


def item(n: int) -> dict:
    return {
        "id": f"bocongan-t{n}",
        "url": f"https://bocongan.gov.vn/tin-tuc-su-kien/bai-{n}-t{n}.html",
        "site": "bocongan",
        "category": "Hoạt động của Bộ",
        "title": f"Bài số {n}",
        "published_at": "2024-05-06",
        "body": "Nội dung.",
    }


def stored(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()


def pipeline(db, clock: task.Clock) -> ArchivePipeline:
    settings = {"ARCHIVE_DB": str(db), "ARCHIVE_BATCH_SIZE": 3, "ARCHIVE_BATCH_SECONDS": 10}
    p = ArchivePipeline(get_crawler(BoconganSpider, settings))
    p.clock = clock
    p.open_spider()
    return p


def test_a_batch_is_written_when_full(tmp_path):
    clock = task.Clock()
    p = pipeline(tmp_path / "archive.db", clock)
    for n in (1, 2):
        p.process_item(item(n))
    assert stored(tmp_path / "archive.db") == 0
    p.process_item(item(3))
    assert stored(tmp_path / "archive.db") == 3
    p.close_spider()


def test_a_batch_is_written_when_its_time_is_up_even_if_no_item_comes(tmp_path):
    """A polite crawl (an article every few seconds) shows its articles within ARCHIVE_BATCH_SECONDS."""
    clock = task.Clock()
    p = pipeline(tmp_path / "archive.db", clock)
    p.process_item(item(1))
    clock.advance(6)
    p.process_item(item(2))
    clock.advance(3)
    assert stored(tmp_path / "archive.db") == 0  # 9 s after the first item: still one batch
    clock.advance(1.5)  # the timer, not an item, ends the batch
    assert stored(tmp_path / "archive.db") == 2
    p.process_item(item(3))
    clock.advance(9)
    assert stored(tmp_path / "archive.db") == 2  # the next batch's clock starts with its own first item
    p.close_spider()
    assert stored(tmp_path / "archive.db") == 3
    assert not p.timer.running
