"""Who a user is in the organisation, read once per request and cached on the user object."""

from dataclasses import dataclass

from django.db.models import CharField, Value

GROUP_CIO = "cio"
GROUP_PMO = "pmo"
GROUP_AUDITOR = "auditor"
GROUP_API_CLIENT = "api-client"
GLOBAL_GROUPS = (GROUP_CIO, GROUP_PMO, GROUP_AUDITOR, GROUP_API_CLIENT)


@dataclass(frozen=True)
class Roles:
    """A user's global roles and memberships."""

    authenticated: bool = False
    superuser: bool = False
    groups: frozenset[str] = frozenset()
    division_ids: frozenset[int] = frozenset()
    managed_division_ids: frozenset[int] = frozenset()
    directed_bureau_ids: frozenset[int] = frozenset()

    @property
    def is_pmo(self) -> bool:
        return self.superuser or GROUP_PMO in self.groups

    @property
    def is_cio(self) -> bool:
        return GROUP_CIO in self.groups

    @property
    def is_auditor(self) -> bool:
        return GROUP_AUDITOR in self.groups

    @property
    def is_api_client(self) -> bool:
        return GROUP_API_CLIENT in self.groups

    @property
    def is_director(self) -> bool:
        return bool(self.directed_bureau_ids)

    @property
    def reads_everything(self) -> bool:
        """PMO, CIO, auditors and REST clients (bounded by their token's scopes) read every record."""
        return self.is_pmo or self.is_cio or self.is_auditor or self.is_api_client

    @property
    def sees_portfolio(self) -> bool:
        return self.is_pmo or self.is_cio or self.is_auditor or self.is_director


ANONYMOUS = Roles()


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_dx_roles", None)
    if cached is not None:
        return cached
    from .models import DivisionMembership

    manager = DivisionMembership.Role.MANAGER
    kinds: dict[str, list[tuple[int, str]]] = {"division": [], "bureau": [], "group": []}
    for kind, key, detail in _memberships(user):
        kinds[kind].append((key, detail))
    roles = Roles(
        authenticated=True,
        superuser=user.is_superuser,
        groups=frozenset(name for _, name in kinds["group"]),
        division_ids=frozenset(division for division, _ in kinds["division"]),
        managed_division_ids=frozenset(division for division, role in kinds["division"] if role == manager),
        directed_bureau_ids=frozenset(bureau for bureau, _ in kinds["bureau"]),
    )
    user._dx_roles = roles
    return roles


def _memberships(user):
    """(kind, id, detail) of every division membership (with its role), bureau directorship and group
    (with its name) of the user: one query, as every request reads them."""
    from .models import BureauMembership, DivisionMembership

    def kind(name: str) -> Value:
        return Value(name, output_field=CharField())

    divisions = DivisionMembership.objects.filter(user=user).values_list(kind("division"), "division_id", "role")
    bureaus = BureauMembership.objects.filter(user=user).values_list(kind("bureau"), "bureau_id", kind(""))
    groups = user.groups.values_list(kind("group"), "id", "name")
    return divisions.order_by().union(bureaus.order_by(), groups.order_by(), all=True)
