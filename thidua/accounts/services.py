"""Login throttling and role grants."""

import ipaddress
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record, audited_create
from thidua.organizations.models import Organization

from .models import LoginFailure, RoleGrant, User


def login_username_key(username: str) -> str:
    """The username as the throttle counts it: stripped and NFKC-normalised as the login form does, then
    case-folded, so that "HoiDong " and "hoidong" share one counter."""
    return unicodedata.normalize("NFKC", username.strip()).strip().casefold()[:150]


def login_is_throttled(*, username: str, ip_address: str | None) -> bool:
    """Too many recent failures for this username (from anywhere), or from this address (for any username).

    The address limit is larger (a shared office NAT) and refuses that address only; the username limit refuses
    that username everywhere until the window passes or an administrator unlocks it.
    """
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    recent = LoginFailure.objects.filter(at__gte=since)
    key = login_username_key(username)
    if key and recent.filter(username=key).count() >= settings.LOGIN_MAX_FAILURES:
        return True
    return bool(ip_address) and (
        recent.filter(ip_address=ip_address).count() >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS
    )


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=login_username_key(username), ip_address=ip_address)


@transaction.atomic
def login_success_record(*, user: User, ip_address: str | None) -> None:
    """A login went through (never during a lockout): forget the username's failures, keep the address's."""
    LoginFailure.objects.filter(username=login_username_key(user.get_username())).delete()
    audit_record(action="login", instance=user, actor=user)


@transaction.atomic
def login_unlock(*, actor: User | None, username: str = "", ip_address: str = "") -> int:
    """An administrator lifts a lockout: forgets the failures of a username and/or those from an address.
    Written to the audit trail; returns how many failures went."""
    key = login_username_key(username)
    address = ""
    if ip_address.strip():
        try:
            address = str(ipaddress.ip_address(ip_address.strip()))
        except ValueError:
            raise ValidationError(
                {"ip_address": _("Địa chỉ IP không hợp lệ: %(address)s") % {"address": ip_address}}
            ) from None
    if not key and not address:
        raise ValidationError(_("Cần tên đăng nhập hoặc địa chỉ IP để mở khóa."))
    match = Q(pk__in=[])
    if key:
        match |= Q(username=key)
    if address:
        match |= Q(ip_address=address)
    cleared, _deleted = LoginFailure.objects.filter(match).delete()
    audit_record(
        action="login_unlock",
        object_type=LoginFailure._meta.label_lower,
        object_id=(key or address)[:64],
        after={"username": key or None, "ip_address": address or None, "failures_cleared": cleared},
        actor=actor,
    )
    return cleared


@transaction.atomic
def role_grant_create(
    *,
    actor: User | None,
    user: User,
    role: str,
    organization: Organization,
    include_subunits: bool = False,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> RoleGrant:
    """Grant `role` in `organization` (and its subunits) from `valid_from` (the model's default when not
    given) to `valid_to` (open-ended when not given)."""
    grant = RoleGrant(
        user=user, role=role, organization=organization, include_subunits=include_subunits, valid_to=valid_to
    )
    if valid_from is not None:
        grant.valid_from = valid_from
    return audited_create(grant, actor=actor)
