"""The archive's Datasette plugin: accent-free search functions, an Excel-safe CSV, template filters."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, tilde_decode
from datasette.utils.asgi import BadRequest, Response

from crawler.excel import neutralise
from crawler.search import fold, fts_query, table_search
from crawler.snippets import contains
from crawler.web.charts import month_bars
from crawler.web.extras import bounded, thousands
from crawler.web.facets import KeptFacet, NamesFacet, page_sample, sample_size
from crawler.web.paging import DATE_SORT, first_page_token, is_start_token, unfiltered
from crawler.web.search_page import published_bounds, range_sql, search_view


@hookimpl
def prepare_connection(conn):
    # Used by the canned search queries: the query is folded exactly as the indexed copy was.
    conn.create_function("vn_fold", 1, fold, deterministic=True)
    conn.create_function("vn_query", 1, fts_query, deterministic=True)
    conn.create_function("vn_contains", 2, contains, deterministic=True)


@hookimpl
def register_routes():
    # The reader's search page; /<database>/search.json and .csv stay the canned query's.
    return [(r"^/(?P<database>[^/]+)/(?P<page>search|search_best)$", search_view)]


def database_name(datasette, route: str) -> str | None:
    """The name of the database a path's first segment (tilde-encoded, as Datasette writes it) routes to."""
    try:
        return datasette.get_database(route=tilde_decode(route)).name
    except KeyError:
        return None


# A table or query page of a database: /archive/articles, /archive/articles.csv, /archive/search (not a row page).
_TABLE_PATH = re.compile(r"^/([^/]+)/([^/.]+)(?:\.(json|csv|excel))?$")
ROWID = "rowid"


SEARCH_ARG = "_archive_search"
SEARCHABLE = ("title", "lead", "body", "captions")  # the columns the index's folded copy holds


def _is_search(key: str) -> bool:
    return key == "_search" or key.startswith("_search_")


@hookimpl
def filters_from_request(request, database, table, datasette):
    """`_search` and `_search_<column>` on `articles`, read as the search page reads a query (accents
    optional, a short query one phrase), with a published_at range applied inside the index.

    Datasette's own search filter describes the folded phrase in doubled quotes, knows no column of a
    one-column index, and lets a date filter wait for every match of a common word (1.8 s at 1M)."""
    if table != "articles":
        return None

    async def inner():
        args = request.args
        raw = args.get("_searchmode") == "raw"
        bounds = published_bounds(args)
        within = range_sql(bounds, "archive_")
        where, params, described = [], {f"archive_{k}": v for k, v in bounds.items()}, []
        for key in args:
            if not key.startswith(SEARCH_ARG):
                continue
            value = args[key]
            column = key[len(SEARCH_ARG) + 1 :]
            if not value.strip():
                continue
            if column and column not in SEARCHABLE:
                raise BadRequest(
                    f"Cannot search by column {column!r}: search one of {', '.join(SEARCHABLE)} with "
                    f"_search_<column>, or all of them with _search"
                )
            name = f"archive_fts_{column}" if column else "archive_fts"
            params[name] = table_search(value, True) if raw else fts_query(value)
            clause = f"rowid in (select rowid from articles_fts where articles_fts match :{name}{within})"
            if column:
                params[f"archive_in_{column}"] = value
                clause += f" and vn_contains([{column}], :archive_in_{column})"
                described.append(f"{column} contains “{value}”")
            else:
                described.append(f"search matches “{value}”")
            where.append(clause)
        if not where:
            return None
        # Datasette's search box shows what the reader typed.
        extra = {"search": args.get(SEARCH_ARG, ""), "supports_search": True}
        return FilterArguments(where, params, described, extra)

    return inner


def counted_on_demand(args: dict[str, str]) -> bool:
    """Whether a page of `articles` leaves its exact count to a link: a filtered HTML page does (counting a
    common word's or a province's 190,000–300,000 matches took 0.5–2 s at 1M articles); the JSON and CSV keep
    Datasette's count. The facets' sample gives the count when the matches are few, and counts them with
    `_count` (crawler.web.facets; shown by table.html)."""
    return not unfiltered(args) and "_nocount" not in args


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def before_datasette(scope, receive, send):
            match = _TABLE_PATH.match(scope.get("path", "")) if scope.get("type") == "http" else None
            database = database_name(datasette, match.group(1)) if match else None
            if database:
                query = scope.get("query_string", b"").decode("utf-8", "replace")
                pairs = parse_qsl(query, keep_blank_values=True)
                # The page's own links carry the start token on: it means "no _next" here too.
                started = [(k, v) for k, v in pairs if not (k == "_next" and is_start_token(v))]
                args = dict(started)
                if match.group(2) == "articles":
                    # The archive's own search filter reads these (filters_from_request below), not Datasette's.
                    started = [
                        (SEARCH_ARG + k[len("_search") :] if _is_search(k) else k, v) for k, v in started
                    ]
                    args = dict(started)
                    # Rowids are publication times: the same order, unique, and a search's page stops early.
                    started = [
                        (k, ROWID if k in ("_sort", "_sort_desc") and v == DATE_SORT else v)
                        for k, v in started
                    ]
                    args = dict(started)
                    if not match.group(3) and counted_on_demand(args):
                        started.append(("_nocount", "1"))
                    elif not match.group(3) and unfiltered(args):  # a filter removed through the page's links
                        started = [(k, v) for k, v in started if k != "_nocount"]
                token = await first_page_token(datasette, database, match.group(2), args)
                if token and args.get("_stream") and scope["path"].endswith(".csv"):
                    # Datasette refuses _next on a streamed CSV, and streams from its tie-unsafe first page.
                    await stream_csv(datasette, send, database, match.group(2), started, token)
                    return
                if token or started != pairs:
                    query = urlencode(started + ([("_next", token)] if token else []))
                    scope = dict(scope, query_string=query.encode("ascii"))
                if not match.group(3):
                    scope = start_chart(datasette, scope, database, match.group(2), args)
            if scope.get("type") == "http" and b"_trace=1" in scope.get("query_string", b"").split(b"&"):
                await completed(app, scope, receive, send)
            else:
                await app(scope, receive, send)

        return before_datasette

    return wrap


async def completed(app, scope, receive, send) -> None:
    """The app's response, ended if the app left it open.

    Datasette's tracer (`?_trace=1` with trace_debug on) gives up on a page over 256 KB, as a table page of
    articles is, and returns mid-body: the reader got a cut page and the server an error."""
    open_body = False

    async def tracked(message):
        nonlocal open_body
        if message["type"] == "http.response.start":
            open_body = True
        elif message["type"] == "http.response.body":
            open_body = bool(message.get("more_body"))
        await send(message)

    await app(scope, receive, tracked)
    if open_body:
        await send({"type": "http.response.body", "body": b"", "more_body": False})


CHART_TASK = "archive_web.chart"


def start_chart(datasette, scope: dict, database: str, query: str, args: dict[str, str]) -> dict:
    """The scope of a person, province or search page, with its month chart already counting.

    Started as the request arrives, the chart's query (up to EXTRA_TIME_LIMIT_MS) runs on another of
    Datasette's query threads beside the page's own query instead of after it: at 1M articles a common
    word's page took its results' time plus the chart's 0.2 s."""
    if query not in _MONTHS or database not in datasette.databases or not args.get(_MONTHS[query][1]):
        return scope
    sql, param = _MONTHS[query]
    chart = asyncio.ensure_future(bounded(datasette.get_database(database), sql, {"value": args[param]}))
    return dict(scope, **{CHART_TASK: chart})


async def stream_csv(datasette, send, database: str, table: str, pairs: list, token: str) -> None:
    """A table streamed as CSV, page by page through Datasette's own JSON, each page started from the last.

    Hand-written: Datasette's streamed CSV cannot start from a _next token (see first_page_token)."""
    params = [(k, v) for k, v in pairs if k not in ("_stream", "_size", "_next", "_dl")]
    download = any(k == "_dl" for k, _ in pairs)
    headers = [(b"content-type", b"text/csv; charset=utf-8" if download else b"text/plain; charset=utf-8")]
    if download:
        headers.append((b"content-disposition", f'attachment; filename="{table}.csv"'.encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    limit = (datasette.setting("max_csv_mb") or 0) * 1024 * 1024  # Datasette's own cap on a streamed CSV
    first, next_token, sent = True, token, 0
    while next_token and not (limit and sent >= limit):
        query = urlencode(
            [*params, ("_size", "max"), ("_next", next_token), ("_nocount", "1"), ("_nofacet", "1")]
        )
        page = await datasette.client.get(datasette.urls.table(database, table, format="json") + f"?{query}")
        if page.status_code != 200:
            break  # a query over its time limit ends the stream, as Datasette's own does
        data = page.json()
        out = io.StringIO()
        writer = csv.writer(out)
        if first:
            writer.writerow(data["columns"])
            first = False
        writer.writerows(data["rows"])
        body = out.getvalue().encode("utf-8")
        sent += len(body)
        await send({"type": "http.response.body", "body": body, "more_body": True})
        next_token = data.get("next")
    await send({"type": "http.response.body", "body": b"", "more_body": False})


@hookimpl
def register_facet_classes():
    return [NamesFacet, KeptFacet]


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["from_json"] = lambda value: json.loads(value) if value else []


def _excel_csv(rows, columns) -> Response:
    """CSV with a UTF-8 byte order mark, so Excel opens Vietnamese text correctly when double-clicked, and no
    cell Excel would run as a formula (crawler.excel)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row[c]) for c in columns])
    return Response(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="archive-export.csv"'},
    )


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "excel", "render": _excel_csv}


# Charts read the month counts the archive keeps (crawler.archive: person_months, province_months); the
# search page counts its own (crawler.web.search_page).
_MONTHS = {
    "person_articles": (
        "select month, articles as n from person_months where person = :value and month != '' order by month",
        "name",
    ),
    "province_articles": (
        "select month, articles as n from province_months where name = :value and month != '' order by month",
        "province",
    ),
}
# People named with a person in their newest articles: every article of the most-named took 1.1 s at 1M.
CO_MENTIONED_OVER = 1000
_CO_MENTIONED = (
    "select other.person as name, count(*) as articles from (select article_id from article_people "
    f"where person = :value order by published_at desc limit {CO_MENTIONED_OVER}) me "
    "join article_people other on other.article_id = me.article_id and other.person != :value "
    "group by other.person order by articles desc, name limit 15"
)
_OLD_NAMES = "select name from places where province_now = :value and name != :value order by name"
_BY_YEAR = (
    "select nullif(substr(month, 1, 4), '') as year, sum(articles) as n from province_months "
    "where name = :value group by year order by year desc"
)


def _matches_line(request, datasette, database: str) -> dict:
    """The count line of an `articles` page counted on demand: exact from its facets' sample when that holds
    every match, else a lower bound with a link that counts them (`_count`); and for a search a link to the
    search page, whose chart counts every match by month (a sample's year facet holds only its newest years)."""
    if "_nocount" not in request.args:
        return {}
    sample = page_sample(request)
    line = {"exact": None, "sampled": None, "count_url": None, "timed_out": False, "search_url": None}
    if sample is not None:
        line["exact"] = None if sample.matches is None else thousands(sample.matches)
        line["sampled"] = None if sample.complete else thousands(sample_size(datasette))
        line["timed_out"] = sample.matches is None and "_count" in request.args
    if line["exact"] is None and "_count" not in request.args:
        line["count_url"] = datasette.urls.path(path_with_added_args(request, {"_count": "1"}))
    if request.args.get(SEARCH_ARG) and request.args.get("_searchmode") != "raw":
        line["search_url"] = (
            f"{datasette.urls.database(database)}/search?{urlencode({'q': request.args[SEARCH_ARG]})}"
        )
    return {"archive_matches": line}


async def _archives(datasette) -> dict:
    """The databases served that are archives (they have the search index), for the home page's search boxes."""
    found = []
    for name, db in datasette.databases.items():
        if name != "_internal" and await db.table_exists("articles_fts"):
            found.append({"name": name, "search_url": datasette.urls.database(name) + "/search"})
    return {"archive_databases": found}


@hookimpl
def extra_template_vars(template, database, request, datasette):
    """For the person, province and search pages: a chart by month, co-mentioned people, old province names.
    For a filtered `articles` page: its count line."""
    if template == "index.html":
        return lambda: _archives(datasette)
    query = (request.url_vars or {}).get("table") if request else None
    if template == "table.html" and query == "articles":
        return lambda: _matches_line(request, datasette, database)
    if template != "query.html" or query not in _MONTHS:
        return {}

    async def extra() -> dict:
        sql, param = _MONTHS[query]
        value = request.args.get(param)
        if not value:
            return {}
        db = datasette.get_database(database)
        result = {"archive_page": query, "archive_value": value}
        chart = request.scope.get(CHART_TASK)
        months = await chart if chart is not None else await bounded(db, sql, {"value": value})
        if months is None:
            result["archive_chart_skipped"] = True
        else:
            result["archive_chart"] = month_bars([(r[0], r[1]) for r in months])
        if query == "person_articles":
            rows = await bounded(db, _CO_MENTIONED, {"value": value})
            result["archive_co_mentioned"] = [dict(r) for r in rows or []]
            result["archive_co_mentioned_over"] = thousands(CO_MENTIONED_OVER)
        if query == "province_articles":
            rows = await bounded(db, _OLD_NAMES, {"value": value})
            result["archive_old_names"] = [r[0] for r in rows or []]
            rows = await bounded(db, _BY_YEAR, {"value": value})
            result["archive_by_year"] = [dict(r) for r in rows or []]
        return result

    return extra
