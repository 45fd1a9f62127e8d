"""/my/ (what waits for the person) and the notices inbox (/notifications/)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dx_portal.pagination import paginate
from organisation import notifications
from organisation.models import Notification

from . import forms, selectors
from .context_processors import counts_for

INBOX_PAGE_SIZE = 25


class MyWorkView(LoginRequiredMixin, TemplateView):
    """Per role, what waits for the person and since when; each row links to where it is done."""

    template_name = "workbench/my_work.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        listings = selectors.my_work(self.request.user, today, counts_for(self.request))
        rows = [(listing, [(row, row.waited(today)) for row in listing.rows]) for listing in listings]
        return super().get_context_data(listings=rows, today=today, section_rows=selectors.SECTION_ROWS, **kwargs)


class NotificationListView(LoginRequiredMixin, TemplateView):
    """The person's notices, newest first, unread ones marked."""

    template_name = "workbench/notification_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = Notification.objects.filter(recipient=self.request.user)
        context.update(paginate(self.request, rows, INBOX_PAGE_SIZE))
        return context


class NotificationMixin(LoginRequiredMixin):
    def notification(self) -> Notification:
        # Another person's notice is not there for this one.
        return get_object_or_404(Notification, pk=self.kwargs["pk"], recipient=self.request.user)


class NotificationOpenView(NotificationMixin, View):
    """Follow a notice to where it points, marking it read."""

    def get(self, request, pk):
        notification = self.notification()
        notifications.notification_mark_read(user=request.user, notification=notification)
        safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
        return redirect(notification.url if safe else reverse("workbench:notification-list"))


class NotificationReadView(NotificationMixin, View):
    def post(self, request, pk):
        notifications.notification_mark_read(user=request.user, notification=self.notification())
        return redirect(_back_to_inbox(request))


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        if notifications.notifications_mark_all_read(user=request.user):
            messages.success(request, _("すべての通知を既読にしました。"))
        return redirect(_back_to_inbox(request))


def _back_to_inbox(request) -> str:
    """The inbox page the button was on (``page`` kept), never elsewhere."""
    page = request.POST.get("page", "")
    url = reverse("workbench:notification-list")
    return f"{url}?page={page}" if page.isdigit() else url


class NotificationSettingsView(LoginRequiredMixin, FormView):
    """Per kind of notice: in the inbox only, or also by e-mail (reminders keep their own rules)."""

    template_name = "workbench/notification_settings.html"
    form_class = forms.NotificationSettingsForm
    success_url = reverse_lazy("workbench:notification-settings")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "email_kinds": notifications.email_kinds(self.request.user)}

    def form_valid(self, form):
        notifications.notification_preferences_set(user=self.request.user, email=form.email_kinds())
        messages.success(self.request, _("通知の設定を保存しました。"))
        return super().form_valid(form)
