"""Random sequences of steps by the unit and the office on one batch keep the batch and its lines consistent:
a draft batch holds only draft (or withdrawn) lines; a batch with the office holds no draft line; a returned batch
holds no line waiting for a check; an accepted
batch holds an accepted line and none waiting; every step taken bumps the version and a refused one changes
nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.nominations import services
from thidua.nominations.models import BatchStatus as B
from thidua.nominations.models import Nomination, ProposalBatch
from thidua.nominations.models import NominationStatus as N

from .conftest import YEAR

PEOPLE = ("A1", "A2", "A3")
CODES = ("LDTT", "CSTDCS", "GIAY_KHEN")
WHO = ("head_a", "officer", "head_b")
BATCH_ACTIONS = ("submit", "return", "accept", "withdraw")
LINE_ACTIONS = ("propose", "return", "accept", "withdraw")

STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(PEOPLE), st.sampled_from(CODES)),
    st.tuples(st.just("batch"), st.sampled_from(BATCH_ACTIONS), st.sampled_from(WHO)),
    st.tuples(st.just("line"), st.integers(0, 5), st.sampled_from(LINE_ACTIONS), st.sampled_from(WHO)),
)


def _consistent(batch: ProposalBatch) -> None:
    states = set(Nomination.objects.filter(batch=batch).values_list("status", flat=True))
    if batch.status == B.DRAFT:
        assert states <= {N.DRAFT, N.WITHDRAWN}
    if batch.status == B.SUBMITTED:
        assert N.DRAFT not in states
    if batch.status == B.RETURNED:  # lines may be added again (draft), none waits for the office
        assert N.PROPOSED not in states
    if batch.status == B.ACCEPTED:
        assert N.ACCEPTED in states and N.PROPOSED not in states and N.DRAFT not in states
    if batch.status == B.WITHDRAWN:
        assert not states & {N.DRAFT, N.PROPOSED, N.RETURNED}


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, max_size=12))
def test_random_steps_keep_the_batch_and_its_lines_consistent(nom, steps):
    with transaction.atomic():
        batch = services.batch_create(actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR)
        for step in steps:
            before = ProposalBatch.objects.get(pk=batch.pk)
            lines_before = list(
                Nomination.objects.filter(batch=batch).order_by("pk").values_list("status", flat=True)
            )
            try:
                if step[0] == "add":
                    services.nomination_add(
                        actor=nom["users"]["head_a"], batch=batch, code=step[2], person=nom["people"][step[1]]
                    )
                elif step[0] == "batch":
                    services.batch_transition(
                        actor=nom["users"][step[2]],
                        batch=batch,
                        action=step[1],
                        reason="Lý do",
                        version=before.version,
                    )
                else:
                    lines = list(Nomination.objects.filter(batch=batch).order_by("pk"))
                    if not lines:
                        continue
                    services.nomination_transition(
                        actor=nom["users"][step[3]],
                        nomination=lines[step[1] % len(lines)],
                        action=step[2],
                        reason="Lý do",
                        version=before.version,
                    )
            except (ValidationError, PermissionDenied):
                after = ProposalBatch.objects.get(pk=batch.pk)
                assert (after.status, after.version) == (before.status, before.version)
                assert (
                    list(
                        Nomination.objects.filter(batch=batch).order_by("pk").values_list("status", flat=True)
                    )
                    == lines_before
                )
            else:
                after = ProposalBatch.objects.get(pk=batch.pk)
                assert after.version > before.version
            _consistent(ProposalBatch.objects.get(pk=batch.pk))
        transaction.set_rollback(True)
