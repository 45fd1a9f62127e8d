"""selectors.action_items_past_due: the reminder digest's list of action items past their due date."""

import datetime

import pytest

from governance.models import ActionItem
from governance.selectors import action_items_past_due
from tests.governance.factories import ActionItemFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 10, 4)


def test_it_lists_items_past_due_and_not_done_oldest_first():
    late = ActionItemFactory(due_on=datetime.date(2022, 9, 30), status=ActionItem.Status.IN_PROGRESS)
    later = ActionItemFactory(due_on=datetime.date(2022, 8, 31))
    ActionItemFactory(due_on=datetime.date(2022, 8, 31), done=True)
    ActionItemFactory(due_on=TODAY)
    assert list(action_items_past_due(today=TODAY)) == [later, late]


def test_it_reads_each_items_division_and_decision_in_one_query(django_assert_num_queries):
    ActionItemFactory.create_batch(3, due_on=datetime.date(2022, 9, 1))
    with django_assert_num_queries(1):
        items = action_items_past_due(today=TODAY)
        rows = [(i.owner_division.name, i.decision.reference, i.decision.meeting.number) for i in items]
    assert len(rows) == 3
