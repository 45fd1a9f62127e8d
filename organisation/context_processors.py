from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import roles_of

# (url name, label, who sees it): a link appears only when the role may use the page.
NAVIGATION = [
    ("portfolio:index", _("ポートフォリオ"), lambda r: r.sees_portfolio),
    ("projects:my-project-list", _("担当案件"), lambda r: bool(r.division_ids)),
    ("projects:project-list", _("案件一覧"), lambda r: r.authenticated),
    ("registers:risk-list", _("課題・リスク台帳"), lambda r: r.authenticated),
    ("registers:finding-list", _("助言・指摘台帳"), lambda r: r.authenticated),
    ("kpis:indicator-list", _("KPI"), lambda r: True),
    ("governance:committee-meeting-list", _("ステアリング・コミッティ"), lambda r: r.authenticated),
    ("governance:action-item-list", _("対応事項"), lambda r: r.authenticated),
    ("governance:council-meeting-list", _("県市町村デジタル推進会議"), lambda r: r.authenticated),
    ("governance:dx-matrix", _("自治体DX状況"), lambda r: r.authenticated),
    ("person-list", _("職員"), lambda r: r.is_pmo),
    ("handover-list", _("引継ぎ"), lambda r: r.is_pmo or bool(r.managed_division_ids)),
    ("audit-log", _("監査ログ"), lambda r: r.is_pmo or r.is_auditor),
]


def navigation(request):
    roles = roles_of(getattr(request, "user", None))
    items = []
    for name, label, allowed in NAVIGATION:
        if not allowed(roles):
            continue
        url = reverse(name)
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items, "user_roles": roles, "show_admin_link": roles.is_pmo}
