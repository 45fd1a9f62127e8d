"""dx_portal.history: one reader for every app's change history, in a fixed number of queries whatever the
number of changes, with people named family name first and related records by name."""

import datetime
from decimal import Decimal

import pytest

from dx_portal.history import record_history
from kpis.selectors import indicator_history
from kpis.services import observation_record, target_set
from projects.selectors import project_history
from projects.services import issue_raise, issue_update
from tests.governance.factories import ActionItemFactory
from tests.kpis.factories import IndicatorFactory
from tests.organisation.factories import DivisionFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN


def save_as(instance, user, **changes):
    """An edit as the admin of an old release made it: no service, a history row all the same."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.version += 1
    instance._history_user = user
    instance.save()


@pytest.mark.parametrize("size", [2, 12])
def test_an_action_items_history_is_one_query_however_often_its_division_changed(
    petra, division, django_assert_num_queries, size
):
    item = ActionItemFactory(owner_division=division)
    divisions = [DivisionFactory(bureau=division.bureau, name=f"課{n}") for n in range(size)]
    for other in divisions:
        save_as(item, petra, owner_division=other, due_on=item.due_on + datetime.timedelta(days=1))
    with django_assert_num_queries(1):
        entries = record_history(item)
    assert len(entries) == size + 1
    newest = entries[0]
    assert newest.action == "変更" and newest.who == f"{petra.last_name} {petra.first_name}"
    labels = {change.label: (change.before, change.after) for change in newest.changes}
    assert labels["担当所属"] == (divisions[-2].name if size > 1 else division.name, divisions[-1].name)


@pytest.mark.parametrize("size", [2, 12])
def test_a_projects_history_is_one_query_per_table(
    time_machine, alice, petra, division, django_assert_num_queries, size
):
    project = ProjectFactory(division=division)
    for n in range(size):
        time_machine.shift(datetime.timedelta(minutes=1))
        issue = issue_raise(project=project, actor=alice, title=f"課題{n}", owner="担当 横浜")
        issue_update(issue=issue, actor=petra, expected_version=1, owner="担当 鎌倉")
    # One per table: the project, its reports, issues, findings, milestones and gate reviews, and the attachments.
    with django_assert_num_queries(7):
        entries = project_history(project=project)
    assert len(entries) == 2 * size + 1
    assert (entries[0].record_type, entries[0].record, entries[0].who) == ("課題・リスク", f"課題{size - 1}",
                                                                          f"{petra.last_name} {petra.first_name}")
    assert [(c.label, c.before, c.after) for c in entries[0].changes] == [("担当", "担当 横浜", "担当 鎌倉")]


@pytest.mark.parametrize("size", [2, 12])
def test_an_indicators_history_is_one_query_per_table(alice, petra, division, django_assert_num_queries, size):
    indicator = IndicatorFactory(division=division, percentage=True)
    for n in range(size):
        observation_record(actor=alice, indicator=indicator, fiscal_year=2010 + n, value=Decimal("50.5"),
                           as_of=datetime.date(2022, 9, 30))
        target_set(actor=petra, indicator=indicator, fiscal_year=2010 + n, value=Decimal("100"))
    save_as(indicator, petra, division=DivisionFactory(name="行政改革課"))
    with django_assert_num_queries(3):
        entries = indicator_history(indicator)
    assert len(entries) == 2 * size + 2
    renamed = entries[0]
    assert (renamed.record_type, renamed.changes[0].label, renamed.changes[0].after) == ("指標", "所管所属", "行政改革課")
    figure = next(entry for entry in entries if entry.record_type == "実績値")
    assert {(c.label, c.after) for c in figure.changes} >= {("値", "50.5"), ("速報値", "いいえ")}


def test_a_history_user_without_a_name_shows_by_username_and_the_system_as_nobody(division):
    item = ActionItemFactory(owner_division=division)
    save_as(item, UserFactory(username="batch", first_name="", last_name=""), title="夜間処理で修正")
    newest, created = record_history(item)
    assert (newest.who, created.who) == ("batch", "")
