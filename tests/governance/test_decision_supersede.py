"""decision_supersede: a change of mind is a new decision that supersedes the old one, which stays."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Decision
from governance.services import decision_supersede
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory

pytestmark = pytest.mark.django_db

NEW = dict(title="電子決裁率100%に向けた取組", decision_text="電子決裁率100%を目指す。")


def test_it_records_the_new_decision_and_marks_the_old_one_superseded(petra):
    old = DecisionFactory(meeting=CommitteeMeetingFactory(number=1, held_on=datetime.date(2021, 6, 22)))
    later = CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13))
    new = decision_supersede(decision=old, meeting=later, actor=petra, **NEW)
    old.refresh_from_db()
    assert new.supersedes == old
    assert list(old.superseded_by.all()) == [new]
    assert (old.status, old.version) == (Decision.Status.SUPERSEDED, 2)
    assert old.history.first().history_user == petra
    assert Decision.objects.count() == 2


def test_a_decision_is_superseded_only_once(petra):
    old = DecisionFactory()
    decision_supersede(decision=old, meeting=old.meeting, actor=petra, **NEW)
    with pytest.raises(ValidationError) as error:
        decision_supersede(decision=old, meeting=old.meeting, actor=petra, **NEW)
    assert "supersedes" in error.value.message_dict
    assert Decision.objects.count() == 2


def test_an_earlier_meeting_cannot_supersede_a_later_decision(petra):
    old = DecisionFactory(meeting=CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13)))
    earlier = CommitteeMeetingFactory(number=1, held_on=datetime.date(2021, 6, 22))
    with pytest.raises(ValidationError) as error:
        decision_supersede(decision=old, meeting=earlier, actor=petra, **NEW)
    assert "supersedes" in error.value.message_dict
    old.refresh_from_db()
    assert old.status == Decision.Status.AGREED
