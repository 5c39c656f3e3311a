"""Bounded query parameters of the API: a page of 1–1000 items from an offset of at most a billion, and years
in the range the facts accept. Out of range is a 422 in the declared error schema (never a database overflow)."""

from typing import Annotated

from ninja import Field, Query, Schema
from ninja.pagination import LimitOffsetPagination

from thidua.core.params import ID_MAX, YEAR_MAX, YEAR_MIN

LIMIT_MAX = 1000
OFFSET_MAX = 1_000_000_000

Limit = Annotated[int, Query(100, ge=1, le=LIMIT_MAX, description="Số mục tối đa (1–1000)")]
Offset = Annotated[int, Query(0, ge=0, le=OFFSET_MAX, description="Bỏ qua bao nhiêu mục đầu")]
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
QueryId = Annotated[int | None, Query(None, ge=1, le=ID_MAX)]
Year = Annotated[int | None, Query(None, ge=YEAR_MIN, le=YEAR_MAX, description="Năm (1990–2100)")]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both ends bounded."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=LIMIT_MAX, description="Số mục tối đa (1–1000)")
        offset: int = Field(0, ge=0, le=OFFSET_MAX, description="Bỏ qua bao nhiêu mục đầu")
