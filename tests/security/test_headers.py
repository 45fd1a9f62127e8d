"""Security headers on every response, in every environment: a Content Security Policy without inline
code, no framing, no content sniffing, no referrer to other sites."""

import pytest

from tests.security.pages import blocked_by_csp

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/accounts/login/", "/no-such-page/", "/api/schema/", "/api/v1/no-such-endpoint/", "/healthz"])
def test_every_response_carries_the_strict_policy(client, db, path):
    response = client.get(path)
    assert directives(response["Content-Security-Policy"]) == POLICY


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/schema/"])
def test_pages_cannot_be_framed_sniffed_or_leak_their_address(client, db, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_runs_under_the_policy(client, db):
    assert blocked_by_csp(client.get("/accounts/login/")) == []


def test_the_lockout_page_runs_under_the_policy(client, alice, axes_on):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    assert blocked_by_csp(response) == []


def test_the_api_docs_run_under_the_policy(client, db):
    assert blocked_by_csp(client.get("/api/docs/")) == []


def test_the_checker_notices_an_inline_style_the_policy_does_not_allow(client, db):
    response = client.get("/api/docs/")
    response["Content-Security-Policy"] = "default-src 'self'"
    assert blocked_by_csp(response) != []
