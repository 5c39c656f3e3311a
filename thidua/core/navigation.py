"""The main menu. Apps add their entries here; each entry names the roles that see it (empty: everyone)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.accounts.scope import READER_ROLES, has_role, is_system_admin


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    roles: tuple[str, ...] = ()
    admin_only: bool = False
    group: str | Promise = ""


FACTS = _("Dữ liệu hằng năm")
ORGANIZATION = _("Tổ chức")
SYSTEM = _("Hệ thống")

ENTRIES: list[NavEntry] = [
    NavEntry("core:home", _("Tổng quan")),
    NavEntry("movements:list", _("Phong trào thi đua")),
    NavEntry("rules:discovery", _("Rà soát khen thưởng"), roles=(Role.OFFICER, Role.UNIT_HEAD, Role.SIGNER)),
    NavEntry("appraisals:home", _("Đánh giá, đăng ký"), group=FACTS),
    NavEntry("initiatives:list", _("Sáng kiến, đề tài"), group=FACTS),
    NavEntry("commendations:award_list", _("Sổ khen thưởng"), group=FACTS),
    NavEntry("exchange:home", _("Nhập, xuất Excel"), roles=(Role.OFFICER,), group=FACTS),
    NavEntry("organizations:unit_list", _("Đơn vị"), roles=READER_ROLES, group=ORGANIZATION),
    NavEntry("organizations:person_list", _("Cán bộ"), group=ORGANIZATION),
    NavEntry("rules:config", _("Cấu hình quy tắc"), group=SYSTEM),
    NavEntry("audit:list", _("Nhật ký"), admin_only=True, group=SYSTEM),
    NavEntry("admin:index", _("Quản trị"), admin_only=True, group=SYSTEM),
]


def entries_for(request) -> list[dict]:
    """Menu items the user may see; entries of a group are gathered into one dropdown item."""
    user = request.user
    items: list[dict] = []
    groups: dict[str, dict] = {}
    for entry in ENTRIES:
        if entry.admin_only and not is_system_admin(user):
            continue
        if entry.roles and not has_role(user, *entry.roles):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:  # an app not installed in this deployment
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        item = {"url": url, "label": entry.label, "active": active}
        if not entry.group:
            items.append(item)
            continue
        group = groups.get(str(entry.group))
        if group is None:
            group = groups[str(entry.group)] = {"label": entry.group, "children": [], "active": False}
            items.append(group)
        group["children"].append(item)
        group["active"] = group["active"] or active
    return items
