"""Every page and action: anonymous users go to the login page, users of another unit get 403 or 404, the
right users get through; the pages show verdicts with their citations, the conflict message, and lists keep
their query counts (no N+1)."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.nominations import services, urls
from thidua.nominations.models import BatchStatus as B
from thidua.nominations.models import Nomination
from thidua.nominations.models import NominationStatus as N
from thidua.rules.models import DiscoveryRun
from thidua.rules.services import discovery_execute

from .conftest import YEAR


@pytest.fixture
def people(nom, make_user, org_tree):
    users = nom["users"]
    return make_people(
        make_user,
        org_tree,
        officer=users["officer"],
        head_a=users["head_a"],
        head_b=users["head_b"],
        staff_a=users["staff_a"],
        other_officer=users["other_officer"],
    )


@pytest.fixture
def run(nom, org_tree):
    """A finished discovery sweep of the agency for 2024 (real findings)."""
    run = DiscoveryRun.objects.create(organization=org_tree["agency"], year=YEAR)
    return discovery_execute(run_id=run.pk)


@pytest.fixture
def world(nom, people, run):
    head = nom["users"]["head_a"]
    draft = services.batch_create(actor=head, unit=nom["orgs"]["div_a"], year=YEAR)
    line = services.nomination_add(actor=head, batch=draft, code="CSTDCS", person=nom["people"]["A1"])
    sent = services.batch_create(actor=head, unit=nom["orgs"]["div_a"], year=YEAR, title="Tờ trình đã gửi")
    sent_line = services.nomination_add(actor=head, batch=sent, code="LDTT", person=nom["people"]["A2"])
    services.batch_transition(actor=head, batch=sent, action="submit")
    for record in (draft, sent, sent_line):
        record.refresh_from_db()
    return {"draft": draft, "line": line, "sent": sent, "sent_line": sent_line, "run": run}


def routes(world):
    d, line, sent_line = world["draft"], world["line"], world["sent_line"]
    finding = next(r for r in world["run"].findings if r["kind"] == "individual")
    return {
        "list": ("get", reverse("nominations:list"), {}),
        "create": ("get", reverse("nominations:create"), {}),
        "pool": ("get", reverse("nominations:pool"), {}),
        "from_discovery": (
            "post",
            reverse("nominations:from_discovery"),
            {"run": world["run"].pk, "chon": f"{finding['kind']}:{finding['key']}:{finding['code']}"},
        ),
        "detail": ("get", reverse("nominations:detail", args=[d.pk]), {}),
        "edit": ("get", reverse("nominations:edit", args=[d.pk]), {}),
        "transition": (
            "post",
            reverse("nominations:transition", args=[d.pk]),
            {"action": "submit", "version": d.version},
        ),
        "line_add": ("get", reverse("nominations:line_add", args=[d.pk]), {}),
        "line_detail": ("get", reverse("nominations:line_detail", args=[line.pk]), {}),
        "line_edit": ("get", reverse("nominations:line_edit", args=[line.pk]), {}),
        "line_transition": (
            "post",
            reverse("nominations:line_transition", args=[line.pk]),
            {"action": "withdraw"},
        ),
        "line_return": ("get", reverse("nominations:line_return", args=[sent_line.pk]), {}),
    }


READERS = {"officer", "head_a", "signer", "council"}
EVERY_PAGE_ROLE = {"officer", "head_a", "head_b", "other_officer", "signer", "council"}
WRITERS = {"officer", "head_a", "head_b", "other_officer"}
ALLOWED = {
    "list": EVERY_PAGE_ROLE,
    "create": WRITERS,
    "pool": WRITERS,
    "from_discovery": {"officer"},  # the sweep of the agency: only its office sees that run
    "detail": READERS,
    "line_detail": READERS,
    "edit": {"officer", "head_a"},
    "transition": {"officer", "head_a"},
    "line_add": {"officer", "head_a"},
    "line_edit": {"officer", "head_a"},
    "line_transition": {"officer", "head_a"},
    "line_return": {"officer"},
}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, roles=(*ROLES, "signer", "council"))
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.parametrize("name", ["detail", "line_detail", "edit", "line_add", "line_edit"])
def test_another_units_head_gets_not_found(client, world, people, name):
    client.force_login(people["head_b"])
    assert client.get(routes(world)[name][1]).status_code == 404


def test_the_batch_page_shows_verdicts_reasons_citations_and_the_recheck_note(client, world, nom):
    from thidua.appraisals.models import Appraisal

    Appraisal.objects.filter(person=nom["people"]["A1"], year=YEAR).update(rating="HTTNV")
    client.force_login(nom["users"]["head_a"])
    page = client.get(reverse("nominations:detail", args=[world["draft"].pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Nguyễn Văn An" in page
    assert "Chưa đủ tiêu chuẩn" in page
    assert "Kết quả: đủ tiêu chuẩn → chưa đủ tiêu chuẩn" in page
    assert "Luật Thi đua, khen thưởng 06/2022/QH15" in page
    assert 'data-testid="batch-action-submit"' in page and 'data-testid="line-add"' in page


def test_a_stale_page_is_told_the_batch_changed(client, world, nom):
    sent = world["sent"]
    shown = sent.version
    services.nomination_transition(
        actor=nom["users"]["officer"], nomination=world["sent_line"], action="accept"
    )
    client.force_login(nom["users"]["officer"])
    response = client.post(
        reverse("nominations:transition", args=[sent.pk]),
        {"action": "return", "reason": "Sai", "version": shown},
        follow=True,
    )
    assert "Tờ trình vừa được người khác thay đổi" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == B.SUBMITTED


def test_the_office_returns_a_line_with_a_reason_kept_on_conflict(client, world, nom):
    line, sent = world["sent_line"], world["sent"]
    client.force_login(nom["users"]["officer"])
    url = reverse("nominations:line_return", args=[line.pk])
    assert "Lý do trả lại" in client.get(url).content.decode()
    blank = client.post(url, {"reason": "", "version": sent.version})
    assert blank.status_code == 200 and "This field is required" not in blank.content.decode()
    stale = client.post(url, {"reason": "Thiếu bản tóm tắt thành tích", "version": sent.version - 1})
    assert stale.status_code == 200
    assert "Tờ trình vừa được người khác thay đổi" in stale.content.decode()
    assert "Thiếu bản tóm tắt thành tích" in stale.content.decode()  # what the officer typed is still there
    assert f'name="version" value="{sent.version}"' in stale.content.decode()
    done = client.post(url, {"reason": "Thiếu bản tóm tắt thành tích", "version": sent.version})
    assert done.status_code == 302
    line.refresh_from_db()
    assert (line.status, line.return_reason) == (N.RETURNED, "Thiếu bản tóm tắt thành tích")


def test_the_unit_head_adds_a_line_through_the_page(client, world, nom):
    client.force_login(nom["users"]["head_a"])
    url = reverse("nominations:line_add", args=[world["draft"].pk])
    page = client.get(url).content.decode()
    assert "Trần Văn Bình" in page and "Phạm Văn Dũng" not in page  # the picker holds the unit's people only
    response = client.post(
        url,
        {
            "subject_kind": "individual",
            "person": nom["people"]["A2"].pk,
            "code": "GIAY_KHEN",
            "track": "cong_trang",
            "version": world["draft"].version,
        },
    )
    assert response.status_code == 302
    assert Nomination.objects.filter(
        batch=world["draft"], person=nom["people"]["A2"], code="GIAY_KHEN"
    ).exists()
    again = client.post(
        url,
        {
            "subject_kind": "individual",
            "person": nom["people"]["A2"].pk,
            "code": "GIAY_KHEN",
            "track": "cong_trang",
        },
    )
    assert "đã có đề nghị Giấy khen năm 2024" in again.content.decode()


def test_nominate_these_from_the_discovery_page(client, world, nom):
    run = world["run"]
    client.force_login(nom["users"]["officer"])
    page = client.get(reverse("rules:discovery_run", args=[run.pk])).content.decode()
    assert 'data-testid="nominate-these"' in page
    picked = [
        r
        for r in run.findings
        if r["kind"] == "individual" and r["status"] == "eligible" and r["code"] == "LDTT"
    ]
    assert picked
    values = [f"individual:{r['key']}:{r['code']}" for r in picked]
    step1 = client.post(reverse("nominations:from_discovery"), {"run": run.pk, "chon": values})
    assert step1.status_code == 200 and "Đưa vào tờ trình" in step1.content.decode()
    unit = step1.context["units"][0]
    step2 = client.post(
        reverse("nominations:from_discovery"),
        {"run": run.pk, "chon": values, "xac_nhan": "1", "batch": "", "unit": unit.pk, "track": "cong_trang"},
    )
    assert step2.status_code == 302
    batch = services.ProposalBatch.objects.latest("pk")
    assert step2["Location"] == reverse("nominations:detail", args=[batch.pk])
    added = set(batch.nominations.values_list("person_id", flat=True))
    already = set(
        Nomination.objects.exclude(batch=batch).filter(code="LDTT").values_list("person_id", flat=True)
    )
    assert (
        added == {r["key"] for r in picked} - already
    )  # the one already proposed is refused, not duplicated


def test_lists_keep_their_query_count(client, world, nom, django_assert_max_num_queries):
    head = nom["users"]["head_a"]
    for index in range(6):
        batch = services.batch_create(
            actor=head, unit=nom["orgs"]["div_a"], year=2018 + index, title=f"T{index}"
        )
        services.nomination_add(
            actor=head,
            batch=batch,
            code="GIAY_KHEN",
            person=nom["people"]["A3"],
            track="dot_xuat",
            achievement=f"Việc {index}",
        )
    client.force_login(nom["users"]["officer"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("nominations:list")).status_code == 200
    for who, code in (
        ("A1", "LDTT"),
        ("A1", "GIAY_KHEN"),
        ("A2", "GIAY_KHEN"),
        ("A3", "LDTT"),
        ("A3", "GIAY_KHEN"),
    ):
        services.nomination_add(actor=head, batch=world["draft"], code=code, person=nom["people"][who])
    services.nomination_add(
        actor=head, batch=world["draft"], code="TTLDXS", organization=nom["orgs"]["div_a"]
    )
    url = reverse("nominations:detail", args=[world["draft"].pk])
    client.get(url)
    with django_assert_max_num_queries(45):
        assert client.get(url).status_code == 200


def test_the_person_page_lists_the_persons_nominations(client, world, nom):
    client.force_login(nom["users"]["head_a"])
    page = client.get(reverse("organizations:person_detail", args=[nom["people"]["A1"].pk])).content.decode()
    assert 'data-testid="person-nominations"' in page and "Chiến sĩ thi đua cơ sở" in page


def test_the_dashboard_tells_the_office_and_the_unit(client, world, nom):
    client.force_login(nom["users"]["officer"])
    assert "Tờ trình chờ tiếp nhận" in client.get("/").content.decode()
    client.force_login(nom["users"]["head_a"])
    assert "Tờ trình đang soạn" in client.get("/").content.decode()


def test_the_menu_shows_the_entry_to_the_page_roles(client, world, nom, make_user, org_tree):
    client.force_login(nom["users"]["head_a"])
    assert "Đề nghị khen thưởng" in client.get("/").content.decode()
    staff = make_user(Role.STAFF, org_tree["div_b"], username="plain")
    client.force_login(staff)
    assert reverse("nominations:list") not in client.get("/").content.decode()


def test_the_unit_head_opens_a_batch_through_the_page(client, nom):
    client.force_login(nom["users"]["head_a"])
    page = client.get(reverse("nominations:create")).content.decode()
    assert "Văn phòng Sở" in page and "Phòng Quản lý khoa học" not in page  # only the head's own unit
    response = client.post(
        reverse("nominations:create"),
        {
            "unit": nom["orgs"]["div_a"].pk,
            "year": YEAR,
            "title": "",
            "dated": "10/01/2025",
            "number": "01/TTr-VP",
        },
    )
    batch = services.ProposalBatch.objects.get()
    assert response["Location"] == reverse("nominations:detail", args=[batch.pk])
    assert (batch.office, batch.number, batch.dated) == (
        nom["orgs"]["agency"],
        "01/TTr-VP",
        date(2025, 1, 10),
    )
    assert batch.title == "Tờ trình đề nghị khen thưởng thành tích năm 2024"


def test_a_returned_line_is_corrected_and_proposed_again_through_the_pages(client, world, nom):
    line = world["sent_line"]
    services.nomination_transition(
        actor=nom["users"]["officer"], nomination=line, action="return", reason="Thiếu"
    )
    client.force_login(nom["users"]["head_a"])
    detail = client.get(reverse("nominations:line_detail", args=[line.pk])).content.decode()
    assert 'data-testid="line-action-propose"' in detail and "Thiếu" in detail
    version = services.ProposalBatch.objects.get(pk=line.batch_id).version
    edited = client.post(
        reverse("nominations:line_edit", args=[line.pk]),
        {"achievement": "Đã bổ sung số liệu", "version": version},
    )
    assert edited.status_code == 302
    version = services.ProposalBatch.objects.get(pk=line.batch_id).version
    client.post(
        reverse("nominations:line_transition", args=[line.pk]),
        {"action": "propose", "version": version, "next": "line"},
    )
    line.refresh_from_db()
    assert (line.status, line.achievement) == (N.PROPOSED, "Đã bổ sung số liệu")


def test_an_advisory_unit_pools_through_the_page(client, nom, union, make_user):
    union_head = make_user(Role.UNIT_HEAD, union, username="union_head")
    batch = services.batch_create(
        actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR, advisory=union
    )
    line = services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch, code="LDTT", person=nom["people"]["A1"]
    )
    services.batch_transition(actor=nom["users"]["head_a"], batch=batch, action="submit")
    client.force_login(union_head)
    assert 'data-testid="pool-link"' in client.get(reverse("nominations:list")).content.decode()
    assert batch.title in client.get(reverse("nominations:pool")).content.decode()
    response = client.post(reverse("nominations:pool"), {"batches": [batch.pk], "into": ""})
    line.refresh_from_db()
    assert response["Location"] == reverse("nominations:detail", args=[line.batch_id])
    assert line.batch.unit == union and line.origin_batch_id == batch.pk
    page = client.get(reverse("nominations:detail", args=[batch.pk])).content.decode()
    assert "Tờ trình đã được tổng hợp" in page
