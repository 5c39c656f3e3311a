"""The demo step of this app (`registry.demo_step`): the legal texts the project cites, in the library.

Dates and validity follow docs (legal-rules §1.1); what the research could not confirm is left empty or said in
the note ("cần xác minh")."""

from datetime import date
from typing import Any

from thidua.core.registry import DemoData

from .models import LegalDocument, LegalDocumentKind, Validity

TO_VERIFY = "Cần xác minh với Công báo, vbpl.vn trước khi sử dụng."

DOCUMENTS: tuple[dict[str, Any], ...] = (
    {
        "kind": LegalDocumentKind.LAW,
        "number_symbol": "06/2022/QH15",
        "title": "Luật Thi đua, khen thưởng",
        "issuing_body": "Quốc hội",
        "issued_on": date(2022, 6, 15),
        "effective_on": date(2024, 1, 1),
        "validity": Validity.IN_FORCE,
        "note": "Thay thế Luật Thi đua, khen thưởng năm 2003 (Điều 94); quy định chuyển tiếp tại Điều 95.",
    },
    {
        "kind": LegalDocumentKind.DECREE,
        "number_symbol": "91/2017/NĐ-CP",
        "title": "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "issuing_body": "Chính phủ",
        "issued_on": date(2017, 7, 31),
        "effective_on": date(2017, 10, 1),
        "validity": Validity.LAPSED,
        "lapsed_on": date(2024, 1, 1),
        "note": "Áp dụng cho thành tích các năm 2017–2023 (Luật Thi đua, khen thưởng 2003). Ngày ban hành: "
        + TO_VERIFY,
    },
    {
        "kind": LegalDocumentKind.DECREE,
        "number_symbol": "30/2020/NĐ-CP",
        "title": "Về công tác văn thư",
        "issuing_body": "Chính phủ",
        "issued_on": date(2020, 3, 5),
        "effective_on": date(2020, 3, 5),
        "validity": Validity.IN_FORCE,
        "note": "Thể thức và kỹ thuật trình bày văn bản hành chính (Phụ lục I).",
    },
    {
        "kind": LegalDocumentKind.DECREE,
        "number_symbol": "98/2023/NĐ-CP",
        "title": "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "issuing_body": "Chính phủ",
        "issued_on": date(2023, 12, 31),
        "effective_on": date(2024, 1, 1),
        "validity": Validity.LAPSED,
        "lapsed_on": date(2025, 7, 1),
        "note": "Áp dụng cho việc đề nghị, xét khen thưởng từ 01/01/2024 đến 30/06/2025. Việc Nghị định "
        "152/2025/NĐ-CP thay thế: " + TO_VERIFY,
    },
    {
        "kind": LegalDocumentKind.CIRCULAR,
        "number_symbol": "01/2024/TT-BNV",
        "title": "Quy định biện pháp thi hành Nghị định số 98/2023/NĐ-CP và mẫu văn bản thi đua, khen thưởng",
        "issuing_body": "Bộ Nội vụ",
        "issued_on": None,
        "effective_on": None,
        "validity": Validity.LAPSED,
        "note": "Được thay thế bởi Thông tư 15/2025/TT-BNV. Ngày ban hành, ngày hết hiệu lực và trích yếu: "
        + TO_VERIFY,
    },
    {
        "kind": LegalDocumentKind.DECREE,
        "number_symbol": "152/2025/NĐ-CP",
        "title": "Quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng; phân cấp, phân quyền trong "
        "lĩnh vực thi đua, khen thưởng",
        "issuing_body": "Chính phủ",
        "issued_on": date(2025, 6, 14),
        "effective_on": date(2025, 7, 1),
        "validity": Validity.IN_FORCE,
        "note": "Ngày có hiệu lực theo báo chí. Trích yếu: " + TO_VERIFY,
    },
    {
        "kind": LegalDocumentKind.CIRCULAR,
        "number_symbol": "15/2025/TT-BNV",
        "title": "Quy định biện pháp tổ chức thi hành Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP",
        "issuing_body": "Bộ Nội vụ",
        "issued_on": date(2025, 8, 4),
        "effective_on": None,
        "validity": Validity.IN_FORCE,
        "note": "Thẩm quyền khen thưởng, đề nghị; cách tính thời gian thành tích; mẫu văn bản. Ngày có hiệu lực: "
        + TO_VERIFY,
    },
)


def record_legal_documents() -> int:
    """Record the legal texts the project cites (a second run updates each, found by number and issuer)."""
    for fields in DOCUMENTS:
        values = {key: value for key, value in fields.items() if key not in ("number_symbol", "issuing_body")}
        LegalDocument.objects.update_or_create(
            number_symbol=fields["number_symbol"], issuing_body=fields["issuing_body"], defaults=values
        )
    return len(DOCUMENTS)


def seed(demo: DemoData) -> str:
    """The demo step: the library reads nothing the other steps built."""
    return f"{record_legal_documents()} văn bản pháp luật"
