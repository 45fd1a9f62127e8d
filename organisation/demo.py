"""Demo organisation: the bureaus and divisions that own the systems of the source document, users, and the
transfer list (人事異動) of 2023-04-01 that moves `staff` to 水道施設課.

The transfer is dated in the story (``story.on``): loaded ``--as-of 2022-10-04`` it is on 2023-04-01, half
a year after the snapshot, and `apply_transfers --now 2023-04-01T08:00+09:00` applies it; replayed on
today it is as far in the future, so the demo users keep the places they have until then."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dx_portal.models import ApiToken

from .models import Bureau, BureauMembership, Division, DivisionMembership, Transfer
from .roles import GLOBAL_GROUPS
from .services import api_token_issue
from .transfers import transfer_create

# デジタル戦略本部室's reports wait for its 所属長 (``manager``). Every division has a mailbox, so the reminders of
# divisions without members (or without an address among them) still reach someone.
APPROVING_DIVISIONS = {"dx-office"}

BUREAUS = [
    # code, name, English name, divisions [(code, name, English name)]
    ("policy", "政策局", "Policy Bureau", [
        ("dx-office", "デジタル戦略本部室", "Digital Strategy Office"),
    ]),
    ("general-affairs", "総務局", "General Affairs Bureau", [
        ("documents", "文書課", "Documents Division"),
        ("contracts", "契約課", "Contracts Division"),
    ]),
    ("accounting", "会計局", "Accounting Bureau", [
        ("treasury", "会計課", "Treasury Division"),
    ]),
    ("health", "健康医療局", "Health and Medical Bureau", [
        ("healthcare-ict", "ヘルスケアICT推進課", "Healthcare ICT Division"),
    ]),
    ("education", "教育局", "Board of Education Secretariat", [
        ("education-ict", "ICT推進課", "Education ICT Division"),
    ]),
    ("public-enterprise", "企業局", "Public Enterprise Bureau", [
        ("power", "発電課", "Power Generation Division"),
        ("water", "水道施設課", "Water Facilities Division"),
    ]),
]

# username, full name (family, given), groups, division memberships, directed bureaus
USERS = [
    ("cio", ("神奈川", "CIO"), ["cio"], [], []),
    ("pmo", ("相模", "PMO"), ["pmo"], [], []),
    ("staff", ("横浜", "花子"), [], [("dx-office", DivisionMembership.Role.STAFF)], []),
    ("manager", ("鎌倉", "一郎"), [], [("dx-office", DivisionMembership.Role.MANAGER)], []),
    ("staff2", ("小田原", "太郎"), [], [("water", DivisionMembership.Role.STAFF)], []),
    ("director", ("箱根", "次郎"), [], [], ["policy"]),
    ("auditor", ("大和", "監査"), ["auditor"], [], []),
    ("feed", ("オープンデータ", "連携"), ["api-client"], [], []),
]

FEED_SCOPES = ["kpi:read", "projects:read", "governance:read"]
# The 人事異動 of 令和5年4月1日 in the source's calendar: who, from, to, role.
TRANSFER_ON = datetime.date(2023, 4, 1)
TRANSFERS = [("staff", "dx-office", "water", DivisionMembership.Role.STAFF)]

# Printed by load_demo, so that whoever tries the portal knows whom to log in as for what.
WHO_MANAGES_WHAT = """\
Who may manage what:
  pmo       PMO: every project, report review and finding, committee and council records, KPIs; people,
            their divisions and API tokens (/people/); the audit log (/audit/); the admin for those records
            (no deleting there)
  cio       CIO/CDO: reads everything; records steering-committee decisions
  staff     デジタル戦略本部室 staff: that division's projects (reports, issues, milestones), answers findings,
            its action items; manager is its 所属長: approves or returns its reports, and receives
            overdue reminders
  staff2    水道施設課 staff (企業局): that division's projects only
  director  政策局長: reads the bureau's projects and the committee records
  auditor   reads everything, history and the audit log (/audit/) included; changes nothing
  feed      a REST client: API token only, no login
  pmo adds people, places them in divisions and issues tokens at /people/; no superuser is needed.
  The transfer list (/people/transfers/) moves staff to 水道施設課 on the story's 2023-04-01; applied
  (apply_transfers), manager hands staff's open issues over at /people/handover/."""

def clear() -> None:
    """The demo users' placements and transfers, for a replay on another day: ``load`` places them afresh."""
    users = get_user_model().objects.filter(username__in=[u[0] for u in USERS])
    Transfer.objects.filter(user__in=users).delete()
    Transfer.history.filter(user__in=users).delete()
    DivisionMembership.objects.filter(user__in=users).delete()
    BureauMembership.objects.filter(user__in=users).delete()


def load(out, story) -> None:
    """The organisation has no dates but its transfer list's, which follows the story."""
    for group in GLOBAL_GROUPS:
        Group.objects.get_or_create(name=group)
    for order, (code, name, name_en, divisions) in enumerate(BUREAUS, start=1):
        bureau, _ = Bureau.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
        for div_code, div_name, div_name_en in divisions:
            Division.objects.update_or_create(
                code=div_code,
                defaults={"bureau": bureau, "name": div_name, "name_en": div_name_en,
                          "email": f"{div_code}@pref.example.lg.jp",
                          "requires_report_approval": div_code in APPROVING_DIVISIONS},
            )

    User = get_user_model()
    for username, (last, first), groups, memberships, bureaus in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"last_name": last, "first_name": first, "email": f"{username}@pref.example.lg.jp"},
        )
        if created:
            # A REST client authenticates by token only: it gets no password to log in with.
            if "api-client" in groups:
                user.set_unusable_password()
            else:
                user.set_password(settings.DX_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=groups))
        # Placed once: after the transfer, a second load does not put staff back where they were.
        for division_code, role in memberships:
            division = Division.objects.get(code=division_code)
            if not DivisionMembership.objects.filter(user=user, division=division).exists():
                DivisionMembership.objects.create(user=user, division=division, role=role)
        for bureau_code in bureaus:
            bureau = Bureau.objects.get(code=bureau_code)
            if not BureauMembership.objects.filter(user=user, bureau=bureau).exists():
                BureauMembership.objects.create(user=user, bureau=bureau)

    feed = User.objects.get(username="feed")
    if not ApiToken.objects.filter(user=feed, revoked_at__isnull=True).exists():
        # Issued as pmo through the audited service: the audit log shows who issued it.
        pmo = User.objects.get(username="pmo")
        _, key = api_token_issue(actor=pmo, user=feed, scopes=FEED_SCOPES, name="demo feed client")
        out.write(f"API token for 'feed' (shown once, keep it): {key}")
    _transfers(out, story, User.objects.get(username="pmo"))
    out.write(
        f"Demo users: {', '.join(u[0] for u in USERS if u[0] != 'feed')}; "
        f"password: {settings.DX_DEMO_PASSWORD}"
    )
    out.write(WHO_MANAGES_WHAT)


def _transfers(out, story, pmo) -> None:
    """Entered by pmo through the service (history and all); one not yet applied follows the story's day."""
    effective_on = story.on(TRANSFER_ON)
    for username, from_code, to_code, role in TRANSFERS:
        user = get_user_model().objects.get(username=username)
        divisions = Division.objects.in_bulk([from_code, to_code], field_name="code")
        entered = Transfer.objects.filter(user=user, from_division=divisions[from_code], to_division=divisions[to_code])
        if not entered.exists():
            transfer_create(actor=pmo, user=user, from_division=divisions[from_code], to_division=divisions[to_code],
                            role=role, effective_on=effective_on)
        else:
            entered.filter(applied_at__isnull=True).update(effective_on=effective_on)
        out.write(f"Transfer: {username} {from_code} -> {to_code} on {effective_on.isoformat()} (apply_transfers)")
