"""URLs under /api/ that match no endpoint answer in the API's error shape; pages keep their 404 page."""


def test_an_unknown_api_url_answers_404_in_the_error_shape(client, db):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": 404, "code": "not_found", "message": "指定されたものは見つかりません。"}


def test_an_unknown_page_shows_the_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()
