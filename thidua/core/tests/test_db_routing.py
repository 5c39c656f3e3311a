"""The read-replica router (issue 16) against a stand-in replica: a second database on the same server (SQLite: a
second in-memory database) that nothing replicates into, so a row put only there shows where a read went.

Each test that needs the replica names both databases; the replica is routed to only under
`THIDUA_READ_REPLICA=True` (the `replica_on` fixture), as `DATABASE_REPLICA_URL` does in production."""

from __future__ import annotations

import threading

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from thidua.accounts.models import Role, User
from thidua.commendations.models import AwardRecord
from thidua.core.db_routing import REPLICA, ReplicaRouter, read_only, reads_from_replica
from thidua.organizations.models import Organization, OrganizationKind, Position
from thidua.public.tests.conftest import people, world  # noqa: F401 (fixtures: published decisions on default)

BOTH = pytest.mark.django_db(databases=["default", REPLICA])
pytestmark = BOTH


@pytest.fixture
def replica_on(settings):
    settings.THIDUA_READ_REPLICA = True


def _only_on_replica(code: str = "R-ONLY") -> Organization:
    return Organization.objects.using(REPLICA).create(
        kind=OrganizationKind.AGENCY, code=code, name="Chỉ ở bản sao"
    )


def _codes() -> set[str]:
    return set(Organization.objects.values_list("code", flat=True))


def test_inside_read_only_a_read_goes_to_the_replica(replica_on):
    _only_on_replica()
    Organization.objects.create(kind=OrganizationKind.AGENCY, code="D-ONLY", name="Chỉ ở cơ sở dữ liệu chính")
    with read_only():
        assert _codes() == {"R-ONLY"}
    assert _codes() == {"D-ONLY"}


def test_as_a_decorator_the_function_reads_the_replica(replica_on):
    _only_on_replica()

    @read_only()
    def codes() -> set[str]:
        return _codes()

    assert codes() == {"R-ONLY"}
    assert _codes() == set()


def test_a_decorated_generator_reads_the_replica_at_each_step_after_the_call(replica_on):
    _only_on_replica("R1")
    _only_on_replica("R2")

    @read_only()
    def rows():
        yield from Organization.objects.order_by("code").values_list("code", flat=True).iterator(chunk_size=1)
        yield _codes()

    steps = rows()  # nothing runs yet; each step below runs outside any `with`, as a streamed response does
    assert list(steps) == ["R1", "R2", {"R1", "R2"}]
    assert not reads_from_replica()


def test_writes_always_go_to_default(replica_on):
    with read_only():
        Position.objects.create(name="Chuyên viên chính")
    assert Position.objects.using("default").filter(name="Chuyên viên chính").exists()
    assert not Position.objects.using(REPLICA).filter(name="Chuyên viên chính").exists()
    assert ReplicaRouter().db_for_write(Position) == "default"


def test_inside_a_transaction_that_has_written_reads_stay_on_default(replica_on):
    _only_on_replica()
    with read_only(), transaction.atomic():
        Organization.objects.create(kind=OrganizationKind.AGENCY, code="MINE", name="Vừa ghi")
        assert _codes() == {"MINE"}  # its own write, not the replica's row
        assert not reads_from_replica()
    with read_only():
        assert reads_from_replica()


def test_without_a_replica_configured_everything_is_default(settings):
    settings.THIDUA_READ_REPLICA = False
    _only_on_replica()
    with read_only():
        assert not reads_from_replica()
        assert _codes() == set()
        assert ReplicaRouter().db_for_read(Organization) == "default"


def test_an_object_read_from_the_replica_reads_its_relations_from_default_outside_read_only(replica_on):
    parent = Organization.objects.create(kind=OrganizationKind.AGENCY, code="P", name="Sở")
    Organization.objects.using(REPLICA).create(
        pk=parent.pk, kind=OrganizationKind.AGENCY, code="P", name="Sở cũ"
    )
    Organization.objects.using(REPLICA).create(
        kind=OrganizationKind.DIVISION, code="C", name="Phòng", parent_id=parent.pk
    )
    with read_only():
        child = Organization.objects.get(code="C")
    assert child._state.db == REPLICA
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        parent_read = child.parent
    assert parent_read is not None
    assert parent_read.name == "Sở"  # through the router: default, not the replica the child came from
    assert len(on_replica) == 0


def test_the_mark_belongs_to_its_thread():
    seen: list[bool] = []
    with read_only():
        worker = threading.Thread(target=lambda: seen.append(bool(_marked_now())))
        worker.start()
        worker.join()
        assert _marked_now()
    assert seen == [False]
    assert not _marked_now()


def _marked_now() -> bool:
    from thidua.core import db_routing

    return db_routing._marked.get()


def test_migrations_run_only_on_default_and_the_tests_stand_in(settings):
    router = ReplicaRouter()
    assert router.allow_migrate("default", "organizations") is True
    settings.THIDUA_REPLICA_STAND_IN = False
    assert router.allow_migrate(REPLICA, "organizations") is False


# ---------------------------------------------------------------- pages under read_only


def test_the_statistics_page_reads_its_figures_from_the_replica(client, org_tree, make_user, replica_on):
    """The officer, the scope and the units are read from default; the award only the replica holds is counted,
    and the award only default holds is not; the figures' queries all go to the replica."""
    agency, div_b = org_tree["agency"], org_tree["div_b"]
    Organization.objects.using(REPLICA).bulk_create(Organization.objects.order_by("path"))
    AwardRecord.objects.using(REPLICA).create(code="TTLDTT", year=2024, organization_id=div_b.pk)
    AwardRecord.objects.using(REPLICA).create(code="CO_TINH", year=2024, organization_id=agency.pk)
    AwardRecord.objects.create(code="TTLDTT", year=2023, organization=div_b)  # default only
    client.force_login(make_user(Role.OFFICER, agency))

    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get("/thong-ke/?year_from=2023&year_to=2024")
    assert response.status_code == 200
    awards = next(s["table"] for s in response.context["sections"] if s["table"].key == "awards")
    assert [list(row) for row in awards.rows] == [
        [2023, 0, 0, 0, 0, 0],
        [2024, 1, 1, 0, 0, 2],
        ["Tổng", 1, 1, 0, 0, 2],
    ]
    # The figures' fixed number of queries (statistics.statistics: one per section and the quotas' rules).
    assert 1 <= len(on_replica) <= 8, [q["sql"][:80] for q in on_replica]


def test_the_statistics_page_reads_default_without_a_replica(client, org_tree, make_user, settings):
    settings.THIDUA_READ_REPLICA = False
    Organization.objects.using(REPLICA).bulk_create(Organization.objects.order_by("path"))
    AwardRecord.objects.using(REPLICA).create(code="TTLDTT", year=2024, organization_id=org_tree["div_b"].pk)
    AwardRecord.objects.create(code="TTLDTT", year=2023, organization=org_tree["div_b"])
    client.force_login(make_user(Role.OFFICER, org_tree["agency"]))
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get("/thong-ke/?year_from=2023&year_to=2024")
    awards = next(s["table"] for s in response.context["sections"] if s["table"].key == "awards")
    assert [list(row) for row in awards.rows] == [
        [2023, 1, 0, 0, 0, 1],
        [2024, 0, 0, 0, 0, 0],
        ["Tổng", 1, 0, 0, 0, 1],
    ]
    assert len(on_replica) == 0


BOARD = "/cong-bo/bang-vang/"


def test_the_honour_board_reads_the_replica_and_keeps_its_page_under_the_replicas_state(
    client,
    world,  # noqa: F811
    settings,
    replica_on,
):
    """Default holds published awards; the replica, which nothing has reached yet, holds none. The anonymous
    reader's board is read wholly from the replica, its publication state too, so the page kept under that state's
    ETag is not served once the reader's board comes from default again: its state is another key."""
    with (
        CaptureQueriesContext(connections["default"]) as on_default,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        stale = client.get(BOARD)
    assert stale.status_code == 200
    assert stale.context["count"] == 0
    assert len(on_default) == 0, [q["sql"][:80] for q in on_default]
    assert 1 <= len(on_replica) <= 5, [q["sql"][:80] for q in on_replica]

    settings.THIDUA_READ_REPLICA = False
    fresh = client.get(BOARD)
    assert fresh.status_code == 200
    assert fresh.context["count"] > 0
    assert fresh["ETag"] != stale["ETag"]


def test_a_signed_in_reader_of_the_board_stays_signed_in(client, make_user, replica_on):
    """The board checks `request.user` inside `read_only()`; the session and the account, which the replica does
    not have yet, are read from default: the reader is recognised and keeps the session cookie."""
    client.force_login(make_user())
    response = client.get(BOARD)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies  # no cookie deleted (nor set)
    with read_only():
        assert ReplicaRouter().db_for_read(Session) == "default"
        assert ReplicaRouter().db_for_read(User) == "default"
        assert ReplicaRouter().db_for_read(Organization) == REPLICA


def test_the_open_data_file_streams_from_the_replica_after_the_view_returns(
    client,
    world,  # noqa: F811
    settings,
    replica_on,
):
    def lines() -> list[bytes]:
        response = client.get("/cong-bo/du-lieu-mo/awards.csv")
        assert response.status_code == 200
        return b"".join(response.streaming_content).splitlines()

    assert len(lines()) == 1  # the header: the replica has no published award
    settings.THIDUA_READ_REPLICA = False
    assert len(lines()) > 1
