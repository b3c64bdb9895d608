"""Exports bound for Excel are safe with scraped text: no title or body runs as a formula in xlsx or in the
--bom CSV, a body longer than a cell survives whole, rows past a sheet go on in the next; plain CSV and JSON
lines keep the raw text. An archive of hostile articles is exported by the real command and read back."""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
import zipfile

import pytest
from openpyxl import load_workbook

from crawler import excel
from crawler.archive import Archive
from crawler.export import COLUMNS, export
from tests.conftest import fetch, run_cli, serve

HYPERLINK = '=HYPERLINK("http://x","y")'
# Vietnamese prose with an emoji (two UTF-16 units in Excel's count), opening with a formula sign.
LONG_BODY = ("=" + "Đoạn văn rất dài của bài báo 😀 " * 3000)[:80_000]
ARTICLES = [
    {
        "id": "bocongan-t1",
        "url": "https://bocongan.gov.vn/tin-tuc-su-kien/x-t1.html",
        "site": "bocongan",
        "title": HYPERLINK,
        "published_at": "2024-01-04",
        "lead": "+84 đường dây nóng",
        "body": "@SUM(1+1) thân bài",
        "people": [{"name": "-Lê Văn A", "ranks": [], "posts": [], "mentions": 1}],
    },
    {
        "id": "bocongan-t2",
        "url": "https://bocongan.gov.vn/tin-tuc-su-kien/x-t2.html",
        "site": "bocongan",
        "title": "-1 tin dài",
        "published_at": "2024-01-03",
        "body": LONG_BODY,
    },
    {
        "id": "bocongan-t3",
        "url": "https://bocongan.gov.vn/tin-tuc-su-kien/x-t3.html",
        "site": "bocongan",
        "title": "#REF!",
        "published_at": "2024-01-02",
        "body": "\tthụt đầu dòng",
    },
    {
        "id": "bocongan-t4",
        "url": "https://bocongan.gov.vn/tin-tuc-su-kien/x-t4.html",
        "site": "bocongan",
        "title": "Tin bình thường = không công thức",
        "published_at": "2024-01-01",
        "body": "Thân bài bình thường.",
    },
]
RAW = {a["id"]: a for a in ARTICLES}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "archive.db"
    archive = Archive(db)
    archive.upsert_articles(ARTICLES)
    archive.close()
    return db


def export_file(db, tmp_path, name: str, *args: str):
    out = tmp_path / name
    result = run_cli("export", "--db", str(db), *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def csv_rows(path) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
    return {r["id"]: r for r in rows}


def joined_rows(sheet) -> dict[str, dict]:
    """A sheet's rows by id, each column's continuations ("body (2)", ...) joined to its first cell."""
    header, *rows = sheet.iter_rows(values_only=True)
    records = {}
    for row in rows:
        record = {}
        for name, value in zip(header, row, strict=True):
            base = re.sub(r" \(\d+\)$", "", name)
            record[base] = record.get(base, "") + value if value is not None else record.get(base)
        records[record["id"]] = record
    return records


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+84 912", "'+84 912"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Giá = 5", "Giá = 5"),
        ("", ""),
        (None, None),
        (42, 42),
    ],
)
def test_neutralise_quotes_only_what_starts_a_formula(value, expected):
    assert excel.neutralise(value) == expected


def test_excels_limits_are_the_defaults():
    """The sheet cap is a parameter (tests use a small one); its default, and the cell's, are Excel's."""
    assert excel.SHEET_ROWS == 1_048_576 and excel.CELL_CHARS == 32_767 and excel.SHEET_COLUMNS == 16_384
    assert inspect.signature(export).parameters["sheet_rows"].default == excel.SHEET_ROWS
    assert inspect.signature(excel.write_xlsx).parameters["sheet_rows"].default == excel.SHEET_ROWS


@pytest.mark.parametrize(
    ("text", "pieces"),
    [("a" * 32_767, 1), ("a" * 32_768, 2), ("😀" * 16_383 + "a", 1), ("😀" * 16_384, 2), (LONG_BODY, 3)],
)
def test_cell_pieces_fit_a_cell_in_excels_count_and_join_to_the_text(text, pieces):
    found = excel.cell_pieces(text)
    assert len(found) == pieces and "".join(found) == text
    assert all(excel.utf16_units(p) <= excel.CELL_CHARS for p in found)


def test_xlsx_writes_scraped_text_as_string_cells_never_formulas(hostile_db, tmp_path):
    out = export_file(hostile_db, tmp_path, "a.xlsx", "--format", "xlsx")
    sheet = load_workbook(out)["articles"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    for id_, column, raw in [
        ("bocongan-t1", "title", HYPERLINK),
        ("bocongan-t1", "lead", "+84 đường dây nóng"),
        ("bocongan-t1", "body", "@SUM(1+1) thân bài"),
        ("bocongan-t1", "people", "-Lê Văn A"),
        ("bocongan-t2", "title", "-1 tin dài"),
        ("bocongan-t3", "title", "#REF!"),  # openpyxl would write this as an error value
        ("bocongan-t3", "body", "\tthụt đầu dòng"),
    ]:
        cell = cells[id_][column]
        assert (cell.data_type, cell.value) == ("s", raw), (id_, column)
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in book.read(n) or b"<f " in book.read(n) for n in sheets)


def test_xlsx_continues_a_body_longer_than_a_cell_in_further_columns(hostile_db, tmp_path):
    out = export_file(hostile_db, tmp_path, "a.xlsx", "--format", "xlsx")
    sheet = load_workbook(out, read_only=True)["articles"]
    header = next(sheet.iter_rows(values_only=True))
    body_at = header.index("body")
    assert header[body_at : body_at + 4] == ("body", "body (2)", "body (3)", "people")
    assert [h for h in header if not h.startswith("body (")] == list(COLUMNS)
    records = joined_rows(sheet)
    assert records["bocongan-t2"]["body"] == LONG_BODY
    assert {id_: r["body"] for id_, r in records.items()} == {id_: a["body"] for id_, a in RAW.items()}


def test_xlsx_rows_past_a_sheet_go_on_in_the_next_with_the_header(hostile_db, tmp_path):
    """A cap of 3 rows a sheet (the header and two articles) stands in for Excel's 1,048,576."""
    out = tmp_path / "capped.xlsx"
    assert export(hostile_db, "xlsx", str(out), sheet_rows=3) == 4
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["articles", "articles (2)"]
    first, second = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    assert len(first) == len(second) == 3 and first[0] == second[0] and first[0][0] == "id"
    assert [r[0] for r in first[1:] + second[1:]] == [
        "bocongan-t1",
        "bocongan-t2",
        "bocongan-t3",
        "bocongan-t4",
    ]


def test_xlsx_of_nothing_is_a_sheet_with_its_header(hostile_db, tmp_path):
    out = tmp_path / "none.xlsx"
    assert export(hostile_db, "xlsx", str(out), since="2100-01-01") == 0
    rows = list(load_workbook(out, read_only=True)["articles"].iter_rows(values_only=True))
    assert rows == [tuple(COLUMNS)]


def test_bom_csv_quotes_every_cell_that_would_start_a_formula(hostile_db, tmp_path):
    rows = csv_rows(export_file(hostile_db, tmp_path, "a.csv", "--bom"))
    assert rows["bocongan-t1"]["title"] == "'" + HYPERLINK
    assert rows["bocongan-t1"]["lead"] == "'+84 đường dây nóng"
    assert rows["bocongan-t1"]["body"] == "'@SUM(1+1) thân bài"
    assert rows["bocongan-t1"]["people"] == "'-Lê Văn A"
    assert rows["bocongan-t2"]["body"] == "'" + LONG_BODY
    assert rows["bocongan-t3"]["body"] == "'\tthụt đầu dòng"
    assert rows["bocongan-t4"]["title"] == RAW["bocongan-t4"]["title"]
    assert not any(v.startswith(excel.FORMULA_STARTS) for r in rows.values() for v in r.values())


def test_plain_csv_keeps_the_raw_text(hostile_db, tmp_path):
    rows = csv_rows(export_file(hostile_db, tmp_path, "a.csv"))
    assert {i: (r["title"], r["body"]) for i, r in rows.items()} == {
        i: (a["title"], a["body"]) for i, a in RAW.items()
    }
    assert (
        rows["bocongan-t1"]["lead"] == "+84 đường dây nóng" and rows["bocongan-t1"]["people"] == "-Lê Văn A"
    )


def test_jsonl_keeps_the_raw_text(hostile_db, tmp_path):
    out = export_file(hostile_db, tmp_path, "a.jsonl", "--format", "jsonl")
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert {i: (r["title"], r["body"]) for i, r in records.items()} == {
        i: (a["title"], a["body"]) for i, a in RAW.items()
    }
    assert records["bocongan-t1"]["people"] == ["-Lê Văn A"]


def test_datasettes_excel_link_neutralises_formulas_and_its_csv_keeps_the_raw_text(hostile_db):
    """The table's `.excel` download (Excel-bound) and `.csv` (for scripts), through Datasette's real HTTP."""
    proc, base = serve(hostile_db)
    try:
        excel_page = fetch(f"{base}/archive/articles.excel?_size=max")
        plain_page = fetch(f"{base}/archive/articles.csv?_size=max")
    finally:
        proc.terminate()
        proc.wait(10)
    assert excel_page.status == plain_page.status == 200
    for_excel = {r["id"]: r for r in csv.DictReader(io.StringIO(excel_page.body.decode("utf-8-sig")))}
    plain = {r["id"]: r for r in csv.DictReader(io.StringIO(plain_page.body.decode("utf-8")))}
    assert for_excel["bocongan-t1"]["title"] == "'" + HYPERLINK
    assert for_excel["bocongan-t1"]["lead"] == "'+84 đường dây nóng"
    assert for_excel["bocongan-t3"]["body"] == "'\tthụt đầu dòng"
    assert for_excel["bocongan-t4"]["title"] == RAW["bocongan-t4"]["title"]
    assert plain["bocongan-t1"]["title"] == HYPERLINK and plain["bocongan-t3"]["body"] == "\tthụt đầu dòng"
