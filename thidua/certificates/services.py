"""Writing certificates: the office's templates and their calibration, and print runs with their numbers.

- `template_create`, `template_update`, `template_calibrate`: a template's name, codes, paper and use, and its
  layout (checked by `CertificateLayout.check`: a field outside the sheet is refused, naming the field); saving the
  layout from the calibration page records who calibrated it and when.
- `serial_take`: a block of consecutive numbers from the agency's certificate book of the year, under a row lock
  (`select_for_update`, as `documents.services.register_next_number` does for documents): concurrent print runs
  wait for each other, and a run that fails rolls its numbers back with it, so the book has no gap and no
  duplicate.
- `print_run_create`: the certificates of some lines of an issued decision printed on a template (on the
  office's blanks, or print-ready on plain paper), numbered from the book, with the printed list; a line printed
  before gets a new number and its older certificate is marked replaced. All of it in one transaction, audited.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.audit.services import audit_record, audited_create, model_snapshot
from thidua.core.codes import AwardCode
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.documents import certificates as toolkit
from thidua.documents.selectors import issuer_header
from thidua.organizations.models import Organization

from . import documents
from .models import (
    PAPER_SIZES,
    CertificateTemplate,
    PrintedCertificate,
    PrintKind,
    PrintRun,
    SerialRegister,
)
from .selectors import can_manage, line_is_revoked

# Names of the layout's fields as the officer reads them (messages name the field by these).
FIELD_LABELS: dict[str, Any] = {
    "national_title": gettext_lazy("Quốc hiệu"),
    "motto": gettext_lazy("Tiêu ngữ"),
    "issuer_head": gettext_lazy("Người, cơ quan khen thưởng"),
    "grant": gettext_lazy("Dòng “TẶNG”"),
    "form_title": gettext_lazy("Tên hình thức (GIẤY KHEN)"),
    "awardee_name": gettext_lazy("Họ tên, tên tập thể"),
    "awardee_detail": gettext_lazy("Chức vụ, đơn vị"),
    "reason": gettext_lazy("Thành tích"),
    "decision": gettext_lazy("Số, ngày quyết định"),
    "serial": gettext_lazy("Số giấy khen, mã xác minh"),
    "place_date": gettext_lazy("Địa danh, ngày tháng"),
    "signer_position": gettext_lazy("Chức vụ người ký"),
    "signer_name": gettext_lazy("Họ tên người ký"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def _require_manager(actor: User | None, agency: Organization) -> None:
    if not can_manage(actor, agency):
        raise PermissionDenied


# ---------------------------------------------------------------- layouts


def layout_errors(layout: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a layout, as (field name or "", Vietnamese message naming the field): negative or zero
    sizes, a box or the QR code outside the sheet. Empty when `CertificateLayout.check` would pass."""
    errors: list[tuple[str, str]] = []
    width, height = float(layout.get("page_width_mm", 0)), float(layout.get("page_height_mm", 0))
    if not (50 <= width <= 600 and 50 <= height <= 600):
        errors.append(("", _("Khổ giấy không hợp lệ: {w} × {h} mm.").format(w=width, h=height)))
        return errors
    dx, dy = float(layout.get("offset_x_mm", 0)), float(layout.get("offset_y_mm", 0))
    for name, box in (layout.get("fields") or {}).items():
        label = field_label(name)
        if name not in toolkit.FIELD_NAMES:
            errors.append((name, _("Trường không được hỗ trợ: {name}.").format(name=name)))
            continue
        x, y, w = float(box.get("x_mm", 0)), float(box.get("y_mm", 0)), float(box.get("width_mm", 0))
        size, lines = float(box.get("size_pt", 0)), int(box.get("max_lines", 1))
        if x < 0 or y < 0 or w < 0:
            errors.append((name, _("{field}: tọa độ và độ rộng không được âm.").format(field=label)))
        elif w == 0:
            errors.append((name, _("{field}: độ rộng phải lớn hơn 0 mm.").format(field=label)))
        elif x + w > width or y == 0 or y > height:
            errors.append(
                (
                    name,
                    _(
                        "{field}: ô nằm ngoài khổ giấy {w} × {h} mm (cạnh trái {x} mm, rộng {width} mm, dòng chân "
                        "chữ ở {y} mm)."
                    ).format(field=label, w=width, h=height, x=x, width=w, y=y),
                )
            )
        elif x + dx < 0 or x + w + dx > width or not (0 < y + dy <= height):
            errors.append(
                (name, _("{field}: ô ra ngoài khổ giấy khi cộng độ lệch của máy in.").format(field=label))
            )
        if not (4 <= size <= 96):
            errors.append((name, _("{field}: cỡ chữ phải từ 4 đến 96 pt.").format(field=label)))
        if lines < 1:
            errors.append((name, _("{field}: số dòng phải từ 1 trở lên.").format(field=label)))
        line_mm = box.get("line_mm")
        if line_mm is not None and float(line_mm) <= 0:
            errors.append((name, _("{field}: khoảng cách dòng phải lớn hơn 0 mm.").format(field=label)))
        if box.get("align") not in ("left", "center", "right"):
            errors.append((name, _("{field}: căn lề không hợp lệ.").format(field=label)))
    qr = layout.get("qr")
    if qr:
        x, y, size = float(qr.get("x_mm", 0)), float(qr.get("y_mm", 0)), float(qr.get("size_mm", 0))
        if size < 10:
            errors.append(("qr", _("Mã QR: cạnh phải từ 10 mm trở lên.")))
        elif x < 0 or y < 0:
            errors.append(("qr", _("Mã QR: tọa độ không được âm.")))
        elif x + size > width or y + size > height or x + dx < 0 or y + dy < 0:
            errors.append(("qr", _("Mã QR nằm ngoài khổ giấy {w} × {h} mm.").format(w=width, h=height)))
    return errors


def layout_check(layout: dict[str, Any], *, name: str = "") -> toolkit.CertificateLayout:
    """The layout as the toolkit's, or ValidationError with every problem, each naming its field."""
    errors = layout_errors(layout)
    if errors:
        raise ValidationError([message for _field, message in errors], code="layout")
    data = dict(layout)
    data["name"] = name or str(data.get("name") or _("Mẫu giấy khen"))
    try:
        return toolkit.CertificateLayout.from_dict(data)
    except toolkit.LayoutError as error:  # what the checks above do not foresee: the toolkit's own words
        message = str(error)
        for field, label in FIELD_LABELS.items():
            message = message.replace(f" {field} ", f" “{label}” ")
        raise ValidationError(message, code="layout") from error


def preset_layout(*, paper: str, blank: bool) -> dict[str, Any]:
    """A starting layout on `paper`: the toolkit's sample blank (only what varies) or its print-ready sheet,
    stretched to the paper when its size differs (the officer then calibrates it)."""
    base = toolkit.SAMPLE_BLANK_LAYOUT if blank else toolkit.DEFAULT_LAYOUT
    width, height = PAPER_SIZES[paper]
    sx, sy = width / base.page_width_mm, height / base.page_height_mm
    fields = {
        name: dataclasses.replace(
            box,
            x_mm=round(box.x_mm * sx, 1),
            y_mm=round(box.y_mm * sy, 1),
            width_mm=round(box.width_mm * sx, 1),
        )
        for name, box in base.fields.items()
    }
    qr = base.qr
    if qr is not None:
        size = max(10.0, round(qr.size_mm * min(1.0, sx, sy), 1))
        qr = toolkit.QrBox(x_mm=round(qr.x_mm * sx, 1), y_mm=round(qr.y_mm * sy, 1), size_mm=size)
    layout = dataclasses.replace(base, page_width_mm=width, page_height_mm=height, fields=fields, qr=qr)
    return layout.to_dict()


# ---------------------------------------------------------------- templates


def _clean_codes(codes: Sequence[str]) -> list[str]:
    unknown = [code for code in codes if code not in AwardCode.values]
    if unknown:
        raise ValidationError(
            {
                "codes": _("Danh hiệu, hình thức không có trong danh mục: {codes}.").format(
                    codes=", ".join(unknown)
                )
            }
        )
    return sorted(set(codes))


@transaction.atomic
def template_create(
    *,
    actor: User | None,
    agency: Organization,
    name: str,
    paper: str,
    blank: bool,
    codes: Sequence[str] = (),
    layout: dict[str, Any] | None = None,
) -> CertificateTemplate:
    """A template of `agency` starting from the toolkit's preset for `paper` (or from `layout`); not calibrated
    until the officer saves its layout on the calibration page."""
    _require_manager(actor, agency)
    data = layout if layout is not None else preset_layout(paper=paper, blank=blank)
    layout_check(data, name=name)
    template = CertificateTemplate(
        agency=agency, name=name.strip(), paper=paper, codes=_clean_codes(codes), layout=data
    )
    return audited_create(template, actor=actor)


@transaction.atomic
def template_update(
    *, actor: User | None, template: CertificateTemplate, name: str, codes: Sequence[str], active: bool
) -> CertificateTemplate:
    """Rename a template, change the codes it serves, take it out of use (or back)."""
    locked = CertificateTemplate.objects.select_for_update().select_related("agency").get(pk=template.pk)
    _require_manager(actor, locked.agency)
    before = model_snapshot(locked)
    locked.name, locked.codes, locked.active = name.strip(), _clean_codes(codes), active
    locked.full_clean()
    locked.save()
    audit_record(action="update", instance=locked, before=before, after=model_snapshot(locked), actor=actor)
    return locked


@transaction.atomic
def template_calibrate(
    *, actor: User | None, template: CertificateTemplate, layout: dict[str, Any]
) -> CertificateTemplate:
    """Store the layout the officer measured on the test sheet; the template is calibrated now, by `actor`."""
    locked = CertificateTemplate.objects.select_for_update().select_related("agency").get(pk=template.pk)
    _require_manager(actor, locked.agency)
    checked = layout_check(layout, name=locked.name)
    before = model_snapshot(locked)
    locked.layout = checked.to_dict()
    locked.paper = _paper_of(checked) or locked.paper
    locked.calibrated_at = timezone.now()
    locked.calibrated_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save()
    audit_record(
        action="calibrate", instance=locked, before=before, after=model_snapshot(locked), actor=actor
    )
    return locked


def _paper_of(layout: toolkit.CertificateLayout) -> str | None:
    for paper, (width, height) in PAPER_SIZES.items():
        if (width, height) == (layout.page_width_mm, layout.page_height_mm):
            return paper
    return None


# ---------------------------------------------------------------- the certificate book


def _locked_register(*, agency: Organization, year: int) -> SerialRegister:
    qs = SerialRegister.objects.select_for_update()
    register = qs.filter(agency=agency, year=year).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():  # a savepoint: another print run may create the row at the same moment
            SerialRegister.objects.create(agency=agency, year=year, last_number=0)
    except IntegrityError:
        pass
    return qs.get(agency=agency, year=year)


@transaction.atomic
def serial_take(*, agency: Organization, year: int, count: int) -> int:
    """Take `count` consecutive numbers of the agency's book of `year`; returns the first. The row stays locked
    until the caller's transaction ends: the numbers are used, or rolled back, with the run that took them."""
    if count < 1:
        raise ValueError("count must be positive")
    register = _locked_register(agency=agency, year=year)
    first = register.last_number + 1
    register.last_number += count
    register.save(update_fields=["last_number"])
    return first


# ---------------------------------------------------------------- print runs


def decision_printable(decision: Decision) -> None:
    """Raise ValidationError unless the decision's certificates may be printed."""
    if decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("Chỉ in giấy khen cho quyết định khen thưởng của cơ quan."), code="kind")
    if decision.status == DecisionStatus.REVOKED:
        raise ValidationError(_("Quyết định đã bị hủy bỏ: không in giấy khen."), code="revoked")
    if decision.status != DecisionStatus.ISSUED:
        raise ValidationError(_("Quyết định chưa ban hành: chưa in được giấy khen."), code="state")


def _issuer_line(decision: Decision) -> str:
    """The list's heading: the agency as its documents' masthead writes it ("SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""
    return issuer_header(decision.agency)[1]


def print_list_pdf(
    run: toolkit.PrintRun,
    *,
    decision: Decision,
    replaced: dict[int, str],
    printed_at: datetime,
    printed_by: str,
) -> bytes:
    """The printed list of a run; a reprint's row names the older number it replaces."""
    rows = tuple(
        dataclasses.replace(
            item,
            awardee_name=item.awardee_name
            + (
                "\n" + _("(in lại, thay số {serial})").format(serial=replaced[item.number])
                if item.number in replaced
                else ""
            ),
        )
        for item in run.printed
    )
    return toolkit.render_print_list(
        dataclasses.replace(run, printed=rows),
        issuer=_issuer_line(decision),
        printed_at=timezone.localtime(printed_at),
        printed_by=printed_by,
    )


@transaction.atomic
def print_run_create(
    *,
    actor: User | None,
    decision: Decision,
    lines: Sequence[DecisionLine],
    template: CertificateTemplate | None,
    printed_at: datetime | None = None,
) -> PrintRun:
    """Print the certificates of `lines` (of `decision`, issued) on `template` (None: the built-in print-ready
    layout on plain paper): numbers from the agency's book of the year of printing, the printer's PDF and the
    printed list stored, each line's earlier certificate marked replaced by the new one. `printed_at`: when (now;
    the demo dates its runs in its story)."""
    locked = (
        Decision.objects.select_for_update(of=("self",)).select_related("agency__parent").get(pk=decision.pk)
    )
    _require_manager(actor, locked.agency)
    decision_printable(locked)
    if not lines:
        raise ValidationError(_("Chọn ít nhất một người, tập thể để in giấy khen."), code="empty")
    chosen = list(
        DecisionLine.objects.filter(decision=locked, pk__in=[line.pk for line in lines])
        .select_related("award")
        .order_by("position", "pk")
    )
    if len(chosen) != len({line.pk for line in lines}):
        raise ValidationError(_("Có dòng không thuộc quyết định này."), code="line")
    revoked = [line.subject_name for line in chosen if line_is_revoked(line, locked)]
    if revoked:
        raise ValidationError(
            _("Khen thưởng đã bị hủy bỏ, không in giấy khen: {names}.").format(names=", ".join(revoked)),
            code="revoked",
        )
    if template is not None:
        if template.agency_id != locked.agency_id or not template.active:
            raise ValidationError({"template": _("Mẫu giấy khen không thuộc cơ quan hoặc đã ngừng dùng.")})
        unserved = [line.subject_name for line in chosen if not template.serves(line.code)]
        if unserved:
            raise ValidationError(
                {
                    "template": _(
                        "Mẫu “{template}” không dùng cho danh hiệu, hình thức của: {names}."
                    ).format(template=template.name, names=", ".join(unserved))
                }
            )
        try:
            layout = template.certificate_layout()
        except toolkit.LayoutError as error:
            raise ValidationError({"template": str(error)}) from error
    else:
        layout = toolkit.DEFAULT_LAYOUT
    now = printed_at or timezone.now()
    year = timezone.localdate(now).year
    first = serial_take(agency=locked.agency, year=year, count=len(chosen))
    try:
        items = [documents.certificate_data(line, decision=locked, layout=layout) for line in chosen]
        printed = toolkit.print_on_blanks(
            items, layout=layout, first_number=first, serial_format=documents.serial_format(year)
        )
    except toolkit.LayoutError as error:
        raise ValidationError(str(error), code="layout") from error
    previous = {
        cert.line_id: cert
        for cert in PrintedCertificate.objects.select_for_update()
        .filter(line__in=chosen, replaced_by__isnull=True)
        .order_by("pk")
    }
    replaced = {first + i: previous[line.pk].serial for i, line in enumerate(chosen) if line.pk in previous}
    printer = getattr(actor, "display_name", "") if getattr(actor, "is_authenticated", False) else ""
    listing = print_list_pdf(printed, decision=locked, replaced=replaced, printed_at=now, printed_by=printer)
    last = first + len(items) - 1
    run = PrintRun(
        agency=locked.agency,
        decision=locked,
        template=template,
        template_name=layout.name,
        layout=layout.to_dict(),
        kind=PrintKind.FULL if layout.decorated else PrintKind.BLANK,
        year=year,
        first_number=first,
        last_number=last,
        first_serial=printed.printed[0].serial,
        last_serial=printed.printed[-1].serial,
        printed_by=actor if getattr(actor, "is_authenticated", False) else None,
        printed_at=now,
    )
    stem = f"giay-khen-{year}-{first:04d}-{last:04d}"
    run.pdf.save(f"{stem}.pdf", ContentFile(printed.pdf), save=False)
    run.list_pdf.save(f"{stem}-danh-sach.pdf", ContentFile(listing), save=False)
    audited_create(run, actor=actor)
    for i, (line, item) in enumerate(zip(chosen, printed.printed, strict=True)):
        certificate = audited_create(
            PrintedCertificate(
                run=run, line=line, agency=locked.agency, year=year, number=first + i, serial=item.serial
            ),
            actor=actor,
            duplicate=_("Số giấy khen này đã được cấp."),
        )
        older = previous.get(line.pk)
        if older is not None:
            before = model_snapshot(older)
            older.replaced_by = certificate
            older.save(update_fields=["replaced_by"])
            audit_record(
                action="replace", instance=older, before=before, after=model_snapshot(older), actor=actor
            )
    return run


def certificates_pdf(
    *, decision: Decision, lines: Sequence[DecisionLine], template: CertificateTemplate | None
) -> bytes:
    """A print-ready PDF of `lines` (no number: a copy to hand out or send, not an entry of the book)."""
    decision_printable(decision)
    revoked = [line.subject_name for line in lines if line_is_revoked(line, decision)]
    if revoked:
        raise ValidationError(
            _("Khen thưởng đã bị hủy bỏ, không in giấy khen: {names}.").format(names=", ".join(revoked))
        )
    try:
        layout = template.certificate_layout() if template is not None else toolkit.DEFAULT_LAYOUT
        items = [documents.certificate_data(line, decision=decision, layout=layout) for line in lines]
        return toolkit.render_certificates(items, layout=layout)
    except toolkit.LayoutError as error:
        raise ValidationError(str(error), code="layout") from error
