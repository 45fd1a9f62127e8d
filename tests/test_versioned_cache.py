"""dx_portal.versioned_cache: a change to a covered model moves the version, at once and again after the
commit, whether saved one by one or written in bulk; an entry the process holds serves only while the version stays
and until its expiry."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test.utils import isolate_apps

from dx_portal.versioned_cache import DataVersion
from organisation.models import Division
from projects.caching import PROJECT_DATA
from projects.models import Milestone, ProjectIssue
from tests.organisation.factories import DivisionFactory, UserFactory
from tests.projects.factories import MilestoneFactory, ProjectFactory, ProjectIssueFactory

pytestmark = pytest.mark.django_db


def test_saving_a_covered_model_moves_the_version_at_once_and_after_the_commit(django_capture_on_commit_callbacks):
    before = PROJECT_DATA.current()
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory()
        during = PROJECT_DATA.current()
    assert before < during < PROJECT_DATA.current()
    assert project.pk


def test_deleting_and_renaming_move_it_too():
    issue = ProjectIssueFactory()
    seen = [PROJECT_DATA.current()]
    issue.delete()
    seen.append(PROJECT_DATA.current())
    division = issue.project.division
    division.name = "新しい課名"
    division.save()
    seen.append(PROJECT_DATA.current())
    assert seen == sorted(set(seen))


def test_a_lost_version_starts_again_where_no_old_entry_can_be_found():
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert PROJECT_DATA.cached("test", ["a"], compute) == 1
    assert PROJECT_DATA.cached("test", ["a"], compute) == 1
    cache.delete(PROJECT_DATA.key)  # evicted, or a restart of a cache without persistence
    assert PROJECT_DATA.cached("test", ["a"], compute) == 2


def test_an_entry_the_process_holds_is_not_read_again_while_the_version_stays_and_never_served_after_a_change():
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    version_key, entry_key = PROJECT_DATA.keys("test", ["a"])
    assert PROJECT_DATA.cached("test", ["a"], compute) == 1
    # Held: only the version is read; the cache's copy is not needed (evicted, it is not missed).
    assert PROJECT_DATA.keys("test", ["a"]) == [version_key]
    cache.delete(entry_key)
    assert PROJECT_DATA.cached("test", ["a"], compute) == 1
    DivisionFactory()
    assert PROJECT_DATA.cached("test", ["a"], compute) == 2


def test_an_answer_another_process_computed_after_a_change_is_read_rather_than_computed_again():
    _version_key, entry_key = PROJECT_DATA.keys("test", ["a"])
    assert PROJECT_DATA.cached("test", ["a"], lambda: "before the change") == "before the change"
    PROJECT_DATA.bump()  # another process's change, and its answer
    cache.set(entry_key, (PROJECT_DATA.current(), "computed elsewhere", time.time() + 60))
    assert PROJECT_DATA.cached("test", ["a"], lambda: "computed here") == "computed elsewhere"


def test_an_entry_the_process_holds_expires_with_the_cache_s_copy(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC), tick=False)
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert PROJECT_DATA.cached("test", ["a"], compute, timeout=60) == 1
    time_machine.shift(datetime.timedelta(seconds=59))
    assert PROJECT_DATA.cached("test", ["a"], compute, timeout=60) == 1
    time_machine.shift(datetime.timedelta(seconds=2))
    assert PROJECT_DATA.cached("test", ["a"], compute, timeout=60) == 2


def test_other_parts_are_other_entries_and_an_unrelated_model_leaves_the_version_alone():
    version = PROJECT_DATA.current()
    assert PROJECT_DATA.cached("test", ["a"], lambda: "a") == "a"
    assert PROJECT_DATA.cached("test", ["b"], lambda: "b") == "b"
    UserFactory()
    assert PROJECT_DATA.current() == version
    DivisionFactory()
    assert PROJECT_DATA.current() != version


def test_bulk_writes_of_covered_models_move_the_version_without_anyone_remembering_to():
    issue = ProjectIssueFactory()
    seen = [PROJECT_DATA.current()]
    ProjectIssue.objects.filter(pk=issue.pk).update(title="一括更新")
    seen.append(PROJECT_DATA.current())
    issue.project.issues.update(title="関連からの一括更新")
    seen.append(PROJECT_DATA.current())
    Milestone.objects.bulk_create([MilestoneFactory.build(project=issue.project)])
    seen.append(PROJECT_DATA.current())
    issue.title = "bulk_update"
    ProjectIssue.objects.bulk_update([issue], ["title"])
    seen.append(PROJECT_DATA.current())
    Division.objects.filter(pk=issue.project.division_id).update(name="改称")
    seen.append(PROJECT_DATA.current())
    ProjectIssue.objects.all().delete()
    seen.append(PROJECT_DATA.current())
    assert seen == sorted(set(seen))


@isolate_apps("projects")
def test_a_covered_model_without_the_versioned_queryset_is_refused_at_start_up():
    class Plain(models.Model):
        class Meta:
            app_label = "projects"

        def __str__(self):
            return "plain"

    with pytest.raises(ImproperlyConfigured, match="VersionedQuerySet"):
        DataVersion("test-plain", [Plain]).connect()
