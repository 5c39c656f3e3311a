"""The demo bloc: the Yên Bái province's Khối thi đua các cơ quan kinh tế – kỹ thuật (the "Các cơ quan Khối thi
đua KT-KT" of the seed letter's Nơi nhận), with the Department and seven other departments.

What is built, each step through the services as the people would do it (`bantdkt` for the province's office,
`truongkhoi` for the 2024 and 2025 head, Sở Tài chính; the Department's `vanphong` and `giamdoc`; one officer per
other member, without a password):

- the province's decision dividing the blocs, the members, the head and deputy of 2024 and 2025, the decision
  as a file of the bloc;
- 2024: the covenant signed at the launch conference with its targets, linked to the Department's movement; the
  scoring table drafted (groups I–IV, standard, bonus and penalty criteria, evidence required), sent for
  comments, commented on and adopted; the year-end round run to closed — self-scoring with evidence (one card
  returned by the head and sent again), peer scoring, the head's verification (changes kept in each score's
  history), two disagreements for the bloc meeting; the meeting's secret vote for the leader, tallied; the tờ
  trình for the leader (Cờ thi đua cấp tỉnh) and the runners-up (Bằng khen), dated, numbered and sent;
- 2025: the covenant, the table adopted again, and a mid-year round at the self-scoring stage: some cards sent
  on time, some late, some still open (the pages show a round in progress).

Scores are written in bulk with their history (one `ScoreRevision` per value, authored), the transitions and
the corrections through the services. Deterministic for the random generator; dates are those of 2024–2025 (the
services stamp "now", the demo dates them as they happened). The bloc's members are kept through 2025: the demo
does not re-divide the blocs of the merged province (Lào Cai, from 01/7/2025).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from thidua.accounts.demo import DEMO_PASSWORD
from thidua.accounts.models import Role, RoleGrant, User
from thidua.appraisals.models import CollectiveAppraisal
from thidua.core.codes import Rating
from thidua.core.uploads import upload_check
from thidua.documents.layout import (
    Heading,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
)
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.services import dossier_item_delete, dossier_item_store
from thidua.movements.models import Movement
from thidua.nominations import services as nominations
from thidua.organizations.models import Organization, OrganizationKind

from . import documents, services, workflow
from .models import (
    CardStatus,
    Cluster,
    ClusterKind,
    Criterion,
    CriterionKind,
    DocumentKind,
    Period,
    Score,
    Scorecard,
    ScoreRevision,
    ScoringRound,
    ScoringTable,
    Stage,
    TableComment,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2024
NEXT = 2025
PROVINCE_CODE = "UBND-YB"
DEPARTMENT_CODE = "YB-SKHCN"
MOVEMENT_CODE = "YB-SKHCN-2021-2025"
CLUSTER_CODE = "KTKT"
DIVISION = ("312/QĐ-UBND", date(2021, 3, 8), date(2021, 3, 15))  # number, signed, in force from
HEAD_USER, PROVINCE_USER = "truongkhoi", "bantdkt"
LOGINS = (
    (HEAD_USER, "Trưởng Khối thi đua KT-KT (Sở Tài chính)"),
    (PROVINCE_USER, "Ban Thi đua – Khen thưởng tỉnh"),
)

# The other members: code, name, short name, director (fictional), officer's login, the member's strength in
# 2024 (its share of the maximum points, before the scorers' noise) and what it did beyond the table.
AGENCIES = (
    ("YB-STC", "Sở Tài chính tỉnh Yên Bái", "Sở Tài chính", "Trần Văn Hưng", "ktkt_stc", "0.88"),
    ("YB-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Yên Bái", "Sở KH&ĐT", "Lê Thị Thu Hà", "ktkt_skhdt", "0.89"),
    ("YB-SXD", "Sở Xây dựng tỉnh Yên Bái", "Sở Xây dựng", "Phạm Quốc Khánh", "ktkt_sxd", "0.845"),
    ("YB-SGTVT", "Sở Giao thông vận tải tỉnh Yên Bái", "Sở GTVT", "Đỗ Mạnh Cường", "ktkt_sgtvt", "0.825"),
    ("YB-SCT", "Sở Công Thương tỉnh Yên Bái", "Sở Công Thương", "Hoàng Văn Long", "ktkt_sct", "0.855"),
    (
        "YB-SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Yên Bái",
        "Sở NN&PTNT",
        "Nông Thị Hạnh",
        "ktkt_snnptnt",
        "0.85",
    ),
    (
        "YB-STNMT",
        "Sở Tài nguyên và Môi trường tỉnh Yên Bái",
        "Sở TN&MT",
        "Bùi Đức Thắng",
        "ktkt_stnmt",
        "0.835",
    ),
)
DEPARTMENT_STRENGTH = Decimal("0.915")
HEAD_CODE = "YB-STC"

# The scoring table of a bloc of economic and technical departments (100 points, precision 0.1).
# Group: (code, title, [(code, title, kind, max, evidence)]).
S, B, P = CriterionKind.STANDARD, CriterionKind.BONUS, CriterionKind.PENALTY
TABLE = (
    (
        "I",
        "Thực hiện nhiệm vụ chính trị, chuyên môn được giao",
        (
            (
                "1.1",
                "Hoàn thành các chỉ tiêu kinh tế – xã hội năm được Ủy ban nhân dân tỉnh giao thuộc lĩnh vực "
                "quản lý",
                S,
                "20",
                "Báo cáo kết quả thực hiện các chỉ tiêu được giao, có số liệu so với kế hoạch",
            ),
            (
                "1.2",
                "Tham mưu ban hành cơ chế, chính sách, văn bản quy phạm pháp luật đúng tiến độ, bảo đảm chất lượng",
                S,
                "10",
                "Danh mục văn bản đã tham mưu ban hành trong năm",
            ),
            (
                "1.3",
                "Thực hiện đúng hạn các nhiệm vụ Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh giao",
                S,
                "10",
                "Kết quả theo dõi nhiệm vụ trên hệ thống quản lý văn bản và điều hành",
            ),
            (
                "1.4",
                "Cải cách hành chính: Chỉ số cải cách hành chính, giải quyết thủ tục hành chính đúng hạn, dịch vụ "
                "công trực tuyến toàn trình",
                S,
                "10",
                "Kết quả Chỉ số cải cách hành chính được công bố; số liệu giải quyết thủ tục hành chính",
            ),
            (
                "1.5",
                "Có sáng kiến, mô hình mới được cấp có thẩm quyền công nhận, nhân rộng",
                B,
                "3",
                "Quyết định công nhận sáng kiến, mô hình",
            ),
            ("1.6", "Có nhiệm vụ được giao quá hạn, bị phê bình bằng văn bản", P, "3", ""),
        ),
    ),
    (
        "II",
        "Công tác thi đua, khen thưởng và tham gia hoạt động của Khối",
        (
            (
                "2.1",
                "Ban hành kế hoạch, phát động phong trào thi đua thường xuyên, theo đợt, theo chuyên đề; ký kết và "
                "thực hiện giao ước thi đua",
                S,
                "6",
                "Kế hoạch, văn bản phát động phong trào thi đua",
            ),
            (
                "2.2",
                "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến; khen thưởng kịp thời, đúng đối tượng, công "
                "khai",
                S,
                "6",
                "",
            ),
            (
                "2.3",
                "Tham gia đầy đủ hoạt động của Khối: hội nghị, chấm điểm, báo cáo sơ kết, tổng kết đúng hạn",
                S,
                "8",
                "",
            ),
            (
                "2.4",
                "Chủ trì, tổ chức tốt hoạt động chung của Khối (hội nghị, hội thảo chuyên đề, giao lưu)",
                B,
                "2",
                "",
            ),
        ),
    ),
    (
        "III",
        "Xây dựng cơ quan, chuyển đổi số và thực hành tiết kiệm",
        (
            (
                "3.1",
                "Chuyển đổi số: xử lý văn bản điện tử, sử dụng chữ ký số, hồ sơ công việc trên môi trường mạng",
                S,
                "8",
                "Số liệu trích xuất từ hệ thống quản lý văn bản và điều hành",
            ),
            (
                "3.2",
                "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực; không để xảy ra sai phạm",
                S,
                "6",
                "",
            ),
            ("3.3", "Xây dựng văn hóa công sở; thực hiện quy chế dân chủ ở cơ sở", S, "6", ""),
            (
                "3.4",
                "Có cán bộ, công chức, viên chức bị kỷ luật từ khiển trách trở lên trong năm",
                P,
                "5",
                "",
            ),
        ),
    ),
    (
        "IV",
        "Công tác xây dựng Đảng và các đoàn thể",
        (
            (
                "4.1",
                "Tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên",
                S,
                "5",
                "Quyết định xếp loại tổ chức cơ sở đảng",
            ),
            (
                "4.2",
                "Công đoàn, Đoàn thanh niên vững mạnh; tham gia hoạt động an sinh xã hội, nhân đạo, từ thiện",
                S,
                "5",
                "",
            ),
        ),
    ),
)
# Bonus and penalty points are facts every scorer sees alike (by member code); the self card of YB-SGTVT omits
# its penalty 3.4 and YB-SXD rates its own 1.4 at the maximum: the two disagreements the bloc meeting discusses.
EXTRA = {
    DEPARTMENT_CODE: {"1.5": "2", "2.4": "1"},
    "YB-SKHDT": {"1.5": "1"},
    "YB-STC": {"2.4": "2"},
    "YB-SCT": {"1.5": "0.5"},
    "YB-SGTVT": {"1.6": "1", "3.4": "2"},
    "YB-STNMT": {"1.6": "0.5"},
}

COVENANT_COMMITMENTS = (
    "Thi đua hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội năm {year} được Ủy ban nhân "
    "dân tỉnh giao thuộc ngành, lĩnh vực quản lý.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chất lượng tham mưu, giải quyết thủ tục hành chính "
    "đúng hạn, không để tồn đọng.",
    "Thực hiện nghiêm kỷ luật, kỷ cương hành chính; thực hành tiết kiệm, chống lãng phí; phòng, chống tham "
    "nhũng, tiêu cực.",
    "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến; tham gia đầy đủ, đúng hạn các hoạt động của Khối.",
)
COVENANT_TARGETS = (
    ("Hoàn thành các chỉ tiêu kinh tế – xã hội được Ủy ban nhân dân tỉnh giao", "100%"),
    ("Hồ sơ thủ tục hành chính được giải quyết đúng hạn", "100%"),
    ("Thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình", "Từ 80% trở lên"),
    ("Văn bản đi, đến được xử lý trên môi trường mạng (trừ văn bản mật)", "Từ 95% trở lên"),
    ("Cán bộ, công chức được đánh giá hoàn thành tốt nhiệm vụ trở lên", "Từ 90% trở lên"),
    ("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "Đạt"),
)


@dataclass
class Bloc:
    province: Organization
    department: Organization
    members: list[Organization]  # by sort key
    head: Organization
    actors: dict[int, User]  # who scores for each member
    voters: dict[int, User]  # who votes for each member at the meeting
    province_officer: User
    head_officer: User


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _points(value: Decimal, maximum: Decimal) -> Decimal:
    """A fraction of the maximum, as the table's precision writes it (0.1), within 0 and the maximum."""
    bounded = min(max(value, Decimal(0)), Decimal(1))
    return (maximum * bounded).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- the tree, the accounts


def _agency(province: Organization, code: str, name: str, short: str, director: str) -> Organization:
    found = (
        Organization.objects.filter(code=code).first()
        or Organization.objects.filter(parent=province, name=name).first()
    )
    if found is not None:
        return found
    agency = Organization(
        kind=OrganizationKind.AGENCY,
        parent=province,
        code=code,
        name=name,
        short_name=short,
        symbol=code.removeprefix("YB-"),
        place_name="Yên Bái",
        signer_name=director,
        signer_title="Giám đốc",
        valid_from=date(1991, 10, 1),
        valid_to=province.valid_to,
    )
    agency.save()
    return agency


def _user(
    username: str,
    full_name: str,
    role: str,
    organization: Organization,
    *,
    login: bool,
    password_of: User | None = None,
) -> User:
    user, _created = User.objects.get_or_create(username=username)
    family, _sep, given = full_name.rpartition(" ")
    user.last_name, user.first_name = family, given
    if login and password_of is not None:
        user.password = password_of.password  # the same demo password, hashed once by the accounts step
    elif login:
        user.set_password(DEMO_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    RoleGrant.objects.get_or_create(
        user=user,
        role=role,
        organization=organization,
        defaults={"include_subunits": True, "valid_from": date(2016, 1, 1)},
    )
    return user


def _bloc(orgs: Any) -> Bloc | None:
    department: Organization | None = (
        orgs.agencies[0] if orgs is not None else Organization.objects.filter(code=DEPARTMENT_CODE).first()
    )
    province = department.parent if department is not None else None
    if department is None or province is None or province.kind != OrganizationKind.PROVINCE:
        return None
    users = {u.username: u for u in User.objects.filter(username__in=("vanphong", "giamdoc"))}
    if len(users) != 2:
        return None
    others = {
        code: _agency(province, code, name, short, director) for code, name, short, director, *_ in AGENCIES
    }
    head = others[HEAD_CODE]
    head_officer = _user(
        HEAD_USER, "Lương Thị Thu Hằng", Role.OFFICER, head, login=True, password_of=users["vanphong"]
    )
    province_officer = _user(
        PROVINCE_USER, "Đặng Minh Tuấn", Role.OFFICER, province, login=True, password_of=users["vanphong"]
    )
    actors: dict[int, User] = {department.pk: users["vanphong"], head.pk: head_officer}
    names = (
        "Ngô Thị Lan",
        "Phan Văn Dũng",
        "Cao Thị Hồng",
        "Đinh Quang Huy",
        "Vi Thị Yến",
        "Mai Xuân Trường",
    )
    for (code, _name, _short, _director, login, _strength), name in zip(
        [a for a in AGENCIES if a[0] != HEAD_CODE], names, strict=True
    ):
        actors[others[code].pk] = _user(login, name, Role.OFFICER, others[code], login=False)
    members = sorted([department, *others.values()], key=lambda o: (o.sort_key, o.pk))
    voters = dict(actors) | {department.pk: users["giamdoc"]}
    return Bloc(province, department, members, head, actors, voters, province_officer, head_officer)


# ---------------------------------------------------------------- the cluster, its decision, its covenants


def _division_decision(bloc: Bloc) -> bytes:
    number, signed, valid_from = DIVISION
    rows = tuple((str(i), m.name) for i, m in enumerate(bloc.members, start=1))
    return render_docx(
        OfficialDocument(
            issuer_parent=None,
            issuer="ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
            number_symbol=number,
            place="Yên Bái",
            date=signed,
            doc_type_title="QUYẾT ĐỊNH",
            abstract="Về việc phân chia các cụm, khối thi đua thuộc tỉnh Yên Bái",
            body=(
                Paragraph(
                    "Căn cứ Luật Thi đua, khen thưởng; Nghị định quy định chi tiết Luật Thi đua, khen thưởng;"
                ),
                Paragraph("Theo đề nghị của Trưởng Ban Thi đua – Khen thưởng tỉnh."),
                Heading(1, "QUYẾT ĐỊNH:"),
                NumberedItem(
                    "Điều 1.",
                    f"Phân chia các cơ quan, đơn vị thuộc tỉnh thành các cụm, khối thi đua từ ngày "
                    f"{valid_from:%d/%m/%Y}; Khối thi đua các cơ quan kinh tế – kỹ thuật gồm:",
                ),
                Table(header=("TT", "Cơ quan"), rows=rows, widths=(0.5, 6.0), align=("center", "left")),
                NumberedItem(
                    "Điều 2.",
                    "Trưởng khối, Phó Trưởng khối luân phiên hằng năm theo thứ tự do Khối thống nhất; Khối ký "
                    "giao ước thi đua, xây dựng bảng tiêu chí chấm điểm, tổ chức sơ kết, tổng kết và bình xét, "
                    "suy tôn đơn vị dẫn đầu theo hướng dẫn của Ban Thi đua – Khen thưởng tỉnh.",
                ),
                NumberedItem(
                    "Điều 3.",
                    "Chánh Văn phòng Ủy ban nhân dân tỉnh, Trưởng Ban Thi đua – Khen thưởng tỉnh, Thủ trưởng các "
                    "cơ quan, đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                ),
            ),
            recipients=("Như Điều 3;", "Hội đồng Thi đua – Khen thưởng tỉnh;", "Lưu: VT, TĐKT."),
            signature=Signature(position="CHỦ TỊCH", name="(dữ liệu mẫu)", signer_position=None),
        )
    )


def _cluster(bloc: Bloc) -> Cluster:
    number, signed, valid_from = DIVISION
    officer = bloc.province_officer
    cluster = services.cluster_create(
        actor=officer,
        province=bloc.province,
        kind=ClusterKind.KHOI,
        code=CLUSTER_CODE,
        name="Khối thi đua các cơ quan kinh tế – kỹ thuật",
        decision_number=number,
        decision_date=signed,
        valid_from=valid_from,
        description=(
            "Các sở quản lý nhà nước về kinh tế, tài chính, đầu tư, hạ tầng, khoa học và công nghệ của tỉnh "
            "(Khối thi đua KT-KT)."
        ),
    )
    for member in bloc.members:
        services.member_add(actor=officer, cluster=cluster, organization=member, valid_from=valid_from)
    for year in (YEAR, NEXT):
        services.rota_set(
            actor=officer,
            cluster=cluster,
            year=year,
            head=bloc.head,
            deputy=bloc.department,
            decision=f"Thông báo của Ban Thi đua – Khen thưởng tỉnh về Trưởng, Phó Trưởng khối năm {year}",
        )
    document = services.document_add(
        actor=officer,
        cluster=cluster,
        kind=DocumentKind.DECISION,
        title=f"Quyết định số {number} ngày {signed:%d/%m/%Y} về việc phân chia cụm, khối thi đua",
        upload=upload_check(data=_division_decision(bloc), name="quyet-dinh-phan-chia-cum-khoi.docx"),
    )
    type(document).objects.filter(pk=document.pk).update(uploaded_at=_at(valid_from, 9))
    return cluster


def _covenant(bloc: Bloc, cluster: Cluster, year: int, signed_on: date) -> Any:
    head = bloc.head_officer
    movement = Movement.objects.filter(
        code=MOVEMENT_CODE, period_start__lte=year, period_end__gte=year
    ).first()
    covenant = services.covenant_create(
        actor=head,
        cluster=cluster,
        year=year,
        title=f"Giao ước thi đua năm {year} của Khối thi đua các cơ quan kinh tế – kỹ thuật",
        place="Hội trường Sở Tài chính tỉnh Yên Bái",
        preamble=(
            "Thực hiện Phong trào thi đua yêu nước giai đoạn 2021 – 2025 của Ủy ban nhân dân tỉnh Yên Bái và "
            f"hướng dẫn của Ban Thi đua – Khen thưởng tỉnh về công tác thi đua của các cụm, khối năm {year}."
        ),
        commitments="\n".join(line.format(year=year) for line in COVENANT_COMMITMENTS),
    )
    if movement is not None:
        covenant = services.covenant_update(actor=head, covenant=covenant, movement=movement)
    for text, measure in COVENANT_TARGETS:
        services.target_add(actor=head, covenant=covenant, text=text, measure=measure)
    covenant.refresh_from_db()
    representatives = {bloc.department.pk: ("Vũ Xuân Hội", "Giám đốc")}
    return services.covenant_sign(
        actor=head,
        covenant=covenant,
        signed_on=signed_on,
        place="Hội trường Sở Tài chính tỉnh Yên Bái",
        representatives=representatives,
    )


# ---------------------------------------------------------------- the scoring table


def _table_2024(bloc: Bloc, cluster: Cluster) -> ScoringTable:
    head = bloc.head_officer
    table = services.table_create(
        actor=head,
        cluster=cluster,
        year=YEAR,
        title=f"Bảng tiêu chí chấm điểm thi đua năm {YEAR} của Khối thi đua KT-KT",
        precision=1,
        note=(
            "Mỗi thành viên tự chấm theo từng tiêu chí, kèm minh chứng; chấm chéo các thành viên khác; Trưởng "
            "khối thẩm định. Điểm thưởng cộng, điểm trừ trừ vào tổng điểm."
        ),
    )
    for group_code, title, criteria in TABLE:
        maximum = sum((Decimal(c[3]) for c in criteria if c[2] == S), start=Decimal(0))
        group = services.group_add(actor=head, table=table, code=group_code, title=title, max_points=maximum)
        for code, text, kind, points, evidence in criteria:
            services.criterion_add(
                actor=head,
                group=group,
                code=code,
                title=text,
                max_points=points,
                kind=kind,
                evidence=evidence,
            )
    table = services.table_update(actor=head, table=table, comments_due=date(YEAR, 3, 20))
    table = services.table_transition(actor=head, table=table, action=workflow.CONSULT)
    by_code = {c.code: c for c in Criterion.objects.filter(group__table=table)}
    comments = (
        (
            bloc.department,
            "1.5",
            "Đề nghị bổ sung mô hình ứng dụng khoa học và công nghệ được nhân rộng vào tiêu chí điểm thưởng.",
            date(YEAR, 3, 14),
        ),
        (
            _member(bloc, "YB-SGTVT"),
            "1.3",
            "Đề nghị tính tỷ lệ nhiệm vụ quá hạn theo số liệu hệ thống theo dõi "
            "nhiệm vụ của Văn phòng Ủy ban nhân dân tỉnh.",
            date(YEAR, 3, 18),
        ),
    )
    for organization, code, text, day in comments:
        comment = services.comment_add(
            actor=bloc.actors[organization.pk],
            table=table,
            organization=organization,
            text=text,
            criterion=by_code[code],
        )
        TableComment.objects.filter(pk=comment.pk).update(created_at=_at(day, 15))
    return services.table_transition(actor=head, table=table, action=workflow.ADOPT, on=date(YEAR, 3, 25))


def _table_again(
    bloc: Bloc, cluster: Cluster, source: ScoringTable, year: int, adopted_on: date
) -> ScoringTable:
    head = bloc.head_officer
    table = services.table_create(
        actor=head,
        cluster=cluster,
        year=year,
        title=f"Bảng tiêu chí chấm điểm thi đua năm {year} của Khối thi đua KT-KT",
        precision=source.precision,
        note=source.note,
    )
    services.table_copy_criteria(source=source, target=table)
    return services.table_transition(actor=head, table=table, action=workflow.ADOPT, on=adopted_on)


# ---------------------------------------------------------------- scores


def _member(bloc: Bloc, code: str) -> Organization:
    return next(m for m in bloc.members if m.code == code)


def _strengths(bloc: Bloc) -> dict[int, Decimal]:
    by_code = {code: Decimal(strength) for code, *_rest, strength in AGENCIES}
    by_code[DEPARTMENT_CODE] = DEPARTMENT_STRENGTH
    return {m.pk: by_code[m.code] for m in bloc.members}


def _values(
    rng: random.Random,
    criteria: list[Criterion],
    target: Organization,
    level: Decimal,
    stage: str,
) -> dict[int, Decimal]:
    """A card's points: each standard criterion near `level` of its maximum (the scorer's noise), the bonus
    and penalty points as the bloc knows them — except the two self cards the meeting discusses."""
    extra = EXTRA.get(target.code, {})
    values: dict[int, Decimal] = {}
    for criterion in criteria:
        if criterion.kind == S:
            noise = Decimal(str(round(rng.gauss(0, 0.022), 3)))
            values[criterion.pk] = _points(level + noise, criterion.max_points)
        else:
            values[criterion.pk] = Decimal(extra.get(criterion.code, "0"))
    by_code = {c.code: c for c in criteria}
    if target.code == "YB-SXD":
        # Its administrative reform index came out low; it scores itself on the criterion's maximum.
        reform = by_code["1.4"]
        low = _points(Decimal("0.7") + Decimal(str(round(rng.gauss(0, 0.02), 3))), reform.max_points)
        values[reform.pk] = reform.max_points if stage == Stage.SELF else low
    if target.code == "YB-SGTVT" and stage == Stage.SELF:
        values[by_code["3.4"].pk] = Decimal(0)  # the discipline case the others know of
    return values


def _write_cards(
    cards: list[Scorecard],
    values: dict[int, dict[int, Decimal]],
    authors: dict[int, User],
    at: dict[int, datetime],
) -> None:
    """The cards' scores in bulk, each with its first revision (who typed it, when)."""
    scores = [
        Score(
            card=card,
            criterion_id=criterion_id,
            points=points,
            updated_by=authors[card.pk],
            updated_at=at[card.pk],
        )
        for card in cards
        for criterion_id, points in values[card.pk].items()
    ]
    Score.objects.bulk_create(scores, batch_size=1000)
    stored = Score.objects.filter(card__in=cards).values_list("pk", "card_id", "points")
    ScoreRevision.objects.bulk_create(
        [
            ScoreRevision(score_id=pk, points=points, author=authors[card], at=at[card])
            for pk, card, points in stored
        ],
        batch_size=1000,
    )


def _submit(card: Scorecard, actor: User, when: datetime) -> None:
    services.card_transition(actor=actor, card=card, action=workflow.SUBMIT)
    Scorecard.objects.filter(pk=card.pk).update(submitted_at=when)


def _redate_edits(card: Scorecard, when: datetime, since: datetime) -> None:
    """The revisions the services wrote today, dated when the user made them."""
    ScoreRevision.objects.filter(score__card=card, at__gte=since).update(at=when)
    Score.objects.filter(card=card, updated_at__gte=since).update(updated_at=when)


def _evidence_file(organization: Organization, criteria: list[Criterion], round_: ScoringRound) -> bytes:
    """The member's report on the criteria that ask for evidence (one file, attached to each of them)."""
    day = round_.self_due - timedelta(days=5)
    rows = tuple((c.code, c.title, c.evidence) for c in criteria)
    return render_docx(
        OfficialDocument(
            issuer_parent="ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
            issuer=organization.name.upper(),
            number_symbol=f"     /BC-{organization.symbol or 'CQ'}",
            place="Yên Bái",
            date=day,
            doc_type_title="BÁO CÁO",
            abstract=f"Kết quả thực hiện các tiêu chí thi đua ({round_.get_period_display().lower()} {round_.year})",
            body=(
                Paragraph(f"{organization.name} báo cáo minh chứng cho các tiêu chí tự chấm như sau:"),
                Table(
                    header=("Tiêu chí", "Nội dung", "Minh chứng"),
                    rows=rows,
                    widths=(0.8, 3.6, 2.6),
                    align=("center", "left", "left"),
                ),
            ),
            recipients=("Trưởng Khối thi đua KT-KT;", "Lưu: VT."),
            signature=Signature(position="GIÁM ĐỐC", name=organization.signer_name or "Vũ Xuân Hội"),
        )
    )


def _evidence(
    bloc: Bloc,
    card: Scorecard,
    criteria: list[Criterion],
    rng: random.Random,
    *,
    share: float,
    when: datetime,
) -> int:
    """The member's report attached to a share of the criteria that ask for evidence (the rest stays missing)."""
    chosen = [c for c in criteria if c.evidence and rng.random() <= share]
    if not chosen:
        return 0
    upload = upload_check(
        data=_evidence_file(card.target, chosen, card.round),
        name=f"bao-cao-minh-chung-{card.round.year}.docx",
    )
    for criterion in chosen:
        evidence = services.evidence_add(
            actor=bloc.actors[card.target.pk],
            card=card,
            title=criterion.evidence,
            upload=upload,
            criterion=criterion,
        )
        type(evidence).objects.filter(pk=evidence.pk).update(uploaded_at=when)
    return len(chosen)


def _year_end(bloc: Bloc, cluster: Cluster, table: ScoringTable, rng: random.Random) -> ScoringRound:
    """The 2024 year-end round from opening to the stored ranking."""
    head = bloc.head_officer
    criteria = list(Criterion.objects.filter(group__table=table).order_by("group__position", "position"))
    strength = _strengths(bloc)
    round_ = services.round_create(
        actor=head,
        cluster=cluster,
        year=YEAR,
        table=table,
        self_due=date(YEAR, 11, 30),
        peer_due=date(YEAR, 12, 10),
        verify_due=date(YEAR, 12, 18),
        period=Period.YEAR_END,
    )
    round_ = services.round_transition(actor=head, round_=round_, action=workflow.OPEN, on=date(YEAR, 11, 15))
    ScoringRound.objects.filter(pk=round_.pk).update(opened_at=_at(date(YEAR, 11, 15), 8, 30))

    # Self-scoring: each member a little above where the others will put it, with its evidence.
    cards = list(round_.cards.filter(stage=Stage.SELF).select_related("target").order_by("target__sort_key"))
    values = {
        c.pk: _values(rng, criteria, c.target, strength[c.target_id] + Decimal("0.02"), Stage.SELF)
        for c in cards
    }
    sent = {
        c.pk: _at(date(YEAR, 11, rng.randint(22, 29)), rng.randint(8, 16), rng.randrange(60)) for c in cards
    }
    sent[cards[-1].pk] = _at(date(YEAR, 12, 2), 10, 15)  # one member sends late
    typed = {pk: when - timedelta(days=2) for pk, when in sent.items()}
    _write_cards(cards, values, {c.pk: bloc.actors[c.target_id] for c in cards}, typed)
    for card in cards:
        share = 1.0 if card.target_id in (bloc.department.pk, bloc.head.pk) else 0.6
        _evidence(bloc, card, criteria, rng, share=share, when=typed[card.pk])
        _submit(card, bloc.actors[card.target_id], sent[card.pk])

    # The head returns one self card (a score without its evidence); the member corrects it and sends it again.
    returned = next(c for c in cards if c.target.code == "YB-SCT")
    services.card_transition(
        actor=head,
        card=returned,
        action=workflow.RETURN,
        reason="Tiêu chí 1.1: số liệu tự chấm chưa khớp báo cáo kết quả thực hiện chỉ tiêu; đề nghị rà soát lại.",
    )
    since = datetime.now(tz=TZ) - timedelta(seconds=1)
    one_one = next(c for c in criteria if c.code == "1.1")
    corrected = values[returned.pk][one_one.pk] - Decimal("1.5")
    services.scores_save(
        actor=bloc.actors[returned.target_id],
        card=returned,
        values={one_one.pk: (str(corrected), "Rà soát lại theo báo cáo số liệu 11 tháng, ước cả năm.")},
    )
    _redate_edits(returned, _at(date(YEAR, 12, 3), 9, 40), since)
    _submit(returned, bloc.actors[returned.target_id], _at(date(YEAR, 12, 3), 9, 45))

    # Peer scoring: every member scores the seven others (its own leniency, the same facts).
    round_ = services.round_transition(actor=head, round_=round_, action=workflow.PEER)
    leniency = {m.pk: Decimal(str(round(rng.uniform(-0.015, 0.015), 3))) for m in bloc.members}
    peers = list(
        round_.cards.filter(stage=Stage.PEER)
        .select_related("target")
        .order_by("scorer__sort_key", "target__sort_key")
    )
    values = {
        c.pk: _values(rng, criteria, c.target, strength[c.target_id] + leniency[c.scorer_id], Stage.PEER)
        for c in peers
    }
    day_of = {m.pk: date(YEAR, 12, rng.randint(4, 10)) for m in bloc.members}
    day_of[_member(bloc, "YB-SGTVT").pk] = date(YEAR, 12, 12)  # late again
    sent = {c.pk: _at(day_of[c.scorer_id], rng.randint(8, 16), rng.randrange(60)) for c in peers}
    _write_cards(peers, values, {c.pk: bloc.actors[c.scorer_id] for c in peers}, sent)
    # One scorer changes its mind on a criterion before sending (the score keeps both values).
    changed = next(c for c in peers if c.scorer_id == bloc.department.pk and c.target.code == "YB-SKHDT")
    since = datetime.now(tz=TZ) - timedelta(seconds=1)
    services.scores_save(
        actor=bloc.actors[changed.scorer_id],
        card=changed,
        values={
            one_one.pk: (str(values[changed.pk][one_one.pk] - Decimal("0.5")), "Theo số liệu Cục Thống kê.")
        },
    )
    _redate_edits(changed, sent[changed.pk] - timedelta(minutes=20), since)
    # 56 cards: sent in bulk as the tests' fast path does (each scorer's user and time), not one transition each.
    for card in peers:
        card.status, card.submitted_at, card.submitted_by = (
            CardStatus.SUBMITTED,
            sent[card.pk],
            bloc.actors[card.scorer_id],
        )
        card.version += 1
    Scorecard.objects.bulk_update(peers, ["status", "submitted_at", "submitted_by", "version"])

    # The head's verification: prefilled from the self cards, brought to what the evidence shows.
    round_ = services.round_transition(actor=head, round_=round_, action=workflow.VERIFY)
    since = datetime.now(tz=TZ) - timedelta(seconds=1)
    checks = list(round_.cards.filter(stage=Stage.HEAD).select_related("target").order_by("target__sort_key"))
    for number, card in enumerate(checks):
        verified = _values(rng, criteria, card.target, strength[card.target_id], Stage.HEAD)
        services.scores_save(
            actor=head, card=card, values={pk: (str(points), "") for pk, points in verified.items()}
        )
        when = _at(date(YEAR, 12, 14 + number // 3), 9 + number % 3, 10)
        _redate_edits(card, when, since)
        _submit(card, head, when + timedelta(minutes=30))
    round_ = services.round_transition(actor=head, round_=round_, action=workflow.CLOSE)
    ScoringRound.objects.filter(pk=round_.pk).update(closed_at=_at(date(YEAR, 12, 19), 16))
    round_.refresh_from_db()
    return round_


# ---------------------------------------------------------------- the meeting, the vote, the proposal


def _ratings(bloc: Bloc, round_: ScoringRound) -> None:
    """The members' 2024 ratings (the rank the vote writes lands on them; the flag's standards read them)."""
    ranks = {row["member"]: row["rank"] for row in round_.ranking}
    existing = set(
        CollectiveAppraisal.objects.filter(year=YEAR, organization__in=bloc.members).values_list(
            "organization_id", flat=True
        )
    )
    CollectiveAppraisal.objects.bulk_create(
        [
            CollectiveAppraisal(
                organization=member,
                year=YEAR,
                rating=Rating.HTXSNV if (ranks.get(member.pk) or 99) <= 3 else Rating.HTTNV,
                results="Hoàn thành các chỉ tiêu, nhiệm vụ năm 2024 được Ủy ban nhân dân tỉnh giao (dữ liệu mẫu).",
            )
            for member in bloc.members
            if member.pk not in existing
        ]
    )


def _vote(bloc: Bloc, round_: ScoringRound, rng: random.Random) -> Any:
    head = bloc.head_officer
    held_on = date(YEAR, 12, 27)
    vote = services.vote_create(
        actor=head, round_=round_, held_on=held_on, place="Hội trường Sở Tài chính tỉnh Yên Bái"
    )
    if vote.method == "secret":
        code = services.vote_open(actor=head, vote=vote)
        # One member abstains; the others agree (the threshold is over half of all the members).
        abstains = rng.choice([m for m in bloc.members if m.pk != vote.candidate_id])
        for member in bloc.members:
            choice = "abstain" if member.pk == abstains.pk else "agree"
            services.vote_cast(actor=bloc.voters[member.pk], vote=vote, member=member, choice=choice)
        services.vote_close(actor=head, vote=vote, tally_code=code)
        vote = services.vote_tally(actor=head, vote=vote, minutes=_minutes(bloc, round_, vote))
    else:
        disagree = 1 if rng.random() < 0.3 else 0
        vote = services.vote_record(
            actor=head,
            vote=vote,
            agree=len(bloc.members) - disagree,
            disagree=disagree,
            minutes=_minutes(bloc, round_, vote),
        )
    type(vote).objects.filter(pk=vote.pk).update(tallied_at=_at(held_on, 10, 40))
    vote.refresh_from_db()
    return vote


def _minutes(bloc: Bloc, round_: ScoringRound, vote: Any) -> str:
    return (
        f"Hội nghị tổng kết công tác thi đua năm {YEAR} của Khối, do Trưởng khối (Sở Tài chính) chủ trì, Phó "
        "Trưởng khối (Sở Khoa học và Công nghệ) đồng chủ trì; đại diện lãnh đạo 8/8 cơ quan thành viên và Ban Thi "
        "đua – Khen thưởng tỉnh dự. Hội nghị nghe báo cáo kết quả chấm điểm, xếp hạng; thảo luận các tiêu chí "
        f"có chênh lệch điểm (1.4 của Sở Xây dựng, 3.4 của Sở Giao thông vận tải) và thống nhất lấy điểm thẩm "
        f"định của Trưởng khối; bỏ phiếu suy tôn {vote.candidate.name} dẫn đầu Khối năm {YEAR}."
    )


def _proposal(bloc: Bloc, round_: ScoringRound, vote: Any) -> tuple[Any, str]:
    head = bloc.head_officer
    order = [row["member"] for row in round_.ranking if row.get("rank")]
    runners = [m for m in order if m != vote.candidate_id][:2]
    proposal = services.proposal_create(
        actor=head,
        round_=round_,
        runners_up=list(Organization.objects.filter(pk__in=runners)),
        achievement=(
            f"Được Khối thi đua các cơ quan kinh tế – kỹ thuật suy tôn dẫn đầu năm {YEAR}: hoàn thành vượt mức "
            "các chỉ tiêu được giao; có mô hình mới được nhân rộng; dẫn đầu Khối về chuyển đổi số."
        ),
    )
    batch = nominations.batch_update(
        actor=head, batch=proposal.batch, number="02/TTr-KTKT", dated=date(NEXT, 1, 6), check_permission=False
    )
    # The tờ trình in the dossier was drawn up before its number and date: drawn again.
    for item in batch.dossier_items.filter(kind=DossierKind.PROPOSAL, nomination__isnull=True):
        dossier_item_delete(actor=head, item=item)
    proposal.batch = batch
    dossier_item_store(
        actor=head,
        batch=batch,
        kind=DossierKind.PROPOSAL,
        name=f"to-trinh-{CLUSTER_CODE.lower()}-{YEAR}.docx",
        data=render_docx(documents.proposal_document(proposal)),
    )
    try:
        services.proposal_send(actor=head, proposal=proposal)
    except ValidationError as error:
        return proposal, f"tờ trình chưa gửi được ({' '.join(error.messages)[:120]})"
    type(batch).objects.filter(pk=batch.pk).update(submitted_at=_at(date(NEXT, 1, 7), 9))
    return proposal, "tờ trình đã gửi tỉnh"


# ---------------------------------------------------------------- 2025: a mid-year round in progress


def _mid_year(bloc: Bloc, cluster: Cluster, table: ScoringTable, rng: random.Random) -> dict[str, int]:
    head = bloc.head_officer
    criteria = list(Criterion.objects.filter(group__table=table).order_by("group__position", "position"))
    strength = _strengths(bloc)
    round_ = services.round_create(
        actor=head,
        cluster=cluster,
        year=NEXT,
        table=table,
        self_due=date(NEXT, 6, 20),
        peer_due=date(NEXT, 6, 30),
        verify_due=date(NEXT, 7, 10),
        period=Period.MID_YEAR,
    )
    round_ = services.round_transition(actor=head, round_=round_, action=workflow.OPEN, on=date(NEXT, 6, 2))
    ScoringRound.objects.filter(pk=round_.pk).update(opened_at=_at(date(NEXT, 6, 2), 8, 30))
    cards = list(round_.cards.filter(stage=Stage.SELF).select_related("target").order_by("target__sort_key"))
    # The head and two others sent on time, two late; the Department is half-way; two have not started.
    others = [c for c in cards if c.target_id not in (bloc.head.pk, bloc.department.pk)]
    rng.shuffle(others)
    head_card = next(c for c in cards if c.target_id == bloc.head.pk)
    on_time, late, untouched = [head_card, *others[:2]], others[2:4], others[4:]
    own = next(c for c in cards if c.target_id == bloc.department.pk)
    scored = [*on_time, *late]
    sent = {
        c.pk: _at(date(NEXT, 6, rng.randint(12, 19)), rng.randint(8, 16), rng.randrange(60)) for c in on_time
    }
    sent |= {
        c.pk: _at(date(NEXT, 6, rng.randint(23, 27)), rng.randint(8, 16), rng.randrange(60)) for c in late
    }
    typed = {pk: when - timedelta(hours=3) for pk, when in sent.items()}
    values = {
        c.pk: _values(rng, criteria, c.target, strength[c.target_id] - Decimal("0.03"), Stage.SELF)
        for c in scored
    }
    half = _values(rng, criteria, own.target, strength[own.target_id] - Decimal("0.03"), Stage.SELF)
    values[own.pk] = {
        pk: points
        for pk, points in half.items()
        if next(c for c in criteria if c.pk == pk).group.code in ("I", "II")
    }
    typed[own.pk] = _at(date(NEXT, 6, 18), 15, 20)
    _write_cards([*scored, own], values, {c.pk: bloc.actors[c.target_id] for c in [*scored, own]}, typed)
    # Only the head attached its evidence before sending: the others' is still missing.
    _evidence(bloc, head_card, criteria, rng, share=1.0, when=typed[head_card.pk])
    for card in scored:
        _submit(card, bloc.actors[card.target_id], sent[card.pk])
    _evidence(bloc, own, criteria, rng, share=0.4, when=typed[own.pk])
    return {"sent": len(on_time), "late": len(late), "open": len(untouched) + 1}


# ---------------------------------------------------------------- the step


def build_clusters(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    """The demo bloc (this module's docstring); skipped without the Department, its accounts or 2024–2025."""
    if first_year > YEAR or last_year < NEXT:
        return "bỏ qua: dữ liệu mẫu không có năm 2024 và 2025"
    bloc = _bloc(orgs)
    if bloc is None:
        return "bỏ qua (không có Sở trong tỉnh hoặc tài khoản của Sở)"
    cluster = _cluster(bloc)
    _covenant(bloc, cluster, YEAR, date(YEAR, 2, 27))
    table = _table_2024(bloc, cluster)
    round_ = _year_end(bloc, cluster, table, rng)
    _ratings(bloc, round_)
    vote = _vote(bloc, round_, rng)
    proposal, sent = _proposal(bloc, round_, vote)
    _covenant(bloc, cluster, NEXT, date(NEXT, 2, 25))
    table_next = _table_again(bloc, cluster, table, NEXT, date(NEXT, 3, 12))
    mid = _mid_year(bloc, cluster, table_next, rng)
    leader = vote.candidate.short_name or vote.candidate.name
    return (
        f"{cluster.name}: {len(bloc.members)} thành viên; năm {YEAR}: {len(round_.ranking)} đơn vị xếp hạng, "
        f"{leader} được suy tôn dẫn đầu ({vote.agree}/{vote.electorate} đồng ý), "
        f"{proposal.batch.nominations.count()} đề nghị, {sent}; sơ kết {NEXT}: {mid['sent']} phiếu tự chấm đúng "
        f"hạn, {mid['late']} gửi muộn, {mid['open']} chưa gửi"
    )


def seed(demo: Any) -> str | None:
    """The step with its logins: `build_clusters`, then `truongkhoi` and `bantdkt` in the printed list."""
    summary = build_clusters(
        rng=demo.rng, orgs=demo.orgs, people=demo.people, first_year=demo.first_year, last_year=demo.last_year
    )
    if User.objects.filter(username__in=[name for name, _label in LOGINS]).count() == len(LOGINS):
        demo.accounts.extend(LOGINS)
    return summary
