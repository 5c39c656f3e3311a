"""Sections of the person and unit pages: the years side by side (one query for a person, two for a unit)."""

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.scope import person_year_spans, year_in_spans
from thidua.core.codes import AwardCode, DisciplineForm, InitiativeLevel, LeaveKind, Rating

from . import selectors


def person_years(request: Any, person: Any) -> dict | None:
    data = selectors.person_years(person=person)
    spans = person_year_spans(request.user, person)  # the years this user's units held the person
    years = [year for year in data["years"] if year_in_spans(year, spans)]
    if not years:
        return None
    columns = []
    for year in years:
        row = data["rows"][year]
        columns.append(
            {
                "year": year,
                "rating": row["rating"] or "",
                "rating_label": Rating(row["rating"]).label if row["rating"] else "",
                "months": "" if row["months"] is None else row["months"],
                "leave": [
                    _("%(kind)s %(days)s ngày")
                    % {"kind": LeaveKind(x["kind"]).label, "days": x["working_days"]}
                    for x in row["leave"]
                ],
                "discipline": [
                    _("%(form)s (còn hiệu lực)")
                    % {"form": DisciplineForm(x["form"]).label if x["form"] else _("đang xem xét")}
                    if not x["first"]
                    else (DisciplineForm(x["form"]).label if x["form"] else _("đang xem xét"))
                    for x in row["discipline"]
                ],
                "initiatives": [
                    f"{x['code']} ({InitiativeLevel(x['level']).label})" for x in row["initiatives"]
                ],
                "awards": [{"code": x["code"], "label": AwardCode(x["code"]).label} for x in row["awards"]],
            }
        )
    return {"template": "appraisals/_person_years.html", "context": {"person": person, "columns": columns}}


def unit_years(request: Any, organization: Any) -> dict | None:
    data = selectors.unit_years(organization=organization)
    if not data["years"]:
        return None
    ratings = list(Rating.values)
    table = [
        {
            "year": y,
            "collective": data["collective"].get(y),
            "counts": [data["counts"].get(y, {}).get(r, 0) for r in ratings],
            "total": sum(data["counts"].get(y, {}).values()),
        }
        for y in data["years"]
    ]
    return {
        "template": "appraisals/_unit_years.html",
        "context": {"unit": organization, "ratings": ratings, "table": table},
    }
