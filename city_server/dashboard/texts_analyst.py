"""Texts of the analyst pages added in issue 14, round five: sorting by change, months outside
the data, months too recent for a figure, how many figures are hidden, the list's filters.
Merged into ``texts.TEXTS`` (Vietnamese first, then English)."""

from __future__ import annotations

ANALYST_TEXTS: dict[str, tuple[str, str]] = {
    "sort_rise_first": ("Xếp: tăng nhiều nhất lên đầu", "Sort: largest rise first"),
    "sort_fall_first": ("Xếp: giảm nhiều nhất lên đầu", "Sort: largest fall first"),
    "sorted_desc": ("Đang xếp từ lớn đến nhỏ", "Sorted largest first"),
    "sorted_asc": ("Đang xếp từ nhỏ đến lớn", "Sorted smallest first"),
    "range_clamped": (
        "Trang chỉ hiện các tháng từ {first} (tháng đầu tiên có số liệu) đến {last} (tháng"
        " hiện tại): khoảng đã chọn ({asked}) ra ngoài khoảng đó nên trang đang hiện {shown}.",
        "Pages show the months from {first} (the first with figures) to {last} (the current"
        " month): the range chosen ({asked}) goes outside them, so the page shows {shown}.",
    ),
    "no_earlier_note": (
        "Không có so sánh với kỳ trước: chưa có số liệu trước {first}.",
        "No comparison with the previous period: there are no figures before {first}.",
    ),
    "mark_unfinished": ("chưa hết tháng", "month not over"),
    "mark_days_30": ("chưa đủ 30 ngày", "30 days not passed"),
    "mark_days_7": ("chưa đủ 7 ngày", "7 days not passed"),
    "not_final_legend": ("Chưa đủ số liệu (nét đứt)", "Not final yet (dashed)"),
    "chart_gaps": (
        "Không có điểm: {months} (ẩn vì dưới 5 người, hoặc chưa có số liệu; xem bảng)",
        "No point for {months} (hidden under 5 people, or no data; see the table)",
    ),
    "not_final_note": (
        "Các tháng ghi «chưa hết tháng» hoặc «chưa đủ 30 ngày» (trên biểu đồ của trang: điểm"
        " rỗng, nét đứt) chưa phải số liệu cuối cùng: % chưa rút sau 30 ngày của tháng chưa đủ 30 ngày còn"
        " thấp giả tạo — không phải là cải thiện; % đã rút và số ngày đến khi rút của tháng đó"
        " còn tăng khi người nhận tiền cuối tháng đi rút.",
        "Months marked “month not over” or “30 days not passed” (on the page's chart: hollow"
        " points, dashed lines) are not final: the % not withdrawn after 30 days of a month whose 30 days"
        " have not passed is falsely low — not an improvement; that month's % withdrawn and days"
        " to withdraw still rise as people paid late in the month withdraw.",
    ),
    # the tenth tryout: "paid in the last 90 days" listed people waiting 148 days
    "wait_hint": (
        "«Tiền vào trong … ngày qua»: người có một lần tiền vào gần đây chưa rút; số ngày chờ là"
        " của lần chưa rút lâu nhất.",
        "“Paid in the last … days”: people with a recent payment not withdrawn; the days waiting"
        " are those of their oldest payment not withdrawn.",
    ),
    "only_with_data": ("Chỉ xã, phường có số liệu", "Only communes with figures"),
    "list_only": ("Chỉ danh sách này, để in:", "This list alone, to print:"),
    "list_alone": ("chỉ danh sách cần liên hệ", "the list to contact alone"),
    "few_hidden": (
        "Ít người trong kỳ này: «% đã rút» và nhiều ô khác được ẩn để không ai bị nhận ra. Chọn"
        " nhiều tháng hơn (Từ tháng … Đến tháng) để xem thêm số liệu.",
        "Few people in this period: “% withdrawn” and many other figures are hidden so that no one"
        " can be singled out. Choose more months (From … To) to see more figures.",
    ),
    "few_full_report": (
        "Báo cáo đầy đủ của xã (tải ở trên, .xlsx hoặc PDF) có mọi con số của xã, không ẩn ô nào,"
        " như trang Báo cáo trên máy tính của tổ.",
        "The commune's full report (download above, .xlsx or PDF) has every figure of the"
        " commune, none hidden, as the team laptops' Reports page.",
    ),
    "range_not_final": (
        "{month}: chưa đủ 30 ngày kể từ cuối tháng, nên «chưa rút sau 30 ngày» còn thấp giả tạo"
        " — không phải là cải thiện; số đã rút và số ngày đến khi rút còn tăng khi người nhận"
        " tiền cuối tháng đi rút.",
        "{month}: 30 days have not passed since the month ended, so “not withdrawn after 30"
        " days” is still falsely low — not an improvement; the withdrawals and days to withdraw"
        " still rise as people paid late in the month withdraw.",
    ),
    "communes_not_final": (
        "{month}: chưa đủ 30 ngày kể từ cuối tháng, nên «% chưa rút sau 30 ngày» còn thấp giả"
        " tạo; cột «±» của nó so với tháng trước cũng ở cùng số ngày như vậy.",
        "{month}: 30 days have not passed since the month ended, so “% not withdrawn after 30"
        " days” is still falsely low; its “±” compares with the month before at the same number"
        " of days.",
    ),
    "hidden_counts": (
        "Ô bị ẩn («< 5», «x», «ẩn») trong bảng, trên số xã, phường đang liệt kê có số liệu: {list}. Ẩn vì"
        " dưới 5 người, hoặc vì từ ô đó có thể tính ngược ra một số dưới 5 người.",
        "Hidden figures (“< 5”, “x”, “hidden”) in the table, of the communes listed with figures: {list}."
        " Hidden because under 5 persons, or because a figure under 5 could be worked out from"
        " them.",
    ),
    "sort_by": ("Xếp theo", "Sorted by"),
    "order_desc": ("từ lớn đến nhỏ", "largest first"),
    "order_asc": ("từ nhỏ đến lớn", "smallest first"),
    "coverage_partial": (
        "Số liệu đủ mọi tháng từ {n} trên {m} xã, phường; {k} xã, phường không có số liệu chi trả"
        " cho một số tháng ({months}): tổng của các tháng đó thấp hơn thực tế (xem trang Xã,"
        " phường).",
        "Figures for every month from {n} of {m} communes; {k} communes have no payment records"
        " for some of the months ({months}): those months' totals are lower than the truth (see"
        " the Communes page).",
    ),
    "coverage_compare": (
        "Kỳ này có số liệu từ {a} xã, phường, kỳ trước từ {b}: một phần thay đổi so với kỳ trước"
        " có thể chỉ do số liệu thiếu, không phải do người dân rút tiền nhanh hay chậm hơn.",
        "This period has figures from {a} communes, the previous one from {b}: part of the change"
        " may be only data missing, not people withdrawing faster or slower.",
    ),
    "coverage_all": (
        "Số liệu từ cả {m} trên {m} xã, phường.",
        "Figures from all {m} of {m} communes.",
    ),
    # one commune (an official's): "cả 1 trên 1" read oddly (the tenth tryout)
    "coverage_one": ("Có số liệu của xã, phường này.", "This commune's figures are in."),
    "list_filtered": ("đang lọc: {n} / {m} người", "filtered: {n} of {m} people"),
    "all_villages": ("Tất cả thôn, tổ", "Every village"),
    "any_wait": ("Bao lâu cũng được", "Any time"),
    "wait_le30": ("Tiền vào trong 30 ngày qua", "Paid in the last 30 days"),
    "wait_le60": ("Tiền vào trong 60 ngày qua", "Paid in the last 60 days"),
    "wait_le90": ("Tiền vào trong 90 ngày qua", "Paid in the last 90 days"),
    "wait_gt90": ("Chờ hơn 90 ngày", "Waiting over 90 days"),
    "privacy_rule": ("Quy tắc ẩn số liệu", "The hiding rule"),
    "vs": ("Cột «±» so với", "“±” against"),
    "vs_1": ("tháng trước", "the month before"),
    "vs_3": ("3 tháng trước", "three months before"),
    "vs3_note": (
        "Mũi tên và cột «±»: so với {prev} như số liệu lúc {day} — cùng số ngày kể từ đầu tháng"
        " như hôm nay với tháng đang xem; xanh là tốt hơn, đỏ là xấu hơn cho chỉ số đó.",
        "Arrows and “±” columns: against {prev} as it stood on {day} — the same number of days"
        " after its start as today after the month shown; green is better, red is worse for"
        " that figure.",
    ),
    "changes_note3": (
        "Cột «±»: thay đổi so với 3 tháng trước (điểm % hoặc số ngày), bấm vào tiêu đề để xếp"
        " chỗ tăng nhiều nhất lên đầu; «ẩn» khi một trong hai số liệu đã ẩn, vì nếu không sẽ"
        " tính ngược ra được số đã ẩn.",
        "“±” columns: the change against three months before (percentage points or days);"
        " click the heading to put the largest rise first; “hidden” when either figure is"
        " hidden, as the change would give the hidden one back.",
    ),
}
