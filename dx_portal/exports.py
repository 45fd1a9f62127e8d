"""The one CSV and Excel writer of every export: the portfolio, the municipal DX matrix and the KPI feed.

Every cell passes through here, so every export gets the same rules: text that a spreadsheet would run as
a formula is made inert (CSV or formula injection, OWASP), numbers stay numbers, and dates are ISO 8601 in
a CSV and real date cells shown in 和暦 in a workbook, so that Excel sorts and filters them as dates.
"""

import codecs
import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Excel, LibreOffice and Google Sheets start a formula at any of these; a tab or carriage return lets one
# hide behind leading white space.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# 和暦 by the Japanese locale (LCID 411): Excel shows 令和4年9月30日, and so does LibreOffice, which shows
# the bare serial number for Excel's own "[$-ja-JP-x-gannen]" (RECIPES.md section 5). The price: the first
# year of an era reads 令和1年, not 令和元年.
WAREKI_FORMAT = '[$-411]ggge"年"m"月"d"日"'
YEN_FORMAT = "#,##0"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BOLD = Font(bold=True)


def neutralise(value):
    """Text starting like a formula, with a leading apostrophe so that it is read as text. Only text changes:
    numbers (a negative one included), dates and empty cells stay what they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Table:
    """A header and rows of plain values (text, numbers, dates, booleans, None for empty), written alike as
    CSV and as a sheet. ``rows`` may be a generator: each writer reads it once."""

    title: str  # the sheet's name
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()  # of the sheet's columns, in characters
    number_formats: Sequence[str | None] = ()  # per column, e.g. YEN_FORMAT; dates get WAREKI_FORMAT anyway
    freeze_panes: str = "A2"


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(value)


def csv_bytes(table: Table, *, bom: bool = True) -> bytes:
    """UTF-8 with CRLF line ends; with a BOM (the default) Excel reads the Japanese text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(label) for label in table.header])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    body = buffer.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + body if bom else body


def _xlsx_cell(sheet, value, *, number_format: str | None = None, font: Font | None = None):
    """A cell, or the bare value where openpyxl's defaults do (a styled cell costs more to write).

    Neutralised like the CSV's: openpyxl would store text starting with "=" as a formula.
    """
    value = neutralise(value)
    if isinstance(value, datetime.date):
        number_format = WAREKI_FORMAT
    if not (number_format or font):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


class XlsxBook:
    """A workbook written sheet by sheet and row by row (openpyxl's write-only mode: little memory for a
    5,000-row export)."""

    def __init__(self):
        self._workbook = Workbook(write_only=True)

    def add_table(self, table: Table) -> int:
        """A sheet with a bold, frozen header row and a filter on every column; answers the number of rows."""
        sheet = self._workbook.create_sheet(table.title)
        sheet.freeze_panes = table.freeze_panes
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([_xlsx_cell(sheet, label, font=BOLD) for label in table.header])
        formats = list(table.number_formats) + [None] * (len(table.header) - len(table.number_formats))
        count = 0
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value, number_format=fmt) for value, fmt in zip(row, formats, strict=True)])
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{count + 1}"
        return count

    def add_pairs(self, title: str, pairs: Iterable[tuple[str, object]], *, widths: Sequence[int] = (16, 40)) -> None:
        """A sheet of (label, value) lines, the labels bold: what an export holds, say."""
        sheet = self._workbook.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for label, value in pairs:
            sheet.append([_xlsx_cell(sheet, label, font=BOLD), _xlsx_cell(sheet, value)])

    def getvalue(self) -> bytes:
        buffer = io.BytesIO()
        self._workbook.save(buffer)
        return buffer.getvalue()


def xlsx_bytes(table: Table) -> bytes:
    """A workbook of one sheet."""
    book = XlsxBook()
    book.add_table(table)
    return book.getvalue()


def attachment(content: bytes, *, filename: str) -> HttpResponse:
    """A download named ``filename``, its type by the extension (csv or xlsx)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download(table: Table, *, fmt: str, name: str) -> HttpResponse:
    """The table as ``<name>.csv`` (with a BOM) or ``<name>.xlsx``; ``fmt`` is either."""
    content = csv_bytes(table) if fmt == "csv" else xlsx_bytes(table)
    return attachment(content, filename=f"{name}.{fmt}")
