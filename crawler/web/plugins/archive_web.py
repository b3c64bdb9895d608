"""The archive's Datasette plugin: accent-free search functions, an Excel-safe CSV, template filters."""

from __future__ import annotations

import csv
import io
import json

from datasette import hookimpl
from datasette.utils.asgi import Response

from crawler.search import fold, fts_query


@hookimpl
def prepare_connection(conn):
    # Used by the canned search queries: the query is folded exactly as the indexed copy was.
    conn.create_function("vn_fold", 1, fold, deterministic=True)
    conn.create_function("vn_query", 1, fts_query, deterministic=True)


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
