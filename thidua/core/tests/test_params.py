"""Query parameters are checked in one place: a control character anywhere, a year that is not an ASCII
integer in 1990–2100, an id that does not fit, a page size or offset out of range are refused with 400 (pages,
styled, Vietnamese) or 400/422 (API, JSON in the declared schema) — never a 500."""

import pytest
from django.test import RequestFactory

from thidua.accounts.models import ApiToken
from thidua.core.params import ParameterError, int_param, year_param

pytestmark = pytest.mark.django_db

PAGES = [
    "/don-vi/",
    "/can-bo/",
    "/nhat-ky/",
    "/phong-trao/",
    "/bao-cao-tien-do/",
    "/dien-hinh-tien-tien/",
    "/danh-gia/",
    "/danh-gia/xep-loai/",
    "/danh-gia/nghi/",
    "/danh-gia/ky-luat/",
    "/danh-gia/tap-the/",
    "/sang-kien/",
    "/khen-thuong/so/",
    "/ra-soat/",
    "/du-lieu/",
    "/du-lieu/xuat/ratings.xlsx",
]
# Pages that read `year` (or `unit`): a bad value is a 400 there, not silently something else.
YEAR_PAGES = {
    "/danh-gia/xep-loai/",
    "/danh-gia/nghi/",
    "/danh-gia/ky-luat/",
    "/danh-gia/tap-the/",
    "/sang-kien/",
    "/khen-thuong/so/",
    "/du-lieu/xuat/ratings.xlsx",
}
UNIT_PAGES = {
    "/can-bo/",
    "/danh-gia/xep-loai/",
    "/danh-gia/nghi/",
    "/danh-gia/ky-luat/",
    "/danh-gia/tap-the/",
}
API_LISTS = [
    "/api/v1/units",
    "/api/v1/people",
    "/api/v1/movements",
    "/api/v1/reports",
    "/api/v1/exemplary-models",
    "/api/v1/ratings",
    "/api/v1/leave",
    "/api/v1/discipline",
    "/api/v1/collective-appraisals",
    "/api/v1/registrations",
    "/api/v1/initiatives",
    "/api/v1/awards",
    "/api/v1/exchange/people",
]
BAD = {
    "nul_in_q": "q=a%00b",
    "nul_in_status": "status=a%00b",
    "nul_in_type": "type=x%00",
    "superscript_year": "year=%C2%B2",
    "huge_year": "year=99999999999999999999",
    "negative_offset": "offset=-1",
    "huge_limit": "limit=100000000000000000000",
    "huge_offset": "offset=100000000000000000000",
    "superscript_unit": "unit=%C2%B2",
    "huge_unit": "unit=99999999999999999999",
}


@pytest.fixture
def admin(make_user):
    return make_user(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("url", PAGES)
def test_pages_refuse_bad_query_parameters_with_400_never_500(client, admin, org_tree, url, bad):
    client.force_login(admin)
    response = client.get(f"{url}?{bad}")
    assert response.status_code < 500
    name = bad.split("=")[0]
    reads = (name == "year" and url in YEAR_PAGES) or (name == "unit" and url in UNIT_PAGES)
    if "%00" in bad or reads:
        assert response.status_code == 400
        page = response.content.decode()
        assert f"“{name}”" in page and "400" in page  # the styled page names the parameter


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("url", API_LISTS)
def test_api_lists_refuse_bad_query_parameters_with_400_or_422(client, admin, org_tree, url, bad):
    _token, key = ApiToken.issue(user=admin, name="test")
    response = client.get(f"{url}?{bad}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code < 500
    if "%00" in bad:
        assert response.status_code == 400 and "ký tự điều khiển" in response.json()["detail"]
    elif response.status_code != 200:  # a parameter the route does not take is ignored
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] and body["errors"][0]["column"] == bad.split("=")[0]


def test_person_page_refuses_a_bad_verdict_year(client, admin, org_tree):
    from thidua.organizations.tests.factories import AssignmentFactory

    person = AssignmentFactory(organization=org_tree["div_a"]).person
    client.force_login(admin)
    assert client.get(f"/can-bo/{person.pk}/?nam=%C2%B2").status_code == 400
    assert client.get(f"/can-bo/{person.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("2024", 2024),
        (" 2024 ", 2024),
        ("²", ParameterError),
        ("1989", ParameterError),
        ("99999999999999999999", ParameterError),
        ("20.5", ParameterError),
        ("-2024", ParameterError),
    ],
)
def test_year_param(raw, expected):
    request = RequestFactory().get("/", {"year": raw})
    if expected is ParameterError:
        with pytest.raises(ParameterError) as error:
            year_param(request)
        assert "year" in error.value.message
    else:
        assert year_param(request) == expected


def test_int_param_default_and_bounds():
    request = RequestFactory().get("/", {"n": "5"})
    assert int_param(request, "missing", default=7) == 7
    assert int_param(request, "n", min=1, max=5) == 5
    with pytest.raises(ParameterError):
        int_param(request, "n", min=6)


def test_api_refuses_nul_in_a_json_body_naming_the_field(client, admin, org_tree):
    """PostgreSQL cannot store NUL in text: the API refuses it at the door instead of failing on write."""
    _token, key = ApiToken.issue(user=admin, name="test")
    body = '{"code": "PT-1", "title": "Thi \\u0000 đua", "period_start": 2025, "period_end": 2025, "objectives": ["a\\u0000"]}'
    response = client.post(
        "/api/v1/movements", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert "“title”" in response.json()["detail"]
    body = '{"items": [{"Mã cán bộ": "CB\\u0000"}]}'
    response = client.post(
        "/api/v1/ratings/bulk", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400 and "“items.0.Mã cán bộ”" in response.json()["detail"]
    body = '{"note": "\\\\u0000 is how JSON writes NUL"}'  # an escaped backslash is not NUL
    response = client.post(
        "/api/v1/eligibility", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code != 400 or "NUL" not in response.json()["detail"]
