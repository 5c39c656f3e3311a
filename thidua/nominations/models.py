"""Nominations (đề nghị khen thưởng): a unit's proposal batch (tờ trình) and its lines, one subject and one title
or form on one track each, with the rules engine's verdict captured when the line was written.

A batch travels from the proposing unit to the standing office of the agency that handles it (`office`); the
office checks every line (accepts it, or returns it with a reason) and accepts the batch. Accepted lines are
disclosed (`thidua.disclosure`), put on a council session's agenda and voted on (`thidua.council`); the result
is written back on the line. Lifecycles: `workflow.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode, AwardTrack
from thidua.organizations.models import Organization, Person


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi lên")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    POOLED = "pooled", _("Đã tổng hợp")
    WITHDRAWN = "withdrawn", _("Đã rút")


class ProposalBatch(models.Model):
    """A tờ trình: the lines one unit proposes to the office of `office` for one achievement year.

    `pooled_into` is set when an advisory unit (a division, the trade union) gathers the batches of several
    units into its own batch and sends that one up.
    """

    unit = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="proposal_batches",
        verbose_name=_("Đơn vị đề nghị"),
    )
    office = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="received_proposal_batches",
        verbose_name=_("Cơ quan tiếp nhận"),
    )
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("Trích yếu"), max_length=255)
    number = models.CharField(_("Số tờ trình"), max_length=64, blank=True)
    dated = models.DateField(_("Ngày tờ trình"), null=True, blank=True)
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal_batches",
        verbose_name=_("Phong trào thi đua"),
    )
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    pooled_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pooled_batches",
        verbose_name=_("Tổng hợp vào tờ trình"),
    )
    # Bumped on every change: a form posts the version it showed, and a stale one is refused as a conflict.
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
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("Tiếp nhận lúc"), null=True, blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("Tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("Tờ trình đề nghị khen thưởng")
        ordering = ["-year", "unit__name", "pk"]
        indexes = [models.Index(fields=["office", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit}, {self.year})"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PROPOSED = "proposed", _("Đã đề nghị")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Văn phòng đã chấp nhận")
    ON_AGENDA = "on_agenda", _("Đưa ra Hội đồng")
    PASSED = "passed", _("Hội đồng thông qua")
    NOT_PASSED = "not_passed", _("Hội đồng không thông qua")
    AWARDED = "awarded", _("Đã có quyết định khen thưởng")
    WITHDRAWN = "withdrawn", _("Đã rút")


# States in which a line still stands for its subject, code, year and track (one achievement – one award).
LIVE_STATES = (
    NominationStatus.DRAFT,
    NominationStatus.PROPOSED,
    NominationStatus.RETURNED,
    NominationStatus.ACCEPTED,
    NominationStatus.ON_AGENDA,
    NominationStatus.PASSED,
    NominationStatus.AWARDED,
)


class Nomination(models.Model):
    """One line of a batch: a person or a collective proposed for a title or form on a track.

    `verdict`, `reasons` and `facts_digest` are what the rules engine said when the line was written or last
    re-checked (`checked_at`); `recheck_note` says what changed when the facts changed since.
    """

    batch = models.ForeignKey(
        ProposalBatch, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("Tờ trình")
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("Cá nhân"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
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
        related_name="nominations",
        verbose_name=_("Phong trào thi đua"),
    )
    achievement = models.TextField(_("Tóm tắt thành tích"), blank=True)
    # The batch the line was first proposed in, when an advisory unit pooled that batch into its own (the line
    # then travels in the pooling batch, `batch`).
    origin_batch = models.ForeignKey(
        ProposalBatch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pooled_nominations",
        verbose_name=_("Tờ trình ban đầu"),
    )
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    verdict = models.CharField(_("Kết quả kiểm tra tiêu chuẩn"), max_length=32, blank=True)
    reasons = models.JSONField(_("Lý do"), default=list, blank=True)
    rule_set = models.CharField(_("Bộ quy tắc"), max_length=64, blank=True)
    facts_digest = models.CharField(max_length=64, blank=True)
    checked_at = models.DateTimeField(_("Kiểm tra lúc"), null=True, blank=True)
    recheck_note = models.TextField(_("Thay đổi từ lần kiểm tra trước"), blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    # The council's result, written by `thidua.council` when the ballot of the line's agenda item is tallied.
    result_note = models.TextField(_("Kết quả xét của Hội đồng"), blank=True)
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Đề nghị khen thưởng")
        verbose_name_plural = _("Đề nghị khen thưởng")
        ordering = ["batch", "code", "pk"]
        indexes = [models.Index(fields=["year", "code", "status"]), models.Index(fields=["person", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False)),
                name="nomination_subject_is_person_xor_collective",
                violation_error_message=_("Đề nghị phải cho một cá nhân hoặc một tập thể."),
            ),
            models.UniqueConstraint(
                fields=["code", "person", "year", "track"],
                condition=Q(person__isnull=False) & Q(status__in=[s.value for s in LIVE_STATES]),
                name="nomination_person_unique_live",
                violation_error_message=_(
                    "Cá nhân này đã được đề nghị danh hiệu, hình thức này cho năm thành tích này."
                ),
            ),
            models.UniqueConstraint(
                fields=["code", "organization", "year", "track"],
                condition=Q(organization__isnull=False) & Q(status__in=[s.value for s in LIVE_STATES]),
                name="nomination_collective_unique_live",
                violation_error_message=_(
                    "Tập thể này đã được đề nghị danh hiệu, hình thức này cho năm thành tích này."
                ),
            ),
        ]

    @property
    def subject(self) -> Person | Organization:
        return self.person or self.organization  # type: ignore[return-value]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.year} – {self.subject}"
