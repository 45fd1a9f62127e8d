"""Versioned edits, written once for every service: lock the row at the version the edit started from,
then validate and save it with its history user.

Every editable record has a ``version``; an edit names the version it started from
(``expected_version``) and is refused with StaleVersionError when someone saved in between, so two
people editing one record never silently overwrite each other.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from .errors import StaleVersionError


def lock_at_version(model: type[models.Model], *, expected_version: int | None, **lookup) -> models.Model:
    """The row, locked until the transaction ends, if nobody saved it since ``expected_version`` was read."""
    current = model._default_manager.select_for_update().get(**lookup)
    if current.version != expected_version:
        raise StaleVersionError(current, expected_version)
    return current


def save_audited(
    instance: models.Model, actor, *, next_version: bool = False, validate: bool = True, duplicate: dict | None = None
) -> None:
    """Validate and save ``instance`` as ``actor`` (who the history records), moving it to its next version.

    ``duplicate`` is the field error to give when a unique constraint refuses the row: another request
    inserted the same record between the service's check and this insert (a double submit). Without one,
    the model's own unique checks name the field, now that the other row is there to be seen; a refusal
    they cannot explain is still a ValidationError (400), never a server error.
    """
    if next_version:
        instance.version += 1
    if validate:
        instance.full_clean()
    instance._history_user = actor
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        if duplicate is not None:
            raise ValidationError(duplicate) from exc
        instance.validate_unique()
        instance.validate_constraints()
        raise ValidationError(_("同じ内容の記録が既にあるため、保存できませんでした。")) from exc


class VersionedRecord(models.Model):
    """What every record edited through ``lock_at_version`` carries: its version, and when it was made and last
    saved. Abstract: each model keeps these columns in its own table."""

    version = models.PositiveIntegerField(_("版"), default=1)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True
