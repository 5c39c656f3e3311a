"""The Excel and bulk-API kind of the award registry: awards received by people or collectives; and the registry's
report export (the filtered list, a person's or a unit's registry) with its documents."""

import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import AwardCode, AwardTrack
from thidua.exchange.columns import CODE, DATE, INT, Column
from thidua.exchange.kinds import ABSENT, NOTE, YEAR, Context, Record
from thidua.exchange.writer import cell_write
from thidua.organizations.exchange import FactKind

from . import services
from .models import AwardRecord, AwardStatus, award_period_errors
from .selectors import LEVEL_OF_CODE, LEVELS, award_list_visible_to, era_of_year


class AwardsKind(FactKind):
    name = "awards"
    period_key = "year"
    key_columns = ("staff_code", "unit_code", "code", "year")
    order = 60
    label = gettext_lazy("Khen thưởng đã nhận")
    columns = [
        Column("staff_code", "Mã cán bộ", max_length=32, width=14),
        Column("unit_code", "Mã đơn vị (tập thể)", max_length=32, width=18),
        Column("full_name", "Cá nhân, tập thể", informational=True, width=30),
        Column("code", "Danh hiệu, hình thức", CODE, required=True, choices=AwardCode, width=16),
        YEAR,
        Column("track", "Loại khen thưởng", CODE, choices=AwardTrack, width=12),
        Column("period_from", "Giai đoạn thành tích từ năm", INT, min_value=1990, max_value=2100, width=10),
        Column("period_to", "Giai đoạn thành tích đến năm", INT, min_value=1990, max_value=2100, width=10),
        Column("decision_number", "Số quyết định", max_length=64, width=14),
        Column("decided_on", "Ngày quyết định", DATE, width=12),
        Column("deciding_body", "Cơ quan quyết định", max_length=255, width=28),
        Column("status", "Trạng thái", CODE, choices=AwardStatus, width=10),
        NOTE,
    ]

    imports_csv = True

    def import_csv(self, handle: Any, **options: Any) -> Any:
        from .history import award_history_import

        return award_history_import(handle=handle, columns=self.columns, **options)

    def key(self, record: Record) -> tuple:
        v = record.values
        return (
            v.get("code"),
            v.get("person_id"),
            v.get("organization_id"),
            v.get("year"),
            v.get("track"),
            v.get("status"),
        )

    def resolve(self, records: list[Record], ctx: Context) -> None:
        for r in records:
            v = r.values
            v["track"] = v.get("track") or AwardTrack.CONG_TRANG
            v["status"] = v.get("status") or AwardStatus.ACTIVE
            if bool(v.get("staff_code")) == bool(v.get("unit_code")):
                r.error(
                    None, _("Ghi đúng một trong hai cột 'Mã cán bộ' (cá nhân) hoặc 'Mã đơn vị (tập thể)'.")
                )
            self.check_period(r)
        self.resolve_people(records, ctx, required=False)
        self.resolve_units(records, ctx)

    def check_period(self, record: Record) -> None:
        """The years an award rewarded: both ends or neither, the first not after the last (the rules engine reads
        a period only when both ends are given)."""
        if "period_from" not in record.values or "period_to" not in record.values:
            return  # a cell that did not parse is reported already
        first, last = record.values["period_from"], record.values["period_to"]
        for name, message in award_period_errors(first, last).items():
            record.error(self.column(name), message)

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = [
            {
                "code": v["code"],
                "person_id": v.get("person_id"),
                "organization_id": v.get("organization_id"),
                "year": v["year"],
                "track": v["track"],
                "status": v["status"],
                "period_from": v.get("period_from"),
                "period_to": v.get("period_to"),
                "decision_number": v.get("decision_number") or "",
                "decided_on": v.get("decided_on"),
                "deciding_body": v.get("deciding_body") or "",
                "note": v.get("note") or "",
                ABSENT: v[ABSENT],
                "label": " ".join(str(v[k]) for k in ("staff_code", "unit_code", "code", "year") if v.get(k)),
            }
            for v in (r.values for r in records)
        ]
        result = services.award_record_bulk_upsert(rows=rows, actor=ctx.user, dry_run=dry_run)
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return award_list_visible_to(user=user, year=year)
        return (
            AwardRecord.objects.filter(**({"year": year} if year else {}))
            .select_related("person", "organization")
            .order_by("-year", "code", "id")
        )

    def export_row(self, obj: AwardRecord) -> dict[str, Any]:
        return {
            "staff_code": obj.person.staff_code if obj.person is not None else None,
            "unit_code": obj.organization.code if obj.organization is not None else None,
            "full_name": obj.person.full_name
            if obj.person is not None
            else (obj.organization.name if obj.organization else ""),
            "code": obj.code,
            "year": obj.year,
            "track": obj.track,
            "period_from": obj.period_from,
            "period_to": obj.period_to,
            "decision_number": obj.decision_number,
            "decided_on": obj.decided_on,
            "deciding_body": obj.deciding_body,
            "status": obj.status,
            "note": obj.note,
        }


# ---------------------------------------------------------------- the registry's report (what the pages show)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Awards read per round of documents (one query per higher app per round, bounded IN lists).
CHUNK = 2000


def registry_headers() -> list[str]:
    return [
        _("STT"),
        _("Năm thành tích"),
        _("Thời kỳ (bộ tiêu chuẩn)"),
        _("Danh hiệu, hình thức"),
        _("Cấp khen thưởng"),
        _("Loại khen thưởng"),
        _("Cá nhân, tập thể"),
        _("Mã cán bộ, mã đơn vị"),
        _("Đơn vị"),
        _("Giai đoạn thành tích"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Cơ quan quyết định"),
        _("Trạng thái"),
        _("Ghi chú"),
        _("Văn bản"),
    ]


class _Labels:
    """The Vietnamese labels of codes, tracks, statuses, levels and eras, translated once per export (not once
    per cell: 30,000 rows would call gettext a million times)."""

    def __init__(self) -> None:
        self.codes = {code: str(label) for code, label in AwardCode.choices}
        self.tracks = {track: str(label) for track, label in AwardTrack.choices}
        self.statuses = {status: str(label) for status, label in AwardStatus.choices}
        self.levels = {code: str(LEVELS[level]) for code, level in LEVEL_OF_CODE.items()}
        self.eras: dict[int, str] = {}

    def era(self, year: int) -> str:
        if year not in self.eras:
            era = era_of_year(year)
            self.eras[year] = f"{era.era} – {era.name}" if era.era else str(era.name)
        return self.eras[year]


def registry_row(
    index: int, award: AwardRecord, documents: list[tuple[str, str]], labels: _Labels | None = None
) -> list[Any]:
    """One award as the registry's Excel row (the same columns as the pages)."""
    labels = labels or _Labels()
    person, unit = award.person, award.organization
    if person is not None:
        name, code, where = person.full_name, person.staff_code, getattr(award, "unit_in_year", "") or ""
    else:
        assert unit is not None
        name, code = unit.name, unit.code
        where = unit.parent.name if unit.parent_id and unit.parent is not None else ""
    period = f"{award.period_from}–{award.period_to}" if award.period_from and award.period_to else ""
    return [
        index,
        award.year,
        labels.era(award.year),
        labels.codes.get(award.code, award.code),
        labels.levels.get(award.code, ""),
        labels.tracks.get(award.track, award.track),
        name,
        code,
        where,
        period,
        award.decision_number,
        award.decided_on,
        award.deciding_body,
        labels.statuses.get(award.status, award.status),
        award.note,
        "\n".join(f"{label}: {url}" if url else label for label, url in documents),
    ]


def registry_xlsx(
    awards: Iterable[AwardRecord],
    *,
    links: Callable[[list[AwardRecord]], dict[int, list[tuple[str, str]]]],
    title: str,
    absolute: Callable[[str], str] = lambda url: url,
) -> bytes:
    """The awards, in their order, as a workbook: a title row, the Vietnamese headers, one row per award with dates
    as dd/mm/yyyy and each award's documents (`links`, read once per round of CHUNK awards; `absolute` makes
    their addresses absolute)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(_("Sổ khen thưởng"))
    bold = workbook.add_format({"bold": True, "font_size": 13})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    revoked = workbook.add_format({"font_color": "#808080", "italic": True})
    revoked_day = workbook.add_format({"font_color": "#808080", "italic": True, "num_format": "dd/mm/yyyy"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    cell_write(sheet, 0, 0, title, bold)
    headers = registry_headers()
    for col, text in enumerate(headers):
        cell_write(sheet, 1, col, text, header)
    for col, width in enumerate((5, 8, 22, 34, 20, 12, 30, 16, 30, 12, 18, 12, 28, 14, 30, 50)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(2, 0)
    row = 2
    labels = _Labels()

    def write(chunk: list[AwardRecord]) -> None:
        nonlocal row
        documents = links(chunk)
        for award in chunk:
            docs = [(label, absolute(url) if url else "") for label, url in documents.get(award.pk, [])]
            values = registry_row(row - 1, award, docs, labels)
            gone = award.status == AwardStatus.REVOKED
            for col, value in enumerate(values):
                if isinstance(value, date):
                    fmt = revoked_day if gone else day
                elif col == len(values) - 1:
                    fmt = wrap
                else:
                    fmt = revoked if gone else None
                cell_write(sheet, row, col, value, fmt)
            row += 1

    chunk: list[AwardRecord] = []
    for award in awards:
        chunk.append(award)
        if len(chunk) == CHUNK:
            write(chunk)
            chunk = []
    if chunk:
        write(chunk)
    workbook.close()
    return buffer.getvalue()
