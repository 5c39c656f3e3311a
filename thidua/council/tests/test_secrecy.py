"""Ballot secrecy, proven from the schema and the data: votes are cast in a known order, then nothing — no column,
index, ordering, audit event or log line — links a member to a choice, and every receipt verifies."""

import json
import logging

import pytest
from django.apps import apps
from django.db import connection, models

from thidua.audit.models import AuditEvent
from thidua.core.tests.route_matrix import database_state
from thidua.council import services
from thidua.council.models import AgendaItem, BallotChoice, BallotRoll, BallotUrn, CouncilMember
from thidua.council.tests.conftest import voters

pytestmark = pytest.mark.django_db

CHOICES = ("agree", "disagree", "abstain")
# A known order: member i votes CAST[i]; the written vote of member 9 comes last.
CAST = ["agree", "agree", "disagree", "agree", "abstain", "agree", "disagree", "agree", "agree", "abstain"]


@pytest.fixture
def ballot(open_session, make_line, people, caplog):
    """A ballot of 10 members cast in a known order, closed and tallied, with every log line captured and the
    urn observed after each vote."""
    caplog.set_level(logging.DEBUG)
    session, (item,) = open_session([make_line("CSTD_TINH")])
    secretary = people["secretary"]
    first_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    code = services.ballot_open(actor=secretary, item=item)
    members = voters(session)
    receipts, urn_states = [], []
    for index, choice in enumerate(CAST):
        if index == 9:
            receipt = services.ballot_cast_written(
                actor=secretary, item=item, member=members[9], choice=choice
            )
        else:
            receipt = services.ballot_cast(actor=members[index].user, item=item, choice=choice)
        receipts.append(receipt)
        urn_states.append(list(BallotUrn.objects.get(item=item).sealed))
    services.ballot_close(actor=secretary, item=item, tally_code=code)
    item = services.ballot_tally(actor=secretary, item=item)
    events = list(AuditEvent.objects.filter(id__gt=first_event or 0))
    return {
        "item": item,
        "members": members,
        "receipts": receipts,
        "urn_states": urn_states,
        "events": events,
        "logs": [record.getMessage() for record in caplog.records],
    }


def _relations(model) -> set[type]:
    return {f.related_model for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)}


def test_no_table_holds_both_a_voter_and_a_choice():
    voter_models = {
        CouncilMember,
        apps.get_model("accounts", "User"),
        apps.get_model("organizations", "Person"),
    }
    for model in apps.get_models():
        columns = {f.name for f in model._meta.concrete_fields}
        holds_choice = "choice" in columns or model is BallotUrn
        if holds_choice:
            assert not (_relations(model) & voter_models), model.__name__
    # and in the database itself, not only in the models
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, BallotChoice._meta.db_table)
        relations = connection.introspection.get_relations(cursor, BallotChoice._meta.db_table)
    assert {column.name for column in described} == {"id", "item_id", "choice", "receipt"}
    assert {column: relation[1] for column, relation in relations.items()} == {
        "item_id": AgendaItem._meta.db_table
    }


def test_the_choice_and_roll_tables_have_no_time_and_no_sequence():
    for model in (BallotChoice, BallotRoll, BallotUrn):
        kinds = {type(f) for f in model._meta.concrete_fields}
        assert not kinds & {models.DateTimeField, models.DateField, models.TimeField}, model.__name__
        assert not model._meta.ordering, model.__name__
        assert not model._meta.indexes, model.__name__
    assert isinstance(BallotChoice._meta.pk, models.UUIDField)
    assert isinstance(BallotRoll._meta.pk, models.UUIDField)
    assert BallotUrn._meta.pk.name == "item"  # one row per item, no id sequence


def _stored_order(model, item) -> list[str]:
    """The receipts in the order the rows sit in the table (SQLite rowid, PostgreSQL ctid)."""
    table = connection.ops.quote_name(model._meta.db_table)
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT receipt FROM {table} WHERE item_id = %s ORDER BY {physical}", [item.pk])
        return [row[0] for row in cursor.fetchall()]


def test_the_order_of_the_choices_does_not_reveal_the_order_of_the_votes(ballot):
    item, cast_order = ballot["item"], ballot["receipts"]
    by_pk = list(BallotChoice.objects.filter(item=item).order_by("pk").values_list("receipt", flat=True))
    stored = _stored_order(BallotChoice, item)
    unordered = list(BallotChoice.objects.filter(item=item).values_list("receipt", flat=True))
    assert sorted(by_pk) == sorted(cast_order)
    for order in (by_pk, stored, unordered):
        assert order != cast_order and order != cast_order[::-1]
    # ids are random UUIDs, not a counter
    ids = list(BallotChoice.objects.filter(item=item).values_list("pk", flat=True))
    assert all(i.version == 4 for i in ids)


def test_the_urn_reveals_no_order_while_the_ballot_is_open(ballot):
    states = ballot["urn_states"]
    positions = []
    for before, after in zip([[], *states], states, strict=False):
        (new,) = set(after) - set(before)
        positions.append(after.index(new))
    assert positions != list(range(len(states)))  # the newest entry is not always appended at the end
    assert positions != [0] * len(states)  # nor always put first
    assert len({len(entry) for entry in states[-1]}) == 1  # every sealed entry has the same length
    assert not BallotUrn.objects.filter(item=ballot["item"]).exists()  # destroyed at closing


def test_no_audit_event_or_log_line_links_a_voter_to_a_choice(ballot):
    receipts = set(ballot["receipts"])
    sealed = {entry for state in ballot["urn_states"] for entry in state}
    casts = [e for e in ballot["events"] if e.action == "council_ballot.cast"]
    assert len(casts) == 10  # "a vote was cast on item X", once per vote
    for event in casts:
        assert event.object_id == str(ballot["item"].pk)
        assert set(event.after) <= {"method", "member"}
        assert not any(choice in json.dumps(event.after) for choice in CHOICES)
    for event in ballot["events"]:
        text = json.dumps([event.before, event.after, event.object_repr], ensure_ascii=False)
        assert not any(receipt in text for receipt in receipts), event.action
        assert not any(entry in text for entry in sealed), event.action
    for line in ballot["logs"]:
        assert not any(receipt in line for receipt in receipts)
        assert not any(choice in line for choice in CHOICES)


def test_the_receipts_and_choices_are_nowhere_else_in_the_database(ballot):
    """Every row of every table of the project: the receipts and the sealed entries appear only in the choice
    table (receipts) or nowhere (the urn is gone)."""
    receipts = set(ballot["receipts"])
    sealed = {entry for state in ballot["urn_states"] for entry in state}
    for label, rows in database_state().items():
        text = json.dumps(rows, default=str, ensure_ascii=False)
        if label == "council.BallotChoice":
            assert all(receipt in text for receipt in receipts)
            continue
        assert not any(receipt in text for receipt in receipts), label
        assert not any(entry in text for entry in sealed), label


def test_every_receipt_verifies_against_the_published_tally(ballot):
    published = dict(BallotChoice.objects.filter(item=ballot["item"]).values_list("receipt", "choice"))
    assert {receipt: published[receipt] for receipt in ballot["receipts"]} == dict(
        zip(ballot["receipts"], CAST, strict=True)
    )
    item = ballot["item"]
    assert (item.agree, item.disagree, item.abstain) == (6, 2, 2)
    assert (item.members_present, item.written_votes) == (9, 1)


def test_the_roll_says_who_voted_and_how_but_not_what(ballot):
    rows = list(BallotRoll.objects.filter(item=ballot["item"]).values())
    assert len(rows) == 10
    assert all(set(row) == {"id", "item_id", "member_id", "method"} for row in rows)
    assert sorted(row["method"] for row in rows) == ["electronic"] * 9 + ["written"]
