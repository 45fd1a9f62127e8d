import pytest


@pytest.fixture
def axes_on(settings):
    """Login throttling as in production; off elsewhere in the suite (see settings/test.py)."""
    settings.AXES_ENABLED = True


@pytest.fixture
def root(django_user_model):
    """A superuser."""
    return django_user_model.objects.create_superuser("root", "root@pref.example.lg.jp", "pw")
