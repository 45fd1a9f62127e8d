"""The inquiry and forwarded-item endpoints answer in a fixed number of queries, whatever the number of rows."""

import pytest

from governance.models import ForwardedItem
from tests.governance.factories import CouncilMeetingFactory, MunicipalityFactory
from tests.governance.helpers import token_client
from tests.governance.inquiry_factories import AnswerFactory, InquiryFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _inquiries(count: int) -> None:
    members = [MunicipalityFactory() for _ in range(3)]
    for _ in range(count):
        inquiry = InquiryFactory(recipients=members)
        QuestionFactory(inquiry=inquiry, order=1)
        AnswerFactory(inquiry=inquiry, municipality=members[0])


def _forwarded(count: int) -> None:
    for _ in range(count):
        ForwardedItem.objects.create(
            title="課題", from_council_meeting=CouncilMeetingFactory(kind="working"), to_meeting=CouncilMeetingFactory()
        )


# The count and the page (the token, with its user's roles, is cached after its first use), then the prefetched
# relations (inquiries: questions, recipients, answers with who entered them, and the page's attachments).
@pytest.mark.parametrize(("endpoint", "make", "queries"), [("inquiries/", _inquiries, 6), ("forwarded-items/", _forwarded, 2)])
@pytest.mark.parametrize("size", [1, 5])
def test_the_list_costs_the_same_for_one_row_and_for_five(fiona, endpoint, make, queries, size, django_assert_num_queries):
    client = token_client(fiona)
    make(size)
    client.get(f"/api/v1/{endpoint}")  # the token's first use is recorded once
    with django_assert_num_queries(queries):
        assert client.get(f"/api/v1/{endpoint}").status_code == 200
