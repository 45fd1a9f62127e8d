"""What differs between two versions of a record, as pages show it: read by the edit conflict screen
(dx_portal.editing) and the change history."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from .formatting import field_value


@dataclass
class Change:
    """One field's value before and after a change."""

    label: str
    before: str
    after: str


def changes(fields: Iterable[tuple[str, models.Field]], before, after) -> list[Change]:
    """Each (label, field) whose shown value differs between ``before`` (None: nothing yet) and ``after``."""
    rows = []
    for label, field in fields:
        old = field_value(before, field) if before is not None else ""
        new = field_value(after, field)
        if old != new:
            rows.append(Change(label=str(label), before=old, after=new))
    return rows
