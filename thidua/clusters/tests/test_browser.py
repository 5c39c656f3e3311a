"""A bloc's year in a real browser (issue 14), each member in its own browser context, on the bloc of
tests/conftest.py (A the deputy, B the head, C and D):

0. the year's head (B) records the covenant with a target and the members' signing;
1. the year's head (B) drafts the scoring table in groups and criteria and adopts it, then opens a round;
2. two members (A and C) score themselves in the browser and send their cards; B's and D's self cards are
   filled through the services (to keep the test short); the head moves the round to peer scoring;
3. A and C score the three others in the browser — the peer matrix has no card of a member about itself — and
   B's and D's peer cards are filled through the services; the head verifies each card and closes the round;
4. the ranking shows A first; the head sets up the secret vote for the leader and opens it (the tally code is
   shown once); A and B cast their ballots in the browser (a receipt shown once), C and D through the services;
   the head closes the urn with the code and tallies: A is hailed;
5. the head drafts the proposal to the province (Cờ thi đua cấp tỉnh for A, Bằng khen for the runner-up B)
   and sends it.

legal-rules §7 point 4: scoring table → self-scoring → peer scoring → ranking → suy tôn → proposal.
"""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from thidua.clusters import services
from thidua.clusters.models import (
    CardStatus,
    ClusterProposal,
    LeaderVote,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
    VoteStatus,
)
from thidua.nominations.models import BatchStatus

from .conftest import YEAR, score_values

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"
# The points each scorer gives each criterion (1.1 out of 40, 1.2 out of 20, 2.1 out of 40), by target code.
TYPED = {
    "A": ("38", "19", "38"),  # 95
    "B": ("36", "18", "36"),  # 90
    "C": ("30", "15", "30"),  # 75
    "D": ("28", "14", "28"),  # 70
}
LEVELS = {"A": Decimal("0.95"), "B": Decimal("0.9"), "C": Decimal("0.75"), "D": Decimal("0.7")}


def _open(browser, base: str, username: str) -> Page:
    """A browser context of its own for `username`, logged in; confirmation dialogs are accepted."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
    return page


def _success(page: Page, text: str) -> None:
    expect(page.locator(".alert-success", has_text=text).first).to_be_visible()


def _score_card_in_browser(page: Page, base: str, round_: ScoringRound, card_pk: int, typed: tuple) -> None:
    """From the round's page, open the card, type its points, save, and send it."""
    page.goto(f"{base}/cum-khoi/dot-cham/{round_.pk}/")
    page.get_by_test_id(f"card-{card_pk}").click()
    expect(page.get_by_test_id("card-status")).to_have_text("Đang chấm")
    for code, points in zip(("1.1", "1.2", "2.1"), typed, strict=True):
        page.get_by_test_id(f"score-{code}").fill(points)
    page.get_by_test_id("scores-save").click()
    _success(page, "Đã lưu điểm.")
    total = sum(Decimal(p) for p in typed)
    expect(page.get_by_test_id("card-total")).to_contain_text(f"{total:.1f}".replace(".", ","))
    page.get_by_test_id("card-submit").click()
    expect(page.get_by_test_id("card-status")).to_have_text("Đã gửi")


def _score_cards_by_services(bloc, round_: ScoringRound, table: ScoringTable, stage: str, scorers) -> None:
    for card in round_.cards.filter(stage=stage, scorer__in=scorers).select_related("scorer", "target"):
        actor = bloc.officer_of(card.scorer)
        services.scores_save(actor=actor, card=card, values=score_values(table, LEVELS[card.target.code]))
        services.card_transition(actor=actor, card=card, action="submit")


def test_a_blocs_year_from_the_scoring_table_to_the_leaders_nomination(live_server, browser, bloc) -> None:
    base = live_server.url
    a, b, c, d = bloc.members
    cluster = bloc.cluster

    # 1. The head drafts the table and adopts it.
    head = _open(browser, base, "officer_B")
    head.goto(f"{base}/cum-khoi/")
    head.get_by_test_id(f"your-bloc-{cluster.pk}").click()
    head.get_by_role("link", name=str(YEAR), exact=True).first.click()
    year_page = head.url

    # 0. The head records the year's covenant, its target, and the members' signing at the launch conference.
    head.get_by_test_id("covenant-create").click()
    head.get_by_label("Địa điểm ký kết").fill("Thành phố Yên Bái")
    head.get_by_test_id("save").click()
    _success(head, f"Đã lập dự thảo giao ước thi đua năm {YEAR}.")
    targets = head.get_by_test_id("target-add")
    targets.get_by_label("Chỉ tiêu").fill("Giải ngân vốn đầu tư công")
    targets.get_by_label("Mức phấn đấu").fill("95%")
    targets.get_by_role("button", name="Thêm chỉ tiêu").click()
    _success(head, "Đã thêm chỉ tiêu.")
    expect(head.get_by_test_id("targets")).to_contain_text("Giải ngân vốn đầu tư công")
    head.get_by_test_id("covenant-sign").click()
    head.get_by_label("Ngày ký kết").fill(f"15/02/{YEAR}")
    head.get_by_test_id("sign-save").click()
    _success(head, "Đã ghi nhận ký kết giao ước thi đua.")
    expect(head.get_by_test_id("signatories")).to_contain_text(a.name)
    covenant = cluster.covenants.get(year=YEAR)
    assert covenant.status == "signed" and covenant.signatories.count() == 4
    head.goto(year_page)

    head.get_by_test_id("table-create").click()
    head.get_by_label("Tên bảng tiêu chí").fill(f"Bảng tiêu chí chấm điểm thi đua năm {YEAR}")
    head.get_by_test_id("save").click()
    _success(head, f"Đã lập dự thảo bảng tiêu chí năm {YEAR}.")
    table = ScoringTable.objects.get(cluster=cluster, year=YEAR)
    expect(head.get_by_test_id("table-status")).to_have_text("Dự thảo")

    groups = (
        (
            "I",
            "Thực hiện nhiệm vụ chuyên môn",
            "60",
            (("1.1", "Hoàn thành chỉ tiêu kế hoạch", "40"), ("1.2", "Cải cách hành chính", "20")),
        ),
        ("II", "Công tác thi đua, khen thưởng", "40", (("2.1", "Tổ chức phong trào thi đua", "40"),)),
    )
    for code, title, points, criteria in groups:
        form = head.get_by_test_id("group-add")
        form.get_by_label("Số thứ tự").fill(code)
        form.get_by_label("Nhóm tiêu chí").fill(title)
        form.get_by_label("Điểm tối đa").fill(points)
        form.get_by_role("button", name="Thêm nhóm").click()
        _success(head, f"Đã thêm nhóm tiêu chí {code}.")
        group = table.groups.get(code=code)
        for c_code, c_title, c_points in criteria:
            form = head.get_by_test_id(f"criterion-add-{group.pk}")
            form.get_by_label("Số thứ tự").fill(c_code)
            form.get_by_label("Tiêu chí").fill(c_title)
            form.get_by_label("Điểm tối đa").fill(c_points)
            form.get_by_role("button", name="Thêm tiêu chí").click()
            _success(head, f"Đã thêm tiêu chí {c_code}.")
    expect(head.get_by_test_id("adopt-problems")).to_have_count(0)
    head.get_by_test_id("transition-adopt").click()
    expect(head.get_by_test_id("table-status")).to_have_text("Đã thông qua")
    expect(head.get_by_test_id("adopted-note")).to_be_visible()
    table.refresh_from_db()
    assert table.status == TableStatus.ADOPTED

    # … and opens the year-end round against it.
    head.goto(f"{base}/cum-khoi/{cluster.pk}/?nam={YEAR}")
    head.get_by_test_id("round-create").click()
    head.get_by_label("Năm").select_option(str(YEAR))
    head.get_by_label("Kỳ").select_option("year_end")
    head.get_by_label("Bảng tiêu chí đã thông qua").select_option(str(table.pk))
    head.get_by_label("Hạn tự chấm").fill(f"10/12/{YEAR}")
    head.get_by_label("Hạn chấm chéo").fill(f"20/12/{YEAR}")
    head.get_by_label("Hạn thẩm định").fill(f"25/12/{YEAR}")
    head.get_by_test_id("round-save").click()
    expect(head.get_by_test_id("round-status")).to_have_text("Chuẩn bị")
    head.get_by_test_id("round-transition-open").click()
    expect(head.get_by_test_id("round-status")).to_have_text("Thành viên tự chấm")
    round_ = ScoringRound.objects.get(cluster=cluster, year=YEAR)

    # 2. A and C score themselves in the browser; B and D through the services.
    members = {"A": _open(browser, base, "officer_A"), "C": _open(browser, base, "officer_C")}
    for code, page in members.items():
        card = round_.cards.get(stage=Stage.SELF, scorer__code=code)
        _score_card_in_browser(page, base, round_, card.pk, TYPED[code])
    _score_cards_by_services(bloc, round_, table, Stage.SELF, [b, d])
    head.reload()
    expect(head.get_by_test_id("stage-self")).to_contain_text("Đã gửi 4, đang chấm 0")
    head.get_by_test_id("round-transition-peer").click()
    expect(head.get_by_test_id("round-status")).to_have_text("Chấm chéo")

    # 3. A and C score the three others; nobody has a card about itself.
    for code, page in members.items():
        page.goto(f"{base}/cum-khoi/dot-cham/{round_.pk}/")
        # Rows score columns; the four cells of the diagonal (a member about itself) have no card.
        expect(page.get_by_test_id("peer-matrix").locator("td.table-secondary")).to_have_count(4)
        own = round_.cards.filter(stage=Stage.PEER, scorer__code=code)
        assert sorted(own.values_list("target__code", flat=True)) == sorted(set("ABCD") - {code})
        for card in own.select_related("target").order_by("target__code"):
            _score_card_in_browser(page, base, round_, card.pk, TYPED[card.target.code])
    _score_cards_by_services(bloc, round_, table, Stage.PEER, [b, d])
    head.reload()
    expect(head.get_by_test_id("stage-peer")).to_contain_text("Đã gửi 12, đang chấm 0")

    # The head verifies: each member's card comes prefilled with its own scores; the head sends them and closes.
    head.get_by_test_id("round-transition-verify").click()
    expect(head.get_by_test_id("round-status")).to_have_text("Trưởng khối thẩm định")
    for card in round_.cards.filter(stage=Stage.HEAD).order_by("target__code"):
        head.goto(f"{base}/cum-khoi/phieu-cham/{card.pk}/")
        expect(head.get_by_test_id("score-1.1")).to_have_value(f"{TYPED[card.target.code][0]},0")
        head.get_by_test_id("card-submit").click()
        expect(head.get_by_test_id("card-status")).to_have_text("Đã gửi")
    assert not round_.cards.exclude(status=CardStatus.SUBMITTED).exists()
    head.goto(f"{base}/cum-khoi/dot-cham/{round_.pk}/")
    head.get_by_test_id("round-transition-close").click()
    expect(head.get_by_test_id("round-status")).to_have_text("Đã xếp hạng")

    # 4. The ranking: A leads, then B, C, D.
    head.get_by_test_id("ranking-link").click()
    expect(head.get_by_test_id("ranking-fixed")).to_be_visible()
    rows = head.get_by_test_id("standings").locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text(a.name)
    expect(rows.nth(1)).to_contain_text(b.name)
    expect(rows.nth(3)).to_contain_text(d.name)
    expect(head.get_by_test_id(f"standing-{a.pk}").locator("td").first).to_contain_text("1")
    expect(head.get_by_test_id(f"standing-{a.pk}")).to_contain_text("95,0")

    # The vote for the leader: a secret ballot, A proposed.
    head.goto(f"{base}/cum-khoi/dot-cham/{round_.pk}/")
    head.get_by_test_id("vote-create").click()
    expect(head.get_by_test_id("vote-intro")).to_contain_text(a.name)
    expect(head.get_by_label("Đơn vị được đề nghị suy tôn")).to_have_value(str(a.pk))
    head.get_by_label("Hình thức").select_option("secret")
    head.get_by_label("Địa điểm").fill("Hội trường Sở Tài chính")
    head.get_by_test_id("vote-save").click()
    expect(head.get_by_test_id("vote-candidate")).to_contain_text(a.name)
    head.get_by_test_id("vote-open").click()
    code = head.get_by_test_id("tally-code").inner_text().strip()
    assert len(code) >= 16
    head.get_by_test_id("back-to-vote").click()
    expect(head.get_by_test_id("vote-status")).to_have_text("Đang bỏ phiếu")
    vote = LeaderVote.objects.get(round=round_)

    receipts = []
    for page, member in ((members["A"], a), (head, b)):
        page.goto(f"{base}/cum-khoi/suy-ton/{vote.pk}/")
        ballot = page.get_by_test_id(f"cast-{member.pk}")
        ballot.get_by_label("Đồng ý suy tôn").check()
        ballot.get_by_test_id(f"cast-submit-{member.pk}").click()
        receipts.append(page.get_by_test_id("receipt").inner_text().strip())
        page.get_by_test_id("back-to-vote").click()
        expect(page.get_by_test_id("already-voted")).to_be_visible()
    for member in (c, d):
        services.vote_cast(actor=bloc.officer_of(member), vote=vote, member=member, choice="agree")
    head.reload()
    expect(head.get_by_test_id(f"roll-{a.pk}")).to_contain_text("đã bỏ phiếu")
    expect(head.get_by_test_id(f"roll-{d.pk}")).to_contain_text("đã bỏ phiếu")
    head.get_by_test_id("close-form").get_by_label("Mã kiểm phiếu").fill(code)
    head.get_by_test_id("vote-close").click()
    expect(head.get_by_test_id("vote-status")).to_have_text("Đã đóng, chờ kiểm phiếu")
    head.get_by_test_id("tally-form").get_by_label("Diễn biến cuộc họp").fill(
        "Hội nghị tổng kết khối, 4/4 thành viên có mặt."
    )
    head.get_by_test_id("vote-tally").click()
    expect(head.get_by_test_id("vote-status")).to_have_text("Đã có kết quả")
    published = head.get_by_test_id("receipts")
    for receipt in receipts:  # each ballot cast in the browser is in the published tally
        expect(published).to_contain_text(receipt)
    vote.refresh_from_db()
    assert (vote.status, vote.agree, vote.passed) == (VoteStatus.TALLIED, 4, True)

    # 5. The proposal: the flag for A, a Bằng khen for the runner-up B; sent to the province.
    proposal_form = head.get_by_test_id("proposal-form")
    proposal_form.get_by_label(b.name).check()
    head.get_by_test_id("proposal-create").click()
    _success(head, "Đã lập tờ trình đề nghị khen thưởng.")
    lines = head.get_by_test_id("proposal-lines")
    expect(lines.locator("tbody tr")).to_have_count(2)
    expect(lines).to_contain_text(a.name)
    expect(lines).to_contain_text(b.name)
    expect(head.get_by_test_id("batch-status")).to_have_text("Đang soạn")
    head.get_by_test_id("proposal-send").click()
    expect(head.get_by_test_id("batch-status")).to_have_text("Đã gửi lên")
    proposal = ClusterProposal.objects.select_related("batch").get(round=round_)
    assert proposal.batch.status == BatchStatus.SUBMITTED
    assert proposal.batch.office_id == bloc.province.pk
    assert {(n.organization_id, n.code) for n in proposal.batch.nominations.all()} == {
        (a.pk, "CO_TINH"),
        (b.pk, "BANG_KHEN_TINH"),
    }
    for page in (head, *members.values()):
        page.context.close()
