"""Saved views: a list page's filters, sort and columns kept under a name (dx_portal.models.SavedView).

The service writes (audited through the model's history), the mixin gives a list page its saved views, its
default and the small save form (templates/includes/saved_views.html), and two pages save and delete.
Who sees views shared with PMO and the CIO is the page's to say (``sees_shared_views``): dx_portal knows no roles.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View

from .editing import ServiceFormView
from .forms import ServiceForm
from .models import SavedView
from .versioning import save_audited

# Never saved: the page number and the flag that opens a page without its default.
NOT_SAVED = ("page", "reset", "csrfmiddlewaretoken")
RESET = "reset=1"


def saved_query(query: str) -> str:
    """The query string as saved: re-encoded, without the page number or the reset flag."""
    data = QueryDict(query, mutable=True)
    for name in NOT_SAVED:
        data.pop(name, None)
    return data.urlencode()


def page_url(view: SavedView) -> str:
    """The page with the view's filters, sort and columns."""
    return f"{reverse(view.page)}?{view.query or RESET}"


@transaction.atomic
def saved_view_create(
    *, owner, page: str, name: str, query: str, shared: bool = False, is_default: bool = False
) -> SavedView:
    """Save the page's current query under ``name``; as the default, it takes over from the owner's previous one."""
    name = name.strip()
    if SavedView.objects.filter(owner=owner, page=page, name=name).exists():
        raise ValidationError({"name": _("同じ名前の条件が既にあります。別の名前を付けてください。")})
    if is_default:
        _clear_default(owner=owner, page=page)
    view = SavedView(owner=owner, page=page, name=name, query=saved_query(query), shared=shared, is_default=is_default)
    save_audited(view, owner, duplicate={"name": _("同じ名前の条件が既にあります。別の名前を付けてください。")})
    return view


def _clear_default(*, owner, page: str) -> None:
    for previous in SavedView.objects.select_for_update().filter(owner=owner, page=page, is_default=True):
        previous.is_default = False
        save_audited(previous, owner)


@transaction.atomic
def saved_view_set_default(*, actor, view: SavedView, is_default: bool) -> SavedView:
    """Only its owner makes a view their default (taking over from the previous one) or stops it being one."""
    if view.owner_id != actor.pk:
        raise PermissionDenied
    if is_default:
        _clear_default(owner=actor, page=view.page)
    view.refresh_from_db()
    view.is_default = is_default
    save_audited(view, actor)
    return view


@transaction.atomic
def saved_view_delete(*, actor, view: SavedView) -> None:
    """Only its owner deletes a view (a shared one too); the history keeps who did and when."""
    if view.owner_id != actor.pk:
        raise PermissionDenied
    view._history_user = actor
    view.delete()


def saved_views_for(*, user, page: str, sees_shared: bool) -> list[SavedView]:
    """The user's own views of the page, and the ones others shared when the user is one they are shared with."""
    mine = Q(owner=user)
    rows = SavedView.objects.filter(mine | Q(shared=True) if sees_shared else mine, page=page)
    return list(rows.select_related("owner").order_by("-is_default", "name", "pk"))


class SavedViewForm(ServiceForm):
    class Meta:
        model = SavedView
        fields = ["name", "shared", "is_default", "page", "query"]
        widgets = {"page": forms.HiddenInput, "query": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        # Its own ids: the form sits on list pages beside their filter form.
        kwargs.setdefault("auto_id", "saved-view-%s")
        super().__init__(*args, **kwargs)


class SavedViewsMixin:
    """For a list page: opened with no parameters, it shows the person's default view; ``saved_views_context()``
    gives the template its views and the save form. ``clear_url`` opens the page without the default."""

    saved_view_page: str = ""

    def sees_shared_views(self) -> bool:
        return False

    @cached_property
    def saved_views(self) -> list[SavedView]:
        # Read once: the default's redirect and the page's list of views are the same rows.
        request = self.request
        return saved_views_for(user=request.user, page=self.saved_view_page, sees_shared=self.sees_shared_views())

    def default_redirect(self):
        """To the person's default view when the page is opened with no parameters; else None."""
        if self.request.GET:
            return None
        owner = self.request.user.pk
        default = next((view for view in self.saved_views if view.owner_id == owner and view.is_default), None)
        return redirect(page_url(default)) if default is not None else None

    def get(self, request, *args, **kwargs):
        return self.default_redirect() or super().get(request, *args, **kwargs)

    def saved_views_context(self) -> dict:
        request = self.request
        query = saved_query(request.GET.urlencode())
        return {
            "saved_views": self.saved_views,
            "saved_view_form": SavedViewForm(initial={"page": self.saved_view_page, "query": query}),
            "clear_url": f"{request.path}?{RESET}",
        }


class SavedViewCreateView(ServiceFormView):
    """Save a page's conditions; the list page posts here, and a refusal (a name used already) shows here."""

    template_name = "saved_views/form.html"
    form_class = SavedViewForm
    success_message = _("条件を保存しました。")

    def get_initial(self):
        return {"page": self.request.GET.get("page", ""), "query": saved_query(self.request.GET.get("query", ""))}

    def perform(self, form):
        return saved_view_create(owner=self.request.user, **form.service_arguments())

    def get_success_url(self):
        return page_url(self.object)


class SavedViewDefaultView(LoginRequiredMixin, View):
    """``is_default=1`` makes one's own view the page's default, ``is_default=0`` stops it being one."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        view = get_object_or_404(SavedView, pk=pk, owner=request.user)
        is_default = request.POST.get("is_default") == "1"
        saved_view_set_default(actor=request.user, view=view, is_default=is_default)
        message = _("「%(name)s」を既定の条件にしました。") if is_default else _("「%(name)s」を既定の条件から外しました。")
        messages.success(request, message % {"name": view.name})
        return redirect(f"{reverse(view.page)}?{RESET}")


class SavedViewDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        # Another's view is not there for this person (404), as any record they may not see.
        view = get_object_or_404(SavedView, pk=pk, owner=request.user)
        url = reverse(view.page)
        saved_view_delete(actor=request.user, view=view)
        messages.success(request, _("保存した条件「%(name)s」を削除しました。") % {"name": view.name})
        return redirect(f"{url}?{RESET}")
