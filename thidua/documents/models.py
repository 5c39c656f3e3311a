"""Numbering registers, issued documents, dispatch records (văn bản đi, sổ đăng ký, nơi nhận) and the office's
Word templates.

Numbers follow Decree 30/2020/NĐ-CP: one sequence per issuer, document type and year, starting at 01 on 1
January. The register row is locked while a number is taken, so two clerks never get the same number.

A dispatch by the e-office channel keeps the edXML package that went (or waits to go) to the receiving organ, its
SHA-256 and a status the office follows: queued (chờ gửi) → sent → acknowledged, or failed. An agency's Word
templates are numbered versions per kind (the kinds come from the domain apps through the registry); at most one
version per agency and kind is active, and without one the built-in Decree 30 layout is used.
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
    # The signer's own position ("PHÓ GIÁM ĐỐC") and authority ("KT.", "TM.", "" for the head): the edXML
    # package's SignerInfo. Left blank by callers that do not know them.
    signer_position = models.CharField(_("Chức vụ người ký"), max_length=128, blank=True)
    signer_competence = models.CharField(_("Thẩm quyền ký"), max_length=16, blank=True)
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


class DispatchStatus(models.TextChoices):
    """Where a dispatch stands. Paper and archive dispatches are recorded once they went (``sent``); an e-office
    package waits (``queued``) until the configured e-office endpoint takes it or the clerk marks it sent, then the
    receiving organ acknowledges it or it fails."""

    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    ACKNOWLEDGED = "acknowledged", _("Cơ quan nhận đã tiếp nhận")
    FAILED = "failed", _("Gửi không thành công")


def _package_path(instance: Dispatch, filename: str) -> str:
    return f"documents/edxml/{instance.document.year}/{filename}"


class Dispatch(models.Model):
    """One recipient of an issued document, the channel it went by and when; for the e-office channel, the edXML
    package and its status."""

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
    # When the dispatch was recorded: the moment it went, or, for a package waiting to go, the moment it was made
    # (the status says which).
    sent_at = models.DateTimeField(_("Thời điểm gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    receiver_code = models.CharField(_("Mã định danh cơ quan nhận"), max_length=64, blank=True)
    package = models.FileField(_("Gói edXML"), upload_to=_package_path, blank=True, max_length=255)
    package_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=DispatchStatus.choices, default=DispatchStatus.SENT
    )
    status_note = models.CharField(_("Ghi chú trạng thái"), max_length=500, blank=True)
    status_at = models.DateTimeField(_("Cập nhật trạng thái lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gửi văn bản")
        verbose_name_plural = _("Gửi văn bản")
        ordering = ["document_id", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.document} → {self.recipient} ({self.get_channel_display()})"


def _template_path(instance: DocumentTemplate, filename: str) -> str:
    return f"documents/templates/{instance.agency_id}/{instance.kind}/{filename}"


class DocumentTemplate(models.Model):
    """A version of an agency's Word template for a kind of document (a `TemplateKind` of the registry:
    "decision", "proposal", "award_list", ...). Versions are numbered 1, 2, ... per agency and kind and never
    change; at most one is active."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="document_templates", verbose_name=_("Cơ quan")
    )
    kind = models.CharField(_("Loại mẫu"), max_length=32)
    version = models.PositiveIntegerField(_("Phiên bản"))
    file = models.FileField(_("Tệp mẫu (.docx)"), upload_to=_template_path, max_length=255)
    original_name = models.CharField(_("Tên tệp tải lên"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), default=timezone.now)
    active = models.BooleanField(_("Đang dùng"), default=False)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Mẫu văn bản Word")
        verbose_name_plural = _("Mẫu văn bản Word")
        ordering = ["agency_id", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "version"], name="document_template_version_unique"
            ),
            models.UniqueConstraint(
                fields=["agency", "kind"],
                condition=Q(active=True),
                name="document_template_one_active",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="document_template_version_positive"),
        ]

    @property
    def label(self) -> str:
        """What a document made from this version records ("Mẫu của cơ quan, phiên bản 3")."""
        return f"Mẫu của cơ quan, phiên bản {self.version}"

    def __str__(self) -> str:
        return f"{self.agency} – {self.kind} – {self.label}"
