"""Every page of disclosure for every role (core/tests/route_matrix.py): the public pages answer everyone, signed in
or not; the office pages answer the agency's officers (its signing leaders and council read); another agency's
officer gets 404. The public page shows no private field; feedback keeps CSRF, is throttled per address and
closes with the window."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.core.registry import render_sections
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.disclosure import services, urls
from thidua.disclosure.models import CalendarDay, DisclosureNotice, Feedback, NoticeStatus

pytestmark = pytest.mark.django_db


def _create(people, org_tree, nominations, **extra):
    return services.notice_create(
        actor=people["officer"],
        agency=org_tree["agency"],
        year=2024,
        title=extra.pop("title", "Công khai danh sách đề nghị khen thưởng năm 2024"),
        nominations=nominations,
        working_days=10,
        channel="website",
        **extra,
    )


def _open(people, org_tree, nominations, *, posted=None, **extra):
    notice = _create(people, org_tree, nominations, **extra)
    posted = posted or timezone.localdate()
    return services.notice_publish(actor=people["officer"], notice=notice, posted_at=posted, today=posted)


@pytest.fixture
def world(people, org_tree, lines):
    draft = _create(people, org_tree, [lines["local"]], title="Dự thảo")
    notice = _open(people, org_tree, list(lines.values()))
    feedback = services.feedback_submit(
        notice=notice, nomination=lines["state"], text="Thành tích cần làm rõ."
    )
    day = services.calendar_day_set(
        actor=people["officer"], date=date(2026, 12, 26), working=True, note="Làm bù cho ngày 02/01/2027"
    )
    return {"draft": draft, "notice": notice, "feedback": feedback, "day": day}


def routes(world):
    n, d = world["notice"].pk, world["draft"].pk
    today = timezone.localdate().strftime("%d/%m/%Y")
    return {
        "public_list": ("get", reverse("disclosure:public_list"), {}),
        "public_detail": ("get", reverse("disclosure:public_detail", args=[n]), {}),
        "public_feedback": (
            "post",
            reverse("disclosure:public_feedback", args=[n]),
            {"nomination": "", "text": "Đồng ý với danh sách.", "name": "", "contact": ""},
        ),
        "list": ("get", reverse("disclosure:list"), {}),
        "create": ("get", reverse("disclosure:create"), {}),
        "detail": ("get", reverse("disclosure:detail", args=[n]), {}),
        "edit": ("get", reverse("disclosure:edit", args=[d]), {}),
        "delete": ("post", reverse("disclosure:delete", args=[d]), {}),
        "transition": (
            "post",
            reverse("disclosure:transition", args=[d]),
            {"action": "publish", "posted_at": today},
        ),
        "feedback_handle": (
            "post",
            reverse("disclosure:feedback_handle", args=[world["feedback"].pk]),
            {
                f"fb{world['feedback'].pk}-outcome": "verified",
                f"fb{world['feedback'].pk}-response": "Đã xác minh.",
            },
        ),
        "calendar": ("get", reverse("disclosure:calendar"), {}),
        "calendar_add": (
            "post",
            reverse("disclosure:calendar_add"),
            {"date": "28/12/2026", "working": "0", "note": "Nghỉ bù"},
        ),
        "calendar_delete": ("post", reverse("disclosure:calendar_delete", args=[world["day"].pk]), {}),
    }


ROLES_HERE = (*ROLES, "signer", "council", "admin", "other_admin")
OFFICE = {"officer", "admin"}
READERS = {"officer", "signer", "council", "admin"}
OFFICERS_ANYWHERE = {"officer", "other_officer", "admin"}
ALLOWED = {
    "list": {*READERS, "other_officer"},  # another agency's officer lists their own notices (none here)
    "create": OFFICERS_ANYWHERE,
    "detail": READERS,
    "edit": OFFICE,
    "delete": OFFICE,
    "transition": OFFICE,
    "feedback_handle": OFFICE,
    "calendar": set(ROLES_HERE),
    "calendar_add": OFFICERS_ANYWHERE,  # one calendar for every agency
    "calendar_delete": OFFICERS_ANYWHERE,
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=ROLES_HERE,
    public={"public_list", "public_detail", "public_feedback"},
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


# ---- the public page


def test_anyone_finds_the_public_page_from_the_footer(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("disclosure:public_list")}"' in page


def test_public_page_shows_the_list_and_no_private_field(client, world, lines, org_tree):
    listing = client.get(reverse("disclosure:public_list")).content.decode()
    assert world["notice"].title in listing and "Dự thảo" not in listing
    page = client.get(reverse("disclosure:public_detail", args=[world["notice"].pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in ("Lê Thị Hoa", "Lê Thị Mai", "Chiến sĩ thi đua toàn quốc", "Chủ trì hai đề tài cấp tỉnh"):
        assert shown in text, shown
    assert org_tree["div_a"].name in text
    assert world["notice"].comment_deadline.strftime("%d/%m/%Y") in text
    for private in ("1983", "19/07", "DC-001", "DC-002", "Thành tích cần làm rõ"):
        assert private not in text, private  # no birth date, no staff code, no one's feedback
    assert 'data-testid="feedback-form"' in text


def test_a_draft_is_not_public(client, world):
    assert client.get(reverse("disclosure:public_detail", args=[world["draft"].pk])).status_code == 404
    response = client.post(reverse("disclosure:public_feedback", args=[world["draft"].pk]), {"text": "x"})
    assert response.status_code == 404


def test_the_public_list_is_read_in_few_queries(
    client, people, org_tree, lines, django_assert_max_num_queries
):
    for i in range(6):
        _open(people, org_tree, list(lines.values()), title=f"Danh sách {i}")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("disclosure:public_list"))
    assert response.content.decode().count('data-testid="public-notice-') == 6


def test_the_office_list_is_read_in_few_queries(
    client, people, org_tree, lines, django_assert_max_num_queries
):
    for i in range(6):
        _open(people, org_tree, list(lines.values()), title=f"Danh sách {i}")
    client.force_login(people["officer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("disclosure:list"))
    assert response.content.decode().count('data-testid="notice-row-') == 6


# ---- feedback


def _send(client, notice, *, address: str | None = None, **data):
    payload = {"nomination": "", "text": "Góp ý về danh sách.", "name": "", "contact": ""}
    payload.update(data)
    extra = {"REMOTE_ADDR": address} if address else {}
    return client.post(reverse("disclosure:public_feedback", args=[notice.pk]), payload, **extra)


def test_anyone_sends_feedback_about_a_line_with_or_without_a_name(client, world, lines):
    response = _send(client, world["notice"], nomination=str(lines["local"].pk), text="Đề nghị xem lại.")
    assert response.status_code == 302
    item = Feedback.objects.latest("pk")
    assert item.nomination == lines["local"] and item.name == "" and item.contact == ""
    _send(client, world["notice"], name="Trần Văn Bình", contact="0912 345 678")
    assert Feedback.objects.latest("pk").name == "Trần Văn Bình"


def test_feedback_is_throttled_per_client_address(client, world, settings):
    settings.THIDUA_DISCLOSURE_FEEDBACK_PER_HOUR = 5
    before = Feedback.objects.count()
    for _ in range(5):
        assert _send(client, world["notice"]).status_code == 302
    refused = _send(client, world["notice"])
    assert refused.status_code == 429
    assert "tối đa" in refused.content.decode()
    assert Feedback.objects.count() == before + 5
    # Another address is not held back by the first one's count.
    assert _send(client, world["notice"], address="203.0.113.9").status_code == 302
    assert Feedback.objects.count() == before + 6


def test_invalid_feedback_is_refused_with_length_limits(client, world):
    before = Feedback.objects.count()
    assert _send(client, world["notice"], text="").status_code == 200
    assert _send(client, world["notice"], text="x" * 4001).status_code == 200
    assert _send(client, world["notice"], name="y" * 201).status_code == 200
    assert _send(client, world["notice"], nomination="999999").status_code == 200
    assert Feedback.objects.count() == before


def test_feedback_needs_the_csrf_token(world):
    strict = Client(enforce_csrf_checks=True)
    assert _send(strict, world["notice"]).status_code == 403
    page = strict.get(reverse("disclosure:public_detail", args=[world["notice"].pk]))
    token = page.cookies["csrftoken"].value
    assert _send(strict, world["notice"], csrfmiddlewaretoken=token).status_code == 302


def test_the_form_is_closed_after_the_deadline(client, people, org_tree, lines):
    old = _open(people, org_tree, [lines["state"]], posted=date(2025, 2, 10))
    page = client.get(reverse("disclosure:public_detail", args=[old.pk])).content.decode()
    assert 'data-testid="feedback-form"' not in page and "24/02/2025" in page
    assert 'data-testid="feedback-closed"' in page
    response = _send(client, old)
    assert response.status_code == 302
    assert not Feedback.objects.filter(notice=old).exists()


# ---- the office


def test_another_agency_s_officer_gets_404_on_the_office_pages(client, world, people):
    client.force_login(people["other_officer"])
    assert client.get(reverse("disclosure:detail", args=[world["notice"].pk])).status_code == 404
    assert client.get(reverse("disclosure:edit", args=[world["draft"].pk])).status_code == 404
    assert (
        client.post(
            reverse("disclosure:transition", args=[world["draft"].pk]), {"action": "publish"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("disclosure:feedback_handle", args=[world["feedback"].pk]), {}).status_code == 404
    )
    assert world["notice"].title not in client.get(reverse("disclosure:list")).content.decode()


def test_the_office_creates_publishes_and_handles_through_the_pages(client, people, org_tree, lines):
    client.force_login(people["officer"])
    url = reverse("disclosure:create")
    chooser = client.get(url)
    assert chooser.status_code == 200 and 'name="agency"' in chooser.content.decode()
    page = client.get(url, {"agency": org_tree["agency"].pk, "year": 2024}).content.decode()
    # The State-level line is pre-selected; the others are offered unticked.
    assert f'value="{lines["state"].pk}" id="line-{lines["state"].pk}" checked' in page
    assert f'value="{lines["local"].pk}" id="line-{lines["local"].pk}">' in page
    assert "cần xác minh" in page and "ít nhất 10 ngày làm việc" in page
    short = client.post(
        url,
        {
            "agency": org_tree["agency"].pk,
            "year": 2024,
            "title": "Công khai",
            "channel": "website",
            "working_days": 3,
            "nominations": [lines["state"].pk],
        },
    )
    assert short.status_code == 200 and not DisclosureNotice.objects.exists()
    response = client.post(
        url,
        {
            "agency": org_tree["agency"].pk,
            "year": 2024,
            "title": "Công khai danh sách năm 2024",
            "channel": "notice_board",
            "working_days": 10,
            "nominations": [lines["state"].pk, lines["collective"].pk],
        },
    )
    notice = DisclosureNotice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "disclosure:detail", args=[notice.pk]
    )
    assert set(notice.nominations.all()) == {lines["state"], lines["collective"]}
    today = timezone.localdate()
    client.post(
        reverse("disclosure:transition", args=[notice.pk]),
        {"action": "publish", "posted_at": today.strftime("%d/%m/%Y")},
    )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.OPEN and notice.posted_at == today
    assert client.get(reverse("disclosure:public_detail", args=[notice.pk])).status_code == 200
    item = services.feedback_submit(notice=notice, text="Góp ý")
    detail = client.get(reverse("disclosure:detail", args=[notice.pk])).content.decode()
    assert 'data-testid="unhandled-count"' in detail
    client.post(
        reverse("disclosure:feedback_handle", args=[item.pk]),
        {f"fb{item.pk}-outcome": "accepted", f"fb{item.pk}-response": "Tiếp thu."},
    )
    item.refresh_from_db()
    assert item.outcome == "accepted" and item.handled_by == people["officer"]


def test_the_office_adds_a_make_up_day_on_the_calendar_page(client, people):
    client.force_login(people["officer"])
    page = client.get(reverse("disclosure:calendar"), {"nam": 2025}).content.decode()
    assert "Giỗ Tổ Hùng Vương" in page and "07/04/2025" in page and "26/04/2025" in page
    client.post(reverse("disclosure:calendar_add"), {"date": "11/10/2025", "working": "1", "note": "Làm bù"})
    day = CalendarDay.objects.get()
    assert day.working and day.date == date(2025, 10, 11)
    client.force_login(people["staff_a"])
    assert "Làm bù" in client.get(reverse("disclosure:calendar"), {"nam": 2025}).content.decode()


# ---- the nomination page's section


def test_the_nomination_section_says_whether_and_when_it_was_disclosed(rf, people, org_tree, lines):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = people["officer"]

    def section_text(nomination):
        sections = [
            s for s in render_sections("nomination", request, nomination) if "disclosure/" in s["template"]
        ]
        assert len(sections) == 1
        return render_to_string(sections[0]["template"], {"ctx": sections[0]["context"], "request": request})

    before = section_text(lines["state"])
    assert "Bắt buộc công khai ít nhất 10 ngày làm việc" in before and 'data-testid="not-disclosed"' in before
    notice = _open(people, org_tree, [lines["state"]])
    after = section_text(lines["state"])
    assert notice.title in after and notice.comment_deadline.strftime("%d/%m/%Y") in after
    assert reverse("disclosure:detail", args=[notice.pk]) in after
    assert "Hội đồng chưa thể xét" in after  # the window is still open today
    assert "Không bắt buộc công khai" in section_text(lines["collective"])
    request.user = people["head_a"]
    assert reverse("disclosure:public_detail", args=[notice.pk]) in section_text(lines["state"])


def test_the_dashboard_tells_the_office_what_is_open_and_unhandled(client, world, people):
    client.force_login(people["officer"])
    page = client.get(reverse("core:home")).content.decode()
    assert world["notice"].title in page and "hạn góp ý" in page
    client.force_login(people["other_officer"])
    assert world["notice"].title not in client.get(reverse("core:home")).content.decode()


def test_the_nomination_page_shows_the_disclosure_section(client, people, lines):
    client.force_login(people["officer"])
    page = client.get(reverse("nominations:line_detail", args=[lines["state"].pk]))
    assert page.status_code == 200
    assert 'data-testid="disclosure-section"' in page.content.decode()


def test_older_notices_stay_in_the_public_archive(client, people, org_tree, lines):
    old = _open(people, org_tree, [lines["state"]], posted=date(2025, 2, 10), title="Danh sách năm trước")
    assert old.title not in client.get(reverse("disclosure:public_list")).content.decode()
    assert old.title in client.get(reverse("disclosure:public_list"), {"luu-tru": "1"}).content.decode()
