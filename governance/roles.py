"""Who a user is in the organisation, read once per request and cached on the user object."""

from dataclasses import dataclass

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
    from .models import BureauMembership, DivisionMembership

    memberships = list(DivisionMembership.objects.filter(user=user).values_list("division_id", "role"))
    roles = Roles(
        authenticated=True,
        superuser=user.is_superuser,
        groups=frozenset(user.groups.values_list("name", flat=True)),
        division_ids=frozenset(d for d, _ in memberships),
        managed_division_ids=frozenset(d for d, r in memberships if r == DivisionMembership.Role.MANAGER),
        directed_bureau_ids=frozenset(BureauMembership.objects.filter(user=user).values_list("bureau_id", flat=True)),
    )
    user._dx_roles = roles
    return roles
