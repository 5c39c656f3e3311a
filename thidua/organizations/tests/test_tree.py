"""The organisation tree through the API: a move rewrites the subtree's paths (scope follows the new tree),
cycles are refused naming `parent`, PUT replaces every field (a GET → PUT round trip keeps `symbol`) and PATCH
changes only what it sends."""

import pytest

from thidua.accounts.models import ApiToken, Role
from thidua.accounts.scope import visible_organizations
from thidua.organizations.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def admin_headers(make_user):
    _token, key = ApiToken.issue(user=make_user(is_staff=True, is_superuser=True), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def deep(org_tree):
    """A team under Văn phòng Sở (div_a), so that moving div_a moves a grandchild too."""
    team = Organization.objects.create(
        kind=OrganizationKind.UNIT, code="A-VP-T", name="Tổ hành chính", parent=org_tree["div_a"]
    )
    return {**org_tree, "team": team}


def _path(unit: Organization) -> str:
    return Organization.objects.values_list("path", flat=True).get(pk=unit.pk)


def test_moving_a_unit_rewrites_the_paths_of_its_whole_subtree(client, admin_headers, deep, make_user):
    div_a, team, other = deep["div_a"], deep["team"], deep["other"]
    body = client.get(f"{API}/units/{div_a.pk}", **admin_headers).json()
    body["parent_id"] = other.pk
    response = client.put(f"{API}/units/{div_a.pk}", body, content_type="application/json", **admin_headers)
    assert response.status_code == 200, response.content
    assert _path(div_a) == f"{_path(other)}{div_a.pk}/"
    assert _path(team) == f"{_path(other)}{div_a.pk}/{team.pk}/"
    # Scope follows the new tree: the head of the other agency (with sub-units) now sees the team.
    head = make_user(Role.UNIT_HEAD, other, include_subunits=True)
    assert visible_organizations(head).filter(pk=team.pk).exists()
    old_head = make_user(Role.UNIT_HEAD, deep["agency"], include_subunits=True)
    assert not visible_organizations(old_head).filter(pk=team.pk).exists()


@pytest.mark.parametrize("new_parent", ["itself", "child", "grandchild"])
def test_a_unit_cannot_become_its_own_ancestor(client, admin_headers, deep, new_parent):
    agency = deep["agency"]
    target = {"itself": agency, "child": deep["div_a"], "grandchild": deep["team"]}[new_parent]
    paths_before = dict(Organization.objects.values_list("pk", "path"))
    response = client.patch(
        f"{API}/units/{agency.pk}", {"parent_id": target.pk}, content_type="application/json", **admin_headers
    )
    assert response.status_code == 422
    body = response.json()
    assert [e["column"] for e in body["errors"]] == ["parent"]
    assert "cấp trên" in body["errors"][0]["message"]
    assert dict(Organization.objects.values_list("pk", "path")) == paths_before


def test_get_then_put_keeps_every_field(client, admin_headers, org_tree):
    agency = org_tree["agency"]
    Organization.objects.filter(pk=agency.pk).update(place_name="Lào Cai")
    body = client.get(f"{API}/units/{agency.pk}", **admin_headers).json()
    assert body["symbol"] == "SKHCN"
    body["name"] = "Sở Khoa học, Công nghệ"
    response = client.put(f"{API}/units/{agency.pk}", body, content_type="application/json", **admin_headers)
    assert response.status_code == 200, response.content
    agency.refresh_from_db()
    assert (agency.name, agency.symbol, agency.place_name) == ("Sở Khoa học, Công nghệ", "SKHCN", "Lào Cai")


def test_put_without_symbol_is_refused_and_patch_changes_only_what_it_sends(client, admin_headers, org_tree):
    agency = org_tree["agency"]
    partial = {"code": "A", "name": "Sở mới", "kind": "agency", "parent_id": org_tree["province"].pk}
    response = client.put(
        f"{API}/units/{agency.pk}", partial, content_type="application/json", **admin_headers
    )
    assert response.status_code == 422
    assert {e["column"] for e in response.json()["errors"]} >= {"symbol", "valid_from"}
    response = client.patch(
        f"{API}/units/{agency.pk}", {"name": "Sở mới"}, content_type="application/json", **admin_headers
    )
    assert response.status_code == 200
    agency.refresh_from_db()
    assert (agency.name, agency.symbol, agency.parent_id) == ("Sở mới", "SKHCN", org_tree["province"].pk)


def test_the_admin_form_refuses_a_cycle_and_moves_the_subtree(client, deep, make_user):
    """The HTML path (Django admin) runs the same model rules."""
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    div_a, team, other = deep["div_a"], deep["team"], deep["other"]
    url = f"/quan-tri/organizations/organization/{div_a.pk}/change/"
    form = {
        "kind": "division",
        "code": div_a.code,
        "name": div_a.name,
        "short_name": "",
        "symbol": "",
        "place_name": "",
        "valid_from": "01/01/2000",
        "valid_to": "",
    }
    response = client.post(url, {**form, "parent": team.pk})
    assert response.status_code == 200 and "cấp trên" in response.content.decode()
    assert _path(team) == f"{_path(div_a)}{team.pk}/"
    response = client.post(url, {**form, "parent": other.pk})
    assert response.status_code == 302
    assert _path(team) == f"{_path(other)}{div_a.pk}/{team.pk}/"


def test_person_get_then_put_keeps_the_ethnicity_and_patch_changes_one_field(client, admin_headers, db):
    from thidua.organizations.models import Ethnicity
    from thidua.organizations.tests.factories import PersonFactory

    tay = Ethnicity.objects.get_or_create(code="02", defaults={"name": "Tày"})[0]
    person = PersonFactory(ethnicity=tay)
    url = f"{API}/people/{person.pk}"
    body = client.get(url, **admin_headers).json()
    body.pop("id"), body.pop("full_name"), body.pop("ethnicity")
    body["given_name"] = "Hội"
    assert client.put(url, body, content_type="application/json", **admin_headers).status_code == 200
    person.refresh_from_db()
    assert (person.given_name, person.ethnicity_id) == ("Hội", tay.pk)
    response = client.patch(url, {"middle_name": "Xuân"}, content_type="application/json", **admin_headers)
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.middle_name, person.given_name, person.ethnicity_id) == ("Xuân", "Hội", tay.pk)
