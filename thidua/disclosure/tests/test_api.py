"""The disclosure API: the office's notices (scoped to the agency), a draft created, published and its feedback
handled through the same services as the pages, and the working-day deadline."""

from datetime import date

import pytest
from django.utils import timezone

from thidua.accounts.models import ApiToken
from thidua.disclosure import services
from thidua.disclosure.models import DisclosureNotice

pytestmark = pytest.mark.django_db


def _headers(user):
    _token, key = ApiToken.issue(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_office_creates_publishes_and_handles_through_the_api(client, people, org_tree, lines):
    officer = _headers(people["officer"])
    response = client.post(
        "/api/v1/disclosure/notices",
        {
            "agency_id": org_tree["agency"].pk,
            "year": 2024,
            "title": "Công khai năm 2024",
            "nomination_ids": [lines["state"].pk, lines["local"].pk],
            "working_days": 10,
            "channel": "website",
        },
        content_type="application/json",
        **officer,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["nomination_ids"] == sorted(
        [lines["state"].pk, lines["local"].pk]
    )
    notice_id = body["id"]
    today = timezone.localdate()
    published = client.post(
        f"/api/v1/disclosure/notices/{notice_id}/transitions",
        {"action": "publish", "posted_at": today.isoformat()},
        content_type="application/json",
        **officer,
    ).json()
    assert published["status"] == "open" and published["state_today"] == "open"
    assert published["comment_deadline"] == services.calendar.add_working_days(today, 10).isoformat()
    item = services.feedback_submit(notice=DisclosureNotice.objects.get(pk=notice_id), text="Góp ý")
    handled = client.post(
        f"/api/v1/disclosure/feedback/{item.pk}/handling",
        {"outcome": "verified", "response": "Đã xác minh."},
        content_type="application/json",
        **officer,
    )
    assert handled.status_code == 200 and handled.json()["outcome"] == "verified"
    detail = client.get(f"/api/v1/disclosure/notices/{notice_id}", **officer).json()
    assert [f["outcome"] for f in detail["feedback"]] == ["verified"]
    listed = client.get("/api/v1/disclosure/notices", {"year": 2024}, **officer).json()
    assert [n["id"] for n in listed["items"]] == [notice_id]


def test_another_agency_s_officer_neither_reads_nor_writes(client, people, org_tree, lines):
    notice = services.notice_create(
        actor=people["officer"],
        agency=org_tree["agency"],
        year=2024,
        title="Công khai",
        nominations=[lines["state"]],
        working_days=10,
        channel="website",
    )
    other = _headers(people["other_officer"])
    assert client.get(f"/api/v1/disclosure/notices/{notice.pk}", **other).status_code == 404
    assert client.get("/api/v1/disclosure/notices", **other).json()["items"] == []
    refused = client.post(
        f"/api/v1/disclosure/notices/{notice.pk}/transitions",
        {"action": "publish"},
        content_type="application/json",
        **other,
    )
    assert refused.status_code == 404
    created = client.post(
        "/api/v1/disclosure/notices",
        {
            "agency_id": org_tree["agency"].pk,
            "year": 2024,
            "title": "x",
            "nomination_ids": [lines["state"].pk],
            "working_days": 10,
        },
        content_type="application/json",
        **other,
    )
    assert created.status_code == 403
    head = _headers(people["head_a"])
    assert client.get(f"/api/v1/disclosure/notices/{notice.pk}", **head).status_code == 404


def test_the_working_day_deadline(client, people):
    headers = _headers(people["staff_a"])
    answer = client.get("/api/v1/disclosure/deadline", {"start": "2025-01-20", "working_days": 10}, **headers)
    assert answer.json() == {"start": "2025-01-20", "working_days": 10, "deadline": "2025-02-10"}
    assert (
        client.get(
            "/api/v1/disclosure/deadline", {"start": "9999-12-30", "working_days": 10}, **headers
        ).status_code
        == 422
    )
    assert (
        client.get(
            "/api/v1/disclosure/deadline", {"start": "2025-01-20", "working_days": 400}, **headers
        ).status_code
        == 422
    )
    assert date(2025, 2, 10) == services.calendar.add_working_days(date(2025, 1, 20), 10)
