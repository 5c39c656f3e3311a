"""The services: where a batch goes, the verdict captured and re-checked, one achievement – one award, scope,
tracks, quotas, pooling and notifications."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.accounts.models import Role
from thidua.appraisals import services as appraisal_services
from thidua.appraisals.models import Appraisal
from thidua.audit.models import AuditEvent
from thidua.commendations.models import AwardRecord
from thidua.core.workflow import TransitionRefused
from thidua.movements.models import Movement, MovementAwardPlan, MovementLevel, MovementStatus
from thidua.nominations import selectors, services
from thidua.nominations.models import BatchStatus as B
from thidua.nominations.models import Nomination
from thidua.nominations.models import NominationStatus as N
from thidua.notifications.models import Notification
from thidua.organizations.models import Organization, OrganizationKind, Restructuring, RestructuringKind
from thidua.rules.models import RuleOverride
from thidua.rules.services import person_evaluations, unit_evaluations

from .conftest import YEAR


def _add(nom, batch, code, who="A1", **kwargs):
    return services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch, code=code, person=nom["people"][who], **kwargs
    )


def _sent(nom, batch):
    return services.batch_transition(actor=nom["users"]["head_a"], batch=batch, action="submit")


# ---------------------------------------------------------------- where a batch goes


def test_a_batch_goes_to_the_units_agency_and_to_its_successor_after_a_merger(nom, make_user):
    agency, div_a = nom["orgs"]["agency"], nom["orgs"]["div_a"]
    assert services.office_for(unit=div_a, on=date(2025, 1, 10)) == agency
    Organization.objects.filter(pk=agency.pk).update(valid_to=date(2025, 6, 30))
    successor = Organization.objects.create(
        kind=OrganizationKind.AGENCY,
        code="A2",
        name="Sở Khoa học và Công nghệ (mới)",
        parent=nom["orgs"]["province"],
    )
    merger = Restructuring.objects.create(
        kind=RestructuringKind.MERGER, effective_on=date(2025, 7, 1), successor=successor
    )
    merger.predecessors.add(agency)
    div_a.refresh_from_db()
    assert services.office_for(unit=div_a, on=date(2025, 1, 10)) == agency
    assert services.office_for(unit=div_a, on=date(2025, 8, 1)) == successor
    batch = services.batch_create(actor=nom["users"]["head_a"], unit=div_a, year=YEAR, dated=date(2025, 8, 1))
    assert batch.office == successor


def test_advisory_units_are_the_ancestors_below_the_agency_and_its_unions(nom, union):
    team = Organization.objects.create(
        kind=OrganizationKind.UNIT, code="A-VP-T1", name="Tổ hành chính", parent=nom["orgs"]["div_a"]
    )
    assert services.advisory_offices_for(team) == [nom["orgs"]["div_a"], union]
    assert services.advisory_offices_for(nom["orgs"]["div_b"]) == [union]
    with pytest.raises(ValidationError, match="không phải đơn vị tổng hợp"):
        services.batch_create(
            actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR, advisory=nom["orgs"]["div_b"]
        )


def test_only_the_units_head_or_the_office_opens_a_batch(nom):
    for who in ("head_b", "staff_a", "other_officer"):
        with pytest.raises(PermissionDenied):
            services.batch_create(actor=nom["users"][who], unit=nom["orgs"]["div_a"], year=YEAR)
    assert services.batch_create(actor=nom["users"]["officer"], unit=nom["orgs"]["div_a"], year=YEAR).title


# ---------------------------------------------------------------- the verdict captured and re-checked


def test_a_line_captures_the_engines_verdict_as_the_persons_page_shows_it(nom, batch_a):
    line = _add(nom, batch_a, "CSTDCS")
    expected = person_evaluations(person=nom["people"]["A1"], year=YEAR, codes=("CSTDCS",))[0]
    assert line.verdict == expected.verdict == "eligible"
    assert line.reasons == [r.to_dict() for r in expected.reasons]
    assert line.rule_set == expected.rule_set and len(line.facts_digest) == 64 and line.checked_at
    assert all(r["basis"].startswith(("Luật", "Nghị định", "Thông tư")) for r in line.reasons)
    collective = services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch_a, code="TTLDXS", organization=nom["orgs"]["div_a"]
    )
    unit = unit_evaluations(organization=nom["orgs"]["div_a"], year=YEAR, codes=("TTLDXS",))[0]
    assert collective.verdict == unit.verdict and collective.reasons == [r.to_dict() for r in unit.reasons]


def test_a_one_off_line_is_judged_on_its_track(nom, batch_a):
    line = _add(
        nom, batch_a, "BANG_KHEN_TINH", track="dot_xuat", achievement="Cứu người trong lũ tháng 9/2024"
    )
    expected = person_evaluations(
        person=nom["people"]["A1"], year=YEAR, codes=("BANG_KHEN_TINH",), track="dot_xuat"
    )[0]
    assert line.reasons == [r.to_dict() for r in expected.reasons]


def test_recheck_says_what_changed_when_a_rating_changes(nom, batch_a):
    line = _add(nom, batch_a, "CSTDCS")
    assert services.batch_recheck(batch=batch_a) == []  # nothing changed: nothing written
    line.refresh_from_db()
    assert line.recheck_note == ""
    digest = line.facts_digest
    appraisal = Appraisal.objects.get(person=nom["people"]["A1"], year=YEAR)
    appraisal_services.appraisal_update(actor=None, appraisal=appraisal, rating="HTTNV")
    changed = services.batch_recheck(batch=batch_a)
    assert [c.pk for c in changed] == [line.pk]
    line.refresh_from_db()
    assert line.verdict == "not_eligible" and line.facts_digest != digest
    assert "Kết quả: đủ tiêu chuẩn → chưa đủ tiêu chuẩn" in line.recheck_note
    assert "thêm lý do: Xếp loại năm 2024: Hoàn thành tốt nhiệm vụ (HTTNV)" in line.recheck_note
    assert "bỏ lý do: Xếp loại năm 2024: Hoàn thành xuất sắc nhiệm vụ (HTXSNV)" in line.recheck_note
    event = AuditEvent.objects.get(action="nomination.recheck", object_id=str(line.pk))
    assert event.before is not None and event.after is not None
    assert event.before["verdict"] == "eligible" and event.after["verdict"] == "not_eligible"


def test_sending_the_batch_rechecks_its_lines(nom, batch_a):
    line = _add(nom, batch_a, "LDTT", who="A2")
    Appraisal.objects.filter(person=nom["people"]["A2"], year=YEAR).update(rating="HTNV")
    _sent(nom, batch_a)
    line.refresh_from_db()
    assert (
        line.verdict == "not_eligible" and "Kết quả: đủ tiêu chuẩn → chưa đủ tiêu chuẩn" in line.recheck_note
    )


def test_the_digest_does_not_depend_on_the_process(nom, batch_a):
    line = _add(nom, batch_a, "LDTT")
    check = services.lines_evaluate([line])[0]
    assert check.digest == line.facts_digest


# ---------------------------------------------------------------- one achievement – one award


def test_a_second_line_for_the_same_achievement_is_refused_naming_the_first(nom, batch_a):
    _add(nom, batch_a, "CSTDCS")
    other = services.batch_create(
        actor=nom["users"]["officer"], unit=nom["orgs"]["div_a"], year=YEAR, title="Bổ sung"
    )
    with pytest.raises(ValidationError) as refused:
        services.nomination_add(
            actor=nom["users"]["officer"], batch=other, code="CSTDCS", person=nom["people"]["A1"]
        )
    text = " ".join(refused.value.messages)
    assert "Nguyễn Văn An đã có đề nghị Chiến sĩ thi đua cơ sở năm 2024" in text
    assert "Tờ trình đề nghị khen thưởng thành tích năm 2024" in text and "Điều 5, khoản 2" in text
    # Another track is another achievement; a withdrawn line no longer stands.
    assert _add(nom, other, "CSTDCS", track="dot_xuat", achievement="Đột xuất").pk
    Nomination.objects.filter(batch=batch_a).update(status=N.WITHDRAWN)
    assert _add(nom, other, "CSTDCS").pk


def test_an_award_already_received_is_named(nom, batch_a):
    AwardRecord.objects.create(
        code="LDTT",
        person=nom["people"]["A1"],
        year=YEAR,
        decision_number="15/QĐ-SKHCN",
        decided_on=date(2025, 1, 15),
    )
    with pytest.raises(ValidationError) as refused:
        _add(nom, batch_a, "LDTT")
    text = " ".join(refused.value.messages)
    assert (
        "đã được tặng Lao động tiên tiến năm 2024" in text
        and "Quyết định số 15/QĐ-SKHCN ngày 15/01/2025" in text
    )


def test_one_form_for_one_achievement_across_overlapping_periods(nom, batch_a):
    AwardRecord.objects.create(
        code="BANG_KHEN_TINH",
        person=nom["people"]["A1"],
        year=2024,
        period_from=2023,
        period_to=2024,
        decision_number="20/QĐ-UBND",
    )
    with pytest.raises(ValidationError, match="trùng thời gian"):
        _add(nom, batch_a, "GIAY_KHEN")
    # A title of the same year is another matter (LĐTT is not a form).
    assert _add(nom, batch_a, "LDTT").pk
    # A form line blocks another form for an overlapping period.
    _add(nom, batch_a, "GIAY_KHEN", who="A2")
    with pytest.raises(ValidationError, match="đã có đề nghị Giấy khen năm 2024"):
        _add(nom, batch_a, "BANG_KHEN_TINH", who="A2", period_from=2023, period_to=2024)


def test_a_form_for_a_period_not_overlapping_is_accepted(nom, batch_a):
    AwardRecord.objects.create(code="GIAY_KHEN", person=nom["people"]["A1"], year=2022)
    assert _add(nom, batch_a, "BANG_KHEN_TINH", period_from=2023, period_to=2024).pk


# ---------------------------------------------------------------- who and what a line names


def test_a_line_names_someone_of_the_batchs_unit_within_the_users_scope(nom, batch_a):
    with pytest.raises(ValidationError, match="không thuộc Văn phòng Sở"):
        _add(nom, batch_a, "LDTT", who="B1")
    with pytest.raises(ValidationError, match="không thuộc Văn phòng Sở"):
        services.nomination_add(
            actor=nom["users"]["head_a"], batch=batch_a, code="TTLDXS", organization=nom["orgs"]["div_b"]
        )
    with pytest.raises(PermissionDenied):
        services.nomination_add(
            actor=nom["users"]["head_b"], batch=batch_a, code="LDTT", person=nom["people"]["A1"]
        )
    with pytest.raises(PermissionDenied):
        services.nomination_add(
            actor=nom["users"]["staff_a"], batch=batch_a, code="LDTT", person=nom["people"]["A1"]
        )
    assert not batch_a.nominations.exists()


def test_codes_tracks_and_periods_are_checked(nom, batch_a):
    with pytest.raises(ValidationError, match="không xét tặng cho cá nhân"):
        _add(nom, batch_a, "TTLDXS")
    with pytest.raises(ValidationError, match="không xét tặng cho tập thể"):
        services.nomination_add(
            actor=nom["users"]["head_a"], batch=batch_a, code="LDTT", organization=nom["orgs"]["div_a"]
        )
    with pytest.raises(ValidationError, match="phải gắn với một phong trào"):
        _add(nom, batch_a, "GIAY_KHEN", track="chuyen_de")
    with pytest.raises(ValidationError, match="thủ tục đơn giản"):
        _add(nom, batch_a, "GIAY_KHEN", track="dot_xuat")
    with pytest.raises(ValidationError, match="kết thúc sau năm 2024"):
        _add(nom, batch_a, "BANG_KHEN_TINH", period_from=2024, period_to=2025)


def test_lines_are_added_only_to_a_draft_or_returned_batch(nom, batch_a):
    _add(nom, batch_a, "LDTT")
    _sent(nom, batch_a)
    with pytest.raises(ValidationError, match="đang soạn hoặc bị trả lại"):
        _add(nom, batch_a, "LDTT", who="A2")


# ---------------------------------------------------------------- quotas


def test_cstdcs_beyond_15_percent_of_ldtt_stops_a_2023_batch(nom):
    batch = services.batch_create(actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=2023)
    for who in ("A1", "A2"):
        _add(nom, batch, "LDTT", who=who)
    _add(nom, batch, "CSTDCS")
    report = services.batch_quota_report(batch=batch)
    assert any(
        "Vượt 1 so với tỷ lệ 15% số Lao động tiên tiến (đơn vị Văn phòng Sở)" in q for q in report["blocking"]
    )
    with pytest.raises(TransitionRefused, match="tối đa 0 trên 2 Lao động tiên tiến"):
        _sent(nom, batch)


def test_quotas_count_the_awards_already_received_and_other_batches(nom, org_tree):
    batch = services.batch_create(actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=2023)
    _add(nom, batch, "CSTDCS")
    # Seven LĐTT already decided in division A → 15% allows one CSTĐCS.
    from thidua.organizations.models import Assignment, Person, Position

    position = Position.objects.get(name="Chuyên viên")
    for index in range(7):
        person = Person.objects.create(
            family_name="Đỗ", given_name=f"Người {index}", sex="M", staff_code=f"L{index}"
        )
        Assignment.objects.create(
            person=person, organization=org_tree["div_a"], position=position, start_on=date(2015, 1, 1)
        )
        AwardRecord.objects.create(code="LDTT", person=person, year=2023)
    assert services.batch_quota_report(batch=batch)["blocking"] == []
    # Division B proposes a CSTĐCS with no LĐTT: the agency's total goes beyond (one of 7 allowed, two proposed).
    other = services.batch_create(actor=nom["users"]["head_b"], unit=nom["orgs"]["div_b"], year=2023)
    services.nomination_add(
        actor=nom["users"]["head_b"], batch=other, code="CSTDCS", person=nom["people"]["B1"]
    )
    texts = services.batch_quota_report(batch=batch)["blocking"]
    assert any("toàn cơ quan" in q for q in texts) and not any("Văn phòng Sở" in q for q in texts)


def test_from_2024_a_rate_is_only_the_provinces_warning(nom, batch_a):
    _add(nom, batch_a, "CSTDCS")
    assert services.batch_quota_report(batch=batch_a) == {"blocking": [], "warnings": []}
    RuleOverride.objects.create(
        organization=nom["orgs"]["agency"],
        key="cstdcs.quota_pct_of_ldtt",
        value={"E2": 15},
        source="Quy chế tỉnh",
    )
    report = services.batch_quota_report(batch=batch_a)
    assert report["blocking"] == [] and "cảnh báo theo cấu hình riêng của tỉnh" in report["warnings"][0]
    assert _sent(nom, batch_a).status == B.SUBMITTED


def test_a_movements_planned_awards_cap_its_thematic_lines(nom, batch_a):
    movement = Movement.objects.create(
        code="CD-2024",
        title="Phong trào chuyển đổi số",
        level=MovementLevel.AGENCY,
        period_start=2024,
        period_end=2024,
        launching_organization=nom["orgs"]["agency"],
        status=MovementStatus.LAUNCHED,
        launched_on=date(2024, 1, 5),
    )
    MovementAwardPlan.objects.create(movement=movement, code="GIAY_KHEN", stage="final", planned_count=1)
    for who in ("A1", "A2"):
        _add(nom, batch_a, "GIAY_KHEN", who=who, track="chuyen_de", movement=movement)
    with pytest.raises(
        TransitionRefused, match="Vượt số khen thưởng dự kiến của phong trào “Phong trào chuyển đổi số”"
    ):
        _sent(nom, batch_a)


# ---------------------------------------------------------------- pooling


def test_an_advisory_unit_pools_the_batches_addressed_to_it(
    nom, union, make_user, django_capture_on_commit_callbacks
):
    union_head = make_user(Role.UNIT_HEAD, union, username="union_head")
    batch = services.batch_create(
        actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR, advisory=union
    )
    line = _add(nom, batch, "LDTT")
    with django_capture_on_commit_callbacks(execute=True):
        _sent(nom, batch)
    assert Notification.objects.filter(user=union_head).exists()
    assert list(selectors.received_for_pooling(user=union_head)) == [batch]
    into = services.batch_create(actor=union_head, unit=union, year=YEAR)
    assert into.office == nom["orgs"]["agency"]
    with pytest.raises(PermissionDenied):
        services.batch_pool(actor=nom["users"]["head_b"], into=into, batches=[batch])
    services.batch_pool(actor=union_head, into=into, batches=[batch])
    batch.refresh_from_db()
    line.refresh_from_db()
    assert (batch.status, batch.pooled_into_id) == (B.POOLED, into.pk)
    assert (line.batch_id, line.origin_batch_id, line.status) == (into.pk, batch.pk, N.PROPOSED)
    # The unit's head still reads the line that left with the pooled batch.
    assert selectors.nomination_get_visible(user=nom["users"]["head_a"], pk=line.pk) == line
    # The union sends its batch up; the office checks the line and accepts.
    services.batch_transition(actor=union_head, batch=into, action="submit")
    services.nomination_transition(actor=nom["users"]["officer"], nomination=line, action="accept")
    assert (
        services.batch_transition(actor=nom["users"]["officer"], batch=into, action="accept").status
        == B.ACCEPTED
    )


def test_pooling_refuses_a_batch_addressed_elsewhere(nom, union, make_user):
    union_head = make_user(Role.UNIT_HEAD, union, username="union_head")
    batch = services.batch_create(actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR)
    _add(nom, batch, "LDTT")
    _sent(nom, batch)
    into = services.batch_create(actor=union_head, unit=union, year=YEAR)
    with pytest.raises(ValidationError, match="không gửi đến"):
        services.batch_pool(actor=union_head, into=into, batches=[batch])


# ---------------------------------------------------------------- notifications


def test_who_is_told_after_each_step(nom, batch_a, django_capture_on_commit_callbacks):
    officer, head_a = nom["users"]["officer"], nom["users"]["head_a"]
    line = _add(nom, batch_a, "LDTT")
    second = _add(nom, batch_a, "LDTT", who="A2")
    with django_capture_on_commit_callbacks(execute=True):
        _sent(nom, batch_a)
    sent = Notification.objects.get(user=officer)
    assert "Văn phòng Sở" in sent.title and sent.url == f"/de-nghi-khen-thuong/{batch_a.pk}/"
    assert not Notification.objects.filter(user=nom["users"]["head_b"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_transition(
            actor=officer, nomination=line, action="return", reason="Thiếu tóm tắt"
        )
    returned = Notification.objects.get(user=head_a)
    assert returned.body == "Lý do: Thiếu tóm tắt" and returned.url == f"/de-nghi-khen-thuong/dong/{line.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_transition(actor=officer, nomination=second, action="accept")
        services.batch_transition(actor=officer, batch=batch_a, action="accept")
    assert Notification.objects.filter(user=head_a, title__startswith="Tờ trình đã được tiếp nhận").exists()


def test_returning_a_batch_tells_the_unit_once(nom, batch_a, django_capture_on_commit_callbacks):
    for who in ("A1", "A2"):
        _add(nom, batch_a, "LDTT", who=who)
    _sent(nom, batch_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_transition(
            actor=nom["users"]["officer"], batch=batch_a, action="return", reason="Sai mẫu"
        )
    assert list(Notification.objects.filter(user=nom["users"]["head_a"]).values_list("title", flat=True)) == [
        f"Tờ trình bị trả lại: {batch_a.title}"
    ]
