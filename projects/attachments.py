"""Status reports and findings take attachments: seen by whoever sees their project, attached by its division
(and PMO, which writes the findings)."""

from dx_portal.attachments import register
from organisation.permissions import may_change_division_record, may_write_findings

from .models import Finding, Project, StatusReport


def _of_visible_projects(model):
    return lambda user: model.objects.filter(project__in=Project.objects.visible_to(user))


def _division_may_attach(user, record) -> bool:
    return may_change_division_record(user, division_id=record.project.division_id)


def register_attachments() -> None:
    register(StatusReport, visible=_of_visible_projects(StatusReport), may_attach=_division_may_attach)
    register(Finding, visible=_of_visible_projects(Finding),
             may_attach=lambda user, record: may_write_findings(user) or _division_may_attach(user, record))
