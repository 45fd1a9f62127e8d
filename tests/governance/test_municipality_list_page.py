"""The council's members: the prefecture and the municipalities with their codes and kinds."""

import pytest

from governance.models import Municipality
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_it_lists_the_members_with_their_codes_and_filters_by_kind(client, alice):
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)
    MunicipalityFactory(code="144029", name="清川村", kind=Municipality.Kind.VILLAGE)
    client.force_login(alice)
    text = client.get("/governance/municipalities/").text
    assert "141003" in text and "横浜市" in text and "政令指定都市" in text and "神奈川県" in text
    village = client.get("/governance/municipalities/", {"kind": "village"}).text
    assert "清川村" in village and "横浜市" not in village


@pytest.mark.parametrize("size", [1, 8])
def test_it_runs_a_fixed_number_of_queries(client, alice, size, django_assert_num_queries):
    MunicipalityFactory.create_batch(size)
    client.force_login(alice)
    with django_assert_num_queries(6):  # with the header's counts
        assert client.get("/governance/municipalities/").status_code == 200
