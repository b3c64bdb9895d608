"""The search page a reader uses (/<database>/search): results like a search engine's, not a SQL console.

The matches come from the full-text index in rowid order, which is publication order (crawler.archive), so
a page of the newest matches, a date range (a rowid range the index applies itself) and the next page
(rowids below the last shown) each read only what they show. The canned query of the same name stays for
JSON and CSV (/<database>/search.json).
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta
from urllib.parse import urlencode

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

from crawler.archive import UNDATED_LAST, date_key
from crawler.search import query_phrases
from crawler.snippets import highlight, snippet
from crawler.web.charts import ROWID_PER_MONTH, month_bars, month_of
from crawler.web.extras import EXTRA_TIME_LIMIT_MS, bounded, thousands

PAGE_SIZE = 20
BEST_OF = (
    10_000  # "best matches" ranks the newest this many matches (BM25 over all of a common word is seconds)
)
# The count and the month chart read every match (crawler.web.extras.EXTRA_TIME_LIMIT_MS): a broad word at a
# million articles takes seconds; the page then says "more than COUNT_CAP" and offers the count.
COUNT_CAP = 10_000
MAX_QUERY_CHARS = 500  # a query is words a reader types; a pasted page would only cost every other reader
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MATCH = "articles_fts match vn_query(:q)"


class BadSearch(ValueError):
    """A search the page cannot run, in words for the reader."""


def day_bounds(since: str, until: str) -> dict[str, int]:
    """Rowid bounds for articles published from `since` to `until` (YYYY-MM-DD, both days included; either
    may be empty). A range leaves out the articles without a date."""
    for name, value in (("từ ngày", since), ("đến ngày", until)):
        if value and not (_DAY.match(value) and _valid(value)):
            raise BadSearch(
                f"Ngày “{value}” ({name}) không hợp lệ: hãy viết theo dạng năm-tháng-ngày, ví dụ 2024-03-31."
            )
    if since and until and since > until:
        raise BadSearch(f"Ngày bắt đầu ({since}) sau ngày kết thúc ({until}).")
    return published_bounds({"published_at__gte": since, "published_at__lte": until})


# Table filters on published_at whose rows lie in a rowid range: the range goes into the full-text query,
# where the index applies it itself (a common word in one month at 1M: the whole word's matches otherwise).
_LOWER = ("published_at__gte", "published_at__gt")
_UPPER = ("published_at__lt", "published_at__lte")


def published_bounds(args) -> dict[str, int]:
    """Rowid bounds holding every row the table filters on published_at keep (a day wider at the top, never
    narrower: the filters themselves still decide)."""
    bounds = {}
    for key in _LOWER:
        day = (args.get(key) or "")[:10]
        if _DAY.match(day) and _valid(day):
            bounds["lo"] = max(bounds.get("lo", 0), date_key(day)[0])
    for key in _UPPER:
        day = (args.get(key) or "")[:10]
        if _DAY.match(day) and _valid(day):
            after = date_key((date.fromisoformat(day) + timedelta(days=1)).isoformat())[0]
            bounds["hi"] = min(bounds.get("hi", after), after)
    if bounds and "lo" not in bounds:
        bounds["lo"] = UNDATED_LAST + 1  # a comparison never keeps an article without a date
    return bounds


def range_sql(bounds: dict[str, int], prefix: str = "") -> str:
    """The bounds as conditions on rowid, with parameters named `prefix`lo and `prefix`hi."""
    return (f" and rowid >= :{prefix}lo" if "lo" in bounds else "") + (
        f" and rowid < :{prefix}hi" if "hi" in bounds else ""
    )


def _valid(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def hits_sql(bounds: dict[str, int], best: bool, after_rowid: bool) -> str:
    """The rowids of one page of matches: newest first (continuing below :before), or best first among the
    BEST_OF newest (from :offset)."""
    where = _MATCH + range_sql(bounds)
    if best:
        return (
            f"select rowid from (select rowid, rank from articles_fts where {where} order by rowid desc "
            f"limit {BEST_OF}) order by rank limit :n offset :offset"
        )
    return f"select rowid from articles_fts where {where}{' and rowid < :before' if after_rowid else ''} order by rowid desc limit :n"


def months_sql(bounds: dict[str, int]) -> str:
    return (
        f"select rowid / {ROWID_PER_MONTH} as m, count(*) as n from articles_fts "
        f"where {_MATCH}{range_sql(bounds)} group by m"
    )


def capped_count_sql(bounds: dict[str, int]) -> str:
    return (
        f"select count(*) from (select rowid from articles_fts where {_MATCH}{range_sql(bounds)} "
        f"order by rowid desc limit {COUNT_CAP + 1})"
    )


def shown_date(published_at: str | None) -> str:
    """ "2024-03-05T08:30:00+07:00" as "05/03/2024 08:30", as Vietnamese pages write dates."""
    if not published_at:
        return "không rõ ngày"
    day = f"{published_at[8:10]}/{published_at[5:7]}/{published_at[:4]}"
    return f"{day} {published_at[11:16]}" if len(published_at) >= 16 else day


async def _count(db, bounds: dict, params: dict, exact: bool) -> dict:
    """The number of matches and their months; a broad search past the time limit gets "more than COUNT_CAP"
    unless the reader asked for the exact count (then Datasette's own time limit applies)."""
    months = await bounded(db, months_sql(bounds), params, None if exact else EXTRA_TIME_LIMIT_MS)
    if months is not None:
        dated = sorted((m, n) for m, n in months if m >= 100_000)
        return {
            "total": sum(n for _, n in months),
            "chart": month_bars([(month_of(m), n) for m, n in dated]),
        }
    capped = await bounded(db, capped_count_sql(bounds), params, None)
    if capped is None:
        return {"total": None, "chart": {}}
    n = capped[0][0]
    return (
        {"total": n, "chart": {}} if n <= COUNT_CAP else {"total": None, "more_than": COUNT_CAP, "chart": {}}
    )


def _link(base: str, **params) -> str:
    return base + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


async def search_view(datasette, request) -> Response:
    if request.method not in ("GET", "HEAD"):
        return Response.text("Trang tìm kiếm chỉ đọc (GET).", status=405)
    route = tilde_decode(request.url_vars["database"])
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"Không có cơ sở dữ liệu {route}") from None
    database = db.name
    await datasette.ensure_permissions(
        request.actor, [("view-query", (database, "search")), ("view-database", database), "view-instance"]
    )
    args = request.args
    q = (args.get("q") or "").strip()
    since, until = (args.get("from") or "").strip(), (args.get("to") or "").strip()
    best = request.url_vars.get("page") == "search_best" or args.get("order") == "best"
    page_url = datasette.urls.database(database) + "/search"
    context = {
        "database": database,
        "q": q,
        "since": since,
        "until": until,
        "best": best,
        "page_url": page_url,
        "results": [],
        "error": None,
    }
    status = 200
    phrases = query_phrases(q)
    if len(q) > MAX_QUERY_CHARS:
        context["error"], status = f"Câu tìm quá dài (hơn {MAX_QUERY_CHARS} ký tự).", 400
    elif q and not phrases:
        context["error"] = "Câu tìm không có chữ nào để tìm."
    elif phrases:
        try:
            bounds = day_bounds(since, until)
        except BadSearch as exc:
            context["error"], status = str(exc), 400
        else:
            context.update(await _results(datasette, db, request, q, since, until, bounds, best, page_url))
    html = await datasette.render_template(
        ["archive_search.html"], context, request=request, view_name="search"
    )
    return Response.html(html, status=status)


async def _results(datasette, db, request, q, since, until, bounds, best, page_url) -> dict:
    args = request.args
    params = {"q": q, **bounds}
    before = args.get("before")
    offset = int(args["offset"]) if (args.get("offset") or "").isdigit() else 0
    shown_before = int(args["shown"]) if (args.get("shown") or "").isdigit() else 0
    hit_params = dict(params, n=PAGE_SIZE + 1)
    if best:
        hit_params["offset"] = offset
        shown_before = offset
    elif before and before.isdigit():
        hit_params["before"] = int(before)
    else:
        before, shown_before = None, 0
    sql = hits_sql(bounds, best, before is not None and not best)
    counting = asyncio.ensure_future(_count(db, bounds, params, exact="count" in args))
    hits = [r[0] for r in (await db.execute(sql, hit_params)).rows]
    more = len(hits) > PAGE_SIZE
    hits = hits[:PAGE_SIZE]
    rows = {}
    if hits:
        marks = ", ".join("?" * len(hits))
        found = await db.execute(
            "select rowid, id, title, published_at, category, site, url, lead, body, captions "
            f"from articles where rowid in ({marks})",
            hits,
        )
        rows = {r["rowid"]: r for r in found.rows}
    results = []
    for rowid in hits:
        row = rows.get(rowid)
        if row is None:
            continue
        text = "\n".join(t for t in (row["lead"], row["body"]) if t)
        results.append(
            {
                "title": highlight(row["title"], q),
                "href": datasette.urls.row(db.name, "articles", tilde_encode(row["id"])),
                "date": shown_date(row["published_at"]),
                "category": row["category"] or "",
                "site": row["site"] or "",
                "url": row["url"],
                "snippet": snippet(text, q),
            }
        )
    counted = await counting
    common = {"q": q, "from": since, "to": until, "order": "best" if best else None}
    next_url = None
    if more:
        if best:
            next_url = _link(page_url, **common, offset=offset + PAGE_SIZE)
        else:
            next_url = _link(page_url, **common, before=hits[-1], shown=shown_before + len(hits))
    table_args = {"_search": q}
    if since:
        table_args["published_at__gte"] = since
    if until:
        table_args["published_at__lt"] = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
    table = datasette.urls.table(db.name, "articles")
    sql_shown = hits_sql(bounds, best, False).replace(":n", str(PAGE_SIZE)).replace(":offset", "0")
    return {
        "results": results,
        "total": None if counted["total"] is None else thousands(counted["total"]),
        "more_than": thousands(counted["more_than"]) if counted.get("more_than") else None,
        "count_url": None
        if counted["total"] is not None or "count" in args
        else _link(page_url, **common, count=1),
        "count_timed_out": counted["total"] is None and "count" in args,
        "chart": counted["chart"],
        "first_shown": shown_before + 1,
        "last_shown": shown_before + len(results),
        "next_url": next_url,
        "first_url": _link(page_url, **common) if (before or offset) else None,
        "newest_url": _link(page_url, q=q, **{"from": since, "to": until}),
        "best_url": _link(page_url, q=q, **{"from": since, "to": until}, order="best"),
        "best_of": thousands(BEST_OF),
        "table_url": _link(table, **table_args),
        "csv_url": _link(table + ".csv", **table_args, _stream="on", _size="max", _dl="1"),
        "excel_url": _link(table + ".excel", **table_args, _size="max"),
        "sql_url": _link(
            datasette.urls.database(db.name),
            sql=sql_shown,
            q=q,
            **{k: str(v) for k, v in params.items() if k != "q"},
        ),
    }
