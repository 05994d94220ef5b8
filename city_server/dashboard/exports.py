"""xlsx and PDF of a dashboard page: its tables, exactly as shown (suppressed cells stay "< 5").

The PDF embeds the laptop report's DejaVu Sans (``report_export.font_path``) so Vietnamese prints
anywhere; both files get the period, the time made and, when the page lists persons, the
personal-data notice of the laptop's report. The commune official's full report uses the
laptop's own ``export_xlsx`` / ``export_pdf`` (routes.py).
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from city_server.dashboard.pages import Page, describe_filters
from city_server.dashboard.texts import hanoi_time, t
from desktop_app.core.report_export import FONT_FAMILY, TEXTS, font_path
from desktop_app.core.sheet_text import keep_text, sheet_text

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_ID_LIKE = re.compile(r"\d{9,}")


def _scrub(value: str) -> str:
    """The report export's last line of defence: no run of 9+ digits (an ID number) ever."""
    return _ID_LIKE.sub(lambda m: "•" * (len(m.group()) - 4) + m.group()[-4:], value)


def _subtitle(page: Page, table: str | None = None) -> str:
    """What the file shows, in words ("Từ Tháng 10/2026 đến Tháng 11/2026 · Hình thức nhận: Tất
    cả"), and when it was made; with ``table``, also the filters of that table alone (an xlsx
    sheet's line)."""
    made = hanoi_time(datetime.now(UTC).isoformat(), page.lang, mark=True)
    return " · ".join([*describe_filters(page, table), f"{t('made_at', page.lang)} {made}"])


def _table_filters(page: Page, table: str) -> str:
    """The filters that narrow only this table, in words (the PDF says them under its title)."""
    whole = describe_filters(page)
    return " · ".join(x for x in describe_filters(page, table) if x not in whole)


# Sheet names (Excel allows 31 characters): short words for each table, in the page's language.
SHEET_NAMES = {
    "headline": ("Chỉ số chính", "Headline figures"),
    "delays": ("Số ngày đến khi rút", "Days to withdraw"),
    "barriers": ("Khó khăn", "Barriers"),
    "convenience": ("Mức thuận tiện", "Convenience"),
    "withdrawn_by": ("Ai rút tiền", "Who withdrew"),
    "by_age_band": ("Theo nhóm tuổi", "By age band"),
    "by_channel": ("Theo hình thức nhận", "By channel"),
    "by_village": ("Theo thôn, tổ dân phố", "By village"),
    "by_need": ("Theo hoàn cảnh", "By need"),
    "trend": ("Diễn biến theo tháng", "By month"),
    "communes": ("Xã, phường", "Communes"),
    "not_received": ("Chưa rút tiền - cần liên hệ", "Not withdrawn - follow up"),
    "devices": ("Thiết bị", "Devices"),
    "codes": ("Mã đăng ký", "Enrolment codes"),
    "officers": ("Khóa ký của công an", "Police officer keys"),
    "accounts": ("Tài khoản", "Accounts"),
    "audit": ("Nhật ký", "Log"),
}


def sheet_name(table_id: str, title: str, lang: str, used: set[str]) -> str:
    """A readable sheet name of at most 31 characters, cut between words, never a duplicate."""
    pair = SHEET_NAMES.get(table_id)
    name = (pair[1] if lang == "en" else pair[0]) if pair else _SHEET_BAD.sub(" ", title)
    name = " ".join(name.split())
    if len(name) > 31:
        name = name[:31].rsplit(" ", 1)[0].rstrip(" -–,")
    base, n = name or table_id[:31], 2
    name = base
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.lower())
    return name


def _xlsx_value(value) -> tuple[object, str | None]:
    """A cell for the sheet: a real number with its format, or text ("< 5" stays text)."""
    number = getattr(value, "value", None)
    if isinstance(number, int | float) and not isinstance(number, bool):
        if getattr(value, "xlsx_format", None):  # a change: its sign and unit ("+3.2 pts")
            return number, value.xlsx_format
        if getattr(value, "pct", False):
            return number, '0.0" %"'
        return number, "#,##0" if isinstance(number, int) else "#,##0.0"
    return sheet_text(_scrub(str(value))), None


def slug(text: str) -> str:
    """ASCII words joined by "-" for a file name ("Phường Hoàn Kiếm" → "phuong-hoan-kiem")."""
    from desktop_app.core.text import fold

    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:60]


def file_name(page: Page, kind: str, today: str = "") -> str:
    """What the downloaded file holds, in its name: the page (or the commune's code and name)
    and the months shown ("tantay-communes-2026-11.xlsx", "tantay-00070-phuong-hoan-kiem-
    2026-10_2026-12.pdf"); pages without months carry the day they were made."""
    f = page.filters
    if page.kind == "commune":
        parts = ["tantay", str(page.extra.get("code", "")), slug(page.title)]
    else:
        parts = ["tantay", {"admin": "devices"}.get(page.kind, page.kind)]
        scope = page.extra.get("scope")
        if scope:  # an official's: which communes (the city's has the same page name)
            parts.append("_".join(scope[:3]) + ("-etc" if len(scope) > 3 else ""))
        if page.kind == "trends" and f.get("metric"):  # each metric its own file
            parts.append(slug(f["metric"].replace("_", " ")))
    if page.extra.get("only"):  # one table alone: the official's list ("danh-sach-lien-he")
        parts.append({"not_received": "danh-sach-lien-he"}.get(page.extra["only"], "bang"))
    if f.get("from") and f.get("to"):
        parts.append(f["from"] if f["from"] == f["to"] else f"{f['from']}_{f['to']}")
    elif f.get("period"):
        parts.append(f["period"])
    elif any(page.extra.get("days_span") or ()):  # the audit log's dates
        parts.append("_".join(page.extra["days_span"]).strip("_"))
    elif page.extra.get("span"):
        first, last = page.extra["span"]
        parts.append(first if first == last else f"{first}_{last}")
    else:
        made = hanoi_time(datetime.now(UTC).isoformat(), "en")[:10]
        parts.append(today or made)
    return "-".join(p for p in parts if p) + f".{kind}"


def _personal(page: Page) -> bool:
    return any(table.id == "not_received" for table in page.tables)


def to_xlsx(page: Page) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in page.tables:
        sheet = book.create_sheet(sheet_name(table.id, table.title, page.lang, used))
        sheet.append([sheet_text(_scrub(page.title))])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([sheet_text(_subtitle(page, table.id))])
        sheet.append([table.title])
        sheet.append(table.columns)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in table.rows:
            values = [_xlsx_value(v) for v in row]
            sheet.append([v for v, _ in values])
            for cell, (_, number_format) in zip(sheet[sheet.max_row], values, strict=False):
                if number_format:
                    cell.number_format = number_format
        for i, _ in enumerate(table.columns):
            letter = sheet.cell(row=4, column=i + 1).column_letter
            sheet.column_dimensions[letter].width = 34 if i == 0 else 18
        if table is page.tables[0] and page.notes:
            sheet.append([])
            for note in page.notes:
                sheet.append([note])
        if page.lang and _personal(page) and table.id == "not_received":
            pair = TEXTS["privacy"]
            sheet.append([])
            sheet.append([pair[1] if page.lang == "en" else pair[0]])
    keep_text(book)  # a laptop named "=HYPERLINK(…)" is text, never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _numeric(value) -> bool:
    """A figure (a number, "< 5", "x", "—", "ẩn", a change "+3 ngày"), as the page's table
    decides which cells are not text."""
    text = str(value)
    if text in ("ẩn", "hidden") or bool(getattr(value, "pct", False)):
        return True
    return bool(text) and text[:1] in "0123456789<—+-x"


def heading_aligns(table) -> list[str]:
    """Each PDF heading's alignment: over a column of figures (every cell ``_numeric``), on the
    right like them (the ninth tryout: headings stood left over right-aligned numbers)."""
    return [
        "R" if i and table.rows and all(_numeric(row[i]) for row in table.rows) else "L"
        for i in range(len(table.columns))
    ]


PDF_SIZES = (7.0, 6.5, 6.0, 5.5)  # a table's font sizes (pt), largest first: the first that fits


def _pdf_widths(pdf, table, size: float = 7.0, total: float = 277.0) -> tuple[list[float], bool]:
    """Column widths (mm) at ``size`` that fit every column's longest word — its heading's in
    bold, as the table prints it — and every figure and date on one line ("-0,6 điểm",
    "05/12/2026 04:22" never cut); the room left goes to the columns with the longest headings
    and texts, so they wrap least. And whether they fit: when not, the widths are cut to scale
    (a word may then break) and the caller tries a smaller size."""
    n = len(table.columns)
    pdf.set_font(FONT_FAMILY, "", size)
    if n == 1:
        return [total], True
    pad = 2.5
    need, want = [], []
    for i, col in enumerate(table.columns):
        cells = [row[i] for row in table.rows if i < len(row)][:500]
        whole = [  # figures, dates and times, short words ("THIẾU SỐ LIỆU"): kept whole
            c
            for c in cells
            if i and (_numeric(c) or len(str(c)) <= 16 or re.fullmatch(r"[\d/:\- ]{10,}", str(c)))
        ]
        words = [w for c in cells for w in str(c).split()] or [""]
        longest = max(pdf.get_string_width(w) for w in [*words, *map(str, whole)])
        texts = [c for c in cells if c not in whole]
        longest_text = max([pdf.get_string_width(str(c)) for c in texts] or [0.0])
        pdf.set_font(FONT_FAMILY, "B", size)  # the heading row is bold
        heading = max([pdf.get_string_width(w) for w in str(col).split()] or [0.0])
        heading_whole = pdf.get_string_width(str(col))
        pdf.set_font(FONT_FAMILY, "", size)
        need.append(max(longest, heading) + pad)
        want.append(max(heading_whole / 3, longest_text) + pad)
    if sum(need) > total:
        return [w * total / sum(need) for w in need], False
    extra = [max(0.0, w - m) for w, m in zip(want, need, strict=True)]
    room = total - sum(need)
    if sum(extra) <= room:  # everything fits: the rest shared out evenly
        return [m + e + (room - sum(extra)) / n for m, e in zip(need, extra, strict=True)], True
    return [m + room * e / sum(extra) for m, e in zip(need, extra, strict=True)], True


def to_pdf(page: Page) -> bytes:
    from fpdf import FPDF

    personal = _personal(page)
    privacy = TEXTS["privacy"][1 if page.lang == "en" else 0]

    class Doc(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT_FAMILY, "", 7)
            text = (privacy + "   ") if personal else ""
            self.cell(0, 5, f"{text}{self.page_no()}", align="C")

    pdf = Doc(orientation="L", format="A4")
    pdf.add_font(FONT_FAMILY, "", str(font_path("")))
    pdf.add_font(FONT_FAMILY, "B", str(font_path("B")))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.multi_cell(0, 7, _scrub(page.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 8)
    pdf.multi_cell(0, 5, _subtitle(page), new_x="LMARGIN", new_y="NEXT")
    for table in page.tables:
        pdf.ln(3)
        pdf.set_font(FONT_FAMILY, "B", 10)
        pdf.multi_cell(0, 6, table.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 7)
        narrowed = _table_filters(page, table.id)
        if narrowed:  # the filters of this table alone (the device search, the list's village)
            pdf.multi_cell(0, 4, _scrub(narrowed), new_x="LMARGIN", new_y="NEXT")
        for size in PDF_SIZES:  # a wide table in smaller type rather than words cut in two
            widths, fits = _pdf_widths(pdf, table, size)
            if fits:
                break
        pdf.set_font(FONT_FAMILY, "", size)
        height = size * 0.6  # 4.2 mm at 7 pt
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=height) as out:
            head = out.row()
            for col, align in zip(table.columns, heading_aligns(table), strict=True):
                head.cell(str(col), align=align)
            for row in table.rows:
                line = out.row()
                for i, value in enumerate(row):
                    # numbers right-aligned, as in the page (a column of figures reads down)
                    line.cell(_scrub(str(value)), align="R" if i and _numeric(value) else "L")
    pdf.ln(2)
    for note in page.notes:
        pdf.set_font(FONT_FAMILY, "", 7)
        pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
