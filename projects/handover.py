"""What a person owns in the projects app, for the hand-over after a transfer (organisation.handover):
the open issues and risks whose 担当 names them, and the division's projects they watch. Findings are
answered by the division and have no person to hand over from, so they stay with it."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dx_portal.formatting import person_name
from organisation.handover import Item

from . import services
from .models import ProjectIssue, ProjectWatch


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


class WatchProvider:
    """The division's projects the leaver watched: their successor is told of health changes instead."""

    name = "watch"
    label = gettext_lazy("ウォッチ中の案件")

    def _watches(self, user, division):
        return ProjectWatch.objects.filter(user=user, project__division=division)

    def items(self, *, user, division) -> list[Item]:
        watches = self._watches(user, division).select_related("project").order_by("project__code")
        return [
            Item(
                pk=watch.pk, version=0, title=f"{watch.project.code} {watch.project.name}", context=_("健全度の変化の通知"),
                url=reverse("projects:project-detail", args=[watch.project.code]),
            )
            for watch in watches
        ]

    def reassign(self, *, pk: int, version: int, actor, leaver, successor, division) -> None:
        watch = self._watches(leaver, division).select_related("project").filter(pk=pk).first()
        if watch is None:
            raise ValidationError(_("このウォッチは、既に引き継がれたか解除されています。"))
        services.project_watch_hand_over(watch=watch, successor=successor)
