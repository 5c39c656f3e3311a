"""Builders shared by the decisions tests, as plain functions (the app's conftest.py belongs to the pages' tests).

They make what the council leaves behind — accepted batches whose lines a session passed — and drive a decision
along its lifecycle through the real services, so that a test starts from the state it means to judge. Every
builder takes the `org_tree` dict of the project's root conftest (an agency with two divisions, another agency).
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterable
from datetime import date
from typing import Any

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import Role, RoleGrant, User
from thidua.council.models import AgendaItem, Council, Session, SessionStatus
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Organization, Person, Position

YEAR = 2024
HELD_ON = date(2025, 3, 12)  # the council's session
SIGNED_ON = date(2025, 3, 20)  # the head signs (era E2, lương cơ sở 2,340,000)

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def user(
    username: str,
    *grants: tuple[str, Organization],
    include_subunits: bool = False,
    person: Person | None = None,
) -> User:
    account = User.objects.create_user(username=username, password="x-Password-123", person=person)
    for role, organization in grants:
        RoleGrant.objects.create(
            user=account, role=role, organization=organization, include_subunits=include_subunits
        )
    return account


def person(unit: Organization, given: str = "An", family: str = "Nguyễn", middle: str = "Văn") -> Person:
    """A person assigned to `unit` since 2015."""
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    someone = Person.objects.create(
        family_name=family, middle_name=middle, given_name=given, sex="M", staff_code=f"D{_next()}"
    )
    Assignment.objects.create(person=someone, organization=unit, position=position, start_on=date(2015, 1, 1))
    return someone


def cast(org_tree: dict[str, Organization]) -> dict[str, Any]:
    """The people of the agency's decisions: the office (officer), the head (signer), a user holding both, the
    heads of the two divisions, a member of staff of division A with a login (an awardee), and the officer and
    the head of the other agency. The province gets its place name (the date line of the documents)."""
    agency, other = org_tree["agency"], org_tree["other"]
    Organization.objects.filter(pk=org_tree["province"].pk).update(place_name="Yên Bái")
    for organization in org_tree.values():
        organization.refresh_from_db()
    awardee = person(org_tree["div_a"], "Hoa", "Trần", "Thị")
    return {
        "awardee": awardee,
        "officer": user("officer", (Role.OFFICER, agency), include_subunits=True),
        "signer": user("signer", (Role.SIGNER, agency)),
        "both": user("both", (Role.OFFICER, agency), (Role.SIGNER, agency), include_subunits=True),
        "head_a": user("head_a", (Role.UNIT_HEAD, org_tree["div_a"])),
        "head_b": user("head_b", (Role.UNIT_HEAD, org_tree["div_b"])),
        "staff_a": user("staff_a", (Role.STAFF, org_tree["div_a"]), person=awardee),
        "other_officer": user("other_officer", (Role.OFFICER, other), include_subunits=True),
        "other_signer": user("other_signer", (Role.SIGNER, other)),
    }


def batch(org_tree: dict[str, Organization], unit: str = "div_a", year: int = YEAR) -> ProposalBatch:
    return ProposalBatch.objects.create(
        unit=org_tree[unit],
        office=org_tree["agency"],
        year=year,
        title=f"Đề nghị khen thưởng năm {year}",
        status=BatchStatus.ACCEPTED,
    )


def passed(
    of: ProposalBatch,
    code: str,
    *,
    subject: Person | Organization | None = None,
    year: int = YEAR,
    status: str = NominationStatus.PASSED,
) -> Nomination:
    """A line of the batch that the council passed (a new person of the batch's unit unless `subject`)."""
    if subject is None:
        subject = person(of.unit, f"Người{_next()}")
    field = "organization" if isinstance(subject, Organization) else "person"
    return Nomination.objects.create(
        batch=of, code=code, year=year, status=status, **{field: subject}, achievement="Hoàn thành xuất sắc"
    )


def session(agency: Organization, nominations: Iterable[Nomination], held_on: date = HELD_ON) -> Session:
    """A closed session of the agency's council that voted on `nominations` (passed or not, as their status)."""
    council = Council.objects.create(
        agency=agency, name="Hội đồng Thi đua – Khen thưởng Sở", term_from=date(2024, 1, 1)
    )
    meeting = Session.objects.create(
        council=council, held_on=held_on, place="Phòng họp số 1", status=SessionStatus.CLOSED
    )
    for position, nomination in enumerate(nominations, start=1):
        result = nomination.status in (NominationStatus.PASSED, NominationStatus.AWARDED)
        AgendaItem.objects.create(
            session=meeting,
            nomination=nomination,
            position=position,
            ballot_type="secret",
            ballot_state="tallied",
            quorum_met=True,
            passed=result,
        )
    return meeting


def draft(
    actor: User,
    agency: Organization,
    subjects: Iterable[tuple[str, Person | Organization]],
    *,
    kind: str = DecisionKind.AWARD,
    on: date = SIGNED_ON,
    **extra: Any,
) -> Decision:
    """A draft decision of `agency` with one line per (code, person or collective)."""
    decision = services.decision_create(actor=actor, agency=agency, year=YEAR, kind=kind, on=on, **extra)
    for code, subject in subjects:
        if isinstance(subject, Organization):
            services.line_add(actor=actor, decision=decision, code=code, organization=subject)
        else:
            services.line_add(actor=actor, decision=decision, code=code, person=subject)
    decision.refresh_from_db()
    return decision


def scan(name: str = "quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% the paper decision, scanned\n", content_type="application/pdf"
    )


def external(
    actor: User,
    agency: Organization,
    subjects: Iterable[tuple[str, Person | Organization]],
    *,
    number: str = "123/QĐ-UBND",
    decided_on: date = date(2025, 4, 2),
    body: str = "Ủy ban nhân dân tỉnh Yên Bái",
    with_scan: bool = True,
    **extra: Any,
) -> Decision:
    """A draft external decision (made on paper by another level) with its number, date, body and scan."""
    return draft(
        actor,
        agency,
        subjects,
        kind=DecisionKind.EXTERNAL,
        number_symbol=number,
        decided_on=decided_on,
        deciding_body=body,
        scan=scan() if with_scan else None,
        **extra,
    )


# The path from a draft to each state, with who takes each step.
PATH = {
    DecisionStatus.DRAFT: (),
    DecisionStatus.SUBMITTED: (("submit", "officer"),),
    DecisionStatus.SIGNED: (("submit", "officer"), ("sign", "signer")),
    DecisionStatus.ISSUED: (("submit", "officer"), ("sign", "signer"), ("issue", "officer")),
    DecisionStatus.REVOKED: (
        ("submit", "officer"),
        ("sign", "signer"),
        ("issue", "officer"),
        ("revoke", "signer"),
    ),
}


def drive(decision: Decision, to: str, people: dict[str, Any], *, on: date = SIGNED_ON) -> Decision:
    """Take a draft award decision or proposal to the state `to` through `services.decision_transition`."""
    for action, who in PATH[DecisionStatus(to)]:
        decision = services.decision_transition(
            actor=people[who],
            decision=decision,
            action=action,
            on=on,
            reason="Có quyết định thay thế" if action == "revoke" else "",
            revoking_number="45/QĐ-SKHCN" if action == "revoke" else "",
            revoking_date=date(2025, 5, 5) if action == "revoke" else None,
        )
    decision.refresh_from_db()
    assert decision.status == to
    return decision


def docx_text(data: bytes) -> str:
    """Every paragraph and table row of a DOCX (python-docx), rows as "cell | cell | …"."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The text of a PDF (poppler's pdftotext), whitespace collapsed."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())
