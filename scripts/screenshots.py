"""Take the README's screenshots from a running server (default http://127.0.0.1:8000) with the demo data.

.venv/bin/python scripts/screenshots.py [BASE_URL]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PAGES = [
    ("people.png", "/can-bo/?q=nguyen+van", None),
    ("discovery.png", "/ra-soat/", None),
    ("movement.png", "/phong-trao/", None),
    ("decision.png", "/quyet-dinh/1/", None),
    ("fund.png", "/quy-thi-dua/2025/", None),
    ("certificates.png", "/giay-khen/quyet-dinh/1/", None),
    ("cluster-ranking.png", "/cum-khoi/dot-cham/1/xep-hang/", None),
    ("cluster-agency.png", "/cum-khoi/cua-co-quan/", None),
    ("statistics.png", "/thong-ke/?year_from=2020&year_to=2024", None),
    ("fairness.png", "/thong-ke/cong-bang/", None),
    ("honour-board.png", "/cong-bo/bang-vang/", None),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        page.goto(f"{BASE}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("vanphong")
        page.get_by_label("Mật khẩu").fill("Thidua@2025")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{BASE}/")
        for name, path, _ in PAGES:
            response = page.goto(f"{BASE}{path}")
            if response is None or response.status != 200:
                print(f"skipped {path}: {response.status if response else 'no response'}")
                continue
            page.screenshot(path=str(OUT / name))
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main()
