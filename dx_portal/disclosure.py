"""Disclosure classification under the prefecture's information-disclosure ordinance (情報公開条例): every record
the public may ask for is 公開, 一部公開 or 非公開, with the ground for withholding it and an optional embargo
(意思決定過程: withheld until the decision is made). Written once here for every app's records.

A record goes to the public feed only when it is 公開 and its embargo, if any, has passed. The safe default is
非公開: a record nobody has classified is never published.
"""

import datetime
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import DATE_VALIDATORS


class Disclosure(models.TextChoices):
    PUBLIC = "public", _("公開")
    PARTIAL = "partial", _("一部公開")
    WITHHELD = "withheld", _("非公開")


class WithholdingGround(models.TextChoices):
    """The ordinance's grounds for withholding (非公開情報), in short."""

    PERSONAL = "personal", _("個人情報")
    CORPORATE = "corporate", _("法人等情報")
    DELIBERATION = "deliberation", _("審議・検討等情報（意思決定過程）")
    ADMINISTRATION = "administration", _("事務事業情報")


def disclosure_field(label) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Disclosure.choices, default=Disclosure.WITHHELD)


def ground_field(label) -> models.CharField:
    return models.CharField(label, max_length=20, choices=WithholdingGround.choices, blank=True)


def embargo_field(label) -> models.DateField:
    return models.DateField(
        label, null=True, blank=True, validators=DATE_VALIDATORS,
        help_text=_("この日まで公開の一覧・出力に載せません（意思決定過程の情報など）。"),
    )


def is_disclosed(disclosure: str, embargo_until: datetime.date | None, today: datetime.date) -> bool:
    return disclosure == Disclosure.PUBLIC and (embargo_until is None or embargo_until <= today)


def disclosed_q(today: datetime.date, prefix: str = "") -> Q:
    """The rows the public may read on ``today``: 公開, and past any embargo. ``prefix`` names the fields' prefix."""
    return Q(**{f"{prefix}disclosure": Disclosure.PUBLIC}) & (
        Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": today})
    )


def check_ground(disclosure: str, ground: str, field: str) -> None:
    """A record published whole has nothing withheld, so no ground."""
    if disclosure == Disclosure.PUBLIC and ground:
        raise ValidationError({field: _("公開の記録には非公開の理由を指定できません。")})


class Classified(models.Model):
    """A record with its disclosure classification, ground and embargo (abstract: each model keeps its columns)."""

    disclosure = disclosure_field(_("公開区分"))
    withholding_ground = ground_field(_("非公開の理由"))
    embargo_until = embargo_field(_("公開日"))

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_ground(self.disclosure, self.withholding_ground, "withholding_ground")

    def is_disclosed(self, today: datetime.date) -> bool:
        return is_disclosed(self.disclosure, self.embargo_until, today)


DISCLOSURE_FIELDS = ("disclosure", "withholding_ground", "embargo_until")
MINUTES_DISCLOSURE_FIELDS = ("minutes_disclosure", "minutes_withholding_ground", "minutes_embargo_until")


class ClassifiedMinutes(models.Model):
    """A meeting's minutes, classified apart from the meeting's record (the minutes may be withheld longer)."""

    minutes_disclosure = disclosure_field(_("議事録の公開区分"))
    minutes_withholding_ground = ground_field(_("議事録の非公開の理由"))
    minutes_embargo_until = embargo_field(_("議事録の公開日"))

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_ground(self.minutes_disclosure, self.minutes_withholding_ground, "minutes_withholding_ground")

    def minutes_disclosed(self, today: datetime.date) -> bool:
        return bool(self.minutes) and is_disclosed(self.minutes_disclosure, self.minutes_embargo_until, today)


class ClassificationInput(TypedDict, total=False):
    """What a service takes to classify a record (and its minutes)."""

    disclosure: str
    withholding_ground: str
    embargo_until: datetime.date | None
    minutes_disclosure: str
    minutes_withholding_ground: str
    minutes_embargo_until: datetime.date | None


class DisclosureFormMixin:
    """A form's classification fields may be left out (an older client, a form without them): the record is then
    非公開, the safe default, as one nobody classified."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith("disclosure"):
                field.required = False

    def clean(self):
        data = super().clean()
        for name in self.fields:
            if name.endswith("disclosure") and not data.get(name):
                data[name] = Disclosure.WITHHELD
        return data
