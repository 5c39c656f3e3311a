"""Demo disclosure: the Yên Bái Department's office posts its accepted 2024 nominations on its website on
Monday 10/02/2025 (after Tết, 25/01–02/02/2025); two comments arrive in the window, the office answers both, and
the notice is closed the day after its deadline. The council session of March 2025 (`thidua.council`'s demo)
can then open. Skipped cleanly when the nominations demo has not left any accepted 2024 line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from thidua.accounts.models import User
from thidua.organizations.models import Organization

from . import selectors, services
from .models import FeedbackOutcome, NoticeChannel

YEAR = 2024
POSTED_AT = dt.date(2025, 2, 10)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEPARTMENT_CODE = "YB-SKHCN"
OFFICER = "vanphong"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def build_disclosure(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    department = (
        orgs.agencies[0] if orgs is not None else Organization.objects.filter(code=DEPARTMENT_CODE).first()
    )
    officer = User.objects.filter(username=OFFICER).first()
    if department is None or officer is None or not (first_year <= YEAR <= last_year):
        return "bỏ qua (không có Sở hoặc tài khoản Văn phòng)"
    lines = list(services.candidate_lines(agency=department, year=YEAR))
    if not lines:
        return "bỏ qua (chưa có đề nghị năm 2024 được chấp nhận)"
    notice = services.notice_create(
        actor=officer,
        agency=department,
        year=YEAR,
        title="Công khai danh sách đề nghị khen thưởng năm 2024 của Sở Khoa học và Công nghệ",
        note=(
            "Văn phòng Sở công khai danh sách các cá nhân, tập thể được đề nghị khen thưởng năm 2024 để lấy ý kiến "
            "cán bộ, công chức, viên chức và Nhân dân trước khi Hội đồng Thi đua – Khen thưởng Sở họp xét."
        ),
        channel=NoticeChannel.WEBSITE,
        url="https://skhcn.yenbai.gov.vn/cong-khai/de-nghi-khen-thuong-2024",
        working_days=services.default_working_days(agency=department, nominations=lines),
        nominations=lines,
    )
    notice = services.notice_publish(actor=officer, notice=notice, posted_at=POSTED_AT, today=POSTED_AT)
    assert notice.comment_deadline is not None
    about = lines[0]
    first = services.feedback_submit(
        notice=notice,
        nomination=about,
        text=(
            f"Đề nghị làm rõ thành tích của {selectors.subject_name(about)}: sáng kiến nêu trong báo cáo đã được "
            "Hội đồng sáng kiến công nhận chưa?"
        ),
        received_at=_at(dt.date(2025, 2, 12), 9, 15),
    )
    second = services.feedback_submit(
        notice=notice,
        text="Đề nghị Văn phòng đăng kèm tóm tắt thành tích của các tập thể trong danh sách.",
        name="Nguyễn Thị Lan",
        contact="lan.nt@example.vn",
        received_at=_at(dt.date(2025, 2, 18), 14, 30),
    )
    services.feedback_handle(
        actor=officer,
        feedback=first,
        outcome=FeedbackOutcome.VERIFIED,
        response=(
            "Văn phòng đã đối chiếu: sáng kiến được Hội đồng sáng kiến cơ sở công nhận năm 2024; hồ sơ đề nghị "
            "có bản sao quyết định công nhận."
        ),
        handled_at=_at(dt.date(2025, 2, 14), 10),
    )
    services.feedback_handle(
        actor=officer,
        feedback=second,
        outcome=FeedbackOutcome.ACCEPTED,
        response="Văn phòng tiếp thu, đã bổ sung tóm tắt thành tích của các tập thể trên trang thông tin của Sở.",
        handled_at=_at(dt.date(2025, 2, 20), 16),
    )
    services.notice_close(actor=officer, notice=notice, on=notice.comment_deadline + dt.timedelta(days=1))
    return (
        f"1 thông báo công khai ({len(lines)} đề nghị, đăng {POSTED_AT:%d/%m/%Y}, hạn góp ý "
        f"{notice.comment_deadline:%d/%m/%Y}), 2 góp ý đã xử lý"
    )
