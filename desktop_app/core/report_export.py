"""Render a PaymentAccessReport to xlsx, a printable A4 PDF, and JSON.

Nothing here ever writes an ID number: the report holds none, and every text is scrubbed of
digit runs that look like one (9 or more digits) as a last line of defence. Files are written to a
temporary name beside the target and renamed, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core.benefits import (
    AGE_BANDS,
    CHANNELS,
    CONVENIENCE,
    barrier_label,
    channel_label,
)
from desktop_app.core.metrics_cells import NO_CONSENT_NAME
from desktop_app.core.payment_metrics import (
    CHANGE_KEYS,
    PaymentAccessReport,
    settled,
    too_few_to_compare,
)
from desktop_app.core.sheet_text import keep_text, sheet_text

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_FAMILY = "DejaVuSans"

# Summary figures in display order: key -> (Vietnamese, English, kind).
# kind: "count", "pct", "days", "minutes", "km", "vnd".
SUMMARY_METRICS: dict[str, tuple[str, str, str]] = {
    "recipients_paid": ("Số lượt đã được chi trả (tiền đã vào)", "Payments credited", "count"),
    "people_paid": ("Số người đã được chi trả", "People paid", "count"),
    "withdrew_count": ("Số lượt đã rút / nhận tiền", "Payments withdrawn", "count"),
    "withdrew_pct": ("Tỷ lệ đã rút tiền", "Share withdrawn", "pct"),
    "accounts_opened": (
        "Tài khoản mới mở (xem cùng số đã rút tiền)",
        "Accounts opened (read beside withdrawals)",
        "count",
    ),
    "days_to_withdraw_median": (
        "Số ngày từ khi tiền vào đến khi rút (trung vị)",
        "Days from credit to withdrawal (median)",
        "days",
    ),
    "days_to_withdraw_p90": (
        "Số ngày từ khi tiền vào đến khi rút (90% số người)",
        "Days from credit to withdrawal (90th percentile)",
        "days",
    ),
    "not_withdrawn_after_7": (
        "Số lượt chưa rút tiền sau 7 ngày trở lên",
        "Payments not withdrawn after 7 days or more",
        "count",
    ),
    "not_withdrawn_after_30": (
        "Số lượt chưa rút tiền sau 30 ngày trở lên",
        "Payments not withdrawn after 30 days or more",
        "count",
    ),
    "travel_minutes_median": (
        "Thời gian đi lại để rút tiền (phút, trung vị)",
        "Travel time to withdraw (minutes, median)",
        "minutes",
    ),
    "distance_median": (
        "Quãng đường đi rút tiền (km, trung vị)",
        "Distance travelled (km, median)",
        "km",
    ),
    "fees_paid_pct": ("Tỷ lệ phải trả phí khi rút tiền", "Share who paid a fee to withdraw", "pct"),
    "fees_median": (
        "Phí của người phải trả (đồng, trung vị)",
        "Fee of those who paid one (VND, median)",
        "vnd",
    ),
    "needed_help_share": (
        "Tỷ lệ cần người giúp hoặc nhận thay",
        "Share who needed help or a proxy",
        "pct",
    ),
    "proxy_share": ("Tỷ lệ người được ủy quyền nhận thay", "Share withdrawn by a proxy", "pct"),
}

DATA_HEADERS: dict[str, tuple[str, str]] = {
    "period": ("Kỳ", "Period"),
    "person_name": ("Họ và tên", "Name"),
    "village": ("Thôn / Tổ dân phố", "Village"),
    "channel": ("Hình thức nhận", "Channel"),
    "age_band": ("Nhóm tuổi", "Age band"),
    "amount": ("Số tiền (đồng)", "Amount (VND)"),
    "credited_on": ("Ngày tiền vào", "Credited on"),
    "withdrawn_on": ("Ngày rút", "Withdrawn on"),
    "days_to_withdraw": ("Số ngày đến khi rút", "Days to withdraw"),
    "withdrawn_by": ("Người rút", "Withdrawn by"),
    "travel_minutes": ("Thời gian đi (phút)", "Travel (min)"),
    "distance_km": ("Quãng đường (km)", "Distance (km)"),
    "fees": ("Phí (đồng)", "Fees (VND)"),
    "barriers": ("Khó khăn", "Barriers"),
    "convenience": ("Mức thuận tiện (1–5)", "Convenience (1–5)"),
}

# The columns of the "by channel" and "by age band" tables (metrics_cells.BREAKDOWN_KEYS), as
# the city dashboard's breakdown names them.
BREAKDOWN_HEADERS: dict[str, tuple[str, str]] = {
    "recipients_paid": ("Số lượt đã chi trả", "Payments credited"),
    "withdrew_pct": ("% đã rút", "% withdrawn"),
    "days_to_withdraw_median": ("Trung vị số ngày đến khi rút", "Median days to withdraw"),
    "not_withdrawn_after_30_pct": ("% chưa rút sau 30 ngày", "% not withdrawn after 30 days"),
    "needed_help_share": ("% cần người giúp", "% needing help"),
}
BREAKDOWN_DIMS = {"channel": "by_channel", "age_band": "by_age_band"}

NOT_RECEIVED_HEADERS: dict[str, tuple[str, str]] = {
    "person_name": ("Họ và tên", "Name"),
    "village": ("Thôn / Tổ dân phố", "Village"),
    "channel": ("Hình thức nhận", "Channel"),
    "days_since_credit": ("Số ngày từ khi tiền vào", "Days since credit"),
    "payments": ("Số kỳ chưa rút", "Payments not withdrawn"),
    "barriers": ("Khó khăn", "Barriers"),
}

WITHDRAWN_BY: dict[str, tuple[str, str]] = {
    "self": ("Tự rút", "Self"),
    "proxy": ("Người nhận thay", "Proxy"),
    "helped": ("Có người giúp", "Helped"),
    "not_recorded": ("Chưa ghi", "Not recorded"),
}

DATA_QUALITY: dict[str, tuple[str, str]] = {
    "withdrawn_before_credited": (
        "Ngày rút trước ngày tiền vào (tính là 0 ngày)",
        "Withdrawn before credited (counted as 0 days)",
    ),
    "withdrawn_date_missing": (
        "Đã rút nhưng thiếu ngày rút",
        "Withdrawn, date missing",
    ),
    "withdrawn_not_credited": (
        "Có ngày rút nhưng chưa có ngày tiền vào",
        "Withdrawal recorded without a credit",
    ),
    "convenience_out_of_range": ("Mức thuận tiện ngoài 1–5", "Convenience outside 1–5"),
    "unknown_barrier": ("Mã khó khăn không rõ (tính là «khác»)", "Unknown barrier (as 'other')"),
    "bad_period": ("Kỳ chi trả không đúng dạng YYYY-MM", "Period not YYYY-MM"),
    "bad_date": ("Ngày không đọc được", "Unreadable date"),
}

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("BÁO CÁO TIẾP CẬN CHI TRẢ KHÔNG DÙNG TIỀN MẶT", "PAYMENT ACCESS REPORT"),
    "place": ("Địa bàn", "Area"),
    "not_final": ("Lưu ý", "Note"),
    "not_final_text": (
        "chưa đủ 30 ngày kể từ cuối {month}, nên «chưa rút tiền sau 30 ngày» còn thấp giả tạo —"
        " không phải là cải thiện; số đã rút và số ngày đến khi rút còn tăng.",
        "30 days have not passed since the end of {month}, so “not withdrawn after 30 days” is"
        " still falsely low — not an improvement; the withdrawals and days to withdraw still"
        " rise.",
    ),
    "period": ("Kỳ báo cáo", "Period"),
    "as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "filters": ("Lọc theo", "Filters"),
    "no_filter": ("Toàn bộ", "None"),
    "metric": ("Chỉ số", "Metric"),
    "value": ("Giá trị", "Value"),
    "previous": ("Kỳ trước", "Previous period"),
    "change": ("Thay đổi", "Change"),
    "barriers": ("Khó khăn khi nhận tiền (số lượt)", "Barriers to getting the money (payments)"),
    "convenience": ("Mức độ thuận tiện do người dân tự đánh giá", "Convenience, in people's words"),
    "withdrawn_by": ("Ai rút tiền (số lượt đã rút)", "Who withdrew (payments withdrawn)"),
    "not_received": (
        "Danh sách đã được chi trả trong kỳ báo cáo nhưng chưa rút tiền",
        "Paid in the report's period but not withdrawn",
    ),
    "data_quality": ("Chất lượng dữ liệu", "Data quality"),
    "none": ("Không có", "None"),
    "privacy": (
        "Tài liệu có thông tin cá nhân: chỉ dùng cho công tác hỗ trợ người dân, không chia sẻ.",
        "Contains personal data: for helping the people listed only; do not share.",
    ),
    "page": ("Trang", "Page"),
    "summary_sheet": ("Tổng hợp", "Summary"),
    "data_sheet": ("Dữ liệu", "Data"),
    "not_received_sheet": ("Chưa nhận tiền", "Not received"),
    "breakdown_sheet": ("Theo nhóm", "By group"),
    "no_consent": (NO_CONSENT_NAME, "(no consent to share information)"),
    "few_previous": (
        "kỳ trước chỉ có {n} lượt chi trả được ghi, quá ít để so sánh: cột «Thay đổi» để trống.",
        "the previous period has only {n} payment records, too few to compare: the change is left"
        " empty.",
    ),
    "by_channel": ("Theo hình thức nhận", "By channel"),
    "by_age_band": ("Theo nhóm tuổi", "By age band"),
    "breakdown_note": (
        "Mỗi bảng giữ các bộ lọc khác của báo cáo và bỏ bộ lọc của chính nó.",
        "Each table keeps the report's other filters and drops its own.",
    ),
    "not_recorded": ("Chưa ghi", "Not recorded"),
    "no_data": ("Không có số liệu", "No data"),
}

FILTER_LABELS = {
    "village": ("Thôn", "Village"),
    "channel": ("Hình thức nhận", "Channel"),
    "age_band": ("Nhóm tuổi", "Age band"),
}

_ID_LIKE = re.compile(r"\d{9,}")


def _scrub(text: str) -> str:
    """Mask any run of 9+ digits (an ID or account number that slipped into free text)."""
    return _ID_LIKE.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], text)


def _t(key: str, lang: str) -> str:
    vi, en = TEXTS[key]
    return en if lang == "en" else vi


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def format_number(value: float | int | None, lang: str = "vi", decimals: int = 1) -> str:
    """A number for print: Vietnamese '1.234.567' and '12,5'; English '1,234,567' and '12.5'."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{int(value):,}"
    if lang != "en":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_metric(key: str, value: Any, lang: str = "vi") -> str:
    """A summary figure with its unit, as printed."""
    if value is None:
        return "—"
    kind = SUMMARY_METRICS[key][2] if key in SUMMARY_METRICS else "count"
    if key.endswith("_pct"):  # the breakdowns' "% not withdrawn after 30 days"
        kind = "pct"
    text = format_number(value, lang)
    return text + " %" if kind == "pct" else text


def _format_change(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    suffix = " điểm %" if lang != "en" else " pts"
    kind = SUMMARY_METRICS[key][2]
    return sign + format_number(value, lang) + (suffix if kind == "pct" else "")


def _format_date(value: date | None, lang: str) -> str:
    if value is None:
        return ""
    return value.isoformat() if lang == "en" else f"{value.day:02d}/{value.month:02d}/{value.year}"


MONTH_NAMES_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_label(period: str, lang: str) -> str:
    """ "Tháng 10/2026" or "October 2026" for "2026-10" (the text itself if it is not one)."""
    try:
        year, number = int(period[:4]), int(period[5:7])
        if len(period) != 7 or not 1 <= number <= 12:
            raise ValueError(period)
    except ValueError:
        return period
    if lang == "en":
        return f"{MONTH_NAMES_EN[number - 1]} {year}"
    return f"Tháng {number:02d}/{year}"


def not_final_text(report: PaymentAccessReport, lang: str) -> str:
    """The caveat of a report whose last month is not 30 days over ("" when it is): printed
    under its period, as the dashboard says it beside such a month (the ninth tryout: the
    laptop's report printed "0 not withdrawn after 30 days" for the month just ended)."""
    if settled(report.period_to, report.as_of):
        return ""
    return _t("not_final_text", lang).replace("{month}", month_label(report.period_to, lang))


def few_previous_text(report: PaymentAccessReport, lang: str) -> str:
    """Why the change against the previous period is empty ("" when it is not for that)."""
    if not too_few_to_compare(report):
        return ""
    return _t("few_previous", lang).replace("{n}", str(report.previous.rows_in_scope))


def _period_text(report: PaymentAccessReport, lang: str) -> str:
    """The months the report covers in words ("Tháng 09/2026 – Tháng 11/2026"): a printed
    "2026-11" was read as a date by the tryout's commune official."""
    if report.period_from == report.period_to:
        return month_label(report.period_from, lang)
    return f"{month_label(report.period_from, lang)} – {month_label(report.period_to, lang)}"


def _filters_text(report: PaymentAccessReport, lang: str) -> str:
    parts = []
    for key, value in report.filters.items():
        values = [value] if isinstance(value, str) else list(value)
        if key == "channel":
            values = [channel_label(v, lang) for v in values]
        elif key == "age_band":
            values = [AGE_BANDS[v].text(lang) if v in AGE_BANDS else v for v in values]
        parts.append(f"{_pick(FILTER_LABELS[key], lang)}: {', '.join(values)}")
    return "; ".join(parts) if parts else _t("no_filter", lang)


def _atomic_write(path: Path | str, write: Callable[[Path], None]) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


# --- JSON -------------------------------------------------------------------------------------


def report_to_json(report: PaymentAccessReport, *, include_rows: bool = False) -> dict[str, Any]:
    """The report as a JSON-ready dict (keys listed in docs/METRICS.md). No ID numbers.

    ``rows`` (the per-payment data) is included only when ``include_rows`` is true.
    """
    out: dict[str, Any] = {
        "format": 1,
        "period_from": report.period_from,
        "period_to": report.period_to,
        "as_of": report.as_of.isoformat(),
        "filters": {k: v if isinstance(v, str) else list(v) for k, v in report.filters.items()},
        "rows_in_scope": report.rows_in_scope,
    }
    for key in SUMMARY_METRICS:
        out[key] = getattr(report, key)
    out["days_to_withdraw_n"] = report.days_to_withdraw_n
    out["withdrawn_by_counts"] = dict(report.withdrawn_by_counts)
    out["barrier_counts"] = dict(report.barrier_counts)
    out["convenience_distribution"] = {
        str(k): v for k, v in report.convenience_distribution.items()
    }
    out["not_received"] = [
        {
            "person_name": _scrub(n.person_name),
            "village": _scrub(n.village),
            "channel": n.channel,
            "days_since_credit": n.days_since_credit,
            "payments": n.payments,
            "barriers": list(n.barriers),
        }
        for n in report.not_received
    ]
    out["data_quality"] = dict(report.data_quality)
    out["change"] = dict(report.change)
    if report.previous is not None:
        prev = report.previous
        out["previous"] = {
            "period_from": prev.period_from,
            "period_to": prev.period_to,
            "as_of": prev.as_of.isoformat(),
            "rows_in_scope": prev.rows_in_scope,
            **{key: getattr(prev, key) for key in SUMMARY_METRICS},
        }
    else:
        out["previous"] = None
    if report.breakdowns:
        out["breakdowns"] = {
            dim: [
                {
                    "key": key,
                    "rows_in_scope": figures["rows_in_scope"],
                    **{k: figures[k] for k in BREAKDOWN_HEADERS},
                }
                for key, figures in groups
            ]
            for dim, groups in report.breakdowns.items()
        }
    if include_rows:
        out["rows"] = [
            {
                k: (
                    v.isoformat() if isinstance(v, date) else _scrub(v) if isinstance(v, str) else v
                )
                for k, v in row.items()
            }
            for row in report.rows
        ]
    return out


# --- xlsx -------------------------------------------------------------------------------------


def _cell_value(key: str, value: Any, lang: str) -> Any:
    """A data cell: labels for codes, dates and numbers as they are, text a worksheet holds."""
    content = _cell_content(key, value, lang)
    return sheet_text(content) if isinstance(content, str) else content


def _cell_content(key: str, value: Any, lang: str) -> Any:
    if value is None:
        return None
    if key == "channel":
        return channel_label(value, lang)
    if key == "barriers":
        return ", ".join(barrier_label(b, lang) for b in value)
    if key == "withdrawn_by":
        return _pick(WITHDRAWN_BY[value], lang) if value in WITHDRAWN_BY else str(value)
    if key == "age_band":
        return AGE_BANDS[value].text(lang) if value in AGE_BANDS else value
    if key == "person_name" and value == NO_CONSENT_NAME:
        return _t("no_consent", lang)  # in English too (the fifteenth tryout)
    if isinstance(value, str):
        return _scrub(value)
    return value


def group_label(dim: str, key: str, lang: str) -> str:
    """A channel's or an age band's words; "Chưa ghi" for a payment without a channel."""
    table = {"channel": CHANNELS, "age_band": AGE_BANDS}[dim]
    if key in table:
        return table[key].text(lang)
    return key or _t("not_recorded", lang)


def _header(pair: tuple[str, str], lang: str) -> str:
    return f"{pair[0]} / {pair[1]}" if lang == "en" else pair[0]


def export_xlsx(
    report: PaymentAccessReport, path: Path | str, *, lang: str = "vi", place: str = ""
) -> Path:
    """Write the report as an xlsx workbook: summary, data and not-received sheets.

    Labels are Vietnamese; with ``lang="en"`` an English label is added beside each one.
    ``place``: the commune (or "Hà Nội") the report is of, printed under the title.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = TEXTS["summary_sheet"][0]
    ws.append([TEXTS["title"][0]] + ([TEXTS["title"][1]] if lang == "en" else []))
    ws["A1"].font = Font(bold=True, size=14)
    if place:
        ws.append([_header(TEXTS["place"], lang), sheet_text(place)])
    ws.append([_header(TEXTS["period"], lang), _period_text(report, "vi")])
    ws.append([_header(TEXTS["as_of"], lang), report.as_of])
    ws.cell(row=ws.max_row, column=2).number_format = "DD/MM/YYYY"
    ws.append([_header(TEXTS["filters"], lang), sheet_text(_filters_text(report, "vi"))])
    if not_final_text(report, "vi"):
        ws.append([_header(TEXTS["not_final"], lang), not_final_text(report, "vi")])
    if few_previous_text(report, "vi"):
        ws.append([_header(TEXTS["not_final"], lang), few_previous_text(report, "vi")])
    ws.append([])
    head = [TEXTS["metric"][0], TEXTS["value"][0], TEXTS["previous"][0], TEXTS["change"][0]]
    if lang == "en":
        head.append(TEXTS["metric"][1])
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font = bold
    prev = report.previous
    for key, (vi, en, kind) in SUMMARY_METRICS.items():
        value = getattr(report, key)
        row = [
            vi,
            value,
            getattr(prev, key) if prev is not None and prev.rows_in_scope else None,
            report.change.get(key),
        ]
        if lang == "en":
            row.append(en)
        ws.append(row)
        for col in (2, 3, 4):
            cell = ws.cell(row=ws.max_row, column=col)
            # a share as "86,1 %"; its change in points as a number ("−13,9")
            cell.number_format = _number_format(cell.value, kind if col < 4 else "change")
    ws.append([])
    ws.append([_header(TEXTS["barriers"], lang)])
    ws.cell(row=ws.max_row, column=1).font = bold
    for code, count in report.barrier_counts.items():
        ws.append(
            [barrier_label(code, "vi"), count]
            + ([barrier_label(code, "en")] if lang == "en" else [])
        )
    if not report.barrier_counts:
        ws.append([_t("none", "vi")])
    if report.withdrawn_by_counts:
        ws.append([])
        ws.append([_header(TEXTS["withdrawn_by"], lang)])
        ws.cell(row=ws.max_row, column=1).font = bold
        for code, count in report.withdrawn_by_counts.items():
            pair = WITHDRAWN_BY.get(code, (code, code))
            ws.append([pair[0], count] + ([pair[1]] if lang == "en" else []))
    ws.append([])
    ws.append([_header(TEXTS["convenience"], lang)])
    ws.cell(row=ws.max_row, column=1).font = bold
    for score, count in report.convenience_distribution.items():
        label = CONVENIENCE.get(score)
        if label is None:
            ws.append([score, count])
        else:  # the score in words, as on the laptop's form ("1 — rất khó khăn")
            ws.append([label.vi, count] + ([label.en] if lang == "en" else []))
    if report.data_quality:
        ws.append([])
        ws.append([_header(TEXTS["data_quality"], lang)])
        ws.cell(row=ws.max_row, column=1).font = bold
        for code, count in report.data_quality.items():
            pair = DATA_QUALITY.get(code, (code, code))
            ws.append([pair[0], count] + ([pair[1]] if lang == "en" else []))
    ws.append([])
    ws.append([_t("privacy", "vi")] + ([_t("privacy", "en")] if lang == "en" else []))
    ws.column_dimensions["A"].width = 55
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 12
    ws.column_dimensions["E"].width = 50

    data = wb.create_sheet(TEXTS["data_sheet"][0])
    data.append([_header(DATA_HEADERS[k], lang) for k in DATA_HEADERS])
    for cell in data[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True)
    for row in report.rows:
        cells = {k: row.get(k) for k in DATA_HEADERS}
        if cells["withdrawn_on"] and not cells["withdrawn_by"]:
            cells["withdrawn_by"] = "not_recorded"  # withdrawn, but nobody wrote down by whom
        data.append([_cell_value(k, v, lang) for k, v in cells.items()])
    for col, key in enumerate(DATA_HEADERS, start=1):
        if key in ("credited_on", "withdrawn_on"):
            for (cell,) in data.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = "DD/MM/YYYY"
    data.freeze_panes = "A2"

    if report.breakdowns:
        _breakdown_sheet(wb.create_sheet(TEXTS["breakdown_sheet"][0], 1), report, lang, bold)

    nr = wb.create_sheet(TEXTS["not_received_sheet"][0])
    nr.append([_header(NOT_RECEIVED_HEADERS[k], lang) for k in NOT_RECEIVED_HEADERS])
    for cell in nr[1]:
        cell.font = bold
    for item in report.not_received:
        nr.append([_cell_value(k, getattr(item, k), lang) for k in NOT_RECEIVED_HEADERS])
    nr.freeze_panes = "A2"
    for sheet in (data, nr):
        for letter in "ABCDEFGHIJKLMNO":
            sheet.column_dimensions[letter].width = 18
        sheet.column_dimensions["B" if sheet is data else "A"].width = 28
    keep_text(wb)  # a name or address typed as "=HYPERLINK(…)" is text, never a formula
    return _atomic_write(path, lambda tmp: wb.save(tmp))


def _number_format(value: Any, kind: str) -> str:
    """A share with its "%" ("86.1 %"), a whole number without a trailing separator ("#,##0.##"
    showed "36." in Excel and LibreOffice: the fifteenth tryout), else one decimal."""
    if kind == "pct":
        return '0.0" %"'
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "#,##0"
    return "#,##0.0"


def _breakdown_sheet(ws, report: PaymentAccessReport, lang: str, bold) -> None:
    """The figures by channel and by age band, one table under the other."""
    from openpyxl.styles import Alignment

    ws.append([_t("breakdown_note", "vi")] + ([_t("breakdown_note", "en")] if lang == "en" else []))
    for dim, title in BREAKDOWN_DIMS.items():
        groups = report.breakdowns.get(dim)
        if groups is None:
            continue
        ws.append([])
        ws.append([_header(TEXTS[title], lang)])
        ws.cell(row=ws.max_row, column=1).font = bold
        head = [_header(FILTER_LABELS[dim], lang)]
        ws.append(head + [_header(pair, lang) for pair in BREAKDOWN_HEADERS.values()])
        for cell in ws[ws.max_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for key, figures in groups:
            label = group_label(dim, key, "vi")
            if lang == "en":
                label += f" / {group_label(dim, key, 'en')}"
            ws.append([label] + [figures.get(k) for k in BREAKDOWN_HEADERS])
            for col, k in enumerate(BREAKDOWN_HEADERS, start=2):
                cell = ws.cell(row=ws.max_row, column=col)
                cell.number_format = _number_format(
                    cell.value, "pct" if k.endswith(("_pct", "_share")) else "count"
                )
        if not groups:
            ws.append([_t("none", "vi")])
    ws.column_dimensions["A"].width = 40
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = 18


# --- PDF --------------------------------------------------------------------------------------


def font_path(style: str = "") -> Path:
    """The shipped Unicode TTF for ``style`` ('' or 'B') under resources/fonts/."""
    from desktop_app.paths import RESOURCES

    return RESOURCES / "fonts" / FONT_FILES[style]


def export_pdf(
    report: PaymentAccessReport, path: Path | str, *, lang: str = "vi", place: str = ""
) -> Path:
    """Write the report as a printable A4 PDF with bar charts, in ``lang`` ('vi' or 'en').

    The DejaVu Sans font is embedded (subset) so Vietnamese prints correctly anywhere.
    ``place``: the commune (or "Hà Nội") the report is of, printed under the title.
    """
    pdf = _build_pdf(report, lang, place)
    return _atomic_write(path, lambda tmp: pdf.output(str(tmp)))


def _build_pdf(report: PaymentAccessReport, lang: str, place: str = ""):
    from fpdf import FPDF

    footer_text = _t("privacy", lang)
    page_word = _t("page", lang)

    class _ReportPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT_FAMILY, "", 7)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"{footer_text}   {page_word} {self.page_no()}/{{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = _ReportPDF(orientation="P", unit="mm", format="A4")
    for style, _name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, str(font_path(style)))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(15, 15, 15)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_title(_t("title", lang))

    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.multi_cell(0, 7, _t("title", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "", 10)
    note = not_final_text(report, lang)
    for label, value in (
        *(((_t("place", lang), place),) if place else ()),
        (_t("period", lang), _period_text(report, lang)),
        (_t("as_of", lang), _format_date(report.as_of, lang)),
        (_t("filters", lang), _filters_text(report, lang)),
        *(((_t("not_final", lang), note),) if note else ()),
        *(((_t("not_final", lang), few),) if (few := few_previous_text(report, lang)) else ()),
    ):
        pdf.multi_cell(0, 5.5, f"{label}: {_scrub(value)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    prev = (
        report.previous if report.previous is not None and report.previous.rows_in_scope else None
    )
    pdf.set_font(FONT_FAMILY, "", 9)
    with pdf.table(
        col_widths=(100, 25, 25, 25),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        head = table.row()
        for key in ("metric", "value", "previous", "change"):
            head.cell(_t(key, lang))
        for key, (vi, en, _kind) in SUMMARY_METRICS.items():
            row = table.row()
            row.cell(en if lang == "en" else vi)
            row.cell(format_metric(key, getattr(report, key), lang))
            row.cell(format_metric(key, getattr(prev, key), lang) if prev else "—")
            row.cell(
                _format_change(key, report.change.get(key), lang) if key in CHANGE_KEYS else "—"
            )
    pdf.ln(4)
    if report.breakdowns:
        _breakdown_tables(pdf, report, lang)

    # who withdrew, with the withdrawals nobody wrote it down for (as the xlsx and the screen
    # give it; the fifteenth tryout found the PDF without it)
    _bar_chart(
        pdf,
        _t("withdrawn_by", lang),
        [
            (_pick(WITHDRAWN_BY.get(code, (code, code)), lang), count)
            for code, count in report.withdrawn_by_counts.items()
        ],
        lang,
    )
    _bar_chart(
        pdf,
        _t("barriers", lang),
        [(barrier_label(code, lang), count) for code, count in report.barrier_counts.items()],
        lang,
    )
    _bar_chart(
        pdf,
        _t("convenience", lang),
        [
            (CONVENIENCE[score].text(lang) if score in CONVENIENCE else str(score), count)
            for score, count in report.convenience_distribution.items()
        ],
        lang,
    )

    if report.data_quality:
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.cell(0, 7, _t("data_quality", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 9)
        for code, count in report.data_quality.items():
            label = _pick(DATA_QUALITY.get(code, (code, code)), lang)
            pdf.cell(
                0, 5, f"• {label}: {format_number(count, lang)}", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(3)

    # the list on the same page when its title and a few rows fit (a page held only a chart)
    if pdf.get_y() + 40 > pdf.h - pdf.b_margin:
        pdf.add_page()
    else:
        pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(0, 7, _t("not_received", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 8.5)
    if not report.not_received:
        pdf.cell(0, 6, _t("none", lang), new_x="LMARGIN", new_y="NEXT")
    else:
        with pdf.table(
            col_widths=(42, 30, 30, 17, 14, 47),
            text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
            line_height=4.5,
            first_row_as_headings=True,
        ) as table:
            head = table.row()
            for key in NOT_RECEIVED_HEADERS:
                head.cell(_pick(NOT_RECEIVED_HEADERS[key], lang))
            for item in report.not_received:
                row = table.row()
                for key in NOT_RECEIVED_HEADERS:
                    value = _cell_value(key, getattr(item, key), lang)
                    row.cell("" if value is None else str(value))
    return pdf


def _breakdown_tables(pdf, report: PaymentAccessReport, lang: str) -> None:
    """The figures by channel and by age band, as on the Reports page."""
    for dim, title in BREAKDOWN_DIMS.items():
        groups = report.breakdowns.get(dim)
        if not groups:
            continue
        if pdf.get_y() + 14 + 5 * (len(groups) + 2) > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.cell(0, 7, _t(title, lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 8.5)
        with pdf.table(
            col_widths=(55, 25, 22, 28, 25, 25),
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            line_height=4.5,
            first_row_as_headings=True,
        ) as table:
            head = table.row()
            head.cell(_pick(FILTER_LABELS[dim], lang))
            for pair in BREAKDOWN_HEADERS.values():
                head.cell(_pick(pair, lang))
            for key, figures in groups:
                row = table.row()
                row.cell(group_label(dim, key, lang))
                for k in BREAKDOWN_HEADERS:
                    row.cell(format_metric(k, figures.get(k), lang))
        pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "", 8)
    pdf.multi_cell(0, 4.5, _t("breakdown_note", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _bar_chart(pdf, title: str, bars: list[tuple[str, int]], lang: str) -> None:
    """Horizontal bars drawn as rectangles: label, bar scaled to the largest value, count."""
    label_w, count_w, bar_h, gap = 62.0, 14.0, 4.2, 1.6
    needed = 9 + max(1, len(bars)) * (bar_h + gap)
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 8.5)
    if not bars or not any(count for _label, count in bars):
        pdf.cell(0, 6, _t("no_data", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    largest = max(count for _label, count in bars)
    bar_area = pdf.w - pdf.l_margin - pdf.r_margin - label_w - count_w
    for label, count in bars:
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(label_w, bar_h, label[:48])
        width = bar_area * count / largest if largest else 0
        if width:
            pdf.set_fill_color(46, 110, 170)
            pdf.rect(pdf.l_margin + label_w, y + 0.4, width, bar_h - 0.8, style="F")
            pdf.set_fill_color(255, 255, 255)  # tables drawn later must not inherit the bar colour
        pdf.set_xy(pdf.l_margin + label_w + width + 1.5, y)
        pdf.cell(count_w, bar_h, format_number(count, lang))
        pdf.set_xy(pdf.l_margin, y + bar_h + gap)
    pdf.ln(3)
