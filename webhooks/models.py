"""Receivers PMO registers for the portal's events, and a record of every delivery to them."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    OBSERVATION_RECORDED = "observation.recorded", _("KPI の実績値の登録")
    OBSERVATION_CHANGED = "observation.changed", _("KPI の実績値の修正")
    PROJECT_HEALTH_CHANGED = "project.health_changed", _("案件の健全度の変化")
    STATUS_REPORT_REVIEWED = "status_report.reviewed", _("進捗報告の PMO 確認")
    DECISION_RECORDED = "decision.recorded", _("合意事項の記録")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    url = models.URLField(_("受信 URL"), max_length=500)
    # Kept readable: it signs every delivery. Shown to the client once, when the receiver is registered.
    secret = models.CharField(_("署名の鍵"), max_length=100, default=new_secret)
    events = models.JSONField(_("イベント"), default=list)
    description = models.CharField(_("説明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("有効"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("連続失敗回数"), default=0)
    disabled_at = models.DateTimeField(_("自動停止日時"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者"))
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("Webhook の受信先")
        verbose_name_plural = verbose_name
        ordering = ["pk"]

    def __str__(self):
        return self.url


class Delivery(models.Model):
    """One event for one receiver: made in the transaction that changed the data (so never for a change
    rolled back), sent once successfully whatever the retries and duplicate task runs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        DELIVERED = "delivered", _("送信済")
        FAILED = "failed", _("失敗")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(_("イベント ID"), default=uuid.uuid4)
    event = models.CharField(_("イベント"), max_length=40, choices=Event.choices)
    payload = models.JSONField(_("内容"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("試行回数"), default=0)
    response_status = models.PositiveIntegerField(_("応答ステータス"), null=True, blank=True)
    error = models.CharField(_("エラー"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("最終試行日時"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook の送信")
        verbose_name_plural = verbose_name
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["subscription", "event_id"], name="delivery_once_per_receiver")]

    def __str__(self):
        return f"{self.event} {self.event_id}"
