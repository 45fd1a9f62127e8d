"""Yes/no filters offer 「すべて」 (do not filter), はい and いいえ, never 「不明」: on every list page that has one."""

import pytest

from tests.kpis.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start:html.index("</select>", start)]


@pytest.mark.parametrize(
    ("path", "name"),
    [("/kpis/", "is_public"), ("/governance/action-items/", "overdue"), ("/governance/action-items/", "mine")],
)
def test_a_yes_no_filter_offers_all_yes_and_no(client, petra, path, name):
    client.force_login(petra)
    select = _select(client.get(path).content.decode(), name)
    assert '<option value="" selected>すべて</option>' in select
    assert '<option value="true">はい</option>' in select and '<option value="false">いいえ</option>' in select
    assert "不明" not in select and "unknown" not in select


def test_the_chosen_answer_filters_and_stays_chosen(client, petra, division):
    IndicatorFactory(code="open-one", name_ja="公開の指標", division=division)
    IndicatorFactory(code="closed-one", name_ja="非公開の指標", division=division, is_public=False)
    client.force_login(petra)
    response = client.get("/kpis/?is_public=false")
    assert [row.indicator.code for row in response.context["rows"]] == ["closed-one"]
    assert '<option value="false" selected>いいえ</option>' in _select(response.content.decode(), "is_public")
    assert len(client.get("/kpis/?is_public=").context["rows"]) == 2


def test_in_english_the_empty_choice_reads_all(client, petra, settings):
    client.force_login(petra)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    select = _select(client.get("/kpis/").content.decode(), "is_public")
    assert '<option value="" selected>All</option>' in select
    assert '<option value="true">Yes</option>' in select
