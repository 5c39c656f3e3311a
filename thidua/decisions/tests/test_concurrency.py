"""Numbering under concurrency: decisions signed at the same moment by several heads' sessions take the numbers
1..N of the agency's register, none twice and none skipped — also when one signature fails after its number was
taken (its transaction gives the number back). PostgreSQL only: row locks and one connection per thread; SQLite
serialises every writer on the database file, so the race cannot happen there."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from thidua.decisions import documents, services
from thidua.decisions.models import Decision, DecisionStatus
from thidua.documents import signing
from thidua.documents.models import IssuedDocument, NumberingRegister

from . import factories as f

N = 6

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and one connection per thread: PostgreSQL (SQLite has one writer at a time)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def no_configured_signer(monkeypatch):
    for name in (signing.ENV_PKCS12, signing.ENV_PKCS11_MODULE, signing.ENV_TRUST_ROOTS, signing.ENV_TSA_URL):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


def _submitted(org_tree, people, count):
    services.signer_config()  # the demo signer's files made once, before the threads race
    return [
        f.drive(
            f.draft(people["officer"], org_tree["agency"], [("LDTT", f.person(org_tree["div_a"]))]),
            DecisionStatus.SUBMITTED,
            people,
        )
        for _ in range(count)
    ]


def _sign_at_once(decisions, signer):
    """Each decision signed in a thread of its own; all start together. Returns {pk: number or error}."""
    start = threading.Barrier(len(decisions))
    outcome: dict[int, str] = {}

    def sign(decision):
        try:
            start.wait(timeout=30)
            signed = services.decision_transition(
                actor=signer, decision=decision, action="sign", on=f.SIGNED_ON
            )
            outcome[decision.pk] = signed.number_symbol
        except ValidationError as error:
            outcome[decision.pk] = "refused: " + error.messages[0]
        except Exception as error:  # reported by the assertion below, not lost in the thread
            outcome[decision.pk] = f"error: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(d,)) for d in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return outcome


def test_decisions_signed_at_once_take_one_to_n(org_tree, people):
    decisions = _submitted(org_tree, people, N)
    assert not NumberingRegister.objects.exists()  # the register's row itself is created in the race
    outcome = _sign_at_once(decisions, people["signer"])
    assert sorted(outcome.values()) == [f"{n:02d}/QĐ-SKHCN" for n in range(1, N + 1)], outcome
    stored = Decision.objects.filter(pk__in=[d.pk for d in decisions])
    assert sorted(stored.values_list("number_symbol", flat=True)) == sorted(outcome.values())
    assert set(stored.values_list("status", flat=True)) == {DecisionStatus.SIGNED}
    assert sorted(IssuedDocument.objects.values_list("number", flat=True)) == list(range(1, N + 1))
    register = NumberingRegister.objects.get(issuer=org_tree["agency"], doc_type="QĐ", year=2025)
    assert register.last_number == N


def test_a_signature_that_fails_after_its_number_leaves_no_gap(org_tree, people, monkeypatch):
    """The office template of one decision cannot be filled (its DOCX is made after the number is taken): that
    signature is refused, the others take 1..N-1."""
    decisions = _submitted(org_tree, people, N)
    unlucky = decisions[N // 2]

    def office_template(decision, content):
        if decision.pk == unlucky.pk:
            raise ValidationError("Mẫu văn bản của Văn phòng thiếu trường {{ so_ky_hieu }}.")
        return None

    monkeypatch.setattr(documents, "TEMPLATE_RENDERER", [office_template])
    outcome = _sign_at_once(decisions, people["signer"])
    assert outcome[unlucky.pk] == "refused: Mẫu văn bản của Văn phòng thiếu trường {{ so_ky_hieu }}."
    numbers = sorted(v for pk, v in outcome.items() if pk != unlucky.pk)
    assert numbers == [f"{n:02d}/QĐ-SKHCN" for n in range(1, N)], outcome
    failed = Decision.objects.get(pk=unlucky.pk)
    assert (failed.status, failed.number_symbol) == (DecisionStatus.SUBMITTED, "")
    assert (
        NumberingRegister.objects.get(issuer=org_tree["agency"], doc_type="QĐ", year=2025).last_number
        == N - 1
    )
    assert IssuedDocument.objects.count() == N - 1
