"""The import job: upload → background task (immediate backend in tests) → progress → errors or summary;
the commit after a clean dry run; job pages scoped to their owner."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.appraisals.models import Appraisal
from thidua.exchange import services
from thidua.exchange.models import ImportJob

from .conftest import RATINGS_HEADER, make_xlsx

pytestmark = pytest.mark.django_db


def _upload(client, data, dry_run=True):
    payload: dict[str, object] = {"file": SimpleUploadedFile("xep-loai.xlsx", data)}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("exchange:upload", args=["ratings"]), payload)


def test_the_task_updates_progress_in_steps(facts_world, monkeypatch, settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 6000
    seen = []
    original = services._set_progress

    def spy(job_id: int, value: int) -> None:
        seen.append(value)
        original(job_id, value)

    monkeypatch.setattr(services, "_set_progress", spy)
    rows = [[code, "", year, "HTTNV"] for code in ("CB001", "CB002", "CB003") for year in range(2010, 2044)]
    data = make_xlsx(rows[:100], header=RATINGS_HEADER)
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="a.xlsx", data=data
    )
    services.import_job_enqueue(job=job)
    job.refresh_from_db()
    assert job.status == "clean" and job.progress == 100 and job.total_rows == 100
    assert len(seen) >= 3 and seen == sorted(seen) and all(0 < v < 100 for v in seen)


def test_upload_dry_run_then_commit_through_the_pages(client, facts_world):
    client.force_login(facts_world["officer"])
    data = make_xlsx([["CB001", "", 2024, "HTTNV"], ["CB002", "", 2024, "HTXSNV"]], header=RATINGS_HEADER)
    response = _upload(client, data)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exchange:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'value="100"' in page and "Tệp hợp lệ: 2 dòng (2 thêm mới, 0 cập nhật). Chưa ghi." in page
    assert Appraisal.objects.count() == 0
    client.post(reverse("exchange:job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and Appraisal.objects.count() == 2
    status = client.get(reverse("exchange:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in status and "Đã ghi 2 dòng" in status


def test_upload_with_errors_lists_them_and_writes_nothing(client, facts_world):
    client.force_login(facts_world["officer"])
    data = make_xlsx([["CB001", "", 2024, "HTTNV"], ["CB404", "", 2024, "ABC"]], header=RATINGS_HEADER)
    _upload(client, data, dry_run=False)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and Appraisal.objects.count() == 0
    page = client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "Không tìm thấy cán bộ có mã “CB404”." in page
    assert client.post(reverse("exchange:job_commit", args=[job.pk])).status_code == 302
    assert Appraisal.objects.count() == 0


def test_a_pdf_upload_fails_clearly(client, facts_world):
    client.force_login(facts_world["officer"])
    _upload(client, b"%PDF-1.4 not a spreadsheet")
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.message.startswith("Tệp không phải là bảng tính Excel")


def test_exchange_pages_permissions(client, facts_world):
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="a.xlsx", data=b"x"
    )
    officer_only = [
        reverse("exchange:home"),
        reverse("exchange:upload", args=["ratings"]),
        reverse("exchange:job", args=[job.pk]),
        reverse("exchange:job_status", args=[job.pk]),
    ]
    anyone = [reverse("exchange:template", args=["ratings"]), reverse("exchange:export", args=["awards"])]
    for url in officer_only + anyone:
        assert client.get(url).status_code == 302, url
    client.force_login(facts_world["staff"])
    for url in officer_only:
        assert client.get(url).status_code == 403, url
    for url in anyone:
        assert client.get(url).status_code == 200, url
    client.force_login(facts_world["other_officer"])
    assert client.get(reverse("exchange:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("exchange:job_commit", args=[job.pk])).status_code == 404
    assert client.get(reverse("exchange:upload", args=["nothing"])).status_code == 404


def test_a_running_job_page_polls_every_second(client, facts_world):
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="a.xlsx", data=b"x"
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running", progress=35)
    client.force_login(facts_world["officer"])
    html = client.get(reverse("exchange:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="35"' in html
