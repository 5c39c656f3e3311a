"""The dossier package sent up with a proposal: the signed tờ trình, the council's records, each line's
achievement report and uploaded items, a manifest whose checksums match, ASCII paths."""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile

from thidua.accounts.models import Role
from thidua.council.models import AgendaItem, BallotType, Council, Session, SessionStatus
from thidua.decisions import services
from thidua.decisions.models import DecisionKind
from thidua.decisions.package import ascii_name, build_package
from thidua.dossiers.models import DossierItem
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(org_tree, make_user):
    org_tree["province"].place_name = "Yên Bái"
    org_tree["province"].save()
    officer = make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer")
    head = make_user(Role.SIGNER, org_tree["agency"], username="director")
    position = Position.objects.create(name="Chuyên viên")
    person = Person.objects.create(
        family_name="Đặng", middle_name="Thị", given_name="Ánh", sex="F", staff_code="P1"
    )
    Assignment.objects.create(
        person=person, organization=org_tree["div_a"], position=position, start_on=date(2015, 1, 1)
    )
    batch = ProposalBatch.objects.create(
        unit=org_tree["div_a"],
        office=org_tree["agency"],
        year=2024,
        title="Đề nghị",
        status=BatchStatus.ACCEPTED,
    )
    line = Nomination.objects.create(
        batch=batch, person=person, code="CSTD_TINH", year=2024, status=NominationStatus.PASSED
    )
    collective = Nomination.objects.create(
        batch=batch, organization=org_tree["div_a"], code="TTLDXS", year=2024, status=NominationStatus.PASSED
    )
    DossierItem.objects.create(
        batch=batch,
        nomination=line,
        kind="other",
        file=ContentFile(b"%PDF-1.4 xac nhan", name="x.pdf"),
        original_name="Xác nhận sáng kiến.pdf",
        content_type="application/pdf",
        size=17,
        sha256=hashlib.sha256(b"%PDF-1.4 xac nhan").hexdigest(),
    )
    council = Council.objects.create(agency=org_tree["agency"], name="Hội đồng", term_from=date(2024, 1, 1))
    session = Session.objects.create(
        council=council, held_on=date(2025, 3, 12), place="Phòng họp", status=SessionStatus.CLOSED
    )
    for position_, nomination in enumerate((line, collective), start=1):
        AgendaItem.objects.create(
            session=session, nomination=nomination, position=position_, ballot_type=BallotType.SECRET
        )
    made = services.decisions_from_session(actor=officer, session=session, on=date(2025, 3, 20))
    assert [d.kind for d in made] == [DecisionKind.PROPOSAL]
    decision = services.decision_transition(actor=officer, decision=made[0], action="submit")
    return services.decision_transition(actor=head, decision=decision, action="sign", on=date(2025, 3, 20))


def test_the_package_holds_the_signed_proposal_the_council_records_and_each_dossier(proposal):
    archive = zipfile.ZipFile(io.BytesIO(build_package(proposal)))
    names = archive.namelist()
    assert names[:3] == ["00-to-trinh-01-ttr-skhcn.pdf", "01-bien-ban-kiem-phieu.pdf", "02-bien-ban-hop.pdf"]
    with proposal.signed_pdf.open("rb") as handle:
        assert archive.read(names[0]) == handle.read()  # the file that was signed, byte for byte
    person_folder = "01-dang-thi-anh"
    assert f"{person_folder}/bao-cao-thanh-tich.pdf" in names
    assert f"{person_folder}/other-xac-nhan-sang-kien.pdf" in names
    assert archive.read(f"{person_folder}/other-xac-nhan-sang-kien.pdf") == b"%PDF-1.4 xac nhan"
    assert any(name.startswith("02-") and name.endswith("/bao-cao-thanh-tich.pdf") for name in names)
    assert all(name.isascii() for name in names)


def test_the_manifest_checksums_match_every_file(proposal, tmp_path):
    data = build_package(proposal)
    archive = zipfile.ZipFile(io.BytesIO(data))
    archive.extractall(tmp_path)
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    files = [n for n in archive.namelist() if n not in ("MANIFEST.txt", "SHA256SUMS")]
    assert result.stdout.count(": OK") == len(files)


def test_the_achievement_report_names_the_nominee(proposal, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(build_package(proposal)))
    report = tmp_path / "report.pdf"
    report.write_bytes(archive.read("01-dang-thi-anh/bao-cao-thanh-tich.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True).stdout
    assert "Đặng Thị Ánh" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Đặng Thị Ánh", "dang-thi-anh"),
        ("../../etc/passwd", "etc-passwd"),
        ("", "tep"),
    ],
)
def test_names_in_the_package_are_plain_ascii(text, expected):
    assert ascii_name(text) == expected
