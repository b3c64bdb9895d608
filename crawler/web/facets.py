"""Facets of the `articles` table that stay fast at a million articles.

Datasette counts a facet over every row a page matches: a common word or a province at a million articles is
190,000–300,000 rows, and one facet over them took 0.6–3.3 s. Here the whole table reads the counts the archive
keeps (crawler.archive), and a filtered page counts over its newest matches: at most FACET_SAMPLE of them,
read once per page (rowids are publication times, so "newest" is the rowid order) and shared by its facets.
Each facet says in its result (`sample`) whether it counted every match or only the newest ones.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from crawler.archive import SORT_FILTERS
from crawler.web.paging import unfiltered

# A filtered page's facets count its newest matches, at most this many (plugin setting `facet_sample`).
FACET_SAMPLE = 2000
# Facet counts over the whole table, read from the month counts the archive keeps: counting every article's
# names took 2.9 s at 1M articles. A current province's kept count is exactly the articles whose provinces_now
# names it.
KEPT_NAMES = {
    "people": "select person as value, sum(articles) as count from person_months group by person "
    "order by count desc, value limit {limit}",
    "provinces_now": "select name as value, sum(articles) as count from province_months "
    "where name in (select name from places where current = 1) group by name order by count desc, value limit {limit}",
}
KEPT_COLUMNS = "select value, articles as count from article_counts where facet = :column order by count desc, value limit {limit}"
# Datasette's own `_search` clause with nothing else: its newest matches come from the index in rowid order.
# The archive's search filter (archive_web.filters_from_request), with its date bounds if any.
_PLAIN_SEARCH = re.compile(
    r"where rowid in \(select rowid from articles_fts where articles_fts match (:archive_fts(?: and rowid [<>]=? :archive_\w+)*)\)"
)
_SAMPLE_KEY = "archive_web.newest_matches"


class Sample:
    """The rowids of a page's newest matches, newest first, whether they are all of its matches, and how
    many matches there are where that is known (all of them in the sample, or counted on request)."""

    def __init__(self, rowids: list[int], size: int, matches: int | None = None):
        self.complete = len(rowids) <= size
        self.rowids = rowids[:size]
        self.matches = len(rowids) if self.complete else matches

    def describe(self) -> dict:
        return {"articles": len(self.rowids), "every_match": self.complete, "matches": self.matches}


def sample_size(datasette) -> int:
    config = datasette.plugin_config("archive_web") or {}
    return int(config.get("facet_sample", FACET_SAMPLE))


async def newest_matches(facet) -> Sample | None:
    """The page's newest matches, read by its first facet and shared with the others (and the page's
    count line, see archive_web.extra_template_vars). None when the read ran out of the facet time limit."""
    scope = facet.request.scope
    if _SAMPLE_KEY not in scope:
        scope[_SAMPLE_KEY] = asyncio.ensure_future(_read_newest(facet))
    return await scope[_SAMPLE_KEY]


def page_sample(request) -> Sample | None:
    """The sample a page's facets read, if they read one."""
    task = request.scope.get(_SAMPLE_KEY)
    if task is None or not task.done() or task.cancelled() or task.exception() is not None:
        return None
    return task.result()


async def _read_newest(facet) -> Sample | None:
    """The sample, and with `_count` the number of matches (within Datasette's query time limit)."""
    size = sample_size(facet.ds)
    _, _, where = facet.sql.partition(" from articles ")
    search = _PLAIN_SEARCH.fullmatch(where.strip())
    # A plain search reads the index alone: its matches come newest first and stop after the sample (0.2 ms
    # at 1M), and counting them needs no article row (0.14 s for "da nang" at 1M).
    if search:
        matches = f"from articles_fts where articles_fts match {search.group(1)}"
    else:
        matches = f"from articles {where}"
    try:
        rows = await facet.ds.execute(
            facet.database,
            f"select rowid {matches} order by rowid desc limit {size + 1}",
            facet.params,
            custom_time_limit=facet.ds.setting("facet_time_limit_ms"),
        )
    except QueryInterrupted:
        return None
    counted = None
    # A JSON page counts its matches itself (Datasette's count); only a page counted on demand asks here.
    if len(rows.rows) > size and "_count" in facet.request.args and "_nocount" in facet.request.args:
        try:
            counted = (
                await facet.ds.execute(facet.database, f"select count(*) {matches}", facet.params)
            ).rows[0][0]
        except QueryInterrupted:
            pass
    return Sample([row[0] for row in rows.rows], size, counted)


class _ArchiveFacet:
    """What both facets share: the whole `articles` table from kept counts, a filtered page from its sample,
    every row on another table (facet types with `any_table`) or an archive without kept counts."""

    type = ""
    any_table = False

    def whole_table_sql(self, column: str, limit: int) -> str | None:
        raise NotImplementedError

    def rows_sql(self, column: str, limit: int, rowids: str, table: str) -> str:
        """The facet's counts over the rows of `table` whose rowids the query `rowids` gives."""
        raise NotImplementedError

    def selection(self, column: str, value) -> tuple[str, str]:
        """The query-string pair that selects a value of this facet."""
        raise NotImplementedError

    async def facet_results(self, every: bool = False):
        table = escape_sqlite(self.table or "")
        head, found, where = self.sql.partition(f" from {table} ")
        if not (found and head.lstrip().lower().startswith("select ")):
            return await self.fallback()
        if self.table != "articles" and not self.any_table:
            return await self.fallback()
        every = every or self.table != "articles"
        whole = not every and unfiltered(self.request.args)
        size = self.get_facet_size()
        results, timed_out = [], []
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sample = None
            sql, params = self.whole_table_sql(column, size + 1) if whole else None, {"column": column}
            if sql is None and every:  # every matching row
                sql = self.rows_sql(column, size + 1, f"select rowid from {table} {where}", table)
                params = self.params
            elif sql is None:  # a filtered page, or a column without kept counts: its newest matches
                sample = await newest_matches(self)
                if sample is None:
                    timed_out.append(column)
                    continue
                sql = self.rows_sql(column, size + 1, "select value from json_each(:sample)", table)
                params = {"sample": json.dumps(sample.rowids)}
            try:
                rows = await self.ds.execute(
                    self.database, sql, params, custom_time_limit=self.ds.setting("facet_time_limit_ms")
                )
            except sqlite3.OperationalError:  # an archive made before the counts were kept, or a view
                return await (self.fallback() if every else self.facet_results(every=True))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            result = self.result(column, rows.rows, size, source_and_config["source"])
            result["sample"] = (
                sample.describe() if sample else {"articles": None, "every_match": True, "matches": None}
            )
            results.append(result)
        return results, timed_out

    async def fallback(self):
        """Datasette's own facet over every matching row, its links named for this facet type."""
        results, timed_out = await super().facet_results()
        for result in results:
            result["type"] = self.type
            removed = path_with_removed_args(self.request, {f"_facet_{self.type}": result["name"]})
            result["toggle_url"] = self.ds.urls.path(removed)
        return results, timed_out

    def result(self, column: str, rows: list, size: int, source: str) -> dict:
        """One facet in Datasette's shape, its values linked to select or remove them."""
        pairs = self.get_querystring_pairs()
        values = []
        for row in rows[:size]:
            key, value = self.selection(column, row["value"])
            selected = (key, value) in pairs
            path = (
                path_with_removed_args(self.request, {key: value})
                if selected
                else path_with_added_args(self.request, {key: value})
            )
            values.append(
                {"value": row["value"], "label": row["value"], "count": row["count"], "selected": selected,
                 "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path))}
            )  # fmt: skip
        removed = path_with_removed_args(self.request, {f"_facet_{self.type}": column})
        return {
            "name": column, "type": self.type, "results": values, "truncated": len(rows) > size,
            "hideable": source != "metadata", "toggle_url": self.ds.urls.path(removed),
        }  # fmt: skip


class KeptFacet(_ArchiveFacet, ColumnFacet):
    """Datasette's column facet for `articles`: on the whole table read from article_counts (counting site,
    category and year over every article took 357 ms at 1M), filtered over the page's newest matches.
    Use it as `{"kept": "site"}` in the metadata or `_facet_kept=site`."""

    type = "kept"

    def whole_table_sql(self, column: str, limit: int) -> str | None:
        return KEPT_COLUMNS.format(limit=limit) if column in SORT_FILTERS else None

    def rows_sql(self, column: str, limit: int, rowids: str, table: str) -> str:
        col = escape_sqlite(column)
        return (
            f"select {col} as value, count(*) as count from {table} "
            f"where rowid in ({rowids}) and {col} is not null "
            f"group by {col} order by count desc, value limit {limit}"
        )

    def selection(self, column: str, value) -> tuple[str, str]:
        return column, str(value)


class NamesFacet(_ArchiveFacet, ArrayFacet):
    """Datasette's array facet (people, provinces, ranks…), each row counted once per name, on any table.

    Datasette's own removes duplicates with `select distinct j.value, inner.*` over a CTE, sorting every
    matching article with its whole body (550 ms a page at 10,000 articles); this one reads each row's rowid
    and names only. Use it as `_facet_names=people` or `{"names": "provinces_now"}` in the metadata."""

    type = "names"
    any_table = True

    def whole_table_sql(self, column: str, limit: int) -> str | None:
        kept = KEPT_NAMES.get(column)
        return kept.format(limit=limit) if kept else None

    def rows_sql(self, column: str, limit: int, rowids: str, table: str) -> str:
        return (
            f"select j.value as value, count(distinct a.rowid) as count from {table} a, "
            f"json_each(a.{escape_sqlite(column)}) j where a.rowid in ({rowids}) "
            f"group by j.value order by count desc, value limit {limit}"
        )

    def selection(self, column: str, value) -> tuple[str, str]:
        return f"{column}__arraycontains", str(value)
