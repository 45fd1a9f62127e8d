"""Saved views: a person saves a list page's filters, sort and columns under a name, private or shared with PMO
and the CIO, one as their default; every save and delete is in the history (the audit log)."""

import re

from dx_portal.models import SavedView
from dx_portal.saved_views import saved_view_create


def save(client, page, query, name, **flags):
    listing = client.get(f"{page_path(page)}?{query}")
    token = re.search(r'name="token" value="([^"]+)"', listing.content.decode()).group(1)
    data = {"page": page, "query": query, "name": name, "token": token, **{key: "on" for key, on in flags.items() if on}}
    return client.post("/saved-views/new/", data)


def page_path(page):
    return {SavedView.Page.PORTFOLIO: "/portfolio/", SavedView.Page.RISKS: "/registers/risks/"}[page]


def test_a_saved_view_reopens_with_its_filters_and_columns(client, carl):
    client.force_login(carl)
    response = save(client, SavedView.Page.PORTFOLIO, "health=red&ordering=-budget_yen&cols=budget_yen&page=3", "赤の大型案件")
    assert response.status_code == 302
    assert response["Location"] == "/portfolio/?health=red&ordering=-budget_yen&cols=budget_yen"
    page = client.get("/portfolio/").content.decode()
    assert '<a href="?health=red&amp;ordering=-budget_yen&amp;cols=budget_yen">赤の大型案件</a>' in page
    reopened = client.get(response["Location"])
    assert reopened.context["filterset"].form.cleaned_data["health"] == "red"
    assert "予算額（円）" in reopened.content.decode() and "フェーズ</th>" not in reopened.content.decode()


def test_the_default_view_opens_when_the_page_is_opened_bare(client, petra):
    client.force_login(petra)
    save(client, SavedView.Page.RISKS, "kind=risk&state=open", "未解決のリスク", is_default=True)
    response = client.get("/registers/risks/")
    assert response.status_code == 302 and response["Location"] == "/registers/risks/?kind=risk&state=open"
    # 条件をクリア opens the page without the default.
    cleared = client.get("/registers/risks/?reset=1")
    assert cleared.status_code == 200 and 'href="/registers/risks/?reset=1"' in cleared.content.decode()


def test_a_default_shared_by_someone_else_opens_only_for_them(client, carl, dana):
    saved_view_create(owner=dana, page=SavedView.Page.PORTFOLIO, name="局の赤", query="health=red", shared=True, is_default=True)
    client.force_login(carl)
    response = client.get("/portfolio/")
    assert response.status_code == 200 and [view.name for view in response.context["saved_views"]] == ["局の赤"]
    client.force_login(dana)
    assert client.get("/portfolio/")["Location"] == "/portfolio/?health=red"


def test_one_default_per_person_and_page(petra):
    first = saved_view_create(owner=petra, page=SavedView.Page.RISKS, name="一", query="kind=risk", is_default=True)
    second = saved_view_create(owner=petra, page=SavedView.Page.RISKS, name="二", query="kind=issue", is_default=True)
    other_page = saved_view_create(owner=petra, page=SavedView.Page.PORTFOLIO, name="一", query="", is_default=True)
    first.refresh_from_db()
    assert (first.is_default, second.is_default, other_page.is_default) == (False, True, True)


def test_a_name_used_already_is_a_field_error_not_a_second_view(client, petra):
    client.force_login(petra)
    save(client, SavedView.Page.RISKS, "kind=risk", "リスク")
    response = save(client, SavedView.Page.RISKS, "kind=issue", "リスク")
    assert response.status_code == 200
    assert "同じ名前の条件が既にあります" in response.content.decode()
    assert SavedView.objects.get().query == "kind=risk"


def test_an_empty_name_or_an_unknown_page_is_a_field_error(client, petra):
    client.force_login(petra)
    response = client.post("/saved-views/new/", {"page": "admin:index", "query": "", "name": " "})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"page", "name"}
    assert not SavedView.objects.exists()


def test_shared_views_are_seen_by_pmo_and_the_cio_and_private_ones_by_their_owner_only(client, alice, petra, carl, dana):
    saved_view_create(owner=dana, page=SavedView.Page.PORTFOLIO, name="局の赤", query="health=red", shared=True)
    saved_view_create(owner=dana, page=SavedView.Page.PORTFOLIO, name="局の黄", query="health=yellow")
    for person, seen in ((petra, ["局の赤"]), (carl, ["局の赤"]), (dana, ["局の赤", "局の黄"])):
        client.force_login(person)
        names = [view.name for view in client.get("/portfolio/?reset=1").context["saved_views"]]
        assert names == seen, person
    client.force_login(alice)
    assert client.get("/registers/risks/").context["saved_views"] == []


def test_a_saved_view_is_made_the_default_later_and_stops_being_it(client, petra, carl):
    first = saved_view_create(owner=petra, page=SavedView.Page.RISKS, name="一", query="kind=risk", is_default=True)
    second = saved_view_create(owner=petra, page=SavedView.Page.RISKS, name="二", query="kind=issue")
    client.force_login(carl)
    assert client.post(f"/saved-views/{second.pk}/default/", {"is_default": "1"}).status_code == 404
    client.force_login(petra)
    assert f'action="/saved-views/{second.pk}/default/"' in client.get("/registers/risks/?reset=1").content.decode()
    response = client.post(f"/saved-views/{second.pk}/default/", {"is_default": "1"}, follow=True)
    assert "「二」を既定の条件にしました。" in response.content.decode()
    assert client.get("/registers/risks/")["Location"] == "/registers/risks/?kind=issue"
    first.refresh_from_db()
    assert not first.is_default
    client.post(f"/saved-views/{second.pk}/default/", {"is_default": "0"})
    assert client.get("/registers/risks/").status_code == 200
    history = SavedView.history.filter(id=second.pk).order_by("history_date")
    assert [(row.is_default, row.history_user) for row in history] == [(False, petra), (True, petra), (False, petra)]


def test_a_person_deletes_their_own_view_only(client, petra, carl):
    mine = saved_view_create(owner=petra, page=SavedView.Page.PORTFOLIO, name="私の", query="health=red", shared=True)
    client.force_login(carl)
    assert client.post(f"/saved-views/{mine.pk}/delete/").status_code == 404
    page = client.get("/portfolio/?reset=1").content.decode()
    assert f"/saved-views/{mine.pk}/delete/" not in page
    client.force_login(petra)
    response = client.post(f"/saved-views/{mine.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/portfolio/?reset=1"
    assert not SavedView.objects.exists()


def test_saving_and_deleting_are_in_the_history_with_who_did_it(client, petra):
    client.force_login(petra)
    save(client, SavedView.Page.RISKS, "kind=risk", "リスク")
    view = SavedView.objects.get()
    client.post(f"/saved-views/{view.pk}/delete/")
    history = SavedView.history.filter(id=view.pk).order_by("history_date")
    assert [(row.history_type, row.history_user) for row in history] == [("+", petra), ("-", petra)]
    audit = client.get("/audit/").content.decode()
    assert "リスク" in audit


def test_anonymous_visitors_cannot_save(client, db):
    assert client.post("/saved-views/new/", {"page": "portfolio:index", "name": "x"}).status_code == 302
    assert not SavedView.objects.exists()


def test_a_view_with_a_long_query_saves_and_a_second_submit_leads_to_it(client, carl):
    client.force_login(carl)
    query = "cols=all&search=" + "+".join(["cashless"] * 60)  # the page's filters, well past 300 characters of URL
    first = save(client, SavedView.Page.PORTFOLIO, query, "長い条件")
    assert first.status_code == 302 and len(first["Location"]) > 300
    assert SavedView.objects.get().query == query
