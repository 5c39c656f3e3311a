"""The legal document library is public: anyone lists, searches (without diacritics), reads a document and
downloads its file as an attachment that the browser may not sniff; files are uploaded in Django admin through
the project's one upload check; the demo step records the texts the project cites."""

import random
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.catalogues import demo
from thidua.catalogues.models import LegalDocument, Validity
from thidua.core.registry import DemoData, registry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def library(db):
    demo.record_legal_documents()
    return {d.number_symbol: d for d in LegalDocument.objects.all()}


def _numbers(response) -> list[str]:
    return [d.number_symbol for d in response.context["page"].object_list]


def test_anonymous_reads_the_list_and_a_document(client, library):
    response = client.get(reverse("catalogues:legal_list"))
    assert response.status_code == 200
    text = response.content.decode()
    for number in ("06/2022/QH15", "98/2023/NĐ-CP", "152/2025/NĐ-CP", "01/2024/TT-BNV", "15/2025/TT-BNV"):
        assert number in text
    for number in ("91/2017/NĐ-CP", "30/2020/NĐ-CP"):
        assert number in text
    assert "Còn hiệu lực" in text and "Hết hiệu lực" in text
    detail = client.get(reverse("catalogues:legal_detail", args=[library["06/2022/QH15"].pk]))
    assert detail.status_code == 200
    assert "Luật Thi đua, khen thưởng" in detail.content.decode()
    assert "01/01/2024" in detail.content.decode()  # in force from


def test_search_ignores_diacritics_and_case(client, library):
    response = client.get(reverse("catalogues:legal_list"), {"q": "QUY DINH chi tiet"})
    assert set(_numbers(response)) == {"91/2017/NĐ-CP", "98/2023/NĐ-CP", "152/2025/NĐ-CP"}
    response = client.get(reverse("catalogues:legal_list"), {"q": "CONG TAC VAN THU"})
    assert _numbers(response) == ["30/2020/NĐ-CP"]
    response = client.get(reverse("catalogues:legal_list"), {"q": "91/2017"})
    assert _numbers(response) == ["91/2017/NĐ-CP"]
    response = client.get(reverse("catalogues:legal_list"), {"q": "qh15"})  # a part of the symbol
    assert _numbers(response) == ["06/2022/QH15"]
    response = client.get(
        reverse("catalogues:legal_list"), {"q": "152/2025/nd-cp"}
    )  # and the circular citing it
    assert set(_numbers(response)) == {"152/2025/NĐ-CP", "15/2025/TT-BNV"}
    response = client.get(reverse("catalogues:legal_list"), {"q": "bo noi vu"})
    assert set(_numbers(response)) == {"01/2024/TT-BNV", "15/2025/TT-BNV"}


def test_the_list_filters_by_type_and_validity(client, library):
    response = client.get(reverse("catalogues:legal_list"), {"kind": "thong_tu", "validity": "in_force"})
    assert _numbers(response) == ["15/2025/TT-BNV"]
    response = client.get(reverse("catalogues:legal_list"), {"kind": "bogus", "validity": "lapsed"})
    assert set(_numbers(response)) == {"91/2017/NĐ-CP", "98/2023/NĐ-CP", "01/2024/TT-BNV"}


def test_the_file_downloads_as_an_attachment_with_nosniff(client, library):
    document = library["06/2022/QH15"]
    document.file.save("luat.pdf", ContentFile(PDF))
    response = client.get(reverse("catalogues:legal_file", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "06-2022-QH15.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_a_document_without_a_file_answers_404_for_its_file(client, library):
    document = library["98/2023/NĐ-CP"]
    assert client.get(reverse("catalogues:legal_file", args=[document.pk])).status_code == 404


def _admin_post(client, make_user, upload):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    data = {
        "kind": "quyet_dinh",
        "number_symbol": "123/QĐ-UBND",
        "title": "Ban hành Quy chế thi đua, khen thưởng tỉnh",
        "issuing_body": "Ủy ban nhân dân tỉnh Lào Cai",
        "issued_on": "01/09/2025",
        "effective_on": "",
        "validity": "in_force",
        "lapsed_on": "",
        "note": "",
        "file": upload,
    }
    return client.post("/quan-tri/catalogues/legaldocument/add/", data)


def test_admin_stores_a_file_that_passes_the_upload_check(client, make_user):
    response = _admin_post(client, make_user, SimpleUploadedFile("quy che.pdf", PDF))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LegalDocument.objects.get(number_symbol="123/QĐ-UBND")
    assert (document.file.name or "").startswith("catalogues/legal/quy_che")
    assert (document.file.name or "").endswith(".pdf")
    assert document.file.read() == PDF


def test_admin_refuses_a_file_whose_content_is_not_its_type(client, make_user):
    response = _admin_post(client, make_user, SimpleUploadedFile("quy-che.pdf", b"<html><script>x</script>"))
    assert response.status_code == 200
    assert "Tệp văn bản: nội dung tệp" in response.content.decode()
    assert not LegalDocument.objects.filter(number_symbol="123/QĐ-UBND").exists()


def test_a_lapse_before_the_effective_date_is_refused():
    document = LegalDocument(
        kind="luat",
        number_symbol="1/2020/QH14",
        title="Luật mẫu",
        issuing_body="Quốc hội",
        effective_on=date(2021, 1, 1),
        lapsed_on=date(2020, 1, 1),
        validity=Validity.LAPSED,
    )
    with pytest.raises(Exception, match="Ngày hết hiệu lực"):
        document.full_clean()


def test_the_demo_step_is_registered_and_runs_twice_without_duplicates(db):
    assert demo.seed in registry.demo()
    data = DemoData(rng=random.Random(1), first_year=2016, last_year=2025, people_count=20, extra_agencies=0)
    assert demo.seed(data) == "7 văn bản pháp luật"
    demo.seed(data)
    assert LegalDocument.objects.count() == len(demo.DOCUMENTS) == 7
