"""The home page (each role lands on the page made for it), the PMO's people pages and transfer list, the
hand-over after a transfer, and the audit log."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, RedirectView, TemplateView

from dx_portal.editing import ServiceFormView
from dx_portal.errors import StaleVersionError
from dx_portal.exports import Table, download
from dx_portal.models import ApiToken
from dx_portal.pagination import FilteredListView, paginate

from . import forms, handover, selectors, services, transfers
from .models import BureauMembership, DivisionMembership, Transfer
from .permissions import may_manage_people, may_read_audit_log
from .roles import roles_of

User = get_user_model()


def start_page_for(user) -> str:
    """PMO and division staff (managers too) start on what waits for them (/my/); the CIO, directors and
    auditors on the portfolio; others on KPIs."""
    roles = roles_of(user)
    if not roles.is_cio and (roles.is_pmo or roles.division_ids):
        return reverse("workbench:my-work")
    if roles.sees_portfolio:
        return reverse("portfolio:index")
    return reverse("kpis:indicator-list")


class HomeView(LoginRequiredMixin, RedirectView):
    """Each role lands on the page made for it."""

    def get_redirect_url(self, *args, **kwargs):
        return start_page_for(self.request.user)


# --- People: the PMO's pages -----------------------------------------------------------------------------

PEOPLE_PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 100


class PeopleManagerMixin(LoginRequiredMixin):
    """PMO and superusers only: anyone else logged in gets 403; a person not there, 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not may_manage_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def person(self):
        return get_object_or_404(User, username=self.kwargs["username"])

    def person_url(self):
        return reverse("person-detail", args=[self.person.username])


class PersonListView(PeopleManagerMixin, FilteredListView):
    template_name = "organisation/person_list.html"
    filterset_class = forms.PersonFilterSet
    paginate_by = PEOPLE_PAGE_SIZE

    def get_queryset(self):
        return selectors.people()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["filterset"].form
        # The placements shown are those on the filter's date, when one is given.
        context["on"] = form.cleaned_data.get("on") if form.is_bound and form.is_valid() else None
        return context


class PersonDetailView(PeopleManagerMixin, TemplateView):
    template_name = "organisation/person_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            staff_number=getattr(getattr(self.person, "person", None), "staff_number", None),
            division_form=forms.DivisionMembershipForm(),
            bureau_form=forms.BureauMembershipForm(),
            **selectors.person_page(self.person),
            **kwargs,
        )


class PersonFormView(PeopleManagerMixin, ServiceFormView):
    template_name = "organisation/person_form.html"
    form_class = forms.PersonForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)

    def get_success_url(self):
        return reverse("person-detail", args=[self.object.username])


class PersonCreateView(PersonFormView):
    heading = _("職員の登録")
    success_message = _("職員を登録しました。")

    def perform(self, form):
        return services.person_create(actor=self.request.user, **form.service_arguments())


class PersonUpdateView(PersonFormView):
    heading = _("職員情報の変更")

    def get_instance(self):
        return self.person

    def perform(self, form):
        return services.person_update(actor=self.request.user, user=self.person, **form.service_arguments())


class MembershipCreateView(PeopleManagerMixin, ServiceFormView):
    """Place the person in a division (or a bureau): the forms sit on the person's page, errors show here."""

    template_name = "organisation/membership_form.html"
    success_message = _("所属・役割を登録しました。")

    def get_form_class(self):
        return forms.BureauMembershipForm if self.kwargs["kind"] == "bureau" else forms.DivisionMembershipForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def perform(self, form):
        arguments = form.service_arguments()
        if self.kwargs["kind"] == "bureau":
            return services.bureau_membership_set(actor=self.request.user, user=self.person, **arguments)
        return services.division_membership_set(actor=self.request.user, user=self.person, **arguments)

    def get_success_url(self):
        return self.person_url()


class PersonActionView(PeopleManagerMixin, View):
    """A button on the person's page: POST only, then back to the page with a message."""

    message = ""

    def act(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.message)
        return redirect(self.person_url())


class PersonDeactivateView(PersonActionView):
    message = _("職員を無効にしました。ログインできなくなり、APIトークンも失効しました。")

    def act(self):
        services.person_deactivate(actor=self.request.user, user=self.person)


class PersonReactivateView(PersonActionView):
    message = _("職員を再び有効にしました。")

    def act(self):
        services.person_reactivate(actor=self.request.user, user=self.person)


class MembershipRemoveView(PersonActionView):
    message = _("所属・役割を解除しました。")

    def act(self):
        model = BureauMembership if self.kwargs["kind"] == "bureau" else DivisionMembership
        membership = get_object_or_404(model.objects.select_related("user"), pk=self.kwargs["pk"], user=self.person)
        services.membership_remove(actor=self.request.user, membership=membership)


class TokenRevokeView(PersonActionView):
    message = _("トークンを失効させました。")

    def act(self):
        # Named by knox's token_key (the key's first characters, stored in clear): the digest stays off the page.
        token = get_object_or_404(ApiToken.objects.select_related("user"), token_key=self.kwargs["key"], user=self.person)
        services.api_token_revoke(actor=self.request.user, token=token)


class TokenIssueView(PeopleManagerMixin, FormView):
    """Issue a token: its key is on the answer to the POST, once, and never stored (nor put in a message)."""

    template_name = "organisation/token_form.html"
    form_class = forms.TokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form):
        try:
            token, key = services.api_token_issue(actor=self.request.user, user=self.person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        # Logged-in pages are never cached (dx_portal.middleware.PrivateCacheMiddleware): the key is not kept anywhere.
        return self.render_to_response(self.get_context_data(form=form, token=token, key=key))


class PeopleImportView(PeopleManagerMixin, FormView):
    template_name = "organisation/people_import.html"
    form_class = forms.PeopleImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=services.COLUMNS, **kwargs)

    def form_valid(self, form):
        result = services.people_import(actor=self.request.user, data=form.cleaned_data["file"].read())
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        messages.success(self.request, _("%(created)s人を新たに登録し、%(updated)s人を更新しました。") % {
            "created": result.created, "updated": result.updated})
        return redirect("person-list")


# --- The audit log ---------------------------------------------------------------------------------------


class AuditLogView(LoginRequiredMixin, TemplateView):
    """Logins, lockouts, tokens, people and every record change: auditors and PMO read it, nobody edits it."""

    template_name = "organisation/audit_log.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not may_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def entries(self):
        self.filter_form = forms.AuditLogFilterForm(self.request.GET or None)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            return []
        filters = {name: value for name, value in (self.filter_form.cleaned_data if self.filter_form.is_bound else {}).items()
                   if value}
        # Without a start date, the last 30 days: an audit log grows without end.
        filters.setdefault("since", timezone.localdate() - selectors.AUDIT_WINDOW)
        return selectors.audit_log(**filters)

    def get(self, request, *args, **kwargs):
        if kwargs.get("fmt") == "csv":
            return download(self.table(self.entries()), fmt="csv", name="audit-log")
        return super().get(request, *args, **kwargs)

    def table(self, entries) -> Table:
        header = [_("日時"), _("種別"), _("利用者"), _("対象"), _("詳細"), _("IPアドレス")]
        rows = ((timezone.localtime(e.when).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds"), e.kind,
                 e.who, e.subject, e.detail, e.ip_address) for e in entries)
        return Table(title=str(_("監査ログ")), header=[str(label) for label in header], rows=rows)

    def get_context_data(self, **kwargs):
        entries = self.entries()
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form, export_query=query.urlencode(),
            **paginate(self.request, entries, AUDIT_PAGE_SIZE), **kwargs,
        )


# --- Transfers (人事異動) and the hand-over ----------------------------------------------------------

TRANSFER_PAGE_SIZE = 50


class TransferListView(PeopleManagerMixin, FilteredListView):
    template_name = "organisation/transfer_list.html"
    filterset_class = forms.TransferFilterSet
    paginate_by = TRANSFER_PAGE_SIZE

    def get_queryset(self):
        return Transfer.objects.select_related("user", "from_division", "to_division", "entered_by")


class TransferFormView(PeopleManagerMixin, ServiceFormView):
    template_name = "organisation/transfer_form.html"
    form_class = forms.TransferForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)

    def get_success_url(self):
        return reverse("transfer-list")


class TransferCreateView(TransferFormView):
    heading = _("人事異動の登録")
    success_message = _("人事異動を登録しました。発令日に反映されます。")

    def perform(self, form):
        return transfers.transfer_create(actor=self.request.user, **form.service_arguments())


class TransferUpdateView(TransferFormView):
    """Only before it is applied: an applied transfer is history (403)."""

    heading = _("人事異動の変更")

    def get_instance(self):
        transfer = get_object_or_404(Transfer, pk=self.kwargs["pk"])
        if transfer.applied_at is not None:
            raise PermissionDenied
        return transfer

    def perform(self, form):
        return transfers.transfer_update(actor=self.request.user, transfer=self.instance, **form.service_arguments())


class TransferImportView(PeopleManagerMixin, FormView):
    template_name = "organisation/transfer_import.html"
    form_class = forms.TransferImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=transfers.COLUMNS, **kwargs)

    def form_valid(self, form):
        result = transfers.transfers_import(actor=self.request.user, data=form.cleaned_data["file"].read())
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        messages.success(self.request, _("人事異動を%(created)s件登録しました。") % {"created": result.created})
        return redirect("transfer-list")


class HandoverListView(LoginRequiredMixin, TemplateView):
    """The hand-overs a manager has to do (PMO: all of them)."""

    template_name = "organisation/handover_list.html"

    def dispatch(self, request, *args, **kwargs):
        roles = roles_of(request.user)
        if roles.authenticated and not (roles.is_pmo or roles.managed_division_ids):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**paginate(self.request, handover.handovers_for(self.request.user),
                                                   TRANSFER_PAGE_SIZE), **kwargs)


class HandoverDetailView(LoginRequiredMixin, TemplateView):
    """What the leaver owned in their former division, and its reassignment. Who may not see the division's
    records gets 404; who may see them but is not its manager (nor PMO), 403 on reassigning."""

    template_name = "organisation/handover_detail.html"

    @cached_property
    def transfer(self):
        transfer = get_object_or_404(
            Transfer.objects.select_related("user", "from_division", "to_division"),
            pk=self.kwargs["pk"], applied_at__isnull=False, from_division__isnull=False,
        )
        if not handover.may_view_handover(self.request.user, transfer):
            raise Http404
        return transfer

    def form(self, data=None):
        return forms.HandoverForm(data, successors=handover.successors(self.transfer))

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.form())
        sections = handover.handover_sections(self.transfer)
        return super().get_context_data(
            transfer=self.transfer, sections=sections, item_count=sum(len(s.items) for s in sections),
            members=list(form.fields["successor"].queryset),
            may_hand_over=handover.may_hand_over(self.request.user, self.transfer), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not handover.may_hand_over(request.user, self.transfer):
            raise PermissionDenied
        form = self.form(request.POST)
        if form.is_valid():
            try:
                count = handover.hand_over(
                    actor=request.user, transfer=self.transfer, successor=form.cleaned_data["successor"],
                    items=request.POST.getlist("item"),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for name, errors in error.error_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            except StaleVersionError:
                form.add_error(None, _("表示の後に他の人が変更しました。画面を再読み込みしてから、もう一度操作してください。"))
            else:
                messages.success(request, _("%(count)s件を引き継ぎました。") % {"count": count})
                return redirect("handover-detail", pk=self.transfer.pk)
        return self.render_to_response(self.get_context_data(form=form))
