"""The login forms of the portal and of the admin, with the username's length checked on the server too.

Django sets the username field's max_length after building it, so only the browser enforced it; a longer name
went on to authenticate(), and django-axes' record of the failure overflowed its column (a 500 on PostgreSQL).
Now it is an error on the form, and nothing is looked up or recorded by axes.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordResetView
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from .api.throttling import hit
from .audit import client_ip


class BoundedUsernameMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    pass


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, limited per client address (the ``password_reset`` rate, as the API limits bad
    tokens): each request sends an e-mail, and the form must not become a way to flood a mailbox or to
    probe at speed. Beyond the limit the form answers 429 with its error, and nothing is sent."""

    def form_valid(self, form):
        allowed, wait = hit(f"ip-{client_ip(self.request)}", "password_reset")
        if not allowed:
            form.add_error(None, _("再設定の依頼が多すぎます。%(minutes)s分ほど待ってから、もう一度お試しください。")
                           % {"minutes": max(1, wait // 60)})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
