"""Item pipelines: validate, then store in the archive. Nothing else happens here."""

from __future__ import annotations

import logging
import re
import sqlite3

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.archive import Archive
from crawler.extract.urls import article_key
from crawler.pages import PageStore, pages_path
from crawler.sites import get_profile

logger = logging.getLogger(__name__)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+07:00)?$")


def cut_body(body: str, limit: int) -> str:
    """The body cut to at most `limit` characters, at the last paragraph break before it where there is one."""
    head = body[:limit]
    end = head.rfind("\n\n")
    return head[:end] if end > limit // 2 else head


class ValidatePipeline:
    """Drop what cannot be stored, and count what is stored incomplete (the layout-drift alarm reads these)."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.max_body = crawler.settings.getint("MAX_BODY_CHARS", 0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _missing(self, field: str, url: str) -> None:
        self.stats.inc_value(f"drift/missing/{field}")
        samples = self.stats.get_value(f"drift/samples/{field}", [])
        if len(samples) < 5:
            self.stats.set_value(f"drift/samples/{field}", samples + [url])

    def process_item(self, item: dict) -> dict:
        if "_dead_link" in item:
            return item
        for field in ("url", "site", "title"):
            if not item.get(field):
                self.stats.inc_value("validate/dropped")
                raise DropItem(f"missing {field}: {item.get('url')}")
        published = item.get("published_at")
        if published is not None and not _ISO_DATE.match(published):
            self.stats.inc_value("validate/dropped")
            raise DropItem(f"published_at {published!r} is not ISO 8601 in +07:00: {item['url']}")
        self.stats.inc_value("drift/checked")
        if not published:
            self._missing("date", item["url"])
        if not item.get("body"):
            self.stats.inc_value("validate/empty_body")
            self._missing("body", item["url"])
        elif self.max_body and len(item["body"]) > self.max_body:
            item["body"] = cut_body(item["body"], self.max_body)
            self.stats.inc_value("limits/body_cut")
            logger.warning("body over MAX_BODY_CHARS (%d) cut to %d characters: %s", self.max_body,
                           len(item["body"]), item["url"])  # fmt: skip
        profile = get_profile(item["site"])
        item["id"] = article_key(item["site"], item["url"], profile.article_path)
        return item


class ArchivePipeline:
    """Upsert articles into the archive in batches, each batch one transaction; raw pages go to the page store."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.failed = False
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE")
        self.batch_seconds = crawler.settings.getfloat("ARCHIVE_BATCH_SECONDS")
        self.buffer: list[dict] = []
        self.dead: list[dict] = []
        self.since: float | None = None  # when the oldest unwritten item came in
        self.archive: Archive | None = None
        self.timer: task.LoopingCall | None = None
        from twisted.internet import reactor

        self.clock = reactor  # a test gives a twisted.internet.task.Clock

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self) -> None:
        self.archive = Archive(self.path)
        self.pages = PageStore(pages_path(self.path))
        if self.batch_seconds > 0:  # a batch also ends when its time is up, even if no item comes to end it
            self.timer = task.LoopingCall(self._flush_if_due)
            self.timer.clock = self.clock
            self.timer.start(self.batch_seconds / 4, now=False)

    def process_item(self, item: dict) -> dict:
        if "_dead_link" in item:
            self.dead.append(item["_dead_link"])
        else:
            self.buffer.append(item)
        if self.since is None:
            self.since = self.clock.seconds()
        if len(self.buffer) + len(self.dead) >= self.batch_size:
            self.flush()
        else:
            self._flush_if_due()
        return item

    def _flush_if_due(self) -> None:
        if self.since is not None and self.clock.seconds() - self.since >= self.batch_seconds > 0:
            self.flush()

    def flush(self) -> None:
        if self.archive is None or self.failed or not (self.buffer or self.dead):
            return
        # The same article twice in one batch (two links to it) is stored once, the last version.
        batch = list({item["id"]: item for item in self.buffer}.values())
        dead, self.dead = self.dead, []
        self.buffer.clear()
        self.since = None
        try:
            # Raw pages first: a page stored without its article is refetched harmlessly, the reverse loses the page.
            self.pages.add_many(
                [dict(item["_page"], article_id=item["id"]) for item in batch if "_page" in item]
            )
            counts = self.archive.upsert_articles(batch)
            if dead:
                self.archive.add_dead_links(dead)
        except sqlite3.Error as exc:
            # The batch was rolled back whole; its articles are not in the archive, so the next run fetches them.
            self.failed = True
            self.stats.inc_value("archive/write_errors")
            self.stats.inc_value("archive/unsaved", len(batch))
            logger.error(
                "archive write failed, stopping the crawl (%d articles not stored): %s", len(batch), exc
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))
            return
        for name in ("new", "updated", "unchanged"):
            self.stats.inc_value(f"archive/{name}", getattr(counts, name))

    def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()
        if self.archive is not None:
            self.archive.close()
            self.pages.close()
