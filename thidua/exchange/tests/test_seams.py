"""The exchange is a toolkit the apps plug their kinds into (issue 9): each kind writes through its app's bulk
service with one audit event per changed row, the toolkit imports no domain app, and a kind whose app is not
registered has no template, export, upload or API list."""

import ast
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from thidua.accounts.models import ApiToken
from thidua.appraisals import services as appraisal_services
from thidua.appraisals.models import DISCIPLINE_FORM_ERROR, Appraisal, Discipline
from thidua.audit.models import AuditEvent
from thidua.commendations.models import AwardRecord
from thidua.core.registry import registry
from thidua.exchange.services import facts_import_rows
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.organizations.models import Assignment, Person

pytestmark = pytest.mark.django_db

EXCHANGE = Path(__file__).resolve().parents[1]
DOMAIN_APPS = re.compile(r"^thidua\.(appraisals|commendations|initiatives|organizations|movements|rules)\b")


def _import(kind, rows, user, dry_run=False):
    return facts_import_rows(
        kind_name=kind, rows=list(enumerate(rows, start=1)), user=user, dry_run=dry_run, source="test"
    )


def _events(model_label, action=None):
    qs = AuditEvent.objects.filter(object_type=model_label)
    return qs.filter(action=action) if action else qs


def test_an_import_audits_each_added_or_changed_row_with_before_and_after(facts_world):
    officer = facts_world["officer"]
    rows = [
        {"staff_code": "CB001", "year": 2024, "rating": "HTTNV"},
        {"staff_code": "CB002", "year": 2024, "rating": "HTXSNV", "months_worked": 10},
    ]
    assert _import("ratings", rows, officer).written
    created = _events("appraisals.appraisal", "create")
    assert created.count() == 2
    cb001 = Appraisal.objects.get(person__staff_code="CB001")
    event = created.get(object_id=str(cb001.pk))
    assert event.before is None and event.after["rating"] == "HTTNV" and event.after["months_worked"] == 12
    assert event.actor == officer and event.object_repr == "CB001 2024"

    changed = [{**rows[0], "rating": "HTNV"}, rows[1]]  # CB002's row is the same as stored
    outcome = _import("ratings", changed, officer)
    assert (outcome.created, outcome.updated) == (0, 2)
    updated = _events("appraisals.appraisal", "update")
    assert updated.count() == 1
    assert updated.get().object_id == str(cb001.pk)
    assert (updated.get().before["rating"], updated.get().after["rating"]) == ("HTTNV", "HTNV")

    _import("ratings", changed, officer)  # nothing changes: nothing written to the trail but the summary
    assert _events("appraisals.appraisal").count() == 3
    assert AuditEvent.objects.filter(action="import", object_type="exchange.ratings").count() == 3


def test_a_dry_run_audits_nothing(facts_world):
    outcome = _import(
        "ratings", [{"staff_code": "CB001", "year": 2024, "rating": "HTTNV"}], None, dry_run=True
    )
    assert (outcome.created, outcome.updated) == (1, 0)
    assert not AuditEvent.objects.exists() and not Appraisal.objects.exists()


def test_every_kind_audits_its_rows(facts_world):
    """People (and their first assignment), leave, discipline, awards, collectives, initiatives and authors."""
    officer = facts_world["officer"]
    imports: dict[str, list[dict[str, Any]]] = {
        "people": [
            {
                "staff_code": "CB100",
                "family_name": "Đỗ",
                "given_name": "Hoa",
                "sex": "F",
                "unit_code": "A-VP",
                "position": "Chuyên viên",
            }
        ],
        "leave": [{"staff_code": "CB001", "year": 2024, "kind": "maternity", "working_days": 120}],
        "discipline": [{"staff_code": "CB002", "decided_on": "02/05/2024", "form": "khien_trach"}],
        "awards": [{"staff_code": "CB001", "code": "LDTT", "year": 2024}],
        "collective": [{"unit_code": "A-VP", "year": 2024, "rating": "HTXSNV"}],
        "initiatives": [
            {
                "code": "SK-1",
                "title": "Số hóa",
                "kind": "initiative",
                "level": "co_so",
                "unit_code": "A-VP",
                "recognized_on": "01/10/2024",
                "staff_code": code,
                "share_pct": 50,
            }
            for code in ("CB001", "CB002")
        ],
    }
    for kind, rows in imports.items():
        outcome = _import(kind, rows, officer)
        assert outcome.written, (kind, outcome.error_lines())
    for label, count in {
        "organizations.person": 1,
        "organizations.assignment": 1,
        "appraisals.leave": 1,
        "appraisals.discipline": 1,
        "commendations.awardrecord": 1,
        "appraisals.collectiveappraisal": 1,
        "initiatives.initiative": 1,
        "initiatives.initiativeauthor": 2,
    }.items():
        assert _events(label, "create").count() == count, label
    # Dropping an author from the file removes them, audited with their values.
    outcome = _import("initiatives", [{**imports["initiatives"][0], "share_pct": 100}], officer)
    assert outcome.written and InitiativeAuthor.objects.count() == 1
    removed = _events("initiatives.initiativeauthor", "delete").get()
    assert removed.before["person_id"] == facts_world["people"]["CB002"].pk and removed.after is None
    share = _events("initiatives.initiativeauthor", "update").get()
    assert (share.before["share_pct"], share.after["share_pct"]) == ("50.00", "100.00")
    assert not _events("initiatives.initiative", "update").exists()  # its own columns did not change


def test_discipline_checks_give_the_forms_messages(facts_world):
    """One rule and one message for a measure without a form: the model's constraint and the import."""
    outcome = _import("discipline", [{"staff_code": "CB001", "decided_on": "02/05/2024"}], None)
    expected = f"Dòng 1, cột 'Hình thức kỷ luật': {DISCIPLINE_FORM_ERROR}"
    assert outcome.error_lines() == [expected]
    constraint = next(c for c in Discipline._meta.constraints if c.name == "discipline_form_unless_pending")
    assert str(constraint.violation_error_message) == str(DISCIPLINE_FORM_ERROR)
    outcome = _import(
        "discipline",
        [
            {
                "staff_code": "CB001",
                "decided_on": "02/05/2024",
                "form": "khien_trach",
                "effective_to": "01/05/2024",
            }
        ],
        None,
    )
    assert outcome.error_lines() == [
        "Dòng 1, cột 'Hiệu lực đến': Ngày “Hiệu lực đến” phải sau hoặc bằng ngày “Hiệu lực từ”."
    ]


@pytest.fixture
def moved(facts_world):
    """CB050 worked in division A until the end of 2022, then in the other agency."""
    person = Person(
        family_name="Hồ", given_name="Lan", sex="F", staff_code="CB050", recruited_on=date(2015, 1, 1)
    )
    person.save()
    orgs, position = facts_world["orgs"], facts_world["position"]
    Assignment.objects.create(
        person=person,
        organization=orgs["div_a"],
        position=position,
        start_on=date(2015, 1, 1),
        end_on=date(2022, 12, 31),
    )
    Assignment.objects.create(
        person=person, organization=orgs["other"], position=position, start_on=date(2023, 1, 1)
    )
    return person


@pytest.mark.parametrize(
    ("kind", "row"),
    [
        ("ratings", {"rating": "HTTNV", "unit_code": "A-VP"}),
        ("leave", {"kind": "maternity", "working_days": 10}),
        ("discipline", {"form": "khien_trach"}),
        ("awards", {"code": "LDTT"}),
        (
            "initiatives",
            {"code": "SK-7", "title": "T", "kind": "initiative", "level": "co_so", "unit_code": "A-VP"},
        ),
    ],
)
def test_every_dated_kind_refuses_a_year_the_person_was_elsewhere(facts_world, moved, kind, row):
    dated = {
        "ratings": lambda y: {"year": y},
        "leave": lambda y: {"year": y},
        "awards": lambda y: {"year": y},
        "discipline": lambda y: {"decided_on": f"02/05/{y}"},
        "initiatives": lambda y: {"recognized_on": f"01/10/{y}"},
    }[kind]
    officer = facts_world["officer"]
    late = _import(kind, [{**row, "staff_code": "CB050", **dated(2024)}], officer, dry_run=True)
    assert [e.code for e in late.errors] == ["scope"], late.error_lines()
    assert "Năm 2024" in late.errors[0].message
    early = _import(kind, [{**row, "staff_code": "CB050", **dated(2021)}], officer, dry_run=True)
    assert early.clean, early.error_lines()


def test_two_imports_adding_the_same_rows_at_once_end_with_a_message(client, facts_world, monkeypatch):
    """The second writer read the table before the first committed: the database refuses its copies, and it
    gets a message (409 from the API), not a server error; nothing of it is written."""
    officer = facts_world["officer"]
    rows = [{"staff_code": "CB001", "year": 2024, "rating": "HTTNV"}]
    assert _import("ratings", rows, officer).written
    monkeypatch.setattr(appraisal_services, "_stored_by_key", lambda *args, **kwargs: {})  # a stale read
    events = AuditEvent.objects.count()
    outcome = _import("ratings", [{**rows[0], "rating": "HTNV"}], officer)
    assert not outcome.written and "Một lượt ghi khác vừa thêm chính các dòng này" in outcome.refused
    assert Appraisal.objects.get().rating == "HTTNV" and AuditEvent.objects.count() == events
    _token, key = ApiToken.issue(user=officer, name="test")
    response = client.post(
        "/api/v1/ratings/bulk",
        {"items": [{**rows[0], "rating": "HTNV"}]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 409 and "chưa ghi dòng nào" in response.json()["detail"]


def test_the_exchange_toolkit_imports_no_domain_app():
    offenders = []
    for path in sorted(EXCHANGE.rglob("*.py")):
        if "tests" in path.relative_to(EXCHANGE).parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            offenders += [
                f"{path.relative_to(EXCHANGE)}:{getattr(node, 'lineno', 0)} {n}"
                for n in names
                if DOMAIN_APPS.match(n)
            ]
    assert offenders == []


def test_kinds_come_from_the_apps_registry():
    assert [k.name for k in sorted(registry.excel_kinds.values(), key=lambda k: k.order)] == [
        "people",
        "ratings",
        "leave",
        "discipline",
        "initiatives",
        "awards",
        "collective",
    ]
    assert type(registry.excel_kinds["awards"]).__module__ == "thidua.commendations.exchange"
    assert type(registry.excel_kinds["people"]).__module__ == "thidua.organizations.exchange"


def test_a_kind_whose_app_is_not_registered_has_no_template_export_upload_or_api(
    client, facts_world, monkeypatch
):
    AwardRecord.objects.create(code="LDTT", person=facts_world["people"]["CB001"], year=2024)
    officer = facts_world["officer"]
    client.force_login(officer)
    _token, key = ApiToken.issue(user=officer, name="test")
    api = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(reverse("exchange:template", args=["awards"])).status_code == 200
    assert client.get("/api/v1/awards", **api).status_code == 200
    assert (
        reverse("exchange:template", args=["awards"]) in client.get(reverse("exchange:home")).content.decode()
    )

    monkeypatch.delitem(registry.excel_kinds, "awards")
    assert client.get(reverse("exchange:template", args=["awards"])).status_code == 404
    assert client.get(reverse("exchange:export", args=["awards"])).status_code == 404
    assert client.get(reverse("exchange:upload", args=["awards"])).status_code == 404
    home = client.get(reverse("exchange:home")).content.decode()
    assert reverse("exchange:template", args=["awards"]) not in home
    assert reverse("exchange:template", args=["ratings"]) in home
    assert client.get("/api/v1/awards", **api).status_code == 404
    bulk = client.post("/api/v1/awards/bulk", {"items": []}, content_type="application/json", **api)
    assert bulk.status_code == 404
    assert client.get("/api/v1/ratings", **api).status_code == 200
    with pytest.raises(ValueError, match="awards"):
        _import("awards", [], officer)
    assert Initiative.objects.count() == 0
