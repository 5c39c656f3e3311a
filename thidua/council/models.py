"""The Hội đồng Thi đua – Khen thưởng (legal-rules §5): councils, members, sessions, agenda items, conflicts of
interest and the electronic secret ballot.

The ballot keeps two things apart, with nothing that links them (docs/council.md, "Ballot secrecy"):

- the roll (`BallotRoll`): which member has voted on which item, and how (electronically or in writing) — no
  time, no sequential id;
- the choices: while the ballot is open, sealed to the item's public key in one urn row (`BallotUrn`) whose list
  is reshuffled on each write; once closed, one `BallotChoice` row per choice (with the voter's receipt code),
  written in a shuffled order with random ids and no time column. The urn is then deleted.

The key that opens the urn is never stored: it is shown once, as the tally code, to the secretary who opens the
ballot, and typed again to close it.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.nominations.models import Nomination
from thidua.organizations.models import Organization, Person


class Council(models.Model):
    """The council of an agency for a term (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 90)."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="councils", verbose_name=_("Cơ quan")
    )
    name = models.CharField(_("Tên Hội đồng"), max_length=255)
    term_from = models.DateField(_("Nhiệm kỳ từ ngày"))
    term_to = models.DateField(_("Nhiệm kỳ đến ngày"), null=True, blank=True)
    decision = models.CharField(_("Quyết định thành lập"), max_length=255, blank=True)
    # The agency's quy chế says whether a member who may not vote on an item (conflict of interest) still counts
    # in the total number of members (the base of the threshold and of the quorum). The law's base is the total
    # number of members (NĐ 91/2017 Điều 45 khoản 8), hence the default.
    conflicted_in_base = models.BooleanField(
        _("Thành viên có xung đột lợi ích vẫn tính vào tổng số thành viên"), default=True
    )
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        ordering = ["agency__name", "-term_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="council_term_period",
                violation_error_message=_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    STANDING = "standing", _("Ủy viên thường trực")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Ủy viên")


# The order members are listed in (minutes, pages).
ROLE_RANK = {
    MemberRole.CHAIR: 0,
    MemberRole.VICE_CHAIR: 1,
    MemberRole.STANDING: 2,
    MemberRole.MEMBER: 3,
    MemberRole.SECRETARY: 4,
}


class CouncilMember(models.Model):
    """A member of a council for a period. A login is needed to vote; `person` names the member's staff record
    (for the conflict flags: the nominee themself, or a member of the nominee's unit)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("Hội đồng")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("Tài khoản"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
        verbose_name=_("Cán bộ"),
    )
    full_name = models.CharField(
        _("Họ và tên"), max_length=128, blank=True, help_text=_("Khi tài khoản không gắn với hồ sơ cán bộ.")
    )
    role = models.CharField(_("Chức danh trong Hội đồng"), max_length=16, choices=MemberRole.choices)
    rank = models.PositiveSmallIntegerField(default=3, editable=False)
    position = models.CharField(_("Chức vụ"), max_length=255, blank=True)
    valid_from = models.DateField(_("Từ ngày"))
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thành viên Hội đồng")
        verbose_name_plural = _("Thành viên Hội đồng")
        ordering = ["council", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="council_member_once",
                violation_error_message=_("Tài khoản này đã là thành viên của Hội đồng."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="council_member_period",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.rank = ROLE_RANK.get(MemberRole(self.role), 3)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.full_name or self.user.display_name

    def active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    OPEN = "open", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


class Session(models.Model):
    """A meeting of the council that considers an agenda of accepted nominations."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("Hội đồng")
    )
    number = models.CharField(_("Phiên số"), max_length=32, blank=True)
    held_on = models.DateField(_("Ngày họp"))
    place = models.CharField(_("Địa điểm"), max_length=255)
    agenda = models.TextField(_("Nội dung"), blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    opened_at = models.DateTimeField(_("Khai mạc lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Bế mạc lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("Lý do hủy"), blank=True)
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
        verbose_name = _("Phiên họp Hội đồng")
        verbose_name_plural = _("Phiên họp Hội đồng")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.council} – {self.held_on:%d/%m/%Y}"


class BallotType(models.TextChoices):
    SECRET = "secret", _("Bỏ phiếu kín")
    OPEN = "open", _("Biểu quyết")


class BallotState(models.TextChoices):
    PENDING = "pending", _("Chưa biểu quyết")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã mở hòm phiếu, chờ kiểm phiếu")
    TALLIED = "tallied", _("Đã kiểm phiếu")


class ThresholdBasis(models.TextChoices):
    TOTAL_MEMBERS = "total_members", _("Tổng số thành viên Hội đồng")
    PRESENT = "present", _("Số thành viên tham gia biểu quyết")


class AgendaItem(models.Model):
    """One accepted nomination on a session's agenda, and its ballot.

    The result fields are what legal-rules §5 requires per vote, written once by the tally: the ballot type,
    members total, present (voted electronically), written votes, agree, disagree, abstain, the threshold and its
    basis, the quorum, and passed or not (None when there was no quorum: no result without a quorum)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("Phiên họp")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="council_items", verbose_name=_("Đề nghị")
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    ballot_type = models.CharField(_("Hình thức biểu quyết"), max_length=8, choices=BallotType.choices)
    ballot_state = models.CharField(
        _("Trạng thái biểu quyết"), max_length=8, choices=BallotState.choices, default=BallotState.PENDING
    )
    # The X25519 public key the choices are sealed to (hex); its private key is never stored.
    public_key = models.CharField(max_length=64, blank=True, editable=False)
    members_total = models.PositiveSmallIntegerField(_("Tổng số thành viên"), null=True, blank=True)
    conflicted = models.PositiveSmallIntegerField(
        _("Thành viên không biểu quyết do xung đột lợi ích"), null=True, blank=True
    )
    members_present = models.PositiveSmallIntegerField(_("Bỏ phiếu trực tiếp"), null=True, blank=True)
    written_votes = models.PositiveSmallIntegerField(_("Phiếu bằng văn bản"), null=True, blank=True)
    agree = models.PositiveSmallIntegerField(_("Đồng ý"), null=True, blank=True)
    disagree = models.PositiveSmallIntegerField(_("Không đồng ý"), null=True, blank=True)
    abstain = models.PositiveSmallIntegerField(_("Không biểu quyết, không hợp lệ"), null=True, blank=True)
    threshold = models.CharField(_("Ngưỡng"), max_length=16, blank=True)
    threshold_basis = models.CharField(
        _("Cơ sở tính tỷ lệ"), max_length=16, choices=ThresholdBasis.choices, blank=True
    )
    threshold_source = models.TextField(_("Căn cứ"), blank=True)
    threshold_to_verify = models.BooleanField(_("Cần xác minh"), default=False)
    quorum = models.CharField(_("Số thành viên tối thiểu"), max_length=16, blank=True)
    quorum_met = models.BooleanField(_("Đủ số thành viên"), null=True, blank=True)
    passed = models.BooleanField(_("Thông qua"), null=True, blank=True)
    tallied_at = models.DateTimeField(_("Kiểm phiếu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Nội dung biểu quyết")
        verbose_name_plural = _("Nội dung biểu quyết")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination"],
                name="agenda_item_once_per_session",
                violation_error_message=_("Đề nghị này đã có trong chương trình phiên họp."),
            ),
            models.CheckConstraint(
                condition=Q(passed__isnull=True) | Q(quorum_met=True),
                name="agenda_item_no_result_without_quorum",
                violation_error_message=_("Không có kết quả khi không đủ số thành viên."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.nomination}"


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Thành viên tự khai")
    NOMINEE = "nominee", _("Là người được đề nghị")
    UNIT = "unit", _("Thuộc đơn vị được đề nghị hoặc đơn vị của người được đề nghị")


class Conflict(models.Model):
    """A member who may not vote on an item: declared by the member, or flagged by the system (the nominee
    themself, or a member of the nominee's unit). See docs/council.md for how the member is then counted."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("Nội dung")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("Thành viên")
    )
    source = models.CharField(_("Nguồn"), max_length=16, choices=ConflictSource.choices)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Xung đột lợi ích")
        verbose_name_plural = _("Xung đột lợi ích")
        ordering = ["item", "member__rank", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="conflict_once_per_member",
                violation_error_message=_("Thành viên đã có xung đột lợi ích với nội dung này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_source_display()}"


class VoteMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử")
    WRITTEN = "written", _("Phiếu bằng văn bản")


class BallotRoll(models.Model):
    """Who has voted on an item, and how — never what, never when (no time column, random ids)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("Cách bỏ phiếu"), max_length=16, choices=VoteMethod.choices)

    class Meta:
        verbose_name = _("Danh sách đã bỏ phiếu")
        verbose_name_plural = _("Danh sách đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="ballot_roll_one_vote_per_member",
                violation_error_message=_("Thành viên đã bỏ phiếu cho nội dung này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_method_display()}"


class BallotUrn(models.Model):
    """The sealed choices of an open ballot: one row per item, its list reshuffled on each write so that the
    order says nothing of who voted when. Deleted when the ballot is closed."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, primary_key=True, related_name="urn")
    sealed = models.JSONField(default=list)

    class Meta:
        verbose_name = _("Hòm phiếu")
        verbose_name_plural = _("Hòm phiếu")

    def __str__(self) -> str:
        return f"{self.item_id}: {len(self.sealed)}"


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class BallotChoice(models.Model):
    """One anonymous choice of a closed ballot, with the receipt code its voter was shown. Written in a
    shuffled order with random ids; no voter, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="choices")
    choice = models.CharField(_("Lựa chọn"), max_length=8, choices=Choice.choices)
    receipt = models.CharField(_("Mã biên nhận"), max_length=16)

    class Meta:
        verbose_name = _("Phiếu biểu quyết")
        verbose_name_plural = _("Phiếu biểu quyết")
        constraints = [models.UniqueConstraint(fields=["item", "receipt"], name="ballot_choice_receipt_once")]

    def __str__(self) -> str:
        return f"{self.receipt}: {self.get_choice_display()}"
