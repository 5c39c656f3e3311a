"""What the standing office has published on the public site: an issued decision (`PublishedDecision`) and, taken
from it when it is published, one row per awardee as the public sees it (`PublicAward`).

Publishing is the office's act, not a side effect of issuing: a decision may name people who have not agreed to
appear on an honour board before the office checks it. A withdrawn publication keeps its row (when and by whom),
so that the public pages' Last-Modified moves on when something disappears. A revoked decision, or an award
revoked in the registry, leaves the public pages at once whatever the publication says.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardCode, AwardTrack
from thidua.organizations.models import Organization


class PublishedDecision(models.Model):
    """An issued award (or external) decision the office published on the public site, or withdrew from it."""

    decision = models.OneToOneField(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="publication",
        verbose_name=_("Quyết định"),
    )
    published_at = models.DateTimeField(_("Công bố lúc"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người công bố"),
    )
    withdrawn_at = models.DateTimeField(_("Gỡ xuống lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người gỡ xuống"),
    )
    # The last publish or withdrawal, or the last change to one of its awards in the registry (a revocation): the
    # public pages' Last-Modified is the latest of these, and their caches are keyed on it.
    changed_at = models.DateTimeField(_("Thay đổi lúc"), db_index=True)

    class Meta:
        verbose_name = _("Quyết định đã công bố")
        verbose_name_plural = _("Quyết định đã công bố")
        ordering = ["-published_at", "-pk"]

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None

    def __str__(self) -> str:
        return str(self.decision)


class PublicAward(models.Model):
    """One awardee of a published decision: the name and unit as printed on the decision, the award, and the keys
    the honour board sorts (Vietnamese order by given name) and searches (without diacritics) on. Only what may be
    public is copied here (see `fields.py`); the search text holds the printed name and unit, never a staff code."""

    publication = models.ForeignKey(
        PublishedDecision, on_delete=models.CASCADE, related_name="awards", verbose_name=_("Công bố")
    )
    line = models.OneToOneField(
        "decisions.DecisionLine",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Dòng quyết định"),
    )
    award = models.ForeignKey(
        "commendations.AwardRecord", on_delete=models.CASCADE, related_name="+", verbose_name=_("Khen thưởng")
    )
    code = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardCode.choices)
    track = models.CharField(_("Loại khen thưởng"), max_length=16, choices=AwardTrack.choices)
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("Họ tên, tên tập thể"), max_length=255)
    unit_name = models.CharField(_("Đơn vị"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Đơn vị"),
    )
    is_collective = models.BooleanField(_("Tập thể"), default=False)
    position = models.PositiveIntegerField(_("Thứ tự"), default=0)
    # Shown on the public pages now: the publication is live, its decision issued and the award still active in the
    # registry. Kept by the publishing services and, for the registry's side, by `effects.award_saved` /
    # `effects.award_deleted` (every write path of an award, the admin included), so the public reads touch one table.
    visible = models.BooleanField(_("Đang công bố"), default=True)
    sort_key = models.CharField(max_length=600)
    search_text = models.CharField(max_length=600)

    class Meta:
        verbose_name = _("Khen thưởng đã công bố")
        verbose_name_plural = _("Khen thưởng đã công bố")
        ordering = ["sort_key", "pk"]
        # Partial indexes over what is shown: the board walks them in its order and stops after a page.
        indexes = [
            models.Index(
                fields=["sort_key", "id"], name="public_award_sort", condition=models.Q(visible=True)
            ),
            models.Index(
                fields=["year", "sort_key", "id"],
                name="public_award_year_sort",
                condition=models.Q(visible=True),
            ),
            models.Index(
                fields=["code", "sort_key", "id"],
                name="public_award_code_sort",
                condition=models.Q(visible=True),
            ),
            models.Index(
                fields=["year", "code", "unit"], name="public_award_options", condition=models.Q(visible=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.year} – {self.name}"
