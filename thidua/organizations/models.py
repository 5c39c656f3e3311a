"""Agencies and units in a tree, people, their assignments over time, and restructurings.

An `Organization` is any node of the tree: a province's People's Committee, a Department (Sở), a division
(phòng) or a unit (đơn vị trực thuộc). Nodes are never deleted when they cease to exist: they get `valid_to`
and, through a `Restructuring`, a successor, so that the award history stays attached to what existed then.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from thidua.core import vn_text


class OrganizationKind(models.TextChoices):
    PROVINCE = "province", _("Ủy ban nhân dân tỉnh")
    AGENCY = "agency", _("Cơ quan (Sở, ban, ngành)")
    DIVISION = "division", _("Phòng chuyên môn")
    UNIT = "unit", _("Đơn vị trực thuộc")
    UNION = "union", _("Đoàn thể (Công đoàn, Đoàn thanh niên)")


BUDGET_CODE_VALIDATOR = RegexValidator(
    r"^[0-9]{7}$", _("Mã quan hệ ngân sách gồm đúng 7 chữ số."), code="budget_code"
)


class Organization(models.Model):
    """A node of the agency tree (cơ quan, đơn vị) with its validity period."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Cấp trên"),
    )
    kind = models.CharField(_("Loại"), max_length=16, choices=OrganizationKind.choices)
    code = models.CharField(_("Mã"), max_length=32, unique=True)
    name = models.CharField(_("Tên"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=64, blank=True)
    symbol = models.CharField(
        _("Ký hiệu văn bản"),
        max_length=32,
        blank=True,
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ SKHCN."),
    )
    place_name = models.CharField(
        _("Địa danh"),
        max_length=64,
        blank=True,
        help_text=_("Địa danh ghi ở dòng ngày tháng trên văn bản của đơn vị, ví dụ: Lào Cai."),
    )
    valid_from = models.DateField(_("Hiệu lực từ"), default=date(2000, 1, 1))
    valid_to = models.DateField(
        _("Ngày kết thúc hoạt động"),
        null=True,
        blank=True,
        help_text=_("Ngày đơn vị giải thể, sáp nhập hoặc thôi hoạt động; để trống khi đơn vị còn hoạt động."),
    )
    # The unit register (sổ đơn vị) officers keep: budget relation, sector, signer, bank account.
    budget_code = models.CharField(
        _("Mã quan hệ ngân sách"),
        max_length=7,
        blank=True,
        validators=[BUDGET_CODE_VALIDATOR],
        help_text=_("Mã số đơn vị có quan hệ với ngân sách (mã QHNS), 7 chữ số."),
    )
    sector = models.CharField(_("Lĩnh vực"), max_length=128, blank=True)
    signer_title = models.CharField(
        _("Chức danh người ký"), max_length=128, blank=True, help_text=_("Ví dụ: Giám đốc, Phó Giám đốc.")
    )
    signer_name = models.CharField(_("Họ và tên người ký"), max_length=128, blank=True)
    bank_account = models.CharField(_("Số tài khoản"), max_length=32, blank=True)
    bank_name = models.CharField(
        _("Mở tại (ngân hàng, kho bạc)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Kho bạc Nhà nước Lào Cai."),
    )
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    # Materialised path of ids ("/1/4/9/") for subtree queries without recursion.
    path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Cơ quan, đơn vị")
        verbose_name_plural = _("Cơ quan, đơn vị")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="organization_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        self.sort_key = vn_text.sort_key(self.name)
        self.search_text = vn_text.search_document(self.name, self.short_name, self.code)

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None or self.pk is None:
            return
        parent_path = Organization.objects.filter(pk=self.parent_id).values_list("path", flat=True).first()
        own_path = Organization.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        if self.parent_id == self.pk or (parent_path and own_path and parent_path.startswith(own_path)):
            raise ValidationError(
                {
                    "parent": _(
                        "Không thể chọn chính đơn vị này hoặc một đơn vị cấp dưới của nó làm cấp trên "
                        "(cây tổ chức sẽ thành vòng)."
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        """Save, and keep the materialised paths true: a move rewrites the paths of the whole subtree."""
        self.refresh_derived()
        with transaction.atomic():
            old_path = Organization.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""
            super().save(*args, **kwargs)
            parent_path = (
                Organization.objects.filter(pk=self.parent_id).values_list("path", flat=True).first()
                if self.parent_id is not None
                else None
            )
            new_path = f"{parent_path or '/'}{self.pk}/"
            if new_path != old_path:
                Organization.objects.filter(pk=self.pk).update(path=new_path)
                if old_path:
                    Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                        path=Concat(
                            Value(new_path),
                            Substr("path", len(old_path) + 1),
                            output_field=models.CharField(),
                        )
                    )
            self.path = new_path

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def subtree_q(self, prefix: str = "") -> Q:
        """Filter for this node and every descendant (`prefix` names the relation to Organization)."""
        return Q(**{f"{prefix}path__startswith": self.path})


class RestructuringKind(models.TextChoices):
    MERGER = "merger", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia, tách")
    RENAME = "rename", _("Đổi tên")
    DISSOLUTION = "dissolution", _("Giải thể")


class Restructuring(models.Model):
    """A reorganisation: predecessors end, a successor carries on (e.g. Yên Bái merged into Lào Cai, 2025-07-01)."""

    kind = models.CharField(_("Hình thức"), max_length=16, choices=RestructuringKind.choices)
    effective_on = models.DateField(_("Ngày hiệu lực"))
    predecessors = models.ManyToManyField(
        Organization, related_name="restructured_by", verbose_name=_("Đơn vị cũ")
    )
    successor = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="succeeds",
        verbose_name=_("Đơn vị kế thừa"),
    )
    decision = models.CharField(_("Văn bản quyết định"), max_length=255, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Sắp xếp tổ chức")
        verbose_name_plural = _("Sắp xếp tổ chức")
        ordering = ["effective_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class Ethnicity(models.Model):
    """One of Vietnam's 54 ethnic groups (Danh mục các dân tộc Việt Nam, Quyết định 121-TCTK/PPCĐ)."""

    code = models.CharField(_("Mã"), max_length=2, unique=True)
    name = models.CharField(_("Tên dân tộc"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("Dân tộc")
        verbose_name_plural = _("Dân tộc")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Person(models.Model):
    """A civil servant, public employee or worker (cán bộ, công chức, viên chức, người lao động)."""

    family_name = models.CharField(_("Họ"), max_length=64)
    middle_name = models.CharField(_("Tên đệm"), max_length=64, blank=True)
    given_name = models.CharField(_("Tên"), max_length=64)
    sex = models.CharField(_("Giới tính"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("Ngày sinh"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        Ethnicity, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("Dân tộc")
    )
    staff_code = models.CharField(_("Mã cán bộ"), max_length=32, unique=True)
    recruited_on = models.DateField(_("Ngày tuyển dụng"), null=True, blank=True)
    employed_since = models.DateField(
        _("Làm việc tại cơ quan từ ngày (kể cả hợp đồng)"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu làm việc tại cơ quan theo bất kỳ hình thức nào, nếu trước ngày tuyển dụng"),
    )
    retired_on = models.DateField(_("Ngày nghỉ hưu, thôi việc"), null=True, blank=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    search_text = models.CharField(max_length=400, editable=False)

    class Meta:
        verbose_name = _("Cán bộ, công chức, viên chức")
        verbose_name_plural = _("Cán bộ, công chức, viên chức")
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.family_name, self.middle_name, self.given_name) if part)

    def refresh_derived(self) -> None:
        self.sort_key = vn_text.person_sort_key(
            family_name=self.family_name, middle_name=self.middle_name, given_name=self.given_name
        )
        self.search_text = vn_text.search_document(self.full_name, self.staff_code)

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        super().save(*args, **kwargs)


class Position(models.Model):
    """A position (chức vụ) with whether it is a leadership position."""

    name = models.CharField(_("Chức vụ"), max_length=128, unique=True)
    is_leadership = models.BooleanField(_("Là chức vụ lãnh đạo, quản lý"), default=False)
    rank = models.PositiveSmallIntegerField(_("Thứ tự"), default=100)

    class Meta:
        verbose_name = _("Chức vụ")
        verbose_name_plural = _("Chức vụ")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A person holds a position in an organization for a period; a mid-year transfer is two assignments."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"), null=True, blank=True)
    decision = models.CharField(_("Quyết định"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("Quá trình công tác")
        verbose_name_plural = _("Quá trình công tác")
        ordering = ["person_id", "start_on"]
        indexes = [
            models.Index(fields=["organization", "start_on"]),
            models.Index(fields=["person", "start_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="assignment_valid_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.position} – {self.organization}"

    def overlaps_year(self, year: int) -> bool:
        return self.start_on <= date(year, 12, 31) and (
            self.end_on is None or self.end_on >= date(year, 1, 1)
        )
