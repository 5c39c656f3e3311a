"""Demo certificates: the Department's two templates — its pre-printed Giấy khen blank (phôi), calibrated by the
office (its printer feeds 1 mm to the right), and the print-ready sheet on plain paper for the titles — and the
certificates of the demo's issued award decision: the Giấy khen printed on the blanks, the titles (Chiến sĩ thi
đua cơ sở) print-ready, numbered from the Department's certificate book. Skipped quietly when the decisions demo
(order 90) issued no award decision."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from thidua.accounts.models import User
from thidua.core.registry import DemoData
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus
from thidua.organizations.models import Organization

from . import selectors, services
from .models import Paper

DEPARTMENT_CODE = "YB-SKHCN"
OFFICER = "vanphong"
BLANK_CODES = ("GIAY_KHEN",)
# The office prints the certificates five days after the Director signed (20/03/2025).
PRINTED_AT = dt.datetime(2025, 3, 25, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


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
    lines = [line for line in selectors.lines_of(decision) if not selectors.line_is_revoked(line, decision)]
    if not lines:
        return "bỏ qua (quyết định không có người được khen thưởng)"
    print_ready = services.template_create(
        actor=officer,
        agency=department,
        name="Giấy khen, giấy chứng nhận A4 ngang (in trên giấy trắng)",
        paper=Paper.A4_LANDSCAPE,
        blank=False,
    )
    blank = services.template_create(
        actor=officer,
        agency=department,
        name="Phôi Giấy khen của Sở (A4 ngang)",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
        codes=BLANK_CODES,
    )
    # The office printed the test sheet on a blank and found that its printer feeds 1 mm to the right.
    blank = services.template_calibrate(
        actor=officer, template=blank, layout={**blank.layout, "offset_x_mm": -1.0}
    )
    runs = []
    on_blanks = [line for line in lines if blank.serves(line.code)]
    if on_blanks:
        runs.append(
            services.print_run_create(
                actor=officer, decision=decision, lines=on_blanks, template=blank, printed_at=PRINTED_AT
            )
        )
    others = [line for line in lines if not blank.serves(line.code)]
    if others:
        runs.append(
            services.print_run_create(
                actor=officer,
                decision=decision,
                lines=others,
                template=print_ready,
                printed_at=PRINTED_AT + dt.timedelta(minutes=20),
            )
        )
    count = sum(run.count for run in runs)
    return (
        f"{count} giấy khen của quyết định {decision.number_symbol}, "
        f"số {runs[0].first_serial}–{runs[-1].last_serial}"
    )
