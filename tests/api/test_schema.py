"""The OpenAPI schema: valid OpenAPI 3, generated without warnings, errors and auth documented for every
operation; the interactive docs served from our own static files."""

import re

import pytest
from django.core.management import CommandError, call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

ERROR_CODES = {"400", "401", "403", "404", "405", "406", "409", "415", "429"}
ERROR_SHAPE = {"$ref": "#/components/schemas/ErrorResponse"}


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "put", "patch", "post", "delete", "head", "options", "trace"}:
                yield f"{method.upper()} {path}", operation


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_generates_without_a_single_warning(tmp_path, capsys):
    GENERATOR_STATS.reset()
    try:
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    except CommandError as error:
        pytest.fail(f"{error}:\n{capsys.readouterr().err}")


def test_every_operation_answers_errors_in_the_one_error_shape(schema):
    problems = []
    for name, operation in operations(schema):
        errors = {code: response for code, response in operation["responses"].items() if code in ERROR_CODES}
        if not {"401", "403", "406", "429"} <= set(errors):
            problems.append(f"{name}: documents only {sorted(errors)}")
        for code, response in errors.items():
            if "$ref" in response:
                response = schema["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            if response.get("content", {}).get("application/json", {}).get("schema") != ERROR_SHAPE:
                problems.append(f"{name}: its {code} is not an ErrorResponse")
    assert not problems, "\n".join(problems)


def test_the_error_shape_is_a_component(schema):
    error = schema["components"]["schemas"]["ErrorResponse"]
    assert error["required"] == ["status", "code", "message"]
    assert set(error["properties"]) == {"status", "code", "message", "errors", "current"}
    assert schema["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert schema["components"]["responses"]["Unauthorized"]["headers"]["WWW-Authenticate"]


def test_the_token_scheme_is_an_authorization_header_and_lists_the_scopes(schema):
    scheme = schema["components"]["securitySchemes"]["TokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["in"] == "header" and scheme["name"] == "Authorization"
    assert "Token <" in scheme["description"]
    for scope in ("kpi:read", "projects:read", "projects:write", "governance:read"):
        assert f"`{scope}`" in scheme["description"]


def test_every_operation_accepts_the_token(schema):
    missing = [name for name, operation in operations(schema) if {"TokenAuth": []} not in operation.get("security", [])]
    assert not missing, missing


@pytest.mark.urls("tests.api.probe")
def test_an_operation_names_its_scope_and_says_when_no_token_is_needed():
    probe = SchemaGenerator().get_schema(request=None, public=True)
    public, listed = probe["paths"]["/api/v1/public/"]["get"], probe["paths"]["/api/v1/divisions/"]["get"]
    assert {} in public["security"] and {} not in listed["security"]
    assert listed["x-required-scope"] == "governance:read"
    assert "`governance:read`" in listed["description"]
    assert set(listed["responses"]) == {"200", "400", "401", "403", "404", "406", "429"}
    notes = probe["paths"]["/api/v1/notes/"]["post"]
    assert set(notes["responses"]) == {"201", "400", "401", "403", "406", "409", "413", "415", "422", "429"}
    assert {"in": "header", "name": "Idempotency-Key"}.items() <= notes["parameters"][-1].items()


def test_the_schema_speaks_english_when_asked(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert schema["components"]["responses"]["NotFound"]["description"] == "The record, or the page, does not exist."


def test_the_docs_load_nothing_but_our_own_files(client, db):
    response = client.get("/api/docs/")
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert response.status_code == 200
    assert urls and all(url.startswith(("/static/", "/api/docs/?")) for url in urls), urls
    assert "//" not in "".join(urls)


def test_the_docs_start_up_script_is_a_file_not_inline(client, db):
    html = client.get("/api/docs/").content.decode()
    script = client.get("/api/docs/?script=")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_docs_page_allows_its_one_inline_style_by_hash_not_by_unsafe_inline(client, db):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    style_src = re.search(r"style-src ([^;]*)", policy).group(1).split()
    assert style_src[0] == "'self'"
    assert len(style_src) == 2 and style_src[1].startswith("'sha256-")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_every_identifier_a_client_generator_reads_is_english(schema):
    ids = [operation["operationId"] for _, operation in operations(schema)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", name) for name in ids), ids
    assert {"list_kpi_observations", "create_project_issue", "update_project_issue", "approve_project_status_report"} <= set(ids)
    assert all(name.isascii() for name in schema["components"]["schemas"])

    def titles(node):
        if isinstance(node, dict):
            yield from [node["title"]] if isinstance(node.get("title"), str) else []
            for value in node.values():
                yield from titles(value)
        elif isinstance(node, list):
            for value in node:
                yield from titles(value)

    assert all(title.isascii() for title in titles(schema))


def test_an_enum_of_japanese_values_names_its_members_in_english(schema):
    unit = schema["components"]["schemas"]["UnitEnum"]
    assert dict(zip(unit["enum"], unit["x-enum-varnames"], strict=True))["人"] == "PEOPLE"


def test_ordering_parameters_list_their_values(schema):
    parameters = schema["paths"]["/api/v1/projects/{code}/issues/"]["get"]["parameters"]
    ordering = next(p for p in parameters if p["name"] == "ordering")
    assert {"raised_on", "-raised_on", "updated_at", "-updated_at"} <= set(ordering["schema"]["enum"])


@pytest.mark.parametrize("path", ["/api/v1/kpis/", "/api/v1/kpis/{code}/", "/api/v1/kpis/{code}/observations/"])
def test_the_feed_operations_have_examples(schema, path):
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    assert content["examples"]
