"""Every view declares its permission; every route refuses users of another unit and anonymous users."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from thidua.accounts import scope
from thidua.accounts.models import ApiToken, Role
from thidua.organizations.tests.factories import AssignmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Third-party or framework views that are not ours to decorate (admin, i18n, the API's own dispatcher).
FOREIGN_PREFIXES = ("django.", "ninja.")


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_project_view_declares_its_permission():
    missing = []
    for route, callback in _walk(get_resolver()):
        module = getattr(callback, "__module__", "")
        if module.startswith(FOREIGN_PREFIXES) or not module.startswith("thidua."):
            continue
        view = getattr(callback, "view_class", callback)
        if not hasattr(callback, "thidua_permission") and not getattr(view, "thidua_permission", None):
            missing.append(f"{route} → {module}.{getattr(callback, '__name__', callback)}")
    assert missing == [], "views without @view_permission:\n" + "\n".join(missing)


def test_every_api_operation_requires_authentication(client, make_user):
    assert client.get("/api/v1/openapi.json").status_code == 302  # the document itself: logged-in users
    client.force_login(make_user())
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    unauthenticated = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("security")
    ]
    assert unauthenticated == []


@pytest.fixture
def world(make_user, org_tree):
    mine = PersonFactory(family_name="Nguyễn", middle_name="Văn", given_name="An")
    theirs = PersonFactory(family_name="Lê", middle_name="Thị", given_name="Hoa")
    AssignmentFactory(person=mine, organization=org_tree["div_a"])
    AssignmentFactory(person=theirs, organization=org_tree["other"])
    return {
        **org_tree,
        "mine": mine,
        "theirs": theirs,
        "officer": make_user(Role.OFFICER, org_tree["agency"]),
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"]),
        "head_b": make_user(Role.UNIT_HEAD, org_tree["div_b"]),
        "staff_a": make_user(Role.STAFF, org_tree["div_a"], person=mine),
        "outsider": make_user(Role.OFFICER, org_tree["other"]),
    }


PAGE_ROUTES = [
    ("organizations:unit_detail", "div_a"),
    ("organizations:person_detail", "mine"),
]


@pytest.mark.parametrize("name, target", PAGE_ROUTES)
def test_pages_refuse_another_units_user(client, world, name, target):
    url = reverse(name, args=[world[target].pk])
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(world["officer"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "core:home",
        "organizations:unit_list",
        "organizations:person_list",
        "organizations:unit_detail",
        "organizations:person_detail",
        "audit:list",
    ],
)
def test_pages_redirect_anonymous_users_to_login(client, world, name):
    args = (
        [world["div_a"].pk]
        if name.endswith("unit_detail")
        else [world["mine"].pk]
        if "person_detail" in name
        else []
    )
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_unit_head_sees_own_unit_only(client, world):
    client.force_login(world["head_b"])
    assert client.get(reverse("organizations:unit_detail", args=[world["div_a"].pk])).status_code == 404
    assert client.get(reverse("organizations:person_detail", args=[world["mine"].pk])).status_code == 404
    assert client.get(reverse("organizations:unit_detail", args=[world["div_b"].pk])).status_code == 200


def test_staff_sees_themselves_only(client, world, make_user):
    client.force_login(world["staff_a"])
    assert client.get(reverse("organizations:person_detail", args=[world["mine"].pk])).status_code == 200
    colleague = PersonFactory(given_name="Bình")
    AssignmentFactory(person=colleague, organization=world["div_a"])
    assert client.get(reverse("organizations:person_detail", args=[colleague.pk])).status_code == 404
    listed = client.get(reverse("organizations:person_list")).content.decode()
    assert "Nguyễn Văn An" in listed and "Bình" not in listed


def test_person_list_hides_other_agencies(client, world):
    client.force_login(world["officer"])
    content = client.get(reverse("organizations:person_list")).content.decode()
    assert "Nguyễn Văn An" in content and "Lê Thị Hoa" not in content


def test_audit_page_is_for_administrators_only(client, world, make_user):
    client.force_login(world["officer"])
    assert client.get(reverse("audit:list")).status_code == 403
    client.force_login(make_user(Role.ADMIN, world["province"]))
    assert client.get(reverse("audit:list")).status_code == 200


def test_django_admin_is_for_system_administrators_only(client, world, make_user):
    client.force_login(world["officer"])
    assert client.get("/quan-tri/").status_code == 302  # to the admin login: not allowed in
    admin_user = make_user(Role.ADMIN, world["province"], is_staff=True)
    client.force_login(admin_user)
    assert client.get("/quan-tri/").status_code == 200


# --- API ------------------------------------------------------------------------------------------------


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


@pytest.mark.parametrize("path, target", [("/api/v1/units/{}", "div_a"), ("/api/v1/people/{}", "mine")])
def test_api_reads_refuse_another_units_user(client, world, path, target):
    url = path.format(world[target].pk)
    assert client.get(url, **_token(world["outsider"])).status_code == 404
    assert client.get(url, **_token(world["officer"])).status_code == 200
    assert client.get(url).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/units", "/api/v1/people"])
def test_api_lists_are_scoped(client, world, path):
    items = client.get(path, **_token(world["outsider"])).json()["items"]
    codes = {item.get("code") or item.get("staff_code") for item in items}
    assert world["mine"].staff_code not in codes and "A-VP" not in codes
    assert client.get(path).status_code == 401


def test_api_writes_are_for_administrators_only(client, world, make_user):
    payload = {"code": "NEW", "name": "Phòng mới", "kind": "division", "parent_id": world["agency"].pk}
    response = client.post(
        "/api/v1/units", payload, content_type="application/json", **_token(world["officer"])
    )
    assert response.status_code == 403
    admin_user = make_user(Role.ADMIN, world["province"])
    response = client.post("/api/v1/units", payload, content_type="application/json", **_token(admin_user))
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "NEW"
    person = {"staff_code": "P9", "family_name": "Đặng", "given_name": "Hùng", "sex": "M"}
    assert (
        client.post(
            "/api/v1/people", person, content_type="application/json", **_token(world["head_a"])
        ).status_code
        == 403
    )
    # PUT takes every field (what GET returns); PATCH the fields sent. Neither is a unit head's.
    full = {
        **person,
        "middle_name": "",
        "date_of_birth": None,
        "ethnicity_id": None,
        "recruited_on": None,
        "employed_since": None,
    }
    for method, body in (("put", full), ("patch", person)):
        response = getattr(client, method)(
            f"/api/v1/people/{world['mine'].pk}",
            body,
            content_type="application/json",
            **_token(world["head_a"]),
        )
        assert response.status_code == 403, (method, response.content)


def test_api_session_requires_csrf_for_writes(world, make_user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_user(Role.ADMIN, world["province"]))
    payload = {"code": "NEW2", "name": "Phòng mới", "kind": "division"}
    assert csrf_client.post("/api/v1/units", payload, content_type="application/json").status_code in (
        401,
        403,
    )


def test_revoked_token_is_refused(client, world):
    from django.utils import timezone

    token, key = ApiToken.issue(user=world["officer"], name="t")
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_scope_helpers(world):
    assert scope.has_role(world["officer"], Role.OFFICER, organization=world["div_a"])
    assert not scope.has_role(world["head_b"], Role.UNIT_HEAD, organization=world["div_a"])
    assert not scope.has_role(world["outsider"], Role.OFFICER, organization=world["div_a"])


def test_api_docs_are_served_from_our_origin_to_logged_in_users(client, world):
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(world["officer"])
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn." not in page


def test_refusals_are_styled_pages_in_vietnamese(client, world):
    client.force_login(world["outsider"])
    forbidden = client.get("/nhat-ky/")
    assert (
        forbidden.status_code == 403 and "Bạn không có quyền truy cập trang này" in forbidden.content.decode()
    )
