"""The organisation: bureaus (局), their divisions (所属) and who belongs where, in which role.

The tables keep the names they had when the organisation lived in `governance` (`db_table`), so an
existing database moved here without copying a row."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dx_portal.formatting import wareki
from dx_portal.tokens import forget_user_lookups
from dx_portal.versioned_cache import VersionedQuerySet
from dx_portal.versioning import VersionedRecord

# The start of a membership whose real start is not recorded (every placement made before memberships had
# dates): 平成元年1月8日, earlier than any date the portal shows, so such a membership is in effect on all of them.
SINCE_RECORDS_BEGAN = datetime.date(1989, 1, 8)


class MembershipQuerySet(models.QuerySet):
    def in_effect(self, day: datetime.date):
        """The memberships in effect on ``day``: started on or before it, not ended before it."""
        return self.filter(Q(end_on__isnull=True) | Q(end_on__gte=day), start_on__lte=day)

    def update(self, **kwargs):
        # An update sends no signal: the token lookups of the people whose memberships change, cached with their
        # roles (roles.py), are forgotten here as a save's are there.
        people = list(self.values_list("user_id", flat=True).distinct())
        changed = super().update(**kwargs)
        forget_user_lookups(people)
        return changed


class EffectiveDated(models.Model):
    """A membership's dates: in effect from ``start_on`` to ``end_on`` (its last day), open-ended without one."""

    start_on = models.DateField(_("開始日"), default=SINCE_RECORDS_BEGAN)
    end_on = models.DateField(_("終了日"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        abstract = True

    def in_effect_on(self, day: datetime.date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)


class Bureau(models.Model):
    """A bureau (局) of the prefectural government."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("局名"), max_length=100, unique=True)
    name_en = models.CharField(_("英語名"), max_length=150, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        db_table = "governance_bureau"
        verbose_name = _("局")
        verbose_name_plural = _("局")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Division(models.Model):
    """A division (所属, 課室) within a bureau: the owner of projects and action items."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("局"))
    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("所属名"), max_length=100)
    name_en = models.CharField(_("英語名"), max_length=150, blank=True)
    # The division's shared mailbox: reminders go here beside its members (or alone, with no member's address).
    email = models.EmailField(_("所属メールアドレス"), blank=True)
    requires_report_approval = models.BooleanField(
        _("進捗報告に所属長の承認が必要"),
        default=False,
        help_text=_("オンにすると、担当者の進捗報告は所属長が承認してから提出済になります。"),
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        db_table = "governance_division"
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        ordering = ["bureau__sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["bureau", "name"], name="division_unique_name_in_bureau")]

    def __str__(self):
        return self.name


class DivisionMembership(EffectiveDated):
    """A user's place in a division: staff (担当者) or manager (所属長)."""

    class Role(models.TextChoices):
        STAFF = "staff", _("担当者")
        MANAGER = "manager", _("所属長")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="division_memberships", verbose_name=_("利用者")
    )
    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("所属"))
    role = models.CharField(_("役割"), max_length=10, choices=Role.choices, default=Role.STAFF)

    class Meta:
        db_table = "governance_divisionmembership"
        verbose_name = _("所属メンバー")
        verbose_name_plural = _("所属メンバー")
        # One open membership per person and division; ended ones stay as history (a person may come back).
        constraints = [
            models.UniqueConstraint(
                fields=["user", "division"], condition=Q(end_on__isnull=True), name="division_membership_open_unique"
            )
        ]

    def __str__(self):
        return f"{self.division} / {self.user} ({self.get_role_display()})"


class BureauMembership(EffectiveDated):
    """A bureau director (局長): sees the bureau's projects and sits on the steering committee."""

    class Role(models.TextChoices):
        DIRECTOR = "director", _("局長")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bureau_memberships", verbose_name=_("利用者")
    )
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("局"))
    role = models.CharField(_("役割"), max_length=10, choices=Role.choices, default=Role.DIRECTOR)

    class Meta:
        db_table = "governance_bureaumembership"
        verbose_name = _("局メンバー")
        verbose_name_plural = _("局メンバー")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "bureau"], condition=Q(end_on__isnull=True), name="bureau_membership_open_unique"
            )
        ]

    def __str__(self):
        return f"{self.bureau} / {self.user} ({self.get_role_display()})"


class Person(models.Model):
    """What the portal keeps about a person beyond the login account: the staff number (職員番号) that the
    personnel list names them by. The account itself (name, e-mail, active) stays Django's user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person", verbose_name=_("利用者")
    )
    # Null, not blank, when unknown: the unique constraint then allows any number of people without one.
    staff_number = models.CharField(_("職員番号"), max_length=20, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("職員")
        verbose_name_plural = _("職員")

    def __str__(self):
        return self.staff_number or str(self.user)


class Notification(models.Model):
    """A notice in a person's inbox (/notifications/): something happened that concerns them.

    It keeps the values its message is made of (``params``), not the sentence, so that the inbox shows it in
    whichever language the reader uses. Created by the services of the feature apps in their own
    transaction (``organisation.notifications.notify``); the e-mail copy, when the person asked for one, is
    claimed then sent once by a Celery task after the commit.
    """

    class Kind(models.TextChoices):
        FINDING_WRITTEN = "finding_written", _("案件への助言・指摘")
        REPORT_RETURNED = "report_returned", _("進捗報告の差戻し")
        REPORT_REVIEWED = "report_reviewed", _("進捗報告のPMO確認")
        ACTION_ITEM_ASSIGNED = "action_item_assigned", _("所属への対応事項")
        WATCHED_HEALTH_CHANGED = "watched_health_changed", _("ウォッチ中の案件の健全度の変化")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("宛先")
    )
    kind = models.CharField(_("種類"), max_length=30, choices=Kind.choices)
    params = models.JSONField(_("内容"), default=dict)
    url = models.CharField(_("リンク"), max_length=300)
    created_at = models.DateTimeField(_("通知日時"), auto_now_add=True)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)
    # The e-mail copy: wanted when the notice was made; claimed by one task run, then marked sent.
    email_wanted = models.BooleanField(_("メール送信"), default=False)
    email_claimed_at = models.DateTimeField(_("メール処理開始日時"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("メール送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The inbox and the header's unread count.
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            # The sweep that sends e-mails a lost Celery message left unsent.
            models.Index(fields=["email_wanted", "emailed_at"], name="notification_email_idx"),
        ]

    def __str__(self):
        return f"{self.recipient} {self.get_kind_display()}"

    @property
    def message(self) -> str:
        """The notice as a sentence in the active language, from its ``params``: values named ``*_label``
        are Japanese msgids (a health's label), translated here; dates (ISO) show as the reader's dates."""
        values = {}
        for name, value in self.params.items():
            if name.endswith("_label"):
                value = gettext(value) if value else "—"
            elif name in NOTIFICATION_DATES and value:
                value = wareki(datetime.date.fromisoformat(value))
            values[name] = value
        try:
            return gettext(str(NOTIFICATION_MESSAGES[self.kind])) % values
        except (KeyError, TypeError, ValueError):  # a row older than its message's current wording
            return self.get_kind_display()


# One sentence per kind of notice, filled from its ``params``.
NOTIFICATION_MESSAGES = {
    Notification.Kind.FINDING_WRITTEN: _("「%(project_name)s」にPMOから助言・指摘「%(title)s」が届きました。"),
    Notification.Kind.REPORT_RETURNED: _(
        "「%(project_name)s」の進捗報告（基準日 %(as_of)s）が所属長から差し戻されました。"
    ),
    Notification.Kind.REPORT_REVIEWED: _(
        "「%(project_name)s」の進捗報告（基準日 %(as_of)s）をPMOが確認しました（PMO評価: %(health_label)s）。"
    ),
    Notification.Kind.ACTION_ITEM_ASSIGNED: _("所属に対応事項「%(title)s」が割り当てられました（期限 %(due_on)s）。"),
    Notification.Kind.WATCHED_HEALTH_CHANGED: _(
        "ウォッチ中の「%(project_name)s」の健全度が%(previous_label)sから%(health_label)sに変わりました。"
    ),
}
NOTIFICATION_DATES = ("as_of", "due_on")


class NotificationPreference(models.Model):
    """Whether a person also wants a kind of notice by e-mail (without a row: in the inbox only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences", verbose_name=_("利用者")
    )
    kind = models.CharField(_("種類"), max_length=30, choices=Notification.Kind.choices)
    email = models.BooleanField(_("メールでも受け取る"), default=False)

    class Meta:
        verbose_name = _("通知の設定")
        verbose_name_plural = _("通知の設定")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self):
        return f"{self.user} {self.kind}"


class Transfer(VersionedRecord):
    """One line of a transfer list (人事異動): a person leaves one division and joins another (in a role) on a
    date. Entered ahead of time; applied once, on its date, by ``services.transfers_apply``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("職員")
    )
    from_division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers_out", verbose_name=_("異動元")
    )
    to_division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers_in", verbose_name=_("異動先")
    )
    role = models.CharField(
        _("役割"), max_length=10, choices=DivisionMembership.Role.choices, default=DivisionMembership.Role.STAFF
    )
    effective_on = models.DateField(_("発令日"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    applied_at = models.DateTimeField(_("発令処理日時"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("人事異動")
        verbose_name_plural = _("人事異動")
        ordering = ["-effective_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_division__isnull=False) | Q(to_division__isnull=False), name="transfer_moves_somewhere"
            ),
        ]
        indexes = [models.Index(fields=["applied_at", "effective_on"], name="transfer_due_idx")]

    def __str__(self):
        return f"{self.user} {self.from_division or '—'} → {self.to_division or '—'} ({self.effective_on})"
