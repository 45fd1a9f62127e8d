from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import KINDS
from .selectors import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The search page's query and the kinds to show (none ticked: every kind)."""

    q = forms.CharField(label=_("キーワード"), max_length=MAX_QUERY_LENGTH, strip=True,
                        widget=forms.TextInput(attrs={"type": "search"}),
                        help_text=_("スペースで区切った語をすべて含むものを探します。"))
    kind = forms.MultipleChoiceField(
        label=_("種類"), required=False, choices=[(kind.key, kind.label) for kind in KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
