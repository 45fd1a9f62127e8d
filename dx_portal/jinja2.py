"""The Jinja2 environment of templates/jinja2/: the charts and the portfolio's fragments, HTML that a page renders at
length, measured faster than the template language for the same HTML (bench/README.md: the charts 5.0 → 1.9 ms, the
portfolio's fragments 2.5-3 ms of an uncached page).

Text to translate is written ``{{ _("…") }}``, which makemessages reads in these files as in any template; a number
goes in through ``|format(n=…)`` on the translated text, and a plural is chosen by the view (ngettext).
"""

from django.template import engines
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from jinja2 import Environment

from . import formatting


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def environment(**options) -> Environment:
    from .charts import render as chart  # charts renders through this module

    env = Environment(**options)
    env.globals.update({"_": gettext, "url": url, "chart": chart})
    env.filters.update({"yen": formatting.yen, "wareki": formatting.wareki, "local_name": formatting.local_name})
    return env


def render_html(template_name: str, context: dict) -> SafeString:
    """The template's HTML, to put into a page as it is: every value in it was escaped when rendered."""
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))  # noqa: S308
