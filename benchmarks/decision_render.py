"""The decision benchmark of `make bench` (issue 13): a decision with 1,000 awardees rendered to DOCX and PDF, against
the renderer's time for the one-page seed letter in the same run (the floor). Goal: DOCX + PDF under 10 s.

Also measured, for context: reading the decision into its document (`documents.build`: the lines from the
database) and the head's whole signing step (number, price, build, render, PAdES signature, DOCX).

Everything it writes — an agency, its units, the people, the decision, the register's number — is made inside a
transaction that is rolled back, and files go to in-memory storage: the benchmark database is left as it was.
"""

from __future__ import annotations

import gc
import io
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Thanh", "Ngọc", "Hữu", "Xuân")
GIVEN = (
    "An",
    "Bình",
    "Cúc",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
)
DAY = date(2025, 3, 20)


class _Rollback(Exception):
    pass


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[tuple[float, float], Any]:
    """((median wall-clock seconds, median CPU seconds of this process), the last result). The CPU time is the
    steadier figure on a machine shared with other work; the goal is read on the wall clock."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return (statistics.median(walls), statistics.median(cpus)), result


def _decision(awardees: int) -> Any:
    """An agency with 20 divisions and a decision of `awardees` lines: nine in ten people (LĐTT, CSTĐCS,
    Giấy khen), one in ten collectives (TTLĐTT, Giấy khen), priced for 20/03/2025."""
    from thidua.decisions import services
    from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
    from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Position
    from thidua.rules.services import rule_config_for

    province = Organization.objects.create(
        kind=OrganizationKind.PROVINCE,
        code="BENCH-P",
        name="Ủy ban nhân dân tỉnh Yên Bái",
        place_name="Yên Bái",
    )
    agency = Organization.objects.create(
        kind=OrganizationKind.AGENCY,
        code="BENCH-A",
        name="Sở Khoa học và Công nghệ",
        parent=province,
        symbol="SKHCN",
    )
    units = [
        Organization.objects.create(
            kind=OrganizationKind.DIVISION,
            code=f"BENCH-U{i}",
            name=f"Phòng Quản lý chuyên ngành số {i}",
            parent=agency,
        )
        for i in range(1, 21)
    ]
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    people_count = awardees - awardees // 10
    collectives = [
        Organization.objects.create(
            kind=OrganizationKind.UNIT,
            code=f"BENCH-C{i}",
            name=f"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ số {i}",
            parent=units[i % len(units)],
        )
        for i in range(awardees - people_count)
    ]
    decision = Decision.objects.create(
        agency=agency,
        kind=DecisionKind.AWARD,
        status=DecisionStatus.SUBMITTED,
        year=2024,
        title="Về việc tặng danh hiệu thi đua và Giấy khen năm 2024",
        bases=services.default_bases(agency=agency, on=DAY),
        deciding_body=agency.name,
        signer_name="Vũ Xuân Hội",
    )
    config = rule_config_for(organization=agency)
    lines = []
    for i in range(people_count):
        person = Person.objects.create(
            family_name=FAMILY[i % len(FAMILY)],
            middle_name=MIDDLE[(i // 3) % len(MIDDLE)],
            given_name=GIVEN[(i // 7) % len(GIVEN)],
            sex="F" if i % 2 else "M",
            staff_code=f"BENCH-{i}",
        )
        unit = units[i % len(units)]
        Assignment.objects.create(
            person=person, organization=unit, position=position, start_on=date(2015, 1, 1)
        )
        code = ("LDTT", "LDTT", "LDTT", "LDTT", "CSTDCS", "GIAY_KHEN")[i % 6]
        lines.append(
            DecisionLine(
                decision=decision,
                person=person,
                code=code,
                year=2024,
                subject_name=person.full_name,
                subject_unit=unit.name,
                unit=unit,
                position=len(lines) + 1,
            )
        )
    for i, collective in enumerate(collectives):
        lines.append(
            DecisionLine(
                decision=decision,
                organization=collective,
                code="TTLDTT" if i % 3 else "GIAY_KHEN",
                year=2024,
                subject_name=collective.name,
                subject_unit=collective.parent.name,
                unit=collective,
                position=len(lines) + 1,
            )
        )
    for line in lines:
        services.line_money(line, on=DAY, config=config)
    DecisionLine.objects.bulk_create(lines)
    return decision


def one_page_letter() -> Any:
    """The seed letter (`layout.samples`, three pages) cut to its first two paragraphs: one page, with the
    whole masthead, the addressees, the signature and the recipients."""
    from dataclasses import replace

    from thidua.documents.layout.samples import seed_letter_document

    seed = seed_letter_document()
    return replace(seed, body=seed.body[:2])


def run(*, repeat: int = 3, awardees: int = 1000) -> None:
    """Print the decision benchmark (Django is set up by the caller)."""
    from django.db import connection, transaction
    from django.test import override_settings
    from pypdf import PdfReader

    from thidua.decisions import documents, services
    from thidua.documents.layout import render_docx, render_pdf

    letter = one_page_letter()
    render_pdf(letter)  # warm-up: fonts loaded, templates parsed — the same for both sides of the ratio
    render_docx(letter)
    letter_docx, _ = _timed(lambda: render_docx(letter), repeat * 3)
    letter_pdf, letter_bytes = _timed(lambda: render_pdf(letter), repeat * 3)
    letter_pages = len(PdfReader(io.BytesIO(letter_bytes)).pages)

    results: dict[str, Any] = {}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        with override_settings(STORAGES=storages), transaction.atomic():
            decision = _decision(awardees)
            symbol = "01/QĐ-SKHCN"
            results["build"], content = _timed(
                lambda: documents.build(decision, number_symbol=symbol, issued_on=DAY), repeat
            )
            results["docx"], docx_bytes = _timed(lambda: render_docx(content), repeat)
            results["pdf"], pdf_bytes = _timed(lambda: render_pdf(content), repeat)
            results["pages"] = len(PdfReader(io.BytesIO(pdf_bytes)).pages)
            results["sizes"] = (len(docx_bytes), len(pdf_bytes))
            results["reprice"], _ = _timed(lambda: services.lines_reprice(decision, on=date(2024, 6, 30)), 1)
            services.lines_reprice(decision, on=DAY)
            results["sign"], signed = _timed(
                lambda: services.decision_transition(
                    actor=None, decision=decision, action="sign", on=DAY, check_permission=False
                ),
                1,
            )
            results["number"] = signed.number_symbol
            raise _Rollback
    except _Rollback:
        pass

    def shown(timing: tuple[float, float]) -> str:
        return f"{timing[0]:.2f} s (CPU {timing[1]:.2f} s)"

    docx, pdf = results["docx"], results["pdf"]
    render = docx[0] + pdf[0]
    print()
    print(f"decision benchmark ({connection.vendor}): {awardees} awardees, {results['pages']} PDF pages")
    print(
        f"floor  the seed letter cut to {letter_pages} page: DOCX {letter_docx[0] * 1000:.0f} ms, "
        f"PDF {letter_pdf[0] * 1000:.0f} ms"
    )
    print(
        f"render decision: DOCX {shown(docx)} → ×{docx[0] / letter_docx[0]:.0f} the letter; "
        f"PDF {shown(pdf)} → ×{pdf[0] / letter_pdf[0]:.0f} the letter"
    )
    print(
        f"       DOCX + PDF {render:.2f} s (goal < 10 s: {'met' if render < 10 else 'NOT MET'}); per awardee "
        f"DOCX {docx[0] / awardees * 1000:.2f} ms, PDF {pdf[0] / awardees * 1000:.2f} ms; "
        f"files {results['sizes'][0] / 1024:.0f} KB DOCX, {results['sizes'][1] / 1024:.0f} KB PDF"
    )
    print(
        f"build  the document from the database (documents.build): {shown(results['build'])}; "
        f"re-price the {awardees} lines for another date: {shown(results['reprice'])}"
    )
    print(
        f"sign   the head's whole step ({results['number']}: number, price, build, PDF, PAdES and its check, "
        f"DOCX): {shown(results['sign'])}; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":  # `python benchmarks/decision_render.py`: on the development database
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    run()
