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

from city_server.dashboard.pages import Page
from desktop_app.core.report_export import FONT_FAMILY, TEXTS, font_path

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_ID_LIKE = re.compile(r"\d{9,}")


def _scrub(value: str) -> str:
    """The report export's last line of defence: no run of 9+ digits (an ID number) ever."""
    return _ID_LIKE.sub(lambda m: "•" * (len(m.group()) - 4) + m.group()[-4:], value)


def _subtitle(page: Page) -> str:
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [f"{k}: {v}" for k, v in page.filters.items() if v not in ("", None, [], False)]
    return " · ".join(parts + [made])


def _personal(page: Page) -> bool:
    return any(table.id == "not_received" for table in page.tables)


def to_xlsx(page: Page) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in page.tables:
        name = _SHEET_BAD.sub(" ", table.title)[:28] or table.id
        while name in used:
            name = name[:26] + "_" + str(len(used))
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([_scrub(page.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_subtitle(page)])
        sheet.append([table.title])
        sheet.append(table.columns)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_scrub(str(v)) for v in row])
        for i, _ in enumerate(table.columns):
            letter = sheet.cell(row=4, column=i + 1).column_letter
            sheet.column_dimensions[letter].width = 34 if i == 0 else 18
        if page.lang and _personal(page) and table.id == "not_received":
            pair = TEXTS["privacy"]
            sheet.append([])
            sheet.append([pair[1] if page.lang == "en" else pair[0]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
        n = len(table.columns)
        first = min(70.0, max(40.0, 277 - 22 * (n - 1))) if n > 1 else 277
        widths = [first] + [(277 - first) / (n - 1)] * (n - 1) if n > 1 else [277]
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.2) as out:
            head = out.row()
            for col in table.columns:
                head.cell(str(col))
            for row in table.rows:
                line = out.row()
                for value in row:
                    line.cell(_scrub(str(value)))
    for note in page.notes:
        pdf.set_font(FONT_FAMILY, "", 7)
        pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
