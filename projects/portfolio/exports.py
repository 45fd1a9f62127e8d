"""The filtered portfolio as CSV and as an Excel workbook, with the page's columns and order (dx_portal.exports)."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from dx_portal.exports import YEN_FORMAT, Table, XlsxBook, csv_bytes

from .columns import COLUMNS, Column, Kind, Labels, PortfolioRow

CHOICE_KINDS = frozenset({Kind.CHOICE, Kind.HEALTH, Kind.TREND, Kind.STATE})


def _table(rows: Iterable[PortfolioRow], columns: tuple[Column, ...] = COLUMNS) -> Table:
    """The table as plain values: choices by their label, numbers and dates as they are, None when empty."""
    labels = Labels()

    def plain(kind: Kind, value):
        if value is None or value == "":
            return None
        return labels[value] if kind in CHOICE_KINDS else value

    return Table(
        title=_("ポートフォリオ"),
        header=[str(column.label) for column in columns],
        rows=([plain(column.kind, value) for column, value in row.cells_of(columns)] for row in rows),
        widths=[column.width for column in columns],
        number_formats=[YEN_FORMAT if column.kind == Kind.YEN else None for column in columns],
    )


def portfolio_csv(rows: Iterable[PortfolioRow], columns: tuple[Column, ...] = COLUMNS) -> bytes:
    return csv_bytes(_table(rows, columns))


def portfolio_xlsx(
    rows: Iterable[PortfolioRow], *, today: datetime.date, conditions: list[tuple[str, str]],
    columns: tuple[Column, ...] = COLUMNS,
) -> bytes:
    """The table and a sheet saying what it holds: the day, the count and the filters in force."""
    book = XlsxBook()
    count = book.add_table(_table(rows, columns))
    book.add_pairs(_("出力条件"), [(_("出力日"), today), (_("件数"), count), *conditions])
    return book.getvalue()


def filter_conditions(filterset) -> list[tuple[str, str]]:
    """The filters and order in force, as (label, value) for the workbook's 出力条件 sheet."""
    conditions = []
    form = filterset.form
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        if isinstance(value, bool):
            shown = _("はい") if value else _("いいえ")
        elif isinstance(value, list):  # the ordering: its keys
            shown = "、".join(str(dict(field.choices).get(key, key)) for key in value)
        elif getattr(field, "choices", None) and not hasattr(value, "pk"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        conditions.append((str(field.label), shown))
    return conditions
