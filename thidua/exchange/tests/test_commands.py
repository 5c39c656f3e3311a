"""The command line: exit 0 only when the file is clean (and written); one error line each on stderr."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from thidua.appraisals.models import Appraisal
from thidua.core.tests.shared_db import database_for_subprocess

from .conftest import RATINGS_HEADER, make_xlsx

ROOT = Path(__file__).resolve().parents[3]


def _run(*args):
    out, err = StringIO(), StringIO()
    code: str | int | None
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_facts_exit_codes_and_errors_on_stderr(facts_world, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        make_xlsx([["CB001", "", 2024, "HTTNV"], ["CB002", "", 2024, "TOT"]], header=RATINGS_HEADER)
    )
    code, _out, err = _run("import_facts", "ratings", str(bad))
    assert code == 1
    assert err.splitlines()[0].startswith("Dòng 3, cột 'Xếp loại': “TOT” không có trong danh mục")
    assert Appraisal.objects.count() == 0
    good = tmp_path / "good.xlsx"
    good.write_bytes(make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER))
    assert _run("import_facts", "ratings", str(good), "--dry-run")[0] == 0
    assert Appraisal.objects.count() == 0
    code, out, _err = _run("import_facts", "ratings", str(good))
    assert code == 0 and "Đã ghi: 1 dòng" in out and Appraisal.objects.count() == 1


@pytest.mark.django_db
def test_export_facts_writes_the_template_columns(facts_world, tmp_path):
    from openpyxl import load_workbook

    Appraisal.objects.create(
        person=facts_world["people"]["CB001"],
        year=2024,
        rating="HTTNV",
        organization=facts_world["orgs"]["div_a"],
    )
    target = tmp_path / "r.xlsx"
    assert _run("export_facts", "ratings", "--year", "2024", "--output", str(target))[0] == 0
    rows = list(load_workbook(target, read_only=True)["Dữ liệu"].iter_rows(values_only=True))
    assert list(rows[0]) == RATINGS_HEADER and rows[1][0] == "CB001"


@pytest.mark.django_db(transaction=True)
def test_real_exit_status_of_manage_py(tmp_path):
    """A subprocess on the test database: the shell sees status 1 for a PDF, 0 for a clean dry run."""
    with database_for_subprocess(tmp_path) as database_url:
        _exit_statuses(
            tmp_path,
            # The project's settings (the test settings name a stand-in replica only the test process has).
            {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"},
        )


def _exit_statuses(tmp_path, env):
    manage = [sys.executable, str(ROOT / "manage.py")]
    pdf = tmp_path / "not.xlsx"
    pdf.write_bytes(b"%PDF-1.7 fake")
    result = subprocess.run(
        [*manage, "import_facts", "ratings", str(pdf)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Tệp không phải là bảng tính Excel .xlsx")
    empty = tmp_path / "empty.xlsx"
    subprocess.run(
        [*manage, "export_facts", "awards", "--output", str(empty)],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    result = subprocess.run(
        [*manage, "import_facts", "awards", str(empty), "--dry-run"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "không có dòng dữ liệu" in result.stderr
