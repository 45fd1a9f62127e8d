"""The one place that answers "may this user see / change this record".

Records belong to a division (a project, and through it its reports, issues and findings; an action
item). Division staff and managers change their own division's records; PMO changes every project
record; CIO, auditors and REST clients read everything; bureau directors read their bureau's records;
nobody else sees another division's data. Querysets apply the same rules through
``visible_division_filter``.
"""

from django.db.models import Q

from .roles import roles_of


def may_view_division_record(user, *, division_id: int, bureau_id: int) -> bool:
    roles = roles_of(user)
    return (
        roles.reads_everything
        or division_id in roles.division_ids
        or bureau_id in roles.directed_bureau_ids
    )


def may_change_division_record(user, *, division_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_pmo or division_id in roles.division_ids


def may_approve_division_reports(user, *, division_id: int) -> bool:
    """The division's manager (所属長) approves its staff's status reports where the division requires it."""
    return division_id in roles_of(user).managed_division_ids


def may_write_findings(user) -> bool:
    return roles_of(user).is_pmo


def may_record_governance(user) -> bool:
    """Meetings, decisions, the council and the municipal matrix: PMO (the secretariat) and the CIO."""
    roles = roles_of(user)
    return roles.is_pmo or roles.is_cio


def visible_division_filter(user, *, division_field: str = "division") -> Q | None:
    """A Q limiting rows to what the user may see, or None when the user sees every row."""
    roles = roles_of(user)
    if roles.reads_everything:
        return None
    if not roles.authenticated:
        return Q(pk__in=[])
    return Q(**{f"{division_field}__in": roles.division_ids}) | Q(
        **{f"{division_field}__bureau__in": roles.directed_bureau_ids}
    )


def visibility_key(user) -> str:
    """Equal for two users exactly when ``visible_division_filter`` lets them see the same rows: the part
    of a shared cache key that keeps one user's answer from another who may see less."""
    roles = roles_of(user)
    if roles.reads_everything:
        return "all"
    if not roles.authenticated:
        return "none"
    return f"divisions={sorted(roles.division_ids)};bureaus={sorted(roles.directed_bureau_ids)}"


def may_read_governance(user) -> bool:
    """Committee and council records, decisions and action items: everyone logged in (REST clients by scope)."""
    return roles_of(user).authenticated


def may_view_history(user) -> bool:
    """The change history (ISMS audit): PMO, the CIO and auditors."""
    roles = roles_of(user)
    return roles.is_pmo or roles.is_cio or roles.is_auditor


def may_view_unpublished_kpis(user) -> bool:
    """Public indicators are open data; the rest are for logged-in staff and REST clients with kpi:read."""
    return roles_of(user).authenticated


def may_view_portfolio(user) -> bool:
    """PMO, the CIO and auditors see every project at once; bureau directors their bureau's."""
    return roles_of(user).sees_portfolio


def may_record_council(user) -> bool:
    """The council's meetings and the municipal DX matrix are kept by its secretariat, the PMO."""
    return roles_of(user).is_pmo


def may_manage_people(user) -> bool:
    """People, their memberships and their API tokens: the PMO (and superusers)."""
    return roles_of(user).is_pmo


def may_read_audit_log(user) -> bool:
    """The audit log (logins, tokens, people, every record change): auditors and the PMO, read only."""
    roles = roles_of(user)
    return roles.is_pmo or roles.is_auditor


def may_see_shared_views(user) -> bool:
    """Saved views shared by others are for PMO and the CIO (dx_portal.saved_views)."""
    roles = roles_of(user)
    return roles.is_pmo or roles.is_cio


def may_issue_packs(user) -> bool:
    """Issuing a meeting pack (the committee's papers, frozen): the PMO, the committees' secretariat."""
    return roles_of(user).is_pmo


def may_read_issued_packs(user) -> bool:
    """An issued pack shows every project the committee saw: those who see the whole portfolio (PMO, the CIO,
    auditors and the bureau directors who sit on the committee)."""
    return roles_of(user).sees_portfolio
