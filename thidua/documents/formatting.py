"""Vietnamese formatting for official documents (Decree 30/2020/NĐ-CP, Phụ lục I and III).

Pure functions, no Django: the place-and-date line, the number-and-symbol ("số, ký hiệu"), and dates and
numbers written the Vietnamese way. Every formatter has a parser so tests can prove the round trip.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "DOC_TYPES",
    "control_characters",
    "NumberSymbol",
    "number_symbol",
    "parse_number_symbol",
    "parse_place_date_line",
    "place_date_line",
    "vn_date",
    "vn_number",
]

# Phụ lục III: abbreviations of document type names. A Công văn has none: its symbol is issuer[-unit].
DOC_TYPES: dict[str, str | None] = {
    "Quyết định": "QĐ",
    "Kế hoạch": "KH",
    "Báo cáo": "BC",
    "Tờ trình": "TTr",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Biên bản": "BB",
    "Chương trình": "CTr",
    "Giấy mời": "GM",
    "Công văn": None,
}

_ABBREVIATIONS = frozenset(a for a in DOC_TYPES.values() if a)
# Letters (Đ included) and digits only: "-" separates the parts of a symbol, "/" ends the number.
_SYMBOL_PART = re.compile(r"[^\W_]+")
_PLACE_DATE = re.compile(r"(?P<place>.+), ngày (?P<day>\d{2}) tháng (?P<month>\d{1,2}) năm (?P<year>\d{1,4})")


def _month(m: int) -> str:
    # Decree 30, Phụ lục I: months 1 and 2 take a leading zero so "tháng 1" cannot be read as "tháng 10"/"11".
    return f"{m:02d}" if m < 3 else str(m)


def place_date_line(place: str, d: date) -> str:
    """The place-and-date line: ``place_date_line("Yên Bái", date(2021, 3, 5))`` → "Yên Bái, ngày 05 tháng 3 năm 2021".

    Days below 10 and the months 1–2 take a leading zero; other months and the year are written plainly.
    """
    place = place.strip()
    if not place:
        raise ValueError("place must not be empty")
    return f"{place}, ngày {d.day:02d} tháng {_month(d.month)} năm {d.year}"


def parse_place_date_line(line: str) -> tuple[str, date]:
    """Read back a line written by :func:`place_date_line`; raises ``ValueError`` on any other spelling."""
    match = _PLACE_DATE.fullmatch(line.strip())
    if not match:
        raise ValueError(f"not a place-and-date line: {line!r}")
    d = date(int(match["year"]), int(match["month"]), int(match["day"]))
    if match["month"] != _month(d.month):
        raise ValueError(f"month written without the Decree 30 leading-zero rule: {line!r}")
    return match["place"], d


@dataclass(frozen=True)
class NumberSymbol:
    """The parts of a "số, ký hiệu" such as ``05/KH-SKHCN`` or ``123/SKHCN-VP``."""

    number: int
    doc_type: str | None  # the abbreviation ("KH"), None for a Công văn
    issuer: str
    drafting_unit: str | None = None


def _abbreviation(doc_type: str | None) -> str | None:
    if doc_type is None:
        return None
    if doc_type in DOC_TYPES:
        return DOC_TYPES[doc_type]
    if doc_type in _ABBREVIATIONS:
        return doc_type
    raise ValueError(f"unknown document type {doc_type!r}; known: {', '.join(DOC_TYPES)}")


def _check_part(name: str, value: str) -> None:
    if not _SYMBOL_PART.fullmatch(value):
        raise ValueError(f"{name} must be letters and digits only, got {value!r}")


def number_symbol(*, number: int, doc_type: str | None, issuer: str, drafting_unit: str | None = None) -> str:
    """The number and symbol without the "Số: " label.

    ``doc_type`` is a name from :data:`DOC_TYPES` ("Kế hoạch") or its abbreviation ("KH"); ``None`` or
    "Công văn" give a Công văn symbol. Numbers below 10 take a leading zero (Phụ lục I).

    >>> number_symbol(number=5, doc_type="Kế hoạch", issuer="SKHCN")
    '05/KH-SKHCN'
    >>> number_symbol(number=123, doc_type=None, issuer="SKHCN", drafting_unit="VP")
    '123/SKHCN-VP'
    """
    if number < 1:
        raise ValueError(f"document numbers start at 1, got {number}")
    _check_part("issuer", issuer)
    if issuer in _ABBREVIATIONS:
        # Would make "05/KH-VP" ambiguous between a Kế hoạch of "VP" and a Công văn of "KH".
        raise ValueError(f"issuer {issuer!r} collides with a document type abbreviation")
    parts = [issuer]
    abbreviation = _abbreviation(doc_type)
    if abbreviation:
        parts.insert(0, abbreviation)
    if drafting_unit is not None:
        _check_part("drafting_unit", drafting_unit)
        parts.append(drafting_unit)
    return f"{number:02d}/{'-'.join(parts)}"


def parse_number_symbol(text: str) -> NumberSymbol:
    """Read back a symbol written by :func:`number_symbol` (a leading "Số:" is accepted)."""
    text = text.strip().removeprefix("Số:").strip()
    number_text, slash, symbol = text.partition("/")
    if not slash or not re.fullmatch(r"\d{2,}", number_text):
        raise ValueError(f"not a number and symbol: {text!r}")
    parts = symbol.split("-")
    if not all(_SYMBOL_PART.fullmatch(p) for p in parts):
        raise ValueError(f"not a number and symbol: {text!r}")
    doc_type = parts.pop(0) if parts[0] in _ABBREVIATIONS and len(parts) > 1 else None
    if len(parts) > 2:
        raise ValueError(f"too many parts in symbol: {text!r}")
    return NumberSymbol(
        number=int(number_text),
        doc_type=doc_type,
        issuer=parts[0],
        drafting_unit=parts[1] if len(parts) == 2 else None,
    )


# Tab and line breaks are text; browsers send a textarea's line breaks as CR LF.
_TEXT_CONTROLS = frozenset("\t\n\r")
_NONCHARACTERS = frozenset("\ufffe\uffff")


def control_characters(text: str) -> list[str]:
    """The characters of ``text`` that a document cannot carry, each once, in order of first appearance.

    These are the control characters (NUL, BEL, ESC, DEL, the C1 controls …) except tab and line breaks,
    lone surrogates and the non-characters U+FFFE and U+FFFF: a DOCX is XML, which refuses most of them,
    and none of them means anything in a letter.

    >>> control_characters("Phong trào\x07 thi đua\n")
    ['\x07']
    """
    found: dict[str, None] = {}
    for ch in text:
        if ch in _TEXT_CONTROLS:
            continue
        if ch in _NONCHARACTERS or unicodedata.category(ch) in ("Cc", "Cs"):
            found.setdefault(ch)
    return list(found)


def vn_date(d: date) -> str:
    """A date as dd/mm/yyyy, the form used in running text and tables: 05/03/2021."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def vn_number(n: int | Decimal) -> str:
    """A number with dots between thousands and a decimal comma: 2340000 → "2.340.000", 1234.5 → "1.234,5"."""
    sign = "-" if n < 0 else ""
    text = format(abs(Decimal(n)), "f")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
