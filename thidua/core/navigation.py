"""The main menu. Apps add their entries here; each entry names the roles that see it (empty: everyone)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, is_system_admin


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    roles: tuple[str, ...] = ()
    admin_only: bool = False


ENTRIES: list[NavEntry] = [
    NavEntry("core:home", _("Tổng quan")),
    NavEntry("movements:list", _("Phong trào thi đua")),
    NavEntry("appraisals:home", _("Đánh giá hằng năm")),
    NavEntry("initiatives:list", _("Sáng kiến")),
    NavEntry("commendations:award_list", _("Sổ khen thưởng")),
    NavEntry("exchange:home", _("Nhập, xuất Excel"), roles=(Role.OFFICER, Role.UNIT_HEAD)),
    NavEntry("rules:discovery", _("Rà soát khen thưởng"), roles=(Role.OFFICER, Role.UNIT_HEAD, Role.SIGNER)),
    NavEntry("organizations:unit_list", _("Đơn vị")),
    NavEntry("organizations:person_list", _("Cán bộ")),
    NavEntry("audit:list", _("Nhật ký"), admin_only=True),
    NavEntry("admin:index", _("Quản trị"), admin_only=True),
]


def entries_for(request) -> list[dict]:
    user = request.user
    items = []
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
        items.append({"url": url, "label": entry.label, "active": active})
    return items
