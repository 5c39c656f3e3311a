"""The achievement report (báo cáo thành tích) of a line: prefilled from the data, rendered in the official form.

Content (legal-rules §2.6, "Achievement report content", all eras [K]): the header (a person's name, birth
year, sex, position, unit; a collective's name, address, headcount), functions and duties, the achievements of
each year of the period (ratings from `appraisals`, initiatives and đề tài from `initiatives` when installed),
the titles and forms already received (`commendations.AwardRecord`: year, decision, issuing body), the
discipline status, and the signatures. The form is that of the era of the proposal (`catalogue.report_form`:
NĐ 91/2017 Mẫu 01 collective, Mẫu 02 individual; the TT 01/2024 and TT 15/2025 form numbers are UNCONFIRMED).

The text is the document's own language (Vietnamese), as in every official document of the project; the labels
of the sections on the page go through gettext.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.codes import AwardCode, DisciplineForm, InitiativeKind, InitiativeLevel, Rating
from thidua.documents.formatting import vn_date
from thidua.documents.layout import (
    Block,
    Bullet,
    Heading,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.nominations.models import Nomination
from thidua.organizations.models import Assignment, Organization, Person

from .catalogue import COLLECTIVE, INDIVIDUAL, ReportForm, report_form
from .completeness import batch_date, batch_era, subject_kind
from .models import AchievementReport

SECTION_KEYS = ("profile", "duties", "achievements", "initiatives", "awards", "discipline")

# The labels of the sections on the edit page, by subject.
SECTION_LABELS: dict[str, dict[str, Any]] = {
    INDIVIDUAL: {
        "profile": _("Sơ lược lý lịch"),
        "duties": _("Quyền hạn, nhiệm vụ được giao"),
        "achievements": _("Thành tích đạt được (từng năm của giai đoạn)"),
        "initiatives": _("Sáng kiến, đề tài, đề án khoa học"),
        "awards": _("Các hình thức đã được khen thưởng"),
        "discipline": _("Tình hình chấp hành kỷ luật"),
    },
    COLLECTIVE: {
        "profile": _("Sơ lược đặc điểm, tình hình"),
        "duties": _("Chức năng, nhiệm vụ"),
        "achievements": _("Thành tích đạt được (từng năm của giai đoạn)"),
        "initiatives": _("Sáng kiến, đề tài, đề án khoa học của tập thể"),
        "awards": _("Các hình thức đã được khen thưởng"),
        "discipline": _("Tình hình chấp hành kỷ luật, kỷ cương"),
    },
}
AWARDS_HELP = _(
    "Mỗi dòng một khen thưởng: Năm | Danh hiệu, hình thức | Số, ngày quyết định | Cơ quan ban hành "
    "(in thành bảng)."
)
AWARDS_HEADER = ("Năm", "Danh hiệu, hình thức", "Số, ngày quyết định", "Cơ quan ban hành")

# The period the report covers when the line gives none: the years its criteria look back on (legal-rules §2.3,
# §2.5: two years for Bằng khen tỉnh, three CSTĐCS for CSTĐ tỉnh, five years for Bằng khen Thủ tướng and HCLĐ,
# two CSTĐ tỉnh for CSTĐ toàn quốc). A prefill only: the unit edits the text.
DEFAULT_PERIOD_YEARS = {
    "BANG_KHEN_TINH": 2,
    "CSTD_TINH": 3,
    "BANG_KHEN_TTG": 5,
    "HCLD_3": 5,
    "HCLD_2": 5,
    "HCLD_1": 5,
    "CSTD_TOAN_QUOC": 6,
}
# A draft carries no number: the clerk writes it when the report is signed ("Số:      /BC-...").
DRAFT_NUMBER = "     "


def report_period(nomination: Nomination) -> tuple[int, int]:
    last = nomination.period_to or nomination.year
    first = nomination.period_from or last - DEFAULT_PERIOD_YEARS.get(nomination.code, 1) + 1
    return min(first, last), last


@dataclass(frozen=True)
class ReportFacts:
    """What the prefill reads about the line's subject, for the period."""

    first: int
    last: int
    name: str
    position: str
    unit: str
    profile: tuple[str, ...]
    duties: str
    ratings: dict[int, str]
    year_notes: dict[int, list[str]]
    initiatives: tuple[str, ...]
    awards: tuple[tuple[str, str, str, str], ...]
    discipline: tuple[str, ...]
    head_name: str = ""


def _award_rows(qs) -> tuple[tuple[str, str, str, str], ...]:
    rows = []
    for award in qs.order_by("year", "decided_on", "pk"):
        decision = award.decision_number or ""
        if award.decided_on is not None:
            decision = f"{decision} ngày {vn_date(award.decided_on)}".strip()
        rows.append((str(award.year), AwardCode(award.code).label, decision, award.deciding_body))
    return tuple((y, str(c), d, b) for y, c, d, b in rows)


def _awards_by_year(
    rows: tuple[tuple[str, str, str, str], ...], first: int, last: int
) -> dict[int, list[str]]:
    notes: dict[int, list[str]] = {}
    for year, name, _decision, _body in rows:
        if first <= int(year) <= last:
            notes.setdefault(int(year), []).append(f"đạt {name}")
    return notes


def _initiative_line(initiative: Any, share: str = "") -> str:
    kind = "Sáng kiến" if initiative.kind == InitiativeKind.INITIATIVE else "Đề tài, đề án"
    parts = [f"{kind} “{initiative.title}”{share}"]
    recognised = f"công nhận ngày {vn_date(initiative.recognized_on)}"
    if initiative.decision_number:
        recognised = (
            f"Quyết định công nhận số {initiative.decision_number} ngày {vn_date(initiative.recognized_on)}"
        )
    if initiative.recognized_by:
        recognised += f" của {initiative.recognized_by}"
    parts.append(recognised)
    level = initiative.wider_level or initiative.level
    parts.append(f"phạm vi ảnh hưởng: {str(InitiativeLevel(level).label).lower()}")
    return "; ".join(parts) + "."


def _person_initiatives(person: Person, first: int, last: int) -> tuple[str, ...]:
    # The initiatives app is optional (docs/architecture.md, "Layers"): without it nobody has an initiative.
    if not apps.is_installed("thidua.initiatives"):
        return ()
    from thidua.initiatives.models import InitiativeAuthor

    authorships = (
        InitiativeAuthor.objects.filter(person=person, initiative__recognized_on__year__range=(first, last))
        .select_related("initiative")
        .order_by("initiative__recognized_on", "pk")
    )
    lines = []
    for authorship in authorships:
        share = "" if authorship.share_pct >= 100 else f" (đồng tác giả, {authorship.share_pct.normalize()}%)"
        lines.append(_initiative_line(authorship.initiative, share))
    return tuple(lines)


def _unit_initiatives(organization: Organization, first: int, last: int) -> tuple[str, ...]:
    if not apps.is_installed("thidua.initiatives"):
        return ()
    from thidua.initiatives.models import Initiative

    found = Initiative.objects.filter(
        organization__path__startswith=organization.path, recognized_on__year__range=(first, last)
    ).order_by("recognized_on", "pk")
    return tuple(_initiative_line(initiative) for initiative in found)


def _assignment_at(person: Person, day: dt.date) -> Assignment | None:
    return (
        Assignment.objects.filter(person=person, start_on__lte=day)
        .select_related("organization__parent", "position")
        .order_by("-start_on", "-pk")
        .first()
    )


def _unit_name(organization: Organization) -> str:
    parent = organization.parent
    return f"{organization.name}, {parent.name}" if parent is not None else organization.name


def _person_facts(nomination: Nomination, first: int, last: int) -> ReportFacts:
    person = nomination.person
    assert person is not None
    end = dt.date(last, 12, 31)
    assignment = _assignment_at(person, end)
    position = assignment.position.name if assignment is not None else ""
    unit = _unit_name(assignment.organization if assignment is not None else nomination.batch.unit)
    profile = [
        f"Họ và tên: {person.full_name}",
        f"Năm sinh: {person.date_of_birth.year if person.date_of_birth else '…'}",
        f"Giới tính: {person.get_sex_display()}",
    ]
    if person.ethnicity_id:
        profile.append(f"Dân tộc: {person.ethnicity}")
    profile += [f"Chức vụ: {position or '…'}", f"Đơn vị công tác: {unit}"]
    if person.recruited_on:
        profile.append(f"Ngày tuyển dụng: {vn_date(person.recruited_on)}")
    ratings = {
        year: str(Rating(rating).label)
        for year, rating in Appraisal.objects.filter(person=person, year__range=(first, last)).values_list(
            "year", "rating"
        )
    }
    awards = _award_rows(AwardRecord.objects.filter(person=person, status=AwardStatus.ACTIVE, year__lte=last))
    disciplines = Discipline.objects.filter(person=person, effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=dt.date(first, 1, 1)) | Q(pending=True)
    )
    discipline = []
    for measure in disciplines.order_by("decided_on", "pk"):
        if measure.pending:
            discipline.append(f"Đang bị xem xét kỷ luật từ ngày {vn_date(measure.decided_on)}.")
            continue
        number = f" số {measure.decision_number}" if measure.decision_number else ""
        until = f" đến ngày {vn_date(measure.effective_to)}" if measure.effective_to else ""
        discipline.append(
            f"Bị kỷ luật {str(DisciplineForm(measure.form).label).lower()} theo Quyết định{number} ngày "
            f"{vn_date(measure.decided_on)}, hiệu lực từ ngày {vn_date(measure.effective_from)}{until}."
        )
    if not discipline:
        discipline.append(f"Không vi phạm, không bị kỷ luật trong giai đoạn {_period_text(first, last)}.")
    duties = (
        f"Thực hiện chức trách, nhiệm vụ của {position.lower()} tại {unit}."
        if position
        else f"Thực hiện nhiệm vụ được giao tại {unit}."
    )
    return ReportFacts(
        first=first,
        last=last,
        name=person.full_name,
        position=position,
        unit=unit,
        profile=tuple(profile),
        duties=duties,
        ratings=ratings,
        year_notes=_awards_by_year(awards, first, last),
        initiatives=_person_initiatives(person, first, last),
        awards=awards,
        discipline=tuple(discipline),
    )


def _headcount(organization: Organization, day: dt.date) -> int:
    return (
        Assignment.objects.filter(organization__path__startswith=organization.path, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .values("person")
        .distinct()
        .count()
    )


def unit_head_at(organization: Organization, day: dt.date) -> Assignment | None:
    return (
        Assignment.objects.filter(organization=organization, position__is_leadership=True, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("person", "position")
        .order_by("position__rank", "start_on", "pk")
        .first()
    )


def _collective_facts(nomination: Nomination, first: int, last: int) -> ReportFacts:
    organization = nomination.organization
    assert organization is not None
    end = dt.date(last, 12, 31)
    parent = organization.parent
    head = unit_head_at(organization, end)
    place = organization.place_name or (parent.place_name if parent is not None else "")
    profile = [f"Tên tập thể: {organization.name}"]
    if parent is not None:
        profile.append(f"Đơn vị cấp trên trực tiếp: {parent.name}")
    profile += [
        f"Địa chỉ: {place or '…'}",
        f"Tổng số cán bộ, công chức, viên chức, người lao động: {_headcount(organization, end)} người "
        f"(tại ngày {vn_date(end)})",
    ]
    if head is not None:
        profile.append(f"Thủ trưởng đơn vị: {head.person.full_name} ({head.position.name})")
    appraisals = CollectiveAppraisal.objects.filter(organization=organization, year__range=(first, last))
    ratings: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    discipline = []
    for appraisal in appraisals.order_by("year"):
        ratings[appraisal.year] = str(Rating(appraisal.rating).label)
        if appraisal.cluster_rank:
            notes.setdefault(appraisal.year, []).append(
                f"xếp thứ {appraisal.cluster_rank} trong cụm, khối thi đua"
            )
        if appraisal.results.strip():
            notes.setdefault(appraisal.year, []).append(appraisal.results.strip().rstrip("."))
        if appraisal.discipline_form:
            form = str(DisciplineForm(appraisal.discipline_form).label).lower()
            discipline.append(f"Năm {appraisal.year}: tập thể bị kỷ luật {form}.")
    if not discipline:
        discipline.append(
            f"Tập thể chấp hành nghiêm kỷ luật, kỷ cương; không bị kỷ luật trong giai đoạn {_period_text(first, last)}."
        )
    awards = _award_rows(
        AwardRecord.objects.filter(organization=organization, status=AwardStatus.ACTIVE, year__lte=last)
    )
    for year, names in _awards_by_year(awards, first, last).items():
        notes.setdefault(year, []).extend(names)
    kind = str(organization.get_kind_display()).lower()
    duties = f"{organization.name} là {kind}" + (f" trực thuộc {parent.name}" if parent is not None else "")
    duties += f", lĩnh vực {organization.sector}." if organization.sector else "."
    return ReportFacts(
        first=first,
        last=last,
        name=organization.name,
        position="",
        unit=parent.name if parent is not None else "",
        profile=tuple(profile),
        duties=duties,
        ratings=ratings,
        year_notes=notes,
        initiatives=_unit_initiatives(organization, first, last),
        awards=awards,
        discipline=tuple(discipline),
        head_name=head.person.full_name if head is not None else "",
    )


def _period_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def report_facts(nomination: Nomination) -> ReportFacts:
    first, last = report_period(nomination)
    if nomination.person_id:
        return _person_facts(nomination, first, last)
    return _collective_facts(nomination, first, last)


def report_prefill(nomination: Nomination, facts: ReportFacts | None = None) -> dict[str, str]:
    """The sections of the line's report, written from the data (what a new report starts with)."""
    facts = facts or report_facts(nomination)
    achievements = []
    if nomination.achievement.strip():
        achievements.append(nomination.achievement.strip())
    for year in range(facts.first, facts.last + 1):
        parts = [
            f"xếp loại {facts.ratings[year].lower()}" if year in facts.ratings else "chưa có kết quả xếp loại"
        ]
        parts += facts.year_notes.get(year, [])
        achievements.append(f"Năm {year}: {'; '.join(parts)}.")
    awards = [" | ".join(row) for row in facts.awards] or ["Chưa được khen thưởng."]
    return {
        "profile": "\n".join(facts.profile),
        "duties": facts.duties,
        "achievements": "\n".join(achievements),
        "initiatives": "\n".join(facts.initiatives) or "Không có.",
        "awards": "\n".join(awards),
        "discipline": "\n".join(facts.discipline),
    }


# ---- the document


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in _lines(text)]


def _awards_blocks(text: str) -> list[Block]:
    rows = [tuple(cell.strip() for cell in line.split("|")) for line in _lines(text)]
    if rows and all(len(row) == len(AWARDS_HEADER) for row in rows):
        return [
            Table(
                header=AWARDS_HEADER,
                rows=tuple(rows),
                widths=(0.8, 2.6, 2.4, 2.4),
                align=("center", "left", "left", "left"),
            )
        ]
    return _paragraphs(text)


def _document_day(nomination: Nomination, day: dt.date | None) -> dt.date:
    return day or batch_date(nomination.batch)


def _issuer(nomination: Nomination, day: dt.date) -> tuple[str | None, str, str]:
    """The masthead and place of the report: the proposing unit (its successor after a restructuring)."""
    unit = issuer_on(nomination.batch.unit, day)
    parent, issuer = issuer_header(unit)
    place = issuer_place(unit) or issuer_place(issuer_on(nomination.batch.office, day))
    return parent, issuer, place or "…"


def report_document(
    nomination: Nomination,
    *,
    sections: dict[str, str] | None = None,
    form: ReportForm | None = None,
    number_symbol: str | None = None,
    issued_on: dt.date | None = None,
) -> OfficialDocument:
    """The report of `nomination` as an official document: its saved sections (or the prefill), in `form` (the
    era's form for the line by default)."""
    report = AchievementReport.objects.filter(nomination=nomination).first()
    facts = report_facts(nomination)
    if sections is None:
        sections = report.sections if report is not None else report_prefill(nomination, facts)
    sections = {key: sections.get(key, "") for key in SECTION_KEYS}
    subject = subject_kind(nomination)
    if form is None:
        form = report_form(era=batch_era(nomination.batch), subject=subject, track=nomination.track)
    day = _document_day(nomination, issued_on)
    parent, issuer, place = _issuer(nomination, day)
    code_name = str(AwardCode(nomination.code).label)
    period = _period_text(facts.first, facts.last)
    what = "năm" if facts.first == facts.last else "giai đoạn"
    body: list[Block] = [Paragraph([Run(form.title, italic=True)], align="right", indent=False)]
    if subject == INDIVIDUAL:
        who = ", ".join(p for p in (facts.name, facts.position, facts.unit) if p)
        body.append(Paragraph([Run(who, bold=True)], align="center", indent=False))
        body.append(Heading(1, "I. SƠ LƯỢC LÝ LỊCH"))
        body += _paragraphs(sections["profile"])
        body.append(Heading(1, "II. THÀNH TÍCH ĐẠT ĐƯỢC"))
        body.append(Heading(2, "1. Quyền hạn, nhiệm vụ được giao"))
        body += _paragraphs(sections["duties"])
        body.append(Heading(2, f"2. Thành tích đạt được {what} {period}"))
        body += _paragraphs(sections["achievements"])
        body.append(Heading(2, "3. Sáng kiến, đề tài, đề án khoa học"))
        body += [Bullet(line) for line in _lines(sections["initiatives"])]
        body.append(Heading(1, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
        body += _awards_blocks(sections["awards"])
        body.append(Heading(1, "IV. TÌNH HÌNH CHẤP HÀNH KỶ LUẬT"))
        body += _paragraphs(sections["discipline"])
        body.append(Heading(1, "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"))
        body.append(Paragraph([Run("(Ký, ghi rõ họ và tên, đóng dấu)", italic=True)], indent=False))
        signature = Signature(position="NGƯỜI BÁO CÁO THÀNH TÍCH", name=facts.name)
        abstract = f"Đề nghị tặng {code_name} {what} {period}"
    else:
        body.append(Paragraph([Run(facts.name, bold=True)], align="center", indent=False))
        body.append(Heading(1, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
        body.append(Heading(2, "1. Đặc điểm, tình hình"))
        body += _paragraphs(sections["profile"])
        body.append(Heading(2, "2. Chức năng, nhiệm vụ"))
        body += _paragraphs(sections["duties"])
        body.append(Heading(1, f"II. THÀNH TÍCH ĐẠT ĐƯỢC {what.upper()} {period}"))
        body += _paragraphs(sections["achievements"])
        body.append(Heading(2, "Sáng kiến, đề tài, đề án khoa học"))
        body += [Bullet(line) for line in _lines(sections["initiatives"])]
        body.append(Heading(1, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
        body += _awards_blocks(sections["awards"])
        body.append(Heading(1, "IV. TÌNH HÌNH CHẤP HÀNH KỶ LUẬT, KỶ CƯƠNG"))
        body += _paragraphs(sections["discipline"])
        body.append(Heading(1, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"))
        body.append(Paragraph([Run("(Ký, ghi rõ họ và tên, đóng dấu)", italic=True)], indent=False))
        signature = Signature(position="THỦ TRƯỞNG ĐƠN VỊ", name=facts.head_name)
        abstract = f"Đề nghị tặng {code_name} {what} {period}"
    symbol = nomination.batch.unit.symbol or nomination.batch.office.symbol
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=number_symbol or f"{DRAFT_NUMBER}/BC{'-' + symbol if symbol else ''}",
        place=place,
        date=day,
        doc_type_title="BÁO CÁO THÀNH TÍCH",
        abstract=abstract,
        body=tuple(body),
        signature=signature,
    )


# ---- the document kind registered in core.registry (manage.py render_document achievement-report <id>)


def report_source(key: str) -> Nomination | None:
    if not key.isdigit():
        return None
    return (
        Nomination.objects.select_related(
            "batch__unit__parent", "batch__office", "person", "organization__parent"
        )
        .filter(pk=int(key))
        .first()
    )


def report_build(
    nomination: Nomination, *, number_symbol: str | None, issued_on: dt.date | None
) -> OfficialDocument:
    return report_document(nomination, number_symbol=number_symbol, issued_on=issued_on)
