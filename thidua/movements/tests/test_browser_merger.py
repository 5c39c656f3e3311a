"""Issue 11 in a browser, on the demo at a phone's width (390 px): units named with their agency, the movement
page folded and without sideways scrolling, the overdue final review marked, a past due date refused naming
the field, the post-merger final report issued by Lào Cai, the mid-term report dated by its snapshot, closing
with unsent reports only with a reason, and a replication outside the movement's tree refused by name."""

import io
import os

import pytest
from django.core.management import call_command
from pypdf import PdfReader

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Thidua@2025"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _pdf_text(page, href) -> str:
    response = page.request.get(href)
    assert response.status == 200, href
    reader = PdfReader(io.BytesIO(response.body()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_merger_reviews_and_closing_on_a_phone(live_server, page):
    from thidua.movements.demo import SEED_CODE
    from thidua.movements.models import ExemplaryModel, Movement
    from thidua.organizations.models import Organization

    call_command("seed_demo", verbosity=0)
    base = live_server.url
    seed = Movement.objects.get(code=SEED_CODE)
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, base, "vanphong")

    # Roles name their agency and, for the dissolved one, its end date.
    home = page.locator("main").inner_text()
    assert "Sở Khoa học và Công nghệ tỉnh Yên Bái (đến 30/06/2025)" in home
    assert "Sở Khoa học và Công nghệ tỉnh Lào Cai" in home

    # The movement page: targets folded per unit, no sideways scrolling, the overdue final review marked.
    page.goto(f"{base}/phong-trao/{seed.pk}/")
    groups = page.get_by_test_id("target-group")
    assert groups.count() == 7
    assert page.locator("[data-testid=target-group] tbody tr").first.is_hidden()
    assert "(đến 30/06/2025)" in groups.first.locator("summary").inner_text()
    assert page.get_by_test_id("review-final").get_by_test_id("review-overdue").is_visible()
    assert _no_sideways_scroll(page)
    groups.first.locator("summary").click()
    assert page.locator("[data-testid=target-group] tbody tr").first.is_visible()
    assert _no_sideways_scroll(page)

    # A report round cannot be due in the past: the message names the field.
    page.locator("#id_due_on").fill("01/01/2020")
    page.get_by_test_id("report-round").click()
    assert "Hạn gửi: Ngày này đã qua, hãy chọn từ hôm nay trở đi." in page.locator("body").inner_text()

    # The mid-term report prints the figures as of its date.
    midterm = page.get_by_test_id("review-midterm").get_by_role("link", name="PDF").get_attribute("href")
    assert "Số liệu tính đến ngày 15/06/2023" in _pdf_text(page, f"{base}{midterm}")

    # The final review, held today (after the merger), is issued by Lào Cai's Department.
    page.get_by_test_id("action-hold_final_review").click()
    final = page.get_by_test_id("review-final").get_by_role("link", name="PDF").get_attribute("href")
    text = _pdf_text(page, f"{base}{final}")
    assert "UBND TỈNH LÀO CAI" in text and "Lào Cai, ngày" in text
    assert "YÊN BÁI, NGÀY" not in text.upper().replace("UBND TỈNH YÊN BÁI", "")

    # Closing with reports unsent: the page warns with their number and asks why.
    warning = page.get_by_test_id("close-unsent").inner_text()
    assert "báo cáo tiến độ chưa gửi" in warning
    page.locator("#id_reason").evaluate("el => el.removeAttribute('required')")
    page.get_by_test_id("action-close").click()
    assert "Lý do kết thúc: còn" in page.locator("body").inner_text()
    page.locator("#id_reason").fill("Các đơn vị cũ đã hợp nhất; số liệu chuyển về đơn vị kế thừa.")
    page.get_by_test_id("action-close").click()
    assert page.get_by_test_id("movement-status").inner_text() == "Đã kết thúc"
    assert _no_sideways_scroll(page)

    # A replication picked outside the movement's tree is refused, naming the field.
    model = ExemplaryModel.objects.filter(movement=seed).first()
    assert model is not None
    outside = Organization.objects.get(code="UBND-YB")
    page.goto(f"{base}/dien-hinh-tien-tien/")
    select = page.locator(f"#rep-org-{model.pk}")
    options = select.locator("option").all_inner_texts()
    assert options and all("Ủy ban nhân dân" not in o for o in options)
    select.evaluate(f"el => {{ el.options[0].value = '{outside.pk}'; }}")
    page.locator(f"#rep-day-{model.pk}").fill("01/09/2025")
    select.locator("xpath=ancestor::form").get_by_role("button").click()
    assert "Đơn vị nhân rộng: " in page.locator("body").inner_text()
    assert _no_sideways_scroll(page)
