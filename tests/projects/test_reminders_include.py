"""What a user sees of the reminders sent about a project: reminders_for_project and its include."""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from projects.reminders import reminders_for_project
from tests.projects.factories import ProjectFactory, ReminderFactory
from tests.projects.test_reminders import DUE, ESCALATED, TOKYO


def test_it_lists_the_reminders_sent_about_the_project_newest_first(division):
    project = ProjectFactory(division=division, **ESCALATED)
    overdue = ReminderFactory(project=project, level="overdue", claimed_at=datetime.datetime(2022, 8, 22, 8, 30, tzinfo=TOKYO))
    escalated = ReminderFactory(
        project=project, level="escalated", claimed_at=datetime.datetime(2022, 9, 22, 8, 30, tzinfo=TOKYO)
    )
    ReminderFactory(project=project, level="due", unsent=True)  # being sent right now
    ReminderFactory(project=ProjectFactory(division=division, **DUE))  # another project's

    assert list(reminders_for_project(project)) == [escalated, overdue]


def test_the_include_shows_level_due_date_sent_time_and_recipients(division):
    project = ProjectFactory(division=division, **ESCALATED)
    ReminderFactory(
        project=project,
        level="overdue",
        recipients="alice@pref.example.lg.jp\nmallory@pref.example.lg.jp",
        claimed_at=datetime.datetime(2022, 8, 22, 8, 30, tzinfo=TOKYO),
    )

    with translation.override("ja"):
        html = render_to_string("projects/includes/reminders.html", {"reminders": reminders_for_project(project)})

    assert '<th scope="row">令和4年8月22日 08:30</th>' in html
    assert "<td>報告遅延</td>" in html
    assert "<td>令和4年8月5日</td>" in html
    assert "<td>alice@pref.example.lg.jp<br>mallory@pref.example.lg.jp</td>" in html
    assert "<caption" in html and '<th scope="col">' in html


def test_the_include_says_when_nothing_was_sent(division):
    project = ProjectFactory(division=division, **DUE)

    with translation.override("ja"):
        html = render_to_string("projects/includes/reminders.html", {"reminders": reminders_for_project(project)})

    assert "この案件について送信した督促はありません。" in html
    assert "<table" not in html
