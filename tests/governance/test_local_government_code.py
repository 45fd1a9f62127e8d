"""The national local-government code (全国地方公共団体コード): six digits, the last a check digit."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import local_government_check_digit, validate_local_government_code
from tests.governance.helpers import reference_rows


def test_the_check_digit_of_yokohama_and_the_prefecture_is_computed_from_the_first_five_digits():
    assert local_government_check_digit("14100") == 3
    assert local_government_check_digit("14000") == 7


def test_every_code_in_the_reference_list_passes_the_check():
    rows = reference_rows()
    assert len(rows) == 33
    for row in rows:
        validate_local_government_code(row["code"])


@pytest.mark.parametrize("code", ["141004", "14100", "1410033", "14100a", "１４１００３"])
def test_a_wrong_check_digit_or_a_malformed_code_is_refused(code):
    with pytest.raises(ValidationError):
        validate_local_government_code(code)
