"""The notification pages: every signed-in user reads their own notifications only (another user's is a 404),
opening one marks it read and leads to its page, "mark all read" touches only the user's. The bell of the page
shell shows the unread count with one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.notifications import services, urls
from thidua.notifications.models import Notification

EVERYONE = {*ROLES, "signer", "council", "admin", "other_admin"}


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


@pytest.fixture
def world(people):
    services.notify(
        users=[people["officer"]], title="Tờ trình chờ tiếp nhận", url="/phong-trao/", email=False
    )
    return {"notification": Notification.objects.get(user=people["officer"])}


def routes(world):
    return {
        "list": ("get", reverse("notifications:list"), {}),
        "open": ("get", reverse("notifications:open", args=[world["notification"].pk]), {}),
        "mark_all_read": ("post", reverse("notifications:mark_all_read"), {}),
    }


# Every signed-in user has a notification list and may mark their own read; the notification of the world is
# the officer's, so it opens for the officer alone (404 for everyone else, administrators included).
ALLOWED = {"list": EVERYONE, "mark_all_read": EVERYONE, "open": {"officer"}}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, roles=tuple(sorted(EVERYONE)))
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def test_another_users_notification_is_a_404_and_stays_unread(client, world, people):
    client.force_login(people["head_a"])
    response = client.get(reverse("notifications:open", args=[world["notification"].pk]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=world["notification"].pk).read_at is None
    assert client.get(reverse("notifications:open", args=[2**62])).status_code == 404


def test_the_list_shows_only_ones_own_newest_first_unread_highlighted(client, people):
    me, other = people["head_a"], people["head_b"]
    for title in ("Thứ nhất", "Thứ hai", "Thứ ba"):
        services.notify(users=[me], title=title, email=False)
    services.notify(users=[other], title="Của người khác", email=False)
    first = Notification.objects.get(title="Thứ nhất")
    services.notification_mark_read(user=me, notification=first)
    client.force_login(me)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Của người khác" not in page
    assert page.index("Thứ ba") < page.index("Thứ hai") < page.index("Thứ nhất")
    assert page.count('data-unread="1"') == 2
    assert f'data-testid="notification-{first.pk}">' in page  # read: no unread mark
    unread = client.get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "Thứ ba" in unread and "Thứ nhất" not in unread


def test_the_list_is_paginated(client, people):
    me = people["staff_a"]
    for i in range(30):
        services.notify(users=[me], title=f"Thông báo số {i:02d}", email=False)
    client.force_login(me)
    first = client.get(reverse("notifications:list")).content.decode()
    assert "Thông báo số 29" in first and "Thông báo số 04" not in first and "page=2" in first
    second = client.get(reverse("notifications:list"), {"page": "2"}).content.decode()
    assert "Thông báo số 04" in second and "Thông báo số 29" not in second


def test_opening_marks_read_and_goes_to_the_notifications_page(client, world, people):
    client.force_login(people["officer"])
    response = client.get(reverse("notifications:open", args=[world["notification"].pk]))
    assert response.status_code == 302 and response["Location"] == "/phong-trao/"
    assert Notification.objects.get(pk=world["notification"].pk).read_at is not None


@pytest.mark.parametrize(
    "url", ["", "https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"]
)
def test_a_notification_without_a_page_of_this_site_is_shown_in_place(client, people, url):
    services.notify(users=[people["staff_a"]], title="Nhắc hạn", body="Hạn nộp hồ sơ: 15/01/2025.", url=url)
    notification = Notification.objects.get()
    client.force_login(people["staff_a"])
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 200
    assert "Hạn nộp hồ sơ: 15/01/2025." in response.content.decode()
    assert Notification.objects.get().read_at is not None


def test_mark_all_read_marks_only_ones_own(client, people):
    services.notify(users=[people["head_a"], people["head_b"]], title="Chung", email=False)
    services.notify(users=[people["head_a"]], title="Riêng", email=False)
    client.force_login(people["head_a"])
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=people["head_a"], read_at__isnull=True).exists()
    assert Notification.objects.filter(user=people["head_b"], read_at__isnull=True).count() == 1
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405


def _notification_queries(queries):
    return [q["sql"] for q in queries if "notifications_notification" in q["sql"]]


def test_the_bell_shows_the_unread_count_with_one_query(client, people):
    me = people["head_a"]
    client.force_login(me)
    client.get("/phong-trao/")  # warm up (session, grants)
    with CaptureQueriesContext(connection) as quiet:
        page = client.get("/phong-trao/").content.decode()
    assert 'data-testid="notification-bell"' in page and 'data-testid="notification-count"' not in page
    assert len(_notification_queries(quiet.captured_queries)) == 1

    for i in range(12):
        services.notify(users=[me], title=f"Thông báo {i}", email=False)
    services.notification_mark_read(user=me, notification=Notification.objects.filter(user=me).earliest("pk"))
    services.notify(users=[people["head_b"]], title="Không phải của tôi", email=False)
    with CaptureQueriesContext(connection) as busy:
        page = client.get("/phong-trao/").content.decode()
    assert 'data-testid="notification-count">11<' in page
    assert len(_notification_queries(busy.captured_queries)) == 1
    assert len(busy.captured_queries) == len(quiet.captured_queries)


def test_the_bell_costs_at_most_one_query_on_a_page(client, people, settings):
    """The same page without the bell's context (as before the bell) runs one query fewer, no more."""
    client.force_login(people["officer"])
    client.get("/")
    with CaptureQueriesContext(connection) as with_bell:
        client.get("/")
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [*processors, f"{__name__}.no_bell"],
            },
        }
    ]
    with CaptureQueriesContext(connection) as without_bell:
        page = client.get("/").content.decode()
    assert 'data-testid="notification-bell"' not in page
    assert len(with_bell.captured_queries) - len(without_bell.captured_queries) == 1


def no_bell(request):
    return {"notification_bell": None}


def test_the_list_page_shares_the_bells_count(client, people, django_assert_max_num_queries):
    me = people["staff_a"]
    for i in range(40):
        services.notify(users=[me], title=f"Thông báo {i}", email=False)
    client.force_login(me)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    # the page's count, the page's rows, and one unread count shared by the bell and the tab
    assert len(_notification_queries(queries.captured_queries)) == 3


def test_anonymous_pages_have_no_bell(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'data-testid="notification-bell"' not in page
