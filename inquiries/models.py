"""Inquiries (照会) from the council's secretariat to the municipalities, their answers (回答) and the chasers (督促)
sent to those who have not answered."""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dx_portal.validators import DATE_VALIDATORS
from dx_portal.versioning import VersionedRecord
from governance.models import GovernanceRecordQuerySet, Municipality


class Inquiry(VersionedRecord):
    """An inquiry (照会) to some or all of the 33 municipalities: questions to answer by a deadline."""

    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("照会文"), blank=True)
    deadline = models.DateField(_("回答期限"), validators=DATE_VALIDATORS)
    sent_on = models.DateField(_("照会日"), validators=DATE_VALIDATORS)
    recipients = models.ManyToManyField(Municipality, related_name="inquiries", verbose_name=_("照会先"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("照会")
        verbose_name_plural = _("照会")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return self.title

    def is_late(self, today: datetime.date) -> bool:
        """Whether an unanswered recipient is late today: the deadline has passed."""
        return today > self.deadline


class Question(models.Model):
    """One question of an inquiry, in order; its kind decides what an answer may be."""

    class Kind(models.TextChoices):
        CHOICE = "choice", _("選択")
        NUMBER = "number", _("数値")
        TEXT = "text", _("記述")
        DATE = "date", _("日付")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="questions", verbose_name=_("照会"))
    order = models.PositiveSmallIntegerField(_("番号"))
    text = models.CharField(_("質問"), max_length=500)
    kind = models.CharField(_("回答の形式"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("選択肢"), blank=True, help_text=_("選択式の質問のみ。1行に1つ"))
    required = models.BooleanField(_("回答必須"), default=True)

    class Meta:
        verbose_name = _("照会の質問")
        verbose_name_plural = _("照会の質問")
        ordering = ["inquiry", "order"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "order"], name="question_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.text}"

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("選択式の質問には選択肢を2つ以上、1行に1つずつ入力してください。")})
        if self.kind != self.Kind.CHOICE and self.choice_list:
            raise ValidationError({"choices": _("選択肢は選択式の質問にのみ入力できます。")})
        if len(set(self.choice_list)) != len(self.choice_list):
            raise ValidationError({"choices": _("同じ選択肢が2回以上あります。")})

    def normalise(self, value) -> str:
        """The stored form of an answer to this question ("" when unanswered); ValidationError when it cannot be one.

        A choice is its text, a number a plain decimal, a date ISO 8601: each as the page and the workbook give it.
        """
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise ValidationError(_("回答を入力してください。"), code="required")
            return ""
        if self.kind == self.Kind.CHOICE:
            value = str(value).strip()
            if value not in self.choice_list:
                raise ValidationError(
                    _("選択肢（%(choices)s）から選んでください。") % {"choices": "、".join(self.choice_list)}, code="choice"
                )
            return value
        if self.kind == self.Kind.NUMBER:
            if isinstance(value, bool):
                raise ValidationError(_("数値を入力してください。"), code="number")
            try:
                number = Decimal(str(value).strip().replace(",", ""))
            except InvalidOperation:
                raise ValidationError(_("数値を入力してください。"), code="number") from None
            if not number.is_finite():
                raise ValidationError(_("数値を入力してください。"), code="number")
            return format(number.normalize(), "f")
        if self.kind == self.Kind.DATE:
            if isinstance(value, datetime.datetime):
                value = value.date()
            if not isinstance(value, datetime.date):
                try:
                    value = datetime.date.fromisoformat(str(value).strip().replace("/", "-"))
                except ValueError:
                    raise ValidationError(_("日付を YYYY-MM-DD の形で入力してください。"), code="date") from None
            return value.isoformat()
        value = str(value).strip()
        if len(value) > 4000:
            raise ValidationError(_("回答は4000字以内で入力してください。"), code="length")
        return value


class Answer(VersionedRecord):
    """A municipality's answer (回答) to an inquiry, entered by the secretariat or read from the returned workbook."""

    class Source(models.TextChoices):
        FORM = "form", _("画面入力")
        WORKBOOK = "workbook", _("Excel取込")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="answers", verbose_name=_("照会"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="inquiry_answers", verbose_name=_("団体")
    )
    # The answers by question id (as text): "" for a question left unanswered.
    values = models.JSONField(_("回答内容"), default=dict)
    source = models.CharField(_("入力方法"), max_length=10, choices=Source.choices, default=Source.FORM)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("入力者")
    )
    answered_at = models.DateTimeField(_("回答日時"))
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("照会への回答")
        verbose_name_plural = _("照会への回答")
        ordering = ["inquiry", "municipality__code"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "municipality"], name="answer_one_per_municipality")]

    def __str__(self):
        return f"{self.inquiry} / {self.municipality}"

    def value_for(self, question: Question) -> str:
        return self.values.get(str(question.pk), "")


class Chaser(models.Model):
    """A chaser (督促) to a municipality that has not answered an inquiry: before the deadline or after it, once
    each per deadline (a moved deadline chases again)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("期限前の督促")
        AFTER = "after", _("期限後の督促")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="chasers", verbose_name=_("照会"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("団体"))
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    deadline = models.DateField(_("回答期限"))
    recipients = models.TextField(_("送信先"), blank=True)
    claimed_at = models.DateTimeField(_("処理開始日時"))
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("照会の督促")
        verbose_name_plural = _("照会の督促")
        ordering = ["-claimed_at"]
        constraints = [
            # Exactly once: a second sweep (concurrent or retried) cannot claim the same chaser.
            models.UniqueConstraint(fields=["inquiry", "municipality", "kind", "deadline"], name="chaser_once_per_kind")
        ]

    def __str__(self):
        return f"{self.inquiry} / {self.municipality} {self.get_kind_display()}"
