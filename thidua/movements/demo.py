"""Demo movements: the seed letter's movement exactly as the letter states it, and the movements around it.

- The Department's 2021–2025 movement, code ``YB-SKHCN-2021-2025``: every text of the seed letter (introduction
  with the province's theme, objectives, solutions 2.1–2.8, section II, closing paragraph, Nơi nhận, signer).
  The letter carries no date or number: the demo launches it on 05/03/2021 and, as Công văn numbers 01–04 of
  2021 are taken to have been issued on paper before the system, it receives number 05/SKHCN-VP (the same
  number as the layout's sample). See docs/movements.md, "The seed movement".
- Its parent, the province's 2021–2025 movement with its theme; the four major movements the letter names in
  2.2 (three launched by the Prime Minister, and the Department's office-culture movement 2019–2025); and a
  unit's movement under the Department's.
- Targets per unit and year, yearly progress reports (accepted) and a 2025 half-year round in mixed states, a
  mid-term review held in 2023 with its drafted report, exemplary models with replications.

Launch dates of the national and provincial movements are illustrative demo values, not verified dates.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q

from thidua.commendations.models import AwardRecord
from thidua.documents import services as document_services
from thidua.documents.selectors import document_for
from thidua.organizations.models import Assignment, Person

from . import services
from .documents import movement_launch_document
from .models import (
    Channel,
    ExemplaryKind,
    ExemplaryModel,
    LaunchDocumentType,
    Movement,
    MovementKind,
    MovementLevel,
    MovementStatus,
    ProgressReport,
    Replication,
    ReportPeriod,
    ReportStatus,
    ReportValue,
    ResponsibleParty,
    Review,
    ReviewKind,
    Target,
)

SEED_CODE = "YB-SKHCN-2021-2025"
SEED_LAUNCHED_ON = date(2021, 3, 5)
SEED_TITLE = "Phong trào thi đua yêu nước giai đoạn 2021 - 2025"
SEED_ABSTRACT = "V/v phát động phong trào thi đua yêu nước giai đoạn 2021 - 2025"
SEED_ADDRESSEES = "Các phòng, đơn vị trực thuộc Sở"
# Công văn numbers of 2021 issued before the system: the seed letter is the fifth.
SEED_NUMBERS_BEFORE = 4
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

SEED_INTRODUCTION = (
    (
        "Trong giai đoạn 5 năm (2016 - 2020) phong trào thi đua yêu nước của ngành Khoa học và Công nghệ "
        "đã có nhiều đổi mới và thu được nhiều kết quả thiết thực, đã có tập thể, cá nhân điển hình tiên "
        "tiến được các cấp khen thưởng và tôn vinh."
    ),
    (
        "Bước sang giai đoạn 2021 - 2025, phát huy những thành tựu đã đạt được, với quyết tâm thực hiện "
        "thắng lợi các chỉ tiêu, nhiệm vụ giai đoạn 2021 - 2025, thiết thực lập thành tích chào mừng các "
        "sự kiện chính trị trọng đại, các ngày lễ lớn của đất nước, của tỉnh, của ngành. Hưởng ứng Phong "
        "trào thi đua yêu nước, giai đoạn 2021 - 2025 của Ủy ban nhân dân tỉnh Yên Bái với chủ đề: "
        "**“Tăng cường xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; phát huy truyền thống "
        "đoàn kết, ý chí tự lực tự cường và khát vọng vươn lên; đẩy mạnh đổi mới, sáng tạo, phát triển "
        "nhanh, bền vững theo hướng xanh, hài hòa, bản sắc và hạnh phúc; quyết tâm đưa Yên Bái trở thành "
        "tỉnh khá vào năm 2025 và nằm trong nhóm tỉnh phát triển hàng đầu của vùng Trung du và miền núi "
        "phía Bắc vào năm 2030”**, Sở Khoa học và Công nghệ phát động phong trào thi đua yêu nước, giai "
        "đoạn 2021 - 2025 với những nội dung cụ thể như sau:"
    ),
)

SEED_OBJECTIVES = (
    (
        "Tạo khí thế thi đua sôi nổi trong công chức, viên chức, người lao động ngành Khoa học và Công "
        "nghệ hăng hái thi đua hoàn thành xuất sắc chỉ tiêu, nhiệm vụ ngành năm 2021 và Kế hoạch 5 năm "
        "(2021 - 2025) theo Nghị quyết Đại hội Đảng bộ tỉnh Yên Bái lần thứ XIX, Nghị quyết Đại hội Đảng "
        "bộ Sở Khoa học và Công nghệ lần thứ X, nhiệm kỳ 2020-2025."
    ),
    (
        "Phát huy sức mạnh đại đoàn kết các dân tộc, ý chí tự lực, tự cường và khát vọng vươn lên; chủ "
        "động đổi mới, sáng tạo, khai thác tối đa tiềm năng, lợi thế; đẩy mạnh ứng dụng khoa học - công "
        "nghệ; huy động, sử dụng hiệu quả mọi nguồn lực cho phát triển bền vững theo hướng xanh, hài hòa,"
        " bản sắc và hạnh phúc; phát huy giá trị văn hóa, xây dựng con người Yên Bái “thân thiện, đoàn "
        "kết, sáng tạo, hội nhập”; bảo vệ môi trường sinh thái, sử dụng hiệu quả tài nguyên thiên nhiên, "
        "chủ động ứng phó thiên tai, thích ứng với biến đổi khí hậu và dịch bệnh; tăng cường quốc phòng "
        "an ninh, giữ vững ổn định chính trị, bảo đảm trật tự an toàn xã hội, đưa Yên Bái trở thành tỉnh "
        "khá trong vùng Trung du và miền núi phía Bắc vào năm 2025."
    ),
)

SEED_SOLUTIONS = (
    (
        "2.1",
        (
            "Tiếp tục đẩy mạnh các hoạt động tuyên truyền, quán triệt, triển khai, tổ chức thực hiện hiệu quả"
            " các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác thi đua, "
            "khen thưởng, nhất là quán triệt sâu sắc và vận dụng sáng tạo tư tưởng thi đua ái quốc của Chủ "
            "tịch Hồ Chí Minh, gắn với thực hiện tốt Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị, Chỉ"
            " thị số 19-CT/TU ngày 15/02/2017 của Tỉnh ủy Yên Bái và Chỉ thị số 05-CT/TW của Bộ Chính trị về "
            "thực hiện Cuộc vận động “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” bằng "
            "những việc làm, hành động cụ thể; thực hiện tốt Kế hoạch của Tỉnh ủy Yên Bái về xây dựng các mô "
            "hình, điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
        ),
    ),
    (
        "2.2",
        (
            "Các phong trào thi đua cần có mục tiêu cụ thể, gắn với việc thực hiện nhiệm vụ chính trị hàng "
            "năm của cơ quan, đơn vị. Cùng với phong trào thi đua thường xuyên, cần phát động các phong trào "
            "thi đua theo đợt, theo chuyên đề. Các phong trào thi đua lấy trọng tâm là 04 phong trào thi đua "
            "lớn do Thủ tướng Chính phủ phát động, gồm: *“Cả nước chung sức xây dựng nông thôn mới”*; *“Doanh"
            " nghiệp Việt Nam hội nhập và phát triển”*; *“Cả nước chung tay vì người nghèo - không để ai bị "
            "bỏ lại phía sau”*; *“Cán bộ, công chức, viên chức Sở Khoa học và Công nghệ Yên Bái thi đua thực "
            "hiện văn hóa công sở, giai đoạn 2019-2025”*."
        ),
    ),
    (
        "2.3",
        (
            "Thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội theo Nghị quyết "
            "Đại hội Đảng bộ tỉnh Yên Bái lần thứ XIX, Nghị quyết Đại hội Đảng bộ Sở Khoa học và Công nghệ "
            "lần thứ X, ngay từ năm đầu của giai đoạn 2021-2025, tạo tiền đề phát triển kinh tế - xã hội "
            "nhanh, bền vững trong những năm tiếp theo. Thực hiện tốt các nhiệm vụ, giải pháp của ngành Khoa "
            "học và Công nghệ thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025 của tỉnh Yên "
            "Bái, cụ thể: Tập trung xây dựng cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và "
            "đổi mới sáng tạo, trọng tâm là ứng dụng, chuyển giao công nghệ mới, kỹ thuật tiên bộ vào các "
            "ngành kinh tế ưu tiên của tỉnh, nhất là lĩnh vực nông nghiệp, công nghiệp chế biến, chế "
            "tạo...nâng cao năng suất, chất lượng sản phẩm, thúc đẩy môi trường kinh doanh mới, thích ứng với"
            " cuộc cách mạng Công nghiệp lần thứ tư. Tăng cường tiềm lực khoa học, công nghệ của tỉnh; quan "
            "tâm đào tạo, bồi dưỡng, thu hút đội ngũ cán bộ khoa học, kỹ thuật có năng lực, trình độ của "
            'tỉnh. Thực hiện hiệu quả Đề án "Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo quốc gia đến '
            'năm 2025", phát triển doanh nghiệp khoa học và công nghệ, doanh nghiệp công nghệ cao.'
        ),
    ),
    (
        "2.4",
        (
            "Thi đua đẩy mạnh cải cách hành chính, trọng tâm là tiếp tục đơn giản hóa thủ tục hành chính, "
            "kiện toàn và nâng cao chất lượng đội ngũ công chức, viên chức; cải thiện chất lượng dịch vụ hành"
            " chính công, duy trì và áp dụng nghiêm túc các quy định của hệ thống quản lý chất lượng theo "
            "tiêu chuẩn ISO trong cơ quan, đơn vị. Tăng cường ứng dụng công nghệ thông tin trong quản lý, "
            "điều hành; triệt để thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí."
        ),
    ),
    (
        "2.5",
        (
            "Xây dựng môi trường văn hóa, lối sống văn minh, khơi dậy ý chí, khát vọng vươn lên, phát huy giá"
            " trị, bản sắc văn hóa các dân tộc gắn với xây dựng con người Yên Bái “thân thiện, nhân ái, đoàn "
            "kết, sáng tạo, hội nhập”. Làm tốt công tác phòng, chống dịch bệnh Covid-19; tham gia thực hiện "
            "các hoạt động an sinh xã hội."
        ),
    ),
    (
        "2.6",
        (
            "Thường xuyên đề cao tinh thần cảnh giác cách mạng, phòng, chống có hiệu quả mọi âm mưu, thủ đoạn"
            " chống phá của các thế lực thù địch, giữ vững ổn định chính trị, bảo đảm an ninh, giữ gìn trật "
            "tự an toàn xã hội."
        ),
    ),
    (
        "2.7",
        (
            "Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh, nâng cao năng "
            "lực lãnh đạo và sức chiến đấu của tổ chức cơ sở Đảng."
        ),
    ),
    (
        "2.8",
        (
            "Đẩy mạnh công tác thông tin tuyên truyền, phát hiện, bồi dưỡng và nhân rộng các điển hình tiên "
            "tiến, các mô hình mới, nhân tố mới. Đổi mới, tạo sự chuyển biến tích cực và hiệu quả trong công "
            "tác khen thưởng, bảo đảm chính xác, công khai, minh bạch, có tác dụng giáo dục, nêu gương; quan "
            "tâm đến các tập thể nhỏ, công chức, viên chức chuyên môn."
        ),
    ),
)

SEED_RESPONSIBILITIES = (
    (
        "Thủ trưởng các phòng, đơn vị trực thuộc Sở tăng cường trách nhiệm và vai trò lãnh đạo đối với "
        "công tác thi đua, khen thưởng; quán triệt, chủ động triển khai, tổ chức thực hiện Phong trào thi"
        " đua."
    ),
    (
        "Công đoàn cơ sở, Chi đoàn thanh niên tham gia cùng chính quyền trong việc phát động và thực hiện"
        " Phong trào thi đua, nhằm góp phần thực hiện thắng lợi chung của toàn ngành."
    ),
    (
        "Giao Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị liên quan thực hiện Phong trào thi đua"
        " này; hướng dẫn, theo dõi, tổng hợp đánh giá tình hình triển khai thực hiện, tổ chức việc sơ "
        "kết, tổng kết Phong trào thi đua; rà soát, phát hiện và đề xuất khen thưởng, biểu dương kịp thời"
        " các tập thể, cá nhân có thành tích xuất sắc, lựa chọn điển hình tiên tiến trong Phong trào thi "
        "đua để nhân rộng."
    ),
)

SEED_CLOSING = (
    "Để phong trào thi đua yêu nước thực sự trở thành động lực thúc đẩy sự phát triển không ngừng của"
    " các phòng, đơn vị trực thuộc Sở, phấn đấu thực hiện thắng lợi các nhiệm vụ, mục tiêu phát triển"
    " của ngành Khoa học và Công nghệ, giai đoạn 2021-2025. Lãnh đạo Sở Khoa học và Công nghệ kêu gọi"
    " toàn thể cán bộ, đảng viên, công chức, viên chức, người lao động trong ngành phát huy truyền "
    "thống yêu nước, tăng cường đoàn kết, chung sức, đồng lòng, chủ động, sáng tạo, phát huy trí tuệ "
    "ra sức thi đua, quyết tâm thực hiện thắng lợi nhiệm vụ chính trị của ngành Khoa học và Công "
    "nghệ, giai đoạn 2021-2025, góp phần đưa Yên Bái trở thành tỉnh khá trong vùng Trung du và miền "
    "núi phía Bắc vào năm 2025./."
)

SEED_THEME = (
    "Tăng cường xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; phát huy truyền thống đoàn"
    " kết, ý chí tự lực tự cường và khát vọng vươn lên; đẩy mạnh đổi mới, sáng tạo, phát triển nhanh,"
    " bền vững theo hướng xanh, hài hòa, bản sắc và hạnh phúc; quyết tâm đưa Yên Bái trở thành tỉnh "
    "khá vào năm 2025 và nằm trong nhóm tỉnh phát triển hàng đầu của vùng Trung du và miền núi phía "
    "Bắc vào năm 2030"
)

SEED_RECIPIENTS = (
    ("Ban TD-KT tỉnh", Channel.PAPER, None),
    ("Các cơ quan Khối thi đua KT-KT", Channel.PAPER, None),
    ("Lãnh đạo Sở (qua Voffice)", Channel.EOFFICE, None),
    ("Các phòng, đơn vị (qua Voffice)", Channel.EOFFICE, None),
    ("Lưu: VT, VP", Channel.ARCHIVE, "VP"),
)

# The four major movements of 2.2: (code, title, launched by, period, launched on, level)
FOCUS_MOVEMENTS = (
    (
        "VN-NTM",
        "Cả nước chung sức xây dựng nông thôn mới",
        "Thủ tướng Chính phủ",
        (2011, 2025),
        date(2011, 1, 1),
    ),
    (
        "VN-DNHNPT",
        "Doanh nghiệp Việt Nam hội nhập và phát triển",
        "Thủ tướng Chính phủ",
        (2016, 2025),
        date(2016, 1, 1),
    ),
    (
        "VN-VNN",
        "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
        "Thủ tướng Chính phủ",
        (2021, 2025),
        date(2021, 1, 1),
    ),
)
OFFICE_CULTURE_TITLE = (
    "Cán bộ, công chức, viên chức Sở Khoa học và Công nghệ Yên Bái thi đua thực hiện văn hóa công sở, "
    "giai đoạn 2019-2025"
)

# Targets of the seed movement: (unit suffixes, indicator, unit of measure, yearly value)
SEED_TARGETS = (
    (("QLKH",), "Số nhiệm vụ khoa học và công nghệ cấp tỉnh được nghiệm thu", "nhiệm vụ", Decimal(8)),
    (("QLCN",), "Số doanh nghiệp được hỗ trợ đổi mới công nghệ", "doanh nghiệp", Decimal(5)),
    (("CCTDC",), "Số phương tiện đo được kiểm định", "phương tiện", Decimal(4000)),
    (("TTUD",), "Số mô hình ứng dụng tiến bộ khoa học và công nghệ được chuyển giao", "mô hình", Decimal(6)),
    (
        ("VP", "TTRA", "KHTC", "QLKH", "QLCN", "CCTDC", "TTUD"),
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "%",
        Decimal(100),
    ),
    (
        ("VP", "TTRA", "KHTC", "QLKH", "QLCN", "CCTDC", "TTUD"),
        "Số sáng kiến được công nhận",
        "sáng kiến",
        Decimal(1),
    ),
)


def _reached(target, share: float, rng: random.Random) -> Decimal:
    """A plausible cumulative value: whole numbers, and a percentage never above 100."""
    value = round(float(target.target_value) * share * rng.uniform(0.8, 1.2))
    return Decimal(min(value, 100) if target.unit_of_measure == "%" else value)


def _head_of(unit) -> Person | None:
    assignment = (
        Assignment.objects.filter(organization=unit, end_on__isnull=True, position__is_leadership=True)
        .select_related("person", "position")
        .order_by("position__rank", "start_on")
        .first()
    )
    return assignment.person if assignment else None


def build_movements(*, rng: random.Random, orgs, people, first_year: int, last_year: int) -> str:
    department = orgs.agencies[0]
    province = orgs.province_old
    units = orgs.units
    director = Person.objects.get(family_name="Vũ", middle_name="Xuân", given_name="Hội")

    focus = []
    for code, title, launcher, (start, end), launched_on in FOCUS_MOVEMENTS:
        focus.append(
            services.movement_create(
                actor=None,
                check_permission=False,
                code=code,
                level=MovementLevel.NATIONAL,
                kind=MovementKind.THEMATIC,
                title=title,
                launched_by=launcher,
                period_start=start,
                period_end=end,
                status=MovementStatus.LAUNCHED,
                launched_on=launched_on,
                objectives=[title],
                solutions=[services.SolutionData("1", title)],
            )
        )
    focus.append(
        services.movement_create(
            actor=None,
            check_permission=False,
            code="YB-SKHCN-VHCS-2019-2025",
            level=MovementLevel.AGENCY,
            kind=MovementKind.THEMATIC,
            title=OFFICE_CULTURE_TITLE,
            launching_organization=department,
            period_start=2019,
            period_end=2025,
            status=MovementStatus.LAUNCHED,
            launched_on=date(2019, 4, 1),
            signer=director,
            signer_position="Giám đốc",
            objectives=[
                "Xây dựng phong cách ứng xử chuẩn mực, văn minh, lịch sự của cán bộ, công chức, viên chức."
            ],
            solutions=[
                services.SolutionData("1", "Thực hiện nghiêm quy tắc ứng xử và quy chế văn hóa công sở.")
            ],
        )
    )
    province_movement = services.movement_create(
        actor=None,
        check_permission=False,
        code="YB-UBND-2021-2025",
        level=MovementLevel.PROVINCE,
        kind=MovementKind.REGULAR,
        title="Phong trào thi đua yêu nước, giai đoạn 2021 - 2025",
        theme=SEED_THEME,
        launching_organization=province,
        period_start=2021,
        period_end=2025,
        status=MovementStatus.LAUNCHED,
        launched_on=date(2021, 2, 1),
        objectives=["Thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh Yên Bái lần thứ XIX."],
        solutions=[services.SolutionData("1", "Đẩy mạnh các phong trào thi đua yêu nước trong toàn tỉnh.")],
    )

    seed = services.movement_create(
        actor=None,
        check_permission=False,
        code=SEED_CODE,
        parent=province_movement,
        level=MovementLevel.AGENCY,
        kind=MovementKind.REGULAR,
        title=SEED_TITLE,
        theme=SEED_THEME,
        launching_organization=department,
        period_start=2021,
        period_end=2025,
        signer=director,
        signer_position="Giám đốc",
        document_type=LaunchDocumentType.DISPATCH,
        abstract=SEED_ABSTRACT,
        addressees=SEED_ADDRESSEES,
        drafting_unit_symbol="VP",
        introduction="\n\n".join(SEED_INTRODUCTION),
        closing=SEED_CLOSING,
        objectives=list(SEED_OBJECTIVES),
        solutions=[services.SolutionData(number, text) for number, text in SEED_SOLUTIONS],
        responsibilities=[
            services.ResponsibilityData(ResponsibleParty.UNIT_HEADS, SEED_RESPONSIBILITIES[0]),
            services.ResponsibilityData(ResponsibleParty.UNIONS, SEED_RESPONSIBILITIES[1], units["CD"]),
            services.ResponsibilityData(
                ResponsibleParty.STANDING_OFFICE, SEED_RESPONSIBILITIES[2], units["VP"]
            ),
        ],
        recipients=[
            services.RecipientData(label, channel, units[suffix] if suffix else None)
            for label, channel, suffix in SEED_RECIPIENTS
        ],
    )
    seed.focus_movements.set(focus)
    document_services.register_set_start(
        issuer=department, doc_type=None, year=SEED_LAUNCHED_ON.year, last_number=SEED_NUMBERS_BEFORE
    )
    services.movement_transition(
        actor=None, movement=seed, action="launch", on=SEED_LAUNCHED_ON, check_permission=False
    )
    seed.refresh_from_db()

    letter = document_for(source=seed, purpose=services.LAUNCH_PURPOSE)
    assert letter is not None
    document_services.document_store_files(
        document=letter,
        content=movement_launch_document(
            seed, number_symbol=letter.number_symbol, issued_on=letter.issued_on
        ),
    )
    document_services.dispatch_send(
        actor=None,
        document=letter,
        lines=[
            document_services.DispatchLine(r.label, r.channel, r.organization)
            for r in seed.recipients.select_related("organization")
        ],
        at=datetime.combine(SEED_LAUNCHED_ON, time(9, 30), tzinfo=TZ),
    )

    ttud = units["TTUD"]
    services.movement_create(
        actor=None,
        check_permission=False,
        code="YB-SKHCN-TTUD-2021-2025",
        parent=seed,
        level=MovementLevel.UNIT,
        kind=MovementKind.THEMATIC,
        launching_organization=ttud,
        period_start=2021,
        period_end=2025,
        title="Thi đua đẩy mạnh ứng dụng, chuyển giao tiến bộ khoa học và công nghệ, giai đoạn 2021 - 2025",
        signer=_head_of(ttud),
        signer_position="Giám đốc Trung tâm",
        status=MovementStatus.LAUNCHED,
        launched_on=date(2021, 3, 25),
        objectives=["Mỗi năm chuyển giao ít nhất 06 mô hình ứng dụng tiến bộ khoa học và công nghệ."],
        solutions=[services.SolutionData("1", "Gắn nhiệm vụ chuyên môn với nhu cầu của các địa phương.")],
    )

    _link_awards(seed=seed, department=orgs.agencies[0])
    n_reports = _build_targets_and_reports(rng=rng, seed=seed, units=units, last_year=last_year)
    _build_reviews_and_models(rng=rng, seed=seed, units=units, director=director)
    return f"{Movement.objects.count()} phong trào, {n_reports} báo cáo tiến độ"


def _build_targets_and_reports(*, rng: random.Random, seed: Movement, units, last_year: int) -> int:
    years = range(seed.period_start, min(seed.period_end, last_year) + 1)
    targets = []
    for year in years:
        for suffixes, indicator, measure, value in SEED_TARGETS:
            for suffix in suffixes:
                targets.append(_target(seed, units[suffix], year, indicator, measure, value))
    reports = 0
    for year in years:
        final_round = year == last_year
        period = ReportPeriod.H1 if final_round else ReportPeriod.YEAR
        due = date(year, 6, 20) if final_round else date(year, 12, 15)
        year_targets = [t for t in targets if t.year == year]
        for unit_id in sorted({t.organization_id for t in year_targets}):
            status = ReportStatus.ACCEPTED
            if final_round:
                status = rng.choice(
                    [ReportStatus.ACCEPTED, ReportStatus.SENT, ReportStatus.RETURNED, ReportStatus.NOT_SENT]
                )
            report = ProgressReport.objects.create(
                movement=seed,
                organization_id=unit_id,
                year=year,
                period=period,
                due_on=due,
                status=status,
                narrative="Đơn vị đã triển khai phong trào thi đua theo kế hoạch."
                if status != "not_sent"
                else "",
                return_reason="Bổ sung minh chứng cho chỉ tiêu về sáng kiến." if status == "returned" else "",
                submitted_at=(
                    datetime.combine(due, time(10, 0), tzinfo=TZ) if status != "not_sent" else None
                ),
                # the office checks a report within five days: a review counts it from then on
                reviewed_at=(
                    datetime.combine(due + timedelta(days=5), time(15, 0), tzinfo=TZ)
                    if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED)
                    else None
                ),
            )
            reports += 1
            if status == ReportStatus.NOT_SENT:
                continue
            share = 0.5 if final_round else 1.0
            ReportValue.objects.bulk_create(
                ReportValue(report=report, target=t, value=_reached(t, share, rng))
                for t in year_targets
                if t.organization_id == unit_id
            )
    return reports


def _target(movement, organization, year, indicator, measure, value):

    return Target.objects.create(
        movement=movement,
        organization=organization,
        year=year,
        indicator=indicator,
        unit_of_measure=measure,
        target_value=value,
    )


def _build_reviews_and_models(*, rng: random.Random, seed: Movement, units, director) -> None:

    Review.objects.create(movement=seed, kind=ReviewKind.MIDTERM, scheduled_on=date(2023, 6, 15))
    Review.objects.create(movement=seed, kind=ReviewKind.FINAL, scheduled_on=date(2025, 12, 10))
    ttud_model = ExemplaryModel.objects.create(
        movement=seed,
        kind=ExemplaryKind.MODEL,
        organization=units["TTUD"],
        recognized_on=date(2022, 11, 20),
        title="Mô hình nhân giống nấm ăn, nấm dược liệu bằng công nghệ mới",
        story="Trung tâm chuyển giao quy trình nhân giống nấm cho các hợp tác xã, nâng cao thu nhập cho người dân.",
        evidence="Biên bản nghiệm thu nhiệm vụ; báo cáo kết quả chuyển giao.",
        published=True,
        published_at=datetime(2022, 12, 1, 9, 0, tzinfo=TZ),
    )
    Replication.objects.create(
        model=ttud_model,
        organization=units["QLCN"],
        replicated_on=date(2023, 4, 1),
        note="Áp dụng trong hỗ trợ doanh nghiệp đổi mới công nghệ.",
    )
    vp_model = ExemplaryModel.objects.create(
        movement=seed,
        kind=ExemplaryKind.COLLECTIVE,
        organization=units["VP"],
        recognized_on=date(2023, 6, 15),
        title="Văn phòng Sở: “Văn phòng điện tử – không giấy tờ”",
        story="Văn phòng đưa toàn bộ văn bản đi, đến lên hệ thống quản lý văn bản điện tử, rút ngắn thời gian xử lý.",
        evidence="Số liệu hệ thống quản lý văn bản năm 2022.",
    )
    for suffix, day in (("KHTC", date(2023, 9, 1)), ("TTRA", date(2024, 3, 1))):
        Replication.objects.create(model=vp_model, organization=units[suffix], replicated_on=day)
    services.movement_transition(
        actor=None, movement=seed, action="hold_midterm_review", on=date(2023, 6, 15), check_permission=False
    )


def _link_awards(*, seed: Movement, department) -> int:
    """The Department's yearly titles of 2021–2025 were awarded under its 2021–2025 movement."""

    staff = Assignment.objects.filter(organization__path__startswith=department.path).values("person_id")
    units = department.children.values("pk")
    awards = AwardRecord.objects.filter(year__range=(seed.period_start, seed.period_end)).filter(
        Q(person_id__in=staff) | Q(organization_id__in=units)
    )
    return awards.update(movement=seed)
