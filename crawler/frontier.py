"""What the archive already holds, as the crawl's frontier: known articles, dead links, articles to revisit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from crawler.extract.dates import VN_TZ


class Frontier:
    """Read-only questions the spider asks the archive; the archive itself is the crawl's memory between runs.

    A killed run loses nothing here: what was stored is known, what was not is fetched next time.
    """

    def __init__(self, db: str | Path):
        self.conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True, check_same_thread=False)
        self.conn.execute("pragma busy_timeout = 10000")

    def known(self, keys: Iterable[str]) -> set[str]:
        """Which of these article keys are stored, or are links already found dead."""
        keys = list(keys)
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"select id from articles where id in ({marks}) union select key from dead_links where key in ({marks})",
            keys + keys,
        )
        return {row[0] for row in rows}

    def recent(self, site: str, days: float) -> list[tuple[str, str | None, str | None]]:
        """(url, etag, last_modified) of stored articles published in the last `days` days, to fetch again."""
        if days <= 0:
            return []
        since = (datetime.now(VN_TZ) - timedelta(days=days)).date().isoformat()
        return self.conn.execute(
            "select url, etag, last_modified from articles where site = ? and published_at >= ? order by published_at desc",
            [site, since],
        ).fetchall()

    def close(self) -> None:
        self.conn.close()
