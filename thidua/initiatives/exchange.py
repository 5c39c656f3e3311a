"""The Excel and bulk-API kind of initiatives and research topics: one row per author."""

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import InitiativeKind, InitiativeLevel
from thidua.exchange.columns import BOOL, CODE, DATE, DECIMAL, Column
from thidua.exchange.kinds import ABSENT, Context, Record
from thidua.organizations.exchange import FactKind

from . import services
from .models import Initiative
from .selectors import initiative_list_visible_to

INITIATIVE_FIELDS = (
    "title",
    "kind",
    "level",
    "unit_code",
    "recognized_by",
    "decision_number",
    "recognized_on",
    "wider_level",
    "wider_recognized_on",
    "applied",
    "summary",
)


class InitiativesKind(FactKind):
    """One row per author; the initiative's own columns repeat on each of its rows and must agree."""

    name = "initiatives"
    period_key = "recognized_on"
    key_columns = ("code", "staff_code")
    order = 50
    rows_span_records = True
    label = gettext_lazy("Sáng kiến, đề tài")
    columns = [
        Column("code", "Mã sáng kiến", required=True, max_length=32, width=14),
        Column("title", "Tên sáng kiến, đề tài", required=True, max_length=500, width=40),
        Column("kind", "Loại", CODE, required=True, choices=InitiativeKind, width=12),
        Column("level", "Phạm vi ảnh hưởng", CODE, required=True, choices=InitiativeLevel, width=12),
        Column("unit_code", "Mã đơn vị áp dụng", required=True, max_length=32, width=18),
        Column("recognized_by", "Cơ quan công nhận", max_length=255, width=24),
        Column("decision_number", "Số quyết định công nhận", max_length=64, width=14),
        Column("recognized_on", "Ngày công nhận", DATE, required=True, width=12),
        Column(
            "wider_level", "Phạm vi được công nhận sau (rộng hơn)", CODE, choices=InitiativeLevel, width=14
        ),
        Column("wider_recognized_on", "Ngày công nhận phạm vi rộng hơn", DATE, width=12),
        Column("applied", "Đã áp dụng", BOOL, width=8),
        Column("staff_code", "Mã cán bộ tác giả", required=True, max_length=32, width=14),
        Column("full_name", "Họ và tên tác giả", informational=True, width=26),
        Column("share_pct", "Tỷ lệ đóng góp (%)", DECIMAL, min_value=0, max_value=100, width=10),
        Column("summary", "Tóm tắt", width=30),
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("code"), record.values.get("person_id"))

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_people(records, ctx)
        self.resolve_units(records, ctx)
        first: dict[str, Record] = {}
        shares: dict[str, Decimal] = defaultdict(Decimal)
        for r in records:
            v = r.values
            v["applied"] = True if v.get("applied") is None else v["applied"]
            v["share_pct"] = v.get("share_pct") if v.get("share_pct") is not None else Decimal(100)
            if v["share_pct"] <= 0:
                r.error(self.column("share_pct"), _("Tỷ lệ đóng góp phải lớn hơn 0."))
            code = v.get("code")
            if not code:
                continue
            shares[code] += v["share_pct"]
            if code not in first:
                first[code] = r
                self.check_wider_scope(r)  # once per initiative: its rows must agree
                continue
            for name in INITIATIVE_FIELDS:
                if (v.get(name) or None) != (first[code].values.get(name) or None):
                    r.error(
                        self.column(name),
                        _("Khác với dòng %(row)s của cùng sáng kiến “%(code)s”.")
                        % {"row": first[code].row, "code": code},
                    )
        for code, total in shares.items():
            if total > 100:
                first[code].error(
                    self.column("share_pct"),
                    _(
                        "Tổng tỷ lệ đóng góp của các tác giả sáng kiến “%(code)s” là %(total)s%%, vượt quá 100%%."
                    )
                    % {"code": code, "total": total},
                )

    def check_wider_scope(self, record: Record) -> None:
        """A later, wider recognition: the scope with its date, wider than the first, not dated before it."""
        v = record.values
        if "wider_level" not in v or "wider_recognized_on" not in v:
            return  # a cell that did not parse is reported already
        errors = services.wider_scope_errors(
            level=v.get("level"),
            recognized_on=v.get("recognized_on"),
            wider_level=v["wider_level"],
            wider_recognized_on=v["wider_recognized_on"],
        )
        for name, message in errors.items():
            record.error(self.column(name), message)

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        initiatives: dict[str, dict[str, Any]] = {}
        for v in (r.values for r in records):
            initiatives.setdefault(
                v["code"],
                {
                    "code": v["code"],
                    "title": v["title"],
                    "kind": v["kind"],
                    "level": v["level"],
                    "organization_id": v["organization_id"],
                    "recognized_on": v["recognized_on"],
                    "wider_level": v.get("wider_level") or "",
                    "wider_recognized_on": v.get("wider_recognized_on"),
                    "applied": v["applied"],
                    "recognized_by": v.get("recognized_by") or "",
                    "decision_number": v.get("decision_number") or "",
                    "summary": v.get("summary") or "",
                    ABSENT: v[ABSENT],
                },
            )
        authors = [
            {
                "code": r.values["code"],
                "person_id": r.values["person_id"],
                "share_pct": r.values["share_pct"],
                ABSENT: r.values[ABSENT],
                "label": f"{r.values['code']} {r.values['staff_code']}",
            }
            for r in records
        ]
        result = services.initiative_bulk_upsert(
            initiatives=list(initiatives.values()), authors=authors, actor=ctx.user, dry_run=dry_run
        )
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return initiative_list_visible_to(user=user, year=year)
        qs = Initiative.objects.select_related("organization").prefetch_related("authors__person")
        return qs.filter(**({"recognized_on__year": year} if year else {})).order_by("-recognized_on", "code")

    def export_rows(self, *, user: Any, year: int | None = None) -> Iterator[dict[str, Any]]:
        for obj in self.export_queryset(user=user, year=year).iterator(chunk_size=2000):
            base = {
                "code": obj.code,
                "title": obj.title,
                "kind": obj.kind,
                "level": obj.level,
                "unit_code": obj.organization.code,
                "recognized_by": obj.recognized_by,
                "decision_number": obj.decision_number,
                "recognized_on": obj.recognized_on,
                "wider_level": obj.wider_level or None,
                "wider_recognized_on": obj.wider_recognized_on,
                "applied": obj.applied,
                "summary": obj.summary,
            }
            for author in obj.authors.all():
                yield {
                    **base,
                    "staff_code": author.person.staff_code,
                    "full_name": author.person.full_name,
                    "share_pct": author.share_pct,
                }
