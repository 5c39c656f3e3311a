"""Initiatives (sáng kiến) and research topics (đề tài, đề án, công trình KH&CN) that count toward titles."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import InitiativeKind, InitiativeLevel
from thidua.organizations.models import Organization, Person


class Initiative(models.Model):
    """A recognised initiative or an accepted research topic, with the scope of its recognised effect."""

    code = models.CharField(_("Mã"), max_length=32, unique=True)
    title = models.CharField(_("Tên sáng kiến, đề tài"), max_length=500)
    kind = models.CharField(_("Loại"), max_length=16, choices=InitiativeKind.choices)
    level = models.CharField(_("Phạm vi ảnh hưởng"), max_length=16, choices=InitiativeLevel.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("Đơn vị áp dụng")
    )
    recognized_by = models.CharField(_("Cơ quan công nhận"), max_length=255, blank=True)
    decision_number = models.CharField(_("Số quyết định công nhận"), max_length=64, blank=True)
    recognized_on = models.DateField(_("Ngày công nhận"))
    wider_level = models.CharField(
        _("Phạm vi được công nhận sau (rộng hơn)"), max_length=16, choices=InitiativeLevel.choices, blank=True
    )
    wider_recognized_on = models.DateField(_("Ngày công nhận phạm vi rộng hơn"), null=True, blank=True)
    applied = models.BooleanField(_("Đã áp dụng"), default=True)
    summary = models.TextField(_("Tóm tắt"), blank=True)

    class Meta:
        verbose_name = _("Sáng kiến, đề tài")
        verbose_name_plural = _("Sáng kiến, đề tài")
        ordering = ["-recognized_on", "id"]
        indexes = [models.Index(fields=["recognized_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        """An initiative counts in the year it was recognised."""
        return self.recognized_on.year


class InitiativeAuthor(models.Model):
    """An author of an initiative with their share; the award it has supported, so it supports one only."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiative_authorships")
    share_pct = models.DecimalField(_("Tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, default=100)
    used_for = models.OneToOneField(
        "commendations.AwardRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supporting_initiative",
        verbose_name=_("Đã dùng cho khen thưởng"),
    )

    class Meta:
        verbose_name = _("Tác giả")
        verbose_name_plural = _("Tác giả")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_unique"),
            models.CheckConstraint(
                condition=Q(share_pct__gt=0) & Q(share_pct__lte=100), name="author_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.initiative}"


def _attachment_path(instance: "InitiativeAttachment", filename: str) -> str:
    return f"initiatives/{instance.initiative_id}/{filename}"


class InitiativeAttachment(models.Model):
    """A file attached to an initiative: the recognition decision, the description, proof of application."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Tệp"), upload_to=_attachment_path)
    name = models.CharField(_("Tên tệp"), max_length=255)
    uploaded_at = models.DateTimeField(_("Ngày tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
