"""The login forms of the portal and of the admin, with the username's length checked on the server too.

Django sets the username field's max_length after building it, so only the browser enforced it; a longer name
went on to authenticate(), and django-axes' record of the failure overflowed its column (a 500 on PostgreSQL).
Now it is an error on the form, and nothing is looked up or recorded by axes.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class BoundedUsernameMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    pass
