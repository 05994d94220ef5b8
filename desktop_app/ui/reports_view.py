"""The payment-access report on screen: did people actually get their money, how fast, at what
cost, with whose help, and why not — with the people still waiting, for follow-up.

The figures are those of ``core.payment_metrics.compute_report`` (defined in docs/METRICS.md, whose
definitions are the tooltips here); the report is computed on the worker. Charts are drawn with
QPainter (PySide6-Essentials has no QtCharts). Exports go through ``core.report_export`` on the
worker and are recorded in the audit log.
"""

from __future__ import annotations

import html
import logging
from datetime import date
from pathlib import Path

from desktop_app.core.collation import natural_sort_key
from desktop_app.core.collation import sort_key as person_sort_key
from desktop_app.core.metrics_cells import BREAKDOWN_KEYS, NO_CONSENT_NAME
from desktop_app.core.payment_metrics import (
    compute_report,
    previous_period,
    settled,
    too_few_to_compare,
)
from desktop_app.ui import file_dialogs
from desktop_app.ui.payment_common import (
    age_band_labels,
    barrier_labels,
    channel_labels,
    format_number,
    format_vnd,
    last_month,
    month_text,
    recent_months,
)
from desktop_app.ui.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QEvent,
    QFontMetrics,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPainter,
    QPushButton,
    QRectF,
    QScrollArea,
    QSize,
    QSizePolicy,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import FlowLayout, MessageLabel, current_lang, flow_row, label, labelled

log = logging.getLogger(__name__)

ACCENT = QColor("#1f6f5c")
LATE = QColor("#c98a1b")
BAD = QColor("#b3261e")
MUTED = QColor("#55625e")
GRID = QColor("#e3e8e5")
BETTER, WORSE = "#17574a", "#b3261e"

# Which way is better for each compared figure (+1 higher is better, -1 lower, 0 neither).
DIRECTION = {
    "recipients_paid": 0,
    "withdrew_count": 1,
    "withdrew_pct": 1,
    "days_to_withdraw_median": -1,
    "days_to_withdraw_p90": -1,
    "not_withdrawn_after_7": -1,
    "not_withdrawn_after_30": -1,
    "travel_minutes_median": -1,
    "distance_median": -1,
    "fees_paid_pct": -1,
    "fees_median": -1,
    "needed_help_share": 0,
    "proxy_share": 0,
    "accounts_opened": 0,
}
# Figures that still move while a month's withdrawals come in (``settled``): their change
# against the previous period is shown without its better/worse colour until then.
NOT_FINAL_KEYS = frozenset(
    k for k in DIRECTION if k.startswith(("withdrew_", "days_to_withdraw_", "not_withdrawn_"))
)
PCT_KEYS = ("withdrew_pct", "fees_paid_pct", "needed_help_share", "proxy_share")
# The tables by group under the charts: dimension -> the report's filter of it.
BREAKDOWN_DIMS = ("channel", "age_band")
# Days-to-withdraw buckets: (label key, lowest day, highest day).
# The city dashboard's bins (pages.DELAY_BINS), so that the two can be read side by side (the
# fifteenth tryout could not check "1–3 days" against the dashboard's "1" and "2–3").
DAY_BUCKETS = ((0, 0), (1, 1), (2, 3), (4, 7), (8, 14), (15, 30), (31, None))


def days_distribution(report) -> list[tuple[tuple[int, int | None], int]]:
    """How many paid, withdrawn rows of the period took how many days (rows with both dates)."""
    counts = dict.fromkeys(DAY_BUCKETS, 0)
    for row in report.rows:
        days = row.get("days_to_withdraw")
        if days is None:
            continue
        for lo, hi in DAY_BUCKETS:
            if days >= lo and (hi is None or days <= hi):
                counts[(lo, hi)] += 1
                break
    return list(counts.items())


def follow_up_list(report, rows: list[dict]) -> list[dict]:
    """The report's people paid but not withdrawn (``not_received``), each with the household
    it belongs to (for opening it; the payment rows carry it). Runs on the worker. Was a second
    report keyed by person id and a read of each person: 3.6 s for 12,189 people of a
    40,000-household commune."""
    homes = {r.get("person_id"): r.get("household_id") for r in rows}
    out = []
    for n in report.not_received:
        out.append(
            {
                "person_name": n.person_name,
                "village": n.village,
                "channel": n.channel,
                "days_since_credit": n.days_since_credit,
                "payments": n.payments,
                "barriers": list(n.barriers),
                "household_id": homes.get(n.person_id),
            }
        )
    out.sort(
        key=lambda e: (
            -e["days_since_credit"],
            natural_sort_key(e["village"]),
            person_sort_key(e["person_name"]),
        )
    )
    return out


class BarChart(QWidget):
    """Horizontal bars with a label and a count each, drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._bars: list[tuple[str, int, QColor]] = []
        self._empty = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[tuple[str, int, QColor]], empty_text: str = "") -> None:
        """Show ``(label, count, colour)`` bars; ``empty_text`` when there are none."""
        self._bars = bars
        self._empty = empty_text
        self.setAccessibleDescription("; ".join(f"{t}: {n}" for t, n, _c in bars) or empty_text)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        """The bars shown (label, count)."""
        return [(t, n) for t, n, _c in self._bars]

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    @staticmethod
    def _least_bar(metrics: QFontMetrics) -> int:
        return metrics.horizontalAdvance("0") * 9

    def needed_width(self) -> int:
        """The width that shows every label whole beside a bar of its least length."""
        metrics = QFontMetrics(self.font())
        labels = [t for t, _n, _c in self._bars] or [self._empty]
        widest = max(metrics.horizontalAdvance(t) for t in labels) + 10
        return widest + self._least_bar(metrics) + metrics.horizontalAdvance("0000") + 14

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Tall enough for every bar."""
        return QSize(320, max(60, len(self._bars) * self._row_height() + 8))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """As tall as the bars need."""
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        """Labels on the left, bars scaled to the largest count, the count after each bar."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        width = self.width()
        if not self._bars or not any(n for _t, n, _c in self._bars):
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty)
            return
        count_w = metrics.horizontalAdvance("0000") + 8
        # the labels whole when the bars keep their least length (the fifteenth tryout read
        # "Không có ATM, điểm giao …" at 100 % beside bars twice as long as needed)
        label_w = min(
            max(metrics.horizontalAdvance(t) for t, _n, _c in self._bars) + 10,
            max(int(width * 0.4), width - count_w - 6 - self._least_bar(metrics)),
        )
        bar_space = max(10, width - label_w - count_w - 6)
        top_count = max(n for _t, n, _c in self._bars) or 1
        row_h = self._row_height()
        y = 4
        for text, count, colour in self._bars:
            painter.setPen(QColor("#1d2a26"))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(0, y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            length = bar_space * count / top_count
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(GRID)
            painter.drawRoundedRect(QRectF(label_w, y + 4, bar_space, row_h - 8), 3, 3)
            painter.setBrush(colour)
            if count:
                painter.drawRoundedRect(QRectF(label_w, y + 4, max(3.0, length), row_h - 8), 3, 3)
            painter.setPen(QColor("#1d2a26"))
            painter.drawText(
                QRectF(label_w + bar_space + 6, y, count_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_number(count),
            )
            y += row_h
        painter.end()


class ChartRow(QWidget):
    """The three charts side by side when each one's labels fit whole beside its bars, else one
    under the other (the fifteenth tryout read "Ốm đau, nằm liệ…", "1 — rất k…" at 150 %)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._items: list[tuple[QFrame, BarChart, int]] = []
        self.columns = 0

    def add(self, frame: QFrame, chart: BarChart, stretch: int) -> None:
        self._items.append((frame, chart, stretch))
        self.arrange()

    def arrange(self) -> None:
        """Choose one row or one column for the width there is now."""
        total = sum(stretch for _f, _c, stretch in self._items) or 1
        room = self.width() - self._grid.spacing() * (len(self._items) - 1)
        fits = all(
            chart.needed_width() + 26 <= room * stretch / total
            for _f, chart, stretch in self._items
        )
        columns = len(self._items) if fits or self.width() <= 0 else 1
        if columns == self.columns:
            return
        self.columns = columns
        for frame, _c, _s in self._items:
            self._grid.removeWidget(frame)
        for i in range(len(self._items)):
            self._grid.setColumnStretch(i, 0)
        for i, (frame, _chart, stretch) in enumerate(self._items):
            if columns == 1:
                self._grid.addWidget(frame, i, 0)
            else:
                self._grid.addWidget(frame, 0, i)
                self._grid.setColumnStretch(i, stretch)
        if columns == 1:
            self._grid.setColumnStretch(0, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.arrange()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.arrange()


class FigureCard(QFrame):
    """One figure: a title, a big value, a line of detail and the change since the previous
    period. The definition is the tooltip."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"figure_{key}")
        self.setProperty("role", "card")
        self.key = key
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setProperty("role", "muted")
        self.value = QLabel(self)
        self.value.setObjectName(f"value_{key}")
        self.value.setProperty("role", "figure")  # large and bold, and grows with the text size
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.change = QLabel(self)
        self.change.setTextFormat(Qt.TextFormat.RichText)
        self.change.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        lay.addWidget(self.change)
        lay.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_definition(self, text: str) -> None:
        """The tooltip of the whole card."""
        for w in (self, self.title, self.value, self.detail):
            w.setToolTip(text)


class ReportsView(QWidget):
    """The Reports page: filters, figures with definitions, charts, the follow-up list, exports."""

    household_opened = Signal(str)
    changed = Signal()
    report_ready = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._generation = 0
        self._started = False
        self.report = None
        self.follow_up: list[dict] = []
        self.last_export: Path | None = None
        self._can_import = False

        self.title = label(role="heading")
        self.question = label(role="muted", wrap=True)

        # filters
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_combo, self.to_combo = QComboBox(self), QComboBox(self)
        self.from_combo.setObjectName("fromCombo")
        self.to_combo.setObjectName("toCombo")
        for combo in (self.from_combo, self.to_combo):
            for period in recent_months(36):
                combo.addItem(month_text(period), period)
            combo.setCurrentIndex(max(0, combo.findData(last_month())))
        self.village_label, self.village_combo = QLabel(self), QComboBox(self)
        self.village_combo.setObjectName("villageCombo")
        self.village_combo.setMinimumWidth(200)
        # as wide as its longest name: "Tất cả thôn/tổ" was cut at 150 % text
        self.village_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.channel_label, self.channel_combo = QLabel(self), QComboBox(self)
        self.channel_combo.setObjectName("channelCombo")
        self.age_label, self.age_combo = QLabel(self), QComboBox(self)
        self.age_combo.setObjectName("ageCombo")
        self._fill_code_combos()
        filters = FlowLayout(spacing=14)  # wraps to a second row at large text sizes
        for lab, combo in (
            (self.from_label, self.from_combo),
            (self.to_label, self.to_combo),
            (self.village_label, self.village_combo),
            (self.channel_label, self.channel_combo),
            (self.age_label, self.age_combo),
        ):
            lab.setBuddy(combo)
            filters.addWidget(labelled(lab, combo))
        self.scope_label = label(role="muted", wrap=True)
        self.scope_label.setObjectName("scopeLabel")
        # a period ending with the month just gone: said once here, each card marks "not final"
        self.not_final_label = label(role="note", wrap=True)
        self.not_final_label.setObjectName("notFinalLabel")
        self.not_final_label.hide()
        # a previous period with much less data than this one: its changes are not the people's
        self.compare_note = label(role="muted", wrap=True)
        self.compare_note.setObjectName("compareNote")
        self.compare_note.hide()

        # figures
        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        cards.setSpacing(8)
        for i, key in enumerate(
            (
                "withdrew_pct",
                "days_to_withdraw_median",
                "not_withdrawn_after_7",
                "people_paid",
                "travel_minutes_median",
                "fees_paid_pct",
                "needed_help_share",
                "accounts_opened",
            )
        ):
            card = FigureCard(key, self)
            self.cards[key] = card
            cards.addWidget(card, i // 4, i % 4)

        # charts
        self.days_title, self.barriers_title, self.convenience_title = (
            label(role="subheading"),
            label(role="subheading"),
            label(role="subheading"),
        )
        self.days_chart = BarChart(self)
        self.days_chart.setObjectName("daysChart")
        self.barrier_chart = BarChart(self)
        self.barrier_chart.setObjectName("barrierChart")
        self.convenience_chart = BarChart(self)
        self.convenience_chart.setObjectName("convenienceChart")
        self.charts = ChartRow(self)
        for title, chart, stretch in (
            (self.days_title, self.days_chart, 2),
            (self.barriers_title, self.barrier_chart, 3),
            (self.convenience_title, self.convenience_chart, 2),
        ):
            frame = QFrame(self)
            frame.setProperty("role", "card")
            box = QVBoxLayout(frame)
            box.setContentsMargins(12, 8, 12, 8)
            title.setWordWrap(True)
            box.addWidget(title)
            box.addWidget(chart, 1)
            self.charts.add(frame, chart, stretch)

        # the figures by channel and by age band, side by side (the dashboard's breakdowns)
        self.breakdown_titles: dict[str, QLabel] = {}
        self.breakdown_tables: dict[str, QTableWidget] = {}
        for dim in BREAKDOWN_DIMS:
            self.breakdown_titles[dim] = label(role="subheading")
            table = QTableWidget(0, 1 + len(BREAKDOWN_KEYS), self)
            table.setObjectName(f"breakdown_{dim}")
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            table.verticalHeader().setVisible(False)
            table.setAlternatingRowColors(True)
            table.setWordWrap(False)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            head = table.horizontalHeader()
            head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.breakdown_tables[dim] = table
        self.breakdown_note = label(role="muted", wrap=True)

        # follow-up list
        self.follow_title = label(role="subheading")
        self.follow_table = QTableWidget(0, 6, self)
        self.follow_table.setObjectName("followUpTable")
        self.follow_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.follow_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.follow_table.verticalHeader().setVisible(False)
        self.follow_table.setAlternatingRowColors(True)
        self.follow_table.setWordWrap(False)
        self.follow_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.follow_table.setMinimumHeight(220)
        header = self.follow_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.follow_table.doubleClicked.connect(self._open_follow_up)
        self.follow_table.activated.connect(self._open_follow_up)
        self.quality_label = label(role="muted", wrap=True)
        self.quality_label.setObjectName("qualityLabel")
        # why the list has no names, and what to do (the fifteenth tryout saw five identical
        # "(chưa đồng ý…)" rows and nothing saying so)
        self.consent_note = label(role="note", wrap=True)
        self.consent_note.setObjectName("consentNote")
        self.consent_note.hide()

        # actions
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.setObjectName("exportXlsxButton")
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("exportPdfButton")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importButton")
        self.import_button.setVisible(False)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.import_button.clicked.connect(self.open_import)
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(False)
        self.message = MessageLabel(self)
        self.message.setObjectName("reportMessage")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(
            flow_row(self.import_button, self.xlsx_button, self.pdf_button),
            0,
            Qt.AlignmentFlag.AlignTop,
        )

        body = QWidget(self)
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 6, 0)
        body_lay.setSpacing(8)
        body_lay.addWidget(self.scope_label)
        body_lay.addWidget(self.not_final_label)
        body_lay.addWidget(self.compare_note)
        body_lay.addLayout(cards)
        body_lay.addWidget(self.charts)
        for dim in BREAKDOWN_DIMS:
            body_lay.addWidget(self.breakdown_titles[dim])
            body_lay.addWidget(self.breakdown_tables[dim])
        body_lay.addWidget(self.breakdown_note)
        body_lay.addWidget(self.follow_title)
        body_lay.addWidget(self.consent_note)
        body_lay.addWidget(self.follow_table)
        body_lay.addWidget(self.quality_label)
        body_lay.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 10)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.question)
        lay.addLayout(filters)
        lay.addWidget(self.message)
        lay.addWidget(self.scroll, 1)

        for combo in (
            self.from_combo,
            self.to_combo,
            self.village_combo,
            self.channel_combo,
            self.age_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.retranslateUi()

    # --- the shell's interface ---

    def activate(self) -> None:
        """Load the villages (first time), then compute the report."""
        if self._started:
            self.refresh()
            return

        def fn(store):
            return store.list_villages(), store.can("import_beneficiaries")

        self._ops.run(fn, self._villages_arrived, key="reports-villages")

    def set_filters(
        self,
        period_from: str | None = None,
        period_to: str | None = None,
        village_id: str | None = None,
        channel: str | None = None,
        age_band: str | None = None,
    ) -> None:
        """Choose the filters in one go (tests and links), then compute once."""
        combos = (
            (self.from_combo, period_from),
            (self.to_combo, period_to),
            (self.village_combo, village_id),
            (self.channel_combo, channel),
            (self.age_combo, age_band),
        )
        for combo, value in combos:
            combo.blockSignals(True)
            if value is not None:
                combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.refresh()

    def scope(self) -> dict:
        """The filters chosen, as ``compute_report`` takes them (without ``as_of``)."""
        period_from, period_to = self.from_combo.currentData(), self.to_combo.currentData()
        if period_to < period_from:
            period_from, period_to = period_to, period_from
        village_id = self.village_combo.currentData() or None
        return {
            "period_from": period_from,
            "period_to": period_to,
            "village": self.village_combo.currentText() if village_id else None,
            "channel": self.channel_combo.currentData() or None,
            "age_band": self.age_combo.currentData() or None,
        }

    def refresh(self) -> None:
        """Compute the report for the filters on the worker."""
        if not self._started:
            return
        # "From 11/2026 To 09/2026" is September to November: the boxes say so too (the
        # fifteenth tryout saw the report swap them silently while the boxes stayed reversed)
        if self.to_combo.currentData() < self.from_combo.currentData():
            first, last = self.to_combo.currentIndex(), self.from_combo.currentIndex()
            for combo, index in ((self.from_combo, first), (self.to_combo, last)):
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
        self._generation += 1
        generation, scope = self._generation, self.scope()
        village_id = self.village_combo.currentData() or None
        as_of = date.today()

        def fn(store):
            prev_from, _ = previous_period(scope["period_from"], scope["period_to"])
            rows = store.payment_rows(prev_from, scope["period_to"], village_id)
            report = compute_report(rows, as_of=as_of, with_breakdowns=True, **scope)
            follow = follow_up_list(report, rows)
            return report, follow

        self.scope_label.setText(self.tr("Computing…"))
        self._ops.run(fn, lambda r: self._report_arrived(generation, r), key="reports-compute")

    def export(self, fmt: str, path: str | Path | None = None) -> None:
        """Write the report shown as xlsx or pdf (asks where, unless ``path`` is given)."""
        report = self.report
        if report is None:
            return
        if path is None:
            name = f"bao-cao-chi-tra-{report.period_from}"
            if report.period_to != report.period_from:
                name += f"-{report.period_to}"
            filters = {"xlsx": self.tr("Excel workbook (*.xlsx)"), "pdf": self.tr("PDF (*.pdf)")}
            chosen, _ = file_dialogs.save_file_name(
                self, self.tr("Save the report"), str(Path.home() / f"{name}.{fmt}"), filters[fmt]
            )
            if not chosen:
                return
            path = chosen
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        lang = current_lang()

        def fn(store):
            from desktop_app.core.admin_units import full_name_of
            from desktop_app.core.report_export import export_pdf, export_xlsx

            writer = export_xlsx if fmt == "xlsx" else export_pdf
            place = full_name_of(store.commune_code, store.commune_list_version)
            written = writer(report, target, lang=lang, place=place)
            store.log_export("report", fmt, {"period_from": report.period_from})
            return written

        def done(written):
            self.message.show_ok(self.tr("Report saved: %1").replace("%1", str(written)))
            self.last_export = Path(written)

        self.message.clear_message()
        self._ops.run(fn, done)

    def open_import(self) -> None:
        """The official beneficiary list import (admins and team leads)."""
        from desktop_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self._ops, self)
        dialog.imported.connect(lambda _r: (self.refresh(), self.changed.emit()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- internals ---

    def _fill_code_combos(self) -> None:
        for combo, labels, all_text in (
            (self.channel_combo, channel_labels(), self.tr("All channels")),
            (self.age_combo, age_band_labels(), self.tr("All ages")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, "")
            for code, text in labels.items():
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _villages_arrived(self, result) -> None:
        villages, can_import = result
        self._can_import = bool(can_import)
        self.import_button.setVisible(self._can_import)
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        self.village_combo.addItem(self.tr("All villages"), "")
        for v in villages:
            self.village_combo.addItem(v["name"], v["id"])
        self.village_combo.blockSignals(False)
        self._started = True
        self.refresh()

    def _report_arrived(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self.report, self.follow_up = result
        self._show_report()
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(True)
        self.report_ready.emit()

    def _change_html(self, key: str) -> str:
        r = self.report
        if r is None or r.previous is None or not r.previous.rows_in_scope:
            return "<span style='color:#55625e'>{}</span>".format(
                html.escape(self.tr("no data for the previous period"))
            )
        if too_few_to_compare(r):
            return "<span style='color:#55625e'>{}</span>".format(
                html.escape(self.tr("too little data in the previous period to compare"))
            )
        value = r.change.get(key)
        if value is None:
            return ""
        if value == 0:
            return "<span style='color:#55625e'>{}</span>".format(
                html.escape(self.tr("same as the previous period"))
            )
        sign = "+" if value > 0 else "−"
        number = format_number(abs(value))
        unit = self.tr(" points") if key in PCT_KEYS else ""
        direction = DIRECTION.get(key, 0) * (1 if value > 0 else -1)
        if key in NOT_FINAL_KEYS and not settled(r.period_to, r.as_of):
            direction = 0  # a figure still moving is not yet better or worse (as the dashboard)
        colour = BETTER if direction > 0 else WORSE if direction < 0 else "#55625e"
        text = self.tr("%1 vs previous period").replace("%1", f"{sign}{number}{unit}")
        arrow = "▲" if value > 0 else "▼"
        return f"<span style='color:{colour}'>{arrow} {html.escape(text)}</span>"

    def _show_report(self) -> None:
        r = self.report
        if r is None:
            return
        pct = lambda v: "—" if v is None else format_number(v) + " %"  # noqa: E731
        days = self._days_text
        period = self._period_words(r.period_from, r.period_to)
        self.scope_label.setText(
            self.tr("Period %1 · figures as of %2 · %3 payment records in scope")
            .replace("%1", period)
            .replace("%2", f"{r.as_of.day:02d}/{r.as_of.month:02d}/{r.as_of.year}")
            .replace("%3", format_number(r.rows_in_scope))
        )
        prev = r.previous
        thin = prev is not None and prev.rows_in_scope and prev.rows_in_scope * 2 < r.rows_in_scope
        self.compare_note.setVisible(bool(thin))
        if thin:
            self.compare_note.setText(
                self.tr(
                    "The previous period (%1) has %2 payment records against %3 now: a change "
                    "may come from data not recorded then, not from people's situation."
                )
                .replace("%1", self._period_words(prev.period_from, prev.period_to))
                .replace("%2", format_number(prev.rows_in_scope))
                .replace("%3", format_number(r.rows_in_scope))
            )
        c = self.cards
        # the month just ended: its withdrawals still come in, so the share is falsely low and
        # the days falsely short (as the dashboard marks them; the ninth tryout saw the words on
        # the waits' card only)
        final = settled(r.period_to, r.as_of)
        still = "" if final else " " + self.tr("(not final)")
        self.not_final_label.setVisible(not final)
        self.not_final_label.setText(
            ""
            if final
            else self.tr(
                "Figures marked “not final” will still change: withdrawals of %1 still come in, "
                "and 30 days have not passed since the month ended."
            ).replace("%1", month_text(r.period_to))
        )
        c["withdrew_pct"].value.setText(pct(r.withdrew_pct))
        c["withdrew_pct"].detail.setText(
            self.tr("%1 of %2 payments credited were withdrawn")
            .replace("%1", format_number(r.withdrew_count))
            .replace("%2", format_number(r.recipients_paid))
            + still
        )
        c["days_to_withdraw_median"].value.setText(days(r.days_to_withdraw_median))
        # the 90th percentile is the nearest rank: under ten withdrawals it is the slowest one,
        # and "9 in 10" of two withdrawals reads as a sample it is not (the thirteenth tryout)
        spread = (
            self.tr("9 in 10 within %1 · from %2 withdrawals")
            if (r.days_to_withdraw_n or 0) >= 10
            else self.tr("the slowest: %1 · from %2 withdrawals")
        )
        c["days_to_withdraw_median"].detail.setText(
            spread.replace("%1", days(r.days_to_withdraw_p90)).replace(
                "%2", format_number(r.days_to_withdraw_n)
            )
            + still
        )
        c["not_withdrawn_after_7"].value.setText(format_number(r.not_withdrawn_after_7))
        late_detail = self.tr("of which %1 after 30 days or more").replace(
            "%1", format_number(r.not_withdrawn_after_30)
        )
        late_detail += still  # the month just ended: falsely low (ninth tryout)
        c["not_withdrawn_after_7"].detail.setText(late_detail)
        c["people_paid"].value.setText(format_number(r.people_paid))
        c["people_paid"].detail.setText(
            self.tr("%1 payments credited").replace("%1", format_number(r.recipients_paid))
        )
        c["travel_minutes_median"].value.setText(
            "—"
            if r.travel_minutes_median is None
            else self.tr("%1 min").replace("%1", format_number(r.travel_minutes_median))
        )
        c["travel_minutes_median"].detail.setText(
            self.tr("distance %1 km (median)").replace(
                "%1", format_number(r.distance_median) if r.distance_median is not None else "—"
            )
        )
        # the share who paid, then the fee they paid: a median over everyone flips between 0
        # and a fee when about half pay nothing (the eighth tryout)
        c["fees_paid_pct"].value.setText(pct(r.fees_paid_pct))
        c["fees_paid_pct"].detail.setText(
            self.tr("those who paid: %1 (median)").replace(
                "%1", "—" if r.fees_median is None else format_vnd(r.fees_median)
            )
        )
        c["needed_help_share"].value.setText(pct(r.needed_help_share))
        help_detail = self.tr("by a proxy: %1").replace("%1", pct(r.proxy_share))
        not_recorded = (r.withdrawn_by_counts or {}).get("not_recorded", 0)
        if not_recorded:  # withdrawals whose "who" nobody wrote down: counted apart (issue 19)
            help_detail += " · " + self.tr("who withdrew not recorded: %1").replace(
                "%1", format_number(not_recorded)
            )
        c["needed_help_share"].detail.setText(help_detail)
        c["accounts_opened"].value.setText(format_number(r.accounts_opened))
        c["accounts_opened"].detail.setText(
            self.tr("beside %1 withdrawals: an opened account is not money received").replace(
                "%1", format_number(r.withdrew_count)
            )
        )
        change_keys = {
            "withdrew_pct": "withdrew_pct",
            "days_to_withdraw_median": "days_to_withdraw_median",
            "not_withdrawn_after_7": "not_withdrawn_after_7",
            "people_paid": "recipients_paid",
            "travel_minutes_median": "travel_minutes_median",
            "fees_paid_pct": "fees_paid_pct",
            "needed_help_share": "needed_help_share",
            "accounts_opened": "accounts_opened",
        }
        for card_key, change_key in change_keys.items():
            c[card_key].change.setText(self._change_html(change_key))

        # charts
        not_withdrawn = r.recipients_paid - r.withdrew_count
        day_labels = {
            (0, 0): self.tr("Same day"),
            (1, 1): self.tr("1 day"),
            (2, 3): self.tr("2–3 days"),
            (4, 7): self.tr("4–7 days"),
            (8, 14): self.tr("8–14 days"),
            (15, 30): self.tr("15–30 days"),
            (31, None): self.tr("Over 30 days"),
        }
        bars = []
        for bucket, count in days_distribution(r):
            # within a week in green ("same day" too: 0 is not "no upper bound")
            colour = LATE if bucket[1] is None or bucket[1] > 7 else ACCENT
            bars.append((day_labels[bucket], count, colour))
        bars.append((self.tr("Not withdrawn yet"), not_withdrawn, BAD))
        self.days_chart.set_bars(bars, self.tr("No payments credited in this period."))
        barrier_names = barrier_labels()
        self.barrier_chart.set_bars(
            [(barrier_names.get(code, code), n, LATE) for code, n in r.barrier_counts.items()],
            self.tr("No barriers recorded."),
        )
        conv_names = {
            1: self.tr("1 — very hard"),
            2: self.tr("2 — hard"),
            3: self.tr("3 — acceptable"),
            4: self.tr("4 — convenient"),
            5: self.tr("5 — very convenient"),
        }
        colours = {1: BAD, 2: LATE, 3: MUTED, 4: ACCENT, 5: ACCENT}
        self.convenience_chart.set_bars(
            [(conv_names[s], n, colours[s]) for s, n in r.convenience_distribution.items()],
            self.tr("No convenience scores recorded."),
        )
        self.charts.columns = 0  # the labels changed: choose again
        self.charts.arrange()

        self._show_breakdowns()

        # follow-up list
        self.follow_title.setText(
            self.tr(
                "Paid but not withdrawn: %1 people (double-click to open the household)"
            ).replace("%1", format_number(len(self.follow_up)))
        )
        channels = channel_labels()
        self.follow_table.setRowCount(len(self.follow_up))
        for row, e in enumerate(self.follow_up):
            values = [
                self.tr("(no consent to share information)")
                if e["person_name"] == NO_CONSENT_NAME
                else e["person_name"],
                e["village"],
                channels.get(e["channel"], e["channel"] or ""),
                format_number(e["days_since_credit"]),
                format_number(e["payments"]),
                ", ".join(barrier_names.get(b, b) for b in e["barriers"]),
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col in (3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == 5 and text:
                    item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, e.get("household_id"))
                self.follow_table.setItem(row, col, item)
        # The list is inside the page's scroll area: show up to 15 rows without a second scroll.
        self._fit_follow_up()
        unnamed = sum(1 for e in self.follow_up if e["person_name"] == NO_CONSENT_NAME)
        self.consent_note.setVisible(bool(unnamed))
        self.consent_note.setText(
            self.tr(
                "%1 of them have no consent to share their information recorded, so their names "
                "are not shown here or in the exports. Double-click a row to open the household, "
                "then record the person's consent with “Consent…”."
            ).replace("%1", format_number(unnamed))
        )
        if r.data_quality:
            from desktop_app.core.report_export import DATA_QUALITY

            lang = current_lang()
            parts = [
                f"{DATA_QUALITY.get(k, (k, k))[1 if lang == 'en' else 0]}: {n}"
                for k, n in r.data_quality.items()
            ]
            self.quality_label.setText(self.tr("Data to check: %1").replace("%1", "; ".join(parts)))
        else:
            self.quality_label.setText("")

    def _show_breakdowns(self) -> None:
        """Fill the tables by channel and by age band; the group the report is filtered to in
        bold (each table drops its own filter, so the other groups are there to compare)."""
        r = self.report
        names = {"channel": channel_labels(), "age_band": age_band_labels()}
        chosen = {
            "channel": self.channel_combo.currentData(),
            "age_band": self.age_combo.currentData(),
        }
        for dim, table in self.breakdown_tables.items():
            groups = r.breakdowns.get(dim, [])
            table.setRowCount(len(groups))
            for row, (key, figures) in enumerate(groups):
                texts = [names[dim].get(key) or (key or self.tr("Not recorded"))]
                texts += [self._breakdown_text(k, figures.get(k)) for k in BREAKDOWN_KEYS]
                for col, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    if col:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    if key and key == chosen[dim]:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                    table.setItem(row, col, item)
            self._fit_breakdown(table)

    @staticmethod
    def _period_words(period_from: str, period_to: str) -> str:
        if period_from == period_to:
            return month_text(period_from)
        return f"{month_text(period_from)} – {month_text(period_to)}"

    def _days_text(self, value) -> str:
        """ "3 ngày"; in English "1 day" but "0 days" (the fifteenth tryout read "1 days")."""
        if value is None:
            return "—"
        text = self.tr("%1 day") if value == 1 else self.tr("%1 days")
        return text.replace("%1", format_number(value))

    def _breakdown_text(self, key: str, value) -> str:
        if value is None:
            return "—"
        if key == "days_to_withdraw_median":
            return self._days_text(value)
        if key == "recipients_paid":
            return format_number(value)
        return format_number(value) + " %"

    @staticmethod
    def _fit_table(table: QTableWidget, rows: int | None = None, by_content: bool = True) -> None:
        """As tall as its rows, or its first ``rows`` rows (it sits in the page's scroll area:
        no second scroll bar for a short table), with room for a horizontal scroll bar when
        its columns are wider than the page (the fifteenth tryout: the fifth row hidden)."""
        header = table.horizontalHeader()
        shown = table.rowCount() if rows is None else min(rows, table.rowCount())
        for i in range(shown if by_content else 0):  # not the 12,000 a large commune may list
            table.resizeRowToContents(i)
        height = header.sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(i) for i in range(shown))
        if header.length() > table.viewport().width() > 0:
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(max(height, header.sizeHint().height() + 8))

    def _fit_breakdown(self, table: QTableWidget) -> None:
        """The group's name whole: its column takes what the figures leave, or (when that is too
        little, large text on a small screen) its own width with a scroll bar."""
        header = table.horizontalHeader()
        widths = [
            max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(table.columnCount())
        ]
        need, others = widths[0], sum(widths[1:])
        room = table.viewport().width() - others
        mode = QHeaderView.ResizeMode.Stretch if room >= need else QHeaderView.ResizeMode.Fixed
        header.setSectionResizeMode(0, mode)
        if mode == QHeaderView.ResizeMode.Fixed:
            header.resizeSection(0, need)
        self._fit_table(table)

    def _fit_follow_up(self) -> None:
        """The waiting list's columns on the page: each as wide as its text when they fit, the
        barriers taking the rest (cut, with the whole list in the tooltip). When they do not (large
        text, a small screen), the numbers keep their width and every row has two lines for the
        name, village, channel and barriers: at 150 % the fifteenth tryout had to scroll sideways
        to see how long people had waited. A scroll bar is the last resort."""
        table = self.follow_table
        header = table.horizontalHeader()
        mode = QHeaderView.ResizeMode
        header.setSectionResizeMode(mode.ResizeToContents)
        header.setSectionResizeMode(5, mode.Stretch)
        natural = [
            max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(table.columnCount())
        ]
        room = table.viewport().width()
        barriers = min(natural[5], max(room // 5, header.sectionSizeHint(5)))
        wrap = table.rowCount() > 0 and sum(natural[:5]) + barriers > room > 0
        table.setWordWrap(wrap)
        lines = 2 if wrap else 1
        # (this sets every row's height: a changed default resizes all rows, in Qt's own loop)
        table.verticalHeader().setDefaultSectionSize(
            lines * table.fontMetrics().lineSpacing() + table.fontMetrics().height() // 2 + 4
        )
        if wrap:
            header.setSectionResizeMode(mode.Fixed)
            flexible = room - natural[3] - natural[4] - barriers
            texts = natural[0] + natural[1] + natural[2]
            widths = {3: natural[3], 4: natural[4]}
            for c in (0, 1, 2):  # shrunk alike, never under half (two lines)
                widths[c] = max(natural[c] * flexible // texts, natural[c] // 2 + 12)
            widths[5] = max(barriers, room - sum(widths.values()))
            for c, width in widths.items():
                header.resizeSection(c, width)
        self._fit_table(table, 15, by_content=not wrap)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.report is not None:
            for table in self.breakdown_tables.values():
                self._fit_breakdown(table)
            self._fit_follow_up()

    def _open_follow_up(self, index) -> None:
        item = self.follow_table.item(index.row(), 0)
        household_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if household_id:
            self.household_opened.emit(household_id)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Every visible text in the current language."""
        self.title.setText(self.tr("Can people get their money?"))
        self.question.setText(
            self.tr(
                "Of the people paid, how many actually withdrew, how many days after the money "
                "arrived, at what cost in time, distance and fees, with whose help — and why not."
            )
        )
        self.from_label.setText(self.tr("F&rom:"))  # Alt+F is the File menu
        self.to_label.setText(self.tr("&To:"))
        self.village_label.setText(self.tr("&Village:"))
        self.channel_label.setText(self.tr("&Channel:"))
        self.age_label.setText(self.tr("&Age:"))
        self._fill_code_combos()
        index = self.village_combo.findData("")
        if index >= 0:
            self.village_combo.setItemText(index, self.tr("All villages"))
        self.xlsx_button.setText(self.tr("Export Excel"))
        self.pdf_button.setText(self.tr("Export PDF"))
        self.import_button.setText(self.tr("Import beneficiary list…"))
        self.days_title.setText(self.tr("Days from credit to withdrawal"))
        self.barriers_title.setText(self.tr("What got in the way (payments)"))
        self.convenience_title.setText(self.tr("Convenience, in people's own words"))
        self.follow_table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Village"),
                self.tr("Channel"),
                self.tr("Days since\ncredit"),
                self.tr("Payments not\nwithdrawn"),
                self.tr("Barriers"),
            ]
        )
        self.breakdown_titles["channel"].setText(self.tr("By channel"))
        self.breakdown_titles["age_band"].setText(self.tr("By age group"))
        self.breakdown_note.setText(
            self.tr(
                "Each table keeps the other filters and shows every group of its own, the one "
                "chosen in bold. A payment counts under the channel it came by that month."
            )
        )
        columns = [
            self.tr("Payments\ncredited"),
            self.tr("Withdrawn"),
            self.tr("Days to\nwithdraw\n(median)"),
            self.tr("Not withdrawn\nafter 30 days"),
            self.tr("Needed help\nor a proxy"),
        ]
        self.breakdown_tables["channel"].setHorizontalHeaderLabels([self.tr("Channel"), *columns])
        self.breakdown_tables["age_band"].setHorizontalHeaderLabels(
            [self.tr("Age group"), *columns]
        )
        titles = {
            "withdrew_pct": self.tr("Withdrew their money"),
            "days_to_withdraw_median": self.tr("Days to withdraw (median)"),
            "not_withdrawn_after_7": self.tr("Not withdrawn after 7+ days"),
            "people_paid": self.tr("People paid"),
            "travel_minutes_median": self.tr("Travel time (median)"),
            "fees_paid_pct": self.tr("Paid a fee to withdraw"),
            "needed_help_share": self.tr("Needed help or a proxy"),
            "accounts_opened": self.tr("Accounts opened"),
        }
        definitions = {
            "withdrew_pct": self.tr(
                "Share of payments credited (money arrived on or before the report date) that "
                "were withdrawn by that date, or marked withdrawn without a date."
            ),
            "days_to_withdraw_median": self.tr(
                "Days from the money arriving to its withdrawal, over withdrawals with both "
                "dates. Median and 90th percentile by the nearest-rank method (always an observed "
                "value). Withdrawn before credited counts as 0 days."
            ),
            "not_withdrawn_after_7": self.tr(
                "Payments credited but not withdrawn by the report date, where 7 or more full "
                "days have passed since the money arrived (and 30 or more)."
            ),
            "people_paid": self.tr(
                "Different people with at least one payment credited in the period. Over "
                "several months a person counts once here, but once per month in the other "
                "figures."
            ),
            "travel_minutes_median": self.tr(
                "Median travel time and distance of the withdrawal trip, over withdrawals where "
                "they were recorded."
            ),
            "fees_paid_pct": self.tr(
                "Share of withdrawals with a fee recorded where a fee above 0 was paid; below, the "
                "median fee among those who paid one."
            ),
            "needed_help_share": self.tr(
                "Share of withdrawals (with who withdrew recorded) made with someone's help or by "
                "an authorised proxy; below, by a proxy alone."
            ),
            "accounts_opened": self.tr(
                "Payments of people for whom the team opened an account. Shown only beside the "
                "withdrawals: an opened account is not money received."
            ),
        }
        for key, card in self.cards.items():
            card.title.setText(titles[key])
            card.set_definition(definitions[key])
        self.days_chart.setToolTip(
            self.tr(
                "Paid, withdrawn payments with both dates, by days to withdraw; and those "
                "credited but not withdrawn yet."
            )
        )
        self.barrier_chart.setToolTip(
            self.tr("Payments in the period with each barrier (a barrier counts once per payment).")
        )
        self.convenience_chart.setToolTip(
            self.tr("Payments in the period by the convenience score the person gave (1–5).")
        )
        if self.report is not None:
            self._show_report()
