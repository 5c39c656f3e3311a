"""The reward fund (Quỹ thi đua, khen thưởng) of an agency: its years, what comes in and what goes out.

What the law says, and how sure we are (searched 2025; third-party pages quoting the texts, not the official
gazette — check before release):

- **Who pays** [confirmed]: "Người ra quyết định khen thưởng có trách nhiệm chi thưởng từ quỹ thi đua, khen thưởng
  do cấp mình quản lý" — Luật Thi đua, khen thưởng 2022, Điều 11 khoản 4 (quoted by the Ministry of Home Affairs'
  answer on baochinhphu.vn, 2024); the same principle as Thông tư 71/2011/TT-BTC Điều 2 khoản 1 under NĐ 42/2010
  (baoninhthuan.com.vn). So an award decision of the agency's head pays from the agency's fund; a decision of a
  higher level (the province's Bằng khen, a state award) pays from that level's fund — except where a sector's
  rules make the proposing agency pay (ministries' circulars for state awards they proposed, e.g. TT 07/2019/
  TT-BVHTTDL Điều 32). Hence the per-decision choice `DecisionFunding` for external decisions (see below).
- **Sources** [confirmed]: the state budget, contributions of individuals and organisations at home and abroad,
  and other lawful sources (NĐ 91/2017 Điều 64–65; NĐ 98/2023 Điều 50; NĐ 152/2025 Điều 46 khoản 3 as quoted by
  congdoanvietnam.vn; TT 71/2011 Điều 3 khoản 2 điểm a). Enterprises' reward funds are a source for enterprises
  only and are not offered here. "Kết dư năm trước" is what the settlement (quyết toán) of the previous year
  carries over, kept as its own source so the report shows it apart from this year's budget.
- **Ceiling of the budget share** [partly confirmed]: ministries and central bodies: at most 20 % of the year's
  salary fund by grade and step (tổng quỹ tiền lương theo ngạch, bậc) — NĐ 98/2023 Điều 50 (quoted) and the
  earlier TT 16/2018/TT-BCT Điều 27 (20 % under NĐ 91/2017); the Ministry of Finance's older guidance under NĐ
  42/2010 said 15 % (sggp.org.vn). Province and commune levels: at most 1.0 % of regular budget spending (plains
  provinces, centrally-run cities) or 1.5 % (mountain, midland, Central Highlands, remote areas, islands) — NĐ
  152/2025 Điều 46 khoản 3 điểm b (quoted). **Not confirmed**: which of the two bases applies to a provincial
  Department (Sở) that keeps its own fund, and the 20 % figure in the text of NĐ 152/2025 itself. The
  percentage and its base are therefore configuration on each `FundYear`, shown with "cần xác minh" until
  the office records its own basis (`ceiling_verified`).
- **Uses** [confirmed in outline, NĐ 91/2017 Điều 66]: award money of the titles and forms, and organising the
  movements (printing certificates, frames, ceremonies); the categories below follow that. Award money itself is
  computed on each decision line (multiple × lương cơ sở on the decision date, `thidua.decisions`).

How the fund follows a decision (`effects.py`): issuing an award decision of the agency (or registering an
external decision the office marked "chi từ quỹ của cơ quan") writes one planned spending entry per awardee with
the line's amount; a line without an amount writes none and is listed as "chưa xác định số tiền"; revoking the
decision cancels the planned entries and notes the revocation on the paid ones (money recovered is an income
entry the office records). Amounts are whole đồng (integers); there is no Decimal money here.

Balances (`selectors.fund_totals`): "Số dư" is the money the fund holds — opening + income − paid spending;
"Số dư sau khi chi các khoản đã duyệt" also takes off the planned (approved, not yet paid) spending, which is
what the office can still commit. Cancelled entries count nowhere.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.codes import YEAR_VALIDATORS
from thidua.organizations.models import Organization


class CeilingBase(models.TextChoices):
    SALARY_FUND = "salary_fund", _("Tổng quỹ tiền lương theo ngạch, bậc cả năm")
    REGULAR_SPENDING = "regular_spending", _("Chi ngân sách thường xuyên cả năm")


# The default share of the budget base (percent) per base, with its source: configuration "cần xác minh".
DEFAULT_CEILING = {
    CeilingBase.SALARY_FUND: (
        Decimal("20"),
        _("Tối đa 20% tổng quỹ tiền lương theo ngạch, bậc (NĐ 98/2023/NĐ-CP Điều 50; trước đây 15%)."),
    ),
    CeilingBase.REGULAR_SPENDING: (
        Decimal("1.0"),
        _(
            "Tối đa 1,0% chi ngân sách thường xuyên (1,5% với tỉnh miền núi, trung du, Tây Nguyên, vùng sâu, "
            "vùng xa, hải đảo) (NĐ 152/2025/NĐ-CP Điều 46 khoản 3)."
        ),
    ),
}


class Direction(models.TextChoices):
    # With a context: Django's own catalogue translates a bare "Thu" (Thursday) into "Thứ 5".
    INCOME = "income", pgettext_lazy("quỹ thi đua", "Thu")
    SPENDING = "spending", pgettext_lazy("quỹ thi đua", "Chi")


class Source(models.TextChoices):
    BUDGET = "budget", _("Ngân sách nhà nước")
    CONTRIBUTION = "contribution", _("Đóng góp của tổ chức, cá nhân")
    OTHER = "other", _("Nguồn hợp pháp khác")
    CARRIED = "carried", _("Kết dư năm trước")


class Category(models.TextChoices):
    AWARD = "award", _("Tiền thưởng theo quyết định")
    PRINTING = "printing", _("In ấn, khung")
    ORGANISING = "organising", _("Tổ chức phong trào")
    OTHER = "other", _("Khác")


class EntryStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa chi")
    PAID = "paid", _("Đã chi")
    CANCELLED = "cancelled", _("Đã hủy")


class FundYear(models.Model):
    """The fund's book for one year of one agency: the opening balance and the ceiling of the budget share."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="fund_years", verbose_name=_("Cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    opening_balance = models.PositiveBigIntegerField(_("Số dư đầu năm (đồng)"), default=0)
    ceiling_base_kind = models.CharField(
        _("Căn cứ mức trích"), max_length=20, choices=CeilingBase.choices, default=CeilingBase.SALARY_FUND
    )
    ceiling_base = models.PositiveBigIntegerField(
        _("Số tiền làm căn cứ trích (đồng)"),
        null=True,
        blank=True,
        help_text=_("Tổng quỹ tiền lương hoặc chi ngân sách thường xuyên cả năm được duyệt."),
    )
    ceiling_percent = models.DecimalField(
        _("Tỷ lệ trích tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_CEILING[CeilingBase.SALARY_FUND][0],
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    ceiling_verified = models.BooleanField(
        _("Đã đối chiếu tỷ lệ với văn bản"),
        default=False,
        help_text=_(
            "Đánh dấu khi cơ quan đã xác nhận tỷ lệ trích theo văn bản hiện hành của cấp có thẩm quyền."
        ),
    )
    ceiling_note = models.TextField(_("Ghi chú về mức trích"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Sổ quỹ thi đua, khen thưởng năm")
        verbose_name_plural = _("Sổ quỹ thi đua, khen thưởng năm")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="fund_year_one_per_agency_year",
                violation_error_message=_("Cơ quan đã mở sổ quỹ của năm này."),
            ),
        ]

    @property
    def ceiling_amount(self) -> int | None:
        """The most the budget may put in this year (base × percent), None while the base is unknown."""
        if self.ceiling_base is None:
            return None
        return int(self.ceiling_base * self.ceiling_percent / 100)

    def __str__(self) -> str:
        return f"{_('Quỹ thi đua, khen thưởng')} {self.year} – {self.agency}"


class FundEntry(models.Model):
    """One line of the fund's book: an income by source, or a spending by category (for an award, one awardee of
    a decision), planned (chưa chi) → paid (đã chi, with the date and voucher) or cancelled."""

    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="fund_entries", verbose_name=_("Cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    direction = models.CharField(_("Thu, chi"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("Nguồn thu"), max_length=16, choices=Source.choices, blank=True)
    category = models.CharField(_("Nội dung chi"), max_length=16, choices=Category.choices, blank=True)
    amount = models.PositiveBigIntegerField(_("Số tiền (đồng)"), validators=[MinValueValidator(1)])
    entry_date = models.DateField(_("Ngày"))
    description = models.CharField(_("Diễn giải"), max_length=500)
    decision = models.ForeignKey(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
        verbose_name=_("Quyết định"),
    )
    decision_line = models.ForeignKey(
        "decisions.DecisionLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
        verbose_name=_("Người, tập thể được khen thưởng"),
    )
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.PLANNED
    )
    paid_on = models.DateField(_("Ngày chi"), null=True, blank=True)
    voucher = models.CharField(_("Số chứng từ"), max_length=64, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Khoản thu, chi của quỹ")
        verbose_name_plural = _("Khoản thu, chi của quỹ")
        ordering = ["entry_date", "pk"]
        indexes = [models.Index(fields=["agency", "year", "direction", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="fund_entry_amount_positive",
                violation_error_message=_("Số tiền phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=(Q(direction="income") & ~Q(source="") & Q(category="") & ~Q(status="planned"))
                | (Q(direction="spending") & Q(source="") & ~Q(category="")),
                name="fund_entry_income_source_spending_category",
                violation_error_message=_("Khoản thu ghi nguồn thu; khoản chi ghi nội dung chi."),
            ),
            models.CheckConstraint(
                condition=~Q(status="paid", direction="spending")
                | (Q(paid_on__isnull=False) & ~Q(voucher="")),
                name="fund_entry_paid_has_date_and_voucher",
                violation_error_message=_("Khoản đã chi phải có ngày chi và số chứng từ."),
            ),
            models.CheckConstraint(
                condition=Q(decision_line__isnull=True) | (Q(decision__isnull=False) & Q(category="award")),
                name="fund_entry_line_belongs_to_decision",
                violation_error_message=_("Khoản chi cho người được khen thưởng phải gắn với quyết định."),
            ),
            models.UniqueConstraint(
                fields=["decision_line"],
                condition=Q(decision_line__isnull=False) & ~Q(status="cancelled"),
                name="fund_entry_one_live_per_decision_line",
                violation_error_message=_("Người được khen thưởng này đã có khoản chi trong quỹ."),
            ),
        ]

    @property
    def is_income(self) -> bool:
        return self.direction == Direction.INCOME

    @property
    def kind_display(self) -> str:
        return str(self.get_source_display() if self.is_income else self.get_category_display())

    @property
    def status_display(self) -> str:
        """An income is "đã thu" (recorded) or cancelled; a spending planned, paid or cancelled."""
        if self.is_income and self.status == EntryStatus.PAID:
            return str(_("Đã thu"))
        return str(self.get_status_display())

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.amount} – {self.description}"


class DecisionFunding(models.Model):
    """The office's choice for an external decision (another level's, registered here): whether its award money is
    paid from this agency's fund ("chi từ quỹ của cơ quan"). An award decision of the agency always pays from its
    fund; a proposal never does; an external decision only with this choice set (by default the deciding level
    pays, Luật Thi đua, khen thưởng 2022 Điều 11 khoản 4)."""

    decision = models.OneToOneField(
        "decisions.Decision", on_delete=models.CASCADE, related_name="funding", verbose_name=_("Quyết định")
    )
    pays_from_fund = models.BooleanField(_("Chi từ quỹ của cơ quan"), default=False)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Nguồn chi tiền thưởng của quyết định")
        verbose_name_plural = _("Nguồn chi tiền thưởng của quyết định")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.pays_from_fund}"
