"""What a certificate of a decision line says: `documents.certificates.CertificateData` filled from the line and
its decision, and the verification URL its QR code carries.

The wording follows the paper certificates of a Sở: who awards ("GIÁM ĐỐC SỞ ..."), "TẶNG" and the form
("GIẤY KHEN") for a form of commendation, "TẶNG DANH HIỆU" and the title ("CHIẾN SĨ THI ĐUA CƠ SỞ") for an
emulation title; the awardee's name and unit as the decision printed them; the reason (the line's achievement
when it fits the layout's box, else the standard sentence for the year or period); the decision's number and
date; the place-and-date line and the signer as on the decision.

The verification code is printed next to the serial number ("Mã xác minh: ..."), for whoever cannot scan the QR
code and types it on the verification form instead. The toolkit's layouts have no field of their own for it, so
`LineCertificateData` writes it into the serial field's line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.decisions.documents import signature
from thidua.decisions.models import Decision, DecisionLine
from thidua.documents.certificates import (
    DEFAULT_LAYOUT,
    CertificateData,
    CertificateLayout,
    LayoutError,
    fit_lines,
)
from thidua.documents.selectors import issuer_header, issuer_place
from thidua.rules.engine.codes import CATALOGUE, TITLE

# The place-and-date line needs a place; an agency without one (nor its parent) gets a gap to write it in.
NO_PLACE = "……………"


@dataclass(frozen=True)
class LineCertificateData(CertificateData):
    """A decision line's certificate: the toolkit's data with the grant line of the form ("TẶNG" or "TẶNG DANH
    HIỆU") and the verification code printed beside the serial number."""

    grant_text: str = ""
    verify_code: str = ""

    def values(self) -> dict[str, str]:
        values = super().values()
        if self.grant_text:
            values["grant"] = self.grant_text
        if self.verify_code:
            code = _("Mã xác minh: {code}").format(code=self.verify_code)
            values["serial"] = f"{values['serial']} – {code}" if values["serial"] else code
        return values


def verify_path(code: str) -> str:
    return reverse("certificates:verify", args=[code])


def verify_url(code: str) -> str:
    """The absolute address the QR code carries: the site's address and the verification page of `code`."""
    return str(settings.THIDUA_SITE_URL).rstrip("/") + verify_path(code)


def serial_format(year: int) -> str:
    """The serial printed on a certificate: its number in the agency's book of the year, "0015/2025"."""
    return "{number:04d}/" + str(year)


def serial_text(number: int, year: int) -> str:
    return serial_format(year).format(number=number)


def _achievement_period(line: DecisionLine) -> str:
    if line.period_from and line.period_to and line.period_from != line.period_to:
        return _("giai đoạn {first}–{last}").format(first=line.period_from, last=line.period_to)
    return _("năm {year}").format(year=line.year)


def standard_reason(line: DecisionLine) -> str:
    return _("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ {period}").format(
        period=_achievement_period(line)
    )


def _reason(line: DecisionLine, layout: CertificateLayout) -> str:
    """The line's achievement when it is a sentence that fits the layout's reason box, else the standard one."""
    text = " ".join((line.achievement or "").split())
    box = layout.fields.get("reason")
    if text and box is not None:
        try:
            fit_lines(text, box)
        except LayoutError:
            return standard_reason(line)
        return text
    return text or standard_reason(line)


def form_texts(code: str) -> tuple[str, str]:
    """(grant line, form title) of a title or form: ("TẶNG", "GIẤY KHEN"), ("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA
    CƠ SỞ")."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return _("TẶNG"), code
    if code == "GIAY_KHEN":
        return _("TẶNG"), _("GIẤY KHEN")
    if entry.kind == TITLE:
        return _("TẶNG DANH HIỆU"), entry.name_vi.upper()
    return _("TẶNG"), entry.name_vi.upper()


def issuer_head(decision: Decision) -> str:
    """Who awards, in capitals: the head's title and the agency, "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"."""
    _parent, issuer = issuer_header(decision.agency)
    return f"{signature(decision).position} {issuer}"


def certificate_data(
    line: DecisionLine, *, decision: Decision, layout: CertificateLayout = DEFAULT_LAYOUT
) -> LineCertificateData:
    """The certificate of `line` (of `decision`, given so that a list of lines shares one decision object)."""
    if decision.decided_on is None:
        raise LayoutError(_("Quyết định chưa có ngày ký: chưa in được giấy khen."))
    grant, title = form_texts(line.code)
    sign = signature(decision)
    return LineCertificateData(
        awardee_name=line.subject_name,
        awardee_detail=line.subject_unit,
        reason=_reason(line, layout),
        decision_number=decision.number_symbol,
        decision_date=decision.decided_on,
        issuer_head=issuer_head(decision),
        place=issuer_place(decision.agency) or NO_PLACE,
        signer_position="\n".join(sign.title_lines),
        signer_name=decision.signer_name,
        verify_url=verify_url(line.verify_code),
        form_title=title,
        grant_text=grant,
        verify_code=line.verify_code,
    )


def with_serial(data: LineCertificateData, serial: str) -> LineCertificateData:
    return dataclasses.replace(data, serial=serial)
