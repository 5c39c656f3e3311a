"""The Excel and bulk-API kinds of the yearly facts: ratings, leave, discipline and collectives' appraisals.

Rows are checked with the rules the forms use (`leave_period_errors`, `discipline_errors`, months worked,
the judging unit) and written through this app's bulk services, one audit event per changed row."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import DisciplineForm, LeaveKind, Rating
from thidua.exchange.columns import BOOL, CODE, DATE, DECIMAL, INT, Column
from thidua.exchange.kinds import ABSENT, CHUNK, FULL_NAME, NOTE, STAFF, YEAR, Context, Record
from thidua.organizations.exchange import FactKind, staff_row
from thidua.organizations.selectors import judging_units_for

from . import services
from .models import (
    Appraisal,
    CollectiveAppraisal,
    Discipline,
    Leave,
    StudyResult,
    discipline_errors,
    leave_period_errors,
)
from .months import months_worked_in_year
from .selectors import (
    appraisal_list_visible_to,
    collective_appraisal_list_visible_to,
    discipline_list_visible_to,
    leave_list_visible_to,
)


def _label(values: dict[str, Any], *keys: str) -> str:
    parts = [values.get(k) for k in keys]
    return " ".join(p.strftime("%d/%m/%Y") if isinstance(p, date) else str(p) for p in parts if p)


# ---------------------------------------------------------------------------------------------------- ratings


class RatingsKind(FactKind):
    name = "ratings"
    period_key = "year"
    key_columns = ("staff_code", "year")
    order = 20
    label = gettext_lazy("Xếp loại hằng năm")
    columns = [
        STAFF,
        FULL_NAME,
        YEAR,
        Column("rating", "Xếp loại", CODE, required=True, choices=Rating, width=12),
        Column("months_worked", "Số tháng công tác", INT, min_value=0, max_value=12, width=10),
        Column("unit_code", "Mã đơn vị", max_length=32, width=18),
        NOTE,
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("person_id"), record.values.get("year"))

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_people(records, ctx)
        self.resolve_units(records, ctx)
        dated = [r for r in records if r.values.get("person_id") and r.values.get("year") is not None]
        self.load_periods(ctx, [r.values["person_id"] for r in dated])
        judged = self._judging_units(dated)
        for record in dated:
            pid, year = record.values["person_id"], record.values["year"]
            if record.values.get("months_worked") is None:
                _pk, recruited, retired = ctx.people[record.values["staff_code"]]
                record.values["months_worked"] = months_worked_in_year(
                    year=year,
                    recruited_on=recruited,
                    retired_on=retired,
                    assignments=[(s, e) for s, e, _o in ctx.periods.get(pid, [])],
                )
            if record.values.get("unit_code") is None:
                if (pid, year) in judged:
                    record.values["organization_id"] = judged[(pid, year)]
                else:
                    record.error(
                        self.column("unit_code"),
                        _("Không xác định được đơn vị của cán bộ trong năm %(year)s; hãy ghi mã đơn vị.")
                        % {"year": year},
                    )

    @staticmethod
    def _judging_units(records: list[Record]) -> dict[tuple[int, int], int]:
        """(person, year) → the unit that judges the person that year, for the rows that name no unit."""
        by_year: dict[int, set[int]] = {}
        for r in records:
            if r.values.get("unit_code") is None:
                by_year.setdefault(r.values["year"], set()).add(r.values["person_id"])
        judged: dict[tuple[int, int], int] = {}
        for year, people in by_year.items():
            ordered = sorted(people)
            for start in range(0, len(ordered), CHUNK):
                found = judging_units_for(year=year, person_ids=ordered[start : start + CHUNK])
                judged.update({(pid, year): unit for pid, unit in found.items()})
        return judged

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = [
            {
                "person_id": v["person_id"],
                "year": v["year"],
                "rating": v["rating"],
                "months_worked": v["months_worked"],
                "organization_id": v["organization_id"],
                "note": v.get("note") or "",
                ABSENT: v[ABSENT],
                "label": _label(v, "staff_code", "year"),
            }
            for v in (r.values for r in records)
        ]
        result = services.appraisal_bulk_upsert(rows=rows, actor=ctx.user, dry_run=dry_run)
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return appraisal_list_visible_to(user=user, year=year)
        return (
            Appraisal.objects.filter(**({"year": year} if year else {}))
            .select_related("person", "organization")
            .order_by("-year", "person__sort_key", "person_id")
        )

    def export_row(self, obj: Appraisal) -> dict[str, Any]:
        return {
            **staff_row(obj.person),
            "year": obj.year,
            "rating": obj.rating,
            "months_worked": obj.months_worked,
            "unit_code": obj.organization.code,
            "note": obj.note,
        }


# ---------------------------------------------------------------------------------------------------- leave


class LeaveKindSpec(FactKind):
    name = "leave"
    period_key = "year"
    key_columns = ("staff_code", "year", "kind", "start_on")
    order = 30
    label = gettext_lazy("Nghỉ")
    columns = [
        STAFF,
        FULL_NAME,
        YEAR,
        Column("kind", "Loại nghỉ", CODE, required=True, choices=LeaveKind, width=12),
        Column("start_on", "Từ ngày", DATE, width=12),
        Column("end_on", "Đến ngày", DATE, width=12),
        Column("working_days", "Số ngày làm việc", INT, required=True, min_value=0, max_value=366, width=10),
        Column(
            "duration_months", "Thời gian khóa học (tháng)", DECIMAL, min_value=0, max_value=120, width=12
        ),
        Column("study_result", "Kết quả học tập", CODE, choices=StudyResult, width=12),
        NOTE,
    ]

    def key(self, record: Record) -> tuple:
        v = record.values
        return (v.get("person_id"), v.get("year"), v.get("kind"), v.get("start_on"))

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_people(records, ctx)
        for r in records:
            v = r.values
            for key, message in leave_period_errors(
                year=v.get("year"), start_on=v.get("start_on"), end_on=v.get("end_on")
            ).items():
                r.error(self.column(key), message)

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = [
            {
                "person_id": v["person_id"],
                "year": v["year"],
                "kind": v["kind"],
                "start_on": v.get("start_on"),
                "end_on": v.get("end_on"),
                "working_days": v["working_days"],
                "duration_months": v.get("duration_months"),
                "study_result": v.get("study_result") or "",
                "note": v.get("note") or "",
                ABSENT: v[ABSENT],
                "label": _label(v, "staff_code", "year", "kind", "start_on"),
            }
            for v in (r.values for r in records)
        ]
        result = services.leave_bulk_upsert(rows=rows, actor=ctx.user, dry_run=dry_run)
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return leave_list_visible_to(user=user, year=year)
        return (
            Leave.objects.filter(**({"year": year} if year else {}))
            .select_related("person")
            .order_by("-year", "id")
        )

    def export_row(self, obj: Leave) -> dict[str, Any]:
        return {
            **staff_row(obj.person),
            "year": obj.year,
            "kind": obj.kind,
            "start_on": obj.start_on,
            "end_on": obj.end_on,
            "working_days": obj.working_days,
            "duration_months": obj.duration_months,
            "study_result": obj.study_result,
            "note": obj.note,
        }


# ---------------------------------------------------------------------------------------------------- discipline


class DisciplineKind(FactKind):
    name = "discipline"
    period_key = "decided_on"
    key_columns = ("staff_code", "decided_on", "form")
    order = 40
    label = gettext_lazy("Kỷ luật")
    columns = [
        STAFF,
        FULL_NAME,
        Column("form", "Hình thức kỷ luật", CODE, choices=DisciplineForm, width=16),
        Column("decision_number", "Số quyết định", max_length=64, width=14),
        Column("decided_on", "Ngày quyết định", DATE, required=True, width=12),
        Column("effective_from", "Hiệu lực từ", DATE, width=12),
        Column("effective_to", "Hiệu lực đến", DATE, width=12),
        Column("pending", "Đang xem xét kỷ luật", BOOL, width=10),
        Column("reason", "Lý do", width=30),
    ]

    def key(self, record: Record) -> tuple:
        v = record.values
        return (v.get("person_id"), v.get("decided_on"), v.get("form") or "")

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_people(records, ctx)
        for r in records:
            v = r.values
            if v.get("effective_from") is None:
                v["effective_from"] = v.get("decided_on")
            v["pending"] = bool(v.get("pending"))
            for key, message in discipline_errors(
                form=v.get("form"),
                pending=v["pending"],
                effective_from=v["effective_from"],
                effective_to=v.get("effective_to"),
            ).items():
                r.error(self.column(key), message)

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = [
            {
                "person_id": v["person_id"],
                "decided_on": v["decided_on"],
                "form": v.get("form") or "",
                "decision_number": v.get("decision_number") or "",
                "effective_from": v["effective_from"],
                "effective_to": v.get("effective_to"),
                "pending": v["pending"],
                "reason": v.get("reason") or "",
                ABSENT: v[ABSENT],
                "label": _label(v, "staff_code", "decided_on", "form"),
            }
            for v in (r.values for r in records)
        ]
        result = services.discipline_bulk_upsert(rows=rows, actor=ctx.user, dry_run=dry_run)
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return discipline_list_visible_to(user=user, year=year)
        return (
            Discipline.objects.filter(**({"decided_on__year": year} if year else {}))
            .select_related("person")
            .order_by("-decided_on", "id")
        )

    def export_row(self, obj: Discipline) -> dict[str, Any]:
        return {
            **staff_row(obj.person),
            "form": obj.form,
            "decision_number": obj.decision_number,
            "decided_on": obj.decided_on,
            "effective_from": obj.effective_from,
            "effective_to": obj.effective_to,
            "pending": obj.pending,
            "reason": obj.reason,
        }


# ---------------------------------------------------------------------------------------------------- collectives


class CollectiveKind(FactKind):
    """A collective's yearly rating, cluster rank and own discipline, by unit code and year."""

    name = "collective"
    order = 70
    label = gettext_lazy("Đánh giá tập thể")
    columns = [
        Column("unit_code", "Mã đơn vị", required=True, max_length=32, width=18),
        Column("full_name", "Tên đơn vị", informational=True, width=36),
        YEAR,
        Column("rating", "Xếp loại", CODE, required=True, choices=Rating, width=12),
        Column("cluster_rank", "Thứ hạng trong khối thi đua", INT, min_value=1, max_value=1000, width=10),
        Column("discipline_form", "Hình thức kỷ luật của tập thể", CODE, choices=DisciplineForm, width=16),
        Column("results", "Kết quả nổi bật", width=40),
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("organization_id"), record.values.get("year"))

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_units(records, ctx)

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = [
            {
                "organization_id": v["organization_id"],
                "year": v["year"],
                "rating": v["rating"],
                "cluster_rank": v.get("cluster_rank"),
                "discipline_form": v.get("discipline_form") or "",
                "results": v.get("results") or "",
                ABSENT: v[ABSENT],
                "label": _label(v, "unit_code", "year"),
            }
            for v in (r.values for r in records)
        ]
        result = services.collective_appraisal_bulk_upsert(rows=rows, actor=ctx.user, dry_run=dry_run)
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return collective_appraisal_list_visible_to(user=user, year=year)
        qs = CollectiveAppraisal.objects.filter(**({"year": year} if year else {}))
        return qs.select_related("organization").order_by("-year", "organization__path")

    def export_row(self, obj: CollectiveAppraisal) -> dict[str, Any]:
        return {
            "unit_code": obj.organization.code,
            "full_name": obj.organization.name,
            "year": obj.year,
            "rating": obj.rating,
            "cluster_rank": obj.cluster_rank,
            "discipline_form": obj.discipline_form or None,
            "results": obj.results,
        }


KINDS = (RatingsKind(), LeaveKindSpec(), DisciplineKind(), CollectiveKind())
