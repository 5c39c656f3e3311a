"""Accounts, roles held in a unit for a period, machine tokens, and failed-login records."""

import hashlib
import secrets
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Organization, Person


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICER = "officer", _("Cán bộ thi đua (cơ quan thường trực)")
    UNIT_HEAD = "unit_head", _("Thủ trưởng phòng, đơn vị")
    STAFF = "staff", _("Cán bộ, công chức, viên chức")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua – Khen thưởng")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký Hội đồng")
    SIGNER = "signer", _("Lãnh đạo ký duyệt")
    UNION_REP = "union_rep", _("Đại diện Công đoàn")
    YOUTH_REP = "youth_rep", _("Đại diện Đoàn Thanh niên")


class User(AbstractUser):
    """A login. Linked to the person record when the user is a member of staff."""

    person = models.OneToOneField(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("Cán bộ"),
    )

    class Meta:
        verbose_name = _("Tài khoản")
        verbose_name_plural = _("Tài khoản")

    @property
    def display_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.get_full_name() or self.username


class RoleGrant(models.Model):
    """A role held in an organization (and optionally its sub-units) for a period."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("Vai trò"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="role_grants", verbose_name=_("Đơn vị")
    )
    include_subunits = models.BooleanField(_("Áp dụng cả đơn vị cấp dưới"), default=False)
    valid_from = models.DateField(_("Từ ngày"), default=date(2000, 1, 1))
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phân quyền")
        verbose_name_plural = _("Phân quyền")
        ordering = ["user_id", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="rolegrant_valid_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class ApiToken(models.Model):
    """A bearer token for machines. Only a hash is stored; the token is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("Tên"), max_length=128)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mã truy cập API")
        verbose_name_plural = _("Mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        key = "td_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=cls.hash_key(key))
        return token, key


class LoginFailure(models.Model):
    """A failed login, kept to throttle guessing (per username and per address)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Đăng nhập sai")
        verbose_name_plural = _("Đăng nhập sai")

    def __str__(self) -> str:
        return f"{self.username} {self.ip_address or ''} {self.at:%d/%m/%Y %H:%M}"
