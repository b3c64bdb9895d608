"""The archive's Datasette plugin: accent-free search functions, an Excel-safe CSV, template filters."""

from __future__ import annotations

import csv
import io
import json

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet
from datasette.utils import escape_sqlite, path_with_removed_args
from datasette.utils.asgi import Response

from crawler.search import fold, fts_query


@hookimpl
def prepare_connection(conn):
    # Used by the canned search queries: the query is folded exactly as the indexed copy was.
    conn.create_function("vn_fold", 1, fold, deterministic=True)
    conn.create_function("vn_query", 1, fts_query, deterministic=True)


class NamesFacet(ArrayFacet):
    """Datasette's array facet (people, provinces…) counted over each row's id and names only.

    The built-in one removes duplicates with `select distinct j.value, inner.*`, sorting every matching
    article with its whole body: 550 ms a page at 10,000 articles, most of the table page's time.
    Use it as `_facet_names=people` or `{"names": "provinces_now"}` in the metadata.
    """

    type = "names"

    async def facet_results(self):
        columns = [c["config"]["simple"] for c in self.get_configs()]
        head, found, where = self.sql.partition(f" from {escape_sqlite(self.table or '')}")
        if columns and found and head.lstrip().lower().startswith("select "):
            self.sql = f"select rowid, {', '.join(map(escape_sqlite, columns))}{found}{where}"
        results, timed_out = await super().facet_results()
        for result in results:  # the parent's links name its own type
            result["type"] = self.type
            removed = path_with_removed_args(self.request, {f"_facet_{self.type}": result["name"]})
            result["toggle_url"] = self.ds.urls.path(removed)
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [NamesFacet]


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["from_json"] = lambda value: json.loads(value) if value else []


def _excel_csv(rows, columns) -> Response:
    """CSV with a UTF-8 byte order mark, so Excel opens Vietnamese text correctly when double-clicked."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return Response(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="archive-export.csv"'},
    )


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "excel", "render": _excel_csv}


_MONTHS = {
    "person_articles": (
        "select substr(published_at, 1, 7) as month, count(*) as n from article_people "
        "where person = :value and published_at is not null group by month order by month",
        "name",
    ),
    "province_articles": (
        "select substr(published_at, 1, 7) as month, count(distinct article_id) as n "
        "from province_links where name = :value and published_at is not null group by month order by month",
        "province",
    ),
    "search": (
        "select substr(a.published_at, 1, 7) as month, count(*) as n from articles_fts "
        "join articles a on a.rowid = articles_fts.rowid where articles_fts match vn_query(:value) "
        "and a.published_at is not null group by month order by month",
        "q",
    ),
}
_CO_MENTIONED = (
    "select other.person as name, count(*) as articles from article_people me "
    "join article_people other on other.article_id = me.article_id and other.person != me.person "
    "where me.person = :value group by other.person order by articles desc, name limit 15"
)
_OLD_NAMES = "select name from places where province_now = :value and name != :value order by name"
_BY_YEAR = (
    "select substr(published_at, 1, 4) as year, count(distinct article_id) as n "
    "from province_links where name = :value group by year order by year desc"
)


def _bars(rows: list[tuple[str, int]]) -> dict:
    """Articles per month as bar geometry for a small SVG chart drawn by the template (no script, no CDN)."""
    if not rows:
        return {}
    top = max(n for _, n in rows)
    width = max(4, min(24, 720 // len(rows)))
    bars = [{"label": m, "n": n, "x": i * width, "h": round(100 * n / top)} for i, (m, n) in enumerate(rows)]
    return {
        "bars": bars,
        "width": width,
        "total_width": width * len(rows),
        "first": rows[0][0],
        "last": rows[-1][0],
    }


# The page's extras (chart, co-mentioned people) may take this long; the results themselves may take longer.
EXTRA_TIME_LIMIT_MS = 1000


async def _bounded(db, sql: str, params: dict):
    """Rows of a page's extra query, or None when it runs out of time: a broad term in a large archive
    (a syllable in most of a million articles: 2.7 s for its chart) must not slow or break the page."""
    try:
        return (await db.execute(sql, params, custom_time_limit=EXTRA_TIME_LIMIT_MS)).rows
    except QueryInterrupted:
        return None


@hookimpl
def extra_template_vars(template, database, request, datasette):
    """For the person, province and search pages: a chart by month, co-mentioned people, old province names."""
    query = (request.url_vars or {}).get("table") if request else None
    if template != "query.html" or query not in _MONTHS:
        return {}

    async def extra() -> dict:
        sql, param = _MONTHS[query]
        value = request.args.get(param)
        if not value:
            return {}
        db = datasette.get_database(database)
        result = {"archive_page": query, "archive_value": value}
        months = await _bounded(db, sql, {"value": value})
        if months is None:
            result["archive_chart_skipped"] = True
        else:
            result["archive_chart"] = _bars([(r[0], r[1]) for r in months])
        if query == "person_articles":
            rows = await _bounded(db, _CO_MENTIONED, {"value": value})
            result["archive_co_mentioned"] = [dict(r) for r in rows or []]
        if query == "province_articles":
            rows = await _bounded(db, _OLD_NAMES, {"value": value})
            result["archive_old_names"] = [r[0] for r in rows or []]
            rows = await _bounded(db, _BY_YEAR, {"value": value})
            result["archive_by_year"] = [dict(r) for r in rows or []]
        return result

    return extra
