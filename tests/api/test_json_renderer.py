"""The API's JSON is written by orjson (dx_portal/api/renderers.py) and reads byte for byte as DRF's renderer
wrote it: clients that compare bodies, hash them or embed them in a page see no change."""

import datetime
import decimal
import json
import uuid
import zoneinfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.settings import api_settings

from dx_portal.api.renderers import JSONRenderer
from projects.models import Health, Project
from projects.portfolio.selectors import Trend
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import token_client

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")

ANSWERS = {
    "japanese and a line separator": {"name": "基幹業務システム標準化\u2028（第2期）\u2029", "name_en": None},
    "times in Tokyo and in UTC": {
        "updated_at": datetime.datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=TOKYO),
        "sent_at": datetime.datetime(2026, 12, 7, 0, 30, tzinfo=datetime.UTC),
        "as_of": datetime.date(2026, 11, 30),
        "at": datetime.time(8, 30),
    },
    "money, decimals and identifiers": {
        "budget_yen": 1_234_567_890_123, "rate": decimal.Decimal("12.50"), "id": uuid.UUID(int=7), "ratio": 0.1,
    },
    "choices and lazy labels": {
        "health": Health.RED, "phase": Project.Phase.DEVELOPMENT, "trend": Trend.WORSE, "label": gettext_lazy("遅延"),
    },
    "numbers as keys, tuples and nesting": {"by_year": {2025: [1, 2], 2026: (3, None)}, "flags": [True, False]},
    "a list at the top": [{"code": "P-001"}, {"code": "P-002"}],
}


@pytest.mark.parametrize("data", ANSWERS.values(), ids=ANSWERS.keys())
def test_an_answer_is_the_bytes_drf_wrote(data):
    ours = JSONRenderer().render(data, "application/json")
    assert ours == renderers.JSONRenderer().render(data, "application/json")
    # JSON that is also JavaScript: the two line separators escaped, as DRF escapes them.
    assert "\u2028".encode() not in ours


def test_utc_is_written_as_z_and_tokyo_with_its_offset():
    written = json.loads(JSONRenderer().render(ANSWERS["times in Tokyo and in UTC"]))
    assert written["sent_at"] == "2026-12-07T00:30:00Z"
    assert written["updated_at"] == "2026-12-07T09:30:15.123456+09:00"


def test_an_indented_answer_is_indented_as_drf_indents_it():
    data = ANSWERS["money, decimals and identifiers"]
    media_type = "application/json; indent=2"
    ours = JSONRenderer().render(data, media_type)
    assert ours == renderers.JSONRenderer().render(data, media_type)
    assert b'\n  "budget_yen": 1234567890123' in ours


def test_what_orjson_refuses_is_still_written():
    huge = {"n": 2**70}
    assert JSONRenderer().render(huge) == b'{"n":1180591620717411303424}'


def test_a_value_no_json_knows_is_refused_as_drf_refuses_it():
    with pytest.raises(TypeError):
        JSONRenderer().render({"value": object()})


def test_no_answer_is_an_empty_body():
    assert JSONRenderer().render(None) == b""


def test_the_api_answers_with_it(petra, division):
    assert api_settings.DEFAULT_RENDERER_CLASSES == [JSONRenderer]
    ProjectFactory(code="P-2028", name="窓口\u2028申請", division=division)
    response = token_client(petra, "projects:read").get("/api/v1/projects/")
    assert response.status_code == 200
    assert "\u2028".encode() not in response.content and b"\\u2028" in response.content
    answer = json.loads(response.content)
    assert answer["results"][0]["name"] == "窓口\u2028申請"
    assert response.content == renderers.JSONRenderer().render(answer)
