"""What a person owns in the projects app, for the hand-over after a transfer (organisation.handover):
the open issues and risks whose 担当 names them. Findings are answered by the division and have no
person to hand over from, so they stay with it."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dx_portal.formatting import person_name
from organisation.handover import Item

from . import services
from .models import ProjectIssue


def _owner_names(user) -> list[str]:
    # The 担当 column is free text: a person is written by name, sometimes by username.
    return [person_name(user), user.get_username()]


class IssueProvider:
    name = "issue"
    label = gettext_lazy("課題・リスク")

    def _open(self, user, division):
        return ProjectIssue.objects.filter(
            project__division=division, status__in=ProjectIssue.OPEN_STATUSES, owner__in=_owner_names(user)
        )

    def items(self, *, user, division) -> list[Item]:
        issues = self._open(user, division).select_related("project").order_by("project__code", "pk")
        return [
            Item(
                pk=issue.pk, version=issue.version, title=f"{issue.get_kind_display()}: {issue.title}",
                context=f"{issue.project.code} {issue.project.name}",
                url=reverse("projects:issue-update", args=[issue.project.code, issue.pk]),
            )
            for issue in issues
        ]

    def reassign(self, *, pk: int, version: int, actor, leaver, successor, division) -> None:
        issue = self._open(leaver, division).select_related("project").filter(pk=pk).first()
        if issue is None:
            raise ValidationError(_("この課題・リスクは、既に引き継がれたか解決されています。"))
        services.issue_update(issue=issue, actor=actor, expected_version=version, owner=person_name(successor))
