"""What the archive's pages show beside their results: queries given a time limit, numbers written as readers
write them."""

from __future__ import annotations

from datasette.database import QueryInterrupted

# The page's extras (chart, co-mentioned people, a search's count) may take this long; the results themselves may
# take longer. Person and province charts read kept counts and take a few ms; a search's count reads every match,
# which for a common word at a million articles is over a second: the page answers without it instead.
EXTRA_TIME_LIMIT_MS = 200


async def bounded(db, sql: str, params: dict, limit_ms: int | None = EXTRA_TIME_LIMIT_MS):
    """Rows of a page's extra query, or None when it runs out of time (None: Datasette's own limit): a broad
    term in a large archive (a syllable in most of a million articles: 2.7 s for its chart) must not slow or
    break the page."""
    try:
        return (await db.execute(sql, params, custom_time_limit=limit_ms)).rows
    except QueryInterrupted:
        return None


def thousands(n: int) -> str:
    """12345 as "12.345"."""
    return f"{n:,}".replace(",", ".")
