"""The kinds of facts that travel through Excel and the bulk API: their columns, how their rows are resolved
and checked in bulk (one query per lookup, chunked), how they are written (bulk create and bulk update by
natural key) and exported (in the template's columns, so that export → edit → import round-trips)."""

import abc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role
from thidua.accounts.scope import is_system_admin, managed_organizations, person_years_editable
from thidua.appraisals.models import (
    Appraisal,
    CollectiveAppraisal,
    Discipline,
    Leave,
    StudyResult,
    leave_period_errors,
)
from thidua.appraisals.months import months_worked_in_year
from thidua.appraisals.selectors import people_editable_by
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.codes import (
    AwardCode,
    AwardTrack,
    DisciplineForm,
    InitiativeKind,
    InitiativeLevel,
    LeaveKind,
    Rating,
)
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.organizations.models import Assignment, Ethnicity, Organization, Person, Position, Sex

from .columns import BOOL, CODE, DATE, DECIMAL, INT, Column
from .reader import RowError

CHUNK = 5000
WRITE_ROLES = (Role.OFFICER,)


@dataclass
class Record:
    row: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: Column | str | None, message: str, code: str = "") -> None:
        header = column.header if isinstance(column, Column) else column
        self.errors.append(RowError(self.row, header, message, code))


@dataclass
class Context:
    """Who imports (None: the system, from the command line) and the lookups shared by the checks."""

    user: Any = None
    people: dict[str, tuple[int, date | None, date | None]] = field(default_factory=dict)
    periods: dict[int, list[tuple[date, date | None, int]]] = field(default_factory=dict)


def chunked_filter(qs: QuerySet, field_name: str, values: Iterable[Any]) -> Iterator[Any]:
    """Yield the rows of `qs` filtered by `field_name__in` chunk by chunk (SQLite bounds query parameters)."""
    values = sorted(set(values), key=str)
    for start in range(0, len(values), CHUNK):
        yield from qs.filter(**{f"{field_name}__in": values[start : start + CHUNK]})


YEAR = Column("year", "Năm", INT, required=True, min_value=1990, max_value=2100, width=8)
STAFF = Column("staff_code", "Mã cán bộ", required=True, max_length=32, width=14)
FULL_NAME = Column("full_name", "Họ và tên", informational=True, width=28)
NOTE = Column("note", "Ghi chú", width=30)


class Kind(abc.ABC):
    """One kind of fact that can be imported and exported; subclasses fill in the abstract steps."""

    name = ""
    label: Any = ""
    columns: list[Column] = []
    model: type[Model]
    # The column that dates a row about a person: the row belongs to the unit that held the person then.
    period_key: str | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @abc.abstractmethod
    def key(self, record: Record) -> tuple: ...

    @abc.abstractmethod
    def resolve(self, records: list[Record], ctx: Context) -> None: ...

    @abc.abstractmethod
    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]: ...

    @abc.abstractmethod
    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]: ...

    def count(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        """(new, updated) that writing would give: one lookup of the natural keys."""
        existing = self.existing(records, ctx)
        updated = sum(1 for r in records if self.key(r) in existing)
        return len(records) - updated, updated

    # Export: override these two, or `export_rows` itself (kinds whose rows span several records do).
    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        raise TypeError(f"{type(self).__name__} exports through export_rows")

    def export_row(self, obj: Any) -> dict[str, Any]:
        raise TypeError(f"{type(self).__name__} exports through export_rows")

    def export_rows(self, *, user: Any, year: int | None = None) -> Iterator[dict[str, Any]]:
        for obj in self.export_queryset(user=user, year=year).iterator(chunk_size=2000):
            yield self.export_row(obj)

    # ---- shared resolution helpers

    def resolve_people(
        self, records: list[Record], ctx: Context, *, key: str = "staff_code", required: bool = True
    ) -> None:
        codes = {r.values[key] for r in records if r.values.get(key)}
        found = {
            code: (pk, rec, ret)
            for code, pk, rec, ret in chunked_filter(
                Person.objects.values_list("staff_code", "pk", "recruited_on", "retired_on"),
                "staff_code",
                codes,
            )
        }
        ctx.people.update(found)
        allowed: set[int] | None = None
        if ctx.user is not None and not is_system_admin(ctx.user):
            allowed = set()
            editable = people_editable_by(ctx.user, *WRITE_ROLES).values_list("pk", flat=True)
            allowed.update(chunked_filter(editable, "pk", [v[0] for v in found.values()]))
        column = self.column(key)
        for record in records:
            code = record.values.get(key)
            if not code:
                continue
            if code not in found:
                record.error(column, _("Không tìm thấy cán bộ có mã “%(code)s”.") % {"code": code})
            elif allowed is not None and found[code][0] not in allowed:
                record.error(
                    column, _("Cán bộ “%(code)s” không thuộc đơn vị bạn quản lý.") % {"code": code}, "scope"
                )
            else:
                record.values["person_id"] = found[code][0]
        if allowed is not None and self.period_key:
            self._check_periods(records, ctx, column, key)

    def _check_periods(self, records: list[Record], ctx: Context, column: Column, key: str) -> None:
        """Refuse rows dated in a year when the person worked in no unit the importer manages."""
        dated: dict[int, tuple[int, int]] = {}
        for record in records:
            value = record.values.get(self.period_key or "")
            year = getattr(value, "year", value)
            if record.values.get("person_id") and isinstance(year, int):
                dated[id(record)] = (record.values["person_id"], year)
        editable = person_years_editable(ctx.user, dated.values(), *WRITE_ROLES)
        for record in records:
            pair = dated.get(id(record))
            if pair is not None and pair not in editable:
                record.error(
                    column,
                    _("Năm %(year)s cán bộ “%(code)s” không công tác tại đơn vị bạn quản lý.")
                    % {"year": pair[1], "code": record.values.get(key, "")},
                    "scope",
                )

    def resolve_units(self, records: list[Record], ctx: Context, *, key: str = "unit_code") -> None:
        codes = {r.values[key] for r in records if r.values.get(key)}
        if not codes:
            return
        found = dict(chunked_filter(Organization.objects.values_list("code", "pk"), "code", codes))
        allowed: set[int] | None = None
        if ctx.user is not None and not is_system_admin(ctx.user):
            allowed = set(
                managed_organizations(ctx.user, *WRITE_ROLES)
                .filter(pk__in=list(found.values()))
                .values_list("pk", flat=True)
            )
        column = self.column(key)
        for record in records:
            code = record.values.get(key)
            if not code:
                continue
            if code not in found:
                record.error(column, _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code})
            elif allowed is not None and found[code] not in allowed:
                record.error(
                    column, _("Đơn vị “%(code)s” không thuộc phạm vi bạn quản lý.") % {"code": code}, "scope"
                )
            else:
                record.values["organization_id"] = found[code]

    def load_periods(self, ctx: Context, person_ids: Iterable[int]) -> None:
        missing = [pid for pid in set(person_ids) if pid not in ctx.periods]
        for pid in missing:
            ctx.periods[pid] = []
        for pid, start, end, org in chunked_filter(
            Assignment.objects.order_by("start_on").values_list(
                "person_id", "start_on", "end_on", "organization_id"
            ),
            "person_id",
            missing,
        ):
            ctx.periods[pid].append((start, end, org))


def _bulk_save(
    model: type[Model], create: list[Model], update: list[Model], fields: list[str]
) -> tuple[int, int]:
    model.objects.bulk_create(create, batch_size=1000)  # type: ignore[attr-defined]
    if update:
        model.objects.bulk_update(update, fields, batch_size=1000)  # type: ignore[attr-defined]
    return len(create), len(update)


def _staff_row(person: Person) -> dict[str, Any]:
    return {"staff_code": person.staff_code, "full_name": person.full_name}


# ---------------------------------------------------------------------------------------------------- ratings


class RatingsKind(Kind):
    name = "ratings"
    period_key = "year"
    label = gettext_lazy("Xếp loại hằng năm")
    model = Appraisal
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
        self.load_periods(ctx, [r.values["person_id"] for r in records if "person_id" in r.values])
        for record in records:
            pid, year = record.values.get("person_id"), record.values.get("year")
            if pid is None or year is None:
                continue
            spans = ctx.periods.get(pid, [])
            if record.values.get("months_worked") is None:
                _code, recruited, retired = ctx.people[record.values["staff_code"]]
                record.values["months_worked"] = months_worked_in_year(
                    year=year,
                    recruited_on=recruited,
                    retired_on=retired,
                    assignments=[(s, e) for s, e, _o in spans],
                )
            if record.values.get("unit_code") is None:
                in_year = [
                    o for s, e, o in spans if s <= date(year, 12, 31) and (e is None or e >= date(year, 1, 1))
                ]
                if in_year:
                    record.values["organization_id"] = in_year[-1]
                else:
                    record.error(
                        self.column("unit_code"),
                        _("Không xác định được đơn vị của cán bộ trong năm %(year)s; hãy ghi mã đơn vị.")
                        % {"year": year},
                    )

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        years = {r.values["year"] for r in records}
        qs = Appraisal.objects.filter(year__in=years)
        return {
            (a.person_id, a.year): a
            for a in chunked_filter(qs, "person_id", {r.values["person_id"] for r in records})
        }

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or Appraisal(person_id=v["person_id"], year=v["year"])
            obj.rating, obj.months_worked = v["rating"], v["months_worked"]
            obj.organization_id, obj.note = v["organization_id"], v.get("note") or ""
            (update if obj.pk else create).append(obj)
        return _bulk_save(Appraisal, create, update, ["rating", "months_worked", "organization", "note"])

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.appraisals.selectors import appraisal_list_visible_to

        return (
            appraisal_list_visible_to(user=user, year=year)
            if user is not None
            else (
                Appraisal.objects.filter(**({"year": year} if year else {}))
                .select_related("person", "organization")
                .order_by("-year", "person__sort_key", "person_id")
            )
        )

    def export_row(self, obj: Appraisal) -> dict[str, Any]:
        return {
            **_staff_row(obj.person),
            "year": obj.year,
            "rating": obj.rating,
            "months_worked": obj.months_worked,
            "unit_code": obj.organization.code,
            "note": obj.note,
        }


# ---------------------------------------------------------------------------------------------------- leave


class LeaveKindSpec(Kind):
    name = "leave"
    period_key = "year"
    label = gettext_lazy("Nghỉ")
    model = Leave
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

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        qs = Leave.objects.filter(year__in={r.values["year"] for r in records})
        return {
            (obj.person_id, obj.year, obj.kind, obj.start_on): obj
            for obj in chunked_filter(qs, "person_id", {r.values["person_id"] for r in records})
        }

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        fields = ["end_on", "working_days", "duration_months", "study_result", "note"]
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or Leave(
                person_id=v["person_id"], year=v["year"], kind=v["kind"], start_on=v.get("start_on")
            )
            obj.end_on, obj.working_days = v.get("end_on"), v["working_days"]
            obj.duration_months, obj.study_result = v.get("duration_months"), v.get("study_result") or ""
            obj.note = v.get("note") or ""
            (update if obj.pk else create).append(obj)
        return _bulk_save(Leave, create, update, fields)

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.appraisals.selectors import leave_list_visible_to

        return (
            leave_list_visible_to(user=user, year=year)
            if user is not None
            else (
                Leave.objects.filter(**({"year": year} if year else {}))
                .select_related("person")
                .order_by("-year", "id")
            )
        )

    def export_row(self, obj: Leave) -> dict[str, Any]:
        return {
            **_staff_row(obj.person),
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


class DisciplineKind(Kind):
    name = "discipline"
    period_key = "decided_on"
    label = gettext_lazy("Kỷ luật")
    model = Discipline
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
            v.setdefault("effective_from", None)
            if v["effective_from"] is None:
                v["effective_from"] = v.get("decided_on")
            v["pending"] = bool(v.get("pending"))
            if not v.get("form") and not v["pending"]:
                r.error(
                    self.column("form"),
                    _("Phải ghi hình thức kỷ luật (hoặc ghi “Có” ở cột 'Đang xem xét kỷ luật')."),
                )
            if v.get("effective_to") and v.get("effective_from") and v["effective_to"] < v["effective_from"]:
                r.error(self.column("effective_to"), _("Hiệu lực đến phải sau hoặc bằng Hiệu lực từ."))

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        return {
            (d.person_id, d.decided_on, d.form): d
            for d in chunked_filter(
                Discipline.objects.all(), "person_id", {r.values["person_id"] for r in records}
            )
        }

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        fields = ["decision_number", "effective_from", "effective_to", "pending", "reason"]
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or Discipline(
                person_id=v["person_id"], decided_on=v["decided_on"], form=v.get("form") or ""
            )
            obj.decision_number = v.get("decision_number") or ""
            obj.effective_from, obj.effective_to = v["effective_from"], v.get("effective_to")
            obj.pending, obj.reason = v["pending"], v.get("reason") or ""
            (update if obj.pk else create).append(obj)
        return _bulk_save(Discipline, create, update, fields)

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.appraisals.selectors import discipline_list_visible_to

        return (
            discipline_list_visible_to(user=user, year=year)
            if user is not None
            else (
                Discipline.objects.filter(**({"decided_on__year": year} if year else {}))
                .select_related("person")
                .order_by("-decided_on", "id")
            )
        )

    def export_row(self, obj: Discipline) -> dict[str, Any]:
        return {
            **_staff_row(obj.person),
            "form": obj.form,
            "decision_number": obj.decision_number,
            "decided_on": obj.decided_on,
            "effective_from": obj.effective_from,
            "effective_to": obj.effective_to,
            "pending": obj.pending,
            "reason": obj.reason,
        }


# ---------------------------------------------------------------------------------------------------- awards


class AwardsKind(Kind):
    name = "awards"
    period_key = "year"
    label = gettext_lazy("Khen thưởng đã nhận")
    model = AwardRecord
    columns = [
        Column("staff_code", "Mã cán bộ", max_length=32, width=14),
        Column("unit_code", "Mã đơn vị (tập thể)", max_length=32, width=18),
        Column("full_name", "Cá nhân, tập thể", informational=True, width=30),
        Column("code", "Danh hiệu, hình thức", CODE, required=True, choices=AwardCode, width=16),
        YEAR,
        Column("track", "Loại khen thưởng", CODE, choices=AwardTrack, width=12),
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
        self.resolve_people(records, ctx, required=False)
        self.resolve_units(records, ctx)

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        years = {r.values["year"] for r in records}
        qs = AwardRecord.objects.filter(year__in=years, status=AwardStatus.ACTIVE)
        found: dict[tuple, Any] = {}
        for a in chunked_filter(
            qs, "person_id", {r.values["person_id"] for r in records if "person_id" in r.values}
        ):
            found[(a.code, a.person_id, None, a.year, a.track, a.status)] = a
        for a in chunked_filter(
            qs,
            "organization_id",
            {r.values["organization_id"] for r in records if "organization_id" in r.values},
        ):
            found[(a.code, None, a.organization_id, a.year, a.track, a.status)] = a
        return found

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or AwardRecord(
                code=v["code"],
                person_id=v.get("person_id"),
                organization_id=v.get("organization_id"),
                year=v["year"],
                track=v["track"],
                status=v["status"],
            )
            obj.decision_number, obj.decided_on = v.get("decision_number") or "", v.get("decided_on")
            obj.deciding_body, obj.note = v.get("deciding_body") or "", v.get("note") or ""
            (update if obj.pk else create).append(obj)
        return _bulk_save(
            AwardRecord, create, update, ["decision_number", "decided_on", "deciding_body", "note"]
        )

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.commendations.selectors import award_list_visible_to

        return (
            award_list_visible_to(user=user, year=year)
            if user is not None
            else (
                AwardRecord.objects.filter(**({"year": year} if year else {}))
                .select_related("person", "organization")
                .order_by("-year", "code", "id")
            )
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
            "decision_number": obj.decision_number,
            "decided_on": obj.decided_on,
            "deciding_body": obj.deciding_body,
            "status": obj.status,
            "note": obj.note,
        }


# ---------------------------------------------------------------------------------------------------- initiatives


INITIATIVE_FIELDS = (
    "title",
    "kind",
    "level",
    "unit_code",
    "recognized_by",
    "decision_number",
    "recognized_on",
    "applied",
    "summary",
)


class InitiativesKind(Kind):
    """One row per author; the initiative's own columns repeat on each of its rows and must agree."""

    name = "initiatives"
    period_key = "recognized_on"
    label = gettext_lazy("Sáng kiến, đề tài")
    model = Initiative
    columns = [
        Column("code", "Mã sáng kiến", required=True, max_length=32, width=14),
        Column("title", "Tên sáng kiến, đề tài", required=True, max_length=500, width=40),
        Column("kind", "Loại", CODE, required=True, choices=InitiativeKind, width=12),
        Column("level", "Phạm vi ảnh hưởng", CODE, required=True, choices=InitiativeLevel, width=12),
        Column("unit_code", "Mã đơn vị áp dụng", required=True, max_length=32, width=18),
        Column("recognized_by", "Cơ quan công nhận", max_length=255, width=24),
        Column("decision_number", "Số quyết định công nhận", max_length=64, width=14),
        Column("recognized_on", "Ngày công nhận", DATE, required=True, width=12),
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

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        codes = {r.values["code"] for r in records}
        found: dict[tuple, Any] = {}
        for i in chunked_filter(Initiative.objects.all(), "code", codes):
            found[(i.code, None)] = i
        for a in chunked_filter(
            InitiativeAuthor.objects.select_related("initiative"), "initiative__code", codes
        ):
            found[(a.initiative.code, a.person_id)] = a
        return found

    def count(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        codes = {r.values["code"] for r in records}
        new = sum(1 for c in codes if (c, None) not in existing)
        return new, len(codes) - new

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        by_code: dict[str, Record] = {}
        for r in records:
            by_code.setdefault(r.values["code"], r)
        create: list[Any] = []
        update: list[Any] = []
        for code, r in by_code.items():
            v = r.values
            obj = existing.get((code, None)) or Initiative(code=code)
            obj.title, obj.kind, obj.level = v["title"], v["kind"], v["level"]
            obj.organization_id, obj.recognized_on, obj.applied = (
                v["organization_id"],
                v["recognized_on"],
                v["applied"],
            )
            obj.recognized_by, obj.decision_number = (
                v.get("recognized_by") or "",
                v.get("decision_number") or "",
            )
            obj.summary = v.get("summary") or ""
            (update if obj.pk else create).append(obj)
        fields = [
            "title",
            "kind",
            "level",
            "organization",
            "recognized_on",
            "applied",
            "recognized_by",
            "decision_number",
            "summary",
        ]
        created, updated = _bulk_save(Initiative, create, update, fields)
        ids = dict(chunked_filter(Initiative.objects.values_list("code", "pk"), "code", by_code))
        new_authors: list[Any] = []
        changed: list[Any] = []
        keep: dict[int, set[int]] = defaultdict(set)
        for r in records:
            v = r.values
            author = existing.get((v["code"], v["person_id"]))
            keep[ids[v["code"]]].add(v["person_id"])
            if author is None:
                new_authors.append(
                    InitiativeAuthor(
                        initiative_id=ids[v["code"]], person_id=v["person_id"], share_pct=v["share_pct"]
                    )
                )
            elif author.share_pct != v["share_pct"]:
                author.share_pct = v["share_pct"]
                changed.append(author)
        # Authors left out of the file are removed, unless their initiative already supported an award.
        stale = Q(pk__in=[])
        for initiative_id, people in keep.items():
            stale |= Q(initiative_id=initiative_id) & ~Q(person_id__in=people)
        InitiativeAuthor.objects.filter(stale, used_for__isnull=True).delete()
        _bulk_save(InitiativeAuthor, new_authors, changed, ["share_pct"])
        return created, updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.initiatives.selectors import initiative_list_visible_to

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


# ---------------------------------------------------------------------------------------------------- people


class PeopleKind(Kind):
    """People by staff code; a new person needs a unit and position (their first assignment)."""

    name = "people"
    label = gettext_lazy("Cán bộ")
    model = Person
    columns = [
        STAFF,
        Column("family_name", "Họ", required=True, max_length=64, width=12),
        Column("middle_name", "Tên đệm", max_length=64, width=12),
        Column("given_name", "Tên", required=True, max_length=64, width=10),
        Column("sex", "Giới tính", CODE, required=True, choices=Sex, width=8),
        Column("date_of_birth", "Ngày sinh", DATE, width=12),
        Column("ethnicity", "Dân tộc", max_length=64, width=10),
        Column("recruited_on", "Ngày tuyển dụng", DATE, width=12),
        Column("retired_on", "Ngày nghỉ hưu, thôi việc", DATE, width=12),
        Column("unit_code", "Mã đơn vị", max_length=32, width=18),
        Column("position", "Chức vụ", max_length=128, width=16),
    ]
    fields = [
        "family_name",
        "middle_name",
        "given_name",
        "sex",
        "date_of_birth",
        "ethnicity_id",
        "recruited_on",
        "retired_on",
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("staff_code"),)

    def resolve(self, records: list[Record], ctx: Context) -> None:
        codes = {r.values["staff_code"] for r in records if r.values.get("staff_code")}
        found = dict(chunked_filter(Person.objects.values_list("staff_code", "pk"), "staff_code", codes))
        allowed: set[int] | None = None
        if ctx.user is not None and not is_system_admin(ctx.user):
            editable = people_editable_by(ctx.user, *WRITE_ROLES).values_list("pk", flat=True)
            allowed = set(chunked_filter(editable, "pk", found.values()))
        ethnicities = {e.name.casefold(): e.pk for e in Ethnicity.objects.all()}
        positions = {p.name.casefold(): p.pk for p in Position.objects.all()}
        self.resolve_units(records, ctx)
        for r in records:
            v = r.values
            pid = found.get(v.get("staff_code"))
            if pid is not None:
                v["person_id"] = pid
                if allowed is not None and pid not in allowed:
                    r.error(
                        STAFF,
                        _("Cán bộ “%(code)s” không thuộc đơn vị bạn quản lý.") % {"code": v["staff_code"]},
                        "scope",
                    )
            elif v.get("staff_code"):
                if not v.get("unit_code"):
                    r.error(self.column("unit_code"), _("Cán bộ mới phải có mã đơn vị công tác."))
                if not v.get("position"):
                    r.error(self.column("position"), _("Cán bộ mới phải có chức vụ."))
            if v.get("ethnicity"):
                v["ethnicity_id"] = ethnicities.get(v["ethnicity"].casefold())
                if v["ethnicity_id"] is None:
                    r.error(
                        self.column("ethnicity"),
                        _("Dân tộc “%(v)s” không có trong danh mục 54 dân tộc.") % {"v": v["ethnicity"]},
                    )
            if v.get("position"):
                v["position_id"] = positions.get(v["position"].casefold())
                if v["position_id"] is None:
                    r.error(
                        self.column("position"),
                        _("Chức vụ “%(v)s” không có trong danh mục.") % {"v": v["position"]},
                    )
            if v.get("retired_on") and v.get("recruited_on") and v["retired_on"] < v["recruited_on"]:
                r.error(self.column("retired_on"), _("Ngày nghỉ hưu phải sau ngày tuyển dụng."))

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        return {
            (p.staff_code,): p
            for p in chunked_filter(
                Person.objects.all(), "staff_code", {r.values["staff_code"] for r in records}
            )
        }

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        firsts: list[Any] = []
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or Person(staff_code=v["staff_code"])
            for name in self.fields:
                setattr(
                    obj,
                    name,
                    v.get(name) if v.get(name) is not None else ("" if name == "middle_name" else None),
                )
            obj.refresh_derived()
            if obj.pk:
                update.append(obj)
            else:
                create.append(obj)
                firsts.append(v)
        created, updated = _bulk_save(Person, create, update, [*self.fields, "sort_key", "search_text"])
        ids = dict(
            chunked_filter(
                Person.objects.values_list("staff_code", "pk"),
                "staff_code",
                [v["staff_code"] for v in firsts],
            )
        )
        today = timezone.localdate()
        Assignment.objects.bulk_create(
            [
                Assignment(
                    person_id=ids[v["staff_code"]],
                    organization_id=v["organization_id"],
                    position_id=v["position_id"],
                    start_on=v.get("recruited_on") or today,
                    end_on=v.get("retired_on"),
                    decision=str(_("Nhập từ Excel")),
                )
                for v in firsts
            ],
            batch_size=1000,
        )
        return created, updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.organizations.selectors import person_list_visible_to

        if user is not None:
            return person_list_visible_to(user=user)
        current = Assignment.objects.filter(end_on__isnull=True).select_related("organization", "position")
        from django.db.models import Prefetch

        return (
            Person.objects.select_related("ethnicity")
            .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
            .order_by("staff_code")
        )

    def export_row(self, obj: Person) -> dict[str, Any]:
        assignments = getattr(obj, "current_assignments", None)
        current = assignments[-1] if assignments else None
        return {
            "staff_code": obj.staff_code,
            "family_name": obj.family_name,
            "middle_name": obj.middle_name,
            "given_name": obj.given_name,
            "sex": obj.sex,
            "date_of_birth": obj.date_of_birth,
            "ethnicity": obj.ethnicity.name if obj.ethnicity is not None else None,
            "recruited_on": obj.recruited_on,
            "retired_on": obj.retired_on,
            "unit_code": current.organization.code if current else None,
            "position": current.position.name if current else None,
        }


class CollectiveKind(Kind):
    """A collective's yearly rating and cluster rank, by unit code and year."""

    name = "collective"
    label = gettext_lazy("Đánh giá tập thể")
    model = CollectiveAppraisal
    columns = [
        Column("unit_code", "Mã đơn vị", required=True, max_length=32, width=18),
        Column("full_name", "Tên đơn vị", informational=True, width=36),
        YEAR,
        Column("rating", "Xếp loại", CODE, required=True, choices=Rating, width=12),
        Column("cluster_rank", "Thứ hạng trong khối thi đua", INT, min_value=1, max_value=1000, width=10),
        Column("results", "Kết quả nổi bật", width=40),
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("organization_id"), record.values.get("year"))

    def resolve(self, records: list[Record], ctx: Context) -> None:
        self.resolve_units(records, ctx)

    def existing(self, records: list[Record], ctx: Context) -> dict[tuple, Any]:
        qs = CollectiveAppraisal.objects.filter(year__in={r.values["year"] for r in records})
        units = {r.values["organization_id"] for r in records}
        return {(c.organization_id, c.year): c for c in chunked_filter(qs, "organization_id", units)}

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        existing = self.existing(records, ctx)
        create: list[Any] = []
        update: list[Any] = []
        for r in records:
            v = r.values
            obj = existing.get(self.key(r)) or CollectiveAppraisal(
                organization_id=v["organization_id"], year=v["year"]
            )
            obj.rating, obj.cluster_rank, obj.results = (
                v["rating"],
                v.get("cluster_rank"),
                v.get("results") or "",
            )
            (update if obj.pk else create).append(obj)
        return _bulk_save(CollectiveAppraisal, create, update, ["rating", "cluster_rank", "results"])

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        from thidua.appraisals.selectors import collective_appraisal_list_visible_to

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
            "results": obj.results,
        }


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        PeopleKind(),
        RatingsKind(),
        LeaveKindSpec(),
        DisciplineKind(),
        InitiativesKind(),
        AwardsKind(),
        CollectiveKind(),
    )
}


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(
            _("Loại dữ liệu “%(name)s” không có; chọn một trong: %(kinds)s.")
            % {"name": name, "kinds": ", ".join(KINDS)}
        ) from None
