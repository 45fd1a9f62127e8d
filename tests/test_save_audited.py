"""dx_portal.versioning.save_audited: a unique constraint that refuses a row (another request inserted it
first) is a field error, never a server error, whether or not the service named the field."""

import pytest
from django.core.exceptions import ValidationError

from dx_portal.versioning import save_audited
from organisation.models import Bureau

pytestmark = pytest.mark.django_db


def test_a_duplicate_the_service_did_not_foresee_names_its_field(petra):
    Bureau.objects.create(code="digital", name="デジタル戦略本部室", sort_order=1)
    with pytest.raises(ValidationError) as refused:
        save_audited(Bureau(code="digital", name="別名", sort_order=2), petra, validate=False)
    assert set(refused.value.message_dict) == {"code"}


def test_a_duplicate_the_service_foresaw_gets_its_words(petra):
    Bureau.objects.create(code="digital", name="デジタル戦略本部室", sort_order=1)
    with pytest.raises(ValidationError) as refused:
        save_audited(Bureau(code="digital", name="別名"), petra, validate=False, duplicate={"code": "使用済み"})
    assert refused.value.message_dict == {"code": ["使用済み"]}
