"""Which governance records take attachments, who sees them (the records' own visibility) and who attaches."""

from dx_portal.attachments import register
from organisation.permissions import may_record_council, may_record_governance

from .models import AgendaItem, CommitteeMeeting, CouncilMeeting, Decision


def register_attachments() -> None:
    register(CommitteeMeeting, visible=CommitteeMeeting.objects.visible_to,
             may_attach=lambda user, _record: may_record_governance(user))
    register(AgendaItem, visible=lambda user: AgendaItem.objects.filter(meeting__in=CommitteeMeeting.objects.visible_to(user)),
             may_attach=lambda user, _record: may_record_governance(user))
    register(Decision, visible=Decision.objects.visible_to, may_attach=lambda user, _record: may_record_governance(user))
    register(CouncilMeeting, visible=CouncilMeeting.objects.visible_to,
             may_attach=lambda user, _record: may_record_council(user))
