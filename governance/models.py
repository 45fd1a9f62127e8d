"""The bodies that decide and coordinate: the steering committee, the municipal council and the
municipal DX status."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dx_portal.disclosure import Classified, ClassifiedMinutes
from dx_portal.validators import DATE_VALIDATORS
from dx_portal.versioning import VersionedRecord
from organisation.models import Bureau, Division
from organisation.permissions import may_read_governance, visible_division_filter

# The bodies that decide and coordinate: the steering committee, the prefecture–municipality council and
# the municipalities' DX status. Everyone logged in reads them; PMO and the CIO record them.


class GovernanceRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if may_read_governance(user) else self.none()


class AgendaKind(models.TextChoices):
    """What the committee does with an item: hears it, discusses it, or decides it."""

    REPORT = "report", _("報告")
    CONSULTATION = "consultation", _("協議")
    DECISION = "decision", _("決定")


class CommitteeMeeting(Classified, ClassifiedMinutes, VersionedRecord):
    """A meeting (第N回) of the steering committee of the CIO/CDO and the bureau directors."""

    number = models.PositiveSmallIntegerField(_("回"), unique=True, validators=[MinValueValidator(1)])
    held_on = models.DateField(_("開催日"), validators=DATE_VALIDATORS)
    title = models.CharField(_("会議名"), max_length=200)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="committee_meetings", verbose_name=_("出席者")
    )
    minutes = models.TextField(_("議事録"), blank=True)
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("ステアリング・コミッティ")
        verbose_name_plural = _("ステアリング・コミッティ")
        ordering = ["-held_on", "-number"]

    def __str__(self):
        return _("第%(number)s回 %(title)s") % {"number": self.number, "title": self.title}


class AgendaItem(Classified):
    """An item on a steering-committee meeting's agenda, in order, with the division that presents it."""

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("会議"))
    order = models.PositiveSmallIntegerField(_("順序"))
    title = models.CharField(_("議題"), max_length=200)
    kind = models.CharField(_("区分"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.REPORT)
    presenter = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("説明所属")
    )

    class Meta:
        verbose_name = _("議題")
        verbose_name_plural = _("議題")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_unique_order")]

    def __str__(self):
        return self.title


class Decision(Classified, VersionedRecord):
    """A decision (合意事項) of the steering committee, kept as a decision log; never deleted, only superseded."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("提案中")
        AGREED = "agreed", _("合意")
        REJECTED = "rejected", _("不採用")
        DEFERRED = "deferred", _("継続審議")
        SUPERSEDED = "superseded", _("改定済")

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("会議"))
    sequence = models.PositiveSmallIntegerField(_("会議内の番号"))
    # "<meeting number>-<sequence>": stable and ASCII, so it serves as the key in URLs and the API.
    reference = models.SlugField(_("番号"), max_length=20, unique=True)
    title = models.CharField(_("件名"), max_length=200)
    kind = models.CharField(_("区分"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.DECISION)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.AGREED)
    context = models.TextField(_("背景・課題"), blank=True)
    options = models.TextField(_("検討した選択肢"), blank=True)
    decision_text = models.TextField(_("決定内容"))
    rationale = models.TextField(_("理由"), blank=True)
    consequences = models.TextField(_("影響・今後の対応"), blank=True)
    agreed_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="agreed_decisions", verbose_name=_("合意者")
    )
    bureaus = models.ManyToManyField(Bureau, blank=True, related_name="decisions", verbose_name=_("関係局"))
    related_projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="decisions", verbose_name=_("関連案件")
    )
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by", verbose_name=_("改定前の決定")
    )
    # The agenda item it settles: through it, a proposal sent to the agenda shows the decision on its project.
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions", verbose_name=_("議題")
    )
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("合意事項")
        verbose_name_plural = _("合意事項")
        ordering = ["-meeting__held_on", "sequence"]
        constraints = [models.UniqueConstraint(fields=["meeting", "sequence"], name="decision_unique_sequence")]

    def __str__(self):
        return f"{self.reference} {self.title}"


class AgendaProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Proposals about the projects the user may see, for those who read governance records."""
        q = visible_division_filter(user, division_field="project__division")
        proposals = self if may_read_governance(user) else self.none()
        return proposals if q is None else proposals.filter(q)


class AgendaProposal(VersionedRecord):
    """A project's issue, risk or PMO finding sent to the steering committee's agenda backlog (議題の提案) by PMO or
    the CIO, with the reason; once PMO puts it on a meeting's agenda it names the meeting and the agenda item."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("議題候補")
        SCHEDULED = "scheduled", _("議題に追加済")

    # Exactly one of the two (a check constraint): explicit keys keep the joins and the deletion rules plain.
    issue = models.ForeignKey(
        "projects.ProjectIssue", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_proposals",
        verbose_name=_("課題・リスク"),
    )
    finding = models.ForeignKey(
        "projects.Finding", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_proposals",
        verbose_name=_("助言・指摘"),
    )
    # The project of the issue or finding, kept here so that visibility and the project page need no detour.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="agenda_proposals", verbose_name=_("案件")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("提案者")
    )
    reason = models.TextField(_("提案の理由"))
    proposed_at = models.DateTimeField(_("提案日時"))
    state = models.CharField(_("状態"), max_length=12, choices=State.choices, default=State.PROPOSED)
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_proposals",
        verbose_name=_("会議"),
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal", verbose_name=_("議題")
    )
    history = HistoricalRecords()
    objects = AgendaProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("議題の提案")
        verbose_name_plural = _("議題の提案")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issue__isnull=False, finding__isnull=True) | Q(issue__isnull=True, finding__isnull=False),
                name="agenda_proposal_one_source",
            ),
            # One open proposal per issue or finding: a second would be the same item twice in the backlog.
            models.UniqueConstraint(
                fields=["issue"], condition=Q(state="proposed"), name="agenda_proposal_one_open_per_issue"
            ),
            models.UniqueConstraint(
                fields=["finding"], condition=Q(state="proposed"), name="agenda_proposal_one_open_per_finding"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def source(self):
        """The issue or finding proposed."""
        return self.issue or self.finding

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def source_kind(self) -> str:
        return self.issue.get_kind_display() if self.issue_id else _("助言・指摘")


class ActionItem(VersionedRecord):
    """An action item (対応事項) arising from a decision, owned by a division until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("未着手")
        IN_PROGRESS = "in_progress", _("対応中")
        DONE = "done", _("完了")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("合意事項"))
    title = models.CharField(_("対応事項"), max_length=200)
    detail = models.TextField(_("内容"), blank=True)
    owner_division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("担当所属")
    )
    due_on = models.DateField(_("期限"), validators=DATE_VALIDATORS)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.OPEN)
    completion_note = models.TextField(_("完了報告"), blank=True)
    completed_on = models.DateField(_("完了日"), null=True, blank=True, validators=DATE_VALIDATORS)
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("対応事項")
        verbose_name_plural = _("対応事項")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(completed_on__isnull=False) & ~Q(completion_note="")),
                name="action_item_done_has_date_and_note",
            ),
        ]
        # The reminder digest and the overdue filter: items not done, by due date.
        indexes = [models.Index(fields=["status", "due_on"], name="action_item_open_due_idx")]

    def __str__(self):
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status != self.Status.DONE and self.due_on < today


def local_government_check_digit(first_five: str) -> int:
    """The check digit of a 全国地方公共団体コード: (11 - Σ d_i·w_i mod 11) mod 10 with weights 6..2."""
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def validate_local_government_code(value: str) -> None:
    if not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError(_("団体コードは6桁の数字で入力してください。"), code="format")
    if int(value[5]) != local_government_check_digit(value[:5]):
        raise ValidationError(_("団体コードの検査数字が正しくありません。"), code="check_digit")


class MunicipalityQuerySet(GovernanceRecordQuerySet):
    def municipal(self):
        """The cities, towns and villages, without the prefecture itself."""
        return self.exclude(kind=Municipality.Kind.PREFECTURE)


class Municipality(models.Model):
    """A member of the prefecture–municipality digital promotion council: a municipality, or the prefecture."""

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("県")
        DESIGNATED_CITY = "designated_city", _("政令指定都市")
        CITY = "city", _("市")
        TOWN = "town", _("町")
        VILLAGE = "village", _("村")

    code = models.CharField(
        _("団体コード"), max_length=6, unique=True, validators=[validate_local_government_code],
        help_text=_("全国地方公共団体コード（検査数字を含む6桁）"),
    )
    name = models.CharField(_("団体名"), max_length=50, unique=True)
    kana = models.CharField(_("ふりがな"), max_length=50, blank=True)
    kind = models.CharField(_("区分"), max_length=20, choices=Kind.choices)
    # Where inquiries (照会) and their chasers (督促) go: the municipality's DX or information-policy desk.
    contact_email = models.EmailField(_("連絡先メールアドレス"), blank=True)
    version = models.PositiveIntegerField(_("版"), default=1)
    history = HistoricalRecords()

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("構成団体")
        verbose_name_plural = _("構成団体")
        ordering = ["code"]

    def __str__(self):
        return self.name


class CouncilMeeting(Classified, ClassifiedMinutes, VersionedRecord):
    """A meeting of the 県市町村デジタル推進会議 (plenary) or of its working-level 担当者会議."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("推進会議")
        WORKING = "working", _("担当者会議")

    kind = models.CharField(_("会議の種類"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("回"), validators=[MinValueValidator(1)])
    held_on = models.DateField(_("開催日"), validators=DATE_VALIDATORS)
    title = models.CharField(_("会議名"), max_length=200)
    agenda = models.TextField(_("議題"), blank=True)
    attendees = models.ManyToManyField(Municipality, blank=True, related_name="council_meetings", verbose_name=_("出席団体"))
    minutes = models.TextField(_("議事概要"), blank=True)
    follow_ups = models.TextField(_("フォローアップ事項"), blank=True)
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("県市町村デジタル推進会議")
        verbose_name_plural = _("県市町村デジタル推進会議")
        ordering = ["-held_on", "kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="council_meeting_unique_number")]

    def __str__(self):
        return _("%(kind)s 第%(number)s回") % {"kind": self.get_kind_display(), "number": self.number}


class MunicipalDxStatus(models.Model):
    """Where one municipality stands on one focus area of the national 自治体DX推進計画, as of a date."""

    class FocusArea(models.TextChoices):
        STANDARDISATION = "standardisation", _("自治体の情報システムの標準化・共通化")
        MY_NUMBER_CARD = "my_number_card", _("マイナンバーカードの普及促進")
        ONLINE_PROCEDURES = "online_procedures", _("行政手続のオンライン化")
        AI_RPA = "ai_rpa", _("AI・RPAの利用推進")
        TELEWORK = "telework", _("テレワークの推進")
        SECURITY = "security", _("セキュリティ対策の徹底")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未着手")
        PLANNING = "planning", _("検討中")
        IN_PROGRESS = "in_progress", _("実施中")
        DONE = "done", _("完了")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="dx_statuses", verbose_name=_("団体")
    )
    focus_area = models.CharField(_("重点取組事項"), max_length=20, choices=FocusArea.choices)
    status = models.CharField(_("対応状況"), max_length=12, choices=Status.choices)
    note = models.TextField(_("備考"), blank=True)
    as_of = models.DateField(_("基準日"), validators=DATE_VALIDATORS)
    version = models.PositiveIntegerField(_("版"), default=1)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("自治体DXの対応状況")
        verbose_name_plural = _("自治体DXの対応状況")
        ordering = ["municipality__code", "focus_area"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "focus_area"], name="dx_status_one_per_area"),
        ]

    def __str__(self):
        return f"{self.municipality} / {self.get_focus_area_display()}: {self.get_status_display()}"


class IssuedPack(models.Model):
    """A meeting pack as PMO issued it: the files handed to the committee, frozen.

    Issued papers do not change: the row is written once (save refuses an update) and its downloads serve the
    bytes stored here, whatever happens to the records it was built from later. Each file carries its SHA-256
    digest, so a copy can be checked against the portal (``sha256sum pack.pdf``).
    """

    committee_meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="issued_packs",
        verbose_name=_("ステアリング・コミッティ"),
    )
    council_meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="issued_packs",
        verbose_name=_("県市町村デジタル推進会議"),
    )
    sequence = models.PositiveSmallIntegerField(_("版"), validators=[MinValueValidator(1)])
    data = models.JSONField(_("作成に用いたデータ"))
    # Empty when WeasyPrint (or Pango) was missing at issue: the paper is then the workbook.
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    xlsx = models.BinaryField(_("Excel"))
    pdf_sha256 = models.CharField(_("PDFのSHA-256"), max_length=64, blank=True)
    xlsx_sha256 = models.CharField(_("ExcelのSHA-256"), max_length=64)
    data_sha256 = models.CharField(_("データのSHA-256"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("発行者")
    )
    issued_at = models.DateTimeField(_("発行日時"))
    # The files are not repeated in the history: the row never changes, and they are kept above.
    history = HistoricalRecords(excluded_fields=["data", "pdf", "xlsx"])

    class Meta:
        verbose_name = _("発行済み会議資料")
        verbose_name_plural = _("発行済み会議資料")
        ordering = ["-issued_at", "-sequence"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee_meeting__isnull=False, council_meeting__isnull=True)
                | Q(committee_meeting__isnull=True, council_meeting__isnull=False),
                name="issued_pack_one_meeting",
            ),
            models.UniqueConstraint(
                fields=["committee_meeting", "sequence"], condition=Q(committee_meeting__isnull=False),
                name="issued_pack_committee_sequence",
            ),
            models.UniqueConstraint(
                fields=["council_meeting", "sequence"], condition=Q(council_meeting__isnull=False),
                name="issued_pack_council_sequence",
            ),
        ]

    def __str__(self):
        return _("%(meeting)s 会議資料 第%(sequence)s版") % {"meeting": self.meeting, "sequence": self.sequence}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("発行済みの会議資料は変更できません。新しい版を発行してください。"))
        super().save(*args, **kwargs)

    @property
    def meeting(self):
        return self.committee_meeting or self.council_meeting


class ForwardedItem(VersionedRecord):
    """An item sent on to a later meeting (上程): from a 担当者会議 (an agenda item or follow-up, by its text) to a
    推進会議, or from a steering-committee agenda item to the council; linked both ways, with what came of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("未審議")
        REPORTED = "reported", _("報告済")
        AGREED = "agreed", _("了承")
        CONTINUED = "continued", _("継続審議")

    from_council_meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="forwarded_items",
        verbose_name=_("上程元の会議"),
    )
    from_agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="forwarded_items",
        verbose_name=_("上程元の議題（ステアリング・コミッティ）"),
    )
    title = models.CharField(_("上程事項"), max_length=500)
    to_meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.PROTECT, related_name="received_items", verbose_name=_("上程先の会議")
    )
    outcome = models.CharField(_("結果"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_note = models.TextField(_("結果の内容"), blank=True)
    history = HistoricalRecords()
    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("上程事項")
        verbose_name_plural = _("上程事項")
        ordering = ["to_meeting__held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_council_meeting__isnull=True) ^ Q(from_agenda_item__isnull=True),
                name="forwarded_item_one_source",
            ),
        ]

    def __str__(self):
        return self.title
