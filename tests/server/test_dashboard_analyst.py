"""The dashboard's analyst pages after the fifth tryout (issue 14): sorting by change, months
outside the data, months too recent for a figure, how many figures are hidden, the official's
list filters, and the small things of the exports."""

from __future__ import annotations

import json
import re
from datetime import date

from test_dashboard import (  # noqa: F401 (fixture)
    BA_DINH,
    HOAN_KIEM,
    NGOC_HA,
    _columns,
    _day_changes,
    _sheets,
    _table,
    _unescape,
    city,
    login,
)

from city_server.dashboard.texts import metric_label
from desktop_app.core.payment_metrics import _period_index, _period_text


def _this_month() -> str:
    today = date.today()
    return f"{today.year:04d}-{today.month:02d}"


def _label(period: str) -> str:
    return f"Tháng {period[5:]}/{period[:4]}"


def test_one_click_on_a_change_heading_puts_the_largest_rise_first(city):  # noqa: F811 (the fixture)
    """The tryout: one click on "±" gave desc=0 (the largest fall first, ▴) though the page
    says one click puts the largest rise first."""
    month = city.storage.dash_months()[-1]
    ana = login(city, "ana")
    page = _unescape(ana.get(f"/communes?period={month}").text)
    for key in ("days_to_withdraw_median", "withdrew_pct", "not_withdrawn_after_30_pct"):
        head = re.search(rf'<a href="([^"]*sort=change_{key}&[^"]*)"( title="([^"]*)")?', page)
        assert head, key
        assert "desc=1" in head.group(1), head.group(1)
        assert head.group(3) == "Xếp: tăng nhiều nhất lên đầu"
    link = re.search(r'<a href="([^"]*sort=change_days_to_withdraw_median&[^"]*)"', page)
    sorted_page = _unescape(ana.get("/communes" + link.group(1)).text)
    # the heading now says which way it is sorted, and the next click turns it round
    head = re.search(
        r'<a href="([^"]*sort=change_days_to_withdraw_median&[^"]*)"[^>]*>([^<]*)'
        r'<span class="sorted" title="([^"]*)">(.)</span>',
        sorted_page,
    )
    assert head and head.group(4) == "▾" and head.group(3) == "Đang xếp từ lớn đến nhỏ"
    assert "desc=0" in head.group(1)
    values = _day_changes(sorted_page)
    numbers = [v for v in values if v is not None]
    assert len(set(numbers)) >= 2 and numbers == sorted(numbers, reverse=True)
    assert values[: len(numbers)] == numbers  # no change (— / ẩn) last


def test_months_outside_the_data_are_never_listed_nor_compared(city):  # noqa: F811 (the fixture)
    """The tryout: /communes?period=1999-01 added "Tháng 01/1999" to the month list and
    compared with "Tháng 12/1998 như số liệu lúc …"; a range to 2030-12 showed 2028–2030 as
    missing, said December was unfinished though not shown, and the full report was named
    …-2028-01_2030-12."""
    months = city.storage.dash_months()
    first, last, now = months[0], months[-1], _this_month()
    ana = login(city, "ana")
    page = _unescape(ana.get("/communes?period=1999-01").text)
    options = re.findall(r'<option value="(\d{4}-\d{2})"', page)
    assert "1999-01" not in options and min(options) >= first and max(options) <= now
    assert "Tháng 12/1998" not in page
    alert = re.search(r'<p class="alert" role="alert">([^<]*)</p>', page)
    assert alert and "Tháng 01/1999" in alert.group(1), page[:200]
    assert f"đang hiện {_label(first)}" in alert.group(1)
    assert f'<option value="{first}" selected>' in page
    # a range running into the future stops at the current month, and says so
    page = _unescape(ana.get(f"/communes/{HOAN_KIEM}?from={first}&to=2030-12").text)
    shown = re.sub(r'<p class="alert" role="alert">[^<]*</p>', "", page)
    assert "/2030" not in shown and 'value="2030' not in shown
    assert f"{_label(first)} – {_label(now)}" in page
    trend_months = [row[0] for row in _table(page, "trend")]
    assert trend_months and _label(now) == trend_months[-1]
    assert all(_period_text(_period_index(first)) <= f"{m[-4:]}-{m[6:8]}" for m in trend_months)
    # the previous period of the first month with data is before the data: no comparison
    page = _unescape(ana.get(f"/overview?from={first}&to={first}").text)
    before = _label(_period_text(_period_index(first) - 1))
    assert f"chưa có số liệu trước {_label(first)}" in page and f"so với {before}" not in page
    # "not over" only when the unfinished month is shown
    page = _unescape(ana.get(f"/overview?from={first}&to={last}").text)
    assert ("chưa kết thúc" in page) == (last >= now)
    # the full report's file name says the months it holds
    off = login(city, "off")
    answer = off.get(f"/communes/{NGOC_HA}/report.xlsx?from=2025-01&to=2030-12")
    assert answer.status_code == 200
    assert f"-{first}_{now}.xlsx" in answer.headers["content-disposition"]
    # and its first lines say whose it is and which months, as the ward's page does
    import io

    from openpyxl import load_workbook

    head = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    lines = {row[0]: row[1] for row in head.iter_rows(max_row=5, values_only=True) if row[0]}
    assert lines["Địa bàn"] == "Phường Ngọc Hà"
    assert lines["Kỳ báo cáo"] == f"{_label(first)} – {_label(now)}"
    trends = _unescape(ana.get("/trends?to=2031-05").text)
    shown = re.sub(r'<p class="alert" role="alert">[^<]*</p>', "", trends)
    assert "/2031" not in shown and 'value="2031' not in shown and "Tháng 05/2031" in trends
    assert BA_DINH  # the fixture's communes
    assert _sheets  # imported for the exports' tests below


def _final_for_30_days(period: str, today: date) -> bool:
    """Independently of the page: the month's last day plus 30 days has come."""
    from datetime import timedelta

    year, month = int(period[:4]), int(period[5:])
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1) + timedelta(days=30) <= today


def test_not_final_names_the_unfinished_month_and_the_30_days_not_passed():
    from city_server.dashboard.pages import not_final

    today = date(2026, 12, 4)
    assert not_final("2026-12", "withdrew_pct", today) == "mark_unfinished"
    # what counts withdrawals still rises for 30 days after the month (the seventh tryout)
    assert not_final("2026-11", "withdrew_pct", today) == "mark_days_30"
    assert not_final("2026-11", "days_to_withdraw_median", today) == "mark_days_30"
    assert not_final("2026-10", "withdrew_pct", today) == ""
    assert not_final("2026-11", "travel_minutes_median", today) == ""
    assert not_final("2026-11", "not_withdrawn_after_30_pct", today) == "mark_days_30"
    assert not_final("2026-10", "not_withdrawn_after_30_pct", today) == ""  # 31/10 + 30 days
    assert not_final("2026-11", "not_withdrawn_after_7_pct", today) == "mark_days_7"
    assert not_final("2026-11", "not_withdrawn_after_7", date(2026, 12, 7)) == ""  # 30/11 + 7
    assert not_final("2026-12", "not_withdrawn_after_30_pct", date(2027, 1, 29)) == "mark_days_30"
    assert not_final("2026-12", "not_withdrawn_after_30_pct", date(2027, 1, 30)) == ""


def test_months_too_recent_for_a_figure_are_marked_in_the_chart_table_and_xlsx(city):  # noqa: F811 (the fixture)
    """The tryout: November's "% not withdrawn after 30 days" fell to 3.4 % from ~17 % on the
    trends chart, its table and exports, unmarked: a fake improvement. Now such months are
    marked "chưa đủ 30 ngày" in the table and the xlsx and drawn hollow on a dashed line."""
    today = date.today()
    months = city.storage.dash_months()
    metric = "not_withdrawn_after_30_pct"
    recent = [m for m in months if not _final_for_30_days(m, today)]
    final = [m for m in months if _final_for_30_days(m, today)]
    assert final, "the demo has months whose 30 days have passed"
    ana = login(city, "ana")
    page = _unescape(ana.get(f"/trends?metric={metric}&to={months[-1]}").text)
    rows = {row[0]: row for row in _table(page, "trend")}
    for m in final:
        assert "chưa đủ" not in " ".join(rows[_label(m)]), m
    for m in recent:  # a number or "ẩn" (hidden), marked either way
        assert rows[_label(m)][1].endswith(" — chưa đủ 30 ngày"), rows[_label(m)]
    numbers = [m for m in recent if "%" in rows[_label(m)][1]]
    chart = re.search(r'<svg class="chart timeline".*?</svg>', page, re.S).group(0)
    hollow = re.findall(r'<circle [^>]*class="provisional"', chart)
    assert len(hollow) == len(numbers)
    assert ("stroke-dasharray" in chart) == bool(numbers)
    assert ("Chưa đủ số liệu (nét đứt)" in chart) == bool(recent)
    assert "không phải là cải thiện" in page
    sheet = _sheets(ana, f"/trends?metric={metric}&to={months[-1]}")[0]
    by_month = {r[0].value: r[1] for r in sheet.iter_rows(min_row=5)}
    for m in recent:
        cell = by_month[_label(m)]
        if m in numbers:  # a number still, the words in its format
            assert isinstance(cell.value, int | float) and "chưa đủ 30 ngày" in cell.number_format
        else:
            assert cell.value == "ẩn — chưa đủ 30 ngày"
    for m in final:
        assert "chưa đủ" not in by_month[_label(m)].number_format
    # a figure that needs no 30 days is marked only in the unfinished month
    page = _unescape(ana.get(f"/trends?metric=travel_minutes_median&to={months[-1]}").text)
    assert "chưa đủ 30 ngày" not in str(_table(page, "trend"))
    # "% withdrawn" still rises for 30 days after its month (the seventh tryout)
    page = _unescape(ana.get(f"/trends?metric=withdrew_pct&to={months[-1]}").text)
    rows = {row[0]: row for row in _table(page, "trend")}
    for m in recent:
        assert rows[_label(m)][1].endswith(" — chưa đủ 30 ngày"), rows[_label(m)]
    for m in final:
        assert "chưa đủ" not in " ".join(rows[_label(m)]), m
    # the commune page's 12 months: the same marks, on all three of its figures
    page = _unescape(ana.get(f"/communes/{BA_DINH}?from={months[-1]}&to={months[-1]}").text)
    rows = {row[0]: row for row in _table(page, "trend")}
    for m in recent:
        assert all(cell.endswith("— chưa đủ 30 ngày") for cell in rows[_label(m)][1:4])


def test_a_partial_month_is_drawn_hollow_on_a_dashed_line():
    from city_server.dashboard.charts import lines

    months = ["2026-09", "2026-10", "2026-11"]
    svg = lines(months, [("A", [17.0, 16.5, 3.4])], "t", "vi", [{2}], "Chưa đủ số liệu (nét đứt)")
    solid = re.findall(r'<polyline points="([^"]*)"', svg)
    assert len(solid) == 1 and len(solid[0].split()) == 2  # September–October only
    assert len(re.findall(r'<line [^>]*stroke-dasharray="5 4"', svg)) == 1  # on to November
    assert len(re.findall(r'<circle [^>]*fill="#fff"[^>]*class="provisional"', svg)) == 1
    assert "Chưa đủ số liệu (nét đứt)" in svg
    plain = lines(months, [("A", [17.0, 16.5, 3.4])], "t", "vi")
    assert "provisional" not in plain and "nét đứt" not in plain


def test_months_without_any_point_are_named_under_the_chart():
    """The fifteenth tryout: a commune's 12-month chart drew September alone, October and
    November hidden, and nothing said why it was nearly empty."""
    from city_server.dashboard.charts import lines

    months = ["2026-09", "2026-10", "2026-11"]
    gaps = "Không có điểm: {months} (ẩn vì dưới 5 người, hoặc chưa có số liệu; xem bảng)"
    series = [("A", [100.0, None, None]), ("B", [0.0, None, 4.0])]
    svg = lines(months, series, "t", "vi", None, "", gaps)
    assert "Không có điểm: 10/26 (ẩn" in svg  # November has B's point
    english = lines(months, series, "t", "en", None, "", "No point for {months} (hidden)")
    assert "No point for Oct 26 (hidden)" in english
    full = lines(months, [("A", [1.0, 2.0, 3.0])], "t", "vi", None, "", gaps)
    assert "Không có điểm" not in full
    # its line sits inside the drawing, under the legend
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    y = float(re.search(r'<text x="[\d.]+" y="([\d.]+)" class="lbl gaps"', svg).group(1))
    assert height - 14 < y < height
    assert height > float(re.search(r'viewBox="0 0 \d+ (\d+)"', full).group(1))


def test_the_communes_page_says_how_many_figures_are_hidden_and_why(city):  # noqa: F811 (the fixture)
    """The tryout: "% chưa rút sau 30 ngày" hidden for 70 of 126 communes and its "±" for 92,
    without a word. Now a sentence above the table counts them, figure by figure, with a link
    to the rule; the xlsx carries it too."""
    month = city.storage.dash_months()[-1]
    ana = login(city, "ana")
    raw = ana.get(f"/communes?period={month}").text
    page = _unescape(raw)
    rows = _table(page, "communes")
    columns = _columns(page, "communes")
    note = re.search(r'<p class="note" id="hidden_count">(.*?)</p>', raw, re.S)
    assert note, "a sentence counts the hidden figures"
    text = _unescape(re.sub(r"<[^>]+>", "", note.group(1)))
    assert '<a href="#privacy">' in note.group(1) and 'id="privacy"' in page
    counted = 0
    # of the communes with figures (the ninth tryout: "3/126" when 8 had figures)
    paid_at = columns.index(metric_label("recipients_paid", "vi"))
    with_data = [r for r in rows if r[paid_at] != "—"]
    assert 0 < len(with_data) < len(rows)
    for label in ("% chưa rút sau 30 ngày", "± % chưa rút sau 30 ngày", "Tỷ lệ đã rút tiền"):
        at = columns.index(label)
        hidden = sum(1 for r in rows if r[at].split(" ")[0] in ("ẩn", "<", "x"))
        if hidden:
            assert f"{label} {hidden}/{len(with_data)}" in text, (label, text)
            counted += 1
        else:
            assert f"{label} " not in text.replace(f"± {label}", "")
    assert counted >= 1
    assert "dưới 5 người" in text
    # the search narrows the count to the communes listed
    only = _unescape(ana.get(f"/communes?period={month}&q=ba+dinh").text)
    assert "/1" in re.search(r'id="hidden_count">(.*?)</p>', only, re.S).group(1) or (
        'id="hidden_count"' not in only
    )
    book = _sheets(ana, f"/communes?period={month}")[0]
    assert any("Ô bị ẩn" in str(r[0].value) for r in book.iter_rows() if r[0].value)


def test_the_change_can_be_against_three_months_before(city):  # noqa: F811 (the fixture)
    """The tryout: "±" compared only month to month. Now a choice: three months before, as it
    stood the same number of days after its start (the cells kept for a lag of 3 months)."""
    from city_server.dashboard.cells import commune_figures, lag_dim
    from desktop_app.core.metrics_cells import HIDDEN_CHANGE, change_of, suppress_rows
    from desktop_app.core.report_export import format_number

    months = city.storage.dash_months()
    month = months[-1]
    back = _period_text(_period_index(month) - 3)
    ana = login(city, "ana")
    page = _unescape(ana.get(f"/communes?period={month}&vs=3").text)
    assert '<option value="3" selected>3 tháng trước</option>' in page
    now = suppress_rows({c: f for c, _, f in commune_figures(city.storage, [month], None) if f})
    was = commune_figures(city.storage, [back], None, lag_dim("total", 3))
    before = suppress_rows({c: f for c, _, f in was if f})
    at = _columns(page, "communes").index("± % đã rút")
    names = {commune_name(c): c for c in (BA_DINH, NGOC_HA, HOAN_KIEM)}
    for row in _table(page, "communes"):
        code = names.get(row[0])
        if code is None:
            continue
        change = change_of(now.get(code, {}), before.get(code, {}), "withdrew_pct")
        cell = row[at].replace("▲", "").replace("▼", "").replace("→", "").strip()
        if back < months[0]:
            assert cell == "—"
        elif change == HIDDEN_CHANGE:
            assert cell == "ẩn"
        elif change is not None:
            assert cell == f"{'+' if change > 0 else ''}{format_number(change, 'vi')} điểm"
    if back < months[0]:
        assert f"chưa có số liệu trước {_label(months[0])}" in page
    else:
        assert f"so với {_label(back)} như số liệu lúc" in page
    # the headings keep the choice when sorting; the exports say it and the order
    head = re.search(r'<a href="([^"]*sort=change_withdrew_pct&[^"]*)"', page).group(1)
    assert "vs=3" in head
    sheet = _sheets(ana, "/communes" + head.replace("&amp;", "&"))[0]
    subtitle = sheet["A2"].value
    assert "Cột «±» so với: 3 tháng trước" in subtitle
    assert "Xếp theo: ± % đã rút, từ lớn đến nhỏ" in subtitle


def commune_name(code: str) -> str:
    from city_server.dashboard.pages import commune_name as name

    return name(code)


def test_the_officials_list_filters_by_village_and_waiting_in_the_address(city):  # noqa: F811 (the fixture)
    """The tryout: 97 of 100 people all waiting ~365 days, no way to find "who do I call today".
    Now the list narrows by village and by how long people have waited, in the GET address (a
    link or an export holds the same list)."""
    off = login(city, "off")
    base = f"/communes/{NGOC_HA}"
    page = _unescape(off.get(base).text)
    everyone = _table(page, "not_received")
    villages = sorted({r[3] for r in everyone})
    assert len(everyone) >= 5 and len(villages) >= 2
    assert '<select name="village">' in page and '<select name="wait">' in page
    # the list's filters are a form of the list's own, whose answer opens at the list (on a
    # phone the list is ~8,000 px down the page); a change of months keeps them
    form = re.search(
        r'<form method="get" class="filters" action="([^"]+)">(.*?)</form>',
        page[page.index('id="not_received"') :],
        re.S,
    )
    assert form.group(1) == f"{base}#not_received" and 'name="village"' in form.group(2)
    narrowed_page = _unescape(off.get(f"{base}?wait=gt90").text)
    top = narrowed_page[: narrowed_page.index('id="not_received"')]
    assert '<input type="hidden" name="wait" value="gt90">' in top
    village = villages[0]
    narrowed = _unescape(off.get(f"{base}?village={village.replace(' ', '+')}").text)
    rows = _table(narrowed, "not_received")
    assert rows and all(r[3] == village for r in rows)
    assert len(rows) == sum(1 for r in everyone if r[3] == village) < len(everyone)
    assert f"đang lọc: {len(rows)} / {len(everyone)} người" in narrowed
    # "paid in the last 30 days": someone whose latest payment is recent, even while an older
    # one still waits (the tryout: 24 people paid in November were behind "366 days" and the
    # filter found nobody); "waiting over 90 days": the oldest payment not withdrawn
    from city_server.dashboard.cells import waiting_people

    kept = waiting_people(city.storage, NGOC_HA)
    assert [e["name"] for e in kept] == [r[0] for r in everyone]
    for wait, test in (("le30", lambda e: e["newest"] <= 30), ("gt90", lambda e: e["days"] > 90)):
        page = _unescape(off.get(f"{base}?wait={wait}").text)
        rows = _table(page, "not_received")
        expected = [e["name"] for e in kept if test(e)]
        assert expected and [r[0] for r in rows] == expected, wait
    assert any(e["newest"] <= 30 < e["days"] for e in kept), "someone paid lately, also waiting"
    # the export of the narrowed page holds the narrowed list and says how it was narrowed
    sheets = _sheets(off, f"{base}?village={village.replace(' ', '+')}&wait=le90")
    sheet = next(s for s in sheets if s.title.startswith("Chưa rút tiền"))
    names = [r[0].value for r in sheet.iter_rows(min_row=5) if r[1].value is not None]
    page = _unescape(off.get(f"{base}?village={village.replace(' ', '+')}&wait=le90").text)
    assert names == [r[0] for r in _table(page, "not_received")]
    assert f"Thôn / Tổ dân phố: {village}" in sheet["A2"].value
    assert "Số ngày chờ: Tiền vào trong 90 ngày qua" in sheet["A2"].value
    # an unknown village or choice is no filter at all, never an empty list by mistake
    page = _unescape(off.get(f"{base}?village=Kh%C3%B4ng+c%C3%B3&wait=abc").text)
    assert len(_table(page, "not_received")) == len(everyone)


def test_the_small_things_of_the_pages_and_exports(city):  # noqa: F811 (the fixture)
    """The tryout's small findings: "các xã, phường khác chưa có số liệu" with no others; xlsx
    day changes "-3.0 ngày" where the page says "-3 ngày"; an official's trends table with the
    same series in three identical columns."""
    off = login(city, "off")
    page = _unescape(off.get("/overview").text)
    assert "Có số liệu của xã, phường này." in page and "xã, phường khác" not in page
    assert "cả 1 trên 1" not in page  # the tenth tryout: it read oddly
    ana = login(city, "ana")
    assert "các xã, phường khác chưa có số liệu" in _unescape(ana.get("/overview").text)
    month = city.storage.dash_months()[-1]
    sheet = _sheets(ana, f"/communes?period={month}")[0]
    header = [c.value for c in sheet[4]]
    col = header.index("± số ngày đến khi rút")
    cells = [r[col] for r in sheet.iter_rows(min_row=5) if isinstance(r[col].value, int | float)]
    assert cells
    for cell in cells:
        whole = float(cell.value).is_integer()
        assert cell.number_format.startswith('+0" ngày"' if whole else '+0.0" ngày"'), cell
    # the official's trends: their commune once, not three identical columns
    page = _unescape(off.get(f"/trends?communes={NGOC_HA}").text)
    assert _columns(page, "trend") == ["Tháng", "Xã, phường của tôi"]
    # an analyst with one commune chosen: the city and that commune, no "chosen communes" copy
    page = _unescape(ana.get(f"/trends?communes={NGOC_HA}").text)
    assert _columns(page, "trend") == ["Tháng", "Hà Nội", commune_name(NGOC_HA)]
    page = _unescape(ana.get(f"/trends?communes={NGOC_HA}&communes={BA_DINH}").text)
    assert len(_columns(page, "trend")) == 5  # month, city, the two together, each


def test_pdf_columns_fit_their_longest_word_and_dates_stay_whole():
    from fpdf import FPDF

    from city_server.dashboard.exports import _numeric, _pdf_widths
    from city_server.dashboard.pages import Shown, Table
    from desktop_app.core.report_export import FONT_FAMILY, font_path

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font(FONT_FAMILY, "", str(font_path("")))
    pdf.add_font(FONT_FAMILY, "B", str(font_path("B")))
    pdf.add_page()
    columns = ["Xã, phường"] + [f"Chỉ số {i}" for i in range(12)] + ["Lần gửi gần nhất"]
    rows = [["Phường Hoàn Kiếm"] + ["12,5 %"] * 12 + ["05/12/2026 04:22"] for _ in range(5)]
    widths, fits = _pdf_widths(pdf, Table("communes", "t", columns, rows))
    assert fits and abs(sum(widths) - 277) < 0.01
    assert widths[-1] > pdf.get_string_width("05/12/2026 04:22")
    assert all(w > pdf.get_string_width("12,5 %") for w in widths[1:-1])
    assert _numeric(Shown("12,5 %", 12.5, True)) and _numeric("< 5") and _numeric("-3 ngày")
    assert not _numeric("Phường Hoàn Kiếm") and not _numeric("THIẾU SỐ LIỆU")
    # headings over figures stand right, over them; over words, left
    from city_server.dashboard.exports import heading_aligns

    mixed = Table(
        "c", "t", ["Xã", "Đã rút", "Trạng thái"], [["A", "12,5 %", "đủ"], ["B", "ẩn", "—"]]
    )
    assert heading_aligns(mixed) == ["L", "R", "L"]
    assert heading_aligns(Table("communes", "t", columns, rows))[1:-1] == ["R"] * 12


def test_a_wide_english_table_prints_its_headings_without_cutting_words():
    """The tryout's English communes PDF read "withdrawa l", "withdra w", "Payment s": the bold
    headings were measured in the regular face, and 15 columns did not fit at 7 pt."""
    from fpdf import FPDF

    from city_server.dashboard.exports import PDF_SIZES, _pdf_widths
    from city_server.dashboard.pages import Table
    from desktop_app.core.report_export import FONT_FAMILY, font_path

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font(FONT_FAMILY, "", str(font_path("")))
    pdf.add_font(FONT_FAMILY, "B", str(font_path("B")))
    pdf.add_page()
    columns = [
        "Commune", "Days from credit to withdrawal (median)", "± days to withdraw",
        "Share withdrawn", "± % withdrawn", "% not withdrawn after 7 days",
        "% not withdrawn after 30 days", "± % not withdrawn after 30 days",
        "Travel time to withdraw (minutes, median)", "% who paid a fee",
        "Fee of those who paid one (VND, median)",
        "Share who needed help or a proxy", "Payments credited",
        "Laptops: enrolled / sent data since the month shown began", "Last sync (Hà Nội time)",
        "% of beneficiaries with a payment record this month", "Data status",
    ]  # fmt: skip
    rows = [
        ["Phường Văn Miếu - Quốc Tử Giám", "12", "+3 days", "hidden", "+4.1 points", "27.3 %",
         "6.7 %", "-2.6 points", "20", "1,100", "31.2 %", "150", "1 / 1", "2026-12-05 16:17",
         "100 %", "DATA MISSING"]
    ] * 3  # fmt: skip

    def laid_out(columns, rows):
        for size in PDF_SIZES:  # as to_pdf does
            widths, fits = _pdf_widths(pdf, Table("c", "t", columns, rows), size)
            if fits:
                return size, widths
        raise AssertionError("does not fit even at the smallest size")

    wider = columns + [f"{c} (again)" for c in columns[1:4]]  # 19 columns: smaller type
    for cols, table_rows in ((columns, rows), (wider, [r + r[1:4] for r in rows])):
        size, widths = laid_out(cols, table_rows)
        assert abs(sum(widths) - 277) < 0.01
        pdf.set_font(FONT_FAMILY, "B", size)
        for heading, width in zip(cols, widths, strict=True):
            assert all(pdf.get_string_width(w) + 2 < width for w in heading.split()), heading
    assert size < 7


def test_the_readme_demo_shows_masked_ids_and_silent_communes(live_server):
    """The tryout: the README's demo could not show two documented features: every masked ID
    was "—" and every commune had data. Now most persons with consent have a made-up, valid ID
    number, and in a demo of ten or more communes the last two laptops fell silent 75 days ago
    (THIẾU SỐ LIỆU on the default month)."""
    import os
    import subprocess
    import sys

    from city_server.dashboard.cells import follow_up_list
    from city_server.dashboard.demo import build_demo
    from desktop_app.core.citizen_id import parse_citizen_id

    storage = live_server.storage
    summary = build_demo(storage, 10, 60, 3, progress=False)
    silent = summary["silent_communes"]
    assert len(silent) == 2
    everyone = []
    for code in _demo_codes(10):
        found, _ = storage.dash_report_sources(code, "0000-01", "9999-12")
        once = {json.dumps(s["person"], sort_keys=True): s["person"] for s in found}
        everyone += list(once.values())
    ids = [p.get("citizen_id") for p in everyone if p.get("citizen_id")]
    assert len(ids) > len(everyone) // 3 and len(set(ids)) == len(ids)
    for number in ids:
        parse_citizen_id(number)  # well-formed (DOMAIN.md §1)
    masked = [n.masked_id for c in _demo_codes(10) for n in follow_up_list(storage, c)]
    assert any(m and "*" in m for m in masked)
    env = {**os.environ, "TANTAY_PASSWORD": "analyst-pass-1"}
    cmd = [sys.executable, "-m", "city_server", "user", "add", "ana", "--role", "city_analyst"]
    cmd += ["--db", live_server.db, *live_server.keys_args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    page = login(live_server, "ana").get("/communes").text
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(
            r'<tr[^>]*>\s*<th scope="row"><a href="/communes/(\d{5})\?.*?</tr>', page, re.S
        )
    }
    for code in _demo_codes(10):
        assert ("THIẾU SỐ LIỆU" in rows[code]) == (code in silent), code


def _demo_codes(n: int) -> list[str]:
    from desktop_app.core.admin_units import hanoi_communes

    return [c.code for c in hanoi_communes()][:n]


def test_no_comparison_with_a_previous_period_partly_before_the_data(city):  # noqa: F811 (the fixture)
    """Seen on the screenshots: a range whose previous period began before the first month with
    figures was compared with that part (321 payments against 1,650: "+1.329")."""
    months = city.storage.dash_months()
    first, last = months[0], months[-1]
    ana = login(city, "ana")
    page = _unescape(ana.get(f"/overview?from={months[-3]}&to={last}").text)
    assert len(months) == 3 and first == months[-3]
    assert f"chưa có số liệu trước {_label(first)}" in page
    rows = {r[0]: r for r in _table(page, "headline")}
    assert rows["Tỷ lệ đã rút tiền"][3] == "—"


def test_a_long_list_to_act_on_is_paged_and_read_from_the_kept_list(live_server):
    """A commune at city density has ~2,400 people on the list: the page shows 100 at a time
    (the pager keeps the filters and jumps to the list), an export holds them all, and the page
    reads the list the refresher keeps (not every month's payments on every view) — kept again
    after a batch marks the commune, and never used from another day."""
    from city_server.dashboard.auth import add_user
    from city_server.dashboard.cells import refresh, waiting_people
    from city_server.dashboard.demo import build_demo

    storage = live_server.storage
    build_demo(storage, 1, 1000, 2, progress=False, codes=[NGOC_HA])
    add_user(storage, "off", "official-pass-1", "commune_official", [NGOC_HA])
    off = login(live_server, "off", "official-pass-1")
    today = date.today().isoformat()
    day, kept = storage.dash_waiting(NGOC_HA)
    assert day == today
    assert kept == waiting_people(storage, NGOC_HA) and len(kept) > 100
    base = f"/communes/{NGOC_HA}"
    seen, link, pages = [], base, 0
    while link:
        page = _unescape(off.get(link).text)
        rows = _table(page, "not_received")
        pages += 1
        assert len(rows) == (100 if pages * 100 <= len(kept) else len(kept) % 100)
        first = len(seen) + 1
        assert f"Dòng {first}–{len(seen) + len(rows)} trên {len(kept)}" in page
        seen += [r[0] for r in rows]
        found = re.search(r'<a href="(\?[^"]*list_page=\d+#not_received)" rel="next">', page)
        link = base + found.group(1).replace("&amp;", "&") if found else None
    assert pages == -(-len(kept) // 100) >= 2
    assert seen == [e["name"] for e in kept], "every person once, oldest waiting first"
    # the export: everyone, not one page
    sheets = _sheets(off, f"{base}?list_page=2")
    sheet = next(s for s in sheets if s.title.startswith("Chưa rút tiền"))
    names = [r[0].value for r in sheet.iter_rows(min_row=5) if r[1].value is not None]
    assert names == seen
    # a filter keeps its place in the pager's links
    page = off.get(f"{base}?wait=le90").text
    links = re.findall(r'href="(\?[^"]*list_page=[^"]*)"', page)
    assert links and all("wait=le90" in href for href in links)
    # the page reads the kept list: one kept as empty today empties the page...
    storage.dash_keep_waiting(NGOC_HA, today, [])
    assert _table(_unescape(off.get(base).text), "not_received") == [["Không có ai."]]
    # ...a batch's mark and the refresher's round keep the real one again...
    storage.dash_mark([(NGOC_HA, "2000-01")])
    refresh(storage, outdated=False)
    assert storage.dash_waiting(NGOC_HA) == (today, kept)
    # ...a list kept yesterday (before the refresher's first round of the day) is carried
    # forward a day: everyone has waited one day more...
    from datetime import timedelta

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    back = [{**e, "days": e["days"] - 1, "newest": e["newest"] - 1} for e in kept]
    storage.dash_keep_waiting(NGOC_HA, yesterday, back)
    rows = _table(_unescape(off.get(base).text), "not_received")
    assert [int(r[2].replace(".", "")) for r in rows] == [e["days"] for e in kept[:100]]
    # ...and one kept long ago is not used: computed again for today
    storage.dash_keep_waiting(NGOC_HA, "2000-01-01", [])
    assert len(_table(_unescape(off.get(base).text), "not_received")) == 100


def test_no_hidden_figure_comes_back_from_the_trends_of_chosen_communes(live_server):
    """The tryout: Hoàn Kiếm's "% not withdrawn after 30 days" was "< 5" on its page, Hoài
    Đức's 10 % on its page, and the trends of the two chosen together gave 7 % of 200
    payments: 14 − 10 = 4 people. Now a commune's figure is hidden on every page the same way
    (the communes table's rule, with every other commune), and "chosen communes" is hidden in
    a month when any of them is; the commune pages show the communes table's figures."""
    from city_server.dashboard.auth import add_user
    from city_server.dashboard.demo import build_demo
    from city_server.dashboard.texts import metric_label

    storage = live_server.storage
    codes = [BA_DINH, NGOC_HA, HOAN_KIEM, "00025"]
    build_demo(storage, 4, 160, 4, progress=False, codes=codes, seed=11)
    add_user(storage, "ana", "analyst-pass-1", "city_analyst", [])
    ana = login(live_server, "ana", "analyst-pass-1")
    months = storage.dash_months()
    hidden = ("< 5", "x", "ẩn")
    checked_hidden = 0
    for metric in ("not_withdrawn_after_30_pct", "not_withdrawn_after_7_pct", "withdrew_pct"):
        label = metric_label(metric, "vi")
        query = "&".join(f"communes={c}" for c in codes[:3])
        trends = _unescape(ana.get(f"/trends?metric={metric}&to={months[-1]}&{query}").text)
        columns = _columns(trends, "trend")
        rows = {r[0]: r for r in _table(trends, "trend")}
        for m in months:
            table = _unescape(ana.get(f"/communes?period={m}").text)
            at = _columns(table, "communes").index(label)
            in_table = {r[0]: r[at] for r in _table(table, "communes")}
            row = next(v for k, v in rows.items() if k.startswith(_label(m)))
            members = []
            for code in codes[:3]:
                name = commune_name(code)
                shown = row[columns.index(name)].split(" —")[0]
                assert shown == in_table[name].split(" ")[0] or shown.startswith(
                    in_table[name].split(" ")[0]
                ), (metric, m, name, shown, in_table[name])
                members.append(shown)
                page = _unescape(ana.get(f"/communes/{code}?from={m}&to={m}").text)
                head = {r[0]: r[1] for r in _table(page, "headline")}
                if label in head:
                    assert head[label].split(" —")[0] == shown.split(" —")[0], (metric, m, code)
            together = row[columns.index("Các xã đã chọn")]
            if any(v.startswith(hidden) for v in members):
                checked_hidden += 1
                assert together.startswith(hidden), (metric, m, members, together)
    assert checked_hidden, "the data must hide some commune's figure for the test to mean anything"


def test_signing_in_on_an_older_tab_after_another_goes_on_to_the_page(city):  # noqa: F811 (the fixture)
    """The sixth tryout: /login open in two tabs, signed in on the second; the first tab's
    submit said "Phiên đăng nhập đã hết hạn" although the browser was signed in. The same
    person now goes on to the page asked for; another name still gets the fresh form (its token
    is gone: no second account signed in from a stale form), and nothing is signed in anew."""
    import httpx
    from test_dashboard import PASSWORDS

    token = re.compile(r'name="csrf" value="([^"]+)"')
    browser = httpx.Client(base_url=city.url, timeout=30)
    tab_a = token.search(browser.get("/login?next=/communes").text).group(1)
    tab_b = token.search(browser.get("/login").text).group(1)
    signed = browser.post(
        "/login", data={"csrf": tab_b, "user": "ana", "password": PASSWORDS["ana"]}
    )
    assert signed.status_code == 303
    sessions = browser.cookies.get("tantay_session")
    again = browser.post(
        "/login", data={"csrf": tab_a, "user": "ANA ", "password": "anything", "next": "/communes"}
    )
    assert again.status_code == 303 and again.headers["location"] == "/communes"
    assert browser.cookies.get("tantay_session") == sessions  # no new session
    other = browser.post(
        "/login", data={"csrf": tab_a, "user": "off", "password": PASSWORDS["off"]}
    )
    assert other.status_code == 400 and "hết hạn" in _unescape(other.text)
    assert browser.get("/overview").status_code == 200  # still ana


def test_the_overview_says_which_months_lack_communes_and_that_a_change_may_be_missing_data(
    live_server,
):
    """The sixth tryout: a quarter's overview said "figures from all 126 of 126 communes"
    though two had sent nothing for two of its months, and the fall against the previous
    quarter read as better. Now it counts the communes with data in every month, names the
    months some lack, and says beside the comparison how many communes each period had."""
    from datetime import timedelta

    from city_server.dashboard.auth import add_user
    from city_server.dashboard.demo import build_demo

    storage = live_server.storage
    build_demo(storage, 2, 80, 6, progress=False, codes=[BA_DINH, NGOC_HA])
    # Hoàn Kiếm: payment records only up to three months ago (its laptop went silent)
    early = date.today() - timedelta(days=62)
    build_demo(storage, 1, 40, 4, progress=False, codes=[HOAN_KIEM], seed=3, as_of=early)
    add_user(storage, "ana", "analyst-pass-1", "city_analyst", [])
    add_user(storage, "off", "official-pass-1", "commune_official", [BA_DINH, NGOC_HA, HOAN_KIEM])
    hk_last = max(storage.dash_payment_periods(HOAN_KIEM))
    after = [_period_text(_period_index(hk_last) + i) for i in (1, 2)]
    assert after[-1] <= storage.dash_months()[-1]
    off = login(live_server, "off", "official-pass-1")
    page = _unescape(off.get(f"/overview?from={hk_last}&to={after[-1]}").text)
    assert (
        "Số liệu đủ mọi tháng từ 2 trên 3 xã, phường; 1 xã, phường không có số liệu chi trả cho"
        f" một số tháng ({', '.join(_label(m) for m in after)})" in page
    ), re.findall(r"Số liệu[^<]*", page)
    assert "Kỳ này có số liệu từ" not in page  # Hoàn Kiếm is in both quarters
    # the month after its last: Hoàn Kiếm has none of it, the month before had it
    page = _unescape(off.get(f"/overview?from={after[0]}&to={after[0]}").text)
    assert "Số liệu từ 2 trên 3 xã, phường" in page
    assert "Kỳ này có số liệu từ 2 xã, phường, kỳ trước từ 3" in page
    # everyone in the month and the one before: said so, and no comparison warning
    page = _unescape(off.get(f"/overview?from={hk_last}&to={hk_last}").text)
    assert "Số liệu từ cả 3 trên 3 xã, phường" in page and "Kỳ này có số liệu" not in page


def test_the_refresher_warms_what_the_trends_keep(live_server):
    """After its round, each worker's refresher computes each month's communes hidden together
    (the Trends of chosen communes read them): the first view after new cells pays nothing;
    new cells (another stamp) are computed again."""
    import time

    from city_server.dashboard import pages
    from city_server.dashboard.cells import Refresher
    from city_server.dashboard.demo import build_demo

    storage = live_server.storage
    build_demo(storage, 2, 40, 3, progress=False, codes=[BA_DINH, NGOC_HA])
    months = storage.dash_months()
    mine = [k for k in pages._HIDDEN_MONTHS if k[0] == id(storage)]
    for k in mine:
        del pages._HIDDEN_MONTHS[k]
    refresher = Refresher(storage, interval=0.05, after=pages.warm).start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(
            (id(storage), None, "total", m) in pages._HIDDEN_MONTHS for m in months
        ):
            time.sleep(0.05)
    finally:
        refresher.stop()
    kept = {m: pages._HIDDEN_MONTHS[(id(storage), None, "total", m)] for m in months}
    assert kept[months[-1]][1] == pages.commune_rows(storage, months[-1:], None)
    assert set(kept[months[-1]][1]) == {BA_DINH, NGOC_HA}
    # new cells: another stamp, computed again
    storage.dash_mark([(BA_DINH, "*")])
    from city_server.dashboard.cells import refresh

    refresh(storage, outdated=False)
    assert pages._cells_stamp(storage) != kept[months[-1]][0]


def test_a_share_on_fewer_than_five_payments_is_hidden_in_words_not_as_under_5():
    """The eighth tryout read "Tỷ lệ đã rút tiền < 5" as "under 5 %": a share resting on
    fewer than 5 payments now says "ẩn" / "hidden", as a share hidden for other reasons does;
    a count keeps "< 5"."""
    from city_server.dashboard.pages import MEDIAN_KEYS, PCT_KEYS, fmt
    from desktop_app.core.metrics_cells import SUPPRESSED

    for key in PCT_KEYS | MEDIAN_KEYS:  # "< 5 ngày" would read as "under 5 days" too
        assert str(fmt(SUPPRESSED, "vi", key)) == "ẩn", key
        assert str(fmt(SUPPRESSED, "en", key)) == "hidden", key
    assert "days_to_withdraw_median" in MEDIAN_KEYS and "withdrew_pct" in PCT_KEYS
    for count in ("recipients_paid", "withdrew_count", "not_withdrawn_after_30"):
        assert str(fmt(SUPPRESSED, "vi", count)) == "< 5"


def test_a_chart_with_every_value_hidden_is_not_drawn_as_an_empty_frame():
    """The eighth tryout: an official's charts were empty frames with a lone "1" on the axis
    (every count of a small commune hidden). No chart then; the table beside says "< 5"."""
    from city_server.dashboard.charts import bars, columns, lines

    hidden = [("1", "< 5"), ("2", "< 5"), ("3", "x")]
    assert columns(hidden, "t") == "" and bars(hidden, "t") == ""
    assert lines(["2026-10", "2026-11"], [("A", [None, "ẩn"])], "t") == ""
    assert columns([("1", 0), ("2", 7)], "t").startswith("<svg")
    assert bars([("a", 0), ("b", "< 5")], "t").startswith("<svg")  # a zero is a value
    assert lines(["2026-10", "2026-11"], [("A", [None, 12.5])], "t").startswith("<svg")


def test_convenience_scores_are_in_words_as_the_laptop_asks_them(city):  # noqa: F811 (fixture)
    """A bare "1" … "5" beside counts says nothing on paper: the scores read as the form on the
    laptop puts them ("1 — rất khó khăn" … "5 — rất thuận tiện"), in both languages."""
    ana = login(city, "ana")
    rows = _table(_unescape(ana.get(f"/communes/{NGOC_HA}").text), "convenience")
    assert [r[0] for r in rows] == [
        "1 — rất khó khăn",
        "2 — khó khăn",
        "3 — tạm được",
        "4 — thuận tiện",
        "5 — rất thuận tiện",
    ]
    ana.get("/lang/en")
    english = _table(_unescape(ana.get(f"/communes/{NGOC_HA}").text), "convenience")
    assert english[0][0] == "1 — very hard" and english[4][0] == "5 — very convenient"


def test_the_overview_and_a_ward_say_when_their_month_is_not_30_days_over(city):  # noqa: F811
    """The ninth tryout: the communes page and the trends warned that the latest month's "not
    withdrawn after 30 days" was falsely low; the overview showed "37 ▼ −16" in green, and
    its files, without a word."""
    from city_server.dashboard.pages import not_final

    ana = login(city, "ana")
    months = city.storage.dash_months()
    words = "chưa đủ 30 ngày kể từ cuối tháng, nên «chưa rút sau 30 ngày» còn thấp giả tạo"
    for month in (months[-1], months[0]):
        expected = bool(not_final(month, "not_withdrawn_after_30"))
        for path in (f"/overview?from={month}&to={month}", f"/communes/{NGOC_HA}?to={month}"):
            page = _unescape(ana.get(path).text)
            assert (words in page) == expected, (path, expected)
    assert not_final(months[-1], "not_withdrawn_after_30")  # the demo's latest month is recent
    assert not not_final(months[0], "not_withdrawn_after_30")


def test_a_hidden_share_sits_right_like_the_figures_of_its_column(city):  # noqa: F811
    """The ninth tryout: «ẩn» stood to the left in columns of right-aligned figures."""
    ana = login(city, "ana")
    months = city.storage.dash_months()
    hidden = 0
    for month in months:
        page = ana.get(f"/communes?period={month}").text
        cells = re.findall(r"<td([^>]*)>ẩn</td>", page)
        hidden += len(cells)
        assert not [c for c in cells if 'class="text"' in c], month
    assert hidden  # the demo hides some shares somewhere


def test_the_trends_follow_distance_and_proxies_too(city):  # noqa: F811 (the fixture)
    """The ninth tryout: "is the distance to withdraw getting better?" — the trends offered
    neither distance nor the share withdrawn by a proxy."""
    ana = login(city, "ana")
    options = re.findall(r'<option value="([a-z0-9_]+)"', ana.get("/trends").text)
    assert {"distance_median", "proxy_share", "fees_paid_pct", "fees_median"} <= set(options)
    page = _unescape(ana.get("/trends?metric=distance_median").text)
    assert "Quãng đường đi rút tiền (km, trung vị)" in page
    rows = _table(page, "trend")
    assert any(r[1] not in ("—", "ẩn", "< 5") for r in rows)  # the city's distances, by month


def test_the_trends_say_which_months_lack_some_communes(city):  # noqa: F811 (the fixture)
    """The ninth tryout: the city's line dropped from 1,000 to 800 payments the month two
    communes stopped sending, and only the overview said why."""
    ana = login(city, "ana")
    page = _unescape(ana.get("/trends").text)
    assert re.search(r"Số liệu (đủ mọi tháng )?từ (cả )?\d+ trên 126 xã, phường", page)
    # read from the trends' own cells, it is the note the communes' figures give
    from city_server.dashboard.pages import coverage_notes

    months = [f"{r[0][-4:]}-{r[0][6:8]}" for r in _table(page, "trend")]
    assert coverage_notes(city.storage, months, [], None, "vi")[0] in page


def test_a_headline_change_keeps_its_sign_and_unit_in_the_xlsx(city):  # noqa: F811
    """The ninth tryout: the overview's xlsx showed "2.8" and "5" in "Thay đổi" where the page
    shows "+2,8 điểm" and "+5 phút"."""
    ana = login(city, "ana")
    months = city.storage.dash_months()
    sheet = _sheets(ana, f"/overview?from={months[-1]}&to={months[-1]}")[0]
    rows = {r[0].value: r for r in sheet.iter_rows() if r and isinstance(r[0].value, str)}
    share = rows["Tỷ lệ đã rút tiền"][3]
    assert isinstance(share.value, int | float)
    assert share.number_format.startswith("+#,##0") and '" điểm"' in share.number_format
    travel = rows["Thời gian đi lại để rút tiền (phút, trung vị)"][3]
    assert '" phút"' in travel.number_format
    page = _unescape(ana.get(f"/overview?from={months[-1]}&to={months[-1]}").text)
    travel_row = next(r for r in _table(page, "headline") if r[0].startswith("Thời gian đi lại"))
    assert travel_row[3].split()[-2] == "phút" or travel_row[3] == "—"


def test_either_way_of_a_sort_keeps_the_communes_without_a_figure_last(city):  # noqa: F811 (the fixture)
    """The tenth tryout: reversing "% đã rút" put 123 rows of «ẩn» and «—», in code order, above
    the three communes with a figure. Now, either way: figures first, then hidden, then no
    data, the last two in name order; and the column still sorts by its figure."""
    from city_server.dashboard.pages import commune_name, commune_sort_key
    from desktop_app.core.admin_units import hanoi_communes

    ana = login(city, "ana")
    shown_any = False  # some month has communes with a figure to sort
    for month, desc in ((m, d) for m in city.storage.dash_months()[-3:] for d in ("", "1")):
        page = _unescape(ana.get(f"/communes?period={month}&sort=withdrew_pct&desc={desc}").text)
        rows = _table(page, "communes")
        at = _columns(page, "communes").index(metric_label("withdrew_pct", "vi"))
        paid_at = _columns(page, "communes").index(metric_label("recipients_paid", "vi"))
        kinds = [0 if r[at][:1].isdigit() else 1 if r[paid_at] != "—" else 2 for r in rows]
        assert kinds == sorted(kinds) and kinds[-1] == 2, kinds
        shown_any |= kinds[0] == 0
        values = [float(r[at].split(" ")[0].replace(",", ".")) for r in rows if r[at][:1].isdigit()]
        assert values == sorted(values, reverse=desc == "1")
        codes = {commune_name(c.code): c.code for c in hanoi_communes()}
        empty = [codes[r[0]] for r, kind in zip(rows, kinds, strict=True) if kind == 2]
        assert len(empty) > 100 and empty == sorted(empty, key=commune_sort_key)
    assert shown_any


def test_a_change_of_a_month_not_final_is_not_coloured_better_or_worse(city):  # noqa: F811 (the fixture)
    """The tenth tryout: "Số lượt chưa rút tiền sau 30 ngày 16 ▼ -16" in green right above
    "… còn thấp giả tạo — không phải là cải thiện". A change of a figure not final for the month
    keeps its arrow and number, without the colour of better or worse; a settled month's
    changes keep their colours."""
    from city_server.dashboard.pages import not_final

    ana = login(city, "ana")
    months = city.storage.dash_months()
    coloured = 0
    for month in (months[-1], months[-2]):  # last month; the month before, settled
        page = ana.get(f"/overview?from={month}&to={month}").text
        cards = re.findall(
            r'<div class="label">(.*?)</div>.*?<div class="delta ([a-z]*)">', page, re.S
        )
        assert len(cards) == 3, cards
        for (label, tone), key in zip(
            cards,
            ("withdrew_pct", "days_to_withdraw_median", "not_withdrawn_after_30"),
            strict=True,
        ):
            if not_final(month, key):
                assert tone == "", (month, label, tone)
            coloured += tone in ("good", "bad")
    assert coloured  # the settled month's changes still say better or worse


def test_a_small_wards_page_says_why_so_much_is_hidden_and_its_charts_name_hidden_columns(city):  # noqa: F811 (the fixture)
    """The tenth tryout: a ward of 20 people showed «ẩn» for its "% đã rút" and most cells
    without a word of what to do, and its days-to-withdraw chart drew only the one column of 5
    or more, reading "everyone withdrew in 4–7 days". Now the page says to choose more months,
    and every column of a chart says its count or "< 5"."""
    from city_server.dashboard.charts import columns
    from city_server.dashboard.demo import build_demo

    build_demo(city.storage, 1, 3, 2, progress=False, codes=["00025"], seed=21)
    month = city.storage.dash_months()[-1]
    ana = login(city, "ana")
    small = _unescape(ana.get(f"/communes/00025?from={month}&to={month}").text)
    card = re.search(
        r'<div class="label">Tỷ lệ đã rút tiền</div><div class="value">(.*?)</div>', small
    )
    assert card and card.group(1) == "ẩn"
    assert "Chọn nhiều tháng hơn" in small
    assert "Báo cáo đầy đủ của xã" not in small  # the analyst has no such report
    # the ward's own official is told where every figure is (the seventeenth tryout)
    from city_server.dashboard.auth import add_user

    add_user(city.storage, "off25", "official-pass-25", "commune_official", ["00025"])
    own = _unescape(
        login(city, "off25", "official-pass-25")
        .get(f"/communes/00025?from={month}&to={month}")
        .text
    )
    assert "Chọn nhiều tháng hơn" in own and "có mọi con số của xã, không ẩn ô nào" in own
    big = _unescape(
        ana.get(f"/communes/{NGOC_HA}?from={city.storage.dash_months()[0]}&to={month}").text
    )
    assert "Chọn nhiều tháng hơn" not in big
    chart = columns([("0", 12), ("1", "< 5"), ("2–3", 0), ("4–7", "x")], "Số ngày")
    said = re.findall(r'text-anchor="middle" class="(val|lbl)">([^<]*)</text>', chart)
    assert ("val", "12") in said and ("lbl", "&lt; 5") in said and ("lbl", "x") in said


def test_a_month_reads_the_same_on_its_page_and_in_every_12_month_table(city):  # noqa: F811 (the fixture)
    """The tenth tryout: a ward's October was 55 % on its own page and on the Trends but «ẩn» in
    the 12-month table below it, and June was shown in one month's table, hidden in another's.
    Each month's "% đã rút" in any commune page's 12-month table is now its own page's."""
    from desktop_app.core.report_export import month_label

    ana = login(city, "ana")
    months = city.storage.dash_months()
    card = r'<div class="label">Tỷ lệ đã rút tiền</div><div class="value">(.*?)</div>'
    for code in (BA_DINH, NGOC_HA, HOAN_KIEM):
        own = {}
        for m in months:
            page = _unescape(ana.get(f"/communes/{code}?from={m}&to={m}").text)
            own[m] = re.search(card, page).group(1)
        for to in months[-2:]:
            page = _unescape(ana.get(f"/communes/{code}?from={to}&to={to}").text)
            table = {r[0]: r[1].split(" — ")[0] for r in _table(page, "trend")}
            for m in months:
                if m <= to:
                    assert table[month_label(m, "vi")] == own[m], (code, to, m)


def test_the_communes_table_can_list_only_the_communes_with_figures(city):  # noqa: F811 (the fixture)
    """The tenth tryout: six communes with figures among 126 rows, 120 of them «THIẾU SỐ LIỆU»
    (nine screens on a phone). "Chỉ xã, phường có số liệu" keeps the others out, through a
    sort, in the file and its filter line; the hidden cells are counted as before."""
    month = city.storage.dash_months()[-1]
    ana = login(city, "ana")
    every = _table(_unescape(ana.get(f"/communes?period={month}").text), "communes")
    page = _unescape(ana.get(f"/communes?period={month}&data=1").text)
    rows = _table(page, "communes")
    paid_at = _columns(page, "communes").index(metric_label("recipients_paid", "vi"))
    assert 0 < len(rows) < len(every) and all(r[paid_at] != "—" for r in rows)
    assert len(rows) == sum(1 for r in every if r[paid_at] != "—")
    assert 'name="data" value="1" checked' in page
    assert "&amp;data=1&amp;sort=withdrew_pct" in page.replace("&", "&amp;").replace(
        "&amp;amp;", "&amp;"
    )
    sorted_rows = _table(
        _unescape(ana.get(f"/communes?period={month}&data=1&sort=withdrew_pct&desc=1").text),
        "communes",
    )
    assert sorted(r[0] for r in sorted_rows) == sorted(r[0] for r in rows)
    sheet = _sheets(ana, f"/communes?period={month}&data=1")[0]
    texts = [str(c.value) for r in sheet.iter_rows(max_row=4) for c in r if c.value]
    assert any("Chỉ xã, phường có số liệu" in x for x in texts)
