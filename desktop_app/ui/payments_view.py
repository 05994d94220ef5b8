"""The "this month" grid: after a payment day, what happened to each recipient's money.

One row per active benefit in a village for a month (``Store.month_grid``), with the month's
payment record when there is one. Every cell has its own editor (dates as dd/MM/yyyy, who
withdrew, minutes, km, fees, barriers, convenience 1–5, note); Enter saves the cell and moves down,
like a spreadsheet. Each edited row is saved at once with ``record_payment`` on the worker; the
store's validation message (Vietnamese) is shown on the row, and the typed values stay there to be
corrected.
"""

from __future__ import annotations

import logging

from desktop_app.core.errors import KnownError
from desktop_app.ui.page_scroll import min_rows_height, scrolled_page
from desktop_app.ui.payment_common import (
    BarrierList,
    barrier_labels,
    channel_labels,
    format_number,
    format_vnd,
    last_month,
    month_text,
    parse_amount,
    recent_months,
    show_date,
    to_iso_date,
    withdrawn_by_labels,
)
from desktop_app.ui.qt import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QEvent,
    QFont,
    QFontMetrics,
    QFrame,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QIntValidator,
    QLabel,
    QLineEdit,
    QLocale,
    QModelIndex,
    QPushButton,
    QSortFilterProxyModel,
    QStyle,
    QStyledItemDelegate,
    Qt,
    QTableView,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import FlowLayout, MessageLabel, current_lang, label, labelled

log = logging.getLogger(__name__)

(
    COL_NAME,
    COL_CHANNEL,
    COL_AMOUNT,
    COL_CREDITED,
    COL_WITHDRAWN,
    COL_BY,
    COL_MINUTES,
    COL_DISTANCE,
    COL_FEES,
    COL_BARRIERS,
    COL_CONVENIENCE,
    COL_NOTE,
    COL_STATUS,
) = range(13)
COLUMN_COUNT = 13

# Column -> the payment field it edits (the "by" column edits withdrawn_by and proxy_name).
FIELD_OF = {
    COL_AMOUNT: "amount",
    COL_CREDITED: "credited_on",
    COL_WITHDRAWN: "withdrawn_on",
    COL_BY: "withdrawn_by",
    COL_MINUTES: "travel_minutes",
    COL_DISTANCE: "distance_km",
    COL_FEES: "fees",
    COL_BARRIERS: "barriers",
    COL_CONVENIENCE: "convenience",
    COL_NOTE: "note",
}
COLUMN_OF_FIELD = {field: col for col, field in FIELD_OF.items()} | {"proxy_name": COL_BY}
PAYMENT_FIELDS = (
    "amount",
    "credited_on",
    "withdrawn_on",
    "withdrawn_by",
    "proxy_name",
    "travel_minutes",
    "distance_km",
    "fees",
    "barriers",
    "convenience",
    "note",
)
ERROR_BG = QColor("#fbe3e1")
SAVING_FG = QColor("#55625e")
ERROR_FG = QColor("#b3261e")
OK_FG = QColor("#17574a")


def grid_rows(grid: list[dict], details: dict[str, dict]) -> list[dict]:
    """The rows of the grid: ``month_grid`` rows with the month's full payment record merged in."""
    rows = []
    for r in grid:
        row = dict(r)
        payment = details.get(r["benefit_id"]) or {}
        for f in PAYMENT_FIELDS:
            row[f] = payment.get(f, r.get(f))
        if row.get("amount") is None:
            row["amount"] = r.get("monthly_amount")
        row["barriers"] = list(row.get("barriers") or [])
        row["note"] = row.get("note") or ""
        row["_state"] = "saved" if r.get("payment_id") else ""
        row["_error"] = ""
        row["_error_field"] = None
        rows.append(row)
    return rows


def not_withdrawn(row: dict) -> bool:
    """True when the grid shows no withdrawal for the row."""
    return not row.get("withdrawn_on") and not row.get("withdrawn_by")


class PaymentGridModel(QAbstractTableModel):
    """The month's rows; edits change the row and ask for it to be saved (``row_edited``)."""

    row_edited = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self.editable = True

    # --- data in and out ---

    def set_rows(self, rows: list[dict]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_data(self, row: int) -> dict | None:
        """The row dict at ``row`` (None when out of range)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, benefit_id: str) -> int:
        """The row number of a benefit, or -1."""
        for i, r in enumerate(self._rows):
            if r["benefit_id"] == benefit_id:
                return i
        return -1

    def payment_fields(self, row: int) -> dict:
        """The fields ``record_payment`` receives for a row."""
        r = self._rows[row]
        return {f: r.get(f) for f in PAYMENT_FIELDS}

    def set_state(self, benefit_id: str, state: str, error: str = "", field: str | None = None):
        """Mark a row saved, saving or in error (with the message shown on the row)."""
        row = self.row_of(benefit_id)
        if row < 0:
            return
        r = self._rows[row]
        r["_state"], r["_error"], r["_error_field"] = state, error, field
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def update_saved(self, benefit_id: str, saved: dict, sent: dict | None = None) -> None:
        """Take the cleaned values the store kept (e.g. '1,5' km became 1.5). A field typed
        again since ``sent`` went to the store keeps the newer value (its own save follows)."""
        row = self.row_of(benefit_id)
        if row < 0:
            return
        r = self._rows[row]
        newer = sent is not None and any(r.get(f) != sent.get(f) for f in sent)
        for f in PAYMENT_FIELDS:
            if f in saved and not (sent is not None and f in sent and r.get(f) != sent[f]):
                r[f] = saved[f]
        r["payment_id"] = saved.get("id", r.get("payment_id"))
        r["_state"], r["_error"], r["_error_field"] = ("saving" if newer else "saved"), "", None
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def counts(self) -> tuple[int, int]:
        """(rows, rows not withdrawn)."""
        return len(self._rows), sum(1 for r in self._rows if not_withdrawn(r))

    # --- Qt model ---

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Rows shown."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """Columns shown."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Column titles (with units) and their explanations."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        titles = {
            COL_NAME: (self.tr("Name"), ""),
            COL_CHANNEL: (self.tr("Channel"), self.tr("How the money reaches the person")),
            COL_AMOUNT: (self.tr("Amount"), self.tr("Amount paid this month (VND)")),
            COL_CREDITED: (
                self.tr("Credited"),
                self.tr("The day the money arrived in the account or was ready (dd/mm/yyyy)"),
            ),
            COL_WITHDRAWN: (
                self.tr("Withdrawn"),
                self.tr("The day the person actually got the money (dd/mm/yyyy)"),
            ),
            COL_BY: (self.tr("By whom"), self.tr("Self, with help, or a proxy (with the name)")),
            COL_MINUTES: (self.tr("Travel (min)"), self.tr("Minutes spent travelling to withdraw")),
            COL_DISTANCE: (self.tr("Distance (km)"), self.tr("Distance travelled to withdraw")),
            COL_FEES: (self.tr("Fees (₫)"), self.tr("Fees paid to withdraw (VND)")),
            COL_BARRIERS: (self.tr("Barriers"), self.tr("What got in the way (several allowed)")),
            COL_CONVENIENCE: (
                self.tr("Convenience"),
                self.tr("1 = very hard … 5 = very convenient, in the person's own words"),
            ),
            COL_NOTE: (self.tr("Note"), ""),
            COL_STATUS: (self.tr("Saved?"), self.tr("Whether the row is saved, or what is wrong")),
        }
        title, tip = titles.get(section, ("", ""))
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        return None

    def flags(self, index):
        """Payment columns are editable (when the role may record payments)."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in FIELD_OF:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Cell contents; never raises (odd data shows as text)."""
        try:
            return self._data(index, role)
        except Exception:  # display only
            log.exception("payment grid cell %s,%s", index.row(), index.column())
            return None

    def _data(self, index, role):
        r = self.row_data(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_BY:
                return (r.get("withdrawn_by") or "", r.get("proxy_name") or "")
            return r.get(FIELD_OF.get(col, ""), None)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.get("_error") and (
                col == COL_STATUS or COLUMN_OF_FIELD.get(r.get("_error_field")) == col
            ):
                return r["_error"]
            if col in (COL_NAME, COL_CHANNEL, COL_BARRIERS, COL_NOTE, COL_BY):
                return self._display(r, col) or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole and r.get("_error"):
            if col == COL_STATUS or COLUMN_OF_FIELD.get(r.get("_error_field")) == col:
                return QBrush(ERROR_BG)
            return None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == COL_BY
            and r.get("withdrawn_on")
            and not r.get("withdrawn_by")
        ):
            return QBrush(ERROR_FG)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return {
                "error": QBrush(ERROR_FG),
                "saving": QBrush(SAVING_FG),
                "saved": QBrush(OK_FG),
            }.get(r.get("_state"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            COL_AMOUNT,
            COL_MINUTES,
            COL_DISTANCE,
            COL_FEES,
            COL_CONVENIENCE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None

    def _display(self, r: dict, col: int) -> str:
        if col == COL_NAME:
            return r.get("full_name") or ""
        if col == COL_CHANNEL:
            return channel_labels().get(r.get("channel"), r.get("channel") or "")
        if col == COL_AMOUNT:
            value = r.get("amount")
            return format_vnd(value) if isinstance(value, int) else str(value or "")
        if col in (COL_CREDITED, COL_WITHDRAWN):
            return show_date(r.get(FIELD_OF[col]))
        if col == COL_BY:
            by = r.get("withdrawn_by")
            if not by and r.get("withdrawn_on"):
                # withdrawn, but nobody wrote down by whom: shown as missing, never as "Self"
                return self.tr("(not recorded)")
            text = withdrawn_by_labels().get(by, by or "")
            if by == "proxy" and r.get("proxy_name"):
                text += ": " + r["proxy_name"]
            return text
        if col in (COL_MINUTES, COL_FEES):
            value = r.get(FIELD_OF[col])
            return format_number(value) if isinstance(value, int | float) else str(value or "")
        if col == COL_DISTANCE:
            value = r.get("distance_km")
            if isinstance(value, int | float):
                return format_number(float(value))
            return str(value or "")
        if col == COL_BARRIERS:
            labels = barrier_labels()
            return ", ".join(labels.get(b, b) for b in r.get("barriers") or [])
        if col == COL_CONVENIENCE:
            value = r.get("convenience")
            return f"{value}/5" if isinstance(value, int) else str(value or "")
        if col == COL_NOTE:
            return r.get("note") or ""
        if col == COL_STATUS:
            state = r.get("_state")
            if state == "error":
                return r.get("_error") or ""
            if state == "saving":
                return self.tr("Saving…")
            if state == "saved":
                return self.tr("Saved")
            return self.tr("Not recorded")
        return ""

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Change a cell; a real change asks for the row to be saved."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        r = self.row_data(index.row())
        col = index.column()
        if r is None or col not in FIELD_OF:
            return False
        if col == COL_BY:
            by, name = value
            new = {
                "withdrawn_by": by or None,
                "proxy_name": (name or None) if by == "proxy" else None,
            }
        else:
            new = {FIELD_OF[col]: value}
        if all(r.get(k) == v for k, v in new.items()):
            return False
        r.update(new)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COLUMN_COUNT - 1))
        self.row_edited.emit(r["benefit_id"])
        return True


# --- editors --------------------------------------------------------------------------------------


class _LineDelegate(QStyledItemDelegate):
    """A line edit; ``to_model`` turns the text into the stored value."""

    def __init__(self, parent=None, *, placeholder: str = "", validator=None):
        super().__init__(parent)
        self._placeholder = placeholder
        self._validator = validator

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        """A plain line edit."""
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if self._placeholder:
            editor.setPlaceholderText(self._placeholder)
        if self._validator is not None:
            editor.setValidator(self._validator)
        return editor

    def to_text(self, value) -> str:
        """The value as the person types it."""
        return "" if value is None else str(value)

    def to_model(self, text: str):
        """The typed text as the value kept in the row."""
        return text.strip() or None

    def setEditorData(self, editor, index):  # noqa: N802 (Qt API)
        """Show the cell's value."""
        editor.setText(self.to_text(index.data(Qt.ItemDataRole.EditRole)))
        editor.selectAll()

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt API)
        """Keep the typed value."""
        model.setData(index, self.to_model(editor.text()), Qt.ItemDataRole.EditRole)


class DateDelegate(_LineDelegate):
    """A date typed as dd/mm/yyyy."""

    def to_text(self, value) -> str:
        """ISO as dd/mm/yyyy."""
        return show_date(value)

    def to_model(self, text: str):
        """dd/mm/yyyy as ISO (unreadable text is kept for the store to name the problem)."""
        return to_iso_date(text)


class AmountDelegate(_LineDelegate):
    """Whole VND, with or without dots."""

    def to_text(self, value) -> str:
        """500000 as 500.000."""
        return format_vnd(value, unit=False) if isinstance(value, int) else str(value or "")

    def to_model(self, text: str):
        """'500.000' as 500000."""
        try:
            return parse_amount(text)
        except ValueError:
            return text.strip()


class NumberDelegate(_LineDelegate):
    """Minutes or km (a decimal comma is fine)."""

    def __init__(self, parent=None, *, decimal: bool = False):
        super().__init__(parent)
        self._decimal = decimal

    def to_text(self, value) -> str:
        """1.5 as '1,5'."""
        if isinstance(value, float):
            return format_number(value)
        return "" if value is None else str(value)

    def to_model(self, text: str):
        """A number when it reads as one, else the text (the store names the problem)."""
        text = text.strip()
        if not text:
            return None
        try:
            if self._decimal:
                return round(float(text.replace(",", ".")), 1)
            return int(text.replace(".", "").replace(",", ""))
        except ValueError:
            return text


class ConvenienceDelegate(_LineDelegate):
    """A digit from 1 to 5."""

    def __init__(self, parent=None):
        super().__init__(parent, validator=QIntValidator(1, 5))

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        """A one-digit line edit."""
        editor = super().createEditor(parent, option, index)
        editor.setMaxLength(1)
        return editor

    def to_model(self, text: str):
        """'4' as 4."""
        text = text.strip()
        return int(text) if text.isdigit() else None


class WithdrawnByEditor(QWidget):
    """Who withdrew: a choice, plus the proxy's name when a proxy did."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.combo = QComboBox(self)
        self.combo.addItem("—", "")
        for code, text in withdrawn_by_labels().items():
            self.combo.addItem(text, code)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Proxy's name"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.combo)
        lay.addWidget(self.name, 1)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.name.setEnabled(self.combo.currentData() == "proxy")

    def set_value(self, value) -> None:
        """(withdrawn_by, proxy_name)."""
        by, name = value if isinstance(value, tuple) else ("", "")
        self.combo.setCurrentIndex(max(0, self.combo.findData(by or "")))
        self.name.setText(name or "")

    def value(self) -> tuple[str, str]:
        """(withdrawn_by, proxy_name)."""
        return self.combo.currentData() or "", self.name.text().strip()


class WithdrawnByDelegate(QStyledItemDelegate):
    """Edits who withdrew (and the proxy's name)."""

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        """The choice and the name side by side."""
        return WithdrawnByEditor(parent)

    def setEditorData(self, editor, index):  # noqa: N802 (Qt API)
        """Show the row's value."""
        editor.set_value(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt API)
        """Keep the choice."""
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 (Qt API)
        """Wide enough for a name."""
        rect = option.rect
        rect.setWidth(max(rect.width(), 300))
        editor.setGeometry(rect)


class BarrierDelegate(QStyledItemDelegate):
    """Edits the barrier tags: a checkable list opened below the cell (Space ticks, Enter saves)."""

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        """The checkable list."""
        editor = BarrierList(parent)
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 (Qt API)
        """Tick the row's tags."""
        editor.set_codes(index.data(Qt.ItemDataRole.EditRole) or [])
        editor.setCurrentRow(0)

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt API)
        """Keep the ticked tags."""
        model.setData(index, editor.codes(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 (Qt API)
        """Open downwards (or upwards near the bottom), tall enough to read the list."""
        rect = option.rect
        width, height = max(rect.width(), 300), 280
        parent = editor.parentWidget()
        top = rect.top()
        if parent is not None and top + height > parent.height():
            top = max(0, rect.bottom() - height)
        left = rect.left()
        if parent is not None and left + width > parent.width():
            left = max(0, parent.width() - width)
        editor.setGeometry(left, top, width, height)


class _CurrentRowName(QStyledItemDelegate):
    """The name of the row being edited is shown as selected, so one sees whose row it is."""

    def __init__(self, grid: QTableView, parent=None):
        super().__init__(parent)
        self._grid = grid

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt API)
        super().initStyleOption(option, index)
        if index.row() == self._grid.currentIndex().row():
            option.state |= QStyle.StateFlag.State_Selected
            option.font.setBold(True)


class PaymentGrid(QTableView):
    """The grid: Enter saves a cell and moves to the row below; typing starts editing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        # The name column stays in sight while the far-right columns are edited (Qt's "frozen
        # column" example): a second view of the same model and selection lies over the left
        # edge, showing only the names; the other columns slide under it.
        self.frozen = QTableView(self)
        self.frozen.setObjectName("paymentGridNames")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().setVisible(False)
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.setWordWrap(False)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().stackUnder(self.frozen)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, new: self.frozen.setRowHeight(row, new)
        )
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        # a click on a name is a click on the grid: the keyboard stays in the grid
        self.frozen.clicked.connect(lambda _index: self.setFocus())
        self.frozen.doubleClicked.connect(self.doubleClicked)
        self.frozen.setItemDelegate(_CurrentRowName(self, self.frozen))

    def setModel(self, model) -> None:  # noqa: N802 (Qt API)
        """Show the names of the same rows, selected together."""
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.selectionModel().currentRowChanged.connect(lambda *_: self.frozen.viewport().update())
        for col in range(model.columnCount()):
            self.frozen.setColumnHidden(col, col != COL_NAME)
        self.frozen.setColumnWidth(COL_NAME, self.columnWidth(COL_NAME))
        self._place_frozen()

    def _section_resized(self, col: int, _old: int, new: int) -> None:
        if col == COL_NAME:
            self.frozen.setColumnWidth(COL_NAME, new)
            self._place_frozen()

    def _place_frozen(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            frame,
            frame,
            self.columnWidth(COL_NAME),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setFont(self.font())
        self.frozen.horizontalHeader().setFont(self.horizontalHeader().font())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_frozen()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        super().updateGeometries()
        self._place_frozen()

    def moveCursor(self, action, modifiers):  # noqa: N802 (Qt API)
        """Moving left to a cell under the names scrolls it out from under them."""
        current = super().moveCursor(action, modifiers)
        names = self.columnWidth(COL_NAME)
        if (
            action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() > COL_NAME
            and self.visualRect(current).left() < names
        ):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).left() - names)
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        """The name column never scrolls (it is always in sight)."""
        if index.column() != COL_NAME:
            super().scrollTo(index, hint)
            rect = self.visualRect(index)
            names = self.columnWidth(COL_NAME)
            if rect.left() < names:  # under the names: bring it out
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + rect.left() - names)

    def move_down(self) -> None:
        """Go to the same column in the next row."""
        current = self.currentIndex()
        if not current.isValid():
            return
        below = self.model().index(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 (Qt API)
        """After Enter in an editor, go down one row (like a spreadsheet)."""
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.move_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Enter (not editing) edits the cell (moves down on a cell that cannot be edited); F2
        or typing edits too. Arrows and Tab stay in the grid (Qt's table navigation)."""
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            current = self.currentIndex()
            if current.isValid() and current.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(current)
            else:
                self.move_down()
            return
        super().keyPressEvent(event)


class NotWithdrawnFilter(QSortFilterProxyModel):
    """Shows only rows without a withdrawal (re-applied when switched, not while typing)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.only_not_withdrawn = False
        self.setDynamicSortFilter(False)

    def set_only_not_withdrawn(self, on: bool) -> None:
        """Switch the filter."""
        self.only_not_withdrawn = on
        self.refilter()

    def refilter(self) -> None:
        """Apply the filter again (Qt 6.9 renamed invalidateFilter)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 (Qt API)
        """Keep the row unless it is withdrawn and the filter is on."""
        if not self.only_not_withdrawn:
            return True
        row = self.sourceModel().row_data(source_row)
        return row is not None and not_withdrawn(row)


class PaymentsView(QWidget):
    """The Payments page: pick a village and a month, record what happened to each person's money."""

    household_opened = Signal(str)
    changed = Signal()

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._generation = 0
        self._loaded_villages = False
        self._period: str | None = None
        self._can_import = False

        self.title = label(role="heading")
        self.intro = label(role="muted", wrap=True)
        self.village_label = QLabel(self)
        self.village_combo = QComboBox(self)
        self.village_combo.setObjectName("villageCombo")
        # wide enough for "Tổ dân phố số 12" at any text size (was 240 px: cut at 175 %)
        self.village_combo.setMinimumContentsLength(16)
        self.village_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.village_label.setBuddy(self.village_combo)
        self.month_label = QLabel(self)
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("monthCombo")
        for period in recent_months(24):
            self.month_combo.addItem(month_text(period), period)
        self.month_combo.setCurrentIndex(max(0, self.month_combo.findData(last_month())))
        self.month_label.setBuddy(self.month_combo)
        self.only_open = QCheckBox(self)
        self.only_open.setObjectName("notWithdrawnFilter")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importButton")
        self.import_button.setVisible(False)
        self.import_button.clicked.connect(self.open_import)
        self.household_button = QPushButton(self)
        self.household_button.clicked.connect(self._open_current_household)

        filters = FlowLayout(spacing=14)  # wraps to a second row at large text sizes
        filters.addWidget(labelled(self.village_label, self.village_combo))
        filters.addWidget(labelled(self.month_label, self.month_combo))
        filters.addWidget(self.only_open)
        filters.addWidget(self.household_button)
        filters.addWidget(self.import_button)

        self.model = PaymentGridModel(self)
        self.model.row_edited.connect(self.save_row)
        self.proxy = NotWithdrawnFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = PaymentGrid(self)
        self.table.setObjectName("paymentGrid")
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(True)  # Tab: the next column (Ctrl+Tab leaves the grid)
        self._delegates = {
            COL_AMOUNT: AmountDelegate(self.table),
            COL_CREDITED: DateDelegate(self.table, placeholder="dd/mm/yyyy"),
            COL_WITHDRAWN: DateDelegate(self.table, placeholder="dd/mm/yyyy"),
            COL_BY: WithdrawnByDelegate(self.table),
            COL_MINUTES: NumberDelegate(self.table),
            COL_DISTANCE: NumberDelegate(self.table, decimal=True),
            COL_FEES: AmountDelegate(self.table),
            COL_BARRIERS: BarrierDelegate(self.table),
            COL_CONVENIENCE: ConvenienceDelegate(self.table),
            COL_NOTE: _LineDelegate(self.table),
        }
        for col, delegate in self._delegates.items():
            self.table.setItemDelegateForColumn(col, delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {
            COL_NAME: 190,
            COL_CHANNEL: 135,
            COL_AMOUNT: 108,
            COL_CREDITED: 95,
            COL_WITHDRAWN: 95,
            COL_BY: 120,
            COL_MINUTES: 60,
            COL_DISTANCE: 60,
            COL_FEES: 60,
            COL_BARRIERS: 170,
            COL_CONVENIENCE: 60,
            COL_NOTE: 120,
        }
        self._widths = widths
        self.table.doubleClicked.connect(self._double_clicked)

        self.counts_label = label(role="muted")
        self.message = MessageLabel(self)
        self.help_label = label(role="muted", wrap=True)

        # At large text on a 720-pixel screen the texts left the grid one row: the grid keeps
        # room for a few rows and the page scrolls instead (page_scroll).
        self.table.setMinimumHeight(min_rows_height(self.table, 5))
        lay = scrolled_page(self)
        lay.setContentsMargins(16, 14, 16, 10)
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        lay.addLayout(filters)
        lay.addWidget(self.counts_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.help_label)

        self.village_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.month_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.only_open.toggled.connect(self._filter_changed)
        self.retranslateUi()

    # --- the shell's interface ---

    def activate(self) -> None:
        """Load the villages (first time) and the grid."""
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # opened with a click in the sidebar: the next key goes to the grid, not the sidebar
            # (from the keyboard, arrows keep moving through the sidebar)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        # the villages each time: a sync or a receipt may have brought new ones (the eleventh
        # tryout's list stayed at five until the app was restarted); the grid follows them
        self._ops.run(
            lambda store: (
                store.list_villages(),
                store.can("write:payment"),
                store.can("import_beneficiaries"),
            ),
            self._villages_arrived,
            key="payments-villages",
        )

    @property
    def period(self) -> str:
        """The month shown, 'YYYY-MM'."""
        return self.month_combo.currentData()

    @property
    def village_id(self) -> str | None:
        """The village shown (None: all villages)."""
        return self.village_combo.currentData() or None

    def set_filters(self, village_id: str | None = None, period: str | None = None) -> None:
        """Choose the village and month (tests and links from other pages)."""
        self.village_combo.blockSignals(True)
        self.month_combo.blockSignals(True)
        if village_id is not None:
            self.village_combo.setCurrentIndex(max(0, self.village_combo.findData(village_id)))
        if period is not None:
            if self.month_combo.findData(period) < 0:
                self.month_combo.addItem(month_text(period), period)
            self.month_combo.setCurrentIndex(self.month_combo.findData(period))
        self.village_combo.blockSignals(False)
        self.month_combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Read the grid of the chosen village and month on the worker."""
        if not self._loaded_villages:
            return
        self._generation += 1
        generation, period, village_id = self._generation, self.period, self.village_id

        def fn(store):
            grid = store.month_grid(period, village_id)
            details: dict[str, dict] = {}
            for person_id in {r["person_id"] for r in grid if r.get("payment_id")}:
                for payment in store.payments_for_person(person_id):
                    if payment.get("period") == period:
                        details[payment["benefit_id"]] = payment
            return grid_rows(grid, details)

        self.counts_label.setText(self.tr("Loading…"))
        self._ops.run(fn, lambda rows: self._rows_arrived(generation, period, rows))

    def save_row(self, benefit_id: str) -> None:
        """Save one row's payment for the month shown (``record_payment`` on the worker)."""
        row = self.model.row_of(benefit_id)
        if row < 0 or not self._period:
            return
        period, fields = self._period, self.model.payment_fields(row)
        self.model.set_state(benefit_id, "saving")

        def failed(exc):
            if not isinstance(exc, KnownError):
                self.model.set_state(
                    benefit_id, "error", self.tr("Not saved: something went wrong.")
                )
                self._ops.show_error(exc, self)
                return
            text = exc.message(current_lang())
            self.model.set_state(benefit_id, "error", text, getattr(exc, "field", None))
            name = (self.model.row_data(self.model.row_of(benefit_id)) or {}).get("full_name", "")
            self.message.show_error(
                self.tr("Not saved — %1: %2").replace("%1", name).replace("%2", text)
            )

        def done(saved):
            if period != self._period:
                return
            self.model.update_saved(benefit_id, saved, fields)
            self.message.clear_message()
            self._show_counts()
            self.changed.emit()

        self._ops.run(lambda store: store.record_payment(benefit_id, period, fields), done, failed)

    def open_import(self) -> None:
        """The official beneficiary list import (admins and team leads)."""
        from desktop_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self._ops, self)
        dialog.imported.connect(lambda _r: (self.reload(), self.changed.emit()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- internals ---

    def _villages_arrived(self, result) -> None:
        villages, can_write, can_import = result
        self._loaded_villages = True
        self._can_import = bool(can_import)
        self.import_button.setVisible(self._can_import)
        self.model.editable = bool(can_write)
        chosen = self.village_combo.currentData() if self.village_combo.count() else None
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        # "All villages" first, as on the Reports page (the fifteenth tryout found it last here);
        # the page still opens on the first village: a whole commune's month is a long grid
        self.village_combo.addItem(self.tr("All villages"), "")
        for v in villages:
            self.village_combo.addItem(v["name"], v["id"])
        first = 1 if villages else 0
        found = self.village_combo.findData(chosen) if chosen is not None else -1
        self.village_combo.setCurrentIndex(found if found >= 0 else first)
        self.village_combo.blockSignals(False)
        self._show_help()
        self.reload()

    def _rows_arrived(self, generation: int, period: str, rows: list[dict]) -> None:
        if generation != self._generation:
            return
        self._period = period
        self.model.set_rows(rows)
        self.proxy.refilter()
        self.message.clear_message()
        self._show_counts()
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, COL_CREDITED))

    def _show_counts(self) -> None:
        total, open_ = self.model.counts()
        shown = self.proxy.rowCount()
        text = (
            self.tr("Month %1: %2 recipients, %3 withdrawn, %4 not withdrawn yet")
            .replace("%1", month_text(self._period or self.period))
            .replace("%2", str(total))
            .replace("%3", str(total - open_))
            .replace("%4", str(open_))
        )
        if shown != total:
            text += " · " + self.tr("%1 shown").replace("%1", str(shown))
        if not total:
            text = self.tr("No active benefits in this village. Add them on a household's page.")
        self.counts_label.setText(text)

    def _filter_changed(self, on: bool) -> None:
        self.proxy.set_only_not_withdrawn(on)
        self._show_counts()

    def _current_row(self) -> dict | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_data(self.proxy.mapToSource(index).row())

    def _open_current_household(self) -> None:
        row = self._current_row()
        if row and row.get("household_id"):
            self.household_opened.emit(row["household_id"])

    def _double_clicked(self, index) -> None:
        if index.column() in (COL_NAME, COL_CHANNEL):
            self._open_current_household()

    def _show_help(self) -> None:
        if self.model.editable:
            self.help_label.setText(
                self.tr(
                    "Ctrl+3 puts the keyboard in the grid: arrows move, Enter or typing edits a "
                    "cell, Enter again saves it and moves down, Tab goes to the next column. "
                    "Dates as dd/mm/yyyy. Barriers: Space ticks a reason, Enter saves. "
                    "Double-click a name to open the household."
                )
            )
        else:
            self.help_label.setText(
                self.tr(
                    "Your role can see payments but not record them. Double-click a name "
                    "to open the household."
                )
            )

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ctrl+3 (the page given the focus) puts the keyboard in the grid."""
        super().focusInEvent(event)
        self.table.setFocus(event.reason())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Retranslate on a language change; fit the columns to a new text size."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()
            self.table.setMinimumHeight(min_rows_height(self.table, 5))
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Every visible text in the current language."""
        self.title.setText(self.tr("Payments this month"))
        self.intro.setText(
            self.tr(
                "After a payment day, record for each person when the money arrived, when they "
                "actually got it, with whose help, at what cost, and what got in the way."
            )
        )
        self.village_label.setText(self.tr("&Village:"))
        self.month_label.setText(self.tr("&Month:"))
        self.only_open.setText(self.tr("Only people who have not withdrawn yet"))
        self.import_button.setText(self.tr("Import beneficiary list…"))
        self.household_button.setText(self.tr("Open household"))
        self.table.setAccessibleName(self.tr("Payments of the month"))
        if self._loaded_villages:
            index = self.village_combo.findData("")
            if index >= 0:
                self.village_combo.setItemText(index, self.tr("All villages"))
            self._show_counts()
        self._show_help()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column at least as wide as its (translated) title and, for amounts and dates,
        their longest value; the widths grow with the text size."""
        font = QFont(self.table.horizontalHeader().font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        cell = self.table.fontMetrics()
        grow = max(1.0, cell.height() / 17)
        samples = {
            COL_AMOUNT: QLocale().toString(9_999_999),
            COL_FEES: QLocale().toString(999_999),
            COL_CREDITED: "28/12/2026",
            COL_WITHDRAWN: "28/12/2026",
        }
        for col, width in self._widths.items():
            title = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            value = cell.horizontalAdvance(samples[col]) + 16 if col in samples else 0
            self.table.setColumnWidth(
                col, max(int(width * grow), metrics.horizontalAdvance(title) + 22, value)
            )
