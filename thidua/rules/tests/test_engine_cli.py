"""`manage.py eligibility --facts FILE|-`: the contract on the command line (needs the Django scaffold)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_django")
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLE = Path(__file__).parent / "contract_examples" / "cstd_tinh_2024.json"
ROOT = Path(__file__).resolve().parents[3]
MANAGE = ROOT / "manage.py"


def test_command_prints_the_answer_for_a_file() -> None:
    out = io.StringIO()
    call_command("eligibility", "--facts", str(EXAMPLE), stdout=out)
    ans = json.loads(out.getvalue())
    assert ans["verdict"] == "eligible"
    assert ans["rule_set"] == "luat-06-2022+nd-98-2023"
    assert "Chiến sĩ thi đua cơ sở" in out.getvalue()  # UTF-8, not \\u escapes


def test_command_reads_standard_input() -> None:
    out = io.StringIO()
    call_command(
        "eligibility", "--facts", "-", stdin=io.StringIO(EXAMPLE.read_text(encoding="utf-8")), stdout=out
    )
    assert json.loads(out.getvalue())["code"] == "CSTD_TINH"


def test_command_refuses_bad_input_with_status_2() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["years"]["2024"]["leave"][0]["working_days"] = -5
    out = io.StringIO()
    with pytest.raises(CommandError) as err:
        call_command("eligibility", "--facts", "-", stdin=io.StringIO(json.dumps(data)), stdout=out)
    assert err.value.returncode == 2
    assert "years.2024.leave[0].working_days" in str(err.value)
    assert out.getvalue() == ""


def _run(stdin: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    return subprocess.run(
        [sys.executable, str(MANAGE), "eligibility", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not MANAGE.exists(), reason="manage.py not present")
def test_subprocess_answers_on_stdout_with_status_0() -> None:
    proc = _run(EXAMPLE.read_text(encoding="utf-8"), "--facts", "-")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode("utf-8"))["verdict"] == "eligible"


@pytest.mark.skipif(not MANAGE.exists(), reason="manage.py not present")
@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["question"].update(code="KHONG_CO"), "question.code"),
        (lambda d: d["years"].update({"2O24": {}}), "years.2O24"),
        (
            lambda d: d["years"]["2024"]["leave"][0].update(working_days=-1),
            "years.2024.leave[0].working_days",
        ),
    ],
    ids=["unknown code", "malformed year", "negative days"],
)
def test_subprocess_bad_input_exits_2_naming_the_field(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    mutate(data)
    proc = _run(json.dumps(data, ensure_ascii=False), "--facts", "-")
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert field in proc.stderr.decode("utf-8")


@pytest.mark.skipif(not MANAGE.exists(), reason="manage.py not present")
def test_subprocess_invalid_json_exits_2() -> None:
    proc = _run("{not json", "--facts", "-")
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert "JSON không hợp lệ" in proc.stderr.decode("utf-8")


EXAMPLE_1_1 = EXAMPLE.parent / "track_1_1.json"


def test_command_answers_the_contract_1_1_example_as_documented() -> None:
    """Contract 1.1: question.track per question of a batch, used-up initiatives, employed_since, members."""
    out = io.StringIO()
    call_command("eligibility", "--facts", str(EXAMPLE_1_1), stdout=out)
    stored = json.loads((EXAMPLE.parent / "track_1_1.answer.json").read_text(encoding="utf-8"))
    assert json.loads(out.getvalue()) == stored
    assert [a["verdict"] for a in stored["answers"]] == [
        "not_eligible",
        "needs_council_judgement",
        "eligible",
        "not_eligible",
    ]
