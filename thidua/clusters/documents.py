"""The documents of a bloc, as :class:`OfficialDocument` for the shared Decree 30 renderer (DOCX and PDF):

- the covenant (Bản giao ước thi đua): the members, the commitments, the targets, a signature block per member;
- the scoring table (Bảng tiêu chí chấm điểm): the groups and criteria, maximum points, evidence required;
- the review of a round (Báo cáo sơ kết / tổng kết): the scores, the ranking, the disagreements and the charts;
- the minutes of the bloc meeting's vote (Biên bản họp bình xét, suy tôn): when and where, who voted, the
  method, the counts, the threshold with its basis, the result and the ranking;
- the tờ trình to the provincial council: the leader for the Cờ thi đua cấp tỉnh, the runners-up for the
  Bằng khen, an exceptional leader for the Cờ thi đua của Chính phủ;
- and the files the bloc puts in its tờ trình's dossier (`proposal_dossier_files`).

The issuer of a bloc's document is the year's head agency (`Rota.head`), its signer the head's leader as
"TRƯỞNG KHỐI" (or "TRƯỞNG CỤM"). A draft carries no number yet: "Số:      /BC-KT" (the clerk writes it when
the document is issued), with the cluster's code as the symbol.

Legal basis: Luật Thi đua, khen thưởng 06/2022/QH15, Điều 26 (the leaders of clusters and blocs); the bloc's
own rules and the province's guidance for the method (legal-rules §7, "cần xác minh" where configured).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.core.codes import AwardCode
from thidua.documents.formatting import vn_date, vn_number
from thidua.documents.layout import (
    Align,
    Block,
    Bullet,
    Heading,
    Image,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Signatures,
    Table,
    render_docx,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.completeness import batch_date, batch_era
from thidua.dossiers.documents import ERA_BASES
from thidua.organizations.models import Organization
from thidua.rules.engine.config import ITEMS as CONFIG_ITEMS
from thidua.rules.wording import plain_basis

from . import charts
from .models import (
    Cluster,
    ClusterKind,
    ClusterProposal,
    Covenant,
    CovenantStatus,
    CriterionKind,
    LeaderVote,
    Period,
    ScoringRound,
    ScoringTable,
    TableStatus,
    VoteMethod,
    VoteRoll,
    VoteStatus,
)
from .ranking import Standing
from .selectors import criteria_of, gap_for, round_disagreements, standings_for, weights_for
from .workflow import members_on, rota_of, year_day

DRAFT_NUMBER = "     "
VERIFY = "cần xác minh"
CENTER: Align = "center"
CHART_WIDTH_MM = 150.0
LEADER_CODES = (AwardCode.CO_TINH, AwardCode.CO_CHINH_PHU)
STAGE_NAMES = {"self": "tự chấm", "peer": "chấm chéo", "head": "thẩm định của Trưởng khối"}


# ---------------------------------------------------------------- the common parts


def _kind_word(cluster: Cluster) -> str:
    return "cụm" if cluster.kind == ClusterKind.CUM else "khối"


def head_of(cluster: Cluster, year: int) -> Organization:
    """The year's head agency (the issuer of the bloc's documents); the province when no head is set."""
    rota = rota_of(cluster, year)
    return rota.head if rota is not None else cluster.province


def _header(organization: Organization, day: date) -> tuple[str | None, str, str]:
    issuer = issuer_on(organization, day)
    parent, name = issuer_header(issuer)
    return parent, name, issuer_place(issuer) or "…"


def _number(cluster: Cluster, abbreviation: str) -> str:
    symbol = re.sub(r"[^0-9A-Za-zĐđ]", "", cluster.code).upper()
    return f"{DRAFT_NUMBER}/{abbreviation}{'-' + symbol if symbol else ''}"


def _head_signature(cluster: Cluster, head: Organization) -> Signature:
    """ "TRƯỞNG KHỐI" over the head agency's leader ("GIÁM ĐỐC SỞ TÀI CHÍNH")."""
    own = " ".join(p for p in (head.signer_title, head.name) if p)
    return Signature(
        position=f"TRƯỞNG {_kind_word(cluster).upper()}",
        name=head.signer_name,
        signer_position=own.upper() or None,
    )


def _member_signature(organization: Organization, representative: str = "", position: str = "") -> Signature:
    _parent, name = issuer_header(organization)
    return Signature(
        position=name,
        name=representative or organization.signer_name,
        signer_position=(position or organization.signer_title).upper() or None,
    )


def _score(value: Decimal | None) -> str:
    return "–" if value is None else vn_number(value)


def _config_basis(key: str) -> str:
    item = next(item for item in CONFIG_ITEMS if item.key == key)
    return plain_basis(item.source)


def _names(ids: Sequence[int]) -> dict[int, Organization]:
    return {o.pk: o for o in Organization.objects.filter(pk__in=ids)}


def _period_words(round_: ScoringRound) -> tuple[str, str]:
    """("sơ kết 6 tháng đầu năm 2024", "Sơ kết công tác thi đua 6 tháng đầu năm 2024") or the year-end's."""
    if round_.period == Period.MID_YEAR:
        return (
            f"sơ kết 6 tháng đầu năm {round_.year}",
            f"Sơ kết công tác thi đua 6 tháng đầu năm {round_.year}",
        )
    return f"tổng kết năm {round_.year}", f"Tổng kết công tác thi đua năm {round_.year}"


def ascii_slug(text: str) -> str:
    """A file-name part without diacritics: "Sở Tài chính" → "so-tai-chinh"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tep"


# ---------------------------------------------------------------- the covenant


def covenant_document(covenant: Covenant) -> OfficialDocument:
    """The year's covenant: who signs, what they commit to, the targets, one signature block per member."""
    cluster = covenant.cluster
    day = covenant.signed_on or timezone.localdate()
    head = head_of(cluster, covenant.year)
    parent, issuer, place = _header(head, day)
    members = members_on(cluster, year_day(covenant.year))
    body: list[Block] = []
    body.extend(Paragraph(p.strip()) for p in covenant.preamble.split("\n\n") if p.strip())
    where = f", tại {covenant.place}" if covenant.place else ""
    when = f"Hôm nay, ngày {vn_date(covenant.signed_on)}{where}, " if covenant.signed_on else ""
    body.append(
        Paragraph(
            f"{when}các cơ quan, đơn vị thành viên {cluster.name} cùng ký kết giao ước thi đua năm "
            f"{covenant.year} với các nội dung sau:"
        )
    )
    body.append(Heading(1, "I. CÁC THÀNH VIÊN KÝ GIAO ƯỚC"))
    rota = rota_of(cluster, covenant.year)
    for org in members:
        role = ""
        if rota is not None and org.pk == rota.head_id:
            role = f" (Trưởng {_kind_word(cluster)})"
        elif rota is not None and org.pk == rota.deputy_id:
            role = f" (Phó Trưởng {_kind_word(cluster)})"
        body.append(Bullet(f"{org.name}{role}."))
    body.append(Heading(1, "II. NỘI DUNG GIAO ƯỚC"))
    lines = covenant.commitment_lines()
    if lines:
        body.extend(NumberedItem(f"{i}.", line) for i, line in enumerate(lines, start=1))
    else:
        body.append(Paragraph("(Chưa ghi nội dung giao ước.)"))
    body.append(Heading(1, "III. CÁC CHỈ TIÊU THI ĐUA"))
    targets = list(covenant.targets.all())
    if targets:
        body.append(
            Table(
                header=("TT", "Chỉ tiêu", "Mức phấn đấu"),
                rows=tuple((str(i), t.text, t.measure) for i, t in enumerate(targets, start=1)),
                widths=(0.5, 4.5, 1.8),
                align=("center", "left", "left"),
            )
        )
    else:
        body.append(Paragraph("(Chưa ghi chỉ tiêu.)"))
    body.append(Heading(1, "IV. TỔ CHỨC THỰC HIỆN"))
    body.append(
        Paragraph(
            "Các thành viên tổ chức quán triệt, triển khai giao ước thi đua trong cơ quan, đơn vị; định kỳ sơ kết 6 "
            f"tháng, tổng kết năm; kết quả thực hiện giao ước là căn cứ chấm điểm, xếp hạng thi đua của "
            f"{_kind_word(cluster)}."
        )
    )
    if covenant.status == CovenantStatus.SIGNED:
        signed = list(covenant.signatories.select_related("organization").order_by("organization__sort_key"))
        blocks = tuple(_member_signature(s.organization, s.representative, s.position) for s in signed)
    else:
        blocks = tuple(_member_signature(org) for org in members)
    body.append(Signatures(blocks, columns=2, heading="ĐẠI DIỆN CÁC THÀNH VIÊN KÝ GIAO ƯỚC"))
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=_number(cluster, "GƯ"),
        place=place,
        date=day,
        doc_type_title="BẢN GIAO ƯỚC THI ĐUA",
        abstract=covenant.title or f"{cluster.name} năm {covenant.year}",
        body=tuple(body),
        recipients=(f"Các thành viên {cluster.name};", "Ban Thi đua – Khen thưởng tỉnh;", "Lưu."),
        signature=_head_signature(cluster, head),
    )


# ---------------------------------------------------------------- the scoring table


def _kind_note(kind: str) -> str:
    notes: dict[str, str] = {CriterionKind.BONUS: " (điểm thưởng)", CriterionKind.PENALTY: " (điểm trừ)"}
    return notes.get(kind, "")


def table_rows(table: ScoringTable) -> tuple[tuple[str, str, str, str], ...]:
    """(number, content, maximum, evidence): a row per group (in capitals) then its criteria, and the total."""
    rows: list[tuple[str, str, str, str]] = []
    total = Decimal(0)
    for group in table.groups.prefetch_related("criteria").order_by("position", "pk"):
        total += group.max_points
        rows.append((group.code, group.title.upper(), vn_number(group.max_points.normalize()), ""))
        for c in group.criteria.all():
            rows.append(
                (c.code, f"{c.title}{_kind_note(c.kind)}", vn_number(c.max_points.normalize()), c.evidence)
            )
    rows.append(("", "TỔNG CỘNG", vn_number(total.normalize()), ""))
    return tuple(rows)


def table_document(table: ScoringTable) -> OfficialDocument:
    """The criteria table: the groups with their maximum, each criterion with its maximum and evidence."""
    cluster = table.cluster
    day = table.adopted_on or timezone.localdate()
    head = head_of(cluster, table.year)
    parent, issuer, place = _header(head, day)
    if table.status in (TableStatus.ADOPTED, TableStatus.SUPERSEDED) and table.adopted_on:
        state = f"thông qua ngày {vn_date(table.adopted_on)}"
    else:
        state = str(table.get_status_display()).lower()
    body: list[Block] = [
        Paragraph(
            f"Bảng tiêu chí chấm điểm thi đua năm {table.year} của {cluster.name} (phiên bản {table.number}, "
            f"{state}). Điểm được chấm đến {table.precision} chữ số thập phân; điểm thưởng cộng thêm, điểm trừ "
            "trừ vào tổng điểm."
        )
    ]
    body.extend(Paragraph(p.strip()) for p in table.note.split("\n\n") if p.strip())
    body.append(
        Table(
            header=("TT", "Nội dung tiêu chí", "Điểm tối đa", "Minh chứng cần có"),
            rows=table_rows(table),
            widths=(0.7, 4.0, 1.1, 2.4),
            align=("center", "left", "center", "left"),
        )
    )
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=_number(cluster, "BTC"),
        place=place,
        date=day,
        doc_type_title="BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA",
        abstract=table.title,
        body=tuple(body),
        recipients=(f"Các thành viên {cluster.name};", "Lưu."),
        signature=_head_signature(cluster, head),
    )


# ---------------------------------------------------------------- the round's ranking and review


@dataclass(frozen=True)
class RankingRow:
    """One member's line of the ranking table (the same in the review, the minutes and the Excel file)."""

    organization: Organization
    standing: Standing

    @property
    def rank_text(self) -> str:
        s = self.standing
        if s.rank is None:
            return "Chưa xếp hạng"
        return f"{s.rank} (đồng hạng)" if s.tied else str(s.rank)


def ranking_rows(round_: ScoringRound) -> list[RankingRow]:
    """The round's standings (stored when closed) in ranking order, with their organizations."""
    standings = standings_for(round_)
    names = _names([s.member for s in standings])
    return [RankingRow(names[s.member], s) for s in standings if s.member in names]


def _ranking_table(rows: list[RankingRow]) -> Table:
    return Table(
        header=("Hạng", "Cơ quan, đơn vị", "Tự chấm", "Chấm chéo (bình quân)", "Thẩm định", "Điểm xếp hạng"),
        rows=tuple(
            (
                r.rank_text,
                r.organization.name,
                _score(r.standing.self_total),
                _score(r.standing.peer_total),
                _score(r.standing.head_total),
                _score(r.standing.final),
            )
            for r in rows
        ),
        widths=(0.9, 3.0, 1.0, 1.3, 1.1, 1.1),
        align=("center", "left", "center", "center", "center", "center"),
    )


def weights_text(cluster: Cluster) -> str:
    weights, to_verify = weights_for(cluster)
    parts = [f"{STAGE_NAMES[k]} {v}%" for k, v in weights.items() if v]
    verify = f" ({VERIFY})" if to_verify else ""
    return (
        f"Điểm xếp hạng là bình quân có trọng số: {', '.join(parts)}{verify}. Căn cứ: "
        f"{_config_basis('cluster.weights')}."
    )


def _group_table(scores: charts.GroupScores) -> Table:
    header = (
        "Cơ quan, đơn vị",
        *(f"{label} (tối đa {vn_number(top.normalize())})" for label, top in scores.groups),
    )
    rows = []
    for org in scores.members:
        values = scores.points.get(org.pk, ())
        rows.append((org.name, *(_score(None if v is None else v.quantize(Decimal("0.01"))) for v in values)))
    n = len(scores.groups)
    return Table(
        header=header,
        rows=tuple(rows),
        widths=(2.6, *(1.6,) * n),
        align=("left", *(CENTER,) * n),
    )


def review_document(round_: ScoringRound, *, with_charts: bool = True) -> OfficialDocument:
    """The bloc's mid-year or year-end review of `round_`: the scoring, the ranking, the points by group (with
    the radar and bar charts), the disagreements for the meeting and, after the vote, the leader."""
    cluster = round_.cluster
    day = (timezone.localdate(round_.closed_at) if round_.closed_at else None) or timezone.localdate()
    head = head_of(cluster, round_.year)
    parent, issuer, place = _header(head, day)
    words, heading = _period_words(round_)
    rows = ranking_rows(round_)
    names = {r.organization.pk: r.organization for r in rows}
    body: list[Block] = [
        Paragraph(
            f"Thực hiện bảng tiêu chí chấm điểm “{round_.table.title}” (phiên bản {round_.table.number}), "
            f"{cluster.name} báo cáo kết quả chấm điểm, xếp hạng thi đua {words} như sau:"
        ),
        Heading(1, "I. TỔ CHỨC CHẤM ĐIỂM"),
        Paragraph(
            f"{len(rows)} cơ quan, đơn vị thành viên tự chấm điểm (hạn {vn_date(round_.self_due)}), chấm chéo "
            f"(hạn {vn_date(round_.peer_due)})"
            + (
                f" và Trưởng {_kind_word(cluster)} thẩm định (hạn {vn_date(round_.verify_due)})"
                if round_.verify_due
                else ""
            )
            + "."
        ),
        Paragraph(weights_text(cluster)),
        Heading(1, "II. KẾT QUẢ XẾP HẠNG"),
    ]
    if round_.ranking:
        body.append(Paragraph(f"Kết quả xếp hạng được chốt ngày {vn_date(day)}."))
    else:
        body.append(
            Paragraph("Đợt chấm chưa kết thúc: bảng dưới đây là kết quả tạm tính từ các phiếu đã gửi.")
        )
    body.append(_ranking_table(rows))
    incomplete = [r for r in rows if r.standing.rank is None]
    for r in incomplete:
        missing = ", ".join(STAGE_NAMES.get(m, m) for m in r.standing.missing)
        body.append(Bullet(f"{r.organization.name}: chưa đủ điểm ({missing}), chưa xếp hạng."))
    body.append(Heading(1, "III. ĐIỂM THEO NHÓM TIÊU CHÍ"))
    scores = charts.round_group_scores(round_, order=[r.organization.pk for r in rows])
    body.append(
        Paragraph(
            "Điểm của mỗi cơ quan, đơn vị theo từng nhóm tiêu chí (theo điểm thẩm định; khi chưa có, theo điểm "
            "chấm chéo bình quân hoặc điểm tự chấm):"
        )
    )
    body.append(_group_table(scores))
    if with_charts and scores.groups and scores.members:
        body.append(
            Image(
                charts.round_radar(scores, width=1200, height=950),
                width_mm=CHART_WIDTH_MM,
                caption="Biểu đồ 1. Tỷ lệ điểm đạt được so với điểm tối đa của từng nhóm tiêu chí",
                alt="Biểu đồ radar",
            )
        )
        body.append(
            Image(
                charts.round_bars(scores, width=1200, height=800),
                width_mm=CHART_WIDTH_MM,
                caption="Biểu đồ 2. Điểm theo nhóm tiêu chí của các cơ quan, đơn vị (% điểm tối đa)",
                alt="Biểu đồ cột",
            )
        )
    body.append(Heading(1, "IV. NỘI DUNG CHẤM ĐIỂM CÓ CHÊNH LỆCH"))
    gap, gap_verify = gap_for(cluster)
    found = round_disagreements(round_)
    criteria = {c.pk: c for c in criteria_of(round_.table)}
    body.append(
        Paragraph(
            f"Các tiêu chí mà điểm của các phiếu chấm về cùng một đơn vị chênh lệch quá {gap}% điểm tối đa"
            f"{' (' + VERIFY + ')' if gap_verify else ''} được đưa ra họp {_kind_word(cluster)} thống nhất. "
            f"Căn cứ: {_config_basis('cluster.disagreement_gap_pct')}."
        )
    )
    if found:
        body.append(
            Table(
                header=("TT", "Cơ quan, đơn vị", "Tiêu chí", "Điểm thấp nhất", "Điểm cao nhất"),
                rows=tuple(
                    (
                        str(i),
                        names[d.target].name if d.target in names else "",
                        str(criteria[d.criterion]) if d.criterion in criteria else "",
                        _score(d.low),
                        _score(d.high),
                    )
                    for i, d in enumerate(found, start=1)
                ),
                widths=(0.5, 2.4, 3.2, 1.0, 1.0),
                align=("center", "left", "left", "center", "center"),
            )
        )
    else:
        body.append(Paragraph("Không có tiêu chí nào chênh lệch quá mức này."))
    vote = LeaderVote.objects.filter(round=round_).select_related("candidate").first()
    if vote is not None and vote.status == VoteStatus.TALLIED:
        body.append(Heading(1, "V. KẾT QUẢ SUY TÔN"))
        verdict = "được suy tôn" if vote.passed else "không đủ số phiếu để được suy tôn"
        body.append(
            Paragraph(
                f"Ngày {vn_date(vote.held_on)}, hội nghị {_kind_word(cluster)} biểu quyết ({vote.get_method_display().lower()}): "
                f"{vote.candidate.name} {verdict} đơn vị dẫn đầu {cluster.name} năm {round_.year} "
                f"({vote.agree or 0}/{vote.electorate or 0} thành viên đồng ý)."
            )
        )
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=_number(cluster, "BC"),
        place=place,
        date=day,
        doc_type_title="BÁO CÁO",
        abstract=f"{heading} của {cluster.name}",
        body=tuple(body),
        recipients=("Ban Thi đua – Khen thưởng tỉnh;", f"Các thành viên {cluster.name};", "Lưu."),
        signature=_head_signature(cluster, head),
    )


# ---------------------------------------------------------------- the minutes of the vote (suy tôn)


@dataclass(frozen=True)
class VoteCounts:
    electorate: int
    present: int
    agree: int
    disagree: int
    abstain: int


def vote_counts(vote: LeaderVote) -> VoteCounts:
    return VoteCounts(
        electorate=vote.electorate or 0,
        present=vote.present or 0,
        agree=vote.agree or 0,
        disagree=vote.disagree or 0,
        abstain=vote.abstain or 0,
    )


def _result_text(vote: LeaderVote) -> str:
    if vote.status != VoteStatus.TALLIED:
        return "Chưa có kết quả"
    return "Được suy tôn" if vote.passed else "Không đủ số phiếu để được suy tôn"


def vote_count_rows(vote: LeaderVote) -> tuple[tuple[str, str], ...]:
    counts = vote_counts(vote)
    verify = f" ({VERIFY})" if vote.threshold_to_verify else ""
    return (
        ("Hình thức", str(vote.get_method_display())),
        ("Tổng số thành viên", str(counts.electorate)),
        ("Số thành viên biểu quyết", str(counts.present)),
        ("Đồng ý", str(counts.agree)),
        ("Không đồng ý", str(counts.disagree)),
        ("Không biểu quyết, không hợp lệ", str(counts.abstain)),
        ("Tỷ lệ đồng ý cần đạt", f"trên {vote.threshold_pct or 50}% tổng số thành viên{verify}"),
        ("Căn cứ", _config_basis("cluster.vote_threshold_pct")),
        ("Kết quả", _result_text(vote)),
    )


def _voters(vote: LeaderVote) -> list[Organization]:
    """Who voted in a secret vote (the roll, never their choice), by name."""
    ids = VoteRoll.objects.filter(vote=vote).values("member")
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_key", "pk"))


def vote_minutes_document(vote: LeaderVote, *, with_scores: bool = False) -> OfficialDocument:
    """The minutes of the bloc meeting that voted to hail the leader. `with_scores`: also the points by
    criterion group (the scoring and suy tôn minutes of the leader's dossier)."""
    round_ = vote.round
    cluster = round_.cluster
    day = vote.held_on
    head = head_of(cluster, round_.year)
    parent, issuer, place = _header(head, day)
    rota = rota_of(cluster, round_.year)
    members = members_on(cluster, year_day(round_.year))
    counts = vote_counts(vote)
    where = vote.place or head.name
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, ngày {vn_date(day)}, tại {where}, {cluster.name} họp bình xét, suy tôn đơn vị dẫn đầu "
            f"phong trào thi đua năm {round_.year}."
        ),
        Paragraph(
            f"Chủ trì: {head.name} (Trưởng {_kind_word(cluster)})"
            + (f"; {rota.deputy.name} (Phó Trưởng {_kind_word(cluster)})" if rota and rota.deputy else "")
            + "."
        ),
        Heading(1, "I. THÀNH PHẦN"),
        Paragraph(
            f"Tổng số thành viên của {_kind_word(cluster)}: {counts.electorate}; số thành viên tham gia biểu "
            f"quyết: {counts.present}."
        ),
    ]
    if vote.method == VoteMethod.SECRET and vote.status == VoteStatus.TALLIED:
        body.append(Paragraph("Các thành viên đã bỏ phiếu:"))
        body.extend(Bullet(f"{org.name};") for org in _voters(vote))
    else:
        body.append(Paragraph("Các thành viên của " + _kind_word(cluster) + ":"))
        body.extend(Bullet(f"{org.name};") for org in members)
    body.append(Heading(1, "II. NỘI DUNG"))
    body.append(
        Paragraph(
            f"Hội nghị nghe báo cáo kết quả chấm điểm, xếp hạng thi đua năm {round_.year}, thảo luận và biểu "
            f"quyết suy tôn {vote.candidate.name} là đơn vị dẫn đầu {cluster.name}, đề nghị Ủy ban nhân dân "
            "tỉnh tặng Cờ thi đua."
        )
    )
    body.append(Paragraph(weights_text(cluster)))
    body.append(Paragraph("Kết quả xếp hạng:"))
    rows = ranking_rows(round_)
    body.append(_ranking_table(rows))
    if with_scores:
        scores = charts.round_group_scores(round_, order=[r.organization.pk for r in rows])
        body.append(Paragraph("Điểm theo nhóm tiêu chí:"))
        body.append(_group_table(scores))
    if vote.minutes.strip():
        body.append(Paragraph("Ý kiến tại hội nghị:"))
        body.extend(Paragraph(p.strip()) for p in vote.minutes.split("\n\n") if p.strip())
    body.append(Heading(1, "III. KẾT QUẢ BIỂU QUYẾT"))
    body.append(
        Table(
            header=("Nội dung", "Kết quả"),
            rows=vote_count_rows(vote),
            widths=(3.0, 4.0),
            align=("left", "left"),
        )
    )
    if vote.status == VoteStatus.TALLIED:
        verdict = "được suy tôn" if vote.passed else "không đủ số phiếu để được suy tôn"
        body.append(
            Paragraph(
                [
                    f"{counts.agree}/{counts.electorate} thành viên đồng ý: ",
                    Run(
                        f"{vote.candidate.name} {verdict} đơn vị dẫn đầu {cluster.name} năm {round_.year}.",
                        bold=True,
                    ),
                ]
            )
        )
    body.append(Paragraph("Biên bản được thông qua tại hội nghị và được các thành viên nhất trí./."))
    deputy = rota.deputy if rota is not None else None
    if deputy is not None:
        body.append(
            Signatures(
                (Signature(position="THƯ KÝ", name="", signer_position=issuer_header(deputy)[1]),),
                columns=2,
            )
        )
    abstract = (
        f"Chấm điểm, suy tôn đơn vị dẫn đầu {cluster.name} năm {round_.year}"
        if with_scores
        else f"Họp bình xét, suy tôn đơn vị dẫn đầu {cluster.name} năm {round_.year}"
    )
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=_number(cluster, "BB"),
        place=place,
        date=day,
        doc_type_title="BIÊN BẢN",
        abstract=abstract,
        body=tuple(body),
        recipients=("Ban Thi đua – Khen thưởng tỉnh;", f"Các thành viên {cluster.name};", "Lưu."),
        signature=Signature(
            position=f"CHỦ TRÌ – TRƯỞNG {_kind_word(cluster).upper()}",
            name=head.signer_name,
            signer_position=" ".join(p for p in (head.signer_title, head.name) if p).upper() or None,
        ),
    )


# ---------------------------------------------------------------- the tờ trình to the provincial council


def proposal_document(proposal: ClusterProposal) -> OfficialDocument:
    """The bloc's tờ trình: Cờ thi đua cấp tỉnh for the hailed leader, Bằng khen cấp tỉnh for the runners-up,
    Cờ thi đua của Chính phủ for an exceptional leader, each with its rank and score."""
    round_ = proposal.round
    cluster = round_.cluster
    batch = proposal.batch
    day = batch_date(batch)
    head = head_of(cluster, round_.year)
    parent, issuer, place = _header(head, day)
    province = issuer_on(cluster.province, day)
    vote = LeaderVote.objects.filter(round=round_).select_related("candidate").first()
    standing = {r.organization.pk: r for r in ranking_rows(round_)}
    body: list[Block] = [Paragraph(text) for text in ERA_BASES[batch_era(batch)]]
    if cluster.decision_number:
        dated = f" ngày {vn_date(cluster.decision_date)}" if cluster.decision_date else ""
        body.append(
            Paragraph(
                f"Căn cứ Quyết định số {cluster.decision_number}{dated} về việc phân chia cụm, khối thi đua;"
            )
        )
    if vote is not None and vote.status == VoteStatus.TALLIED:
        body.append(
            Paragraph(
                f"Căn cứ kết quả chấm điểm, xếp hạng và Biên bản họp bình xét, suy tôn ngày {vn_date(vote.held_on)} "
                f"của {cluster.name},"
            )
        )
    body.append(
        Paragraph(
            f"{head.name}, Trưởng {cluster.name} năm {round_.year}, kính trình Hội đồng Thi đua – Khen thưởng "
            f"{province.name} xem xét, đề nghị khen thưởng các cơ quan, đơn vị sau:"
        )
    )
    lines = list(batch.nominations.select_related("organization").order_by("pk"))
    order: dict[str, int] = {AwardCode.CO_CHINH_PHU: 0, AwardCode.CO_TINH: 1}
    lines.sort(
        key=lambda n: (
            order.get(n.code, 2),
            standing[n.organization_id].standing.rank or 99 if n.organization_id in standing else 99,
            n.pk,
        )
    )
    rows = []
    for i, line in enumerate(lines, start=1):
        org = line.organization
        row = standing.get(line.organization_id) if line.organization_id else None
        result = f"Hạng {row.rank_text}; {_score(row.standing.final)} điểm" if row is not None else ""
        if vote is not None and line.organization_id == vote.candidate_id and vote.passed:
            result = f"Được suy tôn dẫn đầu; {result}" if result else "Được suy tôn dẫn đầu"
        rows.append((str(i), org.name if org else "", str(AwardCode(line.code).label), result))
    body.append(
        Table(
            header=("TT", "Cơ quan, đơn vị", "Hình thức đề nghị", "Kết quả thi đua"),
            rows=tuple(rows),
            widths=(0.5, 2.6, 2.4, 2.4),
            align=("center", "left", "left", "left"),
        )
    )
    body.append(
        Paragraph(
            "Hồ sơ kèm theo: biên bản họp bình xét, suy tôn; biên bản chấm điểm; báo cáo thành tích của các cơ "
            "quan, đơn vị được đề nghị."
        )
    )
    body.append(
        Paragraph(f"Kính trình Hội đồng Thi đua – Khen thưởng {province.name} xem xét, quyết định./.")
    )
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=batch.number or _number(cluster, "TTr"),
        place=place,
        date=day,
        doc_type_title="TỜ TRÌNH",
        abstract=f"Đề nghị khen thưởng các cơ quan, đơn vị {cluster.name} năm {round_.year}",
        addressees=(f"Hội đồng Thi đua – Khen thưởng {province.name}",),
        body=tuple(body),
        recipients=("Như trên;", f"Các thành viên {cluster.name};", "Lưu."),
        signature=_head_signature(cluster, head),
    )


# ---------------------------------------------------------------- the tờ trình's dossier


def proposal_dossier_files(proposal: Any) -> list[tuple[str, str, bytes, Any]]:
    """(dossier kind, file name, DOCX bytes, nomination or None) the bloc attaches to its tờ trình's dossier:
    the tờ trình and the minutes of the bloc meeting for the batch, and on each leader's line (Cờ thi đua cấp
    tỉnh, Cờ thi đua của Chính phủ) the scoring and suy tôn minutes (dossiers.catalogue: "cluster")."""
    round_ = proposal.round
    cluster = round_.cluster
    stem = f"{ascii_slug(cluster.code)}-{round_.year}"
    files: list[tuple[str, str, bytes, Any]] = [
        (DossierKind.PROPOSAL, f"to-trinh-{stem}.docx", render_docx(proposal_document(proposal)), None)
    ]
    vote = LeaderVote.objects.filter(round=round_).select_related("candidate", "round__cluster").first()
    if vote is None:
        return files
    files.append(
        (DossierKind.MINUTES, f"bien-ban-suy-ton-{stem}.docx", render_docx(vote_minutes_document(vote)), None)
    )
    leaders = list(proposal.batch.nominations.filter(code__in=LEADER_CODES).select_related("organization"))
    if leaders:
        data = render_docx(vote_minutes_document(vote, with_scores=True))
        for line in leaders:
            name = f"bien-ban-cham-diem-suy-ton-{stem}-{ascii_slug(line.code)}.docx"
            files.append((DossierKind.CLUSTER, name, data, line))
    return files
