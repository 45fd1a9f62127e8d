"""A small world for the search: an electronic-contract project of Alice's division (which Charlie, of another
division, may not see), the committee's decision about electronic contracts, and one record of every other kind."""

import datetime

import pytest
from rest_framework.test import APIClient

from dx_portal.tokens import api_token_issue
from tests.governance.factories import (
    ActionItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalityFactory,
)
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory


@pytest.fixture
def contract_world(division, other_division, alice, petra):
    project = ProjectFactory(code="E-CONTRACT", name="電子契約の導入", name_en="Electronic contracts", division=division,
                             description="契約事務を電子化する。")
    meeting = CommitteeMeetingFactory(
        number=4, title="令和4年度第4回ステアリング・コミッティ", held_on=datetime.date(2022, 9, 13)
    )
    decision = DecisionFactory(meeting=meeting, sequence=1, title="電子契約の導入方針",
                               decision_text="事業者に十分な説明を行った上で電子契約を導入する。")
    decision.related_projects.add(project)
    return {
        "project": project,
        "report": StatusReportFactory(project=project, summary="電子契約サービスの契約手続を進めている。", submitted_by=alice),
        "issue": ProjectIssueFactory(project=project, title="契約約款の改定", description="事業者との調整が必要。"),
        "finding": FindingFactory(project=project, title="契約事務フローの見直し", body="電子化後の手順を明確にすること。",
                                  written_by=petra),
        "decision": decision,
        "meeting": meeting,
        "council": CouncilMeetingFactory(title="県市町村デジタル推進会議", agenda="電子契約の共同利用について"),
        "action_item": ActionItemFactory(decision=decision, title="電子契約の事業者向け説明会", owner_division=division),
        "indicator": IndicatorFactory(code="e-contract-rate", name_ja="電子契約の利用率", name_en="E-contract rate",
                                      division=division),
        "private_indicator": IndicatorFactory(code="contract-secret", name_ja="契約事務の内部指標", name_en="Internal",
                                              division=division, is_public=False),
        "municipality": MunicipalityFactory(name="契約市", kana="けいやくし"),
        "water_project": ProjectFactory(code="WATER-ONLINE", name="水道の申請手続のオンライン化", division=other_division),
    }


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token_for():
    def issue(user, *scopes):
        return api_token_issue(user=user, scopes=list(scopes))[1]

    return issue
