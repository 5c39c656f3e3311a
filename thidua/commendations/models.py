"""The award registry: titles and forms already received (sổ khen thưởng), so that chains can be judged."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode, AwardTrack
from thidua.organizations.models import Organization, Person

# `AwardRecord.recency` = RECENCY_BASE − year: newest year first as an ascending key.
RECENCY_BASE = 10000


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("Có hiệu lực")
    REVOKED = "revoked", _("Đã hủy bỏ")


def award_period_errors(first: int | None, last: int | None) -> dict[str, str]:
    """The years an award rewarded: both ends or neither, the first not after the last (the rules engine reads a
    period only when both ends are given). One rule for the registry form, the services and the Excel import."""
    if (first is None) != (last is None):
        return {
            "period_to" if last is None else "period_from": str(
                _("Ghi cả năm đầu và năm cuối của giai đoạn thành tích, hoặc để trống cả hai.")
            )
        }
    if first is not None and last is not None and last < first:
        return {
            "period_to": str(_("Năm cuối %(last)s của giai đoạn thành tích đứng trước năm đầu %(first)s."))
            % {"last": last, "first": first}
        }
    return {}


class AwardRecord(models.Model):
    """A title or form received by a person or a collective for one year's (or period's) achievements."""

    code = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardCode.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("Cán bộ"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("Tập thể"),
    )
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    track = models.CharField(
        _("Loại khen thưởng"), max_length=16, choices=AwardTrack.choices, default=AwardTrack.CONG_TRANG
    )
    period_from = models.PositiveSmallIntegerField(
        _("Giai đoạn thành tích từ năm"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    period_to = models.PositiveSmallIntegerField(
        _("Giai đoạn thành tích đến năm"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    deciding_body = models.CharField(_("Cơ quan quyết định"), max_length=255, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=AwardStatus.choices, default=AwardStatus.ACTIVE
    )
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
        verbose_name=_("Phong trào thi đua"),
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    # The registry's page order, newest year first, as an ascending key so that a keyset page is one range read
    # of an index (core.keyset walks ascending columns): 10000 − year, kept by the database.
    recency = models.GeneratedField(
        expression=Value(RECENCY_BASE) - F("year"),
        output_field=models.IntegerField(),
        db_persist=True,
        verbose_name=_("Thứ tự năm (năm mới trước)"),
    )

    class Meta:
        verbose_name = _("Khen thưởng đã nhận")
        verbose_name_plural = _("Khen thưởng đã nhận")
        ordering = ["year", "code"]
        indexes = [
            models.Index(fields=["year", "code"]),
            models.Index(fields=["person", "year"]),
            # The registry list's keyset pages (docs/queries-at-scale.md): its order, and its order under the
            # form or the track filter.
            models.Index(fields=["recency", "code", "id"], name="award_page_idx"),
            models.Index(fields=["code", "recency", "id"], name="award_page_code_idx"),
            models.Index(fields=["track", "recency", "code", "id"], name="award_page_track_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False)),
                name="award_subject_is_person_xor_collective",
                violation_error_message=_("Khen thưởng phải của một cá nhân hoặc một tập thể."),
            ),
            models.UniqueConstraint(
                fields=["code", "person", "year", "track"],
                condition=Q(status="active") & Q(person__isnull=False),
                name="award_person_unique_active",
                violation_error_message=_(
                    "Cán bộ này đã có danh hiệu, hình thức này cho năm thành tích này."
                ),
            ),
            models.UniqueConstraint(
                fields=["code", "organization", "year", "track"],
                condition=Q(status="active") & Q(organization__isnull=False),
                name="award_collective_unique_active",
                violation_error_message=_(
                    "Tập thể này đã có danh hiệu, hình thức này cho năm thành tích này."
                ),
            ),
        ]

    def clean(self) -> None:
        errors = award_period_errors(self.period_from, self.period_to)
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.year} – {self.person or self.organization}"
