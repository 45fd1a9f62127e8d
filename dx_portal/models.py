"""The API tokens of REST clients, and the security audit log (ISMS): who logged in, who failed to,
and which tokens were used."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from simple_history.models import HistoricalRecords


class AuditEvent(models.Model):
    """One security event: a login, a failed login, a lockout, a logout, a request made with an API token, or a
    change to who may do what (a person, a membership, a token), with who made it."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("ログイン")
        LOGIN_FAILED = "login_failed", _("ログイン失敗")
        LOCKED_OUT = "locked_out", _("ロックアウト")
        LOGOUT = "logout", _("ログアウト")
        TOKEN_USED = "token_used", _("トークン利用")
        TOKEN_REFUSED = "token_refused", _("トークン拒否")
        TOKEN_ISSUED = "token_issued", _("トークン発行")
        TOKEN_REVOKED = "token_revoked", _("トークン失効")
        PERSON_CREATED = "person_created", _("職員の登録")
        PERSON_CHANGED = "person_changed", _("職員情報の変更")
        PERSON_DEACTIVATED = "person_deactivated", _("職員の無効化")
        PERSON_REACTIVATED = "person_reactivated", _("職員の再有効化")
        MEMBERSHIP_ADDED = "membership_added", _("所属・役割の追加")
        MEMBERSHIP_REMOVED = "membership_removed", _("所属・役割の解除")
        MEMBERSHIP_ENDED = "membership_ended", _("所属・役割の終了")
        TRANSFER_APPLIED = "transfer_applied", _("人事異動の発令")
        WORK_HANDED_OVER = "work_handed_over", _("担当の引継ぎ")
        DEVICE_ENROLLED = "device_enrolled", _("認証デバイスの登録")
        DIRECTORY_ROLES = "directory_roles", _("ディレクトリによる役割変更")

    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("日時"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("利用者"),
    )
    # As typed at the login form: kept for unknown names, and after the user is deleted.
    username = models.CharField(_("ユーザー名"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)
    user_agent = models.CharField(_("ユーザーエージェント"), max_length=300, blank=True)
    method = models.CharField(_("メソッド"), max_length=10, blank=True)
    path = models.CharField(_("パス"), max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(_("応答コード"), null=True, blank=True)
    # Knox's token_key: the first characters of the key, stored in clear on ApiToken too, never the secret.
    token_key = models.CharField(_("トークン識別子"), max_length=15, blank=True)
    # Whom or what an action by ``user`` concerned: the person changed, the token issued, the division joined.
    subject = models.CharField(_("対象"), max_length=300, blank=True)
    # Refused tokens are recorded once per address and minute: how many requests that row stands for.
    count = models.PositiveIntegerField(_("件数"), default=1)

    class Meta:
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        ordering = ["-at", "-pk"]
        indexes = [
            # The admin's list: newest first, filtered by kind.
            models.Index(fields=["-at"], name="auditevent_at"),
            models.Index(fields=["kind", "-at"], name="auditevent_kind_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class IdempotentRequest(models.Model):
    """An API POST sent with an ``Idempotency-Key`` header, and its answer, kept a day: a retry with the same
    key and body gets the same answer and makes no second record (dx_portal.api.idempotency)."""

    # Whose key: a digest of the token sent, or the session's user; one client's keys never meet another's.
    owner = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    # A digest of the method, path and body: the same key with another body is refused.
    fingerprint = models.CharField(max_length=64)
    # None while the first request runs.
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotent_request_unique_key")]

    def __str__(self):
        return f"{self.key} ({self.status_code})"


class OneTimeToken(models.Model):
    """A create form's one-time token, claimed by the first submit: a second submit of the same form finds it
    and is sent to the first one's result instead of making a second record (dx_portal.forms.ServiceForm)."""

    key = models.CharField(_("キー"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("利用者")
    )
    claimed_at = models.DateTimeField(_("使用日時"), default=timezone.now)
    # A list page saved with its filters and columns leads back to a long URL: no length to outgrow.
    result_url = models.TextField(_("結果のURL"), blank=True)

    class Meta:
        verbose_name = _("ワンタイムトークン")
        verbose_name_plural = _("ワンタイムトークン")

    def __str__(self):
        return self.key

    @classmethod
    def earlier_result(cls, key: str | None, user) -> str:
        """Where the submit that claimed ``key`` led; '' when none did, or it was someone else's."""
        if not key:
            return ""
        return cls.objects.filter(key=key, user=user).values_list("result_url", flat=True).first() or ""


class ApiToken(AbstractAuthToken):
    """A REST client's token: a knox digest (the key is shown once), scopes, expiry and last use."""

    class Scope(models.TextChoices):
        KPI_READ = "kpi:read", _("KPI 参照")
        KPI_WRITE = "kpi:write", _("KPI 更新")
        PROJECTS_READ = "projects:read", _("案件 参照")
        PROJECTS_WRITE = "projects:write", _("案件 更新")
        GOVERNANCE_READ = "governance:read", _("ガバナンス 参照")
        WEBHOOKS_WRITE = "webhooks:write", _("Webhook 管理")

    name = models.CharField(_("用途"), max_length=100, blank=True)
    # A space-separated list, as OAuth 2 writes scopes: portable across SQLite and PostgreSQL.
    scopes = models.CharField(_("スコープ"), max_length=200, blank=True)
    last_used_at = models.DateTimeField(_("最終利用日時"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("失効日時"), null=True, blank=True)

    class Meta:
        db_table = "governance_apitoken"
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



class SavedView(models.Model):
    """A list page's filters, sort and columns saved under a name: private to its owner, or shared with PMO and
    the CIO; at most one is the owner's default for the page (opening the page bare applies it)."""

    class Page(models.TextChoices):
        # URL names: dx_portal names the pages, never imports them (as the root URLconf does).
        PORTFOLIO = "portfolio:index", _("ポートフォリオ")
        RISKS = "registers:risk-list", _("課題・リスク台帳")
        FINDINGS = "registers:finding-list", _("助言・指摘台帳")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views", verbose_name=_("作成者")
    )
    page = models.CharField(_("画面"), max_length=60, choices=Page.choices)
    name = models.CharField(_("名前"), max_length=100)
    # The page's query string (filters, ordering, cols), without the page number.
    query = models.CharField(_("条件"), max_length=2000, blank=True)
    shared = models.BooleanField(_("PMO・CIOと共有する"), default=False)
    is_default = models.BooleanField(_("この画面の既定にする"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("保存した条件")
        verbose_name_plural = _("保存した条件")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "page", "name"], name="saved_view_unique_name"),
            models.UniqueConstraint(
                fields=["owner", "page"], condition=models.Q(is_default=True), name="saved_view_one_default"
            ),
        ]

    def __str__(self):
        return self.name


# The receivers that fill the log and forget cached token lookups connect on import; dx_portal has no
# AppConfig.ready() of its own.
from . import audit, tokens  # noqa: E402, F401

# Defined with its service and registry; imported here so that Django finds the model.
from .attachments import Attachment  # noqa: E402, F401
