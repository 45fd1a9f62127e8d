"""The inquiry's answer workbook (回答票): the blank one the secretariat sends out, and the reading of a returned one.

One sheet, 回答: the inquiry's number in B2 (so a workbook of another inquiry is refused), the municipality's
code in B4, then one row per question from row 8 with the answer in column D. Errors name the cell as Excel
shows it (D9), so the secretariat can tell the municipality what to correct.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from dx_portal.csv_import import RowError
from dx_portal.exports import WAREKI_FORMAT, neutralise
from dx_portal.forms import MAX_UPLOAD_BYTES
from governance.models import Municipality

from .models import Inquiry

SHEET = "回答"
INQUIRY_CELL = "B2"
CODE_CELL = "B4"
FIRST_ROW = 8
ANSWER_COLUMN = "D"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in, as Japanese forms shade them
BOLD = Font(bold=True)


def _kind_label(question) -> str:
    label = question.get_kind_display()
    if question.kind == question.Kind.CHOICE:
        label += "：" + " / ".join(question.choice_list)
    if question.kind == question.Kind.DATE:
        label += "（YYYY-MM-DD）"
    return label + ("" if question.required else _("（任意）"))


def blank(inquiry: Inquiry, municipality: Municipality | None = None) -> bytes:
    """The answer workbook of ``inquiry``, for ``municipality`` (its code filled in) or for any recipient."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for column, width in zip("ABCD", (14, 60, 36, 40), strict=True):
        sheet.column_dimensions[column].width = width
    lines = [
        (_("照会"), neutralise(inquiry.title)),
        (_("照会番号"), inquiry.pk),
        (_("回答期限"), inquiry.deadline),
        (_("団体コード"), municipality.code if municipality else None),
        (_("団体名"), municipality.name if municipality else None),
    ]
    for row, (label, value) in enumerate(lines, start=1):
        sheet.cell(row, 1, label).font = BOLD
        cell = sheet.cell(row, 2, value)
        if row == 3:
            cell.number_format = WAREKI_FORMAT
    sheet[CODE_CELL].fill = sheet["B5"].fill = INPUT_FILL
    sheet[CODE_CELL].number_format = "@"  # a code is text: Excel would drop nothing here, but keeps it as typed
    for column, label in zip("ABCD", (_("番号"), _("質問"), _("回答の形式"), _("回答")), strict=True):
        sheet[f"{column}{FIRST_ROW - 1}"] = label
        sheet[f"{column}{FIRST_ROW - 1}"].font = BOLD
    for row, question in enumerate(inquiry.questions.all(), start=FIRST_ROW):
        sheet.cell(row, 1, question.order)
        sheet.cell(row, 2, neutralise(question.text))
        sheet.cell(row, 3, neutralise(_kind_label(question)))
        answer = sheet[f"{ANSWER_COLUMN}{row}"]
        answer.fill = INPUT_FILL
        formula = '"' + ",".join(question.choice_list) + '"'
        # Excel's list validation takes at most 255 characters and splits at commas.
        if question.kind == question.Kind.CHOICE and len(formula) <= 255 and "," not in "".join(question.choice_list):
            validation = DataValidation(type="list", formula1=formula, allow_blank=not question.required)
            sheet.add_data_validation(validation)
            validation.add(answer)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class ReturnedSheet:
    """What a returned workbook says: whose answer, each question's raw value by question id and the cell it came
    from; or the errors that keep it from being read."""

    municipality: Municipality | None = None
    values: dict[int, object] = field(default_factory=dict)
    cells: dict[int, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


def _error(cell: str, message: str) -> RowError:
    return RowError(int(cell[1:]), cell, message)


def read(inquiry: Inquiry, data: bytes) -> ReturnedSheet:
    """Read a returned workbook of ``inquiry``; the values are checked by the service, against the questions."""
    result = ReturnedSheet()
    if len(data) > MAX_UPLOAD_BYTES:
        result.errors.append(_error("A1", _("ファイルが大きすぎます（5MBまで）。")))
        return result
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        result.errors.append(_error("A1", _("Excelブック（.xlsx）として読み取れません。配布した回答票を使ってください。")))
        return result
    if SHEET not in book.sheetnames:
        message = _("「%(sheet)s」シートがありません。配布した回答票を使ってください。") % {"sheet": SHEET}
        result.errors.append(_error("A1", message))
        return result
    sheet = book[SHEET]
    rows = {index: row for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)}
    book.close()

    def value(row: int, column: int):
        cells = rows.get(row, ())
        return cells[column] if column < len(cells) else None

    if str(value(2, 1)).strip() != str(inquiry.pk):
        result.errors.append(_error(INQUIRY_CELL, _("この照会の回答票ではありません（照会番号が違います）。")))
        return result
    code = str(value(4, 1) or "").strip()
    municipality = inquiry.recipients.filter(code=code).first() if code else None
    if municipality is None:
        message = (
            _("団体コード %(code)s は照会先の団体ではありません。") % {"code": code} if code
            else _("団体コードを入力してください。")
        )
        result.errors.append(_error(CODE_CELL, message))
    result.municipality = municipality
    for row, question in enumerate(inquiry.questions.all(), start=FIRST_ROW):
        if str(value(row, 0)).strip() != str(question.order):
            message = _("質問の行が配布した回答票と違います（番号 %(n)s のはずです）。") % {"n": question.order}
            result.errors.append(_error(f"A{row}", message))
            continue
        result.values[question.pk] = value(row, 3)
        result.cells[question.pk] = f"{ANSWER_COLUMN}{row}"
    return result
