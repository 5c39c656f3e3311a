"""Certificates (Giấy khen, giấy chứng nhận danh hiệu) of the awards an issued decision wrote, and their printing.

- `CertificateTemplate`: an office's sheet, its field layout in millimetres (`documents.certificates.
  CertificateLayout` as JSON), calibrated once on a test sheet against the office's pre-printed blanks (phôi), or
  a print-ready layout on plain paper; which titles and forms it serves.
- `PrintRun`: one printing — the certificates of some lines of one decision, numbered consecutively from the
  agency's certificate book of the year (`SerialRegister`, a locked counter row: no gap, no duplicate), with the
  PDF sent to the printer and the printed list of what was printed, both kept.
- `PrintedCertificate`: one numbered certificate; a reprint (a spoilt blank, a lost certificate) is a new one in a
  new run, and the older number is marked replaced (kept, never reused).

The public verification page reads the decision line's `verify_code` (decisions app): nothing of it lives here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode
from thidua.documents.certificates import CertificateLayout
from thidua.organizations.models import Organization


class Paper(models.TextChoices):
    A4_LANDSCAPE = "a4_landscape", _("A4 ngang (297 × 210 mm)")
    A4_PORTRAIT = "a4_portrait", _("A4 dọc (210 × 297 mm)")
    A3_LANDSCAPE = "a3_landscape", _("A3 ngang (420 × 297 mm)")


# Width and height in millimetres of each paper.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    Paper.A4_LANDSCAPE: (297.0, 210.0),
    Paper.A4_PORTRAIT: (210.0, 297.0),
    Paper.A3_LANDSCAPE: (420.0, 297.0),
}


class CertificateTemplate(models.Model):
    """An office's certificate sheet: the layout of its fields (JSON of `CertificateLayout`), the paper, the award
    codes it serves (empty: any), and when and by whom it was last calibrated."""

    agency = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="certificate_templates",
        verbose_name=_("Cơ quan"),
    )
    name = models.CharField(_("Tên mẫu"), max_length=200)
    codes = models.JSONField(
        _("Danh hiệu, hình thức dùng mẫu này"),
        default=list,
        blank=True,
        help_text=_("Để trống: dùng cho mọi danh hiệu, hình thức."),
    )
    paper = models.CharField(_("Khổ giấy"), max_length=16, choices=Paper.choices, default=Paper.A4_LANDSCAPE)
    layout = models.JSONField(_("Bố cục (mm)"), default=dict)
    calibrated_at = models.DateTimeField(_("Căn chỉnh lúc"), null=True, blank=True)
    calibrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người căn chỉnh"),
    )
    active = models.BooleanField(_("Đang dùng"), default=True)
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mẫu giấy khen")
        verbose_name_plural = _("Mẫu giấy khen")
        ordering = ["agency", "-active", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def certificate_layout(self) -> CertificateLayout:
        """The stored layout (raises `LayoutError` when it cannot be used), named as the template."""
        data: dict[str, Any] = dict(self.layout or {})
        data["name"] = self.name
        return CertificateLayout.from_dict(data)

    @property
    def is_blank(self) -> bool:
        """Printed on pre-printed blanks (phôi): only what varies is printed, no border, no motto."""
        return not (self.layout or {}).get("decorated", False)

    def serves(self, code: str) -> bool:
        return not self.codes or code in self.codes

    @property
    def code_names(self) -> list[str]:
        """The titles and forms it serves, by name (empty: any)."""
        labels = dict(AwardCode.choices)
        return [str(labels.get(code, code)) for code in self.codes]


class SerialRegister(models.Model):
    """The last certificate number given by an agency in a year (the certificate book): taken under a row lock."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    last_number = models.PositiveIntegerField(_("Số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("Sổ cấp giấy khen")
        verbose_name_plural = _("Sổ cấp giấy khen")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="certificate_register_unique_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.year}: {self.last_number}"


class PrintKind(models.TextChoices):
    BLANK = "blank", _("In trên phôi")
    FULL = "full", _("In toàn bộ trên giấy trắng")


def _run_path(instance: PrintRun, filename: str) -> str:
    return f"certificates/{instance.year}/{filename}"


class PrintRun(models.Model):
    """Certificates of one decision printed in one go: the numbers taken, the layout as printed (a snapshot: the
    template may be recalibrated later), the PDF sent to the printer and the printed list."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan")
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="certificate_runs",
        verbose_name=_("Quyết định"),
    )
    template = models.ForeignKey(
        CertificateTemplate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("Mẫu giấy khen"),
    )
    template_name = models.CharField(_("Tên mẫu khi in"), max_length=200)
    layout = models.JSONField(_("Bố cục khi in"), default=dict)
    kind = models.CharField(_("Cách in"), max_length=8, choices=PrintKind.choices)
    year = models.PositiveSmallIntegerField(_("Năm cấp số"), validators=YEAR_VALIDATORS)
    first_number = models.PositiveIntegerField(_("Từ số"))
    last_number = models.PositiveIntegerField(_("Đến số"))
    first_serial = models.CharField(_("Từ số (in trên giấy)"), max_length=32)
    last_serial = models.CharField(_("Đến số (in trên giấy)"), max_length=32)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người in"),
    )
    printed_at = models.DateTimeField(_("In lúc"))
    pdf = models.FileField(_("Tệp in giấy khen"), upload_to=_run_path, max_length=255)
    list_pdf = models.FileField(_("Danh sách giấy khen đã in"), upload_to=_run_path, max_length=255)

    class Meta:
        verbose_name = _("Lần in giấy khen")
        verbose_name_plural = _("Các lần in giấy khen")
        ordering = ["-printed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_number__gte=models.F("first_number")),
                name="certificate_run_numbers_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_serial} – {self.last_serial}"

    @property
    def count(self) -> int:
        return self.last_number - self.first_number + 1


class PrintedCertificate(models.Model):
    """One numbered certificate of one decision line; `replaced_by` is the reprint that replaced it."""

    run = models.ForeignKey(
        PrintRun, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("Lần in")
    )
    line = models.ForeignKey(
        "decisions.DecisionLine",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("Người, tập thể được khen thưởng"),
    )
    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("Năm cấp số"), validators=YEAR_VALIDATORS)
    number = models.PositiveIntegerField(_("Số"))
    serial = models.CharField(_("Số giấy khen"), max_length=32)
    replaced_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        verbose_name=_("Được thay bằng"),
    )

    class Meta:
        verbose_name = _("Giấy khen đã in")
        verbose_name_plural = _("Giấy khen đã in")
        ordering = ["agency", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                name="certificate_number_unique_agency_year",
                violation_error_message=_("Số giấy khen này đã được cấp."),
            )
        ]
        indexes = [models.Index(fields=["line", "replaced_by"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def replaced(self) -> bool:
        return self.replaced_by_id is not None
