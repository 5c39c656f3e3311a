"""Reads of decisions and their lines, scoped to what the user may see.

A decision is handled by its agency's office (officer) and head (signer): they read every decision of the agency,
drafts included, and the workflow says which of them may take which step. Once issued (or revoked) a decision is
a public administrative document sent to those it names ("Như Điều 3"): it is also read by whoever reads one of
its lines' units (the head of the division whose people it awards), by the people it names, and by whoever reads
one of the awards it wrote into the registry — so that a link from the registry to its decision never opens a
404. Drafts, submitted and signed decisions stay with the office and the head. Another agency sees nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    VIEW,
    has_role,
    is_system_admin,
    managed_organizations,
    restrict,
    scope_policy,
    visible_organizations,
)
from thidua.commendations.models import AwardRecord
from thidua.council.models import Session, SessionStatus
from thidua.documents import signing
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person

from .models import Decision, DecisionKind, DecisionLine, DecisionStatus
from .services import trust_roots

# Who handles a decision in its agency (reads all of them, drafts included; writes as the workflow allows).
MANAGERS = (Role.OFFICER, Role.SIGNER)
# Who opens the decision pages from the menu: the handlers and the unit heads (the decisions naming their units).
PAGE_ROLES = (Role.OFFICER, Role.SIGNER, Role.UNIT_HEAD)
PUBLISHED = (DecisionStatus.ISSUED, DecisionStatus.REVOKED)


def _managed_q(user: Any, prefix: str = "") -> Q:
    return Q(**{f"{prefix}agency__in": managed_organizations(user, *MANAGERS).values("pk")})


def _published_lines(user: Any) -> QuerySet[DecisionLine]:
    """Lines of which an issued decision is read by a user who does not handle it: a unit they read, their own
    line, an award of the registry they read."""
    awards = restrict(AwardRecord.objects.all(), user, VIEW).values("pk")
    q = Q(unit__in=visible_organizations(user).values("pk")) | Q(award__in=awards)
    person_id = getattr(user, "person_id", None)
    if person_id:
        q |= Q(person_id=person_id)
    return DecisionLine.objects.filter(q)


def _decisions_q(user: Any, action: str, prefix: str = "") -> Q:
    if is_system_admin(user):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    q = _managed_q(user, prefix)
    if action == VIEW:
        lines = _published_lines(user).values("decision_id")
        q |= Q(**{f"{prefix}status__in": PUBLISHED, f"{prefix}pk__in": lines})
    return q


@scope_policy(Decision)
def _decision_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_decisions_q(user, action))


@scope_policy(DecisionLine)
def _line_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_decisions_q(user, action, "decision__"))


# ---------------------------------------------------------------- decisions


def can_manage(user: Any, decision: Decision) -> bool:
    """Whether the user handles the decision (its agency's office or head)."""
    return has_role(user, *MANAGERS, organization=decision.agency)


def can_draft(user: Any, decision: Decision) -> bool:
    """Whether the user edits the decision's draft (its agency's office)."""
    return decision.status == DecisionStatus.DRAFT and has_role(
        user, Role.OFFICER, organization=decision.agency
    )


def decision_list_visible_to(
    *, user: Any, year: int | None = None, kind: str = "", status: str = ""
) -> QuerySet[Decision]:
    """The decisions the user reads, newest first, with their number of lines and total money (one query)."""
    qs = restrict(Decision.objects.all(), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("agency", "council_session", "proposal")
        .annotate(line_count=Count("lines"), total=Sum("lines__amount"))
        .order_by("-year", "-created_at", "-pk")
    )


def decision_get_visible(*, user: Any, pk: int) -> Decision:
    return get_object_or_404(
        restrict(
            Decision.objects.select_related(
                "agency",
                "council_session__council",
                "movement",
                "proposal",
                "issued_document",
                "signed_by",
                "created_by",
            ),
            user,
            VIEW,
        ),
        pk=pk,
    )


def decision_get_managed(*, user: Any, pk: int) -> Decision:
    """A decision for a write: 404 when the user does not read it, 403 when they read but do not handle it."""
    decision = decision_get_visible(user=user, pk=pk)
    if not restrict(Decision.objects.filter(pk=pk), user, CHANGE).exists():
        raise PermissionDenied
    return decision


def decision_get_drafted(*, user: Any, pk: int) -> Decision:
    """A decision whose lines and text the user edits: its agency's office (403 for the head and the readers)."""
    decision = decision_get_managed(user=user, pk=pk)
    if not has_role(user, Role.OFFICER, organization=decision.agency):
        raise PermissionDenied
    return decision


def lines_of(decision: Decision) -> list[DecisionLine]:
    """The decision's lines with what the pages show of each (one query)."""
    return list(
        decision.lines.select_related(
            "person", "organization", "unit", "nomination", "award", "movement"
        ).order_by("position", "pk")
    )


def line_get_drafted(*, user: Any, pk: int) -> DecisionLine:
    line = get_object_or_404(
        restrict(DecisionLine.objects.select_related("decision__agency"), user, VIEW), pk=pk
    )
    decision_get_drafted(user=user, pk=line.decision_id)
    return line


def visible_nomination_ids(*, user: Any, lines: list[DecisionLine]) -> set[int]:
    """Which of the lines' nominations the user may open (one query): no link to a page that answers 404."""
    ids = {line.nomination_id for line in lines if line.nomination_id}
    if not ids:
        return set()
    return set(restrict(Nomination.objects.filter(pk__in=ids), user, VIEW).values_list("pk", flat=True))


def people_of_agency(*, agency: Organization, year: int) -> QuerySet[Person]:
    """People assigned to the agency or a unit under it during `year` (the external line's picker)."""
    assigned = (
        Assignment.objects.filter(
            organization__path__startswith=agency.path, start_on__lte=date(year, 12, 31)
        )
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=date(year, 1, 1)))
        .values("person_id")
    )
    return Person.objects.filter(pk__in=assigned).order_by("sort_key")


def visible_person_ids(*, user: Any, lines: list[DecisionLine]) -> set[int]:
    """Which of the lines' people the user may open (one query): a division's head reading a decision sees the
    names of every awardee, and links only to the people of their units."""
    ids = {line.person_id for line in lines if line.person_id}
    if not ids:
        return set()
    return set(restrict(Person.objects.filter(pk__in=ids), user, VIEW).values_list("pk", flat=True))


def answers_of(decision: Decision, *, user: Any) -> QuerySet[Decision]:
    """The external decisions the user reads that answer a proposal."""
    return restrict(decision.answers.all(), user, VIEW).order_by("decided_on", "pk")


def agencies_for(*, user: Any) -> QuerySet[Organization]:
    """Where the user drafts decisions: the agencies whose office they serve."""
    return (
        managed_organizations(user, Role.OFFICER)
        .filter(kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE))
        .order_by("path")
    )


def answerable_proposals(*, user: Any) -> QuerySet[Decision]:
    """Issued proposals of the user's agencies, which an external decision may answer."""
    return (
        Decision.objects.filter(
            kind=DecisionKind.PROPOSAL,
            status=DecisionStatus.ISSUED,
            agency__in=agencies_for(user=user).values("pk"),
        )
        .select_related("agency")
        .order_by("-decided_on", "-pk")
    )


# ---------------------------------------------------------------- from the council


def _held_nominations() -> QuerySet:
    """Nominations a live decision or proposal already holds (lines without a nomination left out: a NULL in a
    NOT IN list would hide every row)."""
    return (
        DecisionLine.objects.exclude(decision__status=DecisionStatus.REVOKED)
        .filter(nomination__isnull=False)
        .values("nomination_id")
    )


def sessions_awaiting_decision(*, user: Any) -> QuerySet[Session]:
    """Closed council sessions of the agencies whose office the user serves that passed lines no decision holds
    yet, with how many (one query)."""
    waiting = Nomination.objects.filter(
        council_items__session=OuterRef("pk"), status=NominationStatus.PASSED
    ).exclude(pk__in=_held_nominations())
    agencies = managed_organizations(user, Role.OFFICER).values("pk")
    return (
        Session.objects.filter(status=SessionStatus.CLOSED, council__agency__in=agencies)
        .filter(Exists(waiting))
        .annotate(
            waiting=Count(
                "items",
                filter=Q(items__nomination__status=NominationStatus.PASSED)
                & ~Q(items__nomination_id__in=_held_nominations()),
            )
        )
        .select_related("council__agency")
        .order_by("-held_on", "-pk")
    )


def addable_nominations(*, decision: Decision) -> QuerySet[Nomination]:
    """Lines the council passed that no decision holds yet and that fit the draft: its session's, of the
    agency's power for an award decision, above it for a proposal."""
    from thidua.rules.engine.codes import CATALOGUE

    if decision.council_session_id is None or decision.kind == DecisionKind.EXTERNAL:
        return Nomination.objects.none()
    own = decision.kind == DecisionKind.AWARD
    codes = [code for code, entry in CATALOGUE.items() if entry.department_decides == own]
    return (
        Nomination.objects.filter(
            council_items__session=decision.council_session_id,
            status=NominationStatus.PASSED,
            code__in=codes,
        )
        .exclude(pk__in=_held_nominations())
        .select_related("person", "organization", "batch__unit")
        .order_by("code", "pk")
    )


# ---------------------------------------------------------------- the dashboard


def counts_for(*, user: Any) -> dict[str, int]:
    """What waits for the user: decisions to sign (the head), signed ones to issue and drafts (the office)."""
    signer = managed_organizations(user, Role.SIGNER).values("pk")
    officer = managed_organizations(user, Role.OFFICER).values("pk")
    mine = Decision.objects.filter(Q(agency__in=signer) | Q(agency__in=officer))
    return mine.aggregate(
        to_sign=Count("pk", filter=Q(status=DecisionStatus.SUBMITTED, agency__in=signer)),
        to_issue=Count("pk", filter=Q(status=DecisionStatus.SIGNED, agency__in=officer)),
        drafts=Count("pk", filter=Q(status=DecisionStatus.DRAFT, agency__in=officer)),
    )


# ---------------------------------------------------------------- the signature

# The certificate of the development servers' demo signer says so in its subject.
DEMO_MARK = "thử nghiệm"


def signature_check(decision: Decision) -> dict[str, Any] | None:
    """Whether the stored signed PDF verifies now against the trusted roots, and who signed it."""
    if not decision.signed_pdf:
        return None
    problems: list[str] = []
    try:
        with decision.signed_pdf.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return {"ok": False, "problems": [_("Không tìm thấy tệp PDF đã ký trong kho lưu trữ.")]}
    try:
        check = signing.verify_pdf(data, trust_roots=trust_roots())
    except signing.SigningConfigError as error:
        return {"ok": False, "problems": [str(error)], "subject": decision.signature_subject}
    problems += [str(p) for p in check.problems]
    for sig in check.signatures:
        problems += [str(p) for p in sig.problems]
    if decision.signed_sha256 and hashlib.sha256(data).hexdigest() != decision.signed_sha256:
        problems.append(_("Tệp đang lưu khác với tệp đã ký (mã băm SHA-256 không khớp)."))
    first = check.signatures[0] if check.signatures else None
    subject = first.signer_subject if first is not None else decision.signature_subject
    return {
        "ok": check.ok and not problems,
        "problems": problems,
        "subject": subject,
        "signer_name": first.signer_name if first is not None else "",
        "issuer_name": first.issuer_name if first is not None else "",
        "signed_at": first.signed_at if first is not None else None,
        "count": len(check.signatures),
        "demo": DEMO_MARK in subject.lower(),
        "sha256": decision.signed_sha256,
    }


# ---------------------------------------------------------------- the registry and the documents


def lines_of_awards(award_ids: list[int]) -> QuerySet[DecisionLine]:
    return DecisionLine.objects.filter(award_id__in=award_ids).select_related("decision")


def nomination_lines(*, nomination: Nomination, user: Any) -> QuerySet[DecisionLine]:
    """The decision lines of a nomination the user may see (the nomination page's section)."""
    return (
        restrict(DecisionLine.objects.filter(nomination=nomination), user, VIEW)
        .select_related("decision", "award")
        .order_by("decision__created_at", "pk")
    )


def source_finder(kind: str):
    """`DocumentKind.find` for the award decisions ("decision") or the proposals ("proposal"): by id."""

    def find(key: str) -> Decision | None:
        if not key.isdigit():
            return None
        return Decision.objects.select_related("agency").filter(pk=int(key), kind=kind).first()

    return find
