"""Excel import jobs: the uploaded file, the dry run's errors per row, the progress of the background task."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("Cán bộ")
    RATINGS = "ratings", _("Xếp loại hằng năm")
    LEAVE = "leave", _("Nghỉ")
    DISCIPLINE = "discipline", _("Kỷ luật")
    INITIATIVES = "initiatives", _("Sáng kiến, đề tài")
    AWARDS = "awards", _("Khen thưởng đã nhận")
    COLLECTIVE = "collective", _("Đánh giá tập thể")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang kiểm tra")
    INVALID = "invalid", _("Có lỗi, chưa ghi")
    CLEAN = "clean", _("Hợp lệ (chạy thử), chưa ghi")
    WRITING = "writing", _("Đang ghi")
    DONE = "done", _("Đã ghi")
    FAILED = "failed", _("Không thành công")


ACTIVE_STATUSES = (ImportStatus.PENDING, ImportStatus.RUNNING, ImportStatus.WRITING)
# A worker holds these; the job's heartbeat says it is still alive (see services.import_job_reap).
LEASED_STATUSES = (ImportStatus.RUNNING, ImportStatus.WRITING)


class ImportJob(models.Model):
    """One upload of an Excel file for one kind of facts: checked (dry run) and, when clean, written."""

    kind = models.CharField(_("Loại dữ liệu"), max_length=16, choices=ImportKind.choices)
    file = models.FileField(_("Tệp"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Thời điểm tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Thời điểm xong"), null=True, blank=True)
    dry_run = models.BooleanField(_("Chạy thử"), default=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=ImportStatus.choices, default="pending")
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    total_rows = models.PositiveIntegerField(_("Số dòng"), default=0)
    created_count = models.PositiveIntegerField(_("Số bản ghi thêm mới"), default=0)
    updated_count = models.PositiveIntegerField(_("Số bản ghi cập nhật"), default=0)
    message = models.TextField(_("Thông báo"), blank=True)
    errors = models.JSONField(_("Danh sách lỗi"), default=list, blank=True)
    heartbeat_at = models.DateTimeField(_("Tín hiệu gần nhất của tiến trình"), null=True, blank=True)
    task_id = models.CharField(_("Mã tác vụ nền"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("Lượt nhập dữ liệu")
        verbose_name_plural = _("Lượt nhập dữ liệu")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def can_retry(self) -> bool:
        return self.status == ImportStatus.FAILED and bool(self.file)
