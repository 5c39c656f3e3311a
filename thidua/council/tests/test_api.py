"""The council's API: a whole ballot through it, scoped reads, refusals, 401 for anonymous callers."""

import pytest

from thidua.accounts.models import ApiToken
from thidua.council import services
from thidua.council.tests.conftest import HELD_ON, voters

API = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def token(people):
    def _token(user):
        _t, key = ApiToken.issue(user=user, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _token


@pytest.fixture
def session(make_council, make_line, people):
    council = make_council(5)
    session = services.session_create(actor=people["secretary"], council=council, held_on=HELD_ON, place="P")
    services.agenda_add(actor=people["secretary"], session=session, nominations=[make_line("BANG_KHEN_TINH")])
    return session


def test_a_ballot_through_the_api(client, session, people, token):
    secretary = token(people["secretary"])
    answer = client.post(
        f"{API}/council/sessions/{session.pk}/transitions",
        {"action": "open"},
        "application/json",
        **secretary,
    )
    assert answer.status_code == 200 and answer.json()["status"] == "open"
    item_id = answer.json()["items"][0]["id"]
    assert answer.json()["items"][0]["threshold"] == ">50%"
    code = client.post(f"{API}/council/items/{item_id}/ballot/open", **secretary).json()["tally_code"]
    receipts = {}
    for member in voters(session)[:3]:
        reply = client.post(
            f"{API}/council/items/{item_id}/votes",
            {"choice": "agree"},
            "application/json",
            **token(member.user),
        )
        assert reply.status_code == 200, reply.content
        receipts[member.pk] = reply.json()["receipt"]
    again = client.post(
        f"{API}/council/items/{item_id}/votes",
        {"choice": "agree"},
        "application/json",
        **token(people["member"]),
    )
    assert again.status_code == 422
    absent = voters(session)[4]
    written = client.post(
        f"{API}/council/items/{item_id}/written-votes",
        {"member_id": absent.pk, "choice": "disagree"},
        "application/json",
        **secretary,
    )
    assert written.status_code == 200
    wrong = client.post(
        f"{API}/council/items/{item_id}/ballot/close", {"tally_code": "x"}, "application/json", **secretary
    )
    assert wrong.status_code == 422
    closed = client.post(
        f"{API}/council/items/{item_id}/ballot/close", {"tally_code": code}, "application/json", **secretary
    )
    assert closed.json()["ballot_state"] == "closed"
    tallied = client.post(f"{API}/council/items/{item_id}/ballot/tally", **secretary).json()
    assert (tallied["agree"], tallied["disagree"], tallied["written_votes"], tallied["passed"]) == (
        3,
        1,
        1,
        True,
    )
    published = client.get(f"{API}/council/items/{item_id}/tally", **token(people["member"])).json()
    assert {row["receipt"] for row in published} >= set(receipts.values())


def test_reads_are_scoped_and_writes_checked(client, session, people, token):
    other = token(people["other_officer"])
    assert client.get(f"{API}/council/sessions/{session.pk}", **other).status_code == 404
    assert client.get(f"{API}/council/sessions", **other).json()["items"] == []
    member = token(people["member"])
    assert client.get(f"{API}/council/sessions/{session.pk}", **member).status_code == 200
    answer = client.post(
        f"{API}/council/sessions/{session.pk}/transitions", {"action": "open"}, "application/json", **member
    )
    assert answer.status_code == 403
    item = session.items.get()
    assert client.post(f"{API}/council/items/{item.pk}/ballot/open", **member).status_code == 403
    conflict = client.post(
        f"{API}/council/items/{item.pk}/conflicts", {"note": "Người thân"}, "application/json", **member
    )
    assert conflict.status_code == 200 and conflict.json()["source"] == "declared"


def test_anonymous_callers_get_401(client, session):
    assert client.get(f"{API}/council/sessions").status_code == 401
    item = session.items.get()
    assert (
        client.post(
            f"{API}/council/items/{item.pk}/votes", {"choice": "agree"}, "application/json"
        ).status_code
        == 401
    )


def test_the_operations_are_in_the_openapi_document_with_security(client, people):
    client.force_login(people["officer"])
    document = client.get(f"{API}/openapi.json").json()
    ours = {path: ops for path, ops in document["paths"].items() if path.startswith(f"{API}/council/")}
    assert len(ours) == 10
    for operations in ours.values():
        for operation in operations.values():
            assert operation.get("security"), operation["operationId"]
