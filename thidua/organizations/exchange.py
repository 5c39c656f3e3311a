"""Excel and bulk-API kinds built on people and units: the base that resolves staff and unit codes in bulk
within the importer's scope (used by the other apps' kinds), and the `people` kind itself."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scope import is_system_admin, managed_organizations
from thidua.exchange.columns import CODE, DATE, Column
from thidua.exchange.kinds import ABSENT, STAFF, WRITE_ROLES, Context, Kind, Record, chunked_filter

from . import services
from .models import Assignment, Ethnicity, Organization, Person, Position, Sex
from .selectors import person_list_visible_to


def editable_person_ids(user: Any, person_ids: Iterable[int]) -> set[int]:
    """Of `person_ids`, the people whose facts `user` may import: assigned (ever) to a unit the user manages
    with a writing role (one query per 5,000 people)."""
    orgs = managed_organizations(user, *WRITE_ROLES)
    assigned = Assignment.objects.filter(organization__in=orgs).values_list("person_id", flat=True)
    return set(chunked_filter(assigned.distinct(), "person_id", person_ids))


def staff_row(person: Person) -> dict[str, Any]:
    return {"staff_code": person.staff_code, "full_name": person.full_name}


class FactKind(Kind):
    """A kind whose rows name people by staff code or units by code: both are resolved in bulk, refused outside
    the importer's units, and (with `period_key`) refused in years the person was not in those units."""

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
            allowed = editable_person_ids(ctx.user, [v[0] for v in found.values()])
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
        if allowed is not None:
            self.check_periods(records, ctx, column, key)

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
            Assignment.objects.order_by("start_on", "id").values_list(
                "person_id", "start_on", "end_on", "organization_id"
            ),
            "person_id",
            missing,
        ):
            ctx.periods[pid].append((start, end, org))


PERSON_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "sex",
    "date_of_birth",
    "ethnicity_id",
    "recruited_on",
    "employed_since",
    "retired_on",
)


class PeopleKind(FactKind):
    """People by staff code; a new person needs a unit and position (their first assignment)."""

    name = "people"
    label = gettext_lazy("Cán bộ")
    order = 10
    key_columns = ("staff_code",)
    columns = [
        STAFF,
        Column("family_name", "Họ", required=True, max_length=64, width=12),
        Column("middle_name", "Tên đệm", max_length=64, width=12),
        Column("given_name", "Tên", required=True, max_length=64, width=10),
        Column("sex", "Giới tính", CODE, required=True, choices=Sex, width=8),
        Column("date_of_birth", "Ngày sinh", DATE, width=12),
        Column("ethnicity", "Dân tộc", max_length=64, width=10),
        Column("recruited_on", "Ngày tuyển dụng", DATE, width=12),
        Column("employed_since", "Làm việc tại cơ quan từ ngày (kể cả hợp đồng)", DATE, width=14),
        Column("retired_on", "Ngày nghỉ hưu, thôi việc", DATE, width=12),
        Column("unit_code", "Mã đơn vị", max_length=32, width=18),
        Column("position", "Chức vụ", max_length=128, width=16),
    ]

    def key(self, record: Record) -> tuple:
        return (record.values.get("staff_code"),)

    def resolve(self, records: list[Record], ctx: Context) -> None:
        codes = {r.values["staff_code"] for r in records if r.values.get("staff_code")}
        found = dict(chunked_filter(Person.objects.values_list("staff_code", "pk"), "staff_code", codes))
        allowed: set[int] | None = None
        if ctx.user is not None and not is_system_admin(ctx.user):
            allowed = editable_person_ids(ctx.user, found.values())
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
            if v.get("retired_on") and v.get("employed_since") and v["retired_on"] < v["employed_since"]:
                r.error(
                    self.column("employed_since"),
                    _("Ngày bắt đầu làm việc tại cơ quan phải trước ngày nghỉ hưu, thôi việc."),
                )

    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        rows = []
        for r in records:
            v = r.values
            row = {name: v.get(name) for name in PERSON_FIELDS}
            row["middle_name"] = row["middle_name"] or ""
            rows.append(
                {
                    **row,
                    "staff_code": v["staff_code"],
                    "organization_id": v.get("organization_id"),
                    "position_id": v.get("position_id"),
                    ABSENT: v[ABSENT],
                }
            )
        result = services.person_bulk_upsert(
            rows=rows, actor=ctx.user, dry_run=dry_run, decision=_("Nhập từ Excel")
        )
        return result.created, result.updated

    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        if user is not None:
            return person_list_visible_to(user=user)
        current = Assignment.objects.filter(end_on__isnull=True).select_related("organization", "position")
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
            "employed_since": obj.employed_since,
            "retired_on": obj.retired_on,
            "unit_code": current.organization.code if current else None,
            "position": current.position.name if current else None,
        }
