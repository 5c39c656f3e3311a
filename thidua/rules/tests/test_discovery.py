"""Candidate discovery over the demo Department, verdict sections, configuration, scope."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from thidua.accounts.models import Role, User
from thidua.core.tests.demo_fixtures import demo_once
from thidua.organizations.models import Organization, Person
from thidua.rules import loader, services
from thidua.rules.engine.eras import procedure_era
from thidua.rules.models import DiscoveryRun, DiscoveryStatus, RuleOverride

pytestmark = pytest.mark.django_db


demo_seeded = demo_once(people=160, years=10, seed=2021)


@pytest.fixture
def demo(demo_seeded, db):
    return Organization.objects.get(code="YB-SKHCN")


def test_sweep_loads_facts_in_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        scope = loader.scope_load(organization=demo, year=2024)
    assert len(scope.people) >= 140 and len(scope.collectives) >= 7


def test_discovery_finds_the_demo_chains(demo, django_capture_on_commit_callbacks):
    officer = User.objects.get(username="vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.discovery_start(actor=officer, organization=demo, year=2024)
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.DONE and run.progress == 100
    by_code: dict[tuple[str, str], list[dict]] = {}
    for row in run.findings:
        by_code.setdefault((row["code"], row["status"]), []).append(row)
    # Three consecutive CSTĐCS (2022–2024) with a provincial initiative → CSTĐ tỉnh; two → one step away.
    assert by_code.get(("CSTD_TINH", "eligible")) or by_code.get(("CSTD_TINH", "needs_council_judgement"))
    assert by_code.get(("CSTD_TINH", "one_step_away"))
    assert by_code.get(("CSTDCS", "eligible"))
    unit_ids = set(Organization.objects.filter(path__startswith=demo.path).values_list("pk", flat=True))
    assert all(row["unit_id"] in unit_ids for row in run.findings)
    # The same verdict as a single check on the person's page.
    row = by_code[("CSTDCS", "eligible")][0]
    person = Person.objects.get(pk=row["key"])
    single = {ev.code: ev.verdict for ev in services.person_evaluations(person=person, year=2024)}
    assert single["CSTDCS"] == "eligible"


def test_discovery_pages_and_excel_export(client, demo, django_capture_on_commit_callbacks):
    client.force_login(User.objects.get(username="vanphong"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rules:discovery"), {"organization": demo.pk, "year": 2024})
    run = DiscoveryRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "rules:discovery_run", args=[run.pk]
    )
    page = client.get(reverse("rules:discovery_run", args=[run.pk]), {"code": "CSTD_TINH"})
    content = page.content.decode()
    assert page.status_code == 200 and "Chiến sĩ thi đua" in content
    export = client.get(reverse("rules:discovery_export", args=[run.pk]), {"code": "CSTDCS"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên / Tập thể"
    assert len(rows) > 1 and all(r[2] == "CSTDCS" for r in rows[1:])


def test_discovery_refuses_users_of_other_units(client, demo, make_user):
    run = services.discovery_start(actor=None, organization=demo, year=2024)
    other = Organization.objects.create(kind="agency", code="OTHER", name="Sở Tài chính")
    outsider = make_user(Role.OFFICER, other)
    client.force_login(outsider)
    assert client.get(reverse("rules:discovery_run", args=[run.pk])).status_code == 404
    assert client.get(reverse("rules:discovery_export", args=[run.pk])).status_code == 404
    assert client.post(reverse("rules:discovery"), {"organization": demo.pk, "year": 2024}).status_code == 200
    assert DiscoveryRun.objects.count() == 1  # the form refused an organization outside the user's scope
    staff = User.objects.get(username="nhanvien")
    client.force_login(staff)
    assert client.get(reverse("rules:discovery")).status_code == 403


def test_person_page_shows_verdicts_with_reasons_and_basis(client, demo):
    client.force_login(User.objects.get(username="vanphong"))
    person = Person.objects.get(family_name="Nguyễn", middle_name="Văn", given_name="An")
    content = client.get(
        reverse("organizations:person_detail", args=[person.pk]), {"nam": 2024}
    ).content.decode()
    assert 'data-testid="verdict-LDTT"' in content and 'data-testid="verdict-CSTD_TINH"' in content
    assert "Luật Thi đua, khen thưởng 06/2022/QH15" in content
    # The demo's decision 01/QĐ-SKHCN gave him CSTĐCS for 2024 (issue 13), so the page prices what he may still
    # receive: a Giấy khen, 0.3 × 2,340,000 VND (lương cơ sở from 01/07/2024) rounded up to 710,000 on 01/01/2025.
    assert person.awards.filter(code="CSTDCS", year=2024, decision_number="01/QĐ-SKHCN").exists()
    assert 'data-testid="money-CSTDCS"' not in content
    assert 'data-testid="money-GIAY_KHEN">Tiền thưởng dự kiến: 710.000 đồng' in content


def test_unit_page_shows_collective_verdicts(client, demo):
    client.force_login(User.objects.get(username="vanphong"))
    unit = Organization.objects.get(code="YB-SKHCN-QLKH")
    content = client.get(reverse("organizations:unit_detail", args=[unit.pk]), {"nam": 2024}).content.decode()
    assert 'data-testid="verdict-TTLDTT"' in content and 'data-testid="verdict-TTLDXS"' in content


def test_config_page_flags_values_to_verify_and_province_overrides(client, demo):
    client.force_login(User.objects.get(username="vanphong"))
    content = client.get(reverse("rules:config")).content.decode()
    assert "cần xác minh" in content
    province = demo.parent
    services.rule_override_set(
        actor=None,
        organization=province,
        key="cstdcs.quota_pct_of_ldtt",
        value=12,
        source="Quyết định quy chế thi đua của tỉnh",
    )
    config = services.rule_config_for(organization=Organization.objects.get(code="YB-SKHCN-VP"))
    assert config.get("cstdcs.quota_pct_of_ldtt") == 12
    assert not config.to_verify("cstdcs.quota_pct_of_ldtt")
    with pytest.raises(KeyError):
        services.rule_override_set(actor=None, organization=province, key="no.such.key", value=1, source="x")
    assert RuleOverride.objects.count() == 1


@pytest.mark.django_db
def test_one_rule_for_the_overrides_a_page_and_a_sweep_apply(org_tree):
    """The values that judge a person are the agency's and the province's, whoever asks: the person's page (their
    division), a sweep of the agency and a sweep of the division agree; a division's own value is not applied."""
    key = "cstdcs.quota_pct_of_ldtt"
    services.rule_override_set(
        actor=None, organization=org_tree["province"], key=key, value=12, source="Tỉnh"
    )
    services.rule_override_set(actor=None, organization=org_tree["agency"], key=key, value=11, source="Sở")
    services.rule_override_set(actor=None, organization=org_tree["div_a"], key=key, value=5, source="Phòng")
    values = {
        name: services.rule_config_for(organization=org_tree[name]).get(key)
        for name in ("agency", "div_a", "div_b")
    }
    assert values == {"agency": 11, "div_a": 11, "div_b": 11}
    assert (
        services.rule_config_for(organization=org_tree["other"]).get(key) == 12
    )  # another agency: the province


def test_a_date_override_comes_back_as_a_date(org_tree):
    """An override of a date (the start of NĐ 152's era) is stored as JSON text and read back as a date, so the
    era of a proposal can still be compared with it."""
    services.rule_override_set(
        actor=None, organization=org_tree["agency"], key="era.e3_start", value="2025-08-01", source="Sở"
    )
    config = services.rule_config_for(organization=org_tree["div_a"])
    assert config.get("era.e3_start") == dt.date(2025, 8, 1)
    assert procedure_era(dt.date(2025, 7, 15), config).era == "E2"
    assert procedure_era(dt.date(2025, 8, 1), config).era == "E3"
