"""The transfer list (人事異動): entered or imported by the PMO ahead of time, applied once on its date.

Applying a transfer ends the person's membership of the division they leave the day before the date and
starts one in the division they join on the date, so that roles, visibility and reminders (which count
memberships in effect on a day, organisation.selectors) follow it from that day; the former division's
manager is told what to hand over (organisation.handover).

Exactly once: each due transfer is locked, checked still unapplied, applied and marked in one
transaction; a second run, concurrent or later, finds it marked and changes nothing.
"""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal import audit, emails
from dx_portal.csv_import import HEADER_ROW, ImportResult, RowError, read_rows, too_many_columns, validation_errors
from dx_portal.models import AuditEvent
from dx_portal.versioning import lock_at_version, save_audited

from . import handover
from .models import Division, DivisionMembership, Person, Transfer
from .services import describe, ensure_may_manage_people

logger = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)
EDITABLE = ("user", "from_division", "to_division", "role", "effective_on")


def _check(transfer: Transfer) -> None:
    errors = {}
    if transfer.from_division_id is None and transfer.to_division_id is None:
        errors["to_division"] = _("異動元か異動先のどちらかを指定してください。")
    elif transfer.from_division_id is not None and not DivisionMembership.objects.filter(
        user_id=transfer.user_id, division_id=transfer.from_division_id, end_on__isnull=True
    ).exists():
        errors["from_division"] = _("この職員は異動元の所属に配置されていません。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def transfer_create(*, actor, user, from_division, to_division, role, effective_on) -> Transfer:
    ensure_may_manage_people(actor)
    transfer = Transfer(
        user=user, from_division=from_division, to_division=to_division, role=role, effective_on=effective_on,
        entered_by=actor,
    )
    _check(transfer)
    save_audited(transfer, actor)
    return transfer


@transaction.atomic
def transfer_update(*, actor, transfer: Transfer, expected_version: int, **changes) -> Transfer:
    """Change a transfer not yet applied (an applied one is history: PermissionDenied)."""
    ensure_may_manage_people(actor)
    current = lock_at_version(Transfer, pk=transfer.pk, expected_version=expected_version)
    if current.applied_at is not None:
        raise PermissionDenied(_("発令済みの人事異動は変更できません。"))
    for name in EDITABLE:
        if name in changes:
            setattr(current, name, changes[name])
    _check(current)
    save_audited(current, actor, next_version=True)
    return current


# --- applying --------------------------------------------------------------------------------------


def transfers_due(day: datetime.date):
    return Transfer.objects.filter(applied_at__isnull=True, effective_on__lte=day).order_by("effective_on", "pk")


def transfers_apply(*, now: datetime.datetime | None = None) -> list[Transfer]:
    """Apply every transfer due by ``now``'s day (Tokyo) and not yet applied; each in its own transaction.

    Call it outside a transaction: each applied transfer is committed before its notice goes out.
    """
    now = now or timezone.now()
    applied = []
    for pk in transfers_due(timezone.localdate(now)).values_list("pk", flat=True):
        transfer = _apply_one(pk, now)
        if transfer is not None:
            applied.append(transfer)
            _notify(transfer, timezone.localdate(now))
    return applied


@transaction.atomic
def _apply_one(pk: int, now: datetime.datetime) -> Transfer | None:
    # Locked, then checked: a concurrent run waits here and then finds it applied.
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("user", "from_division", "to_division").get(pk=pk)
    if transfer.applied_at is not None:
        return None
    day = transfer.effective_on
    if transfer.from_division_id is not None:
        DivisionMembership.objects.filter(
            user_id=transfer.user_id, division_id=transfer.from_division_id, end_on__isnull=True
        ).update(end_on=day - ONE_DAY)
    if transfer.to_division_id is not None:
        # Already placed there (a move within the division, in a new role): that membership ends the day before.
        DivisionMembership.objects.filter(
            user_id=transfer.user_id, division_id=transfer.to_division_id, end_on__isnull=True
        ).update(end_on=day - ONE_DAY)
        DivisionMembership.objects.create(
            user_id=transfer.user_id, division_id=transfer.to_division_id, role=transfer.role, start_on=day
        )
    transfer.applied_at = now
    save_audited(transfer, None, validate=False)
    audit.record(
        AuditEvent.Kind.TRANSFER_APPLIED,
        subject=f"{describe(transfer.user)} / {transfer.from_division or '—'} → {transfer.to_division or '—'} "
        f"({transfer.get_role_display()}) / {day.isoformat()}"[:300],
    )
    return transfer


def _notify(transfer: Transfer, day: datetime.date) -> None:
    """Tell the former division's managers what the leaver leaves them, when there is something."""
    if transfer.from_division is None:
        return
    sections = [section for section in handover.handover_sections(transfer) if section.items]
    to = [m.email for m in handover.former_managers(transfer, on=max(day, transfer.effective_on)) if m.email]
    if not (sections and to):
        return
    try:
        with get_connection() as connection:
            connection.send_messages([emails.handover_notice(transfer=transfer, sections=sections, to=to)])
    except Exception:
        # The transfer is applied and the page lists the items: a mail server down must not undo that.
        logger.exception("handover notice for transfer %s not sent", transfer.pk)


# --- the transfer list (CSV) -----------------------------------------------------------------------

COLUMNS = ("氏名", "職員番号", "異動元所属コード", "異動先所属コード", "役割", "発令日")
REQUIRED = ("異動元所属コード", "異動先所属コード", "役割", "発令日")
ROLES = {
    **{str(label): value for value, label in DivisionMembership.Role.choices},
    **{value: value for value in DivisionMembership.Role.values},
}
COLUMN_OF = {"user": "職員番号", "from_division": "異動元所属コード", "to_division": "異動先所属コード",
             "role": "役割", "effective_on": "発令日"}


@transaction.atomic
def transfers_import(*, actor, data: bytes) -> ImportResult:
    """Import a transfer list (氏名 or 職員番号, 異動元所属コード, 異動先所属コード, 役割, 発令日), all or nothing.

    A person is named by staff number, or by name (family and given, as the people list shows it) when the
    name is unique. A blank 異動元 is a new placement, a blank 異動先 a departure. Every rejected row is reported.
    """
    ensure_may_manage_people(actor)
    result = ImportResult()
    rows, result.errors = read_rows(data, required=REQUIRED, known=COLUMNS)
    if not result.errors and rows and "氏名" not in rows[0] and "職員番号" not in rows[0]:
        result.errors.append(RowError(HEADER_ROW, "職員番号", _("氏名か職員番号の列が必要です。")))
    divisions = {d.code: d for d in Division.objects.all()}
    for number, row in enumerate(rows if not result.errors else [], start=HEADER_ROW + 1):
        result.errors.extend(_import_row(actor, number, row, divisions, result))
    if result.errors:
        transaction.set_rollback(True)
    return result


def _find_person(values: dict) -> tuple[object, RowError | None]:
    if values["職員番号"]:
        person = Person.objects.select_related("user").filter(staff_number=values["職員番号"]).first()
        return (person.user, None) if person else (None, ("職員番号", _("この職員番号の職員はいません。")))
    if not values["氏名"]:
        return None, ("職員番号", _("氏名か職員番号を入力してください。"))
    last, _sep, first = " ".join(values["氏名"].replace("\u3000", " ").split()).partition(" ")
    users = list(get_user_model().objects.filter(last_name=last, first_name=first)[:2])
    if len(users) != 1:
        message = _("この氏名の職員はいません。") if not users else _("同じ氏名の職員が複数います。職員番号で指定してください。")
        return None, ("氏名", message)
    return users[0], None


def _import_row(actor, number: int, row: dict, divisions: dict, result: ImportResult) -> list[RowError]:
    if errors := too_many_columns(number, row):
        return errors
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    errors = []
    user, problem = _find_person(values)
    if problem:
        errors.append(RowError(number, *problem))
    places = {}
    for column in ("異動元所属コード", "異動先所属コード"):
        code = values[column]
        places[column] = divisions.get(code) if code else None
        if code and places[column] is None:
            errors.append(RowError(number, column, _("この所属コードの所属はありません。")))
    role = ROLES.get(values["役割"] or DivisionMembership.Role.STAFF)
    if role is None:
        errors.append(RowError(number, "役割", _("役割は 担当者、所属長 のいずれかです。")))
    try:
        effective_on = datetime.date.fromisoformat(values["発令日"].replace("/", "-"))
    except ValueError:
        errors.append(RowError(number, "発令日", _("発令日は 2023-04-01 の形で入力してください。")))
    if errors:
        return errors
    try:
        with transaction.atomic():
            transfer_create(
                actor=actor, user=user, from_division=places["異動元所属コード"],
                to_division=places["異動先所属コード"], role=role, effective_on=effective_on,
            )
    except ValidationError as exc:
        return [RowError(e.row, COLUMN_OF.get(e.field, e.field), e.message) for e in validation_errors(number, exc)]
    result.created += 1
    return []
