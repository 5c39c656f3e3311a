"""A worker that dies mid-import (issue 8, finding 9): nothing is half-written, the job is detected dead once its
heartbeat is older than the lease, it is marked failed with a Vietnamese message, and it can be run again from
the page and the API. A live job is never marked failed."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import ApiToken
from thidua.appraisals.exchange import RatingsKind
from thidua.appraisals.models import Appraisal
from thidua.exchange import services
from thidua.exchange.models import ImportJob

from .conftest import RATINGS_HEADER, make_xlsx

pytestmark = pytest.mark.django_db

LOST = "Tiến trình xử lý đã dừng giữa chừng (không có tín hiệu trong 10 phút); chưa ghi dòng nào."


class WorkerKilled(KeyboardInterrupt):
    """What the worker's death looks like from inside: not an Exception, nothing after it runs."""


def _ratings_file():
    return make_xlsx([["CB001", "", 2024, "HTTNV"], ["CB002", "", 2024, "HTXSNV"]], header=RATINGS_HEADER)


@pytest.fixture
def committed_job(facts_world):
    """A clean dry run, committed: the write is next."""
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="xep-loai.xlsx", data=_ratings_file()
    )
    services.import_job_enqueue(job=job)
    job.refresh_from_db()
    assert job.status == "clean"
    return job


@pytest.fixture
def killed_while_writing(committed_job, facts_world, monkeypatch):
    """Commit the job and kill its worker in the middle of the write transaction."""

    def die(self, records, ctx):
        Appraisal.objects.create(
            person=facts_world["people"]["CB003"],
            year=2024,
            rating="HTTNV",
            organization=facts_world["orgs"]["div_a"],
        )  # a first row written … then the process is gone
        raise WorkerKilled

    monkeypatch.setattr(RatingsKind, "write", die)
    with pytest.raises(WorkerKilled):
        services.import_job_commit(actor=facts_world["officer"], job=committed_job)
    monkeypatch.undo()
    committed_job.refresh_from_db()
    return committed_job


def _age(job, minutes):
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=minutes))
    job.refresh_from_db()
    return job


def test_a_worker_killed_while_writing_leaves_nothing_half_written(killed_while_writing):
    job = killed_while_writing
    assert job.status == "writing" and job.progress == 90
    assert job.heartbeat_at is not None
    assert Appraisal.objects.count() == 0  # the row written before the death was rolled back


def test_a_dead_job_is_shown_failed_on_its_page_and_can_be_run_again(
    client, facts_world, killed_while_writing
):
    job = _age(killed_while_writing, 11)
    client.force_login(facts_world["officer"])
    page = client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert 'data-status="failed"' in page and LOST in page
    assert 'data-testid="retry-button"' in page and 'hx-trigger="every 1s"' not in page
    job.refresh_from_db()
    assert job.status == "failed" and Appraisal.objects.count() == 0
    response = client.post(reverse("exchange:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.message == "Đã ghi 2 dòng: 2 thêm mới, 0 cập nhật."
    assert Appraisal.objects.count() == 2


def test_the_job_list_shows_a_dead_job_failed(client, facts_world, killed_while_writing):
    _age(killed_while_writing, 11)
    client.force_login(facts_world["officer"])
    client.get(reverse("exchange:upload", args=["ratings"]))
    killed_while_writing.refresh_from_db()
    assert killed_while_writing.status == "failed"


def test_the_api_reports_a_dead_job_failed_and_retries_it(client, facts_world, killed_while_writing):
    job = _age(killed_while_writing, 11)
    _token, key = ApiToken.issue(user=facts_world["officer"], name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = client.get(f"/api/v1/imports/{job.pk}", **headers).json()
    assert body["status"] == "failed" and body["message"].startswith(LOST) and body["can_retry"] is True
    response = client.post(f"/api/v1/imports/{job.pk}/retry", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    assert Appraisal.objects.count() == 2
    again = client.post(f"/api/v1/imports/{job.pk}/retry", **headers)
    assert again.status_code == 409
    assert again.json() == {"detail": "Chỉ chạy lại được lượt nhập không thành công."}


def test_a_live_job_is_not_marked_failed(client, facts_world, killed_while_writing):
    job = _age(killed_while_writing, 9)  # silent, but for less than the lease
    client.force_login(facts_world["officer"])
    html = client.get(reverse("exchange:job_status", args=[job.pk])).content.decode()
    assert 'data-status="writing"' in html and 'hx-trigger="every 1s"' in html
    assert client.post(reverse("exchange:job_retry", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "writing"  # a retry of a live job is refused


def test_the_lease_is_a_setting(client, facts_world, killed_while_writing, settings):
    settings.THIDUA_IMPORT_LEASE_SECONDS = 60
    job = _age(killed_while_writing, 2)
    job = services.import_job_reap(job=job)
    assert job.status == "failed" and "(không có tín hiệu trong 1 phút)" in job.message


def test_a_job_records_a_heartbeat_while_it_runs(facts_world, monkeypatch, settings):
    settings.THIDUA_IMPORT_LEASE_SECONDS = 0  # beat on every progress call
    beats = []
    original = services._set_progress

    def spy(job_id: int, value: int) -> None:
        beats.append(value)
        original(job_id, value)

    monkeypatch.setattr(services, "_set_progress", spy)
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="a.xlsx", data=_ratings_file(), dry_run=False
    )
    services.import_job_enqueue(job=job)
    job.refresh_from_db()
    assert job.status == "done" and job.heartbeat_at is not None and len(beats) >= 3
    assert job.task_id


def test_a_task_run_twice_does_not_run_the_job_twice(facts_world):
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="a.xlsx", data=_ratings_file(), dry_run=False
    )
    services.import_job_enqueue(job=job)
    job = services.import_job_run(job_id=job.pk)
    assert job.status == "done" and Appraisal.objects.count() == 2


def test_a_write_that_lost_its_lease_writes_nothing(facts_world, committed_job, monkeypatch):
    """Taken for dead between its last heartbeat and its write: the worker must not write after all."""
    original = services.facts_import_file

    def reaped_meanwhile(**kwargs):
        before_write = kwargs["before_write"]

        def then_reaped():
            before_write()
            ImportJob.objects.filter(pk=committed_job.pk).update(
                heartbeat_at=timezone.now() - timedelta(hours=1)
            )
            services.import_job_reap(job=ImportJob.objects.get(pk=committed_job.pk))

        return original(**{**kwargs, "before_write": then_reaped})

    monkeypatch.setattr(services, "facts_import_file", reaped_meanwhile)
    services.import_job_commit(actor=facts_world["officer"], job=committed_job)
    committed_job.refresh_from_db()
    assert committed_job.status == "failed" and Appraisal.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need a server database")
@pytest.mark.django_db(transaction=True)
def test_a_long_write_holding_its_row_is_not_taken_for_dead(facts_world, committed_job):
    """On PostgreSQL the write transaction locks its job row: a stale heartbeat alone does not kill it."""
    ImportJob.objects.filter(pk=committed_job.pk).update(
        status="writing", heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    locked, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                list(ImportJob.objects.select_for_update().filter(pk=committed_job.pk))
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert locked.wait(10)
        job = services.import_job_reap(job=ImportJob.objects.get(pk=committed_job.pk))
        assert job.status == "writing"
    finally:
        release.set()
        thread.join()
    job = services.import_job_reap(job=ImportJob.objects.get(pk=committed_job.pk))
    assert job.status == "failed"
