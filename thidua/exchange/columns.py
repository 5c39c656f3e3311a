"""Columns of the Excel templates: a Vietnamese header, a type, and the parsing of one cell with a
Vietnamese error message. The same parsing serves the API's bulk upserts (values by key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from thidua.core import vn_text

TEXT, INT, DECIMAL, DATE, CODE, BOOL = "text", "int", "decimal", "date", "code", "bool"

TRUE_WORDS = {"co", "x", "1", "true", "dung", "yes"}
FALSE_WORDS = {"khong", "0", "false", "sai", "no"}


ChoicesClass = type[TextChoices]


class CellError(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = TEXT
    required: bool = False
    choices: ChoicesClass | None = None
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    informational: bool = False  # exported for reading, ignored on import (e.g. the full name)
    width: int = 16

    def parse(self, value: Any) -> Any:
        """The typed value of a cell, None when empty; raises CellError with a Vietnamese message."""
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if self.required:
                raise CellError(_("Không được để trống."))
            return None
        parser = getattr(self, f"_parse_{self.type}")
        return parser(value)

    def _parse_text(self, value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime | date):
            raise CellError(_("Phải là chữ, không phải ngày tháng."))
        text = str(value).strip()
        if self.max_length and len(text) > self.max_length:
            raise CellError(_("Dài quá %(n)s ký tự.") % {"n": self.max_length})
        return text

    def _parse_int(self, value: Any) -> int:
        if isinstance(value, bool | datetime | date):
            raise CellError(_("“%(v)s” không phải là số nguyên.") % {"v": value})
        try:
            number = Decimal(str(value).replace(" ", ""))
        except InvalidOperation:
            raise CellError(_("“%(v)s” không phải là số nguyên.") % {"v": value}) from None
        if number != number.to_integral_value():
            raise CellError(_("“%(v)s” không phải là số nguyên.") % {"v": value})
        result = int(number)
        if (
            self.min_value is not None
            and result < self.min_value
            or self.max_value is not None
            and result > self.max_value
        ):
            raise CellError(
                _("%(v)s nằm ngoài khoảng cho phép (%(a)s–%(b)s).")
                % {"v": result, "a": self.min_value, "b": self.max_value}
            )
        return result

    def _parse_decimal(self, value: Any) -> Decimal:
        if isinstance(value, bool | datetime | date):
            raise CellError(_("“%(v)s” không phải là số.") % {"v": value})
        text = str(value).replace(" ", "")
        if isinstance(value, str) and "," in text and "." not in text:
            text = text.replace(",", ".")  # Vietnamese decimal comma
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_("“%(v)s” không phải là số.") % {"v": value}) from None
        if not number.is_finite():
            raise CellError(_("“%(v)s” không phải là số.") % {"v": value})
        if (
            self.min_value is not None
            and number < self.min_value
            or self.max_value is not None
            and number > self.max_value
        ):
            raise CellError(
                _("%(v)s nằm ngoài khoảng cho phép (%(a)s–%(b)s).")
                % {"v": number, "a": self.min_value, "b": self.max_value}
            )
        return number.quantize(Decimal("0.01"))

    def _parse_date(self, value: Any) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):  # dd/mm/yyyy in files; ISO also accepted (the API)
            try:
                parsed = datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
            except ValueError:
                continue
            if 1900 <= parsed.year <= 2100:
                return parsed
        raise CellError(
            _("Ngày “%(v)s” không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 05/09/2024.") % {"v": text}
        )

    def _parse_code(self, value: Any) -> str:
        assert self.choices is not None
        text = str(value).strip()
        if text in self.choices.values:
            return text
        folded = vn_text.fold(text)
        for code, label in self.choices.choices:
            if folded in (vn_text.fold(code), vn_text.fold(str(label))):
                return code
        allowed = ", ".join(self.choices.values)
        raise CellError(_("“%(v)s” không có trong danh mục (%(allowed)s).") % {"v": text, "allowed": allowed})

    def _parse_bool(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        folded = vn_text.fold(str(value)).strip()
        if folded in TRUE_WORDS:
            return True
        if folded in FALSE_WORDS:
            return False
        raise CellError(_("“%(v)s” không hợp lệ: ghi “Có” hoặc “Không”.") % {"v": value})

    def export(self, value: Any) -> Any:
        if self.type == BOOL:
            return _("Có") if value else _("Không")
        if self.type == CODE and self.choices is not None and value:
            # People read names (the import takes the name or the code); codes stay in the catalogue sheet and
            # the API.
            return str(self.choices(value).label) if value in self.choices.values else value
        if isinstance(value, Decimal):
            return float(value)
        return value
