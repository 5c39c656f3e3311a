"""Demo certificates: the Department's two templates (print-ready on plain paper, and its pre-printed blank,
calibrated by the office), and the certificates of the demo's issued award decision printed on the blanks by the
office, numbered from the Department's book. Skipped quietly when the decisions demo (order 90) issued none."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.core.registry import DemoData
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus
from thidua.organizations.models import Organization

from . import selectors, services
from .models import Paper

DEPARTMENT_CODE = "YB-SKHCN"
OFFICER = "vanphong"


def build_certificates(demo: DemoData) -> str | None:
    department = (
        demo.orgs.agencies[0]
        if demo.orgs is not None
        else Organization.objects.filter(code=DEPARTMENT_CODE).first()
    )
    officer = User.objects.filter(username=OFFICER).first()
    if department is None or officer is None:
        return "bỏ qua (không có Sở hoặc tài khoản văn phòng)"
    decision = (
        Decision.objects.filter(agency=department, kind=DecisionKind.AWARD, status=DecisionStatus.ISSUED)
        .order_by("decided_on", "pk")
        .first()
    )
    if decision is None:
        return "bỏ qua (chưa có quyết định khen thưởng đã ban hành)"
    services.template_create(
        actor=officer,
        agency=department,
        name="Giấy khen A4 ngang (in trên giấy trắng)",
        paper=Paper.A4_LANDSCAPE,
        blank=False,
    )
    blank = services.template_create(
        actor=officer,
        agency=department,
        name="Phôi Giấy khen của Sở (A4 ngang)",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
    )
    # The office printed the test sheet on a blank and found its printer feeds 1 mm to the right.
    layout = dict(blank.layout)
    layout["offset_x_mm"] = 1.0
    blank = services.template_calibrate(actor=officer, template=blank, layout=layout)
    lines = [line for line in selectors.lines_of(decision) if not selectors.line_is_revoked(line, decision)]
    if not lines:
        return "bỏ qua (quyết định không có người được khen thưởng)"
    run = services.print_run_create(actor=officer, decision=decision, lines=lines, template=blank)
    return f"{run.count} giấy khen của quyết định {decision.number_symbol}, số {run.first_serial}–{run.last_serial}"
