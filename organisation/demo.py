"""Demo organisation: the bureaus and divisions that own the systems of the source document, and users."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue

from .models import Bureau, BureauMembership, Division, DivisionMembership
from .roles import GLOBAL_GROUPS

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

# Printed by load_demo, so that whoever tries the portal knows whom to log in as for what.
WHO_MANAGES_WHAT = """\
Who may manage what:
  pmo       PMO: every project, report review and finding, committee and council records, KPIs; the admin
            for those records (no deleting there, no users)
  cio       CIO/CDO: reads everything; records steering-committee decisions
  staff     デジタル戦略本部室 staff: that division's projects (reports, issues, milestones), answers findings,
            its action items; manager is its 所属長: approves or returns its reports, and receives
            overdue reminders
  staff2    水道施設課 staff (企業局): that division's projects only
  director  政策局長: reads the bureau's projects and the committee records
  auditor   reads everything, history included; changes nothing
  feed      a REST client: API token only, no login
  Nobody in the demo adds people: a superuser does, in the admin (/admin/), after
  `python manage.py createsuperuser`."""

def load(out, story) -> None:
    """The organisation has no dates: ``story`` does not change it."""
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
        for division_code, role in memberships:
            DivisionMembership.objects.update_or_create(
                user=user, division=Division.objects.get(code=division_code), defaults={"role": role}
            )
        for bureau_code in bureaus:
            BureauMembership.objects.get_or_create(user=user, bureau=Bureau.objects.get(code=bureau_code))

    feed = User.objects.get(username="feed")
    if not ApiToken.objects.filter(user=feed, revoked_at__isnull=True).exists():
        _, key = api_token_issue(user=feed, scopes=FEED_SCOPES, name="demo feed client")
        out.write(f"API token for 'feed' (shown once, keep it): {key}")
    out.write(
        f"Demo users: {', '.join(u[0] for u in USERS if u[0] != 'feed')}; "
        f"password: {settings.DX_DEMO_PASSWORD}"
    )
    out.write(WHO_MANAGES_WHAT)
