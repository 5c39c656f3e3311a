"""What the public sees is kept in one flag (`PublicAward.visible`) and cached by the publication state's token.

The property: after any sequence of the office's and the registry's acts (publish, withdraw, revoke a decision,
revoke or restore an award, through the services or a bare `save()` as the admin does), the flag is exactly the
definition (publication live, decision issued, award active), the cached count and options agree with a fresh read,
and the token moved whenever what is shown changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.commendations.services import award_record_revoke, award_record_update
from thidua.decisions import services as decision_services
from thidua.decisions.models import DecisionStatus
from thidua.public import selectors, services
from thidua.public.models import PublicAward, PublishedDecision

pytestmark = pytest.mark.django_db

DEFINITION = (
    Q(publication__withdrawn_at__isnull=True)
    & Q(publication__decision__status=DecisionStatus.ISSUED)
    & Q(award__status=AwardStatus.ACTIVE)
)


def _shown() -> set[int]:
    return set(PublicAward.objects.filter(visible=True).values_list("pk", flat=True))


def _defined() -> set[int]:
    return set(PublicAward.objects.filter(DEFINITION).values_list("pk", flat=True))


def test_withdrawing_hides_the_rows_and_publishing_again_shows_them(world, people):
    rows = PublicAward.objects.filter(publication__decision=world["d2024"])
    services.decision_withdraw(actor=people["officer"], decision=world["d2024"])
    assert not rows.filter(visible=True).exists()
    services.decision_publish(actor=people["officer"], decision=world["d2024"])
    assert rows.count() == 3 and not rows.filter(visible=False).exists()


def test_revoking_an_award_hides_it_moves_the_state_on_and_restoring_shows_it(world, people):
    row = PublicAward.objects.get(name="Trần Minh Đức")
    before = selectors.public_state()
    assert selectors.awards_count(state=before) == 6  # cached from here on for this state
    award_record_revoke(actor=people["officer"], award=row.award, reason="Sai năm")
    row.refresh_from_db()
    after = selectors.public_state()
    assert not row.visible and after.token != before.token
    assert selectors.awards_count(state=after) == 5
    award_record_update(actor=people["officer"], award=row.award, status=AwardStatus.ACTIVE)
    row.refresh_from_db()
    assert row.visible and selectors.awards_count(state=selectors.public_state()) == 6


def test_a_bare_save_as_the_admin_does_reaches_the_board(world):
    award = AwardRecord.objects.get(pk=PublicAward.objects.get(name="Lê Văn Anh").award_id)
    award.status = AwardStatus.REVOKED
    award.save()
    assert "Lê Văn Anh" not in {row.name for row in selectors.awards_visible()}
    award.note = "ghi chú"
    award.save(update_fields=["note"])  # a save that does not touch the status costs nothing more
    assert "Lê Văn Anh" not in {row.name for row in selectors.awards_visible()}


def test_an_award_restored_under_a_withdrawn_publication_stays_hidden(world, people):
    row = PublicAward.objects.get(name="Vũ Thị Mai")  # published then withdrawn
    award_record_revoke(actor=people["officer"], award=row.award)
    award_record_update(actor=people["officer"], award=row.award, status=AwardStatus.ACTIVE)
    row.refresh_from_db()
    assert not row.visible


def test_a_registry_change_to_an_unpublished_award_leaves_the_state_alone(world, people):
    before = selectors.public_state()
    award = world["unpublished"].lines.get().award
    award_record_revoke(actor=people["officer"], award=award)
    assert selectors.public_state() == before


def test_the_board_options_and_count_are_read_once_per_state(world, django_assert_num_queries):
    state = selectors.public_state()
    filters = selectors.BoardFilters(year=2024)
    with django_assert_num_queries(3):  # the triples, the units' names, the count
        options = selectors.honour_board_options(state=state)
        count = selectors.honour_board_count(filters=filters, state=state)
    with django_assert_num_queries(0):
        assert selectors.honour_board_options(state=state) == options
        assert selectors.honour_board_count(filters=filters, state=state) == count == 3
    assert options.years == [2024, 2023]


# ---------------------------------------------------------------- the property

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DECISIONS = ("d2024", "d2023", "unpublished", "withdrawn")
ACTS = st.lists(
    st.tuples(
        st.sampled_from(
            ("publish", "withdraw", "revoke_decision", "revoke_award", "restore_award", "bare_save")
        ),
        st.sampled_from(DECISIONS),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=8,
)


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def _act(act: str, decision, index: int, officer) -> None:
    decision.refresh_from_db()
    lines = list(decision.lines.filter(award__isnull=False).order_by("pk"))
    award = AwardRecord.objects.get(pk=lines[index % len(lines)].award_id)
    publication = PublishedDecision.objects.filter(decision=decision).first()
    live = publication is not None and publication.is_live
    if act == "publish" and not live and decision.status == DecisionStatus.ISSUED:
        services.decision_publish(actor=officer, decision=decision)
    elif act == "withdraw" and live:
        services.decision_withdraw(actor=officer, decision=decision)
    elif act == "revoke_decision" and decision.status == DecisionStatus.ISSUED:
        decision_services.decision_transition(
            actor=officer,
            decision=decision,
            action="revoke",
            reason="Sai đối tượng",
            revoking_number="99/QĐ-UBND",
            revoking_date=date(2025, 7, 1),
        )
    elif act == "revoke_award" and award.status == AwardStatus.ACTIVE:
        award_record_revoke(actor=officer, award=award)
    elif act == "restore_award" and award.status == AwardStatus.REVOKED:
        award_record_update(actor=officer, award=award, status=AwardStatus.ACTIVE)
    elif act == "bare_save":
        award.status = AwardStatus.REVOKED if award.status == AwardStatus.ACTIVE else AwardStatus.ACTIVE
        award.save()


@PROPERTY
@given(acts=ACTS)
def test_the_flag_is_the_definition_and_the_cache_never_stale(world, people, acts):
    with rolled_back():
        for act, name, index in acts:
            state = selectors.public_state()
            count = selectors.awards_count(state=state)  # fills the cache for this state
            shown = _shown()
            _act(act, world[name], index, people["officer"])
            assert _shown() == _defined(), (act, name, index)
            now = selectors.public_state()
            if _shown() != shown:
                assert now.token != state.token, (act, name, index)
            assert selectors.awards_count(state=now) == len(_defined())
            if now.token == state.token:
                assert count == len(_defined())
