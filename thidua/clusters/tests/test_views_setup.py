"""The setup pages of clusters and blocs through the Django test client, as their users work them.

- The province's officer sets a cluster by the decision that divides the agencies (number, date, valid from),
  its members over time and the year's head and deputy, and keeps its documents (legal-rules §7 point 1 and 3).
- The year's head drafts and signs the covenant with its targets (point 2), drafts the scoring table in groups
  and criteria, sends it to the members for comments and adopts it (point 4); an adopted table never changes:
  its edit pages refuse and a change is a new version (issue 14).
- A stale page is refused with a message and the user's input is kept; another province's officer never sees
  the cluster (404); the index and the cluster's page keep their query counts as the data grows.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.clusters import services
from thidua.clusters.models import (
    Cluster,
    ClusterDocument,
    Covenant,
    CovenantStatus,
    Criterion,
    CriterionGroup,
    DocumentKind,
    Membership,
    Rota,
    ScoringTable,
    TableComment,
    TableStatus,
)
from thidua.core.uploads import upload_check
from thidua.organizations.models import Organization, OrganizationKind

from .conftest import YEAR, adopted_table
from .world import PDF

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"clusters:{name}", args=args)


def messages_of(response) -> list[str]:
    """The messages shown on the page a redirect led to (`follow=True`)."""
    return [str(m) for m in response.context["messages"]]


def text(response) -> str:
    return response.content.decode()


def _cluster_post(province: Organization, **changes: Any) -> dict[str, Any]:
    data = {
        "province": province.pk,
        "kind": "khoi",
        "code": "VX",
        "name": "Khối thi đua các cơ quan văn hóa – xã hội",
        "decision_number": "215/QĐ-UBND",
        "decision_date": "15/01/2024",
        "valid_from": "01/02/2024",
        "valid_to": "",
        "vote_method": "",
        "description": "",
    }
    return data | changes


# ---------------------------------------------------------------- the cluster


def test_province_officer_creates_a_cluster_from_its_decision(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    form = client.get(url("cluster_create"))
    assert form.status_code == 200
    assert "Số quyết định phân chia" in text(form)

    response = client.post(url("cluster_create"), _cluster_post(bloc.province), follow=True)

    cluster = Cluster.objects.get(province=bloc.province, code="VX")
    assert response.redirect_chain[-1][0] == url("cluster_detail", cluster.pk)
    assert (cluster.decision_number, cluster.decision_date, cluster.valid_from, cluster.created_by) == (
        "215/QĐ-UBND",
        date(2024, 1, 15),
        date(2024, 2, 1),
        bloc.province_officer,
    )
    assert "Đã lập cụm, khối thi đua." in messages_of(response)
    page = text(response)
    assert "Quyết định phân chia: 215/QĐ-UBND ngày 15/01/2024" in page
    assert "Hiệu lực từ 01/02/2024" in page
    assert "Khối thi đua" in page and ">khoi<" not in page  # the kind's label, never its code


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"decision_number": ""}, "decision_number", "số quyết định"),
        ({"valid_to": "31/01/2024"}, "valid_to", "Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."),
        ({"valid_from": "31/02/2024"}, "valid_from", "ngày"),
    ],
    ids=["missing-decision-number", "ends-before-it-starts", "no-such-day"],
)
def test_a_cluster_with_bad_input_is_refused_naming_the_field(client, bloc, changes, field, message) -> None:
    client.force_login(bloc.province_officer)
    before = Cluster.objects.count()

    response = client.post(url("cluster_create"), _cluster_post(bloc.province, **changes))

    assert response.status_code == 200
    assert Cluster.objects.count() == before
    form = response.context["form"]
    assert field in form.errors
    errors = " ".join(form.errors[field])
    assert message.lower() in errors.lower()
    assert f'data-testid="error-{field}"' in text(response)
    assert "This field" not in errors and "Enter a valid" not in errors  # Vietnamese, not Django's English


def test_a_province_with_a_cluster_of_that_code_gets_a_message(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    response = client.post(url("cluster_create"), _cluster_post(bloc.province, code="KT"))
    assert response.status_code == 200
    assert "Tỉnh đã có cụm, khối mang mã này." in " ".join(response.context["form"].errors["code"])
    assert 'data-testid="error-code"' in text(response)
    assert Cluster.objects.filter(province=bloc.province).count() == 1


def test_cluster_update_with_a_stale_page_keeps_the_input_and_changes_nothing(client, bloc) -> None:
    """Two officers open the cluster's edit page; the second one's save comes after the first one's."""
    client.force_login(bloc.province_officer)
    cluster = bloc.cluster
    opened = cluster.version
    services.cluster_update(actor=bloc.province_officer, cluster=cluster, name="Khối kinh tế (đổi tên)")

    post = _cluster_post(bloc.province, code="KT", name="Khối kinh tế – kỹ thuật mới", version=opened)
    post["decision_number"] = cluster.decision_number
    response = client.post(url("cluster_update", cluster.pk), post)

    assert response.status_code == 200
    assert "đã được người khác thay đổi" in text(response)
    assert 'value="Khối kinh tế – kỹ thuật mới"' in text(response)  # what was typed is still there
    cluster.refresh_from_db()
    assert cluster.name == "Khối kinh tế (đổi tên)"


# ---------------------------------------------------------------- members over time, the year's heads


def test_province_officer_adds_a_member_and_ends_another(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    cluster, outsider, d = bloc.cluster, bloc.outsider, bloc.members[3]

    response = client.post(
        url("member_add", cluster.pk),
        {
            "organization": outsider.pk,
            "valid_from": "01/03/2025",
            "valid_to": "",
            "note": "Hợp nhất năm 2025",
        },
        follow=True,
    )
    joined = Membership.objects.get(cluster=cluster, organization=outsider)
    assert joined.valid_from == date(2025, 3, 1) and joined.valid_to is None
    assert response.redirect_chain[-1][0] == f"{url('cluster_detail', cluster.pk)}?nam=2025#thanh-vien"
    assert f'data-testid="joined-{joined.pk}"' in text(response)

    membership = Membership.objects.get(cluster=cluster, organization=d)
    response = client.post(
        url("member_end", membership.pk),
        {"valid_to": "28/02/2025", "note": "Hợp nhất vào Sở Tài chính"},
        follow=True,
    )
    membership.refresh_from_db()
    assert membership.valid_to == date(2025, 2, 28)
    assert f"Đã ghi ngày {d.name} rời cụm, khối." in messages_of(response)
    assert f'data-testid="left-{membership.pk}"' in text(response)
    # 2025 is the year D left and E joined: both were members during it, beside A, B and C.
    assert response.context["members_in_year"] == 5
    rows = {row["m"].organization_id: row for row in response.context["members"]}
    assert rows[d.pk]["left"] and not rows[d.pk]["joined"]
    assert rows[outsider.pk]["joined"] and not rows[outsider.pk]["left"]
    # In 2024 E was not yet a member: it is listed (over time) but not counted.
    page_2024 = client.get(url("cluster_detail", cluster.pk), {"nam": YEAR})
    assert page_2024.context["members_in_year"] == 4
    assert not {row["m"].organization_id: row for row in page_2024.context["members"]}[outsider.pk]["in_year"]


def test_a_member_twice_at_once_or_leaving_before_joining_is_refused(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    cluster, a = bloc.cluster, bloc.members[0]

    response = client.post(
        url("member_add", cluster.pk), {"organization": a.pk, "valid_from": "01/01/2024", "note": ""}
    )
    assert response.status_code == 200
    assert "đã là thành viên trong khoảng thời gian này" in " ".join(
        response.context["form"].errors["organization"]
    )
    assert Membership.objects.filter(cluster=cluster, organization=a).count() == 1

    membership = Membership.objects.get(cluster=cluster, organization=a)
    response = client.post(url("member_end", membership.pk), {"valid_to": "01/01/2020", "note": ""})
    assert response.status_code == 200
    assert "Ngày rời cụm, khối phải từ ngày tham gia trở đi." in " ".join(
        response.context["form"].errors["valid_to"]
    )
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_an_agency_of_another_province_cannot_be_added(client, bloc) -> None:
    stranger = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="QX", name="Sở Nội vụ Lào Cai", parent=bloc.other_province
    )
    client.force_login(bloc.province_officer)
    response = client.post(
        url("member_add", bloc.cluster.pk), {"organization": stranger.pk, "valid_from": "01/01/2024"}
    )
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Membership.objects.filter(organization=stranger).exists()


def test_province_officer_sets_the_rota_of_a_year(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    cluster = bloc.cluster
    a, b, c, d = bloc.members

    form = client.get(url("rota_set", cluster.pk), {"nam": YEAR + 1})
    assert form.status_code == 200
    response = client.post(
        url("rota_set", cluster.pk),
        {"year": YEAR + 1, "head": c.pk, "deputy": d.pk, "decision": "Biên bản họp khối ngày 20/12/2024"},
        follow=True,
    )
    rota = Rota.objects.get(cluster=cluster, year=YEAR + 1)
    assert (rota.head, rota.deputy) == (c, d)
    assert f"Đã ghi Trưởng, Phó cụm, khối năm {YEAR + 1}." in messages_of(response)
    assert f"Trưởng: <strong>{c.name}</strong>" in text(response)

    # Changing the year's rota rewrites it (one row per year).
    client.post(url("rota_set", cluster.pk), {"year": YEAR + 1, "head": d.pk, "deputy": c.pk})
    assert Rota.objects.filter(cluster=cluster, year=YEAR + 1).count() == 1
    assert Rota.objects.get(cluster=cluster, year=YEAR + 1).head == d


def test_a_rota_with_the_same_head_and_deputy_or_a_former_member_is_refused(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    cluster = bloc.cluster
    a, b, c, d = bloc.members
    same = client.post(url("rota_set", cluster.pk), {"year": YEAR + 1, "head": c.pk, "deputy": c.pk})
    assert "Phó trưởng phải là đơn vị khác Trưởng cụm, khối." in " ".join(
        same.context["form"].errors["deputy"]
    )

    membership = Membership.objects.get(cluster=cluster, organization=d)
    services.member_end(actor=bloc.province_officer, membership=membership, valid_to=date(2024, 12, 31))
    former = client.post(url("rota_set", cluster.pk), {"year": YEAR + 1, "head": d.pk, "deputy": c.pk})
    assert former.status_code == 200
    assert f"không là thành viên năm {YEAR + 1}" in " ".join(former.context["form"].errors["head"])
    assert not Rota.objects.filter(cluster=cluster, year=YEAR + 1).exists()


def test_only_the_province_officer_sets_members_and_rotas(client, bloc) -> None:
    client.force_login(bloc.head_officer)
    cluster = bloc.cluster
    assert client.get(url("member_add", cluster.pk)).status_code == 403
    assert (
        client.post(url("rota_set", cluster.pk), {"year": YEAR, "head": bloc.members[0].pk}).status_code
        == 403
    )
    assert Rota.objects.get(cluster=cluster, year=YEAR).head == bloc.head


# ---------------------------------------------------------------- the covenant


def test_the_head_drafts_the_covenant_adds_targets_and_records_the_signing(client, bloc) -> None:
    client.force_login(bloc.head_officer)
    cluster = bloc.cluster

    response = client.post(
        url("covenant_create", cluster.pk, YEAR),
        {
            "title": "Giao ước thi đua năm 2024",
            "movement": "",
            "place": "Yên Bái",
            "preamble": "Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh",
            "commitments": "Hoàn thành kế hoạch năm\nĐẩy mạnh chuyển đổi số",
        },
        follow=True,
    )
    covenant = Covenant.objects.get(cluster=cluster, year=YEAR)
    assert response.redirect_chain[-1][0] == url("covenant_detail", covenant.pk)
    assert covenant.commitment_lines() == ["Hoàn thành kế hoạch năm", "Đẩy mạnh chuyển đổi số"]
    assert 'data-testid="covenant-status">Dự thảo<' in text(response)

    for target, measure in (("Giải ngân vốn đầu tư công", "95%"), ("Hồ sơ giải quyết đúng hạn", "100%")):
        response = client.post(
            url("target_add", covenant.pk), {"text": target, "measure": measure}, follow=True
        )
        assert "Đã thêm chỉ tiêu." in messages_of(response)
    assert list(covenant.targets.order_by("position").values_list("text", "measure")) == [
        ("Giải ngân vốn đầu tư công", "95%"),
        ("Hồ sơ giải quyết đúng hạn", "100%"),
    ]
    empty = client.post(url("target_add", covenant.pk), {"text": "", "measure": "1"}, follow=True)
    assert any(m.startswith("Chỉ tiêu:") for m in messages_of(empty))  # the message names the field
    assert covenant.targets.count() == 2

    a = bloc.members[0]
    form = client.get(url("covenant_sign", covenant.pk))
    assert form.status_code == 200
    assert f'value="{a.signer_name}"' in text(form)  # prefilled from the agency's signer
    response = client.post(
        url("covenant_sign", covenant.pk),
        {
            "signed_on": "20/01/2024",
            "place": "Hội trường Ủy ban nhân dân tỉnh",
            "version": Covenant.objects.get(pk=covenant.pk).version,
            **{f"name_{m.pk}": m.signer_name for m in bloc.members},
            **{f"title_{m.pk}": m.signer_title for m in bloc.members},
            f"name_{a.pk}": "Nguyễn Văn Phó",
            f"title_{a.pk}": "Phó Giám đốc",
        },
        follow=True,
    )
    covenant.refresh_from_db()
    assert covenant.status == CovenantStatus.SIGNED
    assert covenant.signed_on == date(2024, 1, 20)
    assert "Đã ghi nhận ký kết giao ước thi đua." in messages_of(response)
    signatories = {s.organization_id: (s.representative, s.position) for s in covenant.signatories.all()}
    assert set(signatories) == {m.pk for m in bloc.members}
    assert signatories[a.pk] == ("Nguyễn Văn Phó", "Phó Giám đốc")
    assert "ký ngày 20/01/2024" in text(response)

    # A signed covenant does not change: no more targets, its edit page sends back with a message.
    refused = client.post(url("target_add", covenant.pk), {"text": "Chỉ tiêu mới"}, follow=True)
    assert "Giao ước đã ký kết không sửa được." in messages_of(refused)
    assert covenant.targets.count() == 2
    edit = client.get(url("covenant_update", covenant.pk), follow=True)
    assert "Giao ước đã ký kết không sửa được." in messages_of(edit)


def test_a_member_that_is_not_the_head_cannot_draft_the_covenant(client, bloc) -> None:
    client.force_login(bloc.officers["A"])
    assert client.get(url("covenant_create", bloc.cluster.pk, YEAR)).status_code == 403
    response = client.post(url("covenant_create", bloc.cluster.pk, YEAR), {"title": "Giao ước"})
    assert response.status_code == 403
    assert not Covenant.objects.exists()


def test_a_covenant_signed_on_a_day_outside_its_year_is_refused(client, bloc) -> None:
    head = bloc.head_officer
    covenant = services.covenant_create(actor=head, cluster=bloc.cluster, year=YEAR, commitments="Hoàn thành")
    client.force_login(head)
    response = client.post(
        url("covenant_sign", covenant.pk), {"signed_on": "10/01/2022", "version": covenant.version}
    )
    assert response.status_code == 200
    assert "Ngày ký kết phải trong năm của giao ước" in " ".join(response.context["form"].errors["signed_on"])
    covenant.refresh_from_db()
    assert covenant.status == CovenantStatus.DRAFT and not covenant.signatories.exists()


# ---------------------------------------------------------------- the scoring table


def _group_post(code: str, title: str, points: str, version: int) -> dict[str, Any]:
    return {"code": code, "title": title, "max_points": points, "version": version}


def _criterion_post(
    group: CriterionGroup, code: str, title: str, points: str, kind: str = "standard"
) -> dict:
    prefix = f"g{group.pk}"
    return {
        f"{prefix}-code": code,
        f"{prefix}-title": title,
        f"{prefix}-kind": kind,
        f"{prefix}-max_points": points,
        f"{prefix}-evidence": "",
    }


def _version(table: ScoringTable) -> int:
    return ScoringTable.objects.get(pk=table.pk).version


def test_the_head_drafts_consults_and_adopts_the_scoring_table(client, bloc) -> None:
    """legal-rules §7 point 4: the head drafts the table, the members comment, the bloc adopts it; a group
    whose criteria do not add up to its maximum stops the adoption with a message naming the group."""
    cluster, head = bloc.cluster, bloc.head_officer
    client.force_login(head)

    response = client.post(
        url("table_create", cluster.pk, YEAR),
        {
            "title": "Bảng tiêu chí chấm điểm năm 2024",
            "precision": 1,
            "note": "Chấm theo minh chứng",
            "source": "",
        },
        follow=True,
    )
    table = ScoringTable.objects.get(cluster=cluster, year=YEAR)
    assert response.redirect_chain[-1][0] == url("table_detail", table.pk)
    assert (table.status, table.number, table.precision) == (TableStatus.DRAFT, 1, 1)
    assert 'data-testid="table-status">Dự thảo<' in text(response)

    response = client.post(
        url("group_add", table.pk),
        _group_post("I", "Thực hiện nhiệm vụ chuyên môn", "60", _version(table)),
        follow=True,
    )
    group = CriterionGroup.objects.get(table=table, code="I")
    assert group.max_points == Decimal("60")
    assert "Đã thêm nhóm tiêu chí I." in messages_of(response)
    response = client.post(
        url("criterion_add", group.pk),
        _criterion_post(group, "1.1", "Hoàn thành chỉ tiêu kế hoạch", "40"),
        follow=True,
    )
    assert "Đã thêm tiêu chí 1.1." in messages_of(response)
    assert Criterion.objects.filter(group=group).count() == 1

    # The group's maximum is 60 but its criteria add up to 40: the adoption is refused, the table stays a draft.
    assert "tổng điểm các tiêu chí (40) khác điểm tối đa của nhóm (60)" in text(response)
    refused = client.post(url("table_transition", table.pk, "adopt"), follow=True)
    assert any(
        "tổng điểm các tiêu chí (40) khác điểm tối đa của nhóm (60)" in m for m in messages_of(refused)
    )
    assert ScoringTable.objects.get(pk=table.pk).status == TableStatus.DRAFT

    client.post(url("criterion_add", group.pk), _criterion_post(group, "1.2", "Cải cách hành chính", "20,0"))
    client.post(url("criterion_add", group.pk), _criterion_post(group, "1.3", "Sáng kiến", "2,5", "bonus"))
    assert list(group.criteria.order_by("position").values_list("code", "max_points", "kind")) == [
        ("1.1", Decimal("40"), "standard"),
        ("1.2", Decimal("20"), "standard"),
        ("1.3", Decimal("2.5"), "bonus"),
    ]
    page = client.get(url("table_detail", table.pk))
    assert 'data-testid="adopt-problems"' not in text(page)
    assert '<td class="text-end">60</td>' in text(page)  # 60, not 6E+1
    assert '<td class="text-end">+2,5</td>' in text(page)  # a decimal comma

    # Out for comments: each member comments in its own name.
    response = client.post(url("table_transition", table.pk, "consult"), follow=True)
    assert 'data-testid="table-status">Đang lấy ý kiến thành viên<' in text(response)
    a = bloc.members[0]
    client.force_login(bloc.officers["A"])
    member_page = client.get(url("table_detail", table.pk))
    assert 'data-testid="comment-form"' in text(member_page)
    assert 'data-testid="transition-adopt"' not in text(member_page)  # only the head adopts
    criterion = Criterion.objects.get(group=group, code="1.2")
    response = client.post(
        url("comment_add", table.pk),
        {"organization": a.pk, "criterion": criterion.pk, "text": "Đề nghị tăng điểm tiêu chí 1.2 lên 25"},
        follow=True,
    )
    assert "Đã gửi góp ý." in messages_of(response)
    comment = TableComment.objects.get(table=table)
    assert (comment.organization, comment.criterion, comment.author) == (a, criterion, bloc.officers["A"])
    assert client.post(url("table_transition", table.pk, "adopt")).status_code == 403
    assert ScoringTable.objects.get(pk=table.pk).status == TableStatus.CONSULTING

    # The head reads the comment and adopts.
    client.force_login(head)
    page = client.get(url("table_detail", table.pk))
    assert "Đề nghị tăng điểm tiêu chí 1.2 lên 25" in text(page)
    assert a.name in text(page)
    response = client.post(url("table_transition", table.pk, "adopt"), follow=True)
    table.refresh_from_db()
    assert table.status == TableStatus.ADOPTED
    assert table.adopted_by == head and table.adopted_on is not None
    assert "Đã thực hiện: Thông qua." in messages_of(response)
    assert 'data-testid="adopted-note"' in text(response)
    assert 'data-testid="criterion-add-' not in text(response) and 'data-testid="group-add"' not in text(
        response
    )


ADOPTED_MESSAGE = "Bảng tiêu chí “Đã thông qua” không sửa được: tạo phiên bản mới hoặc đưa về dự thảo."


def test_an_adopted_tables_edit_pages_refuse_and_change_nothing(client, bloc) -> None:
    """Issue 14: an adopted table cannot change silently. Each edit page sends the head back to the table with
    the message; each inline form's post is refused with it; the groups and criteria stay as they were."""
    table = adopted_table(bloc)
    group = table.groups.order_by("position").first()
    criterion = Criterion.objects.filter(group__table=table).order_by("pk").first()
    assert group is not None and criterion is not None
    snapshot = (
        list(
            CriterionGroup.objects.filter(table=table)
            .order_by("pk")
            .values_list("code", "title", "max_points")
        ),
        list(
            Criterion.objects.filter(group__table=table)
            .order_by("pk")
            .values_list("code", "title", "max_points")
        ),
        _version(table),
    )
    client.force_login(bloc.head_officer)
    detail = url("table_detail", table.pk)

    for page in (
        url("table_update", table.pk),
        url("group_update", group.pk),
        url("criterion_update", criterion.pk),
    ):
        response = client.get(page, follow=True)
        assert response.redirect_chain[-1][0] == detail, page
        assert ADOPTED_MESSAGE in messages_of(response), page
    posts = [
        (url("table_update", table.pk), {"title": "Đổi tên", "precision": 2, "version": _version(table)}),
        (url("group_add", table.pk), _group_post("III", "Nhóm mới", "10", _version(table))),
        (url("group_update", group.pk), {"code": "I", "title": "Đổi tên nhóm", "max_points": "70"}),
        (url("group_delete", group.pk), {}),
        (url("criterion_add", group.pk), _criterion_post(group, "1.9", "Tiêu chí mới", "5")),
        (
            url("criterion_update", criterion.pk),
            {"code": "1.1", "title": "Đổi", "kind": "standard", "max_points": "1"},
        ),
        (url("criterion_delete", criterion.pk), {}),
    ]
    for page, data in posts:
        response = client.post(page, data, follow=True)
        assert response.status_code == 200, page
        assert ADOPTED_MESSAGE in messages_of(response), page
    assert (
        list(
            CriterionGroup.objects.filter(table=table)
            .order_by("pk")
            .values_list("code", "title", "max_points")
        ),
        list(
            Criterion.objects.filter(group__table=table)
            .order_by("pk")
            .values_list("code", "title", "max_points")
        ),
        _version(table),
    ) == snapshot
    assert ScoringTable.objects.get(pk=table.pk).status == TableStatus.ADOPTED


def test_a_new_version_of_an_adopted_table_is_a_draft_copy_that_supersedes_it_when_adopted(
    client, bloc
) -> None:
    table = adopted_table(bloc)
    client.force_login(bloc.head_officer)
    page = client.get(url("table_detail", table.pk))
    assert 'data-testid="new-version"' in text(page)

    response = client.post(url("table_new_version", table.pk), follow=True)
    draft = ScoringTable.objects.get(cluster=bloc.cluster, year=YEAR, number=2)
    assert response.redirect_chain[-1][0] == url("table_detail", draft.pk)
    assert "Đã tạo phiên bản mới (dự thảo) của bảng tiêu chí." in messages_of(response)
    assert (draft.status, draft.supersedes_id) == (TableStatus.DRAFT, table.pk)
    codes = list(
        Criterion.objects.filter(group__table=table).order_by("code").values_list("code", "max_points")
    )
    assert (
        list(Criterion.objects.filter(group__table=draft).order_by("code").values_list("code", "max_points"))
        == codes
    )
    assert 'data-testid="group-add"' in text(response)  # the draft is editable

    # A second new version while v2 is being drafted is refused; the adopted page links to the draft instead.
    again = client.post(url("table_new_version", table.pk), follow=True)
    assert "Đã có một phiên bản đang soạn của bảng tiêu chí năm này." in messages_of(again)
    assert ScoringTable.objects.filter(cluster=bloc.cluster, year=YEAR).count() == 2
    assert 'data-testid="open-draft"' in text(client.get(url("table_detail", table.pk)))

    group = draft.groups.order_by("position").first()
    assert group is not None
    response = client.post(
        url("group_update", group.pk), {"code": "I", "title": "Nhiệm vụ chuyên môn 2024", "max_points": "60"}
    )
    assert response.status_code == 302
    client.post(url("table_transition", draft.pk, "adopt"))
    assert ScoringTable.objects.get(pk=draft.pk).status == TableStatus.ADOPTED
    assert ScoringTable.objects.get(pk=table.pk).status == TableStatus.SUPERSEDED
    old = client.get(url("table_detail", table.pk))
    assert 'data-testid="superseded-note"' in text(old)
    assert CriterionGroup.objects.get(table=table, code="I").title == "Thực hiện nhiệm vụ chuyên môn"


def test_a_stale_table_page_is_refused_with_a_message_and_the_input_kept(client, bloc) -> None:
    """The head has the table's edit page open while a group is added in another tab: the save is refused (the
    page shows the table as it was), the typed values are still in the form, nothing is overwritten."""
    head = bloc.head_officer
    table = services.table_create(actor=head, cluster=bloc.cluster, year=YEAR, title="Bảng tiêu chí 2024")
    client.force_login(head)
    opened = _version(table)
    services.group_add(actor=head, table=table, code="I", title="Nhóm I", max_points="60")

    response = client.post(
        url("table_update", table.pk),
        {"title": "Bảng tiêu chí đã sửa", "precision": 2, "note": "Hướng dẫn mới", "version": opened},
    )
    assert response.status_code == 200
    assert "đã được người khác thay đổi" in text(response)
    assert 'value="Bảng tiêu chí đã sửa"' in text(response) and "Hướng dẫn mới" in text(response)
    table.refresh_from_db()
    assert (table.title, table.precision, table.note) == ("Bảng tiêu chí 2024", 1, "")
    assert table.groups.count() == 1

    # The inline group form of a stale page: refused with the message, no group added.
    response = client.post(
        url("group_add", table.pk), _group_post("II", "Nhóm II", "40", opened), follow=True
    )
    assert any("đã được người khác thay đổi" in m for m in messages_of(response))
    assert table.groups.count() == 1

    # With the page reloaded the same save goes through.
    response = client.post(
        url("table_update", table.pk),
        {
            "title": "Bảng tiêu chí đã sửa",
            "precision": 2,
            "note": "Hướng dẫn mới",
            "version": _version(table),
        },
    )
    assert response.status_code == 302
    table.refresh_from_db()
    assert (table.title, table.precision) == ("Bảng tiêu chí đã sửa", 2)


def test_points_that_are_not_a_number_are_refused_naming_the_field(client, bloc) -> None:
    head = bloc.head_officer
    table = services.table_create(actor=head, cluster=bloc.cluster, year=YEAR, title="Bảng tiêu chí 2024")
    client.force_login(head)
    response = client.post(
        url("group_add", table.pk), _group_post("I", "Nhóm I", "sáu mươi", _version(table)), follow=True
    )
    assert "Điểm tối đa: Điểm phải là một số." in messages_of(response)
    response = client.post(
        url("group_add", table.pk), _group_post("I", "Nhóm I", "-5", _version(table)), follow=True
    )
    assert "Điểm tối đa: Điểm không được âm." in messages_of(response)
    assert not table.groups.exists()


# ---------------------------------------------------------------- documents


def _upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_document_is_uploaded_listed_and_downloaded_as_it_was(client, bloc) -> None:
    client.force_login(bloc.province_officer)
    cluster = bloc.cluster
    response = client.post(
        url("document_add", cluster.pk),
        {
            "kind": DocumentKind.DECISION,
            "title": "Quyết định phân chia khối",
            "year": "",
            "file": _upload("qd 1234.pdf", PDF),
        },
        follow=True,
    )
    document = ClusterDocument.objects.get(cluster=cluster)
    assert "Đã lưu tài liệu." in messages_of(response)
    assert (document.title, document.year, document.size, document.uploaded_by) == (
        "Quyết định phân chia khối",
        None,
        len(PDF),
        bloc.province_officer,
    )
    assert f'data-testid="document-{document.pk}"' in text(response)
    assert document.get_kind_display() in text(response)

    # A member reads it: the same bytes, as an attachment under its name.
    client.force_login(bloc.officers["C"])
    download = client.get(url("document_download", document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"] and "qd" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bien-ban.exe", b"MZ\x90\x00binary", "không nhận tệp"),
        ("bien-ban.pdf", b"plain text pretending", "không đúng loại"),
        ("bien-ban.pdf", PDF + b"0" * 2048, "tệp quá lớn"),
    ],
    ids=["bad-extension", "bad-content", "too-big"],
)
def test_a_bad_or_too_big_document_is_refused_naming_the_field(
    client, bloc, settings, name, data, message
) -> None:
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(bloc.province_officer)
    response = client.post(
        url("document_add", bloc.cluster.pk),
        {
            "kind": DocumentKind.MINUTES,
            "title": "Biên bản họp khối",
            "year": YEAR,
            "file": _upload(name, data),
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert "Tệp tài liệu" in errors  # the field is named
    assert not ClusterDocument.objects.exists()


def test_the_years_head_keeps_documents_but_a_member_does_not(client, bloc) -> None:
    cluster = bloc.cluster
    client.force_login(bloc.head_officer)
    response = client.post(
        url("document_add", cluster.pk),
        {
            "kind": DocumentKind.MINUTES,
            "title": "Biên bản hội nghị ký kết",
            "year": YEAR,
            "file": _upload("bb.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert ClusterDocument.objects.filter(year=YEAR, uploaded_by=bloc.head_officer).count() == 1
    client.force_login(bloc.officers["C"])
    refused = client.post(
        url("document_add", cluster.pk),
        {"kind": DocumentKind.MINUTES, "title": "Biên bản", "year": YEAR, "file": _upload("bb.pdf", PDF)},
    )
    assert refused.status_code == 403
    assert ClusterDocument.objects.count() == 1


# ---------------------------------------------------------------- scope


def test_another_provinces_officer_gets_404_on_the_cluster_and_its_parts(client, bloc, make_user) -> None:
    stranger = make_user(Role.OFFICER, bloc.other_province, username="officer_lao_cai")
    head = bloc.head_officer
    table = adopted_table(bloc)
    covenant = services.covenant_create(actor=head, cluster=bloc.cluster, year=YEAR, commitments="Hoàn thành")
    document = services.document_add(
        actor=bloc.province_officer,
        cluster=bloc.cluster,
        kind=DocumentKind.DECISION,
        title="Quyết định",
        upload=upload_check(data=PDF, name="qd.pdf"),
    )
    membership = bloc.cluster.memberships.order_by("pk").first()
    assert membership is not None
    client.force_login(stranger)
    for page in (
        url("cluster_detail", bloc.cluster.pk),
        url("cluster_update", bloc.cluster.pk),
        url("member_add", bloc.cluster.pk),
        url("member_end", membership.pk),
        url("rota_set", bloc.cluster.pk),
        url("table_detail", table.pk),
        url("covenant_detail", covenant.pk),
        url("document_download", document.pk),
    ):
        assert client.get(page).status_code == 404, page
    assert client.post(url("table_new_version", table.pk)).status_code == 404
    index = client.get(url("index"))
    assert index.status_code == 200
    assert bloc.cluster.name not in text(index)
    assert ScoringTable.objects.filter(cluster=bloc.cluster).count() == 1


# ---------------------------------------------------------------- query counts


def _grow(bloc, n: int) -> None:
    """More of everything the index and the cluster's page list: clusters with members and rotas, members
    over time, tables, covenants, rounds and documents of other years."""
    province, officer = bloc.province, bloc.province_officer
    start = Cluster.objects.count()
    for i in range(n):
        cluster = Cluster.objects.create(
            province=province,
            code=f"C{start + i}",
            name=f"Cụm thi đua số {start + i}",
            decision_number=f"{start + i}/QĐ-UBND",
            valid_from=date(2023, 1, 1),
        )
        for org in bloc.members[:2]:
            cluster.memberships.create(organization=org, valid_from=date(2023, 1, 1))
        cluster.rotas.create(year=timezone.localdate().year, head=bloc.members[0], deputy=bloc.members[1])
        org = Organization.objects.create(
            kind=OrganizationKind.AGENCY, code=f"X{start + i}", name=f"Sở thứ {start + i}", parent=province
        )
        bloc.cluster.memberships.create(
            organization=org, valid_from=date(2023, 1, 1), valid_to=date(2024, 6, 30)
        )
        year = 2010 + start + i
        bloc.cluster.rotas.create(year=year, head=bloc.members[0], deputy=bloc.members[1])
        ScoringTable.objects.create(cluster=bloc.cluster, year=year, title=f"Bảng {year}")
        Covenant.objects.create(cluster=bloc.cluster, year=year, title=f"Giao ước {year}")
        services.document_add(
            actor=officer,
            cluster=bloc.cluster,
            kind=DocumentKind.MINUTES,
            title=f"Biên bản {year}",
            upload=upload_check(data=PDF, name="bb.pdf"),
            year=year,
        )


def _count(client, page: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["province_officer", "head_officer"])
def test_the_index_and_the_clusters_page_keep_their_query_counts(
    client, bloc, who, django_assert_max_num_queries
) -> None:
    """NetBox-style pinned counts: the index and a cluster's page read in a fixed number of queries whatever
    the number of clusters, members over time, rotas, tables, covenants, rounds and documents."""
    user = bloc.province_officer if who == "province_officer" else bloc.head_officer
    run_round_year = adopted_table(bloc)
    services.round_create(
        actor=bloc.head_officer,
        cluster=bloc.cluster,
        year=YEAR,
        table=run_round_year,
        self_due=date(YEAR, 12, 10),
        peer_due=date(YEAR, 12, 20),
    )
    client.force_login(user)
    index, detail = url("index"), url("cluster_detail", bloc.cluster.pk)
    _grow(bloc, 1)
    small = (_count(client, index), _count(client, detail, nam=YEAR))
    _grow(bloc, 6)
    assert (_count(client, index), _count(client, detail, nam=YEAR)) == small

    with django_assert_max_num_queries(LIMITS[who][0]):
        page = client.get(index)
    clusters = Cluster.objects.count()
    listed = len(re.findall(r'data-testid="cluster-\d+"', text(page)))
    assert listed == (clusters if who == "province_officer" else 1 + 7)  # B heads every grown cluster's year
    with django_assert_max_num_queries(LIMITS[who][1]):
        page = client.get(detail, {"nam": YEAR})
    assert len(re.findall(r'data-testid="membership-\d+"', text(page))) == 4 + 7
    assert len(re.findall(r'data-testid="document-\d+"', text(page))) == 7


# (index, cluster page): the session and user, the grants, the clusters with their counts and rotas, the
# memberships, rotas, covenants, tables, rounds, documents and the province's configuration — each one query.
LIMITS = {"province_officer": (7, 13), "head_officer": (8, 13)}


def test_a_new_years_table_starts_from_last_years_adopted_one(client, bloc) -> None:
    last = adopted_table(bloc, year=YEAR - 1)
    client.force_login(bloc.head_officer)
    form = client.get(url("table_create", bloc.cluster.pk, YEAR))
    assert form.context["form"]["source"].value() == last.pk  # offered by default
    response = client.post(
        url("table_create", bloc.cluster.pk, YEAR),
        {"title": "Bảng tiêu chí năm 2024", "precision": 1, "note": "", "source": last.pk},
    )
    table = ScoringTable.objects.get(cluster=bloc.cluster, year=YEAR)
    assert response.status_code == 302
    assert table.status == TableStatus.DRAFT and table.supersedes_id is None
    copied = Criterion.objects.filter(group__table=table).order_by("group__position", "position")
    original = Criterion.objects.filter(group__table=last).order_by("group__position", "position")
    assert list(copied.values_list("code", "kind", "max_points")) == list(
        original.values_list("code", "kind", "max_points")
    )
    assert ScoringTable.objects.get(pk=last.pk).status == TableStatus.ADOPTED  # last year's stays as it was


def test_an_agency_officer_sees_its_bloc_on_the_index(client, bloc) -> None:
    client.force_login(bloc.officers["C"])
    page = client.get(url("index"))
    assert f'data-testid="your-bloc-{bloc.cluster.pk}"' in text(page)
    assert 'data-testid="cluster-create"' not in text(page)
    client.force_login(bloc.outsider_officer)
    page = client.get(url("index"))
    assert 'data-testid="no-clusters"' in text(page)
    assert client.get(url("cluster_detail", bloc.cluster.pk)).status_code == 404
