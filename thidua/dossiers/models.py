"""The dossier of a proposal batch (hồ sơ đề nghị khen thưởng): uploaded items and achievement reports.

An item belongs to the batch (the tờ trình with its list, the minutes of the proposing level) or to one of its
lines (the achievement report, the initiative's recognition, ...); which kinds a line needs is in
`catalogue.py`. Files were checked by content and size when uploaded (`core.uploads.upload_check`); they are
never served as media, only through a view that checks the batch is visible (`core.uploads.upload_response`).

The achievement report (báo cáo thành tích) of a line is kept as editable text sections, prefilled from the
data (`reports.report_prefill`) and rendered in the official form of the era (`reports.report_document`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.nominations.models import Nomination, ProposalBatch

from .catalogue import DossierKind


def _item_path(instance: DossierItem, filename: str) -> str:
    # The stored name is random: the user's file name is kept in `original_name`, never in a path.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"dossiers/{instance.batch_id}/{uuid.uuid4().hex}.{extension}"


class DossierItem(models.Model):
    """One file of a batch's dossier: of the whole batch (`nomination` empty) or of one line."""

    batch = models.ForeignKey(
        ProposalBatch, on_delete=models.CASCADE, related_name="dossier_items", verbose_name=_("Tờ trình")
    )
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dossier_items",
        verbose_name=_("Đề nghị khen thưởng"),
    )
    kind = models.CharField(_("Loại hồ sơ"), max_length=16, choices=DossierKind.choices)
    file = models.FileField(_("Tệp"), upload_to=_item_path, max_length=255)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Kiểu tệp"), max_length=128)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    note = models.CharField(_("Ghi chú"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Tệp hồ sơ khen thưởng")
        verbose_name_plural = _("Tệp hồ sơ khen thưởng")
        ordering = ["batch", "nomination", "kind", "uploaded_at", "id"]
        indexes = [models.Index(fields=["batch", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class AchievementReport(models.Model):
    """The báo cáo thành tích of one line: its sections as text, in the official form `form_code` of the era
    in force when it was written (`catalogue.report_form`)."""

    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.CASCADE,
        related_name="achievement_report",
        verbose_name=_("Đề nghị khen thưởng"),
    )
    form_code = models.CharField(_("Mẫu báo cáo"), max_length=64)
    sections = models.JSONField(_("Nội dung các phần"), default=dict)
    # Bumped on every save: the form posts the version it showed, and a stale one is refused as a conflict.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người lập"),
    )
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người sửa"),
    )
    updated_at = models.DateTimeField(_("Sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Báo cáo thành tích")
        verbose_name_plural = _("Báo cáo thành tích")

    def __str__(self) -> str:
        return f"{_('Báo cáo thành tích')} – {self.nomination}"
