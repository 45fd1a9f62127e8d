"""The organisation (bureaus, divisions, who belongs where) and the API tokens of REST clients."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class Bureau(models.Model):
    """A bureau (局) of the prefectural government."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("局名"), max_length=100, unique=True)
    name_en = models.CharField(_("英語名"), max_length=150, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
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
    email = models.EmailField(_("所属メールアドレス"), blank=True)

    class Meta:
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
        verbose_name = _("局メンバー")
        verbose_name_plural = _("局メンバー")
        constraints = [models.UniqueConstraint(fields=["user", "bureau"], name="bureau_membership_unique")]

    def __str__(self):
        return f"{self.bureau} / {self.user} ({self.get_role_display()})"


class ApiToken(AbstractAuthToken):
    """A REST client's token: a knox digest (the key is shown once), scopes, expiry and last use."""

    class Scope(models.TextChoices):
        KPI_READ = "kpi:read", _("KPI 参照")
        PROJECTS_READ = "projects:read", _("案件 参照")
        PROJECTS_WRITE = "projects:write", _("案件 更新")
        GOVERNANCE_READ = "governance:read", _("ガバナンス 参照")

    name = models.CharField(_("用途"), max_length=100, blank=True)
    # A space-separated list, as OAuth 2 writes scopes: portable across SQLite and PostgreSQL.
    scopes = models.CharField(_("スコープ"), max_length=200, blank=True)
    last_used_at = models.DateTimeField(_("最終利用日時"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("失効日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("APIトークン")
        verbose_name_plural = _("APIトークン")

    def __str__(self):
        return f"{self.token_key}… ({self.user})"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expiry is None or self.expiry > now)
