"""Meeting packs (会議資料): the papers a committee or council meeting receives, built from live data.

A pack is built once as plain values (``committee_pack``, ``council_pack``: text, numbers, dates), then
rendered from those values as the print page, the PDF and the workbook. Issuing one (services.pack_issue)
keeps the values as JSON beside the rendered files, so an issued paper never changes while the records go on.
The pack shows what the person building it may see (the projects through ``visible_to``).
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from dx_portal import pdf
from dx_portal.exports import YEN_FORMAT, Table, XlsxBook
from dx_portal.formatting import person_name
from kpis.handout import handout_table_export, kpi_handout
from kpis.models import PlanItem
from projects.models import Finding, Project, ProjectIssue, Severity
from projects.portfolio.selectors import HEALTH_LABELS, portfolio_summary
from projects.selectors import OPEN_FINDING_STATUSES, in_pillar, portfolio_exceptions, project_list

from .models import ActionItem, CommitteeMeeting, CouncilMeeting

STYLESHEETS = ["css/print.css"]
HIGH_SEVERITIES = (Severity.HIGH, Severity.CRITICAL)


def _health(value: str) -> str:
    return str(HEALTH_LABELS.get(value or "unreported", ""))


def _agenda_projects(meeting: CommitteeMeeting, user, pillar: PlanItem | None) -> list[Project]:
    """The projects the meeting's decisions concern (those of ``pillar`` when given), in the order of the decisions,
    with their open high issues and open findings: three queries, however many."""
    decisions = meeting.decisions.order_by("sequence").prefetch_related("related_projects")
    order = list(dict.fromkeys(project.pk for decision in decisions for project in decision.related_projects.all()))
    projects = project_list(user=user).filter(pk__in=order)
    if pillar is not None:
        projects = in_pillar(projects, pillar)
    projects = projects.prefetch_related(
        Prefetch(
            "issues",
            queryset=ProjectIssue.objects.filter(status__in=ProjectIssue.OPEN_STATUSES, severity__in=HIGH_SEVERITIES)
            .order_by("due_on", "pk"),
            to_attr="high_issues",
        ),
        Prefetch(
            "findings",
            queryset=Finding.objects.filter(status__in=OPEN_FINDING_STATUSES).order_by("response_due_on", "pk"),
            to_attr="open_findings_list",
        ),
    )
    return sorted(projects, key=lambda project: order.index(project.pk))


def _project(project: Project) -> dict:
    report = project.latest_report
    return {
        "code": project.code,
        "name": project.name,
        "division": project.division.name,
        "phase": project.get_phase_display(),
        "health": _health(project.health),
        "self_health": _health(report.health) if report else "",
        "pmo_health": _health(project.pmo_health) if project.pmo_health else "",
        "unreviewed": project.health_unreviewed,
        "budget_yen": project.budget_yen,
        "actual_cost_yen": project.actual_cost_yen,
        "report": report and {
            "as_of": report.as_of,
            "planned_progress": report.planned_progress,
            "actual_progress": report.actual_progress,
            "summary": report.summary,
            "next_steps": report.next_steps,
            "pmo_comment": report.pmo_comment,
        },
        "issues": [
            {"kind": issue.get_kind_display(), "title": issue.title, "severity": issue.get_severity_display(),
             "status": issue.get_status_display(), "due_on": issue.due_on}
            for issue in project.high_issues
        ],
        "findings": [
            {"title": finding.title, "category": finding.get_category_display(),
             "severity": finding.get_severity_display(), "status": finding.get_status_display(),
             "response_due_on": finding.response_due_on}
            for finding in project.open_findings_list
        ],
    }


def _action_items(meeting: CommitteeMeeting) -> list[dict]:
    """Action items due since the last meeting, and those due earlier and still not done."""
    previous = (
        CommitteeMeeting.objects.filter(held_on__lt=meeting.held_on).order_by("-held_on").values_list("held_on", flat=True)
    ).first()
    due = Q(due_on__lte=meeting.held_on) & (~Q(status=ActionItem.Status.DONE) | Q(due_on__gt=previous or datetime.date.min))
    items = ActionItem.objects.filter(due).select_related("decision", "owner_division").order_by("due_on", "pk")
    return [
        {"decision": item.decision.reference, "title": item.title, "owner": item.owner_division.name,
         "due_on": item.due_on, "status": item.get_status_display(), "completed_on": item.completed_on,
         "overdue": item.is_overdue(meeting.held_on)}
        for item in items
    ]


def _pillar(pillar: PlanItem | None) -> dict:
    """A pack limited to one pillar says which on its cover; the whole pack (what is issued) has no such key."""
    return {"pillar": f"{pillar.plan.name} {pillar.label}"} if pillar else {}


def committee_pack(meeting: CommitteeMeeting, *, user, today: datetime.date, pillar: PlanItem | None = None) -> dict:
    """The steering committee's pack for ``meeting`` (from ``committee_meetings_with_agenda``) as ``user`` sees it;
    given a ``pillar``, its portfolio, exceptions, projects and KPI tables are those of the pillar."""
    projects = Project.objects.visible_to(user)
    summary = portfolio_summary(in_pillar(projects, pillar) if pillar else projects, today=today)
    return {
        **_pillar(pillar),
        "kind": "committee",
        "body": _("ステアリング・コミッティ"),
        "number": meeting.number,
        "title": meeting.title,
        "held_on": meeting.held_on,
        "as_of": today,
        "attendees": [person_name(person) for person in meeting.attendees.all()],
        "agenda": [
            {"order": item.order, "title": item.title, "kind": item.get_kind_display(),
             "presenter": item.presenter.name if item.presenter else ""}
            for item in meeting.agenda_items.all()
        ],
        "summary": {
            "total": summary.total,
            "health": [[_health(key), count] for key, count in summary.by_health.items()],
            "stale": summary.stale,
            "budget_yen": summary.budget_yen,
            "actual_cost_yen": summary.actual_cost_yen,
        },
        "exceptions": [
            {"code": row.project.code, "name": row.project.name, "division": row.project.division.name,
             "budget_yen": row.project.budget_yen, "health": _health(row.project.health),
             "reasons": [str(reason.label) for reason in row.reasons]}
            for row in portfolio_exceptions(user, today, pillar=pillar)
        ],
        "projects": [_project(project) for project in _agenda_projects(meeting, user, pillar)],
        "decisions": [
            {"reference": decision.reference, "title": decision.title, "kind": decision.get_kind_display(),
             "status": decision.get_status_display(), "context": decision.context,
             "options": [line for line in decision.options.splitlines() if line.strip()],
             "decision_text": decision.decision_text}
            for decision in meeting.decisions.all()
        ],
        "action_items": _action_items(meeting),
        "kpi_tables": kpi_handout(user=user, pillar=pillar),
    }


def council_pack(meeting: CouncilMeeting, *, user, today: datetime.date, pillar: PlanItem | None = None) -> dict:
    """The council's pack for ``meeting`` (from ``council_meetings_with_attendees``): its agenda and follow-ups,
    and the KPI tables (those of ``pillar`` when given)."""
    lines = lambda text: [line for line in text.splitlines() if line.strip()]  # noqa: E731
    return {
        **_pillar(pillar),
        "kind": "council",
        "body": meeting.get_kind_display(),
        "number": meeting.number,
        "title": meeting.title,
        "held_on": meeting.held_on,
        "as_of": today,
        "attendees": [municipality.name for municipality in meeting.attendees.all()],
        "agenda": [{"order": order, "title": title, "kind": "", "presenter": ""}
                   for order, title in enumerate(lines(meeting.agenda), start=1)],
        "follow_ups": lines(meeting.follow_ups),
        "kpi_tables": kpi_handout(user=user, pillar=pillar),
    }


# --- rendering ---------------------------------------------------------------------------------------------


def pack_json(data: dict) -> str:
    """The pack's values as JSON (dates ISO 8601, decimals as strings), keys sorted: the same pack, the same text."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def sha256(content: bytes | str) -> str:
    return hashlib.sha256(content.encode() if isinstance(content, str) else content).hexdigest()


def render_html(
    data: dict, *, draft: bool, for_pdf: bool = False, links: dict | None = None, request=None, pillar_field=None
) -> str:
    """The print page: its own document, no navigation; a draft carries the 案 watermark. The PDF's copy links no
    stylesheet (WeasyPrint is handed it from disk) and no downloads; ``request`` is for the page's issue form,
    ``pillar_field`` the page's pillar chooser (a bound form field)."""
    context = {"pack": data, "draft": draft, "for_pdf": for_pdf, "links": links or {}, "pillar_field": pillar_field}
    return render_to_string("governance/pack.html", context, request=request)


def render_pdf(data: dict, *, draft: bool) -> bytes:
    """Raises dx_portal.pdf.PdfUnavailable when WeasyPrint or Pango is missing."""
    return pdf.render(render_html(data, draft=draft, for_pdf=True), stylesheets=STYLESHEETS)


def _meeting_title(data: dict) -> str:
    return _("第%(number)s回 %(title)s") % {"number": data["number"], "title": data["title"]}


def render_xlsx(data: dict) -> bytes:
    """One sheet per section of the pack; numbers stay numbers and dates are date cells shown in 和暦."""
    book = XlsxBook()
    book.add_pairs(_("表紙"), [
        (_("会議"), data["body"]),
        (_("会議名"), _meeting_title(data)),
        (_("開催日"), data["held_on"]),
        (_("出席者"), "、".join(data["attendees"])),
        (_("データの時点"), data["as_of"]),
    ], widths=(16, 60))
    book.add_table(Table(
        title=_("議題"), header=[_("順"), _("議題"), _("区分"), _("説明所属")],
        rows=[[item["order"], item["title"], item["kind"], item["presenter"]] for item in data["agenda"]],
        widths=[6, 50, 10, 24],
    ))
    if data["kind"] == "committee":
        _committee_sheets(book, data)
    else:
        book.add_table(Table(
            title=_("フォローアップ事項"), header=[_("フォローアップ事項")], rows=[[line] for line in data["follow_ups"]],
            widths=[80],
        ))
    book.add_table(handout_table_export(data["kpi_tables"]))
    return book.getvalue()


def _committee_sheets(book: XlsxBook, data: dict) -> None:
    summary = data["summary"]
    book.add_table(Table(
        title=_("ポートフォリオ"), header=[_("項目"), _("件数・金額")],
        rows=[
            [_("案件数"), summary["total"]],
            *([label, count] for label, count in summary["health"]),
            [_("報告遅延"), summary["stale"]],
            [_("予算額（円）"), summary["budget_yen"]],
            [_("執行額（円）"), summary["actual_cost_yen"]],
        ],
        widths=[20, 18], number_formats=[None, YEN_FORMAT],
    ))
    book.add_table(Table(
        title=_("要注意案件"), header=[_("案件コード"), _("案件名"), _("所管所属"), _("予算額（円）"), _("健全度"), _("理由")],
        rows=[[row["code"], row["name"], row["division"], row["budget_yen"], row["health"], "、".join(row["reasons"])]
              for row in data["exceptions"]],
        widths=[18, 40, 24, 16, 8, 30], number_formats=[None, None, None, YEN_FORMAT],
    ))
    book.add_table(Table(
        title=_("議題の案件"),
        header=[_("案件コード"), _("案件名"), _("所管所属"), _("フェーズ"), _("健全度"), _("自己評価"), _("PMO評価"),
                _("基準日"), _("計画進捗率（%）"), _("実績進捗率（%）"), _("概況"), _("今後の予定")],
        rows=[[p["code"], p["name"], p["division"], p["phase"], p["health"], p["self_health"], p["pmo_health"],
               *((r["as_of"], r["planned_progress"], r["actual_progress"], r["summary"], r["next_steps"])
                 if (r := p["report"]) else (None, None, None, "", ""))]
              for p in data["projects"]],
        widths=[18, 36, 24, 12, 8, 8, 8, 16, 10, 10, 50, 40],
    ))
    book.add_table(Table(
        title=_("課題と助言・指摘"), header=[_("案件コード"), _("種別"), _("件名"), _("重要度"), _("状態"), _("期限")],
        rows=[
            *([p["code"], issue["kind"], issue["title"], issue["severity"], issue["status"], issue["due_on"]]
              for p in data["projects"] for issue in p["issues"]),
            *([p["code"], _("助言・指摘"), finding["title"], finding["severity"], finding["status"], finding["response_due_on"]]
              for p in data["projects"] for finding in p["findings"]),
        ],
        widths=[18, 12, 50, 8, 10, 16],
    ))
    book.add_table(Table(
        title=_("合意事項"), header=[_("番号"), _("件名"), _("区分"), _("状態"), _("背景・課題"), _("選択肢"), _("決定内容")],
        rows=[[d["reference"], d["title"], d["kind"], d["status"], d["context"], "\n".join(d["options"]), d["decision_text"]]
              for d in data["decisions"]],
        widths=[8, 36, 8, 10, 40, 40, 50],
    ))
    book.add_table(Table(
        title=_("対応事項"), header=[_("合意事項"), _("対応事項"), _("担当所属"), _("期限"), _("状態"), _("完了日")],
        rows=[[i["decision"], i["title"], i["owner"], i["due_on"], i["status"], i["completed_on"]] for i in data["action_items"]],
        widths=[8, 40, 24, 16, 10, 16],
    ))
