"""The ranking of a round as Excel (the same numbers as the ranking page and the review): a header with the
cluster, the year, the period and the weights with their basis, then one row per member in ranking order with
its self score, the peers' mean, the head's verification, the final score, the rank and its points by criterion
group.

Written with xlsxwriter through the exchange toolkit's `cell_write` (a member's name starting with "=" stays
text); scores are numbers with the table's precision.
"""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from thidua.exchange.writer import cell_write

from .charts import round_group_scores
from .documents import ranking_rows
from .models import ScoringRound
from .selectors import weights_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Xếp hạng"
HEADER_ROW = 7  # the row of the column headers (0-based); members follow


def stage_label(key: str) -> str:
    return {"self": _("Tự chấm"), "peer": _("Chấm chéo"), "head": _("Thẩm định")}[key]


def column_headers(group_labels: list[str]) -> list[str]:
    return [
        _("Hạng"),
        _("Cơ quan, đơn vị"),
        _("Tự chấm"),
        _("Chấm chéo (bình quân)"),
        _("Số phiếu chấm chéo"),
        _("Thẩm định của Trưởng khối"),
        _("Điểm xếp hạng"),
        _("Đồng hạng"),
        *group_labels,
    ]


def ranking_xlsx(round_: ScoringRound) -> bytes:
    cluster = round_.cluster
    rows = ranking_rows(round_)
    scores = round_group_scores(round_, order=[r.organization.pk for r in rows])
    weights, to_verify = weights_for(cluster)
    precision = round_.table.precision
    number_format = "0" if precision == 0 else "0." + "0" * precision

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 13})
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    score = workbook.add_format({"num_format": number_format})
    group_score = workbook.add_format({"num_format": "0.00"})
    sheet = workbook.add_worksheet(SHEET)

    cell_write(
        sheet,
        0,
        0,
        _("KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA %(cluster)s") % {"cluster": cluster.name.upper()},
        title,
    )
    cell_write(sheet, 1, 0, _("Cụm, khối"), bold)
    cell_write(sheet, 1, 1, cluster.name)
    cell_write(sheet, 2, 0, _("Năm"), bold)
    cell_write(sheet, 2, 1, round_.year)
    cell_write(sheet, 3, 0, _("Kỳ"), bold)
    cell_write(sheet, 3, 1, str(round_.get_period_display()))
    cell_write(sheet, 4, 0, _("Trọng số"), bold)
    weight_text = "; ".join(f"{stage_label(k)} {v}%" for k, v in weights.items())
    if to_verify:
        weight_text += " – " + _("cần xác minh")
    cell_write(sheet, 4, 1, weight_text)
    cell_write(sheet, 5, 0, _("Trạng thái"), bold)
    cell_write(
        sheet,
        5,
        1,
        _("Đã chốt kết quả xếp hạng") if round_.ranking else _("Tạm tính từ các phiếu đã gửi"),
    )
    for col, text in enumerate(column_headers(scores.labels)):
        cell_write(sheet, HEADER_ROW, col, text, header)
    for index, row in enumerate(rows, start=HEADER_ROW + 1):
        s = row.standing
        values = [
            s.rank,
            row.organization.name,
            s.self_total,
            s.peer_total,
            s.peer_count,
            s.head_total,
            s.final,
            _("Có") if s.tied else "",
        ]
        for col, value in enumerate(values):
            fmt = score if col in (2, 3, 5, 6) else None
            cell_write(sheet, index, col, value, fmt)
        for offset, value in enumerate(scores.points.get(row.organization.pk, ())):
            points = None if value is None else value.quantize(Decimal("0.01"))
            cell_write(sheet, index, len(values) + offset, points, group_score)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 7, 14)
    sheet.set_column(8, 8 + len(scores.groups), 22)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    workbook.close()
    return buffer.getvalue()
