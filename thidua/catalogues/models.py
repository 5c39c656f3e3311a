"""The legal document library (thư viện văn bản pháp luật): the laws, decrees, circulars and decisions the
emulation and commendation work rests on, with their validity, shown publicly.

The catalogues of titles, forms, award tracks and eras are not stored here: they are the rules engine's
(`thidua.rules.engine`), rendered by this app's pages."""

from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from thidua.core import vn_text


class LegalDocumentKind(models.TextChoices):
    LAW = "luat", _("Luật")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    DECISION = "quyet_dinh", _("Quyết định")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    PLAN = "ke_hoach", _("Kế hoạch")
    OTHER = "khac", _("Văn bản khác")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_LAPSED = "partly_lapsed", _("Hết hiệu lực một phần")
    LAPSED = "lapsed", _("Hết hiệu lực")


def _file_path(instance: "LegalDocument", filename: str) -> str:
    return f"catalogues/legal/{filename}"


class LegalDocument(models.Model):
    """A legal text in the library: its type, number and symbol, issuer, dates, validity and an optional file."""

    kind = models.CharField(_("Loại văn bản"), max_length=16, choices=LegalDocumentKind.choices)
    number_symbol = models.CharField(
        _("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 06/2022/QH15, 152/2025/NĐ-CP.")
    )
    title = models.CharField(_("Trích yếu"), max_length=500)
    issuing_body = models.CharField(_("Cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(
        _("Ngày ban hành"), null=True, blank=True, help_text=_("Để trống khi chưa xác minh được.")
    )
    effective_on = models.DateField(
        _("Ngày có hiệu lực"), null=True, blank=True, help_text=_("Để trống khi chưa xác minh được.")
    )
    validity = models.CharField(
        _("Tình trạng hiệu lực"), max_length=16, choices=Validity.choices, default=Validity.IN_FORCE
    )
    lapsed_on = models.DateField(_("Ngày hết hiệu lực"), null=True, blank=True)
    file = models.FileField(
        _("Tệp văn bản"),
        upload_to=_file_path,
        max_length=255,
        blank=True,
        help_text=_("PDF, DOCX, XLSX hoặc ảnh (PNG, JPEG, GIF, WEBP)"),
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    search_text = models.CharField(max_length=1000, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Văn bản pháp luật")
        verbose_name_plural = _("Văn bản pháp luật")
        ordering = [F("issued_on").desc(nulls_last=True), "number_symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_symbol", "issuing_body"],
                name="legal_document_unique_number",
                violation_error_message=_("Đã có văn bản với số, ký hiệu này của cơ quan ban hành này."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LegalDocumentKind.values),
                name="legal_document_kind_known",
                violation_error_message=_("Loại văn bản không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(validity__in=Validity.values),
                name="legal_document_validity_known",
                violation_error_message=_("Tình trạng hiệu lực không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(lapsed_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(lapsed_on__gte=F("effective_on")),
                name="legal_document_lapses_after_effect",
                violation_error_message=_("Ngày hết hiệu lực phải sau hoặc bằng ngày có hiệu lực."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_symbol}"

    def refresh_derived(self) -> None:
        """The search text: the type's Vietnamese name, the number whole and word by word, title and issuer."""
        with translation.override("vi"):
            kind = str(self.get_kind_display())
        self.search_text = vn_text.search_document(
            kind, self.number_symbol, self.number_symbol.replace("/", " "), self.title, self.issuing_body
        )

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def download_name(self) -> str:
        """The name a download gets: type and number, with the slashes of the symbol as dashes."""
        return f"{self.get_kind_display()} {self.number_symbol.replace('/', '-')}"
