"""Fuzzing: schemathesis runs against a live test server over every operation of /api/schema/, as PMO
and as division staff, each with a token of every scope, on the demo data. It checks that nothing
answers 500 and that every answer (status, content type, headers, body) is what the schema documents.

Not checked: ``positive_data_acceptance`` and ``negative_data_rejection``. One FilterSet serves the list
page and the API, and an empty filter value is ignored the way an HTML form needs; a filter naming a
bureau that does not exist answers 400. Both are by design, and both would count as failures.

Path parameters get real values (read from the collections above them) most of the time, so that the
fuzzing reaches records that exist rather than 404 alone. A failure prints the schemathesis report, with
a curl command that reproduces each case.
"""

import io
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.test import APIClient

from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
SECONDS_PER_PERSON = 60
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "missing_required_header",
    "unsupported_method",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
]
METHODS = {"get", "put", "patch", "post", "delete", "head", "options", "trace"}
PARAMETER = re.compile(r"\{([^}]+)\}")


def known_values(client, paths) -> dict[str, list]:
    """{"<path up to the parameter>{name}": [values]} for every path parameter whose collection lists it."""
    found: dict[str, list] = {}
    for template in paths:
        for match in PARAMETER.finditer(template):
            key = template[: match.end()]
            if key in found:
                continue
            collection = fill(template[: match.start()], found)
            response = client.get(collection) if collection else None
            if response is None or response.status_code != 200 or response["Content-Type"] != "application/json":
                break
            data = response.json()
            items = data.get("results", []) if isinstance(data, dict) else data
            kind = parameter_type(paths[template], match.group(1))
            values = [kind(item[match.group(1)]) for item in items if isinstance(item, dict) and match.group(1) in item]
            if not values:
                break
            found[key] = values[:20]
    return found


def parameter_type(item: dict, name: str):
    """int or str, as the schema types the path parameter (a number may be a string in a URL)."""
    for operation in item.values():
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] == name:
                return int if parameter["schema"].get("type") == "integer" else str
    return str


def fill(template: str, found: dict) -> str | None:
    """The template with each parameter replaced by its first known value; None if one is unknown."""
    filled = template
    for match in PARAMETER.finditer(template):
        values = found.get(template[: match.end()])
        if not values:
            return None
        filled = filled.replace(match.group(0), str(values[0]), 1)
    return filled


def config(found: dict, paths) -> str:
    """A schemathesis.toml binding each known parameter to a dictionary of its values, used 80% of the time."""
    names = {key: f"values-{index}" for index, key in enumerate(found)}
    lines = ["[dictionaries]"]
    lines += [f"{json.dumps(name)} = {{ values = {json.dumps(found[key])} }}" for key, name in names.items()]
    for template in paths:
        bindings = {
            f"path.{m.group(1)}": names[template[: m.end()]] for m in PARAMETER.finditer(template) if template[: m.end()] in names
        }
        if bindings:
            lines += ["", "[[operations]]", f"include-path = {json.dumps(template)}"]
            inline = ", ".join(f'{json.dumps(k)} = {{ dictionary = "{v}", probability = 0.8 }}' for k, v in bindings.items())
            lines.append(f"parameters = {{ {inline} }}")
    return "\n".join(lines) + "\n"


def fuzz(base_url: str, key: str, tmp_path: Path) -> None:
    """Run schemathesis over every operation of ``base_url``'s schema with the token ``key``; fail on any
    failed check, with its report."""
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    if not paths:
        pytest.fail("the schema has no operations: nothing to fuzz")
    (tmp_path / "schemathesis.toml").write_text(config(known_values(client, paths), paths))
    report = tmp_path / "report.json"

    result = subprocess.run(
        [
            SCHEMATHESIS,
            "--config-file",
            str(tmp_path / "schemathesis.toml"),
            "run",
            f"{base_url}/api/schema/",
            "--header",
            f"Authorization: Token {key}",
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            "25",
            "--max-time",
            str(SECONDS_PER_PERSON),
            "--workers",
            "1",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_PERSON * 3,
    )

    output = result.stdout[-30000:] + result.stderr[-5000:]
    summary = json.loads(report.read_text())
    operations = summary["operations"]
    assert operations["total"] == sum(len(set(item) & METHODS) for item in paths.values()), output
    assert operations["tested"] == operations["total"] and not operations["skipped"] and not operations["errored"], output
    assert result.returncode == 0, output


@pytest.mark.parametrize("username", ["pmo", "staff"])
def test_the_api_survives_fuzzing(live_server, tmp_path, caplog, username):
    caplog.set_level(logging.ERROR, logger="django.request")  # every 4xx would be logged: keep the 500s only
    call_command("load_demo", stdout=io.StringIO())
    user = get_user_model().objects.get(username=username)
    _, key = api_token_issue(user=user, scopes=ApiToken.Scope.values, name="schemathesis")
    fuzz(live_server.url, key, tmp_path)
