"""The progress of `manage.py seed_scale`: the run's parameters and which of its chunks are loaded."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScaleRun(models.Model):
    """The generated national data set of this database: its parameters (a database holds one)."""

    people = models.PositiveIntegerField(_("Số người"))
    years = models.PositiveSmallIntegerField(_("Số năm"))
    awards = models.PositiveBigIntegerField(_("Số khen thưởng cá nhân (mục tiêu)"))
    seed = models.BigIntegerField(_("Hạt giống ngẫu nhiên"))
    chunk = models.PositiveIntegerField(_("Số người mỗi phần"))
    started_at = models.DateTimeField(_("Bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Hoàn thành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Lần sinh dữ liệu quy mô toàn quốc")
        verbose_name_plural = _("Lần sinh dữ liệu quy mô toàn quốc")

    def __str__(self) -> str:
        return f"{self.people} × {self.years} (seed {self.seed})"


class ScaleChunk(models.Model):
    """A chunk of a run that is loaded (committed in the same transaction as its rows)."""

    run = models.ForeignKey(ScaleRun, on_delete=models.CASCADE, related_name="chunks")
    step = models.CharField(_("Bước"), max_length=16)
    number = models.PositiveIntegerField(_("Số thứ tự"))
    rows = models.PositiveBigIntegerField(_("Số dòng"))
    seconds = models.FloatField(_("Thời gian (giây)"))
    done_at = models.DateTimeField(_("Xong lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Phần đã nạp")
        verbose_name_plural = _("Phần đã nạp")
        constraints = [models.UniqueConstraint(fields=["run", "step", "number"], name="scale_chunk_unique")]

    def __str__(self) -> str:
        return f"{self.step} {self.number}"
