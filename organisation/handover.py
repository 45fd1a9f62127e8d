"""The hand-over (引継ぎ) after a transfer: what the leaver owned in their former division, listed for its
manager and reassigned to a remaining member.

The organisation does not know the feature apps' records. Each app that has something a person owns
registers a provider here (in its AppConfig.ready()): it lists the leaver's open items in a division and
reassigns one through the app's own services (versions, history, audit). A new kind of owned thing is
one more provider, nothing else.
"""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dx_portal import audit
from dx_portal.models import AuditEvent

from .models import DivisionMembership, Transfer
from .permissions import may_view_division_record
from .roles import roles_of
from .selectors import division_members


@dataclass(frozen=True)
class Item:
    """One thing to hand over: ``pk`` and ``version`` name the record at the version the manager saw."""

    pk: int
    version: int
    title: str
    context: str
    url: str


class Provider(Protocol):
    name: str  # a slug, unique among providers: the form names an item "<name>:<pk>:<version>"
    label: str

    def items(self, *, user, division) -> list[Item]:
        """``user``'s open items in ``division``, in one query."""

    def reassign(self, *, pk: int, version: int, actor, leaver, successor, division) -> None:
        """Give the item to ``successor`` through the app's services; ValidationError when it is no longer the leaver's."""


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers[provider.name] = provider


def providers() -> list[Provider]:
    return list(_providers.values())


# --- who may do what -------------------------------------------------------------------------------


def may_view_handover(user, transfer: Transfer) -> bool:
    """The former division's records: its members and managers, PMO, readers of everything, its director."""
    division = transfer.from_division
    return division is not None and may_view_division_record(
        user, division_id=division.pk, bureau_id=division.bureau_id
    )


def may_hand_over(user, transfer: Transfer) -> bool:
    """The former division's manager (所属長) today, or PMO."""
    roles = roles_of(user)
    return roles.is_pmo or transfer.from_division_id in roles.managed_division_ids


def handovers_for(user):
    """Applied transfers out of a division the user manages (PMO: every one), newest first."""
    transfers = Transfer.objects.filter(applied_at__isnull=False, from_division__isnull=False)
    if not roles_of(user).is_pmo:
        transfers = transfers.filter(from_division__in=roles_of(user).managed_division_ids)
    return transfers.select_related("user", "from_division", "to_division").order_by("-effective_on", "-pk")


# --- reads and the reassignment --------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    provider: Provider
    items: list[Item]


def handover_sections(transfer: Transfer) -> list[Section]:
    """Every provider's open items of the leaver in the former division (one query each)."""
    return [
        Section(provider, provider.items(user=transfer.user, division=transfer.from_division))
        for provider in providers()
    ]


def successors(transfer: Transfer, on: datetime.date | None = None):
    """Who may take the items over: the former division's members today, the leaver aside."""
    return division_members(transfer.from_division, on=on).exclude(pk=transfer.user_id)


def parse_item(value: str) -> tuple[str, int, int]:
    """"<provider>:<pk>:<version>" from the form; ValidationError for anything else."""
    name, _sep, rest = value.partition(":")
    pk, _sep, version = rest.partition(":")
    if name not in _providers or not pk.isdigit() or not version.isdigit():
        raise ValidationError(_("引継ぐ項目の指定が正しくありません。"))
    return name, int(pk), int(version)


@transaction.atomic
def hand_over(*, actor, transfer: Transfer, successor, items: list[str]) -> int:
    """Reassign the named items (all the listed ones, or one) to ``successor``; all or none. Returns how many."""
    if not may_hand_over(actor, transfer):
        raise PermissionDenied(_("引継ぎを行う権限がありません。"))
    if transfer.applied_at is None:
        raise ValidationError(_("発令前の異動の引継ぎはできません。"))
    if not successors(transfer).filter(pk=successor.pk).exists():
        raise ValidationError({"successor": _("引継ぎ先は異動元の所属の現在のメンバーから選んでください。")})
    if not items:
        raise ValidationError(_("引継ぐ項目を選んでください。"))
    for value in items:
        name, pk, version = parse_item(value)
        _providers[name].reassign(
            pk=pk, version=version, actor=actor, leaver=transfer.user, successor=successor,
            division=transfer.from_division,
        )
    audit.record(
        AuditEvent.Kind.WORK_HANDED_OVER, user=actor,
        subject=f"{transfer.user.get_username()} → {successor.get_username()} / {transfer.from_division} / "
        f"{len(items)}"[:300],
    )
    return len(items)


def former_managers(transfer: Transfer, *, on: datetime.date):
    """Whom to tell about the hand-over: the former division's managers on ``on``, the leaver aside."""
    managers = division_members(transfer.from_division, on=on, roles=[DivisionMembership.Role.MANAGER])
    return managers.exclude(pk=transfer.user_id)
