"""/kpis/import/: uploading a CSV from the browser, with a report of every rejected row."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kpis.models import Observation
from tests.kpis.factories import IndicatorFactory
from tests.kpis.test_observations_import import csv_of, row

URL = "/kpis/import/"


@pytest.fixture
def rate(division):
    return IndicatorFactory(code="e-approval-rate", division=division, percentage=True)


def upload(data: bytes):
    return {"file": SimpleUploadedFile("figures.csv", data, content_type="text/csv")}


@pytest.mark.parametrize("person", ["alice", "petra", "charlie"])
def test_anyone_who_records_some_indicator_gets_the_page(client, request, rate, other_division, person):
    IndicatorFactory(code="water-online-procedures", division=other_division)
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    assert "indicator_code" in response.content.decode()


@pytest.mark.parametrize("person", ["carl", "audrey", "dana", "nobody"])
def test_readers_are_refused(client, request, rate, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(URL).status_code == 403
    assert client.post(URL, upload(csv_of(row()))).status_code == 403
    assert not Observation.objects.exists()


def test_an_anonymous_visitor_is_asked_to_log_in(client, rate):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_a_good_file_is_imported_and_the_counts_reported(client, rate, alice):
    client.force_login(alice)
    response = client.post(URL, upload(csv_of(row(), row(year="2022", value="92.7", as_of="2022-08-31", provisional="true"))),
                           follow=True)
    assert "2件を新たに登録し、0件を更新しました。" in response.content.decode()
    assert Observation.objects.get(fiscal_year=2022).value == Decimal("92.7")


def test_every_rejected_row_is_listed_and_nothing_is_imported(client, rate, alice):
    client.force_login(alice)
    data = csv_of(row(), row(year="2022", value="120", as_of="2022-08-31"), row(code="nope"))
    html = client.post(URL, upload(data)).content.decode()
    assert "2件の誤りがあるため、何も登録していません" in html
    assert '<td class="num">3</td><td><code>value</code></td>' in html
    assert '<td class="num">4</td><td><code>indicator_code</code></td>' in html
    assert not Observation.objects.exists()


def test_a_missing_file_is_reported_next_to_the_field(client, rate, alice):
    client.force_login(alice)
    html = client.post(URL, {}).content.decode()
    assert 'id="id_file_error"' in html
