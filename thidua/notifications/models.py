"""In-application notifications: what a user is told (a returned line, a deadline, a session, a result), with a
link to the page concerned. The same message goes by e-mail through Django's mail backend (`services.notify`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("Người nhận"),
    )
    title = models.CharField(_("Tiêu đề"), max_length=255)
    body = models.TextField(_("Nội dung"), blank=True)
    url = models.CharField(_("Đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("Lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo")
        verbose_name_plural = _("Thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title
