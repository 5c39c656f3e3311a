"""The dossier catalogue as data: every row cites its basis, the items per era, code and track, the report forms,
and the era of a proposal chosen by its date."""

from datetime import date

import pytest

from thidua.core.codes import AwardCode, AwardTrack
from thidua.dossiers import catalogue
from thidua.dossiers.catalogue import (
    ALWAYS,
    BATCH,
    CATALOGUE,
    COUNCIL,
    ERAS,
    INITIATIVE_BASIS,
    LINE,
    SECRET_BALLOT,
    SUBMIT,
    DossierKind,
    catalogue_row,
    report_form,
)
from thidua.dossiers.completeness import batch_era

K = DossierKind


def _row(era: str, code: str, track: str) -> catalogue.CatalogueRow:
    row = catalogue_row(era=era, code=code, track=track)
    assert row is not None
    return row


@pytest.mark.parametrize("row", CATALOGUE, ids=lambda r: f"{r.era}-{'+'.join(r.codes) or '+'.join(r.tracks)}")
def test_every_row_cites_its_basis_and_every_item_its_own(row):
    assert row.era in ERAS
    assert row.basis.strip()
    assert "legal-rules §" in row.basis  # where in the law summary it comes from
    assert row.needs, "a row asks for at least the tờ trình"
    assert row.needs[0].kind == K.PROPOSAL
    for need in row.needs:
        assert need.basis.strip(), need
        assert need.kind in K.values
    # A row that legal-rules leaves unconfirmed or [K] says so.
    if "UNCONFIRMED" in row.basis or "[K]" in row.basis:
        assert row.to_verify


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("code", AwardCode.values)
def test_every_code_has_a_dossier_in_every_era_on_every_track(era, code):
    for track in AwardTrack.values:
        row = catalogue_row(era=era, code=code, track=track)
        assert row is not None, (era, code, track)
        assert row.era == era


# (era, code, track) → the items its dossier asks for, in order.
EXPECTED = [
    ("E1", "LDTT", "cong_trang", (K.PROPOSAL, K.MINUTES)),
    ("E2", "TTLDTT", "cong_trang", (K.PROPOSAL, K.MINUTES)),
    ("E2", "CSTDCS", "cong_trang", (K.PROPOSAL, K.MINUTES, K.INITIATIVE)),
    ("E3", "CSTD_TINH", "cong_trang", (K.PROPOSAL, K.MINUTES, K.BALLOT, K.REPORT, K.EFFECT)),
    ("E1", "CSTD_TOAN_QUOC", "cong_trang", (K.PROPOSAL, K.MINUTES, K.BALLOT, K.REPORT, K.EFFECT)),
    ("E2", "TTLDXS", "cong_trang", (K.PROPOSAL, K.MINUTES, K.REPORT)),
    ("E3", "CO_TINH", "cong_trang", (K.PROPOSAL, K.MINUTES, K.CLUSTER, K.REPORT)),
    ("E2", "GIAY_KHEN", "chuyen_de", (K.PROPOSAL, K.MINUTES)),
    ("E2", "BANG_KHEN_TINH", "cong_trang", (K.PROPOSAL, K.MINUTES, K.REPORT)),
    ("E3", "HCLD_3", "cong_hien", (K.PROPOSAL, K.MINUTES, K.REPORT)),
    # The simplified procedure of one-off achievements: tờ trình and a short summary, no minutes, no report.
    ("E1", "GIAY_KHEN", "dot_xuat", (K.PROPOSAL, K.SUMMARY)),
    ("E2", "BANG_KHEN_TINH", "dot_xuat", (K.PROPOSAL, K.SUMMARY)),
    ("E3", "CSTDCS", "dot_xuat", (K.PROPOSAL, K.SUMMARY)),
]


@pytest.mark.parametrize(("era", "code", "track", "kinds"), EXPECTED)
def test_the_items_of_each_form(era, code, track, kinds):
    assert _row(era, code, track).kinds() == kinds


def test_the_initiative_is_always_needed_under_decree_91_and_only_on_that_basis_since_2024():
    e1 = {n.kind: n for n in _row("E1", "CSTDCS", "cong_trang").needs}
    e2 = {n.kind: n for n in _row("E2", "CSTDCS", "cong_trang").needs}
    assert e1[K.INITIATIVE].when == ALWAYS and "Điều 9, khoản 3" in e1[K.INITIATIVE].basis
    assert e2[K.INITIATIVE].when == INITIATIVE_BASIS and "Điều 23" in e2[K.INITIATIVE].basis


def test_the_ballot_result_comes_after_the_council_and_only_for_secret_ballots():
    for row in CATALOGUE:
        for need in row.needs:
            if need.kind == K.BALLOT:
                assert need.stage == COUNCIL and need.when == SECRET_BALLOT and need.scope == BATCH
            else:
                assert need.stage == SUBMIT


def test_items_of_the_batch_and_of_the_line():
    assert {k for k, scope in catalogue.KIND_SCOPE.items() if scope == BATCH} == {
        K.PROPOSAL,
        K.MINUTES,
        K.BALLOT,
    }
    assert catalogue.KIND_SCOPE[K.REPORT] == LINE


def test_unconfirmed_items_are_marked_to_verify_and_confirmed_ones_are_not():
    cstd_tq_e1 = _row("E1", "CSTD_TOAN_QUOC", "cong_trang")
    assert not cstd_tq_e1.to_verify and "Điều 49" in cstd_tq_e1.basis and "[C]" in cstd_tq_e1.basis
    assert _row("E3", "CSTD_TOAN_QUOC", "cong_trang").to_verify
    ballot = {
        row.era: n for row in CATALOGUE for n in row.needs if n.kind == K.BALLOT and "CSTD_TINH" in row.codes
    }
    assert not ballot["E1"].to_verify and "Điều 45, khoản 8" in ballot["E1"].basis
    assert ballot["E2"].to_verify and ballot["E3"].to_verify
    for row in CATALOGUE:
        if row.tracks == (AwardTrack.DOT_XUAT,):
            assert row.to_verify and "thủ tục đơn giản" in row.needs[1].basis
            assert ("Điều 85" in row.needs[1].basis) is (row.era != "E1")  # Luật 06/2022's article


@pytest.mark.parametrize(
    ("era", "subject", "track", "title", "to_verify"),
    [
        ("E1", "individual", "cong_trang", "Mẫu số 02 – Nghị định 91/2017/NĐ-CP", False),
        ("E1", "collective", "cong_trang", "Mẫu số 01 – Nghị định 91/2017/NĐ-CP", False),
        ("E1", "individual", "dot_xuat", "Mẫu số 06 – Nghị định 91/2017/NĐ-CP", False),
        ("E1", "collective", "chuyen_de", "Mẫu số 07 – Nghị định 91/2017/NĐ-CP", False),
        ("E2", "individual", "cong_trang", "Mẫu báo cáo thành tích – Thông tư 01/2024/TT-BNV", True),
        ("E3", "collective", "cong_trang", "Mẫu báo cáo thành tích – Thông tư 15/2025/TT-BNV", True),
    ],
)
def test_the_report_form_of_each_era(era, subject, track, title, to_verify):
    form = report_form(era=era, subject=subject, track=track)
    assert form.title == title
    assert form.to_verify is to_verify
    assert form.basis
    if to_verify:
        assert "cần xác minh" in form.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dated", "era"),
    [
        (date(2023, 12, 31), "E1"),
        (date(2024, 1, 1), "E2"),
        (date(2025, 6, 30), "E2"),
        (date(2025, 7, 1), "E3"),
    ],
)
def test_the_era_of_a_proposal_follows_its_date(batch, dated, era):
    batch.dated = dated
    assert batch_era(batch) == era
