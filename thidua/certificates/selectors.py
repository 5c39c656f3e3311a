"""Reads of certificates, scoped to what the user may see, and the public verification of a code.

The certificates of a decision are the office's: the officer (Role.OFFICER) of the decision's agency prints them
and calibrates the agency's templates; the head who signs (Role.SIGNER) reads them. Another agency's decision,
template or print run is a 404; a reader who tries to write gets 403.

The public verification (`verification_get`) answers with a `PublicCertificate`, a plain record of what a printed
certificate shows and nothing else, so a page cannot reach anything private of the line (the person's birth date,
staff code, the money) even by mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, has_role, is_system_admin, managed_organizations, scope_policy
from thidua.commendations.models import AwardStatus
from thidua.core.codes import AwardTrack
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import Organization

from .documents import verify_path
from .models import CertificateTemplate, PrintedCertificate, PrintRun, SerialRegister

READERS = (Role.OFFICER, Role.SIGNER)
MANAGERS = (Role.OFFICER,)
# Decisions whose awards are real: issued (or issued, then revoked). A draft, or a proposal (tờ trình, which asks
# for awards and gives none), verifies nothing.
VERIFIABLE_STATUSES = (DecisionStatus.ISSUED, DecisionStatus.REVOKED)
VERIFIABLE_KINDS = (DecisionKind.AWARD, DecisionKind.EXTERNAL)


def _agencies(user: Any, action: str) -> QuerySet[Organization]:
    return managed_organizations(user, *(READERS if action == VIEW else MANAGERS))


def _scoped(user: Any, qs: QuerySet, action: str, prefix: str = "") -> QuerySet:
    if is_system_admin(user):
        return qs
    return qs.filter(**{f"{prefix}agency__in": _agencies(user, action)})


@scope_policy(CertificateTemplate, PrintRun, PrintedCertificate)
def _certificate_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return _scoped(user, qs, action)


@scope_policy(SerialRegister)
def _register_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """The certificate book moves only through the print-run service."""
    if action == CHANGE:
        return qs.none()
    return _scoped(user, qs, VIEW)


def can_manage(user: Any, agency: Organization) -> bool:
    return has_role(user, *MANAGERS, organization=agency)


# ---------------------------------------------------------------- decisions and their lines


def printable_decisions() -> QuerySet[Decision]:
    """The agency's own award decisions once issued (or revoked: kept visible, never printed again)."""
    return Decision.objects.filter(kind=DecisionKind.AWARD, status__in=VERIFIABLE_STATUSES)


def decision_list_visible_to(*, user: Any, year: int | None = None) -> QuerySet[Decision]:
    """The issued award decisions the user reads, with their number of lines and of lines holding a certificate."""
    qs = _scoped(user, printable_decisions(), VIEW)
    if year is not None:
        qs = qs.filter(year=year)
    return (
        qs.select_related("agency")
        .annotate(
            line_count=Count("lines", distinct=True),
            printed_count=Count(
                "lines",
                filter=Q(lines__certificates__replaced_by__isnull=True, lines__certificates__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-decided_on", "-pk")
    )


def decision_get_visible(*, user: Any, pk: int, action: str = VIEW) -> Decision:
    """An issued award decision the user reads (404 otherwise); for `CHANGE`, one the user manages (403 for a
    reader who does not)."""
    decision = get_object_or_404(
        _scoped(user, printable_decisions(), VIEW).select_related("agency__parent"), pk=pk
    )
    if action == CHANGE and not can_manage(user, decision.agency):
        raise PermissionDenied
    return decision


def lines_of(decision: Decision) -> list[DecisionLine]:
    """The decision's lines in its order, each with its award and its certificates (oldest first), in three
    queries whatever their number."""
    return list(
        decision.lines.select_related("award")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=PrintedCertificate.objects.select_related("run", "replaced_by").order_by(
                    "year", "number"
                ),
            )
        )
        .order_by("position", "pk")
    )


def line_is_revoked(line: DecisionLine, decision: Decision) -> bool:
    return decision.status == DecisionStatus.REVOKED or (
        line.award is not None and line.award.status == AwardStatus.REVOKED
    )


def line_get_visible(*, user: Any, pk: int) -> DecisionLine:
    line = get_object_or_404(
        DecisionLine.objects.select_related("award", "decision__agency__parent").filter(
            decision__in=_scoped(user, printable_decisions(), VIEW)
        ),
        pk=pk,
    )
    return line


def runs_of(decision: Decision) -> QuerySet[PrintRun]:
    return decision.certificate_runs.select_related("printed_by__person", "template").order_by(
        "-printed_at", "-pk"
    )


def run_get_visible(*, user: Any, pk: int) -> PrintRun:
    return get_object_or_404(
        _scoped(user, PrintRun.objects.all(), VIEW).select_related("decision", "agency"), pk=pk
    )


# ---------------------------------------------------------------- templates


def template_list_visible_to(*, user: Any) -> QuerySet[CertificateTemplate]:
    return _scoped(user, CertificateTemplate.objects.all(), VIEW).select_related(
        "agency", "calibrated_by__person"
    )


def template_get_managed(*, user: Any, pk: int) -> CertificateTemplate:
    template = get_object_or_404(
        _scoped(user, CertificateTemplate.objects.all(), VIEW).select_related("agency"), pk=pk
    )
    if not can_manage(user, template.agency):
        raise PermissionDenied
    return template


def templates_for(agency: Organization) -> QuerySet[CertificateTemplate]:
    """The agency's templates in use (what a print run may choose)."""
    return CertificateTemplate.objects.filter(agency=agency, active=True).order_by("name", "pk")


def print_ready_template(agency: Organization, *, pk: int | None = None) -> CertificateTemplate | None:
    """The template of a print-ready download: `pk` when it is the agency's and in use, else the agency's first
    print-ready template in use (None: the built-in layout)."""
    qs = templates_for(agency)
    if pk is not None:
        chosen = qs.filter(pk=pk).first()
        if chosen is None:
            raise Http404
        return chosen
    return next((t for t in qs if not t.is_blank), None)


# ---------------------------------------------------------------- the public verification


@dataclass(frozen=True)
class PublicCertificate:
    """What the verification page shows: what the printed certificate shows, and whether it still holds."""

    awardee_name: str
    unit: str
    form: str
    achievement_year: str
    decision_number: str
    decision_date: str  # dd/mm/yyyy
    deciding_body: str
    valid: bool
    status: str
    revoked_by: str
    serials: tuple[str, ...]


def _achievement_year(line: DecisionLine) -> str:
    if line.period_from and line.period_to and line.period_from != line.period_to:
        return f"{line.period_from}–{line.period_to}"
    return str(line.year)


def verification_get(code: str) -> PublicCertificate | None:
    """The certificate of `code`, or None for any code that is unknown, of a draft or of a proposal (the caller
    answers every miss the same way)."""
    line = (
        DecisionLine.objects.filter(
            verify_code=code,
            decision__status__in=VERIFIABLE_STATUSES,
            decision__kind__in=VERIFIABLE_KINDS,
        )
        .select_related("decision__agency", "award")
        .first()
    )
    if line is None:
        return None
    decision = line.decision
    revoked = line_is_revoked(line, decision)
    revoked_by = ""
    if decision.status == DecisionStatus.REVOKED and decision.revoking_number:
        revoked_by = _("Quyết định số {number} ngày {date}").format(
            number=decision.revoking_number,
            date=f"{decision.revoking_date:%d/%m/%Y}" if decision.revoking_date else "…",
        )
    serials = tuple(
        PrintedCertificate.objects.filter(line=line, replaced_by__isnull=True)
        .order_by("year", "number")
        .values_list("serial", flat=True)
    )
    form = line.get_code_display()
    if line.track and line.track != AwardTrack.CONG_TRANG:
        form = f"{form} ({line.get_track_display()})"
    return PublicCertificate(
        awardee_name=line.subject_name,
        unit=line.subject_unit,
        form=str(form),
        achievement_year=_achievement_year(line),
        decision_number=decision.number_symbol,
        decision_date=f"{decision.decided_on:%d/%m/%Y}" if decision.decided_on else "",
        deciding_body=decision.deciding_body or decision.agency.name,
        valid=not revoked,
        status=_("Đã bị hủy bỏ") if revoked else _("Có hiệu lực"),
        revoked_by=revoked_by,
        serials=serials,
    )


def award_verify_links(awards: Iterable[Any]) -> dict[int, list[tuple[str, str]]]:
    """The registry's hook: each award written by an issued decision links to its verification page (one
    query for the whole list)."""
    ids = [award.pk for award in awards if award.pk is not None]
    if not ids:
        return {}
    rows = DecisionLine.objects.filter(
        award_id__in=ids,
        decision__status__in=VERIFIABLE_STATUSES,
        decision__kind__in=VERIFIABLE_KINDS,
    ).values_list("award_id", "verify_code")
    label = _("Trang xác minh")
    return {award_id: [(label, verify_path(code))] for award_id, code in rows}
