"""Login throttling and role grants."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.audit.services import audit_record, model_snapshot

from .models import LoginFailure, RoleGrant, User


def login_is_throttled(*, username: str, ip_address: str | None) -> bool:
    """Too many recent failures for this username, or from this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_user = recent.filter(username__iexact=username).count()
    by_ip = recent.filter(ip_address=ip_address).count() if ip_address else 0
    limit = settings.LOGIN_MAX_FAILURES
    # An address may try a few usernames (a shared office NAT), so it gets a larger allowance.
    return by_user >= limit or by_ip >= limit * 4


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address)


def login_success_record(*, user: User, ip_address: str | None) -> None:
    LoginFailure.objects.filter(Q(username__iexact=user.get_username())).delete()
    audit_record(action="login", instance=user, actor=user)


@transaction.atomic
def role_grant_create(*, actor: User | None, **fields) -> RoleGrant:
    grant = RoleGrant(**fields)
    grant.full_clean()
    grant.save()
    audit_record(action="create", instance=grant, after=model_snapshot(grant), actor=actor)
    return grant
