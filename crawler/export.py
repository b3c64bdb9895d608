"""Exports of a selection of articles as CSV (optionally with a BOM for Excel), JSON lines or XLSX, streamed."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from crawler import excel
from crawler.search import fts_query

COLUMNS = (
    "id", "url", "site", "category", "title", "published_at", "lead", "body", "people", "provinces",
    "provinces_now", "organisations", "documents",
)  # fmt: skip
JSON_COLUMNS = {"people", "provinces", "provinces_now", "organisations", "documents"}


def selection(
    search: str | None = None,
    person: str | None = None,
    province: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[str, list]:
    """SQL and parameters for the articles matching every given filter, newest first (by relevance when searching)."""
    where, params, order = [], [], "a.published_at desc"
    joins = ""
    if search:
        joins = " join articles_fts on articles_fts.rowid = a.rowid"
        where.append("articles_fts match ?")
        params.append(fts_query(search))
        order = "rank"
    if person:
        where.append("a.id in (select article_id from article_people where person = ?)")
        params.append(person)
    if province:
        where.append("a.id in (select article_id from article_places where province = ? or province_now = ?)")
        params += [province, province]
    if since:
        where.append("substr(a.published_at, 1, 10) >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published_at, 1, 10) <= ?")
        params.append(until)
    sql = f"select {', '.join('a.' + c for c in COLUMNS)} from articles a{joins}"
    if where:
        sql += " where " + " and ".join(where)
    return sql + f" order by {order}", params


@contextmanager
def _output(out: str | None, binary: bool = False):
    if out is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(
        out, "wb" if binary else "w", encoding=None if binary else "utf-8", newline=None if binary else ""
    ) as f:
        yield f


def export(
    db: str | Path,
    fmt: str,
    out: str | None = None,
    *,
    bom: bool = False,
    sheet_rows: int = excel.SHEET_ROWS,
    **filters,
) -> int:
    """Write the selected articles in fmt (csv, jsonl, xlsx), one row at a time; returns the rows written.

    Excel-bound outputs (xlsx, csv with bom) never hold a live formula; plain csv and jsonl keep the raw text.
    An xlsx sheet holds sheet_rows rows (Excel's limit), the rest go on in the next sheet."""
    if fmt == "xlsx" and out is None:
        raise ValueError("xlsx needs --out FILE")
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    conn.execute("pragma busy_timeout = 10000")
    sql, params = selection(**filters)
    count = 0
    try:
        if fmt == "xlsx":
            conn.execute("begin")  # one snapshot for both passes: no crawl's commit lengthens a text between
            widths = _cell_widths(conn, sql, params)
        rows = conn.execute(sql, params)  # a cursor: rows are read as they are written out
        if fmt == "xlsx":
            flat_rows = ([_flat(c, v) for c, v in zip(COLUMNS, row, strict=True)] for row in rows)
            count = excel.write_xlsx(out, COLUMNS, flat_rows, widths, sheet_rows=sheet_rows)
        elif fmt == "jsonl":
            with _output(out) as f:
                for row in rows:
                    record = {
                        c: json.loads(v) if c in JSON_COLUMNS and v else v
                        for c, v in zip(COLUMNS, row, strict=True)
                    }
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
        elif fmt == "csv":
            with _output(out) as f:
                if bom:
                    f.write("\ufeff")
                writer = csv.writer(f)
                writer.writerow(COLUMNS)
                for row in rows:
                    values = [_flat(c, v) for c, v in zip(COLUMNS, row, strict=True)]
                    # A --bom CSV is opened by Excel: no cell may start a formula. Plain CSV keeps the raw text.
                    writer.writerow([excel.neutralise(v) for v in values] if bom else values)
                    count += 1
        else:
            raise ValueError(f"unknown format {fmt!r}: csv, jsonl or xlsx")
    finally:
        conn.close()
    return count


def _flat(column: str, value):
    """JSON lists as "a; b; c" for spreadsheets."""
    if column in JSON_COLUMNS and value:
        return "; ".join(json.loads(value))
    return value


def _cell_widths(conn: sqlite3.Connection, sql: str, params: list) -> dict[str, int]:
    """The cells each column's longest selected value takes in Excel (1 unless a text is over a cell)."""
    # A first pass over the selection, since a streamed sheet writes its header first: SQL measures every
    # value, Python splits only those over half a cell (shorter ones fit: a character is at most 2 units).
    conn.create_function(
        "cell_count", 2, lambda c, v: len(excel.cell_pieces(_flat(c, v))), deterministic=True
    )
    half = excel.CELL_CHARS // 2
    measures = ", ".join(
        f"max(case when length({c}) > {half} then cell_count('{c}', {c}) else 1 end)" for c in COLUMNS
    )
    found = conn.execute(f"select {measures} from ({sql})", params).fetchone()
    return {c: n or 1 for c, n in zip(COLUMNS, found, strict=True)}
