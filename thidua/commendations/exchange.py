"""The Excel and bulk-API kind of the award registry: awards received by people or collectives."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import AwardCode, AwardTrack
from thidua.exchange.columns import CODE, DATE, INT, Column
from thidua.exchange.kinds import ABSENT, NOTE, YEAR, Context, Record
from thidua.organizations.exchange import FactKind

from . import services
from .models import AwardRecord, AwardStatus, award_period_errors
from .selectors import award_list_visible_to


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
