"""Emulation movements (phong trào thi đua) in a tree, their content as the launch letter states it, targets
per unit and year, progress reports, mid-term and final reviews, and exemplary models.

A movement's text fields may carry a light markup for emphasis, as the letters do: ``**bold**`` (the theme in
the introduction) and ``*italic*`` (the names of other movements). :func:`thidua.movements.markup.runs` turns it
into document runs; pages render it with the ``movement_markup`` filter.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import AwardCode
from thidua.documents.models import DispatchChannel
from thidua.documents.validators import validate_document_text
from thidua.organizations.models import Organization, Person

# Luật Thi đua, khen thưởng 06/2022/QH15 is in force from 01/01/2024 (Điều 94); its Điều 16 khoản 1 knows only
# regular and thematic movements.
LAW_2022_IN_FORCE = date(2024, 1, 1)


class MovementLevel(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCE = "province", _("Tỉnh")
    AGENCY = "agency", _("Sở, ban, ngành")
    UNIT = "unit", _("Phòng, đơn vị")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")
    PHASE = "phase", _("Theo đợt (trước năm 2024)")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    MIDTERM_REVIEW_HELD = "midterm_review_held", _("Đã sơ kết")
    FINAL_REVIEW_HELD = "final_review_held", _("Đã tổng kết")
    CLOSED = "closed", _("Đã kết thúc")


class LaunchDocumentType(models.TextChoices):
    DISPATCH = "cong_van", _("Công văn phát động")
    PLAN = "ke_hoach", _("Kế hoạch")


class OrganisingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Hội nghị trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Kết hợp trực tiếp và trực tuyến")


class AwardingMode(models.TextChoices):
    STAGED = "staged", _("Khen thưởng khi sơ kết và tổng kết")
    FINAL_ONLY = "final_only", _("Chỉ khen thưởng khi tổng kết")


class Movement(models.Model):
    """A movement as its launch letter states it: who launches it, why, what for, how, and who does what."""

    code = models.CharField(_("Mã"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Hưởng ứng phong trào"),
    )
    focus_movements = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="focused_by",
        verbose_name=_("Các phong trào trọng tâm"),
    )
    level = models.CharField(_("Cấp phát động"), max_length=16, choices=MovementLevel.choices)
    kind = models.CharField(
        _("Hình thức"), max_length=16, choices=MovementKind.choices, default=MovementKind.REGULAR
    )
    title = models.CharField(_("Tên phong trào"), max_length=500, validators=[validate_document_text])
    theme = models.TextField(_("Chủ đề"), blank=True, validators=[validate_document_text])
    period_start = models.PositiveSmallIntegerField(_("Từ năm"))
    period_end = models.PositiveSmallIntegerField(_("Đến năm"))
    launching_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("Cơ quan phát động"),
    )
    launched_by = models.CharField(
        _("Người, cơ quan phát động (ngoài hệ thống)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Thủ tướng Chính phủ, khi phong trào do cấp trên ngoài hệ thống phát động."),
        validators=[validate_document_text],
    )
    signer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người ký")
    )
    signer_position = models.CharField(
        _("Chức vụ người ký"), max_length=128, blank=True, validators=[validate_document_text]
    )
    signer_authority = models.CharField(
        _("Thẩm quyền ký"),
        max_length=8,
        blank=True,
        help_text=_("KT., TM., TL., TUQ., Q. hoặc để trống."),
        validators=[validate_document_text],
    )
    signer_own_position = models.CharField(
        _("Chức vụ của người ký thay"), max_length=128, blank=True, validators=[validate_document_text]
    )
    document_type = models.CharField(
        _("Loại văn bản phát động"),
        max_length=16,
        choices=LaunchDocumentType.choices,
        default=LaunchDocumentType.DISPATCH,
    )
    abstract = models.CharField(
        _("Trích yếu"), max_length=500, blank=True, validators=[validate_document_text]
    )
    addressees = models.TextField(
        _("Kính gửi"), blank=True, help_text=_("Mỗi dòng một nơi."), validators=[validate_document_text]
    )
    drafting_unit_symbol = models.CharField(
        _("Ký hiệu đơn vị soạn thảo"), max_length=16, blank=True, validators=[validate_document_text]
    )
    introduction = models.TextField(
        _("Mở đầu"),
        blank=True,
        help_text=_("Các đoạn cách nhau một dòng trống."),
        validators=[validate_document_text],
    )
    closing = models.TextField(_("Đoạn kết"), blank=True, validators=[validate_document_text])
    status = models.CharField(
        _("Trạng thái"), max_length=24, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    launched_on = models.DateField(_("Ngày phát động"), null=True, blank=True)
    dossier_open_on = models.DateField(_("Ngày bắt đầu nhận hồ sơ"), null=True, blank=True)
    dossier_close_on = models.DateField(_("Hạn nộp hồ sơ"), null=True, blank=True)
    organising_method = models.CharField(
        _("Phương thức tổ chức"), max_length=16, blank=True, choices=OrganisingMethod.choices
    )
    awarding_mode = models.CharField(
        _("Khen thưởng"), max_length=16, choices=AwardingMode.choices, default=AwardingMode.STAGED
    )
    closed_reason = models.TextField(
        _("Lý do kết thúc"),
        blank=True,
        editable=False,
        help_text=_("Bắt buộc khi kết thúc phong trào lúc còn báo cáo chưa gửi."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Phong trào thi đua")
        verbose_name_plural = _("Phong trào thi đua")
        ordering = ["-period_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="movement_period"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(launched_on__isnull=False), name="movement_launched_has_date"
            ),
            models.CheckConstraint(
                condition=Q(dossier_open_on__isnull=True)
                | Q(dossier_close_on__isnull=True)
                | Q(dossier_close_on__gte=models.F("dossier_open_on")),
                name="movement_dossier_window",
                violation_error_message=_("Hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return (
            f"{self.period_start} - {self.period_end}"
            if self.period_end != self.period_start
            else str(self.period_start)
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("Năm kết thúc phải sau năm bắt đầu."))
        if self.kind == MovementKind.PHASE and (
            self.launched_on is None or self.launched_on >= LAW_2022_IN_FORCE
        ):
            errors.setdefault("kind", []).append(
                _(
                    "Hình thức thi đua theo đợt chỉ áp dụng cho phong trào phát động trước ngày 01/01/2024. "
                    "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 16 khoản 1 chỉ quy định thi đua thường "
                    "xuyên và thi đua theo chuyên đề."
                )
            )
        if self.level != MovementLevel.NATIONAL and self.launching_organization_id is None:
            errors.setdefault("launching_organization", []).append(_("Chọn cơ quan phát động."))
        if self.parent_id is not None and self.parent_id == self.pk:
            errors.setdefault("parent", []).append(_("Phong trào không thể hưởng ứng chính nó."))
        if self.dossier_open_on and self.dossier_close_on and self.dossier_close_on < self.dossier_open_on:
            errors.setdefault("dossier_close_on", []).append(
                _("Hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def launcher_name(self) -> str:
        organization = self.launching_organization
        return organization.name if organization is not None else self.launched_by

    @property
    def addressee_lines(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    @property
    def introduction_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.introduction.split("\n\n") if p.strip()]


class Objective(models.Model):
    """One objective (mục tiêu), in the order of the letter."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    text = models.TextField(_("Nội dung"), validators=[validate_document_text])

    class Meta:
        verbose_name = _("Mục tiêu")
        verbose_name_plural = _("Mục tiêu")
        ordering = ["movement_id", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Solution(models.Model):
    """A numbered main solution (giải pháp chủ yếu) such as "2.1"."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="solutions")
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    number = models.CharField(
        _("Số thứ tự"), max_length=16, help_text=_("Ví dụ: 2.1"), validators=[validate_document_text]
    )
    text = models.TextField(_("Nội dung"), validators=[validate_document_text])

    class Meta:
        verbose_name = _("Giải pháp")
        verbose_name_plural = _("Giải pháp")
        ordering = ["movement_id", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "number"], name="solution_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class ResponsibleParty(models.TextChoices):
    UNIT_HEADS = "unit_heads", _("Thủ trưởng các phòng, đơn vị")
    TRADE_UNION = "trade_union", _("Công đoàn cơ sở")
    YOUTH_UNION = "youth_union", _("Chi đoàn thanh niên")
    UNIONS = "unions", _("Công đoàn cơ sở và Chi đoàn thanh niên")
    STANDING_OFFICE = "standing_office", _("Cơ quan thường trực (Văn phòng)")
    OTHER = "other", _("Khác")


class Responsibility(models.Model):
    """Who does what (tổ chức thực hiện), numbered as in section II of the letter."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="responsibilities")
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    party = models.CharField(_("Chủ thể"), max_length=16, choices=ResponsibleParty.choices)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị"),
    )
    text = models.TextField(_("Nhiệm vụ"), validators=[validate_document_text])

    class Meta:
        verbose_name = _("Trách nhiệm thực hiện")
        verbose_name_plural = _("Trách nhiệm thực hiện")
        ordering = ["movement_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.text[:60]}"


# A recipient's channel is the channel its dispatch will use: one list of channels for both.
Channel = DispatchChannel


class Recipient(models.Model):
    """A line of the "Nơi nhận" block, with how the document reaches it."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    label = models.CharField(
        _("Nơi nhận"),
        max_length=255,
        help_text=_("Như ghi trên văn bản, không có dấu ; cuối."),
        validators=[validate_document_text],
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị"),
    )
    channel = models.CharField(
        _("Hình thức gửi"), max_length=16, choices=Channel.choices, default=Channel.EOFFICE
    )

    class Meta:
        verbose_name = _("Nơi nhận")
        verbose_name_plural = _("Nơi nhận")
        ordering = ["movement_id", "order", "id"]
        constraints = [
            # A channel the dispatch does not know could never be sent (and a launched movement cannot be
            # corrected): the database refuses it as the form and the API do.
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values),
                name="recipient_channel_known",
                violation_error_message=_("Hình thức gửi không hợp lệ."),
            )
        ]

    def __str__(self) -> str:
        return self.label


class Target(models.Model):
    """A measurable target (chỉ tiêu) of a movement for one unit and one year."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="movement_targets", verbose_name=_("Đơn vị")
    )
    solution = models.ForeignKey(
        Solution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
        verbose_name=_("Giải pháp"),
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    indicator = models.CharField(_("Chỉ tiêu"), max_length=500, validators=[validate_document_text])
    unit_of_measure = models.CharField(_("Đơn vị tính"), max_length=64, validators=[validate_document_text])
    target_value = models.DecimalField(_("Giá trị chỉ tiêu"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("Chỉ tiêu")
        verbose_name_plural = _("Chỉ tiêu")
        ordering = ["movement_id", "year", "organization__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "organization", "year", "indicator"], name="target_unique_per_unit_year"
            ),
            models.CheckConstraint(condition=Q(target_value__gt=0), name="target_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.year})"

    def clean(self) -> None:
        movement = getattr(self, "movement", None)
        if (
            movement is not None
            and self.year
            and not movement.period_start <= self.year <= movement.period_end
        ):
            raise ValidationError({"year": _("Năm của chỉ tiêu phải nằm trong giai đoạn của phong trào.")})


class ReportPeriod(models.TextChoices):
    Q1 = "q1", _("Quý I")
    H1 = "h1", _("6 tháng đầu năm")
    Q3 = "q3", _("9 tháng")
    YEAR = "year", _("Cả năm")


class ReportStatus(models.TextChoices):
    NOT_SENT = "not_sent", _("Chưa gửi")
    SENT = "sent", _("Đã gửi")
    RETURNED = "returned", _("Đã trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class ProgressReport(models.Model):
    """A unit's report on its targets for one period (values to date, i.e. cumulative within the year)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="movement_reports", verbose_name=_("Đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    period = models.CharField(_("Kỳ báo cáo"), max_length=8, choices=ReportPeriod.choices)
    due_on = models.DateField(_("Hạn gửi"))
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NOT_SENT
    )
    narrative = models.TextField(_("Kết quả thực hiện"), blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(_("Ngày gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("Ngày xử lý"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Báo cáo tiến độ")
        verbose_name_plural = _("Báo cáo tiến độ")
        ordering = ["movement_id", "year", "due_on", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "organization", "year", "period"], name="report_unique_per_period"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="report_returned_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.get_period_display()} {self.year}"

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in (ReportStatus.NOT_SENT, ReportStatus.RETURNED) and self.due_on < today

    @property
    def period_label(self) -> str:
        return f"{self.get_period_display()} {self.year}"


class ReportValue(models.Model):
    """The value reached for one target, to the end of the report's period."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="report_values")
    value = models.DecimalField(_("Giá trị đạt được"), max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("Giá trị báo cáo")
        verbose_name_plural = _("Giá trị báo cáo")
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="report_value_unique")]

    def __str__(self) -> str:
        return f"{self.target}: {self.value}"


def _attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"movements/reports/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    """Evidence attached to a report; its type was checked by content when uploaded."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Tệp"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Kiểu tệp"), max_length=128)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReviewKind(models.TextChoices):
    MIDTERM = "midterm", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class Review(models.Model):
    """A mid-term or final review (sơ kết, tổng kết): scheduled, then held; its report is drafted from data."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("Loại"), max_length=8, choices=ReviewKind.choices)
    scheduled_on = models.DateField(_("Ngày dự kiến"))
    held_on = models.DateField(_("Ngày tổ chức"), null=True, blank=True)
    summary = models.TextField(_("Đánh giá chung"), blank=True, validators=[validate_document_text])
    # The figures as of the day it was held (`selectors.review_report_data`), stored then: later reports,
    # awards and corrections do not change what the review said.
    snapshot = models.JSONField(_("Số liệu tại ngày sơ kết, tổng kết"), null=True, blank=True, editable=False)
    report_document = models.ForeignKey(
        "documents.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Báo cáo sơ kết, tổng kết"),
    )

    class Meta:
        verbose_name = _("Sơ kết, tổng kết")
        verbose_name_plural = _("Sơ kết, tổng kết")
        ordering = ["movement_id", "scheduled_on"]
        constraints = [models.UniqueConstraint(fields=["movement", "kind"], name="review_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.movement}"


class MovementAwardPlan(models.Model):
    """A line of the movement's award plan: how many of one title or form it plans to award at the mid-term
    or the final review, and the criteria for it in this movement. Recording an award linked to the movement
    beyond the planned count for its code is refused (`award_plan_check`, through core.registry)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="award_plans")
    code = models.CharField(_("Danh hiệu, hình thức khen thưởng"), max_length=32, choices=AwardCode.choices)
    stage = models.CharField(_("Khen thưởng khi"), max_length=8, choices=ReviewKind.choices)
    planned_count = models.PositiveIntegerField(_("Số lượng dự kiến"))
    criteria = models.TextField(_("Tiêu chuẩn"), blank=True, validators=[validate_document_text])

    class Meta:
        verbose_name = _("Khen thưởng dự kiến của phong trào")
        verbose_name_plural = _("Khen thưởng dự kiến của phong trào")
        ordering = ["movement_id", "stage", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "code", "stage"],
                name="award_plan_unique",
                violation_error_message=_(
                    "Phong trào đã có dòng dự kiến cho danh hiệu, hình thức này ở đợt này."
                ),
            ),
            models.CheckConstraint(condition=Q(planned_count__gt=0), name="award_plan_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.get_stage_display()}): {self.planned_count}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.planned_count is not None and self.planned_count <= 0:
            errors.setdefault("planned_count", []).append(_("Số lượng dự kiến phải lớn hơn 0."))
        movement = getattr(self, "movement", None) if self.movement_id else None
        if (
            movement is not None
            and movement.awarding_mode == AwardingMode.FINAL_ONLY
            and self.stage == ReviewKind.MIDTERM
        ):
            errors.setdefault("stage", []).append(
                _("Phong trào chỉ khen thưởng khi tổng kết: không dự kiến khen thưởng khi sơ kết.")
            )
        if errors:
            raise ValidationError(errors)


class ExemplaryKind(models.TextChoices):
    PERSON = "person", _("Cá nhân điển hình tiên tiến")
    COLLECTIVE = "collective", _("Tập thể điển hình tiên tiến")
    MODEL = "model", _("Mô hình mới, cách làm hay")


class ExemplaryModel(models.Model):
    """An advanced example or new model (điển hình tiên tiến, mô hình mới) found in a movement."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="exemplary_models")
    kind = models.CharField(_("Loại"), max_length=16, choices=ExemplaryKind.choices)
    title = models.CharField(_("Tên"), max_length=500, validators=[validate_document_text])
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cá nhân")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="exemplary_models",
        verbose_name=_("Đơn vị"),
    )
    story = models.TextField(_("Câu chuyện, thành tích"), validators=[validate_document_text])
    evidence = models.TextField(_("Minh chứng"), blank=True, validators=[validate_document_text])
    recognized_on = models.DateField(_("Ngày ghi nhận"), default=timezone.localdate)
    published = models.BooleanField(_("Đã công bố"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    replicated_in = models.ManyToManyField(
        Organization, through="Replication", related_name="replicated_models", verbose_name=_("Nhân rộng tại")
    )

    class Meta:
        verbose_name = _("Điển hình tiên tiến, mô hình mới")
        verbose_name_plural = _("Điển hình tiên tiến, mô hình mới")
        ordering = ["-recognized_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="person") | Q(person__isnull=False), name="exemplary_person_has_person"
            ),
            # The same example recorded twice (a form sent twice) is refused by the database itself.
            models.UniqueConstraint(
                fields=["movement", "person", "title"],
                condition=Q(person__isnull=False),
                name="exemplary_unique_per_person",
                violation_error_message=_("Cá nhân này đã có điển hình, mô hình cùng tên trong phong trào."),
            ),
            models.UniqueConstraint(
                fields=["movement", "organization", "title"],
                condition=Q(person__isnull=True),
                name="exemplary_unique_per_unit",
                violation_error_message=_("Đơn vị này đã có điển hình, mô hình cùng tên trong phong trào."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Replication(models.Model):
    """A unit that replicated an exemplary model (nhân rộng)."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="replications")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    replicated_on = models.DateField(_("Ngày nhân rộng"))
    note = models.TextField(_("Kết quả"), blank=True, validators=[validate_document_text])

    class Meta:
        verbose_name = _("Nhân rộng")
        verbose_name_plural = _("Nhân rộng")
        ordering = ["replicated_on", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "organization"], name="replication_unique")]

    def __str__(self) -> str:
        return f"{self.model} – {self.organization}"
