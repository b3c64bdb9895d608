"""Values bound for Excel: CSV cells that never run as formulas, XLSX sheets within Excel's limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# openpyxl (0.2 s to import) is loaded by the XLSX functions only: neutralise serves CSVs without it.
if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

# Excel's specifications and limits: rows and columns in a sheet, characters in a cell. Excel counts a
# cell's characters in UTF-16 code units, so an emoji takes two (XlsxWriter #776, excelize #2205).
SHEET_ROWS = 1_048_576
SHEET_COLUMNS = 16_384
CELL_CHARS = 32_767
# A cell starting with one of these is read as a formula: OWASP's CSV-injection list, plus NUL (ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value):
    """A CSV cell as Excel should show it: a string it would read as a formula gets a leading apostrophe
    (OWASP's CSV-injection advice); anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def utf16_units(text: str) -> int:
    """The length of text as Excel counts it: characters beyond the BMP take two UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def cell_pieces(text: str, limit: int = CELL_CHARS) -> list[str]:
    """text in pieces of at most limit UTF-16 units, never splitting a character; joined, they are the text
    (less the control characters an XLSX file cannot hold, which the extractor already drops)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) * 2 <= limit or utf16_units(text) <= limit:
        return [text]
    # Hand-written: openpyxl only truncates (by code points), and no library splits by UTF-16 units.
    pieces, start = [], 0
    while start < len(text):
        end = start + limit
        while (over := utf16_units(text[start:end]) - limit) > 0:
            end -= (over + 1) // 2  # each dropped character gives back one or two units
        pieces.append(text[start:end])
        start = end
    return pieces


def header(columns: Sequence[str], widths: Mapping[str, int] | None = None) -> list[str]:
    """Column names with a continuation for each further cell a column takes: body, body (2), body (3)..."""
    widths = widths or {}
    names = [
        name if part == 1 else f"{name} ({part})"
        for name in columns
        for part in range(1, widths.get(name, 1) + 1)
    ]
    if len(names) > SHEET_COLUMNS:
        raise ValueError(f"{len(names)} columns: more than an Excel sheet holds ({SHEET_COLUMNS})")
    return names


def _cells(sheet, columns: Sequence[str], widths: Mapping[str, int], row: Sequence) -> list:
    cells = []
    for name, value in zip(columns, row, strict=True):
        width = widths.get(name, 1)
        pieces = cell_pieces(value) if isinstance(value, str) else [value]
        if len(pieces) > width:
            raise ValueError(f"a {name} needs {len(pieces)} cells, its columns hold {width}")
        for piece in pieces:
            # openpyxl reads a formula into "=..." and an error into "#REF!" and the like: only those need an
            # explicit string cell (one for every text made the export 50% slower).
            explicit = isinstance(piece, str) and piece.startswith(("=", "#"))
            cells.append(text_cell(sheet, piece) if explicit else piece)
        cells += [None] * (width - len(pieces))
    return cells


def text_cell(sheet, text: str) -> WriteOnlyCell:
    """A cell holding text as text: openpyxl would make a formula of "=...", an error value of "#REF!"."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


def write_xlsx(
    out: str | Path,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    widths: Mapping[str, int] | None = None,
    *,
    title: str = "articles",
    sheet_rows: int = SHEET_ROWS,
) -> int:
    """Stream rows into an XLSX file Excel opens whole; returns the rows written.

    Text is written as string cells, never formulas. A column with a width of n takes n cells (header
    "name", "name (2)"...), so a text longer than a cell continues in the next ones (see cell_pieces). A
    sheet holds sheet_rows rows, header included; the rows after go on in "title (2)", header repeated."""
    if sheet_rows < 2:
        raise ValueError("a sheet holds the header and at least one row")
    from openpyxl import Workbook

    widths = widths or {}
    names = header(columns, widths)
    book = Workbook(write_only=True)  # streams rows to disk instead of holding them
    sheet, used, sheets, count = None, 0, 0, 0
    for row in rows:
        if sheet is None or used == sheet_rows:
            sheets += 1
            sheet = book.create_sheet(title if sheets == 1 else f"{title} ({sheets})")
            sheet.append([text_cell(sheet, name) for name in names])
            used = 1
        sheet.append(_cells(sheet, columns, widths, row))
        used += 1
        count += 1
    if sheet is None:  # nothing selected: still a sheet with its header
        sheet = book.create_sheet(title)
        sheet.append([text_cell(sheet, name) for name in names])
    book.save(out)
    return count
