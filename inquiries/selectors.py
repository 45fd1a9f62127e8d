"""Reads of inquiries: the register, who has answered and who is late, the compiled results and what an answer
would change in the municipal DX matrix."""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal.exports import Table
from dx_portal.formatting import person_name
from governance.models import MunicipalDxStatus, Municipality

from .models import Answer, Inquiry, Question


def inquiry_list(*, user) -> QuerySet[Inquiry]:
    return (
        Inquiry.objects.visible_to(user)
        .annotate(recipient_count=Count("recipients", distinct=True), answer_count=Count("answers", distinct=True))
        .order_by("-sent_on", "-pk")
    )


def inquiries_with_answers(*, user) -> QuerySet[Inquiry]:
    """Inquiries with their questions, recipients and answers (and who entered them): the page and the API."""
    return Inquiry.objects.visible_to(user).prefetch_related(
        "questions",
        Prefetch("recipients", queryset=Municipality.objects.order_by("code")),
        Prefetch("answers", queryset=Answer.objects.select_related("municipality", "entered_by")),
    )


@dataclass(frozen=True)
class RecipientState:
    """One recipient of an inquiry: its answer if any, and whether it is late."""

    municipality: Municipality
    answer: Answer | None
    late: bool


def recipient_states(inquiry: Inquiry, today: datetime.date | None = None) -> list[RecipientState]:
    """Every recipient in code order, late ones marked when ``today`` is given (from inquiries_with_answers: no
    query)."""
    answers = {answer.municipality_id: answer for answer in inquiry.answers.all()}
    late = today is not None and inquiry.is_late(today)
    return [
        RecipientState(m, answers.get(m.pk), late and m.pk not in answers) for m in inquiry.recipients.all()
    ]


def late_recipients(inquiry: Inquiry, today: datetime.date) -> QuerySet[Municipality]:
    """The recipients with no answer once the deadline has passed (none before)."""
    if not inquiry.is_late(today):
        return Municipality.objects.none()
    return inquiry.recipients.exclude(inquiry_answers__inquiry=inquiry).order_by("code")


@dataclass(frozen=True)
class QuestionResult:
    """One question's compiled answers: counts per choice, figures of the numbers, or the answers listed."""

    question: Question
    answered: int
    counts: list[tuple[str, int]]  # choice questions: each choice with its count
    total: Decimal | None  # number questions
    minimum: Decimal | None
    maximum: Decimal | None
    mean: Decimal | None
    listed: list[tuple[Municipality, str]]  # text and date questions: each answer with its municipality


def compiled_results(inquiry: Inquiry) -> list[QuestionResult]:
    """Per question, in order (from inquiries_with_answers: no query)."""
    answers = sorted(inquiry.answers.all(), key=lambda a: a.municipality.code)
    results = []
    for question in inquiry.questions.all():
        given = [(a.municipality, a.value_for(question)) for a in answers if a.value_for(question) != ""]
        counts, total, minimum, maximum, mean, listed = [], None, None, None, None, []
        if question.kind == Question.Kind.CHOICE:
            tally = Counter(value for _m, value in given)
            counts = [(choice, tally[choice]) for choice in question.choice_list]
        elif question.kind == Question.Kind.NUMBER:
            numbers = [Decimal(value) for _m, value in given]
            if numbers:
                total, minimum, maximum = sum(numbers), min(numbers), max(numbers)
                mean = (total / len(numbers)).quantize(Decimal("0.01"))
        else:
            listed = given
        results.append(QuestionResult(question, len(given), counts, total, minimum, maximum, mean, listed))
    return results


def results_table(inquiry: Inquiry) -> Table:
    """One row per recipient, one column per question, for the CSV and Excel exports (from inquiries_with_answers)."""
    questions = list(inquiry.questions.all())
    header = [_("団体コード"), _("団体名"), _("区分"), _("回答日時"), _("入力者"), _("入力方法")]
    header += [f"{q.order}. {q.text}" for q in questions]
    rows = []
    for state in recipient_states(inquiry):
        m, answer = state.municipality, state.answer
        row = [m.code, m.name, m.get_kind_display()]
        if answer is None:
            row += [_("未回答"), "", ""] + [""] * len(questions)
        else:
            # A workbook has no time zone: the moment goes in as Tokyo time, to the minute.
            answered = timezone.localtime(answer.answered_at)
            row += [answered.strftime("%Y-%m-%d %H:%M"), person_name(answer.entered_by), answer.get_source_display()]
            row += [_typed(q, answer.value_for(q)) for q in questions]
        rows.append(row)
    return Table(title=_("照会の回答"), header=header, rows=rows, freeze_panes="C2")


def _typed(question: Question, value: str):
    """Numbers and dates as themselves, so the workbook sums and sorts them."""
    if value == "":
        return None
    if question.kind == Question.Kind.NUMBER:
        number = Decimal(value)
        return int(number) if number == number.to_integral() else number
    if question.kind == Question.Kind.DATE:
        return datetime.date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class DxStatusChange:
    """A DX matrix cell an inquiry's answer would change: the cell as it is (None: not set yet) and the new status."""

    municipality: Municipality
    cell: MunicipalDxStatus | None
    status: str

    @property
    def version(self) -> int | None:
        return self.cell.version if self.cell else None

    @property
    def status_label(self) -> str:
        return MunicipalDxStatus.Status(self.status).label


def dx_status_changes(*, inquiry: Inquiry, question: Question, focus_area: str, mapping) -> list[DxStatusChange]:
    """The cells in ``focus_area`` that the answers to ``question`` (a choice question) would change, with
    ``mapping`` from a choice to a status (a choice not mapped changes nothing); cells already at that status are
    left out. Two queries."""
    answers = Answer.objects.filter(inquiry=inquiry).select_related("municipality").order_by("municipality__code")
    cells = {
        cell.municipality_id: cell
        for cell in MunicipalDxStatus.objects.filter(
            focus_area=focus_area, municipality__inquiry_answers__inquiry=inquiry
        )
    }
    changes = []
    for answer in answers:
        status = mapping.get(answer.value_for(question))
        cell = cells.get(answer.municipality_id)
        if status and (cell is None or cell.status != status):
            changes.append(DxStatusChange(answer.municipality, cell, status))
    return changes

