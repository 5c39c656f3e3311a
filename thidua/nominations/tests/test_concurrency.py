"""Two officers acting on one batch at once: one wins, the other is told the batch changed, and nothing of
either is lost or half-written. The version check on SQLite (one connection), the race on PostgreSQL (two
connections, the second waiting on the first's lock)."""

import threading

import pytest
from django.db import connection, transaction

from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.nominations import services
from thidua.nominations.models import Nomination, ProposalBatch
from thidua.nominations.models import NominationStatus as N

from .conftest import YEAR


def _submitted_batch(nom):
    batch = services.batch_create(actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR)
    lines = [
        services.nomination_add(
            actor=nom["users"]["head_a"], batch=batch, code="LDTT", person=nom["people"][who]
        )
        for who in ("A1", "A2")
    ]
    services.batch_transition(actor=nom["users"]["head_a"], batch=batch, action="submit")
    batch.refresh_from_db()
    return batch, lines


def test_a_stale_version_is_refused_and_writes_nothing(nom):
    batch, (first, second) = _submitted_batch(nom)
    shown = batch.version
    services.nomination_transition(
        actor=nom["users"]["officer"], nomination=first, action="accept", version=shown
    )
    events = AuditEvent.objects.count()
    with pytest.raises(services.BatchConflict, match="Tờ trình vừa được người khác thay đổi"):
        services.nomination_transition(
            actor=nom["users"]["officer"], nomination=second, action="return", reason="Thiếu", version=shown
        )
    second.refresh_from_db()
    assert second.status == N.PROPOSED and AuditEvent.objects.count() == events
    with pytest.raises(services.BatchConflict):
        services.batch_transition(actor=nom["users"]["officer"], batch=batch, action="accept", version=shown)
    with pytest.raises(services.BatchConflict):
        services.nomination_add(
            actor=nom["users"]["head_a"],
            batch=batch,
            code="CSTDCS",
            person=nom["people"]["A1"],
            version=shown,
        )
    # With the version the page now shows, the same step goes through.
    batch.refresh_from_db()
    services.nomination_transition(
        actor=nom["users"]["officer"],
        nomination=second,
        action="return",
        reason="Thiếu",
        version=batch.version,
    )


@pytest.mark.django_db(transaction=True)
def test_two_officers_at_once_one_wins_the_other_is_told(org_tree, make_user, request):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and two connections: PostgreSQL")
    nom = request.getfixturevalue("nom")
    second_officer = make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer2")
    batch, (first, second) = _submitted_batch(nom)
    shown = batch.version
    locked, done = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def winner():
        try:
            with transaction.atomic():
                services.nomination_transition(
                    actor=nom["users"]["officer"], nomination=first, action="accept", version=shown
                )
                locked.set()
                done.wait(timeout=1.5)  # hold the batch's lock while the other officer tries
            outcome["winner"] = "ok"
        finally:
            locked.set()
            connection.close()

    def loser():
        locked.wait(timeout=10)
        try:
            services.nomination_transition(
                actor=second_officer,
                nomination=second,
                action="return",
                reason="Thiếu minh chứng",
                version=shown,
            )
            outcome["loser"] = "ok"
        except services.BatchConflict as error:
            outcome["loser"] = error.messages[0]
        finally:
            done.set()
            connection.close()

    threads = [threading.Thread(target=winner), threading.Thread(target=loser)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcome["winner"] == "ok"
    assert str(outcome["loser"]).startswith("Tờ trình vừa được người khác thay đổi")
    assert Nomination.objects.get(pk=first.pk).status == N.ACCEPTED
    assert Nomination.objects.get(pk=second.pk).status == N.PROPOSED
    assert ProposalBatch.objects.get(pk=batch.pk).version == shown + 1
