"""Shared by the governance tests: a REST client with a token, the reference list, the bodies' demo data."""

import csv
import io
from pathlib import Path

from rest_framework.test import APIClient

import governance.demo_bodies
import organisation.demo
from dx_portal.demo import Story
from dx_portal.tokens import api_token_issue

# The product carries its reference data: the 33 municipalities with their national codes.
MUNICIPALITIES_CSV = Path(__file__).resolve().parents[2] / "governance" / "demo_data" / "kanagawa-municipalities.csv"


def token_client(user, scopes=("governance:read",)) -> APIClient:
    _, key = api_token_issue(user=user, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def reference_rows() -> list[dict]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_governance_demo() -> None:
    """The organisation and the bodies only: the projects and KPI demos are not needed here (and are slow)."""
    for module in (organisation.demo, governance.demo_bodies):
        module.load(io.StringIO(), Story())
