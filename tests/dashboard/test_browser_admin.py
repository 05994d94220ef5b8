"""The admin and sign-in pages in a real browser after the fifth tryout (issue 14): two sign-in
tabs, the enrolment-code form in sight at 1366×768, and an account disabled only after a
question."""

from __future__ import annotations

import pytest
from dashboard_helpers import ACCOUNTS
from test_browser import nav, sign_in

pytestmark = pytest.mark.slow


def test_two_sign_in_tabs_both_sign_in(browser, dashboard):
    """The tryout: the second tab rotated the login token; the first then said the session
    had expired though nobody had signed in."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.set_default_timeout(8000)
        tab.goto(dashboard.url + "/login")
    first.fill("input[name=user]", "ana")
    first.fill("input[name=password]", ACCOUNTS["ana"][1])
    nav(first, "button[type=submit]")
    assert first.url.endswith("/overview"), first.inner_text("main")
    assert "hết hạn" not in first.inner_text("body")
    context.close()


def test_the_code_form_is_in_sight_and_disabling_asks_first(browser, dashboard):
    page = sign_in(browser, dashboard, "adm")  # 1366×768
    form = page.locator("form[action='/admin/codes']")
    box = form.bounding_box()
    assert box["y"] + box["height"] < 768, box  # without scrolling, above the 100 laptops
    page.fill("form[action='/admin/codes'] input[name=communes]", "00025")
    nav(page, "form[action='/admin/codes'] button[type=submit]")
    made = page.locator("#made")
    assert made.is_visible() and len(page.locator("code.code").inner_text()) >= 8
    page.screenshot(path="/tmp/e14/admin-top.png")
    page.reload()  # F5: the GET again, the code is gone, no second code
    assert page.locator("#made").count() == 0
    # disabling an account asks first
    page.goto(dashboard.url + "/admin/accounts")
    row = page.locator("table[data-table=accounts] tbody tr:has(th:text-is('ana'))")
    nav(page, "table[data-table=accounts] tbody tr:has(th:text-is('ana')) button:has-text('Khóa')")
    assert page.inner_text("h1") == "Khóa tài khoản này?"
    page.screenshot(path="/tmp/e14/disable-question.png")
    nav(page, "text=Không, quay lại")
    assert page.url.endswith("/admin/accounts")
    assert "Đang hoạt động" in row.inner_text()
    page.screenshot(path="/tmp/e14/accounts.png", full_page=True)
