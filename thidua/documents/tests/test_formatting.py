"""Property tests for the Decree 30 date and numbering helpers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.documents.formatting import (
    DOC_TYPES,
    NumberSymbol,
    number_symbol,
    parse_number_symbol,
    parse_place_date_line,
    place_date_line,
    vn_date,
    vn_number,
)

places = st.sampled_from(["Yên Bái", "Lào Cai", "Hà Nội", "Thành phố Hồ Chí Minh", "Đắk Lắk"])
symbol_parts = st.from_regex(r"[A-ZĐ][A-Z0-9Đ]{0,7}", fullmatch=True).filter(
    lambda s: s not in {a for a in DOC_TYPES.values() if a}
)


def test_place_date_line_examples() -> None:
    assert place_date_line("Yên Bái", date(2021, 3, 5)) == "Yên Bái, ngày 05 tháng 3 năm 2021"
    assert place_date_line("Lào Cai", date(2024, 2, 5)) == "Lào Cai, ngày 05 tháng 02 năm 2024"
    assert place_date_line("Lào Cai", date(2024, 12, 15)) == "Lào Cai, ngày 15 tháng 12 năm 2024"
    assert place_date_line("Hà Nội", date(2025, 1, 31)) == "Hà Nội, ngày 31 tháng 01 năm 2025"


@given(place=places, d=st.dates())
def test_place_date_line_round_trips(place: str, d: date) -> None:
    assert parse_place_date_line(place_date_line(place, d)) == (place, d)


@given(d=st.dates())
def test_place_date_line_leading_zero_rules(d: date) -> None:
    match = re.search(r"ngày (\d+) tháng (\d+) năm", place_date_line("Yên Bái", d))
    assert match
    day, month = match.groups()
    assert len(day) == 2 and int(day) == d.day
    assert month == (f"0{d.month}" if d.month < 3 else str(d.month))


def test_parse_place_date_line_rejects_other_spellings() -> None:
    with pytest.raises(ValueError):
        parse_place_date_line("Yên Bái, ngày 5 tháng 3 năm 2021")
    with pytest.raises(ValueError):
        parse_place_date_line("Yên Bái, ngày 05 tháng 03 năm 2021")
    with pytest.raises(ValueError):
        parse_place_date_line("Yên Bái, ngày 05 tháng 1 năm 2021")


def test_number_symbol_examples() -> None:
    assert number_symbol(number=5, doc_type="Kế hoạch", issuer="SKHCN") == "05/KH-SKHCN"
    assert number_symbol(number=15, doc_type="Quyết định", issuer="SKHCN") == "15/QĐ-SKHCN"
    assert number_symbol(number=123, doc_type=None, issuer="SKHCN", drafting_unit="VP") == "123/SKHCN-VP"
    assert number_symbol(number=7, doc_type="Công văn", issuer="SKHCN") == "07/SKHCN"
    assert number_symbol(number=3, doc_type="TTr", issuer="SKHCN", drafting_unit="VP") == "03/TTr-SKHCN-VP"


def test_doc_types_table() -> None:
    assert DOC_TYPES == {
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


@pytest.mark.parametrize(
    "kwargs",
    [
        {"number": 0, "doc_type": "Kế hoạch", "issuer": "SKHCN"},
        {"number": 1, "doc_type": "Công điện", "issuer": "SKHCN"},
        {"number": 1, "doc_type": None, "issuer": "S-KHCN"},
        {"number": 1, "doc_type": None, "issuer": "KH"},
        {"number": 1, "doc_type": None, "issuer": "SKHCN", "drafting_unit": "V/P"},
    ],
)
def test_number_symbol_rejects_bad_input(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        number_symbol(**kwargs)


@given(
    number=st.integers(min_value=1, max_value=99_999),
    doc_type=st.sampled_from(list(DOC_TYPES)),
    issuer=symbol_parts,
    drafting_unit=st.none() | symbol_parts,
)
def test_number_symbol_parses_back(
    number: int, doc_type: str, issuer: str, drafting_unit: str | None
) -> None:
    text = number_symbol(number=number, doc_type=doc_type, issuer=issuer, drafting_unit=drafting_unit)
    assert parse_number_symbol(text) == NumberSymbol(number, DOC_TYPES[doc_type], issuer, drafting_unit)
    assert parse_number_symbol(f"Số: {text}").number == number
    number_text = text.split("/")[0]
    assert number_text == (f"0{number}" if number < 10 else str(number))


def test_vn_date_and_number() -> None:
    assert vn_date(date(2021, 3, 5)) == "05/03/2021"
    assert vn_number(2_340_000) == "2.340.000"
    assert vn_number(-1_000) == "-1.000"
    assert vn_number(999) == "999"
    assert vn_number(Decimal("1234.5")) == "1.234,5"


@given(d=st.dates())
def test_vn_date_round_trips(d: date) -> None:
    day, month, year = vn_date(d).split("/")
    assert date(int(year), int(month), int(day)) == d
    assert len(day) == len(month) == 2


@given(n=st.integers(min_value=-(10**15), max_value=10**15))
def test_vn_number_groups_by_thousands(n: int) -> None:
    text = vn_number(n)
    assert int(text.replace(".", "")) == n
    groups = text.lstrip("-").split(".")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
