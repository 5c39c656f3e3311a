"""The discovery page is read by people: titles by name, how many conditions are missing (not "one" above two),
and a long run in pages of 50."""

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.rules.models import DiscoveryRun, DiscoveryStatus

pytestmark = pytest.mark.django_db


def _finding(n, unit, *, missing):
    return {
        "kind": "individual",
        "key": n,
        "name": f"Người số {n:03d}",
        "unit_id": unit.pk,
        "unit": unit.name,
        "code": "CSTDCS",
        "status": "one_step_away",
        "missing": missing,
        "rule_set": "luat-06-2022+nd-152-2025",
    }


def test_a_long_run_is_paged_names_titles_and_counts_missing_conditions(client, make_user, org_tree):
    unit = org_tree["div_a"]
    findings = [
        _finding(n, unit, missing=["Sáng kiến cấp cơ sở", "Hoàn thành xuất sắc nhiệm vụ"]) for n in range(120)
    ]
    run = DiscoveryRun.objects.create(
        organization=org_tree["agency"], year=2024, status=DiscoveryStatus.DONE, findings=findings
    )
    client.force_login(make_user(Role.OFFICER, org_tree["agency"], include_subunits=True))
    url = reverse("rules:discovery_run", args=[run.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert len(first.context["rows"]) == 50 and first.context["total"] == 120
    text = first.content.decode()
    assert "Chiến sĩ thi đua cơ sở" in text and ">CSTDCS<" not in text
    assert "Còn thiếu 2 điều kiện" in text and "Còn thiếu một điều kiện" not in text
    last = client.get(url, {"page": 3})
    assert len(last.context["rows"]) == 20
    assert "Người số 119" in last.content.decode()
