"""Files of a dossier: checked by content and size, stored with their hash, written only by the unit's side while
the batch is editable; completeness per line and for the batch, and the batch's send check."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.workflow import TransitionRefused, transition_perform
from thidua.dossiers import services
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.completeness import batch_dossier, submit_problems
from thidua.dossiers.demo import batch_dossier_fill
from thidua.dossiers.models import DossierItem
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus
from thidua.nominations.workflow import BATCH, SUBMIT_CHECKS

K = DossierKind


def _upload(batch, actor, kind, data, name, nomination=None):
    return services.dossier_item_upload(
        actor=actor, batch=batch, kind=kind, name=name, data=data, nomination=nomination
    )


@pytest.mark.django_db
def test_a_pdf_that_is_not_a_pdf_is_refused_by_its_content(batch, lines, head_a):
    with pytest.raises(ValidationError) as refused:
        _upload(batch, head_a, K.PROPOSAL, b"Day khong phai PDF, chi la van ban.", "to-trinh.pdf")
    message = " ".join(refused.value.messages)
    assert "nội dung tệp" in message and str(K.PROPOSAL.label) in message
    assert not DossierItem.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_by_its_size(batch, lines, head_a, small_pdf, settings):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = len(small_pdf) - 1
    with pytest.raises(ValidationError) as refused:
        _upload(batch, head_a, K.PROPOSAL, small_pdf, "to-trinh.pdf")
    assert "quá lớn" in " ".join(refused.value.messages)
    assert not DossierItem.objects.exists()


@pytest.mark.django_db
def test_a_real_pdf_and_a_real_docx_are_stored_with_their_hash(batch, lines, head_a, small_pdf, small_docx):
    pdf = _upload(batch, head_a, K.PROPOSAL, small_pdf, "Tờ trình số 01.pdf")
    docx = _upload(batch, head_a, K.MINUTES, small_docx, "biên bản họp.docx")
    assert (pdf.content_type, pdf.size, pdf.sha256) == (
        "application/pdf",
        len(small_pdf),
        hashlib.sha256(small_pdf).hexdigest(),
    )
    assert pdf.original_name == "Tờ trình số 01.pdf" and pdf.file.name.endswith(".pdf")
    assert "Tờ trình" not in pdf.file.name  # the stored name is random
    assert docx.content_type.endswith("wordprocessingml.document") and docx.file.name.endswith(".docx")
    with pdf.file.open("rb") as stored:
        assert stored.read() == small_pdf
    assert pdf.uploaded_by == head_a and pdf.nomination is None


@pytest.mark.django_db
def test_a_docx_named_pdf_is_stored_as_what_it_is(batch, lines, head_a, small_docx):
    item = _upload(batch, head_a, K.MINUTES, small_docx, "bien-ban.pdf")
    assert item.file.name.endswith(".docx") and item.original_name == "bien-ban.docx"


@pytest.mark.django_db
def test_the_same_file_twice_for_the_same_item_is_refused(batch, lines, head_a, small_pdf):
    _upload(batch, head_a, K.PROPOSAL, small_pdf, "a.pdf")
    with pytest.raises(ValidationError, match="đã có trong hồ sơ"):
        _upload(batch, head_a, K.PROPOSAL, small_pdf, "b.pdf")


@pytest.mark.django_db
def test_a_batch_item_names_no_line_and_a_line_item_names_one(batch, lines, head_a, small_pdf):
    with pytest.raises(ValidationError, match="hồ sơ chung của tờ trình"):
        _upload(batch, head_a, K.PROPOSAL, small_pdf, "a.pdf", nomination=lines["ldtt"])
    with pytest.raises(ValidationError, match="từng dòng đề nghị"):
        _upload(batch, head_a, K.EFFECT, small_pdf, "a.pdf")


@pytest.mark.django_db
def test_a_line_of_another_batch_is_refused(batch, lines, head_a, small_pdf, org_tree):
    from thidua.nominations.models import ProposalBatch

    other = ProposalBatch.objects.create(
        unit=org_tree["div_a"], office=org_tree["agency"], year=2024, title="Khác"
    )
    with pytest.raises(ValidationError, match="không thuộc tờ trình"):
        _upload(other, head_a, K.EFFECT, small_pdf, "a.pdf", nomination=lines["cstd_tinh"])


@pytest.mark.django_db
def test_only_the_units_side_writes_and_only_while_the_batch_is_editable(batch, lines, people, small_pdf):
    with pytest.raises(PermissionDenied):
        _upload(batch, people["head_b"], K.PROPOSAL, small_pdf, "a.pdf")
    with pytest.raises(PermissionDenied):
        _upload(batch, people["staff_a"], K.PROPOSAL, small_pdf, "a.pdf")
    item = _upload(
        batch, people["officer"], K.PROPOSAL, small_pdf, "a.pdf"
    )  # the agency's office is unit side
    for status in (BatchStatus.SUBMITTED, BatchStatus.ACCEPTED):
        batch.status = status
        batch.save()
        with pytest.raises(ValidationError, match="không sửa được"):
            _upload(batch, people["head_a"], K.MINUTES, small_pdf, "b.pdf")
        with pytest.raises(ValidationError, match="không sửa được"):
            services.dossier_item_delete(actor=people["head_a"], item=item)
    batch.status = BatchStatus.RETURNED
    batch.save()
    services.dossier_item_delete(actor=people["head_a"], item=item)
    assert not DossierItem.objects.exists()


@pytest.mark.django_db
def test_every_write_is_audited(batch, lines, head_a, small_pdf):
    from thidua.audit.models import AuditEvent

    item = _upload(batch, head_a, K.PROPOSAL, small_pdf, "a.pdf")
    services.dossier_item_delete(actor=head_a, item=item)
    actions = list(
        AuditEvent.objects.filter(object_type__endswith="dossieritem")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


# ---- completeness


def _missing(dossier):
    return {
        "batch": {s.kind for s in dossier.missing},
        **{line.nomination.code: {s.kind for s in line.missing} for line in dossier.lines},
    }


@pytest.mark.django_db
def test_each_line_says_what_is_present_and_missing(batch, lines, head_a, small_pdf):
    dossier = batch_dossier(batch)
    assert dossier.era == "E2"
    assert _missing(dossier) == {
        "batch": {K.PROPOSAL, K.MINUTES},
        "CSTD_TINH": {K.REPORT, K.EFFECT},
        "CSTDCS": {K.INITIATIVE},  # rated HTTNV in 2024: the initiative is the basis
        "LDTT": set(),
        "TTLDXS": {K.REPORT},
    }
    # The ballot result is the council's: shown, not required before sending.
    assert [s.kind for s in dossier.statuses] == [K.PROPOSAL, K.MINUTES, K.BALLOT]
    ballot = dossier.statuses[2]
    assert not ballot.present and not ballot.blocks_submit and ballot.lines == [lines["cstd_tinh"]]
    _upload(batch, head_a, K.EFFECT, small_pdf, "xac-nhan.pdf", nomination=lines["cstd_tinh"])
    services.achievement_report_prefill(actor=head_a, nomination=lines["cstd_tinh"])  # a generated report
    assert _missing(batch_dossier(batch))["CSTD_TINH"] == set()
    assert batch_dossier(batch).counts == (2, 6)


@pytest.mark.django_db
def test_the_initiative_is_not_needed_for_a_cstdcs_rated_htxsnv(batch, person):
    line = Nomination.objects.create(batch=batch, person=person, code="CSTDCS", year=2024)
    (dossier_line,) = batch_dossier(batch).lines
    assert dossier_line.nomination == line
    assert K.INITIATIVE not in {s.kind for s in dossier_line.statuses}
    assert "Hoàn thành xuất sắc nhiệm vụ" in str(dossier_line.not_needed[0][1])


@pytest.mark.django_db
def test_under_decree_91_the_initiative_is_always_needed(batch, person):
    from datetime import date

    batch.dated = date(2023, 12, 20)
    batch.save()
    Nomination.objects.create(batch=batch, person=person, code="CSTDCS", year=2023)
    (line,) = batch_dossier(batch).lines
    assert K.INITIATIVE in {s.kind for s in line.missing}


@pytest.mark.django_db
def test_a_one_off_achievement_needs_the_tờ_trình_and_its_summary(batch, person, other_person):
    with_summary = Nomination.objects.create(
        batch=batch, person=person, code="GIAY_KHEN", year=2024, track="dot_xuat", achievement="Cứu người."
    )
    Nomination.objects.create(batch=batch, person=other_person, code="GIAY_KHEN", year=2024, track="dot_xuat")
    dossier = batch_dossier(batch)
    assert {s.kind for s in dossier.missing} == {K.PROPOSAL}  # no minutes in the simplified procedure
    by_line = {line.nomination.pk: line for line in dossier.lines}
    assert by_line[with_summary.pk].complete
    problems = dossier.problems()
    assert "Lê Văn Bình – Giấy khen: hồ sơ còn thiếu Tóm tắt thành tích (thủ tục đơn giản)." in problems
    assert not any("Nguyễn Thị Lan" in p for p in problems)


@pytest.mark.django_db
def test_a_withdrawn_line_needs_nothing(batch, lines):
    lines["ttldxs"].status = NominationStatus.WITHDRAWN
    lines["ttldxs"].save()
    assert "TTLDXS" not in _missing(batch_dossier(batch))


@pytest.mark.django_db
def test_the_check_is_registered_for_the_batchs_submit():
    from thidua.dossiers.completeness import submit_problems as check

    assert check in SUBMIT_CHECKS


@pytest.mark.django_db
def test_a_batch_with_a_missing_item_cannot_be_sent_and_the_message_names_the_line_and_the_item(
    batch, lines, head_a
):
    with pytest.raises(TransitionRefused) as refused:
        transition_perform(workflow=BATCH, record=batch, action="submit", actor=head_a)
    message = " ".join(refused.value.messages)
    assert "Lê Văn Bình – Chiến sĩ thi đua cơ sở: hồ sơ còn thiếu Quyết định công nhận sáng kiến" in message
    assert (
        "Nguyễn Thị Lan – Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: hồ sơ còn thiếu Báo cáo thành tích"
        in message
    )
    assert "Hồ sơ của tờ trình còn thiếu: Tờ trình kèm danh sách đề nghị khen thưởng." in message
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT


@pytest.mark.django_db
def test_once_complete_the_batch_is_sent(batch, lines, head_a):
    assert batch_dossier_fill(batch=batch, actor=head_a) == 6
    assert submit_problems(batch) == []
    transition_perform(workflow=BATCH, record=batch, action="submit", actor=head_a)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SUBMITTED
    # The files the fill wrote are real documents, recognised by their content.
    kinds = dict(DossierItem.objects.filter(nomination__isnull=True).values_list("kind", "content_type"))
    assert kinds == {K.PROPOSAL: "application/pdf", K.MINUTES: "application/pdf"}


@pytest.mark.django_db
def test_the_fill_for_tests_writes_docx_when_asked(batch, lines):
    batch_dossier_fill(batch=batch, pdf=False)
    kinds = set(DossierItem.objects.filter(nomination__isnull=True).values_list("content_type", flat=True))
    assert kinds == {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    assert submit_problems(batch) == []
