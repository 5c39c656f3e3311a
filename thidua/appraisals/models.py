"""The yearly facts about people and collectives that the rules engine judges.

Registration (đăng ký thi đua), task-completion ratings, leave, discipline, and collectives' own results.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode, DisciplineForm, LeaveKind, Rating
from thidua.organizations.models import Organization, Person


class Appraisal(models.Model):
    """A person's yearly appraisal: task-completion rating and months worked in the year."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="appraisals", verbose_name=_("Cán bộ")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="appraisals", verbose_name=_("Đơn vị đánh giá")
    )
    rating = models.CharField(_("Xếp loại"), max_length=8, choices=Rating.choices)
    months_worked = models.PositiveSmallIntegerField(_("Số tháng công tác trong năm"), default=12)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Đánh giá, xếp loại")
        verbose_name_plural = _("Đánh giá, xếp loại")
        ordering = ["year", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="appraisal_one_per_person_year",
                violation_error_message=_("Cán bộ này đã có đánh giá, xếp loại của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(months_worked__lte=12),
                name="appraisal_months_le_12",
                violation_error_message=_("Số tháng công tác trong năm không quá 12."),
            ),
        ]
        indexes = [models.Index(fields=["year", "organization"])]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.rating}"


class StudyResult(models.TextChoices):
    XUAT_SAC = "xuat_sac", _("Xuất sắc")
    GIOI = "gioi", _("Giỏi")
    KHA = "kha", _("Khá")
    TRUNG_BINH = "trung_binh", _("Trung bình")
    YEU = "yeu", _("Yếu")


def leave_period_errors(*, year: int | None, start_on: date | None, end_on: date | None) -> dict[str, str]:
    """Field → message for a leave period listed under `year`: its end is not before its start, and it touches
    the year (a maternity leave from November to April is listed under either year). Forms and the Excel
    import both use this, so they accept and refuse the same periods."""
    errors: dict[str, str] = {}
    if start_on and end_on and end_on < start_on:
        errors["end_on"] = str(_("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return errors
    first, last = start_on or end_on, end_on or start_on
    if year and first and last and not first.year <= year <= last.year:
        errors["start_on" if start_on else "end_on"] = str(
            _("Ngày phải thuộc năm %(year)s.") % {"year": year}
        )
    return errors


class Leave(models.Model):
    """A period of leave in a year, with its kind and working days."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="leaves", verbose_name=_("Cán bộ")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("Loại nghỉ"), max_length=16, choices=LeaveKind.choices)
    start_on = models.DateField(_("Từ ngày"), null=True, blank=True)
    end_on = models.DateField(_("Đến ngày"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("Số ngày làm việc"))
    duration_months = models.DecimalField(
        _("Thời gian khóa học (tháng)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    study_result = models.CharField(
        _("Kết quả học tập"), max_length=16, choices=StudyResult.choices, blank=True
    )
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Nghỉ")
        verbose_name_plural = _("Nghỉ")
        ordering = ["year", "start_on"]
        indexes = [models.Index(fields=["year", "person"])]

    def clean(self) -> None:
        """The same checks as the Excel import (`leave_period_errors`), and at most 366 working days."""
        errors: dict[str, Any] = leave_period_errors(
            year=self.year, start_on=self.start_on, end_on=self.end_on
        )
        if self.working_days is not None and self.working_days > 366:
            errors["working_days"] = _("Số ngày làm việc nằm ngoài khoảng cho phép (0–366).")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_kind_display()} {self.working_days}"


# The rules of a disciplinary measure: the database checks them (constraints below, whose messages the forms
# show) and `discipline_errors` checks them row by row for the Excel import and the API, with the same messages.
DISCIPLINE_PERIOD_ERROR = _("Ngày “Hiệu lực đến” phải sau hoặc bằng ngày “Hiệu lực từ”.")
DISCIPLINE_FORM_ERROR = _("Chọn hình thức kỷ luật (chỉ để trống khi đang xem xét).")


def discipline_errors(
    *, form: str | None, pending: bool, effective_from: date | None, effective_to: date | None
) -> dict[str, str]:
    """Field → message for a disciplinary measure: a form unless pending, and an effect that ends no earlier
    than it starts."""
    errors: dict[str, str] = {}
    if not form and not pending:
        errors["form"] = str(DISCIPLINE_FORM_ERROR)
    if effective_to and effective_from and effective_to < effective_from:
        errors["effective_to"] = str(DISCIPLINE_PERIOD_ERROR)
    return errors


class Discipline(models.Model):
    """A disciplinary measure with its decision and effective period (or a pending review)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("Cán bộ")
    )
    form = models.CharField(_("Hình thức kỷ luật"), max_length=16, choices=DisciplineForm.choices, blank=True)
    decision_number = models.CharField(_("Số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"))
    effective_from = models.DateField(_("Hiệu lực từ"))
    effective_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)
    reason = models.TextField(_("Lý do"), blank=True)
    pending = models.BooleanField(
        _("Đang xem xét kỷ luật"),
        default=False,
        help_text=_("Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc xác minh khiếu nại, tố cáo."),
    )

    class Meta:
        verbose_name = _("Kỷ luật")
        verbose_name_plural = _("Kỷ luật")
        ordering = ["decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="discipline_valid_period",
                violation_error_message=DISCIPLINE_PERIOD_ERROR,
            ),
            models.CheckConstraint(
                condition=~Q(form="") | Q(pending=True),
                name="discipline_form_unless_pending",
                violation_error_message=DISCIPLINE_FORM_ERROR,
            ),
        ]
        indexes = [models.Index(fields=["person", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_form_display() or _('đang xem xét')} {self.decided_on:%d/%m/%Y}"


class CollectiveAppraisal(models.Model):
    """A collective's yearly rating and results (and its standing in its emulation cluster)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="collective_appraisals",
        verbose_name=_("Tập thể"),
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("Xếp loại"), max_length=8, choices=Rating.choices)
    cluster_rank = models.PositiveSmallIntegerField(_("Thứ hạng trong khối thi đua"), null=True, blank=True)
    discipline_form = models.CharField(
        _("Hình thức kỷ luật của tập thể"), max_length=16, choices=DisciplineForm.choices, blank=True
    )
    results = models.TextField(_("Kết quả nổi bật"), blank=True)

    class Meta:
        verbose_name = _("Đánh giá tập thể")
        verbose_name_plural = _("Đánh giá tập thể")
        ordering = ["year", "organization_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="collective_appraisal_one_per_year",
                violation_error_message=_("Tập thể này đã có đánh giá của năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}: {self.rating}"


class RegistrationStatus(models.TextChoices):
    NOT_SENT = "not_sent", _("Chưa gửi")
    SENT = "sent", _("Đã gửi")
    RETURNED = "returned", _("Đã trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class RegistrationRound(models.Model):
    """The office opens the year's registration with a deadline (đợt đăng ký thi đua)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="registration_rounds", verbose_name=_("Cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    deadline = models.DateField(_("Hạn đăng ký"))
    note = models.TextField(_("Hướng dẫn"), blank=True)

    class Meta:
        verbose_name = _("Đợt đăng ký thi đua")
        verbose_name_plural = _("Đợt đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="registration_round_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"


class Registration(models.Model):
    """A unit's registration for the year: its collective titles, its members' titles and its commitments."""

    round = models.ForeignKey(RegistrationRound, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(
        _("Trạng thái"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.NOT_SENT,
    )
    commitments = models.TextField(_("Nội dung cam kết"), blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    sent_at = models.DateTimeField(_("Ngày gửi"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Đăng ký thi đua")
        verbose_name_plural = _("Đăng ký thi đua")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="registration_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.round.year}"


class RegistrationLine(models.Model):
    """One registered title: for a member (person) or for the unit itself (collective)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("Danh hiệu"), max_length=32, choices=AwardCode.choices)

    class Meta:
        verbose_name = _("Dòng đăng ký")
        verbose_name_plural = _("Dòng đăng ký")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "person", "code"], name="registration_line_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person or self.registration.unit}: {self.code}"
