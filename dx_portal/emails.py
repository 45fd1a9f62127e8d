"""Every e-mail the portal sends: one function per kind, each building the message from three templates,
``emails/<kind>_subject.txt``, ``emails/<kind>.txt`` and ``emails/<kind>.html``. The caller sends it
(the reminder sweep sends many over one connection).

Messages are Japanese first, with an English part below (the portal's second language).
They are always rendered with Japanese active, whatever language the request or command runs in.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

# RFC 3834: out-of-office responders do not answer automatic messages.
HEADERS = {"Auto-Submitted": "auto-generated"}


def _absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _project_url(project) -> str:
    return _absolute_url(reverse("projects:project-detail", args=[project.code]))


def _build(kind: str, context: dict, to: list[str]) -> EmailMultiAlternatives:
    with translation.override("ja"):
        # A subject is one line whatever the template (and a project name) contains.
        subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
        text = render_to_string(f"emails/{kind}.txt", context)
        html = render_to_string(f"emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, to=to, headers=HEADERS)
    message.attach_alternative(html, "text/html")
    return message


def report_reminder(*, project, level: str, to: list[str], today: datetime.date | None = None) -> EmailMultiAlternatives:
    """A project's status report is due or overdue (to its division) or escalated (to PMO).

    ``level`` is a ``projects.models.Reminder.Level`` value. The next step's date is named only while it
    is still ahead of ``today`` (a sweep can send late, after a long holiday).
    """
    today = today or timezone.localdate()
    return _build(
        "report_reminder",
        {
            "project": project,
            "level": level,
            "overdue_ahead": project.report_overdue_on > today,
            "escalate_ahead": project.report_escalate_on > today,
            "report_url": _absolute_url(reverse("projects:report-create", args=[project.code])),
            "project_url": _project_url(project),
        },
        to,
    )


def pmo_digest(
    *, day: datetime.date, projects, findings, action_items, to: list[str], unreachable=()
) -> EmailMultiAlternatives:
    """PMO's daily digest: overdue projects, findings awaiting an answer past due, action items past due, and
    projects whose reminder reached nobody (連絡先なし: no member's address and no division mailbox)."""
    return _build(
        "pmo_digest",
        {
            "day": day,
            "projects": [(project, project.report_state(day), _project_url(project)) for project in projects],
            "findings": [(finding, _project_url(finding.project)) for finding in findings],
            "action_items": action_items,
            "unreachable": [(project, _project_url(project)) for project in unreachable],
            "portal_url": _absolute_url(reverse("home")),
        },
        to,
    )


def notification(*, kind_ja: str, message_ja: str, kind_en: str, message_en: str, path: str, to: list[str]):
    """The e-mail copy of a notice in the person's inbox (they chose e-mail for its kind)."""
    return _build(
        "notification",
        {
            "kind_ja": kind_ja, "message_ja": message_ja, "kind_en": kind_en, "message_en": message_en,
            "url": _absolute_url(path), "inbox_url": _absolute_url(reverse("workbench:notification-list")),
            "settings_url": _absolute_url(reverse("workbench:notification-settings")),
        },
        to,
    )


def handover_notice(*, transfer, sections, to: list[str]) -> EmailMultiAlternatives:
    """A person left the division (人事異動): its manager is asked to hand over what they owned.

    ``sections`` are organisation.handover Sections with items (each with a title, a context and a URL).
    """
    return _build(
        "handover_notice",
        {
            "transfer": transfer,
            "sections": sections,
            "handover_url": _absolute_url(reverse("handover-detail", args=[transfer.pk])),
        },
        to,
    )


def inquiry_chaser(*, inquiry, municipality, kind: str, to: list[str], workbook: bytes | None = None) -> EmailMultiAlternatives:
    """A municipality has not answered an inquiry (照会): the deadline is near (``kind`` "before") or has passed
    ("after"). The municipality's own answer workbook goes with it, to fill in and return."""
    message = _build("inquiry_chaser", {"inquiry": inquiry, "municipality": municipality, "kind": kind}, to)
    if workbook is not None:
        message.attach(
            f"inquiry-{inquiry.pk}-{municipality.code}.xlsx", workbook,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return message
