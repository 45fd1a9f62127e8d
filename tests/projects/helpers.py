"""Shared values and small helpers of the projects tests (fixtures stay in tests/conftest.py)."""

import datetime
import re
import threading
import time
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from dx_portal.tokens import api_token_issue
from projects.models import Health
from projects.services import status_report_submit

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
TODAY = datetime.date(2022, 10, 4)
# The demo's snapshot: 令和4年10月4日, a Tuesday morning in Tokyo.
FROZEN = pytest.mark.time_machine(datetime.datetime(2022, 10, 4, 9, 30, tzinfo=TOKYO), tick=False)

REPORT = {
    "health": Health.YELLOW,
    "schedule_health": Health.YELLOW,
    "cost_health": Health.GREEN,
    "scope_health": Health.GREEN,
    "quality_health": Health.GREEN,
    "planned_progress": 50,
    "actual_progress": 42,
    "summary": "設計レビューで指摘が多く、1週間遅れている。",
    "next_steps": "レビュー指摘の対応を完了させる。",
}

# Every role of tests/conftest.py: alice and bob are staff of the project's division, mallory its manager.
EVERYONE = ["alice", "bob", "mallory", "charlie", "dana", "petra", "carl", "audrey", "fiona", "nobody"]
SEES = {"alice", "bob", "mallory", "dana", "petra", "carl", "audrey", "fiona"}
CHANGES = {"alice", "bob", "mallory", "petra"}
PMO = {"petra"}


def while_uncommitted(first, second):
    """``second()`` run in another thread (its own connection) while what ``first()`` wrote is not yet committed:
    what ``second()`` returned, or the error that refused it."""
    outcome = []

    def run_second():
        try:
            outcome.append(second())
        except Exception as error:  # noqa: BLE001 - the refusal is the outcome
            outcome.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run_second)
    with transaction.atomic():
        first()
        thread.start()
        time.sleep(0.5)
    thread.join(timeout=30)
    return outcome[0]


def refusal(person: str) -> int:
    """A project one may not see is not there (404); one seen but not changeable is refused (403)."""
    return 403 if person in SEES else 404
READS_HISTORY = {"petra", "carl", "audrey"}


def file_report(project, actor, day, **changes):
    """File a report on ``day`` through the service, with REPORT's values unless changed."""
    return status_report_submit(project=project, actor=actor, as_of=day, **{**REPORT, **changes})


def token_client(user, *scopes: str) -> APIClient:
    """A REST client holding a token of ``user`` with these scopes."""
    _, key = api_token_issue(user=user, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def session_client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def text(response) -> str:
    """The page's visible text, tags removed and whitespace folded, to assert what a reader sees."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def field_error(response, field: str) -> str:
    """The error text shown next to one form field ('' when there is none)."""
    match = re.search(rf'<div class="field-errors" id="id_{field}_error">(.*?)</div>', response.content.decode(), re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


class FormValues(HTMLParser):
    """What a browser would post back from the admin's form, as served."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, [] if "multiple" in attrs else "")
        elif tag == "option" and self._select and "selected" in attrs:
            if isinstance(self.values[self._select], list):
                self.values[self._select].append(attrs.get("value", ""))
            else:
                self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def served_form(client, url, **changes) -> dict:
    parser = FormValues()
    parser.feed(client.get(url).content.decode())
    return {**parser.values, **changes}


def test_pmo_finds_projects_by_filter_and_search(client, petra, project):
    client.force_login(petra)
    page = text(client.get("/admin/projects/project/", {"q": "電子申請", "phase__exact": "development"}))
    assert "EAPP" in page and "e-kanagawa 電子申請システム" in page
    assert "フェーズ" in page and "健全度" in page


def test_the_project_shows_its_reports_issues_and_milestones_inline(client, petra, project):
    client.force_login(petra)
    page = text(client.get(f"/admin/projects/project/{project.pk}/change/"))
    assert "進捗報告" in page and "2022年9月30日" in page
    assert "帳票の確定遅れ" in page and "総合テスト完了" in page
