"""Writes of inquiries and their answers. The pages, the workbook import and the demo call these.

The council's secretariat (PMO) keeps them, as it keeps the council's other records.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal.csv_import import RowError
from dx_portal.errors import COUNCIL_SECRETARIAT_ONLY, StaleVersionError
from dx_portal.versioning import save_audited
from governance.models import Municipality
from governance.services import municipal_dx_status_set
from organisation.permissions import may_record_council

from . import workbook
from .models import Answer, Inquiry, Question
from .selectors import dx_status_changes


class QuestionInput(TypedDict):
    text: str
    kind: str
    choices: str
    required: bool


class WorkbookRefused(Exception):
    """A returned workbook with errors: nothing of it was recorded. ``errors`` name the cells."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in the workbook")


def _ensure_secretariat(actor) -> None:
    if not may_record_council(actor):
        raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)


@transaction.atomic
def inquiry_create(
    *,
    actor,
    title: str,
    deadline: datetime.date,
    recipients: Iterable[Municipality],
    questions: Sequence[QuestionInput],
    body: str = "",
    sent_on: datetime.date | None = None,
) -> Inquiry:
    """Send an inquiry: its questions, in order, to the chosen municipalities (never the prefecture itself)."""
    _ensure_secretariat(actor)
    recipients = list(recipients)
    sent_on = sent_on or timezone.localdate()
    errors = {}
    if not recipients:
        errors["recipients"] = _("照会先の団体を1つ以上選んでください。")
    elif any(m.kind == Municipality.Kind.PREFECTURE for m in recipients):
        errors["recipients"] = _("県自身には照会できません。")
    if not questions:
        errors["questions"] = _("質問を1つ以上入力してください。")
    if deadline < sent_on:
        errors["deadline"] = _("回答期限は照会日以降の日付にしてください。")
    if errors:
        raise ValidationError(errors)
    inquiry = Inquiry(title=title, body=body, deadline=deadline, sent_on=sent_on, created_by=actor)
    save_audited(inquiry, actor)
    inquiry.recipients.set(recipients)
    rows = [Question(inquiry=inquiry, order=order, **fields) for order, fields in enumerate(questions, start=1)]
    for row in rows:
        row.full_clean(exclude=["inquiry"])
    Question.objects.bulk_create(rows)
    return inquiry


def _normalised(questions: Iterable[Question], values: Mapping[int, object], field_name) -> tuple[dict, dict]:
    """The stored answers by question id, and the errors by ``field_name(question)``."""
    stored, errors = {}, {}
    for question in questions:
        try:
            stored[str(question.pk)] = question.normalise(values.get(question.pk))
        except ValidationError as exc:
            errors[field_name(question)] = exc.messages
    return stored, errors


def _save_answer(
    *, inquiry: Inquiry, municipality: Municipality, actor, values: dict, expected_version: int | None, source: str,
    replace: bool = False,
) -> Answer:
    """``expected_version`` is the answer's version the edit started from (None: there was no answer yet); with
    ``replace`` (a returned workbook: the municipality's own record) an earlier answer is replaced whatever it is."""
    if not inquiry.recipients.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("この団体は照会先ではありません。")})
    existing = Answer.objects.select_for_update().filter(inquiry=inquiry, municipality=municipality).first()
    if existing is not None and not replace and existing.version != expected_version:
        raise StaleVersionError(existing, expected_version or 0)
    current = existing or Answer(inquiry=inquiry, municipality=municipality)
    current.values, current.source, current.entered_by, current.answered_at = values, source, actor, timezone.now()
    save_audited(
        current, actor, next_version=existing is not None,
        duplicate={"municipality": _("この団体の回答は既に登録されています。画面を再読み込みしてください。")},
    )
    return current


@transaction.atomic
def answer_record(
    *, inquiry: Inquiry, municipality: Municipality, actor, values: Mapping[int, object], expected_version: int | None
) -> Answer:
    """Enter a municipality's answer (or correct it); every value is checked against its question's kind.

    ``values`` are by question id; the errors come back under ``q<id>``, the answer form's field names.
    """
    _ensure_secretariat(actor)
    stored, errors = _normalised(inquiry.questions.all(), values, lambda q: f"q{q.pk}")
    if errors:
        raise ValidationError(errors)
    return _save_answer(
        inquiry=inquiry, municipality=municipality, actor=actor, values=stored, expected_version=expected_version,
        source=Answer.Source.FORM,
    )


@transaction.atomic
def answer_import_workbook(*, inquiry: Inquiry, actor, data: bytes) -> Answer:
    """Record the answer a municipality returned in the inquiry's workbook: every cell checked, all or nothing.

    Raises WorkbookRefused with every error, each naming its cell; a second import of the same municipality's
    workbook replaces its answer (the history keeps the first).
    """
    _ensure_secretariat(actor)
    sheet = workbook.read(inquiry, data)
    if sheet.errors:
        raise WorkbookRefused(sheet.errors)
    questions = list(inquiry.questions.all())
    stored, errors = _normalised(questions, sheet.values, lambda q: sheet.cells[q.pk])
    if errors:
        raise WorkbookRefused(
            [RowError(int(cell[1:]), cell, message) for cell, messages in errors.items() for message in messages]
        )
    return _save_answer(
        inquiry=inquiry, municipality=sheet.municipality, actor=actor, values=stored, expected_version=None,
        source=Answer.Source.WORKBOOK, replace=True,
    )


@transaction.atomic
def dx_status_apply(
    *,
    inquiry: Inquiry,
    question: Question,
    focus_area: str,
    mapping: Mapping[str, str],
    as_of: datetime.date,
    actor,
    expected: Mapping[int, tuple[int | None, str]],
) -> int:
    """Set the DX matrix cells the preview showed: each answering municipality's cell in ``focus_area`` to the
    status its choice maps to. ``expected`` is, by municipality, each cell's version as previewed (None: no cell
    yet) and its new status; when the answers or the cells moved since, the whole step is refused, so nothing
    is applied that the secretariat did not see."""
    _ensure_secretariat(actor)
    changes = dx_status_changes(inquiry=inquiry, question=question, focus_area=focus_area, mapping=mapping)
    if {change.municipality.pk: (change.version, change.status) for change in changes} != dict(expected):
        raise ValidationError(_("プレビューの後に回答または対応状況が変わりました。もう一度プレビューしてください。"))
    note = _("照会「%(title)s」の回答による") % {"title": inquiry.title}
    for change in changes:
        municipal_dx_status_set(
            municipality=change.municipality, focus_area=focus_area, actor=actor,
            expected_version=change.version, status=change.status, note=note, as_of=as_of,
        )
    return len(changes)
