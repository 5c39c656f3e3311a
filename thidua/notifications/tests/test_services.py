"""`notify` writes one notification per distinct active user and mails those with an address through Django's
mailers; a failing mail backend loses only the mail. `users_holding` finds who holds a role over a unit today."""

import logging
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, RoleGrant
from thidua.notifications import services
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every send raises."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the relay is down")


class BrokenBackend(BaseEmailBackend):
    """A third-party backend failing with something that is not an OSError."""

    def send_messages(self, email_messages):
        raise RuntimeError("unexpected")


class PickyBackend(BaseEmailBackend):
    """Refuses one address and delivers the others (to the locmem outbox)."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["bad@example.org"]:
                raise ValueError("refused recipient")
            mail.outbox.append(message)
        return len(email_messages)


def _mailer(settings, backend):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.{backend.__name__}"}}


@pytest.fixture
def users(make_user):
    return {
        "a": make_user(username="a", email="a@example.org"),
        "b": make_user(username="b", email="b@example.org"),
        "no_mail": make_user(username="c", email=""),
        "inactive": make_user(username="d", email="d@example.org", is_active=False),
    }


def test_notify_writes_one_row_per_distinct_active_user_and_mails_those_with_an_address(users, settings):
    settings.THIDUA_SITE_URL = "https://thidua.example.gov.vn/"
    a, b = users["a"], users["b"]
    count = services.notify(
        users=[a, b, a, users["no_mail"], users["inactive"], None],
        title="Tờ trình bị trả lại",
        body="Lý do: thiếu báo cáo thành tích.",
        url="/de-nghi/to-trinh/7/",
    )
    assert count == 3
    rows = Notification.objects.order_by("user__username")
    assert [n.user.username for n in rows] == ["a", "b", "c"]
    assert all(n.read_at is None and n.url == "/de-nghi/to-trinh/7/" for n in rows)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Tờ trình bị trả lại"
    assert (
        message.body
        == "Lý do: thiếu báo cáo thành tích.\n\nhttps://thidua.example.gov.vn/de-nghi/to-trinh/7/"
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_notify_nobody_writes_nothing(users):
    assert services.notify(users=[users["inactive"]], title="x") == 0
    assert services.notify(users=[], title="x") == 0
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_notify_without_email_writes_rows_only(users):
    assert services.notify(users=[users["a"]], title="Chỉ trong ứng dụng", email=False) == 1
    assert Notification.objects.count() == 1 and mail.outbox == []


def test_a_title_with_a_line_break_is_mailed_on_one_line_and_cut_to_the_field_length(users):
    services.notify(users=[users["a"]], title="Phiên họp\nHội đồng " + "x" * 300)
    assert mail.outbox[0].subject.startswith("Phiên họp Hội đồng x")
    assert len(Notification.objects.get().title) == 255


@pytest.mark.parametrize("backend", [RefusingBackend, BrokenBackend])
def test_a_failing_mail_backend_keeps_the_notification_and_the_callers_transaction(
    users, settings, caplog, backend
):
    _mailer(settings, backend)
    with caplog.at_level(logging.ERROR, logger="thidua.notifications.services"), transaction.atomic():
        RoleGrant.objects.create(user=users["a"], role=Role.STAFF, organization=_unit())
        assert services.notify(users=[users["a"], users["b"]], title="Kết quả bỏ phiếu") == 2
    # The caller's write and the notifications are all there; the failure is logged, not raised.
    assert RoleGrant.objects.filter(user=users["a"]).exists()
    assert Notification.objects.count() == 2
    assert "mail" in caplog.text


def test_one_refused_address_does_not_stop_the_other_mails(make_user, settings, caplog):
    _mailer(settings, PickyBackend)
    bad = make_user(username="bad", email="bad@example.org")
    good = make_user(username="good", email="good@example.org")
    with caplog.at_level(logging.ERROR, logger="thidua.notifications.services"):
        services.notify(users=[bad, good], title="Hạn nộp hồ sơ")
    assert [m.to for m in mail.outbox] == [["good@example.org"]]
    assert "bad@example.org" in caplog.text


def test_notify_from_an_after_commit_effect_survives_a_failing_mailer(
    users, settings, django_capture_on_commit_callbacks
):
    _mailer(settings, RefusingBackend)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        transaction.on_commit(lambda: services.notify(users=[users["a"]], title="Đã thông qua"))
    assert len(callbacks) == 1
    assert Notification.objects.filter(user=users["a"], title="Đã thông qua").exists()


def test_mark_read_keeps_the_first_reading_time_and_refuses_another_users(users):
    services.notify(users=[users["a"], users["b"]], title="x", email=False)
    mine = Notification.objects.get(user=users["a"])
    services.notification_mark_read(user=users["a"], notification=mine)
    first = Notification.objects.get(pk=mine.pk).read_at
    assert first is not None
    services.notification_mark_read(user=users["a"], notification=Notification.objects.get(pk=mine.pk))
    assert Notification.objects.get(pk=mine.pk).read_at == first
    theirs = Notification.objects.get(user=users["b"])
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(user=users["a"], notification=theirs)
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read_touches_only_the_users_unread(users):
    services.notify(users=[users["a"], users["b"]], title="1", email=False)
    services.notify(users=[users["a"]], title="2", email=False)
    assert services.notification_mark_all_read(user=users["a"]) == 2
    assert services.notification_mark_all_read(user=users["a"]) == 0
    assert not Notification.objects.filter(user=users["a"], read_at__isnull=True).exists()
    assert Notification.objects.filter(user=users["b"], read_at__isnull=True).count() == 1


# ---- users_holding


def _unit():
    from thidua.organizations.models import Organization

    return Organization.objects.order_by("pk").first() or Organization.objects.create(
        kind="agency", code="U", name="Đơn vị"
    )


def _names(users):
    return sorted(u.username for u in users)


def test_users_holding_the_role_in_the_unit_itself(org_tree, make_user):
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a")
    make_user(Role.UNIT_HEAD, org_tree["div_b"], username="head_b")
    make_user(Role.STAFF, org_tree["div_a"], username="staff_a")
    assert _names(services.users_holding(Role.UNIT_HEAD, organization=org_tree["div_a"])) == ["head_a"]


def test_users_holding_through_a_parent_only_with_subunits_or_a_wide_role(org_tree, make_user):
    make_user(Role.UNIT_HEAD, org_tree["agency"], include_subunits=True, username="head_with_subunits")
    make_user(Role.UNIT_HEAD, org_tree["agency"], username="head_of_agency_only")
    make_user(Role.OFFICER, org_tree["province"], username="officer_of_province")  # wide: covers the subtree
    make_user(Role.OFFICER, org_tree["other"], username="officer_elsewhere")
    found = services.users_holding(Role.UNIT_HEAD, Role.OFFICER, organization=org_tree["div_a"])
    assert _names(found) == ["head_with_subunits", "officer_of_province"]
    assert _names(services.users_holding(Role.UNIT_HEAD, organization=org_tree["agency"])) == [
        "head_of_agency_only",
        "head_with_subunits",
    ]


def test_users_holding_skips_expired_future_and_inactive_and_lists_each_user_once(org_tree, make_user):
    today = timezone.localdate()
    expired = make_user(username="expired")
    RoleGrant.objects.create(
        user=expired,
        role=Role.OFFICER,
        organization=org_tree["agency"],
        valid_from=date(2020, 1, 1),
        valid_to=today - timedelta(days=1),
    )
    future = make_user(username="future")
    RoleGrant.objects.create(
        user=future, role=Role.OFFICER, organization=org_tree["agency"], valid_from=today + timedelta(days=1)
    )
    make_user(Role.OFFICER, org_tree["agency"], username="inactive", is_active=False)
    twice = make_user(Role.OFFICER, org_tree["agency"], username="twice")
    RoleGrant.objects.create(user=twice, role=Role.SIGNER, organization=org_tree["div_a"])
    ends_today = make_user(username="ends_today")
    RoleGrant.objects.create(
        user=ends_today, role=Role.OFFICER, organization=org_tree["agency"], valid_to=today
    )
    found = services.users_holding(Role.OFFICER, Role.SIGNER, organization=org_tree["div_a"])
    assert _names(found) == ["ends_today", "twice"]
    # On an earlier day the expired grant counts.
    earlier = services.users_holding(
        Role.OFFICER, organization=org_tree["div_a"], on=today - timedelta(days=2)
    )
    assert "expired" in _names(earlier)


def test_users_holding_then_notify_tells_each_once(org_tree, make_user):
    make_user(
        Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer", email="o@example.org"
    )
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head", email="h@example.org")
    people = services.users_holding(Role.OFFICER, Role.UNIT_HEAD, organization=org_tree["div_a"])
    assert services.notify(users=people + people, title="Phiên họp Hội đồng") == 2
    assert len(mail.outbox) == 2
