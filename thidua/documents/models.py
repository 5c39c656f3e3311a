"""Numbering registers, issued documents and dispatch records (văn bản đi, sổ đăng ký, nơi nhận).

Numbers follow Decree 30/2020/NĐ-CP: one sequence per issuer, document type and year, starting at 01 on 1
January. The register row is locked while a number is taken, so two clerks never get the same number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Organization

# The register key for a Công văn, which has no type abbreviation in its symbol.
DISPATCH_TYPE = "CV"


class NumberingRegister(models.Model):
    """The last number given for an issuer, document type (Phụ lục III abbreviation or ``CV``) and year."""

    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="numbering_registers")
    doc_type = models.CharField(_("Loại văn bản"), max_length=8)
    year = models.PositiveSmallIntegerField(_("Năm"))
    last_number = models.PositiveIntegerField(_("Số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("Sổ đăng ký văn bản đi")
        verbose_name_plural = _("Sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "year"], name="register_unique_issuer_type_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} – {self.doc_type} – {self.year}: {self.last_number}"


def _document_path(instance: IssuedDocument, filename: str) -> str:
    return f"documents/{instance.year}/{filename}"


class IssuedDocument(models.Model):
    """A numbered outgoing document and where it came from (e.g. a movement's launch letter)."""

    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="issued_documents")
    doc_type = models.CharField(_("Loại văn bản"), max_length=8)
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveIntegerField(_("Số"))
    number_symbol = models.CharField(_("Số, ký hiệu"), max_length=64)
    issued_on = models.DateField(_("Ngày ban hành"))
    abstract = models.CharField(_("Trích yếu"), max_length=500, blank=True)
    purpose = models.CharField(
        _("Mục đích"), max_length=32, help_text="movement-launch, movement-review, ..."
    )
    source_type = models.CharField(max_length=64)
    source_id = models.PositiveBigIntegerField()
    signer_name = models.CharField(_("Người ký"), max_length=128, blank=True)
    pdf = models.FileField(_("Bản PDF"), upload_to=_document_path, blank=True, max_length=255)
    docx = models.FileField(_("Bản DOCX"), upload_to=_document_path, blank=True, max_length=255)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Văn bản đi")
        verbose_name_plural = _("Văn bản đi")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "year", "number"], name="issued_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="issued_number_positive"),
        ]
        indexes = [models.Index(fields=["source_type", "source_id", "purpose"])]

    def __str__(self) -> str:
        return f"Số {self.number_symbol} ngày {self.issued_on:%d/%m/%Y}"


class DispatchChannel(models.TextChoices):
    EOFFICE = "eoffice", _("Hệ thống quản lý văn bản điện tử (e-office)")
    PAPER = "paper", _("Bản giấy")
    ARCHIVE = "archive", _("Lưu hồ sơ")


class Dispatch(models.Model):
    """One recipient of an issued document, the channel it went by and when."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.CASCADE, related_name="dispatches")
    recipient = models.CharField(_("Nơi nhận"), max_length=255)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị"),
    )
    channel = models.CharField(_("Hình thức gửi"), max_length=16, choices=DispatchChannel.choices)
    sent_at = models.DateTimeField(_("Thời điểm gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Gửi văn bản")
        verbose_name_plural = _("Gửi văn bản")
        ordering = ["document_id", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.document} → {self.recipient} ({self.get_channel_display()})"
