"""Which items of a batch's dossier are present and which are missing (legal-rules §2.6).

`batch_dossier(batch)` reads the batch's lines, files, reports and the ratings the conditions need in a fixed
handful of queries, and says for every line and for the batch as a whole what the catalogue asks for in the era
of the proposal (`batch_era`) and whether it is there. `submit_problems(batch)` is the check the batch's
`submit` runs (registered in `nominations.workflow.SUBMIT_CHECKS`): one message per missing item, naming the
line (person or collective, title or form) and the item.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.appraisals.models import Appraisal
from thidua.core.codes import Rating
from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch
from thidua.rules.engine.config import RuleConfig
from thidua.rules.engine.eras import procedure_era
from thidua.rules.services import rule_config_for

from .catalogue import (
    BATCH,
    COLLECTIVE,
    INDIVIDUAL,
    INITIATIVE_BASIS,
    KIND_SCOPE,
    SECRET_BALLOT,
    SUBMIT,
    CatalogueRow,
    DossierKind,
    Need,
    ReportForm,
    catalogue_row,
    report_form,
)
from .models import AchievementReport, DossierItem

# Lines that no longer stand need no dossier.
IGNORED_STATES = (NominationStatus.WITHDRAWN,)


def batch_date(batch: ProposalBatch) -> dt.date:
    """The date of the act that decides the era: the tờ trình's date, else when it was sent, else today."""
    if batch.dated is not None:
        return batch.dated
    if batch.submitted_at is not None:
        return timezone.localdate(batch.submitted_at)
    return timezone.localdate()


def batch_era(batch: ProposalBatch, config: RuleConfig | None = None) -> str:
    """The procedure era of the batch (legal-rules §1.2 point 2), with the receiving agency's configuration."""
    config = config or rule_config_for(organization=batch.office)
    return procedure_era(batch_date(batch), config).era


def subject_kind(nomination: Nomination) -> str:
    return INDIVIDUAL if nomination.person_id else COLLECTIVE


def subject_name(nomination: Nomination) -> str:
    subject = nomination.person if nomination.person_id else nomination.organization
    if subject is None:
        return ""
    return subject.full_name if nomination.person_id else subject.name  # type: ignore[union-attr]


def line_label(nomination: Nomination) -> str:
    """ "Nguyễn Văn An – Chiến sĩ thi đua cơ sở": who and for what, as messages name a line."""
    return f"{subject_name(nomination)} – {nomination.get_code_display()}"


@dataclass
class ItemStatus:
    """One need of the catalogue and what answers it."""

    need: Need
    items: list[DossierItem] = field(default_factory=list)
    report: AchievementReport | None = None
    summary: str = ""  # the line's own short summary, for the simplified procedure
    lines: list[Nomination] = field(default_factory=list)  # for a batch item: the lines that need it

    @property
    def kind(self) -> str:
        return self.need.kind

    @property
    def label(self) -> str:
        return str(DossierKind(self.need.kind).label)

    @property
    def present(self) -> bool:
        return bool(self.items) or self.report is not None or bool(self.summary)

    @property
    def blocks_submit(self) -> bool:
        """Missing and needed before the batch is sent (the council's tally comes later)."""
        return not self.present and self.need.stage == SUBMIT


@dataclass
class LineDossier:
    nomination: Nomination
    row: CatalogueRow | None
    form: ReportForm
    statuses: list[ItemStatus]
    others: list[DossierItem]  # files of kinds the line's row does not ask for ("Tài liệu khác", ...)
    report: AchievementReport | None
    not_needed: list[tuple[Any, str]]  # conditional needs that do not apply: the item's label and why

    @property
    def label(self) -> str:
        return line_label(self.nomination)

    @property
    def missing(self) -> list[ItemStatus]:
        return [s for s in self.statuses if s.blocks_submit]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def needs_report(self) -> bool:
        return any(s.kind == DossierKind.REPORT for s in self.statuses)


@dataclass
class BatchDossier:
    batch: ProposalBatch
    era: str
    statuses: list[ItemStatus]  # the batch's own items
    lines: list[LineDossier]
    others: list[DossierItem]

    @property
    def missing(self) -> list[ItemStatus]:
        return [s for s in self.statuses if s.blocks_submit]

    @property
    def complete(self) -> bool:
        return not self.missing and all(line.complete for line in self.lines)

    @property
    def counts(self) -> tuple[int, int]:
        """(items present, items needed before sending)."""
        needed = [s for s in self.statuses if s.need.stage == SUBMIT]
        needed += [s for line in self.lines for s in line.statuses if s.need.stage == SUBMIT]
        return sum(1 for s in needed if s.present), len(needed)

    def problems(self) -> list[str]:
        messages = [
            _("Hồ sơ của tờ trình còn thiếu: %(item)s.") % {"item": status.label} for status in self.missing
        ]
        for line in self.lines:
            for status in line.missing:
                messages.append(
                    _("%(line)s: hồ sơ còn thiếu %(item)s.") % {"line": line.label, "item": status.label}
                )
        return messages


def _applies(need: Need, line: Nomination, *, htxsnv: set[tuple[int, int]], secret: set[str]) -> str | None:
    """None when `need` applies to `line`; otherwise why it does not."""
    if need.when == INITIATIVE_BASIS and line.person_id and (line.person_id, line.year) in htxsnv:
        return _("Không cần: năm %(year)s xếp loại Hoàn thành xuất sắc nhiệm vụ.") % {"year": line.year}
    if need.when == SECRET_BALLOT and line.code not in secret:
        return _("Không cần: Hội đồng không bỏ phiếu kín với danh hiệu, hình thức này.")
    return None


def batch_dossier(batch: ProposalBatch) -> BatchDossier:
    """The dossier of `batch`: per line and for the batch, each needed item present or missing."""
    config = rule_config_for(organization=batch.office)
    era = batch_era(batch, config)
    secret = set(config.get("ballot.secret_forms") or ())
    lines = list(
        Nomination.objects.filter(batch=batch)
        .exclude(status__in=IGNORED_STATES)
        .select_related("person", "organization")
        .order_by("code", "pk")
    )
    # A line's files follow the line (a pooled line keeps those uploaded in its first batch); the batch's own
    # files are those without a line.
    items = list(
        DossierItem.objects.filter(
            Q(batch=batch, nomination__isnull=True) | Q(nomination__in=[line.pk for line in lines])
        ).select_related("uploaded_by")
    )
    reports = {
        r.nomination_id: r
        for r in AchievementReport.objects.filter(nomination__in=[line.pk for line in lines])
    }
    htxsnv = set(
        Appraisal.objects.filter(
            person_id__in=[line.person_id for line in lines if line.person_id],
            year__in={line.year for line in lines},
            rating=Rating.HTXSNV,
        ).values_list("person_id", "year")
    )
    by_line: dict[int | None, dict[str, list[DossierItem]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        by_line[item.nomination_id][item.kind].append(item)

    batch_needs: dict[str, ItemStatus] = {}
    line_dossiers = []
    for line in lines:
        row = catalogue_row(era=era, code=line.code, track=line.track)
        form = report_form(era=era, subject=subject_kind(line), track=line.track)
        own = by_line[line.pk]
        statuses, not_needed = [], []
        for need in row.needs if row is not None else ():
            why_not = _applies(need, line, htxsnv=htxsnv, secret=secret)
            if why_not is not None:
                not_needed.append((DossierKind(need.kind).label, why_not))
                continue
            if need.scope == BATCH:
                status = batch_needs.setdefault(
                    need.kind, ItemStatus(need, items=list(by_line[None].get(need.kind, [])))
                )
                status.lines.append(line)
                continue
            status = ItemStatus(need, items=list(own.get(need.kind, [])))
            if need.kind == DossierKind.REPORT:
                status.report = reports.get(line.pk)
            if need.kind == DossierKind.SUMMARY:
                status.summary = line.achievement.strip()
            statuses.append(status)
        asked = {s.kind for s in statuses}
        others = [item for kind, found in own.items() if kind not in asked for item in found]
        line_dossiers.append(LineDossier(line, row, form, statuses, others, reports.get(line.pk), not_needed))
    order = list(DossierKind.values)
    batch_statuses = sorted(batch_needs.values(), key=lambda s: order.index(s.kind))
    asked_batch = set(batch_needs)
    batch_others = [
        item for kind, found in by_line[None].items() if kind not in asked_batch for item in found
    ]
    return BatchDossier(batch, era, batch_statuses, line_dossiers, batch_others)


def line_dossier(nomination: Nomination) -> LineDossier:
    """The dossier of one line (its batch's dossier, read once)."""
    for line in batch_dossier(nomination.batch).lines:
        if line.nomination.pk == nomination.pk:
            return line
    raise LookupError(nomination.pk)


def submit_problems(batch: ProposalBatch) -> list[str]:
    """The check of a batch's `submit` (nominations.workflow.SUBMIT_CHECKS): every missing required item."""
    return batch_dossier(batch).problems()


def kinds_for(scope: str) -> list[tuple[str, Any]]:
    """The kinds a user may upload for the batch (`BATCH`) or for a line (`LINE`)."""
    return [(kind.value, kind.label) for kind in DossierKind if KIND_SCOPE[kind] == scope]
