"""The append-only audit trail: who did what to which record, when, with the values before and after.

Rows are only ever inserted. The model refuses updates and deletes, the admin is read-only, and the database
itself rejects UPDATE (and, on PostgreSQL, DELETE) through triggers created by the migration.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditTrailIsAppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    at = models.DateTimeField(_("Thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        verbose_name=_("Người thực hiện"),
    )
    actor_repr = models.CharField(_("Người thực hiện"), max_length=255, blank=True)
    action = models.CharField(_("Thao tác"), max_length=64, db_index=True)
    object_type = models.CharField(_("Loại đối tượng"), max_length=100, db_index=True)
    object_id = models.CharField(_("Mã đối tượng"), max_length=64, db_index=True)
    object_repr = models.CharField(_("Đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("Trước"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("Sau"), null=True, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("Nhật ký thao tác")
        verbose_name_plural = _("Nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_repr} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditTrailIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("Audit events cannot be deleted.")
