"""What waits for a person, by role: the sections of /my/ and the counts in the header.

Every rule comes from the app that owns it (projects.selectors, governance.selectors): this module only
chooses the sections for a person's roles and says how a row of each shows (its link, and since when it
waits). The counts of all sections and the unread notices are one query.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Func, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dx_portal.formatting import person_name, wareki
from governance import selectors as governance
from organisation.models import Notification
from organisation.roles import Roles, roles_of
from projects import selectors as projects
from projects.caching import PROJECT_DATA
from projects.models import ReportState

# How many rows of a section /my/ shows; the heading says how many there are in all.
SECTION_ROWS = 20
UNREAD = "unread"


@dataclass(frozen=True)
class Row:
    """One thing waiting: what it is, where it is done, since when it waits, and its deadline if any."""

    title: str
    url: str
    project: str
    since: datetime.date | None
    due: datetime.date | None = None
    note: str = ""
    late: bool = False

    def waited(self, today: datetime.date) -> int | None:
        return (today - self.since).days if self.since else None


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _project_url(project, anchor: str = "") -> str:
    return reverse("projects:project-detail", args=[project.code]) + anchor


def _report_due(project, today) -> Row:
    state = project.report_state(today)
    return Row(
        title=_("進捗報告の提出"), url=reverse("projects:report-create", args=[project.code]), project=str(project),
        since=project.report_due_on, due=project.report_due_on, note=state.label, late=state != ReportState.DUE,
    )


def _finding_to_answer(finding, today) -> Row:
    return Row(
        title=finding.title, url=reverse("projects:finding-answer", args=[finding.project.code, finding.pk]),
        project=str(finding.project), since=_day(finding.written_at), due=finding.response_due_on,
        late=finding.response_due_on < today,
    )


def _action_item(item, today) -> Row:
    return Row(
        title=item.title, url=reverse("governance:action-item-detail", args=[item.pk]),
        project=item.owner_division.name, since=item.decision.meeting.held_on, due=item.due_on,
        note=item.get_status_display(),
        late=item.is_overdue(today),
    )


def _action_item_past_due(item, today) -> Row:
    return Row(
        title=item.title, url=reverse("governance:action-item-detail", args=[item.pk]),
        project=item.owner_division.name, since=item.due_on, due=item.due_on, note=item.get_status_display(), late=True,
    )


def _report(report, url_name: str, since, note: str = "") -> Row:
    return Row(
        title=_("基準日 %(as_of)s の進捗報告") % {"as_of": wareki(report.as_of)},
        url=reverse(f"projects:{url_name}", args=[report.project.code, report.pk]),
        project=str(report.project), since=_day(since), note=note,
    )


def _report_returned(report, today) -> Row:
    return _report(report, "report-amend", report.updated_at, note=report.approval_comment)


def _report_awaiting_approval(report, today) -> Row:
    return _report(report, "report-approval", report.submitted_at, note=person_name(report.submitted_by))


def _report_awaiting_review(report, today) -> Row:
    return _report(report, "report-review", report.submitted_at, note=report.get_health_display())


def _finding_awaiting_closure(finding, today) -> Row:
    return Row(
        title=finding.title, url=_project_url(finding.project, "#findings"), project=str(finding.project),
        since=_day(finding.answered_at),
    )


def _escalated(project, today) -> Row:
    return Row(
        title=_("進捗報告の未提出（エスカレーション）"), url=_project_url(project), project=str(project),
        since=project.report_escalate_on, due=project.report_due_on, note=project.division.name, late=True,
    )


def _unreachable(project, today) -> Row:
    return Row(
        title=_("督促の送信先がありません（連絡先なし）"), url=_project_url(project), project=str(project),
        since=project.report_due_on, due=project.report_due_on, note=project.division.name, late=True,
    )


def _exception(project, today) -> Row:
    reasons = "、".join(str(reason.label) for reason in projects.exception_reasons(project))
    return Row(
        title=project.name, url=_project_url(project), project=project.code, since=project.last_reported_on,
        note=reasons, late=True,
    )


@dataclass(frozen=True)
class Section:
    """One kind of waiting work: for whom, its rows (a queryset from the owning app), and how a row shows."""

    key: str
    title: str
    empty: str
    applies: Callable[[Roles], bool]
    rows: Callable[..., QuerySet]
    row: Callable
    since_label: str = gettext_lazy("待ち始め")
    more_url: str = ""
    # Its rows read only what PROJECT_DATA covers, and whom they are for depends only on the roles: its count is
    # kept under that version (the header shows it on every page; the CIO's exceptions scan the whole portfolio).
    count_cached: bool = False


SECTIONS = [
    # Division staff (and managers, who do as staff).
    Section(
        "reports_due", gettext_lazy("提出する進捗報告（期限到来・遅延）"), gettext_lazy("期限が来た進捗報告はありません。"),
        lambda r: bool(r.division_ids), lambda user, today: projects.reports_due(user=user, today=today), _report_due,
        since_label=gettext_lazy("報告期限"), more_url="projects:my-project-list",
    ),
    Section(
        "findings_to_answer", gettext_lazy("回答する助言・指摘"), gettext_lazy("回答待ちの助言・指摘はありません。"),
        lambda r: bool(r.division_ids), lambda user, today: projects.findings_to_answer(user=user), _finding_to_answer,
        since_label=gettext_lazy("記載日"),
    ),
    Section(
        "reports_returned", gettext_lazy("差し戻された進捗報告"), gettext_lazy("差し戻された進捗報告はありません。"),
        lambda r: bool(r.division_ids), lambda user, today: projects.reports_returned(user=user), _report_returned,
        since_label=gettext_lazy("差戻し"),
    ),
    Section(
        "action_items_due", gettext_lazy("所属の対応事項"), gettext_lazy("所属の未完了の対応事項はありません。"),
        lambda r: bool(r.division_ids),
        lambda user, today: governance.action_items_open_for(division_ids=roles_of(user).division_ids), _action_item,
        since_label=gettext_lazy("決定した会議"), more_url="governance:action-item-list",
    ),
    # Division managers (所属長).
    Section(
        "reports_awaiting_approval", gettext_lazy("承認待ちの進捗報告"), gettext_lazy("承認待ちの進捗報告はありません。"),
        lambda r: bool(r.managed_division_ids), lambda user, today: projects.reports_awaiting_approval(user=user),
        _report_awaiting_approval, since_label=gettext_lazy("提出日"),
    ),
    # PMO.
    Section(
        "reports_awaiting_review", gettext_lazy("確認待ちの進捗報告（古い順）"), gettext_lazy("確認待ちの進捗報告はありません。"),
        lambda r: r.is_pmo, lambda user, today: projects.reports_awaiting_review(user=user), _report_awaiting_review,
        since_label=gettext_lazy("提出日"),
    ),
    Section(
        "findings_awaiting_closure", gettext_lazy("回答済みで完了待ちの助言・指摘"),
        gettext_lazy("完了待ちの助言・指摘はありません。"),
        lambda r: r.is_pmo, lambda user, today: projects.findings_awaiting_closure(user=user), _finding_awaiting_closure,
        since_label=gettext_lazy("回答日"),
    ),
    Section(
        "escalations", gettext_lazy("PMOへのエスカレーション"), gettext_lazy("エスカレーションされた案件はありません。"),
        lambda r: r.is_pmo, lambda user, today: projects.escalated_projects(user=user, today=today), _escalated,
        since_label=gettext_lazy("エスカレーション"),
    ),
    Section(
        "action_items_past_due", gettext_lazy("期限を過ぎた対応事項"), gettext_lazy("期限を過ぎた対応事項はありません。"),
        lambda r: r.is_pmo, lambda user, today: governance.action_items_past_due(today=today), _action_item_past_due,
        since_label=gettext_lazy("期限"), more_url="governance:action-item-list",
    ),
    Section(
        "unreachable", gettext_lazy("督促が届かない案件（連絡先なし）"), gettext_lazy("督促が届かない案件はありません。"),
        lambda r: r.is_pmo, lambda user, today: projects.unreachable_projects(user=user, today=today), _unreachable,
        since_label=gettext_lazy("報告期限"),
    ),
    # CIO/CDO.
    Section(
        "exceptions", gettext_lazy("注意が必要な案件"), gettext_lazy("注意が必要な案件はありません。"),
        lambda r: r.is_cio, lambda user, today: projects.exception_projects(user, today), _exception,
        since_label=gettext_lazy("最終報告基準日"), more_url="portfolio:index", count_cached=True,
    ),
]


def sections_for(user) -> list[Section]:
    roles = roles_of(user)
    return [section for section in SECTIONS if section.applies(roles)]


def _count(queryset: QuerySet) -> Coalesce:
    # COUNT as a plain function, not an aggregate: no GROUP BY, one number per subquery.
    rows = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(rows), Value(0))


def waiting_counts(user, today: datetime.date, *, known: dict[str, int] | None = None) -> dict[str, int]:
    """How many rows each of the person's sections has, and their unread notices: one query, and one more for
    each ``count_cached`` section whose count is neither ``known`` (counted by the page this request) nor in the
    cache."""
    known = known or {}
    sections = sections_for(user)
    counts = {
        section.key: _count(section.rows(user, today))
        for section in sections if not section.count_cached and section.key not in known
    }
    counts[UNREAD] = _count(Notification.objects.filter(recipient=user, read_at__isnull=True))
    found = get_user_model().objects.filter(pk=user.pk).values(**counts).get()
    roles = roles_of(user)
    for section in sections:
        if section.key in known:
            found[section.key] = known[section.key]
        elif section.count_cached:
            parts = (section.key, today, sorted(roles.groups), sorted(roles.division_ids), user.pk)
            # The rows are built only on a miss: building the exceptions' query cost a page 1.3 ms.
            found[section.key] = PROJECT_DATA.cached(
                "workbench-count", parts, lambda section=section: section.rows(user, today).count()
            )
    return found


@dataclass(frozen=True)
class Listing:
    section: Section
    count: int
    rows: list[Row]


def my_work(user, today: datetime.date, counts: dict[str, int]) -> list[Listing]:
    """The person's sections with their first rows: one query per section that has any."""
    listings = []
    for section in sections_for(user):
        count = counts.get(section.key, 0)
        rows = [section.row(item, today) for item in section.rows(user, today)[:SECTION_ROWS]] if count else []
        listings.append(Listing(section, count, rows))
    return listings
