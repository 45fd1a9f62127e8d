"""municipal_dx_status_set: the council secretariat sets one cell of the matrix, keeping its history."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import MunicipalDxStatus, Municipality
from governance.services import municipal_dx_status_set
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
AREA = MunicipalDxStatus.FocusArea.ONLINE_PROCEDURES


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def yokohama(db):
    return MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)


def put(actor, municipality, version, status="in_progress", as_of=datetime.date(2022, 9, 30)):
    return municipal_dx_status_set(
        municipality=municipality, focus_area=AREA, actor=actor, expected_version=version, status=status,
        note="電子申請システムを活用", as_of=as_of,
    )


def test_the_first_entry_creates_the_cell_and_later_ones_move_it_on_with_history(petra, yokohama):
    put(petra, yokohama, None, status="planning")
    cell = put(petra, yokohama, 1, status="done")
    assert (cell.status, cell.version) == ("done", 2)
    assert list(cell.history.values_list("status", flat=True)) == ["done", "planning"]
    assert cell.history.first().history_user == petra


def test_a_stale_entry_is_refused(petra, paul, yokohama):
    put(petra, yokohama, None)
    put(paul, yokohama, 1, status="done")
    with pytest.raises(StaleVersionError):
        put(petra, yokohama, 1, status="planning")
    with pytest.raises(StaleVersionError):
        put(petra, yokohama, None, status="planning")
    assert MunicipalDxStatus.objects.get().status == "done"


@pytest.mark.parametrize("person", ["alice", "charlie", "dana", "carl", "audrey", "nobody"])
def test_only_the_secretariat_sets_a_cell(request, person, yokohama):
    with pytest.raises(PermissionDenied):
        put(request.getfixturevalue(person), yokohama, None)
    assert not MunicipalDxStatus.objects.exists()


def test_a_future_as_of_date_and_the_prefecture_itself_are_refused(petra, yokohama):
    with pytest.raises(ValidationError) as future:
        put(petra, yokohama, None, as_of=datetime.date(2022, 10, 5))
    assert "as_of" in future.value.message_dict
    prefecture = MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    with pytest.raises(ValidationError):
        put(petra, prefecture, None)
    assert not MunicipalDxStatus.objects.exists()
