"""The scoring pages through the test client: a member scores its own card (checked, with history), is kept out
of the others' self cards and of scoring itself; the agency's side shows late cards and missing evidence; the
round flags disagreements; the ranking shows ties; the secret vote keeps who voted apart from the choices; the
show of hands is recorded; the proposal is drafted and sent; the list pages keep their query counts."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.appraisals.models import CollectiveAppraisal
from thidua.clusters import services
from thidua.clusters.models import (
    CardStatus,
    ClusterProposal,
    Criterion,
    Evidence,
    LeaderVote,
    RoundStatus,
    Score,
    Scorecard,
    ScoreRevision,
    ScoringRound,
    Stage,
    VoteMethod,
    VoteStatus,
)
from thidua.core.codes import AwardCode
from thidua.core.uploads import upload_check
from thidua.nominations import services as nomination_services
from thidua.nominations.models import BatchStatus
from thidua.organizations.models import Organization, OrganizationKind

from .conftest import YEAR, adopted_table, run_round, score_values
from .world import PDF


def url(name: str, *args: Any) -> str:
    return reverse(f"clusters:{name}", args=args)


def open_round(bloc, *, self_due: date | None = None, peer_due: date | None = None) -> ScoringRound:
    """An adopted table and a round of YEAR at self-scoring (dues from today unless given)."""
    today = timezone.localdate()
    table = adopted_table(bloc)
    self_due = self_due or today + timedelta(days=10)
    round_ = services.round_create(
        actor=bloc.head_officer,
        cluster=bloc.cluster,
        year=YEAR,
        table=table,
        self_due=self_due,
        peer_due=peer_due or self_due + timedelta(days=10),
    )
    return services.round_transition(
        actor=bloc.head_officer, round_=round_, action="open", on=date(YEAR, 12, 1)
    )


def criteria(round_: ScoringRound) -> dict[str, Criterion]:
    return {c.code: c for c in Criterion.objects.filter(group__table=round_.table)}


def card_of(round_: ScoringRound, stage: str, scorer: Organization, target: Organization) -> Scorecard:
    return Scorecard.objects.get(round=round_, stage=stage, scorer=scorer, target=target)


def post_scores(client, card: Scorecard, values: dict[int, str], notes: dict[int, str] | None = None):
    data = {f"score_{pk}": value for pk, value in values.items()}
    data |= {f"note_{pk}": note for pk, note in (notes or {}).items()}
    return client.post(url("card_detail", card.pk), data)


def submit_all(bloc, round_: ScoringRound, stage: str, *, base: str = "0.9", override=None) -> None:
    """Every card of `stage` scored at `base` × each maximum (`override`: {(scorer code, target code):
    {criterion id: points}}) and sent, through the services."""
    for card in round_.cards.filter(stage=stage).select_related("scorer", "target"):
        values = score_values(round_.table, Decimal(base))
        for criterion_id, points in (override or {}).get((card.scorer.code, card.target.code), {}).items():
            values[criterion_id] = (points, "")
        actor = bloc.head_officer if stage == Stage.HEAD else bloc.officer_of(card.scorer)
        services.scores_save(actor=actor, card=card, values=values)
        services.card_transition(actor=actor, card=card, action="submit")


def section(html: str, testid: str) -> str:
    """The element carrying `data-testid=testid`, up to its closing tag (for lists and tables)."""
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, testid
    return match.group(2)


# ---------------------------------------------------------------- the scorecard


def test_member_saves_scores_on_its_self_card_and_each_change_keeps_its_author(client, bloc):
    round_ = open_round(bloc)
    a = bloc.members[0]
    card = card_of(round_, Stage.SELF, a, a)
    c = criteria(round_)
    officer = bloc.officers["A"]
    client.force_login(officer)
    page = client.get(url("card_detail", card.pk))
    assert page.status_code == 200
    assert f'name="score_{c["1.1"].pk}"' in page.content.decode()

    response = post_scores(
        client, card, {c["1.1"].pk: "35,5", c["1.2"].pk: "18"}, {c["1.1"].pk: "Đạt 95% kế hoạch"}
    )
    assert response.status_code == 302
    response = post_scores(client, card, {c["1.1"].pk: "37", c["1.2"].pk: "18"})
    assert response.status_code == 302

    score = Score.objects.get(card=card, criterion=c["1.1"])
    assert score.points == Decimal("37") and score.updated_by == officer
    history = list(ScoreRevision.objects.filter(score=score).order_by("at", "id"))
    assert [r.points for r in history] == [Decimal("35.5"), Decimal("37")]
    assert {r.author for r in history} == {officer}
    # 1.2 did not change: one revision only.
    assert ScoreRevision.objects.filter(score__card=card, score__criterion=c["1.2"]).count() == 1

    html = client.get(url("card_detail", card.pk)).content.decode()
    history_html = section(html, f"history-{c['1.1'].pk}")
    assert "35,5 → 37,0" in history_html and officer.username in history_html
    assert 'value="37,0"' in html
    assert "Đạt 95% kế hoạch" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("45", "Tiêu chí 1.1: tối đa 40 điểm."),
        ("12,55", "Tiêu chí 1.1: Điểm chỉ có tối đa 1 chữ số thập phân."),
        ("ba mươi", "Tiêu chí 1.1: Điểm phải là một số."),
        ("-3", "Tiêu chí 1.1: Điểm không được âm."),
    ],
)
def test_a_bad_score_names_the_criterion_in_vietnamese_and_saves_nothing(client, bloc, typed, message):
    round_ = open_round(bloc)
    a = bloc.members[0]
    card = card_of(round_, Stage.SELF, a, a)
    c = criteria(round_)
    client.force_login(bloc.officers["A"])
    response = post_scores(client, card, {c["1.1"].pk: typed, c["1.2"].pk: "18"})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in section(html, f"error-score_{c['1.1'].pk}")
    assert "Chưa lưu" in section(html, "score-errors")
    # What was typed comes back to be corrected; nothing was written, not even the good value.
    assert f'value="{typed}"' in html
    assert not Score.objects.filter(card=card).exists()
    assert not ScoreRevision.objects.filter(score__card=card).exists()


def test_member_cannot_open_or_write_another_members_self_card(client, bloc):
    round_ = open_round(bloc)
    c_org = bloc.members[2]
    other = card_of(round_, Stage.SELF, c_org, c_org)
    client.force_login(bloc.officers["A"])
    assert client.get(url("card_detail", other.pk)).status_code == 404
    response = post_scores(client, other, {criteria(round_)["1.1"].pk: "40"})
    assert response.status_code == 404
    assert client.post(url("card_transition", other.pk, "submit")).status_code == 404
    assert not Score.objects.filter(card=other).exists()
    # The head opens it (to verify), but does not write a member's own scores.
    client.force_login(bloc.head_officer)
    assert client.get(url("card_detail", other.pk)).status_code == 200
    assert post_scores(client, other, {criteria(round_)["1.1"].pk: "40"}).status_code == 403


def test_member_does_not_score_itself_in_the_peer_round(client, bloc):
    round_ = open_round(bloc)
    submit_all(bloc, round_, Stage.SELF)
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    a = bloc.members[0]
    assert not Scorecard.objects.filter(round=round_, stage=Stage.PEER, scorer=a, target=a).exists()
    client.force_login(bloc.officers["A"])
    html = client.get(url("agency_view")).content.decode()
    tasks = section(html, f"tasks-{round_.pk}")
    for org in bloc.members[1:]:
        assert f"Chấm chéo {org.short_name}" in tasks
    assert f"Chấm chéo {a.short_name}" not in tasks
    # Its own self card is closed for writing now that the round is at peer scoring.
    own = card_of(round_, Stage.SELF, a, a)
    before = list(Score.objects.filter(card=own).values_list("criterion_id", "points"))
    response = post_scores(client, own, {criteria(round_)["1.1"].pk: "40"})
    assert response.status_code == 200
    assert "Phiếu đã gửi" in section(response.content.decode(), "score-errors")
    assert list(Score.objects.filter(card=own).values_list("criterion_id", "points")) == before
    # The peer matrix has no cell for A scoring A.
    html = client.get(url("round_detail", round_.pk)).content.decode()
    assert 'data-testid="peer-matrix"' in html
    for card in Scorecard.objects.filter(round=round_, stage=Stage.PEER, scorer=a):
        assert f'data-testid="card-{card.pk}"' in html


def test_member_sends_its_card_once_every_criterion_is_scored(client, bloc):
    round_ = open_round(bloc)
    a = bloc.members[0]
    card = card_of(round_, Stage.SELF, a, a)
    client.force_login(bloc.officers["A"])
    response = client.post(url("card_transition", card.pk, "submit"), follow=True)
    assert "Chưa chấm các tiêu chí: 1.1, 1.2, 2.1." in response.content.decode()
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT
    values = {pk: points for pk, (points, _note) in score_values(round_.table, Decimal("0.9")).items()}
    assert post_scores(client, card, values).status_code == 302
    response = client.post(url("card_transition", card.pk, "submit"), follow=True)
    assert "Đã gửi phiếu chấm." in response.content.decode()
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED and card.submitted_by == bloc.officers["A"]
    # Sent: the page shows the scores, no inputs, and the head may return it with a reason.
    html = client.get(url("card_detail", card.pk)).content.decode()
    assert 'data-testid="scores-form"' not in html
    client.force_login(bloc.head_officer)
    html = client.get(url("card_detail", card.pk)).content.decode()
    assert 'data-testid="card-return-form"' in html
    client.post(url("card_transition", card.pk, "return"), {"reason": "Thiếu minh chứng tiêu chí 1.1"})
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT and card.return_reason == "Thiếu minh chứng tiêu chí 1.1"


def test_evidence_is_uploaded_downloaded_and_deleted_on_the_self_card(client, bloc):
    round_ = open_round(bloc)
    a = bloc.members[0]
    card = card_of(round_, Stage.SELF, a, a)
    c11 = criteria(round_)["1.1"]
    client.force_login(bloc.officers["A"])
    assert (
        f'data-testid="evidence-missing-{c11.pk}"' in client.get(url("card_detail", card.pk)).content.decode()
    )
    response = client.post(
        url("evidence_add", card.pk),
        {
            "criterion": c11.pk,
            "title": "Báo cáo kết quả năm",
            "file": SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(card=card)
    assert evidence.criterion == c11 and evidence.uploaded_by == bloc.officers["A"]
    html = client.get(url("card_detail", card.pk)).content.decode()
    assert f'data-testid="evidence-missing-{c11.pk}"' not in html
    assert "Báo cáo kết quả năm" in section(html, "evidence")
    download = client.get(url("evidence_download", evidence.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # Another member cannot fetch it while A is scoring itself.
    client.force_login(bloc.officers["C"])
    assert client.get(url("evidence_download", evidence.pk)).status_code == 404
    client.force_login(bloc.officers["A"])
    assert client.post(url("evidence_delete", evidence.pk)).status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_peers_read_the_evidence_of_the_member_they_score(client, bloc):
    round_ = open_round(bloc)
    a, _b, c, _d = bloc.members
    c11 = criteria(round_)["1.1"]
    evidence = services.evidence_add(
        actor=bloc.officers["A"],
        card=card_of(round_, Stage.SELF, a, a),
        title="Báo cáo kết quả năm",
        upload=upload_check(data=PDF, name="bao-cao.pdf"),
        criterion=c11,
    )
    submit_all(bloc, round_, Stage.SELF)
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    client.force_login(bloc.officers["C"])
    html = client.get(url("card_detail", card_of(round_, Stage.PEER, c, a).pk)).content.decode()
    assert url("evidence_download", evidence.pk) in section(html, f"criterion-{c11.pk}")
    assert "Minh chứng của Sở Khoa học và Công nghệ" in html
    assert f'data-testid="evidence-delete-{evidence.pk}"' not in html
    assert client.get(url("evidence_download", evidence.pk)).status_code == 200
    assert client.post(url("evidence_delete", evidence.pk)).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    # C's own peer card about another member shows that member's evidence, not A's.
    html = client.get(url("card_detail", card_of(round_, Stage.PEER, c, bloc.members[3]).pk)).content.decode()
    assert url("evidence_download", evidence.pk) not in html


# ---------------------------------------------------------------- the agency's side, the round, the ranking


def test_agency_page_shows_late_cards_and_the_evidence_missing_before_the_deadline(client, bloc):
    today = timezone.localdate()
    round_ = open_round(bloc, self_due=today - timedelta(days=3), peer_due=today + timedelta(days=7))
    a = bloc.members[0]
    card = card_of(round_, Stage.SELF, a, a)
    c11 = criteria(round_)["1.1"]
    client.force_login(bloc.officers["A"])
    html = client.get(url("agency_view")).content.decode()
    assert "Sở Khoa học và Công nghệ" in html
    task = section(html, f"task-{card.pk}")
    assert "trễ hạn" in task and (today - timedelta(days=3)).strftime("%d/%m/%Y") in task
    missing = section(html, f"missing-{round_.pk}")
    assert "1.1. Hoàn thành chỉ tiêu kế hoạch" in missing and "Báo cáo kết quả" in missing
    services.evidence_add(
        actor=bloc.officers["A"],
        card=card,
        title="Báo cáo",
        upload=upload_check(data=PDF, name="b.pdf"),
        criterion=c11,
    )
    html = client.get(url("agency_view")).content.decode()
    assert f'data-testid="missing-{round_.pk}"' not in html
    # A card not yet due is to do, not late.
    services.round_update(actor=bloc.head_officer, round_=round_, self_due=today + timedelta(days=1))
    html = client.get(url("agency_view")).content.decode()
    assert "trễ hạn" not in section(html, f"task-{card.pk}")
    assert "cần chấm" in section(html, f"task-{card.pk}")


def test_agency_page_shows_the_scores_against_each_member_and_the_history(client, bloc):
    run_round(bloc, year=YEAR - 1, fast=True)
    run_round(bloc, fast=True, levels={"A": "0.8", "B": "0.9", "C": "0.7", "D": "0.6"})
    client.force_login(bloc.officers["A"])
    html = client.get(url("agency_view")).content.decode()
    assert "Xếp thứ 2/4" in section(html, "my-standing")
    standings = section(html, "standings")
    for org in bloc.members:
        assert org.name in standings
    history = section(html, "history")
    assert "2024" in history and "2023" in history and "2/4" in history and "1/4" in history


def test_agency_page_tells_an_agency_outside_any_bloc(client, bloc):
    client.force_login(bloc.outsider_officer)
    response = client.get(url("agency_view"))
    assert response.status_code == 200
    assert 'data-testid="no-agency"' in response.content.decode()
    # The province's officer oversees the bloc but speaks for none of its members.
    client.force_login(bloc.province_officer)
    assert 'data-testid="no-agency"' in client.get(url("agency_view")).content.decode()


def test_head_creates_and_opens_a_round_from_its_pages(client, bloc):
    table = adopted_table(bloc)
    client.force_login(bloc.head_officer)
    form = client.get(url("round_create", bloc.cluster.pk))
    assert form.status_code == 200 and 'name="self_due"' in form.content.decode()
    response = client.post(
        url("round_create", bloc.cluster.pk),
        {
            "year": YEAR,
            "period": "year_end",
            "table": table.pk,
            "self_due": "20/12/2024",
            "peer_due": "10/12/2024",
        },
    )
    assert response.status_code == 200
    assert "Hạn chấm chéo phải sau hạn tự chấm." in response.content.decode()
    response = client.post(
        url("round_create", bloc.cluster.pk),
        {
            "year": YEAR,
            "period": "year_end",
            "table": table.pk,
            "self_due": "10/12/2024",
            "peer_due": "20/12/2024",
        },
    )
    round_ = ScoringRound.objects.get(cluster=bloc.cluster, year=YEAR)
    assert response.status_code == 302 and response["Location"] == url("round_detail", round_.pk)
    html = client.get(url("round_detail", round_.pk)).content.decode()
    assert 'data-testid="round-transition-open"' in html and "Mở tự chấm điểm" in html
    assert client.get(url("round_update", round_.pk)).status_code == 200
    client.post(url("round_transition", round_.pk, "open"))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SELF
    assert round_.cards.filter(stage=Stage.SELF).count() == 4
    # A member sees the round but none of the head's buttons.
    client.force_login(bloc.officers["A"])
    html = client.get(url("round_detail", round_.pk)).content.decode()
    assert "round-transition-" not in html and 'data-testid="round-edit"' not in html


def test_round_page_flags_a_disagreement_above_the_gap(client, bloc):
    round_ = open_round(bloc)
    c11 = criteria(round_)["1.1"]
    submit_all(bloc, round_, Stage.SELF, override={("A", "A"): {c11.pk: "40"}})
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    # B gives A 10 of 40 on 1.1 (A gave itself 40): a spread of 30 points, above 20% of 40.
    submit_all(bloc, round_, Stage.PEER, override={("B", "A"): {c11.pk: "10"}})
    client.force_login(bloc.officers["C"])
    html = client.get(url("round_detail", round_.pk)).content.decode()
    a = bloc.members[0]
    flag = section(html, f"flag-{a.pk}-{c11.pk}")
    assert "Sở Khoa học và Công nghệ" in flag and "1.1. Hoàn thành chỉ tiêu kế hoạch" in flag
    assert "10,0" in flag and "40,0" in flag
    assert 'data-testid="flagged"' in html
    assert "trên 20% điểm tối đa" in section(html, "gap")
    # Both settings are configuration to verify.
    assert "cần xác minh" in section(html, "weights") and "cần xác minh" in section(html, "gap")


def test_ranking_page_shows_ties_points_by_group_and_the_documents(client, bloc):
    round_ = run_round(bloc, fast=True, levels={"A": "0.9", "B": "0.9", "C": "0.8", "D": "0.7"})
    a, b, c, _d = bloc.members
    client.force_login(bloc.officers["C"])
    html = client.get(url("ranking", round_.pk)).content.decode()
    assert section(html, f"rank-{a.pk}") == "1" and section(html, f"rank-{b.pk}") == "1"
    assert section(html, f"rank-{c.pk}") == "3"
    assert f'data-testid="tied-{a.pk}"' in html and f'data-testid="tied-{b.pk}"' in html
    assert f'data-testid="tied-{c.pk}"' not in html
    assert 'data-testid="ties-note"' in html
    # Group I is 60 points: A at 90% has 54,0 in it.
    row = section(html, f"standing-{a.pk}")
    assert "54,0" in row and "36,0" in row and "90,0" in row
    for name in ("ranking_xlsx", "review_docx", "review_pdf"):
        assert url(name, round_.pk) in html
    assert reverse("clusters:chart_png", args=[round_.pk, "radar"]) in html
    assert reverse("clusters:chart_png", args=[round_.pk, "groups"]) in html


# ---------------------------------------------------------------- the vote for the leader


def test_secret_vote_keeps_who_voted_apart_from_the_choices(client, bloc):
    round_ = run_round(bloc, fast=True)
    a, b, c, d = bloc.members
    head = bloc.head_officer
    client.force_login(head)
    form = client.get(url("vote_create", round_.pk))
    assert form.status_code == 200
    assert "Sở Khoa học và Công nghệ" in section(form.content.decode(), "vote-intro")
    response = client.post(
        url("vote_create", round_.pk),
        {"candidate": a.pk, "method": VoteMethod.SECRET, "held_on": "28/12/2024", "place": "Sở Tài chính"},
    )
    vote = LeaderVote.objects.get(round=round_)
    assert response.status_code == 302 and response["Location"] == url("vote_detail", vote.pk)

    opened = client.post(url("vote_open", vote.pk))
    assert opened.status_code == 200
    code = section(opened.content.decode(), "tally-code").strip()
    assert code and "no-cache" in opened["Cache-Control"]
    assert code not in client.get(url("vote_detail", vote.pk)).content.decode()

    receipts = {}
    for org, choice in ((a, "agree"), (b, "disagree"), (c, "agree"), (d, "agree")):
        client.force_login(bloc.officer_of(org))
        page = client.get(url("vote_detail", vote.pk)).content.decode()
        assert f'data-testid="cast-{org.pk}"' in page
        cast = client.post(url("vote_cast", vote.pk), {"member": org.pk, "choice": choice})
        assert cast.status_code == 200
        receipts[org.pk] = section(cast.content.decode(), "receipt").strip()
        again = client.get(url("vote_detail", vote.pk)).content.decode()
        assert receipts[org.pk] not in again and f'data-testid="cast-{org.pk}"' not in again
        assert 'data-testid="already-voted"' in again
    # A second ballot for A is refused.
    client.force_login(bloc.officers["A"])
    client.post(url("vote_cast", vote.pk), {"member": a.pk, "choice": "disagree"})
    assert vote.roll.count() == 4

    client.force_login(head)
    html = client.get(url("vote_detail", vote.pk)).content.decode()
    roll = section(html, "roll")
    for org in bloc.members:
        assert org.name in roll and "đã bỏ phiếu" in section(html, f"roll-{org.pk}")
    for word in ("Đồng ý suy tôn", "Không đồng ý", "agree", "disagree"):
        assert word not in roll

    wrong = client.post(url("vote_close", vote.pk), {"tally_code": "SAI-MA"})
    assert wrong.status_code == 200 and "Mã kiểm phiếu không đúng." in wrong.content.decode()
    assert client.post(url("vote_close", vote.pk), {"tally_code": code}).status_code == 302
    assert client.post(url("vote_tally", vote.pk), {"minutes": "Hội nghị thống nhất."}).status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.TALLIED and vote.passed
    assert (vote.agree, vote.disagree, vote.abstain) == (3, 1, 0)
    assert CollectiveAppraisal.objects.get(organization=a, year=YEAR).cluster_rank == 1

    client.force_login(bloc.officers["C"])
    html = client.get(url("vote_detail", vote.pk)).content.decode()
    assert "Được suy tôn" in section(html, "vote-result")
    published = section(html, "receipts")
    for receipt in receipts.values():
        assert receipt in published
    assert published.count("Đồng ý suy tôn") == 3 and published.count("Không đồng ý") == 1
    # The published choices name no member, and the roll names no choice.
    for org in bloc.members:
        assert org.name not in published and (org.short_name or "") not in published
    roll = section(html, "roll")
    assert "Đồng ý" not in roll and "Không đồng ý" not in roll
    assert url("vote_minutes_docx", vote.pk) in html and url("vote_minutes_pdf", vote.pk) in html


def test_show_of_hands_is_recorded_by_the_head(client, bloc):
    round_ = run_round(bloc, fast=True)
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    client.force_login(bloc.officers["A"])
    html = client.get(url("vote_detail", vote.pk)).content.decode()
    assert 'data-testid="record-form"' not in html and 'data-testid="vote-open"' not in html
    assert client.post(url("vote_record", vote.pk), {"agree": 4, "disagree": 0}).status_code == 403
    client.force_login(bloc.head_officer)
    html = client.get(url("vote_detail", vote.pk)).content.decode()
    assert 'name="agree"' in section(html, "record-form")
    too_many = client.post(url("vote_record", vote.pk), {"agree": 4, "disagree": 1, "abstain": 0})
    assert too_many.status_code == 200
    assert "Tổng số biểu quyết vượt số thành viên (4)." in too_many.content.decode()
    response = client.post(
        url("vote_record", vote.pk),
        {"agree": 3, "disagree": 1, "abstain": 0, "minutes": "Giơ tay tại hội nghị."},
    )
    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.TALLIED and vote.passed and vote.minutes == "Giơ tay tại hội nghị."
    html = client.get(url("vote_detail", vote.pk)).content.decode()
    assert "Đồng ý 3, không đồng ý 1" in section(html, "vote-result")
    assert 'data-testid="proposal-form"' in html
    assert url("vote_minutes_pdf", vote.pk) in html


def _hailed(bloc) -> ScoringRound:
    round_ = run_round(bloc, fast=True)
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=0)
    return round_


def test_proposal_is_drafted_from_the_vote_and_sent(client, bloc):
    round_ = _hailed(bloc)
    a, b, c, d = bloc.members
    client.force_login(bloc.head_officer)
    page = client.get(url("proposal_create", round_.pk))
    assert page.status_code == 200 and 'data-testid="proposal-form"' in page.content.decode()
    too_many = client.post(url("proposal_create", round_.pk), {"runners_up": [b.pk, c.pk, d.pk]})
    assert too_many.status_code == 200 and "Chọn tối đa 2 đơn vị" in too_many.content.decode()
    assert not ClusterProposal.objects.filter(round=round_).exists()
    response = client.post(url("proposal_create", round_.pk), {"runners_up": [b.pk, c.pk], "achievement": ""})
    assert response.status_code == 302 and response["Location"] == url("proposal_create", round_.pk)
    proposal = ClusterProposal.objects.get(round=round_)
    lines = {(n.organization_id, n.code) for n in proposal.batch.nominations.all()}
    assert lines == {
        (a.pk, AwardCode.CO_TINH),
        (b.pk, AwardCode.BANG_KHEN_TINH),
        (c.pk, AwardCode.BANG_KHEN_TINH),
    }
    html = client.get(url("proposal_create", round_.pk)).content.decode()
    table = section(html, "proposal-lines")
    assert "Cờ thi đua cấp bộ, ban, ngành, tỉnh" in table and "Bằng khen cấp bộ, ban, ngành, tỉnh" in table
    assert "Đơn vị dẫn đầu cụm, khối được suy tôn" in table and "Xếp thứ 2 trong" in table
    assert 'data-testid="verdict"' in table
    assert reverse("nominations:detail", args=[proposal.batch_id]) in html
    assert 'data-testid="proposal-send"' in html
    # A member neither opens the head's proposal page nor sends it.
    client.force_login(bloc.officers["A"])
    assert client.get(url("proposal_create", round_.pk)).status_code == 403
    assert client.post(url("proposal_send", proposal.pk)).status_code == 403
    client.force_login(bloc.head_officer)
    response = client.post(url("proposal_send", proposal.pk), follow=True)
    proposal.batch.refresh_from_db()
    assert proposal.batch.status == BatchStatus.SUBMITTED
    html = response.content.decode()
    assert "Đã gửi tờ trình" in html and 'data-testid="proposal-send"' not in html
    assert proposal.batch.get_status_display() in section(html, "batch-status")


def test_an_exceptional_leader_adds_the_governments_flag_checked_by_the_rules(client, bloc):
    round_ = _hailed(bloc)
    a = bloc.members[0]
    client.force_login(bloc.head_officer)
    client.post(url("proposal_create", round_.pk), {"exceptional": "on"})
    proposal = ClusterProposal.objects.get(round=round_)
    codes = sorted(proposal.batch.nominations.filter(organization=a).values_list("code", flat=True))
    assert codes == sorted([AwardCode.CO_TINH, AwardCode.CO_CHINH_PHU])
    html = client.get(url("proposal_create", round_.pk)).content.decode()
    assert "Đơn vị dẫn đầu tiêu biểu" in section(html, "proposal-lines")
    # The 20% quota of the Government's flag is over all the province's leaders: the bloc's batch only asks the
    # province's office, so it is sent, with the quota as a warning for the office's own list.
    client.post(url("proposal_send", proposal.pk), follow=True)
    proposal.batch.refresh_from_db()
    assert proposal.batch.status == BatchStatus.SUBMITTED
    report = nomination_services.batch_quota_report(batch=proposal.batch)
    assert report["blocking"] == []
    assert any("Cờ thi đua của Chính phủ" in warning for warning in report["warnings"])


# ---------------------------------------------------------------- query counts


def _count(client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)
    assert response.status_code == 200
    return len(queries)


def test_list_pages_keep_their_query_counts_as_members_and_cards_grow(
    client, bloc, make_user, django_assert_max_num_queries
):
    small = run_round(bloc, fast=True)
    client.force_login(bloc.officers["A"])
    pages = {
        "round": (url("round_detail", small.pk), 18),
        "ranking": (url("ranking", small.pk), 16),
        "agency": (url("agency_view"), 20),
    }
    before = {name: _count(client, page) for name, (page, _limit) in pages.items()}
    # Three more members join; a second round scores seven members (42 peer cards instead of 12).
    levels = {"A": "0.95", "B": "0.9", "C": "0.8", "D": "0.7"}
    for i, code in enumerate(("F", "G", "H")):
        org = Organization.objects.create(
            kind=OrganizationKind.AGENCY, code=code, name=f"Sở Thành viên {code}", parent=bloc.province
        )
        bloc.cluster.memberships.create(organization=org, valid_from=date(YEAR, 1, 1))
        levels[code] = str(Decimal("0.6") - Decimal(i) / 20)
    large = run_round(bloc, fast=True, period="mid_year", levels=levels)
    assert large.cards.count() > 2 * small.cards.count()
    for name, (page, limit) in pages.items():
        page = page.replace(str(small.pk), str(large.pk)) if name != "agency" else page
        with django_assert_max_num_queries(limit):
            response = client.get(page)
        assert response.status_code == 200
        assert _count(client, page) <= before[name], name
