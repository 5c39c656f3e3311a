"""API routes for organizations and people: read for any authenticated user in scope, write for administrators."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.accounts.scope import is_system_admin, visible_organizations, visible_people
from thidua.api.pagination import Id, Pagination, QueryId
from thidua.exchange.api import add_fact_routes

from . import selectors, services
from .models import Organization, OrganizationKind, Sex

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    symbol: str
    place_name: str
    valid_from: date
    valid_to: date | None
    budget_code: str
    sector: str
    signer_title: str
    signer_name: str
    bank_account: str
    bank_name: str


class OrganizationCreateIn(Schema):
    code: str = Field(max_length=32)
    name: str = Field(max_length=255)
    short_name: str = Field("", max_length=64)
    kind: OrganizationKind
    parent_id: Id | None = None
    symbol: str = Field("", max_length=32)
    place_name: str = Field("", max_length=64)
    valid_from: date = date(2000, 1, 1)
    valid_to: date | None = None
    budget_code: str = Field("", max_length=7)
    sector: str = Field("", max_length=128)
    signer_title: str = Field("", max_length=128)
    signer_name: str = Field("", max_length=128)
    bank_account: str = Field("", max_length=32)
    bank_name: str = Field("", max_length=255)


class OrganizationIn(Schema):
    """PUT replaces the unit: every field is required (what GET returns can be sent back as is)."""

    code: str = Field(max_length=32)
    name: str = Field(max_length=255)
    short_name: str = Field(max_length=64)
    kind: OrganizationKind
    parent_id: Id | None
    symbol: str = Field(max_length=32)
    place_name: str = Field(max_length=64)
    valid_from: date
    valid_to: date | None
    budget_code: str = Field(max_length=7)
    sector: str = Field(max_length=128)
    signer_title: str = Field(max_length=128)
    signer_name: str = Field(max_length=128)
    bank_account: str = Field(max_length=32)
    bank_name: str = Field(max_length=255)


class OrganizationPatch(Schema):
    """PATCH changes only the fields sent."""

    code: str = Field(None, max_length=32)  # type: ignore[assignment]
    name: str = Field(None, max_length=255)  # type: ignore[assignment]
    short_name: str = Field(None, max_length=64)  # type: ignore[assignment]
    kind: OrganizationKind = None  # type: ignore[assignment]
    parent_id: Id | None = None
    symbol: str = Field(None, max_length=32)  # type: ignore[assignment]
    place_name: str = Field(None, max_length=64)  # type: ignore[assignment]
    valid_from: date = None  # type: ignore[assignment]
    valid_to: date | None = None
    budget_code: str = Field(None, max_length=7)  # type: ignore[assignment]
    sector: str = Field(None, max_length=128)  # type: ignore[assignment]
    signer_title: str = Field(None, max_length=128)  # type: ignore[assignment]
    signer_name: str = Field(None, max_length=128)  # type: ignore[assignment]
    bank_account: str = Field(None, max_length=32)  # type: ignore[assignment]
    bank_name: str = Field(None, max_length=255)  # type: ignore[assignment]


EMPLOYED_SINCE = (
    "Ngày đầu làm việc tại cơ quan theo bất kỳ hình thức nào (kể cả hợp đồng), nếu trước ngày tuyển dụng."
)


class PersonOut(Schema):
    id: int
    staff_code: str
    family_name: str
    middle_name: str
    given_name: str
    full_name: str
    sex: str
    date_of_birth: date | None
    ethnicity: str | None = Field(None, alias="ethnicity.name")
    ethnicity_id: int | None
    recruited_on: date | None
    employed_since: date | None = Field(..., description=EMPLOYED_SINCE)


class PersonCreateIn(Schema):
    staff_code: str = Field(max_length=32)
    family_name: str = Field(max_length=64)
    middle_name: str = Field("", max_length=64)
    given_name: str = Field(max_length=64)
    sex: Sex
    date_of_birth: date | None = None
    ethnicity_id: Id | None = None
    recruited_on: date | None = None
    employed_since: date | None = Field(None, description=EMPLOYED_SINCE)


class PersonIn(Schema):
    """PUT replaces the person's fields: every field is required (what GET returns can be sent back)."""

    staff_code: str = Field(max_length=32)
    family_name: str = Field(max_length=64)
    middle_name: str = Field(max_length=64)
    given_name: str = Field(max_length=64)
    sex: Sex
    date_of_birth: date | None
    ethnicity_id: Id | None
    recruited_on: date | None
    employed_since: date | None = Field(..., description=EMPLOYED_SINCE)


class PersonPatch(Schema):
    """PATCH changes only the fields sent."""

    staff_code: str = Field(None, max_length=32)  # type: ignore[assignment]
    family_name: str = Field(None, max_length=64)  # type: ignore[assignment]
    middle_name: str = Field(None, max_length=64)  # type: ignore[assignment]
    given_name: str = Field(None, max_length=64)  # type: ignore[assignment]
    sex: Sex = None  # type: ignore[assignment]
    date_of_birth: date | None = None
    ethnicity_id: Id | None = None
    recruited_on: date | None = None
    employed_since: date | None = Field(None, description=EMPLOYED_SINCE)


def _require_admin(request) -> None:
    if not is_system_admin(request.auth):
        raise PermissionDenied


@router.get("/units", response=list[OrganizationOut], summary="Danh sách đơn vị trong phạm vi được xem")
@paginate(Pagination)
def unit_list(request, q: str = ""):
    return selectors.organization_list_visible_to(user=request.auth, query=q)


@router.get("/units/{unit_id}", response=OrganizationOut, summary="Chi tiết một đơn vị")
def unit_get(request, unit_id: int):
    return get_object_or_404(visible_organizations(request.auth), pk=unit_id)


@router.post("/units", response={201: OrganizationOut}, summary="Tạo đơn vị")
def unit_create(request, payload: OrganizationCreateIn):
    _require_admin(request)
    return Status(201, services.organization_create(actor=request.auth, **payload.dict()))


@router.put("/units/{unit_id}", response=OrganizationOut, summary="Cập nhật toàn bộ thông tin đơn vị")
def unit_update(request, unit_id: int, payload: OrganizationIn):
    _require_admin(request)
    unit = get_object_or_404(Organization, pk=unit_id)
    return services.organization_update(actor=request.auth, organization=unit, **payload.dict())


@router.patch("/units/{unit_id}", response=OrganizationOut, summary="Cập nhật một phần thông tin đơn vị")
def unit_patch(request, unit_id: int, payload: OrganizationPatch):
    _require_admin(request)
    unit = get_object_or_404(Organization, pk=unit_id)
    return services.organization_update(
        actor=request.auth, organization=unit, **payload.dict(exclude_unset=True)
    )


@router.get("/people", response=list[PersonOut], summary="Danh sách cán bộ trong phạm vi được xem")
@paginate(Pagination)
def person_list(request, q: str = "", unit: QueryId = None):
    organization = get_object_or_404(visible_organizations(request.auth), pk=unit) if unit else None
    return selectors.person_list_visible_to(user=request.auth, query=q, organization=organization)


@router.get("/people/{person_id}", response=PersonOut, summary="Chi tiết một cán bộ")
def person_get(request, person_id: int):
    return get_object_or_404(visible_people(request.auth).select_related("ethnicity"), pk=person_id)


@router.post("/people", response={201: PersonOut}, summary="Tạo hồ sơ cán bộ")
def person_create(request, payload: PersonCreateIn):
    _require_admin(request)
    return Status(201, services.person_create(actor=request.auth, **payload.dict()))


@router.put("/people/{person_id}", response=PersonOut, summary="Cập nhật toàn bộ hồ sơ cán bộ")
def person_update(request, person_id: int, payload: PersonIn):
    _require_admin(request)
    from .models import Person

    person = get_object_or_404(Person, pk=person_id)
    return services.person_update(actor=request.auth, person=person, **payload.dict())


@router.patch("/people/{person_id}", response=PersonOut, summary="Cập nhật một phần hồ sơ cán bộ")
def person_patch(request, person_id: int, payload: PersonPatch):
    _require_admin(request)
    from .models import Person

    person = get_object_or_404(Person, pk=person_id)
    return services.person_update(actor=request.auth, person=person, **payload.dict(exclude_unset=True))


# The people in the Excel template's columns: scoped list and bulk upsert by staff code (kind `people`).
add_fact_routes(router, "people", "/exchange/people")
