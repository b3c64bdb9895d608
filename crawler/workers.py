"""Extraction beside the crawl: a process pool, so parsing pages does not hold up the crawl's event loop."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from crawler.extract.auto import extract_for_site

logger = logging.getLogger(__name__)


def _exit_with(crawl_pid: int) -> None:
    """In a worker: exit when the crawl process is gone (killed with -9, it cannot shut its pool down)."""

    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(crawl_pid, 0)
            except ProcessLookupError:
                os._exit(0)

    threading.Thread(target=watch, name="crawl-watchdog", daemon=True).start()


class WorkerDied(RuntimeError):
    """A worker process died while extracting (killed, out of memory, a crash in a C parser)."""


class Extractor:
    """Runs extract_for_site in worker processes (workers > 0) or inline; the same results either way.

    A pool whose worker died is replaced and the page tried once more, so one bad page costs that page
    (WorkerDied), not the crawl.
    """

    def __init__(self, workers: int, function: Callable = extract_for_site):
        self.workers = workers
        self.function = function
        self.pool = self._new_pool() if workers > 0 else None

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: workers start clean, without a copy of the running reactor and its threads.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=get_context("forkserver"),
            initializer=_exit_with,
            initargs=(os.getpid(),),
        )

    async def extract(self, body: bytes, url: str, site: str, content_type: str | None):
        if self.pool is None:
            return self.function(body, url, site, content_type)
        for _ in range(2):
            pool = self.pool
            try:
                return await asyncio.wrap_future(pool.submit(self.function, body, url, site, content_type))
            except BrokenProcessPool:
                if self.pool is pool:  # the first page to notice replaces the pool; the others retry on it
                    logger.error("an extraction worker died (on %s or a page beside it); restarting", url)
                    pool.shutdown(wait=False, cancel_futures=True)
                    self.pool = self._new_pool()
        raise WorkerDied(f"the extraction worker died twice while extracting {url}")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
