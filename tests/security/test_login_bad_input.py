"""The login forms' bad input (the portal's and the admin's) is a message on the form, never a 500: a username
longer than any account (django-axes records failed attempts by username, in a column of 255 characters)."""

import pytest

from tests.projects.helpers import text

pytestmark = pytest.mark.usefixtures("axes_on")


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
@pytest.mark.parametrize("length", [151, 256, 5000])
def test_an_over_long_username_is_a_form_error(client, alice, url, length):
    response = client.post(url, {"username": "a" * length, "password": "wrong"})
    assert response.status_code == 200
    assert "150 文字以下" in text(response)
