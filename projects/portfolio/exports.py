"""The filtered portfolio as CSV (UTF-8 with BOM) and as an Excel workbook, with the page's columns and order."""

import csv
import datetime
import functools
import io
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dx_portal.fiscal import wareki_date
from dx_portal.spreadsheets import neutralise

from .columns import COLUMNS, Column, Kind, Labels, PortfolioRow

CHOICE_KINDS = frozenset({Kind.CHOICE, Kind.HEALTH, Kind.TREND, Kind.STATE})
YEN_FORMAT = "#,##0"
# Finding the era of a date is slow next to the rest of a row; a portfolio has few distinct dates.
_wareki = functools.lru_cache(maxsize=4096)(wareki_date)


class _Plain:
    """Cells as data: choices by their label, dates by ``date_format``, numbers as numbers, None when empty."""

    def __init__(self, date_format: Callable[[datetime.date], str]):
        self.date_format = date_format
        self.labels = Labels()

    def __call__(self, column: Column, value):
        if value is None or value == "":
            return None
        if column.kind in CHOICE_KINDS:
            return self.labels[value]
        if column.kind == Kind.DATE:
            return self.date_format(value)
        return value


def portfolio_csv(rows: Iterable[PortfolioRow]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Japanese text correctly; dates in ISO 8601."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in COLUMNS])
    plain = _Plain(datetime.date.isoformat)
    for row in rows:
        cells = (plain(column, value) for column, value in row.cells)
        writer.writerow(["" if cell is None else neutralise(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(sheet, value, *, number_format: str | None = None, font: Font | None = None):
    """A cell, or the bare value where openpyxl's defaults do (a styled cell costs more to write).

    Neutralised like the CSV's: openpyxl would store text starting with "=" as a formula.
    """
    value = neutralise(value)
    if not (number_format or font):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


def portfolio_xlsx(rows: Iterable[PortfolioRow], *, today: datetime.date, conditions: list[tuple[str, str]]) -> bytes:
    """A workbook: the table (Japanese headers, frozen, 和暦 dates, yen as numbers) and a sheet saying what it holds."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("ポートフォリオ"))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, str(column.label), font=bold) for column in COLUMNS])
    plain = _Plain(_wareki)
    count = 0
    for row in rows:
        sheet.append(
            [
                _xlsx_cell(sheet, plain(column, value), number_format=YEN_FORMAT if column.kind == Kind.YEN else None)
                for column, value in row.cells
            ]
        )
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"

    about = workbook.create_sheet(_("出力条件"))
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 40
    for label, value in [(_("出力日"), wareki_date(today)), (_("件数"), count), *conditions]:
        about.append([_xlsx_cell(about, label, font=bold), _xlsx_cell(about, value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filter_conditions(filterset) -> list[tuple[str, str]]:
    """The filters in force, as (label, value) for the workbook's 出力条件 sheet."""
    conditions = []
    form = filterset.form
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, bool):
            shown = _("はい") if value else _("いいえ")
        elif getattr(field, "choices", None) and not hasattr(value, "pk"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        conditions.append((str(field.label), shown))
    return conditions
