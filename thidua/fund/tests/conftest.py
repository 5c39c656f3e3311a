"""Fixtures of the fund: the decisions factories' cast (the agency's office and head, the units' heads, staff, the
other agency's officer), and an award decision of the agency issued on 20/03/2025 with three awardees — a
Lao động tiên tiến, a Chiến sĩ thi đua cơ sở and a collective's Giấy khen (710.000, 2.340.000 and 1.410.000
đồng at the lương cơ sở of 2.340.000)."""

from __future__ import annotations

import pytest

from thidua.decisions.models import DecisionStatus
from thidua.decisions.tests import factories as f


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def make_issued(org_tree, people):
    """An award decision of the agency with the given (code, subject) lines, taken to `to` (issued)."""

    def _make(subjects=None, *, to=DecisionStatus.ISSUED):
        if subjects is None:
            subjects = [
                ("LDTT", f.person(org_tree["div_a"], "Lan")),
                ("CSTDCS", people["awardee"]),
                ("GIAY_KHEN", org_tree["div_b"]),
            ]
        decision = f.draft(people["officer"], org_tree["agency"], subjects)
        return f.drive(decision, to, people)

    return _make


@pytest.fixture
def issued(make_issued):
    return make_issued()
