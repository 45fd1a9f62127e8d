"""The organisation: bureaus (局), their divisions (所属) and who belongs where, in which role.

The tables keep the names they had when the organisation lived in `governance` (`db_table`), so an
existing database moved here without copying a row."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dx_portal.versioned_cache import VersionedQuerySet


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


class DivisionMembership(models.Model):
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
        constraints = [models.UniqueConstraint(fields=["user", "division"], name="division_membership_unique")]

    def __str__(self):
        return f"{self.division} / {self.user} ({self.get_role_display()})"


class BureauMembership(models.Model):
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
        constraints = [models.UniqueConstraint(fields=["user", "bureau"], name="bureau_membership_unique")]

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
