"""The seed letter as an :class:`OfficialDocument`: the layout's acceptance fixture.

The Department of Science and Technology of Yên Bái launching its 2021–2025 patriotic emulation movement
(shared/seed/phat-dong-thi-dua-2021-2025.md), text as in the letter, typos included. The letter carries no
number; it is a Công văn phát động, so it gets a plausible Công văn number and the Office (VP) as drafting
unit.
"""

from __future__ import annotations

import datetime

from thidua.documents.formatting import number_symbol

from .model import Bullet, Heading, NumberedItem, OfficialDocument, Paragraph, Run, Signature

__all__ = ["SEED_THEME", "seed_letter_document"]


def _t(text: str) -> str:
    """Join a paragraph wrapped over several source lines back into one line."""
    return " ".join(text.split())


# The province's 2021–2025 theme, in bold inside the quotes in the letter.
SEED_THEME = _t(
    """
    “Tăng cường xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; phát huy truyền thống đoàn kết, ý
    chí tự lực tự cường và khát vọng vươn lên; đẩy mạnh đổi mới, sáng tạo, phát triển nhanh, bền vững theo
    hướng xanh, hài hòa, bản sắc và hạnh phúc; quyết tâm đưa Yên Bái trở thành tỉnh khá vào năm 2025 và nằm
    trong nhóm tỉnh phát triển hàng đầu của vùng Trung du và miền núi phía Bắc vào năm 2030”
    """
)


def seed_letter_document() -> OfficialDocument:
    """The seed letter, ready for :func:`render_docx` and :func:`render_pdf`."""
    return OfficialDocument(
        issuer_parent="UBND TỈNH YÊN BÁI",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number_symbol=number_symbol(number=5, doc_type=None, issuer="SKHCN", drafting_unit="VP"),
        place="Yên Bái",
        date=datetime.date(2021, 3, 5),
        doc_type_title=None,
        abstract="V/v phát động phong trào thi đua yêu nước giai đoạn 2021 - 2025",
        addressees=("Các phòng, đơn vị trực thuộc Sở",),
        body=_BODY,
        recipients=(
            "Ban TD-KT tỉnh;",
            "Các cơ quan Khối thi đua KT-KT;",
            "Lãnh đạo Sở (qua Voffice);",
            "Các phòng, đơn vị (qua Voffice);",
            "Lưu: VT, VP.",
        ),
        signature=Signature(position="GIÁM ĐỐC", name="Vũ Xuân Hội"),
    )


_BODY = (
    Paragraph(
        _t(
            """
            Trong giai đoạn 5 năm (2016 - 2020) phong trào thi đua yêu nước của ngành Khoa học và Công nghệ đã
            có nhiều đổi mới và thu được nhiều kết quả thiết thực, đã có tập thể, cá nhân điển hình tiên tiến
            được các cấp khen thưởng và tôn vinh.
            """
        )
    ),
    Paragraph(
        (
            _t(
                """
                Bước sang giai đoạn 2021 - 2025, phát huy những thành tựu đã đạt được, với quyết tâm thực hiện
                thắng lợi các chỉ tiêu, nhiệm vụ giai đoạn 2021 - 2025, thiết thực lập thành tích chào mừng
                các sự kiện chính trị trọng đại, các ngày lễ lớn của đất nước, của tỉnh, của ngành. Hưởng ứng
                Phong trào thi đua yêu nước, giai đoạn 2021 - 2025 của Ủy ban nhân dân tỉnh Yên Bái với chủ
                đề:
                """
            )
            + " ",
            Run(SEED_THEME, bold=True),
            _t(
                """
                , Sở Khoa học và Công nghệ phát động phong trào thi đua yêu nước, giai đoạn 2021 - 2025 với
                những nội dung cụ thể như sau:
                """
            ),
        )
    ),
    Heading(1, "I. MỤC TIÊU VÀ CÁC GIẢI PHÁP CHỦ YẾU"),
    Heading(2, "1. Mục tiêu"),
    Bullet(
        _t(
            """
            Tạo khí thế thi đua sôi nổi trong công chức, viên chức, người lao động ngành Khoa học và Công nghệ
            hăng hái thi đua hoàn thành xuất sắc chỉ tiêu, nhiệm vụ ngành năm 2021 và Kế hoạch 5 năm (2021 -
            2025) theo Nghị quyết Đại hội Đảng bộ tỉnh Yên Bái lần thứ XIX, Nghị quyết Đại hội Đảng bộ Sở Khoa
            học và Công nghệ lần thứ X, nhiệm kỳ 2020-2025.
            """
        )
    ),
    Bullet(
        _t(
            """
            Phát huy sức mạnh đại đoàn kết các dân tộc, ý chí tự lực, tự cường và khát vọng vươn lên; chủ động
            đổi mới, sáng tạo, khai thác tối đa tiềm năng, lợi thế; đẩy mạnh ứng dụng khoa học - công nghệ;
            huy động, sử dụng hiệu quả mọi nguồn lực cho phát triển bền vững theo hướng xanh, hài hòa, bản sắc
            và hạnh phúc; phát huy giá trị văn hóa, xây dựng con người Yên Bái “thân thiện, đoàn kết, sáng
            tạo, hội nhập”; bảo vệ môi trường sinh thái, sử dụng hiệu quả tài nguyên thiên nhiên, chủ động ứng
            phó thiên tai, thích ứng với biến đổi khí hậu và dịch bệnh; tăng cường quốc phòng an ninh, giữ
            vững ổn định chính trị, bảo đảm trật tự an toàn xã hội, đưa Yên Bái trở thành tỉnh khá trong vùng
            Trung du và miền núi phía Bắc vào năm 2025.
            """
        )
    ),
    Heading(2, "2. Các giải pháp chủ yếu"),
    NumberedItem(
        "2.1.",
        _t(
            """
            Tiếp tục đẩy mạnh các hoạt động tuyên truyền, quán triệt, triển khai, tổ chức thực hiện hiệu quả
            các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác thi đua, khen
            thưởng, nhất là quán triệt sâu sắc và vận dụng sáng tạo tư tưởng thi đua ái quốc của Chủ tịch Hồ
            Chí Minh, gắn với thực hiện tốt Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị, Chỉ thị số
            19-CT/TU ngày 15/02/2017 của Tỉnh ủy Yên Bái và Chỉ thị số 05-CT/TW của Bộ Chính trị về thực hiện
            Cuộc vận động “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” bằng những việc làm,
            hành động cụ thể; thực hiện tốt Kế hoạch của Tỉnh ủy Yên Bái về xây dựng các mô hình, điển hình
            tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
            """
        ),
    ),
    NumberedItem(
        "2.2.",
        (
            _t(
                """
                Các phong trào thi đua cần có mục tiêu cụ thể, gắn với việc thực hiện nhiệm vụ chính trị hàng
                năm của cơ quan, đơn vị. Cùng với phong trào thi đua thường xuyên, cần phát động các phong
                trào thi đua theo đợt, theo chuyên đề. Các phong trào thi đua lấy trọng tâm là 04 phong trào
                thi đua lớn do Thủ tướng Chính phủ phát động, gồm:
                """
            )
            + " ",
            Run("“Cả nước chung sức xây dựng nông thôn mới”", italic=True),
            ";" + " ",
            Run("“Doanh nghiệp Việt Nam hội nhập và phát triển”", italic=True),
            ";" + " ",
            Run("“Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”", italic=True),
            ";" + " ",
            Run(
                _t(
                    """
                “Cán bộ, công chức, viên chức Sở Khoa học và Công nghệ Yên Bái thi đua thực hiện văn hóa công
                sở, giai đoạn 2019-2025”
                """
                ),
                italic=True,
            ),
            ".",
        ),
    ),
    NumberedItem(
        "2.3.",
        _t(
            """
            Thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội theo Nghị quyết Đại
            hội Đảng bộ tỉnh Yên Bái lần thứ XIX, Nghị quyết Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ
            X, ngay từ năm đầu của giai đoạn 2021-2025, tạo tiền đề phát triển kinh tế - xã hội nhanh, bền
            vững trong những năm tiếp theo. Thực hiện tốt các nhiệm vụ, giải pháp của ngành Khoa học và Công
            nghệ thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025 của tỉnh Yên Bái, cụ thể:
            Tập trung xây dựng cơ chế, chính sách thúc đẩy phát triển khoa học, công nghệ và đổi mới sáng tạo,
            trọng tâm là ứng dụng, chuyển giao công nghệ mới, kỹ thuật tiên bộ vào các ngành kinh tế ưu tiên
            của tỉnh, nhất là lĩnh vực nông nghiệp, công nghiệp chế biến, chế tạo...nâng cao năng suất, chất
            lượng sản phẩm, thúc đẩy môi trường kinh doanh mới, thích ứng với cuộc cách mạng Công nghiệp lần
            thứ tư. Tăng cường tiềm lực khoa học, công nghệ của tỉnh; quan tâm đào tạo, bồi dưỡng, thu hút đội
            ngũ cán bộ khoa học, kỹ thuật có năng lực, trình độ của tỉnh. Thực hiện hiệu quả Đề án "Hỗ trợ hệ
            sinh thái khởi nghiệp đổi mới sáng tạo quốc gia đến năm 2025", phát triển doanh nghiệp khoa học và
            công nghệ, doanh nghiệp công nghệ cao.
            """
        ),
    ),
    NumberedItem(
        "2.4.",
        _t(
            """
            Thi đua đẩy mạnh cải cách hành chính, trọng tâm là tiếp tục đơn giản hóa thủ tục hành chính, kiện
            toàn và nâng cao chất lượng đội ngũ công chức, viên chức; cải thiện chất lượng dịch vụ hành chính
            công, duy trì và áp dụng nghiêm túc các quy định của hệ thống quản lý chất lượng theo tiêu chuẩn
            ISO trong cơ quan, đơn vị. Tăng cường ứng dụng công nghệ thông tin trong quản lý, điều hành; triệt
            để thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí.
            """
        ),
    ),
    NumberedItem(
        "2.5.",
        _t(
            """
            Xây dựng môi trường văn hóa, lối sống văn minh, khơi dậy ý chí, khát vọng vươn lên, phát huy giá
            trị, bản sắc văn hóa các dân tộc gắn với xây dựng con người Yên Bái “thân thiện, nhân ái, đoàn
            kết, sáng tạo, hội nhập”. Làm tốt công tác phòng, chống dịch bệnh Covid-19; tham gia thực hiện các
            hoạt động an sinh xã hội.
            """
        ),
    ),
    NumberedItem(
        "2.6.",
        _t(
            """
            Thường xuyên đề cao tinh thần cảnh giác cách mạng, phòng, chống có hiệu quả mọi âm mưu, thủ đoạn
            chống phá của các thế lực thù địch, giữ vững ổn định chính trị, bảo đảm an ninh, giữ gìn trật tự
            an toàn xã hội.
            """
        ),
    ),
    NumberedItem(
        "2.7.",
        _t(
            """
            Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh, nâng cao năng lực
            lãnh đạo và sức chiến đấu của tổ chức cơ sở Đảng.
            """
        ),
    ),
    NumberedItem(
        "2.8.",
        _t(
            """
            Đẩy mạnh công tác thông tin tuyên truyền, phát hiện, bồi dưỡng và nhân rộng các điển hình tiên
            tiến, các mô hình mới, nhân tố mới. Đổi mới, tạo sự chuyển biến tích cực và hiệu quả trong công
            tác khen thưởng, bảo đảm chính xác, công khai, minh bạch, có tác dụng giáo dục, nêu gương; quan
            tâm đến các tập thể nhỏ, công chức, viên chức chuyên môn.
            """
        ),
    ),
    Heading(1, "II. TỔ CHỨC THỰC HIỆN"),
    NumberedItem(
        "1.",
        _t(
            """
            Thủ trưởng các phòng, đơn vị trực thuộc Sở tăng cường trách nhiệm và vai trò lãnh đạo đối với công
            tác thi đua, khen thưởng; quán triệt, chủ động triển khai, tổ chức thực hiện Phong trào thi đua.
            """
        ),
    ),
    NumberedItem(
        "2.",
        _t(
            """
            Công đoàn cơ sở, Chi đoàn thanh niên tham gia cùng chính quyền trong việc phát động và thực hiện
            Phong trào thi đua, nhằm góp phần thực hiện thắng lợi chung của toàn ngành.
            """
        ),
    ),
    NumberedItem(
        "3.",
        _t(
            """
            Giao Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị liên quan thực hiện Phong trào thi đua
            này; hướng dẫn, theo dõi, tổng hợp đánh giá tình hình triển khai thực hiện, tổ chức việc sơ kết,
            tổng kết Phong trào thi đua; rà soát, phát hiện và đề xuất khen thưởng, biểu dương kịp thời các
            tập thể, cá nhân có thành tích xuất sắc, lựa chọn điển hình tiên tiến trong Phong trào thi đua để
            nhân rộng.
            """
        ),
    ),
    Paragraph(
        _t(
            """
            Để phong trào thi đua yêu nước thực sự trở thành động lực thúc đẩy sự phát triển không ngừng của
            các phòng, đơn vị trực thuộc Sở, phấn đấu thực hiện thắng lợi các nhiệm vụ, mục tiêu phát triển
            của ngành Khoa học và Công nghệ, giai đoạn 2021-2025. Lãnh đạo Sở Khoa học và Công nghệ kêu gọi
            toàn thể cán bộ, đảng viên, công chức, viên chức, người lao động trong ngành phát huy truyền thống
            yêu nước, tăng cường đoàn kết, chung sức, đồng lòng, chủ động, sáng tạo, phát huy trí tuệ ra sức
            thi đua, quyết tâm thực hiện thắng lợi nhiệm vụ chính trị của ngành Khoa học và Công nghệ, giai
            đoạn 2021-2025, góp phần đưa Yên Bái trở thành tỉnh khá trong vùng Trung du và miền núi phía Bắc
            vào năm 2025./.
            """
        )
    ),
)
