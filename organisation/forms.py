"""The people pages' forms: a person, a placement in a division or bureau, a token, the personnel CSV, and the
audit log's filters. They validate input; organisation.services writes."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dx_portal.filtering import FormOnceFilterSet, LocalNameChoiceFilter
from dx_portal.formatting import local_name, person_name
from dx_portal.forms import CsvUploadForm, DateInput, ServiceForm, VersionedForm
from dx_portal.models import ApiToken, AuditEvent

from .models import Bureau, BureauMembership, Division, DivisionMembership, Person, Transfer
from .selectors import RECORD_CHANGE, division_memberships_on, with_placements

ALL = _("すべて")


class PersonForm(ServiceForm):
    """A person's account and staff number; a new one may get an initial password."""

    staff_number = forms.CharField(label=_("職員番号"), max_length=20, required=False)
    password = forms.CharField(
        label=_("初期パスワード"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("空欄にすると、パスワードでのログインはできません（本人がパスワードを再設定するまで）。"),
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "last_name", "first_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name"):
            self.fields[name].required = True
        if self.instance._state.adding:
            return
        del self.fields["password"]
        person = Person.objects.filter(user=self.instance).first()
        self.fields["staff_number"].initial = person.staff_number if person else ""


class DivisionMembershipForm(ServiceForm):
    class Meta:
        model = DivisionMembership
        fields = ["division", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.select_related("bureau")
        self.fields["division"].label_from_instance = local_name


class BureauMembershipForm(ServiceForm):
    class Meta:
        model = BureauMembership
        fields = ["bureau", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = Bureau.objects.all()
        self.fields["bureau"].label_from_instance = local_name


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, required=False)
    scopes = forms.MultipleChoiceField(
        label=_("スコープ"), choices=ApiToken.Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_in_days = forms.IntegerField(
        label=_("有効日数"), required=False, min_value=1, max_value=3650, help_text=_("空欄にすると無期限です。")
    )


class PeopleImportForm(CsvUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "列は 氏名、職員番号、メール、所属コード、役割（ヘッダー行つき）。1行でも誤りがあれば、何も登録されません。"
        )


class PersonFilterSet(FormOnceFilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))
    division = LocalNameChoiceFilter(
        to_field_name="code", queryset=Division.objects.all(), method="filter_division", label=_("所属"),
        empty_label=ALL,
    )
    # Who was in the division on a past date (or will be, after a transfer): the placements shown follow it.
    on = django_filters.DateFilter(method="filter_on", label=_("基準日"), widget=DateInput)
    is_active = django_filters.ChoiceFilter(
        choices=[("true", _("有効")), ("false", _("無効"))], method="filter_active", label=_("状態"), empty_label=ALL
    )

    class Meta:
        model = get_user_model()
        fields = ["search", "division", "on", "is_active"]

    def filter_division(self, queryset, name, value):
        members = division_memberships_on(self.form.cleaned_data.get("on")).filter(division=value)
        return queryset.filter(pk__in=members.values("user"))

    def filter_on(self, queryset, name, value):
        return with_placements(queryset.prefetch_related(None), value)

    def filter_search(self, queryset, name, value):
        terms = Q()
        for field in ("username", "last_name", "first_name", "email", "person__staff_number"):
            terms |= Q(**{f"{field}__icontains": value})
        return queryset.filter(terms)

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


class AuditLogFilterForm(forms.Form):
    person = forms.CharField(label=_("利用者（ユーザー名）"), max_length=150, required=False)
    kind = forms.ChoiceField(
        label=_("種別"), required=False, choices=[("", ALL), *AuditEvent.Kind.choices, (RECORD_CHANGE, _("記録の変更"))]
    )
    since = forms.DateField(label=_("開始日"), required=False, widget=DateInput, help_text=_("空欄なら過去30日"))
    until = forms.DateField(label=_("終了日"), required=False, widget=DateInput)


class TransferForm(VersionedForm):
    class Meta:
        model = Transfer
        fields = ["user", "from_division", "to_division", "role", "effective_on"]
        widgets = {"effective_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        )
        for name in ("from_division", "to_division"):
            self.fields[name].queryset = Division.objects.select_related("bureau")
        self.fields["from_division"].help_text = _("新規の配置なら空欄にします。")
        self.fields["to_division"].help_text = _("退職・転出なら空欄にします。")


class TransferImportForm(CsvUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "列は 氏名 または 職員番号、異動元所属コード、異動先所属コード、役割、発令日（ヘッダー行つき）。"
            "1行でも誤りがあれば、何も登録されません。"
        )


class TransferFilterSet(FormOnceFilterSet):
    state = django_filters.ChoiceFilter(
        choices=[("pending", _("発令前")), ("applied", _("発令済"))], method="filter_state", label=_("状態"),
        empty_label=ALL,
    )
    since = django_filters.DateFilter(field_name="effective_on", lookup_expr="gte", label=_("発令日（から）"),
                                      widget=DateInput)

    class Meta:
        model = Transfer
        fields = ["state", "since"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(applied_at__isnull=value == "pending")


class HandoverForm(forms.Form):
    """Whom to reassign to: a remaining member. The items (every listed one, or one) come as ``item`` values
    "<provider>:<pk>:<version>", checked by organisation.handover and the owning app's service."""

    successor = forms.ModelChoiceField(label=_("引継ぎ先"), queryset=get_user_model().objects.none())

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
        self.fields["successor"].label_from_instance = person_name
