"""Every API error has one shape, {"status", "code", "message", "errors"?}, in the request's language."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.urls("tests.api.probe")


def test_field_errors_answer_400_with_a_message_for_each_field(api, petra, token_for):
    key = token_for(petra, "projects:write")
    response = api.post("/api/v1/notes/", {"title": "x" * 21, "count": 11}, HTTP_AUTHORIZATION=f"Token {key}")
    body = response.json()
    assert response.status_code == 400
    assert body["status"] == 400 and body["code"] == "invalid"
    assert body["message"] == "入力内容に誤りがあります。各項目のエラーを確認してください。"
    assert set(body["errors"]) == {"title", "count"}


def test_a_body_that_is_not_json_answers_400(api, petra, token_for):
    key = token_for(petra, "projects:write")
    response = api.post("/api/v1/notes/", "{title:", content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_no_token_answers_401_and_names_the_token_scheme(api, db):
    response = api.get("/api/v1/divisions/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "status": 401,
        "code": "not_authenticated",
        "message": "認証が必要です。Authorization: Token <キー> ヘッダーを付けてください。",
    }


def test_a_wrong_token_answers_401(api, db):
    response = api.get("/api/v1/divisions/", HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"


def test_a_token_without_the_scope_answers_403(api, fiona, token_for):
    key = token_for(fiona, "kpi:read")
    response = api.get("/api/v1/divisions/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403
    assert response.json() == {"status": 403, "code": "permission_denied", "message": "この操作を行う権限がありません。"}


def test_a_view_keeps_its_own_message_and_code(api, fiona, token_for):
    key = token_for(fiona, "kpi:read")
    response = api.get("/api/v1/own-words/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403
    assert response.json() == {"status": 403, "code": "pmo_only", "message": "PMO だけが閉じられます。"}


def test_an_unknown_record_answers_404(api, fiona, token_for):
    key = token_for(fiona, "governance:read")
    response = api.get("/api/v1/divisions/no-such-division/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found", "message": "指定されたものは見つかりません。"}


def test_a_method_the_endpoint_lacks_answers_405_with_the_allowed_ones(api, petra):
    api.force_login(petra)
    response = api.delete("/api/v1/divisions/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["code"] == "method_not_allowed"


def test_a_format_we_cannot_render_answers_406_in_json(api, fiona, token_for):
    key = token_for(fiona, "governance:read")
    response = api.get("/api/v1/divisions/", HTTP_ACCEPT="application/xml", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_acceptable"


def test_a_stale_version_answers_409_with_the_current_version(api, petra, token_for):
    key = token_for(petra, "projects:write")
    response = api.post("/api/v1/notes/", {"title": "t", "count": 1, "version": 5}, HTTP_AUTHORIZATION=f"Token {key}")
    body = response.json()
    assert response.status_code == 409
    assert body["code"] == "stale_version"
    assert body["current"] == {"version": 2}


def test_a_form_encoded_body_answers_415(api, petra, token_for):
    key = token_for(petra, "projects:write")
    response = api.post(
        "/api/v1/notes/", "title=t&count=1", content_type="application/x-www-form-urlencoded", HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_messages_are_in_english_when_the_client_asks_for_english(api, fiona, token_for):
    key = token_for(fiona, "kpi:read")
    anonymous = api.get("/api/v1/divisions/", HTTP_ACCEPT_LANGUAGE="en")
    forbidden = api.get("/api/v1/divisions/", HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {key}")
    assert anonymous.json()["message"] == "Authentication required: send the header Authorization: Token <key>."
    assert forbidden.json()["message"] == "You are not allowed to do this."


def test_field_errors_are_in_english_too(api, petra, token_for):
    key = token_for(petra, "projects:write")
    response = api.post("/api/v1/notes/", {"count": 1}, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert body["message"] == "Some fields are not valid: see the error of each field."
    assert body["errors"] == {"title": ["This field is required."]}


def test_an_unexpected_error_answers_500_in_the_shape_and_tells_nothing_of_the_code(fiona, token_for, caplog):
    key = token_for(fiona, "kpi:read")
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/broken/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "message": "サーバーで予期しないエラーが発生しました。時間をおいて再度お試しください。",
    }
    assert "s3cr3t" not in response.content.decode()
    assert "s3cr3t" in caplog.text  # but the log has it, with the traceback


def test_an_unexpected_error_still_fails_the_test_that_met_it(fiona, token_for):
    key = token_for(fiona, "kpi:read")
    with pytest.raises(RuntimeError, match="s3cr3t"):
        APIClient().get("/api/v1/broken/", HTTP_AUTHORIZATION=f"Token {key}")
