"""Decisions (quyết định khen thưởng) and what they award: the last step of the commendation cycle.

Three kinds of decision record:

- an **award decision** of the agency's head, for the titles and forms within the agency's power (Luật Thi đua,
  khen thưởng 06/2022/QH15, Điều 80 for a Sở): drafted from the lines the council passed, signed (PAdES) by the
  head, numbered from the agency's register and issued — issuing writes the awards into the registry;
- a **proposal** (tờ trình) to the deciding level for the higher titles and forms, with the dossier package;
- an **external decision**: the deciding level's answer to a proposal, or any decision made outside the system
  (paper, another agency), registered with its scan so that the registry is complete.

Lifecycle (`workflow.py`): draft → submitted → signed → issued → revoked; an external decision is registered
straight from draft to issued. An issued decision never changes: a correction is a new decision, a withdrawal a
revocation with the revoking decision's number and a reason (the awards stay visible as revoked).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode, AwardTrack
from thidua.organizations.models import Organization, Person


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Quyết định khen thưởng")
    PROPOSAL = "proposal", _("Tờ trình đề nghị cấp trên khen thưởng")
    EXTERNAL = "external", _("Quyết định của cấp khác, bản giấy")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Trình ký")
    SIGNED = "signed", _("Đã ký")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã hủy bỏ")


def _decision_path(instance: Decision, filename: str) -> str:
    return f"decisions/{instance.year}/{filename}"


class Decision(models.Model):
    """One decision (or proposal) and its lines (`DecisionLine`), with the files that were signed and sent."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("Cơ quan")
    )
    kind = models.CharField(
        _("Loại"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.AWARD
    )
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("Trích yếu"), max_length=500)
    # The legal bases ("Căn cứ" lines) printed above the articles: the era's defaults, editable while a draft.
    bases = models.JSONField(_("Căn cứ"), default=list, blank=True)
    council_session = models.ForeignKey(
        "council.Session",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Phiên họp Hội đồng"),
    )
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Phong trào thi đua"),
    )
    # An external decision that answers one of our proposals.
    proposal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("Tờ trình được trả lời"),
    )
    # Number, symbol and date: taken from the agency's register when the head signs (award, proposal), or typed
    # from the paper (external).
    number_symbol = models.CharField(_("Số, ký hiệu"), max_length=64, blank=True)
    decided_on = models.DateField(_("Ngày ký"), null=True, blank=True)
    deciding_body = models.CharField(_("Cơ quan quyết định"), max_length=255, blank=True)
    signer_name = models.CharField(_("Người ký"), max_length=128, blank=True)
    signer_position = models.CharField(_("Chức vụ người ký"), max_length=128, blank=True)
    issued_document = models.OneToOneField(
        "documents.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("Văn bản đi"),
    )
    # Which Word template version made the DOCX ("" = the built-in Decree 30 layout).
    template_label = models.CharField(_("Mẫu văn bản"), max_length=128, blank=True)
    template_sha256 = models.CharField(max_length=64, blank=True)
    signed_pdf = models.FileField(_("Bản PDF đã ký số"), upload_to=_decision_path, blank=True, max_length=255)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người ký số"),
    )
    signed_at = models.DateTimeField(_("Ký lúc"), null=True, blank=True)
    signature_subject = models.CharField(_("Chứng thư ký"), max_length=500, blank=True)
    # The scan of a decision made outside the system (external), PDF or image.
    scan = models.FileField(_("Bản chụp quyết định"), upload_to=_decision_path, blank=True, max_length=255)
    issued_at = models.DateTimeField(_("Ban hành lúc"), null=True, blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    revoke_reason = models.TextField(_("Lý do hủy bỏ"), blank=True)
    revoking_number = models.CharField(_("Số quyết định hủy bỏ"), max_length=64, blank=True)
    revoking_date = models.DateField(_("Ngày quyết định hủy bỏ"), null=True, blank=True)
    # Bumped on every change: a form posts the version it showed; a stale one is refused as a conflict.
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

    class Meta:
        verbose_name = _("Quyết định khen thưởng")
        verbose_name_plural = _("Quyết định khen thưởng")
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["agency", "year", "status"])]

    @property
    def is_external(self) -> bool:
        return self.kind == DecisionKind.EXTERNAL

    @property
    def awards_on_issue(self) -> bool:
        """Award and external decisions write awards into the registry; a proposal only asks for them."""
        return self.kind != DecisionKind.PROPOSAL

    def __str__(self) -> str:
        number = self.number_symbol or _("chưa có số")
        return f"{self.get_kind_display()} {number} – {self.title}"


def new_verify_code() -> str:
    """An unguessable code for the public verification page (about 80 bits; no enumeration)."""
    return secrets.token_urlsafe(10)


class DecisionLine(models.Model):
    """One awardee of a decision: a person or a collective, a title or form on a track, the money it pays, and,
    once issued, the award it wrote into the registry."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("Quyết định")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Đề nghị"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Cá nhân"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Tập thể"),
    )
    code = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardCode.choices)
    track = models.CharField(
        _("Loại khen thưởng"), max_length=16, choices=AwardTrack.choices, default=AwardTrack.CONG_TRANG
    )
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    period_from = models.PositiveSmallIntegerField(
        _("Giai đoạn thành tích từ năm"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    period_to = models.PositiveSmallIntegerField(
        _("Giai đoạn thành tích đến năm"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Phong trào thi đua"),
    )
    achievement = models.TextField(_("Thành tích"), blank=True)
    # The subject as printed (name, and unit for a person), kept as it was on the decision.
    subject_name = models.CharField(_("Họ tên, tên tập thể"), max_length=255)
    subject_unit = models.CharField(_("Đơn vị"), max_length=255, blank=True)
    # The unit a person worked in (the proposing unit of the nomination), or the collective itself: whose head is
    # told, whose statistics count it.
    unit = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị công tác"),
    )
    position = models.PositiveIntegerField(_("Thứ tự"), default=0)
    # Money (legal-rules §9): multiple × lương cơ sở on the decision date, rounded up; None when unknown.
    amount = models.PositiveBigIntegerField(_("Tiền thưởng (đồng)"), null=True, blank=True)
    multiple = models.DecimalField(_("Hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("Mức lương cơ sở"), null=True, blank=True)
    money_basis = models.CharField(_("Căn cứ tiền thưởng"), max_length=500, blank=True)
    money_to_verify = models.BooleanField(_("Cần xác minh"), default=False)
    award = models.OneToOneField(
        "commendations.AwardRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_line",
        verbose_name=_("Khen thưởng trong sổ"),
    )
    verify_code = models.CharField(_("Mã xác minh"), max_length=32, unique=True, default=new_verify_code)

    class Meta:
        verbose_name = _("Người, tập thể được khen thưởng")
        verbose_name_plural = _("Danh sách được khen thưởng")
        ordering = ["decision", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False)),
                name="decision_line_person_xor_collective",
                violation_error_message=_("Mỗi dòng khen thưởng là một cá nhân hoặc một tập thể."),
            ),
        ]

    @property
    def subject(self) -> Person | Organization:
        return self.person or self.organization  # type: ignore[return-value]

    @property
    def is_collective(self) -> bool:
        return self.organization_id is not None

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.year} – {self.subject_name}"
