"""The bloc's year through the services, end to end: table → round → ranking → secret vote → proposal."""

from datetime import date

from thidua.appraisals.models import CollectiveAppraisal
from thidua.clusters import services
from thidua.clusters.models import VoteMethod
from thidua.nominations.models import BatchStatus

from .conftest import YEAR, run_round


def test_the_year_runs_from_table_to_the_proposal(bloc):
    round_ = run_round(bloc)
    ranks = {row["member"]: row["rank"] for row in round_.ranking}
    a, b, c, d = bloc.members
    assert [ranks[a.pk], ranks[b.pk], ranks[c.pk], ranks[d.pk]] == [1, 2, 3, 4]
    head = bloc.head_officer
    vote = services.vote_create(
        actor=head, round_=round_, held_on=date(2024, 12, 28), method=VoteMethod.SECRET
    )
    assert vote.candidate == a
    code = services.vote_open(actor=head, vote=vote)
    receipts = [
        services.vote_cast(
            actor=bloc.officer_of(m), vote=vote, member=m, choice="agree" if m != d else "disagree"
        )
        for m in bloc.members
    ]
    assert len(set(receipts)) == 4
    services.vote_close(actor=head, vote=vote, tally_code=code)
    vote = services.vote_tally(actor=head, vote=vote)
    assert (vote.agree, vote.disagree, vote.passed) == (3, 1, True)
    assert CollectiveAppraisal.objects.get(organization=a, year=YEAR).cluster_rank == 1
    assert CollectiveAppraisal.objects.get(organization=d, year=YEAR).cluster_rank == 4
    proposal = services.proposal_create(actor=head, round_=round_, runners_up=[b, c])
    lines = {(n.organization_id, n.code) for n in proposal.batch.nominations.all()}
    assert lines == {(a.pk, "CO_TINH"), (b.pk, "BANG_KHEN_TINH"), (c.pk, "BANG_KHEN_TINH")}
    assert proposal.batch.office == bloc.province
    services.proposal_send(actor=head, proposal=proposal)
    proposal.batch.refresh_from_db()
    assert proposal.batch.status == BatchStatus.SUBMITTED
