"""Emulation clusters and blocs (cụm, khối thi đua) of a province: who belongs, who leads the year, the covenant,
the scoring table, the scoring rounds, the bloc meeting's vote for the leader and the proposal it sends.

The law and the operating model: docs/clusters.md and legal-rules §7 (Luật 06/2022/QH15 Điều 16 khoản 2 điểm c,
Điều 25–26; guidance 1479/HD-BTĐKT). A cluster belongs to the province that divided its agencies (`province`,
the UBND tỉnh of the tree); members are agencies over time; each year one member heads it (Trưởng khối) and
another deputises (Phó khối).

Scores are `Decimal` with two places in the database; the table's `precision` (0–2 decimals) is what may be
typed and what totals are rounded to. The vote's secrecy follows the council's ballot (docs/council.md): who
voted (`VoteRoll`) and the choices (`VoteChoice`) are kept apart with no linking key and no time column.
"""

from __future__ import annotations

import hashlib
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS
from thidua.movements.models import Movement
from thidua.nominations.models import ProposalBatch
from thidua.organizations.models import Organization

ZERO = Decimal("0")


def _user_fk(verbose: Any, **extra: Any) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose,
        **extra,
    )


# ---------------------------------------------------------------- the cluster, its members and its year's heads


class ClusterKind(models.TextChoices):
    CUM = "cum", _("Cụm thi đua")
    KHOI = "khoi", _("Khối thi đua")


class VoteMethod(models.TextChoices):
    DEFAULT = "", _("Theo cấu hình của tỉnh")
    SECRET = "secret", _("Bỏ phiếu kín")
    HANDS = "hands", _("Biểu quyết giơ tay")


class Cluster(models.Model):
    """A cụm or khối thi đua set by the decision that divides the province's agencies."""

    province = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("Tỉnh, thành phố")
    )
    kind = models.CharField(_("Loại"), max_length=8, choices=ClusterKind.choices, default=ClusterKind.KHOI)
    code = models.CharField(_("Mã"), max_length=32)
    name = models.CharField(_("Tên cụm, khối"), max_length=255)
    decision_number = models.CharField(_("Số quyết định phân chia"), max_length=64, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    valid_from = models.DateField(_("Hiệu lực từ ngày"))
    valid_to = models.DateField(_("Hết hiệu lực từ ngày"), null=True, blank=True)
    description = models.TextField(_("Ghi chú"), blank=True)
    vote_method = models.CharField(
        _("Hình thức suy tôn"),
        max_length=8,
        choices=VoteMethod.choices,
        default=VoteMethod.DEFAULT,
        blank=True,
    )
    created_by = _user_fk(_("Người lập"))
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Cụm, khối thi đua")
        verbose_name_plural = _("Cụm, khối thi đua")
        ordering = ["province", "code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="cluster_code_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="cluster_valid_span",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """An agency's membership of a cluster from `valid_from` to `valid_to` (a merger ends one and starts one)."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Cụm, khối")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="cluster_memberships",
        verbose_name=_("Cơ quan, đơn vị thành viên"),
    )
    valid_from = models.DateField(_("Tham gia từ ngày"))
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Thành viên cụm, khối")
        verbose_name_plural = _("Thành viên cụm, khối")
        ordering = ["cluster", "organization__sort_key", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="cluster_membership_span",
            ),
        ]
        indexes = [models.Index(fields=["organization", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.organization} – {self.cluster}"


class Rota(models.Model):
    """The year's head (Trưởng khối) and deputy head (Phó khối), rotating among the members."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="rotas", verbose_name=_("Cụm, khối")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    head = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Trưởng cụm, khối")
    )
    deputy = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Phó trưởng cụm, khối"),
    )
    decision = models.CharField(_("Văn bản phân công"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Trưởng, phó cụm, khối theo năm")
        verbose_name_plural = _("Trưởng, phó cụm, khối theo năm")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_rota_year_unique"),
            models.CheckConstraint(condition=~Q(head=F("deputy")), name="cluster_rota_head_not_deputy"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}"


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định phân chia, kiện toàn cụm, khối")
    COVENANT = "covenant", _("Bản giao ước thi đua đã ký")
    PLAN = "plan", _("Kế hoạch, hướng dẫn")
    MINUTES = "minutes", _("Biên bản họp cụm, khối")
    REPORT = "report", _("Báo cáo sơ kết, tổng kết")
    OTHER = "other", _("Tài liệu khác")


def _document_path(instance: ClusterDocument, filename: str) -> str:
    return f"clusters/{instance.cluster_id}/{timezone.now():%Y}/{uuid.uuid4().hex}-{filename}"


class ClusterDocument(models.Model):
    """A file of the cluster (its decision, the signed covenant, minutes, reports), checked by content."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Cụm, khối")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), null=True, blank=True, validators=YEAR_VALIDATORS)
    kind = models.CharField(_("Loại tài liệu"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("Trích yếu"), max_length=255)
    file = models.FileField(_("Tệp"), upload_to=_document_path, max_length=255)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Kiểu tệp"), max_length=128)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    uploaded_by = _user_fk(_("Người tải lên"))
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Tài liệu của cụm, khối")
        verbose_name_plural = _("Tài liệu của cụm, khối")
        ordering = ["cluster", "-year", "kind", "-uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- the covenant (giao ước thi đua)


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký kết")


class Covenant(models.Model):
    """The year's covenant the members sign at the launch conference, with its targets."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="covenants", verbose_name=_("Cụm, khối")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("Tiêu đề"), max_length=255)
    place = models.CharField(_("Địa điểm ký kết"), max_length=255, blank=True)
    signed_on = models.DateField(_("Ngày ký kết"), null=True, blank=True)
    preamble = models.TextField(_("Căn cứ, mục đích"), blank=True)
    commitments = models.TextField(_("Nội dung giao ước"), blank=True, help_text=_("Mỗi dòng một nội dung."))
    movement = models.ForeignKey(
        Movement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="covenants",
        verbose_name=_("Phong trào thi đua của cụm, khối"),
    )
    status = models.CharField(
        _("Trạng thái"), max_length=8, choices=CovenantStatus.choices, default=CovenantStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = _user_fk(_("Người lập"))
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Giao ước thi đua")
        verbose_name_plural = _("Giao ước thi đua")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_covenant_year_unique")
        ]

    def __str__(self) -> str:
        return self.title

    def commitment_lines(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]


class CovenantTarget(models.Model):
    """A target of the covenant (chỉ tiêu): what, how much, by when."""

    covenant = models.ForeignKey(
        Covenant, on_delete=models.CASCADE, related_name="targets", verbose_name=_("Giao ước")
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    text = models.CharField(_("Chỉ tiêu"), max_length=500)
    measure = models.CharField(_("Mức phấn đấu"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Chỉ tiêu giao ước")
        verbose_name_plural = _("Chỉ tiêu giao ước")
        ordering = ["covenant", "position", "id"]

    def __str__(self) -> str:
        return self.text


class CovenantSignatory(models.Model):
    """A member that signed the covenant, with its representative (written when the covenant is signed)."""

    covenant = models.ForeignKey(
        Covenant, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("Giao ước")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan thành viên")
    )
    representative = models.CharField(_("Người ký"), max_length=128, blank=True)
    position = models.CharField(_("Chức vụ"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("Thành viên ký giao ước")
        verbose_name_plural = _("Thành viên ký giao ước")
        ordering = ["covenant", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "organization"], name="cluster_signatory_unique")
        ]

    def __str__(self) -> str:
        return str(self.organization)


# ---------------------------------------------------------------- the scoring table (bảng tiêu chí chấm điểm)


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    CONSULTING = "consulting", _("Đang lấy ý kiến thành viên")
    ADOPTED = "adopted", _("Đã thông qua")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class ScoringTable(models.Model):
    """A version of the year's criteria table. Once adopted it never changes: a change is a new version
    (`supersedes`), adopted in its turn, and the rounds keep the version they were scored against."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="tables", verbose_name=_("Cụm, khối")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    number = models.PositiveSmallIntegerField(_("Phiên bản"), default=1)
    title = models.CharField(_("Tên bảng tiêu chí"), max_length=255)
    precision = models.PositiveSmallIntegerField(
        _("Số chữ số thập phân của điểm"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(2)],
    )
    note = models.TextField(_("Hướng dẫn chấm điểm"), blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=TableStatus.choices, default=TableStatus.DRAFT
    )
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Thay thế phiên bản"),
    )
    comments_due = models.DateField(_("Hạn góp ý"), null=True, blank=True)
    adopted_on = models.DateField(_("Ngày thông qua"), null=True, blank=True)
    adopted_by = _user_fk(_("Người thông qua"))
    created_by = _user_fk(_("Người lập"))
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Bảng tiêu chí chấm điểm")
        verbose_name_plural = _("Bảng tiêu chí chấm điểm")
        ordering = ["cluster", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "number"], name="cluster_table_version_unique"
            ),
            models.CheckConstraint(condition=Q(precision__lte=2), name="cluster_table_precision"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def step(self) -> Decimal:
        """The smallest difference a score may show (1, 0.1 or 0.01)."""
        return Decimal(1).scaleb(-self.precision)


class CriterionKind(models.TextChoices):
    STANDARD = "standard", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class CriterionGroup(models.Model):
    """A group of criteria (nhóm tiêu chí) with its maximum points."""

    table = models.ForeignKey(
        ScoringTable, on_delete=models.CASCADE, related_name="groups", verbose_name=_("Bảng tiêu chí")
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    code = models.CharField(_("Số thứ tự"), max_length=16)
    title = models.CharField(_("Nhóm tiêu chí"), max_length=500)
    max_points = models.DecimalField(
        _("Điểm tối đa"), max_digits=7, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )

    class Meta:
        verbose_name = _("Nhóm tiêu chí")
        verbose_name_plural = _("Nhóm tiêu chí")
        ordering = ["table", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Criterion(models.Model):
    """A criterion: its maximum, the evidence a member attaches, and whether it adds (bonus) or takes away
    (penalty, typed as a positive number of points deducted)."""

    group = models.ForeignKey(
        CriterionGroup, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("Nhóm tiêu chí")
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    code = models.CharField(_("Số thứ tự"), max_length=16)
    title = models.CharField(_("Tiêu chí"), max_length=1000)
    kind = models.CharField(
        _("Loại"), max_length=8, choices=CriterionKind.choices, default=CriterionKind.STANDARD
    )
    max_points = models.DecimalField(
        _("Điểm tối đa"), max_digits=7, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    evidence = models.CharField(_("Minh chứng cần có"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Tiêu chí")
        verbose_name_plural = _("Tiêu chí")
        ordering = ["group__position", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class TableComment(models.Model):
    """A member's comment on a draft table during the consultation."""

    table = models.ForeignKey(
        ScoringTable, on_delete=models.CASCADE, related_name="comments", verbose_name=_("Bảng tiêu chí")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan góp ý")
    )
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("Tiêu chí"),
    )
    text = models.TextField(_("Ý kiến"))
    author = _user_fk(_("Người góp ý"))
    created_at = models.DateTimeField(_("Góp ý lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Ý kiến góp ý bảng tiêu chí")
        verbose_name_plural = _("Ý kiến góp ý bảng tiêu chí")
        ordering = ["table", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


# ---------------------------------------------------------------- scoring rounds and scorecards


class Period(models.TextChoices):
    MID_YEAR = "mid_year", _("Sơ kết 6 tháng")
    YEAR_END = "year_end", _("Tổng kết năm")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    SELF = "self", _("Thành viên tự chấm")
    PEER = "peer", _("Chấm chéo")
    VERIFY = "verify", _("Trưởng khối thẩm định")
    CLOSED = "closed", _("Đã xếp hạng")


class ScoringRound(models.Model):
    """A round of scoring against an adopted table: self-scoring, peer scoring, the head's verification, then
    the ranking (fixed when the round closes)."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("Cụm, khối")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    period = models.CharField(_("Kỳ"), max_length=8, choices=Period.choices, default=Period.YEAR_END)
    table = models.ForeignKey(
        ScoringTable, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("Bảng tiêu chí")
    )
    status = models.CharField(
        _("Trạng thái"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    self_due = models.DateField(_("Hạn tự chấm"))
    peer_due = models.DateField(_("Hạn chấm chéo"))
    verify_due = models.DateField(_("Hạn thẩm định"), null=True, blank=True)
    opened_at = models.DateTimeField(_("Mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Xếp hạng lúc"), null=True, blank=True)
    ranking = models.JSONField(_("Kết quả xếp hạng"), default=list, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Đợt chấm điểm")
        verbose_name_plural = _("Đợt chấm điểm")
        ordering = ["cluster", "-year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "period"], name="cluster_round_unique"),
            models.CheckConstraint(condition=Q(peer_due__gte=F("self_due")), name="cluster_round_dues"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} – {self.get_period_display()} {self.year}"


class Stage(models.TextChoices):
    SELF = "self", _("Tự chấm")
    PEER = "peer", _("Chấm chéo")
    HEAD = "head", _("Thẩm định của Trưởng khối")


class CardStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã gửi")


class Scorecard(models.Model):
    """One scorer's scores of one member in a round: itself (self), another member (peer) or, for the head, the
    verified scores of each member (head). A member never peer-scores itself (a constraint, not a habit)."""

    round = models.ForeignKey(
        ScoringRound, on_delete=models.CASCADE, related_name="cards", verbose_name=_("Đợt chấm điểm")
    )
    stage = models.CharField(_("Bước"), max_length=8, choices=Stage.choices)
    scorer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị chấm")
    )
    target = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị được chấm")
    )
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=CardStatus.choices, default=CardStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    submitted_by = _user_fk(_("Người gửi"))
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Phiếu chấm điểm")
        verbose_name_plural = _("Phiếu chấm điểm")
        ordering = ["round", "stage", "target__sort_key", "scorer__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "stage", "scorer", "target"], name="cluster_card_unique"
            ),
            models.CheckConstraint(
                condition=~Q(stage="self") | Q(scorer=F("target")), name="cluster_card_self_is_own"
            ),
            models.CheckConstraint(
                condition=~Q(stage="peer") | ~Q(scorer=F("target")), name="cluster_card_peer_not_own"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.scorer} → {self.target}"


class Score(models.Model):
    """The points a card gives one criterion; every change is kept in `ScoreRevision`."""

    card = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="scores", verbose_name=_("Phiếu")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("Tiêu chí")
    )
    points = models.DecimalField(
        _("Điểm"), max_digits=7, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    note = models.CharField(_("Giải trình"), max_length=1000, blank=True)
    updated_by = _user_fk(_("Người chấm"))
    updated_at = models.DateTimeField(_("Chấm lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Điểm")
        verbose_name_plural = _("Điểm")
        ordering = ["card", "criterion__group__position", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["card", "criterion"], name="cluster_score_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="cluster_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


class ScoreRevision(models.Model):
    """The history of a score: each value it took, who typed it and when (append-only)."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("Điểm")
    )
    points = models.DecimalField(_("Điểm"), max_digits=7, decimal_places=2)
    note = models.CharField(_("Giải trình"), max_length=1000, blank=True)
    author = _user_fk(_("Người chấm"))
    at = models.DateTimeField(_("Lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Lịch sử điểm")
        verbose_name_plural = _("Lịch sử điểm")
        ordering = ["score", "at", "id"]

    def __str__(self) -> str:
        return f"{self.points} ({self.at:%d/%m/%Y %H:%M})"


def _evidence_path(instance: Evidence, filename: str) -> str:
    return f"clusters/evidence/{instance.card.round_id}/{uuid.uuid4().hex}-{filename}"


class Evidence(models.Model):
    """A file a member attaches to its self-scoring, for a criterion or for the whole card."""

    card = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("Phiếu tự chấm")
    )
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_files",
        verbose_name=_("Tiêu chí"),
    )
    title = models.CharField(_("Tên minh chứng"), max_length=255)
    file = models.FileField(_("Tệp"), upload_to=_evidence_path, max_length=255)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Kiểu tệp"), max_length=128)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    uploaded_by = _user_fk(_("Người tải lên"))
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Minh chứng")
        verbose_name_plural = _("Minh chứng")
        ordering = ["card", "criterion", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the bloc meeting's vote for the leader (suy tôn)


class VoteStatus(models.TextChoices):
    PENDING = "pending", _("Chưa biểu quyết")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã đóng, chờ kiểm phiếu")
    TALLIED = "tallied", _("Đã có kết quả")


class LeaderVote(models.Model):
    """The bloc meeting's vote to hail (suy tôn) `candidate` as the year's leader: by secret ballot of the
    members' representatives (sealed as the council's ballot) or by a show of hands the head records."""

    round = models.OneToOneField(
        ScoringRound, on_delete=models.CASCADE, related_name="vote", verbose_name=_("Đợt chấm điểm")
    )
    candidate = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị được đề nghị suy tôn"),
    )
    method = models.CharField(_("Hình thức"), max_length=8, choices=VoteMethod.choices[1:])
    held_on = models.DateField(_("Ngày họp"))
    place = models.CharField(_("Địa điểm"), max_length=255, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=8, choices=VoteStatus.choices, default=VoteStatus.PENDING
    )
    public_key = models.CharField(max_length=64, blank=True, editable=False)
    electorate = models.PositiveSmallIntegerField(_("Số thành viên của cụm, khối"), null=True, blank=True)
    present = models.PositiveSmallIntegerField(_("Số thành viên biểu quyết"), null=True, blank=True)
    agree = models.PositiveSmallIntegerField(_("Đồng ý"), null=True, blank=True)
    disagree = models.PositiveSmallIntegerField(_("Không đồng ý"), null=True, blank=True)
    abstain = models.PositiveSmallIntegerField(_("Không biểu quyết, không hợp lệ"), null=True, blank=True)
    threshold_pct = models.PositiveSmallIntegerField(_("Tỷ lệ đồng ý cần đạt (%)"), null=True, blank=True)
    threshold_to_verify = models.BooleanField(_("Cần xác minh"), default=False)
    passed = models.BooleanField(_("Được suy tôn"), null=True, blank=True)
    minutes = models.TextField(_("Diễn biến cuộc họp"), blank=True)
    tallied_at = models.DateTimeField(_("Kiểm phiếu lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Biểu quyết suy tôn đơn vị dẫn đầu")
        verbose_name_plural = _("Biểu quyết suy tôn đơn vị dẫn đầu")

    def __str__(self) -> str:
        return f"{self.round} – {self.candidate}"


class VoteRoll(models.Model):
    """Which member voted (once) in a secret vote, and nothing else: no choice, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(LeaderVote, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Danh sách đã bỏ phiếu")
        verbose_name_plural = _("Danh sách đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["vote", "member"], name="cluster_vote_once")]

    def __str__(self) -> str:
        return str(self.member)


class VoteUrn(models.Model):
    """The sealed ballots of an open vote (shuffled on each ballot); deleted when the vote closes."""

    vote = models.OneToOneField(LeaderVote, on_delete=models.CASCADE, primary_key=True, related_name="urn")
    sealed = models.JSONField(default=list)

    class Meta:
        verbose_name = _("Hòm phiếu")
        verbose_name_plural = _("Hòm phiếu")

    def __str__(self) -> str:
        return str(self.vote)


class VoteChoice(models.Model):
    """A choice opened at closing, written in shuffled order, with its receipt: no member, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(LeaderVote, on_delete=models.CASCADE, related_name="choices")
    choice = models.CharField(_("Lựa chọn"), max_length=8)
    receipt = models.CharField(_("Mã biên nhận"), max_length=16)

    class Meta:
        verbose_name = _("Phiếu bầu")
        verbose_name_plural = _("Phiếu bầu")

    def __str__(self) -> str:
        return self.choice


# ---------------------------------------------------------------- the proposal to the provincial council


class ProposalRole(models.TextChoices):
    LEADER = "leader", _("Đơn vị dẫn đầu: Cờ thi đua cấp tỉnh")
    RUNNER_UP = "runner_up", _("Đơn vị xếp thứ nhì, thứ ba: Bằng khen cấp tỉnh")
    EXCEPTIONAL = "exceptional", _("Đơn vị dẫn đầu tiêu biểu: đề nghị Cờ thi đua của Chính phủ")


class ClusterProposal(models.Model):
    """The tờ trình the head sends the provincial council for the year's round (a `ProposalBatch` addressed to
    the province), with what each line is for."""

    round = models.OneToOneField(
        ScoringRound, on_delete=models.PROTECT, related_name="proposal", verbose_name=_("Đợt chấm điểm")
    )
    batch = models.OneToOneField(
        ProposalBatch, on_delete=models.PROTECT, related_name="cluster_proposal", verbose_name=_("Tờ trình")
    )
    created_by = _user_fk(_("Người lập"))
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tờ trình của cụm, khối")
        verbose_name_plural = _("Tờ trình của cụm, khối")

    def __str__(self) -> str:
        return str(self.batch)
