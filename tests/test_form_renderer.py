"""Forms render through Jinja2 (dx_portal.forms.FormRenderer): the HTML a person sees is what the template language
wrote (but for whitespace a browser reads as one space), and the admin's widgets, which only the template language
has, still render."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from dx_portal.forms import DateInput, FormRenderer
from projects.filtersets import ProjectListFilterSet
from projects.models import Project

from .projects.factories import ProjectFactory


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="案件名", max_length=10, help_text="10文字以内")
    phase = forms.ChoiceField(label="フェーズ", choices=[("", "すべて"), ("plan", "企画"), ("build", "構築")])
    kinds = forms.MultipleChoiceField(
        label="種別", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
    )
    due = forms.DateField(label="期限", widget=DateInput)
    closed = forms.BooleanField(label="終了", required=False)
    note = forms.CharField(label="備考", widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


def rendered(form_class, renderer, **kwargs) -> str:
    """The form's HTML through ``renderer`` (its widgets too: they render through the form's renderer) as a browser
    reads it: the template language leaves blank lines between a select's options and a line break inside a
    checkbox's label, Jinja2 none and a space."""
    return re.sub(r"> <", "><", re.sub(r"\s+", " ", form_class(renderer=renderer, **kwargs).render()))


@pytest.mark.parametrize("data", [None, {"name": "x" * 11, "phase": "nope", "due": "2026-13-01", "version": "a"}])
def test_a_form_renders_the_same_html_as_through_the_template_language(data):
    # Unbound, and bound with an error on every field: labels, help, values, the error lists.
    kwargs = {"data": data, "initial": {"phase": "build", "kinds": ["b"]}}
    html = rendered(EveryWidgetForm, FormRenderer(), **kwargs)
    assert html == rendered(EveryWidgetForm, DjangoTemplates(), **kwargs)
    assert '<option value="build"' in html and '<label for="id_due">期限:</label>' in html


@pytest.mark.django_db
def test_the_filter_forms_selects_render_the_same_options():
    ProjectFactory.create_batch(2)
    form_class = ProjectListFilterSet().form.__class__
    data = {"phase": Project.Phase.DEVELOPMENT}
    html = rendered(form_class, FormRenderer(), data=data)
    assert html == rendered(form_class, DjangoTemplates(), data=data)
    assert '<option value="development" selected>設計・開発</option>' in html


@pytest.mark.django_db
def test_the_admin_change_form_renders_its_related_widgets(admin_client):
    project = ProjectFactory()
    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200
    # The admin's wrapper (its own template, not a Jinja2 one) around the division select.
    assert b'class="related-widget-wrapper"' in response.content
