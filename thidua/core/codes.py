"""The shared contract's codes (docs/eligibility-contract.md) as Django choices, with Vietnamese labels.

The codes are the same everywhere: database, API, Excel templates and the rules engine.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardCode(models.TextChoices):
    LDTT = "LDTT", _("Lao động tiên tiến")
    CSTDCS = "CSTDCS", _("Chiến sĩ thi đua cơ sở")
    CSTD_TINH = "CSTD_TINH", _("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh")
    CSTD_TOAN_QUOC = "CSTD_TOAN_QUOC", _("Chiến sĩ thi đua toàn quốc")
    TTLDTT = "TTLDTT", _("Tập thể lao động tiên tiến")
    TTLDXS = "TTLDXS", _("Tập thể lao động xuất sắc")
    CO_TINH = "CO_TINH", _("Cờ thi đua cấp bộ, ban, ngành, tỉnh")
    CO_CHINH_PHU = "CO_CHINH_PHU", _("Cờ thi đua của Chính phủ")
    GIAY_KHEN = "GIAY_KHEN", _("Giấy khen")
    BANG_KHEN_TINH = "BANG_KHEN_TINH", _("Bằng khen cấp bộ, ban, ngành, tỉnh")
    BANG_KHEN_TTG = "BANG_KHEN_TTG", _("Bằng khen của Thủ tướng Chính phủ")
    HCLD_3 = "HCLD_3", _("Huân chương Lao động hạng Ba")
    HCLD_2 = "HCLD_2", _("Huân chương Lao động hạng Nhì")
    HCLD_1 = "HCLD_1", _("Huân chương Lao động hạng Nhất")


INDIVIDUAL_TITLES = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TOAN_QUOC")
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS", "CO_TINH", "CO_CHINH_PHU")


class AwardTrack(models.TextChoices):
    CONG_TRANG = "cong_trang", _("Công trạng")
    CHUYEN_DE = "chuyen_de", _("Chuyên đề")
    DOT_XUAT = "dot_xuat", _("Đột xuất")
    NIEN_HAN = "nien_han", _("Niên hạn")
    CONG_HIEN = "cong_hien", _("Cống hiến")
    DOI_NGOAI = "doi_ngoai", _("Đối ngoại")


class Rating(models.TextChoices):
    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Thai sản")
    SICK = "sick", _("Ốm đau, điều trị")
    STUDY = "study", _("Đi học")
    MILITARY = "military", _("Nghĩa vụ quân sự")
    UNPAID = "unpaid", _("Nghỉ không lương")
    OTHER = "other", _("Khác")


class DisciplineForm(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Khiển trách")
    CANH_CAO = "canh_cao", _("Cảnh cáo")
    HA_BAC_LUONG = "ha_bac_luong", _("Hạ bậc lương")
    GIANG_CHUC = "giang_chuc", _("Giáng chức")
    CACH_CHUC = "cach_chuc", _("Cách chức")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Buộc thôi việc")


class InitiativeLevel(models.TextChoices):
    CO_SO = "co_so", _("Cấp cơ sở")
    TINH = "tinh", _("Cấp bộ, ngành, tỉnh")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài, đề án, công trình KH&CN")


# Years of facts and awards: the rules engine judges 2017 on; older records are kept as history.
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
