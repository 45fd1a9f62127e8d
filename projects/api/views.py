"""Projects API: thin generic views; every write goes through projects.services.

Visibility is ``selectors.project_get``, as on the pages: an unknown code and another division's project are
both a 404 (nothing says the project exists); a write to a project the user may see but not change is a 403,
checked before the input so the answer does not depend on what was sent.
"""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, permissions
from rest_framework.response import Response

from dx_portal.api.attachments import WithAttachments
from dx_portal.api.filters import UpdatedSinceFilter
from dx_portal.errors import PROJECT_CHANGE_REFUSED
from dx_portal.pagination import in_order
from organisation.api.caching import VersionCachedGetMixin
from organisation.permissions import may_approve_division_reports, may_change_division_record, may_write_findings

from .. import selectors, services
from ..caching import PROJECT_DATA
from ..filtersets import (
    FindingFilterSet,
    GateReviewFilterSet,
    ProjectIssueFilterSet,
    ProjectListFilterSet,
    StatusReportFilterSet,
)
from ..models import Finding, GateReview, Milestone, Project, ProjectIssue, StatusReport
from .serializers import (
    PROJECT_ROW_VALUES,
    FindingAnswerSerializer,
    FindingCloseSerializer,
    FindingSerializer,
    GateReviewSerializer,
    MilestoneCreateSerializer,
    MilestoneSerializer,
    PlanSerializer,
    ProjectIssueCreateSerializer,
    ProjectIssueSerializer,
    ProjectSerializer,
    StatusReportAmendSerializer,
    StatusReportApprovalSerializer,
    StatusReportReturnSerializer,
    StatusReportReviewSerializer,
    StatusReportSerializer,
    StatusReportWithdrawSerializer,
    project_rows,
)


class ProjectScopedMixin:
    """A view of one project the user may see (404 otherwise), or of records nested under it.

    Nested views name their model with ``queryset = Model.objects.none()`` (for the schema); their
    ``get_queryset()`` gives the rows, always through the project.
    """

    required_scopes = {"read": "projects:read", "write": "projects:write"}

    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = selectors.project_get(user=self.request.user, code=self.kwargs["code"])
        return self._project

    def may_write(self, project) -> bool:
        return may_change_division_record(self.request.user, division_id=project.division_id)

    def check_permissions(self, request):
        super().check_permissions(request)
        writes = request.method not in permissions.SAFE_METHODS and hasattr(self, request.method.lower())
        if writes and not self.may_write(self.get_project()):
            self.permission_denied(request, message=str(PROJECT_CHANGE_REFUSED))


class VersionedUpdateMixin:
    """PATCH with the version the client read: the service refuses a stale one (409)."""

    http_method_names = ["get", "patch", "head", "options"]

    def apply(self, record, *, expected_version: int, changes: dict) -> None:
        raise NotImplementedError

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        self.apply(serializer.instance, expected_version=changes.pop("version"), changes=changes)
        return Response(self.get_serializer(self.get_object()).data)


class ProjectActionView(ProjectScopedMixin, generics.GenericAPIView):
    """POST a transition with side effects: validate the input, call the service, answer with the record."""

    output_serializer_class = None

    def act(self, record, data: dict):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # The API's field is ``version``: the version the client read, which the services call expected.
        data["expected_version"] = data.pop("version")
        record = self.act(record, data)
        return Response(self.output_serializer_class(record, context=self.get_serializer_context()).data)


# A list page's rows, built once (building it afresh took about a tenth of an uncached page: bench/README.md) and
# filtered to the page's ids, which the filters read through visible_to: the ids are what the caller may see.
PAGE_ROWS = selectors.with_list_columns(Project.objects.all()).values("pk", *PROJECT_ROW_VALUES)


class ProjectListView(VersionCachedGetMixin, generics.ListAPIView):
    data_version = PROJECT_DATA
    required_scopes = ProjectScopedMixin.required_scopes
    serializer_class = ProjectSerializer
    filterset_class = ProjectListFilterSet
    # Sorting is the FilterSet's ``ordering`` (PROJECT_ORDERINGS), shared with the list page, the portfolio and its exports.
    filter_backends = [DjangoFilterBackend, UpdatedSinceFilter]

    def get_queryset(self):
        # What the filters, the sort and the count read: the rows' joins and counts are added for the page alone.
        return Project.objects.visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        # The page is counted, sorted and cut on the projects' ids (in_order says why); its rows are read as values,
        # not model instances through the serializer's fields (project_rows says why).
        ids = self.paginate_queryset(self.filter_queryset(self.get_queryset()).values_list("pk", flat=True))
        page = in_order(PAGE_ROWS.filter(pk__in=ids), ids, key=lambda row: row["pk"])
        return self.get_paginated_response(project_rows(page, self.get_serializer_context()))


class ProjectDetailView(ProjectScopedMixin, VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    serializer_class = ProjectSerializer

    def get_object(self):
        # Not the cached project: after a PATCH the answer shows the project as saved.
        return selectors.project_get(user=self.request.user, code=self.kwargs["code"])

    def apply(self, record, *, expected_version, changes):
        services.project_update(project=record, actor=self.request.user, expected_version=expected_version, **changes)


class StatusReportListView(WithAttachments, ProjectScopedMixin, generics.ListCreateAPIView):
    queryset = StatusReport.objects.none()
    serializer_class = StatusReportSerializer
    filterset_class = StatusReportFilterSet
    ordering_fields = ["as_of"]
    ordering = ["-as_of"]

    def get_queryset(self):
        return self.get_project().status_reports.select_related("submitted_by", "reviewed_by", "approved_by")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("as_of", timezone.localdate())
        serializer.instance = services.status_report_submit(project=self.get_project(), actor=self.request.user, **data)


class StatusReportDetailView(WithAttachments, ProjectScopedMixin, generics.RetrieveAPIView):
    queryset = StatusReport.objects.none()
    serializer_class = StatusReportSerializer

    def get_queryset(self):
        return self.get_project().status_reports.select_related("submitted_by", "reviewed_by", "approved_by")


@extend_schema(request=StatusReportReviewSerializer, responses={200: StatusReportSerializer})
class StatusReportReviewView(ProjectActionView):
    """PMO's own rating beside the division's; the project's health follows it when the report is the latest."""

    queryset = StatusReport.objects.none()
    serializer_class = StatusReportReviewSerializer
    output_serializer_class = StatusReportSerializer

    def may_write(self, project):
        return may_write_findings(self.request.user)

    def get_queryset(self):
        return self.get_project().status_reports.select_related("submitted_by", "reviewed_by", "approved_by")

    def act(self, record, data):
        return services.status_report_review(report=record, actor=self.request.user, **data)


class StatusReportActionView(ProjectActionView):
    queryset = StatusReport.objects.none()
    output_serializer_class = StatusReportSerializer

    def get_queryset(self):
        return self.get_project().status_reports.select_related("submitted_by", "reviewed_by", "approved_by")


@extend_schema(request=StatusReportAmendSerializer, responses={200: StatusReportSerializer})
class StatusReportAmendView(StatusReportActionView):
    """Correct a report until PMO reviews it, with a reason; the earlier version stays in the history."""

    serializer_class = StatusReportAmendSerializer

    def act(self, record, data):
        return services.status_report_amend(report=record, actor=self.request.user, **data)


@extend_schema(request=StatusReportWithdrawSerializer, responses={200: StatusReportSerializer})
class StatusReportWithdrawView(StatusReportActionView):
    """Withdraw a report with a reason: kept, no longer counted for health or reminders."""

    serializer_class = StatusReportWithdrawSerializer

    def act(self, record, data):
        return services.status_report_withdraw(report=record, actor=self.request.user, **data)


class StatusReportApprovalMixin:
    def may_write(self, project):
        return may_approve_division_reports(self.request.user, division_id=project.division_id)


@extend_schema(request=StatusReportApprovalSerializer, responses={200: StatusReportSerializer})
class StatusReportApproveView(StatusReportApprovalMixin, StatusReportActionView):
    """The division manager (所属長) approves a report awaiting approval: it is submitted."""

    serializer_class = StatusReportApprovalSerializer

    def act(self, record, data):
        return services.status_report_approve(report=record, actor=self.request.user, **data)


@extend_schema(request=StatusReportReturnSerializer, responses={200: StatusReportSerializer})
class StatusReportReturnView(StatusReportApprovalMixin, StatusReportActionView):
    """The division manager returns a report to its staff with a comment."""

    serializer_class = StatusReportReturnSerializer

    def act(self, record, data):
        return services.status_report_return(report=record, actor=self.request.user, **data)


@extend_schema_view(post=extend_schema(request=MilestoneCreateSerializer, responses={201: MilestoneSerializer}))
class MilestoneListView(ProjectScopedMixin, generics.ListCreateAPIView):
    queryset = Milestone.objects.none()
    ordering = ["planned_on", "id"]

    def get_serializer_class(self):
        return MilestoneCreateSerializer if self.request.method == "POST" else MilestoneSerializer

    def get_queryset(self):
        return self.get_project().milestones.order_by("planned_on", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.milestone_create(
            project=self.get_project(), actor=self.request.user, **serializer.validated_data
        )


class MilestoneDetailView(ProjectScopedMixin, VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    queryset = Milestone.objects.none()
    serializer_class = MilestoneSerializer

    def get_queryset(self):
        return self.get_project().milestones.all()

    def apply(self, record, *, expected_version, changes):
        services.milestone_update(milestone=record, actor=self.request.user, expected_version=expected_version, **changes)


@extend_schema_view(post=extend_schema(request=ProjectIssueCreateSerializer, responses={201: ProjectIssueSerializer}))
class ProjectIssueListView(ProjectScopedMixin, generics.ListCreateAPIView):
    queryset = ProjectIssue.objects.none()
    filterset_class = ProjectIssueFilterSet
    ordering_fields = ["raised_on", "due_on", "updated_at"]
    ordering = ["-raised_on", "-id"]

    def get_serializer_class(self):
        return ProjectIssueCreateSerializer if self.request.method == "POST" else ProjectIssueSerializer

    def get_queryset(self):
        return self.get_project().issues.all()

    def perform_create(self, serializer):
        serializer.instance = services.issue_raise(
            project=self.get_project(), actor=self.request.user, **serializer.validated_data
        )


class ProjectIssueDetailView(ProjectScopedMixin, VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    queryset = ProjectIssue.objects.none()
    serializer_class = ProjectIssueSerializer

    def get_queryset(self):
        return self.get_project().issues.all()

    def apply(self, record, *, expected_version, changes):
        services.issue_update(issue=record, actor=self.request.user, expected_version=expected_version, **changes)


class FindingListView(WithAttachments, ProjectScopedMixin, generics.ListCreateAPIView):
    queryset = Finding.objects.none()
    serializer_class = FindingSerializer
    filterset_class = FindingFilterSet
    ordering_fields = ["response_due_on", "written_at"]
    ordering = ["response_due_on", "id"]

    def may_write(self, project):
        return may_write_findings(self.request.user)

    def get_queryset(self):
        return self.get_project().findings.select_related("written_by", "answered_by")

    def perform_create(self, serializer):
        serializer.instance = services.finding_write(
            project=self.get_project(), actor=self.request.user, **serializer.validated_data
        )


class FindingDetailView(WithAttachments, ProjectScopedMixin, generics.RetrieveAPIView):
    queryset = Finding.objects.none()
    serializer_class = FindingSerializer

    def get_queryset(self):
        return self.get_project().findings.select_related("written_by", "answered_by")


@extend_schema(request=FindingAnswerSerializer, responses={200: FindingSerializer})
class FindingAnswerView(ProjectActionView):
    """The owning division answers a finding."""

    queryset = Finding.objects.none()
    serializer_class = FindingAnswerSerializer
    output_serializer_class = FindingSerializer

    def get_queryset(self):
        return self.get_project().findings.select_related("written_by")

    def act(self, record, data):
        return services.finding_answer(finding=record, actor=self.request.user, **data)


@extend_schema(request=FindingCloseSerializer, responses={200: FindingSerializer})
class FindingCloseView(ProjectActionView):
    """PMO closes a finding."""

    queryset = Finding.objects.none()
    serializer_class = FindingCloseSerializer
    output_serializer_class = FindingSerializer

    def may_write(self, project):
        return may_write_findings(self.request.user)

    def get_queryset(self):
        return self.get_project().findings.select_related("written_by", "answered_by")

    def act(self, record, data):
        return services.finding_close(finding=record, actor=self.request.user, **data)


class GateReviewListView(generics.ListAPIView):
    """Every gate review of the projects the caller may see, newest first."""

    required_scopes = ProjectScopedMixin.required_scopes
    serializer_class = GateReviewSerializer
    filterset_class = GateReviewFilterSet

    def get_queryset(self):
        return selectors.gate_reviews().filter(project__in=Project.objects.visible_to(self.request.user))


class ProjectGateReviewListView(ProjectScopedMixin, generics.ListAPIView):
    """The gate history of one project, newest first."""

    queryset = GateReview.objects.none()
    serializer_class = GateReviewSerializer
    filterset_class = GateReviewFilterSet

    def get_queryset(self):
        return selectors.gate_reviews().filter(project=self.get_project())


class PlanTreeView(generics.GenericAPIView):
    """The strategy plans' trees: pillars, their measures, and the indicators and projects (those the caller may
    see) placed under each. Not paged: the plans are few and small."""

    required_scopes = ProjectScopedMixin.required_scopes
    serializer_class = PlanSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(operation_id="list_plans", responses={200: PlanSerializer(many=True)})
    def get(self, request):
        return Response(self.get_serializer(selectors.plan_tree(user=request.user), many=True).data)
