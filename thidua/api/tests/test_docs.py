"""The API's documents: the OpenAPI document for machines with a bearer token, the docs page for logged-in users,
every operation summarised in Vietnamese, and a menu entry to the docs for the office and the administrators."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r"\b(List|Get|Create|Update|Patch|Delete|Bulk|upsert|scoped|Retry|Registration)\b")
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)


def test_the_openapi_document_is_fetched_with_a_bearer_token(client, make_user):
    _token, key = ApiToken.issue(user=make_user(), name="máy chủ tích hợp")
    response = client.get("/api/v1/openapi.json", headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response.json()["paths"]


@pytest.mark.parametrize("header", [None, "Bearer td_not-a-token", "Basic eDp5"])
def test_without_a_valid_token_or_session_the_documents_send_to_login(client, header):
    headers = {"authorization": header} if header else {}
    for url in ("/api/v1/openapi.json", "/api/v1/docs"):
        response = client.get(url, headers=headers)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"], url


def test_a_revoked_token_does_not_open_the_openapi_document(client, make_user):
    token, key = ApiToken.issue(user=make_user(), name="cũ")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    response = client.get("/api/v1/openapi.json", headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 302


def test_logged_in_users_keep_the_docs_page(client, make_user):
    client.force_login(make_user())
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_every_operation_has_a_vietnamese_summary(client, make_user):
    client.force_login(make_user())
    document = client.get("/api/v1/openapi.json").json()
    operations = [(m, p, op) for p, ops in document["paths"].items() for m, op in ops.items()]
    assert len(operations) >= 40
    for method, path, operation in operations:
        texts = [operation.get("summary", ""), operation.get("description", "")]
        assert operation.get("summary") and VIETNAMESE.search(operation["summary"]), (method, path, texts)
        assert not any(ENGLISH.search(text) for text in texts), (method, path, texts)


@pytest.mark.parametrize(
    ("role", "unit", "shown"),
    [(Role.OFFICER, "agency", True), (Role.ADMIN, "province", True), (Role.STAFF, "div_a", False)],
)
def test_the_menu_links_the_api_docs_for_the_office_and_administrators(
    client, org_tree, make_user, role, unit, shown
):
    client.force_login(make_user(role, org_tree[unit], include_subunits=True))
    content = client.get(reverse("core:home")).content.decode()
    assert (f'href="{reverse("api-v1:openapi-view")}"' in content) is shown
    assert ("Tài liệu API" in content) is shown
