"""Shared by the governance tests: a REST client with a token, the reference list, the bodies' demo data."""

import csv
import io
from pathlib import Path

import pytest
from rest_framework.test import APIClient

import governance.demo
import governance.demo_bodies
from governance.services import api_token_issue

# The repository's sibling shared/ folder holds the reference data (also in CI, beside the clone).
MUNICIPALITIES_CSV = Path(__file__).resolve().parents[3] / "shared" / "reference" / "kanagawa-municipalities.csv"


def token_client(user, scopes=("governance:read",)) -> APIClient:
    _, key = api_token_issue(user=user, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def reference_rows() -> list[dict]:
    if not MUNICIPALITIES_CSV.exists():
        pytest.skip(f"reference data not found at {MUNICIPALITIES_CSV}")
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_governance_demo() -> None:
    """The organisation and the bodies only: the projects and KPI demos are not needed here (and are slow)."""
    for module in (governance.demo, governance.demo_bodies):
        module.load(io.StringIO())
