"""Every write to people, their memberships and their API tokens: the PMO's people pages, the personnel CSV
import and the demo. Each write checks the actor's right and leaves an AuditEvent naming who did what to whom."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal import audit, tokens
from dx_portal.csv_import import HEADER_ROW, ImportResult, RowError, read_rows, too_many_columns, validation_errors
from dx_portal.formatting import person_name
from dx_portal.models import ApiToken, AuditEvent

from .models import Bureau, BureauMembership, Division, DivisionMembership, Person
from .permissions import may_manage_people

User = get_user_model()
Kind = AuditEvent.Kind


def ensure_may_manage_people(actor) -> None:
    if not may_manage_people(actor):
        raise PermissionDenied(_("職員を管理する権限がありません。"))


def describe(user) -> str:
    """How the audit log names a person: family name first, with the username that stays when the name changes."""
    name = person_name(user)
    return name if name == user.get_username() else f"{name} ({user.get_username()})"


def _record(kind: str, actor, subject: str) -> None:
    audit.record(kind, user=actor, subject=subject[:300])


def _save_user(user, staff_number: str | None) -> None:
    """Validate and save the account and its staff number together; a taken number is the number's error."""
    user.full_clean(exclude=["password"])
    person = Person.objects.filter(user=user).first() if user.pk else None
    person = person or Person(user=user)
    person.staff_number = staff_number or None
    try:
        person.validate_unique(exclude=["user"])
    except ValidationError:
        raise ValidationError({"staff_number": _("この職員番号は既に使われています。")}) from None
    user.save()
    person.user = user
    person.save()


@transaction.atomic
def person_create(
    *, actor, username: str, last_name: str, first_name: str, email: str = "", staff_number: str | None = None,
    password: str = "",
) -> User:
    """A new local account. Without a password it cannot log in with one (the directory, or a reset, gives it one)."""
    ensure_may_manage_people(actor)
    user = User(username=username, last_name=last_name, first_name=first_name, email=email)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    _save_user(user, staff_number)
    _record(Kind.PERSON_CREATED, actor, describe(user))
    return user


@transaction.atomic
def person_update(
    *, actor, user, username: str, last_name: str, first_name: str, email: str = "", staff_number: str | None = None
) -> User:
    ensure_may_manage_people(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = describe(user)
    user.username, user.last_name, user.first_name, user.email = username, last_name, first_name, email
    _save_user(user, staff_number)
    after = describe(user)
    _record(Kind.PERSON_CHANGED, actor, after if before == after else f"{before} → {after}")
    return user


@transaction.atomic
def person_deactivate(*, actor, user) -> None:
    """The account stays (its name in every history and log), but cannot log in, and its tokens stop working."""
    ensure_may_manage_people(actor)
    if user.pk == actor.pk:
        raise ValidationError(_("自分自身を無効にすることはできません。"))
    updated = User.objects.filter(pk=user.pk, is_active=True).update(is_active=False)
    if not updated:
        return
    user.is_active = False
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        api_token_revoke(actor=actor, token=token)
    _record(Kind.PERSON_DEACTIVATED, actor, describe(user))


@transaction.atomic
def person_reactivate(*, actor, user) -> None:
    ensure_may_manage_people(actor)
    if User.objects.filter(pk=user.pk, is_active=False).update(is_active=True):
        user.is_active = True
        _record(Kind.PERSON_REACTIVATED, actor, describe(user))


def _membership_subject(user, place, role_label) -> str:
    return f"{describe(user)} / {place} / {role_label}"


@transaction.atomic
def division_membership_set(*, actor, user, division: Division, role: str) -> DivisionMembership:
    """Place a person in a division in a role from today (a second placement in the same division changes the
    role of the open membership)."""
    ensure_may_manage_people(actor)
    membership, created = DivisionMembership.objects.get_or_create(
        user=user, division=division, end_on__isnull=True, defaults={"role": role, "start_on": timezone.localdate()}
    )
    if not created and membership.role == role:
        return membership
    if not created:
        membership.role = role
        membership.save(update_fields=["role"])
    _record(Kind.MEMBERSHIP_ADDED, actor, _membership_subject(user, division, membership.get_role_display()))
    return membership


@transaction.atomic
def bureau_membership_set(*, actor, user, bureau: Bureau, role: str = BureauMembership.Role.DIRECTOR) -> BureauMembership:
    ensure_may_manage_people(actor)
    membership, created = BureauMembership.objects.get_or_create(
        user=user, bureau=bureau, end_on__isnull=True, defaults={"role": role, "start_on": timezone.localdate()}
    )
    if created:
        _record(Kind.MEMBERSHIP_ADDED, actor, _membership_subject(user, bureau, membership.get_role_display()))
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: DivisionMembership | BureauMembership) -> None:
    """End an open membership yesterday, so that the history still shows it; one not yet begun is withdrawn."""
    ensure_may_manage_people(actor)
    place = membership.division if isinstance(membership, DivisionMembership) else membership.bureau
    subject = _membership_subject(membership.user, place, membership.get_role_display())
    today = timezone.localdate()
    rows = type(membership).objects.filter(pk=membership.pk, end_on__isnull=True)
    if membership.start_on >= today:
        changed = rows.delete()[0]
    else:
        changed = rows.update(end_on=today - datetime.timedelta(days=1))
    if changed:
        _record(Kind.MEMBERSHIP_REMOVED, actor, subject)


# --- API tokens ------------------------------------------------------------------------------------------


def _token_subject(token: ApiToken) -> str:
    return f"{token.token_key}… {describe(token.user)} [{token.scopes}]" + (f" {token.name}" if token.name else "")


@transaction.atomic
def api_token_issue(*, actor, user, scopes: list[str], name: str = "", expires_in_days: int | None = None):
    """Issue a token to ``user`` (the key is returned once, never stored) and record who issued it."""
    ensure_may_manage_people(actor)
    if not user.is_active:
        raise ValidationError(_("無効な職員にはトークンを発行できません。"))
    try:
        token, key = tokens.api_token_issue(user=user, scopes=scopes, name=name, expires_in_days=expires_in_days)
    except ValueError as exc:
        raise ValidationError({"scopes": str(exc)}) from None
    audit.record(Kind.TOKEN_ISSUED, user=actor, subject=_token_subject(token)[:300], token_key=token.token_key)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    ensure_may_manage_people(actor)
    if tokens.api_token_revoke(token=token):
        audit.record(Kind.TOKEN_REVOKED, user=actor, subject=_token_subject(token)[:300], token_key=token.token_key)


# --- The personnel list (CSV) ----------------------------------------------------------------------------

COLUMNS = ("氏名", "職員番号", "メール", "所属コード", "役割")
# The role column takes the label a personnel list writes, or the stored value.
ROLES = {
    **{str(label): ("division", value) for value, label in DivisionMembership.Role.choices},
    **{value: ("division", value) for value in DivisionMembership.Role.values},
    **{str(label): ("bureau", value) for value, label in BureauMembership.Role.choices},
    **{value: ("bureau", value) for value in BureauMembership.Role.values},
}
NAME_SEPARATOR = re.compile(r"[ \u3000]+")


@transaction.atomic
def people_import(*, actor, data: bytes) -> ImportResult:
    """Import a personnel list (氏名, 職員番号, メール, 所属コード, 役割), all or nothing.

    A row is a person, found by staff number (their username when new: a new account has no password and
    logs in through the directory or a reset) and placed in the division (所属コード of a division, role
    担当者 or 所属長) or bureau (the bureau's code, role 局長) named. Every rejected row is reported; when any
    row fails nothing is saved.
    """
    ensure_may_manage_people(actor)
    result = ImportResult()
    rows, result.errors = read_rows(data, required=COLUMNS, known=COLUMNS)
    people = {p.staff_number: p.user for p in Person.objects.select_related("user").filter(
        staff_number__in={(row.get("職員番号") or "").strip() for row in rows})}
    divisions = {d.code: d for d in Division.objects.all()}
    bureaus = {b.code: b for b in Bureau.objects.all()}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        result.errors.extend(_import_person(actor, number, row, people, divisions, bureaus, seen, result))
    if result.errors:
        transaction.set_rollback(True)
    return result


def _import_person(actor, number, row, people, divisions, bureaus, seen, result) -> list[RowError]:
    if errors := too_many_columns(number, row):
        return errors
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    errors = [RowError(number, name, _("この項目は必須です。")) for name in ("氏名", "職員番号", "所属コード", "役割")
              if not values[name]]
    if errors:
        return errors
    staff_number = values["職員番号"]
    if staff_number in seen:
        return [RowError(number, "職員番号", _("%(row)s行目と同じ職員番号です。") % {"row": seen[staff_number]})]
    seen[staff_number] = number
    kind, role = ROLES.get(values["役割"], (None, None))
    if kind is None:
        return [RowError(number, "役割", _("役割は 担当者、所属長、局長 のいずれかです。"))]
    place = (divisions if kind == "division" else bureaus).get(values["所属コード"])
    if place is None:
        message = _("この所属コードの所属はありません。") if kind == "division" else _("この局コードの局はありません。")
        return [RowError(number, "所属コード", message)]
    last_name, _sep, first_name = NAME_SEPARATOR.sub(" ", values["氏名"]).partition(" ")
    fields = {"last_name": last_name, "first_name": first_name, "email": values["メール"], "staff_number": staff_number}
    try:
        with transaction.atomic():
            user = people.get(staff_number)
            if user is None:
                user = person_create(actor=actor, username=staff_number, **fields)
                result.created += 1
            else:
                # A list without an address keeps the one the person has.
                fields["email"] = fields["email"] or user.email
                user = person_update(actor=actor, user=user, username=user.username, **fields)
                result.updated += 1
            if kind == "division":
                division_membership_set(actor=actor, user=user, division=place, role=role)
            else:
                bureau_membership_set(actor=actor, user=user, bureau=place, role=role)
    except ValidationError as exc:
        return [RowError(e.row, COLUMN_OF.get(e.field, e.field), e.message) for e in validation_errors(number, exc)]
    return []


# A model field's error, under the column it came from.
COLUMN_OF = {"last_name": "氏名", "first_name": "氏名", "email": "メール", "staff_number": "職員番号", "username": "職員番号"}
