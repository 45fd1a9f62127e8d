"""What the projects API reads and writes: ISO 8601 dates, yen as integers, choice values as codes."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from dx_portal.api.attachments import attachments_field

from ..models import (
    Finding,
    GateReview,
    Health,
    Milestone,
    Project,
    ProjectIssue,
    ReportState,
    StatusReport,
    report_state_on,
)


class VersionField(serializers.IntegerField):
    """The version an edit started from; a write without it is refused (no lost updates)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


class VersionedWriteSerializer(serializers.ModelSerializer):
    """A write that must say which version it started from, even in a PATCH (where DRF requires nothing)."""

    version = VersionField()

    def validate(self, attrs):
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [_("更新には、取得した時点の版（version）が必要です。")]})
        return attrs


class UserNameField(serializers.SlugRelatedField):
    """A user as their username."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", read_only=True, help_text=_("利用者名（username）"), **kwargs)


class HealthOrBlankField(serializers.ChoiceField):
    """A rating that may not be given yet: "" until then (no report, or no PMO review)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Health.choices, allow_blank=True, read_only=True, **kwargs)


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class LatestReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusReport
        fields = ["id", "as_of", "health", "pmo_health", "effective_health", "unreviewed", "planned_progress",
                  "actual_progress"]

    pmo_health = HealthOrBlankField()
    unreviewed = serializers.BooleanField(read_only=True, help_text=_("PMOが未確認（未確認）"))
    effective_health = serializers.ChoiceField(choices=Health.choices, read_only=True)


PROJECT_URL_STAND_IN = "0code0"


def project_url(code: str, context: dict) -> str:
    """A project's detail URL from one ``reverse()`` per response (kept in the serializer's context): the URL of a
    stand-in code, with each row's code put in its place (a slug, so nothing to quote). Reversing per row took a
    tenth of an uncached 100-row page's CPU (bench/profile.py, issue 20)."""
    if "project-url" not in context:
        url = reverse("projects-api-detail", kwargs={"code": PROJECT_URL_STAND_IN}, request=context["request"])
        context["project-url"] = url.rpartition(PROJECT_URL_STAND_IN)
    before, _stand_in, after = context["project-url"]
    return f"{before}{code}{after}"


class CodeUrlField(serializers.HyperlinkedIdentityField):
    """A project's detail URL (``project_url``)."""

    def __init__(self, **kwargs):
        super().__init__(view_name="projects-api-detail", lookup_field="code", **kwargs)

    def get_url(self, obj, view_name, request, format):
        if format:
            return super().get_url(obj, view_name, request, format)
        return project_url(obj.code, self.context)


class ProjectSerializer(VersionedWriteSerializer):
    url = CodeUrlField()
    division = CodeNameSerializer(read_only=True)
    bureau = CodeNameSerializer(source="division.bureau", read_only=True)
    pmo_contact = UserNameField(allow_null=True)
    health = HealthOrBlankField(
        help_text=_("ポートフォリオの健全度: PMO確認済ならPMO評価、未確認なら自己評価とPMOの前回評価の悪い方")
    )
    pmo_health = HealthOrBlankField(help_text=_("PMOの最新の評価"))
    unreviewed = serializers.BooleanField(source="health_unreviewed", read_only=True,
                                          help_text=_("最新の報告をPMOが未確認（未確認）"))
    latest_report = LatestReportSerializer(read_only=True, allow_null=True)
    report_state = serializers.SerializerMethodField()
    open_issue_count = serializers.IntegerField(read_only=True)
    open_finding_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "code", "url", "name", "name_en", "division", "bureau", "pmo_contact", "phase", "planned_start", "planned_end",
            "budget_yen", "actual_cost_yen", "cadence", "report_business_days", "grace_days", "description", "health",
            "pmo_health", "unreviewed", "last_reported_on",
            "report_due_on", "report_overdue_on", "report_state", "latest_report", "open_issue_count", "open_finding_count",
            "version", "updated_at",
        ]
        read_only_fields = ["code", "last_reported_on", "report_due_on", "report_overdue_on", "updated_at"]

    @extend_schema_field(serializers.ChoiceField(choices=ReportState.choices))
    def get_report_state(self, project) -> str:
        # One date per response, not one time-zone conversion per row (a tenth of a 100-row page's time).
        context = self.context
        if "today" not in context:
            context["today"] = timezone.localdate()
        return project.report_state(context["today"]).value


# The columns of ``project_rows``: ProjectSerializer's fields and what they are computed from.
PROJECT_ROW_VALUES = (
    "code", "name", "name_en", "division__code", "division__name", "division__bureau__code", "division__bureau__name",
    "pmo_contact__username", "phase", "planned_start", "planned_end", "budget_yen", "actual_cost_yen", "cadence",
    "report_business_days", "grace_days", "description", "health", "pmo_health", "health_unreviewed",
    "last_reported_on", "report_due_on", "report_overdue_on", "report_escalate_on", "latest_report_id",
    "latest_report__as_of", "latest_report__health", "latest_report__pmo_health", "latest_report__status",
    "latest_report__reviewed_at", "latest_report__planned_progress", "latest_report__actual_progress",
    "open_issue_count", "open_finding_count", "version", "updated_at",
)


def _iso_date(value):
    return value.isoformat() if value else None


def project_rows(rows, context: dict) -> list[dict]:
    """What ProjectSerializer answers for each project, from ``project_list(...).values(*PROJECT_ROW_VALUES)``.

    A list page serialises up to 500 projects: as model instances (five per row with the joined ones) through the
    serializer's 28 fields, 100 rows took 25 ms of an uncached page's 29 (bench/profile.py, issue 20); from
    values, 3. The detail answer stays ProjectSerializer's, and tests/projects/test_api_projects.py holds every
    list row equal to it."""
    today = timezone.localdate()
    # The time zone looked up once, not once a row.
    moment = serializers.DateTimeField(default_timezone=timezone.get_current_timezone()).to_representation
    return [
        {
            "code": row["code"],
            "url": project_url(row["code"], context),
            "name": row["name"],
            "name_en": row["name_en"],
            "division": {"code": row["division__code"], "name": row["division__name"]},
            "bureau": {"code": row["division__bureau__code"], "name": row["division__bureau__name"]},
            "pmo_contact": row["pmo_contact__username"],
            "phase": row["phase"],
            "planned_start": _iso_date(row["planned_start"]),
            "planned_end": _iso_date(row["planned_end"]),
            "budget_yen": row["budget_yen"],
            "actual_cost_yen": row["actual_cost_yen"],
            "cadence": row["cadence"],
            "report_business_days": row["report_business_days"],
            "grace_days": row["grace_days"],
            "description": row["description"],
            "health": row["health"],
            "pmo_health": row["pmo_health"],
            "unreviewed": row["health_unreviewed"],
            "last_reported_on": _iso_date(row["last_reported_on"]),
            "report_due_on": _iso_date(row["report_due_on"]),
            "report_overdue_on": _iso_date(row["report_overdue_on"]),
            "report_state": report_state_on(
                today, row["report_due_on"], row["report_overdue_on"], row["report_escalate_on"]
            ).value,
            "latest_report": None if row["latest_report_id"] is None else {
                "id": row["latest_report_id"],
                "as_of": _iso_date(row["latest_report__as_of"]),
                "health": row["latest_report__health"],
                "pmo_health": row["latest_report__pmo_health"],
                # StatusReport.effective_health and .unreviewed
                "effective_health": row["latest_report__pmo_health"] or row["latest_report__health"],
                "unreviewed": row["latest_report__status"] == StatusReport.Status.SUBMITTED
                and row["latest_report__reviewed_at"] is None,
                "planned_progress": row["latest_report__planned_progress"],
                "actual_progress": row["latest_report__actual_progress"],
            },
            "open_issue_count": row["open_issue_count"],
            "open_finding_count": row["open_finding_count"],
            "version": row["version"],
            "updated_at": moment(row["updated_at"]),
        }
        for row in rows
    ]


class StatusReportSerializer(serializers.ModelSerializer):
    submitted_by = UserNameField()
    reviewed_by = UserNameField(allow_null=True)
    pmo_health = HealthOrBlankField()
    effective_health = serializers.ChoiceField(choices=Health.choices, read_only=True)
    ratings_differ = serializers.BooleanField(read_only=True)
    pmo_sees_more_risk = serializers.BooleanField(read_only=True)
    unreviewed = serializers.BooleanField(read_only=True, help_text=_("提出済でPMOが未確認（未確認）"))
    approved_by = UserNameField(allow_null=True)
    attachments = attachments_field()

    class Meta:
        model = StatusReport
        fields = [
            "id", "as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
            "actual_progress", "summary", "next_steps", "submitted_by", "submitted_at", "status", "approval_comment",
            "approved_by", "approved_at", "change_reason", "pmo_health", "pmo_comment", "reviewed_by", "reviewed_at",
            "effective_health", "unreviewed", "ratings_differ", "pmo_sees_more_risk", "attachments", "version", "updated_at",
        ]
        read_only_fields = ["submitted_at", "status", "approval_comment", "approved_at", "change_reason", "pmo_comment",
                            "reviewed_at", "version", "updated_at"]
        extra_kwargs = {"as_of": {"required": False, "help_text": _("省略すると今日の日付。")}}
        # The service refuses a second report for a day with a message at as_of; the serializer need not query.
        validators = []


class StatusReportReviewSerializer(VersionedWriteSerializer):
    class Meta:
        model = StatusReport
        fields = ["pmo_health", "pmo_comment", "version"]
        extra_kwargs = {"pmo_health": {"required": True, "allow_blank": False}}


class StatusReportAmendSerializer(VersionedWriteSerializer):
    """A correction: any of the report's own fields, and why (required)."""

    reason = serializers.CharField(help_text=_("修正の理由"))

    class Meta:
        model = StatusReport
        fields = ["as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
                  "actual_progress", "summary", "next_steps", "reason", "version"]
        extra_kwargs = {name: {"required": False} for name in fields if name not in ("reason", "version")}
        validators = []


class StatusReportWithdrawSerializer(VersionedWriteSerializer):
    reason = serializers.CharField(help_text=_("取下げの理由"))

    class Meta:
        model = StatusReport
        fields = ["reason", "version"]


class StatusReportApprovalSerializer(VersionedWriteSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("所属長コメント"))

    class Meta:
        model = StatusReport
        fields = ["comment", "version"]


class StatusReportReturnSerializer(StatusReportApprovalSerializer):
    comment = serializers.CharField(help_text=_("差戻しの理由"))


class MilestoneSerializer(VersionedWriteSerializer):
    """A milestone with its slippage judged against today: late once its planned date passed without an actual."""

    slippage_days = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()
    forecast_passed = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["id", "name", "planned_on", "forecast_on", "actual_on", "slippage_days", "late", "forecast_passed",
                  "version", "updated_at"]
        read_only_fields = ["updated_at"]

    def _today(self):
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return self.context["today"]

    def get_slippage_days(self, milestone) -> int:
        return milestone.slippage_on(self._today())

    def get_late(self, milestone) -> bool:
        return milestone.slippage_on(self._today()) > 0

    def get_forecast_passed(self, milestone) -> bool:
        return milestone.forecast_passed(self._today())


class MilestoneCreateSerializer(MilestoneSerializer):
    version = serializers.IntegerField(read_only=True)

    def validate(self, attrs):
        return attrs


class ProjectIssueSerializer(VersionedWriteSerializer):
    risk_score = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ProjectIssue
        fields = [
            "id", "kind", "title", "description", "severity", "status", "owner", "due_on", "raised_on", "resolved_on",
            "likelihood", "impact", "risk_score", "version", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"raised_on": {"required": False}}


class ProjectIssueCreateSerializer(ProjectIssueSerializer):
    """A new issue has no version to start from."""

    version = serializers.IntegerField(read_only=True)

    def validate(self, attrs):
        return attrs


class FindingSerializer(serializers.ModelSerializer):
    written_by = UserNameField()
    answered_by = UserNameField(allow_null=True)
    attachments = attachments_field()

    class Meta:
        model = Finding
        fields = [
            "id", "category", "title", "body", "severity", "response_due_on", "written_by", "written_at", "status",
            "response", "answered_by", "answered_at", "attachments", "version", "updated_at",
        ]
        read_only_fields = ["written_at", "status", "response", "answered_at", "version", "updated_at"]


class FindingAnswerSerializer(VersionedWriteSerializer):
    class Meta:
        model = Finding
        fields = ["response", "version"]
        extra_kwargs = {"response": {"required": True, "allow_blank": False}}


class FindingCloseSerializer(VersionedWriteSerializer):
    class Meta:
        model = Finding
        fields = ["version"]


class GateReviewSerializer(serializers.ModelSerializer):
    """A gate review; its conditions are the ids of the project's findings, the decision its reference."""

    project = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reviewer = UserNameField()
    conditions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    decision = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, allow_null=True, help_text=_("ステアリング・コミッティの決定の番号")
    )

    class Meta:
        model = GateReview
        fields = [
            "id", "project", "from_phase", "to_phase", "outcome", "reviewed_on", "reviewer", "summary", "conditions",
            "decision", "version", "created_at", "updated_at",
        ]


class PlanIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ja = serializers.CharField()
    name_en = serializers.CharField()


class PlanItemSerializer(serializers.Serializer):
    """A pillar or measure: its number and title as the plan prints them, what serves it, the measures under it."""

    code = serializers.CharField(source="item.code")
    number = serializers.CharField(source="item.number", help_text=_("柱Ⅰ、① など資料の表記"))
    title = serializers.CharField(source="item.title")
    indicators = PlanIndicatorSerializer(many=True, help_text=_("この項目の指標（閲覧できるもの）"))
    projects = CodeNameSerializer(many=True, help_text=_("この項目に位置付けた案件（閲覧できるもの）"))
    children = serializers.SerializerMethodField(help_text=_("柱の下の施策"))

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_children(self, node):
        return PlanItemSerializer(node.children, many=True, context=self.context).data


class PlanSerializer(serializers.Serializer):
    code = serializers.CharField(source="plan.code")
    name = serializers.CharField(source="plan.name")
    issuer = serializers.CharField(source="plan.issuer")
    period = serializers.CharField(source="plan.period")
    items = PlanItemSerializer(many=True, help_text=_("柱（または重点取組事項）と、その下の施策"))
