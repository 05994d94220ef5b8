"""Each role in a real browser (Chromium via Playwright): sign in, walk every page it may see,
apply filters, export, and check what it must and must not see (issue 14)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from dashboard_helpers import ACCOUNTS, BA_DINH, HOAN_KIEM, NGOC_HA

pytestmark = pytest.mark.slow


def sign_in(browser, server, name, password=None, width=1366, height=768, touch=False):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        accept_downloads=True,
        has_touch=touch,
        is_mobile=touch,
    )
    page = context.new_page()
    page.set_default_timeout(8000)
    page.goto(server.url + "/overview")
    assert "/login" in page.url
    page.fill("input[name=user]", name)
    page.fill("input[name=password]", password or ACCOUNTS[name][1])
    nav(page, "button[type=submit]")
    return page


def nav(page, selector: str) -> None:
    """Click something that loads a new page, and wait until it has loaded."""
    with page.expect_navigation():
        page.click(selector)


def menu(page) -> list[str]:
    return [a.inner_text() for a in page.query_selector_all("nav.menu a")]


def persons(server, commune):
    sources, _ = server.storage.dash_report_sources(commune, "0000-01", "9999-12")
    return {s["person"]["full_name"] for s in sources}


def download(page, link_text):
    with page.expect_download() as info:
        page.click(f"a:has-text('{link_text}')")
    return info.value


def test_city_analyst(browser, dashboard):
    page = sign_in(browser, dashboard, "ana")
    assert page.url.endswith("/overview")
    assert menu(page) == ["Tổng quan Hà Nội", "Xã, phường", "Xu hướng"]
    assert page.inner_text("h1") == "Tổng quan Hà Nội"
    assert page.locator("table[data-table=headline]").is_visible()
    # every chart has its table too; a chart whose every value is hidden is not drawn (the
    # small test city has one: % withdrawn by age band, "ẩn" for both bands)
    assert page.locator("svg.chart").count() >= 5
    for section in page.locator("section.block").all():
        table = section.locator("table.data")
        data = table.count() and table.first.get_attribute("data-table") != "headline"
        if data and section.locator("svg.chart").count() == 0:
            cells = [c.inner_text() for c in section.locator("tbody td").all()]
            assert any(c in ("ẩn", "< 5", "x") for c in cells), cells
    assert page.locator("table.data").count() == page.locator("section.block").count()
    names = persons(dashboard, NGOC_HA) | persons(dashboard, BA_DINH)
    body = page.inner_text("body")
    assert "< 5" in body
    # a filter: one channel; the headline changes, the page says which filter is on
    paid_all = page.locator("table[data-table=headline] tbody tr").first.inner_text()
    page.select_option("select[name=channel]", "post_office_cash")
    nav(page, "form.filters button[type=submit]")
    assert "channel=post_office_cash" in page.url
    assert page.locator("table[data-table=headline] tbody tr").first.inner_text() != paid_all
    # communes: all 126 rows, Hoàn Kiếm (last sync two months ago) shown as missing
    nav(page, "nav.menu >> text=Xã, phường")
    rows = page.locator("table[data-table=communes] tbody tr")
    assert rows.count() == 126
    # 103 with data; Hoàn Kiếm and the demo's two "silent" laptops (demo.py) are missing
    assert page.locator("table[data-table=communes] tbody tr:not(.missing)").count() == 100
    hoan_kiem = page.locator("tr:has(a[href^='/communes/00070'])")
    assert "THIẾU SỐ LIỆU" in hoan_kiem.inner_text()
    assert "missing" in hoan_kiem.get_attribute("class")
    # … beside the name, not behind thirteen figures (the nineteenth tryout, 1366 px: off-screen)
    status = hoan_kiem.locator("td").first
    assert status.inner_text() == "THIẾU SỐ LIỆU"
    box, width = status.bounding_box(), page.viewport_size["width"]
    assert box["x"] + box["width"] <= width, (box, width)
    assert status.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert "Có số liệu" in page.locator("tr:has(a[href^='/communes/00004'])").inner_text()
    # one click on a "±" heading: the largest rise first, and the heading says so
    nav(page, "thead a[href*='sort=change_not_withdrawn_after_30_pct']")
    assert "desc=1" in page.url
    head = page.locator("thead a[href*='sort=change_not_withdrawn_after_30_pct'] .sorted")
    assert head.inner_text() == "▾" and head.get_attribute("title") == "Đang xếp từ lớn đến nhỏ"
    assert "% chưa rút sau 30 ngày" in page.inner_text("#hidden_count")
    # sort by % withdrawn, then search
    nav(page, "thead a[href*='sort=withdrew_pct']")
    assert "sort=withdrew_pct" in page.url
    page.fill("input[name=q]", "ngoc ha")
    nav(page, "form.filters button[type=submit]")
    assert page.locator("table[data-table=communes] tbody tr").count() == 1
    nav(page, "a[href^='/communes/00008']")
    assert page.inner_text("h1") == "Phường Ngọc Hà"
    for table in ("headline", "by_village", "by_age_band", "by_channel", "by_need", "trend"):
        assert page.locator(f"table[data-table={table}]").count() == 1, table
    assert "Sống một mình" in page.locator("table[data-table=by_need]").inner_text()
    assert page.locator("table[data-table=not_received]").count() == 0
    text = page.inner_text("body")
    assert not any(name in text for name in names)
    assert "hiv" not in page.content().lower()
    assert page.locator("text=Báo cáo đầy đủ").count() == 0
    xlsx = download(page, "Tải Excel")
    from openpyxl import load_workbook

    assert xlsx.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))
    cells = [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value]
    assert not any(name in cell for name in names for cell in cells)
    pdf = download(page, "Tải PDF")
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
    # trends for two communes
    nav(page, "nav.menu >> text=Xu hướng")
    page.select_option("select[name=metric]", "not_withdrawn_after_30_pct")
    page.select_option("select[name=communes]", [BA_DINH, NGOC_HA])
    nav(page, "form.filters button[type=submit]")
    header = page.locator("table[data-table=trend] thead").inner_text()
    assert "Phường Ba Đình" in header and "Phường Ngọc Hà" in header
    assert page.locator("svg.chart polyline").count() >= 3
    # not allowed: the admin page
    page.goto(dashboard.url + "/admin")
    assert "không có quyền" in page.inner_text("body")
    # English switch
    page.goto(dashboard.url + "/overview")
    nav(page, "a.lang")
    assert page.inner_text("h1") == "Hà Nội overview"
    assert menu(page) == ["Hà Nội overview", "Communes", "Trends"]
    nav(page, "a.lang")
    nav(page, "button:has-text('Đăng xuất')")
    assert "/login" in page.url
    page.goto(dashboard.url + "/communes")
    assert "/login" in page.url


def test_commune_official(browser, dashboard):
    page = sign_in(browser, dashboard, "off")
    assert menu(page) == ["Xã, phường của tôi", "Xã, phường", "Xu hướng"]
    nav(page, "nav.menu >> text=Xã, phường >> nth=1")
    rows = page.locator("table[data-table=communes] tbody tr")
    assert rows.count() == 1 and "Phường Ngọc Hà" in rows.inner_text()
    nav(page, "a[href^='/communes/00008']")
    listing = page.locator("table[data-table=not_received]")
    assert listing.count() == 1
    shown = listing.inner_text()
    assert any(name in shown for name in persons(dashboard, NGOC_HA))
    # never an ID number (the phones' tel: links are digits only, by design; a CSRF token may
    # hold any letters)
    content = re.sub(r'href="tel:\+?\d+"|name="csrf" value="[^"]*"', "", page.content())
    assert not re.search(r"\d{9,}", content)
    assert "hiv" not in content.lower()
    assert listing.locator("a[href^='tel:']").count() > 0  # a tap calls
    # the list to act on is one click from the top: everyone waiting, phones where consented
    page.click("a[href='#not_received']")
    assert page.url.endswith("#not_received") and listing.is_visible()
    assert re.search(r"091\d \d{3} \d{3}", shown)
    # the month pickers are in the page's language, whatever the browser's
    months = page.locator("select[name=to]").input_value()
    label = page.locator("select[name=to] option:checked").inner_text()
    assert label == f"Tháng {months[5:]}/{months[:4]}"
    page.select_option("select[name=from]", months)
    nav(page, "form.filters button[type=submit]")
    assert f"from={months}" in page.url
    assert (
        page.locator("table[data-table=not_received] tbody tr").count()
        == listing.locator("tbody tr").count()
    )  # a narrower range does not shorten the list of people still waiting
    report = download(page, "Báo cáo đầy đủ của xã (có tên) (.xlsx)")
    from openpyxl import load_workbook

    sheets = load_workbook(io.BytesIO(Path(report.path()).read_bytes())).sheetnames
    assert sheets[:4] == ["Tổng hợp", "Theo nhóm", "Dữ liệu", "Chưa nhận tiền"]
    # another commune: refused, in the page and by URL
    page.goto(dashboard.url + f"/communes/{BA_DINH}")
    assert "không có quyền" in page.inner_text("body")
    page.goto(dashboard.url + f"/communes/{HOAN_KIEM}?export=xlsx")
    assert "không có quyền" in page.inner_text("body")
    page.goto(dashboard.url + "/admin")
    assert "không có quyền" in page.inner_text("body")
    page.goto(dashboard.url + "/trends")
    options = page.locator("select[name=communes] option").all_inner_texts()
    assert options == ["Phường Ngọc Hà"]


def test_city_admin(browser, dashboard):
    page = sign_in(browser, dashboard, "adm")
    assert page.url.endswith("/admin")
    assert menu(page) == ["Thiết bị và tiếp nhận", "Tài khoản bảng điều khiển", "Nhật ký"]
    devices = page.locator("table[data-table=devices] tbody tr")
    assert devices.count() == 100  # of 103: a page at a time
    assert "Dòng 1–100 trên 103" in page.inner_text("#devices")
    nav(page, "#devices nav.pager >> text=Sau ›")
    assert "page=2" in page.url and devices.count() == 3
    # the search, without accents, finds the laptop by its commune's name
    page.fill("#devices input[name=q]", "hoan kiem")
    nav(page, "#devices button[type=submit]")
    assert "q=hoan+kiem" in page.url and devices.count() == 1
    page.goto(dashboard.url + "/admin")
    # a new enrolment code, shown once
    page.fill("input[name=communes]", "00025")
    nav(page, "button:has-text('Tạo mã mới')")
    code = page.locator("code.code").inner_text()
    assert len(code) >= 8
    assert "Chưa dùng" in page.locator("table[data-table=codes]").inner_text()
    # revoke the Hoàn Kiếm laptop
    row = page.locator("table[data-table=devices] tbody tr:has-text('Máy demo 00070')")
    with page.expect_navigation():
        row.locator("a:has-text('Thu hồi')").click()
    assert page.inner_text("h1") == "Thu hồi máy này?"  # asked first, nothing done yet
    assert "Máy demo 00070" in page.inner_text("main")
    nav(page, "button:has-text('Thu hồi máy')")
    assert (
        "Đã thu hồi"
        in page.locator(
            "table[data-table=devices] tbody tr:has-text('Máy demo 00070')"
        ).inner_text()
    )
    pdf = download(page, "Tải PDF")
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
    nav(page, "nav.menu >> text=Nhật ký")
    page.select_option("select[name=who]", "adm")
    nav(page, "form.filters button[type=submit]")
    assert "who=adm" in page.url
    log = page.locator("table[data-table=audit]").inner_text()
    assert "adm thu hồi máy «Máy demo 00070»" in log
    assert "adm tạo mã đăng ký máy cho Phường Giảng Võ (hiệu lực 7 ngày)" in log
    assert "adm đăng nhập" in log and "revoke_device" not in log
    # accounts: add one for a commune official
    nav(page, "nav.menu >> text=Tài khoản bảng điều khiển")
    form = "section.block form.filters"
    page.fill(f"{form} input[name=name]", "canbo.badinh")
    page.select_option(f"{form} select[name=role]", "commune_official")
    page.fill(f"{form} input[name=communes]", BA_DINH)
    page.fill(f"{form} input[name=password]", "mat-khau-ba-dinh")
    nav(page, f"{form} button[type=submit]")
    assert "Đã thêm tài khoản «canbo.badinh»" in page.inner_text("main")
    assert "Phường Ba Đình" in page.locator("table[data-table=accounts]").inner_text()
    page.goto(dashboard.url + "/admin")
    # never a beneficiary's figure or name on the admin's pages; no analyst page
    assert not any(n in page.inner_text("body") for n in persons(dashboard, NGOC_HA))
    page.goto(dashboard.url + "/overview")
    assert "không có quyền" in page.inner_text("body")


def test_phone_width_has_no_sideways_page(browser, dashboard):
    page = sign_in(browser, dashboard, "ana", width=390, height=844)
    for path in ("/overview", "/communes", f"/communes/{NGOC_HA}", "/trends"):
        page.goto(dashboard.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, (path, width)  # wide tables scroll inside their box
    # the admin's pages too (the ninth tryout: the devices filter's "Trạng thái" stuck out)
    admin = sign_in(browser, dashboard, "adm", width=390, height=844)
    for path in ("/admin", "/admin/accounts", "/admin/audit"):
        admin.goto(dashboard.url + path)
        width = admin.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, (path, width)


def _first_column_stays(page, table: str) -> None:
    """Scroll the table's box sideways: its first column keeps its place, the rest moves."""
    box = page.locator(f"table[data-table={table}]").locator("xpath=..")
    row = page.locator(f"table[data-table={table}] tbody tr").first
    first, second = row.locator("th, td").nth(0), row.locator("th, td").nth(1)
    x0, y0 = first.bounding_box()["x"], second.bounding_box()["x"]
    moved = box.evaluate("b => { b.scrollLeft = 300; return b.scrollLeft; }")
    assert moved > 40, (table, moved)  # the table is wider than the phone
    assert abs(first.bounding_box()["x"] - x0) < 1, table
    assert abs(second.bounding_box()["x"] - (y0 - moved)) < 1, table


def test_phone_width_keeps_the_first_column_while_scrolling_sideways(browser, dashboard):
    page = sign_in(browser, dashboard, "ana", width=390, height=844)
    page.goto(dashboard.url + "/communes")
    _first_column_stays(page, "communes")
    page.goto(dashboard.url + f"/communes/{BA_DINH}")
    _first_column_stays(page, "by_village")


def test_on_a_phone_the_officials_list_is_one_card_a_person(browser, dashboard):
    """The tryout: the list of people to contact had tall rows that still had to be scrolled
    sideways to see the village, address and barriers. On a phone each person is now a card
    with every value after its column's name; on a computer it stays a table."""
    page = sign_in(browser, dashboard, "off", width=390, height=844)
    page.goto(dashboard.url + f"/communes/{NGOC_HA}")
    box = page.locator("table[data-table=not_received]").locator("xpath=..")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")  # nothing off to the side
    row = page.locator("table[data-table=not_received] tbody tr").first
    cells = row.locator("td")
    assert cells.count() >= 8
    for i in range(cells.count()):
        right = cells.nth(i).evaluate("c => c.getBoundingClientRect().right")
        assert right <= 390, i  # every value on the screen
    label = cells.nth(1).evaluate("c => getComputedStyle(c, '::before').content")
    assert "Số ngày chờ" in label, label  # each value says what it is
    assert not page.locator("table[data-table=not_received] thead").is_visible() or (
        page.locator("table[data-table=not_received] thead").bounding_box()["height"] <= 1
    )
    page = sign_in(browser, dashboard, "off", width=1366, height=768)
    page.goto(dashboard.url + f"/communes/{NGOC_HA}")
    head = page.locator("table[data-table=not_received] thead")
    assert head.bounding_box()["height"] > 20 and "Số ngày chờ" in head.inner_text()
    label = page.locator("table[data-table=not_received] tbody td").nth(1)
    assert label.evaluate("c => getComputedStyle(c, '::before').content") in ("none", "normal")


def test_wrong_password_and_lockout_in_the_browser(browser, dashboard):
    page = sign_in(browser, dashboard, "ana", "not the password")
    assert "/login" in page.url
    assert page.locator("p.alert").inner_text().startswith("Sai tên đăng nhập")


def test_hold_ctrl_is_said_on_a_computer_not_on_a_phone(browser, dashboard):
    """The ninth tryout: the trends' list of communes said "giữ Ctrl để chọn nhiều" on a phone,
    which has no Ctrl key (its list opens with its own ticks)."""
    hint = "span.ctrl-hint"
    computer = sign_in(browser, dashboard, "ana")
    computer.goto(dashboard.url + "/trends")
    assert computer.locator(hint).is_visible()
    assert "giữ Ctrl" in computer.locator(hint).inner_text()
    phone = sign_in(browser, dashboard, "ana", width=390, height=844, touch=True)
    phone.goto(dashboard.url + "/trends")
    assert phone.locator("select[name=communes]").is_visible()
    assert not phone.locator(hint).is_visible()


def test_on_a_phone_a_trend_opens_on_its_latest_months_and_headings_keep_words_together(
    browser, dashboard
):
    """The tenth tryout: on a phone the 640 px trend chart opened on its first months (June–
    August), the latest off to the right; table headings stood one word a line."""
    page = sign_in(browser, dashboard, "ana", width=390, height=844, touch=True)
    page.goto(dashboard.url + f"/communes/{BA_DINH}")
    box = page.locator("#trend .chartbox")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")  # it scrolls sideways
    frame = box.bounding_box()
    ticks = box.locator("svg.timeline text.lbl")
    last = max(
        (ticks.nth(i) for i in range(ticks.count())),
        key=lambda t: t.evaluate("t => t.getBBox().x"),
    )
    shown = last.bounding_box()
    assert frame["x"] <= shown["x"] and shown["x"] + shown["width"] <= frame["x"] + frame["width"]
    heading = page.locator("#by_village table.data thead th").nth(1)
    assert heading.bounding_box()["width"] >= 6 * 14  # ~6.5 em: a few words a line


def test_the_checkbox_sits_by_its_words_and_the_12_months_fit_their_card(browser, dashboard):
    """The fifteenth tryout: on the communes page the "only with data" box stood about 80 px from
    its words; on a commune page the 12-month table ran out of its card, its third column cut."""
    page = sign_in(browser, dashboard, "off")
    nav(page, "nav.menu >> text=Xã, phường >> nth=1")
    box = page.locator("label.check input[type=checkbox]").bounding_box()
    label = page.locator("label.check")
    words = label.evaluate(
        "l => { const r = document.createRange(); r.selectNodeContents(l);"
        " r.setStartAfter(l.querySelector('input')); return r.getBoundingClientRect().left; }"
    )
    assert 0 <= words - (box["x"] + box["width"]) <= 16
    nav(page, "a[href^='/communes/00008']")
    scroll = page.locator("#trend .scroll")
    assert scroll.evaluate("s => s.scrollWidth <= s.clientWidth")
    assert page.locator("#trend td.mark").count() > 0  # the recent months' words wrap
