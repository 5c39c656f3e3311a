"""Fairness indicators (chỉ số công bằng): who receives awards against who makes up the staff. Filled by issue 15."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.organizations.models import Organization


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    share_awards: float | None
    share_staff: float | None
    warning: bool
    definition: str
    drilldown_url: str


def indicators(*, agency: Organization, year: int, unit: Organization | None = None) -> list[Indicator]:
    """The fairness indicators of `agency` (or one `unit` of it) for `year`."""
    return []
