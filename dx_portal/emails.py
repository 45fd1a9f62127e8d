"""Every e-mail the portal sends: one function per kind, each building the message from three templates,
``emails/<kind>_subject.txt``, ``emails/<kind>.txt`` and ``emails/<kind>.html``. The caller sends it
(the reminder sweep sends many over one connection).

Messages are Japanese first, with an English part below (the portal's second language).
They are always rendered with Japanese active, whatever language the request or command runs in.

The kinds a sweep sends by the thousand (reminders, chasers) go through ``Letters``: their templates take plain,
already formatted values, are rendered once per sweep and variant, and each message is filled in from that.
"""

import datetime
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from .formatting import wareki

# RFC 3834: out-of-office responders do not answer automatic messages.
HEADERS = {"Auto-Submitted": "auto-generated"}
# A value's place in a template rendered once (Letters): word characters only, so that it passes unchanged through
# autoescaping and through {% url %} (a project code's place in a path).
_MARK = "__dx_{}__"
_MARKS = re.compile(r"__dx_(\w+?)__")


def _absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _project_url(project) -> str:
    return _absolute_url(reverse("projects:project-detail", args=[project.code]))


def _render(kind: str, context: dict) -> tuple[str, str, str]:
    with translation.override("ja"):
        return tuple(render_to_string(f"emails/{kind}{part}", context) for part in ("_subject.txt", ".txt", ".html"))


def _message(subject: str, text: str, html: str, to: list[str]) -> EmailMultiAlternatives:
    # A subject is one line whatever the template (and a project name) contains.
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=to, headers=HEADERS)
    message.attach_alternative(html, "text/html")
    return message


def _build(kind: str, context: dict, to: list[str]) -> EmailMultiAlternatives:
    return _message(*_render(kind, context), to)


class Letters:
    """Builds many e-mails of a kind, rendering its templates once for each set of ``flags`` (the values its
    {% if %}s test) with a mark in place of each of ``values`` (plain text, already formatted); each message then
    puts its values in, escaped in the HTML part as autoescaping would. What a recipient gets is what rendering
    the templates for that message gives. A sweep keeps one for all it sends."""

    def __init__(self):
        self._rendered: dict[tuple, tuple[str, str, str]] = {}

    def build(self, kind: str, *, flags: dict, values: dict[str, str], to: list[str]) -> EmailMultiAlternatives:
        key = (kind, *sorted(flags.items()), *sorted(values))
        if key not in self._rendered:
            self._rendered[key] = _render(kind, {**flags, **{name: _MARK.format(name) for name in values}})
        subject, text, html = self._rendered[key]
        escaped = {name: escape(value) for name, value in values.items()}
        return _message(_fill(subject, values), _fill(text, values), _fill(html, escaped), to)


def _fill(rendered: str, values: dict[str, str]) -> str:
    # One pass: a value that happens to contain a mark is not filled in again.
    return _MARKS.sub(lambda mark: values[mark.group(1)], rendered)


def _ymd(day: datetime.date | None) -> str:
    """As the template filter date:"Y-m-d" prints it."""
    return day.isoformat() if day else ""


def report_reminder(
    *, project, level: str, to: list[str], today: datetime.date | None = None, letters: Letters | None = None
) -> EmailMultiAlternatives:
    """A project's status report is due or overdue (to its division) or escalated (to PMO).

    ``level`` is a ``projects.models.Reminder.Level`` value. The next step's date is named only while it
    is still ahead of ``today`` (a sweep can send late, after a long holiday).
    """
    today = today or timezone.localdate()
    division = project.division
    with translation.override("ja"):
        values = {
            "code": project.code, "name": project.name, "name_en": project.name_en or project.name,
            "division": division.name, "division_en": division.name_en or division.name,
            "due_on": wareki(project.report_due_on), "overdue_on": wareki(project.report_overdue_on),
            "escalate_on": wareki(project.report_escalate_on), "last_reported_on": wareki(project.last_reported_on),
            "due_date": _ymd(project.report_due_on), "overdue_date": _ymd(project.report_overdue_on),
            "escalate_date": _ymd(project.report_escalate_on),
        }
    flags = {
        "level": level,
        "overdue_ahead": project.report_overdue_on > today,
        "escalate_ahead": project.report_escalate_on > today,
        "reported": bool(values["last_reported_on"]),
        "base_url": _absolute_url(""),
    }
    return (letters or Letters()).build("report_reminder", flags=flags, values=values, to=to)


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


def inquiry_chaser(
    *, inquiry, municipality, kind: str, to: list[str], workbook: bytes | None = None, letters: Letters | None = None
) -> EmailMultiAlternatives:
    """A municipality has not answered an inquiry (照会): the deadline is near (``kind`` "before") or has passed
    ("after"). The municipality's own answer workbook goes with it, to fill in and return."""
    with translation.override("ja"):
        values = {
            "municipality": municipality.name, "title": inquiry.title, "deadline": wareki(inquiry.deadline),
            "sent_on": wareki(inquiry.sent_on), "deadline_date": _ymd(inquiry.deadline),
        }
    message = (letters or Letters()).build("inquiry_chaser", flags={"kind": kind}, values=values, to=to)
    if workbook is not None:
        message.attach(
            f"inquiry-{inquiry.pk}-{municipality.code}.xlsx", workbook,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return message
