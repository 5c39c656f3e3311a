"""The decisions' API: scoped reads (another agency's office sees nothing, a division's head the issued decisions
naming the division), the lifecycle through it (409 on a stale version, 422 on a refused step or bad input, 403
for a caller without the role), the signature check in the detail, 401 for anonymous callers, and every operation
in the OpenAPI document with its security and error responses."""

import pytest

from thidua.accounts.models import ApiToken
from thidua.commendations.models import AwardRecord
from thidua.decisions.models import DecisionStatus

API = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def token(people):
    def _token(who):
        _t, key = ApiToken.issue(user=people[who], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _token


def _post(client, url, body, headers):
    return client.post(url, body, "application/json", **headers)


def test_the_lifecycle_through_the_api(client, drafts, token):
    award, _proposal = drafts
    office, head = token("officer"), token("signer")
    url = f"{API}/decisions/{award.pk}/transitions"
    answer = _post(client, url, {"action": "submit", "version": award.version}, office)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "submitted" and body["version"] == award.version + 1
    stale = _post(client, url, {"action": "sign", "version": award.version}, head)
    assert stale.status_code == 409 and "vừa được người khác thay đổi" in stale.json()["detail"]
    refused = _post(client, url, {"action": "issue", "version": body["version"]}, office)
    assert refused.status_code == 422 and refused.json()["errors"]
    forbidden = _post(client, url, {"action": "sign", "version": body["version"]}, office)
    assert forbidden.status_code == 403
    signed = _post(client, url, {"action": "sign", "version": body["version"]}, head)
    assert signed.status_code == 200, signed.content
    signed = signed.json()
    assert signed["status"] == "signed" and signed["number_symbol"].endswith("/QĐ-SKHCN")
    assert signed["signature"]["signed"] and signed["signature"]["valid"]
    assert signed["signature"]["demo_certificate"] and signed["signature"]["problems"] == []
    issued = _post(client, url, {"action": "issue", "version": signed["version"]}, office).json()
    assert issued["status"] == "issued"
    assert len(issued["lines"]) == 3 and all(line["award_id"] for line in issued["lines"])
    assert issued["total_amount"] == sum(line["amount"] for line in issued["lines"])
    assert AwardRecord.objects.filter(decision_number=issued["number_symbol"]).count() == 3
    revoke = {"action": "revoke", "reason": "Sai đối tượng", "version": issued["version"]}
    assert _post(client, url, revoke, head).status_code == 422  # no revoking decision's number, date
    revoke |= {"revoking_number": "45/QĐ-SKHCN", "revoking_date": "2025-05-05"}
    revoked = _post(client, url, revoke, head).json()
    assert revoked["status"] == "revoked" and revoked["revoking_date"] == "2025-05-05"


def test_bad_input_is_a_declared_422(client, drafts, token):
    award, _proposal = drafts
    url = f"{API}/decisions/{award.pk}/transitions"
    for body in (
        {"action": "fly"},
        {"action": "submit", "version": 0},
        {"action": "revoke", "reason": "Lý do\x07"},
    ):
        answer = _post(client, url, body, token("officer"))
        assert answer.status_code == 422, body
        assert set(answer.json()) == {"detail", "errors"}
    award.refresh_from_db()
    assert award.status == DecisionStatus.DRAFT


def test_reads_are_scoped(client, world, token):
    issued, draft = world["issued"], world["draft"]
    other = token("other_officer")
    assert client.get(f"{API}/decisions", **other).json()["items"] == []
    assert client.get(f"{API}/decisions/{issued.pk}", **other).status_code == 404
    assert (
        _post(client, f"{API}/decisions/{draft.pk}/transitions", {"action": "submit"}, other).status_code
        == 404
    )
    head_a = token("head_a")
    assert [d["id"] for d in client.get(f"{API}/decisions", **head_a).json()["items"]] == [issued.pk]
    assert client.get(f"{API}/decisions/{draft.pk}", **head_a).status_code == 404
    answer = _post(client, f"{API}/decisions/{issued.pk}/transitions", {"action": "revoke"}, head_a)
    assert answer.status_code == 403
    office = client.get(f"{API}/decisions", {"status": "draft"}, **token("officer")).json()
    assert office["count"] == 3 and {d["status"] for d in office["items"]} == {"draft"}
    detail = client.get(f"{API}/decisions/{draft.pk}", **token("signer")).json()
    assert detail["signature"] == {
        "signed": False,
        "valid": False,
        "signer_subject": "",
        "problems": [],
        "demo_certificate": False,
    }
    assert detail["bases"] and len(detail["lines"]) == 3


def test_the_proposal_lists_its_answers(client, world, people, token, org_tree):
    from thidua.decisions import services

    from . import factories as f

    proposal = f.drive(world["proposal"], "issued", people)
    answer = services.decision_create(
        actor=people["officer"],
        agency=org_tree["agency"],
        year=2024,
        kind="external",
        proposal=proposal,
        number_symbol="512/QĐ-UBND",
        scan=f.scan(),
    )
    detail = client.get(f"{API}/decisions/{proposal.pk}", **token("officer")).json()
    assert detail["answer_ids"] == [answer.pk]


def test_anonymous_callers_get_401(client, world):
    assert client.get(f"{API}/decisions").status_code == 401
    url = f"{API}/decisions/{world['draft'].pk}/transitions"
    assert client.post(url, {"action": "submit"}, "application/json").status_code == 401


def test_the_operations_are_in_the_openapi_document_with_security_and_errors(client, people):
    client.force_login(people["officer"])
    document = client.get(f"{API}/openapi.json").json()
    ours = {path: ops for path, ops in document["paths"].items() if path.startswith(f"{API}/decisions")}
    assert set(ours) == {
        f"{API}/decisions",
        f"{API}/decisions/{{decision_id}}",
        f"{API}/decisions/{{decision_id}}/transitions",
    }
    for operations in ours.values():
        for operation in operations.values():
            assert operation.get("security"), operation["operationId"]
            assert {"400", "401", "403", "404", "422"} <= set(operation["responses"])
    assert "409" in ours[f"{API}/decisions/{{decision_id}}/transitions"]["post"]["responses"]
