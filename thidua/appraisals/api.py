"""API of the yearly facts: scoped lists and bulk upserts by natural key (staff code + year, ...)."""

from ninja import Router, Schema

from thidua.accounts.scope import restrict
from thidua.api.pagination import Year
from thidua.exchange.api import add_fact_routes

from .models import Registration

router = Router(tags=["appraisals"])

add_fact_routes(router, "ratings", "/ratings")
add_fact_routes(router, "leave", "/leave")
add_fact_routes(router, "discipline", "/discipline")
add_fact_routes(router, "collective", "/collective-appraisals")


class RegistrationOut(Schema):
    id: int
    year: int
    unit_code: str
    unit_name: str
    status: str
    return_reason: str
    lines: list[dict]


@router.get(
    "/registrations",
    response=list[RegistrationOut],
    summary="Danh sách đăng ký thi đua trong phạm vi được xem",
)
def registration_list(request, year: Year = None):
    qs = (
        restrict(Registration.objects.all(), request.auth)
        .select_related("round", "unit")
        .prefetch_related("lines__person")
        .order_by("-round__year", "unit__path")
    )
    if year:
        qs = qs.filter(round__year=year)
    return [
        {
            "id": r.pk,
            "year": r.round.year,
            "unit_code": r.unit.code,
            "unit_name": r.unit.name,
            "status": r.status,
            "return_reason": r.return_reason,
            "lines": [
                {"staff_code": ln.person.staff_code if ln.person_id else None, "code": ln.code}
                for ln in r.lines.all()
            ],
        }
        for r in qs[:1000]
    ]
