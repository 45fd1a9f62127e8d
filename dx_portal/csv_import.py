"""The pieces every all-or-nothing CSV import shares (KPI observations, the personnel list): reading the
file as Excel saves it, checking its header, and reporting errors by the row a spreadsheet shows."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

# Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row 2.
HEADER_ROW = 1


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(data: bytes) -> str:
    # Excel saves "CSV UTF-8" with a BOM and plain "CSV" in Shift_JIS (cp932) on Japanese Windows.
    # A NUL byte is in no real CSV, and PostgreSQL cannot even compare text holding one.
    if b"\x00" in data:
        raise ValidationError(_("NUL 文字を含むファイルは読み取れません。CSVとして保存し直してください。"))
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("文字コードを判別できません。UTF-8で保存したCSVを指定してください。"))


def header_errors(header: list[str] | None, *, required: Iterable[str], known: Iterable[str]) -> list[RowError]:
    if not header:
        return [RowError(HEADER_ROW, "", _("ヘッダー行がありません。1行目に列名を記入してください。"))]
    known = set(known)
    errors = [RowError(HEADER_ROW, name, _("必須の列がありません。")) for name in required if name not in header]
    errors += [RowError(HEADER_ROW, name, _("不明な列です。")) for name in header if name not in known]
    return errors


def read_rows(data: bytes, *, required: Iterable[str], known: Iterable[str]) -> tuple[list[dict], list[RowError]]:
    """The file's rows (dicts by column name), or the errors that keep it from being read at all."""
    try:
        reader = csv.DictReader(io.StringIO(decode(data), newline=""))
        errors = header_errors(reader.fieldnames, required=required, known=known)
        return ([] if errors else list(reader)), errors
    except (ValidationError, csv.Error) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else _("CSVとして読み取れません。")
        return [], [RowError(HEADER_ROW, "", message)]


def too_many_columns(number: int, row: dict) -> list[RowError]:
    """csv.DictReader files the cells beyond the header under the key None."""
    return [RowError(number, "", _("列の数がヘッダーより多くなっています。"))] if None in row else []


def validation_errors(row: int, exc: ValidationError) -> list[RowError]:
    messages = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    return [
        RowError(row, "" if name == NON_FIELD_ERRORS else name, str(message))
        for name, field_messages in messages.items()
        for message in field_messages
    ]
