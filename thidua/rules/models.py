"""Province configuration of the rules engine and candidate-discovery runs.

The law leaves some values to provinces, and research could not confirm others (legal-rules §11). Their
defaults live in `engine/config.py` with their source and a "cần xác minh" flag; a province's legal officer
records an override here, with its source, and the flag goes away for that value.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Organization


class RuleOverride(models.Model):
    """A province's value for one configuration key (e.g. `cstdcs.quota_pct_of_ldtt` = 15)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="rule_overrides", verbose_name=_("Áp dụng cho")
    )
    key = models.CharField(_("Khóa cấu hình"), max_length=100)
    value = models.JSONField(_("Giá trị"), encoder=DjangoJSONEncoder)
    source = models.CharField(_("Căn cứ"), max_length=500, help_text=_("Văn bản quy định giá trị này."))
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Cấu hình quy tắc của tỉnh")
        verbose_name_plural = _("Cấu hình quy tắc của tỉnh")
        constraints = [models.UniqueConstraint(fields=["organization", "key"], name="rule_override_unique")]

    def __str__(self) -> str:
        return f"{self.organization}: {self.key} = {self.value}"


class DiscoveryStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Gặp lỗi")


class DiscoveryRun(models.Model):
    """A candidate-discovery sweep (rà soát, phát hiện) over an agency for a year, run in the background."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="discovery_runs")
    year = models.PositiveSmallIntegerField(_("Năm"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=DiscoveryStatus.choices, default=DiscoveryStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    subjects = models.PositiveIntegerField(default=0)
    findings = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt rà soát")
        verbose_name_plural = _("Lượt rà soát")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} ({self.get_status_display()})"


class DiscoveryChunk(models.Model):
    """One part of a sweep, run by whichever task worker takes it: the people judged in a group of units (in the
    sweep's person order, with the unit judging each) and those units as collectives. A chunk's findings are
    written in one transaction with its status, so a worker killed mid-chunk leaves it unfinished and it runs
    again whole (services.discovery_resume); the run's findings are merged once every chunk is done."""

    run = models.ForeignKey(DiscoveryRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    # [[person id, judging unit id], …] and the ids of the units swept as collectives.
    people = models.JSONField(default=list)
    collectives = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=DiscoveryStatus.choices, default=DiscoveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    leased_until = models.DateTimeField(null=True, blank=True)
    findings = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Phần của lượt rà soát")
        verbose_name_plural = _("Phần của lượt rà soát")
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="discovery_chunk_unique")]

    def __str__(self) -> str:
        return f"{self.run_id}#{self.index} ({self.get_status_display()})"
