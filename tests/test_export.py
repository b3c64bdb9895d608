"""python -m crawler export: the selections journalists ask for, in files Excel and scripts open."""

from __future__ import annotations

import csv
import io
import json
import re

from openpyxl import load_workbook

from crawler.search import fold
from tests.conftest import run_cli


def test_csv_with_bom_of_a_search(crawled, tmp_path):
    out = tmp_path / "da-nang.csv"
    result = run_cli("export", "--db", str(crawled.db), "--search", "da nang", "--bom", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # Accent-free search means "da nang" also matches "đa năng" (multi-purpose): the truth is folded alike.
    texts = {
        t["url"]: fold(" ".join([t["title"], t["lead"] or "", t["body"], *t["captions"]]))
        for t in crawled.truth
    }
    matching = {url for url, text in texts.items() if re.search(r"\bda\W+nang\b", text)}
    assert rows and {r["url"] for r in rows} == matching
    assert json.loads(result.stderr)["rows"] == len(rows)


def test_jsonl_of_a_person_between_dates(crawled):
    result = run_cli(
        "export", "--db", str(crawled.db), "--format", "jsonl", "--person", "Lê Quốc Hùng",
        "--since", "2023-01-01", "--until", "2023-12-31",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    seed = next(t for t in crawled.truth if t["seed"])
    assert seed["url"] in {r["url"] for r in records}
    assert all("Lê Quốc Hùng" in r["people"] and "2023" <= r["published_at"][:4] <= "2023" for r in records)


def test_xlsx_of_a_province_old_or_new_name(crawled, tmp_path):
    out = tmp_path / "hcm.xlsx"
    result = run_cli(
        "export", "--db", str(crawled.db), "--format", "xlsx", "--province", "Hồ Chí Minh", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out, read_only=True)["articles"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("id", "url", "site", "category", "title")
    seed = next(t for t in crawled.truth if t["seed"])
    assert seed["title"] in {r[4] for r in body}
    # Bình Dương merged into Hồ Chí Minh in 2025: its older articles come with today's province.
    old = {t["title"] for t in crawled.truth if t["provinces"] and "Bình Dương" in t["provinces"]}
    assert old <= {r[4] for r in body}


def test_bad_format_is_a_usage_error(crawled):
    result = run_cli("export", "--db", str(crawled.db), "--format", "xlsx")
    assert result.returncode == 2 and "xlsx needs --out" in result.stderr
